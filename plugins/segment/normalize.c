/* normalize.c — the normalized text and its alignment to the original.
 *
 * One pass over the original, line by line (each line is scanned once for
 * its shape and its changes, then copied between the changes). What
 * changes, each change an atomic run of the alignment, every unchanged
 * stretch one merged copy run:
 *   - BOM and zero-width characters (U+200B-U+200D, U+2060, U+FEFF): deleted;
 *   - full-width ASCII forms U+FF01-U+FF5E: folded to ASCII ("１" -> "1");
 *   - U+3000, no-break and narrow spaces: folded to " ";
 *   - spaces and blank lines at the start and end of the document and of
 *     each line: deleted; the line breaks (LF, CRLF, CR) and blank lines
 *     between two paragraphs: one "\n"; between two parts of a cut
 *     sentence: deleted (" " between two Latin words), see line.c;
 *   - stray spaces in numbers, see space_run_is_stray().
 * A one-byte line break that becomes "\n" or " " has the same length, so it
 * merges into the copy runs around it: positions still map 1:1.
 * On the way it notes for split.c where the sentence and clause ends land
 * in the text and which blocks of one line are headings (seg_marks).
 */
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "segment.h"

enum chain_kind { CHAIN_NONE, CHAIN_SINGLE, CHAIN_THOUSANDS };

typedef struct writer {
    kiln_arena *arena;
    const char *orig;
    size_t orig_len;
    char *text;                 /* capacity orig_len + 1: text never grows */
    size_t len;
    kiln_align_run *runs;
    size_t n_runs, cap_runs;
    size_t chain_at;            /* text offset where the digit group after
                                   the last removed in-number space starts */
    enum chain_kind chain_kind;
    seg_marks *marks;
} writer;

/* Double the capacity of W's runs (the rare case of push_run, kept out
 * of line so that push_run stays small enough to inline). */
static int grow_runs(writer *w)
{
    size_t cap = w->cap_runs ? w->cap_runs * 2 : 64;
    /* not cleared: the copy and the pushes fill it */
    kiln_align_run *n = cap <= SIZE_MAX / sizeof *n
                            ? kiln_arena_take(w->arena, cap * sizeof *n)
                            : NULL;
    if (!n)
        return -1;
    if (w->n_runs)
        memcpy(n, w->runs, w->n_runs * sizeof *n);
    w->runs = n;
    w->cap_runs = cap;
    return 0;
}

static inline int push_run(writer *w, size_t text_len, size_t orig_off,
                           size_t orig_len)
{
    if (w->n_runs) {
        kiln_align_run *r = &w->runs[w->n_runs - 1];
        bool copy = text_len == orig_len, prev_copy = r->text_len == r->orig_len;
        bool del = text_len == 0, prev_del = r->text_len == 0;
        /* Runs are pushed in order, so the previous one always ends where
         * this one starts; copies merge with copies, deletions with
         * deletions, foldings never. */
        if ((copy && prev_copy && !prev_del && !del) || (del && prev_del)) {
            r->text_len += text_len;
            r->orig_len += orig_len;
            return 0;
        }
    }
    if (w->n_runs == w->cap_runs && grow_runs(w) < 0)
        return -1;
    w->runs[w->n_runs++] = (kiln_align_run){
        .text_off = w->len - text_len, .text_len = text_len,
        .orig_off = orig_off, .orig_len = orig_len};
    return 0;
}

static inline int put_copy(writer *w, size_t orig_off, size_t n)
{
    if (n == 0)
        return 0;
    memcpy(w->text + w->len, w->orig + orig_off, n);
    w->len += n;
    return push_run(w, n, orig_off, n);
}

/* Replace ORIG_LEN original bytes by the TEXT_LEN bytes of T. */
static inline int put_fold(writer *w, const char *t, size_t text_len,
                    size_t orig_off, size_t orig_len)
{
    memcpy(w->text + w->len, t, text_len);
    w->len += text_len;
    return push_run(w, text_len, orig_off, orig_len);
}

static int put_delete(writer *w, size_t orig_off, size_t n)
{
    return n ? push_run(w, 0, orig_off, n) : 0;
}

/* Decode the code point at POS (valid UTF-8); store it raw and folded. */
static inline size_t decode(const writer *w, size_t pos, uint32_t *raw,
                     uint32_t *folded)
{
    size_t n = seg_decode(w->orig + pos, w->orig_len - pos, raw);
    *folded = seg_fold(*raw);
    return n;
}

/* Folded code point at POS, 0 at END. */
static uint32_t peek(const writer *w, size_t pos, size_t end, size_t *n)
{
    uint32_t raw, f;
    if (pos >= end) {
        *n = 0;
        return 0;
    }
    *n = decode(w, pos, &raw, &f);
    return f;
}

static bool is_unit_after_number(uint32_t cp)
{
    return seg_is_han(cp) || cp == '%' || cp == 0x2030 /* ‰ */ ||
           cp == 0x2031 || cp == 0x2103 /* ℃ */ || cp == 0x00B0 /* ° */;
}

