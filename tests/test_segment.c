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

/* ---- fast paths: byte tables, masks, the list of changes --------------- */

/* Encode CP (U+0800-U+FFFF) as 3 bytes. */
static void encode3(uint32_t cp, unsigned char out[3])
{
    out[0] = (unsigned char)(0xE0 | (cp >> 12));
    out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (unsigned char)(0x80 | (cp & 0x3F));
}

/* Every bit of the masks of line.c agrees with the character classes. */
static void test_cjk_masks(void **ctx)
{
    (void)ctx;
    const uint32_t blocks[] = {0x2000, 0x3000, 0xF000};
    size_t shaping = 0, sentence_ends = 0, changing = 0, edits = 0;
    for (size_t b = 0; b < 3; b++)
        for (uint32_t cp = blocks[b]; cp < blocks[b] + 0x1000; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF)
                continue;
            unsigned char u[3];
            encode3(cp, u);
            const cjk_masks *m = cjk_masks_of(u);
            uint64_t bit = (uint64_t)1 << (u[2] & 0x3F);
            uint32_t f = seg_fold(cp);
            bool shapes = seg_is_zero_width(cp) || seg_is_hspace(f) ||
                          seg_is_closer(f) || seg_is_opener(f);
            assert_int_equal((m->shapes & bit) != 0, shapes);
            assert_int_equal((m->sentence_ends & bit) != 0,
                             seg_is_sentence_end(f));
            sentence_ends += seg_is_sentence_end(f);
            assert_int_equal((m->edits & bit) != 0, seg_is_edit(cp));
            shaping += shapes;
            changing += seg_changes_in_text(cp);
            edits += seg_is_edit(cp);
        }
    /* 10 of U+20xx (spaces, zero-width, quotes), 15 of U+30xx (space,
     * brackets), 5 of U+FFxx (BOM, （）［］); the sentence ends 。！；？｡ */
    assert_int_equal(shaping, 30);
    assert_int_equal(sentence_ends, 5);
    assert_int_equal(changing, 94 + 8); /* FF01-FF5E, 3 spaces, 5 zero-width */
    assert_int_equal(edits, changing + 4); /* and 、。｡､ */
}

/* The shape of a line does not depend on where the head ends and the
 * fast scan begins: markers that need the whole head, bullets, sentence
 * ends and the count past the head, and the count cut at SEG_CP_ENOUGH. */
static void test_line_shapes(void **ctx)
{
    (void)ctx;
    static const struct {
        const char *s;
        bool marker, bullet, sentence_end, ends_final;
        size_t n_cp;
    } cases[] = {
        {"第123章总则", true, false, false, false, 7},
        {"(123)总则", true, false, false, false, 7},
        {"123.万元", true, false, false, false, 6},
        {"123.4万元", false, false, false, false, 7},
        {"一二三、总则", true, false, false, false, 6},
        {"年1、总则", false, false, false, false, 5},
        {"- 项目", true, true, false, false, 3}, /* spaces: not counted */
        {"-5%增长", false, false, false, false, 5},
        {"中(一)总则", false, false, false, false, 6},
        {"总则，目标。", false, false, true, true, 6},
        {"总则。目标", false, false, true, false, 5},
        {"总", false, false, false, false, 1},
        {"总！", false, false, true, true, 2},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        seg_line line;
        size_t len = strlen(cases[c].s);
        assert_int_equal(seg_scan_line(cases[c].s, len, 0, &line, NULL), len);
        assert_int_equal(line.shape.starts_marker, cases[c].marker);
        assert_int_equal(line.shape.starts_bullet, cases[c].bullet);
        assert_int_equal(line.shape.has_sentence_end, cases[c].sentence_end);
        assert_int_equal(line.shape.ends_final, cases[c].ends_final);
        assert_int_equal(line.shape.n_cp, cases[c].n_cp);
    }
    /* Lines of N ideographs, a comma every seventh: the count is exact up
     * to SEG_CP_ENOUGH and more past it; a 。 far in the line is seen. */
    char buf[4 * 3 * SEG_CP_ENOUGH];
    for (size_t n = 1; n <= 3 * SEG_CP_ENOUGH; n++) {
        size_t len = 0;
        for (size_t k = 0; k < n; k++) {
            const char *ch = k + 1 == n && n > SEG_CP_ENOUGH ? "。"
                             : k % 7 == 6                    ? "，"
                                                             : "中";
            memcpy(buf + len, ch, 3);
            len += 3;
        }
        seg_line line;
        assert_int_equal(seg_scan_line(buf, len, 0, &line, NULL), len);
        if (n <= SEG_CP_ENOUGH)
            assert_int_equal(line.shape.n_cp, n);
        else
            assert_true(line.shape.n_cp > SEG_CP_ENOUGH);
        assert_int_equal(line.shape.has_sentence_end, n > SEG_CP_ENOUGH);
        assert_int_equal(line.shape.ends_soft, n <= SEG_CP_ENOUGH && n % 7 == 0);
    }
}

