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

/* Order of the lookup keys: by length, then bytes. */
static int cmp_name(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return an < bn ? -1 : 1;
    return memcmp(a, b, an);
}

static int cmp_name_key(const void *pa, const void *pb)
{
    const tg_name_key *a = pa, *b = pb;
    int c = cmp_name(a->name, a->len, b->name, b->len);
    /* equal names: file order */
    return c ? c : (a->entry > b->entry) - (a->entry < b->entry);
}

/* One key per distinct name, with the canon of its first entry and of
 * its first entry that names a quantity. */
static int build_keys(tg_lexicon *lex)
{
    lex->keys = malloc((lex->len ? lex->len : 1) * sizeof *lex->keys);
    if (!lex->keys)
        return -1;
    for (size_t i = 0; i < lex->len; i++)
        lex->keys[i] = (tg_name_key){lex->items[i].name,
                                     strlen(lex->items[i].name),
                                     lex->items[i].canon,
                                     *lex->items[i].canon ? lex->items[i].canon
                                                          : NULL,
                                     i};
    qsort(lex->keys, lex->len, sizeof *lex->keys, cmp_name_key);
    size_t n = 0;
    for (size_t i = 0; i < lex->len; i++) {
        tg_name_key *k = &lex->keys[i];
        if (n && cmp_name(lex->keys[n - 1].name, lex->keys[n - 1].len,
                          k->name, k->len) == 0) {
            if (!lex->keys[n - 1].quantity)
                lex->keys[n - 1].quantity = k->quantity;
            continue;
        }
        lex->keys[n++] = *k;
        if (k->len > lex->max_len)
            lex->max_len = k->len;
    }
    lex->n_keys = n;
    lex->len_start = malloc((lex->max_len + 2) * sizeof *lex->len_start);
    if (!lex->len_start)
        return -1;
    for (size_t len = 0, k = 0; len <= lex->max_len + 1; len++) {
        while (k < n && lex->keys[k].len < len)
            k++;
        lex->len_start[len] = k;
    }
    return 0;
}

int tg_lexicon_load(tg_lexicon *lex, const char *path, kiln_error *err)
{
    memset(lex, 0, sizeof *lex);
    if (kiln_tsv_read(path, name_row, lex, err) < 0) {
        tg_lexicon_free(lex);
        return -1;
    }
    if (build_keys(lex) < 0) {
        tg_lexicon_free(lex);
        return kiln_error_set(err, "out of memory");
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
    free(lex->keys);
    free(lex->len_start);
    memset(lex, 0, sizeof *lex);
}

/* The key of NAME, or NULL. */
static const tg_name_key *find_key(const tg_lexicon *lex, const char *name,
                                   size_t len)
{
    if (!lex->len_start || len > lex->max_len)
        return NULL;
    size_t a = lex->len_start[len], b = lex->len_start[len + 1];
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        int c = memcmp(lex->keys[mid].name, name, len);
        if (!c)
            return &lex->keys[mid];
        if (c < 0)
            a = mid + 1;
        else
            b = mid;
    }
    return NULL;
}

const char *tg_lexicon_canon(const tg_lexicon *lex, const char *name,
                             size_t len)
{
    const tg_name_key *k = find_key(lex, name, len);
    return k ? k->canon : NULL;
}

const char *tg_lexicon_quantity(const tg_lexicon *lex, const char *name,
                                size_t len)
{
    const tg_name_key *k = find_key(lex, name, len);
    return k ? k->quantity : NULL;
}
