/* test_numbers.c — the numbers stage: numeral parsing and the scanner,
 * one test per form of the issue (value, unit, kind and qualifier). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kiln/kiln.h"
#include "../plugins/numbers/numbers.h"

/* ---- fixtures ---------------------------------------------------------- */

typedef struct fixture {
    kiln_arena *arena;
    numbers_lexicon *lex;
} fixture;

static fixture fx;

static int setup(void **state)
{
    (void)state;
    const char *top = getenv("KILN_DATA_PATH");
    char units[4096], cues[4096];
    snprintf(units, sizeof units, "%s/data/units-zh.tsv", top ? top : ".");
    snprintf(cues, sizeof cues, "%s/data/numbers-zh.tsv", top ? top : ".");
    kiln_error err;
    fx.arena = kiln_arena_new();
    fx.lex = numbers_lexicon_new(fx.arena);
    if (numbers_lexicon_read_units(fx.lex, units, &err) < 0 ||
        numbers_lexicon_read_cues(fx.lex, cues, &err) < 0) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    numbers_lexicon_free(fx.lex);
    kiln_arena_free(fx.arena);
    return 0;
}

#define MAX_HITS 64

typedef struct found {
    numbers_hit hits[MAX_HITS];
    size_t n;
    size_t overflows;
    const char *text;
} found;

static int on_hit(void *ctx, const numbers_hit *h)
{
    found *f = ctx;
    if (f->n < MAX_HITS)
        f->hits[f->n++] = *h;
    return 0;
}

static int on_overflow(void *ctx, size_t start, size_t end)
{
    (void)start, (void)end;
    ((found *)ctx)->overflows++;
    return 0;
}

static void scan(const char *text, found *f)
{
    memset(f, 0, sizeof *f);
    f->text = text;
    numbers_sink sink = {on_hit, on_overflow, f};
    assert_int_equal(numbers_scan(fx.lex, text, strlen(text), &sink), 0);
}

/* The hit whose span is exactly SPAN (first occurrence in the text). */
static const numbers_hit *hit_for(const found *f, const char *span)
{
    const char *at = strstr(f->text, span);
    if (!at)
        fail_msg("test bug: '%s' not in '%s'", span, f->text);
    size_t start = (size_t)(at - f->text), end = start + strlen(span);
    for (size_t i = 0; i < f->n; i++)
        if (f->hits[i].start == start && f->hits[i].end == end)
            return &f->hits[i];
    for (size_t i = 0; i < f->n; i++)
        print_message("  got [%.*s] value %g\n",
                      (int)(f->hits[i].end - f->hits[i].start),
                      f->text + f->hits[i].start, f->hits[i].value);
    fail_msg("no mention spanning '%s' in '%s'", span, f->text);
    return NULL;
}

/* TEXT holds a mention spanning SPAN with these fields. */
static void expect(const char *text, const char *span, double value,
                   const char *unit, kiln_mention_kind kind,
                   const char *qualifier)
{
    found f;
    scan(text, &f);
    const numbers_hit *h = hit_for(&f, span);
    if (h->value != value)
        fail_msg("'%s' in '%s': value %.17g, expected %.17g", span, text,
                 h->value, value);
    assert_int_equal(h->unit_len, strlen(unit));
    assert_memory_equal(h->unit, unit, h->unit_len);
    if (h->kind != kind)
        fail_msg("'%s' in '%s': kind %s, expected %s", span, text,
                 kiln_kind_name(h->kind), kiln_kind_name(kind));
    assert_string_equal(h->qualifier, qualifier);
}

static void expect_range(const char *text, const char *span, double lo,
                         double hi, const char *unit, kiln_mention_kind kind)
{
    found f;
    scan(text, &f);
    const numbers_hit *h = hit_for(&f, span);
    assert_true(h->has_max);
    assert_true(h->value == lo);
    assert_true(h->value_max == hi);
    assert_string_equal(h->unit, unit);
    assert_int_equal(h->kind, kind);
}

/* No mention overlaps the first occurrence of PART in TEXT. */
static void expect_none(const char *text, const char *part)
{
    found f;
    scan(text, &f);
    const char *at = strstr(text, part);
    assert_non_null(at);
    size_t start = (size_t)(at - text), end = start + strlen(part);
    for (size_t i = 0; i < f.n; i++)
        if (f.hits[i].start < end && start < f.hits[i].end)
            fail_msg("unexpected mention [%.*s] in '%s'",
                     (int)(f.hits[i].end - f.hits[i].start),
                     text + f.hits[i].start, text);
}

