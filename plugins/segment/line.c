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

#define HEAD_CP 8

size_t seg_scan_line(const char *s, size_t len, size_t pos, seg_line *line)
{
    seg_shape sh = {0};
    uint32_t head[HEAD_CP];
    size_t n_head = 0;
    size_t content_start = pos, content_end = pos;
    bool seen = false;
    int depth = 0;
    uint32_t last_non_closer = 0;
    bool space_after_first = false; /* "- item", not "-5%" */
    line->indented = false;
    size_t i = pos;
    size_t han_at = SIZE_MAX; /* last character, when taken fast */
    while (i < len && !is_line_break((unsigned char)s[i])) {
        unsigned char c = (unsigned char)s[i];
        /* Fast path: U+4000-U+9FFF (lead bytes E4-E9) are ideographs,
         * never space or punctuation; only count them. */
        if (c >= 0xE4 && c <= 0xE9 && n_head == HEAD_CP && i + 3 <= len) {
            han_at = i;
            i += 3;
            content_end = i;
            sh.n_cp++;
            continue;
        }
        uint32_t cp;
        size_t n = unit_at(s, len, i, &cp);
        if (cp == 0x200B || seg_is_hspace(cp)) {
            if (!seen && cp != 0x200B)
                line->indented = true;
            if (seen && n_head == 1 && cp != 0x200B)
                space_after_first = true;
            i += n;
            continue;
        }
        if (!seen) {
            seen = true;
            content_start = i;
        }
        if (han_at != SIZE_MAX) {
            unit_at(s, len, han_at, &last_non_closer);
            han_at = SIZE_MAX;
        }
        content_end = i + n;
        i += n;
        sh.n_cp++;
        if (n_head < HEAD_CP)
            head[n_head++] = cp;
        sh.last = cp;
        if (!seg_is_closer(cp))
            last_non_closer = cp;
        if (seg_is_sentence_end(cp))
            sh.has_sentence_end = true;
        if (seg_is_opener(cp))
            depth++;
        else if (seg_is_closer(cp) && depth > 0)
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
    if (han_at != SIZE_MAX) {
        unit_at(s, len, han_at, &sh.last);
        last_non_closer = sh.last;
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
