/* json_fields.h — a fast reader for the two members kiln takes from a
 * JSON line (core-private).
 *
 * jansson builds a tree of every member of a line, then kiln copies two of
 * them out; on JSON Lines input that cost more than several stages. This
 * reader checks the whole line strictly (RFC 8259, as jansson does with
 * JSON_ALLOW_NUL) but keeps only the id and the text, decoding the text
 * straight into the caller's buffer. It accepts a subset of what jansson
 * accepts and gives the same values; a line outside that subset (any
 * error, and a few rare valid forms) is left to jansson, which then also
 * words the error exactly as before.
 */
#ifndef KILN_JSON_FIELDS_H
#define KILN_JSON_FIELDS_H

#include <stddef.h>

typedef enum kiln_json_kind {
    KILN_JSON_ABSENT = 0, /* no member of that name */
    KILN_JSON_STRING,
    KILN_JSON_INTEGER,    /* an integer that jansson keeps as one */
    KILN_JSON_OTHER       /* a real, true, false, null, object, array */
} kiln_json_kind;

/* What the reader found; for duplicate names, the last member wins (as in
 * jansson). */
typedef struct kiln_json_fields {
    kiln_json_kind text_kind;
    size_t text_len;     /* STRING: decoded bytes written to the buffer */
    kiln_json_kind id_kind;
    const char *id_raw;  /* STRING: its bytes between the quotes, checked */
    size_t id_raw_len;
    long long id_int;    /* INTEGER */
} kiln_json_fields;

/* Read LINE (LEN bytes), which must be exactly one JSON object and
 * whitespace. The last string member named TEXT_KEY is decoded into TEXT,
 * which must have room for LEN bytes (not NUL-terminated). Returns 0, or
 * -1 when the line is not in the subset this reader is sure of: malformed
 * JSON, or valid but rare forms (a key with an escape, a number with an
 * exponent or more than 18 integer digits, nesting deeper than 200). */
int kiln_json_fields_read(const char *line, size_t len, const char *id_key,
                          const char *text_key, char *text,
                          kiln_json_fields *out);

/* Decode the bytes of a string the reader checked (id_raw) into OUT, which
 * needs LEN + 1 bytes; NUL-terminates and returns the decoded length. */
size_t kiln_json_unescape(const char *raw, size_t len, char *out);

#endif
