/* chars.h — character classes of the segment stage (code points after
 * folding). Static inline, shared by the files of this module only. */
#ifndef KILN_SEGMENT_CHARS_H
#define KILN_SEGMENT_CHARS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Decode the code point at S (LEN > 0 bytes left) of text already
 * validated; inline because every stage of this module decodes every
 * character. A sequence cut by the end of the buffer (impossible after
 * validation) yields U+FFFD over one byte. */
static inline size_t seg_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n > len || c < 0xC0) {
        *cp = 0xFFFD;
        return 1;
    }
    if (n == 2)
        *cp = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    else if (n == 3)
        *cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    else
        *cp = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
              ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
    return n;
}

/* Index of the lowest set bit of M (M != 0). */
static inline unsigned seg_lowest_bit64(uint64_t m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(m);
#else
    unsigned k = 0;
    while (!(m & 1u)) {
        m >>= 1;
        k++;
    }
    return k;
#endif
}

/* Whether a word loaded from memory holds its first byte lowest. */
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SEG_LITTLE_ENDIAN 1
#else
#define SEG_LITTLE_ENDIAN 0
#endif

/* Bit 7 of each byte of W that may stop a scan: ASCII, the lead bytes
 * C0-E3 and EF-FF. Clear for continuation bytes and the lead bytes E4-EE,
 * which start the CJK ideographs (U+4000-U+EFFF): most of a report, so
 * eight of its bytes are passed in a dozen instructions. */
static inline uint64_t seg_maybe_stops(uint64_t w)
{
    const uint64_t hi = 0x8080808080808080u, ones = 0x0101010101010101u;
    uint64_t low = w & ~hi; /* seven bits a byte: adding cannot carry out */
    /* Bit 7 of each sum: the byte is at least C0, E4, EF (if not ASCII).
     * Their parity is set for C0-E3 and EF-FF (one or three of them),
     * clear for 80-BF and E4-EE (none or two). */
    uint64_t parity = (low + 0x40 * ones) ^ (low + 0x1C * ones) ^
                      (low + 0x11 * ones);
    return (~w | parity) & hi;
}

/* The first byte at or after I (I <= END) that STOP marks, or END.
 * Eight bytes of ideographs are passed by seg_maybe_stops; only the bytes
 * it flags are looked up in STOP (on a big-endian machine, all eight of
 * a flagged word, independently). STOP must mark only ASCII and the lead
 * bytes C0-E3 and EF-FF (never 0x80-0xBF), so on valid UTF-8 the result
 * is a character boundary. */
static inline size_t seg_find_stop(const unsigned char *u, size_t i,
                                   size_t end, const unsigned char *stop)
{
    while (end - i >= 8) {
        uint64_t w;
        memcpy(&w, u + i, 8);
        uint64_t flags = seg_maybe_stops(w);
#if SEG_LITTLE_ENDIAN
        /* the lowest flag is the first byte in memory */
        for (; flags; flags &= flags - 1) {
            size_t j = i + (seg_lowest_bit64(flags) >> 3);
            if (stop[u[j]])
                return j;
        }
#else
        if (flags) {
            unsigned m = stop[u[i]] | stop[u[i + 1]] << 1 |
                         stop[u[i + 2]] << 2 | stop[u[i + 3]] << 3 |
                         stop[u[i + 4]] << 4 | stop[u[i + 5]] << 5 |
                         stop[u[i + 6]] << 6 | stop[u[i + 7]] << 7;
            if (m)
                return i + seg_lowest_bit64(m);
        }
#endif
        i += 8;
    }
    while (i < end && !stop[u[i]])
        i++;
    return i;
}

/* Code points in the N bytes at U (valid UTF-8): the bytes that are no
 * continuation byte, counted eight at a time. */
static inline size_t seg_count_chars(const unsigned char *u, size_t n)
{
    size_t cont = 0, k = 0;
    for (; n - k >= 8; k += 8) {
        uint64_t w;
        memcpy(&w, u + k, 8);
        /* bit 7 set and bit 6 clear: 10xxxxxx */
        uint64_t c = w & ~(w << 1) & 0x8080808080808080u;
        cont += (size_t)(((c >> 7) * 0x0101010101010101u) >> 56);
    }
    for (; k < n; k++)
        cont += (u[k] & 0xC0) == 0x80;
    return n - cont;
}

/* Where the character that ends just before END (END > START) starts. */
static inline size_t seg_last_char_start(const unsigned char *u,
                                         size_t start, size_t end)
{
    size_t k = end - 1;
    while (k > start && (u[k] & 0xC0) == 0x80)
        k--;
    return k;
}

