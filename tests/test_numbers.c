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
#include "../core/doc_internal.h"
#include "../plugins/numbers/numbers.h"
/* the stage itself, for its mention sink (find_segments, doc_string) */
#include "../plugins/numbers/numbers.c"

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


/* ---- lexicon lookups ---------------------------------------------------- */

/* The longest entry of MASK at S by the definition: every prefix of at
 * most 32 code points looked up exactly (numbers_lexicon_get). */
static const numbers_entry *oracle_at(const char *s, size_t len,
                                      unsigned mask)
{
    const numbers_entry *best = NULL;
    size_t q = 0;
    for (unsigned k = 0; k < 32 && q < len; k++) {
        uint32_t cp;
        size_t n = kiln_utf8_decode(s + q, len - q, &cp);
        if (!n)
            break;
        q += n;
        const numbers_entry *e = numbers_lexicon_get(fx.lex, s, q);
        if (e && (e->classes & mask))
            best = e;
    }
    return best;
}

/* The longest entry of MASK ending at TEXT + END, starting at or after
 * FLOOR, by the definition. */
static const numbers_entry *oracle_ending(const char *text, size_t floor,
                                          size_t end, unsigned mask,
                                          size_t *start)
{
    const numbers_entry *best = NULL;
    for (size_t q = end; q > floor;) {
        q--;
        if (((unsigned char)text[q] & 0xC0) == 0x80)
            continue;
        const numbers_entry *e = numbers_lexicon_get(fx.lex, text + q, end - q);
        if (e && (e->classes & mask))
            best = e, *start = q;
    }
    return best;
}

static const unsigned lookup_masks[] = {
    NUMBERS_UNIT, NUMBERS_QUAL_AFTER, NUMBERS_PLAN_CUE,
    NUMBERS_SLOGAN | NUMBERS_IDIOM | NUMBERS_COUNT_WORD,
    NUMBERS_QUAL_BEFORE | NUMBERS_QUAL_BLOCK, NUMBERS_DECREASE};

/* Both lookups agree with their definition at every character of TEXT. */
static void check_lookups(const char *text, size_t len)
{
    size_t checked = 0, matched = 0;
    for (size_t p = 0; p <= len; p++) {
        if (p < len && ((unsigned char)text[p] & 0xC0) == 0x80)
            continue;
        for (size_t m = 0; m < sizeof lookup_masks / sizeof *lookup_masks;
             m++) {
            unsigned mask = lookup_masks[m];
            const numbers_entry *want = oracle_at(text + p, len - p, mask);
            const numbers_entry *got =
                numbers_lexicon_at(fx.lex, text + p, len - p, mask);
            if (got != want)
                fail_msg("at %zu mask %#x: got '%s', expected '%s'", p, mask,
                         got ? got->form : "-", want ? want->form : "-");
            size_t floor = p > 40 ? p - 40 : 0, ws = 0, gs = 0;
            want = oracle_ending(text, floor, p, mask, &ws);
            got = numbers_lexicon_ending(fx.lex, text, floor, p, mask, &gs);
            if (got != want || (got && gs != ws))
                fail_msg("ending %zu mask %#x: got '%s', expected '%s'", p,
                         mask, got ? got->form : "-", want ? want->form : "-");
            checked++, matched += got != NULL;
        }
    }
    assert_true(checked > 0);
    assert_true(matched > 0);
}

