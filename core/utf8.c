/* utf8.c — strict UTF-8 decoding and validation. */
#include "kiln/utf8.h"

#include <string.h>

#include "utf8_fast.h"

size_t kiln_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0; /* continuation byte, C0/C1 overlong lead, or > F4 */
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

size_t kiln_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

int kiln_utf8_validate(const char *str, size_t len, size_t *bad,
                       const char **why)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    for (;;) {
        /* ASCII eight bytes at a time: no byte with bit 7 set, none zero */
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            uint64_t highs = UINT64_C(0x8080808080808080);
            uint64_t zero = (w - UINT64_C(0x0101010101010101)) & ~w & highs;
            if ((w & highs) | zero)
                break;
            i += 8;
        }
        for (;;) {
            if (i == len)
                return 0;
            unsigned char c = s[i];
            if (c >= 0x01 && c < 0x80) {
                i++;
                break; /* back to the word loop */
            }
            if (len - i >= 4 && kiln_utf8_is_plain3(s + i)) {
                i = (size_t)(kiln_utf8_skip_plain3(s + i + 3, s + len) - s);
                continue;
            }
            if (c == 0) {
                *bad = i;
                *why = "NUL byte";
                return -1;
            }
            uint32_t cp;
            size_t n = kiln_utf8_decode(str + i, len - i, &cp);
            if (n == 0) {
                *bad = i;
                *why = "invalid UTF-8";
                return -1;
            }
            i += n;
        }
    }
}

size_t kiln_utf8_count(const char *s, size_t len)
{
    /* Code points = bytes - continuation bytes. Eight bytes at a time: a
     * continuation byte has bit 7 set and bit 6 clear; shifting left by
     * one brings each byte's bit 6 under its bit 7. The 0/1 flags add up
     * per byte lane over at most 31 words, then the multiply sums the
     * eight lanes into the top byte (8 * 31 = 248: no overflow). */
    size_t cont = 0, i = 0;
    while (len - i >= 8) {
        uint64_t lanes = 0;
        for (int k = 0; k < 31 && len - i >= 8; k++, i += 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            lanes += ((w & ~(w << 1)) & UINT64_C(0x8080808080808080)) >> 7;
        }
        cont += (size_t)((lanes * UINT64_C(0x0101010101010101)) >> 56);
    }
    for (; i < len; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return len - cont;
}
