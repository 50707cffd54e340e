/* test_html.c — the html exporter on hand-built documents.
 *
 * Includes the stage's sources to reach its static functions (so the
 * module itself is not linked), and runs the stage's init/process/finish
 * against the core's real outputs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/doc_internal.h"
#include "../core/runtime.h"
#include "../plugins/html/escape.c"
#include "../plugins/html/frame.c"
#include "../plugins/html/html.c"
#include "../plugins/html/page.c"
#include "../plugins/html/summary.c"

/* ---- helpers ---------------------------------------------------------- */

/* A document whose text is its original (one 1:1 alignment run), one
 * sentence per line, and every layer present. */
static kiln_doc *doc_plain(const char *id, size_t no, const char *original)
{
    kiln_doc *d = kiln_doc_new();
    assert_non_null(d);
    assert_int_equal(kiln_doc_load(d, id, no, original, strlen(original)), 0);
    kiln_align_run *run = kiln_arena_calloc(d->arena, 1, sizeof *run);
    *run = (kiln_align_run){0, d->original_len, 0, d->original_len};
    kiln_doc_set_text(d, d->original, d->original_len, run, 1);
    size_t start = 0;
    for (size_t i = 0; i <= d->text_len; i++) {
        if (i == d->text_len || d->text[i] == '\n') {
            if (i > start) {
                kiln_segment *s = kiln_doc_add_segment(d, "test");
                s->span = (kiln_span){start, i};
                s->kind = KILN_SEG_SENTENCE;
                s->sentence_no = (int32_t)d->segments.len;
            }
            start = i + 1;
        }
    }
    d->layers |= KILN_LAYER_SEGMENTS | KILN_LAYER_MENTIONS | KILN_LAYER_UNITS |
                 KILN_LAYER_ROLES | KILN_LAYER_COMPARISONS;
    return d;
}

/* Add a mention over the OCCURRENCE-th (1-based) copy of FIGURE in text. */
static int32_t add_mention(kiln_doc *d, const char *figure, int occurrence,
                           double value, const char *unit,
                           kiln_mention_kind kind, kiln_role role,
                           const char *indicator)
{
    const char *p = d->text;
    for (int i = 0; i < occurrence; i++) {
        p = strstr(i ? p + 1 : p, figure);
        assert_non_null(p);
    }
    kiln_mention *m = kiln_doc_add_mention(d, "test");
    m->span = (kiln_span){(size_t)(p - d->text),
                          (size_t)(p - d->text) + strlen(figure)};
    m->value = value;
    m->unit = unit;
    m->kind = kind;
    m->role = role;
    m->indicator = indicator;
    for (size_t s = 0; s < d->segments.len; s++)
        if (d->segments.items[s].span.start <= m->span.start &&
            m->span.end <= d->segments.items[s].span.end)
            m->sentence = (int32_t)s;
    return (int32_t)d->mentions.len - 1;
}

static kiln_comparison *add_comparison(kiln_doc *d, const char *indicator,
                                       int32_t baseline, int32_t target)
{
    kiln_comparison *c = kiln_doc_add_comparison(d, "test");
    c->indicator = indicator;
    c->baseline = baseline;
    c->target = target;
    double t = d->mentions.items[target].value;
    double b = baseline >= 0 ? d->mentions.items[baseline].value : 0;
    c->unit = d->mentions.items[target].unit;
    if (baseline >= 0) {
        c->progress = b / t;
        c->gap = t - b;
        c->met = b >= t;
    }
    return c;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Tags balance: every element opened is closed in order (void elements
 * and self-closed SVG shapes excepted). Fails the test otherwise. */
static void assert_balanced(const char *html)
{
    static const char *const voids[] = {"meta", "br", "rect", "line",
                                        "input", "img", "hr", "link", NULL};
    char stack[256][16];
    size_t depth = 0;
    for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
        if (p[1] == '!')
            continue;
        bool closing = p[1] == '/';
        const char *n = p + 1 + closing;
        size_t len = strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789");
        assert_true(len > 0 && len < 16);
        const char *gt = strchr(n, '>');
        assert_non_null(gt);
        char name[16];
        memcpy(name, n, len);
        name[len] = '\0';
        bool is_void = gt[-1] == '/';
        for (size_t i = 0; voids[i]; i++)
            is_void |= strcmp(name, voids[i]) == 0;
        if (closing) {
            assert_true(depth > 0);
            assert_string_equal(stack[depth - 1], name);
            depth--;
        } else if (!is_void) {
            assert_true(depth < 256);
            strcpy(stack[depth++], name);
        }
    }
    assert_int_equal(depth, 0);
}

