/* loader.c — the only file that talks to libltdl. */
#include "config.h"

#include "loader.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <ltdl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiln/arena.h"
#include "kiln/buf.h"
#include "options.h"
#include "suggest.h"

#ifndef KILN_STAGEDIR
#define KILN_STAGEDIR "/usr/local/lib/kiln"
#endif

typedef struct loaded {
    const char *name, *file;
    const kiln_stage *stage;
} loaded;

struct kiln_loader {
    kiln_arena *arena;
    const char **dirs;      /* search order, existing, each once */
    size_t n_dirs;
    const char *path_text;  /* for messages */
    loaded *cache;
    size_t n_cache, cap_cache;
    kiln_stage_entry *list;
    size_t n_list;
    lt_dladvise advise;
};

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Add DIR unless the same directory is already searched (the build tree
 * named by both --plugin-path and KILN_PLUGIN_PATH is not a duplicate). */
static int add_dir(kiln_loader *l, const char *dir, size_t len, size_t *cap)
{
    char *d = kiln_arena_strndup(l->arena, dir, len);
    if (!d)
        return -1;
    if (!is_dir(d))
        return 0;
    char *real = realpath(d, NULL);
    if (!real)
        return 0;
    for (size_t i = 0; i < l->n_dirs; i++) {
        char *other = realpath(l->dirs[i], NULL);
        bool same = other && strcmp(other, real) == 0;
        free(other);
        if (same) {
            free(real);
            return 0;
        }
    }
    free(real);
    if (l->n_dirs == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        const char **n = realloc(l->dirs, *cap * sizeof *n);
        if (!n)
            return -1;
        l->dirs = n;
    }
    l->dirs[l->n_dirs++] = d;
    return 0;
}

kiln_loader *kiln_loader_new(const char *const *extra_dirs, size_t n_extra,
                             kiln_error *err)
{
    kiln_loader *l = calloc(1, sizeof *l);
    if (!l || !(l->arena = kiln_arena_new())) {
        free(l);
        kiln_error_set(err, "out of memory");
        return NULL;
    }
    if (lt_dlinit() != 0 || lt_dladvise_init(&l->advise) != 0 ||
        lt_dladvise_ext(&l->advise) != 0 || lt_dladvise_local(&l->advise) != 0 ||
        lt_dladvise_resident(&l->advise) != 0) {
        kiln_error_set(err, "cannot initialise libltdl: %s", lt_dlerror());
        kiln_loader_free(l);
        return NULL;
    }
    size_t cap = 0;
    kiln_buf text = {0};
    for (size_t i = 0; i < n_extra; i++) {
        if (!is_dir(extra_dirs[i])) {
            kiln_error_set(err, "--plugin-path %s: no such directory", extra_dirs[i]);
            kiln_loader_free(l);
            return NULL;
        }
        if (add_dir(l, extra_dirs[i], strlen(extra_dirs[i]), &cap) < 0)
            goto oom;
        kiln_buf_printf(&text, "%s%s", i ? ", " : "--plugin-path ", extra_dirs[i]);
    }
    const char *env = getenv("KILN_PLUGIN_PATH");
    if (env && *env) {
        for (const char *p = env;;) {
            const char *colon = strchr(p, ':');
            size_t len = colon ? (size_t)(colon - p) : strlen(p);
            if (len && add_dir(l, p, len, &cap) < 0)
                goto oom;
            if (!colon)
                break;
            p = colon + 1;
        }
        kiln_buf_printf(&text, "%sKILN_PLUGIN_PATH=%s", text.len ? ", " : "", env);
    }
    /* KILN_STAGEDIR stands in for the compiled-in module directory (an
     * uninstalled build tree, a staged install), so that an installed kiln's
     * stages never meet the build tree's as duplicates. */
    const char *stagedir = getenv("KILN_STAGEDIR");
    if (!stagedir || !*stagedir)
        stagedir = KILN_STAGEDIR;
    if (add_dir(l, stagedir, strlen(stagedir), &cap) < 0)
        goto oom;
    kiln_buf_printf(&text, "%s%s", text.len ? " or " : "", stagedir);
    l->path_text = text.data ? kiln_arena_strndup(l->arena, text.data, text.len) : "";
    kiln_buf_free(&text);
    if (!l->path_text)
        goto oom;
    return l;
oom:
    kiln_buf_free(&text);
    kiln_error_set(err, "out of memory");
    kiln_loader_free(l);
    return NULL;
}

