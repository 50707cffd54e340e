/* kiln/lexicon.h — reading the TSV lexicons stages are driven by.
 *
 * A lexicon is plain UTF-8 text, one entry a line, fields separated by
 * tabs. Blank lines and lines starting with '#' are comments. Every error a
 * row callback reports comes out as "FILE:LINE: message".
 */
#ifndef KILN_LEXICON_H
#define KILN_LEXICON_H

#include <stddef.h>

#include "kiln/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KILN_TSV_MAX_FIELDS 16

typedef struct kiln_tsv_row {
    const char *field[KILN_TSV_MAX_FIELDS]; /* NUL-terminated, trimmed */
    size_t n_fields;
    unsigned line;                          /* 1-based */
    const char *path;
} kiln_tsv_row;

/* Called for each entry. Return 0 to go on, -1 to stop with ERR filled
 * (the reader adds "PATH:LINE: " in front). Field strings are only valid
 * during the call: copy what you keep. */
typedef int (*kiln_tsv_row_fn)(void *ctx, const kiln_tsv_row *row,
                               kiln_error *err);

/* Read PATH row by row. Fails with "PATH: reason" when the file cannot be
 * read or is not valid UTF-8, "PATH:LINE: ..." for a row error (including
 * more than KILN_TSV_MAX_FIELDS fields). Returns 0 or -1. */
int kiln_tsv_read(const char *path, kiln_tsv_row_fn fn, void *ctx,
                  kiln_error *err);

/* Parse a whole double ("0.0667", "1e4"); rejects empty, trailing junk,
 * inf and nan. Returns 0 or -1. */
int kiln_parse_double(const char *s, double *out);

#ifdef __cplusplus
}
#endif
#endif
