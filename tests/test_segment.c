/* test_segment.c — the segment stage: validation, normalized text and its
 * alignment, paragraphs/headings/sentences/clauses. Includes the stage's
 * sources to reach their static functions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../core/doc_internal.h"
#include "../plugins/segment/line.c"
#include "../plugins/segment/normalize.c"
#include "../plugins/segment/segment.c"
#include "../plugins/segment/split.c"

/* ---- helpers ---------------------------------------------------------- */

typedef struct fixture {
    kiln_doc *doc;
    void *state;
    kiln_error err;
} fixture;

static int setup(void **ctx)
{
    fixture *f = calloc(1, sizeof *f);
    kiln_config cfg = {.name = "segment", .label = "segment"};
    assert_non_null(f);
    f->doc = kiln_doc_new();
    assert_non_null(f->doc);
    assert_int_equal(kiln_stage_segment.init(&cfg, &f->state, &f->err), 0);
    *ctx = f;
    return 0;
}

static int teardown(void **ctx)
{
    fixture *f = *ctx;
    kiln_stage_segment.fini(f->state);
    kiln_doc_free(f->doc);
    free(f);
    return 0;
}

/* Run the stage on LEN bytes; returns process's result. */
static int run_n(fixture *f, const char *bytes, size_t len)
{
    assert_int_equal(kiln_doc_load(f->doc, "test", 0, bytes, len), 0);
    f->err.message[0] = '\0';
    return kiln_stage_segment.process(f->state, f->doc, &f->err);
}

static kiln_doc *run(fixture *f, const char *s)
{
    assert_int_equal(run_n(f, s, strlen(s)), 0);
    return f->doc;
}

static char *read_sample(size_t *len)
{
    const char *dir = getenv("KILN_TEST_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/liling-2021.txt",
             dir ? dir : "tests/data");
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    b[n] = '\0';
    *len = (size_t)n;
    return b;
}

/* Byte offset in S of code point CP. */
static size_t byte_of_cp(const char *s, size_t len, size_t cp)
{
    size_t i = 0;
    for (; i < len && cp; i++)
        if (((unsigned char)s[i + 1] & 0xC0) != 0x80 || i + 1 == len)
            cp--;
    return i;
}

/* S without the characters normalization may delete (line breaks, spaces,
 * zero-width), with full-width forms and U+3000 folded: what the text and
 * the original of one span must both reduce to. */
static char *reduce(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    size_t o = 0;
    assert_non_null(out);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = kiln_utf8_decode(s + i, len - i, &cp);
        assert_true(n > 0);
        uint32_t f = seg_fold(cp);
        if (!(f == ' ' || f == '\t' || f == '\n' || f == '\r' ||
              seg_is_zero_width(cp))) {
            if (f != cp)
                out[o++] = (char)f;
            else {
                memcpy(out + o, s + i, n);
                o += n;
            }
        }
        i += n;
    }
    out[o] = '\0';
    return out;
}

/* The alignment invariants, and for every segment: its original bytes are
 * the original sliced at its code-point offsets, and reduce to the same
 * string as its text. Also: parents come before children. */
static void check_alignment(const kiln_doc *d)
{
    size_t t = 0, o = 0;
    for (size_t i = 0; i < d->align_len; i++) {
        const kiln_align_run *r = &d->align[i];
        assert_int_equal(r->text_off, t);
        assert_int_equal(r->orig_off, o);
        assert_true(r->orig_len > 0);
        if (r->text_len == r->orig_len) /* a copy; a one-byte line break
                                            may become "\n" or " " */
            for (size_t k = 0; k < r->text_len; k++) {
                char tc = d->text[t + k], oc = d->original[o + k];
                assert_true(tc == oc || ((tc == '\n' || tc == ' ') &&
                                         (oc == '\r' || oc == '\n')));
            }
        t += r->text_len;
        o += r->orig_len;
    }
    assert_int_equal(t, d->text_len);
    assert_int_equal(o, d->original_len);
    assert_int_equal(strlen(d->text), d->text_len);

    for (size_t i = 0; i < d->segments.len; i++) {
        const kiln_segment *s = &d->segments.items[i];
        assert_true(s->span.start < s->span.end);
        assert_true(s->parent < (int32_t)i);
        if (i > 0)
            assert_true(d->segments.items[i - 1].span.start <= s->span.start);
        kiln_span_out out = kiln_doc_span_out(d, s->span);
        size_t a = byte_of_cp(d->original, d->original_len, out.cp_start);
        size_t b = byte_of_cp(d->original, d->original_len, out.cp_end);
        assert_ptr_equal(out.orig, d->original + a);
        assert_int_equal(out.orig_len, b - a);
        char *ro = reduce(out.orig, out.orig_len);
        char *rt = reduce(d->text + s->span.start, s->span.end - s->span.start);
        assert_string_equal(ro, rt);
        free(ro);
        free(rt);
    }
}

