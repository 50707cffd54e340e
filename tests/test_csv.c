/* test_csv.c — the csv stage: exact bytes of quoting, header, BOM and the
 * formula guard, on the hand-built fixture document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#define FIXTURE_FAKE_OUTPUT
#include "exporters_fixture.h"

#include "../plugins/csv/csv.c"

#define MENTIONS_HEADER                                                    \
    "doc,mention,sentence,start,end,text,value,value_max,unit,kind,"      \
    "qualifier,dimension,si_value,si_unit,role,indicator,commitment,cue,"  \
    "stage\n"
#define MENTION_1                                                          \
    "r/doc.txt,1,1,2,6,１２亿元,1200000000,,元,amount,,money,1200000000,"  \
    "CNY,achieved,收入,,,numbers\n"
#define MENTION_2_AFTER_TEXT                                               \
    ",5,6.5,%,percent,以上,,,,target,收入,soft,力争,numbers\n"
#define MENTION_3                                                          \
    "r/doc.txt,3,,6,16,\"，\"\"增,长\"\"\n=5%\",-0.3,,,slogan,,,,,,,,,"     \
    "numbers\n"
#define DIAG_HEADER "doc,start,end,severity,code,message,stage\n"

typedef struct run_result {
    char *init;  /* what init wrote (BOM, header) */
    char *rows;  /* the document's buffer */
} run_result;

/* Run init + process of the csv stage with options O on the fixture; both
 * outputs are copied out so the test can free everything else. */
static run_result run(csv_options o, const char *id)
{
    kiln_config cfg = {.name = "csv", .label = "csv", .options = &o};
    kiln_error err = {{0}};
    void *state = NULL;
    if (cb_init(&cfg, &state, &err) < 0)
        fail_msg("init: %s", err.message);
    kiln_doc *d = fixture_doc(id);
    if (cb_process(state, d, &err) < 0)
        fail_msg("process: %s", err.message);
    kiln_buf *b = kiln_doc_output(d, fake_output.opened ? &fake_output : NULL);
    run_result r = {
        strndup(fake_output.written.data ? fake_output.written.data : "",
                fake_output.written.len),
        strndup(b->data ? b->data : "", b->len)};
    kiln_doc_free(d);
    cb_fini(state);
    return r;
}

static void result_free(run_result *r)
{
    free(r->init);
    free(r->rows);
}

static csv_options defaults(kiln_table_id table)
{
    return (csv_options){.table = (int)table, .output = "-", .header = true,
                         .bom = false, .formula_guard = GUARD_AUTO};
}

static void test_mentions_exact(void **state)
{
    (void)state;
    run_result r = run(defaults(KILN_TABLE_MENTIONS), "r/doc.txt");
    assert_string_equal(r.init, MENTIONS_HEADER);
    assert_string_equal(r.rows, MENTION_1 "r/doc.txt,2,1,13,16,=5%"
                                MENTION_2_AFTER_TEXT MENTION_3);
    result_free(&r);
}

static void test_header_off(void **state)
{
    (void)state;
    csv_options o = defaults(KILN_TABLE_MENTIONS);
    o.header = false;
    run_result r = run(o, "r/doc.txt");
    assert_string_equal(r.init, "");
    assert_true(strncmp(r.rows, MENTION_1, strlen(MENTION_1)) == 0);
    result_free(&r);
}

static void test_bom_turns_guard_on(void **state)
{
    (void)state;
    csv_options o = defaults(KILN_TABLE_MENTIONS);
    o.bom = true;
    run_result r = run(o, "r/doc.txt");
    assert_string_equal(r.init, "\xEF\xBB\xBF" MENTIONS_HEADER);
    assert_string_equal(r.rows, MENTION_1 "r/doc.txt,2,1,13,16,'=5%"
                                MENTION_2_AFTER_TEXT MENTION_3);
    o.header = false; /* the BOM still comes first */
    result_free(&r);
    r = run(o, "r/doc.txt");
    assert_string_equal(r.init, "\xEF\xBB\xBF");
    result_free(&r);
}

