/* doc.c — document layers, alignment and offset conversion. */
#include "doc_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena_internal.h"
#include "kiln/utf8.h"

/* One code-point checkpoint every CP_STRIDE bytes of original. */
#define CP_STRIDE 256u

typedef struct doc_output {
    kiln_output *out;
    kiln_buf buf;
} doc_output;

struct kiln_doc_private {
    doc_output *outputs; /* malloc-backed: kept across documents */
    size_t n_outputs, cap_outputs;
    size_t *cp_index;    /* code points before byte k*CP_STRIDE; arena */
    size_t cp_index_len;
    size_t cp_index_filled; /* entries computed so far (built lazily) */
    bool original_checked; /* valid UTF-8 without NUL, known at load */
};

kiln_doc *kiln_doc_new(void)
{
    kiln_doc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->priv = calloc(1, sizeof *d->priv);
    d->arena = kiln_arena_new();
    if (!d->priv || !d->arena) {
        kiln_doc_free(d);
        return NULL;
    }
    return d;
}

void kiln_doc_free(kiln_doc *d)
{
    if (!d)
        return;
    if (d->priv) {
        for (size_t i = 0; i < d->priv->cap_outputs; i++)
            kiln_buf_free(&d->priv->outputs[i].buf);
        free(d->priv->outputs);
        free(d->priv);
    }
    kiln_arena_free(d->arena);
    free(d);
}

/* Forget the previous document. */
static void doc_reset(kiln_doc *d, size_t input_no)
{
    struct kiln_doc_private *p = d->priv;
    kiln_arena_reset(d->arena);
    for (size_t i = 0; i < p->n_outputs; i++)
        kiln_buf_clear(&p->outputs[i].buf);
    p->n_outputs = 0;
    p->cp_index = NULL;
    p->cp_index_len = 0;
    p->cp_index_filled = 0;
    p->original_checked = false;
    memset(&d->segments, 0, sizeof d->segments);
    memset(&d->mentions, 0, sizeof d->mentions);
    memset(&d->comparisons, 0, sizeof d->comparisons);
    memset(&d->diagnostics, 0, sizeof d->diagnostics);
    d->id = NULL;
    d->original = NULL;
    d->original_len = 0;
    d->text = NULL;
    d->text_len = 0;
    d->align = NULL;
    d->align_len = 0;
    d->layers = 0;
    d->input_no = input_no;
}

int kiln_doc_load(kiln_doc *d, const char *id, size_t input_no,
                  const char *bytes, size_t len)
{
    doc_reset(d, input_no);
    d->id = kiln_arena_strndup(d->arena, id, strlen(id));
    char *copy = kiln_arena_strndup(d->arena, bytes, len);
    if (!d->id || !copy)
        return -1;
    d->original = copy;
    d->original_len = len;
    return 0;
}

char *kiln_doc_begin(kiln_doc *d, size_t input_no, size_t cap)
{
    doc_reset(d, input_no);
    if (cap == SIZE_MAX)
        return NULL;
    char *buf = kiln_arena_take(d->arena, cap + 1);
    if (buf) {
        buf[0] = '\0';
        d->original = buf;
    }
    return buf;
}

void kiln_doc_commit(kiln_doc *d, const char *id, size_t len)
{
    char *buf = (char *)d->original;
    buf[len] = '\0';
    d->original_len = len;
    d->id = id;
}

void kiln_doc_mark_checked(kiln_doc *d)
{
    d->priv->original_checked = true;
}

bool kiln_doc_original_checked(const kiln_doc *d)
{
    return d->priv->original_checked;
}

size_t kiln_doc_output_count(const kiln_doc *d)
{
    return d->priv->n_outputs;
}

kiln_buf *kiln_doc_output_at(kiln_doc *d, size_t i, kiln_output **out)
{
    *out = d->priv->outputs[i].out;
    return &d->priv->outputs[i].buf;
}

kiln_buf *kiln_doc_output(kiln_doc *d, kiln_output *out)
{
    struct kiln_doc_private *p = d->priv;
    for (size_t i = 0; i < p->n_outputs; i++)
        if (p->outputs[i].out == out)
            return &p->outputs[i].buf;
    if (p->n_outputs == p->cap_outputs) {
        size_t cap = p->cap_outputs ? p->cap_outputs * 2 : 4;
        doc_output *o = realloc(p->outputs, cap * sizeof *o);
        if (!o)
            return NULL;
        memset(o + p->cap_outputs, 0, (cap - p->cap_outputs) * sizeof *o);
        p->outputs = o;
        p->cap_outputs = cap;
    }
    doc_output *o = &p->outputs[p->n_outputs++];
    o->out = out;
    kiln_buf_clear(&o->buf);
    return &o->buf;
}

/* Grow a layer inside the arena: in place when the array is the arena's
 * last allocation, else by doubling into a new array (the old one stays
 * in the arena until the document ends: the waste stays below the live
 * size). Returns 0, or -1 when out of memory. */