static char *read_fixture(const char *name, size_t max, size_t *len)
{
    const char *dir = getenv("KILN_TEST_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(max + 1);
    assert_non_null(buf);
    *len = fread(buf, 1, max, f);
    fclose(f);
    if (*len == max) { /* drop a character cut by MAX */
        size_t q = *len;
        while (q > 0 && ((unsigned char)buf[q - 1] & 0xC0) == 0x80)
            q--;
        uint32_t cp;
        if (q > 0 && !kiln_utf8_decode(buf + q - 1, *len - (q - 1), &cp))
            *len = q - 1;
    }
    buf[*len] = '\0';
    return buf;
}

static void test_lookup_matches_definition(void **state)
{
    (void)state;
    size_t len;
    char *text = read_fixture("liling-2021.txt", 1 << 20, &len);
    check_lookups(text, len);
    free(text);
    text = read_fixture("national-reports.jsonl", 150000, &len);
    check_lookups(text, len);
    free(text);
}

/* A lexicon of its own, to place forms exactly where the edges are. */
static numbers_lexicon *small_lexicon(kiln_arena *arena)
{
    char units[] = "/tmp/test_numbers_units_XXXXXX";
    char cues[] = "/tmp/test_numbers_cues_XXXXXX";
    int fu = mkstemp(units), fc = mkstemp(cues);
    assert_true(fu >= 0 && fc >= 0);
    FILE *u = fdopen(fu, "w"), *c = fdopen(fc, "w");
    assert_non_null(u);
    assert_non_null(c);
    fputs("元\tmoney\tCNY\t1\n万元\tmoney\tCNY\t10000\n"
          "\xF0\xA0\x80\x80吨\tmass\tt\t1\n吨\tmass\tt\t1\n", u);
    fputs("qualifier-before\t超过\nqualifier-before\t过\n"
          "not-qualifier\t通过\nidiom\t一体化\nidiom\t一\n"
          "qualifier-after\t\xF0\xA0\x80\x81\n", c);
    fclose(u);
    fclose(c);
    kiln_error err;
    numbers_lexicon *lex = numbers_lexicon_new(arena);
    assert_non_null(lex);
    int rc = numbers_lexicon_read_units(lex, units, &err);
    if (rc == 0)
        rc = numbers_lexicon_read_cues(lex, cues, &err);
    remove(units);
    remove(cues);
    if (rc < 0)
        fail_msg("%s", err.message);
    return lex;
}

/* The numeral table lists exactly the characters numbers_is_cjk_numeral
 * accepts, so init can mark them without testing every code point. */
static void test_numeral_slots(void **state)
{
    (void)state;
    size_t listed = 0;
    for (size_t slot = 0; slot < NUMBERS_NUMERAL_SLOTS; slot++) {
        uint32_t cp = numbers_cjk_numeral_slot(slot);
        if (cp) {
            assert_true(numbers_is_cjk_numeral(cp));
            listed++;
        }
    }
    assert_int_equal(numbers_cjk_numeral_slot(NUMBERS_NUMERAL_SLOTS), 0);
    size_t accepted = 0;
    for (uint32_t cp = 0; cp < 0x30000; cp++)
        accepted += numbers_is_cjk_numeral(cp);
    assert_int_equal(listed, accepted);
    assert_true(listed > 0);
}

/* Reading both lexicons at once (one index build) gives the same
 * lexicon as reading them one by one; a missing file still fails. */
static void test_read_both(void **state)
{
    (void)state;
    const char *top = getenv("KILN_DATA_PATH");
    char units[4096], cues[4096];
    snprintf(units, sizeof units, "%s/data/units-zh.tsv", top ? top : ".");
    snprintf(cues, sizeof cues, "%s/data/numbers-zh.tsv", top ? top : ".");
    kiln_arena *arena = kiln_arena_new();
    kiln_error err;
    numbers_lexicon *lex = numbers_lexicon_new(arena);
    assert_non_null(lex);
    if (numbers_lexicon_read_both(lex, units, cues, &err) < 0)
        fail_msg("%s", err.message);
    numbers_skip_maps a, b;
    numbers_lexicon_skip_maps(lex, &a);
    numbers_lexicon_skip_maps(fx.lex, &b);
    size_t words = NUMBERS_SKIP_WORDS * sizeof(uint64_t);
    assert_memory_equal(a.interesting, b.interesting, words);
    assert_memory_equal(a.trigger_only, b.trigger_only, words);
    assert_memory_equal(a.trigger_pairs, b.trigger_pairs, 0x10000 / 8);
    for (uint32_t cp = 0; cp < 0x10000; cp++)
        assert_int_equal(numbers_lexicon_trigger(lex, cp),
                         numbers_lexicon_trigger(fx.lex, cp));
    static const char *const texts[] = {"万元人民币", "百分点", "一心一意",
                                        "超过", "亿元", ""};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        const numbers_entry *x = numbers_lexicon_at(
            lex, texts[i], strlen(texts[i]), ~0u);
        const numbers_entry *y = numbers_lexicon_at(
            fx.lex, texts[i], strlen(texts[i]), ~0u);
        assert_int_equal(x != NULL, y != NULL);
        if (x)
            assert_string_equal(x->form, y->form);
    }
    numbers_lexicon_free(lex);
    lex = numbers_lexicon_new(arena);
    assert_true(numbers_lexicon_read_both(lex, "/nonexistent/units.tsv",
                                          cues, &err) < 0);
    numbers_lexicon_free(lex);
    kiln_arena_free(arena);
}

