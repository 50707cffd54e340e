/* chars.h — character classes of the segment stage (code points after
 * folding). Static inline, shared by the files of this module only. */
#ifndef KILN_SEGMENT_CHARS_H
#define KILN_SEGMENT_CHARS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
