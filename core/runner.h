/* runner.h — instantiating a pipeline's stages and running documents
 * through them (core-private).
 *
 * The work splits so that a later `-j N` only adds threads: process() runs
 * one document on one kiln_doc (one per worker, state read-only), emit()
 * writes a processed document's output buffers, and the caller calls emit
 * in input order.
 */
#ifndef KILN_RUNNER_H
#define KILN_RUNNER_H

#include <stdbool.h>
#include <stdio.h>

#include "kiln/doc.h"
#include "kiln/error.h"
#include "loader.h"
#include "pipeline.h"

typedef struct kiln_runner kiln_runner;

/* Load every stage of P, parse its options, check that each stage's
 * required layers are provided by an earlier stage, then init the stages
 * in order. DRY_RUN creates no output files (`kiln check`). Errors name
 * the pipeline file and line. A stage whose init fails has cleaned up
 * after itself (its fini is not called); the stages before it are
 * fini'd. P and L must outlive the runner. */
kiln_runner *kiln_runner_new(kiln_pipeline *p, kiln_loader *l, bool dry_run,
                             kiln_error *err);

/* Run every stage on DOC (already loaded). */
int kiln_runner_process(kiln_runner *r, kiln_doc *doc, kiln_error *err);

/* Append DOC's output buffers to their outputs. Call in input order. */
int kiln_runner_emit(kiln_runner *r, kiln_doc *doc, kiln_error *err);

/* Call every stage's finish, then commit the outputs (rename temporary
 * files into place). */
int kiln_runner_finish(kiln_runner *r, kiln_error *err);

/* fini every stage; outputs not committed are removed. */
void kiln_runner_free(kiln_runner *r);

/* The whole run: every input through the pipeline, failures reported on
 * ERRS as "kiln: FILE: message". Returns a kiln_exit code. */
int kiln_runner_run(kiln_runner *r, char *const *inputs, size_t n_inputs,
                    size_t max_doc_size, FILE *errs);

/* Name of a layer bit ("mentions"), and of a set of them ("text, segments"). */
const char *kiln_layer_name(uint32_t bit);

#endif
