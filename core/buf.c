/* buf.c — growable byte buffers for per-document output. */
#include "kiln/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reserve(kiln_buf *b, size_t extra)
{
    if (extra >= SIZE_MAX - b->len)
        return -1;
    size_t need = b->len + extra + 1; /* room for the NUL */
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int kiln_buf_append(kiln_buf *b, const void *p, size_t n)
{
    if (reserve(b, n) < 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int kiln_buf_puts(kiln_buf *b, const char *s)
{
    return kiln_buf_append(b, s, strlen(s));
}

int kiln_buf_printf(kiln_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(b, (size_t)n) < 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void kiln_buf_clear(kiln_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void kiln_buf_free(kiln_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
