/* summary.c — the cross-document summary: a list of the documents and,
 * per indicator, every document's baseline, target and required growth.
 *
 * Documents are processed in parallel threads and the summary is written
 * once after the last one, so process copies a few short strings per target
 * into a mutex-protected collector (the stage's one piece of mutable
 * state); finish sorts and renders them. See docs/html-report.md.
 */
#include "html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int html_summary_init(html_summary *s)
{
    memset(s, 0, sizeof *s);
    return pthread_mutex_init(&s->lock, NULL) == 0 ? 0 : -1;
}

static void free_row(html_summary_row *r)
{
    free(r->doc_id);
    free(r->href);
    free(r->indicator);
    free(r->unit);
    free(r->baseline_text);
    free(r->target_text);
}

void html_summary_free(html_summary *s)
{
    for (size_t i = 0; i < s->n_rows; i++)
        free_row(&s->rows[i]);
    for (size_t i = 0; i < s->n_docs; i++) {
        free(s->docs[i].doc_id);
        free(s->docs[i].href);
    }
    free(s->rows);
    free(s->docs);
    pthread_mutex_destroy(&s->lock);
}

static char *dup_n(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, p, n);
        s[n] = '\0';
    }
    return s;
}

static char *dup_s(const char *p)
{
    return p ? dup_n(p, strlen(p)) : NULL;
}

static char *dup_span(const kiln_doc *doc, int32_t i)
{
    if (i < 0 || (size_t)i >= doc->mentions.len)
        return dup_s("");
    kiln_span_out o = kiln_doc_span_out(doc, doc->mentions.items[i].span);
    return dup_n(o.orig, o.orig_len);
}

/* Copy one comparison out of the arena; false when out of memory. */
static bool copy_row(html_summary_row *r, const kiln_doc *doc,
                     const kiln_comparison *c, const char *href)
{
    const kiln_mention *t = c->target >= 0 && (size_t)c->target < doc->mentions.len
                                ? &doc->mentions.items[c->target]
                                : NULL;
    *r = (html_summary_row){
        .doc_no = doc->input_no,
        .doc_id = dup_s(doc->id),
        .href = href ? dup_s(href) : NULL,
        .indicator = dup_s(c->indicator),
        .unit = dup_s(*c->unit ? c->unit : t ? t->unit : ""),
        .baseline_text = dup_span(doc, c->baseline),
        .target_text = dup_span(doc, c->target),
        .progress = c->progress,
        .required_growth = c->required_growth,
        .horizon = c->horizon_years,
        .has_baseline = c->baseline >= 0,
        .has_growth = c->has_growth,
        .has_horizon = c->has_horizon,
        .is_percent = html_comparison_is_percent(doc, c),
        .commitment = (int)c->commitment,
    };
    bool ok = r->doc_id && (r->href || !href) && r->indicator && r->unit &&
              r->baseline_text && r->target_text;
    if (!ok)
        free_row(r);
    return ok;
}

static bool grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap *= 2;
    void *n = realloc(*items, ncap * size);
    if (!n)
        return false;
    *items = n;
    *cap = ncap;
    return true;
}

int html_summary_add(html_summary *s, const kiln_doc *doc, const char *href)
{
    bool has_comparisons = (doc->layers & KILN_LAYER_COMPARISONS) != 0;
    size_t n = has_comparisons ? doc->comparisons.len : 0, n_targets = 0;
    /* Copy outside the lock; only the appends hold it. */
    html_summary_row *rows = n ? calloc(n, sizeof *rows) : NULL;
    if (n && !rows)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!copy_row(&rows[k], doc, &doc->comparisons.items[i], href))
            goto fail;
        k++;
    }
    for (size_t i = 0; i < doc->mentions.len; i++)
        n_targets += doc->mentions.items[i].role == KILN_ROLE_TARGET;
    html_summary_doc d = {
        .doc_no = doc->input_no,
        .doc_id = dup_s(doc->id),
        .href = href ? dup_s(href) : NULL,
        .n_mentions = doc->mentions.len,
        .n_targets = has_comparisons ? doc->comparisons.len : n_targets,
        .n_diagnostics = doc->diagnostics.len,
    };
    if (!d.doc_id || (href && !d.href)) {
        free(d.doc_id);
        free(d.href);
        goto fail;
    }
    pthread_mutex_lock(&s->lock);
    bool ok = grow((void **)&s->rows, &s->cap_rows, s->n_rows + k,
                   sizeof *s->rows) &&
              grow((void **)&s->docs, &s->cap_docs, s->n_docs + 1,
                   sizeof *s->docs);
    if (ok) {
        if (k)
            memcpy(s->rows + s->n_rows, rows, k * sizeof *rows);
        s->n_rows += k;
        s->docs[s->n_docs++] = d;
    }
    pthread_mutex_unlock(&s->lock);
    if (!ok) {
        free(d.doc_id);
        free(d.href);
        goto fail;
    }
    free(rows);
    return 0;
