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

#include "inputs.h"
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

/* What kiln_runner_new_with sets up beyond the stages. */
typedef struct kiln_runner_config {
    bool dry_run;        /* create no output files (`kiln check`) */
    const char *out_dir; /* -o DIR: outputs named "-" become files
                            DIR/<table>.<stage> (csv table=targets:
                            targets.csv), or DIR/<label>.<stage> for a
                            stage without a table option */
} kiln_runner_config;

/* kiln_runner_new with more settings. Besides the static layer check, the
 * layers stages ask for at init (kiln_config_require) are checked after
 * the last init. */
kiln_runner *kiln_runner_new_with(kiln_pipeline *p, kiln_loader *l,
                                  const kiln_runner_config *c,
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

/* How kiln_runner_run_batch reads and runs. */
typedef struct kiln_run_options {
    kiln_input_options input;
    unsigned jobs;  /* worker threads; 0: one per online core */
    bool quiet;     /* no progress line even on a terminal */
    bool stats;     /* per-stage times and rates on ERRS at the end */
} kiln_run_options;

/* The whole run, with -j worker threads: documents are read in order by
 * the calling thread, processed by the workers (one kiln_doc each, within
 * a bounded window of documents in flight), and their output and error
 * lines written in input order, so the output is byte-identical whatever
 * the number of threads. A progress line goes to ERRS when it is a
 * terminal and there is more than one document. Returns a kiln_exit code. */
int kiln_runner_run_batch(kiln_runner *r, char *const *paths, size_t n_paths,
                          const kiln_run_options *o, FILE *errs);

/* Name of a layer bit ("mentions"), and of a set of them ("text, segments"). */
const char *kiln_layer_name(uint32_t bit);

#endif
