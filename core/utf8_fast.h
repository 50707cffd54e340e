/* utf8_fast.h — the hot test of UTF-8 scanners (core-private). */
#ifndef KILN_UTF8_FAST_H
#define KILN_UTF8_FAST_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Do the three bytes at P (four readable) form a character led by E1..EC
 * or EE..EF? Those are valid with any two continuation bytes (no overlong
 * form, no surrogate) and hold all of CJK, so scanners of Chinese text
 * spend most of their time here: one masked compare of a 4-byte load
 * (masks in memory order, so any byte order works), then a range test on
 * the lead. */
static inline bool kiln_utf8_is_plain3(const unsigned char *p)
{
    static const unsigned char mask_bytes[4] = {0xF0, 0xC0, 0xC0, 0};
    static const unsigned char want_bytes[4] = {0xE0, 0x80, 0x80, 0};
    uint32_t v, mask, want;
    memcpy(&v, p, 4);
    memcpy(&mask, mask_bytes, 4);
    memcpy(&want, want_bytes, 4);
    return (v & mask) == want && (uint8_t)(p[0] - 0xE1u) < 0x0Fu &&
           p[0] != 0xED;
}

/* The end of the run of such characters starting at P (P itself when
 * there is none), reading no byte at or past END. Two characters per
 * 8-byte load: the masked compare checks both byte patterns, and LEADS
 * (bit n set for an allowed lead E0+n) both leads. */
static inline const unsigned char *
kiln_utf8_skip_plain3(const unsigned char *p, const unsigned char *end)
{
    static const unsigned char mask_bytes[8] = {0xF0, 0xC0, 0xC0, 0xF0,
                                                0xC0, 0xC0, 0, 0};
    static const unsigned char want_bytes[8] = {0xE0, 0x80, 0x80, 0xE0,
                                                0x80, 0x80, 0, 0};
    const unsigned LEADS = 0xDFFEu; /* E1..EC, EE, EF */
    uint64_t mask, want;
    memcpy(&mask, mask_bytes, 8);
    memcpy(&want, want_bytes, 8);
    while (end - p >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        if ((v & mask) != want ||
            !((LEADS >> (p[0] & 15u)) & (LEADS >> (p[3] & 15u)) & 1u))
            break;
        p += 6;
    }
    while (end - p >= 4 && kiln_utf8_is_plain3(p))
        p += 3;
    return p;
}

#endif
