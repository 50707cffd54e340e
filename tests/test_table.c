/* test_table.c — the shared output tables: columns and cells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "exporters_fixture.h"
#include "kiln/table.h"

static void assert_columns(kiln_table_id t, const char *const *want,
                           size_t n_want)
{
    size_t n;
    const char *const *got = kiln_table_columns(t, &n);
    assert_int_equal(n, n_want);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(got[i], want[i]);
}

static void test_columns(void **state)
{
    (void)state;
    /* DESIGN.md's mentions order, then the appended columns. */
    static const char *const mentions[] = {
        "doc", "mention", "sentence", "start", "end", "text", "value",
        "value_max", "unit", "kind", "qualifier", "dimension", "si_value",
        "si_unit", "role", "indicator", "commitment", "cue", "stage"};
    static const char *const targets[] = {
        "doc", "indicator", "unit", "baseline_text", "baseline_value",
        "baseline_start", "target_text", "target_value", "target_start",
        "qualifier", "horizon_years", "progress", "gap",
        "required_annual_growth", "diagnostics", "commitment", "cue",
        "stage"};
    static const char *const segments[] = {
        "doc", "index", "kind", "start", "end", "text", "parent",
        "sentence", "stage"};
    static const char *const diagnostics[] = {
        "doc", "start", "end", "severity", "code", "message", "stage"};
    assert_columns(KILN_TABLE_MENTIONS, mentions, 19);
    assert_columns(KILN_TABLE_TARGETS, targets, 18);
    assert_columns(KILN_TABLE_SEGMENTS, segments, 9);
    assert_columns(KILN_TABLE_DIAGNOSTICS, diagnostics, 7);
    size_t n;
    assert_null(kiln_table_columns(KILN_TABLE_COUNT_, &n));
    assert_int_equal(n, 0);
    /* The choices string follows the enum. */
    assert_string_equal(KILN_TABLE_CHOICES,
                        "segments|mentions|targets|diagnostics");
    assert_string_equal(kiln_table_name(KILN_TABLE_TARGETS), "targets");
}

/* Check cell COL of ROW: its type and, unless empty, its text. */
static void assert_cell(const kiln_row *row, size_t col, kiln_cell_type type,
                        const char *text)
{
    assert_true(col < row->n);
    const kiln_cell *c = &row->cell[col];
    if (c->type != type)
        fail_msg("column %zu: type %d, expected %d", col, (int)c->type,
                 (int)type);
    if (type == KILN_CELL_EMPTY) {
        assert_int_equal(c->len, 0);
        return;
    }
    if (c->len != strlen(text) || memcmp(c->p, text, c->len) != 0)
        fail_msg("column %zu: '%.*s', expected '%s'", col, (int)c->len, c->p,
                 text);
}

#define T KILN_CELL_TEXT
#define N KILN_CELL_NUMBER
#define E KILN_CELL_EMPTY

static void test_mention_cells(void **state)
{
    (void)state;
    kiln_doc *d = fixture_doc("r/doc.txt");
    kiln_row row;
    assert_int_equal(kiln_table_row_count(d, KILN_TABLE_MENTIONS), 3);

    kiln_table_row(d, KILN_TABLE_MENTIONS, 0, &row);
    assert_int_equal(row.n, 19);
    assert_cell(&row, 0, T, "r/doc.txt");
    assert_cell(&row, 1, N, "1");
    assert_cell(&row, 2, N, "1");
    assert_cell(&row, 3, N, "2");  /* after 收入 */
    assert_cell(&row, 4, N, "6");
    assert_cell(&row, 5, T, "１２亿元"); /* the original, not the text */
    assert_cell(&row, 6, N, "1200000000");
    assert_cell(&row, 7, E, NULL);
    assert_cell(&row, 8, T, "元");
    assert_cell(&row, 9, T, "amount");
    assert_cell(&row, 10, T, "");
    assert_cell(&row, 11, T, "money");
    assert_cell(&row, 12, N, "1200000000");
    assert_cell(&row, 13, T, "CNY");
    assert_cell(&row, 14, T, "achieved");
    assert_cell(&row, 15, T, "收入");
    assert_cell(&row, 16, T, "");
    assert_cell(&row, 17, T, "");
    assert_cell(&row, 18, T, "numbers");

    kiln_table_row(d, KILN_TABLE_MENTIONS, 1, &row);
    assert_cell(&row, 3, N, "13"); /* after the deleted newline */
    assert_cell(&row, 4, N, "16");
    assert_cell(&row, 5, T, "=5%");
    assert_cell(&row, 6, N, "5");
    assert_cell(&row, 7, N, "6.5");
    assert_cell(&row, 10, T, "以上");
    assert_cell(&row, 11, T, "");
    assert_cell(&row, 12, E, NULL); /* no unit conversion */
    assert_cell(&row, 14, T, "target");
    assert_cell(&row, 16, T, "soft");
    assert_cell(&row, 17, T, "力争");

    kiln_table_row(d, KILN_TABLE_MENTIONS, 2, &row);
    assert_cell(&row, 2, E, NULL); /* no sentence */
    assert_cell(&row, 3, N, "6");
    assert_cell(&row, 4, N, "16");
    assert_cell(&row, 5, T, "，\"增,长\"\n=5%"); /* keeps the newline */
    assert_cell(&row, 6, N, "-0.3");
    assert_cell(&row, 9, T, "slogan");
    assert_cell(&row, 14, T, ""); /* no role decided */

    kiln_table_row(d, KILN_TABLE_MENTIONS, 3, &row); /* past the end */
    assert_int_equal(row.n, 0);
    kiln_doc_free(d);
}

