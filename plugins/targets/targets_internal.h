/* targets_internal.h — what the files of the targets stage share.
 *
 * cues.c        the cue lexicon (cue words, section words, words trimmed
 *               from indicator names)
 * lexicon.c     the indicator lexicon (canonical names and synonyms)
 * text.c        small helpers on spans of the document text
 * role.c        role, cue, commitment of each mention; section state
 * horizon.c     report year and years to a target
 * indicator.c   the noun phrase a figure measures
 * pairing.c     target against baseline: comparisons
 * targets.c     the stage descriptor, options, init/process
 *
 * Functions here are not static (they cross files) but the module exports
 * only kiln_stage_targets.
 */
#ifndef KILN_TARGETS_INTERNAL_H
#define KILN_TARGETS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "kiln/kiln.h"

typedef enum tg_cue_class {
    TG_CUE_TARGET = 0,
    TG_CUE_ACHIEVED,
    TG_CUE_STRIP,  /* never part of an indicator, decides nothing */
    TG_CUE_ACTION, /* verb kept at the head of an indicator */
    TG_CUE_GROWTH  /* makes a percentage a rate of change */
} tg_cue_class;

typedef enum tg_strength {
    TG_STRENGTH_NONE = 0,
    TG_STRENGTH_STRONG,
    TG_STRENGTH_WEAK,
    TG_STRENGTH_SECTION
} tg_strength;

typedef struct tg_cue {
    char *word;
    size_t len;
    tg_cue_class cls;
    tg_strength strength;
    kiln_commitment commitment;
} tg_cue;

typedef struct tg_cues {
    tg_cue *items;
    size_t len, cap;
    size_t max_len; /* bytes of the longest cue */
    /* Lookup index (built by tg_cues_load): item numbers bucketed by a
     * hash of the word's first character, then of its last character;
     * bucket k is [start[k], start[k+1]), longest first, then in file
     * order. */
    uint32_t *first_start, *first_items, *last_start, *last_items;
    uint32_t *last_second; /* see build_last_second */
    /* Filters consulted before the buckets (most characters of a report
     * start or end no cue): a bit per code point of the three-byte
     * characters that open (end) a cue; a flag per byte for the first
     * (last) byte of the other cues. */
    uint8_t first_cp[0x10000 / 8], last_cp[0x10000 / 8];
    uint8_t first_other[256], last_other[256];
    /* Second filter for a position whose first character passed
     * first_cp: a bit per code point of the cues of three to five bytes
     * that open with it, and bit tg_pair_key(w) of the first six bytes w
     * of every longer cue (a Bloom filter on two characters). */
    uint8_t first_short[0x10000 / 8], first_pairs[0x10000 / 8];
    /* The cues opening with a three-byte character, by its code point:
     * group cp_group[cp] - 1 is [group_start[g], group_start[g+1]) of
     * group_items, longest first, then in file order; 0: no group. NULL
     * when a cue is shorter than three bytes (the buckets serve then).
     * group_second[j] packs bytes 3..5 of cue group_items[j] (if it has
     * six bytes or more), compared before anything else. */
    uint16_t *cp_group;
    uint32_t *group_start, *group_items, *group_second;
    /* The section search (see cues.c); NULL (no filter) when a section
     * word is shorter than six bytes. The words of section_window bytes
     * or more are found by a Wu-Manber scan; the few shorter ones each by
     * a memchr sweep for their last byte. */
    uint8_t *section_pairs, *section_shift;
    size_t section_window;
    uint32_t *sections;      /* item numbers of the scanned words */
    uint64_t *section_heads; /* their first six bytes, as numbers */
    size_t n_sections;
    uint32_t *short_sections; /* item numbers of the swept words */
    size_t n_short_sections;
} tg_cues;

typedef struct tg_name {
    char *name;  /* as written in the lexicon */
    char *canon; /* "" for a name that names no quantity */
} tg_name;

/* One distinct name of the lexicon, for lookups: the canon of its first
 * entry, and of its first entry that names a quantity (NULL if none). */
