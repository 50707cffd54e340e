/* table.c — the output tables: column names and cells, for every exporter.
 *
 * Each table's columns are listed once, in an X-macro: the same list makes
 * the column enum (where a cell goes) and the name array (the header), so
 * names and cells cannot get out of step.
 */
#include "kiln/table.h"

#include <math.h>
#include <string.h>

/* ---- column lists ---------------------------------------------------- */

#define SEGMENT_COLUMNS(X)                                                 \
    X(S_DOC, "doc") X(S_INDEX, "index") X(S_KIND, "kind")                  \
    X(S_START, "start") X(S_END, "end") X(S_TEXT, "text")                  \
    X(S_PARENT, "parent") X(S_SENTENCE, "sentence") X(S_STAGE, "stage")

#define MENTION_COLUMNS(X)                                                 \
    X(M_DOC, "doc") X(M_MENTION, "mention") X(M_SENTENCE, "sentence")      \
    X(M_START, "start") X(M_END, "end") X(M_TEXT, "text")                  \
    X(M_VALUE, "value") X(M_VALUE_MAX, "value_max") X(M_UNIT, "unit")      \
    X(M_KIND, "kind") X(M_QUALIFIER, "qualifier")                          \
    X(M_DIMENSION, "dimension") X(M_SI_VALUE, "si_value")                  \
    X(M_SI_UNIT, "si_unit") X(M_ROLE, "role") X(M_INDICATOR, "indicator")  \
    X(M_COMMITMENT, "commitment") X(M_CUE, "cue") X(M_STAGE, "stage")

#define TARGET_COLUMNS(X)                                                  \
    X(T_DOC, "doc") X(T_INDICATOR, "indicator") X(T_UNIT, "unit")          \
    X(T_BASELINE_TEXT, "baseline_text")                                    \
    X(T_BASELINE_VALUE, "baseline_value")                                  \
    X(T_BASELINE_START, "baseline_start")                                  \
    X(T_TARGET_TEXT, "target_text") X(T_TARGET_VALUE, "target_value")      \
    X(T_TARGET_START, "target_start") X(T_QUALIFIER, "qualifier")          \
    X(T_HORIZON, "horizon_years") X(T_PROGRESS, "progress")                \
    X(T_GAP, "gap") X(T_GROWTH, "required_annual_growth")                  \
    X(T_DIAGNOSTICS, "diagnostics") X(T_COMMITMENT, "commitment")          \
    X(T_CUE, "cue") X(T_STAGE, "stage")

#define DIAGNOSTIC_COLUMNS(X)                                              \
    X(D_DOC, "doc") X(D_START, "start") X(D_END, "end")                    \
    X(D_SEVERITY, "severity") X(D_CODE, "code") X(D_MESSAGE, "message")    \
    X(D_STAGE, "stage")

#define AS_ENUM(id, name) id,
#define AS_NAME(id, name) name,

enum { SEGMENT_COLUMNS(AS_ENUM) S_COUNT_ };
enum { MENTION_COLUMNS(AS_ENUM) M_COUNT_ };
enum { TARGET_COLUMNS(AS_ENUM) T_COUNT_ };
enum { DIAGNOSTIC_COLUMNS(AS_ENUM) D_COUNT_ };

static const char *const segment_names[] = {SEGMENT_COLUMNS(AS_NAME)};
static const char *const mention_names[] = {MENTION_COLUMNS(AS_NAME)};
static const char *const target_names[] = {TARGET_COLUMNS(AS_NAME)};
static const char *const diagnostic_names[] = {DIAGNOSTIC_COLUMNS(AS_NAME)};

_Static_assert(S_COUNT_ <= KILN_TABLE_MAX_COLUMNS, "segments too wide");
_Static_assert(M_COUNT_ <= KILN_TABLE_MAX_COLUMNS, "mentions too wide");
_Static_assert(T_COUNT_ <= KILN_TABLE_MAX_COLUMNS, "targets too wide");
_Static_assert(D_COUNT_ <= KILN_TABLE_MAX_COLUMNS, "diagnostics too wide");

typedef struct table_def {
    const char *name;
    const char *const *columns;
    size_t n_columns;
    uint32_t layers;
    const char *maker; /* the stage that usually provides the layers */
} table_def;

static const table_def tables[KILN_TABLE_COUNT_] = {
    [KILN_TABLE_SEGMENTS] = {"segments", segment_names, S_COUNT_,
                             KILN_LAYER_SEGMENTS, "segment"},
    [KILN_TABLE_MENTIONS] = {"mentions", mention_names, M_COUNT_,
                             KILN_LAYER_MENTIONS, "numbers"},
    [KILN_TABLE_TARGETS] = {"targets", target_names, T_COUNT_,
                            KILN_LAYER_COMPARISONS, "targets"},
    [KILN_TABLE_DIAGNOSTICS] = {"diagnostics", diagnostic_names, D_COUNT_,
                                0, ""},
};

static const table_def *table_get(kiln_table_id t)
{
    return (unsigned)t < KILN_TABLE_COUNT_ ? &tables[t] : NULL;
}

