/* csv.c — the csv stage: one output table as CSV (RFC 4180 quoting).
 *
 * A cell is quoted only when it holds a comma, a double quote, CR or LF
 * (libcsv doubles the quotes), so Python's csv module reads every cell back
 * exactly; rows end with "\n". Each document's rows go into its output
 * buffer, which the runner writes whole and in input order; the optional
 * BOM and the header are written once at init.
 */
#include <csv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kiln/kiln.h"
#include "kiln/table.h"

enum formula_guard { GUARD_AUTO = 0, GUARD_YES, GUARD_NO };

typedef struct csv_options {
    int table;          /* kiln_table_id */
    const char *output;
    bool header;
    bool bom;
    int formula_guard;  /* enum formula_guard */
} csv_options;

static const kiln_option csv_option_table[] = {
    {"table", KILN_OPT_ENUM, "mentions", offsetof(csv_options, table),
     "which table to write", KILN_TABLE_CHOICES},
    {"output", KILN_OPT_STRING, "-", offsetof(csv_options, output),
     "file to write, - for standard output", NULL},
    {"header", KILN_OPT_BOOL, "yes", offsetof(csv_options, header),
     "write the column names as the first row", NULL},
    {"bom", KILN_OPT_BOOL, "no", offsetof(csv_options, bom),
     "start with a UTF-8 byte order mark, so Excel reads the file as UTF-8",
     NULL},
    {"formula_guard", KILN_OPT_ENUM, "auto",
     offsetof(csv_options, formula_guard),
     "put ' before text cells starting with = + - @ TAB CR so spreadsheets "
     "do not run them as formulas (auto: when bom=yes)",
     "auto|yes|no"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

typedef struct csv_state {
    kiln_table_id table;
    kiln_output *out;
    bool guard;
    char *label;
} csv_state;

/* kiln_buf has no reserve call: grow B so that ROOM more bytes fit after
 * its end, by appending filler and dropping it again. */
static int buf_reserve(kiln_buf *b, size_t room)
{
    static const char filler[4096];
    size_t len = b->len;
    while (b->cap <= len || b->cap - len <= room) {
        size_t k = room - (b->len - len);
        if (k > sizeof filler || k == 0)
            k = sizeof filler;
        if (kiln_buf_append(b, filler, k) < 0) {
            b->len = len;
            return -1;
        }
    }
    b->len = len;
    return 0;
}

/* Bytes that make a cell need quotes: , " LF CR. */
static const bool quote_byte[256] = {[','] = true, ['"'] = true,
                                     ['\n'] = true, ['\r'] = true};

static bool needs_quotes(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (quote_byte[(unsigned char)p[i]])
            return true;
    return false;
}

/* Spreadsheets run a cell starting with these as a formula (OWASP CSV
 * injection list). */
static bool formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
           c == '\r';
}

/* Does the cell get a ' in front (the formula guard)? */
static bool guarded(const kiln_cell *c, bool guard)
{
    return guard && c->type == KILN_CELL_TEXT && c->len > 0 &&
           formula_start(c->p[0]);
}

static int put_cell(kiln_buf *b, const kiln_cell *c, bool guard)
{
    bool prefix = guarded(c, guard);
    if (!needs_quotes(c->p, c->len)) {
        if (prefix && kiln_buf_append(b, "'", 1) < 0)
            return -1;
        return kiln_buf_append(b, c->p, c->len);
    }
    if (c->len > (SIZE_MAX - 8) / 2)
        return -1;
    size_t room = 2 * c->len + 3; /* every byte a quote, 2 quotes, ' */
    if (buf_reserve(b, room) < 0)
        return -1;
    char *dest = b->data + b->len;
    size_t n;
    if (prefix) {
        /* libcsv writes the opening quote at dest[1]; it becomes the '. */
        n = csv_write2(dest + 1, room - 1, c->p, c->len, CSV_QUOTE) + 1;
        dest[0] = '"';
        dest[1] = '\'';
    } else {
        n = csv_write2(dest, room, c->p, c->len, CSV_QUOTE);
    }
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

/* Append one row (cells, commas, "\n") to B. */
static int put_row(kiln_buf *b, const kiln_row *row, bool guard)
{
    /* Most rows need no quotes: size the row once and copy its cells
     * straight in, instead of one append per cell and comma. */
    size_t total = row->n + 1;
    for (size_t k = 0; k < row->n; k++) {
        const kiln_cell *c = &row->cell[k];
        if (needs_quotes(c->p, c->len))
            goto slow;
        total += c->len + guarded(c, guard);
    }
    if (buf_reserve(b, total) < 0)
        return -1;
    char *o = b->data + b->len;
    for (size_t k = 0; k < row->n; k++) {
        const kiln_cell *c = &row->cell[k];
        if (k)
            *o++ = ',';
        if (guarded(c, guard))
            *o++ = '\'';
        if (c->len)
            memcpy(o, c->p, c->len);
        o += c->len;
    }
    *o++ = '\n';
    *o = '\0';
    b->len = (size_t)(o - b->data);
    return 0;
slow:
    for (size_t k = 0; k < row->n; k++) {
        if (k && kiln_buf_append(b, ",", 1) < 0)
            return -1;
        if (put_cell(b, &row->cell[k], guard) < 0)
            return -1;
    }
    return kiln_buf_append(b, "\n", 1);
}

static int write_preamble(const csv_state *s, const csv_options *o,
                          kiln_error *err)
{
    kiln_buf b = {0};
    int rc = 0;
    if (o->bom)
        rc |= kiln_buf_append(&b, "\xEF\xBB\xBF", 3);
    if (o->header) {
        size_t n;
        const char *const *names = kiln_table_columns(s->table, &n);
        for (size_t k = 0; k < n; k++) {
            if (k)
                rc |= kiln_buf_append(&b, ",", 1);
            rc |= kiln_buf_puts(&b, names[k]);
        }
        rc |= kiln_buf_append(&b, "\n", 1);
    }
    if (rc < 0)
        rc = kiln_error_set(err, "%s: out of memory", s->label);
    else if (b.len)
        rc = kiln_output_write(s->out, b.data, b.len, err);
    kiln_buf_free(&b);
    return rc;
}

static void cb_fini(void *state)
{
    csv_state *s = state;
    if (!s)
        return;
    free(s->label);
    free(s);
}

static int cb_init(const kiln_config *cfg, void **state, kiln_error *err)
{
    const csv_options *o = cfg->options;
    if ((unsigned)o->table >= KILN_TABLE_COUNT_)
        return kiln_error_set(err, "%s: bad table number %d", cfg->label,
                              o->table);
    csv_state *s = calloc(1, sizeof *s);
    if (!s || !(s->label = strdup(cfg->label))) {
        free(s);
        return kiln_error_set(err, "%s: out of memory", cfg->label);
    }
    s->table = (kiln_table_id)o->table;
    /* The table needs more than `requires` says: checked before any
     * document, so a wrong pipeline fails at once. */
    kiln_config_require(cfg, kiln_table_layers(s->table));
    s->guard = o->formula_guard == GUARD_AUTO ? o->bom
                                              : o->formula_guard == GUARD_YES;
    const char *path = o->output && *o->output ? o->output : "-";
    s->out = kiln_output_open(cfg, path, err);
    if (!s->out || write_preamble(s, o, err) < 0) {
        cb_fini(s);
        return -1;
    }
    *state = s;
    return 0;
}

static int put_state_row(kiln_buf *b, const kiln_row *row, const void *state)
{
    return put_row(b, row, ((const csv_state *)state)->guard);
}

static int cb_process(void *state, kiln_doc *doc, kiln_error *err)
{
    const csv_state *s = state;
    return kiln_table_write(doc, s->table, s->out, s->label, put_state_row, s,
                            err);
}

KILN_STAGE_EXPORT const kiln_stage kiln_stage_csv = {
    KILN_STAGE_HEADER,
    .name = "csv",
    .summary = "write one table (mentions, targets, segments, diagnostics) "
               "as CSV",
    .options = csv_option_table,
    .options_size = sizeof(csv_options),
    .requires = KILN_LAYER_TEXT,
    .provides = 0,
    .init = cb_init,
    .process = cb_process,
    .fini = cb_fini,
};
