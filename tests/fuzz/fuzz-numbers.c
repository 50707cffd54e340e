/* fuzz-numbers.c — the number parser and the whole figure pipeline.
 *
 * The input goes to numbers_parse_numeral at every character start and to
 * numbers_scan (both want valid UTF-8, as the segmenter guarantees), then
 * as a document through segment, numbers, units and targets. Checks: no
 * numeral longer than its input, spans inside the text, no NaN value
 * unless flagged as overflow.
 */
#include <math.h>

#include "fuzz.h"

#include "../../core/doc_internal.h"
#include "../../plugins/numbers/numbers.h"

extern const kiln_stage kiln_stage_segment, kiln_stage_numbers,
    kiln_stage_units, kiln_stage_targets;

typedef struct fuzz_ctx {
    size_t len;
} fuzz_ctx;

static int on_hit(void *ctx, const numbers_hit *h)
{
    const fuzz_ctx *c = ctx;
    if (h->start > h->end || h->end > c->len || isnan(h->value))
        abort();
    return 0;
}

static int on_overflow(void *ctx, size_t start, size_t end)
{
    const fuzz_ctx *c = ctx;
    if (start > end || end > c->len)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void *seg, *num, *uni, *tgt;
    static kiln_doc *doc;
    static numbers_lexicon *lex;
    static kiln_arena *arena;
    if (!doc) {
        seg = fuzz_stage_open(&kiln_stage_segment, NULL);
        num = fuzz_stage_open(&kiln_stage_numbers, "units",
                              "data/units-zh.tsv", "cues",
                              "data/numbers-zh.tsv", NULL);
        uni = fuzz_stage_open(&kiln_stage_units, "lexicon",
                              "data/units-zh.tsv", NULL);
        tgt = fuzz_stage_open(&kiln_stage_targets, "cues", "data/cues-zh.tsv",
                              "indicators", "data/indicators-zh.tsv", NULL);
        char path[4096];
        kiln_error err = {0};
        if (!(doc = kiln_doc_new()) || !(arena = kiln_arena_new()) ||
            !(lex = numbers_lexicon_new(arena)))
            abort();
        snprintf(path, sizeof path, "%s/data/units-zh.tsv", fuzz_data_dir());
        if (numbers_lexicon_read_units(lex, path, &err) < 0)
            fuzz_die("units lexicon", &err);
        snprintf(path, sizeof path, "%s/data/numbers-zh.tsv", fuzz_data_dir());
        if (numbers_lexicon_read_cues(lex, path, &err) < 0)
            fuzz_die("cues lexicon", &err);
    }
    const char *s = (const char *)data;
    size_t bad;
    const char *why;
    if (kiln_utf8_validate(s, size, &bad, &why) == 0) {
        for (size_t i = 0; i < size && i < 256; i++) {
            if (((unsigned char)s[i] & 0xC0) == 0x80)
                continue;
            numbers_numeral n;
            size_t got = numbers_parse_numeral(s + i, size - i,
                                               i & 1 ? lex : NULL, &n);
            if (got > size - i || got != n.len ||
                (got && !n.overflow && isnan(n.value)))
                abort();
        }
        fuzz_ctx ctx = {size};
        numbers_sink sink = {on_hit, on_overflow, &ctx};
        numbers_scan(lex, s, size, &sink);
    }
    kiln_error err = {0};
    if (kiln_doc_load(doc, "fuzz", 0, s, size) < 0)
        abort();
    if (kiln_stage_segment.process(seg, doc, &err) < 0)
        return 0;
    if (kiln_stage_numbers.process(num, doc, &err) < 0 ||
        kiln_stage_units.process(uni, doc, &err) < 0 ||
        kiln_stage_targets.process(tgt, doc, &err) < 0)
        fuzz_die("stage failed on valid text", &err);
    for (size_t i = 0; i < doc->mentions.len; i++) {
        const kiln_mention *m = &doc->mentions.items[i];
        if (m->span.start > m->span.end || m->span.end > doc->text_len)
            abort();
        (void)kiln_doc_span_out(doc, m->span);
    }
    for (size_t i = 0; i < doc->comparisons.len; i++) {
        const kiln_comparison *c = &doc->comparisons.items[i];
        if (c->target < 0 || (size_t)c->target >= doc->mentions.len ||
            c->baseline >= (int32_t)doc->mentions.len)
            abort();
    }
    return 0;
}
