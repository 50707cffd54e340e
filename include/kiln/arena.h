/* kiln/arena.h — one bump allocator per document.
 *
 * Every record a stage adds to a document lives in the document's arena and
 * is freed in one call when the document is done, so nothing a stage
 * allocates can outlive its document or grow with the number of documents.
 */
#ifndef KILN_ARENA_H
#define KILN_ARENA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kiln_arena kiln_arena;

/* Create an empty arena. Returns NULL when out of memory. */
kiln_arena *kiln_arena_new(void);

/* Free the arena and everything allocated from it. NULL is allowed. */
void kiln_arena_free(kiln_arena *arena);

/* Forget every allocation but keep the first block, so the next document
 * reuses its memory instead of asking malloc again. */
void kiln_arena_reset(kiln_arena *arena);

/* Allocate SIZE bytes aligned for any type, zero-filled.
 * Returns NULL only when out of memory (or SIZE overflows). */
void *kiln_arena_alloc(kiln_arena *arena, size_t size);

/* Allocate SIZE bytes aligned like kiln_arena_alloc, NOT zero-filled: for
 * memory the caller overwrites at once (a copy, a buffer it fills), where
 * clearing it first would cost as much as the stage's own work.
 * Returns NULL only when out of memory (or SIZE overflows). Since ABI 1.1. */
void *kiln_arena_take(kiln_arena *arena, size_t size);

/* Allocate N elements of SIZE bytes each, with overflow checked. */
void *kiln_arena_calloc(kiln_arena *arena, size_t n, size_t size);

/* Copy LEN bytes of S into the arena and NUL-terminate the copy. */
char *kiln_arena_strndup(kiln_arena *arena, const char *s, size_t len);

/* printf into the arena. Returns NULL when out of memory. */
char *kiln_arena_printf(kiln_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Bytes handed out since the last reset (for statistics and tests). */
size_t kiln_arena_used(const kiln_arena *arena);

#ifdef __cplusplus
}
#endif
#endif