const char *kiln_table_name(kiln_table_id t)
{
    const table_def *d = table_get(t);
    return d ? d->name : "";
}

const char *const *kiln_table_columns(kiln_table_id t, size_t *n)
{
    const table_def *d = table_get(t);
    *n = d ? d->n_columns : 0;
    return d ? d->columns : NULL;
}

uint32_t kiln_table_layers(kiln_table_id t)
{
    const table_def *d = table_get(t);
    return d ? d->layers : 0;
}

int kiln_table_check(const kiln_doc *doc, kiln_table_id t, const char *label,
                     kiln_error *err)
{
    const table_def *d = table_get(t);
    if (!d)
        return kiln_error_set(err, "%s: no table number %d", label, (int)t);
    if ((doc->layers & d->layers) != d->layers)
        return kiln_error_set(err, "%s table=%s needs the %s stage before it",
                              label, d->name, d->maker);
    return 0;
}

size_t kiln_table_row_count(const kiln_doc *doc, kiln_table_id t)
{
    switch (t) {
    case KILN_TABLE_SEGMENTS: return doc->segments.len;
    case KILN_TABLE_MENTIONS: return doc->mentions.len;
    case KILN_TABLE_TARGETS: return doc->comparisons.len;
    case KILN_TABLE_DIAGNOSTICS: return doc->diagnostics.len;
    default: return 0;
    }
}

/* ---- cells ----------------------------------------------------------- */

static void cell_empty(kiln_row *r, int col)
{
    r->cell[col] = (kiln_cell){"", 0, KILN_CELL_EMPTY};
}

static void cell_text(kiln_row *r, int col, const char *p, size_t len)
{
    r->cell[col] = (kiln_cell){p, len, KILN_CELL_TEXT};
}

static void cell_str(kiln_row *r, int col, const char *s)
{
    if (!s)
        s = "";
    cell_text(r, col, s, strlen(s));
}

/* Unsigned decimal without printf: offsets and indices are most cells. */
static size_t format_u64(char out[32], uint64_t v, bool negative)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    size_t k = 0;
    if (negative)
        out[k++] = '-';
    while (n)
        out[k++] = tmp[--n];
    out[k] = '\0';
    return k;
}

static void cell_uint(kiln_row *r, int col, uint64_t v)
{
    size_t len = format_u64(r->num[col], v, false);
    r->cell[col] = (kiln_cell){r->num[col], len, KILN_CELL_NUMBER};
}

/* A double, as kiln_format_double prints it. Whole numbers below 1e18
 * (most values) take a printf-free path that gives the same digits. */
static void cell_double(kiln_row *r, int col, double v)
{
    if (!isfinite(v)) {
        cell_empty(r, col);
        return;
    }
    size_t len;
    double a = fabs(v);
    if (a < 1e18 && a == floor(a)) {
        len = format_u64(r->num[col], (uint64_t)a, v < 0);
    } else {
        kiln_format_double(r->num[col], v);
        len = strlen(r->num[col]);
    }
    r->cell[col] = (kiln_cell){r->num[col], len, KILN_CELL_NUMBER};
}

/* start, end and text of a span, at three given columns. */
static void cell_span(const kiln_doc *doc, kiln_row *r, kiln_span span,
                      int start_col, int end_col, int text_col)
{
    kiln_span_out o = kiln_doc_span_out(doc, span);
    cell_uint(r, start_col, o.cp_start);
    if (end_col >= 0)
        cell_uint(r, end_col, o.cp_end);
    if (text_col >= 0)
        cell_text(r, text_col, o.orig, o.orig_len);
}

static const kiln_mention *mention_at(const kiln_doc *doc, int32_t i)
{
    return i >= 0 && (size_t)i < doc->mentions.len ? &doc->mentions.items[i]
                                                   : NULL;
}

static void segment_row(const kiln_doc *doc, size_t i, kiln_row *r)
{
    const kiln_segment *s = &doc->segments.items[i];
    r->n = S_COUNT_;
    cell_str(r, S_DOC, doc->id);
    cell_uint(r, S_INDEX, i + 1);
    cell_str(r, S_KIND, kiln_segment_kind_name(s->kind));
    cell_span(doc, r, s->span, S_START, S_END, S_TEXT);
    if (s->parent >= 0)
        cell_uint(r, S_PARENT, (uint64_t)s->parent + 1);
    else
        cell_empty(r, S_PARENT);
    if (s->sentence_no > 0)
        cell_uint(r, S_SENTENCE, (uint64_t)s->sentence_no);
    else
        cell_empty(r, S_SENTENCE);
    cell_str(r, S_STAGE, s->stage);
}

