/* kiln/utf8.h — small UTF-8 helpers shared by the core and the stages. */
#ifndef KILN_UTF8_H
#define KILN_UTF8_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Decode one code point at S (LEN bytes available). Returns its length in
 * bytes (1-4) and stores the code point, or 0 for an invalid or truncated
 * sequence (overlong forms, surrogates and values above U+10FFFF are
 * invalid). */
size_t kiln_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode CP into OUT (4 bytes room). Returns the length, 0 if CP is not a
 * valid scalar value. */
size_t kiln_utf8_encode(uint32_t cp, char out[4]);

/* Check that S is valid UTF-8 without NUL bytes. Returns 0, or -1 and
 * stores the byte offset of the first bad byte in *BAD and a short reason
 * ("invalid UTF-8 byte 0xff", "NUL byte") in *WHY. */
int kiln_utf8_validate(const char *s, size_t len, size_t *bad,
                       const char **why);

/* Number of code points in S (valid UTF-8 assumed). */
size_t kiln_utf8_count(const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