/* seg_find_stop finds the first marked byte at every position of an
 * eight-byte step and in the tail, and never reads past END. */
static void test_find_stop(void **ctx)
{
    (void)ctx;
    static const unsigned char stop[256] = {['!'] = 1, [0xE3] = 1};
    for (size_t len = 0; len <= 40; len++) {
        unsigned char *u = malloc(len ? len : 1); /* exact: ASan sees */
        assert_non_null(u);
        memset(u, 'a', len);
        assert_int_equal(seg_find_stop(u, 0, len, stop), len);
        for (size_t at = 0; at < len; at++) {
            memset(u, 'a', len);
            u[at] = '!';
            assert_int_equal(seg_find_stop(u, 0, len, stop), at);
            if (at + 1 < len)
                u[at + 1] = '!';
            assert_int_equal(seg_find_stop(u, at, len, stop), at);
            assert_int_equal(seg_find_stop(u, at + 1, len, stop),
                             at + 1 < len ? at + 1 : len);
        }
        free(u);
    }
    /* a lead byte cut by END is returned, not stepped over */
    const unsigned char cut[] = {'a', 'b', 0xE3, 0x80};
    assert_int_equal(seg_find_stop(cut, 0, sizeof cut, stop), 2);
}

static void test_count_chars(void **ctx)
{
    (void)ctx;
    const char *s = "a中\xF0\x9F\x98\x80" "bé，一二三四五六七八九十x";
    size_t len = strlen(s);
    for (size_t from = 0; from < len; from++)
        for (size_t to = from; to <= len; to++) {
            if (to < len && ((unsigned char)s[to] & 0xC0) == 0x80)
                continue;
            if (((unsigned char)s[from] & 0xC0) == 0x80)
                continue;
            size_t want = 0;
            for (size_t k = from; k < to; k++)
                want += ((unsigned char)s[k] & 0xC0) != 0x80;
            assert_int_equal(seg_count_chars((const unsigned char *)s + from,
                                             to - from), want);
        }
    assert_int_equal(seg_count_chars((const unsigned char *)"", 0), 0);
}

/* The scan of a line lists what changes in it, head and fast path alike,
 * up to a full-width form in the last bytes of the text. */
static void test_line_edits(void **ctx)
{
    (void)ctx;
    /* 8 code points of head, then the fast path */
    const char *s = "\xE3\x80\x80" "一二三四五六七八中文，数字１２、"
                    "“引号”\xE2\x80\x8B" "空 格。尾，";
    size_t len = strlen(s);
    seg_offsets e = {0};
    seg_line line;
    assert_int_equal(seg_scan_line(s, len, 0, &line, &e), len);
    assert_false(e.failed);
    size_t want[16], n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = seg_decode(s + i, len - i, &cp);
        if (seg_is_edit(cp))
            want[n++] = i;
        i += k;
    }
    assert_int_equal(n, 9); /* U+3000 ， １ ２ 、 U+200B space 。 ， */
    assert_int_equal(e.len, n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(e.at[i], want[i]);
    assert_int_equal(e.at[n - 1], len - 3); /* the last character */
    assert_int_equal(line.content_end, len);
    assert_true(line.shape.has_sentence_end);
    assert_int_equal(line.shape.last, ',');
    assert_true(line.shape.ends_soft);
    /* a line without changes */
    assert_int_equal(seg_scan_line("中文\n", 7, 0, &line, &e), 7);
    assert_int_equal(e.len, 0);
    free(e.at);
}

