/* test_targets.c — the targets stage on hand-built documents: sentences
 * from the sample report and from national government work reports. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../core/doc_internal.h"
#include "../plugins/targets/cues.c"
#include "../plugins/targets/horizon.c"
#include "../plugins/targets/indicator.c"
#include "../plugins/targets/lexicon.c"
#include "../plugins/targets/pairing.c"
#include "../plugins/targets/role.c"
#include "../plugins/targets/targets.c"
#include "../plugins/targets/text.c"

/* ---- building documents by hand ------------------------------------ */

typedef struct fixture {
    kiln_doc *doc;
    void *state;
} fixture;

static char *data_file(const char *name)
{
    const char *top = getenv("KILN_DATA_PATH");
    static char path[4096];
    snprintf(path, sizeof path, "%s/data/%s", top ? top : ".", name);
    return path;
}

static void *load_state(int64_t report_year)
{
    char cues[4096], names[4096];
    snprintf(cues, sizeof cues, "%s", data_file("cues-zh.tsv"));
    snprintf(names, sizeof names, "%s", data_file("indicators-zh.tsv"));
    targets_options o = {cues, names, report_year};
    kiln_config cfg = {.name = "targets", .label = "targets", .options = &o,
                       .source = "test", .line = 1};
    kiln_error err = {{0}};
    void *st = NULL;
    if (targets_init(&cfg, &st, &err) < 0)
        fail_msg("init: %s", err.message);
    return st;
}

/* Paragraphs are separated by blank lines; a paragraph without final
 * punctuation is a heading; sentences end with 。；！？. */
static kiln_doc *make_doc(const char *text)
{
    kiln_doc *d = kiln_doc_new();
    assert_non_null(d);
    assert_int_equal(kiln_doc_load(d, "t", 0, text, strlen(text)), 0);
    size_t n = strlen(text);
    char *t = kiln_arena_strndup(d->arena, text, n);
    kiln_align_run *run = kiln_arena_calloc(d->arena, 1, sizeof *run);
    *run = (kiln_align_run){0, n, 0, n};
    kiln_doc_set_text(d, t, n, run, 1);
    int32_t sent_no = 0;
    for (size_t p = 0; p < n;) {
        while (p < n && t[p] == '\n')
            p++;
        if (p >= n)
            break;
        const char *e = strstr(t + p, "\n\n");
        size_t pe = e ? (size_t)(e - t) : n;
        int32_t para = (int32_t)d->segments.len;
        kiln_segment *ps = kiln_doc_add_segment(d, "test");
        ps->span = (kiln_span){p, pe};
        ps->kind = KILN_SEG_PARAGRAPH;
        bool heading = !tg_ends(t + p, pe - p, "。") &&
                       !tg_ends(t + p, pe - p, "；") &&
                       !tg_ends(t + p, pe - p, ";") &&
                       !tg_ends(t + p, pe - p, "!") &&
                       !tg_ends(t + p, pe - p, "！");
        size_t s = p;
        for (size_t i = p; i < pe;) {
            size_t k = tg_char_len(t + i, pe - i);
            bool end = !heading && (tg_starts(t + i, pe - i, "。") ||
                                    tg_starts(t + i, pe - i, "；") ||
                                    tg_starts(t + i, pe - i, ";") ||
                                    tg_starts(t + i, pe - i, "!") ||
                                    tg_starts(t + i, pe - i, "！"));
            i += k;
            if (end || i >= pe) {
                kiln_segment *ss = kiln_doc_add_segment(d, "test");
                ss->span = (kiln_span){s, i};
                ss->kind = heading ? KILN_SEG_HEADING : KILN_SEG_SENTENCE;
                ss->parent = para;
                ss->sentence_no = ++sent_no;
                s = i;
            }
        }
        p = pe;
    }
    d->layers = KILN_LAYER_TEXT | KILN_LAYER_SEGMENTS | KILN_LAYER_MENTIONS |
                KILN_LAYER_UNITS;
    return d;
}

/* Add a mention for the OCC-th (1-based) occurrence of SPAN. */
static kiln_mention *put(kiln_doc *d, const char *span, int occ, double value,
                         const char *unit, kiln_mention_kind kind,
                         const char *qualifier, const char *dimension)
{
    const char *p = d->text;
    for (int i = 0; i < occ; i++) {
        p = strstr(i ? p + 1 : p, span);
        if (!p)
            fail_msg("'%s' occurrence %d not in text", span, occ);
    }
    kiln_mention *m = kiln_doc_add_mention(d, "test");
    m->span = (kiln_span){(size_t)(p - d->text),
                          (size_t)(p - d->text) + strlen(span)};
    m->value = value;
    m->unit = unit;
    m->kind = kind;
    m->qualifier = qualifier;
    m->dimension = dimension;
    m->magnitude = 1;
    m->sentence = -1;
    m->clause = -1;
    m->si_unit = "";
    return m;
}

static void run(kiln_doc *d, void *st)
{
    kiln_error err = {{0}};
    assert_int_equal(targets_process(st, d, &err), 0);
}

static const kiln_mention *find(kiln_doc *d, const char *span, int occ)
{
    int seen = 0;
    for (size_t i = 0; i < d->mentions.len; i++) {
        const kiln_mention *m = &d->mentions.items[i];
        if (m->span.end - m->span.start == strlen(span) &&
            memcmp(d->text + m->span.start, span, strlen(span)) == 0 &&
            ++seen == occ)
            return m;
    }
    fail_msg("no mention '%s'", span);
    return NULL;
}

static const kiln_comparison *comparison_of(kiln_doc *d, const char *target)
{
    for (size_t i = 0; i < d->comparisons.len; i++) {
        const kiln_comparison *c = &d->comparisons.items[i];
        const kiln_mention *t = &d->mentions.items[c->target];
        if (t->span.end - t->span.start == strlen(target) &&
            memcmp(d->text + t->span.start, target, strlen(target)) == 0)
            return c;
    }
    fail_msg("no comparison for target '%s'", target);
    return NULL;
}

static const char *baseline_text(kiln_doc *d, const kiln_comparison *c)
{
    static char buf[256];
    if (c->baseline < 0)
        return "";
    const kiln_mention *b = &d->mentions.items[c->baseline];
    snprintf(buf, sizeof buf, "%.*s", (int)(b->span.end - b->span.start),
             d->text + b->span.start);
    return buf;
}

/* ---- the sample report's three pairs -------------------------------- */

