/* html.h — the html exporter's internal interface (never installed).
 *
 * The module is split by job: escaping and number wording (escape.c), the
 * page frame and its inline style (frame.c), one document's article
 * (page.c), the cross-document summary (summary.c) and the stage glue
 * (html.c). Only `kiln_stage_html` is exported (the module is linked with
 * -export-symbols-regex), so these html_* functions stay inside it.
 */
#ifndef KILN_HTML_H
#define KILN_HTML_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "kiln/kiln.h"

/* ---- escape.c ------------------------------------------------------ */

/* Append S[0..LEN) HTML-escaped (& < > " ' become entities; control
 * characters other than tab become a space), fit for text and for quoted
 * attribute values. Returns 0 or -1 when out of memory. */
int html_escape(kiln_buf *b, const char *s, size_t len);
int html_escape_str(kiln_buf *b, const char *s);

/* A value in its written unit, worded for a person: 73800000000 元 ->
 * "738亿元", 0.5 % -> "0.5%". At most 64 bytes with the NUL. */
void html_word_amount(char out[64], double value, const char *unit);

/* A number with at most DIGITS decimals, trailing zeros dropped. */
void html_word_number(char out[32], double value, int digits);

/* ---- frame.c ------------------------------------------------------- */

/* <!DOCTYPE html> … <body><header>: the page up to its main content, with
 * the whole style sheet inline. TITLE is escaped. */
int html_page_open(kiln_buf *b, const char *title, const char *subtitle);

/* </main> … </html>. */
int html_page_close(kiln_buf *b);

/* ---- page.c -------------------------------------------------------- */

/* Options of one page: HEADING_LEVEL is 1 when the article is the whole
 * page, 2 inside a page of several documents. */
typedef struct html_article_opts {
    int heading_level;
    const char *back_href; /* link back to an index page, or NULL */
} html_article_opts;

/* One document as an <article>: its targets as bars, its text with every
 * mention highlighted, its diagnostics and its table of figures. */
int html_article(kiln_buf *b, const kiln_doc *doc,
                 const html_article_opts *opts);

/* True when the comparison's figures are percents (drawn on a shared
 * 0..max scale) rather than amounts (each bar on its own scale). */
bool html_comparison_is_percent(const kiln_doc *doc,
                                const kiln_comparison *c);

/* ---- summary.c ----------------------------------------------------- */

/* What the cross-document table keeps of one target: small copies, out of
 * the document's arena. */
typedef struct html_summary_row {
    size_t doc_no;          /* input order */
    char *doc_id, *href;    /* href NULL when documents share one page */
    char *indicator, *unit;
    char *baseline_text, *target_text;
    double progress, required_growth, horizon;
    bool has_baseline, has_growth, has_horizon, is_percent;
    int commitment;
} html_summary_row;

/* One document's line in the list of documents. */
typedef struct html_summary_doc {
    size_t doc_no;
    char *doc_id, *href;
    size_t n_mentions, n_targets, n_diagnostics;
} html_summary_doc;

/* The one piece of mutable state of the stage: process runs in parallel
 * threads, and the summary needs every document's targets, so rows go into
 * this collector under its mutex. Everything else stays read-only after
 * init. Rows are small (a few short strings per target). */
typedef struct html_summary {
    pthread_mutex_t lock;
    html_summary_row *rows;
    size_t n_rows, cap_rows;
    html_summary_doc *docs;
    size_t n_docs, cap_docs;
} html_summary;

int html_summary_init(html_summary *s);
void html_summary_free(html_summary *s);

/* Copy DOC's targets and counts into S (thread-safe). HREF is the
 * document's page relative to the index, or NULL. Returns 0 or -1. */
int html_summary_add(html_summary *s, const kiln_doc *doc, const char *href);

/* The summary section: documents in input order and, per indicator (sorted),
 * each document's baseline, target, progress and required growth. Called
 * single-threaded, after the last document. */
int html_summary_render(kiln_buf *b, html_summary *s, int heading_level);

#endif