static int vec_grow(kiln_arena *a, void **items, size_t *cap, size_t len,
                    size_t size)
{
    size_t ncap = *cap ? *cap * 2 : 16;
    if (ncap > SIZE_MAX / size)
        return -1;
    if (!*cap || !kiln_arena_extend(a, *items, *cap * size, ncap * size)) {
        /* not cleared: the copy and each new slot's memset fill it */
        void *n = kiln_arena_take(a, ncap * size);
        if (!n)
            return -1;
        if (len)
            memcpy(n, *items, len * size);
        *items = n;
    }
    *cap = ncap;
    return 0;
}

/* Append a zeroed record (the common case inline: room is left). */
static inline void *vec_push(kiln_arena *a, void **items, size_t *len,
                             size_t *cap, size_t size)
{
    if (*len == *cap && vec_grow(a, items, cap, *len, size) < 0)
        return NULL;
    void *slot = (char *)*items + (*len)++ * size;
    memset(slot, 0, size);
    return slot;
}

#define VEC_PUSH(doc, vec)                                                 \
    vec_push((doc)->arena, (void **)&(vec).items, &(vec).len, &(vec).cap,  \
             sizeof *(vec).items)

kiln_segment *kiln_doc_add_segment(kiln_doc *d, const char *stage)
{
    kiln_segment *s = VEC_PUSH(d, d->segments);
    if (!s)
        return NULL;
    s->parent = -1;
    s->stage = stage ? stage : "";
    return s;
}

kiln_mention *kiln_doc_add_mention(kiln_doc *d, const char *stage)
{
    kiln_mention *m = VEC_PUSH(d, d->mentions);
    if (!m)
        return NULL;
    m->magnitude = 1;
    m->unit = m->qualifier = m->dimension = m->si_unit = "";
    m->indicator = m->cue = "";
    m->sentence = m->clause = -1;
    m->stage = stage ? stage : "";
    return m;
}

kiln_comparison *kiln_doc_add_comparison(kiln_doc *d, const char *stage)
{
    kiln_comparison *c = VEC_PUSH(d, d->comparisons);
    if (!c)
        return NULL;
    c->indicator = c->unit = c->qualifier = c->cue = c->diagnostic = "";
    c->baseline = c->target = -1;
    c->stage = stage ? stage : "";
    return c;
}

int kiln_doc_diag(kiln_doc *d, const char *stage, kiln_severity severity,
                  kiln_span span, const char *code, const char *fmt, ...)
{
    kiln_diagnostic *g = VEC_PUSH(d, d->diagnostics);
    if (!g)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = n < 0 ? NULL : kiln_arena_alloc(d->arena, (size_t)n + 1);
    if (!msg) {
        d->diagnostics.len--;
        return -1;
    }
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    g->span = span;
    g->severity = severity;
    g->code = code ? code : "";
    g->message = msg;
    g->stage = stage ? stage : "";
    return 0;
}

void kiln_doc_set_text(kiln_doc *d, const char *text, size_t text_len,
                       kiln_align_run *runs, size_t n_runs)
{
    d->text = text;
    d->text_len = text_len;
    d->align = runs;
    d->align_len = n_runs;
    d->layers |= KILN_LAYER_TEXT;
}

/* The run whose text range holds byte T (a deletion run holds nothing). */
static const kiln_align_run *run_at(const kiln_doc *d, size_t t)
{
    size_t lo = 0, hi = d->align_len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const kiln_align_run *r = &d->align[mid];
        if (t < r->text_off)
            hi = mid;
        else if (t >= r->text_off + r->text_len)
            lo = mid + 1;
        else
            return r;
    }
    return NULL;
}

size_t kiln_doc_text_to_orig(const kiln_doc *d, size_t t, bool is_end)
{
    if (!d->align_len) /* no segmenter: text is the original */
        return t;
    if (is_end) {
        if (t == 0)
            return kiln_doc_text_to_orig(d, 0, false);
        const kiln_align_run *r = run_at(d, t - 1);
        if (!r)
            return d->original_len;
        if (r->text_len == r->orig_len)
            return r->orig_off + (t - r->text_off);
        return r->orig_off + r->orig_len;
    }
    const kiln_align_run *r = run_at(d, t);
    if (!r)
        return d->original_len;
    if (r->text_len == r->orig_len)
        return r->orig_off + (t - r->text_off);
    return r->orig_off;
}

/* The index's memory and its first entry; the rest is filled on demand. */
static int start_cp_index(const kiln_doc *d)
{
    struct kiln_doc_private *p = d->priv;
    size_t n = d->original_len / CP_STRIDE + 1;
    size_t *idx = kiln_arena_calloc(d->arena, n, sizeof *idx);
    if (!idx)
        return -1;
    idx[0] = 0;
    p->cp_index = idx;
    p->cp_index_len = n;
    p->cp_index_filled = 1;
    return 0;
}

size_t kiln_doc_orig_codepoint(const kiln_doc *d, size_t off)
{
    if (off > d->original_len)
        off = d->original_len;
    struct kiln_doc_private *p = d->priv;
    size_t k = off / CP_STRIDE;
    if (!p->cp_index && start_cp_index(d) < 0)
        return kiln_utf8_count(d->original, off);
    /* Filled only as far as asked: the text after the last figure an
     * exporter prints is never counted. */
    for (size_t *idx = p->cp_index; p->cp_index_filled <= k; p->cp_index_filled++) {
        size_t j = p->cp_index_filled;
        idx[j] = idx[j - 1] +
                 kiln_utf8_count(d->original + (j - 1) * CP_STRIDE, CP_STRIDE);
    }
    size_t from = k * CP_STRIDE;
    return p->cp_index[k] + kiln_utf8_count(d->original + from, off - from);
}