/* The code point of the 3-byte sequence at U (complete, valid UTF-8). */
static inline uint32_t seg_decode3(const unsigned char *u)
{
    return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
}

/* The code point the normalized text holds for CP: full-width ASCII forms
 * fold to ASCII, the ideographic, no-break and narrow spaces to ' '. */
static inline uint32_t seg_fold(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFEE0;
    if (cp == 0x3000 || cp == 0x00A0 || cp == 0x2009 || cp == 0x202F)
        return ' ';
    return cp;
}

/* Characters the normalized text drops: zero-width space, joiners, word
 * joiner and the byte-order mark (at the start or anywhere else). */
static inline bool seg_is_zero_width(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

static inline bool seg_is_hspace(uint32_t cp) /* folded */
{
    return cp == ' ' || cp == '\t';
}

static inline bool seg_is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static inline bool seg_is_ascii_alnum(uint32_t cp)
{
    return seg_is_digit(cp) || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
}

/* CJK ideographs (the unified blocks and extension A). */
static inline bool seg_is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* Ends a sentence: 。！？；!?; (full-width forms are folded already). */
static inline bool seg_is_sentence_end(uint32_t cp)
{
    return cp == 0x3002 || cp == '!' || cp == '?' || cp == ';' ||
           cp == 0xFF61; /* halfwidth ideographic full stop */
}

/* Ends a clause inside a sentence: ，、：,: */
static inline bool seg_is_clause_end(uint32_t cp)
{
    return cp == ',' || cp == ':' || cp == 0x3001 || cp == 0xFF64;
}

/* Whether the normalized text holds something else than the character
 * RAW: a space, a zero-width character, a full-width form. */
static inline bool seg_changes_in_text(uint32_t raw)
{
    uint32_t f = seg_fold(raw);
    return f != raw || seg_is_zero_width(raw) || seg_is_hspace(f);
}

/* What the writer of the text must look at, not just copy: a character
 * that changes, or a sentence or clause end (the writer lists where they
 * land in the text, so that splitting needs no scan of its own). */
static inline bool seg_is_edit(uint32_t raw)
{
    uint32_t f = seg_fold(raw);
    return seg_changes_in_text(raw) || seg_is_sentence_end(f) ||
           seg_is_clause_end(f);
}

/* Whether RAW is a character no rule looks at but as itself: it does not
 * fold, is not dropped, no space, no sentence or clause end, no bracket
 * or quote. True of the ASCII letters and digits and of U+3040-U+FEFE
 * (kana, the ideographs, ...): the quick answer for most characters. */
static inline bool seg_is_plain(uint32_t raw)
{
    return (raw >= 0x3040 && raw < 0xFEFF) || seg_is_ascii_alnum(raw);
}

/* Closing quotes and brackets, kept with the sentence they end. */
static inline bool seg_is_closer(uint32_t cp)
{
    switch (cp) {
    case 0x201D: case 0x2019: case 0x300D: case 0x300F: /* ” ’ 」 』 */
    case ')': case ']': case 0x300B: case 0x3011:       /* ) ] 》 】 */
    case 0x3009: case 0x3015: case 0x3017:              /* 〉 〕 〗 */
        return true;
    default:
        return false;
    }
}

static inline bool seg_is_opener(uint32_t cp)
{
    switch (cp) {
    case 0x201C: case 0x2018: case 0x300C: case 0x300E: /* “ ‘ 「 『 */
    case '(': case '[': case 0x300A: case 0x3010:       /* ( [ 《 【 */
    case 0x3008: case 0x3014: case 0x3016:              /* 〈 〔 〖 */
        return true;
    default:
        return false;
    }
}

/* Chinese numerals as used in enumerations (一、 十二、 （三）). */
static inline bool seg_is_han_numeral(uint32_t cp)
{
    switch (cp) {
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94:
    case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341:
    case 0x767E: case 0x96F6: case 0x3007:
        return true;
    default:
        return false;
    }
}

/* Bullets that start a list item. */
static inline bool seg_is_bullet(uint32_t cp)
{
    switch (cp) {
    case 0x2022: case 0x00B7: case 0x25CF: case 0x25CB: case 0x25A0:
    case 0x25A1: case 0x25C6: case 0x25C7: case 0x25B2: case 0x25B3:
    case 0x2605: case 0x2606: case 0x221A: case 0x203B: case 0x25AA:
        return true;
    default:
        return (cp >= 0x2460 && cp <= 0x249B); /* ① ⑴ ⒈ */
    }
}

#endif
