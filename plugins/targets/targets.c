/* targets.c — the targets stage: role, indicator, horizon and pairing of
 * every figure. See targets_internal.h for the files and their jobs. */
#include "targets_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct targets_options {
    const char *cues;
    const char *indicators;
    int64_t report_year;
} targets_options;

static const kiln_option targets_option_table[] = {
    {"cues", KILN_OPT_PATH, "data/cues-zh.tsv",
     offsetof(targets_options, cues),
     "cue words: target/result cues, section words, words trimmed from names",
     NULL},
    {"indicators", KILN_OPT_PATH, "data/indicators-zh.tsv",
     offsetof(targets_options, indicators),
     "indicator names and their synonyms (canonical<TAB>synonym...)", NULL},
    {"report_year", KILN_OPT_INT, "0", offsetof(targets_options, report_year),
     "year the report was given, for 到2025年 horizons; 0 infers it", NULL},
    {NULL, 0, NULL, 0, NULL, NULL}};

static void targets_fini(void *state)
{
    tg_state *st = state;
    if (!st)
        return;
    tg_cues_free(&st->cues);
    tg_lexicon_free(&st->names);
    free(st);
}

static int targets_init(const kiln_config *cfg, void **state, kiln_error *err)
{
    const targets_options *o = cfg->options;
    tg_state *st = calloc(1, sizeof *st);
    if (!st)
        return kiln_error_set(err, "targets: out of memory");
    st->label = cfg->label;
    if (o->report_year < 0 || o->report_year > 9999) {
        free(st);
        return kiln_error_set(err, "%s:%u: [%s] report_year %lld is not a "
                                   "year", cfg->source, cfg->line,
                              cfg->label, (long long)o->report_year);
    }
    st->report_year = (int)o->report_year;
    if (tg_cues_load(&st->cues, o->cues, err) < 0 ||
        tg_lexicon_load(&st->names, o->indicators, err) < 0) {
        targets_fini(st);
        return -1;
    }
    *state = st;
    return 0;
}

static int targets_process(void *state, kiln_doc *doc, kiln_error *err)
{
    const tg_state *st = state;
    tg_doc td = {.st = st, .doc = doc};
    td.mentions_ordered = tg_mentions_ordered(doc); /* no stage here adds any */
    td.report_year = st->report_year ? st->report_year
                                     : tg_infer_report_year(doc);
    if (tg_sections(&td) < 0)
        return kiln_error_set(err, "%s: out of memory", doc->id);
    tg_decide_roles(&td);
    tg_set_horizons(&td);
    tg_set_indicators(&td);
    if (tg_pair(&td) < 0)
        return kiln_error_set(err, "%s: out of memory", doc->id);
    doc->layers |= KILN_LAYER_ROLES | KILN_LAYER_COMPARISONS;
    return 0;
}

KILN_STAGE_EXPORT const kiln_stage kiln_stage_targets = {
    KILN_STAGE_HEADER,
    .name = "targets",
    .summary = "tell targets from results, name indicators, pair each "
               "target with its baseline",
    .options = targets_option_table,
    .options_size = sizeof(targets_options),
    .requires = KILN_LAYER_MENTIONS | KILN_LAYER_UNITS | KILN_LAYER_SEGMENTS,
    .provides = KILN_LAYER_ROLES | KILN_LAYER_COMPARISONS,
    .init = targets_init,
    .process = targets_process,
    .fini = targets_fini,
};
