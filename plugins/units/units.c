/* units.c — the units stage: gives each mention a dimension and its value
 * in a base unit, from a lexicon of written units (data/units-zh.tsv).
 *
 * A mention's written unit (set by the numbers stage, magnitude characters
 * already applied to the value) is looked up whole; failing that, with
 * magnitude prefixes such as 万 stripped and applied, then as a quotient
 * A/B (元/吨). An amount preceded, in its clause, by a per-capita cue of
 * the lexicon (人均, 户均) is marked per capita. A unit the lexicon does not
 * know leaves the mention without dimension and adds an "unknown-unit"
 * diagnostic naming the line of the original document: nothing is guessed
 * and no mention is dropped. Ranks, ordinals, dates and slogans carry no
 * physical quantity and are left alone.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kiln/kiln.h"
#include "units.h"

typedef struct units_options {
    const char *lexicon;
} units_options;

typedef struct units_state {
    const char *label;
    units_lexicon lex;
} units_state;

static const kiln_option units_option_table[] = {
    {"lexicon", KILN_OPT_PATH, "data/units-zh.tsv",
     offsetof(units_options, lexicon),
     "unit lexicon, TSV: form, dimension, base unit, factor; '#!dimensions', "
     "'#!per-capita' and '#!magnitudes' lines declare the rest",
     NULL},
    {NULL, 0, NULL, 0, NULL, NULL}};

static void units_fini(void *state)
{
    units_state *st = state;
    if (!st)
        return;
    units_lexicon_free(&st->lex);
    free(st);
}

static int units_init(const kiln_config *cfg, void **state, kiln_error *err)
{
    const units_options *opt = cfg->options;
    if (!opt || !opt->lexicon || !*opt->lexicon)
        return kiln_error_set(err, "%s:%u: [%s]: option 'lexicon' is empty",
                              cfg->source ? cfg->source : "-", cfg->line,
                              cfg->label ? cfg->label : "units");
    units_state *st = calloc(1, sizeof *st);
    if (!st)
        return kiln_error_set(err, "units: out of memory");
    if (units_lexicon_load(&st->lex, opt->lexicon, err) < 0) {
        free(st);
        return -1;
    }
    /* Records point at the label: keep a copy that lives as long as we do. */
    const char *label = cfg->label ? cfg->label : "units";
    st->label = kiln_arena_strndup(st->lex.arena, label, strlen(label));
    if (!st->label) {
        units_fini(st);
        return kiln_error_set(err, "units: out of memory");
    }
    *state = st;
    return 0;
}

/* Kinds that measure something; the others (rank, ordinal, date, slogan)
 * have no physical dimension, whatever word follows their number. */
static bool kind_has_unit(kiln_mention_kind kind)
{
    return kind == KILN_KIND_AMOUNT || kind == KILN_KIND_PERCENT ||
           kind == KILN_KIND_PERCENTAGE_POINT || kind == KILN_KIND_DURATION;
}

static bool is_clause_break(const char *p, size_t avail)
{
    static const char *const breaks[] = {"。", "，", "；", "：", "、", "！",
                                         "？", ",", ";", ":", "!", "?", "\n"};
    for (size_t i = 0; i < sizeof breaks / sizeof *breaks; i++) {
        size_t n = strlen(breaks[i]);
        if (n <= avail && memcmp(p, breaks[i], n) == 0)
            return true;
    }
    return false;
}

/* Where the clause holding M starts: its clause (or sentence) segment if
 * the segmenter made one, else the byte after the last clause break. */
static size_t clause_start(const kiln_doc *doc, const kiln_mention *m)
{
    int32_t seg = m->clause >= 0 ? m->clause : m->sentence;
    if (seg >= 0 && (size_t)seg < doc->segments.len &&
        doc->segments.items[seg].span.start <= m->span.start)
        return doc->segments.items[seg].span.start;
    size_t start = m->span.start;
    while (start > 0) {
        size_t prev = start - 1; /* step back to a UTF-8 lead byte */
        while (prev > 0 && ((unsigned char)doc->text[prev] & 0xC0) == 0x80)
            prev--;
        if (is_clause_break(doc->text + prev, start - prev))
            break;
        start = prev;
    }
    return start;
}

/* A per-capita cue between the clause start and the number. */
static bool per_capita(const units_lexicon *lex, const kiln_doc *doc,
                       const kiln_mention *m)
{
    if (!lex->n_per_capita || !doc->text || m->span.start > doc->text_len)
        return false;
    size_t from = clause_start(doc, m);
    const char *hay = doc->text + from;
    size_t hay_len = m->span.start - from;
    for (size_t i = 0; i < lex->n_per_capita; i++) {
        const char *cue = lex->per_capita[i];
        if (memmem(hay, hay_len, cue, strlen(cue)))
            return true;
    }
    return false;
}

/* 1-based line in the original document of text offset OFF. *MEMO keeps
 * the last answer so a document's diagnostics cost one pass in all. */
typedef struct line_memo {
    size_t orig_off, line;
} line_memo;

static size_t original_line(const kiln_doc *doc, size_t off, line_memo *memo)
{
    size_t target = doc->text ? kiln_doc_text_to_orig(doc, off, false) : off;
    if (target > doc->original_len)
        target = doc->original_len;
    if (target < memo->orig_off)
        *memo = (line_memo){0, 1};
    for (size_t i = memo->orig_off; i < target; i++)
        if (doc->original[i] == '\n')
            memo->line++;
    memo->orig_off = target;
    return memo->line;
}

static int units_process(void *state, kiln_doc *doc, kiln_error *err)
{
    const units_state *st = state;
    line_memo memo = {0, 1};
    for (size_t i = 0; i < doc->mentions.len; i++) {
        kiln_mention *m = &doc->mentions.items[i];
        if (!kind_has_unit(m->kind) || !m->unit || !*m->unit)
            continue;
        units_resolved r;
        int found = units_resolve(&st->lex, m->unit, doc->arena, &r);
        if (found < 0)
            return kiln_error_set(err, "units: out of memory");
        if (found == 0) {
            size_t line = original_line(doc, m->span.start, &memo);
            if (kiln_doc_diag(doc, st->label, KILN_SEV_WARNING, m->span,
                              "unknown-unit", "unknown unit %s at line %zu",
                              m->unit, line) < 0)
                return kiln_error_set(err, "units: out of memory");
            continue;
        }
        m->dimension = r.dimension;
        m->si_unit = r.base;
        m->si_value = m->value * r.num / r.den;
        m->si_value_max = m->has_max ? m->value_max * r.num / r.den : 0;
        m->has_si = true;
        m->per_capita = m->kind == KILN_KIND_AMOUNT &&
                        per_capita(&st->lex, doc, m);
    }
    doc->layers |= KILN_LAYER_UNITS;
    return 0;
}

KILN_STAGE_EXPORT const kiln_stage kiln_stage_units = {
    KILN_STAGE_HEADER,
    .name = "units",
    .summary = "give each mention a dimension and a value in a base unit "
               "(CNY, m2, kg ...) from a unit lexicon",
    .options = units_option_table,
    .options_size = sizeof(units_options),
    .requires = KILN_LAYER_MENTIONS,
    .provides = KILN_LAYER_UNITS,
    .init = units_init,
    .process = units_process,
    .fini = units_fini,
};
