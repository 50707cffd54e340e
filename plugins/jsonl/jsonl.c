/* jsonl.c — the jsonl stage: one output table as JSON Lines.
 *
 * One object a line, with the fields of kiln/table.h in table order: the
 * same names and values as the csv stage. Numbers are JSON numbers, empty
 * cells null, text a JSON string (quotes, backslashes and control
 * characters escaped; UTF-8 passed through).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kiln/kiln.h"
#include "kiln/table.h"

typedef struct jsonl_options {
    int table; /* kiln_table_id */
    const char *output;
} jsonl_options;

static const kiln_option jsonl_option_table[] = {
    {"table", KILN_OPT_ENUM, "mentions", offsetof(jsonl_options, table),
     "which table to write", KILN_TABLE_CHOICES},
    {"output", KILN_OPT_STRING, "-", offsetof(jsonl_options, output),
     "file to write, - for standard output", NULL},
    {NULL, 0, NULL, 0, NULL, NULL},
};

typedef struct jsonl_state {
    kiln_table_id table;
    kiln_output *out;
    char *label;
    /* `{"doc":` then `,"mention":` ...: each key with what goes before it,
     * made once at init. */
    char *keys;
    size_t key_off[KILN_TABLE_MAX_COLUMNS + 1];
} jsonl_state;

/* Append P[0..N) as a JSON string: runs that need no escape are copied in
 * one go. */
static int put_string(kiln_buf *b, const char *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    if (kiln_buf_append(b, "\"", 1) < 0)
        return -1;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        char esc[6] = {'\\', 0};
        size_t len = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            len = 6;
        }
        if (kiln_buf_append(b, p + run, i - run) < 0 ||
            kiln_buf_append(b, esc, len) < 0)
            return -1;
        run = i + 1;
    }
    if (kiln_buf_append(b, p + run, n - run) < 0)
        return -1;
    return kiln_buf_append(b, "\"", 1);
}

static int put_row(kiln_buf *b, const jsonl_state *s, const kiln_row *row)
{
    for (size_t k = 0; k < row->n; k++) {
        const kiln_cell *c = &row->cell[k];
        if (kiln_buf_append(b, s->keys + s->key_off[k],
                            s->key_off[k + 1] - s->key_off[k]) < 0)
            return -1;
        int rc;
        switch (c->type) {
        case KILN_CELL_NUMBER: rc = kiln_buf_append(b, c->p, c->len); break;
        case KILN_CELL_TEXT: rc = put_string(b, c->p, c->len); break;
        default: rc = kiln_buf_append(b, "null", 4); break;
        }
        if (rc < 0)
            return -1;
    }
    return kiln_buf_append(b, row->n ? "}\n" : "{}\n", row->n ? 2 : 3);
}

static void cb_fini(void *state)
{
    jsonl_state *s = state;
    if (!s)
        return;
    free(s->keys);
    free(s->label);
    free(s);
}

/* Make the key prefixes: `{"doc":`, `,"mention":`, ... */
static int make_keys(jsonl_state *s)
{
    size_t n;
    const char *const *names = kiln_table_columns(s->table, &n);
    kiln_buf b = {0};
    int rc = 0;
    for (size_t k = 0; k < n; k++) {
        s->key_off[k] = b.len;
        rc |= kiln_buf_append(&b, k ? "," : "{", 1);
        rc |= put_string(&b, names[k], strlen(names[k]));
        rc |= kiln_buf_append(&b, ":", 1);
    }
    s->key_off[n] = b.len;
    if (rc < 0) {
        kiln_buf_free(&b);
        return -1;
    }
    s->keys = b.data;
    return 0;
}

static int cb_init(const kiln_config *cfg, void **state, kiln_error *err)
{
    const jsonl_options *o = cfg->options;
    if ((unsigned)o->table >= KILN_TABLE_COUNT_)
        return kiln_error_set(err, "%s: bad table number %d", cfg->label,
                              o->table);
    jsonl_state *s = calloc(1, sizeof *s);
    if (!s || !(s->label = strdup(cfg->label))) {
        free(s);
        return kiln_error_set(err, "%s: out of memory", cfg->label);
    }
    s->table = (kiln_table_id)o->table;
    /* The table needs more than `requires` says: checked before any
     * document, so a wrong pipeline fails at once. */
    kiln_config_require(cfg, kiln_table_layers(s->table));
    if (make_keys(s) < 0) {
        cb_fini(s);
        return kiln_error_set(err, "%s: out of memory", cfg->label);
    }
    const char *path = o->output && *o->output ? o->output : "-";
    s->out = kiln_output_open(cfg, path, err);
    if (!s->out) {
        cb_fini(s);
        return -1;
    }
    *state = s;
    return 0;
}

static int put_state_row(kiln_buf *b, const kiln_row *row, const void *state)
{
    return put_row(b, state, row);
}

static int cb_process(void *state, kiln_doc *doc, kiln_error *err)
{
    const jsonl_state *s = state;
    return kiln_table_write(doc, s->table, s->out, s->label, put_state_row, s,
                            err);
}

KILN_STAGE_EXPORT const kiln_stage kiln_stage_jsonl = {
    KILN_STAGE_HEADER,
    .name = "jsonl",
    .summary = "write one table (mentions, targets, segments, diagnostics) "
               "as JSON Lines",
    .options = jsonl_option_table,
    .options_size = sizeof(jsonl_options),
    .requires = KILN_LAYER_TEXT,
    .provides = 0,
    .init = cb_init,
    .process = cb_process,
    .fini = cb_fini,
};