static const char liling[] =
    "【亮点一】综合实力大提升\n\n"
    "地区生产总值达738亿元,跻身全国工业百强第77位、创新百强第88位。\n\n"
    "本地就诊率上升至93.8%。\n\n"
    "这份成绩单(摘选),请您检阅!\n\n"
    "- 外贸进出口总额突破5亿美元\n\n"
    "- 城镇新增就业3.7万人\n\n"
    "【行动计划】\n\n"
    "蓝图已经绘就,奋斗正当其时!醴陵市力争用三年时间、确保五年内实现地区"
    "生产总值过1000亿元,规模工业增加值保持同步增长。\n\n"
    "推动政府数字化转型,力争外贸进出口总额突破10亿美元。\n\n"
    "持续推进医共体建设,常态化开展“湘雅乡情”,将本地就诊率提高至95%以上。"
    "\n\n"
    "实施水利建设五年行动,新修疏通水渠1000公里,加固整修山塘水库5000座。\n\n"
    "- 建设“门前三小”400个以上\n\n"
    "- 完成15所基层卫生院标准化建设\n";

static kiln_doc *liling_doc(void)
{
    kiln_doc *d = make_doc(liling);
    put(d, "一", 1, 1, "", KILN_KIND_ORDINAL, "", "");
    put(d, "738亿元", 1, 7.38e10, "元", KILN_KIND_AMOUNT, "", "money");
    put(d, "百强", 1, 100, "", KILN_KIND_SLOGAN, "", "");
    put(d, "第77位", 1, 77, "位", KILN_KIND_RANK, "", "");
    put(d, "百强", 2, 100, "", KILN_KIND_SLOGAN, "", "");
    put(d, "第88位", 1, 88, "位", KILN_KIND_RANK, "", "");
    put(d, "93.8%", 1, 93.8, "%", KILN_KIND_PERCENT, "", "ratio");
    put(d, "5亿美元", 1, 5e8, "美元", KILN_KIND_AMOUNT, "突破", "money");
    put(d, "3.7万人", 1, 37000, "人", KILN_KIND_AMOUNT, "", "count");
    put(d, "三年", 1, 3, "年", KILN_KIND_DURATION, "", "time");
    put(d, "五年", 1, 5, "年", KILN_KIND_DURATION, "内", "time");
    put(d, "1000亿元", 1, 1e11, "元", KILN_KIND_AMOUNT, "过", "money");
    put(d, "10亿美元", 1, 1e9, "美元", KILN_KIND_AMOUNT, "突破", "money");
    put(d, "95%", 1, 95, "%", KILN_KIND_PERCENT, "以上", "ratio");
    put(d, "五年", 2, 5, "年", KILN_KIND_DURATION, "", "time");
    put(d, "1000公里", 1, 1000, "公里", KILN_KIND_AMOUNT, "", "length");
    put(d, "5000座", 1, 5000, "座", KILN_KIND_AMOUNT, "", "count");
    put(d, "门前三小", 1, 3, "", KILN_KIND_SLOGAN, "", "");
    put(d, "400个", 1, 400, "个", KILN_KIND_AMOUNT, "以上", "count");
    put(d, "15所", 1, 15, "所", KILN_KIND_AMOUNT, "", "count");
    return d;
}

static void test_liling_pairs(void **state)
{
    kiln_doc *d = liling_doc();
    run(d, *state);

    const kiln_comparison *gdp = comparison_of(d, "1000亿元");
    assert_string_equal(gdp->indicator, "地区生产总值");
    assert_string_equal(baseline_text(d, gdp), "738亿元");
    assert_true(gdp->has_horizon);
    assert_float_equal(gdp->horizon_years, 5, 1e-9);
    assert_float_equal(gdp->progress, 0.738, 1e-9);
    assert_float_equal(gdp->gap, 2.62e10, 1);
    assert_true(gdp->has_growth);
    assert_true(fabs(gdp->required_growth - (pow(1e11 / 7.38e10, 0.2) - 1)) <
                1e-12);
    assert_float_equal(gdp->required_growth, 0.0626, 5e-4);
    assert_int_equal(gdp->commitment, KILN_COMMIT_HARD);
    assert_false(gdp->met);

    const kiln_comparison *trade = comparison_of(d, "10亿美元");
    assert_string_equal(trade->indicator, "外贸进出口总额");
    assert_string_equal(baseline_text(d, trade), "5亿美元");
    assert_float_equal(trade->progress, 0.5, 1e-12);
    assert_false(trade->has_horizon);
    assert_false(trade->has_growth);
    assert_int_equal(trade->commitment, KILN_COMMIT_SOFT);

    const kiln_comparison *clinic = comparison_of(d, "95%");
    assert_string_equal(clinic->indicator, "本地就诊率");
    assert_string_equal(baseline_text(d, clinic), "93.8%");
    assert_float_equal(clinic->gap, 1.2, 1e-9);
    assert_float_equal(clinic->progress, 93.8 / 95, 1e-12);
    assert_false(clinic->has_growth);
    assert_string_equal(clinic->qualifier, "以上");

    /* Targets without a baseline are listed too. */
    const kiln_comparison *canal = comparison_of(d, "1000公里");
    assert_int_equal(canal->baseline, -1);
    assert_string_equal(canal->indicator, "新修疏通水渠");
    assert_true(canal->has_horizon); /* 水利建设五年行动 */
    assert_float_equal(canal->horizon_years, 5, 1e-9);
    kiln_doc_free(d);
}

static void test_liling_roles(void **state)
{
    kiln_doc *d = liling_doc();
    run(d, *state);
    assert_int_equal(find(d, "738亿元", 1)->role, KILN_ROLE_ACHIEVED);
    assert_int_equal(find(d, "一", 1)->role, KILN_ROLE_OTHER);
    assert_int_equal(find(d, "百强", 1)->role, KILN_ROLE_OTHER);
    assert_int_equal(find(d, "第77位", 1)->role, KILN_ROLE_ACHIEVED);
    assert_string_equal(find(d, "第77位", 1)->indicator, "全国工业百强排名");
    assert_string_equal(find(d, "第88位", 1)->indicator, "创新百强排名");
    assert_int_equal(find(d, "5亿美元", 1)->role, KILN_ROLE_ACHIEVED);
    assert_int_equal(find(d, "1000亿元", 1)->role, KILN_ROLE_TARGET);
    assert_string_equal(find(d, "1000亿元", 1)->cue, "确保");
    /* the bounding durations are targets measuring the same thing */
    assert_int_equal(find(d, "三年", 1)->role, KILN_ROLE_TARGET);
    assert_string_equal(find(d, "五年", 1)->indicator, "地区生产总值");
    /* a programme's duration names the programme */
    assert_string_equal(find(d, "五年", 2)->indicator, "水利建设五年行动");
    /* 完成 is a result word, but the section is a plan */
    assert_int_equal(find(d, "15所", 1)->role, KILN_ROLE_TARGET);
    assert_string_equal(find(d, "15所", 1)->indicator, "基层卫生院标准化建设");
    assert_string_equal(find(d, "5000座", 1)->indicator, "加固整修山塘水库");
    assert_string_equal(find(d, "3.7万人", 1)->indicator, "城镇新增就业");
    assert_int_equal(find(d, "门前三小", 1)->role, KILN_ROLE_OTHER);
    kiln_doc_free(d);
}

