/* lexicon.c — the cue words of the numbers stage, in one hash table.
 *
 * Two files feed it: the shared unit lexicon (where a unit ends after a
 * number) and the stage's own cue lexicon (measure words, qualifiers,
 * idioms, slogans). A form listed in both keeps the classes of both. The
 * scanner looks words up by longest match at a position, forwards (units)
 * or backwards (qualifiers before a number): at most max_cp hash probes.
 */
#include "numbers.h"

#include <stdlib.h>
#include <string.h>

#include "kiln/lexicon.h"
#include "kiln/utf8.h"

struct numbers_lexicon {
    kiln_arena *arena;     /* forms and reported strings */
    numbers_entry *entries;
    size_t n, cap;
    uint32_t *slots;       /* entry index + 1; 0 is empty */
    size_t n_slots;        /* a power of two */
    unsigned max_cp;       /* longest form, in code points */
    /* first code points (BMP) of slogans, idioms and count words: the
     * scanner looks those up only where one of them starts */
    uint8_t triggers[0x10000 / 8];
    /* every code point (BMP) where the scanner has work: triggers,
     * numerals and the few characters that open a figure (第, “ ...) */
    uint8_t interesting[0x10000 / 8];
    /* hashes of the first characters of all forms (a Bloom filter), so
     * that most positions cost no hash probe at all */
    uint8_t starts[0x10000 / 8];
};

static void mark(uint8_t *bits, uint32_t cp)
{
    if (cp < 0x10000)
        bits[cp >> 3] |= (uint8_t)(1u << (cp & 7));
}

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = UINT64_C(1469598103934665603);
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
    return h;
}

static size_t seq_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* The bit of the starts filter for a form or text beginning at S, which
 * has LEN bytes (LEN > 0); 0xFFFFFFFF when its first character is cut. */
static uint32_t start_key(const char *s, size_t len)
{
    size_t n = seq_len((unsigned char)*s);
    if (n > len)
        return UINT32_MAX;
    return (uint32_t)(hash_bytes(s, n) & 0xFFFF);
}

numbers_lexicon *numbers_lexicon_new(kiln_arena *arena)
{
    numbers_lexicon *lex = kiln_arena_alloc(arena, sizeof *lex);
    if (!lex)
        return NULL;
    lex->arena = arena;
    for (uint32_t cp = 0x3000; cp < 0xA000; cp++)
        if (numbers_is_cjk_numeral(cp))
            mark(lex->interesting, cp);
    static const uint32_t openers[] = {
        0x7B2C /* 第 */, 0x7FFB /* 翻 */, 0x201C /* “ */, 0x6570 /* 数 */,
        0x51E0 /* 几 */};
    for (size_t i = 0; i < sizeof openers / sizeof *openers; i++)
        mark(lex->interesting, openers[i]);
    return lex;
}

void numbers_lexicon_free(numbers_lexicon *lex)
{
    if (!lex)
        return;
    free(lex->entries);
    free(lex->slots);
    lex->entries = NULL, lex->slots = NULL;
}

const numbers_entry *numbers_lexicon_get(const numbers_lexicon *lex,
                                         const char *s, size_t len)
{
    if (!lex->n_slots)
        return NULL;
    size_t mask = lex->n_slots - 1;
    for (size_t i = hash_bytes(s, len) & mask;; i = (i + 1) & mask) {
        uint32_t slot = lex->slots[i];
        if (!slot)
            return NULL;
        const numbers_entry *e = &lex->entries[slot - 1];
        if (e->len == len && memcmp(e->form, s, len) == 0)
            return e;
    }
}

static int rehash(numbers_lexicon *lex, size_t n_slots)
{
    uint32_t *slots = calloc(n_slots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t k = 0; k < lex->n; k++) {
        const numbers_entry *e = &lex->entries[k];
        size_t i = hash_bytes(e->form, e->len) & (n_slots - 1);
        while (slots[i])
            i = (i + 1) & (n_slots - 1);
        slots[i] = (uint32_t)(k + 1);
    }
    free(lex->slots);
    lex->slots = slots, lex->n_slots = n_slots;
    return 0;
}

