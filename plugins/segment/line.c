/* line.c — what a line looks like, and whether the break after it cuts a
 * sentence.
 *
 * Reports reach us with hard line breaks from page layout: "绝对\n\n贫困问题",
 * "20余\n\n条", link text on its own line ("依据《\n著作权法\n》"). The rule
 * decides from the shape of the two lines around a break, never from their
 * words:
 *   - a line ending with 。！？；：… or a Latin full stop ends its paragraph;
 *   - a line starting with a closer or with ，。、% continues the previous;
 *   - an indented line, a bullet or a numbered line (一、 （一） 【 ——)
 *     starts a new block;
 *   - a line ending with ，、 or inside an open bracket or quote continues;
 *   - a numbered line (a heading) ends its block;
 *   - a long line (SEG_JOIN_MIN_CP) continues unless the next line looks
 *     like a heading (short, no sentence punctuation).
 */
#include "segment.h"

#include <stdint.h>
#include <stdlib.h>

#include "chars.h"

/* Decode and fold the code point at S[POS] (valid UTF-8); every
 * zero-width character comes back as U+200B. */
static size_t unit_at(const char *s, size_t len, size_t pos, uint32_t *cp)
{
    uint32_t raw;
    size_t n = seg_decode(s + pos, len - pos, &raw);
    *cp = seg_is_zero_width(raw) ? 0x200B : seg_fold(raw);
    return n;
}

static bool is_line_break(unsigned char c)
{
    return c == '\n' || c == '\r';
}

/* Punctuation that cannot begin a line in Chinese typesetting. */
static bool cannot_start_line(uint32_t cp)
{
    return seg_is_closer(cp) || seg_is_sentence_end(cp) ||
           seg_is_clause_end(cp) || cp == '%' || cp == 0x2030;
}

/* Whether HEAD (the first N code points) opens with an enumeration:
 * 一、 12、 3. （二） (4) 第三章, a bracketed title 【…】 or a dash ——. */
static bool starts_with_marker(const uint32_t *head, size_t n)
{
    if (n == 0)
        return false;
    if (head[0] == 0x3010) /* 【 */
        return true;
    if (n >= 2 && (head[0] == 0x2014 || head[0] == 0x2015) &&
        head[1] == head[0]) /* —— */
        return true;
    size_t i = 0;
    bool paren = head[0] == '(';
    bool ordinal = head[0] == 0x7B2C; /* 第 */
    if (paren || ordinal)
        i++;
    size_t k = i;
    while (k < n && k - i < 3 &&
           (seg_is_digit(head[k]) || seg_is_han_numeral(head[k])))
        k++;
    if (k == i || k >= n)
        return false;
    uint32_t after = head[k];
    if (paren)
        return after == ')';
    if (ordinal) /* 第三章 第二部分 第一节 第五篇 */
        return after == 0x7AE0 || after == 0x90E8 || after == 0x8282 ||
               after == 0x7BC7;
    if (after == 0x3001 || after == 0xFF64) /* 、 */
        return true;
    if (after == ')' && seg_is_digit(head[i]))
        return true;
    /* "1." followed by anything but a digit (not "1.5万") */
    return after == '.' && seg_is_digit(head[i]) &&
           (k + 1 >= n || !seg_is_digit(head[k + 1]));
}

/* Code points of a line's head, taken one by one: starts_with_marker
 * looks at five at most ("第123章", "(123)", "123.4"). */
#define HEAD_CP 5

/* Whether a line starting with FIRST may need more of its head: a marker
 * (starts_with_marker) or a "- " bullet. Any other line (most start with
 * an ideograph) takes the fast scan from its second character on. */
static bool head_matters(uint32_t first)
{
    return seg_is_digit(first) || seg_is_han_numeral(first) ||
           first == 0x3010 || first == 0x2014 || first == 0x2015 ||
           first == '(' || first == 0x7B2C || first == '-' ||
           first == '*' || first == '+';
}

/* Past the head of a line, a character of the lead bytes E2 E3 EF (the
 * general punctuation, CJK punctuation and full-width blocks: most stops
 * of the fast scan) is classified by its last two bytes, not decoded and
 * compared: cjk_row[lead & 0xF][second & 0x3F] names the row of masks
 * whose bit (third & 0x3F) says whether the character can change the
 * shape otherwise than as the last character or a sentence end (a space,
 * a zero-width character, a bracket or quote), whether it is a sentence
 * end (。！？；｡: the fast scan only notes it) and whether it is an edit
 * (seg_is_edit). The unit tests check every bit. */
typedef struct cjk_masks {
    uint64_t shapes, sentence_ends, edits;
} cjk_masks;