void kiln_loader_free(kiln_loader *l)
{
    if (!l)
        return;
    /* Modules stay loaded (resident): their strings may still be in use,
     * and unloading buys nothing in a process about to exit. */
    lt_dladvise_destroy(&l->advise);
    free(l->dirs);
    free(l->cache);
    free(l->list);
    kiln_arena_free(l->arena);
    free(l);
}

const char *kiln_loader_describe_path(const kiln_loader *l)
{
    return l->path_text;
}

int kiln_loader_open_file(kiln_loader *l, const char *file, const char *name,
                          const kiln_stage **stage, kiln_error *err)
{
    lt_dlhandle h = lt_dlopenadvise(file, l->advise);
    if (!h) {
        const char *why = lt_dlerror();
        return kiln_error_set(err, "%s: cannot load stage module: %s (check its "
                              "libraries with ldd)", file, why ? why : "unknown error");
    }
    char *sym = kiln_arena_printf(l->arena, "%s%s", KILN_STAGE_SYMBOL_PREFIX, name);
    if (!sym)
        return kiln_error_set(err, "out of memory");
    for (char *c = sym; *c; c++)
        if (*c == '-')
            *c = '_';
    const kiln_stage *st = lt_dlsym(h, sym);
    if (!st)
        return kiln_error_set(err, "%s: no symbol '%s': not a kiln stage, or "
                              "built for another name", file, sym);
    /* The version fields come first in every ABI: read nothing else of a
     * descriptor until they say its layout is ours. */
    if (st->abi_major != KILN_ABI_MAJOR || st->abi_minor > KILN_ABI_MINOR)
        return kiln_error_set(err, "%s: stage ABI %u.%u, this kiln supports "
                              "%d.%d (rebuild the stage against kiln %s)", file,
                              st->abi_major, st->abi_minor, KILN_ABI_MAJOR,
                              KILN_ABI_MINOR, PACKAGE_VERSION);
    if (st->struct_size != sizeof(kiln_stage))
        return kiln_error_set(err, "%s: stage ABI %u.%u descriptor of %u bytes, "
                              "this kiln (ABI %d.%d) expects %zu bytes (rebuild "
                              "the stage against kiln %s)", file, st->abi_major,
                              st->abi_minor, st->struct_size, KILN_ABI_MAJOR,
                              KILN_ABI_MINOR, sizeof(kiln_stage), PACKAGE_VERSION);
    if (!st->name || strcmp(st->name, name) != 0)
        return kiln_error_set(err, "%s: descriptor names stage '%s', but the file "
                              "is named for '%s'", file, st->name ? st->name : "(null)",
                              name);
    if (!st->init || !st->process)
        return kiln_error_set(err, "%s: stage '%s' has no %s function", file,
                              name, st->init ? "process" : "init");
    if (kiln_options_check_table(st, file, err) < 0)
        return -1;
    *stage = st;
    return 0;
}

/* The module file for NAME in DIR, or NULL. A .la is preferred: in a build
 * tree it is what points at .libs/NAME.so. */
static const char *module_in(kiln_loader *l, const char *dir, const char *name)
{
    static const char *const exts[] = {".la", ".so"};
    for (size_t i = 0; i < 2; i++) {
        char *f = kiln_arena_printf(l->arena, "%s/%s%s", dir, name, exts[i]);
        if (f && is_file(f))
            return f;
    }
    return NULL;
}

static bool valid_stage_name(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
              *s == '-'))
            return false;
    return true;
}

