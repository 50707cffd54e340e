/* horizon.c — the report's year and the years from it to each target. */
#include "targets_internal.h"

#include <string.h>

static bool is_year(const kiln_mention *m)
{
    return m->kind == KILN_KIND_YEAR_OR_DATE && m->value >= 1900 &&
           m->value <= 2200 && m->value == (double)(int)m->value;
}

/* The year of the first full date near the top ("2022年3月5日在…会议
 * 上"), which dates the report. 0 when the text gives none. */
int tg_infer_report_year(const kiln_doc *doc)
{
    size_t window = doc->text_len / 4 > 2000 ? doc->text_len / 4 : 2000;
    for (size_t i = 0; i < doc->mentions.len; i++) {
        const kiln_mention *m = &doc->mentions.items[i];
        if (m->span.start > window)
            break;
        if (!is_year(m) || !tg_ends(doc->text, m->span.end, "年"))
            continue;
        size_t p = m->span.end;
        while (p < doc->text_len && doc->text[p] >= '0' && doc->text[p] <= '9')
            p++;
        if (p > m->span.end && p - m->span.end <= 2 &&
            tg_starts(doc->text + p, doc->text_len - p, "月"))
            return (int)m->value;
    }
    /* No dateline: a year in the title lines ("2021年政府工作报告",
     * "2021年县市区两会特别报道") dates the report. */
    size_t title_end = doc->text_len < 400 ? doc->text_len : 400;
    for (size_t i = 0; i < doc->segments.len; i++) {
        const kiln_segment *s = &doc->segments.items[i];
        if (s->kind == KILN_SEG_SENTENCE) { /* the body begins */
            if (s->span.start < title_end)
                title_end = s->span.start;
            break;
        }
    }
    for (size_t i = 0; i < doc->mentions.len; i++) {
        const kiln_mention *m = &doc->mentions.items[i];
        if (m->span.start >= title_end)
            break;
        if (is_year(m) && !m->has_max && tg_ends(doc->text, m->span.end, "年"))
            return (int)m->value;
    }
    return 0;
}

/* Years in a duration (年, 载; months as a fraction), or -1. */
static double duration_years(const kiln_mention *m)
{
    if (strcmp(m->unit, "年") == 0 || strcmp(m->unit, "载") == 0)
        return m->value;
    if (strcmp(m->unit, "个月") == 0 || strcmp(m->unit, "月") == 0)
        return m->value / 12.0;
    return -1;
}

/* Horizon of the target M: a deadline year after 到/至 in its sentence,
 * else the longest bounding duration there (力争三年、确保五年内: the
 * binding deadline is the later one). */
static bool horizon_of(const tg_doc *td, const kiln_mention *m, double *out)
{
    const kiln_doc *doc = td->doc;
    int32_t si = tg_sentence_index(doc, m);
    size_t from = si >= 0 ? doc->segments.items[si].span.start : 0;
    size_t to = si >= 0 ? doc->segments.items[si].span.end : doc->text_len;
    double best = -1, deadline = -1;
    size_t lo, hi; /* the sentence's mentions only: stays linear */
    tg_mentions_near(td, from, to, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const kiln_mention *d = &doc->mentions.items[i];
        if (d == m || d->span.start < from || d->span.end > to)
            continue;
        if (is_year(d) && td->report_year && d->span.end <= m->span.start &&
            d->value > td->report_year &&
            (tg_ends(doc->text, d->span.start, "到") ||
             tg_ends(doc->text, d->span.start, "至")))
            deadline = d->value - td->report_year;
        else if (tg_is_horizon_duration(doc, d) ||
                 tg_is_programme_duration(doc, d)) {
            double y = duration_years(d);
            if (y > best)
                best = y;
        }
    }
    if (deadline > 0)
        best = deadline;
    if (best <= 0)
        return false;
    *out = best;
    return true;
}

void tg_set_horizons(tg_doc *td)
{
    kiln_doc *doc = td->doc;
    for (size_t i = 0; i < doc->mentions.len; i++) {
        kiln_mention *m = &doc->mentions.items[i];
        m->has_horizon = false;
        m->horizon_years = 0;
        if (m->role != KILN_ROLE_TARGET || m->kind == KILN_KIND_DURATION)
            continue;
        double h;
        if (horizon_of(td, m, &h)) {
            m->horizon_years = h;
            m->has_horizon = true;
        }
    }
}
