/* loader.h — finding and loading stage modules (core-private). All of
 * libltdl is behind this interface, in loader.c.
 *
 * Search path, in order: --plugin-path directories, then KILN_PLUGIN_PATH
 * (colon-separated), then the installed module directory. A stage NAME is
 * DIR/NAME.la or DIR/NAME.so; a name found in two directories is an error
 * (no silent shadowing). Modules are loaded with local binding, made
 * resident and never unloaded.
 */
#ifndef KILN_LOADER_H
#define KILN_LOADER_H

#include <stddef.h>

#include "kiln/error.h"
#include "kiln/stage.h"

typedef struct kiln_loader kiln_loader;

/* A loader searching EXTRA_DIRS (from --plugin-path; each must exist),
 * then the environment, then the compiled-in directory. */
kiln_loader *kiln_loader_new(const char *const *extra_dirs, size_t n_extra,
                             kiln_error *err);
void kiln_loader_free(kiln_loader *l);

/* Find, load and check stage NAME. On success *STAGE is the checked
 * descriptor and *FILE the module file (both live until exit). Errors are
 * one line without a location prefix, e.g. "no stage 'numbrs' in
 * KILN_PLUGIN_PATH=... or /usr/lib/kiln (did you mean 'numbers'?)". */
int kiln_loader_find(kiln_loader *l, const char *name, const kiln_stage **stage,
                     const char **file, kiln_error *err);

/* Load and check the module at FILE as stage NAME (used by
 * kiln_loader_find; exposed for tests). */
int kiln_loader_open_file(kiln_loader *l, const char *file, const char *name,
                          const kiln_stage **stage, kiln_error *err);

/* Every stage on the search path, sorted by name; a stage that fails to
 * load has stage == NULL and its error in `error`. */
typedef struct kiln_stage_entry {
    const char *name;
    const char *file;        /* NULL if the error came before a file */
    const kiln_stage *stage;
    const char *error;
} kiln_stage_entry;

/* Returns the number of entries (in *OUT, owned by L) or -1 (out of
 * memory). */
long kiln_loader_list(kiln_loader *l, const kiln_stage_entry **out);

/* The search path as a person reads it ("--plugin-path a, KILN_PLUGIN_PATH=b
 * or /usr/lib/kiln"). */
const char *kiln_loader_describe_path(const kiln_loader *l);

#endif
