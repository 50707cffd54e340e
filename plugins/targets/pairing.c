/* pairing.c — each target beside the baseline the same report gives for
 * the same indicator, with progress, gap and the growth it still needs. */
#include "targets_internal.h"

#include <math.h>
#include <string.h>

/* Same quantity: same indicator, kind and dimension, and the same base
 * unit where both have one (yuan against dollars is no pair). */
static bool comparable(const kiln_mention *t, const kiln_mention *b)
{
    if (!*t->indicator || strcmp(t->indicator, b->indicator) != 0 ||
        t->kind != b->kind || strcmp(t->dimension, b->dimension) != 0 ||
        t->per_capita != b->per_capita)
        return false;
    if (t->has_si && b->has_si)
        return strcmp(t->si_unit, b->si_unit) == 0;
    return strcmp(t->unit, b->unit) == 0;
}

static double level(const kiln_mention *m)
{
    return m->has_si ? m->si_value : m->value;
}

/* An upper bound (控制在5.5%以内): met when the baseline is below it. */
static bool is_ceiling(const kiln_mention *t)
{
    static const char *const marks[] = {"以内", "以下", "不超过", "不高于",
                                        "内"};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (strcmp(t->qualifier, marks[i]) == 0)
            return true;
    return strcmp(t->cue, "控制在") == 0;
}

static void compute(kiln_comparison *c, const kiln_mention *t,
                    const kiln_mention *b)
{
    double tv = level(t), bv = level(b);
    c->progress = tv != 0 ? bv / tv : 0;
    c->gap = tv - bv; /* points for percents: both are in % */
    c->met = is_ceiling(t) ? bv <= tv : bv >= tv;
    c->has_growth = t->has_horizon && t->kind == KILN_KIND_AMOUNT &&
                    tv > 0 && bv > 0 && t->horizon_years > 0;
    if (c->has_growth)
        c->required_growth = pow(tv / bv, 1.0 / t->horizon_years) - 1.0;
}

int tg_pair(tg_doc *td)
{
    kiln_doc *doc = td->doc;
    const char *label = td->st->label;
    size_t n = doc->mentions.len;
    for (size_t i = 0; i < n; i++) {
        const kiln_mention *t = &doc->mentions.items[i];
        if (t->role != KILN_ROLE_TARGET || !tg_is_figure(t))
            continue;
        /* The nearest result before the target (a report reviews, then
         * plans); failing that, the first one after it. */
        int32_t before = -1, after = -1;
        size_t n_cand = 0;
        bool values_differ = false;
        for (size_t j = 0; j < n; j++) {
            const kiln_mention *b = &doc->mentions.items[j];
            if (b->role != KILN_ROLE_ACHIEVED || !comparable(t, b))
                continue;
            if (n_cand && level(b) !=
                              level(&doc->mentions.items[before >= 0
                                                             ? before
                                                             : after]))
                values_differ = true;
            n_cand++;
            if (j < i)
                before = (int32_t)j;
            else if (after < 0)
                after = (int32_t)j;
        }
        int32_t base = before >= 0 ? before : after;
        kiln_comparison *c = kiln_doc_add_comparison(doc, label);
        if (!c)
            return -1;
        t = &doc->mentions.items[i];
        c->indicator = t->indicator;
        c->unit = t->unit;
        c->target = (int32_t)i;
        c->baseline = base;
        c->qualifier = t->qualifier;
        c->cue = t->cue;
        c->commitment = t->commitment;
        c->has_horizon = t->has_horizon;
        c->horizon_years = t->horizon_years;
        if (base < 0) {
            c->diagnostic = *t->indicator ? "" : "no indicator found";
            continue;
        }
        const kiln_mention *b = &doc->mentions.items[base];
        compute(c, t, b);
        const char *why = "";
        if (n_cand > 1 && values_differ)
            why = kiln_arena_printf(doc->arena,
                                    "%zu results for %s; took the %s one",
                                    n_cand, t->indicator,
                                    before >= 0 ? "nearest earlier"
                                                : "first later");
        else if (before < 0)
            why = "baseline stated after the target";
        if (!why)
            return -1;
        c->diagnostic = why;
        if (*why && kiln_doc_diag(doc, label, KILN_SEV_WARNING, t->span,
                                  "uncertain-pairing", "%s: %s",
                                  t->indicator, why) < 0)
            return -1;
    }
    return 0;
}
