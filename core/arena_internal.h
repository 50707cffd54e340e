/* arena_internal.h — the core's extra arena call (core-private). */
#ifndef KILN_ARENA_INTERNAL_H
#define KILN_ARENA_INTERNAL_H

#include <stdbool.h>

#include "kiln/arena.h"

/* SIZE bytes, aligned like kiln_arena_alloc, NOT cleared: for memory the
 * caller overwrites at once. NULL when out of memory. */
void *kiln_arena_take(kiln_arena *arena, size_t size);

/* Grow P, of OLD_SIZE bytes, to NEW_SIZE in place when it is the last
 * allocation of the current block and the block has room: a growing
 * array then needs no copy. False (nothing changed) otherwise. */
bool kiln_arena_extend(kiln_arena *arena, void *p, size_t old_size,
                       size_t new_size);

#endif
