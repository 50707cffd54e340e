/* score.c — the matching and counting of tests/score.py, in C, so that
 * kiln eval and the reference scorer agree to the last figure. */
#include "score.h"

#include <math.h>
#include <string.h>

bool kiln_score_same(double a, double b)
{
    double scale = fmax(1.0, fmax(fabs(a), fabs(b)));
    return fabs(a - b) <= 1e-9 * scale;
}

static bool overlaps(size_t s1, size_t e1, size_t s2, size_t e2)
{
    return s1 < e2 && s2 < e1;
}

void kiln_score_match(const kiln_gold_mention *gold, size_t n_gold,
                      const kiln_pred *pred, size_t n_pred, long *gold_to_pred,
                      long *pred_to_gold)
{
    for (size_t i = 0; i < n_pred; i++)
        pred_to_gold[i] = -1;
    for (size_t g = 0; g < n_gold; g++) {
        const kiln_gold_mention *gm = &gold[g];
        long best = -1;
        for (size_t i = 0; i < n_pred && gm->has_value; i++) {
            const kiln_pred *p = &pred[i];
            if (pred_to_gold[i] >= 0 || p->end <= gm->start || p->start >= gm->end)
                continue;
            if (kiln_score_same(p->value, gm->value)) {
                best = (long)i;
                if (p->start == gm->start && p->end == gm->end)
                    break;
            }
        }
        gold_to_pred[g] = best;
        if (best >= 0)
            pred_to_gold[best] = (long)g;
    }
}

static bool in_list(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == n && memcmp(p, word, n) == 0)
            return true;
        if (!comma)
            break;
        p = comma + 1;
    }
    return false;
}

void kiln_score_skip_kinds(kiln_gold_mention *gold, size_t *n_gold,
                           kiln_pred *pred, size_t *n_pred, const char *skip)
{
    size_t kept = 0, dropped_from = *n_gold;
    /* Stable partition: kept gold first, dropped after (still valid). */
    for (size_t i = 0; i < *n_gold; i++)
        if (!in_list(skip, gold[i].attr[KILN_GOLD_KIND])) {
            kiln_gold_mention t = gold[i];
            memmove(gold + kept + 1, gold + kept, (i - kept) * sizeof *gold);
            gold[kept++] = t;
        }
    dropped_from = kept;
    size_t out = 0;
    for (size_t i = 0; i < *n_pred; i++) {
        const kiln_pred *p = &pred[i];
        bool hits_dropped = false, hits_kept = false;
        for (size_t g = dropped_from; g < *n_gold && !hits_dropped; g++)
            hits_dropped = overlaps(p->start, p->end, gold[g].start, gold[g].end);
        for (size_t g = 0; g < kept && hits_dropped && !hits_kept; g++)
            hits_kept = overlaps(p->start, p->end, gold[g].start, gold[g].end);
        if (!hits_dropped || hits_kept)
            pred[out++] = *p;
    }
    *n_gold = kept;
    *n_pred = out;
}

size_t kiln_score_kind_index(const char *kind)
{
    for (size_t k = 0; k < KILN_KIND_COUNT_; k++)
        if (strcmp(kiln_kind_name((kiln_mention_kind)k), kind) == 0)
            return k;
    return KILN_KIND_COUNT_;
}

const char *kiln_score_kind_name(size_t index)
{
    return index < KILN_KIND_COUNT_ ? kiln_kind_name((kiln_mention_kind)index)
                                    : "(other)";
}

void kiln_score_add(kiln_score *s, const kiln_gold_mention *gold,
                    size_t n_gold, const kiln_pred *pred, size_t n_pred,
                    const long *gold_to_pred, const bool has_attr[KILN_GOLD_ATTRS])
{
    s->docs++;
    s->gold += n_gold;
    s->pred += n_pred;
    for (size_t i = 0; i < n_pred; i++)
        s->kind_pred[kiln_score_kind_index(pred[i].attr[KILN_GOLD_KIND])]++;
    for (size_t g = 0; g < n_gold; g++) {
        size_t kind = kiln_score_kind_index(gold[g].attr[KILN_GOLD_KIND]);
        s->kind_gold[kind]++;
        if (gold_to_pred[g] < 0)
            continue;
        const kiln_pred *p = &pred[gold_to_pred[g]];
        s->matched++;
        s->kind_gold_hit[kind]++;
        s->kind_pred_hit[kiln_score_kind_index(p->attr[KILN_GOLD_KIND])]++;
        if (p->start == gold[g].start && p->end == gold[g].end)
            s->exact++;
        for (int a = 0; a < KILN_GOLD_ATTRS; a++) {
            if (!has_attr[a])
                continue;
            s->attr_n[a]++;
            s->attr_ok[a] += strcmp(gold[g].attr[a], p->attr[a]) == 0;
        }
    }
}

/* The mention value of comparison side INDEX, if it exists. */
static bool side_value(const kiln_doc *doc, int32_t index, double *v)
{
    if (index < 0 || (size_t)index >= doc->mentions.len)
        return false;
    *v = doc->mentions.items[index].value;
    return true;
}

void kiln_score_targets(kiln_score *s, const kiln_gold_target *gold,
                        size_t n_gold, const kiln_doc *doc, bool *found)
{
    for (size_t g = 0; g < n_gold; g++) {
        const kiln_gold_target *t = &gold[g];
        bool hit = false;
        for (size_t i = 0; i < doc->comparisons.len && !hit; i++) {
            const kiln_comparison *c = &doc->comparisons.items[i];
            double b, v;
            if (strcmp(c->indicator, t->indicator) != 0 ||
                !side_value(doc, c->target, &v) || !kiln_score_same(v, t->target))
                continue;
            if (t->has_baseline)
                hit = side_value(doc, c->baseline, &b) &&
                      kiln_score_same(b, t->baseline);
            else
                hit = true;
        }
        if (t->has_baseline) {
            s->pairs_gold++;
            s->pairs_found += hit;
        } else {
            s->unpaired_gold++;
            s->unpaired_found += hit;
        }
        if (found)
            found[g] = hit;
    }
    /* Precision of the pairs with a baseline, against the gold pairs. */
    for (size_t i = 0; i < doc->comparisons.len; i++) {
        const kiln_comparison *c = &doc->comparisons.items[i];
        double b, v;
        if (!side_value(doc, c->baseline, &b) || !side_value(doc, c->target, &v))
            continue;
        s->pairs_pred++;
        for (size_t g = 0; g < n_gold; g++)
            if (gold[g].has_baseline && strcmp(c->indicator, gold[g].indicator) == 0 &&
                kiln_score_same(b, gold[g].baseline) &&
                kiln_score_same(v, gold[g].target)) {
                s->pairs_pred_hit++;
                break;
            }
    }
}

double kiln_ratio(size_t num, size_t den)
{
    return den ? (double)num / (double)den : 0.0;
}

double kiln_f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}
