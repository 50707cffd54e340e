/* test_jsonl.c — the jsonl stage: exact bytes and escaping, and every row
 * read back with jansson equals the csv stage's row, cell by cell. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>
#include <jansson.h>

#define FIXTURE_FAKE_OUTPUT
#include "exporters_fixture.h"

/* Both stages in one program: the csv stage's statics that share a name
 * with the jsonl stage's are renamed. */
#define cb_init csv_cb_init
#define cb_process csv_cb_process
#define cb_fini csv_cb_fini
#define put_row csv_put_row
#define put_state_row csv_put_state_row
#include "../plugins/csv/csv.c"
#undef cb_init
#undef cb_process
#undef cb_fini
#undef put_row
#undef put_state_row
#include "../plugins/jsonl/jsonl.c"

/* The rows jsonl (or, with CSV set, csv) writes for TABLE of the fixture. */
static char *run(bool csv, kiln_table_id table, const char *id)
{
    csv_options co = {.table = (int)table, .output = "-", .header = false,
                      .formula_guard = GUARD_NO};
    jsonl_options jo = {.table = (int)table, .output = "-"};
    kiln_config cfg = {.name = csv ? "csv" : "jsonl",
                       .label = csv ? "csv" : "jsonl",
                       .options = csv ? (const void *)&co : (const void *)&jo};
    kiln_error err = {{0}};
    void *st = NULL;
    if ((csv ? csv_cb_init : cb_init)(&cfg, &st, &err) < 0)
        fail_msg("init: %s", err.message);
    kiln_doc *d = fixture_doc(id);
    if ((csv ? csv_cb_process : cb_process)(st, d, &err) < 0)
        fail_msg("process: %s", err.message);
    kiln_buf *b = kiln_doc_output(d, &fake_output);
    char *rows = strndup(b->data ? b->data : "", b->len);
    kiln_doc_free(d);
    (csv ? csv_cb_fini : cb_fini)(st);
    return rows;
}

static void test_mentions_exact(void **state)
{
    (void)state;
    char *rows = run(false, KILN_TABLE_MENTIONS, "r/\"d\".txt");
    assert_string_equal(
        rows,
        "{\"doc\":\"r/\\\"d\\\".txt\",\"mention\":1,\"sentence\":1,\"start\":2,"
        "\"end\":6,\"text\":\"１２亿元\",\"value\":1200000000,"
        "\"value_max\":null,\"unit\":\"元\",\"kind\":\"amount\","
        "\"qualifier\":\"\",\"dimension\":\"money\",\"si_value\":1200000000,"
        "\"si_unit\":\"CNY\",\"role\":\"achieved\",\"indicator\":\"收入\","
        "\"commitment\":\"\",\"cue\":\"\",\"stage\":\"numbers\"}\n"
        "{\"doc\":\"r/\\\"d\\\".txt\",\"mention\":2,\"sentence\":1,\"start\":13,"
        "\"end\":16,\"text\":\"=5%\",\"value\":5,\"value_max\":6.5,"
        "\"unit\":\"%\",\"kind\":\"percent\",\"qualifier\":\"以上\","
        "\"dimension\":\"\",\"si_value\":null,\"si_unit\":\"\","
        "\"role\":\"target\",\"indicator\":\"收入\",\"commitment\":\"soft\","
        "\"cue\":\"力争\",\"stage\":\"numbers\"}\n"
        "{\"doc\":\"r/\\\"d\\\".txt\",\"mention\":3,\"sentence\":null,"
        "\"start\":6,\"end\":16,\"text\":\"，\\\"增,长\\\"\\n=5%\","
        "\"value\":-0.3,\"value_max\":null,\"unit\":\"\",\"kind\":\"slogan\","
        "\"qualifier\":\"\",\"dimension\":\"\",\"si_value\":null,"
        "\"si_unit\":\"\",\"role\":\"\",\"indicator\":\"\","
        "\"commitment\":\"\",\"cue\":\"\",\"stage\":\"numbers\"}\n");
    free(rows);
}