static char *render(const kiln_doc *d, int level)
{
    kiln_buf b = {0};
    html_article_opts o = {.heading_level = level};
    assert_int_equal(html_article(&b, d, &o), 0);
    assert_non_null(b.data);
    return b.data;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    kiln_buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        assert_int_equal(kiln_buf_append(&b, chunk, n), 0);
    fclose(f);
    assert_int_equal(kiln_buf_append(&b, "", 1), 0);
    return b.data;
}

/* ---- tests ------------------------------------------------------------ */

static void test_escape(void **unused)
{
    (void)unused;
    kiln_buf b = {0};
    assert_int_equal(html_escape_str(&b, "<script>a&\"b'\x01</script>"), 0);
    assert_string_equal(b.data, "&lt;script&gt;a&amp;&quot;b&#39; "
                                "&lt;/script&gt;");
    kiln_buf_free(&b);
}

static void test_wording(void **unused)
{
    (void)unused;
    char out[64], num[32];
    html_word_amount(out, 73800000000, "元");
    assert_string_equal(out, "738亿元");
    html_word_amount(out, 26200000000, "元");
    assert_string_equal(out, "262亿元");
    html_word_amount(out, 15000, "人");
    assert_string_equal(out, "1.5万人");
    html_word_amount(out, 93.8, "%");
    assert_string_equal(out, "93.8%");
    html_word_amount(out, 123456, "%");
    assert_string_equal(out, "123456%");
    html_word_number(num, 0.062658, 2);
    assert_string_equal(num, "0.06");
    html_word_number(num, -0.0001, 2);
    assert_string_equal(num, "0");
    assert_true(nice_ceiling(95) == 100);
    assert_true(nice_ceiling(7.5) == 10);
    assert_true(nice_ceiling(12) == 20);
    assert_true(nice_ceiling(0) == 1);
}

static const char report[] =
    "地区生产总值达738亿元,本地就诊率93.8%。\n"
    "\n"
    "力争地区生产总值过1000亿元,本地就诊率提高至95%以上。\n"
    "<script>alert(\"x\")</script>新增就业5000人。\n";

static kiln_doc *sample_doc(void)
{
    kiln_doc *d = doc_plain("reports/<b>liling</b>.txt", 0, report);
    int32_t gdp0 = add_mention(d, "738亿元", 1, 73800000000, "元",
                               KILN_KIND_AMOUNT, KILN_ROLE_ACHIEVED,
                               "地区生产总值");
    int32_t rate0 = add_mention(d, "93.8%", 1, 93.8, "%", KILN_KIND_PERCENT,
                                KILN_ROLE_ACHIEVED, "本地就诊率");
    int32_t gdp1 = add_mention(d, "1000亿元", 1, 1e11, "元", KILN_KIND_AMOUNT,
                               KILN_ROLE_TARGET, "地区生产总值");
    int32_t rate1 = add_mention(d, "95%", 1, 95, "%", KILN_KIND_PERCENT,
                                KILN_ROLE_TARGET, "本地就诊率");
    add_mention(d, "5000人", 1, 5000, "人", KILN_KIND_AMOUNT, KILN_ROLE_OTHER,
                "<i>就业</i>");
    d->mentions.items[gdp1].qualifier = "过";
    d->mentions.items[rate1].qualifier = "以上";
    kiln_comparison *c = add_comparison(d, "地区生产总值", gdp0, gdp1);
    c->commitment = KILN_COMMIT_SOFT;
    c->cue = "力争";
    c->has_horizon = true;
    c->horizon_years = 5;
    c->has_growth = true;
    c->required_growth = 0.06264;
    c = add_comparison(d, "本地就诊率", rate0, rate1);
    c->diagnostic = "baseline <far> away";
    return d;
}