static size_t count_kind(const kiln_doc *d, kiln_segment_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < d->segments.len; i++)
        n += d->segments.items[i].kind == kind;
    return n;
}

/* The first segment of KIND whose text starts with PREFIX, or NULL. */
static const kiln_segment *find(const kiln_doc *d, kiln_segment_kind kind,
                                const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < d->segments.len; i++) {
        const kiln_segment *s = &d->segments.items[i];
        if (s->kind == kind && s->span.end - s->span.start >= n &&
            memcmp(d->text + s->span.start, prefix, n) == 0)
            return s;
    }
    return NULL;
}

static void assert_span_text(const kiln_doc *d, const kiln_segment *s,
                             const char *want)
{
    assert_non_null(s);
    assert_int_equal(s->span.end - s->span.start, strlen(want));
    assert_memory_equal(d->text + s->span.start, want, strlen(want));
}

/* Code-point span in the original of the first occurrence of NEEDLE in
 * the text. */
static kiln_span_out span_of(const kiln_doc *d, const char *needle)
{
    const char *p = strstr(d->text, needle);
    assert_non_null(p);
    kiln_span sp = {(size_t)(p - d->text),
                    (size_t)(p - d->text) + strlen(needle)};
    return kiln_doc_span_out(d, sp);
}

/* ---- normalization ---------------------------------------------------- */

static void test_fullwidth(void **ctx)
{
    kiln_doc *d = run(*ctx, "ＧＤＰ增长６．５％，达到１２３亿元（约）。");
    assert_string_equal(d->text, "GDP增长6.5%,达到123亿元(约)。");
    kiln_span_out o = span_of(d, "6.5%");
    assert_int_equal(o.cp_start, 5);
    assert_int_equal(o.cp_end, 9);
    assert_int_equal(o.orig_len, 12); /* four 3-byte forms */
    assert_memory_equal(o.orig, "６．５％", 12);
    o = span_of(d, "123亿元");
    assert_int_equal(o.cp_start, 12);
    assert_int_equal(o.cp_end, 17);
    check_alignment(d);
    /* 4 foldings in a row stay 4 atomic runs, copies are merged */
    assert_true(d->align_len < 20);
}

static void test_ideographic_space(void **ctx)
{
    kiln_doc *d = run(*ctx, "\xE3\x80\x80\xE3\x80\x80各位代表：\n\xE3\x80\x80现在，我代表国务院。");
    assert_string_equal(d->text, "各位代表:\n现在,我代表国务院。");
    check_alignment(d);
}

static void test_bom(void **ctx)
{
    kiln_doc *d = run(*ctx, "\xEF\xBB\xBF第一句。第二句。");
    assert_string_equal(d->text, "第一句。第二句。");
    const kiln_segment *s = find(d, KILN_SEG_SENTENCE, "第一句");
    kiln_span_out o = kiln_doc_span_out(d, s->span);
    assert_int_equal(o.cp_start, 1); /* the BOM counts as one */
    assert_int_equal(o.cp_end, 5);
    check_alignment(d);
}

static void test_crlf(void **ctx)
{
    kiln_doc *d = run(*ctx, "第一段。\r\n\r\n第二段，有两句。\r\n");
    assert_string_equal(d->text, "第一段。\n第二段,有两句。");
    assert_int_equal(count_kind(d, KILN_SEG_PARAGRAPH), 2);
    kiln_span_out o = kiln_doc_span_out(
        d, find(d, KILN_SEG_SENTENCE, "第二段")->span);
    assert_int_equal(o.cp_start, 8); /* "\r\n" is two code points */
    assert_int_equal(o.cp_end, 16);
    check_alignment(d);
}