/* The entry for FORM, made (zeroed, classes 0) if new. */
static numbers_entry *entry_for(numbers_lexicon *lex, const char *form,
                                kiln_error *err)
{
    size_t len = strlen(form);
    const numbers_entry *found = numbers_lexicon_get(lex, form, len);
    if (found)
        return &lex->entries[found - lex->entries];
    if ((lex->n + 1) * 2 > lex->n_slots &&
        rehash(lex, lex->n_slots ? lex->n_slots * 2 : 256) < 0)
        goto oom;
    if (lex->n == lex->cap) {
        size_t cap = lex->cap ? lex->cap * 2 : 128;
        numbers_entry *grown = realloc(lex->entries, cap * sizeof *grown);
        if (!grown)
            goto oom;
        lex->entries = grown, lex->cap = cap;
    }
    numbers_entry *e = &lex->entries[lex->n];
    memset(e, 0, sizeof *e);
    e->form = kiln_arena_strndup(lex->arena, form, len);
    if (!e->form)
        goto oom;
    e->len = len;
    e->unit = e->form;
    e->qualifier = e->form;
    size_t i = hash_bytes(form, len) & (lex->n_slots - 1);
    while (lex->slots[i])
        i = (i + 1) & (lex->n_slots - 1);
    lex->slots[i] = (uint32_t)(++lex->n);
    uint32_t key = len ? start_key(form, len) : UINT32_MAX;
    if (key != UINT32_MAX)
        lex->starts[key >> 3] |= (uint8_t)(1u << (key & 7));
    unsigned cps = (unsigned)kiln_utf8_count(form, len);
    if (cps > lex->max_cp)
        lex->max_cp = cps;
    return e;
oom:
    kiln_error_set(err, "out of memory");
    return NULL;
}

static int parse_kind(const char *name, kiln_mention_kind *kind,
                      kiln_error *err)
{
    for (int k = 0; k < KILN_KIND_COUNT_; k++)
        if (strcmp(name, kiln_kind_name((kiln_mention_kind)k)) == 0) {
            *kind = (kiln_mention_kind)k;
            return 0;
        }
    return kiln_error_set(err, "unknown kind '%s' (amount, percent, "
                          "percentage_point, rank, ordinal, duration, "
                          "year_or_date, slogan)", name);
}

static const char *field(const kiln_tsv_row *row, size_t i)
{
    return i < row->n_fields ? row->field[i] : "";
}

static int unit_row(void *ctx, const kiln_tsv_row *row, kiln_error *err)
{
    numbers_lexicon *lex = ctx;
    if (row->n_fields < 2 || !*row->field[0])
        return kiln_error_set(err, "expected form<TAB>dimension<TAB>base_unit"
                              "<TAB>factor");
    numbers_entry *e = entry_for(lex, row->field[0], err);
    if (!e)
        return -1;
    const char *dim = row->field[1];
    if (!(e->classes & NUMBERS_UNIT)) {
        e->kind = strcmp(dim, "ratio") == 0          ? KILN_KIND_PERCENT
                  : strcmp(dim, "ratio_points") == 0 ? KILN_KIND_PERCENTAGE_POINT
                  : strcmp(dim, "time") == 0         ? KILN_KIND_DURATION
                                                     : KILN_KIND_AMOUNT;
        e->kind_di = KILN_KIND_ORDINAL;
    }
    e->classes |= NUMBERS_UNIT;
    return 0;
}

int numbers_lexicon_read_units(numbers_lexicon *lex, const char *path,
                               kiln_error *err)
{
    return kiln_tsv_read(path, unit_row, lex, err);
}

static const char *keep(numbers_lexicon *lex, const char *s, kiln_error *err)
{
    char *copy = kiln_arena_strndup(lex->arena, s, strlen(s));
    if (!copy)
        kiln_error_set(err, "out of memory");
    return copy;
}

