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

#endif
