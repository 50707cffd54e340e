/* suggest.c — the closest known name to a misspelt one. */
#include "suggest.h"

#include <stdlib.h>
#include <string.h>

size_t kiln_edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    /* Three rows of the optimal-string-alignment table. */
    size_t *rows = malloc(3 * (m + 1) * sizeof *rows);
    if (!rows)
        return (size_t)-1;
    size_t *prev2 = rows, *prev = rows + m + 1, *cur = rows + 2 * (m + 1);
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            if (prev[j - 1] + cost < d)
                d = prev[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < d)
                d = prev2[j - 2] + 1;
            cur[j] = d;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    size_t d = prev[m];
    free(rows);
    return d;
}

void kiln_suggest_init(kiln_suggest *s, const char *word)
{
    s->word = word;
    s->best = NULL;
    s->best_dist = (size_t)-1;
}

void kiln_suggest_try(kiln_suggest *s, const char *candidate)
{
    size_t len = strlen(s->word);
    /* Short names tolerate one slip, longer ones two: beyond that a
     * suggestion is more confusing than none. */
    size_t limit = len >= 5 ? 2 : 1;
    size_t d = kiln_edit_distance(s->word, candidate);
    if (d > 0 && d <= limit && d < s->best_dist) {
        s->best = candidate;
        s->best_dist = d;
    }
}