/* Whether the space run [POS, Q) (SPACES space characters) is a stray
 * space inside or right after a number, to be deleted:
 *   "230.5 亿元" "10.5 %" "1 亿吨"   digit, spaces, then a Han character or
 *                                   a unit sign (%, ‰, ℃)
 *   "1 5 .3"                        digit, spaces, then a decimal point and
 *                                   a digit
 *   "1 9 9 7 年"                     one space between single digits (some
 *                                   reports space every digit out)
 *   "1 500" "12 345 678"            one space as a thousands separator: a
 *                                   1-3 digit number, then groups of exactly
 *                                   three digits
 * A space before a Latin letter ("5 km", "2020 GDP") or between longer
 * digit groups ("2020 2021") stays. */
static bool space_run_is_stray(writer *w, size_t q, size_t end,
                               size_t spaces, enum chain_kind *kind)
{
    *kind = CHAIN_NONE;
    if (w->len == 0 || !seg_is_digit((unsigned char)w->text[w->len - 1]))
        return false;
    size_t n;
    uint32_t next = peek(w, q, end, &n);
    if (is_unit_after_number(next))
        return true;
    if (next == '.') {
        size_t n2;
        return seg_is_digit(peek(w, q + n, end, &n2));
    }
    if (!seg_is_digit(next) || spaces != 1)
        return false;

    /* The digit group before the space: since the last removed space of
     * this number, or the whole digit run. */
    size_t run_start = w->len;
    while (run_start > 0 && seg_is_digit((unsigned char)w->text[run_start - 1]))
        run_start--;
    enum chain_kind in_chain = CHAIN_NONE;
    size_t group_start = run_start;
    if (w->chain_kind != CHAIN_NONE && w->chain_at > run_start &&
        w->chain_at < w->len) {
        in_chain = w->chain_kind;
        group_start = w->chain_at;
    }
    size_t group_len = w->len - group_start;
    unsigned char before = run_start ? (unsigned char)w->text[run_start - 1] : 0;

    size_t next_len = 0, p = q;
    uint32_t after;
    for (;;) {
        after = peek(w, p, end, &n);
        if (!seg_is_digit(after))
            break;
        next_len++;
        p += n;
    }
    if (group_len == 1 && next_len == 1 && in_chain != CHAIN_THOUSANDS) {
        *kind = CHAIN_SINGLE;
        return true;
    }
    bool starts_number = before != '.' && !seg_is_ascii_alnum(before);
    if (next_len == 3 && after != '.' &&
        ((in_chain == CHAIN_NONE && group_len <= 3 && starts_number) ||
         (in_chain == CHAIN_THOUSANDS && group_len == 3))) {
        *kind = CHAIN_THOUSANDS;
        return true;
    }
    return false;
}

/* Emit the space run starting at POS inside a line's content; return the
 * position after it. */
static int emit_space_run(writer *w, size_t pos, size_t end, size_t *after)
{
    size_t q = pos, spaces = 0;
    while (q < end) {
        uint32_t raw, f;
        size_t n = decode(w, q, &raw, &f);
        if (!seg_is_hspace(f) && !seg_is_zero_width(raw))
            break;
        spaces += !seg_is_zero_width(raw);
        q += n;
    }
    *after = q;
    enum chain_kind kind;
    if (space_run_is_stray(w, q, end, spaces, &kind)) {
        if (put_delete(w, pos, q - pos) < 0)
            return -1;
        if (kind != CHAIN_NONE) {
            w->chain_at = w->len;
            w->chain_kind = kind;
        }
        return 0;
    }
    while (pos < q) {
        uint32_t raw, f;
        size_t n = decode(w, pos, &raw, &f);
        int rc;
        if (seg_is_zero_width(raw))
            rc = put_delete(w, pos, n);
        else if (raw == f)
            rc = put_copy(w, pos, n);
        else
            rc = put_fold(w, " ", 1, pos, n);
        if (rc < 0)
            return -1;
        pos += n;
    }
    return 0;
}

/* Emit the content [POS, END) of one line, whose edits EDITS lists
 * (seg_scan_line found them): copy the stretches between them whole, and
 * note where its sentence and clause ends land in the text. */