static void test_segment_cells(void **state)
{
    (void)state;
    kiln_doc *d = fixture_doc("doc");
    kiln_row row;
    kiln_table_row(d, KILN_TABLE_SEGMENTS, 0, &row);
    assert_cell(&row, 1, N, "1");
    assert_cell(&row, 2, T, "paragraph");
    assert_cell(&row, 3, N, "0");
    assert_cell(&row, 4, N, "17");
    assert_cell(&row, 5, T, FIXTURE_ORIGINAL);
    assert_cell(&row, 6, E, NULL);
    assert_cell(&row, 7, E, NULL);
    assert_cell(&row, 8, T, "segment");
    kiln_table_row(d, KILN_TABLE_SEGMENTS, 3, &row);
    assert_cell(&row, 1, N, "4");
    assert_cell(&row, 2, T, "clause");
    assert_cell(&row, 3, N, "6");
    assert_cell(&row, 4, N, "17");
    assert_cell(&row, 5, T, "，\"增,长\"\n=5%。");
    assert_cell(&row, 6, N, "2"); /* 1-based, the sentence */
    assert_cell(&row, 7, N, "1");
    kiln_doc_free(d);
}

static void test_target_cells(void **state)
{
    (void)state;
    kiln_doc *d = fixture_doc("doc");
    kiln_row row;
    kiln_table_row(d, KILN_TABLE_TARGETS, 0, &row);
    assert_int_equal(row.n, 18);
    assert_cell(&row, 1, T, "收入");
    assert_cell(&row, 2, T, "元");
    assert_cell(&row, 3, T, "１２亿元");
    assert_cell(&row, 4, N, "1200000000");
    assert_cell(&row, 5, N, "2");
    assert_cell(&row, 6, T, "=5%");
    assert_cell(&row, 7, N, "5");
    assert_cell(&row, 8, N, "13");
    assert_cell(&row, 9, T, "");
    assert_cell(&row, 10, N, "5");
    assert_cell(&row, 11, N, "0.5");
    assert_cell(&row, 12, N, "3.5");
    assert_cell(&row, 13, N, "0.1");
    assert_cell(&row, 14, T, "");
    assert_cell(&row, 15, T, "hard");
    assert_cell(&row, 16, T, "确保");
    assert_cell(&row, 17, T, "targets");
    kiln_table_row(d, KILN_TABLE_TARGETS, 1, &row);
    assert_cell(&row, 3, E, NULL); /* no baseline */
    assert_cell(&row, 4, E, NULL);
    assert_cell(&row, 5, E, NULL);
    assert_cell(&row, 6, T, "=5%");
    assert_cell(&row, 10, E, NULL);
    assert_cell(&row, 11, E, NULL);
    assert_cell(&row, 12, E, NULL);
    assert_cell(&row, 13, E, NULL);
    assert_cell(&row, 14, T, "no baseline");
    kiln_doc_free(d);
}

