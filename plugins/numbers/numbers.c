/* numbers.c — the numbers stage: every figure of the text as a mention.
 *
 * init reads the unit lexicon (where a unit ends) and the stage's cue
 * lexicon into one read-only table; process scans doc->text once and adds
 * a mention per figure, with the sentence and clause that hold it, and a
 * "number-overflow" diagnostic for a numeral too large to read exactly.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kiln/kiln.h"
#include "numbers.h"

typedef struct numbers_options {
    const char *units;
    const char *cues;
} numbers_options;

static const kiln_option numbers_option_table[] = {
    {"units", KILN_OPT_PATH, "data/units-zh.tsv",
     offsetof(numbers_options, units),
     "unit lexicon (form, dimension, base_unit, factor): where a unit ends",
     NULL},
    {"cues", KILN_OPT_PATH, "data/numbers-zh.tsv",
     offsetof(numbers_options, cues),
     "cue lexicon: measure words, qualifiers, idioms, slogans", NULL},
    {NULL, 0, NULL, 0, NULL, NULL}};

typedef struct numbers_state {
    const char *label;
    kiln_arena *arena;
    numbers_lexicon *lex;
} numbers_state;

static void cb_fini(void *state)
{
    numbers_state *st = state;
    if (!st)
        return;
    numbers_lexicon_free(st->lex);
    kiln_arena_free(st->arena);
    free(st);
}

static int cb_init(const kiln_config *cfg, void **state, kiln_error *err)
{
    const numbers_options *opt = cfg->options;
    numbers_state *st = calloc(1, sizeof *st);
    if (!st || !(st->arena = kiln_arena_new()) ||
        !(st->label = kiln_arena_strndup(st->arena, cfg->label,
                                         strlen(cfg->label))) ||
        !(st->lex = numbers_lexicon_new(st->arena))) {
        cb_fini(st);
        return kiln_error_set(err, "numbers: out of memory");
    }
    if (!opt->units || !*opt->units || !opt->cues || !*opt->cues) {
        cb_fini(st);
        return kiln_error_set(err, "%s:%u: stage '%s': options 'units' and "
                              "'cues' need a lexicon path", cfg->source,
                              cfg->line, cfg->label);
    }
    if (numbers_lexicon_read_units(st->lex, opt->units, err) < 0 ||
        numbers_lexicon_read_cues(st->lex, opt->cues, err) < 0) {
        cb_fini(st);
        return -1;
    }
    *state = st;
    return 0;
}

/* Sentences (and headings) and clauses, each sorted by start, to find the
 * ones that hold a mention by binary search. */
typedef struct seg_index {
    int32_t *items;
    size_t n;
} seg_index;

static int index_segments(kiln_doc *doc, seg_index *sent, seg_index *clause)
{
    size_t n = doc->segments.len;
    sent->n = clause->n = 0;
    if (!n)
        return 0;
    sent->items = kiln_arena_calloc(doc->arena, n, sizeof(int32_t));
    clause->items = kiln_arena_calloc(doc->arena, n, sizeof(int32_t));
    if (!sent->items || !clause->items)
        return -1;
    for (size_t i = 0; i < n; i++) {
        kiln_segment_kind k = doc->segments.items[i].kind;
        if (k == KILN_SEG_SENTENCE || k == KILN_SEG_HEADING)
            sent->items[sent->n++] = (int32_t)i;
        else if (k == KILN_SEG_CLAUSE)
            clause->items[clause->n++] = (int32_t)i;
    }
    return 0;
}

/* The segment of IDX that holds byte offset AT, or -1. Segments of one
 * kind do not overlap and are appended in text order. */
static int32_t find_segment(const kiln_doc *doc, const seg_index *idx,
                            size_t at)
{
    size_t lo = 0, hi = idx->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->segments.items[idx->items[mid]].span.start <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return -1;
    const kiln_segment *s = &doc->segments.items[idx->items[lo - 1]];
    return at < s->span.end ? idx->items[lo - 1] : -1;
}

typedef struct doc_sink {
    const numbers_state *st;
    kiln_doc *doc;
    seg_index sent, clause;
} doc_sink;

static int add_hit(void *ctx, const numbers_hit *h)
{
    doc_sink *ds = ctx;
    kiln_doc *doc = ds->doc;
    kiln_mention *m = kiln_doc_add_mention(doc, ds->st->label);
    if (!m)
        return -1;
    m->span.start = h->start, m->span.end = h->end;
    m->value = h->value;
    m->value_max = h->value_max, m->has_max = h->has_max;
    m->magnitude = h->magnitude;
    m->kind = h->kind;
    m->unit = kiln_arena_strndup(doc->arena, h->unit, h->unit_len);
    m->qualifier = kiln_arena_strndup(doc->arena, h->qualifier,
                                      strlen(h->qualifier));
    if (!m->unit || !m->qualifier)
        return -1;
    m->sentence = find_segment(doc, &ds->sent, h->start);
    m->clause = find_segment(doc, &ds->clause, h->start);
    return 0;
}

static int add_overflow(void *ctx, size_t start, size_t end)
{
    doc_sink *ds = ctx;
    size_t shown = end - start;
    if (shown > 40) { /* quote the beginning, cut on a character */
        shown = 40;
        while (shown > 0 &&
               ((unsigned char)ds->doc->text[start + shown] & 0xC0) == 0x80)
            shown--;
    }
    return kiln_doc_diag(ds->doc, ds->st->label, KILN_SEV_WARNING,
                         (kiln_span){start, end}, "number-overflow",
                         "number too large to read exactly: %.*s%s",
                         (int)shown, ds->doc->text + start,
                         shown < end - start ? "..." : "");
}

static int cb_process(void *state, kiln_doc *doc, kiln_error *err)
{
    const numbers_state *st = state;
    doc_sink ds = {.st = st, .doc = doc};
    if (index_segments(doc, &ds.sent, &ds.clause) < 0)
        return kiln_error_set(err, "%s: out of memory", doc->id);
    numbers_sink sink = {add_hit, add_overflow, &ds};
    if (doc->text && numbers_scan(st->lex, doc->text, doc->text_len, &sink) < 0)
        return kiln_error_set(err, "%s: out of memory", doc->id);
    doc->layers |= KILN_LAYER_MENTIONS;
    return 0;
}

KILN_STAGE_EXPORT const kiln_stage kiln_stage_numbers = {
    KILN_STAGE_HEADER,
    .name = "numbers",
    .summary = "find every figure: span, value, unit, qualifier, kind",
    .options = numbers_option_table,
    .options_size = sizeof(numbers_options),
    .requires = KILN_LAYER_TEXT | KILN_LAYER_SEGMENTS,
    .provides = KILN_LAYER_MENTIONS,
    .init = cb_init,
    .process = cb_process,
    .finish = NULL,
    .fini = cb_fini,
};
