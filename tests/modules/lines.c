/* lines.c — test-only stage: the text is the original, one segment per
 * line. Fails a document that contains the `fail_on` string, so tests can
 * check that one bad document never costs the others their output. */
#include <stdlib.h>
#include <string.h>

#include "kiln/kiln.h"

typedef struct lines_options {
    const char *fail_on;
} lines_options;

static const kiln_option lines_option_table[] = {
    {.key = "fail_on", .type = KILN_OPT_STRING, .default_value = "",
     .offset = offsetof(lines_options, fail_on),
     .help = "fail any document containing this text"},
    {0}};

static int cb_init(const kiln_config *cfg, void **state, kiln_error *err)
{
    const lines_options *o = cfg->options;
    *state = (void *)o->fail_on;
    return 0;
}

static int cb_process(void *state, kiln_doc *doc, kiln_error *err)
{
    const char *fail_on = state;
    if (fail_on[0] && strstr(doc->original, fail_on))
        return kiln_error_set(err, "line %d: found '%s'", 1, fail_on);
    kiln_doc_set_text(doc, doc->original, doc->original_len, NULL, 0);
    size_t start = 0;
    int no = 0;
    while (start < doc->text_len) {
        const char *nl = memchr(doc->text + start, '\n', doc->text_len - start);
        size_t end = nl ? (size_t)(nl - doc->text) : doc->text_len;
        kiln_segment *s = kiln_doc_add_segment(doc, "lines");
        if (!s)
            return kiln_error_set(err, "out of memory");
        s->span = (kiln_span){start, end};
        s->kind = KILN_SEG_SENTENCE;
        s->sentence_no = ++no;
        start = end + 1;
    }
    return 0;
}

KILN_STAGE_EXPORT const kiln_stage kiln_stage_lines = {
    KILN_STAGE_HEADER,
    .name = "lines",
    .summary = "test: one segment per line",
    .options = lines_option_table,
    .options_size = sizeof(lines_options),
    .provides = KILN_LAYER_TEXT | KILN_LAYER_SEGMENTS,
    .init = cb_init,
    .process = cb_process,
};
