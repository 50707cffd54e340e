/* numbers.c — the numbers stage: every figure of the text as a mention.
 *
 * init reads the unit lexicon (where a unit ends) and the stage's cue
 * lexicon into one read-only table; process scans doc->text once and adds
 * a mention per figure, with the sentence and clause that hold it, and a
 * "number-overflow" diagnostic for a numeral too large to read exactly.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
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
    if (numbers_lexicon_read_both(st->lex, opt->units, opt->cues, err) < 0) {
        cb_fini(st);
        return -1;
    }
    *state = st;
    return 0;
}

/* Where mentions find their sentence and clause. Segments come depth
 * first in document order with starts that never decrease (doc.h), and
 * mentions arrive in text order, so one walk over the segments, merged
 * with the mentions, finds both: the last sentence (or heading) and the
 * last clause that start at or before the mention. */
typedef struct seg_cursor {
    size_t next;        /* first segment that started after the last query */
    size_t last_at;     /* the last query */
    int32_t sentence;   /* last sentence or heading before NEXT, or -1 */
    int32_t clause;     /* last clause before NEXT, or -1 */
} seg_cursor;

static void seg_cursor_reset(seg_cursor *cur)
{
    cur->next = 0, cur->last_at = 0;
    cur->sentence = cur->clause = -1;
}

/* Index of SEG if it holds byte offset AT, else -1. */
static int32_t holding(const kiln_doc *doc, int32_t seg, size_t at)
{
    return seg >= 0 && at < doc->segments.items[seg].span.end ? seg : -1;
}

/* The sentence and clause that hold byte offset AT (-1 for none). */
static void find_segments(const kiln_doc *doc, seg_cursor *cur, size_t at,
                          int32_t *sentence, int32_t *clause)
{
    if (at < cur->last_at) /* out of order: walk again from the start */
        seg_cursor_reset(cur);
    cur->last_at = at;
    const kiln_segment *segs = doc->segments.items;
    size_t n = doc->segments.len;
    for (; cur->next < n && segs[cur->next].span.start <= at; cur->next++) {
        kiln_segment_kind k = segs[cur->next].kind;
        if (k == KILN_SEG_SENTENCE || k == KILN_SEG_HEADING)
            cur->sentence = (int32_t)cur->next;
        else if (k == KILN_SEG_CLAUSE)
            cur->clause = (int32_t)cur->next;
    }
    *sentence = holding(doc, cur->sentence, at);
    *clause = holding(doc, cur->clause, at);
}

/* Copies already made in the document's arena of the lexicon's strings
 * (units, qualifiers): a report repeats a handful of them (万元, %, 亿元)
 * in most of its mentions, and records never change a string. */
#define COPY_SLOTS 16

typedef struct doc_sink {
    const numbers_state *st;
    kiln_doc *doc;
    seg_cursor segments;
    const char *copy_of[COPY_SLOTS]; /* the string copied (key) */
    size_t copy_len[COPY_SLOTS];
    const char *copy[COPY_SLOTS];    /* its copy in doc->arena */
} doc_sink;

/* S (LEN bytes, no NUL needed) as a string in the document's arena;
 * NULL when out of memory. */
static const char *doc_string(doc_sink *ds, const char *s, size_t len)
{
    size_t slot = (size_t)((uintptr_t)s >> 2) % COPY_SLOTS;
    if (ds->copy_of[slot] == s && ds->copy_len[slot] == len)
        return ds->copy[slot];
    const char *copy = kiln_arena_strndup(ds->doc->arena, s, len);
    if (copy) {
        ds->copy_of[slot] = s, ds->copy_len[slot] = len;
        ds->copy[slot] = copy;
    }
    return copy;
}

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
    /* an empty unit or qualifier keeps the mention's default "" */
    if (h->unit_len && !(m->unit = doc_string(ds, h->unit, h->unit_len)))
        return -1;
    if (*h->qualifier &&
        !(m->qualifier = doc_string(ds, h->qualifier, strlen(h->qualifier))))
        return -1;
    find_segments(doc, &ds->segments, h->start, &m->sentence, &m->clause);
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
    seg_cursor_reset(&ds.segments);
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
