/* arena.c — the per-document bump allocator. */
#include "arena_internal.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif

#define ARENA_ALIGN 16u
#define ARENA_FIRST_BLOCK (64u * 1024u)
/* The largest block a reset keeps: the next document is likely about as
 * large, and reusing warm memory saves a malloc, a free and the page
 * faults of fresh memory; above this a huge document would pin it. */
#define ARENA_KEEP_MAX ((size_t)8 << 20)

typedef struct arena_block {
    struct arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
} arena_block;

struct kiln_arena {
    arena_block *head; /* current block; older ones follow via next */
    size_t total_used;
};

/* Ask for huge pages under a large block: a big document's arena is
 * fresh memory, and faulting it in 4 KiB pages costs more than filling it
 * (several times the work of the stages on a 100 MB document). A hint:
 * failure changes nothing. */
static void hint_huge_pages(void *p, size_t size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (size < ((size_t)4 << 20))
        return;
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0)
        return;
    uintptr_t start = ((uintptr_t)p + (uintptr_t)page - 1) &
                      ~((uintptr_t)page - 1);
    uintptr_t end = ((uintptr_t)p + size) & ~((uintptr_t)page - 1);
    if (end > start)
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)p;
    (void)size;
#endif
}

static arena_block *block_new(size_t size)
{
    arena_block *b = malloc(sizeof *b + size);
    if (!b)
        return NULL;
    hint_huge_pages(b->data, size);
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

kiln_arena *kiln_arena_new(void)
{
    kiln_arena *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->head = block_new(ARENA_FIRST_BLOCK);
    if (!a->head) {
        free(a);
        return NULL;
    }
    return a;
}

static void free_blocks(arena_block *b)
{
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
}

void kiln_arena_free(kiln_arena *a)
{
    if (!a)
        return;
    free_blocks(a->head);
    free(a);
}

void kiln_arena_reset(kiln_arena *a)
{
    /* Keep the largest block up to ARENA_KEEP_MAX (the first block
     * always qualifies), free the others. */
    arena_block *keep = NULL;
    for (arena_block *b = a->head; b; b = b->next)
        if (b->size <= ARENA_KEEP_MAX && (!keep || b->size > keep->size))
            keep = b;
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        if (b != keep)
            free(b);
        b = next;
    }
    keep->next = NULL;
    keep->used = 0;
    a->head = keep;
    a->total_used = 0;
}

void *kiln_arena_take(kiln_arena *a, size_t size)
{
    if (size > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    size_t need = (size + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1);
    if (need == 0)
        need = ARENA_ALIGN;
    arena_block *b = a->head;
    if (b->size - b->used < need) {
        size_t bsize = b->size * 2;
        if (bsize < need)
            bsize = need;
        arena_block *nb = block_new(bsize);
        if (!nb)
            return NULL;
        nb->next = b;
        a->head = b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->total_used += need;
    return p;
}

bool kiln_arena_extend(kiln_arena *a, void *p, size_t old_size,
                       size_t new_size)
{
    arena_block *b = a->head;
    size_t old_need = (old_size + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1);
    if (old_need == 0)
        old_need = ARENA_ALIGN;
    if (new_size > SIZE_MAX - ARENA_ALIGN || new_size < old_size ||
        (unsigned char *)p + old_need != b->data + b->used)
        return false;
    size_t new_need = (new_size + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1);
    if (new_need - old_need > b->size - b->used)
        return false;
    b->used += new_need - old_need;
    a->total_used += new_need - old_need;
    return true;
}

void *kiln_arena_alloc(kiln_arena *a, size_t size)
{
    void *p = kiln_arena_take(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

void *kiln_arena_calloc(kiln_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return kiln_arena_alloc(a, n * size);
}

char *kiln_arena_strndup(kiln_arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *p = kiln_arena_take(a, len + 1); /* every byte written below */
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *kiln_arena_printf(kiln_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = kiln_arena_take(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

size_t kiln_arena_used(const kiln_arena *a)
{
    return a->total_used;
}
