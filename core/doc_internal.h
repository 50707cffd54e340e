/* doc_internal.h — the core's side of kiln_doc: life cycle and outputs. */
#ifndef KILN_DOC_INTERNAL_H
#define KILN_DOC_INTERNAL_H

#include "kiln/doc.h"
#include "kiln/stage.h"

/* A document object reused for many documents (one per worker). */
kiln_doc *kiln_doc_new(void);
void kiln_doc_free(kiln_doc *doc);

/* Forget the previous document (arena reset, layers emptied, output
 * buffers cleared but kept) and take a copy of BYTES as the original. */
int kiln_doc_load(kiln_doc *doc, const char *id, size_t input_no,
                  const char *bytes, size_t len);

/* The same in two steps, for a caller that writes the original in place:
 * forget the previous document and return a buffer of CAP + 1 bytes in
 * its arena (NULL when out of memory) ... */
char *kiln_doc_begin(kiln_doc *doc, size_t input_no, size_t cap);
/* ... then, once LEN <= CAP bytes are written, NUL-terminate them and
 * make them the original; ID must live in the arena. */
void kiln_doc_commit(kiln_doc *doc, const char *id, size_t len);
/* Note that the loaded original is valid UTF-8 without NUL bytes, so
 * stages need not check it again (kiln_doc_original_checked). */
void kiln_doc_mark_checked(kiln_doc *doc);

/* The output buffers the document's stages filled, in the order the
 * outputs were first used. */
size_t kiln_doc_output_count(const kiln_doc *doc);
kiln_buf *kiln_doc_output_at(kiln_doc *doc, size_t i, kiln_output **out);

#endif
