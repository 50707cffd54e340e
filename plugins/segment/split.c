/* split.c — paragraphs, headings, sentences and clauses of the text.
 *
 * The normalized text holds one block per line. A block is a heading when
 * it is short and has no sentence punctuation (seg_is_heading), else a
 * paragraph. A paragraph splits into sentences after 。！？；!?; (with the
 * closing quotes and brackets that follow) and at its end; a heading is its
 * own sentence. A sentence (or heading) splits into clauses after ，、：,:
 * except a comma or colon between two digits ("1,500", "8:30") and the 、
 * of an enumeration ("一、"). Spans are trimmed of spaces; clauses tile
 * their sentence, punctuation included.
 *
 * Order of doc->segments: depth first, in document order — a block, then
 * its first sentence, that sentence's clauses, its next sentence ...
 *
 * The sentence and clause ends come listed (normalize.c noted them while
 * writing the text), so the text between them is never read: the
 * sentence ends are found first, then the clause ends of each sentence.
 */
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "segment.h"

static size_t next_cp(const char *s, size_t len, size_t pos, uint32_t *cp)
{
    return seg_decode(s + pos, len - pos, cp);
}

typedef struct splitter {
    kiln_doc *doc;
    const char *stage;
    const seg_marks *marks;
    size_t next_end;          /* first sentence end not passed yet */
    size_t next_clause;       /* first clause end not passed yet */
    size_t next_heading, next_joined; /* likewise */
    int32_t sentence_no;     /* of the last sentence or heading added */
} splitter;

/* Add a segment over [START, END) trimmed of spaces. Returns its index,
 * -1 when the trimmed span is empty, -2 when out of memory. */
static inline int32_t add(const splitter *sp, kiln_segment_kind kind,
                          int32_t parent, int32_t sentence_no, size_t start,
                          size_t end)
{
    kiln_doc *doc = sp->doc;
    const unsigned char *t = (const unsigned char *)doc->text;
    /* one comparison for the bytes that are no space (nearly all) */
    while (start < end && t[start] <= ' ' &&
           (t[start] == ' ' || t[start] == '\t'))
        start++;
    while (end > start && t[end - 1] <= ' ' &&
           (t[end - 1] == ' ' || t[end - 1] == '\t'))
        end--;
    if (start == end)
        return -1;
    kiln_segment *s = kiln_doc_add_segment(doc, sp->stage);
    if (!s)
        return -2;
    s->span = (kiln_span){start, end};
    s->kind = kind;
    s->parent = parent;
    s->sentence_no = sentence_no;
    return (int32_t)(doc->segments.len - 1);
}

/* The index in LIST of its first offset at or after I, searched from
 * *NEXT on (I never moves back) and kept there. */
static size_t first_at(const seg_offsets *list, size_t *next, size_t i)
{
    size_t k = *next;
    while (k < list->len && list->at[k] < i)
        k++;
    *next = k;
    return k;
}

/* The first sentence end at or after I (before END), or END. */
static size_t find_sentence_end(splitter *sp, size_t i, size_t end)
{
    const seg_offsets *e = &sp->marks->sentence_ends;
    size_t k = first_at(e, &sp->next_end, i);
    return k < e->len && e->at[k] < end ? e->at[k] : end;
}

/* Whether [FROM, TO) is only an enumeration number: "一" "12" "(3)". */
static bool is_enumeration(const char *t, size_t from, size_t to)
{
    bool any = false;
    while (from < to) {
        uint32_t cp;
        from += next_cp(t, to, from, &cp);
        if (cp == ' ')
            continue;
        if (!seg_is_digit(cp) && !seg_is_han_numeral(cp) && cp != '(' &&
            cp != ')')
            return false;
        any = true;
    }
    return any;
}

/* Bytes that may start a closer or a sentence end: ) ] ! ? ; and the lead
 * bytes of U+2000-U+2FFF (” ’), U+3000-U+3FFF (」 》 。) and U+F000-U+FFFF
 * (｡). Any other character is neither, without decoding. */
static const unsigned char closer_stop[256] = {
    [')'] = 1, [']'] = 1, ['!'] = 1, ['?'] = 1, [';'] = 1,
    [0xE2] = 1, [0xE3] = 1, [0xEF] = 1,
};

/* Move I past the closing quotes and brackets (and, with ENDS, further
 * sentence ends) that belong to the mark just passed. */
static inline size_t skip_closers(const char *t, size_t i, size_t end,
                                  bool ends)
{
    while (i < end && closer_stop[(unsigned char)t[i]]) {
        uint32_t cp;
        size_t n = next_cp(t, end, i, &cp);
        if (!seg_is_closer(cp) && !(ends && seg_is_sentence_end(cp)))
            break;
        i += n;
    }
    return i;
}

