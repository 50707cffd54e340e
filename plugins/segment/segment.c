/* segment.c — the segment stage: validates the original, writes the
 * normalized text with its alignment (normalize.c) and the paragraphs,
 * headings, sentences and clauses (split.c). The first stage of every
 * pipeline; it has no options. */
#include <stdlib.h>
#include <string.h>

#include "kiln/kiln.h"
#include "segment.h"

typedef struct segment_state {
    char *label; /* provenance of every segment */
} segment_state;

/* 1-based line of byte OFF: LF, CRLF and a lone CR each end a line. */
static size_t line_of(const char *s, size_t off)
{
    size_t line = 1;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n')))
            line++;
    return line;
}

static int cb_init(const kiln_config *cfg, void **state, kiln_error *err)
{
    segment_state *st = calloc(1, sizeof *st);
    if (st)
        st->label = strdup(cfg->label ? cfg->label : "segment");
    if (!st || !st->label) {
        free(st);
        return kiln_error_set(err, "segment: out of memory");
    }
    *state = st;
    return 0;
}

static int cb_process(void *state, kiln_doc *doc, kiln_error *err)
{
    const segment_state *st = state;
    size_t bad;
    const char *why;
    if (!kiln_doc_original_checked(doc) &&
        kiln_utf8_validate(doc->original, doc->original_len, &bad, &why) < 0) {
        unsigned char c = (unsigned char)doc->original[bad];
        return kiln_error_set(err, "%s (0x%02x) at byte %zu (line %zu)", why,
                              c, bad, line_of(doc->original, bad));
    }
    seg_marks marks = {{0}, {0}, {0}, {0}};
    int rc = seg_normalize(doc, &marks) < 0 ||
             seg_split(doc, st->label, &marks) < 0;
    seg_marks_free(&marks);
    if (rc)
        return kiln_error_set(err, "segment: out of memory");
    doc->layers |= KILN_LAYER_TEXT | KILN_LAYER_SEGMENTS;
    return 0;
}

static void cb_fini(void *state)
{
    segment_state *st = state;
    if (st)
        free(st->label);
    free(st);
}

KILN_STAGE_EXPORT const kiln_stage kiln_stage_segment = {
    KILN_STAGE_HEADER,
    .name = "segment",
    .summary = "validate UTF-8, normalize the text (full-width forms, cut "
               "lines, stray spaces) and split paragraphs, headings, "
               "sentences and clauses",
    .options = NULL,
    .options_size = 0,
    .requires = 0,
    .provides = KILN_LAYER_TEXT | KILN_LAYER_SEGMENTS,
    .init = cb_init,
    .process = cb_process,
    .finish = NULL,
    .fini = cb_fini,
};