typedef struct tg_name_key {
    const char *name;
    size_t len;
    const char *canon;
    const char *quantity;
    size_t entry; /* number of its first entry */
} tg_name_key;

typedef struct tg_lexicon {
    tg_name *items;
    size_t len, cap;
    /* The distinct names sorted by length, then bytes (built by
     * tg_lexicon_load): a binary search instead of a scan per lookup. */
    tg_name_key *keys;
    size_t n_keys;
    size_t max_len; /* bytes of the longest name */
    /* the keys of L bytes are [len_start[L], len_start[L + 1]), for L up
     * to max_len: a lookup searches only names of its length */
    size_t *len_start;
} tg_lexicon;

/* Everything init reads; read-only afterwards. */
typedef struct tg_state {
    const char *label;
    tg_cues cues;
    tg_lexicon names;
    int report_year; /* 0: infer from the text */
} tg_state;

/* Per-document working data (lives in the document's arena). */
typedef struct tg_doc {
    const tg_state *st;
    kiln_doc *doc;
    kiln_role *section;   /* per segment: role its section gives, or NONE
                             (unset for a clause: role.c's section_of) */
    const char **section_word; /* per segment: the word that set it */
    int report_year;      /* 0 when unknown */
    bool mentions_ordered; /* mentions sorted by span, none overlapping:
                              lookups may search instead of scanning */
    /* indicator.c: how far the scan for breaks of the last mention got
     * in its sentence (from FROM, marks ending by END), for the next
     * mention there (valid if saved) */
    struct tg_breaks {
        bool saved;
        size_t from, end, pos, hard_start, item_start, last_break,
            before_break;
    } breaks;
    /* indicator.c: the mentions near the sentence of the last mention
     * named ([from, to) gave [lo, hi)), for the next one there */
    struct tg_near {
        bool saved;
        size_t from, to, lo, hi;
    } near;
} tg_doc;

/* indicator.c: are DOC's mentions sorted by span, none overlapping? */
bool tg_mentions_ordered(const kiln_doc *doc);
/* The mentions [*LO, *HI) that may end at or after FROM and start before
 * TO: a binary search when td->mentions_ordered (so that long documents
 * are not quadratic), else all of them. */
void tg_mentions_near(const tg_doc *td, size_t from, size_t to, size_t *lo,
                      size_t *hi);

/* Is there a three-byte UTF-8 character at S (3 bytes readable)? Stores
 * its code point. */
