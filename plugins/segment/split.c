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
 */
#include <string.h>

#include "chars.h"
#include "segment.h"

static size_t next_cp(const char *s, size_t len, size_t pos, uint32_t *cp)
{
    return seg_decode(s + pos, len - pos, cp);
}

/* Add a segment over [START, END) trimmed of spaces. Returns its index,
 * -1 when the trimmed span is empty, -2 when out of memory. */
static int32_t add(kiln_doc *doc, const char *stage, kiln_segment_kind kind,
                   int32_t parent, int32_t sentence_no, size_t start,
                   size_t end)
{
    const char *t = doc->text;
    while (start < end && (t[start] == ' ' || t[start] == '\t'))
        start++;
    while (end > start && (t[end - 1] == ' ' || t[end - 1] == '\t'))
        end--;
    if (start == end)
        return -1;
    kiln_segment *s = kiln_doc_add_segment(doc, stage);
    if (!s)
        return -2;
    s->span = (kiln_span){start, end};
    s->kind = kind;
    s->parent = parent;
    s->sentence_no = sentence_no;
    return (int32_t)(doc->segments.len - 1);
}

/* Bytes where a sentence or clause end may start: the ASCII marks, and
 * the lead bytes of U+3000-U+3FFF (。、) and U+F000-U+FFFF (｡､). Other
 * bytes, continuation bytes included, are skipped without decoding. */
static const unsigned char sentence_byte[256] = {
    ['!'] = 1, ['?'] = 1, [';'] = 1, [0xE3] = 1, [0xEF] = 1,
};
static const unsigned char clause_byte[256] = {
    [','] = 1, [':'] = 1, [0xE3] = 1, [0xEF] = 1,
};

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

/* Move I past the closing quotes and brackets (and, with ENDS, further
 * sentence ends) that belong to the mark just passed. */
static size_t skip_closers(const char *t, size_t i, size_t end, bool ends)
{
    while (i < end) {
        uint32_t cp;
        size_t n = next_cp(t, end, i, &cp);
        if (!seg_is_closer(cp) && !(ends && seg_is_sentence_end(cp)))
            break;
        i += n;
    }
    return i;
}

static int split_clauses(kiln_doc *doc, const char *stage, int32_t parent,
                         size_t start, size_t end)
{
    const char *t = doc->text;
    size_t from = start, i = start;
    while (i < end) {
        unsigned char c = (unsigned char)t[i];
        if (!clause_byte[c]) {
            i += c >= 0xE4 && c <= 0xE9 ? 3 : 1; /* ideograph: 3 bytes */
            continue;
        }
        uint32_t cp;
        size_t at = i;
        i += next_cp(t, end, i, &cp);
        if (!seg_is_clause_end(cp))
            continue;
        if ((cp == ',' || cp == ':') && at > start && i < end &&
            seg_is_digit((unsigned char)t[at - 1]) &&
            seg_is_digit((unsigned char)t[i]))
            continue; /* 1,500  8:30 */
        if (cp != ',' && cp != ':' && is_enumeration(t, from, at))
            continue; /* 一、 12、 */
        i = skip_closers(t, i, end, false);
        if (add(doc, stage, KILN_SEG_CLAUSE, parent, 0, from, i) == -2)
            return -1;
        from = i;
    }
    if (from < end &&
        add(doc, stage, KILN_SEG_CLAUSE, parent, 0, from, end) == -2)
        return -1;
    return 0;
}

static int add_sentence(kiln_doc *doc, const char *stage, int32_t parent,
                        int32_t *sentence_no, size_t start, size_t end)
{
    int32_t s = add(doc, stage, KILN_SEG_SENTENCE, parent, *sentence_no + 1,
                    start, end);
    if (s == -2)
        return -1;
    if (s < 0)
        return 0;
    ++*sentence_no;
    const kiln_segment *seg = &doc->segments.items[s];
    return split_clauses(doc, stage, s, seg->span.start, seg->span.end);
}

static int split_sentences(kiln_doc *doc, const char *stage, int32_t parent,
                           int32_t *sentence_no, size_t start, size_t end)
{
    const char *t = doc->text;
    size_t from = start, i = start;
    while (i < end) {
        unsigned char c = (unsigned char)t[i];
        if (!sentence_byte[c]) {
            i += c >= 0xE4 && c <= 0xE9 ? 3 : 1; /* ideograph: 3 bytes */
            continue;
        }
        uint32_t cp;
        i += next_cp(t, end, i, &cp);
        if (!seg_is_sentence_end(cp))
            continue;
        i = skip_closers(t, i, end, true); /* "！？" "。”" "；）" */
        if (add_sentence(doc, stage, parent, sentence_no, from, i) < 0)
            return -1;
        from = i;
    }
    if (from < end &&
        add_sentence(doc, stage, parent, sentence_no, from, end) < 0)
        return -1;
    return 0;
}

int seg_split(kiln_doc *doc, const char *stage)
{
    int32_t sentence_no = 0;
    size_t pos = 0;
    while (pos < doc->text_len) {
        /* The normalized text is blocks of trimmed content, one a line. A
         * block longer than 4 bytes per allowed code point can be no
         * heading, so only short blocks need their shape. */
        const char *nl = memchr(doc->text + pos, '\n', doc->text_len - pos);
        size_t eol = nl ? (size_t)(nl - doc->text) : doc->text_len;
        size_t a = pos, b = eol;
        bool heading = false;
        if (eol - pos <= 4 * SEG_HEADING_MAX_CP) {
            seg_line line;
            seg_scan_line(doc->text, doc->text_len, pos, &line);
            a = line.content_start, b = line.content_end;
            heading = seg_is_heading(&line.shape);
        }
        pos = nl ? eol + 1 : eol;
        if (a == b)
            continue;
        int32_t blk;
        if (heading) {
            blk = add(doc, stage, KILN_SEG_HEADING, -1, ++sentence_no, a, b);
            if (blk == -2 || split_clauses(doc, stage, blk, a, b) < 0)
                return -1;
        } else {
            blk = add(doc, stage, KILN_SEG_PARAGRAPH, -1, 0, a, b);
            if (blk == -2 ||
                split_sentences(doc, stage, blk, &sentence_no, a, b) < 0)
                return -1;
        }
    }
    return 0;
}