/* ---- indicator names ------------------------------------------------ */

static void test_indicator_names(void **state)
{
    kiln_doc *d = make_doc(
        "淘汰造纸厂生产线121条,落后产能12万吨。\n\n"
        "先后打通S333、李耿中路等主次干道20余条。\n\n"
        "市民中心建成使用,852个事项实现“一站式服务”。\n\n"
        "跃居全国百强第45位。\n\n"
        "醴陵经开区实现技工贸总收入586亿元,位居全省园区综合排名第11位。\n\n"
        "办复人大代表建议502件、政协委员提案563件。\n\n"
        "成功创建国家4A级景区。\n");
    put(d, "121条", 1, 121, "条", KILN_KIND_AMOUNT, "", "count");
    put(d, "12万吨", 1, 120000, "吨", KILN_KIND_AMOUNT, "", "mass");
    put(d, "333", 1, 333, "", KILN_KIND_SLOGAN, "", "");
    put(d, "20余条", 1, 20, "条", KILN_KIND_AMOUNT, "余", "count");
    put(d, "852个", 1, 852, "个", KILN_KIND_AMOUNT, "", "count");
    put(d, "百强", 1, 100, "", KILN_KIND_SLOGAN, "", "");
    put(d, "第45位", 1, 45, "位", KILN_KIND_RANK, "", "");
    put(d, "586亿元", 1, 5.86e10, "元", KILN_KIND_AMOUNT, "", "money");
    put(d, "第11位", 1, 11, "位", KILN_KIND_RANK, "", "");
    put(d, "502件", 1, 502, "件", KILN_KIND_AMOUNT, "", "count");
    put(d, "563件", 1, 563, "件", KILN_KIND_AMOUNT, "", "count");
    put(d, "4A级", 1, 4, "A级", KILN_KIND_ORDINAL, "", "");
    run(d, *state);
    assert_string_equal(find(d, "121条", 1)->indicator, "淘汰造纸厂生产线");
    /* the verb of an enumeration is shared by its items */
    assert_string_equal(find(d, "12万吨", 1)->indicator, "淘汰落后产能");
    assert_string_equal(find(d, "563件", 1)->indicator, "办复政协委员提案");
    /* an enumeration summed up by 等 */
    assert_string_equal(find(d, "20余条", 1)->indicator, "打通主次干道");
    /* noun after the figure, predicate first */
    assert_string_equal(find(d, "852个", 1)->indicator,
                        "实现“一站式服务”事项");
    assert_string_equal(find(d, "第45位", 1)->indicator, "全国百强排名");
    assert_string_equal(find(d, "586亿元", 1)->indicator,
                        "醴陵经开区技工贸总收入");
    assert_string_equal(find(d, "第11位", 1)->indicator, "全省园区综合排名");
    assert_int_equal(find(d, "4A级", 1)->role, KILN_ROLE_ACHIEVED);
    assert_string_equal(find(d, "4A级", 1)->indicator, "A级景区");
    assert_int_equal(find(d, "333", 1)->role, KILN_ROLE_OTHER);
    assert_string_equal(find(d, "333", 1)->indicator, "");
    kiln_doc_free(d);
}

/* Noun-phrase rules found on the national reports and the sample. */
static void test_indicator_rules(void **state)
{
    kiln_doc *d = make_doc(
        "新增10000个城区停车位。\n\n"
        "先后举办4届陶瓷博览会、2届烟花爆竹博览会。\n\n"
        "- “四个百亿”。打造300亿花炮产业集群;培育300亿玻璃产业集群。\n\n"
        "确保龙头企业“破零”。\n\n"
        "赤字率拟按3%安排,赤字规模4.06万亿元,比上年增加1800亿元。\n\n"
        "坚决守住18亿亩耕地红线。\n");
    put(d, "10000个", 1, 10000, "个", KILN_KIND_AMOUNT, "", "count");
    put(d, "4届", 1, 4, "届", KILN_KIND_AMOUNT, "", "count");
    put(d, "2届", 1, 2, "届", KILN_KIND_AMOUNT, "", "count");
    put(d, "四个百亿", 1, 1e10, "", KILN_KIND_AMOUNT, "", "");
    put(d, "300亿", 1, 3e10, "", KILN_KIND_AMOUNT, "", "");
    put(d, "300亿", 2, 3e10, "", KILN_KIND_AMOUNT, "", "");
    put(d, "破零", 1, 0, "", KILN_KIND_SLOGAN, "", "");
    put(d, "3%", 1, 3, "%", KILN_KIND_PERCENT, "", "ratio");
    put(d, "4.06万亿元", 1, 4.06e12, "元", KILN_KIND_AMOUNT, "", "money");
    put(d, "1800亿元", 1, 1.8e11, "元", KILN_KIND_AMOUNT, "", "money");
    put(d, "18亿亩", 1, 1.8e9, "亩", KILN_KIND_AMOUNT, "", "area");
    run(d, *state);
    /* the noun after a figure is what it counts, without the verb */
    assert_string_equal(find(d, "10000个", 1)->indicator, "城区停车位");
    /* …unless the verb is shared along a list */
    assert_string_equal(find(d, "4届", 1)->indicator, "举办陶瓷博览会");
    /* a figure alone as a heading sums up its paragraph's figures */
    assert_string_equal(find(d, "300亿", 2)->indicator, "玻璃产业集群");
    assert_string_equal(find(d, "四个百亿", 1)->indicator,
                        "花炮/玻璃产业集群");
    /* a zero slogan is a figure */
    assert_int_equal(find(d, "破零", 1)->role, KILN_ROLE_TARGET);
    assert_string_equal(find(d, "破零", 1)->indicator, "龙头企业");
    /* words of resolve and prepositions are no part of a name */
    assert_string_equal(find(d, "3%", 1)->indicator, "赤字率");
    assert_string_equal(find(d, "18亿亩", 1)->indicator, "耕地红线");
    /* 比上年增加 measures the figure before it */
    assert_string_equal(find(d, "1800亿元", 1)->indicator, "赤字规模增长");
    kiln_doc_free(d);
}

/* No dateline: a year in the title dates the report; a dateline opens no
 * section; a past year dates a result. */
