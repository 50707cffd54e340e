/* pairing.c — each target beside the baseline the same report gives for
 * the same indicator, with progress, gap and the growth it still needs. */
#include "targets_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* A target pairs with a result of the same quantity: same indicator,
 * kind, dimension and per_capita, and the same base unit where both have
 * one, else the same written unit (yuan against dollars is no pair).
 * Results are indexed by that key, so that each target finds its
 * candidates by binary search rather than by scanning every mention (a
 * long document would be quadratic). An entry keys result INDEX by its
 * indicator, kind, dimension, per_capita and UNIT (the written or the
 * base unit, by list); RUN_SAME says whether every entry of its run
 * (equal keys) has the same level, none NaN. */
typedef struct result_entry {
    uint64_t hash; /* of the key: compared first, strings only on a tie */
    const kiln_mention *m;
    const char *unit;
    size_t index;
    bool run_same;
} result_entry;

typedef struct result_list {
    result_entry *items;
    size_t len;
} result_list;

/* strcmp, with a shortcut for the shared strings (lexicon names). */
static int cmp_str(const char *a, const char *b)
{
    return a == b ? 0 : strcmp(a, b);
}

static int cmp_key(const kiln_mention *a, const char *ua,
                   const kiln_mention *b, const char *ub)
{
    int c = cmp_str(a->indicator, b->indicator);
    if (!c)
        c = (a->kind > b->kind) - (a->kind < b->kind);
    if (!c)
        c = cmp_str(a->dimension, b->dimension);
    if (!c)
        c = (int)a->per_capita - (int)b->per_capita;
    return c ? c : cmp_str(ua, ub);
}

/* FNV-1a over the bytes of S and its terminator (so that fields do not
 * run into each other). */
static uint64_t hash_str(uint64_t h, const char *s)
{
    const uint64_t prime = 0x100000001b3u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * prime;
    return (h ^ 0x100u) * prime;
}

/* The hash of the key of cmp_key but the unit: equal keys hash alike.
 * Computed once per mention; key_hash adds the unit of each list. */
static uint64_t base_hash(const kiln_mention *m)
{
    const uint64_t prime = 0x100000001b3u;
    uint64_t h = hash_str(0xcbf29ce484222325u, m->indicator);
    h = (h ^ (uint64_t)m->kind) * prime;
    h = hash_str(h, m->dimension);
    return (h ^ (uint64_t)(m->per_capita != 0)) * prime;
}

static uint64_t key_hash(uint64_t base, const char *unit)
{
    return hash_str(base, unit);
}

/* Entries in the order of their hash, then key, then index: equal keys
 * stay together (a run), whatever order the runs take. */
static int cmp_entry(const void *pa, const void *pb)
{
    const result_entry *a = pa, *b = pb;
    if (a->hash != b->hash)
        return a->hash > b->hash ? 1 : -1;
    int c = cmp_key(a->m, a->unit, b->m, b->unit);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

/* Is A before B in the order of cmp_entry? The hashes decide almost
 * every comparison: inline, not through qsort's function pointer. */
static bool entry_before(const result_entry *a, const result_entry *b)
{
    if (a->hash != b->hash)
        return a->hash < b->hash;
    return cmp_entry(a, b) < 0;
}

/* Sort ITEMS[0..N) by cmp_entry (a total order: any sort gives the same
 * result), TMP holding N more: insertion sort of short runs, then merges
 * back and forth. */
static void sort_entries(result_entry *items, result_entry *tmp, size_t n)
{
    enum { RUN = 8 };
    for (size_t s = 0; s < n; s += RUN) {
        size_t e = s + RUN < n ? s + RUN : n;
        for (size_t i = s + 1; i < e; i++) {
            result_entry x = items[i];
            size_t j = i;
            for (; j > s && entry_before(&x, &items[j - 1]); j--)
                items[j] = items[j - 1];
            items[j] = x;
        }
    }
    result_entry *from = items, *to = tmp;
    for (size_t w = RUN; w < n; w *= 2) {
        for (size_t s = 0; s < n; s += 2 * w) {
            size_t mid = s + w < n ? s + w : n;
            size_t e = s + 2 * w < n ? s + 2 * w : n;
            size_t a = s, b = mid, o = s;
            while (a < mid && b < e)
                to[o++] = entry_before(&from[b], &from[a]) ? from[b++]
                                                            : from[a++];
            while (a < mid)
                to[o++] = from[a++];
            while (b < e)
                to[o++] = from[b++];
        }
        result_entry *t = from;
        from = to;
        to = t;
    }
    if (from != items)
        memcpy(items, from, n * sizeof *items);
}

/* The results with SI set (1), unset (0) or either (-1), keyed by their
 * base unit (BY_SI) or written unit; BASE holds each one's base_hash. */
static int list_results(const kiln_doc *doc, const uint64_t *base,
                        result_list *out, int si, bool by_si)
{
    size_t n = 0;
    for (size_t j = 0; j < doc->mentions.len; j++) {
        const kiln_mention *b = &doc->mentions.items[j];
        n += b->role == KILN_ROLE_ACHIEVED && (si < 0 || b->has_si == si);
    }
    out->len = n;
    out->items = kiln_arena_take(doc->arena, (n ? n : 1) * sizeof *out->items);
    result_entry *tmp = kiln_arena_take(doc->arena,
                                        (n ? n : 1) * sizeof *tmp);
    if (!out->items || !tmp)
        return -1;
    n = 0;
    for (size_t j = 0; j < doc->mentions.len; j++) {
        const kiln_mention *b = &doc->mentions.items[j];
        const char *unit = by_si ? b->si_unit : b->unit;
        if (b->role == KILN_ROLE_ACHIEVED && (si < 0 || b->has_si == si))
            out->items[n++] = (result_entry){key_hash(base[j], unit), b, unit, j,
                                             false};
    }
    sort_entries(out->items, tmp, n);
    for (size_t s = 0, e; s < n; s = e) {
        bool same = level(out->items[s].m) == level(out->items[s].m);
        for (e = s + 1; e < n && cmp_key(out->items[e].m, out->items[e].unit,
                                         out->items[s].m,
                                         out->items[s].unit) == 0;
             e++)
            same = same && level(out->items[e].m) == level(out->items[s].m);
        for (size_t k = s; k < e; k++)
            out->items[k].run_same = same;
    }
    return 0;
}

/* First entry of L not below (T's key with UNIT and its HASH, INDEX). */
static size_t lower_bound(const result_list *l, const kiln_mention *t,
                          const char *unit, uint64_t hash, size_t index)
{
    result_entry probe = {hash, t, unit, index, false};
    size_t a = 0, b = l->len;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (cmp_entry(&l->items[mid], &probe) < 0)
            a = mid + 1;
        else
            b = mid;
    }
    return a;
}

