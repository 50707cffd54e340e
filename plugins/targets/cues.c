/* cues.c — the cue lexicon: words that decide a role, open a section, or
 * are trimmed from indicator names. */
#include "targets_internal.h"

#include <stdlib.h>
#include <string.h>

static int parse_class(const char *s, tg_cue_class *out)
{
    static const char *const names[] = {"target", "achieved", "strip",
                                        "action", "growth"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (tg_cue_class)i;
            return 0;
        }
    return -1;
}

static int parse_strength(const char *s, tg_strength *out)
{
    if (strcmp(s, "-") == 0 || *s == '\0')
        *out = TG_STRENGTH_NONE;
    else if (strcmp(s, "strong") == 0)
        *out = TG_STRENGTH_STRONG;
    else if (strcmp(s, "weak") == 0)
        *out = TG_STRENGTH_WEAK;
    else if (strcmp(s, "section") == 0)
        *out = TG_STRENGTH_SECTION;
    else
        return -1;
    return 0;
}

static int parse_commitment(const char *s, kiln_commitment *out)
{
    if (strcmp(s, "-") == 0 || *s == '\0')
        *out = KILN_COMMIT_NONE;
    else if (strcmp(s, "hard") == 0)
        *out = KILN_COMMIT_HARD;
    else if (strcmp(s, "soft") == 0)
        *out = KILN_COMMIT_SOFT;
    else
        return -1;
    return 0;
}

static int cue_row(void *ctx, const kiln_tsv_row *row, kiln_error *err)
{
    tg_cues *cues = ctx;
    tg_cue c = {0};
    if (row->n_fields < 2 || !*row->field[0])
        return kiln_error_set(err, "expected: word<TAB>class[<TAB>strength"
                                   "<TAB>commitment]");
    if (parse_class(row->field[1], &c.cls) < 0)
        return kiln_error_set(err, "unknown cue class '%s' (target, "
                                   "achieved, strip, action, growth)",
                              row->field[1]);
    if (parse_strength(row->n_fields > 2 ? row->field[2] : "-",
                       &c.strength) < 0)
        return kiln_error_set(err, "unknown strength '%s' (strong, weak, "
                                   "section, -)", row->field[2]);
    if (parse_commitment(row->n_fields > 3 ? row->field[3] : "-",
                         &c.commitment) < 0)
        return kiln_error_set(err, "unknown commitment '%s' (hard, soft, -)",
                              row->field[3]);
    if ((c.cls == TG_CUE_TARGET || c.cls == TG_CUE_ACHIEVED) &&
        c.strength == TG_STRENGTH_NONE)
        return kiln_error_set(err, "cue '%s' of class %s needs a strength",
                              row->field[0], row->field[1]);
    if (cues->len == cues->cap) {
        size_t cap = cues->cap ? cues->cap * 2 : 64;
        tg_cue *n = realloc(cues->items, cap * sizeof *n);
        if (!n)
            return kiln_error_set(err, "out of memory");
        cues->items = n;
        cues->cap = cap;
    }
    c.len = strlen(row->field[0]);
    c.word = malloc(c.len + 1);
    if (!c.word)
        return kiln_error_set(err, "out of memory");
    memcpy(c.word, row->field[0], c.len + 1);
    cues->items[cues->len++] = c;
    return 0;
}

int tg_cues_load(tg_cues *cues, const char *path, kiln_error *err)
{
    memset(cues, 0, sizeof *cues);
    if (kiln_tsv_read(path, cue_row, cues, err) < 0) {
        tg_cues_free(cues);
        return -1;
    }
    return 0;
}

void tg_cues_free(tg_cues *cues)
{
    for (size_t i = 0; i < cues->len; i++)
        free(cues->items[i].word);
    free(cues->items);
    memset(cues, 0, sizeof *cues);
}

/* A few hundred words: a linear scan is fast enough and keeps it simple. */
const tg_cue *tg_cue_at(const tg_cues *cues, const char *s, size_t len)
{
    const tg_cue *best = NULL;
    for (size_t i = 0; i < cues->len; i++) {
        const tg_cue *c = &cues->items[i];
        if (c->len <= len && memcmp(s, c->word, c->len) == 0 &&
            (!best || c->len > best->len))
            best = c;
    }
    return best;
}

const tg_cue *tg_cue_ending(const tg_cues *cues, const char *s, size_t len)
{
    const tg_cue *best = NULL;
    for (size_t i = 0; i < cues->len; i++) {
        const tg_cue *c = &cues->items[i];
        if (c->len <= len && memcmp(s + len - c->len, c->word, c->len) == 0 &&
            (!best || c->len > best->len))
            best = c;
    }
    return best;
}