static void test_report_year_inferred(void **state)
{
    (void)state;
    void *st = load_state(0);
    kiln_doc *d = make_doc(
        "2021年某县政府工作报告\n\n"
        "2019年,全县粮食产量达到50万吨。\n\n"
        "到2025年,森林覆盖率达到60%。\n");
    put(d, "2021年", 1, 2021, "年", KILN_KIND_YEAR_OR_DATE, "", "time");
    put(d, "2019年", 1, 2019, "年", KILN_KIND_YEAR_OR_DATE, "", "time");
    put(d, "50万吨", 1, 5e5, "吨", KILN_KIND_AMOUNT, "", "mass");
    put(d, "2025年", 1, 2025, "年", KILN_KIND_YEAR_OR_DATE, "", "time");
    put(d, "60%", 1, 60, "%", KILN_KIND_PERCENT, "", "ratio");
    run(d, st);
    const kiln_mention *m = find(d, "60%", 1);
    assert_int_equal(m->role, KILN_ROLE_TARGET);
    assert_true(m->has_horizon);
    assert_float_equal(m->horizon_years, 4, 1e-9);
    assert_int_equal(find(d, "50万吨", 1)->role, KILN_ROLE_ACHIEVED);
    kiln_doc_free(d);

    /* a dateline of the report year does not make what follows a target */
    d = make_doc("——1957年6月26日在第一届全国人民代表大会第四次会议上\n\n"
                 "关于社会主义革命\n\n"
                 "1956年,手工业总产值达到一百一十七亿元。\n");
    put(d, "1957年", 1, 1957, "年", KILN_KIND_YEAR_OR_DATE, "", "time");
    put(d, "6月26日", 1, 6, "月", KILN_KIND_YEAR_OR_DATE, "", "time");
    put(d, "1956年", 1, 1956, "年", KILN_KIND_YEAR_OR_DATE, "", "time");
    put(d, "一百一十七亿元", 1, 1.17e10, "元", KILN_KIND_AMOUNT, "",
        "money");
    run(d, st);
    assert_int_equal(find(d, "一百一十七亿元", 1)->role, KILN_ROLE_ACHIEVED);
    kiln_doc_free(d);
    targets_fini(st);
}

/* ---- a national report: review section, then the year's targets ----- */

static const char national[] =
    "——2022年3月5日在第十三届全国人民代表大会第五次会议上\n\n"
    "一、2021年工作回顾\n\n"
    "——经济保持恢复发展。国内生产总值达到114万亿元,增长8.1%。城镇新增就"
    "业1269万人,城镇调查失业率平均为5.1%。\n\n"
    "二、2022年经济社会发展总体要求和政策取向\n\n"
    "今年发展主要预期目标是:国内生产总值增长5.5%左右;城镇新增就业1100万"
    "人以上,城镇调查失业率全年控制在5.5%以内;粮食产量保持在1.3万亿斤以上"
    "。\n\n"
    "到2025年,常住人口城镇化率提高到65%。\n";

static void test_national_report(void **state)
{
    (void)state;
    void *st = load_state(0); /* infer the year from 2022年3月5日 */
    kiln_doc *d = make_doc(national);
    put(d, "2022年", 1, 2022, "年", KILN_KIND_YEAR_OR_DATE, "", "time");
    put(d, "3月5日", 1, 3, "月", KILN_KIND_YEAR_OR_DATE, "", "time");
    put(d, "2021年", 1, 2021, "年", KILN_KIND_YEAR_OR_DATE, "", "time");
    put(d, "114万亿元", 1, 1.14e14, "元", KILN_KIND_AMOUNT, "", "money");
    put(d, "8.1%", 1, 8.1, "%", KILN_KIND_PERCENT, "", "ratio");
    put(d, "1269万人", 1, 1.269e7, "人", KILN_KIND_AMOUNT, "", "count");
    put(d, "5.1%", 1, 5.1, "%", KILN_KIND_PERCENT, "", "ratio");
    put(d, "2022年", 2, 2022, "年", KILN_KIND_YEAR_OR_DATE, "", "time");
    put(d, "5.5%", 1, 5.5, "%", KILN_KIND_PERCENT, "左右", "ratio");
    put(d, "1100万人", 1, 1.1e7, "人", KILN_KIND_AMOUNT, "以上", "count");
    put(d, "5.5%", 2, 5.5, "%", KILN_KIND_PERCENT, "以内", "ratio");
    put(d, "1.3万亿斤", 1, 1.3e12, "斤", KILN_KIND_AMOUNT, "以上", "mass");
    put(d, "2025年", 1, 2025, "年", KILN_KIND_YEAR_OR_DATE, "", "time");
    put(d, "65%", 1, 65, "%", KILN_KIND_PERCENT, "", "ratio");
    run(d, st);

    assert_int_equal(find(d, "114万亿元", 1)->role, KILN_ROLE_ACHIEVED);
    assert_string_equal(find(d, "114万亿元", 1)->indicator, "国内生产总值");
    assert_int_equal(find(d, "8.1%", 1)->role, KILN_ROLE_ACHIEVED);
    assert_string_equal(find(d, "8.1%", 1)->indicator, "国内生产总值增长");
    assert_int_equal(find(d, "2021年", 1)->role, KILN_ROLE_OTHER);
    assert_int_equal(find(d, "5.5%", 1)->role, KILN_ROLE_TARGET);
    assert_string_equal(find(d, "5.5%", 1)->indicator, "国内生产总值增长");
    assert_int_equal(find(d, "1100万人", 1)->role, KILN_ROLE_TARGET);
    assert_string_equal(find(d, "5.5%", 2)->indicator, "城镇调查失业率");
    assert_int_equal(find(d, "5.5%", 2)->commitment, KILN_COMMIT_HARD);
    assert_string_equal(find(d, "1.3万亿斤", 1)->indicator, "粮食产量");

    const kiln_comparison *growth = comparison_of(d, "5.5%");
    assert_string_equal(baseline_text(d, growth), "8.1%");
    const kiln_comparison *jobs = comparison_of(d, "1100万人");
    assert_string_equal(baseline_text(d, jobs), "1269万人");
    assert_true(jobs->met);
    /* 控制在…以内 is a ceiling: 5.1 % already meets 5.5 % */
    const kiln_comparison *unemp = &d->comparisons.items[2];
    assert_string_equal(unemp->indicator, "城镇调查失业率");
    assert_string_equal(baseline_text(d, unemp), "5.1%");
    assert_true(unemp->met);
    assert_float_equal(unemp->gap, 0.4, 1e-9);

    /* 到2025年 against the report year 2022 */
    const kiln_mention *urban = find(d, "65%", 1);
    assert_int_equal(urban->role, KILN_ROLE_TARGET);
    assert_true(urban->has_horizon);
    assert_float_equal(urban->horizon_years, 3, 1e-9);
    assert_string_equal(urban->indicator, "常住人口城镇化率");
    kiln_doc_free(d);
    targets_fini(st);
}

