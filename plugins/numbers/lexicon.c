/* lexicon.c — the cue words of the numbers stage.
 *
 * Two files feed it: the shared unit lexicon (where a unit ends after a
 * number) and the stage's own cue lexicon (measure words, qualifiers,
 * idioms, slogans). A form listed in both keeps the classes of both. A
 * hash table holds the forms (exact lookup while reading); two pair
 * indexes, rebuilt after each file, answer the scanner's longest-match
 * lookups at a position, forwards (units) or backwards (qualifiers before
 * a number): one bit test where no form can begin, else one probe and a
 * few compares.
 */
#include "numbers.h"

#include <stdlib.h>
#include <string.h>

#include "kiln/lexicon.h"
#include "kiln/utf8.h"

/* No second character: the key of a one-character form. */
#define NO_CP UINT32_C(0x110000)
/* Longest form numbers_lexicon_at reads, in code points. */
#define AT_MAX_CP 32

/* A longest-match index: the forms that begin (or end) with one pair of
 * code points, longest first. A lookup decodes two characters of the
 * text, probes one slot and compares only the forms of that pair, instead
 * of hashing every prefix of the text. */
typedef struct pair_slot {
    uint64_t key;     /* pair_key(); meaningful when count > 0 */
    uint32_t first;   /* into pair_index.order */
    uint32_t count;   /* forms of this pair; 0 marks an empty slot */
    unsigned classes; /* union of their classes: skip a pair at once */
} pair_slot;

#define EDGE_SLOTS 4096
_Static_assert(NUMBERS_PLAN_CUE <= 0x8000, "classes fit edge_classes");

typedef struct pair_index {
    pair_slot *slots;
    size_t n_slots;   /* a power of two, or 0 */
    uint32_t *order;  /* entry indices, grouped by pair, longest first */
    /* code points (BMP) that begin (end) a form: most text positions
     * cost this one bit test */
    uint8_t edge[0x10000 / 8];
    /* the classes of the forms that begin (end) with each BMP code point,
     * OR-ed over the code points that share a slot (CP % EDGE_SLOTS): a
     * lookup for one class rejects a character that only begins forms of
     * other classes (元 after a figure, looked up as a qualifier) */
    uint16_t edge_classes[EDGE_SLOTS];
    /* of those, the one-character forms: no probe for the others */
    uint8_t single[0x10000 / 8];
    /* pairs by pair_bit(): most pairs of text characters that begin
     * (end) no form are told apart here, without a probe */
    uint8_t pairs[0x10000 / 8];
    bool astral;      /* a form begins (ends) beyond the BMP */
} pair_index;

struct numbers_lexicon {
    kiln_arena *arena;     /* forms and reported strings */
    numbers_entry *entries;
    size_t n, cap;
    uint32_t *slots;       /* entry index + 1; 0 is empty */
    size_t n_slots;        /* a power of two */
    /* first code points (BMP) of slogans, idioms and count words: the
     * scanner looks those up only where one of them starts */
    uint8_t triggers[0x10000 / 8];
    /* every code point (BMP) where the scanner has work: triggers,
     * numerals and the few characters that open a figure (第, “ ...) */
    uint64_t interesting[NUMBERS_SKIP_WORDS]; /* see numbers_skip_maps */
    /* the triggers that are interesting for nothing else and begin no
     * one-character word: worth a look only where trigger_pairs holds
     * the pair they begin */
    uint64_t trigger_only[NUMBERS_SKIP_WORDS];
    /* numbers_pair_bit() of the first two code points of every slogan,
     * idiom and count word */
    uint8_t trigger_pairs[0x10000 / 8];
    pair_index by_start;   /* numbers_lexicon_at: forms by their first pair */
    pair_index by_end;     /* numbers_lexicon_ending: by their last pair */
};

static void mark(uint8_t *bits, uint32_t cp)
{
    if (cp < 0x10000)
        bits[cp >> 3] |= (uint8_t)(1u << (cp & 7));
}

static void mark_word(uint64_t *bits, uint32_t cp)
{
    if (cp < 0x10000)
        bits[numbers_skip_word(cp)] |= UINT64_C(1) << (cp & 63);
}

static bool marked(const uint8_t *bits, uint32_t cp)
{
    return (bits[cp >> 3] >> (cp & 7)) & 1;
}

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = UINT64_C(1469598103934665603);
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
    return h;
}

static bool is_continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

static uint64_t pair_key(uint32_t a, uint32_t b)
{
    return (uint64_t)a << 32 | b;
}

