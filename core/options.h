/* options.h — typing a stage's option texts into its options struct
 * (core-private). */
#ifndef KILN_OPTIONS_H
#define KILN_OPTIONS_H

#include "kiln/error.h"
#include "kiln/stage.h"
#include "pipeline.h"

/* Check a descriptor's option table (keys, types, offsets inside
 * options_size, enum choices). FILE names the module in the message. */
int kiln_options_check_table(const kiln_stage *st, const char *file,
                             kiln_error *err);

/* Fill S->options (allocated in P's arena, options_size bytes) and
 * S->effective from S's option texts and the defaults of S->stage.
 * Unknown keys and bad values are errors naming the place, the stage and
 * the key. */
int kiln_options_parse(kiln_pipeline *p, kiln_pipe_stage *s, kiln_error *err);

/* Name of an option type as `kiln describe` prints it ("path"). */
const char *kiln_option_type_name(kiln_option_type type);

#endif