static void test_report_year_option(void **state)
{
    (void)state;
    void *st = load_state(2021);
    kiln_doc *d = make_doc("到2025年,森林覆盖率达到60%。\n");
    put(d, "2025年", 1, 2025, "年", KILN_KIND_YEAR_OR_DATE, "", "time");
    put(d, "60%", 1, 60, "%", KILN_KIND_PERCENT, "", "ratio");
    run(d, st);
    const kiln_mention *m = find(d, "60%", 1);
    assert_int_equal(m->role, KILN_ROLE_TARGET);
    assert_float_equal(m->horizon_years, 4, 1e-9);
    assert_string_equal(m->indicator, "森林覆盖率");
    assert_int_equal(d->comparisons.len, 1);
    assert_int_equal(d->comparisons.items[0].baseline, -1);
    kiln_doc_free(d);
    targets_fini(st);
}

/* Two results for one indicator: the pairing is flagged. */
static void test_uncertain_pairing(void **state)
{
    kiln_doc *d = make_doc("森林覆盖率达56%。\n\n森林覆盖率达58%。\n\n"
                           "【行动计划】\n\n确保森林覆盖率达到60%。\n");
    put(d, "56%", 1, 56, "%", KILN_KIND_PERCENT, "", "ratio");
    put(d, "58%", 1, 58, "%", KILN_KIND_PERCENT, "", "ratio");
    put(d, "60%", 1, 60, "%", KILN_KIND_PERCENT, "", "ratio");
    run(d, *state);
    const kiln_comparison *c = comparison_of(d, "60%");
    assert_string_equal(baseline_text(d, c), "58%");
    assert_true(*c->diagnostic);
    assert_int_equal(d->diagnostics.len, 1);
    assert_string_equal(d->diagnostics.items[0].code, "uncertain-pairing");
    kiln_doc_free(d);
}

/* ---- lookup structures against plain scans ---------------------------- */

/* The longest cue at S (first in file order among equals), by a scan of
 * every cue: what tg_cue_at must answer. */
static const tg_cue *cue_at_by_scan(const tg_cues *cues, const char *s,
                                    size_t len)
{
    const tg_cue *best = NULL;
    for (size_t i = 0; i < cues->len; i++) {
        const tg_cue *c = &cues->items[i];
        if (c->len <= len && (!best || c->len > best->len) &&
            memcmp(s, c->word, c->len) == 0)
            best = c;
    }
    return best;
}

static const tg_cue *cue_ending_by_scan(const tg_cues *cues, const char *s,
                                        size_t len)
{
    const tg_cue *best = NULL;
    for (size_t i = 0; i < cues->len; i++) {
        const tg_cue *c = &cues->items[i];
        if (c->len <= len && (!best || c->len > best->len) &&
            memcmp(s + len - c->len, c->word, c->len) == 0)
            best = c;
    }
    return best;
}

/* Every lookup of TEXT[0..N) at every byte against the scans. */
static void check_cues_on(const tg_cues *cues, const char *text, size_t n)
{
    for (size_t i = 0; i <= n; i++) {
        assert_ptr_equal(tg_cue_at(cues, text + i, n - i),
                         cue_at_by_scan(cues, text + i, n - i));
        assert_ptr_equal(tg_cue_ending(cues, text, i),
                         cue_ending_by_scan(cues, text, i));
        if (i < n) {
            size_t step;
            const tg_cue *c = tg_cue_step(cues, text + i, n - i, &step);
            assert_ptr_equal(c, cue_at_by_scan(cues, text + i, n - i));
            assert_int_equal(step, c ? c->len : tg_char_len(text + i, n - i));
        }
    }
}

static char *read_test_file(const char *name, size_t *n)
{
    const char *dir = getenv("KILN_TEST_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)size + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    buf[size] = '\0';
    *n = (size_t)size;
    return buf;
}

static void test_cue_index(void **state)
{
    const tg_state *st = *state;
    const tg_cues *cues = &st->cues;
    assert_non_null(cues->cp_group); /* the lexicon has no short cue */
    size_t n;
    char *text = read_test_file("liling-2021.txt", &n);
    check_cues_on(cues, text, n);
    free(text);
    /* empty input, a cue at the very end, a cue cut short, bad bytes */
    assert_null(tg_cue_at(cues, "", 0));
    assert_null(tg_cue_ending(cues, "", 0));
    const char *ends = "经济总量力争";
    check_cues_on(cues, ends, strlen(ends));
    assert_non_null(tg_cue_ending(cues, ends, strlen(ends)));
    assert_string_equal(tg_cue_ending(cues, ends, strlen(ends))->word, "力争");
    const char cut[] = "\xE5\x8A\x9B\xE4"; /* 力 and a lead byte */
    check_cues_on(cues, cut, sizeof cut - 1);
    const char bad[] = "\xFF\xE5\x8A\x9B\xE4\xBA\x89\x80\xED\xA0\x80";
    check_cues_on(cues, bad, sizeof bad - 1);
    /* every cue found where it stands, alone and inside text */
    for (size_t i = 0; i < cues->len; i++) {
        char buf[256];
        int k = snprintf(buf, sizeof buf, "的%s的", cues->items[i].word);
        assert_true(k > 0 && (size_t)k < sizeof buf);
        check_cues_on(cues, buf, (size_t)k);
        check_cues_on(cues, cues->items[i].word, cues->items[i].len);
        /* a near miss: the last byte changed (and the first) */
        memcpy(buf, cues->items[i].word, cues->items[i].len);
        buf[cues->items[i].len - 1] ^= 1;
        check_cues_on(cues, buf, cues->items[i].len);
        buf[cues->items[i].len - 1] ^= 1;
        buf[0] ^= 1;
        check_cues_on(cues, buf, cues->items[i].len);
    }
}

/* A lexicon with a cue shorter than three bytes and a short section word:
 * the filters pass everything, the lookups still answer as the scan. */
static void test_cue_index_short_words(void **state)
{
    (void)state;
    char path[] = "/tmp/kiln-test-cues-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("x\ttarget\tweak\n力争\ttarget\tstrong\tsoft\n"
          "力争实现\ttarget\tstrong\tsoft\n争\tstrip\n"
          "回\ttarget\tsection\nab\tachieved\tweak\n", f);
    fclose(f);
    tg_cues cues;
    kiln_error err = {{0}};
    assert_int_equal(tg_cues_load(&cues, path, &err), 0);
    remove(path);
    assert_null(cues.cp_group);        /* the buckets serve */
    assert_null(cues.section_pairs);   /* no section filter */
    const char *text = "xx力争实现ab回顾力争a\xE5\x8A";
    check_cues_on(&cues, text, strlen(text));
    assert_string_equal(tg_cue_at(&cues, text + 2, strlen(text) - 2)->word,
                        "力争实现");
    size_t last = 0;
    assert_true(tg_cues_last_section(&cues, text, strlen(text), &last));
    assert_int_equal(last, strlen(text));
    tg_cues_free(&cues);
}