/* Stage names on the search path (each once), sorted. */
static int compare_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static long all_names(kiln_loader *l, const char ***out)
{
    const char **names = NULL;
    size_t n = 0, cap = 0;
    for (size_t d = 0; d < l->n_dirs; d++) {
        DIR *dir = opendir(l->dirs[d]);
        if (!dir)
            continue;
        struct dirent *e;
        while ((e = readdir(dir))) {
            size_t len = strlen(e->d_name);
            if (len < 4 || (strcmp(e->d_name + len - 3, ".la") != 0 &&
                            strcmp(e->d_name + len - 3, ".so") != 0))
                continue;
            char *name = kiln_arena_strndup(l->arena, e->d_name, len - 3);
            if (!name || !valid_stage_name(name))
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 32;
                const char **nn = realloc(names, cap * sizeof *nn);
                if (!nn) {
                    closedir(dir);
                    free(names);
                    return -1;
                }
                names = nn;
            }
            names[n++] = name;
        }
        closedir(dir);
    }
    if (n)
        qsort(names, n, sizeof *names, compare_str);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || strcmp(names[u - 1], names[i]) != 0)
            names[u++] = names[i];
    *out = names;
    return (long)u;
}

int kiln_loader_find(kiln_loader *l, const char *name, const kiln_stage **stage,
                     const char **file, kiln_error *err)
{
    for (size_t i = 0; i < l->n_cache; i++)
        if (strcmp(l->cache[i].name, name) == 0) {
            *stage = l->cache[i].stage;
            *file = l->cache[i].file;
            return 0;
        }
    const char *found = NULL;
    for (size_t d = 0; d < l->n_dirs; d++) {
        const char *f = module_in(l, l->dirs[d], name);
        if (!f)
            continue;
        if (found)
            return kiln_error_set(err, "stage '%s' found twice: %s and %s (remove "
                                  "one, or take its directory off the search path)",
                                  name, found, f);
        found = f;
    }
    if (!found) {
        kiln_suggest sg;
        kiln_suggest_init(&sg, name);
        const char **names = NULL;
        long n = all_names(l, &names);
        for (long i = 0; i < n; i++)
            kiln_suggest_try(&sg, names[i]);
        int rc;
        if (sg.best)
            rc = kiln_error_set(err, "no stage '%s' in %s (did you mean '%s'?)",
                                name, l->path_text, sg.best);
        else
            rc = kiln_error_set(err, "no stage '%s' in %s (`kiln stages` lists "
                                "the stages found)", name, l->path_text);
        free(names);
        return rc;
    }
    const kiln_stage *st;
    if (kiln_loader_open_file(l, found, name, &st, err) < 0)
        return -1;
    if (l->n_cache == l->cap_cache) {
        size_t cap = l->cap_cache ? l->cap_cache * 2 : 16;
        loaded *c = realloc(l->cache, cap * sizeof *c);
        if (!c)
            return kiln_error_set(err, "out of memory");
        l->cache = c;
        l->cap_cache = cap;
    }
    l->cache[l->n_cache++] = (loaded){.name = kiln_arena_strndup(l->arena, name,
                                                                 strlen(name)),
                                      .file = found, .stage = st};
    if (!l->cache[l->n_cache - 1].name)
        return kiln_error_set(err, "out of memory");
    *stage = st;
    *file = found;
    return 0;
}

long kiln_loader_list(kiln_loader *l, const kiln_stage_entry **out)
{
    const char **names = NULL;
    long n = all_names(l, &names);
    if (n < 0)
        return -1;
    free(l->list);
    l->list = calloc((size_t)n + 1, sizeof *l->list);
    if (!l->list) {
        free(names);
        return -1;
    }
    for (long i = 0; i < n; i++) {
        kiln_stage_entry *e = &l->list[i];
        kiln_error err;
        e->name = names[i];
        if (kiln_loader_find(l, names[i], &e->stage, &e->file, &err) < 0) {
            e->stage = NULL;
            e->file = NULL;
            e->error = kiln_arena_strndup(l->arena, err.message, strlen(err.message));
        }
    }
    free(names);
    l->n_list = (size_t)n;
    *out = l->list;
    return n;
}
