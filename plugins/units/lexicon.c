/* lexicon.c — reading, checking and resolving the units stage's lexicon.
 *
 * Rows are "form<TAB>dimension<TAB>base_unit<TAB>factor"; a factor is a
 * positive number or a fraction N/D (亩: 10000/15). Lines starting
 * with '#!' are directives (ordinary comments to every other reader of the
 * file, such as the numbers stage):
 *   #!dimensions money area ...   the known dimensions (else a fixed set)
 *   #!per-capita 人均 户均         cues that make a following amount per
 *                                  capita (else none)
 *   #!magnitudes 万=1e4 亿=1e8     prefixes a written unit may still carry
 *                                  (else 万 亿 千 百)
 * Values are separated by spaces or tabs; a directive may repeat to go on.
 */
#include "units.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiln/lexicon.h"

/* Used when a lexicon has no '#!dimensions' line. A compound unit's
 * dimension is two of these joined by '/'. */
static const char *const default_dimensions[] = {
    "money", "area", "length", "mass", "volume", "power", "energy",
    "energy_coal", "count", "time", "ratio", "ratio_points", "multiple",
    "doublings"};

/* Used when a lexicon has no '#!magnitudes' line. */
static const struct {
    const char *prefix;
    double factor;
} default_magnitudes[] = {
    {"万", 1e4}, {"亿", 1e8}, {"千", 1e3}, {"百", 1e2}};

/* Loading state: arrays grow in the lexicon's arena. */
typedef struct loader {
    units_lexicon *lex;
    size_t cap_entries, cap_dimensions, cap_per_capita, cap_magnitudes;
    bool have_dimensions, have_magnitudes;
} loader;

/* Make room for one more element of SIZE bytes in *ITEMS. The old array
 * stays in the arena; doubling keeps that waste below the live size. */
