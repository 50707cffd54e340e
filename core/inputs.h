/* inputs.h — turning command-line arguments into documents' bytes
 * (core-private).
 *
 * Two formats: plain text (one file, one document) and JSON Lines (one
 * document a line, read as a stream, never the whole file). The reader
 * (kiln_source) only splits the input into raw items; decoding a JSON line
 * (kiln_item_decode) is left to the worker threads so that it runs in
 * parallel.
 */
#ifndef KILN_INPUTS_H
#define KILN_INPUTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiln/error.h"

typedef enum kiln_input_format {
    KILN_INPUT_TEXT = 0, /* each file is one document */
    KILN_INPUT_JSONL     /* each line of each file is one JSON object */
} kiln_input_format;

typedef struct kiln_input_options {
    kiln_input_format format;
    const char *glob;       /* names taken from directories; NULL: *.txt,
                               or *.jsonl for JSON Lines */
    size_t max_doc_size;    /* bytes of one document (file or line) */
    const char *id_field;   /* JSON Lines: NULL means "id" */
    const char *text_field; /* JSON Lines: NULL means "text" */
} kiln_input_options;

/* Expand ARGS into document paths: files as given, directories walked
 * recursively for the files whose name matches GLOB (fnmatch; NULL means
 * *.txt), hidden entries and symlinked directories skipped, in byte order,
 * "-" kept. A directory that cannot be read or holds no matching file stays
 * in the list as is, so that reading it fails with one clear line. Returns
 * a malloc'd NULL-terminated array (free with kiln_inputs_free), or NULL
 * when out of memory. */
char **kiln_inputs_expand(char *const *args, size_t n, const char *glob,
                          size_t *n_out);
void kiln_inputs_free(char **paths);

/* Read PATH ("-" for standard input), at most MAX bytes, into a malloc'd
 * buffer. Errors read "too large: ..." or the system's reason; the caller
 * puts the file name in front. */
int kiln_input_read(const char *path, size_t max, char **bytes, size_t *len,
                    kiln_error *err);

/* One raw document as read: a whole file, or one line of a JSON Lines
 * file. Its buffers are reused from one document to the next. */
typedef struct kiln_item {
    const char *path;  /* the input file; valid while the source lives */
    size_t line;       /* JSON Lines: 1-based line number; 0 for text */
    bool jsonl;        /* data is a JSON line still to decode */
    char *data;        /* the bytes (malloc'd, owned by the item) */
    size_t len, cap;
    bool failed;       /* reading failed: err says why */
    kiln_error err;
} kiln_item;

void kiln_item_free(kiln_item *item);

/* The documents of a list of paths, in order. */
typedef struct kiln_source kiln_source;

/* PATHS (from kiln_inputs_expand) must outlive the source. NULL when out
 * of memory. */
kiln_source *kiln_source_new(char *const *paths, size_t n,
                             const kiln_input_options *opts);
void kiln_source_free(kiln_source *src);

/* Fill ITEM with the next document: 1, or 0 after the last one. A file
 * that cannot be read is one item with failed set. */
int kiln_source_next(kiln_source *src, kiln_item *item);

/* Bytes of input in all (0 when unknown: a pipe), and read so far. */
uint64_t kiln_source_total_bytes(const kiln_source *src);
uint64_t kiln_source_read_bytes(const kiln_source *src);

/* A decoded JSON line: pointers into the parsed object. */
typedef struct kiln_decoded {
    const char *id;    /* the id field as text, or FILE:LINE without one */
    const char *text;  /* the text field (may hold NUL bytes: see len) */
    size_t len;
    void *json;        /* the parsed object, owner of id and text */
    char *id_owned;    /* id when made here */
    char id_buf[32];   /* id when it is a JSON integer */
} kiln_decoded;

/* Decode a JSON Lines item into OUT. Returns 0, or -1 with ERR saying what
 * is wrong with the line (malformed JSON with its column, no text field
 * ...); release OUT with kiln_decoded_free either way. */
int kiln_item_decode(const kiln_item *item, const kiln_input_options *opts,
                     kiln_decoded *out, kiln_error *err);
void kiln_decoded_free(kiln_decoded *d);

struct kiln_doc;

/* The fast way for most lines: decode a JSON Lines item straight into DOC
 * (as kiln_item_decode then kiln_doc_load would). Returns 0 when DOC holds
 * it, -1 with ERR set (out of memory, text too large), or 1 when the line
 * needs kiln_item_decode (malformed, or a rare form): DOC is then to be
 * loaded again. */
int kiln_item_load(const kiln_item *item, const kiln_input_options *opts,
                   struct kiln_doc *doc, size_t input_no, kiln_error *err);

#endif
