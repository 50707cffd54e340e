/* lexicon.c — the indicator lexicon: canonical names and their synonyms. */
#include "targets_internal.h"

#include <stdlib.h>
#include <string.h>

static char *lexicon_dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static int lexicon_add(tg_lexicon *lex, const char *name, const char *canon,
               kiln_error *err)
{
    if (lex->len == lex->cap) {
        size_t cap = lex->cap ? lex->cap * 2 : 64;
        tg_name *n = realloc(lex->items, cap * sizeof *n);
        if (!n)
            return kiln_error_set(err, "out of memory");
        lex->items = n;
        lex->cap = cap;
    }
    tg_name *e = &lex->items[lex->len];
    e->name = lexicon_dup(name);
    e->canon = lexicon_dup(strcmp(canon, "-") == 0 ? "" : canon);
    if (!e->name || !e->canon) {
        free(e->name);
        free(e->canon);
        return kiln_error_set(err, "out of memory");
    }
    lex->len++;
    return 0;
}

static int name_row(void *ctx, const kiln_tsv_row *row, kiln_error *err)
{
    tg_lexicon *lex = ctx;
    const char *canon = row->field[0];
    if (!*canon)
        return kiln_error_set(err, "empty canonical name");
    if (strcmp(canon, "-") != 0 && lexicon_add(lex, canon, canon, err) < 0)
        return -1;
    for (size_t i = 1; i < row->n_fields; i++)
        if (*row->field[i] && lexicon_add(lex, row->field[i], canon, err) < 0)
            return -1;
    return 0;
}

int tg_lexicon_load(tg_lexicon *lex, const char *path, kiln_error *err)
{
    memset(lex, 0, sizeof *lex);
    if (kiln_tsv_read(path, name_row, lex, err) < 0) {
        tg_lexicon_free(lex);
        return -1;
    }
    return 0;
}

void tg_lexicon_free(tg_lexicon *lex)
{
    for (size_t i = 0; i < lex->len; i++) {
        free(lex->items[i].name);
        free(lex->items[i].canon);
    }
    free(lex->items);
    memset(lex, 0, sizeof *lex);
}

const char *tg_lexicon_canon(const tg_lexicon *lex, const char *name,
                             size_t len)
{
    for (size_t i = 0; i < lex->len; i++)
        if (strlen(lex->items[i].name) == len &&
            memcmp(lex->items[i].name, name, len) == 0)
            return lex->items[i].canon;
    return NULL;
}
