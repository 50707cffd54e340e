/* role.c — does a figure report a result, state a target, or neither?
 *
 * Three sources, in this order: a strong cue word in the sentence (力争,
 * 确保, 同比 ... nearest before the figure wins, then one later in its
 * clause); the section the sentence sits in (a heading such as 工作回顾 or
 * 行动计划, or a lead-in such as 未来五年 at the start of a paragraph); a
 * weak cue word (将, 达, 实现 ...). Without any of them a figure is taken
 * as a result: reports state results plainly and mark their goals. Kinds
 * that are names rather than quantities (slogans, ordinals, dates, period
 * labels) are "other" unless a general pattern makes them a figure. */
#include "targets_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The year a heading's text S[0..N) names at I, if a four-digit number
 * not inside a longer one and followed by 年 starts there: *ROLE is its
 * role (NONE for a dateline). False when no such year starts at I. */
static bool heading_year_at(const tg_doc *td, const char *s, size_t n,
                            size_t i, kiln_role *role)
{
    if (s[i] < '0' || s[i] > '9' || (i && s[i - 1] >= '0' && s[i - 1] <= '9'))
        return false;
    size_t j = i;
    int y = 0;
    while (j < n && s[j] >= '0' && s[j] <= '9' && j - i < 5)
        y = y * 10 + (s[j++] - '0');
    if (j - i != 4 || !tg_starts(s + j, n - j, "年"))
        return false;
    size_t k = j + strlen("年"), d = k;
    while (d < n && s[d] >= '0' && s[d] <= '9' && d - k < 3)
        d++;
    if (d > k && tg_starts(s + d, n - d, "月"))
        *role = KILN_ROLE_NONE; /* a dateline */
    else
        *role = y < td->report_year ? KILN_ROLE_ACHIEVED : KILN_ROLE_TARGET;
    return true;
}

/* A heading year against the report year: earlier years are reviewed,
 * the report year and later are planned. A full date (2022年3月5日在…) is
 * a dateline under the title, which opens no section. */
static kiln_role heading_year_role(const tg_doc *td, const char *s, size_t n)
{
    if (!td->report_year)
        return KILN_ROLE_NONE;
    /* A year is four digits: every fourth byte is looked at, and only
     * the four starts before a digit there are tried (in order, so the
     * first year of the text is found). */
    for (size_t r = 3; r < n; r += 4) {
        if (s[r] < '0' || s[r] > '9')
            continue;
        kiln_role role;
        for (size_t i = r - 3; i <= r && i + 4 < n; i++)
            if (heading_year_at(td, s, n, i, &role))
                return role;
    }
    return KILN_ROLE_NONE;
}

/* The places where section words occur in the document: start and end
 * of each (the shortest one at a start), sorted by start. Found in one
 * pass over the text rather than once per sentence. */
typedef struct section_hits {
    kiln_arena *arena;
    struct section_hit {
        size_t start, end;
    } *items;
    size_t len, cap;
    size_t next; /* first hit at or after the last FROM looked up */
    bool failed; /* out of memory */
} section_hits;

static void add_section_hit(void *ctx, size_t start, size_t len)
{
    section_hits *h = ctx;
    if (h->len == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 16;
        struct section_hit *items =
            kiln_arena_take(h->arena, cap * sizeof *items);
        if (!items) {
            h->failed = true;
            return;
        }
        if (h->len)
            memcpy(items, h->items, h->len * sizeof *items);
        h->items = items;
        h->cap = cap;
    }
    h->items[h->len++] = (struct section_hit){start, start + len};
}

static int cmp_hit_start(const void *pa, const void *pb)
{
    const struct section_hit *a = pa, *b = pb;
    return (a->start > b->start) - (a->start < b->start);
}

/* The last start of a section word lying wholly in [FROM, TO); false if
 * none. Sentences come in order: the first hit at or after FROM is
 * usually found by moving on from the last one. */