static void test_article(void **unused)
{
    (void)unused;
    kiln_doc *d = sample_doc();
    char *html = render(d, 2);
    assert_balanced(html);
    /* report text is escaped everywhere: the text, the id, attributes */
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<b>liling"));
    assert_null(strstr(html, "<i>"));
    assert_non_null(strstr(html, "&lt;script&gt;alert(&quot;x&quot;)"));
    assert_non_null(strstr(html, "&lt;b&gt;liling&lt;/b&gt;"));
    assert_non_null(strstr(html, "baseline &lt;far&gt; away"));
    /* every mention is one focusable element in the text, and one row */
    assert_int_equal(count(html, "<mark class=\"m "), d->mentions.len);
    assert_int_equal(count(html, "tabindex=\"0\" data-n="), d->mentions.len);
    assert_int_equal(count(html, "<tr><td class=\"num\"><a href=\"#d1-m"),
                     d->mentions.len);
    assert_non_null(strstr(html, "<mark class=\"m k-amount r-target\" "
                                 "id=\"d1-m3\""));
    assert_non_null(strstr(html, "data-tip=\"数值 value: 100000000000 元\n"));
    assert_non_null(strstr(html, "\">1000亿元</mark>"));
    /* targets: progress, gap, growth and horizon, sorted by indicator */
    assert_non_null(strstr(html, "data-progress=\"73.8\""));
    assert_non_null(strstr(html, "data-progress=\"98.7\""));
    assert_non_null(strstr(html, "<dd>262亿元</dd>"));
    assert_non_null(strstr(html, "<dd>1.2 个百分点 pp</dd>"));
    assert_non_null(strstr(html, "<dd>6.26% / 年</dd>"));
    assert_non_null(strstr(html, "<dd>5 年 years</dd>"));
    assert_non_null(strstr(html, "<dd>过1000亿元</dd>"));
    assert_non_null(strstr(html, "<dd>95%以上</dd>"));
    assert_non_null(strstr(html, "力争 · 软目标 soft"));
    /* amounts come before percents; the percent scale is shared, 0..100 */
    char *amounts = strstr(html, "总量 Amounts"), *percents = strstr(html, "比率 Percents");
    assert_non_null(amounts);
    assert_non_null(percents);
    assert_true(amounts < percents);
    assert_non_null(strstr(html, "0 to 100%"));
    /* the baseline bar of 93.8 on 0..100 */
    assert_non_null(strstr(html, "class=\"done\" y=\"6\" width=\"938.0\""));
    /* the pairing doubt is visible in place, after the target */
    assert_non_null(strstr(html, ">95%</mark><small class=\"badge\""));
    /* line breaks of the original become <br> */
    assert_non_null(strstr(html, "。<br><br>力争"));
    free(html);
    kiln_doc_free(d);
}

static void test_sorted_by_indicator(void **unused)
{
    (void)unused;
    kiln_doc *d = doc_plain("x", 0, "B 10亿元 20亿元\nA 1亿元 2亿元\nC 3亿元\n");
    int32_t b0 = add_mention(d, "10亿元", 1, 1e9, "元", KILN_KIND_AMOUNT,
                             KILN_ROLE_ACHIEVED, "B");
    int32_t b1 = add_mention(d, "20亿元", 1, 2e9, "元", KILN_KIND_AMOUNT,
                             KILN_ROLE_TARGET, "B");
    int32_t a0 = add_mention(d, "1亿元", 1, 1e8, "元", KILN_KIND_AMOUNT,
                             KILN_ROLE_ACHIEVED, "A");
    int32_t a1 = add_mention(d, "2亿元", 1, 2e8, "元", KILN_KIND_AMOUNT,
                             KILN_ROLE_TARGET, "A");
    int32_t c1 = add_mention(d, "3亿元", 1, 3e8, "元", KILN_KIND_AMOUNT,
                             KILN_ROLE_TARGET, "");
    add_comparison(d, "", -1, c1);
    add_comparison(d, "B", b0, b1);
    add_comparison(d, "A", a0, a1);
    char *html = render(d, 1);
    assert_balanced(html);
    char *pa = strstr(html, "class=\"target amount\" id=\"d1-t3\"");
    char *pb = strstr(html, "class=\"target amount\" id=\"d1-t2\"");
    char *pc = strstr(html, "class=\"target amount\" id=\"d1-t1\"");
    assert_non_null(pa);
    assert_non_null(pb);
    assert_non_null(pc);
    assert_true(pa < pb && pb < pc);
    /* no baseline: no progress, no fill */
    assert_non_null(strstr(pc, "data-baseline=\"\" data-progress=\"\""));
    assert_non_null(strstr(pc, "<dd>未给出 none</dd>"));
    free(html);
    kiln_doc_free(d);
}