static void test_cr_only(void **ctx)
{
    kiln_doc *d = run(*ctx, "甲段。\r乙段。\r\r丙段。");
    assert_string_equal(d->text, "甲段。\n乙段。\n丙段。");
    assert_int_equal(count_kind(d, KILN_SEG_PARAGRAPH), 3);
    kiln_span_out o = kiln_doc_span_out(d, find(d, KILN_SEG_PARAGRAPH, "丙")->span);
    assert_int_equal(o.cp_start, 9); /* 3 + "\r" + 3 + "\r\r" */
    check_alignment(d);
}

static void test_zero_width(void **ctx)
{
    kiln_doc *d = run(*ctx, "增长\xE2\x80\x8B" "6.5%\xE2\x81\xA0，"
                            "\xEF\xBB\xBF达到\xE2\x80\x8C\xE2\x80\x8D" "8亿元。");
    assert_string_equal(d->text, "增长6.5%,达到8亿元。");
    kiln_span_out o = span_of(d, "6.5%");
    assert_int_equal(o.cp_start, 3);
    assert_int_equal(o.cp_end, 7);
    o = span_of(d, "达到8亿元");
    assert_int_equal(o.cp_start, 10);
    assert_int_equal(o.cp_end, 17); /* the deleted joiners are inside */
    check_alignment(d);
}

