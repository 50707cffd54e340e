/* inputs.h — turning command-line arguments into documents' bytes
 * (core-private). */
#ifndef KILN_INPUTS_H
#define KILN_INPUTS_H

#include <stddef.h>

#include "kiln/error.h"

/* Expand ARGS into document paths: files as given, directories walked
 * recursively for *.txt files (hidden entries and symlinked directories
 * skipped) in byte order, "-" kept. A directory that cannot be read or
 * holds no .txt file stays in the list as is, so that reading it fails
 * with one clear line. Returns a malloc'd NULL-terminated array (free with
 * kiln_inputs_free), or NULL when out of memory. */
char **kiln_inputs_expand(char *const *args, size_t n, size_t *n_out);
void kiln_inputs_free(char **paths);

/* Read PATH ("-" for standard input), at most MAX bytes, into a malloc'd
 * buffer. Errors read "too large: ..." or the system's reason; the caller
 * puts the file name in front. */
int kiln_input_read(const char *path, size_t max, char **bytes, size_t *len,
                    kiln_error *err);

#endif
