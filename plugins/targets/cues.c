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

/* The lookups hash one character (the first or the last of a word) into
 * this many buckets: a position in the text is compared with the few cues
 * sharing its character, not with every cue. */
#define CUE_BUCKETS 1024u

static uint32_t char_bucket(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h & (CUE_BUCKETS - 1);
}

/* Bytes of the first character of S (at most LEN). */
static size_t first_char_len(const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[0];
    size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return n < len ? n : len;
}

/* Bytes of the last character of S[0..LEN). */
static size_t last_char_len(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0 && len - i < 4) {
        i--;
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            break;
    }
    return len - i;
}

/* Counting sort of the cue numbers by bucket (stable: file order kept). */
static int build_buckets(const tg_cues *cues, bool last, uint32_t **start_out,
                         uint32_t **items_out)
{
    uint32_t *start = calloc(CUE_BUCKETS + 1, sizeof *start);
    uint32_t *items = malloc((cues->len ? cues->len : 1) * sizeof *items);
    if (!start || !items) {
        free(start);
        free(items);
        return -1;
    }
    uint32_t *keys = malloc((cues->len ? cues->len : 1) * sizeof *keys);
    if (!keys) {
        free(start);
        free(items);
        return -1;
    }
    for (size_t i = 0; i < cues->len; i++) {
        const tg_cue *c = &cues->items[i];
        size_t n = last ? last_char_len(c->word, c->len)
                        : first_char_len(c->word, c->len);
        keys[i] = char_bucket(last ? c->word + c->len - n : c->word, n);
        start[keys[i] + 1]++;
    }
    for (size_t k = 0; k < CUE_BUCKETS; k++)
        start[k + 1] += start[k];
    uint32_t *fill = calloc(CUE_BUCKETS, sizeof *fill);
    if (!fill) {
        free(keys);
        free(start);
        free(items);
        return -1;
    }
    for (size_t i = 0; i < cues->len; i++)
        items[start[keys[i]] + fill[keys[i]]++] = (uint32_t)i;
    free(fill);
    free(keys);
    *start_out = start;
    *items_out = items;
    return 0;
}

/* 16 bits from six bytes (two CJK characters): their low bits mixed. */
static unsigned pair_key(const unsigned char *u)
{
    return ((unsigned)(u[1] & 0x3F) << 10 ^ (unsigned)(u[2] & 0x3F) << 4 ^
            (unsigned)(u[4] & 0x3F) << 6 ^ (unsigned)(u[5] & 0x3F) ^
            (unsigned)u[0] << 8 ^ (unsigned)u[3]) & 0xFFFF;
}

/* The section_pairs filter; left NULL when a section word has fewer than
 * six bytes or does not open with a three-byte character (the scan looks
 * only where one starts). */
static int build_section_pairs(tg_cues *cues)
{
    for (size_t i = 0; i < cues->len; i++)
        if (cues->items[i].strength == TG_STRENGTH_SECTION &&
            (cues->items[i].len < 6 ||
             ((unsigned char)cues->items[i].word[0] & 0xF0) != 0xE0))
            return 0;
    cues->section_pairs = calloc(0x10000 / 8, 1);
    if (!cues->section_pairs)
        return -1;
    for (size_t i = 0; i < cues->len; i++) {
        const tg_cue *c = &cues->items[i];
        if (c->strength != TG_STRENGTH_SECTION)
            continue;
        unsigned k = pair_key((const unsigned char *)c->word);
        cues->section_pairs[k >> 3] |= (uint8_t)(1u << (k & 7));
    }
    return 0;
}

bool tg_cues_may_hold_section(const tg_cues *cues, const char *s, size_t len)
{
    if (!cues->section_pairs)
        return true;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i + 6 <= len; i++) {
        if ((u[i] & 0xF0) != 0xE0)
            continue;
        unsigned k = pair_key(u + i);
        if (cues->section_pairs[k >> 3] & (1u << (k & 7)))
            return true;
    }
    return false;
}

int tg_cues_load(tg_cues *cues, const char *path, kiln_error *err)
{
    memset(cues, 0, sizeof *cues);
    if (kiln_tsv_read(path, cue_row, cues, err) < 0) {
        tg_cues_free(cues);
        return -1;
    }
    if (build_buckets(cues, false, &cues->first_start, &cues->first_items) < 0 ||
        build_buckets(cues, true, &cues->last_start, &cues->last_items) < 0 ||
        build_section_pairs(cues) < 0) {
        tg_cues_free(cues);
        return kiln_error_set(err, "out of memory");
    }
    return 0;
}

void tg_cues_free(tg_cues *cues)
{
    for (size_t i = 0; i < cues->len; i++)
        free(cues->items[i].word);
    free(cues->items);
    free(cues->first_start);
    free(cues->first_items);
    free(cues->last_start);
    free(cues->last_items);
    free(cues->section_pairs);
    memset(cues, 0, sizeof *cues);
}

/* The longest cue starting at S (the first in file order among equals). */
const tg_cue *tg_cue_at(const tg_cues *cues, const char *s, size_t len)
{
    if (len == 0 || !cues->first_start)
        return NULL;
    uint32_t k = char_bucket(s, first_char_len(s, len));
    const tg_cue *best = NULL;
    for (uint32_t j = cues->first_start[k]; j < cues->first_start[k + 1]; j++) {
        const tg_cue *c = &cues->items[cues->first_items[j]];
        if (c->len <= len && (!best || c->len > best->len) &&
            memcmp(s, c->word, c->len) == 0)
            best = c;
    }
    return best;
}

/* The longest cue ending at S + LEN (the first in file order among
 * equals). */
const tg_cue *tg_cue_ending(const tg_cues *cues, const char *s, size_t len)
{
    if (len == 0 || !cues->last_start)
        return NULL;
    size_t n = last_char_len(s, len);
    uint32_t k = char_bucket(s + len - n, n);
    const tg_cue *best = NULL;
    for (uint32_t j = cues->last_start[k]; j < cues->last_start[k + 1]; j++) {
        const tg_cue *c = &cues->items[cues->last_items[j]];
        if (c->len <= len && (!best || c->len > best->len) &&
            memcmp(s + len - c->len, c->word, c->len) == 0)
            best = c;
    }
    return best;
}