static int grow(kiln_arena *a, void *items, size_t len, size_t *cap,
                size_t size)
{
    if (len < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 16;
    void *n = kiln_arena_calloc(a, ncap, size);
    if (!n)
        return -1;
    void **p = items;
    if (len)
        memcpy(n, *p, len * size);
    *p = n;
    *cap = ncap;
    return 0;
}

static bool has_space(const char *s)
{
    return strpbrk(s, " \t") != NULL;
}

/* A positive finite number, or a fraction of two: "1000", "10000/15". */
static int parse_factor(const char *text, double *num, double *den)
{
    const char *slash = strchr(text, '/');
    *den = 1;
    if (slash) {
        char *end;
        errno = 0;
        *num = strtod(text, &end);
        if (end != slash || slash == text || errno == ERANGE ||
            kiln_parse_double(slash + 1, den) < 0)
            return -1;
    } else if (kiln_parse_double(text, num) < 0) {
        return -1;
    }
    double f = *num / *den;
    return isfinite(*num) && *num > 0 && *den > 0 && isfinite(f) && f > 0
               ? 0
               : -1;
}

static int read_row(void *ctx, const kiln_tsv_row *row, kiln_error *err)
{
    loader *ld = ctx;
    units_lexicon *lex = ld->lex;
    if (row->n_fields != 4)
        return kiln_error_set(err,
                              "expected 4 tab-separated fields (form, "
                              "dimension, base unit, factor), found %zu",
                              row->n_fields);
    const char *form = row->field[0], *dim = row->field[1],
               *base = row->field[2], *factor_text = row->field[3];
    if (!*form || has_space(form))
        return kiln_error_set(err, "bad unit form '%s': empty or with spaces",
                              form);
    if (!*dim || !*base)
        return kiln_error_set(err, "unit '%s' has an empty %s", form,
                              *dim ? "base unit" : "dimension");
    double num, den;
    if (parse_factor(factor_text, &num, &den) < 0)
        return kiln_error_set(err,
                              "bad factor '%s' for unit '%s': want a "
                              "positive number such as 1000, 0.001 or 10000/15",
                              factor_text, form);
    if (grow(lex->arena, &lex->entries, lex->n_entries, &ld->cap_entries,
             sizeof *lex->entries) < 0)
        return kiln_error_set(err, "out of memory");
    units_entry *e = &lex->entries[lex->n_entries];
    e->form_len = strlen(form);
    e->form = kiln_arena_strndup(lex->arena, form, e->form_len);
    e->dimension = kiln_arena_strndup(lex->arena, dim, strlen(dim));
    e->base = kiln_arena_strndup(lex->arena, base, strlen(base));
    if (!e->form || !e->dimension || !e->base)
        return kiln_error_set(err, "out of memory");
    e->num = num;
    e->den = den;
    e->line = row->line;
    lex->n_entries++;
    return 0;
}

static int add_string(kiln_arena *a, const char ***items, size_t *len,
                      size_t *cap, const char *s, size_t n)
{
    if (grow(a, items, *len, cap, sizeof **items) < 0)
        return -1;
    const char *copy = kiln_arena_strndup(a, s, n);
    if (!copy)
        return -1;
    (*items)[(*len)++] = copy;
    return 0;
}

static int add_magnitude(loader *ld, const char *prefix, size_t len,
                         double factor)
{
    units_lexicon *lex = ld->lex;
    if (grow(lex->arena, &lex->magnitudes, lex->n_magnitudes,
             &ld->cap_magnitudes, sizeof *lex->magnitudes) < 0)
        return -1;
    units_magnitude *m = &lex->magnitudes[lex->n_magnitudes];
    m->prefix = kiln_arena_strndup(lex->arena, prefix, len);
    if (!m->prefix)
        return -1;
    m->len = len;
    m->factor = factor;
    lex->n_magnitudes++;
    return 0;
}

/* One "#!key value ..." line (LINE without the "#!"). */
static int read_directive(loader *ld, char *line, unsigned lineno,
                          kiln_error *err)
{
    units_lexicon *lex = ld->lex;
    const char *seps = " \t\r\n";
    char *save = NULL;
    char *key = strtok_r(line, seps, &save);
    if (!key)
        return kiln_error_set(err, "%s:%u: empty directive '#!'", lex->path,
                              lineno);
    bool dims = strcmp(key, "dimensions") == 0,
         cues = strcmp(key, "per-capita") == 0,
         mags = strcmp(key, "magnitudes") == 0;
    if (!dims && !cues && !mags)
        return kiln_error_set(err,
                              "%s:%u: unknown directive '#!%s' (known: "
                              "dimensions, per-capita, magnitudes)",
                              lex->path, lineno, key);
    size_t n_values = 0;
    for (char *v; (v = strtok_r(NULL, seps, &save)) != NULL; n_values++) {
        int rc = 0;
        if (dims) {
            ld->have_dimensions = true;
            rc = add_string(lex->arena, &lex->dimensions, &lex->n_dimensions,
                            &ld->cap_dimensions, v, strlen(v));
        } else if (cues) {
            rc = add_string(lex->arena, &lex->per_capita, &lex->n_per_capita,
                            &ld->cap_per_capita, v, strlen(v));
        } else {
            char *eq = strchr(v, '=');
            double f;
            if (!eq || eq == v || kiln_parse_double(eq + 1, &f) < 0 ||
                !(f > 0))
                return kiln_error_set(err,
                                      "%s:%u: bad magnitude '%s': want "
                                      "PREFIX=FACTOR such as 万=10000",
                                      lex->path, lineno, v);
            ld->have_magnitudes = true;
            rc = add_magnitude(ld, v, (size_t)(eq - v), f);
        }
        if (rc < 0)
            return kiln_error_set(err, "out of memory");
    }
    if (n_values == 0)
        return kiln_error_set(err, "%s:%u: directive '#!%s' lists nothing",
                              lex->path, lineno, key);
    return 0;
}

/* The directives live in comment lines, which kiln_tsv_read skips: read
 * the file once more for them (it is already known to be valid UTF-8). */
static int read_directives(loader *ld, kiln_error *err)
{
    const char *path = ld->lex->path;
    FILE *f = fopen(path, "rb");
    if (!f)
        return kiln_error_set(err, "%s: cannot open lexicon: %s", path,
                              strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0;
    int rc = 0;
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        char *p = line;
        if (lineno == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
            p += 3;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncmp(p, "#!", 2) == 0 &&
            (rc = read_directive(ld, p + 2, lineno, err)) < 0)
            break;
    }
    free(line);
    fclose(f);
    return rc;
}

static bool known_dimension(const units_lexicon *lex, const char *s,
                            size_t n)
{
    for (size_t i = 0; i < lex->n_dimensions; i++)
        if (strlen(lex->dimensions[i]) == n &&
            memcmp(lex->dimensions[i], s, n) == 0)
            return true;
    return false;
}

/* A dimension is known, or a quotient of two known ones (money/mass). */
static bool valid_dimension(const units_lexicon *lex, const char *dim)
{
    const char *slash = strchr(dim, '/');
    if (!slash)
        return known_dimension(lex, dim, strlen(dim));
    return strchr(slash + 1, '/') == NULL &&
           known_dimension(lex, dim, (size_t)(slash - dim)) &&
           known_dimension(lex, slash + 1, strlen(slash + 1));
}

static int check_dimensions(const units_lexicon *lex, kiln_error *err)
{
    for (size_t i = 0; i < lex->n_entries; i++) {
        const units_entry *e = &lex->entries[i];
        if (valid_dimension(lex, e->dimension))
            continue;
        /* List the known ones: the fix is usually a typo. */
        const char *known = "";
        for (size_t k = 0; k < lex->n_dimensions && known; k++)
            known = kiln_arena_printf(lex->arena, "%s%s%s", known,
                                      k ? ", " : "", lex->dimensions[k]);
        if (!known)
            return kiln_error_set(err, "out of memory");
        return kiln_error_set(err,
                              "%s:%u: unknown dimension '%s' for unit '%s' "
                              "(known: %s; declare others on a "
                              "'#!dimensions' line)",
                              lex->path, e->line, e->dimension, e->form,
                              known);
    }
    return 0;
}

static int by_form_then_line(const void *a, const void *b)
{
    const units_entry *x = a, *y = b;
    int c = strcmp(x->form, y->form);
    if (c)
        return c;
    return (x->line > y->line) - (x->line < y->line);
}

/* Sort for binary search and refuse a form listed twice, naming the
 * earliest line that repeats a form. */
static int sort_and_check_duplicates(units_lexicon *lex, kiln_error *err)
{
    if (lex->n_entries > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(lex->entries, lex->n_entries, sizeof *lex->entries,
              by_form_then_line);
    const units_entry *dup = NULL, *first = NULL;
    for (size_t i = 1; i < lex->n_entries; i++) {
        const units_entry *prev = &lex->entries[i - 1], *e = &lex->entries[i];
        if (strcmp(prev->form, e->form) == 0 && (!dup || e->line < dup->line)) {
            dup = e;
            first = prev;
        }
    }
    if (dup)
        return kiln_error_set(err,
                              "%s:%u: duplicate unit '%s' (already on line %u)",
                              lex->path, dup->line, dup->form, first->line);
    return 0;
}

static int by_prefix_length_desc(const void *a, const void *b)
{
    const units_magnitude *x = a, *y = b;
    if (x->len != y->len)
        return (x->len < y->len) - (x->len > y->len);
    return strcmp(x->prefix, y->prefix);
}

static int add_defaults(loader *ld)
{
    units_lexicon *lex = ld->lex;
    if (!ld->have_dimensions)
        for (size_t i = 0; i < sizeof default_dimensions / sizeof *default_dimensions; i++)
            if (add_string(lex->arena, &lex->dimensions, &lex->n_dimensions,
                           &ld->cap_dimensions, default_dimensions[i],
                           strlen(default_dimensions[i])) < 0)
                return -1;
    if (!ld->have_magnitudes)
        for (size_t i = 0; i < sizeof default_magnitudes / sizeof *default_magnitudes; i++)
            if (add_magnitude(ld, default_magnitudes[i].prefix,
                              strlen(default_magnitudes[i].prefix),
                              default_magnitudes[i].factor) < 0)
                return -1;
    if (lex->n_magnitudes > 1)
        qsort(lex->magnitudes, lex->n_magnitudes, sizeof *lex->magnitudes,
              by_prefix_length_desc);
    return 0;
}

int units_lexicon_load(units_lexicon *lex, const char *path, kiln_error *err)
{
    memset(lex, 0, sizeof *lex);
    lex->arena = kiln_arena_new();
    if (!lex->arena)
        return kiln_error_set(err, "%s: out of memory", path);
    lex->path = kiln_arena_strndup(lex->arena, path, strlen(path));
    loader ld = {.lex = lex};
    int rc = lex->path ? 0 : kiln_error_set(err, "%s: out of memory", path);
    if (rc == 0)
        rc = kiln_tsv_read(path, read_row, &ld, err);
    if (rc == 0)
        rc = read_directives(&ld, err);
    if (rc == 0 && add_defaults(&ld) < 0)
        rc = kiln_error_set(err, "%s: out of memory", path);
    if (rc == 0)
        rc = check_dimensions(lex, err);
    if (rc == 0)
        rc = sort_and_check_duplicates(lex, err);
    if (rc == 0 && lex->n_entries == 0)
        rc = kiln_error_set(err, "%s: the unit lexicon lists no unit", path);
    if (rc < 0)
        units_lexicon_free(lex);
    return rc;
}

void units_lexicon_free(units_lexicon *lex)
{
    kiln_arena_free(lex->arena);
    memset(lex, 0, sizeof *lex);
}

const units_entry *units_lexicon_find(const units_lexicon *lex,
                                      const char *form, size_t len)
{
    size_t lo = 0, hi = lex->n_entries;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const units_entry *e = &lex->entries[mid];
        size_t n = e->form_len < len ? e->form_len : len;
        int c = memcmp(form, e->form, n);
        if (c == 0)
            c = (len > e->form_len) - (len < e->form_len);
        if (c == 0)
            return e;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* A unit without '/': the whole form if listed (so 千米 stays a unit of its
 * own), else strip one magnitude prefix and try the rest (万千瓦 -> 千瓦). */
static const units_entry *resolve_simple(const units_lexicon *lex,
                                         const char *s, size_t len,
                                         double *scale)
{
    *scale = 1;
    while (len > 0) {
        const units_entry *e = units_lexicon_find(lex, s, len);
        if (e)
            return e;
        const units_magnitude *m = NULL;
        for (size_t i = 0; i < lex->n_magnitudes && !m; i++)
            if (lex->magnitudes[i].len < len &&
                memcmp(s, lex->magnitudes[i].prefix, lex->magnitudes[i].len) == 0)
                m = &lex->magnitudes[i];
        if (!m)
            return NULL;
        *scale *= m->factor;
        s += m->len;
        len -= m->len;
    }
    return NULL;
}

int units_resolve(const units_lexicon *lex, const char *unit,
                  kiln_arena *arena, units_resolved *out)
{
    size_t len = strlen(unit);
    double scale;
    const units_entry *e = resolve_simple(lex, unit, len, &scale);
    if (e) {
        *out = (units_resolved){e->dimension, e->base, e->num * scale, e->den};
        return 1;
    }
    /* A quotient of two units: 万元/亩 = (1e4 x 元) / 亩. */
    const char *slash = memchr(unit, '/', len);
    if (!slash || slash == unit || memchr(slash + 1, '/', len - (size_t)(slash - unit) - 1))
        return 0;
    double scale_num, scale_den;
    const units_entry *num = resolve_simple(lex, unit, (size_t)(slash - unit),
                                            &scale_num);
    const units_entry *den = resolve_simple(
        lex, slash + 1, len - (size_t)(slash - unit) - 1, &scale_den);
    if (!num || !den || strchr(num->dimension, '/') ||
        strchr(den->dimension, '/'))
        return 0;
    const char *dim = kiln_arena_printf(arena, "%s/%s", num->dimension,
                                        den->dimension);
    const char *base = kiln_arena_printf(arena, "%s/%s", num->base, den->base);
    if (!dim || !base)
        return -1;
    *out = (units_resolved){dim, base, num->num * scale_num * den->den,
                            num->den * den->num * scale_den};
    return 1;
}
