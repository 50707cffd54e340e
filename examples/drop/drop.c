/* drop.c — a kiln stage that removes mentions by kind, role or unit.
 *
 *   kiln run -p 'segment ! numbers ! drop kinds=slogan,ordinal ! csv' FILE
 *   [drop]
 *   units = 届,位
 *
 * This file is also the template for writing a stage outside kiln's tree:
 * copy it, rename every "drop", and keep the shape (see
 * docs/writing-a-stage.md). A stage is one shared object that exports one
 * symbol, the descriptor at the bottom; everything else is static.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <kiln/kiln.h>

/* ---- Options ---------------------------------------------------------
 * The core parses the pipeline section against this table, checks types,
 * rejects unknown keys (naming file and line) and hands init a filled
 * drop_options. The help text is what `kiln describe drop` prints. */

typedef struct drop_options {
    const char *kinds; /* comma-separated kind names */
    const char *roles; /* comma-separated role names */
    const char *units; /* comma-separated written units */
    bool keep;         /* invert: keep the matches, drop the rest */
} drop_options;

static const kiln_option drop_option_table[] = {
    {.key = "kinds", .type = KILN_OPT_STRING, .default_value = "",
     .offset = offsetof(drop_options, kinds),
     .help = "kinds to remove, comma-separated: slogan,ordinal,year_or_date ..."},
    {.key = "roles", .type = KILN_OPT_STRING, .default_value = "",
     .offset = offsetof(drop_options, roles),
     .help = "roles to remove, comma-separated: other,achieved,target "
             "(needs a roles stage, e.g. targets, before drop)"},
    {.key = "units", .type = KILN_OPT_STRING, .default_value = "",
     .offset = offsetof(drop_options, units),
     .help = "written units to remove, comma-separated: 届,位"},
    {.key = "keep", .type = KILN_OPT_BOOL, .default_value = "no",
     .offset = offsetof(drop_options, keep),
     .help = "yes: keep only the mentions that match, remove the others"},
    {.key = NULL},
};

/* ---- State -----------------------------------------------------------
 * Built once by init, read-only afterwards: process runs on many documents
 * in parallel threads and must not write here. */

typedef struct drop_state {
    char *label;        /* section label ("drop", "drop:dates"), for
                           provenance and messages */
    uint32_t kinds;     /* bit (1 << kiln_mention_kind) per kind */
    uint32_t roles;     /* bit (1 << kiln_role) per role */
    char **units;       /* malloc'd copies, n_units of them */
    size_t n_units;
    bool keep;
} drop_state;

static void drop_fini(void *state)
{
    drop_state *st = state;
    if (!st)
        return;
    for (size_t i = 0; i < st->n_units; i++)
        free(st->units[i]);
    free(st->units);
    free(st->label);
    free(st);
}

/* Call FN on each item of a comma-separated LIST, spaces around items
 * trimmed and empty items skipped. Stops at the first failure. */
static int each_item(const char *list, drop_state *st, const char *key,
                     int (*fn)(drop_state *, const char *, size_t,
                               const char *, kiln_error *),
                     kiln_error *err)
{
    const char *p = list ? list : "";
    while (*p) {
        const char *end = strchr(p, ',');
        if (!end)
            end = p + strlen(p);
        const char *a = p, *b = end;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b > a && fn(st, a, (size_t)(b - a), key, err) < 0)
            return -1;
        p = *end ? end + 1 : end;
    }
    return 0;
}

