/* kiln/error.h — how stages and the core report failures.
 *
 * A failure a user can cause is one line: where (file, line or byte
 * offset), what happened, and where useful what to try. Functions that can
 * fail take a kiln_error * and return 0 on success, -1 on failure after
 * filling it.
 */
#ifndef KILN_ERROR_H
#define KILN_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

/* Exit codes of the kiln command (documented in the README). */
enum kiln_exit {
    KILN_EXIT_OK = 0,        /* every document processed */
    KILN_EXIT_DOC_FAILED = 1, /* some documents failed; the others' output is complete */
    KILN_EXIT_USAGE = 2      /* usage or pipeline error, before any document */
};

#define KILN_ERROR_MAX 1024

typedef struct kiln_error {
    char message[KILN_ERROR_MAX]; /* one line, no trailing newline */
} kiln_error;

/* Format MESSAGE into ERR (truncated safely); always returns -1 so a
 * caller can write `return kiln_error_set(err, ...);`. ERR may be NULL. */
int kiln_error_set(kiln_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prepend "PREFIX: " to the message already in ERR (e.g. the file name
 * the caller knows and the callee did not). Returns -1. */
int kiln_error_prefix(kiln_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif
#endif
