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
#include <stdlib.h>

#include "kiln/doc.h"

/* A block of text longer than this (in code points) is never a heading. */
#define SEG_HEADING_MAX_CP 50
/* A line at least this long (in code points) that ends without final
 * punctuation is body text cut by the layout, unless the next line looks
 * like a heading or starts a new item. */
#define SEG_JOIN_MIN_CP 40

/* Lines are counted only up to about this many code points: past it,
 * no rule using the count (the two above) can change its answer. */
#define SEG_CP_ENOUGH 64
_Static_assert(SEG_CP_ENOUGH >= SEG_HEADING_MAX_CP &&
                   SEG_CP_ENOUGH >= SEG_JOIN_MIN_CP,
               "counting must not stop before a rule's threshold");

/* How one line (or text block) looks, from its folded code points. */
typedef struct seg_shape {
    size_t n_cp;            /* code points, zero-width ones not counted;
                               exact up to SEG_CP_ENOUGH, past it only
                               known to be more */
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

/* A list of byte offsets in increasing order, grown with malloc. */
typedef struct seg_offsets {
    size_t *at;
    size_t len, cap;
    bool failed;            /* out of memory: the list is incomplete */
} seg_offsets;

/* Make room for one more offset in LIST. Returns 0, or -1 (and sets
 * LIST->failed) when out of memory. */
int seg_offsets_grow(seg_offsets *list);

/* Make room for N offsets in LIST in all. Returns 0, or -1 (and sets
 * LIST->failed) when out of memory. */
int seg_offsets_reserve(seg_offsets *list, size_t n);

/* Append AT to LIST (sets LIST->failed when out of memory); inline, as
 * every edit and mark of a document passes here. */
static inline void seg_offsets_push(seg_offsets *list, size_t at)
{
    if (list->len == list->cap && seg_offsets_grow(list) < 0)
        return;
    list->at[list->len++] = at;
}

/* Scan the line of S (valid UTF-8, LEN bytes) starting at POS: fill LINE
 * and return where the next line starts (after "\n", "\r\n" or "\r").
 * Spaces (also U+3000) and zero-width characters at either end are not
 * content; a line without content has content_start == content_end.
 * Unless EDITS is NULL, it is emptied and filled with the offsets of the
 * line's edits (seg_is_edit: spaces, zero-width characters, full-width
 * forms, sentence and clause ends), found by the scan that takes the
 * line's shape so that writing the text needs no second scan. */
size_t seg_scan_line(const char *s, size_t len, size_t pos, seg_line *line,
                     seg_offsets *edits);

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

/* Text offsets noted while writing the normalized text, so that
 * splitting it needs no scan of its own. */
typedef struct seg_marks {
    seg_offsets sentence_ends;  /* seg_is_sentence_end: 。！？；!?;｡ */
    seg_offsets clause_ends;    /* seg_is_clause_end: ，、：,:､ */
    seg_offsets headings;       /* starts of the blocks of one line that
                                   are headings (seg_is_heading) */
    seg_offsets joined;         /* starts of the blocks joined from several
                                   lines, whose shape is not known */
} seg_marks;

static inline void seg_marks_clear(seg_marks *m)
{
    m->sentence_ends.len = m->clause_ends.len = 0;
    m->headings.len = m->joined.len = 0;
}

/* Whether a list of M ran out of memory. */
static inline bool seg_marks_failed(const seg_marks *m)
{
    return m->sentence_ends.failed || m->clause_ends.failed ||
           m->headings.failed || m->joined.failed;
}

static inline void seg_marks_free(seg_marks *m)
{
    free(m->sentence_ends.at);
    free(m->clause_ends.at);
    free(m->headings.at);
    free(m->joined.at);
}

/* Write doc->text and the alignment from doc->original (valid UTF-8),
 * and fill MARKS (emptied first) for the text.
 * Returns 0, or -1 when out of memory. */
int seg_normalize(kiln_doc *doc, seg_marks *marks);

/* Add the paragraphs, headings, sentences and clauses of doc->text, with
 * STAGE as provenance; MARKS are its marks (as seg_normalize notes them).
 * Returns 0, or -1 when out of memory. */
int seg_split(kiln_doc *doc, const char *stage, const seg_marks *marks);

#endif