static size_t pair_hash(uint64_t key, size_t n_slots)
{
    return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 32) &
           (n_slots - 1);
}

/* The bit of the pairs filter for KEY. */
static uint32_t pair_bit(uint64_t key)
{
    return numbers_pair_bit((uint32_t)(key >> 32), (uint32_t)key);
}

static const pair_slot *pair_find(const pair_index *ix, uint64_t key)
{
    if (!ix->n_slots)
        return NULL;
    for (size_t i = pair_hash(key, ix->n_slots);;
         i = (i + 1) & (ix->n_slots - 1)) {
        const pair_slot *sl = &ix->slots[i];
        if (!sl->count || sl->key == key)
            return sl->count ? sl : NULL;
    }
}

typedef struct pair_item {
    uint64_t key;
    size_t len;
    uint32_t index;
} pair_item;

static int cmp_item(const void *pa, const void *pb)
{
    const pair_item *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    if (a->len != b->len)
        return a->len > b->len ? -1 : 1; /* longest first */
    return a->index < b->index ? -1 : a->index > b->index;
}

static void pair_free(pair_index *ix)
{
    free(ix->slots);
    free(ix->order);
    ix->slots = NULL, ix->order = NULL, ix->n_slots = 0;
}

/* The key of FORM's first pair (or, BACKWARDS, its last pair, last code
 * point first); false for an empty or invalid form, or one too long for
 * numbers_lexicon_at. */
static bool form_key(const numbers_entry *e, bool backwards, uint64_t *key,
                     uint32_t *edge)
{
    uint32_t cps[2] = {NO_CP, NO_CP}, cp;
    unsigned count = 0;
    for (size_t p = 0, n; p < e->len; p += n) {
        if (!(n = numbers_decode(e->form + p, e->len - p, &cp)))
            return false;
        if (backwards)
            cps[1] = cps[0], cps[0] = cp;
        else if (count < 2)
            cps[count] = cp;
        count++;
    }
    if (!count || (!backwards && count > AT_MAX_CP))
        return false;
    *key = pair_key(cps[0], cps[1]);
    *edge = cps[0];
    return true;
}

/* (Re)build IX over every entry. -1 on OOM (IX is then empty). */
static int pair_build(pair_index *ix, const numbers_lexicon *lex,
                      bool backwards)
{
    pair_free(ix);
    memset(ix->edge, 0, sizeof ix->edge);
    memset(ix->edge_classes, 0, sizeof ix->edge_classes);
    memset(ix->single, 0, sizeof ix->single);
    memset(ix->pairs, 0, sizeof ix->pairs);
    ix->astral = false;
    if (!lex->n)
        return 0;
    pair_item *items = malloc(lex->n * sizeof *items);
    if (!items)
        return -1;
    size_t m = 0, groups = 0;
    for (size_t k = 0; k < lex->n; k++) {
        uint32_t edge;
        if (!form_key(&lex->entries[k], backwards, &items[m].key, &edge))
            continue;
        items[m].len = lex->entries[k].len;
        items[m].index = (uint32_t)k;
        mark(ix->pairs, pair_bit(items[m].key));
        if ((uint32_t)items[m].key == NO_CP)
            mark(ix->single, edge);
        m++;
        if (edge < 0x10000) {
            mark(ix->edge, edge);
            ix->edge_classes[edge % EDGE_SLOTS] |=
                (uint16_t)lex->entries[k].classes;
        } else
            ix->astral = true;
    }
    qsort(items, m, sizeof *items, cmp_item);
    for (size_t i = 0; i < m; i++)
        groups += i == 0 || items[i].key != items[i - 1].key;
    size_t n_slots = 16;
    while (n_slots < groups * 2)
        n_slots *= 2;
    ix->slots = calloc(n_slots, sizeof *ix->slots);
    ix->order = malloc((m ? m : 1) * sizeof *ix->order);
    if (!ix->slots || !ix->order) {
        free(items);
        pair_free(ix);
        return -1;
    }
    ix->n_slots = n_slots;
    pair_slot *sl = NULL;
    for (size_t i = 0; i < m; i++) {
        if (i == 0 || items[i].key != items[i - 1].key) {
            size_t h = pair_hash(items[i].key, n_slots);
            while (ix->slots[h].count)
                h = (h + 1) & (n_slots - 1);
            sl = &ix->slots[h];
            sl->key = items[i].key;
            sl->first = (uint32_t)i;
        }
        sl->count++;
        sl->classes |= lex->entries[items[i].index].classes;
        ix->order[i] = items[i].index;
    }
    free(items);
    return 0;
}