#define A KILN_KIND_AMOUNT
#define P KILN_KIND_PERCENT

/* ---- numeral parser (pure) --------------------------------------------- */

static double parse(const char *s, size_t *len)
{
    numbers_numeral nu;
    *len = numbers_parse_numeral(s, strlen(s), NULL, &nu);
    assert_false(nu.overflow);
    return nu.value;
}

static void test_numeral_arabic(void **state)
{
    (void)state;
    size_t len;
    assert_true(parse("1,500家", &len) == 1500 && len == 5);
    assert_true(parse("1,234,567.5", &len) == 1234567.5);
    assert_true(parse("1,2,3", &len) == 1 && len == 1);
    assert_true(parse("2020,2021", &len) == 2020 && len == 4);
    assert_true(parse("97.8%", &len) == 97.8 && len == 4);
    assert_true(parse("0.1", &len) == 0.1);
    assert_true(parse("5.", &len) == 5 && len == 1);
}

static void test_numeral_chinese(void **state)
{
    (void)state;
    size_t len;
    assert_true(parse("三百二十五", &len) == 325);
    assert_true(parse("一百零五", &len) == 105);
    assert_true(parse("十六", &len) == 16);
    assert_true(parse("两万亿", &len) == 2e12);
    assert_true(parse("三亿五千万", &len) == 350000000);
    assert_true(parse("一千万", &len) == 1e7);
    assert_true(parse("壹仟贰佰叁拾肆", &len) == 1234);
    assert_true(parse("三点五", &len) == 3.5);
    assert_true(parse("八点五", &len) == 8.5);
    assert_true(parse("三万五", &len) == 35000);
    assert_true(parse("二〇二一", &len) == 2021);
    numbers_numeral nu;
    numbers_parse_numeral("二〇二一年", strlen("二〇二一年"), NULL, &nu);
    assert_true(nu.digit_seq);
    assert_int_equal(nu.n_cp, 4);
}

static void test_numeral_mixed(void **state)
{
    (void)state;
    size_t len;
    numbers_numeral nu;
    assert_true(parse("1.5万", &len) == 15000);
    assert_true(parse("738亿", &len) == 73800000000.0);
    numbers_parse_numeral("1.3万亿", strlen("1.3万亿"), NULL, &nu);
    assert_true(nu.value == 1.3e12 && nu.magnitude == 1e12);
    assert_true(parse("3万4000", &len) == 34000);
    assert_true(parse("25万6千", &len) == 256000);
    numbers_parse_numeral("十几万", strlen("十几万"), NULL, &nu);
    assert_true(nu.value == 100000);
    assert_string_equal(nu.approx, "几");
    numbers_parse_numeral("500多亿", strlen("500多亿"), NULL, &nu);
    assert_true(nu.value == 5e10);
    assert_string_equal(nu.approx, "多");
    numbers_parse_numeral("数百", strlen("数百"), NULL, &nu);
    assert_true(nu.value == 100);
    assert_string_equal(nu.approx, "数");
    assert_true(parse("230.5 亿", &len) == 23050000000.0);
    /* a decimal times a magnitude is the decimal exactly: 139 x 10^10,
     * not 1.39 x 10^12 = 1389999999999.9998 */
    assert_true(parse("1.39万亿", &len) == 1390000000000.0);
    assert_true(parse("4.06万亿", &len) == 4060000000000.0);
    assert_true(parse("0.35亿", &len) == 35000000.0);
    assert_true(parse("12.345万", &len) == 123450.0);
    assert_true(parse("3.5万4000", &len) == 39000.0);
}

static void test_numeral_overflow(void **state)
{
    (void)state;
    numbers_numeral nu;
    const char *big = "123456789012345678901234567890";
    assert_int_equal(numbers_parse_numeral(big, strlen(big), NULL, &nu), 30);
    assert_true(nu.overflow);
    numbers_parse_numeral("9007199254740993", 16, NULL, &nu);
    assert_true(nu.overflow);
    numbers_parse_numeral("9007199254740992", 16, NULL, &nu);
    assert_false(nu.overflow);
    numbers_parse_numeral("九千万亿亿", strlen("九千万亿亿"), NULL, &nu);
    assert_true(nu.overflow);
    /* no numeral at all, and truncated UTF-8 */
    assert_int_equal(numbers_parse_numeral("abc", 3, NULL, &nu), 0);
    assert_int_equal(numbers_parse_numeral("\xE4\xB8", 2, NULL, &nu), 0);
}