/* The last start of a section word in S[0..N), by memmem; false if none. */
static bool last_section_by_scan(const tg_cues *cues, const char *s, size_t n,
                                 size_t *last)
{
    bool found = false;
    for (size_t i = 0; i < cues->len; i++) {
        const tg_cue *c = &cues->items[i];
        if (c->strength != TG_STRENGTH_SECTION)
            continue;
        for (size_t p = 0; p + c->len <= n; p++)
            if (memcmp(s + p, c->word, c->len) == 0 && (!found || p > *last)) {
                found = true;
                *last = p;
            }
    }
    return found;
}

static void check_sections_on(const tg_cues *cues, const char *s, size_t n)
{
    size_t got = 0, want = 0;
    bool g = tg_cues_last_section(cues, s, n, &got);
    bool w = last_section_by_scan(cues, s, n, &want);
    assert_int_equal(g, w);
    if (w)
        assert_int_equal(got, want);
}

static void test_section_filter(void **state)
{
    const tg_state *st = *state;
    const tg_cues *cues = &st->cues;
    assert_non_null(cues->section_pairs);
    size_t n;
    char *text = read_test_file("liling-2021.txt", &n);
    /* line by line, and the whole text */
    for (size_t a = 0; a < n;) {
        const char *nl = memchr(text + a, '\n', n - a);
        size_t b = nl ? (size_t)(nl - text) : n;
        check_sections_on(cues, text + a, b - a);
        a = b + 1;
    }
    check_sections_on(cues, text, n);
    free(text);
    check_sections_on(cues, "", 0);
    check_sections_on(cues, "回顾", strlen("回顾"));         /* whole text */
    check_sections_on(cues, "我们回顾", strlen("我们回顾")); /* at the end */
    check_sections_on(cues, "我们回\xE9\xA1", strlen("我们回\xE9\xA1"));
    check_sections_on(cues, "回顾过去五年，未来五年", strlen("回顾过去五年，未来五年"));
    /* the lexicon's short words are swept for, the others scanned */
    assert_true(cues->n_short_sections > 0 && cues->n_sections > 0);
    for (size_t i = 0; i < cues->len; i++) {
        const tg_cue *c = &cues->items[i];
        if (c->strength != TG_STRENGTH_SECTION)
            continue;
        char buf[256];
        int k = snprintf(buf, sizeof buf, "a%s", c->word);
        check_sections_on(cues, buf, (size_t)k);
        check_sections_on(cues, c->word, c->len - 1); /* cut short */
    }
}

/* The hits of tg_cues_section_hits, as a bitmap of starts (len 0: the
 * shortest word there, checked against the lexicon). */
typedef struct hit_set {
    const tg_cues *cues;
    const char *s;
    size_t n;
    unsigned char *at; /* at[p]: shortest word length reported at p */
} hit_set;

static void record_hit(void *ctx, size_t start, size_t len)
{
    hit_set *h = ctx;
    assert_true(start + len <= h->n);
    if (!h->at[start] || len < h->at[start])
        h->at[start] = (unsigned char)len;
}

/* Every start of a section word is reported, with the shortest word
 * there, and nothing else. */
static void check_hits_on(const tg_cues *cues, const char *s, size_t n)
{
    hit_set h = {cues, s, n, calloc(n + 1, 1)};
    assert_non_null(h.at);
    tg_cues_section_hits(cues, s, n, record_hit, &h);
    for (size_t p = 0; p < n; p++) {
        size_t want = 0;
        for (size_t i = 0; i < cues->len; i++) {
            const tg_cue *c = &cues->items[i];
            if (c->strength == TG_STRENGTH_SECTION && p + c->len <= n &&
                memcmp(s + p, c->word, c->len) == 0 &&
                (!want || c->len < want))
                want = c->len;
        }
        assert_int_equal(h.at[p], want);
    }
    free(h.at);
}

static tg_cues load_cues_text(const char *text)
{
    char path[] = "/tmp/kiln-test-cues-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    tg_cues cues;
    kiln_error err = {{0}};
    assert_int_equal(tg_cues_load(&cues, path, &err), 0);
    remove(path);
    return cues;
}

/* Two-character section words are swept for when few, scanned with the
 * others (a narrower window) when many; either way the same hits. */
static void test_section_hits(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "", "回顾", "我们回顾", "回顾回顾", "我们回\xE9\xA1",
        "工作回顾：回顾过去五年，未来五年的目标任务",
        "目标目标任务1目标任务", "a未来五年", "未来五\xE5",
        "今年工作回顾今年工作任务总体要求"};
    const char *few = "回顾\tachieved\tsection\n"
                      "目标\ttarget\tsection\n"
                      "工作回顾\tachieved\tsection\n"
                      "未来五年\ttarget\tsection\n"
                      "目标任务\ttarget\tsection\n"
                      "今年工作\ttarget\tsection\n"
                      "力争\ttarget\tstrong\tsoft\n";
    const char *many = "回顾\tachieved\tsection\n"
                       "目标\ttarget\tsection\n"
                       "任务\ttarget\tsection\n"
                       "总体\ttarget\tsection\n"
                       "今年\ttarget\tsection\n"
                       "工作回顾\tachieved\tsection\n"
                       "未来五年\ttarget\tsection\n"
                       "总体要求\ttarget\tsection\n";
    tg_cues a = load_cues_text(few), b = load_cues_text(many);
    assert_int_equal(a.n_short_sections, 2);
    assert_int_equal(a.section_window, strlen("工作回顾"));
    assert_int_equal(b.n_short_sections, 0);
    assert_int_equal(b.section_window, strlen("回顾"));
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        check_hits_on(&a, texts[i], strlen(texts[i]));
        check_hits_on(&b, texts[i], strlen(texts[i]));
        check_sections_on(&a, texts[i], strlen(texts[i]));
        check_sections_on(&b, texts[i], strlen(texts[i]));
    }
    tg_cues_free(&a);
    tg_cues_free(&b);
}