/* Add the clauses of the sentence (or heading) PARENT over [START, END),
 * cut at its clause ends. */
static int split_clauses(splitter *sp, int32_t parent, size_t start,
                         size_t end)
{
    const char *t = sp->doc->text;
    const seg_offsets *m = &sp->marks->clause_ends;
    size_t from = start;
    for (size_t k = first_at(m, &sp->next_clause, start);
         k < m->len && m->at[k] < end; k++) {
        size_t at = m->at[k];
        uint32_t cp;
        size_t i = at + next_cp(t, end, at, &cp);
        if ((cp == ',' || cp == ':') && at > start && i < end &&
            seg_is_digit((unsigned char)t[at - 1]) &&
            seg_is_digit((unsigned char)t[i]))
            continue; /* 1,500  8:30 */
        if (cp != ',' && cp != ':' && is_enumeration(t, from, at))
            continue; /* 一、 12、 */
        i = skip_closers(t, i, end, false);
        if (add(sp, KILN_SEG_CLAUSE, parent, 0, from, i) == -2)
            return -1;
        from = i;
    }
    if (from < end && add(sp, KILN_SEG_CLAUSE, parent, 0, from, end) == -2)
        return -1;
    return 0;
}

/* Add the sentence [START, END) of paragraph PARENT and its clauses. */
static int add_sentence(splitter *sp, int32_t parent, size_t start,
                        size_t end)
{
    int32_t s = add(sp, KILN_SEG_SENTENCE, parent, sp->sentence_no + 1,
                    start, end);
    if (s == -2)
        return -1;
    if (s < 0) /* only spaces, so no clause end either */
        return 0;
    ++sp->sentence_no;
    const kiln_segment *seg = &sp->doc->segments.items[s];
    return split_clauses(sp, s, seg->span.start, seg->span.end);
}

static int split_sentences(splitter *sp, int32_t parent, size_t start,
                           size_t end)
{
    const char *t = sp->doc->text;
    size_t from = start, i;
    while ((i = find_sentence_end(sp, from, end)) < end) {
        uint32_t cp;
        i += next_cp(t, end, i, &cp);
        i = skip_closers(t, i, end, true); /* "！？" "。”" "；）" */
        if (add_sentence(sp, parent, from, i) < 0)
            return -1;
        from = i;
    }
    if (from < end && add_sentence(sp, parent, from, end) < 0)
        return -1;
    return 0;
}

/* Add the heading [START, END) (its own sentence) and its clauses. */
static int add_heading(splitter *sp, size_t start, size_t end)
{
    int32_t blk = add(sp, KILN_SEG_HEADING, -1, ++sp->sentence_no, start,
                      end);
    if (blk == -2)
        return -1;
    return split_clauses(sp, blk, start, end);
}

/* Whether LIST holds POS (searched as first_at searches). */
static bool is_listed(const seg_offsets *list, size_t *next, size_t pos)
{
    size_t k = first_at(list, next, pos);
    return k < list->len && list->at[k] == pos;
}

static int split_blocks(splitter *sp)
{
    const kiln_doc *doc = sp->doc;
    size_t pos = 0;
    while (pos < doc->text_len) {
        /* The normalized text is blocks of trimmed content, one a line.
         * Whether a block of one line is a heading, normalize.c knew; a
         * joined block longer than 4 bytes per allowed code point can be
         * no heading, so only short joined blocks need their shape. */
        const char *nl = memchr(doc->text + pos, '\n', doc->text_len - pos);
        size_t eol = nl ? (size_t)(nl - doc->text) : doc->text_len;
        size_t a = pos, b = eol;
        bool heading = is_listed(&sp->marks->headings, &sp->next_heading,
                                 pos);
        if (eol - pos <= 4 * SEG_HEADING_MAX_CP &&
            is_listed(&sp->marks->joined, &sp->next_joined, pos)) {
            seg_line line;
            seg_scan_line(doc->text, doc->text_len, pos, &line, NULL);
            a = line.content_start, b = line.content_end;
            heading = seg_is_heading(&line.shape);
        }
        pos = nl ? eol + 1 : eol;
        if (a == b)
            continue;
        if (heading) {
            if (add_heading(sp, a, b) < 0)
                return -1;
        } else {
            int32_t blk = add(sp, KILN_SEG_PARAGRAPH, -1, 0, a, b);
            if (blk == -2 || split_sentences(sp, blk, a, b) < 0)
                return -1;
        }
    }
    return 0;
}

int seg_split(kiln_doc *doc, const char *stage, const seg_marks *marks)
{
    splitter sp = {.doc = doc, .stage = stage, .marks = marks};
    return split_blocks(&sp);
}
