/* numbers.h — internal interface of the numbers stage, shared by its files.
 *
 * numeral.c  reads one numeral (Arabic, Chinese or mixed) into a double;
 * lexicon.c  holds the cue words (units, measure words, qualifiers,
 *            idioms, slogans) in tables built once at init, with
 *            longest-match lookups forwards and backwards;
 * scan.c     finds the mentions of a text: span, value, unit, qualifier,
 *            kind;
 * numbers.c  is the stage: options, lexicon loading, mentions into the
 *            document.
 * Nothing here is exported from the module (only kiln_stage_numbers is).
 */
#ifndef KILN_NUMBERS_H
#define KILN_NUMBERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiln/arena.h"
#include "kiln/doc.h"
#include "kiln/error.h"
#include "kiln/utf8.h"

/* kiln_utf8_decode (same results) with the two cases of nearly every
 * character of a Chinese report, ASCII and a 3-byte sequence that cannot
 * be overlong or a surrogate, decoded inline. LEN may be 0. */
static inline size_t numbers_decode(const char *str, size_t len,
                                    uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len && s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    /* a lead byte E1-EF but ED, two continuation bytes (80-BF: below 40
     * once 80 is flipped off, so one test for both) */
    if (len >= 3 && s[0] - 0xE1u < 0x0Fu && s[0] != 0xED &&
        ((s[1] ^ 0x80u) | (s[2] ^ 0x80u)) < 0x40u) {
        *cp = ((uint32_t)(s[0] & 0x0F) << 12) |
              ((uint32_t)(s[1] & 0x3F) << 6) | (uint32_t)(s[2] & 0x3F);
        return 3;
    }
    return kiln_utf8_decode(str, len, cp);
}

/* ---- numerals --------------------------------------------------------- */

typedef struct numbers_lexicon numbers_lexicon;

/* One numeral as read by numbers_parse_numeral. */
typedef struct numbers_numeral {
    size_t len;            /* bytes consumed; 0 when no numeral starts here */
    double value;          /* magnitude applied: 1.5万 -> 15000 */
    double magnitude;      /* trailing magnitude: 1, 1e4 (万), 1e8 (亿) ... */
    const char *approx;    /* "", "余", "多", "几", "数": glued approximation */
    unsigned n_cp;         /* code points consumed */
    unsigned n_digits;     /* Arabic digits in the integer part */
    bool overflow;         /* integer part beyond 2^53: value is unusable */
    bool arabic;           /* contains Arabic digits */
    bool chinese;          /* contains Chinese numeral characters */
    bool digit_seq;        /* Chinese digits read one by one (二〇二一) */
    bool has_magnitude;    /* contains 万 or 亿 */
    bool has_decimal;      /* a decimal point (. or 点) */
    bool leading_zero;     /* Arabic integer written with a leading 0 */
    uint32_t first_digit;  /* for a digit sequence: its first two digits */
    uint32_t second_digit;
} numbers_numeral;

/* Read the longest numeral at S (LEN bytes): Arabic digits with decimals
 * and thousands separators, Chinese numerals (positional, financial,
 * digit by digit, 点 decimals), mixed forms (1.5万, 3万4000), glued
 * approximations (500多亿, 十几万, 数百). LEX may be NULL; when given, a
 * positional character that starts a unit (千米, 百分点) ends the numeral.
 * Pure: reads nothing but its arguments (a libFuzzer entry point).
 * Returns out->len. */
size_t numbers_parse_numeral(const char *s, size_t len,
                             const numbers_lexicon *lex,
                             numbers_numeral *out);

/* Is CP a Chinese numeral character (digit or positional)? */
bool numbers_is_cjk_numeral(uint32_t cp);

/* The Chinese numeral characters, one per slot of a small table of
 * NUMBERS_NUMERAL_SLOTS: the character in SLOT, or 0 for an empty slot
 * (lets init list them without testing every code point). */
#define NUMBERS_NUMERAL_SLOTS 162
uint32_t numbers_cjk_numeral_slot(size_t slot);

/* ---- lexicon ------------------------------------------------------------ */

/* Classes of lexicon entries, as bits (one form may be in several). */
enum numbers_class {
    NUMBERS_UNIT = 1u << 0,        /* unit or measure word after a number */
    NUMBERS_QUAL_BEFORE = 1u << 1, /* 近, 约, 超过, 突破 ... before it */
    NUMBERS_QUAL_BLOCK = 1u << 2,  /* 通过, 经过: not a qualifier */
    NUMBERS_QUAL_AFTER = 1u << 3,  /* 以上, 左右, 内 ... after it */
    NUMBERS_DECREASE = 1u << 4,    /* 下降, 减少: a rate after it is < 0 */
    NUMBERS_SLOGAN = 1u << 5,      /* 两会, 百强: a name with a numeral */
    NUMBERS_IDIOM = 1u << 6,       /* 一体化, 千方百计: no mention */
    NUMBERS_COUNT_WORD = 1u << 7,  /* 若干: count before a scale (十亿) */
    NUMBERS_PLAN_CUE = 1u << 8     /* 规划, 时期: 十四五 is a plan name */
};

/* Which mentions a trailing qualifier applies to. */
typedef enum numbers_scope {
    NUMBERS_SCOPE_ANY = 0,
    NUMBERS_SCOPE_TIME, /* durations only (五年内) */
    NUMBERS_SCOPE_DATE  /* years and dates only (2020年底) */
} numbers_scope;