fail:
    for (size_t i = 0; i < k; i++)
        free_row(&rows[i]);
    free(rows);
    return -1;
}

static int cmp_docs(const void *x, const void *y)
{
    const html_summary_doc *a = x, *b = y;
    return (a->doc_no > b->doc_no) - (a->doc_no < b->doc_no);
}

/* Indicator, unnamed last; then input order (qsort is not stable, so the
 * text order inside a document is kept by comparing target texts last). */
static int cmp_rows(const void *x, const void *y)
{
    const html_summary_row *a = x, *b = y;
    if (!*a->indicator != !*b->indicator)
        return *a->indicator ? -1 : 1;
    int c = strcmp(a->indicator, b->indicator);
    if (c)
        return c;
    if (a->doc_no != b->doc_no)
        return a->doc_no < b->doc_no ? -1 : 1;
    return strcmp(a->target_text, b->target_text);
}

static void put_doc_link(kiln_buf *b, size_t doc_no, const char *id,
                         const char *href, int *err)
{
    if (href) {
        *err |= kiln_buf_puts(b, "<a href=\"");
        *err |= html_escape_str(b, href);
    } else {
        *err |= kiln_buf_printf(b, "<a href=\"#d%zu", doc_no + 1);
    }
    *err |= kiln_buf_puts(b, "\">");
    *err |= html_escape_str(b, id);
    *err |= kiln_buf_puts(b, "</a>");
}

/* One indicator's rows [start, end) in the sorted rows. */
typedef struct row_group {
    size_t start, end, n_docs;
} row_group;

/* Indicators that several documents name come first: they are what the
 * table is for; inside each part, indicator order. */
static int cmp_groups(const void *x, const void *y)
{
    const row_group *a = x, *b = y;
    if ((a->n_docs > 1) != (b->n_docs > 1))
        return a->n_docs > 1 ? -1 : 1;
    return (a->start > b->start) - (a->start < b->start);
}

static void put_row(kiln_buf *b, const html_summary_row *r, int *err)
{
    char num[32];
    *err |= kiln_buf_puts(b, "<tr><td>");
    put_doc_link(b, r->doc_no, r->doc_id, r->href, err);
    *err |= kiln_buf_puts(b, "</td><td>");
    *err |= html_escape_str(b, r->has_baseline ? r->baseline_text : "–");
    *err |= kiln_buf_puts(b, "</td><td>");
    *err |= html_escape_str(b, r->target_text);
    *err |= kiln_buf_puts(b, "</td><td class=\"num\">");
    if (r->has_baseline && isfinite(r->progress)) {
        html_word_number(num, r->progress * 100, 1);
        *err |= kiln_buf_printf(b, "<meter min=\"0\" max=\"100\" "
                                   "value=\"%s\"></meter> %s%%",
                                num, num);
    } else {
        *err |= kiln_buf_puts(b, "–");
    }
    *err |= kiln_buf_puts(b, "</td><td class=\"num\">");
    if (r->has_growth) {
        html_word_number(num, r->required_growth * 100, 2);
        *err |= kiln_buf_printf(b, "%s%%", num);
    } else {
        *err |= kiln_buf_puts(b, "–");
    }
    *err |= kiln_buf_puts(b, "</td><td class=\"num\">");
    if (r->has_horizon) {
        html_word_number(num, r->horizon, 1);
        *err |= kiln_buf_printf(b, "%s 年", num);
    } else {
        *err |= kiln_buf_puts(b, "–");
    }
    *err |= kiln_buf_printf(b, "</td><td>%s</td></tr>\n",
                            kiln_commitment_name(r->commitment));
}