/* heading_year_role as its first version: a scan of every byte. */
static kiln_role heading_year_by_scan(int report_year, const char *s,
                                      size_t n)
{
    for (size_t i = 0; i + 4 < n; i++) {
        if (s[i] < '0' || s[i] > '9' ||
            (i && s[i - 1] >= '0' && s[i - 1] <= '9'))
            continue;
        size_t j = i;
        int y = 0;
        while (j < n && s[j] >= '0' && s[j] <= '9' && j - i < 5)
            y = y * 10 + (s[j++] - '0');
        if (j - i != 4 || !tg_starts(s + j, n - j, "年"))
            continue;
        size_t k = j + strlen("年"), d = k;
        while (d < n && s[d] >= '0' && s[d] <= '9' && d - k < 3)
            d++;
        if (d > k && tg_starts(s + d, n - d, "月"))
            return KILN_ROLE_NONE;
        return y < report_year ? KILN_ROLE_ACHIEVED : KILN_ROLE_TARGET;
    }
    return KILN_ROLE_NONE;
}

/* The strided search for a heading year finds the first year, wherever
 * its digits fall, as the byte scan does. */
static void test_heading_year(void **state)
{
    (void)state;
    static const char *const heads[] = {
        "", "2021年", "2021", "2021年工作回顾", "一、2020年工作回顾",
        "a2021年", "ab2021年", "abc2021年", "abcd2021年", "12021年2020年",
        "202年2023年", "2022年3月5日在会上", "x2022年12月", "2025年目标、2019年",
        "20211年", "2021年", "一2021å", "2019年 2030年", "第1年2020年"};
    tg_doc td = {.report_year = 2021};
    for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
        const char *h = heads[i];
        size_t n = strlen(h);
        /* every cut of the text too: a year at the very end */
        for (size_t k = 0; k <= n; k++)
            assert_int_equal(heading_year_role(&td, h, k),
                             heading_year_by_scan(2021, h, k));
    }
    td.report_year = 0;
    assert_int_equal(heading_year_role(&td, "2021年", strlen("2021年")),
                     KILN_ROLE_NONE);
}

static void test_lexicon_index(void **state)
{
    const tg_state *st = *state;
    const tg_lexicon *lex = &st->names;
    assert_true(lex->n_keys > 0 && lex->n_keys <= lex->len);
    for (size_t i = 0; i < lex->len; i++) {
        const char *name = lex->items[i].name;
        size_t n = strlen(name);
        /* the first entry of the name, and its first naming a quantity */
        const char *first = NULL, *quantity = NULL;
        for (size_t j = 0; j < lex->len; j++)
            if (strcmp(lex->items[j].name, name) == 0) {
                if (!first)
                    first = lex->items[j].canon;
                if (!quantity && *lex->items[j].canon)
                    quantity = lex->items[j].canon;
            }
        assert_ptr_equal(tg_lexicon_canon(lex, name, n), first);
        assert_ptr_equal(tg_lexicon_quantity(lex, name, n), quantity);
        assert_true(n <= lex->max_len);
        /* a prefix or a longer string is no name unless listed */
        if (n > 1 && !tg_lexicon_canon(lex, name, n - 1)) {
            bool listed = false;
            for (size_t j = 0; j < lex->len; j++)
                listed |= strlen(lex->items[j].name) == n - 1 &&
                          memcmp(lex->items[j].name, name, n - 1) == 0;
            assert_false(listed);
        }
    }
    assert_null(tg_lexicon_canon(lex, "", 0));
    assert_null(tg_lexicon_canon(lex, "不是指标的名字", strlen("不是指标的名字")));
    /* the keys of each length lie in their range, and every name longer
     * than the longest is no name (the range index ends at max_len) */
    for (size_t k = 0; k < lex->n_keys; k++) {
        size_t n = lex->keys[k].len;
        assert_true(lex->len_start[n] <= k && k < lex->len_start[n + 1]);
    }
    assert_int_equal(lex->len_start[lex->max_len + 1], lex->n_keys);
    char *longer = malloc(lex->max_len + 4);
    assert_non_null(longer);
    for (size_t k = 0; k < lex->n_keys; k++)
        if (lex->keys[k].len == lex->max_len) {
            memcpy(longer, lex->keys[k].name, lex->max_len);
            memcpy(longer + lex->max_len, "率", 3);
            assert_null(tg_lexicon_canon(lex, longer, lex->max_len + 3));
            assert_null(tg_lexicon_canon(lex, longer, lex->max_len - 1));
        }
    free(longer);
}

/* canonical() as a scan of the whole lexicon (its first version). */
static const char *canonical_by_scan(const tg_lexicon *lex, const char *name,
                                     size_t n)
{
    static const char *const places[] = {"市", "县", "区", "省", "州", "旗",
                                         "镇", "乡"};
    for (size_t i = 0; i < lex->len; i++)
        if (strlen(lex->items[i].name) == n &&
            memcmp(lex->items[i].name, name, n) == 0)
            return lex->items[i].canon;
    const char *c = NULL;
    size_t best = 0;
    for (size_t i = 0; i < lex->len; i++) {
        size_t k = strlen(lex->items[i].name);
        if (k >= n || k <= best || !*lex->items[i].canon ||
            memcmp(name + n - k, lex->items[i].name, k) != 0)
            continue;
        for (size_t j = 0; j < sizeof places / sizeof *places; j++)
            if (tg_ends(name, n - k, places[j])) {
                best = k;
                c = lex->items[i].canon;
            }
    }
    return c;
}

static void test_canonical_after_place(void **state)
{
    tg_state *st = *state;
    kiln_doc *d = kiln_doc_new();
    assert_non_null(d);
    tg_doc td = {.st = st, .doc = d};
    const char *gdp = tg_lexicon_canon(&st->names, "地区生产总值",
                                       strlen("地区生产总值"));
    assert_non_null(gdp);
    const char *name = "醴陵市地区生产总值";
    assert_ptr_equal(canonical(&td, name, strlen(name)), gdp);
    /* no place word before a listed tail: the name stays as written */
    name = "甲乙丙丁";
    assert_string_equal(canonical(&td, name, strlen(name)), name);
    name = "某某县";
    assert_string_equal(canonical(&td, name, strlen(name)), name);
    /* every name after every place and after a plain prefix, and its
     * tails: the same answer as the scan */
    static const char *const heads[] = {"", "醴陵市", "全县", "湖南省", "城区",
                                        "株洲", "乡镇", "a", "市"};
    const tg_lexicon *lex = &st->names;
    for (size_t i = 0; i < lex->len; i++)
        for (size_t h = 0; h < sizeof heads / sizeof *heads; h++) {
            char buf[512];
            int k = snprintf(buf, sizeof buf, "%s%s", heads[h],
                             lex->items[i].name);
            assert_true(k > 0 && (size_t)k < sizeof buf);
            for (size_t cut = 0; cut <= (size_t)k; cut++) {
                const char *want = canonical_by_scan(lex, buf + cut,
                                                     (size_t)k - cut);
                const char *got = canonical(&td, buf + cut, (size_t)k - cut);
                if (want)
                    assert_ptr_equal(got, want);
                else
                    assert_memory_equal(got, buf + cut, (size_t)k - cut);
            }
        }
    kiln_doc_free(d);
}