typedef struct numbers_entry {
    const char *form;             /* NUL-terminated */
    size_t len;                   /* bytes */
    unsigned classes;             /* enum numbers_class bits */
    /* NUMBERS_UNIT */
    const char *unit;             /* the unit as reported (℅ -> %) */
    kiln_mention_kind kind;       /* kind of a number with this unit */
    kiln_mention_kind kind_di;    /* kind after 第 (第45位: rank) */
    bool measure;                 /* a measure word (may follow 第) */
    /* NUMBERS_QUAL_BEFORE / NUMBERS_QUAL_AFTER */
    const char *qualifier;
    numbers_scope scope;
    /* NUMBERS_SLOGAN */
    double value;
    bool has_value;
} numbers_entry;

/* Start an empty lexicon whose strings live in ARENA. NULL on OOM. */
numbers_lexicon *numbers_lexicon_new(kiln_arena *arena);

/* Read a unit lexicon (form, dimension, base_unit, factor): every form
 * becomes a unit; its dimension decides the kind (ratio: percent,
 * ratio_points: percentage_point, time: duration, else amount). */
int numbers_lexicon_read_units(numbers_lexicon *lex, const char *path,
                               kiln_error *err);

/* Read the stage's own cue lexicon (see data/numbers-zh.tsv). */
int numbers_lexicon_read_cues(numbers_lexicon *lex, const char *path,
                              kiln_error *err);

/* numbers_lexicon_read_units then numbers_lexicon_read_cues (stopping at
 * the first error), with the match indexes built once, at the end. */
int numbers_lexicon_read_both(numbers_lexicon *lex, const char *units,
                              const char *cues,
                              kiln_error *err);

/* Free the table (the strings live in the arena given to _new). */
void numbers_lexicon_free(numbers_lexicon *lex);

/* Longest entry of a class in MASK that starts at S (at most LEN bytes),
 * or NULL. */
const numbers_entry *numbers_lexicon_at(const numbers_lexicon *lex,
                                        const char *s, size_t len,
                                        unsigned mask);

/* Longest entry of a class in MASK that ends exactly at TEXT + END and
 * starts at or after TEXT + FLOOR, or NULL; its start in *START. */
const numbers_entry *numbers_lexicon_ending(const numbers_lexicon *lex,
                                            const char *text, size_t floor,
                                            size_t end, unsigned mask,
                                            size_t *start);

/* Does a slogan, idiom or count word start with CP? */
bool numbers_lexicon_trigger(const numbers_lexicon *lex, uint32_t cp);

/* Might a mention start at CP? (numerals, 第, “, lexicon words) */
bool numbers_lexicon_interesting(const numbers_lexicon *lex, uint32_t cp);

/* The same question as bitmaps for the scanner's inner loop. Code points
 * beyond the BMP are all interesting.
 *
 * The bitmaps are laid out for the bytes of UTF-8, not for code points:
 * a 3-byte character E?h xxh yyh has its bit yy & 63 in word
 * (xx & 63) << 8 | (E?h & 15), so the scanner takes the word index from
 * the first two bytes with one AND and the bit from the third byte
 * (numbers_skip_word below maps a code point to the same word). */
#define NUMBERS_SKIP_WORDS 0x3F10

static inline uint32_t numbers_skip_word(uint32_t cp)
{
    return (cp >> 6 & 0x3Fu) << 8 | (cp >> 12 & 0x0Fu);
}

typedef struct numbers_skip_maps {
    /* NUMBERS_SKIP_WORDS words: the interesting characters */
    const uint64_t *interesting;
    /* the same layout: characters interesting only as the first of a
     * slogan, idiom or count word of two or more characters... */
    const uint64_t *trigger_only;
    /* ...worth a look only where bit numbers_pair_bit(CP, NEXT) is set
     * here (bit B of byte B / 8) */
    const uint8_t *trigger_pairs;
} numbers_skip_maps;

void numbers_lexicon_skip_maps(const numbers_lexicon *lex,
                               numbers_skip_maps *maps);

/* A 16-bit hash of a pair of code points, for filters over pairs. */
static inline uint32_t numbers_pair_bit(uint32_t a, uint32_t b)
{
    uint64_t key = (uint64_t)a << 32 | b;
    return (uint32_t)((key * UINT64_C(0xD6E8FEB86659FD93)) >> 48);
}

/* The entry whose form is exactly S (LEN bytes), or NULL. */
const numbers_entry *numbers_lexicon_get(const numbers_lexicon *lex,
                                         const char *s, size_t len);

/* ---- scanner ------------------------------------------------------------ */

/* One mention found by the scanner. Strings are NUL-terminated and live
 * in the lexicon or are static, except unit, which may point into the
 * scanned text (unit_len bytes). */
typedef struct numbers_hit {
    size_t start, end;        /* byte span in the scanned text */
    double value, value_max;
    bool has_max;
    double magnitude;
    const char *unit;
    size_t unit_len;
    const char *qualifier;
    kiln_mention_kind kind;
} numbers_hit;

typedef struct numbers_sink {
    /* Return 0 to go on, -1 to stop the scan (out of memory). */
    int (*hit)(void *ctx, const numbers_hit *hit);
    /* A numeral too large to read exactly, at [start, end). */
    int (*overflow)(void *ctx, size_t start, size_t end);
    void *ctx;
} numbers_sink;

/* Find every mention in TEXT (LEN bytes, valid UTF-8), in order, in one
 * pass. Returns 0, or -1 when a sink callback stopped it. */
int numbers_scan(const numbers_lexicon *lex, const char *text, size_t len,
                 const numbers_sink *sink);

#endif