int html_summary_render(kiln_buf *b, html_summary *s, int h)
{
    int err = 0;
    qsort(s->docs, s->n_docs, sizeof *s->docs, cmp_docs);
    qsort(s->rows, s->n_rows, sizeof *s->rows, cmp_rows);
    err |= kiln_buf_printf(
        b, "<section class=\"summary\" id=\"summary\"><h%d>文件 Documents</h%d>\n"
           "<div class=\"table-wrap\"><table class=\"docs\"><thead><tr>"
           "<th>#</th><th>文件 document</th><th>数字 figures</th>"
           "<th>目标 targets</th><th>提示 diagnostics</th></tr></thead><tbody>\n",
        h, h);
    for (size_t i = 0; i < s->n_docs; i++) {
        const html_summary_doc *d = &s->docs[i];
        err |= kiln_buf_printf(b, "<tr><td class=\"num\">%zu</td><td>",
                               d->doc_no + 1);
        put_doc_link(b, d->doc_no, d->doc_id, d->href, &err);
        err |= kiln_buf_printf(b, "</td><td class=\"num\">%zu</td>"
                                  "<td class=\"num\">%zu</td>"
                                  "<td class=\"num\">%zu</td></tr>\n",
                               d->n_mentions, d->n_targets, d->n_diagnostics);
    }
    err |= kiln_buf_printf(
        b, "</tbody></table></div>\n<h%d>指标对比 Indicators across "
           "documents</h%d>\n",
        h, h);
    if (!s->n_rows) {
        err |= kiln_buf_puts(b, "<p class=\"scale-note\">No targets found."
                                "</p></section>\n");
        return err ? -1 : 0;
    }
    err |= kiln_buf_puts(
        b, "<div class=\"table-wrap\"><table class=\"compare\"><thead><tr>"
           "<th>文件 document</th><th>基期 baseline</th><th>目标 target</th>"
           "<th>进度 progress</th><th>年均需增长 required growth</th>"
           "<th>期限 horizon</th><th>承诺 commitment</th></tr></thead>\n");
    row_group *groups = malloc(s->n_rows * sizeof *groups);
    if (!groups)
        return -1;
    size_t n_groups = 0;
    for (size_t i = 0; i < s->n_rows; i++) {
        if (i == 0 || strcmp(s->rows[i].indicator, s->rows[i - 1].indicator)) {
            groups[n_groups++] = (row_group){i, i, 0};
        }
        row_group *g = &groups[n_groups - 1];
        if (g->end == g->start || s->rows[i].doc_no != s->rows[i - 1].doc_no)
            g->n_docs++;
        g->end = i + 1;
    }
    qsort(groups, n_groups, sizeof *groups, cmp_groups);
    for (size_t k = 0; k < n_groups; k++) {
        const row_group *g = &groups[k];
        const char *name = s->rows[g->start].indicator;
        err |= kiln_buf_printf(b, "<tbody%s><tr><th colspan=\"7\" "
                                  "scope=\"rowgroup\">",
                               g->n_docs > 1 ? " class=\"shared\"" : "");
        err |= html_escape_str(b, *name ? name : "（未识别指标）");
        if (g->n_docs > 1)
            err |= kiln_buf_printf(b, " <small>· %zu 个文件 documents</small>",
                                   g->n_docs);
        err |= kiln_buf_puts(b, "</th></tr>\n");
        for (size_t i = g->start; i < g->end; i++)
            put_row(b, &s->rows[i], &err);
        err |= kiln_buf_puts(b, "</tbody>\n");
    }
    free(groups);
    err |= kiln_buf_puts(b, "</table></div></section>\n");

    return err ? -1 : 0;
}
