/* test_units.c — the units stage: every unit family of the shipped
 * lexicon, magnitude prefixes, compound units, per capita, unknown units,
 * kinds without dimension, and lexicon errors with FILE:LINE.
 *
 * Documents are built by hand (no segmenter or numbers stage): the text is
 * the original, and each mention is placed on its written form. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../core/doc_internal.h"
#include "../plugins/units/lexicon.c"
#include "../plugins/units/units.c"

/* ---- fixtures ---------------------------------------------------------- */

static char *path_in(const char *env, const char *fallback, const char *rel)
{
    const char *dir = getenv(env);
    if (!dir)
        dir = fallback;
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

static char *shipped_lexicon(void)
{
    return path_in("KILN_DATA_PATH", ".", "data/units-zh.tsv");
}

static char *test_lexicon(const char *name)
{
    return path_in("KILN_TEST_DATA", "tests/data", name);
}

/* A stage instance on lexicon PATH (the shipped one if NULL). */
static void *start_stage(const char *path)
{
    char *owned = path ? NULL : shipped_lexicon();
    units_options opt = {.lexicon = path ? path : owned};
    kiln_config cfg = {.name = "units", .label = "units", .options = &opt,
                       .source = "test.pipeline", .line = 3};
    kiln_error err = {{0}};
    void *state = NULL;
    int rc = kiln_stage_units.init(&cfg, &state, &err);
    if (rc != 0)
        fail_msg("init failed: %s", err.message);
    free(owned);
    return state;
}

/* The error message of loading lexicon PATH, which must fail. */
static void expect_load_error(const char *name, unsigned line,
                              const char *needle)
{
    char *path = test_lexicon(name);
    units_lexicon lex;
    kiln_error err = {{0}};
    assert_int_equal(units_lexicon_load(&lex, path, &err), -1);
    char prefix[4096];
    snprintf(prefix, sizeof prefix, "%s:%u: ", path, line);
    if (strncmp(err.message, prefix, strlen(prefix)) != 0 ||
        !strstr(err.message, needle))
        fail_msg("want \"%s...%s\", got \"%s\"", prefix, needle, err.message);
    assert_null(strchr(err.message, '\n'));
    free(path);
}

static kiln_doc *make_doc(const char *text)
{
    kiln_doc *doc = kiln_doc_new();
    assert_non_null(doc);
    assert_int_equal(kiln_doc_load(doc, "test.txt", 0, text, strlen(text)), 0);
    kiln_doc_set_text(doc, (char *)doc->original, doc->original_len, NULL, 0);
    doc->layers |= KILN_LAYER_SEGMENTS | KILN_LAYER_MENTIONS;
    return doc;
}

/* Add a mention on the OCCURRENCE-th (1-based) copy of WRITTEN. */
static kiln_mention *add_nth(kiln_doc *doc, const char *written, int occurrence,
                             double value, const char *unit,
                             kiln_mention_kind kind)
{
    const char *at = doc->text;
    for (int i = 0; at && i < occurrence; i++)
        at = strstr(i ? at + 1 : at, written);
    if (!at)
        fail_msg("'%s' not in the test text", written);
    kiln_mention *m = kiln_doc_add_mention(doc, "numbers");
    assert_non_null(m);
    m->span.start = (size_t)(at - doc->text);
    m->span.end = m->span.start + strlen(written);
    m->value = value;
    m->unit = unit;
    m->kind = kind;
    return m;
}

static kiln_mention *add(kiln_doc *doc, const char *written, double value,
                         const char *unit, kiln_mention_kind kind)
{
    return add_nth(doc, written, 1, value, unit, kind);
}

static void run(void *state, kiln_doc *doc)
{
    kiln_error err = {{0}};
    if (kiln_stage_units.process(state, doc, &err) != 0)
        fail_msg("process failed: %s", err.message);
    assert_true(doc->layers & KILN_LAYER_UNITS);
}

static void assert_close(double got, double want)
{
    if (!(fabs(got - want) <= 1e-9 * fmax(1.0, fabs(want))))
        fail_msg("got %.17g, want %.17g", got, want);
}

/* Mention I was given DIM, SI_UNIT and SI_VALUE. */
static void expect_si(const kiln_doc *doc, size_t i, const char *dim,
                      const char *si_unit, double si_value)
{
    const kiln_mention *m = &doc->mentions.items[i];
    if (!m->has_si)
        fail_msg("mention %zu (unit '%s') has no si value", i, m->unit);
    assert_string_equal(m->dimension, dim);
    assert_string_equal(m->si_unit, si_unit);
    assert_close(m->si_value, si_value);
}

static void expect_none(const kiln_doc *doc, size_t i)
{
    const kiln_mention *m = &doc->mentions.items[i];
    assert_false(m->has_si);
    assert_string_equal(m->dimension, "");
    assert_string_equal(m->si_unit, "");
}

/* ---- unit families ------------------------------------------------------ */

static void test_money(void **unused)
{
    void *st = start_stage(NULL);
    kiln_doc *doc = make_doc("生产总值738亿元，利用外资5亿美元、1.2亿港元，"
                             "出口3000万欧元，奖励50万元，预算12元。");
    add(doc, "738亿元", 738e8, "元", KILN_KIND_AMOUNT);
    add(doc, "5亿美元", 5e8, "美元", KILN_KIND_AMOUNT);
    add(doc, "1.2亿港元", 1.2e8, "港元", KILN_KIND_AMOUNT);
    add(doc, "3000万欧元", 3e7, "欧元", KILN_KIND_AMOUNT);
    /* a numbers stage that leaves the magnitude in the unit */
    add(doc, "50万元", 50, "万元", KILN_KIND_AMOUNT);
    add(doc, "12元", 12, "元", KILN_KIND_AMOUNT);
    run(st, doc);
    expect_si(doc, 0, "money", "CNY", 738e8);
    expect_si(doc, 1, "money", "USD", 5e8);
    expect_si(doc, 2, "money", "HKD", 1.2e8);
    expect_si(doc, 3, "money", "EUR", 3e7);
    expect_si(doc, 4, "money", "CNY", 5e5);
    expect_si(doc, 5, "money", "CNY", 12);
    assert_int_equal(doc->diagnostics.len, 0);
    kiln_doc_free(doc);
    units_fini(st);
}

static void test_area_length_mass_volume(void **unused)
{
    void *st = start_stage(NULL);
    kiln_doc *doc = make_doc("新增耕地15亩、3公顷、2.5平方公里，住房11.6平方米，"
                             "改造100万平方米；修路1500公里、20千米、800米；"
                             "粮食12万吨、300公斤、20千克、1000斤、10担；"
                             "蓄水5立方米、3万立方米。");
    add(doc, "15亩", 15, "亩", KILN_KIND_AMOUNT);
    add(doc, "3公顷", 3, "公顷", KILN_KIND_AMOUNT);
    add(doc, "2.5平方公里", 2.5, "平方公里", KILN_KIND_AMOUNT);
    add(doc, "11.6平方米", 11.6, "平方米", KILN_KIND_AMOUNT);
    add(doc, "100万平方米", 100, "万平方米", KILN_KIND_AMOUNT);
    add(doc, "1500公里", 1500, "公里", KILN_KIND_AMOUNT);
    add(doc, "20千米", 20, "千米", KILN_KIND_AMOUNT);
    add(doc, "800米", 800, "米", KILN_KIND_AMOUNT);
    add(doc, "12万吨", 12e4, "吨", KILN_KIND_AMOUNT);
    add(doc, "300公斤", 300, "公斤", KILN_KIND_AMOUNT);
    add(doc, "20千克", 20, "千克", KILN_KIND_AMOUNT);
    add(doc, "1000斤", 1000, "斤", KILN_KIND_AMOUNT);
    add(doc, "10担", 10, "担", KILN_KIND_AMOUNT);
    add(doc, "5立方米", 5, "立方米", KILN_KIND_AMOUNT);
    add(doc, "3万立方米", 3, "万立方米", KILN_KIND_AMOUNT);
    run(st, doc);
    expect_si(doc, 0, "area", "m2", 1e4);
    expect_si(doc, 1, "area", "m2", 3e4);
    expect_si(doc, 2, "area", "m2", 2.5e6);
    expect_si(doc, 3, "area", "m2", 11.6);
    expect_si(doc, 4, "area", "m2", 1e6);
    expect_si(doc, 5, "length", "m", 1.5e6);
    expect_si(doc, 6, "length", "m", 2e4);
    expect_si(doc, 7, "length", "m", 800);
    expect_si(doc, 8, "mass", "kg", 1.2e8);
    expect_si(doc, 9, "mass", "kg", 300);
    expect_si(doc, 10, "mass", "kg", 20);
    expect_si(doc, 11, "mass", "kg", 500);
    expect_si(doc, 12, "mass", "kg", 500);
    expect_si(doc, 13, "volume", "m3", 5);
    expect_si(doc, 14, "volume", "m3", 3e4);
    assert_int_equal(doc->diagnostics.len, 0);
    kiln_doc_free(doc);
    units_fini(st);
}

static void test_power_energy(void **unused)
{
    void *st = start_stage(NULL);
    kiln_doc *doc = make_doc("装机50千瓦、2兆瓦、30万千瓦，发电8000千瓦时、"
                             "1.5亿度，能耗12万吨标准煤、3万吨标准煤。");
    add(doc, "50千瓦", 50, "千瓦", KILN_KIND_AMOUNT);
    add(doc, "2兆瓦", 2, "兆瓦", KILN_KIND_AMOUNT);
    add(doc, "30万千瓦", 30, "万千瓦", KILN_KIND_AMOUNT);
    add(doc, "8000千瓦时", 8000, "千瓦时", KILN_KIND_AMOUNT);
    add(doc, "1.5亿度", 1.5e8, "度", KILN_KIND_AMOUNT);
    add(doc, "12万吨标准煤", 12e4, "吨标准煤", KILN_KIND_AMOUNT);
    add(doc, "3万吨标准煤", 3, "万吨标准煤", KILN_KIND_AMOUNT);
    run(st, doc);
    expect_si(doc, 0, "power", "W", 5e4);
    expect_si(doc, 1, "power", "W", 2e6);
    expect_si(doc, 2, "power", "W", 3e8);
    expect_si(doc, 3, "energy", "kWh", 8000);
    expect_si(doc, 4, "energy", "kWh", 1.5e8);
    expect_si(doc, 5, "energy_coal", "tce", 12e4);
    expect_si(doc, 6, "energy_coal", "tce", 3e4);
    kiln_doc_free(doc);
    units_fini(st);
}

static void test_counts(void **unused)
{
    static const char *const words[] = {
        "人", "名", "户", "人次", "个", "家", "所", "座", "条", "项", "件",
        "台", "辆", "套", "栋", "张", "头", "只", "株", "棵", "批"};
    size_t n = sizeof words / sizeof *words;
    void *st = start_stage(NULL);
    /* "新增7人、新增7名、..." */
    char text[1024] = "";
    for (size_t i = 0; i < n; i++) {
        strcat(text, "新增7");
        strcat(text, words[i]);
        strcat(text, "，");
    }
    kiln_doc *doc = make_doc(text);
    for (size_t i = 0; i < n; i++) {
        char written[32];
        snprintf(written, sizeof written, "新增7%s，", words[i]);
        kiln_mention *m = add(doc, written, 7, words[i], KILN_KIND_AMOUNT);
        m->span.start += strlen("新增");
        m->span.end -= strlen("，");
    }
    run(st, doc);
    for (size_t i = 0; i < n; i++)
        expect_si(doc, i, "count", words[i], 7);
    assert_int_equal(doc->diagnostics.len, 0);
    kiln_doc_free(doc);
    units_fini(st);
}

static void test_time_and_ratios(void **unused)
{
    void *st = start_stage(NULL);
    kiln_doc *doc = make_doc("五年来，用时18个月、90天，增长8.5%、6%-7%，"
                             "出生率5‰，提高1.2个百分点，翻了2倍。");
    add(doc, "五年", 5, "年", KILN_KIND_DURATION);
    add(doc, "18个月", 18, "个月", KILN_KIND_DURATION);
    add(doc, "90天", 90, "天", KILN_KIND_DURATION);
    add(doc, "8.5%", 8.5, "%", KILN_KIND_PERCENT);
    kiln_mention *range = add(doc, "6%-7%", 6, "%", KILN_KIND_PERCENT);
    range->value_max = 7;
    range->has_max = true;
    add(doc, "5‰", 5, "‰", KILN_KIND_PERCENT);
    add(doc, "1.2个百分点", 1.2, "个百分点", KILN_KIND_PERCENTAGE_POINT);
    add(doc, "2倍", 2, "倍", KILN_KIND_AMOUNT);
    run(st, doc);
    expect_si(doc, 0, "time", "year", 5);
    expect_si(doc, 1, "time", "year", 1.5);
    expect_si(doc, 2, "time", "year", 90 / 365.0);
    expect_si(doc, 3, "ratio", "%", 8.5);
    expect_si(doc, 4, "ratio", "%", 6);
    assert_close(doc->mentions.items[4].si_value_max, 7);
    expect_si(doc, 5, "ratio", "%", 0.5);
    /* percentage points are not percent */
    expect_si(doc, 6, "ratio_points", "pp", 1.2);
    expect_si(doc, 7, "multiple", "x", 2);
    assert_int_equal(doc->diagnostics.len, 0);
    kiln_doc_free(doc);
    units_fini(st);
}

static void test_range_of_amounts(void **unused)
{
    void *st = start_stage(NULL);
    kiln_doc *doc = make_doc("每年新增3-5万吨。");
    kiln_mention *m = add(doc, "3-5万吨", 3e4, "吨", KILN_KIND_AMOUNT);
    m->value_max = 5e4;
    m->has_max = true;
    run(st, doc);
    expect_si(doc, 0, "mass", "kg", 3e7);
    assert_close(doc->mentions.items[0].si_value_max, 5e7);
    kiln_doc_free(doc);
    units_fini(st);
}

/* ---- compound units and per capita -------------------------------------- */

static void test_compound_units(void **unused)
{
    void *st = start_stage(NULL);
    kiln_doc *doc = make_doc("均价3000元/吨，租金1.2万元/亩，造价500元/公里，"
                             "产量400公斤/亩，补贴8元/人次。");
    add(doc, "3000元/吨", 3000, "元/吨", KILN_KIND_AMOUNT);
    add(doc, "1.2万元/亩", 1.2, "万元/亩", KILN_KIND_AMOUNT);
    add(doc, "500元/公里", 500, "元/公里", KILN_KIND_AMOUNT);
    add(doc, "400公斤/亩", 400, "公斤/亩", KILN_KIND_AMOUNT);
    add(doc, "8元/人次", 8, "元/人次", KILN_KIND_AMOUNT);
    run(st, doc);
    expect_si(doc, 0, "money/mass", "CNY/kg", 3);
    expect_si(doc, 1, "money/area", "CNY/m2", 1.2e4 * 15 / 10000.0);
    expect_si(doc, 2, "money/length", "CNY/m", 0.5);
    expect_si(doc, 3, "mass/area", "kg/m2", 400 * 15 / 10000.0);
    expect_si(doc, 4, "money/count", "CNY/人次", 8);
    assert_int_equal(doc->diagnostics.len, 0);
    kiln_doc_free(doc);
    units_fini(st);
}

static void test_compound_unit_parts_must_be_known(void **unused)
{
    units_lexicon lex;
    kiln_error err = {{0}};
    char *path = shipped_lexicon();
    assert_int_equal(units_lexicon_load(&lex, path, &err), 0);
    kiln_arena *a = kiln_arena_new();
    units_resolved r;
    assert_int_equal(units_resolve(&lex, "元/斛", a, &r), 0);
    assert_int_equal(units_resolve(&lex, "/吨", a, &r), 0);
    assert_int_equal(units_resolve(&lex, "元/吨/年", a, &r), 0);
    assert_int_equal(units_resolve(&lex, "万", a, &r), 0);
    /* a listed form wins over prefix + rest: 千米 is not 千 x 米 guessed,
     * 百分点 not 百 x 分点 */
    assert_int_equal(units_resolve(&lex, "百分点", a, &r), 1);
    assert_string_equal(r.dimension, "ratio_points");
    assert_close(r.num / r.den, 1);
    /* stacked prefixes */
    assert_int_equal(units_resolve(&lex, "千万吨", a, &r), 1);
    assert_close(r.num / r.den, 1e7 * 1000);
    kiln_arena_free(a);
    units_lexicon_free(&lex);
    free(path);
}

static void test_per_capita(void **unused)
{
    void *st = start_stage(NULL);
    kiln_doc *doc = make_doc("城镇居民人均可支配收入3.2万元，增长8%，"
                             "户均增收2000元；生产总值500亿元。");
    add(doc, "3.2万元", 3.2e4, "元", KILN_KIND_AMOUNT);
    add(doc, "8%", 8, "%", KILN_KIND_PERCENT);
    add(doc, "2000元", 2000, "元", KILN_KIND_AMOUNT);
    add(doc, "500亿元", 5e10, "元", KILN_KIND_AMOUNT);
    run(st, doc);
    assert_true(doc->mentions.items[0].per_capita);
    assert_false(doc->mentions.items[1].per_capita); /* another clause */
    assert_true(doc->mentions.items[2].per_capita);
    assert_false(doc->mentions.items[3].per_capita);
    expect_si(doc, 0, "money", "CNY", 3.2e4); /* value unchanged */
    kiln_doc_free(doc);
    units_fini(st);
}

static void test_per_capita_uses_clause_segments(void **unused)
{
    void *st = start_stage(NULL);
    /* no punctuation between the two figures: only the segmenter's clause
     * says where the cue stops counting */
    const char *text = "人均收入达到3万元 全市总收入100亿元";
    kiln_doc *doc = make_doc(text);
    const char *second = strstr(text, "全市");
    kiln_segment *c1 = kiln_doc_add_segment(doc, "segment");
    c1->kind = KILN_SEG_CLAUSE;
    c1->span = (kiln_span){0, (size_t)(second - text)};
    kiln_segment *c2 = kiln_doc_add_segment(doc, "segment");
    c2->kind = KILN_SEG_CLAUSE;
    c2->span = (kiln_span){(size_t)(second - text), strlen(text)};
    add(doc, "3万元", 3e4, "元", KILN_KIND_AMOUNT)->clause = 0;
    add(doc, "100亿元", 1e10, "元", KILN_KIND_AMOUNT)->clause = 1;
    run(st, doc);
    assert_true(doc->mentions.items[0].per_capita);
    assert_false(doc->mentions.items[1].per_capita);
    kiln_doc_free(doc);
    units_fini(st);
}

/* ---- unknown units and kinds without dimension -------------------------- */

static void test_unknown_unit(void **unused)
{
    void *st = start_stage(NULL);
    kiln_doc *doc = make_doc("一、农业\r\n\r\n全年收购300斛，产量5吨。\n");
    add(doc, "300斛", 300, "斛", KILN_KIND_AMOUNT);
    add(doc, "5吨", 5, "吨", KILN_KIND_AMOUNT);
    run(st, doc);
    assert_int_equal(doc->mentions.len, 2); /* kept, not dropped */
    expect_none(doc, 0);
    expect_si(doc, 1, "mass", "kg", 5000);
    assert_int_equal(doc->diagnostics.len, 1);
    const kiln_diagnostic *d = &doc->diagnostics.items[0];
    assert_string_equal(d->code, "unknown-unit");
    assert_string_equal(d->message, "unknown unit 斛 at line 3");
    assert_int_equal(d->severity, KILN_SEV_WARNING);
    assert_int_equal(d->span.start, doc->mentions.items[0].span.start);
    assert_int_equal(d->span.end, doc->mentions.items[0].span.end);
    assert_string_equal(d->stage, "units");
    kiln_doc_free(doc);
    units_fini(st);
}

static void test_unknown_unit_lines_in_any_order(void **unused)
{
    void *st = start_stage(NULL);
    kiln_doc *doc = make_doc("a\nb 3斛\nc\nd 4斗\n");
    /* mentions out of text order: the line memo must restart */
    add(doc, "4斗", 4, "斗", KILN_KIND_AMOUNT);
    add(doc, "3斛", 3, "斛", KILN_KIND_AMOUNT);
    run(st, doc);
    assert_int_equal(doc->diagnostics.len, 2);
    assert_string_equal(doc->diagnostics.items[0].message,
                        "unknown unit 斗 at line 4");
    assert_string_equal(doc->diagnostics.items[1].message,
                        "unknown unit 斛 at line 2");
    kiln_doc_free(doc);
    units_fini(st);
}

static void test_kinds_without_dimension(void **unused)
{
    void *st = start_stage(NULL);
    kiln_doc *doc = make_doc("2021年，排名第45位，第十六届，三大攻坚战，"
                             "4A级景区，总量1000亿。");
    add(doc, "2021年", 2021, "年", KILN_KIND_YEAR_OR_DATE);
    add(doc, "第45位", 45, "位", KILN_KIND_RANK);
    add(doc, "第十六届", 16, "届", KILN_KIND_ORDINAL);
    add(doc, "三大攻坚战", 3, "", KILN_KIND_SLOGAN);
    add(doc, "4A级", 4, "A级", KILN_KIND_ORDINAL);
    add(doc, "1000亿", 1e11, "", KILN_KIND_AMOUNT); /* a bare number */
    run(st, doc);
    for (size_t i = 0; i < doc->mentions.len; i++)
        expect_none(doc, i);
    assert_int_equal(doc->diagnostics.len, 0);
    kiln_doc_free(doc);
    units_fini(st);
}

/* ---- lexicons ----------------------------------------------------------- */

static void test_longest_form_wins(void **unused)
{
    /* the fixture lists 米, 平方米 and 万平方米 (and a custom dimension) */
    char *path = test_lexicon("units-longest.tsv");
    void *st = start_stage(path);
    kiln_doc *doc = make_doc("2万平方米，3平方米，4米，5万米。");
    add(doc, "2万平方米", 2, "万平方米", KILN_KIND_AMOUNT);
    add(doc, "3平方米", 3, "平方米", KILN_KIND_AMOUNT);
    add(doc, "4米", 4, "米", KILN_KIND_AMOUNT);
    add(doc, "5万米", 5, "万米", KILN_KIND_AMOUNT);
    run(st, doc);
    /* the fixture's 万平方米 row says 9999: the listed row wins over 万 x */
    expect_si(doc, 0, "area", "m2", 2 * 9999.0);
    expect_si(doc, 1, "area", "m2", 3);
    expect_si(doc, 2, "length", "m", 4);
    /* its own magnitudes: 万 is 1e4 */
    expect_si(doc, 3, "length", "m", 5e4);
    /* no per-capita directive: no cue at all */
    const units_state *s = st;
    assert_int_equal(s->lex.n_per_capita, 0);
    kiln_doc_free(doc);
    units_fini(st);
    free(path);
}

static void test_shipped_lexicon_directives(void **unused)
{
    char *path = shipped_lexicon();
    units_lexicon lex;
    kiln_error err = {{0}};
    if (units_lexicon_load(&lex, path, &err) != 0)
        fail_msg("%s", err.message);
    assert_true(lex.n_dimensions >= 10);
    assert_true(lex.n_per_capita >= 2);
    assert_true(lex.n_magnitudes >= 4);
    /* sorted and searchable, every row */
    for (size_t i = 0; i < lex.n_entries; i++)
        assert_ptr_equal(units_lexicon_find(&lex, lex.entries[i].form,
                                            lex.entries[i].form_len),
                         &lex.entries[i]);
    assert_null(units_lexicon_find(&lex, "斛", strlen("斛")));
    units_lexicon_free(&lex);
    free(path);
}

static void test_factor_fractions(void **unused)
{
    double num, den;
    assert_int_equal(parse_factor("10000/15", &num, &den), 0);
    assert_close(num / den, 10000.0 / 15);
    assert_int_equal(parse_factor("0.001", &num, &den), 0);
    assert_close(num / den, 0.001);
    static const char *const bad[] = {"", "0", "-1", "1/0", "/3", "3/",
                                      "1/2/3", "abc/2", "2/x", "1e400",
                                      "nan", "inf", "1 000", "-1/2"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (parse_factor(bad[i], &num, &den) == 0)
            fail_msg("factor '%s' accepted", bad[i]);
    /* exact: 20万亩 is the double nearest 2e9/15, not 2e5 x 666.66... */
    void *st = start_stage(NULL);
    kiln_doc *doc = make_doc("新增20万亩。");
    add(doc, "20万亩", 2e5, "亩", KILN_KIND_AMOUNT);
    run(st, doc);
    assert_true(doc->mentions.items[0].si_value == 2e9 / 15);
    kiln_doc_free(doc);
    units_fini(st);
}

static void test_bad_factor(void **unused)
{
    expect_load_error("units-bad-factor.tsv", 4, "bad factor 'ten' for unit '吨'");
}

static void test_zero_factor(void **unused)
{
    expect_load_error("units-zero-factor.tsv", 3, "bad factor '0' for unit '米'");
}

static void test_duplicate(void **unused)
{
    expect_load_error("units-duplicate.tsv", 5,
                      "duplicate unit '吨' (already on line 3)");
}

static void test_unknown_dimension(void **unused)
{
    expect_load_error("units-unknown-dimension.tsv", 4,
                      "unknown dimension 'mas' for unit '吨'");
}

static void test_unknown_compound_dimension(void **unused)
{
    expect_load_error("units-unknown-compound.tsv", 3,
                      "unknown dimension 'money/weight'");
}

static void test_missing_fields(void **unused)
{
    expect_load_error("units-missing-field.tsv", 2, "expected 4 tab-separated");
}

static void test_bad_directive(void **unused)
{
    expect_load_error("units-bad-directive.tsv", 2,
                      "unknown directive '#!dimension'");
}

static void test_missing_lexicon(void **unused)
{
    units_options opt = {.lexicon = "/nonexistent/units.tsv"};
    kiln_config cfg = {.name = "units", .label = "units", .options = &opt,
                       .source = "test.pipeline", .line = 3};
    kiln_error err = {{0}};
    void *state = NULL;
    assert_int_equal(kiln_stage_units.init(&cfg, &state, &err), -1);
    assert_non_null(strstr(err.message, "/nonexistent/units.tsv"));
    assert_null(state);
}

static void test_descriptor(void **unused)
{
    assert_string_equal(kiln_stage_units.name, "units");
    assert_int_equal(kiln_stage_units.requires, KILN_LAYER_MENTIONS);
    assert_int_equal(kiln_stage_units.provides, KILN_LAYER_UNITS);
    assert_int_equal(kiln_stage_units.struct_size, sizeof(kiln_stage));
    assert_string_equal(kiln_stage_units.options[0].key, "lexicon");
    assert_int_equal(kiln_stage_units.options[0].type, KILN_OPT_PATH);
    assert_string_equal(kiln_stage_units.options[0].default_value,
                        "data/units-zh.tsv");
    assert_null(kiln_stage_units.options[1].key);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money),
        cmocka_unit_test(test_area_length_mass_volume),
        cmocka_unit_test(test_power_energy),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_time_and_ratios),
        cmocka_unit_test(test_range_of_amounts),
        cmocka_unit_test(test_compound_units),
        cmocka_unit_test(test_compound_unit_parts_must_be_known),
        cmocka_unit_test(test_per_capita),
        cmocka_unit_test(test_per_capita_uses_clause_segments),
        cmocka_unit_test(test_unknown_unit),
        cmocka_unit_test(test_unknown_unit_lines_in_any_order),
        cmocka_unit_test(test_kinds_without_dimension),
        cmocka_unit_test(test_longest_form_wins),
        cmocka_unit_test(test_shipped_lexicon_directives),
        cmocka_unit_test(test_factor_fractions),
        cmocka_unit_test(test_bad_factor),
        cmocka_unit_test(test_zero_factor),
        cmocka_unit_test(test_duplicate),
        cmocka_unit_test(test_unknown_dimension),
        cmocka_unit_test(test_unknown_compound_dimension),
        cmocka_unit_test(test_missing_fields),
        cmocka_unit_test(test_bad_directive),
        cmocka_unit_test(test_missing_lexicon),
        cmocka_unit_test(test_descriptor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