static const cjk_masks cjk_mask_rows[] = {
    {0, 0, 0},
    {0x0000800033003A00u, 0, 0x0000800000003A00u}, /* U+2000-U+203F */
    {0x0000000100000000u, 0, 0x0000000100000000u}, /* U+2040-U+207F */
    {0x0000000000F3FF01u, 0x0000000000000004u,
     0x0000000000000007u},                         /* U+3000-U+303F */
    {0x8000000000000000u, 0, 0x8000000000000000u}, /* U+FEC0-U+FEFF */
    {0x2800000000000300u, 0x0000000088000002u,
     0xFFFFFFFFFFFFFFFEu},                         /* U+FF00-U+FF3F */
    {0, 0x0000000200000000u, 0x000000127FFFFFFFu}, /* U+FF40-U+FF7F */
};

static const unsigned char cjk_row[16][64] = {
    [0x2][0x00] = 1, [0x2][0x01] = 2, [0x3][0x00] = 3,
    [0xF][0x3B] = 4, [0xF][0x3C] = 5, [0xF][0x3D] = 6,
};

/* The masks of the 3-byte character at U (lead E2, E3 or EF). */
static const cjk_masks *cjk_masks_of(const unsigned char *u)
{
    return &cjk_mask_rows[cjk_row[u[0] & 0x0F][u[1] & 0x3F]];
}

/* Bytes that stop the fast scan of a line past its head: a character
 * starting with any other byte changes nothing of the shape but the count
 * and the last character, and is no edit. Marked: the line breaks, space,
 * tab, the ASCII brackets, sentence and clause ends, the lead bytes C2 E2
 * E3 EF of the other spaces, quotes, CJK punctuation and full-width
 * forms, and bytes that start no valid character. */
static const unsigned char shape_stop[256] = {
    ['\n'] = 1, ['\r'] = 1, [' '] = 1, ['\t'] = 1, ['!'] = 1, ['?'] = 1,
    [';'] = 1, [','] = 1, [':'] = 1,
    ['('] = 1, [')'] = 1, ['['] = 1, [']'] = 1,
    [0xC0] = 1, [0xC1] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1,
    [0xF5] = 1, [0xF6] = 1, [0xF7] = 1, [0xF8] = 1, [0xF9] = 1, [0xFA] = 1,
    [0xFB] = 1, [0xFC] = 1, [0xFD] = 1, [0xFE] = 1, [0xFF] = 1,
};

int seg_offsets_reserve(seg_offsets *e, size_t cap)
{
    if (cap <= e->cap)
        return 0;
    size_t *n = cap <= SIZE_MAX / sizeof *n ? realloc(e->at, cap * sizeof *n)
                                            : NULL;
    if (!n) {
        e->failed = true;
        return -1;
    }
    e->at = n;
    e->cap = cap;
    return 0;
}

int seg_offsets_grow(seg_offsets *e)
{
    return seg_offsets_reserve(e, e->cap ? e->cap * 2 : 64);
}