/* ---- scanner ----------------------------------------------------------- */

static void test_arabic(void **state)
{
    (void)state;
    expect("企业达1,500家。", "1,500家", 1500, "家", A, "");
    expect("排名1,2,3位", "1", 1, "", A, "");
    expect("2020,2021年", "2021年", 2021, "年", KILN_KIND_YEAR_OR_DATE, "");
    expect("收入230.5 亿元", "230.5 亿元", 23050000000.0, "元", A, "");
    expect("增长10.5 %", "10.5 %", 10.5, "%", P, "");
    expect("面积达11.6平方米。", "11.6平方米", 11.6, "平方米", A, "");
}

static void test_chinese(void **state)
{
    (void)state;
    expect("完成两项工作", "两项", 2, "项", A, "");
    expect("共三百二十五家", "三百二十五家", 325, "家", A, "");
    expect("投入壹仟贰佰叁拾肆元", "壹仟贰佰叁拾肆元", 1234, "元", A, "");
    expect("增长三点五倍", "三点五倍", 3.5, "倍", A, "");
    expect("二〇二一年是开局之年", "二〇二一年", 2021, "年",
           KILN_KIND_YEAR_OR_DATE, "");
    expect("过去五年", "五年", 5, "年", KILN_KIND_DURATION, "");
    expect("两万亿元", "两万亿元", 2e12, "元", A, "");
    expect("打造千亿产业园区", "千亿", 1e11, "", A, "");
}

static void test_mixed_and_approximate(void **state)
{
    (void)state;
    expect("城镇新增就业3.7万人", "3.7万人", 37000, "人", A, "");
    expect("地区生产总值达738亿元，", "738亿元", 73800000000.0, "元", A, "");
    expect("粮食产量1.3万亿斤以上", "1.3万亿斤", 1.3e12, "斤", A, "以上");
    expect("人口3万4000人", "3万4000人", 34000, "人", A, "");
    expect("25万6千", "25万6千", 256000, "", A, "");
    expect("带动十几万人", "十几万人", 100000, "人", A, "几");
    expect("投资500多亿元", "500多亿元", 5e10, "元", A, "多");
    expect("数百家企业", "数百家", 100, "家", A, "数");
    expect("荣誉300余项。", "300余项", 300, "项", A, "余");
    expect("主次干道20余条", "20余条", 20, "条", A, "余");
}

static void test_percent(void **state)
{
    (void)state;
    expect("优良率达97.8%。", "97.8%", 97.8, "%", P, "");
    expect("增长百分之八点五", "百分之八点五", 8.5, "%", P, "");
    expect("控制在千分之三", "千分之三", 3, "‰", P, "");
    expect("人口增长率3‰", "3‰", 3, "‰", P, "");
    expect("增长5℅", "5℅", 5, "%", P, "");
    expect("提高2个百分点", "2个百分点", 2, "个百分点",
           KILN_KIND_PERCENTAGE_POINT, "");
    expect("下降0.5个百分点", "0.5个百分点", -0.5, "个百分点",
           KILN_KIND_PERCENTAGE_POINT, "");
    expect("占三成", "三成", 3, "成", P, "");
    expect("增长3倍", "3倍", 3, "倍", A, "");
    expect("实现翻两番", "翻两番", 2, "番", A, "");
}

static void test_ranges(void **state)
{
    (void)state;
    expect_range("增长6%-7%。", "6%-7%", 6, 7, "%", P);
    expect_range("增长6-7%。", "6-7%", 6, 7, "%", P);
    expect_range("增长6%～7%。", "6%～7%", 6, 7, "%", P);
    expect_range("增长6%~7%。", "6%~7%", 6, 7, "%", P);
    expect_range("用3至5年时间", "3至5年", 3, 5, "年", KILN_KIND_DURATION);
    expect_range("建设5到10个", "5到10个", 5, 10, "个", A);
    expect_range("投资3至5万元", "3至5万元", 30000, 50000, "元", A);
    expect_range("两三年内", "两三年", 2, 3, "年", KILN_KIND_DURATION);
}

