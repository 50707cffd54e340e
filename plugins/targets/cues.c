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
    if (c.len > cues->max_len)
        cues->max_len = c.len;
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

/* Bytes of a character by its lead byte (1 for a stray byte). */
static size_t lead_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Bytes of the first character of S (at most LEN). */
static size_t first_char_len(const char *s, size_t len)
{
    size_t n = lead_len((unsigned char)s[0]);
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

/* The two bucket indexes: every cue by its first character, and by its
 * last character. */
enum { BY_FIRST, BY_LAST };

/* Bucket of cue C in index WHICH. */
static uint32_t cue_key(const tg_cue *c, int which)
{
    size_t n = which == BY_FIRST ? first_char_len(c->word, c->len)
                                 : last_char_len(c->word, c->len);
    return char_bucket(which == BY_FIRST ? c->word : c->word + c->len - n, n);
}

/* Counting sort of the cue numbers by bucket, longest first within a
 * bucket and file order among equals: the first cue of a bucket that
 * matches is the one to return. */
static int build_buckets(const tg_cues *cues, int which, uint32_t **start_out,
                         uint32_t **items_out)
{
    size_t n_items = cues->len ? cues->len : 1;
    uint32_t *start = calloc(CUE_BUCKETS + 1, sizeof *start);
    uint32_t *items = malloc(n_items * sizeof *items);
    uint32_t *keys = malloc(n_items * sizeof *keys);
    uint32_t *fill = calloc(CUE_BUCKETS, sizeof *fill);
    if (!start || !items || !keys || !fill) {
        free(start);
        free(items);
        free(keys);
        free(fill);
        return -1;
    }
    for (size_t i = 0; i < cues->len; i++) {
        keys[i] = cue_key(&cues->items[i], which);
        start[keys[i] + 1]++;
    }
    for (size_t k = 0; k < CUE_BUCKETS; k++)
        start[k + 1] += start[k];
    for (size_t i = 0; i < cues->len; i++)
        items[start[keys[i]] + fill[keys[i]]++] = (uint32_t)i;
    /* insertion sort of each bucket by length, stable (buckets are tiny) */
    for (size_t k = 0; k < CUE_BUCKETS; k++)
        for (uint32_t j = start[k] + 1; j < start[k + 1]; j++) {
            uint32_t v = items[j], p = j;
            while (p > start[k] &&
                   cues->items[items[p - 1]].len < cues->items[v].len) {
                items[p] = items[p - 1];
                p--;
            }
            items[p] = v;
        }
    free(fill);
    free(keys);
    *start_out = start;
    *items_out = items;
    return 0;
}

static void set_bit(uint8_t *bits, unsigned k)
{
    bits[k >> 3] |= (uint8_t)(1u << (k & 7));
}

/* The filters of tg_cue_at, tg_cue_step and tg_cue_may_end. A cue of
 * three bytes or more that opens (ends) with a three-byte character marks
 * that character's bit (and, opening, its first two characters' pair
 * key, or its code point in first_short when it has fewer than six
 * bytes); any other cue marks its first (last) byte. A cue shorter than
 * three bytes could match inside a character: then the filters pass
 * everything. */
static void fill_filters(tg_cues *cues, bool pass_all)
{
    int bits = pass_all ? 0xFF : 0, flag = pass_all ? 1 : 0;
    memset(cues->first_cp, bits, sizeof cues->first_cp);
    memset(cues->first_short, bits, sizeof cues->first_short);
    memset(cues->first_pairs, bits, sizeof cues->first_pairs);
    memset(cues->last_cp, bits, sizeof cues->last_cp);
    memset(cues->first_other, flag, sizeof cues->first_other);
    memset(cues->last_other, flag, sizeof cues->last_other);
}

static void build_filters(tg_cues *cues)
{
    fill_filters(cues, false);
    for (size_t i = 0; i < cues->len; i++) {
        const tg_cue *c = &cues->items[i];
        const char *w = c->word;
        unsigned cp;
        if (c->len < 3) {
            fill_filters(cues, true);
            return;
        }
        if (tg_cp3(w, &cp)) {
            set_bit(cues->first_cp, cp);
            if (c->len >= 6)
                set_bit(cues->first_pairs,
                        tg_pair_key((const unsigned char *)w));
            else
                set_bit(cues->first_short, cp);
        } else
            cues->first_other[(unsigned char)w[0]] = 1;
        if (tg_cp3(w + c->len - 3, &cp))
            set_bit(cues->last_cp, cp);
        else
            cues->last_other[(unsigned char)w[c->len - 1]] = 1;
    }
}

/* The cp_group index: the cues that open with a three-byte character,
 * grouped by its code point, longest first then in file order. Left NULL
 * when a cue is shorter than three bytes (it could match inside a
 * character: the buckets serve then). */
/* Bytes 3, 4 and 5 of S (its second character, in CJK text) as one
 * number, to compare in one go. */
static uint32_t bytes_3_to_6(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    return (uint32_t)u[3] << 16 | (uint32_t)u[4] << 8 | u[5];
}

/* Three bytes at S (a CJK character) as one number. */
static uint32_t three_bytes(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    return (uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2];
}

/* last_second[j]: bytes len-6 .. len-4 of cue last_items[j] (its last
 * character but one, in CJK text) when it has six bytes or more. */
static int build_last_second(tg_cues *cues)
{
    size_t n = cues->last_start ? cues->last_start[CUE_BUCKETS] : 0;
    cues->last_second = malloc((n ? n : 1) * sizeof *cues->last_second);
    if (!cues->last_second)
        return -1;
    for (size_t j = 0; j < n; j++) {
        const tg_cue *c = &cues->items[cues->last_items[j]];
        cues->last_second[j] = c->len >= 6 ? three_bytes(c->word + c->len - 6)
                                           : 0;
    }
    return 0;
}

static int build_groups(tg_cues *cues)
{
    for (size_t i = 0; i < cues->len; i++)
        if (cues->items[i].len < 3)
            return 0;
    if (cues->len >= 0xFFFF)
        return 0; /* more groups than cp_group can number */
    cues->cp_group = calloc(0x10000, sizeof *cues->cp_group);
    cues->group_start = calloc(cues->len + 1, sizeof *cues->group_start);
    cues->group_items = malloc((cues->len ? cues->len : 1) *
                               sizeof *cues->group_items);
    cues->group_second = malloc((cues->len ? cues->len : 1) *
                                sizeof *cues->group_second);
    uint32_t *group_of = malloc((cues->len ? cues->len : 1) *
                                sizeof *group_of);
    if (!cues->cp_group || !cues->group_start || !cues->group_items ||
        !cues->group_second || !group_of) {
        free(group_of);
        return -1;
    }
    uint32_t n_groups = 0;
    for (size_t i = 0; i < cues->len; i++) {
        unsigned cp;
        group_of[i] = UINT32_MAX;
        if (!tg_cp3(cues->items[i].word, &cp))
            continue;
        if (!cues->cp_group[cp])
            cues->cp_group[cp] = (uint16_t)++n_groups;
        group_of[i] = cues->cp_group[cp] - 1u;
        cues->group_start[group_of[i] + 1]++;
    }
    for (uint32_t g = 0; g < n_groups; g++)
        cues->group_start[g + 1] += cues->group_start[g];
    /* fill each group in file order, then sort it by length (stable) */
    uint32_t *next = calloc(n_groups + 1, sizeof *next);
    if (!next) {
        free(group_of);
        return -1;
    }
    for (size_t i = 0; i < cues->len; i++) {
        uint32_t g = group_of[i];
        if (g != UINT32_MAX)
            cues->group_items[cues->group_start[g] + next[g]++] = (uint32_t)i;
    }
    for (uint32_t g = 0; g < n_groups; g++)
        for (uint32_t j = cues->group_start[g] + 1;
             j < cues->group_start[g + 1]; j++) {
            uint32_t v = cues->group_items[j], p = j;
            while (p > cues->group_start[g] &&
                   cues->items[cues->group_items[p - 1]].len <
                       cues->items[v].len) {
                cues->group_items[p] = cues->group_items[p - 1];
                p--;
            }
            cues->group_items[p] = v;
        }
    for (uint32_t j = 0; j < cues->group_start[n_groups]; j++) {
        const tg_cue *c = &cues->items[cues->group_items[j]];
        cues->group_second[j] = c->len >= 6 ? bytes_3_to_6(c->word) : 0;
    }
    free(next);
    free(group_of);
    return 0;
}

/* The skip table's key: the low six bits of the two bytes at U (a
 * 16 KB table, small enough for the fastest cache; keys that collide
 * only make a skip shorter). */
#define SHIFT_KEYS 0x4000u
static unsigned shift_key(const unsigned char *u)
{
    uint16_t v;
    memcpy(&v, u, 2);
    return v & 0x3F3Fu;
}

/* The first six bytes of S as one number, to compare in one go. */
static uint64_t six_bytes(const char *s)
{
    uint64_t v = 0;
    memcpy(&v, s, 6);
    return v;
}

/* Section words shorter than the scan's window are swept for one by one
 * (a memchr pass each): worth it for a few only. */
#define MAX_SWEPT_SECTIONS 4
/* A window of this many bytes (three CJK characters) lets the scan skip
 * eight bytes at a time. */
#define WIDE_WINDOW 9u

/* The window of the section scan: the length of the shortest section
 * word, or of the shortest one of WIDE_WINDOW bytes or more when at most
 * MAX_SWEPT_SECTIONS words are shorter (they are swept for instead). */
static size_t section_window(const tg_cues *cues)
{
    size_t shortest = SIZE_MAX, shortest_wide = SIZE_MAX, n_narrow = 0;
    for (size_t i = 0; i < cues->len; i++) {
        const tg_cue *c = &cues->items[i];
        if (c->strength != TG_STRENGTH_SECTION)
            continue;
        if (c->len < shortest)
            shortest = c->len;
        if (c->len < WIDE_WINDOW)
            n_narrow++;
        else if (c->len < shortest_wide)
            shortest_wide = c->len;
    }
    size_t w = shortest_wide != SIZE_MAX && n_narrow <= MAX_SWEPT_SECTIONS
                   ? shortest_wide
                   : shortest;
    return w > 64 ? 64 : w; /* any window up to the shortest word works */
}

/* The section search; left empty when a section word has fewer than six
 * bytes or does not open with a three-byte character (the check looks
 * only where one starts). The words of section_window bytes or more are
 * scanned for: section_pairs holds bit tg_pair_key(w) of the first six
 * bytes w of each (a Bloom filter); section_shift is a Wu-Manber skip
 * table on their first section_window bytes: for the two bytes ending a
 * window, how far it may move on before it can hold one's start (0:
 * check it). The shorter words are listed in short_sections. */
static int build_section_filter(tg_cues *cues)
{
    size_t n_words = 0;
    for (size_t i = 0; i < cues->len; i++)
        if (cues->items[i].strength == TG_STRENGTH_SECTION) {
            n_words++;
            if (cues->items[i].len < 6 ||
                ((unsigned char)cues->items[i].word[0] & 0xF0) != 0xE0)
                return 0;
        }
    size_t win = section_window(cues);
    cues->section_pairs = calloc(0x10000 / 8, 1);
    cues->section_shift = malloc(SHIFT_KEYS);
    cues->sections = malloc((n_words ? n_words : 1) * sizeof *cues->sections);
    cues->section_heads = malloc((n_words ? n_words : 1) *
                                 sizeof *cues->section_heads);
    cues->short_sections = malloc((n_words ? n_words : 1) *
                                  sizeof *cues->short_sections);
    if (!cues->section_pairs || !cues->section_shift || !cues->sections ||
        !cues->section_heads || !cues->short_sections)
        return -1;
    cues->section_window = n_words ? win : 1;
    memset(cues->section_shift, (int)(cues->section_window - 1), SHIFT_KEYS);
    for (size_t i = 0; i < cues->len; i++) {
        const tg_cue *c = &cues->items[i];
        if (c->strength != TG_STRENGTH_SECTION)
            continue;
        if (c->len < win) {
            cues->short_sections[cues->n_short_sections++] = (uint32_t)i;
            continue;
        }
        const unsigned char *w = (const unsigned char *)c->word;
        cues->section_heads[cues->n_sections] = six_bytes(c->word);
        cues->sections[cues->n_sections++] = (uint32_t)i;
        set_bit(cues->section_pairs, tg_pair_key(w));
        for (size_t q = 1; q < win; q++) {
            uint8_t *sh = &cues->section_shift[shift_key(w + q - 1)];
            if (*sh > win - 1 - q)
                *sh = (uint8_t)(win - 1 - q);
        }
    }
    return 0;
}

/* Length of the shortest scanned section word at W (N bytes left), or 0
 * when none starts there. */
static size_t section_word_at(const tg_cues *cues, const char *w, size_t n)
{
    uint64_t head = six_bytes(w);
    size_t best = 0;
    for (size_t i = 0; i < cues->n_sections; i++) {
        const tg_cue *c = &cues->items[cues->sections[i]];
        if (cues->section_heads[i] == head && c->len <= n &&
            (!best || c->len < best) &&
            memcmp(w + 6, c->word + 6, c->len - 6) == 0)
            best = c->len;
    }
    return best;
}

/* Report each start of the short section word C in [S + FROM, S + LEN)
 * to HIT, by a memchr sweep for its last byte. */
static void sweep_short_section(const tg_cue *c, const char *s, size_t from,
                                size_t len, tg_section_sink hit, void *ctx)
{
    unsigned char end = (unsigned char)c->word[c->len - 1];
    for (size_t q = from + c->len - 1; q < len;) {
        const char *p = memchr(s + q, end, len - q);
        if (!p)
            break;
        q = (size_t)(p - s);
        size_t start = q + 1 - c->len;
        /* a section word has six bytes or more: those first */
        if (six_bytes(s + start) == six_bytes(c->word) &&
            (c->len == 6 ||
             memcmp(s + start + 6, c->word + 6, c->len - 6) == 0))
            hit(ctx, start, c->len);
        q++;
    }
}

void tg_cues_section_hits(const tg_cues *cues, const char *s, size_t len,
                          tg_section_sink hit, void *ctx)
{
    const unsigned char *u = (const unsigned char *)s;
    const size_t back = cues->section_window - 1;
    /* POS is the last byte of the window [POS - BACK, POS]: a skip never
     * passes a window that holds a scanned word's start. */
    if (cues->n_sections)
        for (size_t pos = back; pos < len;) {
            unsigned sh = cues->section_shift[shift_key(u + pos - 1)];
            if (sh) {
                pos += sh;
                continue;
            }
            const unsigned char *w = u + pos - back;
            size_t n;
            if ((w[0] & 0xF0) == 0xE0 &&
                tg_bit(cues->section_pairs, tg_pair_key(w)) &&
                (n = section_word_at(cues, (const char *)w,
                                     len - (pos - back))) != 0)
                hit(ctx, pos - back, n);
            pos++;
        }
    for (size_t i = 0; i < cues->n_short_sections; i++)
        sweep_short_section(&cues->items[cues->short_sections[i]], s, 0, len,
                            hit, ctx);
}

typedef struct last_hit {
    bool found;
    size_t last;
} last_hit;

static void keep_last(void *ctx, size_t start, size_t len)
{
    last_hit *h = ctx;
    (void)len;
    if (!h->found || start > h->last)
        *h = (last_hit){true, start};
}

bool tg_cues_last_section(const tg_cues *cues, const char *s, size_t len,
                          size_t *last)
{
    if (!cues->section_pairs) {
        *last = len;
        return true;
    }
    last_hit h = {false, 0};
    tg_cues_section_hits(cues, s, len, keep_last, &h);
    if (h.found)
        *last = h.last;
    return h.found;
}

int tg_cues_load(tg_cues *cues, const char *path, kiln_error *err)
{
    memset(cues, 0, sizeof *cues);
    if (kiln_tsv_read(path, cue_row, cues, err) < 0) {
        tg_cues_free(cues);
        return -1;
    }
    if (build_buckets(cues, BY_FIRST, &cues->first_start,
                      &cues->first_items) < 0 ||
        build_buckets(cues, BY_LAST, &cues->last_start,
                      &cues->last_items) < 0 ||
        build_last_second(cues) < 0 || build_groups(cues) < 0 ||
        build_section_filter(cues) < 0) {
        tg_cues_free(cues);
        return kiln_error_set(err, "out of memory");
    }
    build_filters(cues);
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
    free(cues->last_second);
    free(cues->cp_group);
    free(cues->group_start);
    free(cues->group_items);
    free(cues->group_second);
    free(cues->section_pairs);
    free(cues->section_shift);
    free(cues->short_sections);
    free(cues->sections);
    free(cues->section_heads);
    memset(cues, 0, sizeof *cues);
}

/* The first cue of bucket K of START/ITEMS that starts S (LEN bytes). */
static const tg_cue *bucket_match(const tg_cues *cues, const uint32_t *start,
                                  const uint32_t *items, uint32_t k,
                                  const char *s, size_t len)
{
    for (uint32_t j = start[k]; j < start[k + 1]; j++) {
        const tg_cue *c = &cues->items[items[j]];
        if (c->len <= len && memcmp(s, c->word, c->len) == 0)
            return c;
    }
    return NULL;
}

/* The longest cue starting at S (the first in file order among equals). */
const tg_cue *tg_cue_lookup(const tg_cues *cues, const char *s, size_t len)
{
    if (len == 0 || !cues->first_start)
        return NULL;
    return bucket_match(cues, cues->first_start, cues->first_items,
                        char_bucket(s, first_char_len(s, len)), s, len);
}

/* The longest cue starting at S whose first character is the three-byte
 * CP: the first of its group that matches (the first three bytes do). */
const tg_cue *tg_cue_group_lookup(const tg_cues *cues, unsigned cp,
                                  const char *s, size_t len)
{
    uint32_t g = cues->cp_group[cp];
    if (!g--)
        return NULL;
    uint32_t second = len >= 6 ? bytes_3_to_6(s) : 0;
    for (uint32_t j = cues->group_start[g]; j < cues->group_start[g + 1];
         j++) {
        const tg_cue *c = &cues->items[cues->group_items[j]];
        if (c->len > len)
            continue;
        if (c->len >= 6) { /* the second character first: most stop */
            if (cues->group_second[j] == second &&
                (c->len == 6 || memcmp(s + 6, c->word + 6, c->len - 6) == 0))
                return c;
        } else if (memcmp(s + 3, c->word + 3, c->len - 3) == 0)
            return c;
    }
    return NULL;
}

/* The full step of tg_cue_step. */
const tg_cue *tg_cue_step_slow(const tg_cues *cues, const char *s, size_t len,
                               size_t *step)
{
    const tg_cue *c = tg_cue_at(cues, s, len);
    *step = c ? c->len : tg_char_len(s, len);
    return c;
}

/* The longest cue ending at S + LEN (the first in file order among
 * equals). */
const tg_cue *tg_cue_ending_lookup(const tg_cues *cues, const char *s,
                                   size_t len)
{
    if (len == 0 || !cues->last_start)
        return NULL;
    size_t n = last_char_len(s, len);
    uint32_t k = char_bucket(s + len - n, n);
    uint32_t before = len >= 6 ? three_bytes(s + len - 6) : 0;
    for (uint32_t j = cues->last_start[k]; j < cues->last_start[k + 1]; j++) {
        const tg_cue *c = &cues->items[cues->last_items[j]];
        if (c->len > len ||
            (c->len >= 6 && cues->last_second[j] != before)) /* most stop */
            continue;
        if (memcmp(s + len - c->len, c->word, c->len) == 0)
            return c;
    }
    return NULL;
}
