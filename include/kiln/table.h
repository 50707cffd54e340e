/* kiln/table.h — the output tables, defined once for every exporter.
 *
 * An exporter (csv, jsonl, ...) never reads document records itself: it
 * asks this module for a table's column names and, row by row, for each
 * cell as text plus a type. So every format carries the same fields, in
 * the same order, with the same values, and cannot drift.
 *
 * Cells:
 *   - spans are code-point offsets into the original document, and a
 *     `text` cell is the original bytes of its span (kiln_doc_span_out), so
 *     that in Python original[start:end] == text;
 *   - numbers are formatted with kiln_format_double (integers exactly);
 *     a value that is not set (value_max without a range, si_value without
 *     a unit conversion, a missing baseline) is an EMPTY cell, which CSV
 *     writes as an empty field and JSON as null; NaN and infinities are
 *     EMPTY too;
 *   - text fields a stage left unset are TEXT cells of length 0 (role "",
 *     qualifier "").
 * Filling a row allocates nothing: text cells point into the document,
 * formatted numbers into the kiln_row the caller provides.
 *
 * Columns, in order (DESIGN.md's order; the columns after it are
 * appended at the end so that readers by position stay valid):
 *   segments:    doc, index, kind, start, end, text | parent, sentence, stage
 *   mentions:    doc, mention, sentence, start, end, text, value,
 *                value_max, unit, kind, qualifier, dimension, si_value,
 *                si_unit, role, indicator | commitment, cue, stage
 *   targets:     doc, indicator, unit, baseline_text, baseline_value,
 *                baseline_start, target_text, target_value, target_start,
 *                qualifier, horizon_years, progress, gap,
 *                required_annual_growth, diagnostics | commitment, cue, stage
 *   diagnostics: doc, start, end, severity, code, message, stage
 * Indices (index, mention, parent, sentence) are 1-based.
 */
#ifndef KILN_TABLE_H
#define KILN_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "kiln/doc.h"
#include "kiln/error.h"
#include "kiln/stage.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kiln_table_id {
    KILN_TABLE_SEGMENTS = 0,
    KILN_TABLE_MENTIONS,
    KILN_TABLE_TARGETS,
    KILN_TABLE_DIAGNOSTICS,
    KILN_TABLE_COUNT_ /* number of tables, not a table */
} kiln_table_id;

/* The table names in enum order, as a KILN_OPT_ENUM choices string: an
 * exporter's `table` option stores the kiln_table_id directly. */
#define KILN_TABLE_CHOICES "segments|mentions|targets|diagnostics"

typedef enum kiln_cell_type {
    KILN_CELL_EMPTY = 0, /* no value: "" in CSV, null in JSON */
    KILN_CELL_TEXT,      /* a string (possibly of length 0) */
    KILN_CELL_NUMBER     /* a number, as kiln_format_double writes it */
} kiln_cell_type;

typedef struct kiln_cell {
    const char *p; /* not NUL-terminated; valid while the row and the
                      document are */
    size_t len;
    kiln_cell_type type;
} kiln_cell;

/* More than any table has. */
#define KILN_TABLE_MAX_COLUMNS 24

/* One row: its cells and the room their formatted numbers live in. Keep
 * one on the stack and reuse it for every row. */
typedef struct kiln_row {
    size_t n;                                 /* number of cells */
    kiln_cell cell[KILN_TABLE_MAX_COLUMNS];
    char num[KILN_TABLE_MAX_COLUMNS][32];     /* number text, per column */
} kiln_row;

/* "mentions" etc.; "" for an invalid id. */
const char *kiln_table_name(kiln_table_id table);

/* The column names of TABLE, in output order; *N receives their count.
 * NULL (and *N = 0) for an invalid id. */
const char *const *kiln_table_columns(kiln_table_id table, size_t *n);

/* Document layers TABLE is made from (KILN_LAYER_MENTIONS for mentions). */
uint32_t kiln_table_layers(kiln_table_id table);

/* Check that DOC carries the layers TABLE needs. Returns 0, or -1 with
 * "LABEL table=NAME needs the STAGE stage before it" in ERR. */
int kiln_table_check(const kiln_doc *doc, kiln_table_id table,
                     const char *label, kiln_error *err);

/* Number of rows of TABLE in DOC. */
size_t kiln_table_row_count(const kiln_doc *doc, kiln_table_id table);

/* Fill ROW with the cells of row I (0-based, below kiln_table_row_count)
 * of TABLE in DOC. Never allocates and never fails. */
void kiln_table_row(const kiln_doc *doc, kiln_table_id table, size_t i,
                    kiln_row *row);

/* Encode one row into B (an exporter's format). Returns 0, or -1 when out
 * of memory. */
typedef int (*kiln_table_put_row)(kiln_buf *b, const kiln_row *row,
                                  const void *ctx);

/* The whole process() of a table exporter: check the layers TABLE needs,
 * then encode every row of DOC with PUT into the document's buffer for OUT.
 * Returns 0, or -1 with ERR naming LABEL. */
int kiln_table_write(kiln_doc *doc, kiln_table_id table, kiln_output *out,
                     const char *label, kiln_table_put_row put,
                     const void *ctx, kiln_error *err);

#ifdef __cplusplus
}
#endif
#endif
