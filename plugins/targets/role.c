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

#include <string.h>

/* A heading year against the report year: earlier years are reviewed,
 * the report year and later are planned. A full date (2022年3月5日在…) is
 * a dateline under the title, which opens no section. */
static kiln_role heading_year_role(const tg_doc *td, const char *s, size_t n)
{
    if (!td->report_year)
        return KILN_ROLE_NONE;
    for (size_t i = 0; i + 4 < n; i++) {
        if (s[i] < '0' || s[i] > '9' || (i && s[i - 1] >= '0' &&
                                         s[i - 1] <= '9'))
            continue;
        size_t j = i;
        int y = 0;
        while (j < n && s[j] >= '0' && s[j] <= '9' && j - i < 5)
            y = y * 10 + (s[j++] - '0');
        if (j - i != 4 || !tg_starts(s + j, n - j, "年"))
            continue;
        size_t k = j + strlen("年"), d = k;
        while (d < n && s[d] >= '0' && s[d] <= '9' && d - k < 3)
            d++;
        if (d > k && tg_starts(s + d, n - d, "月"))
            return KILN_ROLE_NONE; /* a dateline */
        return y < td->report_year ? KILN_ROLE_ACHIEVED
                                       : KILN_ROLE_TARGET;
    }
    return KILN_ROLE_NONE;
}

/* First section word in [s, s+n). */
static const tg_cue *section_cue(const tg_cues *cues, const char *s, size_t n)
{
    if (!tg_cues_may_hold_section(cues, s, n))
        return NULL;
    for (size_t i = 0; i < n;) {
        const tg_cue *c = tg_cue_at(cues, s + i, n - i);
        if (c && c->strength == TG_STRENGTH_SECTION)
            return c;
        i += c ? c->len : tg_char_len(s + i, n - i);
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

int tg_sections(tg_doc *td)
{
    kiln_doc *doc = td->doc;
    size_t n = doc->segments.len;
    td->section = kiln_arena_calloc(doc->arena, n ? n : 1,
                                    sizeof *td->section);
    td->section_word = kiln_arena_calloc(doc->arena, n ? n : 1,
                                         sizeof *td->section_word);
    if (!td->section || !td->section_word)
        return -1;
    kiln_role heading_role = KILN_ROLE_NONE, para_role = KILN_ROLE_NONE;
    const char *heading_word = "", *para_word = "";
    int32_t para = -2;
    bool body = false; /* past the title lines */
    for (size_t i = 0; i < n; i++) {
        const kiln_segment *s = &doc->segments.items[i];
        const char *t = doc->text + s->span.start;
        size_t len = s->span.end - s->span.start;
        td->section_word[i] = "";
        if (s->kind == KILN_SEG_PARAGRAPH) {
            td->section[i] = heading_role;
            td->section_word[i] = heading_word;
            continue;
        }
        if (s->kind == KILN_SEG_CLAUSE) {
            bool up = s->parent >= 0 && (size_t)s->parent < i;
            td->section[i] = up ? td->section[s->parent] : KILN_ROLE_NONE;
            td->section_word[i] = up ? td->section_word[s->parent] : "";
            continue;
        }
        if (s->kind == KILN_SEG_SENTENCE)
            body = true;
        if (s->parent != para) { /* a new paragraph: forget its lead-in */
            para = s->parent;
            para_role = KILN_ROLE_NONE;
        }
        const tg_cue *c = section_cue(&td->st->cues, t, len);
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
            td->section[i] = heading_role;
            td->section_word[i] = heading_word;
            continue;
        }
        if (c && para_role == KILN_ROLE_NONE) {
            para_role = cue_role(c);
            para_word = c->word;
        }
        td->section[i] = para_role != KILN_ROLE_NONE ? para_role
                                                     : heading_role;
        td->section_word[i] = para_role != KILN_ROLE_NONE ? para_word
                                                          : heading_word;
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

/* The role the words and the section give to the figure M. */
static kiln_role context_role(const tg_doc *td, kiln_mention *m)
{
    const kiln_doc *doc = td->doc;
    const tg_cues *cues = &td->st->cues;
    int32_t si = tg_sentence_index(doc, m);
    size_t from = si >= 0 ? doc->segments.items[si].span.start : 0;
    size_t to = si >= 0 ? doc->segments.items[si].span.end : doc->text_len;
    const char *t = doc->text;
    cue_hit strong = {0}, weak = {0};
    kiln_commitment commit = KILN_COMMIT_NONE;
    for (size_t i = from; i < m->span.start;) {
        const tg_cue *c = tg_cue_at(cues, t + i, m->span.start - i);
        if (c && (c->cls == TG_CUE_TARGET || c->cls == TG_CUE_ACHIEVED)) {
            if (c->strength == TG_STRENGTH_STRONG)
                strong = (cue_hit){c, c->word};
            else if (c->strength == TG_STRENGTH_WEAK)
                weak = (cue_hit){c, c->word};
            if (c->commitment != KILN_COMMIT_NONE)
                commit = c->commitment;
        }
        i += c ? c->len : tg_char_len(t + i, m->span.start - i);
    }
    if (!strong.cue) { /* a strong target word later in the clause */
        for (size_t i = m->span.end; i < to;) {
            if (tg_hard_break_at(t + i, to - i))
                break;
            const tg_cue *c = tg_cue_at(cues, t + i, to - i);
            if (c && c->cls == TG_CUE_TARGET &&
                c->strength == TG_STRENGTH_STRONG) {
                strong = (cue_hit){c, c->word};
                if (c->commitment != KILN_COMMIT_NONE)
                    commit = c->commitment;
                break;
            }
            i += c ? c->len : tg_char_len(t + i, to - i);
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
    kiln_role sec = si >= 0 ? td->section[si] : KILN_ROLE_NONE;
    if (sec != KILN_ROLE_NONE) {
        m->cue = weak.cue && cue_role(weak.cue) == sec ? weak.word
                                                        : td->section_word[si];
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
    for (size_t i = 0; i < doc->mentions.len; i++) {
        kiln_mention *m = &doc->mentions.items[i];
        m->cue = "";
        m->commitment = KILN_COMMIT_NONE;
        if (tg_is_figure(m) || scale_slogan(m) || grade_ordinal(m) ||
            tg_is_zero_slogan(m) ||
            tg_is_horizon_duration(doc, m) ||
            tg_is_programme_duration(doc, m))
            m->role = context_role(td, m);
        else if (tg_is_ahead_duration(doc, m)) {
            m->role = KILN_ROLE_ACHIEVED;
            m->cue = "提前";
        } else
            m->role = KILN_ROLE_OTHER;
        if (m->role != KILN_ROLE_TARGET)
            m->commitment = KILN_COMMIT_NONE;
    }
}
