/* test_pipeline.c — the pipeline file parser, the one-line form, --set,
 * and typing options into a stage's options struct. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../core/options.h"
#include "../core/pipeline.h"

/* A fake csv-like stage: its table is all the options code sees. */
typedef struct fake_options {
    const char *table, *output;
    bool header;
    int64_t limit;
    double ratio;
    int style;
    const char *lexicon;
} fake_options;

static const kiln_option fake_table[] = {
    {"table", KILN_OPT_STRING, "mentions", offsetof(fake_options, table), "t", NULL},
    {"output", KILN_OPT_PATH, "-", offsetof(fake_options, output), "o", NULL},
    {"header", KILN_OPT_BOOL, "yes", offsetof(fake_options, header), "h", NULL},
    {"limit", KILN_OPT_INT, "7", offsetof(fake_options, limit), "l", NULL},
    {"ratio", KILN_OPT_DOUBLE, NULL, offsetof(fake_options, ratio), "r", NULL},
    {"style", KILN_OPT_ENUM, "full", offsetof(fake_options, style), "s",
     "full|count|none"},
    {"lexicon", KILN_OPT_PATH, "data/units-zh.tsv", offsetof(fake_options, lexicon),
     "x", NULL},
    {0}};

static const kiln_stage fake_stage = {
    KILN_STAGE_HEADER,
    .name = "csv",
    .options = fake_table,
    .options_size = sizeof(fake_options),
};

static kiln_pipeline *parse(const char *text, kiln_error *err)
{
    return kiln_pipeline_parse("p/t.pipeline", "p", text, strlen(text), err);
}

/* Parse the options of every stage as if each were the fake stage. */
static int parse_options(kiln_pipeline *p, kiln_error *err)
{
    for (size_t i = 0; i < p->n_stages; i++) {
        p->stages[i].stage = &fake_stage;
        p->stages[i].module = "fake.so";
        if (kiln_options_parse(p, &p->stages[i], err) < 0)
            return -1;
    }
    return 0;
}

static const fake_options *opts(const kiln_pipeline *p, size_t i)
{
    return p->stages[i].options;
}

static void test_sections_in_order(void **state)
{
    kiln_error err;
    kiln_pipeline *p = parse("# a comment\n[pipeline]\nname = county\n\n"
                             "; another\n[segment]\n[numbers]\n"
                             "[csv:targets]\n  table =  targets  \n[csv]\n", &err);
    assert_non_null(p);
    assert_string_equal(p->name, "county");
    assert_int_equal(p->n_stages, 4);
    assert_string_equal(p->stages[0].name, "segment");
    assert_int_equal(p->stages[0].line, 6);
    assert_string_equal(p->stages[1].name, "numbers");
    assert_string_equal(p->stages[2].name, "csv");
    assert_string_equal(p->stages[2].label, "csv:targets");
    assert_int_equal(p->stages[2].line, 8);
    assert_string_equal(p->stages[3].label, "csv");
    const kiln_pipe_option *o = kiln_pipe_stage_option(&p->stages[2], "table");
    assert_non_null(o);
    assert_string_equal(o->value, "targets");
    assert_int_equal(o->line, 9);
    assert_null(kiln_pipe_stage_option(&p->stages[3], "table"));
    kiln_pipeline_free(p);
}

static void test_duplicate_stage_names_both_lines(void **state)
{
    kiln_error err;
    kiln_pipeline *p = parse("[segment]\n[csv]\ntable = a\n\n[csv]\n", &err);
    assert_null(p);
    assert_non_null(strstr(err.message, "p/t.pipeline:5:"));
    assert_non_null(strstr(err.message, "line 2"));
    assert_non_null(strstr(err.message, "'csv'"));
    /* Distinct labels make it legal. */
    p = parse("[csv:a]\n[csv:b]\n", &err);
    assert_non_null(p);
    kiln_pipeline_free(p);
    p = kiln_pipeline_parse_line("segment ! csv ! csv", &err);
    assert_null(p);
    assert_non_null(strstr(err.message, "-p: stage 3:"));
    assert_non_null(strstr(err.message, "stage 2"));
}

