/* page.c — one document as an HTML <article>.
 *
 * Three parts, in the order an analyst reads them: the targets as progress
 * bars, the original text with every figure highlighted in place, and the
 * table of every figure (the same rows as the mentions table of the csv
 * exporter). All report text goes through html_escape.
 */
#include "html.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A buffer that remembers the first out-of-memory failure, so rendering
 * code reads as a sequence of writes checked once at the end. */
typedef struct writer {
    kiln_buf *b;
    int err;
} writer;

static void w_puts(writer *w, const char *s)
{
    if (!w->err && kiln_buf_puts(w->b, s) < 0)
        w->err = -1;
}

static void w_esc(writer *w, const char *s, size_t n)
{
    if (!w->err && html_escape(w->b, s, n) < 0)
        w->err = -1;
}

static void w_escs(writer *w, const char *s)
{
    w_esc(w, s, s ? strlen(s) : 0);
}

static void w_printf(writer *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void w_printf(writer *w, const char *fmt, ...)
{
    if (w->err)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n < 0 ? NULL : malloc((size_t)n + 1);
    if (!s) {
        w->err = -1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    w_puts(w, s);
    free(s);
}

/* Element ids are unique across a page of several documents. */
typedef struct page {
    writer w;
    const kiln_doc *doc;
    size_t doc_no; /* 1-based */
    int h;         /* heading level of the article title */
    bool has_units, has_roles, has_comparisons;
} page;

/* The original bytes [*a, *b) a text span came from. */
static void orig_range(const kiln_doc *doc, kiln_span s, size_t *a, size_t *b)
{
    kiln_span_out o = kiln_doc_span_out(doc, s);
    *a = (size_t)(o.orig - doc->original);
    *b = *a + o.orig_len;
}

/* Original text of a span, escaped. */
static void put_orig(page *p, kiln_span s)
{
    kiln_span_out o = kiln_doc_span_out(p->doc, s);
    w_esc(&p->w, o.orig, o.orig_len);
}

/* Original text from A to B, escaped, line breaks as <br> (or as a space
 * when LINE_BREAKS is false, inside a quoted sentence). */
static void put_text(page *p, size_t a, size_t b, bool line_breaks)
{
    const char *s = p->doc->original;
    size_t from = a;
    for (size_t i = a; i < b; i++) {
        if (s[i] != '\n' && s[i] != '\r')
            continue;
        w_esc(&p->w, s + from, i - from);
        if (s[i] == '\r' && i + 1 < b && s[i + 1] == '\n')
            i++;
        w_puts(&p->w, line_breaks ? "<br>" : " ");
        from = i + 1;
    }
    w_esc(&p->w, s + from, b - from);
}

static void put_number(page *p, double v)
{
    char num[32];
    w_puts(&p->w, kiln_format_double(num, v));
}

bool html_comparison_is_percent(const kiln_doc *doc, const kiln_comparison *c)
{
    if (c->target >= 0 && (size_t)c->target < doc->mentions.len) {
        kiln_mention_kind k = doc->mentions.items[c->target].kind;
        if (k == KILN_KIND_PERCENT || k == KILN_KIND_PERCENTAGE_POINT)
            return true;
    }
    return strcmp(c->unit, "%") == 0;
}

static const kiln_mention *mention_at(const kiln_doc *doc, int32_t i)
{
    return i >= 0 && (size_t)i < doc->mentions.len ? &doc->mentions.items[i]
                                                    : NULL;
}

/* ---- tooltips --------------------------------------------------------- */

/* The lines a mention's tooltip shows: value, base unit, role, indicator.
 * Written escaped, for a data-tip and a title attribute. */
static void put_tip(page *p, const kiln_mention *m)
{
    char num[32], num2[32];
    writer *w = &p->w;
    w_puts(w, "数值 value: ");
    w_puts(w, kiln_format_double(num, m->value));
    if (m->has_max) {
        w_puts(w, "–");
        w_puts(w, kiln_format_double(num2, m->value_max));
    }
    if (*m->unit) {
        w_puts(w, " ");
        w_escs(w, m->unit);
    }
    w_puts(w, "\n类别 kind: ");
    w_puts(w, kiln_kind_name(m->kind));
    if (*m->qualifier) {
        w_puts(w, "\n限定 qualifier: ");
        w_escs(w, m->qualifier);
    }
    if (p->has_units) {
        w_puts(w, "\n基本单位 base: ");
        if (m->has_si) {
            w_puts(w, kiln_format_double(num, m->si_value));
            if (m->has_max) {
                w_puts(w, "–");
                w_puts(w, kiln_format_double(num2, m->si_value_max));
            }
            w_puts(w, " ");
            w_escs(w, m->si_unit);
            if (*m->dimension) {
                w_puts(w, " (");
                w_escs(w, m->dimension);
                w_puts(w, ")");
            }
        } else {
            w_puts(w, "unknown");
        }
    }
    if (p->has_roles) {
        w_puts(w, "\n角色 role: ");
        w_puts(w, *kiln_role_name(m->role) ? kiln_role_name(m->role) : "–");
        w_puts(w, "\n指标 indicator: ");
        w_escs(w, *m->indicator ? m->indicator : "–");
        if (m->commitment != KILN_COMMIT_NONE) {
            w_puts(w, "\n承诺 commitment: ");
            w_puts(w, kiln_commitment_name(m->commitment));
            if (*m->cue) {
                w_puts(w, " (");
                w_escs(w, m->cue);
                w_puts(w, ")");
            }
        }
    }
}

/* ---- the text with its figures highlighted ---------------------------- */

typedef enum mark_type { MARK_DIAG = 0, MARK_MENTION = 1 } mark_type;

/* A span of the original to wrap in an element. */
typedef struct mark_item {
    size_t a, b;
    mark_type type;
    size_t index; /* into mentions or diagnostics */
} mark_item;

/* Start ascending, longer first, diagnostics outside mentions: the order
 * in which elements open, so each one nests inside the previous. */
static int mark_cmp(const void *x, const void *y)
{
    const mark_item *a = x, *b = y;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    if (a->b != b->b)
        return a->b > b->b ? -1 : 1;
    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static void open_mention(page *p, size_t i)
{
    const kiln_mention *m = &p->doc->mentions.items[i];
    writer *w = &p->w;
    w_printf(w, "<mark class=\"m k-%s", kiln_kind_name(m->kind));
    if (*kiln_role_name(m->role))
        w_printf(w, " r-%s", kiln_role_name(m->role));
    w_printf(w, "\" id=\"d%zu-m%zu\" tabindex=\"0\" data-n=\"%zu\" "
                "data-kind=\"%s\" data-role=\"%s\" data-indicator=\"",
             p->doc_no, i + 1, i + 1, kiln_kind_name(m->kind),
             kiln_role_name(m->role));
    w_escs(w, m->indicator);
    w_puts(w, "\" data-tip=\"");
    put_tip(p, m);
    w_puts(w, "\" title=\"");
    put_tip(p, m);
    w_puts(w, "\">");
}

static void put_badge(page *p, const char *code, const char *message)
{
    w_puts(&p->w, "<small class=\"badge\" role=\"note\">⚠ ");
    if (code && *code) {
        w_escs(&p->w, code);
        w_puts(&p->w, ": ");
    }
    w_escs(&p->w, message);
    w_puts(&p->w, "</small>");
}

static void open_diag(page *p, size_t i)
{
    const kiln_diagnostic *g = &p->doc->diagnostics.items[i];
    w_printf(&p->w, "<span class=\"diag sev-%s\" id=\"d%zu-g%zu\" "
                    "tabindex=\"0\" title=\"",
             kiln_severity_name(g->severity), p->doc_no, i + 1);
    w_escs(&p->w, g->code);
    w_puts(&p->w, ": ");
    w_escs(&p->w, g->message);
    w_puts(&p->w, "\">");
}

/* The uncertain-pairing note of the comparison whose target is mention I,
 * or NULL. */
static const kiln_comparison *pairing_doubt(const page *p, size_t i)
{
    if (!p->has_comparisons)
        return NULL;
    for (size_t k = 0; k < p->doc->comparisons.len; k++) {
        const kiln_comparison *c = &p->doc->comparisons.items[k];
        if (c->target == (int32_t)i && *c->diagnostic)
            return c;
    }
    return NULL;
}

static void close_mark(page *p, const mark_item *it)
{
    if (it->type == MARK_MENTION) {
        w_puts(&p->w, "</mark>");
        const kiln_comparison *c = pairing_doubt(p, it->index);
        if (c)
            put_badge(p, "pairing", c->diagnostic);
    } else {
        const kiln_diagnostic *g = &p->doc->diagnostics.items[it->index];
        w_puts(&p->w, "</span>");
        put_badge(p, g->code, g->message);
    }
}

static void put_marked_text(page *p)
{
    const kiln_doc *doc = p->doc;
    size_t n = doc->mentions.len + doc->diagnostics.len, k = 0;
    mark_item *items = calloc(n ? n : 1, sizeof *items);
    size_t *ends = calloc(n ? n : 1, sizeof *ends);
    const mark_item **open = calloc(n ? n : 1, sizeof *open);
    if (!items || !ends || !open) {
        free(items);
        free(ends);
        free(open);
        p->w.err = -1;
        return;
    }
    for (size_t i = 0; i < doc->mentions.len; i++) {
        items[k] = (mark_item){.type = MARK_MENTION, .index = i};
        orig_range(doc, doc->mentions.items[i].span, &items[k].a, &items[k].b);
        k++;
    }
    for (size_t i = 0; i < doc->diagnostics.len; i++) {
        kiln_span s = doc->diagnostics.items[i].span;
        if (s.start == 0 && s.end == 0)
            continue; /* about the whole document: listed above the text */
        items[k] = (mark_item){.type = MARK_DIAG, .index = i};
        orig_range(doc, s, &items[k].a, &items[k].b);
        k++;
    }
    qsort(items, k, sizeof *items, mark_cmp);

    size_t pos = 0, depth = 0;
    if (doc->original_len >= 3 && memcmp(doc->original, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* the BOM is not text */
    w_puts(&p->w, "<div class=\"text\" lang=\"zh-CN\">");
    for (size_t i = 0; i < k; i++) {
        const mark_item *it = &items[i];
        while (depth && ends[depth - 1] <= it->a) {
            put_text(p, pos, ends[depth - 1], true);
            pos = ends[depth - 1];
            close_mark(p, open[--depth]);
        }
        if (it->a > pos) {
            put_text(p, pos, it->a, true);
            pos = it->a;
        }
        /* A span that overlaps the enclosing one without nesting in it is
         * cut at the enclosing end: the element stays, the HTML nests. */
        size_t end = it->b < pos ? pos : it->b;
        if (depth && end > ends[depth - 1])
            end = ends[depth - 1];
        if (it->type == MARK_MENTION)
            open_mention(p, it->index);
        else
            open_diag(p, it->index);
        ends[depth] = end;
        open[depth++] = it;
    }
    while (depth) {
        put_text(p, pos, ends[depth - 1], true);
        pos = ends[depth - 1];
        close_mark(p, open[--depth]);
    }
    put_text(p, pos, doc->original_len, true);
    w_puts(&p->w, "</div>\n");
    free(items);
    free(ends);
    free(open);
}

/* ---- targets ---------------------------------------------------------- */

/* Indicator order, then position in the text; unnamed indicators last. */
static int cmp_comparisons(const void *x, const void *y, void *ctx)
{
    const kiln_doc *doc = ctx;
    const kiln_comparison *a = &doc->comparisons.items[*(const size_t *)x];
    const kiln_comparison *b = &doc->comparisons.items[*(const size_t *)y];
    if (!*a->indicator != !*b->indicator)
        return *a->indicator ? -1 : 1;
    int c = strcmp(a->indicator, b->indicator);
    if (c)
        return c;
    return (a->target > b->target) - (a->target < b->target);
}

/* A round upper end for a shared axis: 1, 2, 2.5, 5 times a power of 10. */
static double nice_ceiling(double x)
{
    if (!(x > 0))
        return 1;
    double p = pow(10, floor(log10(x)));
    static const double steps[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (steps[i] * p >= x * (1 - 1e-12))
            return steps[i] * p;
    return 10 * p;
}

/* Values of a comparison on one scale: the base unit when both figures
 * have the same one, else the written unit. */
static void comparison_values(const kiln_doc *doc, const kiln_comparison *c,
                              double *target, double *baseline, bool *has_base)
{
    const kiln_mention *t = mention_at(doc, c->target);
    const kiln_mention *b = mention_at(doc, c->baseline);
    *has_base = b != NULL;
    *target = t ? t->value : NAN;
    *baseline = b ? b->value : NAN;
    if (t && b && t->has_si && b->has_si && *t->si_unit &&
        strcmp(t->si_unit, b->si_unit) == 0 &&
        !html_comparison_is_percent(doc, c)) {
        *target = t->si_value;
        *baseline = b->si_value;
    }
}

static void put_bar(page *p, double target, double baseline, bool has_base,
                    double scale, const char *label)
{
    writer *w = &p->w;
    double gx = 0, bx = 0;
    if (scale > 0 && isfinite(target))
        gx = fmin(fmax(target / scale, 0), 1) * 1000;
    if (scale > 0 && has_base && isfinite(baseline))
        bx = fmin(fmax(baseline / scale, 0), 1) * 1000;
    w_puts(w, "<svg class=\"bar\" viewBox=\"0 0 1000 26\" "
              "preserveAspectRatio=\"none\" role=\"img\" aria-label=\"");
    w_escs(w, label);
    w_puts(w, "\"><title>");
    w_escs(w, label);
    w_printf(w, "</title><rect class=\"track\" width=\"1000\" height=\"26\"/>"
                "<rect class=\"goal\" width=\"%.1f\" height=\"26\"/>",
             gx);
    if (has_base)
        w_printf(w, "<rect class=\"done\" y=\"6\" width=\"%.1f\" "
                    "height=\"14\"/><line class=\"base\" x1=\"%.1f\" "
                    "x2=\"%.1f\" y1=\"0\" y2=\"26\" "
                    "vector-effect=\"non-scaling-stroke\"/>",
                 bx, bx, bx);
    w_printf(w, "<line class=\"aim\" x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" "
                "y2=\"26\" vector-effect=\"non-scaling-stroke\"/></svg>",
             gx, gx);
}

/* The sentence a figure came from, with the target and baseline marked. */
static void put_source(page *p, const char *label, const kiln_mention *m,
                       const kiln_comparison *c)
{
    const kiln_doc *doc = p->doc;
    size_t sa, sb;
    if (m->sentence >= 0 && (size_t)m->sentence < doc->segments.len)
        orig_range(doc, doc->segments.items[m->sentence].span, &sa, &sb);
    else
        orig_range(doc, m->span, &sa, &sb);
    w_puts(&p->w, "<blockquote class=\"src\">");
    if (label)
        w_puts(&p->w, label);
    size_t pos = sa;
    const kiln_mention *marks[2] = {mention_at(doc, c->baseline),
                                    mention_at(doc, c->target)};
    if (marks[0] && marks[1] && marks[0]->span.start > marks[1]->span.start) {
        const kiln_mention *t = marks[0];
        marks[0] = marks[1];
        marks[1] = t;
    }
    for (int i = 0; i < 2; i++) {
        if (!marks[i])
            continue;
        size_t a, b;
        orig_range(doc, marks[i]->span, &a, &b);
        if (a < pos || b > sb)
            continue; /* not in this sentence */
        put_text(p, pos, a, false);
        w_puts(&p->w, "<mark>");
        put_text(p, a, b, false);
        w_puts(&p->w, "</mark>");
        pos = b;
    }
    put_text(p, pos, sb, false);
    w_printf(&p->w, " <a href=\"#d%zu-m%td\">原文 ↓</a></blockquote>",
             p->doc_no, (ptrdiff_t)(m - doc->mentions.items) + 1);
}

/* A figure as the report words it: its original text with its qualifier
 * on the side the report writes it (过1000亿元, 5家以上), escaped into V. */
static int word_figure(kiln_buf *v, const kiln_doc *doc, const kiln_mention *m)
{
    kiln_span_out o = kiln_doc_span_out(doc, m->span);
    size_t q = strlen(m->qualifier);
    size_t after = (size_t)(o.orig - doc->original) + o.orig_len;
    bool trailing = q && after + q <= doc->original_len &&
                    memcmp(doc->original + after, m->qualifier, q) == 0;
    if (q && !trailing && html_escape(v, m->qualifier, q) < 0)
        return -1;
    if (html_escape(v, o.orig, o.orig_len) < 0)
        return -1;
    return trailing ? html_escape(v, m->qualifier, q) : 0;
}

static void put_fact(page *p, const char *label, const char *value_html)
{
    w_puts(&p->w, "<div><dt>");
    w_puts(&p->w, label);
    w_puts(&p->w, "</dt><dd>");
    w_puts(&p->w, value_html);
    w_puts(&p->w, "</dd></div>");
}

static void put_target(page *p, size_t ci, double percent_scale)
{
    const kiln_doc *doc = p->doc;
    const kiln_comparison *c = &doc->comparisons.items[ci];
    const kiln_mention *t = mention_at(doc, c->target);
    const kiln_mention *b = mention_at(doc, c->baseline);
    if (!t)
        return;
    writer *w = &p->w;
    bool percent = html_comparison_is_percent(doc, c);
    const char *unit = *c->unit ? c->unit : t->unit;
    double tv, bv;
    bool has_base;
    comparison_values(doc, c, &tv, &bv, &has_base);
    bool has_progress = has_base && isfinite(c->progress);
    char num[32], word[64];

    w_printf(w, "<div class=\"target%s%s\" id=\"d%zu-t%zu\" data-indicator=\"",
             percent ? " percent" : " amount", c->met ? " met" : "",
             p->doc_no, ci + 1);
    w_escs(w, c->indicator);
    w_puts(w, "\" data-target=\"");
    put_orig(p, t->span);
    w_puts(w, "\" data-baseline=\"");
    if (b)
        put_orig(p, b->span);
    w_puts(w, "\" data-progress=\"");
    if (has_progress) {
        html_word_number(num, c->progress * 100, 1);
        w_puts(w, num);
    }
    w_puts(w, "\">\n<div class=\"t-head\"><h4>");
    w_escs(w, *c->indicator ? c->indicator : "（未识别指标）");
    w_puts(w, "</h4>");
    const char *cname = kiln_commitment_name(c->commitment);
    w_printf(w, "<span class=\"commit %s\" title=\"cue: ", *cname ? cname : "none");
    w_escs(w, c->cue);
    w_puts(w, "\">");
    /* the cue word is what decided the commitment: shown with it */
    if (*c->cue && c->commitment != KILN_COMMIT_NONE) {
        w_escs(w, c->cue);
        w_puts(w, " · ");
    }
    w_puts(w, c->commitment == KILN_COMMIT_HARD   ? "硬约束 hard"
              : c->commitment == KILN_COMMIT_SOFT ? "软目标 soft"
                                                  : "未定 unstated");
    w_puts(w, "</span><span class=\"progress\">");
    if (has_progress) {
        html_word_number(num, c->progress * 100, 1);
        w_printf(w, "%s%%", num);
    } else {
        w_puts(w, "–");
    }
    w_puts(w, "</span></div>\n");

    /* the bar: amounts on their own scale (the larger of target and
     * baseline), percents on the shared percent scale */
    double scale = percent ? percent_scale
                           : fmax(isfinite(tv) ? tv : 0,
                                  has_base && isfinite(bv) ? bv : 0);
    kiln_buf label = {0};
    writer lw = {&label, 0};
    w_puts(&lw, "进度 progress ");
    w_puts(&lw, has_progress ? num : "–");
    w_puts(&lw, has_progress ? "%" : "");
    kiln_span_out to = kiln_doc_span_out(doc, t->span);
    if (kiln_buf_puts(&label, "; 目标 target ") < 0 ||
        kiln_buf_append(&label, to.orig, to.orig_len) < 0)
        lw.err = -1;
    if (b) {
        kiln_span_out bo = kiln_doc_span_out(doc, b->span);
        if (kiln_buf_puts(&label, "; 基期 baseline ") < 0 ||
            kiln_buf_append(&label, bo.orig, bo.orig_len) < 0)
            lw.err = -1;
    }
    if (lw.err)
        w->err = -1;
    put_bar(p, tv, bv, has_base, scale, label.data ? label.data : "");
    kiln_buf_free(&label);
    if (percent) {
        html_word_number(num, percent_scale, 2);
        w_printf(w, "<div class=\"axis\"><span>0</span><span>%s%%</span>"
                    "</div>\n",
                 num);
    }
    w_puts(w, "<dl class=\"facts\">");

    /* each fact is built escaped into V, then placed */
    kiln_buf v = {0};
#define FACT(label_)                                                       \
    do {                                                                   \
        if (v.len) /* a fact the report does not give is left out */      \
            put_fact(p, label_, v.data);                                   \
        kiln_buf_clear(&v);                                                \
    } while (0)
    if (b) {
        if (word_figure(&v, doc, b) < 0)
            w->err = -1;
    } else if (kiln_buf_puts(&v, "未给出 none") < 0) {
        w->err = -1;
    }
    FACT("基期 baseline");
    if (word_figure(&v, doc, t) < 0)
        w->err = -1;
    FACT("目标 target");
    if (has_base && isfinite(c->gap)) {
        if (percent) {
            html_word_number(num, c->gap, 2);
            if (kiln_buf_printf(&v, "%s 个百分点 pp", num) < 0)
                w->err = -1;
        } else {
            html_word_amount(word, c->gap, unit);
            if (html_escape_str(&v, word) < 0)
                w->err = -1;
        }
        if (c->met && kiln_buf_puts(&v, "（已达到 met）") < 0)
            w->err = -1;
    }
    FACT("差距 gap");
    if (c->has_growth) {
        html_word_number(num, c->required_growth * 100, 2);
        if (kiln_buf_printf(&v, "%s%% / 年", num) < 0)
            w->err = -1;
    }
    FACT("年均需增长 required growth");
    if (c->has_horizon) {
        html_word_number(num, c->horizon_years, 1);
        if (kiln_buf_printf(&v, "%s 年 years", num) < 0)
            w->err = -1;
    }
    FACT("期限 horizon");
#undef FACT
    kiln_buf_free(&v);
    w_puts(w, "</dl>\n");
    if (*c->diagnostic) {
        w_puts(w, "<p class=\"t-diag\">⚠ ");
        w_escs(w, c->diagnostic);
        w_puts(w, "</p>\n");
    }
    put_source(p, NULL, t, c);
    if (b && b->sentence != t->sentence)
        put_source(p, "基期 baseline: ", b, c);
    w_puts(w, "\n</div>\n");
}

static void put_targets(page *p)
{
    const kiln_doc *doc = p->doc;
    writer *w = &p->w;
    w_printf(w, "<section class=\"targets-section\" aria-labelledby=\"d%zu-targets\">"
                "<h%d id=\"d%zu-targets\">目标与进度 Targets</h%d>\n",
             p->doc_no, p->h + 1, p->doc_no, p->h + 1);
    if (!p->has_comparisons) {
        w_puts(w, "<p class=\"scale-note\">No targets stage ran: add "
                  "<code>targets</code> before <code>html</code> in the "
                  "pipeline.</p></section>\n");
        return;
    }
    size_t n = doc->comparisons.len;
    if (!n) {
        w_puts(w, "<p class=\"scale-note\">No targets found.</p></section>\n");
        return;
    }
    size_t *order = malloc(n * sizeof *order);
    if (!order) {
        w->err = -1;
        return;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    qsort_r(order, n, sizeof *order, cmp_comparisons, (void *)doc);

    double pmax = 0;
    size_t n_percent = 0;
    for (size_t i = 0; i < n; i++) {
        const kiln_comparison *c = &doc->comparisons.items[i];
        if (!html_comparison_is_percent(doc, c))
            continue;
        double tv, bv;
        bool hb;
        comparison_values(doc, c, &tv, &bv, &hb);
        n_percent++;
        if (isfinite(tv))
            pmax = fmax(pmax, tv);
        if (hb && isfinite(bv))
            pmax = fmax(pmax, bv);
    }
    double pscale = nice_ceiling(pmax);
    for (int group = 0; group < 2; group++) {
        bool want_percent = group == 1;
        size_t count = want_percent ? n_percent : n - n_percent;
        if (!count)
            continue;
        if (want_percent) {
            char num[32];
            html_word_number(num, pscale, 2);
            w_printf(w, "<h%d>比率 Percents</h%d><p class=\"scale-note\">"
                        "One scale for all: 0 to %s%%. The bar is the "
                        "target, the dark fill the baseline.</p>\n",
                     p->h + 2, p->h + 2, num);
        } else {
            w_printf(w, "<h%d>总量 Amounts</h%d><p class=\"scale-note\">"
                        "Each bar on its own scale: from 0 to the target "
                        "(or the baseline, where it is past the target); "
                        "the dark fill and line are the baseline.</p>\n",
                     p->h + 2, p->h + 2);
        }
        w_puts(w, "<div class=\"targets\">\n");
        for (size_t i = 0; i < n; i++) {
            const kiln_comparison *c = &doc->comparisons.items[order[i]];
            if (html_comparison_is_percent(doc, c) == want_percent)
                put_target(p, order[i], pscale);
        }
        w_puts(w, "</div>\n");
    }
    free(order);
    w_puts(w, "</section>\n");
}

/* ---- counts, legend, diagnostics, table ------------------------------ */

static void put_counts(page *p)
{
    const kiln_doc *doc = p->doc;
    size_t roles[4] = {0};
    for (size_t i = 0; i < doc->mentions.len; i++)
        if ((unsigned)doc->mentions.items[i].role < 4)
            roles[doc->mentions.items[i].role]++;
    writer *w = &p->w;
    w_printf(w, "<ul class=\"counts\"><li>数字 figures: <b>%zu</b></li>",
             doc->mentions.len);
    if (p->has_roles)
        w_printf(w, "<li>目标 targets: <b>%zu</b></li>"
                    "<li>已完成 achieved: <b>%zu</b></li>",
                 roles[KILN_ROLE_TARGET], roles[KILN_ROLE_ACHIEVED]);
    if (p->has_comparisons)
        w_printf(w, "<li>目标对比 comparisons: <b>%zu</b></li>",
                 doc->comparisons.len);
    w_printf(w, "<li>提示 diagnostics: <b>%zu</b></li></ul>\n",
             doc->diagnostics.len);
}

static void put_legend(page *p)
{
    writer *w = &p->w;
    w_puts(w, "<ul class=\"legend\" aria-label=\"legend\">");
    for (int k = 0; k < KILN_KIND_COUNT_; k++)
        w_printf(w, "<li><mark class=\"k-%s\">%s</mark></li>",
                 kiln_kind_name(k), kiln_kind_name(k));
    if (p->has_roles)
        w_puts(w, "<li><mark class=\"r-target\">target</mark></li>"
                  "<li><mark class=\"r-achieved\">achieved</mark></li>");
    w_puts(w, "<li><span class=\"diag\">diagnostic</span></li></ul>\n");
}

static void put_diagnostics(page *p)
{
    const kiln_doc *doc = p->doc;
    if (!doc->diagnostics.len)
        return;
    writer *w = &p->w;
    w_puts(w, "<details class=\"doc-diags\" open><summary>提示 Diagnostics</summary><ul>");
    for (size_t i = 0; i < doc->diagnostics.len; i++) {
        const kiln_diagnostic *g = &doc->diagnostics.items[i];
        w_puts(w, "<li>");
        bool whole = g->span.start == 0 && g->span.end == 0;
        if (!whole)
            w_printf(w, "<a href=\"#d%zu-g%zu\">", p->doc_no, i + 1);
        w_printf(w, "[%s] ", kiln_severity_name(g->severity));
        w_escs(w, g->code);
        w_puts(w, ": ");
        w_escs(w, g->message);
        if (!whole) {
            w_puts(w, "</a> «");
            put_orig(p, g->span);
            w_puts(w, "»");
        }
        w_puts(w, "</li>");
    }
    w_puts(w, "</ul></details>\n");
}

static void put_mention_table(page *p)
{
    const kiln_doc *doc = p->doc;
    writer *w = &p->w;
    w_printf(w, "<section aria-labelledby=\"d%zu-figures\"><h%d "
                "id=\"d%zu-figures\">全部数字 All figures</h%d>\n"
                "<div class=\"table-wrap\"><table class=\"mentions\"><thead><tr>"
                "<th>#</th><th>句 sentence</th><th>原文 text</th>"
                "<th>value</th><th>unit</th><th>kind</th>",
             p->doc_no, p->h + 1, p->doc_no, p->h + 1);
    if (p->has_units)
        w_puts(w, "<th>base value</th>");
    if (p->has_roles)
        w_puts(w, "<th>role</th><th>indicator</th>");
    w_puts(w, "</tr></thead><tbody>\n");
    for (size_t i = 0; i < doc->mentions.len; i++) {
        const kiln_mention *m = &doc->mentions.items[i];
        w_printf(w, "<tr><td class=\"num\"><a href=\"#d%zu-m%zu\">%zu</a></td>"
                    "<td class=\"num\">%d</td><td>",
                 p->doc_no, i + 1, i + 1, (int)kiln_doc_sentence_no(doc, m));
        put_orig(p, m->span);
        w_puts(w, "</td><td class=\"num\">");
        put_number(p, m->value);
        if (m->has_max) {
            w_puts(w, "–");
            put_number(p, m->value_max);
        }
        w_puts(w, "</td><td>");
        w_escs(w, m->unit);
        w_printf(w, "</td><td>%s</td>", kiln_kind_name(m->kind));
        if (p->has_units) {
            w_puts(w, "<td class=\"num\">");
            if (m->has_si) {
                put_number(p, m->si_value);
                w_puts(w, " ");
                w_escs(w, m->si_unit);
            }
            w_puts(w, "</td>");
        }
        if (p->has_roles) {
            w_printf(w, "<td>%s</td><td>", kiln_role_name(m->role));
            w_escs(w, m->indicator);
            w_puts(w, "</td>");
        }
        w_puts(w, "</tr>\n");
    }
    w_puts(w, "</tbody></table></div></section>\n");
}

int html_article(kiln_buf *b, const kiln_doc *doc,
                 const html_article_opts *opts)
{
    page p = {
        .w = {b, 0},
        .doc = doc,
        .doc_no = doc->input_no + 1,
        .h = opts && opts->heading_level > 0 ? opts->heading_level : 1,
        .has_units = (doc->layers & KILN_LAYER_UNITS) != 0,
        .has_roles = (doc->layers & KILN_LAYER_ROLES) != 0,
        .has_comparisons = (doc->layers & KILN_LAYER_COMPARISONS) != 0,
    };
    writer *w = &p.w;
    w_printf(w, "<article class=\"doc\" id=\"d%zu\" data-doc=\"", p.doc_no);
    w_escs(w, doc->id);
    w_puts(w, "\">\n");
    if (opts && opts->back_href) {
        w_puts(w, "<p><a href=\"");
        w_escs(w, opts->back_href);
        w_puts(w, "\">← 全部文件 all documents</a></p>\n");
    }
    if (p.h > 1) {
        w_printf(w, "<h%d>", p.h);
        w_escs(w, doc->id);
        w_printf(w, "</h%d>\n", p.h);
    }
    put_counts(&p);
    put_targets(&p);
    w_printf(w, "<section aria-labelledby=\"d%zu-text\"><h%d id=\"d%zu-text\">"
                "原文 Text</h%d>\n",
             p.doc_no, p.h + 1, p.doc_no, p.h + 1);
    put_legend(&p);
    put_diagnostics(&p);
    put_marked_text(&p);
    w_puts(w, "</section>\n");
    put_mention_table(&p);
    w_puts(w, "</article>\n");
    return w->err;
}
