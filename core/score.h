/* score.h — scoring one document's predicted mentions and target pairs
 * against its gold, with the matching of tests/score.py (core-private).
 */
#ifndef KILN_SCORE_H
#define KILN_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "gold.h"
#include "kiln/doc.h"

/* A predicted mention, in the terms of the mentions table. */
typedef struct kiln_pred {
    size_t start, end;            /* code points into the original */
    double value;
    const char *attr[KILN_GOLD_ATTRS]; /* unit, kind, role, indicator */
} kiln_pred;

/* The kinds scored separately: the mention kinds, then one bucket for a
 * gold kind kiln does not know. */
#define KILN_SCORE_KINDS (KILN_KIND_COUNT_ + 1)

typedef struct kiln_score {
    size_t gold, pred, matched, exact;
    size_t attr_n[KILN_GOLD_ATTRS], attr_ok[KILN_GOLD_ATTRS];
    /* per kind: gold of that kind (and how many matched), predictions of
     * that kind (and how many matched) */
    size_t kind_gold[KILN_SCORE_KINDS], kind_gold_hit[KILN_SCORE_KINDS];
    size_t kind_pred[KILN_SCORE_KINDS], kind_pred_hit[KILN_SCORE_KINDS];
    /* target pairs: gold with a baseline and found; gold targets without
     * one (unpaired) and found; predicted pairs with a baseline and how
     * many of them a gold pair names */
    size_t pairs_gold, pairs_found, unpaired_gold, unpaired_found;
    size_t pairs_pred, pairs_pred_hit;
    size_t docs;
} kiln_score;

/* score.py's same(): both present and equal within 1e-9 relative. */
bool kiln_score_same(double a, double b);

/* Match GOLD to PRED exactly as score.py: each gold in order takes the
 * first unused overlapping prediction of equal value whose span is exact,
 * else the last such one. GOLD_TO_PRED[i] is the prediction index or -1;
 * PRED_TO_GOLD likewise. Gold without a value never matches. */
void kiln_score_match(const kiln_gold_mention *gold, size_t n_gold,
                      const kiln_pred *pred, size_t n_pred, long *gold_to_pred,
                      long *pred_to_gold);

/* score.py --skip-kinds: drop gold of the kinds in SKIP (comma-separated)
 * and predictions that overlap a dropped gold mention but no kept one.
 * Compacts both arrays in place and updates the counts. */
void kiln_score_skip_kinds(kiln_gold_mention *gold, size_t *n_gold,
                           kiln_pred *pred, size_t *n_pred, const char *skip);

/* Add a matched document to S. HAS_ATTR says which fields the predictions
 * carry (score.py counts a field only when the table has it). */
void kiln_score_add(kiln_score *s, const kiln_gold_mention *gold,
                    size_t n_gold, const kiln_pred *pred, size_t n_pred,
                    const long *gold_to_pred, const bool has_attr[KILN_GOLD_ATTRS]);

/* Score DOC's comparisons against gold targets. FOUND[i] (may be NULL)
 * tells whether gold target i was found. */
void kiln_score_targets(kiln_score *s, const kiln_gold_target *gold,
                        size_t n_gold, const kiln_doc *doc, bool *found);

/* Index of a kind name in the per-kind arrays (unknown names: the last). */
size_t kiln_score_kind_index(const char *kind);
const char *kiln_score_kind_name(size_t index);

/* Ratios as score.py computes them (0 when the denominator is 0; the
 * accuracies return false when no pair carries the field). */
double kiln_ratio(size_t num, size_t den);
double kiln_f1(double p, double r);

#endif
