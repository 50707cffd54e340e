/* text.c — small helpers on spans of the normalized document text. */
#include "targets_internal.h"

#include <string.h>

size_t tg_char_len_decode(const char *s, size_t avail)
{
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

size_t tg_find(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    if (!n)
        return (size_t)-1;
    /* the pieces searched are short: memchr to each first byte, then a
     * compare, beats memmem's setup */
    for (const char *p = s, *end = s + len; (size_t)(end - p) >= n; p++) {
        p = memchr(p, word[0], (size_t)(end - p) - n + 1);
        if (!p)
            break;
        if (memcmp(p + 1, word + 1, n - 1) == 0)
            return (size_t)(p - s);
    }
    return (size_t)-1;
}

/* The full-width marks of tg_hard_break_at (lead byte E2, E3 or EF). */
size_t tg_hard_break_slow(const char *s, size_t avail)
{
    static const char marks[][4] = {"，", "；", "：", "。", "！", "？", "…"};
    if (avail < 3)
        return 0;
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (memcmp(s, marks[i], 3) == 0)
            return 3;
    return 0;
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
