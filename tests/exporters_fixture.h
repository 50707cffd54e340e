/* exporters_fixture.h — a hand-built document for the exporter tests, and
 * a fake of the core's outputs that captures what init writes.
 *
 * original: 收入１２亿元，"增,长"\n=5%。   (37 bytes, 17 code points)
 * text:     收入12亿元，"增,长"=5%。     (32 bytes)
 * The full-width digits are folded (3 bytes -> 1) and the newline deleted,
 * so code-point offsets into the original differ from text byte offsets.
 */
#ifndef EXPORTERS_FIXTURE_H
#define EXPORTERS_FIXTURE_H

#include <math.h>
#include <string.h>

#include "../core/doc_internal.h"
#include "kiln/kiln.h"

#define FIXTURE_ORIGINAL "收入１２亿元，\"增,长\"\n=5%。"
#define FIXTURE_TEXT "收入12亿元，\"增,长\"=5%。"

static kiln_mention *fixture_mention(kiln_doc *d, size_t start, size_t end)
{
    kiln_mention *m = kiln_doc_add_mention(d, "numbers");
    m->span = (kiln_span){start, end};
    return m;
}

/* Build the fixture into a fresh document (kiln_doc_free it after). */
static kiln_doc *fixture_doc(const char *id)
{
    kiln_doc *d = kiln_doc_new();
    if (!d || kiln_doc_load(d, id, 0, FIXTURE_ORIGINAL,
                            strlen(FIXTURE_ORIGINAL)) < 0)
        return NULL;
    static const kiln_align_run runs[] = {
        {0, 6, 0, 6},   /* 收入 */
        {6, 1, 6, 3},   /* １ -> 1 */
        {7, 1, 9, 3},   /* ２ -> 2 */
        {8, 18, 12, 18}, /* 亿元，"增,长" */
        {26, 0, 30, 1}, /* newline deleted */
        {26, 6, 31, 6}, /* =5%。 */
    };
    kiln_align_run *r = kiln_arena_calloc(d->arena, 6, sizeof *r);
    memcpy(r, runs, sizeof runs);
    char *text = kiln_arena_strndup(d->arena, FIXTURE_TEXT,
                                    strlen(FIXTURE_TEXT));
    kiln_doc_set_text(d, text, strlen(text), r, 6);

    kiln_segment *s = kiln_doc_add_segment(d, "segment");
    *s = (kiln_segment){{0, 32}, KILN_SEG_PARAGRAPH, -1, 0, "segment"};
    s = kiln_doc_add_segment(d, "segment");
    *s = (kiln_segment){{0, 32}, KILN_SEG_SENTENCE, 0, 1, "segment"};
    s = kiln_doc_add_segment(d, "segment");
    *s = (kiln_segment){{0, 14}, KILN_SEG_CLAUSE, 1, 1, "segment"};
    s = kiln_doc_add_segment(d, "segment");
    *s = (kiln_segment){{14, 32}, KILN_SEG_CLAUSE, 1, 1, "segment"};

    kiln_mention *m = fixture_mention(d, 6, 14); /* 12亿元 */
    m->value = 1.2e9;
    m->magnitude = 1e8;
    m->unit = "元";
    m->kind = KILN_KIND_AMOUNT;
    m->sentence = 1;
    m->dimension = "money";
    m->si_value = 1.2e9;
    m->has_si = true;
    m->si_unit = "CNY";
    m->role = KILN_ROLE_ACHIEVED;
    m->indicator = "收入";

    m = fixture_mention(d, 26, 29); /* =5% */
    m->value = 5;
    m->value_max = 6.5;
    m->has_max = true;
    m->unit = "%";
    m->kind = KILN_KIND_PERCENT;
    m->qualifier = "以上";
    m->sentence = 1;
    m->role = KILN_ROLE_TARGET;
    m->indicator = "收入";
    m->commitment = KILN_COMMIT_SOFT;
    m->cue = "力争";

    m = fixture_mention(d, 14, 29); /* across the deleted newline */
    m->value = -0.3;
    m->kind = KILN_KIND_SLOGAN;

    kiln_comparison *c = kiln_doc_add_comparison(d, "targets");
    c->indicator = "收入";
    c->unit = "元";
    c->baseline = 0;
    c->target = 1;
    c->horizon_years = 5;
    c->has_horizon = true;
    c->progress = 0.5;
    c->gap = 3.5;
    c->required_growth = 0.1;
    c->has_growth = true;
    c->commitment = KILN_COMMIT_HARD;
    c->cue = "确保";
    c = kiln_doc_add_comparison(d, "targets");
    c->indicator = "收入";
    c->baseline = -1;
    c->target = 1;
    c->progress = NAN;
    c->diagnostic = "no baseline";

    kiln_doc_diag(d, "units", KILN_SEV_WARNING, (kiln_span){26, 29},
                  "unknown-unit", "=unknown \"担\",\there\x01");
    d->layers |= KILN_LAYER_SEGMENTS | KILN_LAYER_MENTIONS |
                 KILN_LAYER_UNITS | KILN_LAYER_ROLES | KILN_LAYER_COMPARISONS;
    return d;
}

#ifdef FIXTURE_FAKE_OUTPUT
/* The core's outputs, faked: init's writes (BOM, header) are captured. */
struct kiln_output {
    kiln_buf written;
    int opened;
};
static struct kiln_output fake_output;

kiln_output *kiln_output_open(const kiln_config *cfg, const char *path,
                              kiln_error *err)
{
    (void)cfg;
    if (strcmp(path, "-") != 0) {
        kiln_error_set(err, "%s: cannot open (fake)", path);
        return NULL;
    }
    kiln_buf_clear(&fake_output.written);
    fake_output.opened++;
    return &fake_output;
}

int kiln_output_write(kiln_output *out, const void *p, size_t n,
                      kiln_error *err)
{
    (void)err;
    return kiln_buf_append(&out->written, p, n);
}
#endif

#endif
