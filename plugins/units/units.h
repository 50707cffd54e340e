/* units.h — the units stage's lexicon, shared by its two files.
 *
 * units-lexicon.c reads and checks a unit lexicon and resolves a written
 * unit against it; units.c is the stage that applies it to mentions. The
 * functions here are internal to the module (not exported: the module
 * exports only kiln_stage_units).
 */
#ifndef KILN_UNITS_H
#define KILN_UNITS_H

#include <stddef.h>

#include "kiln/arena.h"
#include "kiln/error.h"

/* One written unit: value_in_base = value_in_written_unit * factor, with
 * factor = num / den (亩 = 10000/15 m2: kept as a fraction, so that
 * 20万亩 comes out as the double nearest 2e9/15). */
typedef struct units_entry {
    const char *form;      /* written form: 平方公里, 元/吨 */
    size_t form_len;
    const char *dimension; /* money, area, money/mass ... */
    const char *base;      /* base unit: CNY, m2, CNY/kg ... */
    double num, den;
    unsigned line;         /* lexicon line, for error messages */
} units_entry;

/* A magnitude prefix a written unit may still carry (万吨 = 万 x 吨). */
typedef struct units_magnitude {
    const char *prefix;
    size_t len;
    double factor;
} units_magnitude;

/* A loaded lexicon; read-only once units_lexicon_load returns. */
typedef struct units_lexicon {
    const char *path;
    units_entry *entries;          /* sorted by form (bytewise) */
    size_t n_entries;
    const char **dimensions;       /* the known dimensions */
    size_t n_dimensions;
    const char **per_capita;       /* cues: 人均, 户均 */
    size_t n_per_capita;
    units_magnitude *magnitudes;   /* longest prefix first */
    size_t n_magnitudes;
    kiln_arena *arena;             /* every string and array above */
} units_lexicon;

/* What a written unit resolves to: value_in_base = value * num / den. */
typedef struct units_resolved {
    const char *dimension;
    const char *base;
    double num, den;
} units_resolved;

/* Read and check the lexicon at PATH into LEX (zeroed by the caller).
 * Errors are one line, "PATH:LINE: what" for a bad row (bad factor,
 * duplicate unit, unknown dimension, unknown directive). Returns 0 or -1;
 * on failure LEX holds nothing to free. */
int units_lexicon_load(units_lexicon *lex, const char *path,
                       kiln_error *err);

/* Free what units_lexicon_load allocated. */
void units_lexicon_free(units_lexicon *lex);

/* The entry whose form is exactly FORM (LEN bytes), or NULL. */
const units_entry *units_lexicon_find(const units_lexicon *lex,
                                      const char *form, size_t len);

/* Resolve written unit UNIT: the exact form first, else with magnitude
 * prefixes stripped and applied (万吨 -> 1e4 x 吨), else as a quotient
 * "A/B" of two resolvable units. Strings made for a quotient come from
 * ARENA. Returns 1 when resolved, 0 when the unit is unknown, -1 when out
 * of memory. */
int units_resolve(const units_lexicon *lex, const char *unit,
                  kiln_arena *arena, units_resolved *out);

#endif
