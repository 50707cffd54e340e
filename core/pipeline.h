/* pipeline.h — a parsed pipeline: the stages in order with their option
 * texts (core-private).
 *
 * Three sources feed one structure: a pipeline file (INI-like), the
 * one-line form (-p 'segment ! csv table=mentions') and --set overrides.
 * Each option text remembers where it came from, so that errors name the
 * place and PATH values resolve against the right directory. Once the
 * stages are loaded, kiln_options_parse fills each stage's typed options
 * and its `effective` texts, from which kiln_pipeline_write prints the
 * fully resolved pipeline (--save-config).
 */
#ifndef KILN_PIPELINE_H
#define KILN_PIPELINE_H

#include <stdio.h>

#include "kiln/arena.h"
#include "kiln/error.h"
#include "kiln/stage.h"

/* Where a text came from; decides error prefixes and PATH resolution. */
typedef enum kiln_origin {
    KILN_ORIGIN_FILE = 0, /* a pipeline file: line is the file line */
    KILN_ORIGIN_LINE,     /* the one-line form: line is the stage number */
    KILN_ORIGIN_SET       /* --set: `set` holds the argument */
} kiln_origin;

typedef struct kiln_pipe_option {
    const char *key, *value;
    kiln_origin origin;
    unsigned line;
    const char *set;      /* the --set argument, for KILN_ORIGIN_SET */
} kiln_pipe_option;

typedef struct kiln_pipe_stage {
    const char *name;     /* "csv" */
    const char *label;    /* "csv" or "csv:targets" */
    kiln_origin origin;   /* of the section */
    unsigned line;        /* section header line, or stage number for -p */
    kiln_pipe_option *opts;
    size_t n_opts, cap_opts;
    /* Filled when the stage is loaded and its options parsed. */
    const kiln_stage *stage;
    const char *module;   /* file the stage came from */
    void *options;        /* the typed options struct (options_size) */
    const char **effective; /* per descriptor option: resolved value text */
} kiln_pipe_stage;

typedef struct kiln_pipeline {
    const char *source;   /* file name as given, or "-p" */
    const char *dir;      /* the pipeline file's directory, NULL for -p */
    const char *name;     /* [pipeline] name, "" if none */
    kiln_pipe_stage *stages;
    size_t n_stages, cap_stages;
    kiln_arena *arena;    /* every string above lives here */
} kiln_pipeline;

/* Parse a pipeline file. Returns NULL with ERR = "FILE:LINE: message". */
kiln_pipeline *kiln_pipeline_load(const char *path, kiln_error *err);

/* Parse TEXT as the contents of a pipeline file named SOURCE whose
 * relative paths resolve against DIR (for tests and --config). */
kiln_pipeline *kiln_pipeline_parse(const char *source, const char *dir,
                                   const char *text, size_t len,
                                   kiln_error *err);

/* Parse the one-line form. Errors read "-p: stage N: message". */
kiln_pipeline *kiln_pipeline_parse_line(const char *line, kiln_error *err);

/* Apply one --set LABEL.KEY=VALUE. LABEL is a section label ("csv",
 * "csv:targets") or the part after the colon when unambiguous. */
int kiln_pipeline_set(kiln_pipeline *p, const char *arg, kiln_error *err);

void kiln_pipeline_free(kiln_pipeline *p);

/* "FILE:LINE", "-p: stage N" or "--set ARG": where an option or a stage
 * came from, for error messages. Returns a string in P's arena. */
const char *kiln_pipeline_where(const kiln_pipeline *p, kiln_origin origin,
                                unsigned line, const char *set);
const char *kiln_pipe_stage_where(const kiln_pipeline *p,
                                  const kiln_pipe_stage *s);

/* The option text of KEY in S, NULL if not given. */
const kiln_pipe_option *kiln_pipe_stage_option(const kiln_pipe_stage *s,
                                               const char *key);

/* Write P, fully resolved (every option of every stage with its effective
 * value; paths absolute), as a pipeline file. Needs parsed options.
 * Returns 0 or -1 on a write error (errno set). */
int kiln_pipeline_write(const kiln_pipeline *p, FILE *f);

#endif