static inline bool tg_cp3(const char *s, unsigned *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if ((u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 ||
        (u[2] & 0xC0) != 0x80)
        return false;
    *cp = (unsigned)(u[0] & 0x0F) << 12 | (unsigned)(u[1] & 0x3F) << 6 |
          (unsigned)(u[2] & 0x3F);
    return true;
}

/* text.c: character lengths, used by the inline scans below */
/* Length of the UTF-8 character at S (1 for a bad byte): the slow path. */
size_t tg_char_len_decode(const char *s, size_t avail);
/* Length of the UTF-8 character at S (1 for a bad byte). Inline fast
 * paths for ASCII and the three-byte forms that need no range check
 * (lead E1..EC, EE..EF): the same answer as the full decoder. */
static inline size_t tg_char_len(const char *s, size_t avail)
{
    const unsigned char *u = (const unsigned char *)s;
    if (avail && u[0] < 0x80)
        return 1;
    if (avail >= 3 && u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED &&
        (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80)
        return 3;
    return tg_char_len_decode(s, avail);
}

/* 16 bits from six bytes (two CJK characters): their low bits mixed. */
static inline unsigned tg_pair_key(const unsigned char *u)
{
    return ((unsigned)(u[1] & 0x3F) << 10 ^ (unsigned)(u[2] & 0x3F) << 4 ^
            (unsigned)(u[4] & 0x3F) << 6 ^ (unsigned)(u[5] & 0x3F) ^
            (unsigned)u[0] << 8 ^ (unsigned)u[3]) & 0xFFFF;
}

static inline bool tg_bit(const uint8_t *bits, unsigned k)
{
    return bits[k >> 3] >> (k & 7) & 1;
}

/* cues.c */
int tg_cues_load(tg_cues *cues, const char *path, kiln_error *err);
void tg_cues_free(tg_cues *cues);
/* The lookups behind tg_cue_at and tg_cue_ending: by bucket, and by the
 * group of the three-byte first character CP. */
const tg_cue *tg_cue_lookup(const tg_cues *cues, const char *s, size_t len);
const tg_cue *tg_cue_group_lookup(const tg_cues *cues, unsigned cp,
                                  const char *s, size_t len);
const tg_cue *tg_cue_ending_lookup(const tg_cues *cues, const char *s,
                                   size_t len);

/* False when no cue ends at S + LEN. */
static inline bool tg_cue_may_end(const tg_cues *cues, const char *s,
                                  size_t len)
{
    unsigned cp;
    if (len >= 3 && tg_cp3(s + len - 3, &cp))
        return cues->last_cp[cp >> 3] >> (cp & 7) & 1;
    return len && cues->last_other[(unsigned char)s[len - 1]];
}

/* Longest cue starting at S (LEN bytes available), or NULL. Most
 * characters stop at the filter; a three-byte one is looked up in its
 * group, anything else in the buckets. */
static inline const tg_cue *tg_cue_at(const tg_cues *cues, const char *s,
                                      size_t len)
{
    unsigned cp;
    if (len >= 3 && tg_cp3(s, &cp)) {
        if (!tg_bit(cues->first_cp, cp) ||
            (len >= 6 && !tg_bit(cues->first_short, cp) &&
             !tg_bit(cues->first_pairs,
                     tg_pair_key((const unsigned char *)s))))
            return NULL;
        return cues->cp_group ? tg_cue_group_lookup(cues, cp, s, len)
                              : tg_cue_lookup(cues, s, len);
    }
    return len && cues->first_other[(unsigned char)s[0]]
               ? tg_cue_lookup(cues, s, len)
               : NULL;
}

/* The step of a greedy scan for cues: the longest cue at S (LEN > 0
 * bytes available), or NULL; *STEP is its length, or that of the
 * character at S. The inline part decides most characters: a three-byte
 * one (lead E1..EF but ED, which need no range check) is filtered and
 * looked up in its group here, an ASCII byte opening no cue skipped. */
const tg_cue *tg_cue_step_slow(const tg_cues *cues, const char *s,
                               size_t len, size_t *step);
static inline const tg_cue *tg_cue_step(const tg_cues *cues, const char *s,
                                        size_t len, size_t *step)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 3 && u[0] >= 0xE1 && u[0] != 0xED && u[0] <= 0xEF &&
        (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        unsigned cp = (unsigned)(u[0] & 0x0F) << 12 |
                      (unsigned)(u[1] & 0x3F) << 6 | (unsigned)(u[2] & 0x3F);
        if (!tg_bit(cues->first_cp, cp) ||
            (len >= 6 && !tg_bit(cues->first_short, cp) &&
             !tg_bit(cues->first_pairs, tg_pair_key(u)))) {
            *step = 3;
            return NULL;
        }
        if (cues->cp_group) { /* as tg_cue_at, without decoding again */
            const tg_cue *c = tg_cue_group_lookup(cues, cp, s, len);
            *step = c ? c->len : 3;
            return c;
        }
    } else if (len && u[0] < 0x80 && !cues->first_other[u[0]]) {
        *step = 1; /* an ASCII byte (a digit) opening no cue */
        return NULL;
    }
    return tg_cue_step_slow(cues, s, len, step);
}

/* Longest cue ending exactly at S + LEN, or NULL. */
static inline const tg_cue *tg_cue_ending(const tg_cues *cues, const char *s,
                                          size_t len)
{
    return tg_cue_may_end(cues, s, len) ? tg_cue_ending_lookup(cues, s, len)
                                        : NULL;
}

/* Does a section word occur in [S, S+LEN) (anywhere, not only where a
 * scan for cues would look)? Sets *LAST to the start of the last one.
 * Without a filter (a section word shorter than six bytes), true with
 * *LAST = LEN. */
bool tg_cues_last_section(const tg_cues *cues, const char *s, size_t len,
                          size_t *last);

/* Where a section word of LEN bytes starts at START. */
typedef void (*tg_section_sink)(void *ctx, size_t start, size_t len);
/* Report every place in [S, S+LEN) where a section word starts (the
 * shortest one there, if several; not in order) to HIT. Needs the filter
 * (cues->section_pairs). */
void tg_cues_section_hits(const tg_cues *cues, const char *s, size_t len,
                          tg_section_sink hit, void *ctx);

/* lexicon.c */
int tg_lexicon_load(tg_lexicon *lex, const char *path, kiln_error *err);
void tg_lexicon_free(tg_lexicon *lex);
/* Canonical name of NAME (LEN bytes), or NULL when not listed ("" when
 * its first entry names no quantity). */
const char *tg_lexicon_canon(const tg_lexicon *lex, const char *name,
                             size_t len);
/* The first non-empty canonical name listed for NAME, or NULL. */
const char *tg_lexicon_quantity(const tg_lexicon *lex, const char *name,
                                size_t len);

/* text.c */
/* Start of the character that ends at S + LEN (LEN > 0). */
size_t tg_prev_char(const char *s, size_t len);
size_t tg_hard_break_slow(const char *s, size_t avail);
/* Is there a boundary character at S: a sentence or clause mark (，；：。！？
 * and their ASCII folds, newline)? Returns its length or 0. Every mark
 * starts with one of the bytes tested inline: most characters stop there. */
static inline size_t tg_hard_break_at(const char *s, size_t avail)
{
    if (!avail)
        return 0;
    switch ((unsigned char)*s) {
    case ',': case ';': case ':': case '!': case '?': case '\n': case '\r':
        return 1;
    case 0xEF: case 0xE3: case 0xE2:
        return tg_hard_break_slow(s, avail);
    default:
        return 0;
    }
}
/* Is there an enumeration comma (、) at S? Returns its length or 0. */
static inline size_t tg_list_break_at(const char *s, size_t avail)
{
    return avail >= 3 && memcmp(s, "、", 3) == 0 ? 3 : 0;
}
/* Does [S, S+AVAIL) start (end) with WORD? Inline, so that the length of
 * a literal WORD is known when compiling. */
static inline bool tg_starts(const char *s, size_t avail, const char *word)
{
    size_t n = strlen(word);
    return n <= avail && memcmp(s, word, n) == 0;
}
static inline bool tg_ends(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    return n <= len && memcmp(s + len - n, word, n) == 0;
}
/* Find WORD in [s, s+len); returns its offset or (size_t)-1. */
size_t tg_find(const char *s, size_t len, const char *word);
/* The segment (sentence or heading) enclosing mention M, or NULL. */
const kiln_segment *tg_sentence_of(const kiln_doc *doc, const kiln_mention *m);
int32_t tg_sentence_index(const kiln_doc *doc, const kiln_mention *m);

/* role.c */
int tg_sections(tg_doc *td);
void tg_decide_roles(tg_doc *td);
/* Mentions that carry a quantity that can be a target or a result. */
bool tg_is_figure(const kiln_mention *m);
/* Durations: one bounding a goal (五年内, 用三年时间), one naming a
 * programme (五年行动), one saved (提前三年). */
bool tg_is_horizon_duration(const kiln_doc *doc, const kiln_mention *m);
bool tg_is_programme_duration(const kiln_doc *doc, const kiln_mention *m);
bool tg_is_ahead_duration(const kiln_doc *doc, const kiln_mention *m);
/* A zero slogan (“破零”): a count from or to zero. */
bool tg_is_zero_slogan(const kiln_mention *m);

/* horizon.c */
int tg_infer_report_year(const kiln_doc *doc);
void tg_set_horizons(tg_doc *td);

/* indicator.c */
void tg_set_indicators(tg_doc *td);
/* The indicator of one mention (arena string, "" when none). */
const char *tg_indicator_of(tg_doc *td, size_t mi);

/* pairing.c */
int tg_pair(tg_doc *td);

#endif
