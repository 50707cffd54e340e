/* kiln/stage.h — the stage ABI.
 *
 * A stage is a shared object (a libtool module) that exports exactly one
 * symbol, `kiln_stage_<name>` (dashes in the name become underscores), a
 * kiln_stage descriptor. Everything else in the module is static. The core
 * loads it with local binding, checks the descriptor, and never unloads it
 * before exit.
 *
 * Life of a stage instance (one per section of a pipeline file):
 *   init    once, single-threaded: read options and lexicons, open outputs.
 *   process once per document, possibly from many threads at once: the
 *           state is read-only after init; per-document data goes into the
 *           document's arena or output buffers.
 *   finish  once after the last document (optional): write summaries.
 *   fini    once: free the state.
 *
 * ABI versioning: the core accepts a module whose abi_major equals
 * KILN_ABI_MAJOR and whose abi_minor is not newer than KILN_ABI_MINOR, and
 * whose struct_size equals sizeof(kiln_stage). A minor bump may only add
 * things a module built earlier can ignore (new helper functions, new
 * layer bits, new option types); anything else is a major bump.
 */
#ifndef KILN_STAGE_H
#define KILN_STAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiln/buf.h"
#include "kiln/doc.h"
#include "kiln/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KILN_ABI_MAJOR 1
#define KILN_ABI_MINOR 1

/* Option types, and the C type the core stores at `offset`. */
typedef enum kiln_option_type {
    KILN_OPT_STRING = 1, /* const char *            */
    KILN_OPT_PATH,       /* const char *, resolved: relative to the pipeline
                            file, to the working directory for --set and -p,
                            and to the data directory for defaults */
    KILN_OPT_INT,        /* int64_t                 */
    KILN_OPT_DOUBLE,     /* double                  */
    KILN_OPT_BOOL,       /* bool: yes/no, true/false, on/off, 1/0 */
    KILN_OPT_ENUM        /* int: index into `choices` ("a|b|c") */
} kiln_option_type;

/* One typed option, documented where it is declared. A stage's table ends
 * with an entry whose key is NULL. */
typedef struct kiln_option {
    const char *key;           /* [a-z0-9_]+ */
    kiln_option_type type;
    const char *default_value; /* as text; NULL means "no default": an
                                  empty string or 0 */
    size_t offset;             /* offsetof(options struct, field) */
    const char *help;          /* one line for `kiln describe` */
    const char *choices;       /* KILN_OPT_ENUM: "segments|mentions" */
} kiln_option;

/* What init receives for one pipeline section. */
typedef struct kiln_config {
    const char *name;          /* stage name: "csv" */
    const char *label;         /* section label: "csv" or "csv:targets";
                                  use it as provenance in records */
    const void *options;       /* the stage's options struct, filled by the
                                  core from the option table */
    const char *source;        /* pipeline file (or "-p", "--config") */
    unsigned line;             /* line of the section header */
    struct kiln_runtime *runtime; /* core-owned; pass to kiln_output_open */
} kiln_config;

typedef struct kiln_stage {
    uint16_t abi_major, abi_minor;
    uint32_t struct_size;        /* sizeof(kiln_stage) the module saw */
    const char *name;            /* [a-z0-9_-]+, equals the symbol suffix */
    const char *summary;         /* one line for `kiln stages` */
    const kiln_option *options;  /* NULL or terminated by a NULL key */
    size_t options_size;         /* sizeof the options struct */
    uint32_t requires, provides; /* enum kiln_layer bits */
    int (*init)(const kiln_config *cfg, void **state, kiln_error *err);
    int (*process)(void *state, kiln_doc *doc, kiln_error *err);
    int (*finish)(void *state, kiln_error *err); /* may be NULL */
    void (*fini)(void *state);                   /* may be NULL */
    void *reserved[4];                           /* zero */
} kiln_stage;

/* Fill the ABI fields of a descriptor: use as the first initializers,
 * `KILN_STAGE_HEADER, .name = "numbers", ...`. */
#define KILN_STAGE_HEADER                                                  \
    .abi_major = KILN_ABI_MAJOR, .abi_minor = KILN_ABI_MINOR,              \
    .struct_size = (uint32_t)sizeof(kiln_stage)

/* The one exported symbol of a module. */
#if defined(__GNUC__)
#define KILN_STAGE_EXPORT __attribute__((visibility("default")))
#else
#define KILN_STAGE_EXPORT
#endif
#define KILN_STAGE_SYMBOL_PREFIX "kiln_stage_"

/* At init: the layers this instance needs beyond the descriptor's
 * `requires`, known only from its options (csv table=targets needs
 * comparisons). The core checks them after every stage's init, before any
 * document, and fails the pipeline as it does for `requires`. */
void kiln_config_require(const kiln_config *cfg, uint32_t layers);

/* ---- Outputs -------------------------------------------------------- */

/* An output destination owned by the core: stdout ("-") or a file, shared
 * by every stage instance that names the same path, written atomically
 * (temporary file renamed at the end of a successful run). */
typedef struct kiln_output kiln_output;

/* At init: open PATH ("-" for standard output). Returns NULL and fills ERR
 * when the path cannot be created. */
kiln_output *kiln_output_open(const kiln_config *cfg, const char *path,
                              kiln_error *err);

/* At init or finish (single-threaded): write bytes straight to the output,
 * e.g. a header row. Returns 0 or -1 with ERR filled. */
int kiln_output_write(kiln_output *out, const void *p, size_t n,
                      kiln_error *err);

/* In process: the document's buffer for OUT. The runner writes it out
 * after the document's last stage, whole and in input order; if the
 * document fails, the buffer is discarded. NULL when out of memory. */
kiln_buf *kiln_doc_output(kiln_doc *doc, kiln_output *out);

#ifdef __cplusplus
}
#endif
#endif