static void test_qualifiers(void **state)
{
    (void)state;
    expect("近5年", "5年", 5, "年", KILN_KIND_DURATION, "近");
    expect("约3%", "3%", 3, "%", P, "约");
    expect("增长5%左右", "5%", 5, "%", P, "左右");
    expect("厂房100万平方米以上。", "100万平方米", 1e6, "平方米", A, "以上");
    expect("降到3%以下", "3%", 3, "%", P, "以下");
    expect("控制在5%以内", "5%", 5, "%", P, "以内");
    expect("不低于90%", "90%", 90, "%", P, "不低于");
    expect("不少于10个", "10个", 10, "个", A, "不少于");
    expect("不超过3%", "3%", 3, "%", P, "不超过");
    expect("超过800万人次", "800万人次", 8e6, "人次", A, "超过");
    expect("总额突破5亿美元", "5亿美元", 5e8, "美元", A, "突破");
    expect("总值过1000亿元", "1000亿元", 1e11, "元", A, "过");
    expect("确保五年内实现", "五年", 5, "年", KILN_KIND_DURATION, "内");
    expect("通过3年努力", "3年", 3, "年", KILN_KIND_DURATION, "");
    expect("总值达738亿元", "738亿元", 7.38e10, "元", A, "");
}

static void test_signed_change(void **state)
{
    (void)state;
    expect("同比下降0.3%", "0.3%", -0.3, "%", P, "");
    expect("增长- 39.7%", "- 39.7%", -39.7, "%", P, "");
    expect("增长-39.7%", "-39.7%", -39.7, "%", P, "");
    expect("下降了2%", "2%", -2, "%", P, "");
    expect("降至5%", "5%", 5, "%", P, "");
    expect("减少5家", "5家", 5, "家", A, "");
}

static void test_ordinals(void **state)
{
    (void)state;
    expect("跃居全国百强第45位，", "第45位", 45, "位", KILN_KIND_RANK, "");
    expect("醴陵市第十六届人民政府", "第十六届", 16, "届", KILN_KIND_ORDINAL,
           "");
    expect("取得第19届论坛举办权", "第19届", 19, "届", KILN_KIND_ORDINAL, "");
    expect("排名第11名", "第11名", 11, "名", KILN_KIND_RANK, "");
    expect("创建国家4A级景区", "4A级", 4, "A级", KILN_KIND_ORDINAL, "");
    expect("先后举办4届博览会", "4届", 4, "届", A, "");
    expect("第二自来水厂", "第二", 2, "", KILN_KIND_ORDINAL, "");
    expect("【亮点一】综合实力", "一", 1, "", KILN_KIND_ORDINAL, "");
    expect("电子玻璃二期", "二期", 2, "期", KILN_KIND_ORDINAL, "");
}

static void test_dates(void **state)
{
    (void)state;
    expect("2021年是开局之年", "2021年", 2021, "年", KILN_KIND_YEAR_OR_DATE,
           "");
    expect("到2020年底", "2020年", 2020, "年", KILN_KIND_YEAR_OR_DATE, "底");
    expect("截至1月31日，", "1月31日", 1, "月", KILN_KIND_YEAR_OR_DATE, "");
    expect("“十四五”时期", "十四五", 14, "", KILN_KIND_YEAR_OR_DATE, "");
    expect("十四五规划", "十四五", 14, "", KILN_KIND_YEAR_OR_DATE, "");
    expect("“九五”计划", "九五", 9, "", KILN_KIND_YEAR_OR_DATE, "");
    expect("3个月内", "3个月", 3, "个月", KILN_KIND_DURATION, "内");
}

static void test_not_numbers(void **state)
{
    (void)state;
    expect("示范村147个\n- 11057户36519名贫困人口", "11057户", 11057, "户",
           A, "");
    expect("- 11057户36519名", "36519名", 36519, "名", A, "");
    const char *idioms[] = {"一体化", "一批", "进一步", "一站式", "统一",
                            "一些", "之一", "一个", "千方百计", "一项"};
    for (size_t i = 0; i < sizeof idioms / sizeof *idioms; i++) {
        char text[128];
        snprintf(text, sizeof text, "推进%s发展", idioms[i]);
        expect_none(text, idioms[i]);
    }
    expect("先后打通S333、李耿中路", "333", 333, "", KILN_KIND_SLOGAN, "");
    expect("加大5G网络建设", "5", 5, "", KILN_KIND_SLOGAN, "");
    expect_none("共享一片蓝天", "一片");
}