/* Marks in the last bytes of the text: the fast scans end exactly there. */
static void test_marks_at_end(void **ctx)
{
    fixture *f = *ctx;
    kiln_doc *d = run(f, "一二三四五六七八九十，甲乙丙丁戊己庚辛壬癸。子丑寅卯，");
    assert_string_equal(d->text,
                        "一二三四五六七八九十,甲乙丙丁戊己庚辛壬癸。子丑寅卯,");
    assert_int_equal(count_kind(d, KILN_SEG_SENTENCE), 2);
    assert_int_equal(count_kind(d, KILN_SEG_CLAUSE), 3);
    assert_span_text(d, find(d, KILN_SEG_CLAUSE, "子"), "子丑寅卯,");
    check_alignment(d);
    d = run(f, "第一段很长很长的一句话没有标点但是有逗号，然后在最后结束。");
    assert_int_equal(count_kind(d, KILN_SEG_CLAUSE), 2);
    assert_span_text(d, find(d, KILN_SEG_CLAUSE, "然后"), "然后在最后结束。");
    check_alignment(d);
}

/* seg_maybe_stops flags exactly the bytes it promises, in every lane. */
static void test_maybe_stops(void **ctx)
{
    (void)ctx;
    for (unsigned b = 0; b < 256; b++) {
        bool want = b < 0x80 || (b >= 0xC0 && b <= 0xE3) || b >= 0xEF;
        for (unsigned lane = 0; lane < 8; lane++) {
            unsigned char bytes[8];
            memset(bytes, 0xE5, 8); /* a lead byte that never stops */
            bytes[lane] = (unsigned char)b;
            uint64_t w, flag;
            memcpy(&w, bytes, 8);
            /* exactly bit 7 of this byte: find_stop takes its place */
            memset(bytes, 0, 8);
            bytes[lane] = want ? 0x80 : 0;
            memcpy(&flag, bytes, 8);
            assert_true(seg_maybe_stops(w) == flag);
        }
    }
    /* continuation bytes never stop */
    for (unsigned b = 0x80; b < 0xC0; b++) {
        uint64_t w = 0x0101010101010101u * b;
        assert_int_equal(seg_maybe_stops(w), 0);
    }
}

/* seg_find_stop inside runs of ideographs, with digits (flagged but not
 * stops) around, finds the stop wherever it lies, and END without one. */
static void test_find_stop_in_han(void **ctx)
{
    (void)ctx;
    static const unsigned char stop[256] = {[','] = 1, [0xE3] = 1,
                                            [0xEF] = 1};
    const char *han = "中文报告数字12三"; /* 3-byte and ASCII, no stop */
    for (size_t reps = 0; reps < 4; reps++)
        for (size_t at = 0; at <= reps * strlen(han); at++) {
            char buf[256];
            size_t n = 0;
            for (size_t r = 0; r < reps; r++) {
                memcpy(buf + n, han, strlen(han));
                n += strlen(han);
            }
            /* a stop at character boundary AT, if AT is one */
            if (at < n && ((unsigned char)buf[at] & 0xC0) == 0x80)
                continue;
            char *u = malloc(n + 3); /* exact: ASan sees any overread */
            assert_non_null(u);
            memcpy(u, buf, at);
            memcpy(u + at, "\xE3\x80\x82", 3); /* 。 */
            memcpy(u + at + 3, buf + at, n - at);
            const unsigned char *p = (const unsigned char *)u;
            assert_int_equal(seg_find_stop(p, 0, n + 3, stop), at);
            assert_int_equal(seg_find_stop(p, at + 3, n + 3, stop), n + 3);
            free(u);
        }
}

/* seg_is_plain promises no folding, no dropping, no space, no mark, no
 * bracket: checked on every code point. */
