/* fuzz-segment.c — bytes -> document -> segment stage.
 *
 * Any byte string must either be refused (invalid UTF-8, one error line)
 * or give a text whose alignment and segments are consistent: runs
 * monotone and inside both strings, segments inside the text with parents
 * before children, and every text offset mapping back into the original.
 */
#include "fuzz.h"

#include "../../core/doc_internal.h"

extern const kiln_stage kiln_stage_segment;

static void check(const kiln_doc *doc)
{
    size_t t = 0, o = 0;
    for (size_t i = 0; i < doc->align_len; i++) {
        const kiln_align_run *r = &doc->align[i];
        if (r->text_off < t || r->orig_off < o ||
            r->text_off + r->text_len > doc->text_len ||
            r->orig_off + r->orig_len > doc->original_len)
            abort();
        t = r->text_off + r->text_len;
        o = r->orig_off + r->orig_len;
    }
    if (doc->text[doc->text_len] != '\0')
        abort();
    for (size_t i = 0; i < doc->segments.len; i++) {
        const kiln_segment *s = &doc->segments.items[i];
        if (s->span.start > s->span.end || s->span.end > doc->text_len ||
            s->parent >= (int32_t)i)
            abort();
        kiln_span_out so = kiln_doc_span_out(doc, s->span);
        if (so.cp_start > so.cp_end ||
            so.orig + so.orig_len > doc->original + doc->original_len)
            abort();
    }
    for (size_t k = 0; k <= doc->text_len; k += 1 + doc->text_len / 64)
        if (kiln_doc_text_to_orig(doc, k, false) > doc->original_len ||
            kiln_doc_text_to_orig(doc, k, true) > doc->original_len)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void *state;
    static kiln_doc *doc;
    if (!doc) {
        state = fuzz_stage_open(&kiln_stage_segment, NULL);
        if (!(doc = kiln_doc_new()))
            abort();
    }
    if (kiln_doc_load(doc, "fuzz", 0, (const char *)data, size) < 0)
        abort();
    kiln_error err = {0};
    if (kiln_stage_segment.process(state, doc, &err) == 0)
        check(doc);
    else if (!err.message[0] || strchr(err.message, '\n'))
        abort(); /* a refusal must say why, on one line */
    return 0;
}
