/* text.c — small helpers on spans of the normalized document text. */
#include "targets_internal.h"

#include <string.h>

size_t tg_char_len(const char *s, size_t avail)
{
    /* Fast paths for ASCII and the three-byte forms that need no range
     * check (lead E1..EC, EE..EF): the same answer as the full decoder. */
    const unsigned char *u = (const unsigned char *)s;
    if (avail && u[0] < 0x80)
        return 1;
    if (avail >= 3 && u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED &&
        (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80)
        return 3;
    uint32_t cp;
    size_t n = avail ? kiln_utf8_decode(s, avail, &cp) : 0;
    return n ? n : 1;
}

size_t tg_prev_char(const char *s, size_t len)
{
    size_t i = len - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

bool tg_starts(const char *s, size_t avail, const char *word)
{
    size_t n = strlen(word);
    return n <= avail && memcmp(s, word, n) == 0;
}

bool tg_ends(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    return n <= len && memcmp(s + len - n, word, n) == 0;
}

size_t tg_find(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    /* memmem: the C library's substring search, not a memcmp per byte */
    const char *p = n ? memmem(s, len, word, n) : NULL;
    return p ? (size_t)(p - s) : (size_t)-1;
}

size_t tg_hard_break_at(const char *s, size_t avail)
{
    static const char *const marks[] = {"，", "；", "：", "。", "！", "？",
                                        "…"};
    if (!avail)
        return 0;
    switch (*s) {
    case ',': case ';': case ':': case '!': case '?': case '\n': case '\r':
        return 1;
    default:
        break;
    }
    /* Every mark starts with one of these bytes: most characters stop here. */
    unsigned char lead = (unsigned char)*s;
    if (lead != 0xEF && lead != 0xE3 && lead != 0xE2)
        return 0;
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (tg_starts(s, avail, marks[i]))
            return strlen(marks[i]);
    return 0;
}

size_t tg_list_break_at(const char *s, size_t avail)
{
    return tg_starts(s, avail, "、") ? strlen("、") : 0;
}

int32_t tg_sentence_index(const kiln_doc *doc, const kiln_mention *m)
{
    if (m->sentence >= 0 && (size_t)m->sentence < doc->segments.len)
        return m->sentence;
    /* Not linked: the innermost sentence or heading around the span. */
    int32_t best = -1;
    for (size_t i = 0; i < doc->segments.len; i++) {
        const kiln_segment *s = &doc->segments.items[i];
        if ((s->kind == KILN_SEG_SENTENCE || s->kind == KILN_SEG_HEADING) &&
            s->span.start <= m->span.start && m->span.end <= s->span.end)
            best = (int32_t)i;
    }
    return best;
}

const kiln_segment *tg_sentence_of(const kiln_doc *doc, const kiln_mention *m)
{
    int32_t i = tg_sentence_index(doc, m);
    return i < 0 ? NULL : &doc->segments.items[i];
}