static bool last_hit_in(section_hits *h, size_t from, size_t to,
                        size_t *last)
{
    size_t a = h->next;
    if (a && h->items[a - 1].start >= from) { /* FROM went back: search */
        size_t b = a;
        a = 0;
        while (a < b) {
            size_t mid = a + (b - a) / 2;
            if (h->items[mid].start < from)
                a = mid + 1;
            else
                b = mid;
        }
    }
    while (a < h->len && h->items[a].start < from)
        a++;
    h->next = a;
    bool found = false;
    for (; a < h->len && h->items[a].start < to; a++)
        if (h->items[a].end <= to) {
            found = true;
            *last = h->items[a].start;
        }
    return found;
}

/* First section word in [s, s+n), the text from FROM of the document;
 * HITS: the document's section hits (NULL: none found, look anyway). */
static const tg_cue *section_cue(const tg_cues *cues, section_hits *hits,
                                 size_t from, const char *s, size_t n)
{
    size_t last = n;
    if (hits) {
        if (!last_hit_in(hits, from, from + n, &last))
            return NULL;
        last -= from;
    }
    /* the scan must start at S (cues before decide where it looks) but
     * may stop after the last place a section word starts */
    for (size_t i = 0; i < n && i <= last;) {
        size_t step;
        const tg_cue *c = tg_cue_step(cues, s + i, n - i, &step);
        if (c && c->strength == TG_STRENGTH_SECTION)
            return c;
        i += step;
    }
    return NULL;
}

static kiln_role cue_role(const tg_cue *c)
{
    return c->cls == TG_CUE_TARGET ? KILN_ROLE_TARGET : KILN_ROLE_ACHIEVED;
}

/* Does the sentence fill its whole paragraph (a one-line lead-in such as
 * "这张路径图,请您见证!")? */
static bool alone_in_paragraph(const kiln_doc *doc, const kiln_segment *s)
{
    if (s->parent < 0 || (size_t)s->parent >= doc->segments.len)
        return false;
    const kiln_segment *p = &doc->segments.items[s->parent];
    if (p->kind != KILN_SEG_PARAGRAPH || p->span.start != s->span.start)
        return false;
    size_t end = s->span.end;
    while (end < p->span.end && (doc->text[end] == ' ' ||
                                 doc->text[end] == '\n'))
        end++;
    return end >= p->span.end;
}

/* The section role of segment I (and its word): a clause has the one of
 * the segment it lies in (none when that does not come before it), the
 * entries tg_sections leaves unset for clauses are never read. */
static kiln_role section_of(const tg_doc *td, size_t i, const char **word)
{
    const kiln_doc *doc = td->doc;
    while (doc->segments.items[i].kind == KILN_SEG_CLAUSE) {
        int32_t up = doc->segments.items[i].parent;
        if (up < 0 || (size_t)up >= i) {
            *word = "";
            return KILN_ROLE_NONE;
        }
        i = (size_t)up;
    }
    *word = td->section_word[i];
    return td->section[i];
}