static const char *form_at(const numbers_lexicon *lex, const char *s,
                           size_t len, unsigned mask)
{
    const numbers_entry *e = numbers_lexicon_at(lex, s, len, mask);
    return e ? e->form : "-";
}

static void test_lookup_edges(void **state)
{
    (void)state;
    kiln_arena *arena = kiln_arena_new();
    numbers_lexicon *lex = small_lexicon(arena);
    unsigned U = NUMBERS_UNIT, I = NUMBERS_IDIOM;
    /* longest match, a prefix of a longer text, a match at the very end */
    assert_string_equal(form_at(lex, "万元人民币", strlen("万元人民币"), U), "万元");
    assert_string_equal(form_at(lex, "万元", strlen("万元"), U), "万元");
    assert_string_equal(form_at(lex, "元", strlen("元"), U), "元");
    assert_string_equal(form_at(lex, "万", strlen("万"), U), "-");
    assert_string_equal(form_at(lex, "", 0, U), "-");
    /* a form cut by the end of the text, truncated UTF-8 */
    assert_string_equal(form_at(lex, "万元", strlen("万元") - 1, U), "-");
    assert_string_equal(form_at(lex, "元\xE4\xB8", 5, U), "元");
    assert_string_equal(form_at(lex, "一体化", strlen("一体化") - 2, I), "一");
    assert_string_equal(form_at(lex, "一体化", strlen("一体化"), I), "一体化");
    assert_string_equal(form_at(lex, "一体化", strlen("一体化"), U), "-");
    /* 4-byte UTF-8: a form that begins with one, one that is one */
    const char *astral = "\xF0\xA0\x80\x80吨";
    assert_string_equal(form_at(lex, astral, strlen(astral), U), astral);
    assert_string_equal(form_at(lex, astral, 4, U), "-");
    assert_string_equal(form_at(lex, astral, 3, U), "-");
    assert_string_equal(form_at(lex, "\xF0\xA0\x80\x81", 4,
                                NUMBERS_QUAL_AFTER), "\xF0\xA0\x80\x81");
    assert_string_equal(form_at(lex, "\xF0\xA0\x80\x81", 3,
                                NUMBERS_QUAL_AFTER), "-");
    /* backwards: longest ending, bounded by the floor, masked */
    unsigned Q = NUMBERS_QUAL_BEFORE | NUMBERS_QUAL_BLOCK;
    const char *t = "已通过5吨";
    size_t at = strlen("已通过"), start = 99;
    const numbers_entry *e = numbers_lexicon_ending(lex, t, 0, at, Q, &start);
    assert_non_null(e);
    assert_string_equal(e->form, "通过");
    assert_int_equal(start, strlen("已"));
    e = numbers_lexicon_ending(lex, t, strlen("已通"), at, Q, &start);
    assert_non_null(e);
    assert_string_equal(e->form, "过");
    assert_int_equal(start, strlen("已通"));
    e = numbers_lexicon_ending(lex, t, 0, at, NUMBERS_QUAL_BEFORE, &start);
    assert_non_null(e);
    assert_string_equal(e->form, "过");
    assert_null(numbers_lexicon_ending(lex, t, at, at, Q, &start));
    assert_null(numbers_lexicon_ending(lex, t, 0, 0, Q, &start));
    /* a form ending at the very end of the text, after a 4-byte character */
    e = numbers_lexicon_ending(lex, astral, 0, strlen(astral), U, &start);
    assert_non_null(e);
    assert_string_equal(e->form, astral);
    assert_int_equal(start, 0);
    e = numbers_lexicon_ending(lex, astral, 4, strlen(astral), U, &start);
    assert_non_null(e);
    assert_string_equal(e->form, "吨");
    numbers_lexicon_free(lex);
    kiln_arena_free(arena);
}