static void mention_row(const kiln_doc *doc, size_t i, kiln_row *r)
{
    const kiln_mention *m = &doc->mentions.items[i];
    r->n = M_COUNT_;
    cell_str(r, M_DOC, doc->id);
    cell_uint(r, M_MENTION, i + 1);
    int32_t sentence = kiln_doc_sentence_no(doc, m);
    if (sentence > 0)
        cell_uint(r, M_SENTENCE, (uint64_t)sentence);
    else
        cell_empty(r, M_SENTENCE);
    cell_span(doc, r, m->span, M_START, M_END, M_TEXT);
    cell_double(r, M_VALUE, m->value);
    if (m->has_max)
        cell_double(r, M_VALUE_MAX, m->value_max);
    else
        cell_empty(r, M_VALUE_MAX);
    cell_str(r, M_UNIT, m->unit);
    cell_str(r, M_KIND, kiln_kind_name(m->kind));
    cell_str(r, M_QUALIFIER, m->qualifier);
    cell_str(r, M_DIMENSION, m->dimension);
    if (m->has_si)
        cell_double(r, M_SI_VALUE, m->si_value);
    else
        cell_empty(r, M_SI_VALUE);
    cell_str(r, M_SI_UNIT, m->si_unit);
    cell_str(r, M_ROLE, kiln_role_name(m->role));
    cell_str(r, M_INDICATOR, m->indicator);
    cell_str(r, M_COMMITMENT, kiln_commitment_name(m->commitment));
    cell_str(r, M_CUE, m->cue);
    cell_str(r, M_STAGE, m->stage);
}

static void target_row(const kiln_doc *doc, size_t i, kiln_row *r)
{
    const kiln_comparison *c = &doc->comparisons.items[i];
    const kiln_mention *base = mention_at(doc, c->baseline);
    const kiln_mention *goal = mention_at(doc, c->target);
    r->n = T_COUNT_;
    cell_str(r, T_DOC, doc->id);
    cell_str(r, T_INDICATOR, c->indicator);
    cell_str(r, T_UNIT, c->unit);
    if (base) {
        cell_span(doc, r, base->span, T_BASELINE_START, -1, T_BASELINE_TEXT);
        cell_double(r, T_BASELINE_VALUE, base->value);
    } else {
        cell_empty(r, T_BASELINE_TEXT);
        cell_empty(r, T_BASELINE_VALUE);
        cell_empty(r, T_BASELINE_START);
    }
    if (goal) {
        cell_span(doc, r, goal->span, T_TARGET_START, -1, T_TARGET_TEXT);
        cell_double(r, T_TARGET_VALUE, goal->value);
    } else {
        cell_empty(r, T_TARGET_TEXT);
        cell_empty(r, T_TARGET_VALUE);
        cell_empty(r, T_TARGET_START);
    }
    cell_str(r, T_QUALIFIER, c->qualifier);
    if (c->has_horizon)
        cell_double(r, T_HORIZON, c->horizon_years);
    else
        cell_empty(r, T_HORIZON);
    if (base && goal) {
        cell_double(r, T_PROGRESS, c->progress);
        cell_double(r, T_GAP, c->gap);
    } else {
        cell_empty(r, T_PROGRESS);
        cell_empty(r, T_GAP);
    }
    if (c->has_growth)
        cell_double(r, T_GROWTH, c->required_growth);
    else
        cell_empty(r, T_GROWTH);
    cell_str(r, T_DIAGNOSTICS, c->diagnostic);
    cell_str(r, T_COMMITMENT, kiln_commitment_name(c->commitment));
    cell_str(r, T_CUE, c->cue);
    cell_str(r, T_STAGE, c->stage);
}

static void diagnostic_row(const kiln_doc *doc, size_t i, kiln_row *r)
{
    const kiln_diagnostic *g = &doc->diagnostics.items[i];
    r->n = D_COUNT_;
    cell_str(r, D_DOC, doc->id);
    cell_span(doc, r, g->span, D_START, D_END, -1);
    cell_str(r, D_SEVERITY, kiln_severity_name(g->severity));
    cell_str(r, D_CODE, g->code);
    cell_str(r, D_MESSAGE, g->message);
    cell_str(r, D_STAGE, g->stage);
}

void kiln_table_row(const kiln_doc *doc, kiln_table_id t, size_t i,
                    kiln_row *r)
{
    r->n = 0;
    if (i >= kiln_table_row_count(doc, t))
        return;
    switch (t) {
    case KILN_TABLE_SEGMENTS: segment_row(doc, i, r); break;
    case KILN_TABLE_MENTIONS: mention_row(doc, i, r); break;
    case KILN_TABLE_TARGETS: target_row(doc, i, r); break;
    case KILN_TABLE_DIAGNOSTICS: diagnostic_row(doc, i, r); break;
    default: break;
    }
}

int kiln_table_write(kiln_doc *doc, kiln_table_id table, kiln_output *out,
                     const char *label, kiln_table_put_row put,
                     const void *ctx, kiln_error *err)
{
    if (kiln_table_check(doc, table, label, err) < 0)
        return -1;
    kiln_buf *b = kiln_doc_output(doc, out);
    if (!b)
        return kiln_error_set(err, "%s: out of memory", label);
    size_t rows = kiln_table_row_count(doc, table);
    kiln_row row;
    for (size_t i = 0; i < rows; i++) {
        kiln_table_row(doc, table, i, &row);
        if (put(b, &row, ctx) < 0)
            return kiln_error_set(err, "%s: out of memory", label);
    }
    return 0;
}