static int cue_row(void *ctx, const kiln_tsv_row *row, kiln_error *err)
{
    numbers_lexicon *lex = ctx;
    const char *cls = field(row, 0), *form = field(row, 1);
    if (!*form)
        return kiln_error_set(err, "expected class<TAB>form (class '%s' has "
                              "no form)", cls);
    numbers_entry *e = entry_for(lex, form, err);
    if (!e)
        return -1;
    if (strcmp(cls, "measure") == 0) {
        if (parse_kind(field(row, 2), &e->kind, err) < 0)
            return -1;
        e->kind_di = KILN_KIND_ORDINAL;
        if (*field(row, 3) && parse_kind(field(row, 3), &e->kind_di, err) < 0)
            return -1;
        if (*field(row, 4) && !(e->unit = keep(lex, field(row, 4), err)))
            return -1;
        e->measure = true;
        e->classes |= NUMBERS_UNIT;
    } else if (strcmp(cls, "qualifier-before") == 0) {
        if (*field(row, 2) && !(e->qualifier = keep(lex, field(row, 2), err)))
            return -1;
        e->classes |= NUMBERS_QUAL_BEFORE;
    } else if (strcmp(cls, "not-qualifier") == 0) {
        e->classes |= NUMBERS_QUAL_BLOCK;
    } else if (strcmp(cls, "qualifier-after") == 0) {
        const char *scope = field(row, 2);
        if (!*scope || strcmp(scope, "any") == 0)
            e->scope = NUMBERS_SCOPE_ANY;
        else if (strcmp(scope, "time") == 0)
            e->scope = NUMBERS_SCOPE_TIME;
        else if (strcmp(scope, "date") == 0)
            e->scope = NUMBERS_SCOPE_DATE;
        else
            return kiln_error_set(err, "unknown scope '%s' (any, time, date)",
                                  scope);
        if (*field(row, 3) && !(e->qualifier = keep(lex, field(row, 3), err)))
            return -1;
        e->classes |= NUMBERS_QUAL_AFTER;
    } else if (strcmp(cls, "decrease") == 0) {
        e->classes |= NUMBERS_DECREASE;
    } else if (strcmp(cls, "slogan") == 0) {
        if (*field(row, 2)) {
            if (kiln_parse_double(field(row, 2), &e->value) < 0)
                return kiln_error_set(err, "bad value '%s'", field(row, 2));
            e->has_value = true;
        }
        e->classes |= NUMBERS_SLOGAN;
    } else if (strcmp(cls, "idiom") == 0) {
        e->classes |= NUMBERS_IDIOM;
    } else if (strcmp(cls, "count-word") == 0) {
        e->classes |= NUMBERS_COUNT_WORD;
    } else if (strcmp(cls, "plan-cue") == 0) {
        e->classes |= NUMBERS_PLAN_CUE;
    } else {
        return kiln_error_set(err, "unknown class '%s' (measure, "
                              "qualifier-before, not-qualifier, "
                              "qualifier-after, decrease, slogan, idiom, "
                              "count-word, plan-cue)", cls);
    }
    if (e->classes & (NUMBERS_SLOGAN | NUMBERS_IDIOM | NUMBERS_COUNT_WORD)) {
        uint32_t cp;
        if (kiln_utf8_decode(e->form, e->len, &cp)) {
            mark(lex->triggers, cp);
            mark(lex->interesting, cp);
        }
    }
    return 0;
}

bool numbers_lexicon_interesting(const numbers_lexicon *lex, uint32_t cp)
{
    return cp >= 0x10000 || (lex->interesting[cp >> 3] >> (cp & 7)) & 1;
}

bool numbers_lexicon_trigger(const numbers_lexicon *lex, uint32_t cp)
{
    return cp < 0x10000 && (lex->triggers[cp >> 3] >> (cp & 7)) & 1;
}

int numbers_lexicon_read_cues(numbers_lexicon *lex, const char *path,
                              kiln_error *err)
{
    return kiln_tsv_read(path, cue_row, lex, err);
}

/* Byte length of the UTF-8 sequence led by C (valid UTF-8 assumed). */
const numbers_entry *numbers_lexicon_at(const numbers_lexicon *lex,
                                        const char *s, size_t len,
                                        unsigned mask)
{
    size_t ends[32];
    unsigned k = 0;
    size_t q = 0;
    /* every candidate shares the first character at S: test it once */
    uint32_t key = len ? start_key(s, len) : UINT32_MAX;
    if (key == UINT32_MAX ||
        !(lex->starts[key >> 3] & (1u << (key & 7))))
        return NULL;
    while (k < lex->max_cp && k < 32 && q < len) {
        q += seq_len((unsigned char)s[q]);
        if (q > len)
            break;
        ends[k++] = q;
    }
    while (k > 0) {
        const numbers_entry *e = numbers_lexicon_get(lex, s, ends[--k]);
        if (e && (e->classes & mask))
            return e;
    }
    return NULL;
}

const numbers_entry *numbers_lexicon_ending(const numbers_lexicon *lex,
                                            const char *text, size_t floor,
                                            size_t end, unsigned mask,
                                            size_t *start)
{
    const numbers_entry *best = NULL;
    size_t q = end;
    for (unsigned k = 0; k < lex->max_cp && q > floor; k++) {
        q--;
        while (q > floor && ((unsigned char)text[q] & 0xC0) == 0x80)
            q--;
        const numbers_entry *e = numbers_lexicon_get(lex, text + q, end - q);
        if (e && (e->classes & mask))
            best = e, *start = q;
    }
    return best;
}