/* Text folded by the segmenter maps back to the original: the page shows
 * the original bytes (full-width digits), not the normalized text. */
static void test_original_text(void **unused)
{
    (void)unused;
    const char *orig = "\xEF\xBB\xBF增长１２%\r\n完成";
    kiln_doc *d = kiln_doc_new();
    assert_int_equal(kiln_doc_load(d, "fold", 0, orig, strlen(orig)), 0);
    /* original: BOM(3) 增长(6) １(3) ２(3) %(1) \r\n(2) 完成(6)
     * text:     增长(6) 1 2 %(1) \n(1) 完成(6) */
    const char *text = "增长12%\n完成";
    kiln_align_run *r = kiln_arena_calloc(d->arena, 6, sizeof *r);
    r[0] = (kiln_align_run){0, 0, 0, 3};   /* BOM deleted */
    r[1] = (kiln_align_run){0, 6, 3, 6};   /* 增长 */
    r[2] = (kiln_align_run){6, 1, 9, 3};   /* １ -> 1 */
    r[3] = (kiln_align_run){7, 1, 12, 3};  /* ２ -> 2 */
    r[4] = (kiln_align_run){8, 1, 15, 1};  /* % */
    r[5] = (kiln_align_run){9, 7, 16, 8};  /* \r\n -> \n, 完成 */
    /* the last run is not 1:1 (7 vs 8 bytes); keep it simple: split */
    r[5] = (kiln_align_run){9, 1, 16, 2};
    kiln_align_run *r2 = kiln_arena_calloc(d->arena, 7, sizeof *r2);
    memcpy(r2, r, 6 * sizeof *r);
    r2[6] = (kiln_align_run){10, 6, 18, 6};
    kiln_doc_set_text(d, kiln_arena_strndup(d->arena, text, strlen(text)),
                      strlen(text), r2, 7);
    d->layers |= KILN_LAYER_MENTIONS;
    kiln_mention *m = kiln_doc_add_mention(d, "test");
    m->span = (kiln_span){6, 9}; /* "12%" */
    m->value = 12;
    m->unit = "%";
    m->kind = KILN_KIND_PERCENT;
    d->diagnostics.len = 0;
    assert_int_equal(kiln_doc_diag(d, "test", KILN_SEV_WARNING,
                                   (kiln_span){10, 16}, "unknown-unit",
                                   "unknown unit <完成>"),
                     0);
    char *html = render(d, 1);
    assert_balanced(html);
    assert_non_null(strstr(html, "\">１２%</mark><br><span class=\"diag "));
    assert_non_null(strstr(html, "\">完成</span><small class=\"badge\" "
                                 "role=\"note\">⚠ unknown-unit: unknown unit "
                                 "&lt;完成&gt;</small>"));
    assert_null(strstr(html, "\xEF\xBB\xBF"));
    /* without roles or comparisons the page says so, and still works */
    assert_non_null(strstr(html, "No targets stage ran"));
    assert_null(strstr(html, "角色 role"));
    free(html);
    kiln_doc_free(d);
}

/* Overlapping spans still give one element each, properly nested. */
static void test_overlaps(void **unused)
{
    (void)unused;
    kiln_doc *d = doc_plain("o", 0, "共计123456元整\n");
    add_mention(d, "123456元", 1, 123456, "元", KILN_KIND_AMOUNT,
                KILN_ROLE_NONE, "");
    add_mention(d, "456元整", 1, 456, "元", KILN_KIND_AMOUNT, KILN_ROLE_NONE,
                "");
    add_mention(d, "123", 1, 123, "", KILN_KIND_AMOUNT, KILN_ROLE_NONE, "");
    assert_int_equal(kiln_doc_diag(d, "test", KILN_SEV_INFO, (kiln_span){0, 9},
                                   "x", "covers"),
                     0);
    assert_int_equal(kiln_doc_diag(d, "test", KILN_SEV_INFO, (kiln_span){0, 0},
                                   "whole", "about the whole document"),
                     0);
    char *html = render(d, 1);
    assert_balanced(html);
    assert_int_equal(count(html, "<mark class=\"m "), 3);
    assert_non_null(strstr(html, "about the whole document"));
    free(html);
    kiln_doc_free(d);
}