kiln_span_out kiln_doc_span_out(const kiln_doc *d, kiln_span s)
{
    size_t a = kiln_doc_text_to_orig(d, s.start, false);
    size_t b = s.end > s.start ? kiln_doc_text_to_orig(d, s.end, true) : a;
    if (b < a)
        b = a;
    kiln_span_out o = {
        .cp_start = kiln_doc_orig_codepoint(d, a),
        .cp_end = kiln_doc_orig_codepoint(d, b),
        .orig = d->original + a,
        .orig_len = b - a,
    };
    return o;
}

int32_t kiln_doc_sentence_no(const kiln_doc *d, const kiln_mention *m)
{
    if (m->sentence < 0 || (size_t)m->sentence >= d->segments.len)
        return 0;
    return d->segments.items[m->sentence].sentence_no;
}

const char *kiln_kind_name(kiln_mention_kind k)
{
    static const char *const names[] = {
        "amount", "percent", "percentage_point", "rank", "ordinal",
        "duration", "year_or_date", "slogan"};
    return (unsigned)k < KILN_KIND_COUNT_ ? names[k] : "";
}

const char *kiln_role_name(kiln_role r)
{
    switch (r) {
    case KILN_ROLE_OTHER: return "other";
    case KILN_ROLE_ACHIEVED: return "achieved";
    case KILN_ROLE_TARGET: return "target";
    default: return "";
    }
}

const char *kiln_commitment_name(kiln_commitment c)
{
    switch (c) {
    case KILN_COMMIT_SOFT: return "soft";
    case KILN_COMMIT_HARD: return "hard";
    default: return "";
    }
}

const char *kiln_segment_kind_name(kiln_segment_kind k)
{
    switch (k) {
    case KILN_SEG_PARAGRAPH: return "paragraph";
    case KILN_SEG_HEADING: return "heading";
    case KILN_SEG_SENTENCE: return "sentence";
    case KILN_SEG_CLAUSE: return "clause";
    }
    return "";
}

const char *kiln_severity_name(kiln_severity s)
{
    switch (s) {
    case KILN_SEV_INFO: return "info";
    case KILN_SEV_WARNING: return "warning";
    case KILN_SEV_ERROR: return "error";
    }
    return "";
}

/* The common case of kiln_format_double without trying every precision
 * with snprintf and strtod, for 1e-4 <= |V| < 1e15 (where %g uses no
 * exponent): find the fewest decimals D with V == R / 10^D for an integer
 * R below 10^15; R with the point put back is exactly what the search
 * prints, since any decimal with fewer digits lies farther from V than
 * half an ulp. Returns 1 when done, 0 when no such R exists (then no
 * precision up to 15 reads back), -1 when V is out of range. */
static int short_decimal(char buf[32], double v)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
                                   1e15, 1e16, 1e17, 1e18}; /* all exact */
    double a = fabs(v);
    if (!(a >= 1e-4 && a < 1e15))
        return -1;
    for (int d = 1; d < (int)(sizeof pow10 / sizeof *pow10); d++) {
        double m = a * pow10[d];
        if (m >= 1e15)
            return 0;
        double r = floor(m + 0.5);
        if (r / pow10[d] != a)
            continue;
        char digits[24];
        int n = 0;
        for (uint64_t u = (uint64_t)r; u; u /= 10)
            digits[n++] = (char)('0' + u % 10);
        for (int k = 0; k < n / 2; k++) { /* most significant first */
            char t = digits[k];
            digits[k] = digits[n - 1 - k];
            digits[n - 1 - k] = t;
        }
        char *o = buf;
        if (v < 0)
            *o++ = '-';
        if (n <= d) {
            *o++ = '0';
            *o++ = '.';
            for (int k = n; k < d; k++)
                *o++ = '0';
            memcpy(o, digits, (size_t)n);
            o += n;
        } else {
            memcpy(o, digits, (size_t)(n - d));
            o += n - d;
            *o++ = '.';
            memcpy(o, digits + n - d, (size_t)d);
            o += d;
        }
        *o = '\0';
        return 1;
    }
    return 0;
}

char *kiln_format_double(char buf[32], double v)
{
    if (isnan(v)) {
        snprintf(buf, 32, "nan");
        return buf;
    }
    if (v == 0) { /* -0 prints as 0 */
        snprintf(buf, 32, "0");
        return buf;
    }
    if (v == floor(v) && fabs(v) < 1e21) {
        snprintf(buf, 32, "%.0f", v);
        return buf;
    }
    int quick = short_decimal(buf, v);
    if (quick > 0)
        return buf;
    for (int prec = quick == 0 ? 16 : 1; prec <= 17; prec++) {
        snprintf(buf, 32, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return buf;
}