static void test_find(void **state)
{
    (void)state;
    assert_int_equal(tg_find("", 0, "等"), (size_t)-1);
    assert_int_equal(tg_find("abc", 3, ""), (size_t)-1);
    assert_int_equal(tg_find("A、B等C", strlen("A、B等C"), "等"), 5);
    assert_int_equal(tg_find("AB等", strlen("AB等"), "等"), 2); /* at end */
    assert_int_equal(tg_find("AB等", strlen("AB等") - 1, "等"), (size_t)-1);
    assert_int_equal(tg_find("aab", 3, "ab"), 1);
    assert_int_equal(tg_find("ab", 2, "abc"), (size_t)-1);
}

/* ---- lexicon errors ------------------------------------------------- */

static void test_bad_lexicon(void **state)
{
    (void)state;
    char path[] = "/tmp/kiln-test-cues-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("# comment\n力争\ttarget\tstrong\tsoft\n确保\tgoal\tstrong\n", f);
    fclose(f);
    tg_cues cues;
    kiln_error err = {{0}};
    assert_int_equal(tg_cues_load(&cues, path, &err), -1);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, ":3:"));
    assert_non_null(strstr(err.message, "goal"));
    remove(path);
}

static int setup(void **state)
{
    *state = load_state(0);
    return 0;
}

static int teardown(void **state)
{
    targets_fini(*state);
    return 0;
}

/* The role scan resumed from the state saved at one END (the open scan,
 * which stops before anything crossing END) finds, at every later END,
 * what one scan cut at that END finds: also for a cue crossing END, a
 * truncated character and an ASCII cue. */
static void test_role_scan_resume(void **state)
{
    const tg_state *st = *state;
    const tg_cues *cues = &st->cues;
    static const char *const texts[] = {
        "",
        "力争实现地区生产总值增长6%",
        "全年完成投资力争达到100亿元，同比增长8%",
        "比上年增长力争实现目标，确保完成\xE5\x8A",
        "ab将达到30%，预计实现",
    };
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        const char *t = texts[k];
        size_t n = strlen(t);
        for (size_t e1 = 0; e1 <= n; e1++) {
            cue_state saved = {.pos = 0};
            scan_role_cues(cues, t, &saved, e1, n);
            assert_true(saved.pos <= e1);
            for (size_t e2 = e1; e2 <= n; e2++) {
                cue_state whole = {.pos = 0}, resumed = saved;
                scan_role_cues(cues, t, &whole, e2, e2);
                scan_role_cues(cues, t, &resumed, e2, e2);
                assert_int_equal(whole.pos, resumed.pos);
                assert_ptr_equal(whole.strong.cue, resumed.strong.cue);
                assert_ptr_equal(whole.weak.cue, resumed.weak.cue);
                assert_int_equal(whole.commit, resumed.commit);
            }
        }
    }
}

/* A piece strip_ends_stable calls stable is its own strip, with and
 * without AFTER_FIGURE; at least the stripped pieces here are stable. */
static void test_strip_stable(void **state)
{
    const tg_state *st = *state;
    const tg_cues *cues = &st->cues;
    static const char *const texts[] = {
        "", " ", "的", "力争实现地区生产总值", "“地区生产总值", "的 产值",
        "达到", "将 城区停车位 ", "实现增长", "（产值）", "\xE5\x8A",
    };
    size_t n_stable = 0;
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
        for (int after = 0; after < 2; after++) {
            piece p = {texts[k], strlen(texts[k])};
            bool stable = false;
            piece r = strip_ends_stable(cues, p, after, &stable);
            assert_true(r.s >= p.s && r.s + r.n <= p.s + p.n);
            if (!stable)
                continue;
            n_stable++;
            for (int again = 0; again < 2; again++) {
                piece r2 = strip_ends(cues, r, again);
                if (again && !after)
                    continue; /* stable without: may still drop more with */
                assert_ptr_equal(r2.s, r.s);
                assert_int_equal(r2.n, r.n);
            }
        }
    assert_true(n_stable >= 10);
}

/* The pairing's sort of results gives qsort's order by cmp_entry: equal
 * hashes (ties broken by key and index), runs longer and shorter than
 * the insertion-sorted ones, and no entry at all. */
static void test_sort_entries(void **state)
{
    (void)state;
    static const char *const names[] = {"产值", "投资", "收入"};
    kiln_mention ms[3];
    memset(ms, 0, sizeof ms);
    for (size_t i = 0; i < 3; i++) {
        ms[i].indicator = names[i];
        ms[i].dimension = "";
    }
    static const size_t sizes[] = {0, 1, 7, 8, 9, 16, 17, 33, 100};
    unsigned seed = 1;
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        size_t n = sizes[z];
        result_entry *a = calloc(n + 1, sizeof *a), *b = calloc(n + 1, sizeof *b),
                     *tmp = calloc(n + 1, sizeof *tmp);
        assert_non_null(a);
        assert_non_null(b);
        assert_non_null(tmp);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            /* few hashes, so that ties are common */
            a[i] = (result_entry){(seed >> 16) % 5, &ms[(seed >> 8) % 3],
                                  (seed >> 4) % 2 ? "万元" : "亿元", i, false};
        }
        memcpy(b, a, n * sizeof *a);
        sort_entries(a, tmp, n);
        if (n)
            qsort(b, n, sizeof *b, cmp_entry);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(a[i].index, b[i].index);
            if (i)
                assert_true(cmp_entry(&a[i - 1], &a[i]) < 0);
        }
        free(a);
        free(b);
        free(tmp);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_liling_pairs),
        cmocka_unit_test(test_liling_roles),
        cmocka_unit_test(test_indicator_names),
        cmocka_unit_test(test_indicator_rules),
        cmocka_unit_test(test_report_year_inferred),
        cmocka_unit_test(test_national_report),
        cmocka_unit_test(test_report_year_option),
        cmocka_unit_test(test_uncertain_pairing),
        cmocka_unit_test(test_bad_lexicon),
        cmocka_unit_test(test_cue_index),
        cmocka_unit_test(test_cue_index_short_words),
        cmocka_unit_test(test_section_filter),
        cmocka_unit_test(test_section_hits),
        cmocka_unit_test(test_heading_year),
        cmocka_unit_test(test_lexicon_index),
        cmocka_unit_test(test_canonical_after_place),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_role_scan_resume),
        cmocka_unit_test(test_strip_stable),
        cmocka_unit_test(test_sort_entries),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