static void test_escaping(void **state)
{
    (void)state;
    char *rows = run(false, KILN_TABLE_DIAGNOSTICS, "a\\b");
    assert_string_equal(rows,
                        "{\"doc\":\"a\\\\b\",\"start\":13,\"end\":16,"
                        "\"severity\":\"warning\",\"code\":\"unknown-unit\","
                        "\"message\":\"=unknown \\\"担\\\",\\there\\u0001\","
                        "\"stage\":\"units\"}\n");
    free(rows);
    kiln_buf b = {0};
    assert_int_equal(put_string(&b, "\b\f\r\x1f\x7f\xe2\x80\xa8/", 9), 0);
    assert_string_equal(b.data, "\"\\b\\f\\r\\u001f\x7f\xe2\x80\xa8/\"");
    kiln_buf_free(&b);
}

/* CSV rows parsed back with libcsv. */
#define MAX_ROWS 8
typedef struct csv_rows {
    char *cell[MAX_ROWS][KILN_TABLE_MAX_COLUMNS];
    size_t n_cells[MAX_ROWS];
    size_t n_rows;
} csv_rows;

static void on_field(void *p, size_t n, void *data)
{
    csv_rows *r = data;
    assert_true(r->n_rows < MAX_ROWS);
    size_t *k = &r->n_cells[r->n_rows];
    assert_true(*k < KILN_TABLE_MAX_COLUMNS);
    r->cell[r->n_rows][(*k)++] = strndup(p ? p : "", n);
}

static void on_row(int c, void *data)
{
    (void)c;
    ((csv_rows *)data)->n_rows++;
}

static void parse_csv(const char *s, csv_rows *rows)
{
    struct csv_parser p;
    memset(rows, 0, sizeof *rows);
    assert_int_equal(csv_init(&p, CSV_STRICT), 0);
    assert_int_equal(csv_parse(&p, s, strlen(s), on_field, on_row, rows),
                     strlen(s));
    assert_int_equal(csv_fini(&p, on_field, on_row, rows), 0);
    csv_free(&p);
}

/* A JSON value against the CSV text of the same cell. */
static void assert_same(const json_t *v, const char *csv_cell,
                        const char *key)
{
    char *end;
    switch (json_typeof(v)) {
    case JSON_NULL:
        assert_string_equal(csv_cell, "");
        break;
    case JSON_STRING:
        assert_string_equal(json_string_value(v), csv_cell);
        break;
    case JSON_INTEGER:
        assert_true(*csv_cell);
        assert_true(json_integer_value(v) == strtoll(csv_cell, &end, 10));
        assert_true(*end == '\0');
        break;
    case JSON_REAL:
        assert_true(json_real_value(v) == strtod(csv_cell, &end));
        assert_true(*end == '\0');
        break;
    default:
        fail_msg("%s: unexpected JSON type %d", key, (int)json_typeof(v));
    }
}

static void test_jsonl_equals_csv(void **state)
{
    (void)state;
    for (int t = 0; t < KILN_TABLE_COUNT_; t++) {
        char *csv = run(true, (kiln_table_id)t, "x,\"y\"\n");
        char *jsonl = run(false, (kiln_table_id)t, "x,\"y\"\n");
        csv_rows rows;
        parse_csv(csv, &rows);
        size_t n_cols;
        const char *const *cols = kiln_table_columns((kiln_table_id)t, &n_cols);
        size_t line_no = 0;
        for (char *line = jsonl, *nl; *line; line = nl + 1, line_no++) {
            nl = strchr(line, '\n');
            assert_non_null(nl);
            json_error_t jerr;
            json_t *obj = json_loadb(line, (size_t)(nl - line), 0, &jerr);
            if (!obj)
                fail_msg("table %d line %zu: %s", t, line_no, jerr.text);
            assert_true(line_no < rows.n_rows);
            assert_int_equal(json_object_size(obj), n_cols);
            assert_int_equal(rows.n_cells[line_no], n_cols);
            size_t k = 0; /* keys in table order */
            for (void *it = json_object_iter(obj); it;
                 it = json_object_iter_next(obj, it), k++) {
                assert_string_equal(json_object_iter_key(it), cols[k]);
                assert_same(json_object_iter_value(it), rows.cell[line_no][k],
                            cols[k]);
            }
            assert_int_equal(k, n_cols);
            json_decref(obj);
        }
        assert_int_equal(line_no, rows.n_rows);
        assert_true(line_no > 0);
        for (size_t r = 0; r < rows.n_rows; r++)
            for (size_t k = 0; k < rows.n_cells[r]; k++)
                free(rows.cell[r][k]);
        free(csv);
        free(jsonl);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mentions_exact),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_jsonl_equals_csv),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    kiln_buf_free(&fake_output.written);
    return rc;
}
