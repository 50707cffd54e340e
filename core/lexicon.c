/* lexicon.c — the TSV reader behind every lexicon. */
#include "kiln/lexicon.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiln/utf8.h"

static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

int kiln_tsv_read(const char *path, kiln_tsv_row_fn fn, void *ctx,
                  kiln_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return kiln_error_set(err, "%s: cannot open lexicon: %s", path,
                              strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    unsigned lineno = 0;
    int rc = 0;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)got, bad;
        const char *why;
        if (kiln_utf8_validate(line, len, &bad, &why) < 0) {
            rc = kiln_error_set(err, "%s:%u: %s at column %zu", path, lineno,
                                why, bad + 1);
            break;
        }
        if (len && line[len - 1] == '\n')
            line[--len] = '\0';
        char *start = line;
        if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
            start += 3; /* a BOM from a spreadsheet export */
        char *probe = start;
        while (*probe == ' ' || *probe == '\t' || *probe == '\r')
            probe++;
        if (*probe == '\0' || *probe == '#')
            continue;
        kiln_tsv_row row = {.line = lineno, .path = path};
        char *p = start;
        for (;;) {
            if (row.n_fields == KILN_TSV_MAX_FIELDS) {
                rc = kiln_error_set(err, "%s:%u: more than %d fields", path,
                                    lineno, KILN_TSV_MAX_FIELDS);
                goto done;
            }
            char *tab = strchr(p, '\t');
            if (tab)
                *tab = '\0';
            row.field[row.n_fields++] = trim(p);
            if (!tab)
                break;
            p = tab + 1;
        }
        if (fn(ctx, &row, err) < 0) {
            kiln_error_prefix(err, "%s:%u", path, lineno);
            rc = -1;
            break;
        }
    }
    if (rc == 0 && ferror(f))
        rc = kiln_error_set(err, "%s: read error: %s", path, strerror(errno));
done:
    free(line);
    fclose(f);
    return rc;
}

int kiln_parse_double(const char *s, double *out)
{
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end != '\0' || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}