/* ---- the stage, against the core's outputs ---------------------------- */

static char *run_stage(const char *output, const char *dir, size_t n_docs,
                       kiln_runtime **rt_out)
{
    kiln_runtime *rt = kiln_runtime_new(false);
    assert_non_null(rt);
    html_options o = {.output = output, .dir = dir, .title = "测试 <report>"};
    kiln_config cfg = {.name = "html", .label = "html", .options = &o,
                       .source = "test.pipeline", .line = 3, .runtime = rt};
    kiln_error err = {{0}};
    void *state = NULL;
    int rc = kiln_stage_html.init(&cfg, &state, &err);
    if (rc != 0)
        fail_msg("init: %s", err.message);
    for (size_t i = 0; i < n_docs; i++) {
        kiln_doc *d = sample_doc();
        d->input_no = i;
        assert_int_equal(kiln_stage_html.process(state, d, &err), 0);
        for (size_t k = 0; k < kiln_doc_output_count(d); k++) {
            kiln_output *out;
            kiln_buf *b = kiln_doc_output_at(d, k, &out);
            assert_int_equal(kiln_output_write(out, b->data, b->len, &err), 0);
        }
        kiln_doc_free(d);
    }
    assert_int_equal(kiln_stage_html.finish(state, &err), 0);
    kiln_stage_html.fini(state);
    assert_int_equal(kiln_runtime_commit(rt, &err), 0);
    *rt_out = rt;
    return NULL;
}

static void test_stage_one_page(void **unused)
{
    (void)unused;
    char dir[] = "/tmp/kiln-html-test.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/out.html", dir);
    kiln_runtime *rt;
    run_stage(path, NULL, 2, &rt);
    kiln_runtime_free(rt);
    char *html = slurp(path);
    assert_balanced(html);
    assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    assert_non_null(strstr(html, "<title>测试 &lt;report&gt;</title>"));
    assert_int_equal(count(html, "<article class=\"doc\""), 2);
    assert_true(strstr(html, "id=\"d1\"") < strstr(html, "id=\"d2\""));
    /* two documents: the summary compares them, linking inside the page */
    assert_non_null(strstr(html, "<table class=\"compare\">"));
    assert_int_equal(count(html, "<tr><td><a href=\"#d2\">"), 2);
    assert_null(strstr(html, "http"));
    assert_null(strstr(html, "<script"));
    free(html);
    unlink(path);
    rmdir(dir);
}

static void test_stage_dir(void **unused)
{
    (void)unused;
    char dir[] = "/tmp/kiln-html-test.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[256], path[512];
    snprintf(sub, sizeof sub, "%s/pages", dir);
    kiln_runtime *rt;
    run_stage(NULL, sub, 3, &rt);
    kiln_runtime_free(rt);
    snprintf(path, sizeof path, "%s/index.html", sub);
    char *index = slurp(path);
    assert_balanced(index);
    assert_non_null(strstr(index, "<a href=\"0003-b-.html\">"));
    /* grouped per indicator: three documents under each */
    assert_int_equal(count(index, "scope=\"rowgroup\">"), 2);
    assert_int_equal(count(index, "<tr><td><a href=\"0001-b-.html"), 2);
    assert_int_equal(count(index, "<tr><td><a href=\"0003-b-.html"), 2);
    free(index);
    snprintf(path, sizeof path, "%s/0002-b-.html", sub);
    char *doc_page = slurp(path);
    assert_balanced(doc_page);
    assert_non_null(strstr(doc_page, "<a href=\"index.html\">"));
    assert_non_null(strstr(doc_page, "id=\"d2-m1\""));
    free(doc_page);
    /* no temporary file left behind */
    DIR *dd = opendir(sub);
    struct dirent *e;
    size_t files = 0;
    while ((e = readdir(dd))) {
        if (e->d_name[0] == '.')
            continue;
        files++;
        snprintf(path, sizeof path, "%s/%s", sub, e->d_name);
        unlink(path);
    }
    closedir(dd);
    assert_int_equal(files, 4);
    rmdir(sub);
    rmdir(dir);
}