int tg_sections(tg_doc *td)
{
    kiln_doc *doc = td->doc;
    size_t n = doc->segments.len;
    /* every entry is set below, in segment order */
    kiln_role *section = kiln_arena_take(doc->arena,
                                         (n ? n : 1) * sizeof *section);
    const char **word = kiln_arena_take(doc->arena, (n ? n : 1) * sizeof *word);
    if (!section || !word)
        return -1;
    td->section = section;
    td->section_word = word;
    const tg_cues *cues = &td->st->cues;
    section_hits hits = {.arena = doc->arena};
    if (cues->section_pairs) {
        tg_cues_section_hits(cues, doc->text, doc->text_len, add_section_hit,
                             &hits);
        if (hits.failed)
            return -1;
        if (hits.len > 1) /* qsort(NULL, 0, ...) is undefined */
            qsort(hits.items, hits.len, sizeof *hits.items, cmp_hit_start);
    }
    kiln_role heading_role = KILN_ROLE_NONE, para_role = KILN_ROLE_NONE;
    const char *heading_word = "", *para_word = "";
    int32_t para = -2;
    bool body = false; /* past the title lines */
    for (size_t i = 0; i < n; i++) {
        const kiln_segment *s = &doc->segments.items[i];
        if (s->kind == KILN_SEG_PARAGRAPH) {
            section[i] = heading_role;
            word[i] = heading_word;
            continue;
        }
        if (s->kind == KILN_SEG_CLAUSE)
            continue; /* left unset: section_of reads its sentence's */
        const char *t = doc->text + s->span.start;
        size_t len = s->span.end - s->span.start;
        if (s->kind == KILN_SEG_SENTENCE)
            body = true;
        if (s->parent != para) { /* a new paragraph: forget its lead-in */
            para = s->parent;
            para_role = KILN_ROLE_NONE;
        }
        const tg_cue *c = section_cue(cues, cues->section_pairs ? &hits : NULL,
                                      s->span.start, t, len);
        if (s->kind == KILN_SEG_HEADING ||
            (c && alone_in_paragraph(doc, s))) {
            /* the title lines' year dates the report, it opens nothing */
            kiln_role r = c      ? cue_role(c)
                          : body ? heading_year_role(td, t, len)
                                 : KILN_ROLE_NONE;
            if (r != KILN_ROLE_NONE) {
                heading_role = r;
                heading_word = c ? c->word : "(heading year)";
            }
            para_role = KILN_ROLE_NONE;
            section[i] = heading_role;
            word[i] = heading_word;
            continue;
        }
        if (c && para_role == KILN_ROLE_NONE) {
            para_role = cue_role(c);
            para_word = c->word;
        }
        section[i] = para_role != KILN_ROLE_NONE ? para_role : heading_role;
        word[i] = para_role != KILN_ROLE_NONE ? para_word : heading_word;
    }
    return 0;
}

bool tg_is_figure(const kiln_mention *m)
{
    return m->kind == KILN_KIND_AMOUNT || m->kind == KILN_KIND_PERCENT ||
           m->kind == KILN_KIND_PERCENTAGE_POINT || m->kind == KILN_KIND_RANK;
}

typedef struct cue_hit {
    const tg_cue *cue;
    const char *word; /* what to record as the mention's cue */
} cue_hit;

/* "到2025年": a year after 到/至 that lies ahead of the report. */
static bool deadline_before(const tg_doc *td, const kiln_mention *m,
                            size_t from, const char **word)
{
    const kiln_doc *doc = td->doc;
    if (!td->report_year)
        return false;
    size_t lo, hi;
    tg_mentions_near(td, from, m->span.start + 1, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const kiln_mention *y = &doc->mentions.items[i];
        if (y->kind != KILN_KIND_YEAR_OR_DATE || y->span.start < from ||
            y->span.end > m->span.start || y->value < td->report_year ||
            y->value > 2200)
            continue;
        size_t p = y->span.start;
        if (p >= from + 3 && (tg_ends(doc->text + from, p - from, "到") ||
                              tg_ends(doc->text + from, p - from, "至"))) {
            *word = "到";
            return true;
        }
    }
    return false;
}

/* "1956年,全国农业总产值约为…": a year before the report's, ahead of the
 * figure in its sentence, dates a result (not "比1955年增加", a baseline). */
static bool past_year_before(const tg_doc *td, const kiln_mention *m,
                             size_t from)
{
    const kiln_doc *doc = td->doc;
    if (!td->report_year)
        return false;
    static const char *const baseline_marks[] = {"比", "较", "与", "同"};
    size_t lo, hi;
    tg_mentions_near(td, from, m->span.start + 1, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const kiln_mention *y = &doc->mentions.items[i];
        if (y->span.start >= m->span.start)
            break;
        if (y->kind != KILN_KIND_YEAR_OR_DATE || y->span.start < from ||
            y->value < 1900 || y->value >= td->report_year)
            continue;
        bool baseline = false;
        for (size_t k = 0; k < sizeof baseline_marks / sizeof *baseline_marks;
             k++)
            if (tg_ends(doc->text + from, y->span.start - from,
                        baseline_marks[k]))
                baseline = true;
        if (!baseline)
            return true;
    }
    return false;
}

/* Where a scan for role cues got to (the next position to look at) and
 * what it found before there. */
