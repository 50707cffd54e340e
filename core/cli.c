/* cli.c — argument helpers shared by the kiln command's subcommands. */
#include "cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "kiln/error.h"

int kiln_cli_usage_error(const char *usage, const char *fmt, const char *arg)
{
    fprintf(stderr, "kiln: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (usage: %s)\n", usage);
    return KILN_EXIT_USAGE;
}

int kiln_cli_push_arg(const char ***list, size_t *n, const char *arg)
{
    const char **l = realloc(*list, (*n + 1) * sizeof *l);
    if (!l)
        return -1;
    l[(*n)++] = arg;
    *list = l;
    return 0;
}

int kiln_cli_parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(s, &end, 10);
    if (end == s || errno || s[0] == '-')
        return -1;
    unsigned long long mul = 1;
    if (*end == 'k' || *end == 'K')
        mul = 1ull << 10;
    else if (*end == 'm' || *end == 'M')
        mul = 1ull << 20;
    else if (*end == 'g' || *end == 'G')
        mul = 1ull << 30;
    if (mul != 1)
        end++;
    if (*end == 'B' || *end == 'b')
        end++;
    if (*end || n > (unsigned long long)SIZE_MAX / mul || n == 0)
        return -1;
    *out = (size_t)(n * mul);
    return 0;
}