static void test_syntax_errors_name_the_line(void **state)
{
    static const struct {
        const char *text, *where, *what;
    } cases[] = {
        {"[segment]\n[csv\n", "p/t.pipeline:2:", "']'"},
        {"table = x\n[csv]\n", "p/t.pipeline:1:", "outside"},
        {"[segment]\njust words\n", "p/t.pipeline:2:", "key = value"},
        {"[Segment]\n", "p/t.pipeline:1:", "bad stage name"},
        {"[csv]\ntable = a\ntable = b\n", "p/t.pipeline:3:", "line 2"},
        {"[pipeline]\nnmae = x\n[csv]\n", "p/t.pipeline:2:", "nmae"},
        {"# nothing\n", "p/t.pipeline:", "no stages"},
        {"[csv]\nta-ble = x\n", "p/t.pipeline:2:", "bad option key"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kiln_error err;
        kiln_pipeline *p = parse(cases[i].text, &err);
        assert_null(p);
        if (!strstr(err.message, cases[i].where) || !strstr(err.message, cases[i].what))
            fail_msg("case %zu: '%s'", i, err.message);
    }
}

static void test_one_line_equals_file_form(void **state)
{
    kiln_error err;
    kiln_pipeline *a = kiln_pipeline_parse_line(
        "segment ! numbers ! csv:targets table=targets header=no ! csv", &err);
    assert_non_null(a);
    kiln_pipeline *b = parse("[segment]\n[numbers]\n[csv:targets]\ntable = targets\n"
                             "header = no\n[csv]\n", &err);
    assert_non_null(b);
    assert_int_equal(a->n_stages, b->n_stages);
    for (size_t i = 0; i < a->n_stages; i++) {
        assert_string_equal(a->stages[i].name, b->stages[i].name);
        assert_string_equal(a->stages[i].label, b->stages[i].label);
        assert_int_equal(a->stages[i].n_opts, b->stages[i].n_opts);
        for (size_t k = 0; k < a->stages[i].n_opts; k++) {
            assert_string_equal(a->stages[i].opts[k].key, b->stages[i].opts[k].key);
            assert_string_equal(a->stages[i].opts[k].value,
                                b->stages[i].opts[k].value);
        }
    }
    assert_int_equal(a->stages[2].line, 3); /* the stage number */
    kiln_pipeline_free(a);
    kiln_pipeline_free(b);
    assert_null(kiln_pipeline_parse_line("segment !! csv", &err));
    assert_non_null(strstr(err.message, "-p: stage 2:"));
    assert_null(kiln_pipeline_parse_line("segment ! csv table", &err));
    assert_non_null(strstr(err.message, "-p: stage 2:"));
    assert_non_null(strstr(err.message, "key=value"));
}

static void test_set_overrides(void **state)
{
    kiln_error err;
    kiln_pipeline *p = parse("[csv:targets]\ntable = targets\n[csv]\n", &err);
    assert_non_null(p);
    assert_int_equal(kiln_pipeline_set(p, "csv:targets.table=comparisons", &err), 0);
    assert_string_equal(kiln_pipe_stage_option(&p->stages[0], "table")->value,
                        "comparisons");
    /* The label part alone names the section when unambiguous. */
    assert_int_equal(kiln_pipeline_set(p, "targets.limit=3", &err), 0);
    assert_int_equal(kiln_pipeline_set(p, "csv.style=count", &err), 0);
    assert_int_equal(kiln_pipeline_set(p, "csv.output=", &err), 0);
    assert_string_equal(kiln_pipe_stage_option(&p->stages[1], "output")->value, "");
    assert_int_equal(kiln_pipeline_set(p, "nope.table=x", &err), -1);
    assert_non_null(strstr(err.message, "--set nope.table=x"));
    assert_non_null(strstr(err.message, "csv:targets, csv"));
    assert_int_equal(kiln_pipeline_set(p, "csv-table=x", &err), -1);
    assert_non_null(strstr(err.message, "LABEL.KEY=VALUE"));
    assert_int_equal(kiln_pipeline_set(p, "csv.output=out.csv", &err), 0);
    assert_int_equal(parse_options(p, &err), 0);
    assert_string_equal(opts(p, 0)->table, "comparisons");
    assert_int_equal(opts(p, 0)->limit, 3);
    assert_int_equal(opts(p, 1)->style, 1);
    /* --set paths are relative to the working directory, not the file. */
    assert_string_equal(opts(p, 1)->output, "out.csv");
    kiln_pipeline_free(p);
    /* An unknown key given by --set is reported as coming from --set. */
    p = parse("[csv]\n", &err);
    assert_int_equal(kiln_pipeline_set(p, "csv.tabel=x", &err), 0);
    assert_int_equal(parse_options(p, &err), -1);
    assert_non_null(strstr(err.message, "--set csv.tabel=x: stage 'csv'"));
    kiln_pipeline_free(p);
}

static void test_unknown_option_names_place_and_suggests(void **state)
{
    kiln_error err;
    kiln_pipeline *p = parse("[segment]\n[csv]\n\ntabel = mentions\n", &err);
    assert_non_null(p);
    assert_int_equal(parse_options(p, &err), -1);
    assert_string_equal(err.message,
                        "p/t.pipeline:4: stage 'csv': unknown option 'tabel', did "
                        "you mean 'table'? (options: table, output, header, limit, "
                        "ratio, style, lexicon)");
    kiln_pipeline_free(p);
    p = kiln_pipeline_parse_line("csv zzzzzz=1", &err);
    assert_int_equal(parse_options(p, &err), -1);
    assert_non_null(strstr(err.message, "-p: stage 1: stage 'csv': unknown option "
                                        "'zzzzzz' (options:"));
    assert_null(strstr(err.message, "did you mean"));
    kiln_pipeline_free(p);
}

static void expect_value_error(const char *line, const char *what)
{
    kiln_error err;
    char text[256];
    snprintf(text, sizeof text, "[pipeline]\n[csv]\n%s\n", line);
    kiln_pipeline *p = parse(text, &err);
    assert_non_null(p);
    assert_int_equal(parse_options(p, &err), -1);
    if (!strstr(err.message, "p/t.pipeline:3: stage 'csv': option '") ||
        !strstr(err.message, what))
        fail_msg("'%s' gave '%s'", line, err.message);
    kiln_pipeline_free(p);
}

static void test_bad_values(void **state)
{
    expect_value_error("header = maybe", "not a boolean");
    expect_value_error("header = Yes", "not a boolean");
    expect_value_error("limit = 12x", "not an integer");
    expect_value_error("limit = 1.5", "not an integer");
    expect_value_error("limit = 99999999999999999999", "out of range");
    expect_value_error("limit = ", "'' is not an integer");
    expect_value_error("header =", "not a boolean");
    expect_value_error("ratio = inf", "not a finite number");
    expect_value_error("ratio = 0.5.1", "not a finite number");
    expect_value_error("style = cout", "did you mean 'count'");
    expect_value_error("style = fancy", "not one of: full, count, none");
}

static void test_good_values_and_defaults(void **state)
{
    setenv("KILN_DATA_PATH", "/share/kiln", 1);
    kiln_error err;
    kiln_pipeline *p = parse("[csv]\nheader = off\nlimit = -42\nratio = 1e-3\n"
                             "style = none\n[csv:b]\nheader = 1\n", &err);
    assert_non_null(p);
    assert_int_equal(parse_options(p, &err), 0);
    assert_false(opts(p, 0)->header);
    assert_int_equal(opts(p, 0)->limit, -42);
    assert_true(opts(p, 0)->ratio == 1e-3);
    assert_int_equal(opts(p, 0)->style, 2);
    assert_true(opts(p, 1)->header);
    /* Defaults: typed, and a default path lives in the data directory. */
    assert_string_equal(opts(p, 1)->table, "mentions");
    assert_int_equal(opts(p, 1)->limit, 7);
    assert_true(opts(p, 1)->ratio == 0);
    assert_int_equal(opts(p, 1)->style, 0);
    assert_string_equal(opts(p, 1)->output, "-");
    assert_string_equal(opts(p, 1)->lexicon, "/share/kiln/data/units-zh.tsv");
    kiln_pipeline_free(p);
    /* Each yes/no spelling. */
    const char *yes[] = {"yes", "true", "on", "1"}, *no[] = {"no", "false", "off", "0"};
    for (int i = 0; i < 4; i++) {
        char text[64];
        snprintf(text, sizeof text, "[csv]\nheader=%s\n[csv:b]\nheader=%s\n", yes[i],
                 no[i]);
        p = parse(text, &err);
        assert_int_equal(parse_options(p, &err), 0);
        assert_true(opts(p, 0)->header);
        assert_false(opts(p, 1)->header);
        kiln_pipeline_free(p);
    }
}

static void test_relative_paths(void **state)
{
    kiln_error err;
    const char *text = "[csv]\nlexicon = ../data/u.tsv\noutput = -\n"
                       "[csv:b]\nlexicon = /abs/u.tsv\noutput = out/b.csv\n";
    kiln_pipeline *p = kiln_pipeline_parse("conf/x.pipeline", "conf", text,
                                           strlen(text), &err);
    assert_non_null(p);
    assert_int_equal(parse_options(p, &err), 0);
    assert_string_equal(opts(p, 0)->lexicon, "conf/../data/u.tsv");
    assert_string_equal(opts(p, 0)->output, "-"); /* stdout stays stdout */
    assert_string_equal(opts(p, 1)->lexicon, "/abs/u.tsv");
    assert_string_equal(opts(p, 1)->output, "conf/out/b.csv");
    kiln_pipeline_free(p);
    /* The one-line form is typed where the user stands. */
    p = kiln_pipeline_parse_line("csv lexicon=my.tsv", &err);
    assert_int_equal(parse_options(p, &err), 0);
    assert_string_equal(opts(p, 0)->lexicon, "my.tsv");
    kiln_pipeline_free(p);
}

static void test_load_file_and_save_config(void **state)
{
    char dir[] = "/tmp/kiln-test-pipeline-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], saved[256];
    snprintf(path, sizeof path, "%s/a.pipeline", dir);
    snprintf(saved, sizeof saved, "%s/saved.pipeline", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("\xEF\xBB\xBF[pipeline]\nname = exp-1\n[csv]\nlexicon = u.tsv\n"
          "table = \" spaced \"\n[csv:b]\n", f);
    fclose(f);
    kiln_error err;
    kiln_pipeline *p = kiln_pipeline_load(path, &err);
    assert_non_null(p);
    assert_int_equal(kiln_pipeline_set(p, "b.limit=9", &err), 0);
    assert_int_equal(parse_options(p, &err), 0);
    assert_string_equal(opts(p, 0)->table, " spaced ");
    f = fopen(saved, "w");
    assert_int_equal(kiln_pipeline_write(p, f), 0);
    fclose(f);
    /* Read back: same stages, every option explicit, same values. */
    kiln_pipeline *q = kiln_pipeline_load(saved, &err);
    assert_non_null(q);
    if (parse_options(q, &err) < 0)
        fail_msg("%s", err.message);
    assert_string_equal(q->name, "exp-1");
    assert_int_equal(q->n_stages, 2);
    for (size_t i = 0; i < 2; i++) {
        assert_string_equal(q->stages[i].label, p->stages[i].label);
        assert_int_equal(q->stages[i].n_opts, 7);
        assert_string_equal(opts(q, i)->table, opts(p, i)->table);
        assert_int_equal(opts(q, i)->limit, opts(p, i)->limit);
        assert_string_equal(opts(q, i)->lexicon, opts(p, i)->lexicon);
    }
    assert_int_equal(opts(q, 1)->limit, 9);
    char expect[300];
    snprintf(expect, sizeof expect, "%s/u.tsv", dir);
    assert_string_equal(opts(q, 0)->lexicon, expect);
    kiln_pipeline_free(q);
    kiln_pipeline_free(p);
    unlink(saved);
    unlink(path);
    rmdir(dir);
    assert_null(kiln_pipeline_load("/nonexistent/x.pipeline", &err));
    assert_non_null(strstr(err.message, "/nonexistent/x.pipeline: cannot open"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sections_in_order),
        cmocka_unit_test(test_duplicate_stage_names_both_lines),
        cmocka_unit_test(test_syntax_errors_name_the_line),
        cmocka_unit_test(test_one_line_equals_file_form),
        cmocka_unit_test(test_set_overrides),
        cmocka_unit_test(test_unknown_option_names_place_and_suggests),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_good_values_and_defaults),
        cmocka_unit_test(test_relative_paths),
        cmocka_unit_test(test_load_file_and_save_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