typedef struct cue_state {
    size_t pos;
    cue_hit strong, weak;
    kiln_commitment commit;
} cue_state;

/* A state saved from the figure before, in the sentence starting at FROM
 * (SIZE_MAX: none), scanned for cues ending by END: the scan of a later
 * figure of that sentence resumes there instead of at its start. */
typedef struct cue_resume {
    size_t from, end;
    cue_state at;
} cue_resume;

/* Scan for role cues from ST->pos while it is before END, looking at the
 * LIMIT >= END bytes readable; it stops early (ST->pos < END) at the
 * first cue or character that would cross END. Before there every lookup
 * gives what one cut at END gives (the longest cue that fits is the
 * same), so with LIMIT > END the state is valid for any later END. With
 * LIMIT == END cues must end by END and the scan never stops early. */
static void scan_role_cues(const tg_cues *cues, const char *t,
                           cue_state *st, size_t end, size_t limit)
{
    size_t pos = st->pos;
    while (pos < end) {
        size_t step;
        const tg_cue *c = tg_cue_step(cues, t + pos, limit - pos, &step);
        if (pos + step > end)
            break;
        if (c && (c->cls == TG_CUE_TARGET || c->cls == TG_CUE_ACHIEVED)) {
            if (c->strength == TG_STRENGTH_STRONG)
                st->strong = (cue_hit){c, c->word};
            else if (c->strength == TG_STRENGTH_WEAK)
                st->weak = (cue_hit){c, c->word};
            if (c->commitment != KILN_COMMIT_NONE)
                st->commit = c->commitment;
        }
        pos += step;
    }
    st->pos = pos;
}

/* The role the words and the section give to the figure M. */
static kiln_role context_role(const tg_doc *td, kiln_mention *m,
                              cue_resume *resume)
{
    const kiln_doc *doc = td->doc;
    const tg_cues *cues = &td->st->cues;
    int32_t si = tg_sentence_index(doc, m);
    size_t from = si >= 0 ? doc->segments.items[si].span.start : 0;
    size_t to = si >= 0 ? doc->segments.items[si].span.end : doc->text_len;
    const char *t = doc->text;
    size_t end = m->span.start;
    cue_state st = {.pos = from};
    if (resume->from == from && resume->end <= end && resume->at.pos <= end)
        st = resume->at;
    /* the scan up to the first cue crossing END is the same for any later
     * END: saved for the next figure; the rest (rarely any) is cut at END */
    scan_role_cues(cues, t, &st, end, to > end ? to : end);
    *resume = (cue_resume){from, end, st};
    scan_role_cues(cues, t, &st, end, end);
    cue_hit strong = st.strong, weak = st.weak;
    kiln_commitment commit = st.commit;
    if (!strong.cue) { /* a strong target word later in the clause */
        for (size_t i = m->span.end; i < to;) {
            if (tg_hard_break_at(t + i, to - i))
                break;
            size_t step;
            const tg_cue *c = tg_cue_step(cues, t + i, to - i, &step);
            if (c && c->cls == TG_CUE_TARGET &&
                c->strength == TG_STRENGTH_STRONG) {
                strong = (cue_hit){c, c->word};
                if (c->commitment != KILN_COMMIT_NONE)
                    commit = c->commitment;
                break;
            }
            i += step;
        }
    }
    m->commitment = KILN_COMMIT_NONE;
    const char *word;
    if (strong.cue) {
        m->cue = strong.word;
        if (strong.cue->cls == TG_CUE_TARGET)
            m->commitment = commit;
        return cue_role(strong.cue);
    }
    if (deadline_before(td, m, from, &word)) {
        m->cue = word;
        m->commitment = commit;
        return KILN_ROLE_TARGET;
    }
    const char *sec_word = "";
    kiln_role sec = si >= 0 ? section_of(td, (size_t)si, &sec_word)
                            : KILN_ROLE_NONE;
    if (sec != KILN_ROLE_NONE) {
        m->cue = weak.cue && cue_role(weak.cue) == sec ? weak.word : sec_word;
        if (sec == KILN_ROLE_TARGET)
            m->commitment = commit;
        return sec;
    }
    if (past_year_before(td, m, from)) {
        m->cue = "(past year)";
        return KILN_ROLE_ACHIEVED;
    }
    if (weak.cue) {
        m->cue = weak.word;
        if (weak.cue->cls == TG_CUE_TARGET)
            m->commitment = commit;
        return cue_role(weak.cue);
    }
    m->cue = "";
    return KILN_ROLE_ACHIEVED;
}