static void test_guard_yes_no(void **state)
{
    (void)state;
    csv_options o = defaults(KILN_TABLE_DIAGNOSTICS);
    o.formula_guard = GUARD_YES; /* also without a BOM */
    run_result r = run(o, "-doc");
    assert_string_equal(r.init, DIAG_HEADER);
    /* Text cells get the ', quoted ones inside the quotes; numbers not. */
    assert_string_equal(r.rows, "'-doc,13,16,warning,unknown-unit,"
                                "\"'=unknown \"\"担\"\",\there\x01\",units\n");
    result_free(&r);
    o.bom = true;
    o.formula_guard = GUARD_NO;
    r = run(o, "-doc");
    assert_string_equal(r.rows, "-doc,13,16,warning,unknown-unit,"
                                "\"=unknown \"\"担\"\",\there\x01\",units\n");
    result_free(&r);
}

static void test_segments_quoting(void **state)
{
    (void)state;
    run_result r = run(defaults(KILN_TABLE_SEGMENTS), "a,b.txt");
    assert_string_equal(r.init, "doc,index,kind,start,end,text,parent,"
                                "sentence,stage\n");
    assert_string_equal(
        r.rows,
        "\"a,b.txt\",1,paragraph,0,17,\"收入１２亿元，\"\"增,长\"\"\n=5%。\",,,"
        "segment\n"
        "\"a,b.txt\",2,sentence,0,17,\"收入１２亿元，\"\"增,长\"\"\n=5%。\",1,1,"
        "segment\n"
        "\"a,b.txt\",3,clause,0,6,收入１２亿元,2,1,segment\n"
        "\"a,b.txt\",4,clause,6,17,\"，\"\"增,长\"\"\n=5%。\",2,1,segment\n");
    result_free(&r);
}

static void test_targets(void **state)
{
    (void)state;
    csv_options o = defaults(KILN_TABLE_TARGETS);
    o.header = false;
    run_result r = run(o, "d");
    assert_string_equal(r.rows,
                        "d,收入,元,１２亿元,1200000000,2,=5%,5,13,,5,0.5,3.5,"
                        "0.1,,hard,确保,targets\n"
                        "d,收入,,,,,=5%,5,13,,,,,,no baseline,,,targets\n");
    result_free(&r);
}

static void test_missing_layer_fails_document(void **state)
{
    (void)state;
    csv_options o = defaults(KILN_TABLE_TARGETS);
    kiln_config cfg = {.name = "csv", .label = "csv:t", .options = &o};
    kiln_error err = {{0}};
    void *st = NULL;
    assert_int_equal(cb_init(&cfg, &st, &err), 0);
    kiln_doc *d = fixture_doc("d");
    d->layers &= ~(uint32_t)KILN_LAYER_COMPARISONS;
    assert_int_equal(cb_process(st, d, &err), -1);
    assert_string_equal(err.message,
                        "csv:t table=targets needs the targets stage before it");
    kiln_doc_free(d);
    cb_fini(st);
}

static void test_output_error(void **state)
{
    (void)state;
    csv_options o = defaults(KILN_TABLE_MENTIONS);
    o.output = "/nonexistent/x.csv";
    kiln_config cfg = {.name = "csv", .label = "csv", .options = &o};
    kiln_error err = {{0}};
    void *st = NULL;
    assert_int_equal(cb_init(&cfg, &st, &err), -1);
    assert_non_null(strstr(err.message, "/nonexistent/x.csv"));
    assert_null(st);
}

/* A cell far larger than the buffer's first block is quoted whole. */
static void test_long_quoted_cell(void **state)
{
    (void)state;
    kiln_buf b = {0};
    size_t n = 100000;
    char *s = malloc(n);
    for (size_t i = 0; i < n; i++)
        s[i] = i % 3 == 0 ? '"' : 'x';
    kiln_cell c = {s, n, KILN_CELL_TEXT};
    assert_int_equal(kiln_buf_append(&b, "ab", 2), 0);
    assert_int_equal(put_cell(&b, &c, true), 0);
    size_t quotes = (n + 2) / 3;
    assert_int_equal(b.len, 2 + 2 + n + quotes);
    assert_int_equal(b.data[b.len], '\0');
    assert_memory_equal(b.data, "ab\"\"\"xx\"\"x", 10);
    assert_int_equal(b.data[b.len - 1], '"');
    kiln_buf_free(&b);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mentions_exact),
        cmocka_unit_test(test_header_off),
        cmocka_unit_test(test_bom_turns_guard_on),
        cmocka_unit_test(test_guard_yes_no),
        cmocka_unit_test(test_segments_quoting),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_missing_layer_fails_document),
        cmocka_unit_test(test_output_error),
        cmocka_unit_test(test_long_quoted_cell),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    kiln_buf_free(&fake_output.written);
    return rc;
}
