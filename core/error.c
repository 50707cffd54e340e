/* error.c — filling kiln_error with one line. */
#include "kiln/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A message is one line: newlines from a formatted argument would break
 * the one-line-per-error contract of the command. */
static void flatten(char *s)
{
    for (; *s; s++)
        if (*s == '\n' || *s == '\r')
            *s = ' ';
}

int kiln_error_set(kiln_error *err, const char *fmt, ...)
{
    if (!err)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    flatten(err->message);
    return -1;
}

int kiln_error_prefix(kiln_error *err, const char *fmt, ...)
{
    if (!err)
        return -1;
    char prefix[KILN_ERROR_MAX], old[KILN_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, err->message, sizeof old);
    size_t n = strlen(prefix);
    if (n > sizeof err->message - 3)
        n = sizeof err->message - 3;
    memcpy(err->message, prefix, n);
    memcpy(err->message + n, ": ", 2);
    size_t room = sizeof err->message - n - 2;
    size_t m = strnlen(old, room - 1);
    memcpy(err->message + n + 2, old, m);
    err->message[n + 2 + m] = '\0';
    flatten(err->message);
    return -1;
}