/* The text right after a mention, its qualifier skipped. */
static const char *after_mention(const kiln_doc *doc, const kiln_mention *m,
                                 size_t *avail)
{
    size_t p = m->span.end;
    size_t q = strlen(m->qualifier);
    if (q && p + q <= doc->text_len &&
        memcmp(doc->text + p, m->qualifier, q) == 0)
        p += q;
    *avail = doc->text_len - p;
    return doc->text + p;
}

/* A duration that bounds a goal: 五年内, 用三年时间. */
bool tg_is_horizon_duration(const kiln_doc *doc, const kiln_mention *m)
{
    if (m->kind != KILN_KIND_DURATION)
        return false;
    size_t n;
    const char *a = after_mention(doc, m, &n);
    if (strcmp(m->qualifier, "内") == 0 || strcmp(m->qualifier, "以内") == 0)
        return true;
    return tg_starts(a, n, "内") || tg_starts(a, n, "以内") ||
           tg_starts(a, n, "时间");
}

/* A duration naming a programme: 水利建设五年行动, 三年行动计划. */
bool tg_is_programme_duration(const kiln_doc *doc, const kiln_mention *m)
{
    size_t n;
    const char *a = after_mention(doc, m, &n);
    return m->kind == KILN_KIND_DURATION &&
           (tg_starts(a, n, "行动") || tg_starts(a, n, "规划") ||
            tg_starts(a, n, "计划") || tg_starts(a, n, "攻坚"));
}

/* 提前三年实现: the time saved is itself the result. */
bool tg_is_ahead_duration(const kiln_doc *doc, const kiln_mention *m)
{
    return m->kind == KILN_KIND_DURATION &&
           tg_ends(doc->text, m->span.start, "提前");
}

/* A scale written as a slogan (“千亿产业”): a figure; a numbered name
 * (三高四新, 六稳) is not. */
static bool scale_slogan(const kiln_mention *m)
{
    return m->kind == KILN_KIND_SLOGAN &&
           (m->magnitude >= 1e8 || m->value >= 1e8);
}

/* A zero written as a slogan (“破零”, “清零”): a count brought from or to
 * zero, a figure like any other. */
bool tg_is_zero_slogan(const kiln_mention *m)
{
    return m->kind == KILN_KIND_SLOGAN && m->value == 0;
}

/* A graded level (4A级 景区): attained or aimed at like a figure. */
static bool grade_ordinal(const kiln_mention *m)
{
    return m->kind == KILN_KIND_ORDINAL && tg_ends(m->unit, strlen(m->unit),
                                                   "级");
}

void tg_decide_roles(tg_doc *td)
{
    kiln_doc *doc = td->doc;
    cue_resume resume = {.from = SIZE_MAX};
    for (size_t i = 0; i < doc->mentions.len; i++) {
        kiln_mention *m = &doc->mentions.items[i];
        m->cue = "";
        m->commitment = KILN_COMMIT_NONE;
        if (tg_is_figure(m) || scale_slogan(m) || grade_ordinal(m) ||
            tg_is_zero_slogan(m) ||
            tg_is_horizon_duration(doc, m) ||
            tg_is_programme_duration(doc, m))
            m->role = context_role(td, m, &resume);
        else if (tg_is_ahead_duration(doc, m)) {
            m->role = KILN_ROLE_ACHIEVED;
            m->cue = "提前";
        } else
            m->role = KILN_ROLE_OTHER;
        if (m->role != KILN_ROLE_TARGET)
            m->commitment = KILN_COMMIT_NONE;
    }
}