/* A malloc'd NUL-terminated copy of LEN bytes at S (strdup is not C11). */
static char *copy_text(const char *s, size_t len)
{
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

static bool same(const char *item, size_t len, const char *name)
{
    return strlen(name) == len && memcmp(item, name, len) == 0;
}

static int add_kind(drop_state *st, const char *item, size_t len,
                    const char *key, kiln_error *err)
{
    /* The names come from the core, so they match the output tables. */
    for (int k = 0; k < KILN_KIND_COUNT_; k++)
        if (same(item, len, kiln_kind_name((kiln_mention_kind)k))) {
            st->kinds |= 1u << k;
            return 0;
        }
    char known[256] = "";
    for (int k = 0; k < KILN_KIND_COUNT_; k++) {
        strncat(known, k ? ", " : "", sizeof known - strlen(known) - 1);
        strncat(known, kiln_kind_name((kiln_mention_kind)k),
                sizeof known - strlen(known) - 1);
    }
    return kiln_error_set(err, "option '%s': '%.*s' is not a mention kind "
                          "(known: %s)", key, (int)len, item, known);
}

static int add_role(drop_state *st, const char *item, size_t len,
                    const char *key, kiln_error *err)
{
    static const kiln_role roles[] = {KILN_ROLE_OTHER, KILN_ROLE_ACHIEVED,
                                      KILN_ROLE_TARGET};
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (same(item, len, kiln_role_name(roles[i]))) {
            st->roles |= 1u << roles[i];
            return 0;
        }
    return kiln_error_set(err, "option '%s': '%.*s' is not a role "
                          "(known: other, achieved, target)", key, (int)len,
                          item);
}

static int add_unit(drop_state *st, const char *item, size_t len,
                    const char *key, kiln_error *err)
{
    (void)key; /* any text is a unit */
    char **units = realloc(st->units, (st->n_units + 1) * sizeof *units);
    if (!units)
        return kiln_error_set(err, "out of memory");
    st->units = units;
    if (!(st->units[st->n_units] = copy_text(item, len)))
        return kiln_error_set(err, "out of memory");
    st->n_units++;
    return 0;
}

static int drop_init(const kiln_config *cfg, void **state, kiln_error *err)
{
    const drop_options *opt = cfg->options;
    drop_state *st = calloc(1, sizeof *st);
    if (!st)
        return kiln_error_set(err, "out of memory");
    /* Keep copies of what process needs: cfg and its strings belong to
     * the core. */
    st->label = copy_text(cfg->label, strlen(cfg->label));
    if (!st->label) {
        drop_fini(st);
        return kiln_error_set(err, "out of memory");
    }
    st->keep = opt->keep;
    if (each_item(opt->kinds, st, "kinds", add_kind, err) < 0 ||
        each_item(opt->roles, st, "roles", add_role, err) < 0 ||
        each_item(opt->units, st, "units", add_unit, err) < 0) {
        drop_fini(st);
        return -1;
    }
    if (!st->kinds && !st->roles && !st->n_units) {
        drop_fini(st);
        return kiln_error_set(err, "nothing to match: give kinds=, roles= "
                              "or units=");
    }
    *state = st;
    return 0;
}

/* ---- Processing ------------------------------------------------------ */

static bool matches(const drop_state *st, const kiln_mention *m)
{
    /* Bounds first: a shift by a stray enum value would be undefined. */
    if ((unsigned)m->kind < KILN_KIND_COUNT_ && (st->kinds & (1u << m->kind)))
        return true;
    if ((unsigned)m->role <= KILN_ROLE_TARGET && (st->roles & (1u << m->role)))
        return true;
    for (size_t i = 0; i < st->n_units; i++)
        if (strcmp(m->unit, st->units[i]) == 0)
            return true;
    return false;
}

/* The filter kiln_doc_remove_mentions calls for each mention. */
static bool removes(const kiln_mention *m, void *ctx)
{
    const drop_state *st = ctx;
    return matches(st, m) != st->keep;
}

static int drop_process(void *state, kiln_doc *doc, kiln_error *err)
{
    const drop_state *st = state;
    /* requires = MENTIONS is checked when the pipeline loads; roles are
     * optional, so a roles= filter checks for them here. */
    if (st->roles && !(doc->layers & KILN_LAYER_ROLES))
        return kiln_error_set(err, "stage '%s': roles= needs mention roles: "
                              "put a stage that provides them (targets) "
                              "before it", st->label);
    /* The core helper compacts the mentions in place and keeps the
     * comparisons' indices into them right, so drop may run anywhere
     * after numbers, also after targets. */
    if (kiln_doc_remove_mentions(doc, st->label, removes,
                                 (void *)st /* removes() only reads it */,
                                 NULL) < 0)
        return kiln_error_set(err, "stage '%s': out of memory", st->label);
    return 0;
}

/* ---- The one exported symbol ---------------------------------------
 * Its name is "kiln_stage_" + the stage name, and the file must be named
 * after the stage too (drop.so), so that the core can find it. */

KILN_STAGE_EXPORT const kiln_stage kiln_stage_drop = {
    KILN_STAGE_HEADER,
    .name = "drop",
    .summary = "remove mentions by kind, role or unit",
    .options = drop_option_table,
    .options_size = sizeof(drop_options),
    .requires = KILN_LAYER_MENTIONS,
    .provides = 0, /* edits the mentions layer, adds none */
    .init = drop_init,
    .process = drop_process,
    .fini = drop_fini,
};