size_t seg_scan_line(const char *s, size_t len, size_t pos, seg_line *line,
                     seg_offsets *edits)
{
    if (edits)
        edits->len = 0;
    seg_shape sh = {0};
    uint32_t head[HEAD_CP];
    size_t n_head = 0;
    bool head_done = false; /* n_head == HEAD_CP, or the rest is no use */
    size_t content_start = pos, content_end = pos;
    bool seen = false;
    int depth = 0;
    uint32_t last_non_closer = 0;
    bool space_after_first = false; /* "- item", not "-5%" */
    line->indented = false;
    size_t i = pos;
    /* The last character and last_non_closer, when taken fast: where
     * they end (found back from there only when needed). */
    size_t han_end = SIZE_MAX, lnc_end = SIZE_MAX;
    while (i < len && !is_line_break((unsigned char)s[i])) {
        /* Fast path past the head: characters that change nothing but
         * the count and the last character are only counted, the last of
         * them decoded when it matters. */
        if (head_done) {
            const unsigned char *u = (const unsigned char *)s;
            size_t start = i;
            for (;;) {
                i = seg_find_stop(u, i, len, shape_stop);
                /* most characters of the CJK punctuation and full-width
                 * lead bytes (，：、) only count too */
                if (len - i < 3 || (u[i] & 0xF0) != 0xE0)
                    break;
                const cjk_masks *m = cjk_masks_of(u + i);
                uint64_t bit = (uint64_t)1 << (u[i + 2] & 0x3F);
                if (m->shapes & bit)
                    break;
                if (m->sentence_ends & bit)
                    sh.has_sentence_end = true;
                if (edits && (m->edits & bit))
                    seg_offsets_push(edits, i);
                i += 3;
            }
            if (i > start) {
                han_end = i;
                content_end = i;
                /* Counted up to where the count is surely past
                 * SEG_CP_ENOUGH: the characters starting in B bytes are
                 * at least B / 4, however they are cut. */
                if (sh.n_cp <= SEG_CP_ENOUGH) {
                    size_t bytes = i - start;
                    size_t enough = 4 * (SEG_CP_ENOUGH + 1 - sh.n_cp);
                    sh.n_cp += seg_count_chars(u + start,
                                               bytes < enough ? bytes
                                                              : enough);
                }
            }
            /* the stop is taken below at once, not found a second time */
            if (i >= len || is_line_break(u[i]))
                break;
        }
        uint32_t raw;
        size_t n = seg_decode(s + i, len - i, &raw);
        /* most characters of a head are ideographs: nothing to fold,
         * drop, note, balance or end */
        bool plain = seg_is_plain(raw);
        uint32_t cp = raw;
        if (!plain) {
            cp = seg_is_zero_width(raw) ? 0x200B : seg_fold(raw);
            /* seg_is_edit(raw), from what is known already */
            if (edits && (cp != raw || cp == 0x200B || seg_is_hspace(cp) ||
                          seg_is_sentence_end(cp) || seg_is_clause_end(cp)))
                seg_offsets_push(edits, i);
            if (cp == 0x200B || seg_is_hspace(cp)) {
                if (!seen && cp != 0x200B)
                    line->indented = true;
                if (seen && n_head == 1 && !head_done && cp != 0x200B)
                    space_after_first = true;
                i += n;
                continue;
            }
        }
        if (!seen) {
            seen = true;
            content_start = i;
        }
        content_end = i + n;
        i += n;
        sh.n_cp++;
        if (!head_done) {
            head[n_head++] = cp;
            head_done = n_head == HEAD_CP || !head_matters(head[0]);
        }
        sh.last = cp;
        bool closer = !plain && seg_is_closer(cp);
        if (!closer) {
            last_non_closer = cp;
            lnc_end = SIZE_MAX;
        } else if (han_end != SIZE_MAX) {
            lnc_end = han_end; /* decoded at the end, if still the last */
        }
        han_end = SIZE_MAX;
        if (plain)
            continue;
        if (seg_is_sentence_end(cp))
            sh.has_sentence_end = true;
        if (seg_is_opener(cp))
            depth++;
        else if (closer && depth > 0)
            depth--;
    }
    size_t next = i;
    if (next < len && s[next] == '\r')
        next++;
    if (next < len && s[next] == '\n' && (next == i || s[i] == '\r'))
        next++;
    if (!seen) {
        line->content_start = line->content_end = pos;
        line->shape = sh;
        return next;
    }
    const unsigned char *u = (const unsigned char *)s;
    if (han_end != SIZE_MAX) {
        unit_at(s, len, seg_last_char_start(u, pos, han_end), &sh.last);
        last_non_closer = sh.last;
    } else if (lnc_end != SIZE_MAX) {
        unit_at(s, len, seg_last_char_start(u, pos, lnc_end),
                &last_non_closer);
    }
    line->content_start = content_start;
    line->content_end = content_end;
    sh.first = head[0];
    sh.open_bracket = depth > 0;
    sh.ends_final = seg_is_sentence_end(last_non_closer) ||
                    last_non_closer == ':' || last_non_closer == 0x2026 ||
                    last_non_closer == '.'; /* Latin full stop */
    sh.ends_soft = seg_is_opener(sh.last) || sh.last == ',' ||
                   sh.last == 0x3001 || sh.last == 0xFF64;
    sh.starts_closer = cannot_start_line(sh.first);
    sh.starts_bullet = seg_is_bullet(sh.first) ||
                       ((sh.first == '-' || sh.first == '*' ||
                         sh.first == '+') &&
                        space_after_first);
    sh.starts_marker = sh.starts_bullet || starts_with_marker(head, n_head);
    line->shape = sh;
    return next;
}

bool seg_is_heading(const seg_shape *sh)
{
    return sh->n_cp > 0 && sh->n_cp <= SEG_HEADING_MAX_CP &&
           !sh->has_sentence_end && !sh->ends_final && !sh->ends_soft &&
           !sh->starts_bullet;
}

/* A printable ASCII character that is not a bracket: Latin text, where a
 * joined line break needs a space. */
static bool is_latin(uint32_t cp)
{
    return cp > ' ' && cp < 0x7F && !seg_is_opener(cp) && !seg_is_closer(cp);
}

seg_gap seg_gap_between(const seg_line *a, const seg_line *b)
{
    const seg_shape *x = &a->shape, *y = &b->shape;
    bool join;
    if (y->starts_closer)
        join = true;
    else if (x->ends_final || b->indented || y->starts_marker)
        join = false;
    else if (x->ends_soft || x->open_bracket)
        join = true;
    else if (x->starts_marker && !x->starts_bullet)
        join = false; /* a numbered heading */
    else
        join = x->n_cp >= SEG_JOIN_MIN_CP && !seg_is_heading(y);
    if (!join)
        return SEG_GAP_BREAK;
    if (is_latin(x->last) && is_latin(y->first) &&
        !(seg_is_digit(x->last) && seg_is_digit(y->first)))
        return SEG_GAP_JOIN_SPACE;
    return SEG_GAP_JOIN;
}