static void test_slogans(void **state)
{
    (void)state;
    const kiln_mention_kind S = KILN_KIND_SLOGAN;
    expect("深入实施“三高四新”战略", "三高四新", 3, "", S, "");
    expect("做好“六稳”“六保”工作", "六稳", 6, "", S, "");
    expect("做好“六稳”“六保”工作", "六保", 6, "", S, "");
    expect("深入开展“五控”行动", "五控", 5, "", S, "");
    expect("站在“两个一百年”奋斗目标", "两个一百年", 2, "", S, "");
    expect("围绕“千亿时代”发展目标", "千亿时代", 1e11, "", S, "");
    expect("县市区两会特别报道", "两会", 2, "", S, "");
    expect("陶子湖公园、一江两岸对外开放", "一江两岸", 1, "", S, "");
    expect("提升学校“三点半”课后服务", "三点半", 3.5, "", S, "");
    expect("确保龙头企业“破零”", "破零", 0, "", S, "");
    expect("开展温暖企业“三百”行动", "三百", 300, "", S, "");
    /* unquoted political names of every decade count nothing */
    expect("坚持和平共处五项原则", "五项原则", 5, "", S, "");
    expect("坚持四项基本原则", "四项基本原则", 4, "", S, "");
    expect("两个超级大国的争夺", "两个超级大国", 2, "", S, "");
    expect("增强国内国际两个市场两种资源联动效应", "两种资源", 2, "", S,
           "");
    expect("严格落实中央八项规定精神", "八项规定", 8, "", S, "");
    /* a quoted whole figure stays a figure */
    expect("构建“一个千亿、四个百亿”", "四个百亿", 1e10, "", A, "");
    expect("- “若干十亿”。", "若干十亿", 1e9, "", A, "");
    /* a long quote is ordinary text */
    expect("“醴陵千年古窑行”等精品线路", "千年", 1000, "年",
           KILN_KIND_DURATION, "");
}

static void test_lists_and_fractions(void **state)
{
    (void)state;
    expect("提出1980、1981年计划", "1980", 1980, "年", KILN_KIND_YEAR_OR_DATE,
           "");
    expect("分别高4.2和0.7个百分点", "4.2", 4.2, "个百分点",
           KILN_KIND_PERCENTAGE_POINT, "");
    expect("减少1/3以上", "1/3", 1.0 / 3, "", A, "以上");
    expect("占三分之一", "三分之一", 1.0 / 3, "", A, "");
    expect_none("2021/2022学年", "/");
    expect("十一届三中全会", "十一届", 11, "届", KILN_KIND_ORDINAL, "");
    expect_none("一步一步地走", "一步一步");
}

static void test_overflow(void **state)
{
    (void)state;
    found f;
    scan("账号123456789012345678901234567890元", &f);
    assert_int_equal(f.overflows, 1);
    assert_int_equal(f.n, 0);
    scan("共9007199254740993个", &f);
    assert_int_equal(f.overflows, 1);
    assert_int_equal(f.n, 0);
    scan("共9007199254740992个", &f);
    assert_int_equal(f.overflows, 0);
    assert_int_equal(f.n, 1);
}

static void test_order_and_spans(void **state)
{
    (void)state;
    found f;
    const char *text = "新增学位2.9万个以上，建设学校30所以上。";
    scan(text, &f);
    assert_int_equal(f.n, 2);
    assert_true(f.hits[0].end <= f.hits[1].start);
    expect(text, "30所", 30, "所", A, "以上");
    /* a truncated UTF-8 tail never reads past the end */
    char bad[] = "增长5%\xE4\xB8";
    scan(bad, &f);
    assert_int_equal(f.n, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numeral_arabic),
        cmocka_unit_test(test_numeral_chinese),
        cmocka_unit_test(test_numeral_mixed),
        cmocka_unit_test(test_numeral_overflow),
        cmocka_unit_test(test_arabic),
        cmocka_unit_test(test_chinese),
        cmocka_unit_test(test_mixed_and_approximate),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_qualifiers),
        cmocka_unit_test(test_signed_change),
        cmocka_unit_test(test_ordinals),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_not_numbers),
        cmocka_unit_test(test_slogans),
        cmocka_unit_test(test_lists_and_fractions),
        cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_order_and_spans),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
