/* cli.h — argument helpers shared by the kiln command's subcommands
 * (run, check, eval ...). */
#ifndef KILN_CLI_H
#define KILN_CLI_H

#include <stddef.h>

/* Print "kiln: <fmt with arg> (usage: USAGE)" on stderr; returns
 * KILN_EXIT_USAGE. */
int kiln_cli_usage_error(const char *usage, const char *fmt, const char *arg);

/* Append ARG to a growable array of strings. Returns 0, or -1 when out of
 * memory. */
int kiln_cli_push_arg(const char ***list, size_t *n, const char *arg);

/* "256M", "1024", "2G", "64kB" -> bytes; rejects 0, negatives, junk and
 * overflow. Returns 0 or -1. */
int kiln_cli_parse_size(const char *s, size_t *out);

#endif