/* Characters that open a figure without being a numeral. */
static const uint32_t openers[] = {
    0x7B2C /* 第 */, 0x7FFB /* 翻 */, 0x201C /* “ */, 0x6570 /* 数 */,
    0x51E0 /* 几 */};

static bool is_opener(uint32_t cp)
{
    for (size_t i = 0; i < sizeof openers / sizeof *openers; i++)
        if (openers[i] == cp)
            return true;
    return false;
}

/* The scanner's trigger filter (see trigger_only, trigger_pairs). */
static void index_triggers(numbers_lexicon *lex)
{
    const unsigned word = NUMBERS_SLOGAN | NUMBERS_IDIOM | NUMBERS_COUNT_WORD;
    memset(lex->trigger_only, 0, sizeof lex->trigger_only);
    memset(lex->trigger_pairs, 0, sizeof lex->trigger_pairs);
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < lex->n; k++) {
            const numbers_entry *e = &lex->entries[k];
            uint32_t first, second;
            size_t n1 = numbers_decode(e->form, e->len, &first);
            if (!(e->classes & word) || !n1 || first >= 0x10000)
                continue;
            size_t n2 = numbers_decode(e->form + n1, e->len - n1, &second);
            if (pass == 0 && n2) {
                mark(lex->trigger_pairs, numbers_pair_bit(first, second));
                if (!numbers_is_cjk_numeral(first) && !is_opener(first))
                    mark_word(lex->trigger_only, first);
            } else if (pass == 1 && !n2) { /* a one-character word */
                lex->trigger_only[numbers_skip_word(first)] &=
                    ~(UINT64_C(1) << (first & 63));
            }
        }
}

/* Might a form of a class in MASK begin (end) with CP, by the edge
 * filters of IX? */
static bool edge_may(const pair_index *ix, uint32_t cp, unsigned mask)
{
    if (cp >= 0x10000)
        return ix->astral;
    return marked(ix->edge, cp) && (ix->edge_classes[cp % EDGE_SLOTS] & mask);
}

/* Rebuild both match indexes after a lexicon file was read. */
static int index_lexicon(numbers_lexicon *lex, int rc, kiln_error *err)
{
    index_triggers(lex);
    if (pair_build(&lex->by_start, lex, false) < 0 ||
        pair_build(&lex->by_end, lex, true) < 0) {
        pair_free(&lex->by_start);
        pair_free(&lex->by_end);
        return kiln_error_set(err, "out of memory");
    }
    return rc;
}

numbers_lexicon *numbers_lexicon_new(kiln_arena *arena)
{
    numbers_lexicon *lex = kiln_arena_alloc(arena, sizeof *lex);
    if (!lex)
        return NULL;
    lex->arena = arena;
    for (size_t slot = 0; slot < NUMBERS_NUMERAL_SLOTS; slot++) {
        uint32_t cp = numbers_cjk_numeral_slot(slot);
        if (cp)
            mark_word(lex->interesting, cp);
    }
    for (size_t i = 0; i < sizeof openers / sizeof *openers; i++)
        mark_word(lex->interesting, openers[i]);
    return lex;
}

void numbers_lexicon_free(numbers_lexicon *lex)
{
    if (!lex)
        return;
    free(lex->entries);
    free(lex->slots);
    lex->entries = NULL, lex->slots = NULL;
    pair_free(&lex->by_start);
    pair_free(&lex->by_end);
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
    return index_lexicon(lex, kiln_tsv_read(path, unit_row, lex, err), err);
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
            mark_word(lex->interesting, cp);
        }
    }
    return 0;
}

bool numbers_lexicon_interesting(const numbers_lexicon *lex, uint32_t cp)
{
    return cp >= 0x10000 ||
           (lex->interesting[numbers_skip_word(cp)] >> (cp & 63)) & 1;
}

bool numbers_lexicon_trigger(const numbers_lexicon *lex, uint32_t cp)
{
    return cp < 0x10000 && (lex->triggers[cp >> 3] >> (cp & 7)) & 1;
}

int numbers_lexicon_read_cues(numbers_lexicon *lex, const char *path,
                              kiln_error *err)
{
    return index_lexicon(lex, kiln_tsv_read(path, cue_row, lex, err), err);
}