/* What the results comparable to the target I say: the nearest before
 * it, the first after it, how many, one level among them (LEVEL, when
 * *N_CAND) and whether they differ. */
typedef struct candidates {
    int32_t before, after;
    size_t n_cand;
    bool values_differ;
    double level;
} candidates;

/* Fold the run of L keyed like T with UNIT into C. */
static void add_run(candidates *c, const result_list *l,
                    const kiln_mention *t, uint64_t t_base, const char *unit,
                    size_t i)
{
    uint64_t hash = key_hash(t_base, unit);
    size_t s = lower_bound(l, t, unit, hash, 0);
    size_t e = lower_bound(l, t, unit, hash, SIZE_MAX);
    if (s == e)
        return;
    size_t p = lower_bound(l, t, unit, hash, i);
    double lv = level(l->items[s].m);
    if ((e - s > 1 && !l->items[s].run_same) ||
        (c->n_cand && !(lv == c->level)))
        c->values_differ = true;
    if (!c->n_cand)
        c->level = lv;
    c->n_cand += e - s;
    if (p > s && (int32_t)l->items[p - 1].index > c->before)
        c->before = (int32_t)l->items[p - 1].index;
    if (p < e && (c->after < 0 || (int32_t)l->items[p].index < c->after))
        c->after = (int32_t)l->items[p].index;
}

int tg_pair(tg_doc *td)
{
    kiln_doc *doc = td->doc;
    const char *label = td->st->label;
    size_t n = doc->mentions.len;
    /* base_hash of every result and of every target (the rest unset) */
    uint64_t *hashes = kiln_arena_take(doc->arena, (n ? n : 1) * sizeof *hashes);
    if (!hashes)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const kiln_mention *m = &doc->mentions.items[i];
        if (m->role == KILN_ROLE_ACHIEVED || m->role == KILN_ROLE_TARGET)
            hashes[i] = base_hash(m);
    }
    result_list by_unit, si_by_si, nosi_by_unit;
    if (list_results(doc, hashes, &by_unit, -1, false) < 0 ||
        list_results(doc, hashes, &si_by_si, 1, true) < 0 ||
        list_results(doc, hashes, &nosi_by_unit, 0, false) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const kiln_mention *t = &doc->mentions.items[i];
        if (t->role != KILN_ROLE_TARGET || !tg_is_figure(t))
            continue;
        /* The nearest result before the target (a report reviews, then
         * plans); failing that, the first one after it. Several results
         * that differ make the pairing uncertain. */
        candidates cd = {.before = -1, .after = -1};
        if (*t->indicator && t->has_si) {
            add_run(&cd, &si_by_si, t, hashes[i], t->si_unit, i);
            add_run(&cd, &nosi_by_unit, t, hashes[i], t->unit, i);
        } else if (*t->indicator)
            add_run(&cd, &by_unit, t, hashes[i], t->unit, i);
        int32_t before = cd.before, after = cd.after;
        size_t n_cand = cd.n_cand;
        bool values_differ = cd.values_differ;
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