static int emit_content(writer *w, size_t pos, size_t end,
                        const seg_offsets *edits)
{
    size_t from = pos;
    for (size_t k = 0; k < edits->len; k++) {
        size_t at = edits->at[k];
        if (at < pos)
            continue; /* leading space, or taken by a space run */
        if (at >= end)
            break;    /* trailing space */
        /* The marks of most lines, known by their bytes: 、 and 。 stay
         * as they are, ， folds to ','. */
        const unsigned char *u = (const unsigned char *)w->orig + at;
        if (u[0] == 0xE3 && u[1] == 0x80 && (u[2] == 0x81 || u[2] == 0x82)) {
            seg_offsets_push(u[2] == 0x82 ? &w->marks->sentence_ends
                                          : &w->marks->clause_ends,
                             w->len + (at - from));
            continue; /* copied with the stretch around it */
        }
        if (u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8C) {
            seg_offsets_push(&w->marks->clause_ends, w->len + (at - from));
            if (put_copy(w, from, at - from) < 0 ||
                put_fold(w, ",", 1, at, 3) < 0)
                return -1;
            pos = from = at + 3;
            continue;
        }
        uint32_t raw, f;
        size_t n = decode(w, at, &raw, &f);
        bool sentence_end = seg_is_sentence_end(f);
        if (sentence_end || seg_is_clause_end(f)) {
            /* lands after the copy of [from, at) still to be written */
            seg_offsets_push(sentence_end ? &w->marks->sentence_ends
                                          : &w->marks->clause_ends,
                             w->len + (at - from));
            if (f == raw) /* a mark is no space: only folding changes it */
                continue; /* copied with the stretch around it */
        }
        if (put_copy(w, from, at - from) < 0)
            return -1;
        int rc;
        if (seg_is_hspace(f)) {
            if (emit_space_run(w, at, end, &pos) < 0)
                return -1;
            from = pos;
            continue;
        }
        if (seg_is_zero_width(raw))
            rc = put_delete(w, at, n);
        else {
            char c = (char)f; /* every folding yields ASCII */
            rc = put_fold(w, &c, 1, at, n);
        }
        if (rc < 0)
            return -1;
        pos = from = at + n;
    }
    return put_copy(w, from, end - from);
}

static int emit_gap(writer *w, seg_gap gap, size_t from, size_t to)
{
    switch (gap) {
    case SEG_GAP_JOIN:
        return put_delete(w, from, to - from);
    case SEG_GAP_JOIN_SPACE:
        return put_fold(w, " ", 1, from, to - from);
    case SEG_GAP_BREAK:
        break;
    }
    return put_fold(w, "\n", 1, from, to - from);
}

/* Note how split must take the block that starts at text offset START
 * and ends with line LAST, made of LINES lines: a block of one line has
 * the shape of that line (folding and dropping change no rule of the
 * shape), so whether it is a heading is known here already. */
static void end_block(seg_marks *marks, size_t start, size_t lines,
                      const seg_line *last)
{
    if (lines > 1)
        seg_offsets_push(&marks->joined, start);
    else if (seg_is_heading(&last->shape))
        seg_offsets_push(&marks->headings, start);
}

int seg_normalize(kiln_doc *doc, seg_marks *marks)
{
    seg_marks_clear(marks);
    writer w = {
        .arena = doc->arena,
        .orig = doc->original,
        .orig_len = doc->original_len,
        /* not cleared: filled as written, up to its NUL */
        .text = kiln_arena_take(doc->arena, doc->original_len + 1),
        .marks = marks,
    };
    /* Reports average one run per 28 original bytes (one per 10 at
     * most on the corpus): reserve for one per 20 once, so the array
     * seldom grows (growing copies it). Not cleared: pushes fill it. */
    w.cap_runs = doc->original_len / 20 + 64;
    w.runs = kiln_arena_take(doc->arena, w.cap_runs * sizeof *w.runs);
    /* Reports have about one clause end per 50 bytes and one sentence
     * end per 100: room for more from the start spares the copies of
     * growing. */
    if (!w.text || !w.runs ||
        seg_offsets_reserve(&marks->clause_ends, doc->original_len / 32) < 0 ||
        seg_offsets_reserve(&marks->sentence_ends, doc->original_len / 64) < 0)
        return -1;
    size_t pos = 0;
    bool have_prev = false;
    seg_line prev = {0};
    size_t block_start = 0, block_lines = 0;
    seg_offsets edits = {0};
    int rc = 0;
    while (pos < w.orig_len && rc == 0) {
        seg_line line;
        pos = seg_scan_line(w.orig, w.orig_len, pos, &line, &edits);
        if (edits.failed) {
            rc = -1;
            break;
        }
        if (line.content_start == line.content_end)
            continue; /* blank: part of the gap around it */
        seg_gap gap = have_prev ? seg_gap_between(&prev, &line)
                                : SEG_GAP_BREAK;
        if (have_prev && gap == SEG_GAP_BREAK)
            end_block(marks, block_start, block_lines, &prev);
        rc = have_prev ? emit_gap(&w, gap, prev.content_end,
                                  line.content_start)
                       : put_delete(&w, 0, line.content_start);
        if (gap == SEG_GAP_BREAK) {
            block_start = w.len;
            block_lines = 0;
        }
        block_lines++;
        if (rc == 0)
            rc = emit_content(&w, line.content_start, line.content_end,
                              &edits);
        prev = line;
        have_prev = true;
    }
    free(edits.at);
    if (have_prev)
        end_block(marks, block_start, block_lines, &prev);
    if (rc < 0 || seg_marks_failed(marks))
        return -1;
    if (put_delete(&w, have_prev ? prev.content_end : 0,
                   w.orig_len - (have_prev ? prev.content_end : 0)) < 0)
        return -1;
    w.text[w.len] = '\0';
    kiln_doc_set_text(doc, w.text, w.len, w.runs, w.n_runs);
    return 0;
}