int numbers_lexicon_read_both(numbers_lexicon *lex, const char *units,
                              const char *cues, kiln_error *err)
{
    int rc = kiln_tsv_read(units, unit_row, lex, err);
    if (rc >= 0)
        rc = kiln_tsv_read(cues, cue_row, lex, err);
    return index_lexicon(lex, rc, err);
}

void numbers_lexicon_skip_maps(const numbers_lexicon *lex,
                               numbers_skip_maps *maps)
{
    maps->interesting = lex->interesting;
    maps->trigger_only = lex->trigger_only;
    maps->trigger_pairs = lex->trigger_pairs;
}

/* The longest form of slot SL that starts at S (LEN bytes), in MASK. The
 * slot's key characters, the first KEPT bytes of S, are known to match
 * (UTF-8 writes a code point one way only). */
static const numbers_entry *longest_at(const numbers_lexicon *lex,
                                       const pair_slot *sl, const char *s,
                                       size_t len, size_t kept, unsigned mask)
{
    if (!sl || !(sl->classes & mask))
        return NULL;
    for (uint32_t i = 0; i < sl->count; i++) {
        const numbers_entry *e =
            &lex->entries[lex->by_start.order[sl->first + i]];
        if (e->len <= len && (e->classes & mask) &&
            memcmp(e->form + kept, s + kept, e->len - kept) == 0)
            return e;
    }
    return NULL;
}

const numbers_entry *numbers_lexicon_at(const numbers_lexicon *lex,
                                        const char *s, size_t len,
                                        unsigned mask)
{
    const pair_index *ix = &lex->by_start;
    uint32_t first, second;
    size_t n1 = numbers_decode(s, len, &first);
    if (!n1 || !edge_may(ix, first, mask))
        return NULL;
    const numbers_entry *e = NULL;
    size_t n2 = n1 < len ? numbers_decode(s + n1, len - n1, &second) : 0;
    if (n2) {
        uint64_t key = pair_key(first, second);
        if (marked(ix->pairs, pair_bit(key)))
            e = longest_at(lex, pair_find(ix, key), s, len, n1 + n2, mask);
    }
    if (!e && (first >= 0x10000 || marked(ix->single, first)))
        e = longest_at(lex, pair_find(ix, pair_key(first, NO_CP)), s, len,
                       n1, mask);
    return e;
}

/* The longest form of slot SL that ends at TEXT + END and starts at or
 * after TEXT + FLOOR, in MASK. The slot's key characters, the last KEPT
 * bytes before END, are known to match. */
static const numbers_entry *longest_ending(const numbers_lexicon *lex,
                                           const pair_slot *sl,
                                           const char *text, size_t floor,
                                           size_t end, size_t kept,
                                           unsigned mask)
{
    if (!sl || !(sl->classes & mask))
        return NULL;
    for (uint32_t i = 0; i < sl->count; i++) {
        const numbers_entry *e =
            &lex->entries[lex->by_end.order[sl->first + i]];
        if (e->len <= end - floor && (e->classes & mask) &&
            memcmp(e->form, text + end - e->len, e->len - kept) == 0)
            return e;
    }
    return NULL;
}

/* The start of the code point that ends at TEXT + END (not before FLOOR),
 * and the code point; false if those bytes are no code point. */
static bool cp_ending(const char *text, size_t floor, size_t end,
                      size_t *start, uint32_t *cp)
{
    size_t q = end - 1;
    while (q > floor && is_continuation(text[q]))
        q--;
    *start = q;
    return numbers_decode(text + q, end - q, cp) == end - q;
}

const numbers_entry *numbers_lexicon_ending(const numbers_lexicon *lex,
                                            const char *text, size_t floor,
                                            size_t end, unsigned mask,
                                            size_t *start)
{
    const pair_index *ix = &lex->by_end;
    uint32_t last, prev;
    size_t q, q2;
    if (end <= floor || !cp_ending(text, floor, end, &q, &last) ||
        !edge_may(ix, last, mask))
        return NULL;
    const numbers_entry *e = NULL;
    if (q > floor && cp_ending(text, floor, q, &q2, &prev)) {
        uint64_t key = pair_key(last, prev);
        if (marked(ix->pairs, pair_bit(key)))
            e = longest_ending(lex, pair_find(ix, key), text, floor, end,
                               end - q2, mask);
    }
    if (!e && (last >= 0x10000 || marked(ix->single, last)))
        e = longest_ending(lex, pair_find(ix, pair_key(last, NO_CP)), text,
                           floor, end, end - q, mask);
    if (e)
        *start = end - e->len;
    return e;
}