static void test_stage_both_options(void **unused)
{
    (void)unused;
    kiln_runtime *rt = kiln_runtime_new(true);
    html_options o = {.output = "/tmp/a.html", .dir = "/tmp/b"};
    kiln_config cfg = {.name = "html", .label = "html:x", .options = &o,
                       .source = "p.pipeline", .line = 7, .runtime = rt};
    kiln_error err = {{0}};
    void *state = NULL;
    assert_int_equal(kiln_stage_html.init(&cfg, &state, &err), -1);
    assert_string_equal(err.message,
                        "p.pipeline:7: [html:x]: set output or dir, not both");
    kiln_runtime_free(rt);
}

/* Indicators several documents name come first in the summary. */
static void test_summary_shared_first(void **unused)
{
    (void)unused;
    html_summary sum;
    assert_int_equal(html_summary_init(&sum), 0);
    kiln_doc *d = doc_plain("one", 1, "甲 1亿元 2亿元 乙 3亿元\n");
    int32_t a = add_mention(d, "1亿元", 1, 1e8, "元", KILN_KIND_AMOUNT,
                            KILN_ROLE_ACHIEVED, "乙指标");
    int32_t b = add_mention(d, "2亿元", 1, 2e8, "元", KILN_KIND_AMOUNT,
                            KILN_ROLE_TARGET, "乙指标");
    int32_t c = add_mention(d, "3亿元", 1, 3e8, "元", KILN_KIND_AMOUNT,
                            KILN_ROLE_TARGET, "甲指标");
    add_comparison(d, "乙指标", a, b);
    add_comparison(d, "甲指标", -1, c);
    assert_int_equal(html_summary_add(&sum, d, "0002-one.html"), 0);
    d->input_no = 0; /* a second document naming only 乙指标 */
    d->comparisons.len = 1;
    assert_int_equal(html_summary_add(&sum, d, "0001-one.html"), 0);
    kiln_buf b2 = {0};
    assert_int_equal(html_summary_render(&b2, &sum, 2), 0);
    assert_balanced(b2.data);
    char *shared = strstr(b2.data, "乙指标 <small>· 2 个文件");
    char *single = strstr(b2.data, "scope=\"rowgroup\">甲指标</th>");
    assert_non_null(shared);
    assert_non_null(single);
    assert_true(shared < single);
    /* documents in input order, rows of a group too */
    assert_true(strstr(b2.data, "<td class=\"num\">1</td>") <
                strstr(b2.data, "<td class=\"num\">2</td>"));
    assert_true(strstr(shared, "0001-one.html") < strstr(shared, "0002-one.html"));
    assert_non_null(strstr(shared, "value=\"50\"></meter> 50%"));
    kiln_buf_free(&b2);
    kiln_doc_free(d);
    html_summary_free(&sum);
}

static void test_page_name(void **unused)
{
    (void)unused;
    kiln_doc *d = doc_plain("../a b/醴陵.2021.txt", 11, "x");
    char *n = page_name(d);
    assert_string_equal(n, "0012-醴陵-2021.html");
    free(n);
    kiln_doc_load(d, "..", 0, "x", 1);
    n = page_name(d);
    assert_string_equal(n, "0001--.html");
    free(n);
    kiln_doc_load(d, "dir/", 1, "x", 1);
    n = page_name(d);
    assert_string_equal(n, "0002-d.html");
    free(n);
    kiln_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_wording),
        cmocka_unit_test(test_article),
        cmocka_unit_test(test_sorted_by_indicator),
        cmocka_unit_test(test_original_text),
        cmocka_unit_test(test_overlaps),
        cmocka_unit_test(test_stage_one_page),
        cmocka_unit_test(test_stage_dir),
        cmocka_unit_test(test_stage_both_options),
        cmocka_unit_test(test_summary_shared_first),
        cmocka_unit_test(test_page_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