/* Exactly these characters are Chinese numerals. */
static void test_numeral_characters(void **state)
{
    (void)state;
    static const char *const numerals[] = {
        "〇", "零", "一", "壹", "弌", "二", "两", "贰", "貳", "兩", "三", "叁",
        "參", "四", "肆", "五", "伍", "六", "陆", "陸", "七", "柒", "八", "捌",
        "九", "玖", "十", "拾", "百", "佰", "千", "仟", "万", "萬", "亿", "億"};
    size_t n = sizeof numerals / sizeof *numerals, count = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp;
        assert_true(kiln_utf8_decode(numerals[i], strlen(numerals[i]), &cp));
        assert_true(numbers_is_cjk_numeral(cp));
    }
    for (uint32_t cp = 0; cp < 0x110000; cp++)
        count += numbers_is_cjk_numeral(cp);
    assert_int_equal(count, n);
    size_t len;
    assert_true(parse("贰", &len) == 2);
    assert_true(parse("玖佰", &len) == 900);
    assert_true(parse("陸萬", &len) == 60000);
    assert_true(parse("兩億", &len) == 2e8);
}

/* The scanner's skipping: 4-byte characters, truncated tails, the end. */
static void test_scan_edges(void **state)
{
    (void)state;
    found f;
    scan("", &f);
    assert_int_equal(f.n, 0);
    expect("\xF0\xA0\x80\x80共5个", "5个", 5, "个", A, "");
    expect("增长5%", "5%", 5, "%", P, "");
    expect("共三个", "三个", 3, "个", A, "");
    char cut[] = "共5个\xF0\xA0\x80";
    scan(cut, &f);
    assert_int_equal(f.n, 1);
    assert_int_equal(f.hits[0].end, strlen("共5个"));
    char cut2[] = "项目\xE4";
    scan(cut2, &f);
    assert_int_equal(f.n, 0);
    /* a character that only begins words (之 of the idiom 之一) is looked
     * at where such a word can begin, and only there */
    scan("之一万元", &f);
    assert_int_equal(f.n, 0);
    expect("之二万元", "二万元", 20000, "元", A, "");
    expect("十强之一，5万元", "5万元", 50000, "元", A, "");
    scan("十强之一", &f);
    assert_int_equal(f.n, 0);
    char cut3[] = "3个之\xE4\xB8";
    scan(cut3, &f);
    assert_int_equal(f.n, 1);
    /* every alignment of a run of plain characters before a figure, and
     * of a truncated character after it */
    for (int k = 0; k < 6; k++) {
        char text[64] = "";
        for (int i = 0; i < k; i++)
            strcat(text, i % 2 ? "年" : "项"); /* 年 is a unit, not here */
        size_t at = strlen(text);
        strcat(text, "十二个");
        for (int tail = 0; tail < 3; tail++) {
            char buf[72];
            size_t n = strlen(text);
            memcpy(buf, text, n);
            memcpy(buf + n, "\xE4\xB8", (size_t)tail); /* 一, cut */
            buf[n + (size_t)tail] = '\0';
            scan(buf, &f);
            assert_int_equal(f.n, 1);
            assert_int_equal(f.hits[0].start, at);
            assert_int_equal(f.hits[0].end, at + strlen("十二个"));
        }
    }
}

/* ---- the scanner's skip maps and the stage's segment walk -------------- */

/* The skip maps' word and bit of a 3-byte character come straight from
 * its UTF-8 bytes, and no two code points share a word and bit. */
static void test_skip_layout(void **state)
{
    (void)state;
    uint8_t *seen = calloc((size_t)NUMBERS_SKIP_WORDS * 64 / 8, 1);
    assert_non_null(seen);
    for (uint32_t cp = 0; cp < 0x10000; cp++) {
        uint32_t w = numbers_skip_word(cp);
        assert_true(w < NUMBERS_SKIP_WORDS);
        size_t bit = (size_t)w * 64 + (cp & 63);
        assert_false((seen[bit / 8] >> (bit % 8)) & 1);
        seen[bit / 8] |= (uint8_t)(1u << (bit % 8));
        if (cp >= 0x800) { /* the bytes the scanner reads */
            unsigned b0 = 0xE0 | cp >> 12, b1 = 0x80 | (cp >> 6 & 0x3F),
                     b2 = 0x80 | (cp & 0x3F);
            uint64_t x = b0 | (uint64_t)b1 << 8 | (uint64_t)b2 << 16;
            assert_int_equal(x & 0x3F0F, w);
            assert_int_equal(b2 & 0x3F, cp & 63);
        }
    }
    free(seen);
    /* the maps agree with the code-point question */
    numbers_skip_maps maps;
    numbers_lexicon_skip_maps(fx.lex, &maps);
    const uint32_t probe[] = {0x4E00 /* 一 */, 0x4E07 /* 万 */,
                              0x7B2C /* 第 */, 0x201C /* “ */,
                              0x9879 /* 项 */, 0x5E74 /* 年 */, 0x3002 /* 。 */};
    for (size_t i = 0; i < sizeof probe / sizeof *probe; i++) {
        uint32_t cp = probe[i];
        bool in_map = (maps.interesting[numbers_skip_word(cp)] >> (cp & 63)) & 1;
        assert_int_equal(in_map, numbers_lexicon_interesting(fx.lex, cp));
    }
    assert_true(numbers_lexicon_interesting(fx.lex, 0x4E00));
    assert_false(numbers_lexicon_interesting(fx.lex, 0x9879));
}

