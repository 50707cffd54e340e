/* segment.h — the parts of the segment stage, private to its module.
 *
 *   line.c       what a line looks like, and whether a line break cuts a
 *                sentence (the joining rule)
 *   normalize.c  original -> text and its alignment, in one pass
 *   split.c      text -> paragraphs, headings, sentences, clauses
 *   segment.c    the stage descriptor: validate, normalize, split
 */
#ifndef KILN_SEGMENT_H
#define KILN_SEGMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiln/doc.h"

/* A block of text longer than this (in code points) is never a heading. */
#define SEG_HEADING_MAX_CP 50
/* A line at least this long (in code points) that ends without final
 * punctuation is body text cut by the layout, unless the next line looks
 * like a heading or starts a new item. */
#define SEG_JOIN_MIN_CP 40

/* How one line (or text block) looks, from its folded code points. */
typedef struct seg_shape {
    size_t n_cp;            /* code points, zero-width ones not counted */
    uint32_t first, last;   /* first and last code point */
    bool ends_final;        /* ends with 。！？；!?;：:…. (closers skipped) */
    bool ends_soft;         /* ends with ，、, or an opening bracket/quote */
    bool open_bracket;      /* a bracket or quote opened and not closed */
    bool has_sentence_end;  /* 。！？；!?; anywhere */
    bool starts_closer;     /* starts with a closer or punctuation that
                               can never begin a line (，。、%) */
    bool starts_bullet;     /* "- ", "• ", "●", "①" ...: a list item */
    bool starts_marker;     /* 一、 （一） 1. 【 ——: a numbered heading or
                               a new item */
} seg_shape;

/* One line of S: [start, content_start) is leading space, the content is
 * [content_start, content_end), trailing space and the line break follow. */
typedef struct seg_line {
    size_t content_start, content_end;
    bool indented;          /* leading horizontal space before content */
    seg_shape shape;
} seg_line;

/* Scan the line of S (valid UTF-8, LEN bytes) starting at POS: fill LINE
 * and return where the next line starts (after "\n", "\r\n" or "\r").
 * Spaces (also U+3000) and zero-width characters at either end are not
 * content; a line without content has content_start == content_end. */
size_t seg_scan_line(const char *s, size_t len, size_t pos, seg_line *line);

/* A short block without sentence punctuation: a title, a numbered
 * heading, a byline ("【亮点一】综合实力大提升", "一、2024年工作回顾"). */
bool seg_is_heading(const seg_shape *shape);

typedef enum seg_gap {
    SEG_GAP_BREAK,      /* a real paragraph end: becomes "\n" */
    SEG_GAP_JOIN,       /* a break inside a sentence: deleted */
    SEG_GAP_JOIN_SPACE  /* inside a sentence between two Latin words: " " */
} seg_gap;

/* What the line break(s) between consecutive non-blank lines A and B are. */
seg_gap seg_gap_between(const seg_line *a, const seg_line *b);

/* Write doc->text and the alignment from doc->original (valid UTF-8).
 * Returns 0, or -1 when out of memory. */
int seg_normalize(kiln_doc *doc);

/* Add the paragraphs, headings, sentences and clauses of doc->text, with
 * STAGE as provenance. Returns 0, or -1 when out of memory. */
int seg_split(kiln_doc *doc, const char *stage);

#endif
