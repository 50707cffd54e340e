/* runtime.h — what the core owns on behalf of running stages: the outputs
 * (core-private; stages see only the opaque struct kiln_runtime).
 *
 * Every output is a temporary file beside its destination until the run
 * ends; kiln_runtime_commit renames them into place, kiln_runtime_abort
 * removes them. Standard output and non-regular files (a pipe, /dev/full)
 * are written directly.
 */
#ifndef KILN_RUNTIME_H
#define KILN_RUNTIME_H

#include <stdbool.h>
#include <stdint.h>

#include "kiln/buf.h"
#include "kiln/error.h"
#include "kiln/stage.h"

typedef struct kiln_runtime kiln_runtime;

/* DRY_RUN: outputs are checked (directory exists, writable) but nothing
 * is created (for `kiln check`). */
kiln_runtime *kiln_runtime_new(bool dry_run);

/* -o DIR: outputs named "-" go to DIR/<name> instead, the name given by
 * kiln_runtime_begin_init. Creates DIR (one level) when missing. */
int kiln_runtime_set_dir(kiln_runtime *rt, const char *dir, kiln_error *err);

/* Before a stage's init: the file name its "-" outputs get under the -o
 * directory (NULL: none), and the layers kiln_config_require adds start
 * empty. Returns -1 when out of memory. */
int kiln_runtime_begin_init(kiln_runtime *rt, const char *default_name);

/* The layers the stage just initialized asked for with
 * kiln_config_require. */
uint32_t kiln_runtime_init_requires(const kiln_runtime *rt);

/* The run starts: what kiln_output_write got before (a header written at
 * init) is written now. Until then it is held back, so that a pipeline
 * whose later stage fails to init leaves every output untouched. Returns
 * 0, or -1 with ERR when a write failed. */
int kiln_runtime_start(kiln_runtime *rt, kiln_error *err);

/* Flush and close every output, renaming temporary files into place.
 * Returns 0, or -1 with ERR naming the first output that failed (the
 * others are still committed). */
int kiln_runtime_commit(kiln_runtime *rt, kiln_error *err);

/* Close every output and remove the temporary files. */
void kiln_runtime_abort(kiln_runtime *rt);

/* Abort unless committed, then free. NULL is allowed. */
void kiln_runtime_free(kiln_runtime *rt);

/* True once a write to some output failed: a run should stop. */
bool kiln_runtime_failed(const kiln_runtime *rt, kiln_error *err);

/* The output file names, in the order they were opened (for messages). */
size_t kiln_runtime_output_count(const kiln_runtime *rt);

#endif
