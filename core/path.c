/* path.c — joining and splitting file names. */
#include "path.h"

#include <stdlib.h>
#include <string.h>

#ifndef KILN_DATADIR
#define KILN_DATADIR "/usr/local/share/kiln"
#endif

char *kiln_path_join(kiln_arena *arena, const char *base, const char *rel)
{
    if (rel[0] == '/' || strcmp(rel, "-") == 0 || rel[0] == '\0' || !base ||
        strcmp(base, ".") == 0 || base[0] == '\0')
        return kiln_arena_strndup(arena, rel, strlen(rel));
    size_t n = strlen(base);
    while (n > 1 && base[n - 1] == '/')
        n--;
    return kiln_arena_printf(arena, "%.*s/%s", (int)n, base, rel);
}

char *kiln_path_dir(kiln_arena *arena, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return kiln_arena_strndup(arena, ".", 1);
    if (slash == path)
        return kiln_arena_strndup(arena, "/", 1);
    return kiln_arena_strndup(arena, path, (size_t)(slash - path));
}

const char *kiln_data_dir(void)
{
    const char *env = getenv("KILN_DATA_PATH");
    return env && *env ? env : KILN_DATADIR;
}
