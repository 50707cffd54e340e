/* fuzz.h — helpers shared by the fuzz harnesses (tests/fuzz/fuzz-*.c).
 *
 * Each harness defines LLVMFuzzerTestOneInput. Built with clang and
 * -fsanitize=fuzzer (make fuzz) it is a libFuzzer target; built with the
 * normal compiler and replay.c (make check) it replays the seed corpora
 * and every input in tests/fuzz/regressions/ through the same code.
 * Stage states are opened once, on first use, and kept for the process
 * (read-only after init, like in the runner).
 */
#ifndef KILN_FUZZ_H
#define KILN_FUZZ_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiln/kiln.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Source directory holding data/ (lexicons): $KILN_DATA_PATH, else the
 * source tree the harness was built from. */
static inline const char *fuzz_data_dir(void)
{
    const char *d = getenv("KILN_DATA_PATH");
#ifdef KILN_FUZZ_SRCDIR
    if (!d || !*d)
        d = KILN_FUZZ_SRCDIR;
#endif
    return d && *d ? d : ".";
}

/* Abort loudly: a harness set-up failure is not a finding of the input. */
static inline void fuzz_die(const char *what, const kiln_error *err)
{
    fprintf(stderr, "fuzz harness: %s: %s\n", what, err ? err->message : "");
    abort();
}

/* Open one stage instance with string/path options given as KEY, VALUE
 * pairs (NULL-terminated); other options stay zero. Relative lexicon
 * names are resolved against the data directory. */
static inline void *fuzz_stage_open(const kiln_stage *stage, ...)
{
    static char paths[8][4096];
    static int n_paths;
    /* options structs live as long as the states (static: no leak) */
    static _Alignas(max_align_t) unsigned char store[8][512];
    static int n_store;
    if (stage->options_size > sizeof store[0] || n_store == 8)
        abort();
    void *opts = store[n_store++];
    va_list ap;
    va_start(ap, stage);
    const char *key;
    while ((key = va_arg(ap, const char *))) {
        const char *value = va_arg(ap, const char *);
        const kiln_option *o = stage->options;
        while (o && o->key && strcmp(o->key, key) != 0)
            o++;
        if (!o || !o->key || n_paths == 8)
            abort();
        char *p = paths[n_paths++];
        snprintf(p, sizeof paths[0], "%s/%s", fuzz_data_dir(), value);
        memcpy((char *)opts + o->offset, &p, sizeof p);
    }
    va_end(ap);
    kiln_config cfg = {.name = stage->name, .label = stage->name,
                       .options = opts, .source = "fuzz", .line = 1};
    void *state = NULL;
    kiln_error err = {0};
    if (stage->init(&cfg, &state, &err) < 0)
        fuzz_die(stage->name, &err);
    return state;
}

#endif
