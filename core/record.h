/* record.h — the record of an experiment: the fully resolved pipeline
 * that --save-config writes, with kiln's version and the SHA-256 of every
 * lexicon, and the check `kiln run --config` makes before running it again
 * (core-private).
 */
#ifndef KILN_RECORD_H
#define KILN_RECORD_H

#include <stdio.h>

#include "kiln/error.h"
#include "pipeline.h"

/* Write P (options parsed) as a pipeline file: a header naming kiln's
 * version and the stage ABI; every stage with every option at its
 * effective value (paths absolute); after each PATH option of a stage
 * that provides a layer (a lexicon, not an exporter's output) that names
 * a readable file, a `# sha256 HEX` line; after each section header a
 * `# module FILE` line. Returns 0, or -1 on a write error (errno set). */
int kiln_record_write(const kiln_pipeline *p, FILE *f);

/* Check the saved pipeline PATH before it runs again: every `# sha256`
 * line must still match the file of the option just above it. A changed
 * or missing lexicon is an error "PATH:LINE: ..." (returns -1); another
 * kiln version is one warning line on WARN. Returns 0 when it may run. */
int kiln_record_verify(const char *path, FILE *warn, kiln_error *err);

#endif