static void test_diagnostic_cells(void **state)
{
    (void)state;
    kiln_doc *d = fixture_doc("doc");
    kiln_row row;
    assert_int_equal(kiln_table_row_count(d, KILN_TABLE_DIAGNOSTICS), 1);
    kiln_table_row(d, KILN_TABLE_DIAGNOSTICS, 0, &row);
    assert_int_equal(row.n, 7);
    assert_cell(&row, 1, N, "13");
    assert_cell(&row, 2, N, "16");
    assert_cell(&row, 3, T, "warning");
    assert_cell(&row, 4, T, "unknown-unit");
    assert_cell(&row, 5, T, "=unknown \"担\",\there\x01");
    assert_cell(&row, 6, T, "units");
    kiln_doc_free(d);
}

/* Code point I of a UTF-8 string, as a byte offset. */
static size_t cp_to_byte(const char *s, size_t cp)
{
    size_t b = 0;
    while (cp--) {
        uint32_t c;
        b += kiln_utf8_decode(s + b, strlen(s + b), &c);
    }
    return b;
}

/* The Python property: original[start:end] == text, for every row. */
static void test_spans_slice_original(void **state)
{
    (void)state;
    kiln_doc *d = fixture_doc("doc");
    static const kiln_table_id tables[] = {KILN_TABLE_SEGMENTS,
                                           KILN_TABLE_MENTIONS};
    for (size_t t = 0; t < 2; t++) {
        size_t rows = kiln_table_row_count(d, tables[t]);
        assert_true(rows > 0);
        for (size_t i = 0; i < rows; i++) {
            kiln_row row;
            kiln_table_row(d, tables[t], i, &row);
            size_t start = strtoul(row.cell[3].p, NULL, 10);
            size_t end = strtoul(row.cell[4].p, NULL, 10);
            size_t a = cp_to_byte(d->original, start);
            size_t b = cp_to_byte(d->original, end);
            assert_int_equal(row.cell[5].len, b - a);
            assert_memory_equal(row.cell[5].p, d->original + a, b - a);
        }
    }
    kiln_doc_free(d);
}

static void test_numbers(void **state)
{
    (void)state;
    kiln_doc *d = fixture_doc("doc");
    kiln_mention *m = &d->mentions.items[0];
    static const double values[] = {
        0.0, -0.0, 1, -7, 0.1, 1e-7, 123456789012345678.0, 1e18, 9e20,
        1e21, 1e300, -2.5e-300, 0.30000000000000004, 73800000000};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        m->value = values[i];
        kiln_row row;
        kiln_table_row(d, KILN_TABLE_MENTIONS, 0, &row);
        char want[32];
        kiln_format_double(want, values[i]);
        assert_cell(&row, 6, N, want);
        assert_true(strtod(want, NULL) == values[i]);
    }
    m->value = NAN;
    kiln_row row;
    kiln_table_row(d, KILN_TABLE_MENTIONS, 0, &row);
    assert_cell(&row, 6, E, NULL);
    m->value = -INFINITY;
    kiln_table_row(d, KILN_TABLE_MENTIONS, 0, &row);
    assert_cell(&row, 6, E, NULL);
    kiln_doc_free(d);
}

static void test_check_layers(void **state)
{
    (void)state;
    kiln_doc *d = fixture_doc("doc");
    kiln_error err = {{0}};
    assert_int_equal(kiln_table_check(d, KILN_TABLE_MENTIONS, "csv", &err), 0);
    d->layers &= ~(uint32_t)KILN_LAYER_MENTIONS;
    assert_int_equal(kiln_table_check(d, KILN_TABLE_MENTIONS, "csv", &err),
                     -1);
    assert_string_equal(err.message,
                        "csv table=mentions needs the numbers stage before it");
    d->layers &= ~(uint32_t)KILN_LAYER_COMPARISONS;
    assert_int_equal(
        kiln_table_check(d, KILN_TABLE_TARGETS, "jsonl:t", &err), -1);
    assert_string_equal(err.message,
                        "jsonl:t table=targets needs the targets stage before it");
    assert_int_equal(kiln_table_check(d, KILN_TABLE_DIAGNOSTICS, "c", &err),
                     0);
    kiln_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_mention_cells),
        cmocka_unit_test(test_segment_cells),
        cmocka_unit_test(test_target_cells),
        cmocka_unit_test(test_diagnostic_cells),
        cmocka_unit_test(test_spans_slice_original),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_check_layers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