static void test_is_plain(void **ctx)
{
    (void)ctx;
    size_t plain = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (!seg_is_plain(cp))
            continue;
        plain++;
        assert_int_equal(seg_fold(cp), cp);
        assert_false(seg_is_edit(cp));
        assert_false(seg_is_zero_width(cp));
        assert_false(seg_is_closer(cp) || seg_is_opener(cp));
    }
    assert_int_equal(plain, 62 + (0xFEFF - 0x3040));
    assert_true(seg_is_plain(0x4E2D) && seg_is_plain('7'));
    assert_false(seg_is_plain(0x3002) || seg_is_plain(0xFF0C) ||
                 seg_is_plain(0xFEFF) || seg_is_plain(' '));
}

/* The marks seg_normalize notes are exactly the sentence and clause ends
 * a scan of the text finds, and a one-line block is listed as a heading
 * exactly when a scan of its text says so. */
static void check_marks(const char *s, size_t len)
{
    kiln_doc *d = kiln_doc_new();
    assert_non_null(d);
    assert_int_equal(kiln_doc_load(d, "t", 0, s, len), 0);
    seg_marks m = {{0}, {0}, {0}, {0}};
    assert_int_equal(seg_normalize(d, &m), 0);
    size_t ke = 0, kc = 0;
    for (size_t i = 0; i < d->text_len;) {
        uint32_t cp;
        size_t n = seg_decode(d->text + i, d->text_len - i, &cp);
        if (seg_is_sentence_end(cp)) {
            assert_true(ke < m.sentence_ends.len);
            assert_int_equal(m.sentence_ends.at[ke++], i);
        } else if (seg_is_clause_end(cp)) {
            assert_true(kc < m.clause_ends.len);
            assert_int_equal(m.clause_ends.at[kc++], i);
        }
        i += n;
    }
    assert_int_equal(ke, m.sentence_ends.len);
    assert_int_equal(kc, m.clause_ends.len);
    size_t kh = 0, kj = 0, blocks = 0;
    for (size_t pos = 0; pos < d->text_len; blocks++) {
        seg_line line;
        size_t next = seg_scan_line(d->text, d->text_len, pos, &line, NULL);
        bool joined = kj < m.joined.len && m.joined.at[kj] == pos;
        bool heading = kh < m.headings.len && m.headings.at[kh] == pos;
        kj += joined;
        kh += heading;
        assert_false(joined && heading);
        if (!joined)
            assert_int_equal(heading, seg_is_heading(&line.shape));
        pos = next;
    }
    assert_int_equal(kj, m.joined.len); /* every one a block start */
    assert_int_equal(kh, m.headings.len);
    seg_marks_free(&m);
    kiln_doc_free(d);
}

static void test_marks_noted(void **ctx)
{
    (void)ctx;
    const char *cases[] = {
        "",
        "\n\n  \n",
        "。",
        "标题\n正文第一句，第二分句。",
        "一、总体要求\r\n（一）发展目标：到2025年，GDP增长5%；人均1,500元。",
        "\xEF\xBB\xBF全角！？；：，、。｡､!?;,:　末尾，",
        "被页面切断的一句很长很长很长很长很长很长很长很长很长很长很长很长的话\n"
        "继续这句话，然后结束。\n短标题\n- 列表项\n-\n，接上",
        "数字 1 5 .3 和 12 345 678 元，\xE2\x80\x8B零宽；end of text:",
        "“引号里的句子。”（括号里的句子！）《书名》",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check_marks(cases[i], strlen(cases[i]));
    size_t len;
    char *sample = read_sample(&len);
    check_marks(sample, len);
    free(sample);
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
        cmocka_unit_test(test_cjk_masks),
        cmocka_unit_test(test_find_stop),
        cmocka_unit_test(test_line_shapes),
        cmocka_unit_test(test_count_chars),
        cmocka_unit_test(test_line_edits),
        cmocka_unit_test_setup_teardown(test_marks_at_end, setup, teardown),
        cmocka_unit_test(test_maybe_stops),
        cmocka_unit_test(test_find_stop_in_han),
        cmocka_unit_test(test_is_plain),
        cmocka_unit_test(test_marks_noted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
