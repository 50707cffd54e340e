/* kiln/buf.h — a growable byte buffer (malloc-backed).
 *
 * Exporters render each document's rows into a buffer that the runner
 * writes out whole and in input order, whatever the number of threads.
 */
#ifndef KILN_BUF_H
#define KILN_BUF_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kiln_buf {
    char *data; /* NUL-terminated while len < cap; may be NULL when empty */
    size_t len, cap;
} kiln_buf;

/* Append N bytes. Returns 0, or -1 when out of memory (B unchanged). */
int kiln_buf_append(kiln_buf *b, const void *p, size_t n);

/* Append a NUL-terminated string. */
int kiln_buf_puts(kiln_buf *b, const char *s);

/* Append printf-formatted text. */
int kiln_buf_printf(kiln_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Empty the buffer but keep its memory. */
void kiln_buf_clear(kiln_buf *b);

/* Release the memory; B is empty and reusable afterwards. */
void kiln_buf_free(kiln_buf *b);

#ifdef __cplusplus
}
#endif
#endif