/* Scan exactly LEN bytes in a heap block of that size (a read past the
 * end is caught by the sanitizers). */
static void scan_exact(const char *text, size_t len, found *f)
{
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, text, len);
    memset(f, 0, sizeof *f);
    f->text = text;
    numbers_sink sink = {on_hit, on_overflow, f};
    assert_int_equal(numbers_scan(fx.lex, copy, len, &sink), 0);
    free(copy);
}

/* Runs of plain characters of every length before a figure at the very
 * end of the text (the scanner steps two characters at a time and loads
 * 8 bytes), with ASCII mixed in, and with a truncated character after. */
static void test_skip_alignments(void **state)
{
    (void)state;
    /* (a letter right before a digit would make a code: a12) */
    const char *fill[] = {"项", "a;", "项 ", "。"};
    for (size_t kind = 0; kind < sizeof fill / sizeof *fill; kind++)
        for (int k = 0; k < 14; k++) {
            char text[128] = "";
            for (int i = 0; i < k; i++)
                strcat(text, fill[kind]);
            size_t at = strlen(text);
            const char *figs[] = {"十二个", "12个", "3"};
            for (size_t g = 0; g < 3; g++) {
                char buf[160];
                strcpy(buf, text);
                strcat(buf, figs[g]);
                size_t end = strlen(buf);
                for (size_t tail = 0; tail < 3; tail++) {
                    memcpy(buf + end, "\xE4\xB8", tail); /* 一, cut */
                    found f;
                    scan_exact(buf, end + tail, &f);
                    assert_int_equal(f.n, 1);
                    assert_int_equal(f.hits[0].start, at);
                    assert_int_equal(f.hits[0].end, end);
                }
            }
        }
    found f;
    scan_exact("", 0, &f);
    assert_int_equal(f.n, 0);
    scan_exact("\xE4", 1, &f); /* a lone lead byte */
    assert_int_equal(f.n, 0);
    scan_exact("项目项目项目项目\xE4\xB8", strlen("项目项目项目项目") + 2, &f);
    assert_int_equal(f.n, 0);
}

/* A quoted phrase of up to six characters with a numeral is a name; a
 * longer one is ordinary text, wherever its closing quote is. */
static void test_quote_length(void **state)
{
    (void)state;
    found f;
    const char *six = "推进“六稳六保工作”落实";
    scan(six, &f);
    const numbers_hit *h = hit_for(&f, "六稳六保工作");
    assert_int_equal(h->kind, KILN_KIND_SLOGAN);
    assert_true(h->value == 6);
    const char *longer[] = {"推进“六稳六保工作好”落实",
                            "推进“六稳六保工作做得更好更加扎实有力有效”落实",
                            "推进“六稳六保工作做得更好", "“六稳六保工作好\n”"};
    for (size_t i = 0; i < sizeof longer / sizeof *longer; i++) {
        scan(longer[i], &f);
        size_t cs = (size_t)(strstr(longer[i], "六") - longer[i]);
        for (size_t j = 0; j < f.n; j++)
            assert_false(f.hits[j].start == cs &&
                         f.hits[j].kind == KILN_KIND_SLOGAN &&
                         f.hits[j].end > cs + strlen("六稳六保工作"));
    }
}

static kiln_segment *add_segment(kiln_doc *d, kiln_segment_kind kind,
                                 size_t start, size_t end)
{
    kiln_segment *s = kiln_doc_add_segment(d, "test");
    assert_non_null(s);
    s->span = (kiln_span){start, end};
    s->kind = kind;
    return s;
}

