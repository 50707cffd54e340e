/* suggest.h — "did you mean ...?" for misspelt names (core-private). */
#ifndef KILN_SUGGEST_H
#define KILN_SUGGEST_H

#include <stddef.h>

/* Edit distance between A and B, counting an adjacent transposition as one
 * edit ("tabel" -> "table" is 1). */
size_t kiln_edit_distance(const char *a, const char *b);

/* Collects the closest of several candidates to a word. */
typedef struct kiln_suggest {
    const char *word;
    const char *best; /* NULL while nothing is close enough */
    size_t best_dist;
} kiln_suggest;

void kiln_suggest_init(kiln_suggest *s, const char *word);
void kiln_suggest_try(kiln_suggest *s, const char *candidate);

#endif