static void test_stray_spaces(void **ctx)
{
    fixture *f = *ctx;
    struct {
        const char *in, *out;
    } cases[] = {
        {"收入230.5 亿元,增长10.5 %。", "收入230.5亿元,增长10.5%。"},
        {"1 9 9 7 年粮食产量达到4 9 2 5 0 万吨。", "1997年粮食产量达到49250万吨。"},
        {"增长1 5 ．3 ％。", "增长15.3%。"},
        {"公路1 500公里,共12 345 678人。", "公路1500公里,共12345678人。"},
        /* kept: before Latin letters, between long groups, in a decimal */
        {"长5 km,2020 2021年,0.5 123。", "长5 km,2020 2021年,0.5 123。"},
        {"醴陵市 融入长株潭", "醴陵市 融入长株潭"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kiln_doc *d = run(f, cases[i].in);
        assert_string_equal(d->text, cases[i].out);
        check_alignment(d);
    }
}

/* ---- joining cut lines ------------------------------------------------ */

static void test_join_cut_lines(void **ctx)
{
    kiln_doc *d = run(*ctx,
        "从基础设施日新月异到城镇面貌显著改变,从基本消除黑臭水体,到淘汰落后产能,从历史性地解决了绝对\n\n"
        "贫困问题到高质量全面建成小康社会。\n\n"
        "成功创建国家卫生城市、国家园林城市,入选全国文明城市提名城市,先后打通S333、李耿中路等主次干道20余\n\n"
        "条。依据《\n著作权法\n》第五条。\n"
        "First line of an English paragraph that was wrapped by hand at\n"
        "forty characters.");
    assert_string_equal(d->text,
        "从基础设施日新月异到城镇面貌显著改变,从基本消除黑臭水体,到淘汰落后产能,从历史性地解决了绝对贫困问题到高质量全面建成小康社会。\n"
        "成功创建国家卫生城市、国家园林城市,入选全国文明城市提名城市,先后打通S333、李耿中路等主次干道20余条。依据《著作权法》第五条。\n"
        "First line of an English paragraph that was wrapped by hand at forty characters.");
    kiln_span_out o = span_of(d, "绝对贫困");
    assert_int_equal(o.orig_len, strlen("绝对\n\n贫困"));
    assert_memory_equal(o.orig, "绝对\n\n贫困", o.orig_len);
    o = span_of(d, "20余条");
    assert_memory_equal(o.orig, "20余\n\n条", o.orig_len);
    assert_int_equal(count_kind(d, KILN_SEG_PARAGRAPH), 3);
    check_alignment(d);
}

static void test_no_join_before_heading(void **ctx)
{
    kiln_doc *d = run(*ctx,
        "大力发展农产品加工业,实现产销贯通、农工贸一体、一二三产业融合发展。力争认证总数达到40个以上,创建国家农\n\n"
        "关键词 绿色发展\n\n"
        "【亮点一】综合实力大提升\n\n"
        "地区生产总值达738亿元。\n"
        "一、2024年工作回顾\n"
        "- 新改扩建农村公路1500公里\n"
        "- 城镇新增就业3.7万人\n"
        "\xE3\x80\x80\xE3\x80\x80过去一年,经济运行总体平稳,发展质量稳步提升,主要目标任务较好完成,人民生活水平持续提高,社会大局保持稳定\n"
        "\xE3\x80\x80\xE3\x80\x80新的一段。");
    assert_int_equal(count_kind(d, KILN_SEG_HEADING), 3);
    assert_int_equal(count_kind(d, KILN_SEG_PARAGRAPH), 6);
    assert_non_null(find(d, KILN_SEG_HEADING, "关键词 绿色发展"));
    assert_non_null(find(d, KILN_SEG_HEADING, "【亮点一】"));
    assert_non_null(find(d, KILN_SEG_HEADING, "一、2024年工作回顾"));
    /* a list item is a paragraph and its own sentence, not a heading */
    assert_span_text(d, find(d, KILN_SEG_SENTENCE, "- 城镇"),
                     "- 城镇新增就业3.7万人");
    assert_non_null(find(d, KILN_SEG_PARAGRAPH, "新的一段。"));
    check_alignment(d);
}

/* ---- splitting ---------------------------------------------------------- */

static void test_sentences_and_clauses(void **ctx)
{
    kiln_doc *d = run(*ctx,
        "他说：“今年要完成1,500项。”明年呢？再看！收入增长6%；"
        "支出8:30下降（见表1）。");
    const char *sentences[] = {"他说:“今年要完成1,500项。”", "明年呢?", "再看!",
                               "收入增长6%;", "支出8:30下降(见表1)。"};
    size_t k = 0;
    for (size_t i = 0; i < d->segments.len; i++) {
        const kiln_segment *s = &d->segments.items[i];
        if (s->kind != KILN_SEG_SENTENCE)
            continue;
        assert_true(k < 5);
        assert_span_text(d, s, sentences[k]);
        assert_int_equal(s->sentence_no, (int32_t)k + 1);
        assert_int_equal(d->segments.items[s->parent].kind, KILN_SEG_PARAGRAPH);
        k++;
    }
    assert_int_equal(k, 5);
    /* clauses: "他说:" + "“今年要完成1,500项。”"; no split inside 1,500 or 8:30 */
    const kiln_segment *c = find(d, KILN_SEG_CLAUSE, "“今年");
    assert_span_text(d, c, "“今年要完成1,500项。”");
    assert_int_equal(d->segments.items[c->parent].kind, KILN_SEG_SENTENCE);
    assert_int_equal(count_kind(d, KILN_SEG_CLAUSE), 6);
    check_alignment(d);
}

static void test_heading_is_its_sentence(void **ctx)
{
    kiln_doc *d = run(*ctx, "一、2024年工作回顾\n过去一年,成绩显著。");
    const kiln_segment *h = &d->segments.items[0];
    assert_int_equal(h->kind, KILN_SEG_HEADING);
    assert_int_equal(h->sentence_no, 1);
    assert_int_equal(h->parent, -1);
    /* its clause: the enumeration "一、" is not split off */
    assert_int_equal(d->segments.items[1].kind, KILN_SEG_CLAUSE);
    assert_int_equal(d->segments.items[1].parent, 0);
    assert_span_text(d, &d->segments.items[1], "一、2024年工作回顾");
    const kiln_segment *s = find(d, KILN_SEG_SENTENCE, "过去");
    assert_int_equal(s->sentence_no, 2);
    assert_string_equal(s->stage, "segment");
    check_alignment(d);
}

static void test_sample_report(void **ctx)
{
    fixture *f = *ctx;
    size_t len;
    char *b = read_sample(&len);
    assert_int_equal(run_n(f, b, len), 0);
    kiln_doc *d = f->doc;
    check_alignment(d);
    assert_int_equal(count_kind(d, KILN_SEG_PARAGRAPH), 65);
    assert_int_equal(count_kind(d, KILN_SEG_HEADING), 37);
    assert_int_equal(count_kind(d, KILN_SEG_SENTENCE), 154);
    assert_int_equal(count_kind(d, KILN_SEG_CLAUSE), 458);
    int32_t last_no = 0;
    for (size_t i = 0; i < d->segments.len; i++)
        if (d->segments.items[i].sentence_no > last_no)
            last_no = d->segments.items[i].sentence_no;
    assert_int_equal(last_no, 154 + 37);

    /* cut lines joined, each one sentence */
    assert_span_text(d, find(d, KILN_SEG_SENTENCE, "从传统产业"),
        "从传统产业与新兴产业“比翼齐飞”,到先进制造业与现代服务业“双轮驱动”,"
        "从基础设施日新月异到城镇面貌显著改变,从基本消除黑臭水体,到淘汰落后产能,"
        "从历史性地解决了绝对贫困问题到高质量全面建成小康社会……时光荏苒,五载转瞬,"
        "醴陵市在默默耕耘中诠释高质量发展的真谛,为建设现代化新醴陵奠定了坚实基础,"
        "醴陵人民正悄然走进更美好的生活。");
    assert_span_text(d, find(d, KILN_SEG_SENTENCE, "先后荣获"),
        "先后荣获全国全面小康最佳示范市、全国社会治理创新示范市等省部级以上荣誉300余项。");
    assert_span_text(d, find(d, KILN_SEG_SENTENCE, "成功创建国家卫生"),
        "成功创建国家卫生城市、国家园林城市,入选全国文明城市提名城市,"
        "先后打通S333、李耿中路等主次干道20余条。");
    assert_span_text(d, find(d, KILN_SEG_SENTENCE, "新增造林"),
        "新增造林面积20万亩,森林覆盖率达56%。");
    assert_span_text(d, find(d, KILN_SEG_SENTENCE, "提前三年"),
        "提前三年实现整体脱贫、同步全面小康;");
    assert_span_text(d, find(d, KILN_SEG_SENTENCE, "始终牢记"),
        "始终牢记“江山就是人民,人民就是江山”。");
    assert_span_text(d, find(d, KILN_SEG_SENTENCE, "蓝图"),
        "蓝图已经绘就,奋斗正当其时!");
    /* a heading followed by a paragraph, not joined */
    const kiln_segment *h = find(d, KILN_SEG_HEADING, "【亮点一】");
    assert_span_text(d, h, "【亮点一】综合实力大提升");
    assert_span_text(d, h + 1, "【亮点一】综合实力大提升"); /* its clause */
    assert_int_equal(h[2].kind, KILN_SEG_PARAGRAPH);
    /* a cut line before a heading is not joined to it */
    assert_non_null(find(d, KILN_SEG_HEADING, "关键词 长株潭一体化"));
    free(b);
}

/* ---- errors and edge cases --------------------------------------------- */

static void test_invalid_utf8(void **ctx)
{
    fixture *f = *ctx;
    struct {
        const char *bytes;
        size_t len;
        const char *want;
    } cases[] = {
        {"ab\x80" "c", 4, "invalid UTF-8 (0x80) at byte 2 (line 1)"},
        {"第一行\n\xC0\xAF", 12, "invalid UTF-8 (0xc0) at byte 10 (line 2)"},
        {"a\r\nb\r\xED\xA0\x80", 8, "invalid UTF-8 (0xed) at byte 5 (line 3)"},
        {"abc\xE4\xB8", 5, "invalid UTF-8 (0xe4) at byte 3 (line 1)"},
        {"ab\0c", 4, "NUL byte (0x00) at byte 2 (line 1)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(run_n(f, cases[i].bytes, cases[i].len), -1);
        assert_string_equal(f->err.message, cases[i].want);
        assert_int_equal(f->doc->segments.len, 0);
    }
}

static void test_empty_and_blank(void **ctx)
{
    fixture *f = *ctx;
    const char *cases[] = {"", " \n\r\n\t\xE3\x80\x80\n", "\xEF\xBB\xBF",
                           "\xE2\x80\x8B\n\n"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kiln_doc *d = run(f, cases[i]);
        assert_int_equal(d->text_len, 0);
        assert_string_equal(d->text, "");
        assert_int_equal(d->segments.len, 0);
        assert_true(d->layers & KILN_LAYER_SEGMENTS);
        check_alignment(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fullwidth, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ideographic_space, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crlf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cr_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zero_width, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stray_spaces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_join_cut_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_join_before_heading, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sentences_and_clauses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_heading_is_its_sentence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sample_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_and_blank, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