/* The segment of KIND (sentence: or heading) holding AT, by brute force. */
static int32_t segment_by_search(const kiln_doc *d, bool sentence, size_t at)
{
    int32_t found_at = -1;
    for (size_t i = 0; i < d->segments.len; i++) {
        kiln_segment_kind k = d->segments.items[i].kind;
        bool match = sentence ? k == KILN_SEG_SENTENCE || k == KILN_SEG_HEADING
                              : k == KILN_SEG_CLAUSE;
        if (match && d->segments.items[i].span.start <= at &&
            at < d->segments.items[i].span.end)
            found_at = (int32_t)i;
    }
    return found_at;
}

/* Mentions get the sentence and clause that hold them, by one walk over
 * the segments: a heading, a paragraph of sentences and clauses, text in
 * no segment, a mention at the very end; and a document without
 * segments. Units shared by many mentions keep their value. */
static void test_segment_lookup(void **state)
{
    (void)state;
    const char *text = "目标5个\n共有3个项目，投资4亿元。增长6%，新增7家"
                       "。尾部8个";
    numbers_state st = {.label = "numbers", .arena = fx.arena, .lex = fx.lex};
    for (int with_segments = 0; with_segments < 2; with_segments++) {
        kiln_doc *d = kiln_doc_new();
        assert_non_null(d);
        assert_int_equal(kiln_doc_load(d, "t", 0, text, strlen(text)), 0);
        kiln_align_run *run = kiln_arena_calloc(d->arena, 1, sizeof *run);
        *run = (kiln_align_run){0, d->original_len, 0, d->original_len};
        kiln_doc_set_text(d, d->original, d->original_len, run, 1);
        size_t nl = strlen("目标5个"), s1 = nl + 1;
        size_t c1 = s1 + strlen("共有3个项目，");
        size_t s2 = c1 + strlen("投资4亿元。");
        size_t c2 = s2 + strlen("增长6%，");
        size_t s3 = c2 + strlen("新增7家。");
        if (with_segments) {
            add_segment(d, KILN_SEG_HEADING, 0, nl);
            add_segment(d, KILN_SEG_CLAUSE, 0, nl);
            add_segment(d, KILN_SEG_PARAGRAPH, s1, s3);
            add_segment(d, KILN_SEG_SENTENCE, s1, s2);
            add_segment(d, KILN_SEG_CLAUSE, s1, c1);
            add_segment(d, KILN_SEG_CLAUSE, c1, s2);
            add_segment(d, KILN_SEG_SENTENCE, s2, s3);
            add_segment(d, KILN_SEG_CLAUSE, s2, c2);
            add_segment(d, KILN_SEG_CLAUSE, c2, s3);
            /* 尾部8个: in no segment */
        }
        kiln_error err;
        assert_int_equal(cb_process(&st, d, &err), 0);
        assert_int_equal(d->mentions.len, 6);
        for (size_t i = 0; i < d->mentions.len; i++) {
            const kiln_mention *m = &d->mentions.items[i];
            assert_int_equal(m->sentence,
                             segment_by_search(d, true, m->span.start));
            assert_int_equal(m->clause,
                             segment_by_search(d, false, m->span.start));
            if (with_segments && i < 5)
                assert_true(m->sentence >= 0 && m->clause >= 0);
        }
        assert_int_equal(d->mentions.items[5].sentence, -1);
        assert_string_equal(d->mentions.items[0].unit, "个");
        assert_string_equal(d->mentions.items[1].unit, "个");
        assert_string_equal(d->mentions.items[2].unit, "元");
        assert_string_equal(d->mentions.items[3].unit, "%");
        assert_string_equal(d->mentions.items[5].unit, "个");
        kiln_doc_free(d);
    }
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
        cmocka_unit_test(test_lookup_matches_definition),
        cmocka_unit_test(test_lookup_edges),
        cmocka_unit_test(test_numeral_characters),
        cmocka_unit_test(test_scan_edges),
        cmocka_unit_test(test_skip_layout),
        cmocka_unit_test(test_skip_alignments),
        cmocka_unit_test(test_quote_length),
        cmocka_unit_test(test_segment_lookup),
        cmocka_unit_test(test_numeral_slots),
        cmocka_unit_test(test_read_both),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
