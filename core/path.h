/* path.h — joining and splitting file names (core-private). */
#ifndef KILN_PATH_H
#define KILN_PATH_H

#include "kiln/arena.h"

/* BASE/REL in ARENA, or REL itself when it is absolute, when BASE is NULL
 * or ".", or when REL is "-" (standard input/output is never a file). */
char *kiln_path_join(kiln_arena *arena, const char *base, const char *rel);

/* The directory part of PATH ("." when it has none), in ARENA. */
char *kiln_path_dir(kiln_arena *arena, const char *path);

/* The data directory: KILN_DATA_PATH, else the compiled-in KILN_DATADIR. */
const char *kiln_data_dir(void);

#endif
