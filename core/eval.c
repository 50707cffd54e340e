/* eval.c — `kiln eval`: the A/B experiment. Every pipeline named runs
 * in-process on every report (exporters' output discarded: a dry run);
 * its mentions and comparisons are read straight from the document and
 * scored against the report's gold files with the matching of
 * tests/score.py (score.c). Gold that does not fit its report is an error
 * before any pipeline runs. */
#include "config.h"

#include "eval.h"

#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_internal.h"
#include "gold.h"
#include "inputs.h"
#include "kiln/error.h"
#include "kiln/utf8.h"
#include "loader.h"
#include "path.h"
#include "pipeline.h"
#include "record.h"
#include "runner.h"
#include "score.h"

#define MAX_PIPELINES 26 /* columns A..Z */
#define CONTEXT_CHARS 12 /* code points shown each side in --verbose */

typedef struct pipe_spec {
    char how;            /* 'p' one-line, 'c' pipeline file, 'C' --config */
    const char *arg;
} pipe_spec;

typedef struct eval_pipe {
    pipe_spec spec;
    char label[2];
    kiln_pipeline *p;
    kiln_runner *r;
    kiln_doc *doc;
    kiln_score score;
} eval_pipe;

typedef struct report {
    const char *path;
    char *stem;
    kiln_gold_file *mentions;     /* NULL if none */
    kiln_gold_target *targets;    /* every targets file's rows, shallow */
    size_t n_targets;
    const char **target_files;    /* the file of each row, for messages */
} report;

typedef struct eval_opts {
    pipe_spec specs[MAX_PIPELINES];
    size_t n_specs;
    const char **golds, **sets, **plugin_dirs;
    size_t n_golds, n_sets, n_plugin_dirs;
    const char *skip_kinds;
    size_t max_doc_size;
    bool json, verbose;
} eval_opts;

static int usage(const char *fmt, const char *arg)
{
    return kiln_cli_usage_error(KILN_USAGE_EVAL, fmt, arg);
}

/* Returns the index of the first report, or -1 after a usage error. */
static int parse_opts(int argc, char **argv, eval_opts *o)
{
    static const struct option longopts[] = {
        {"gold", required_argument, NULL, 'g'},
        {"line", required_argument, NULL, 'p'},
        {"pipeline", required_argument, NULL, 'c'},
        {"config", required_argument, NULL, 'C'},
        {"set", required_argument, NULL, 's'},
        {"plugin-path", required_argument, NULL, 'P'},
        {"max-doc-size", required_argument, NULL, 'm'},
        {"skip-kinds", required_argument, NULL, 'k'},
        {"json", no_argument, NULL, 'j'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    opterr = 0;
    optind = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, "+:g:p:c:s:P:m:vh", longopts, NULL)) != -1) {
        int rc = 0;
        switch (ch) {
        case 'p':
        case 'c':
        case 'C':
            if (o->n_specs == MAX_PIPELINES) {
                usage("%s", "at most 26 pipelines (columns A to Z)");
                return -1;
            }
            o->specs[o->n_specs++] = (pipe_spec){(char)ch, optarg};
            break;
        case 'g': rc = kiln_cli_push_arg(&o->golds, &o->n_golds, optarg); break;
        case 's': rc = kiln_cli_push_arg(&o->sets, &o->n_sets, optarg); break;
        case 'P': rc = kiln_cli_push_arg(&o->plugin_dirs, &o->n_plugin_dirs, optarg); break;
        case 'k': o->skip_kinds = optarg; break;
        case 'j': o->json = true; break;
        case 'v': o->verbose = true; break;
        case 'm':
            if (kiln_cli_parse_size(optarg, &o->max_doc_size) < 0) {
                usage("--max-doc-size '%s': expected a positive size such as "
                      "512k or 256M", optarg);
                return -1;
            }
            break;
        case 'h':
            printf("usage: %s\n", KILN_USAGE_EVAL);
            exit(KILN_EXIT_OK);
        case ':':
            usage("option '%s' needs an argument", argv[optind - 1]);
            return -1;
        default:
            usage("unknown option '%s'", argv[optind - 1]);
            return -1;
        }
        if (rc < 0) {
            fprintf(stderr, "kiln: out of memory\n");
            return -1;
        }
    }
    if (o->n_golds == 0) {
        usage("%s", "no gold file (--gold REPORT.mentions.jsonl)");
        return -1;
    }
    if (optind >= argc) {
        usage("%s", "no report named");
        return -1;
    }
    return optind;
}

/* ---- gold files and reports ---------------------------------------- */

static void reports_free(report *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++) {
        free(r[i].stem);
        free(r[i].targets);
        free(r[i].target_files);
    }
    free(r);
}

static int add_targets(report *r, const kiln_gold_file *g)
{
    kiln_gold_target *t = realloc(r->targets, (r->n_targets + g->n + 1) * sizeof *t);
    if (!t)
        return -1;
    r->targets = t;
    const char **f = realloc(r->target_files,
                             (r->n_targets + g->n + 1) * sizeof *f);
    if (!f)
        return -1;
    r->target_files = f;
    for (size_t i = 0; i < g->n; i++) {
        t[r->n_targets] = g->targets[i];
        f[r->n_targets++] = g->path;
    }
    return 0;
}

/* Pair each gold file with the one report of its stem; every report
 * needs a gold file. */
static int match_gold(report *reps, size_t n_reps, kiln_gold_file **golds,
                      size_t n_golds, kiln_error *err)
{
    for (size_t i = 0; i < n_reps; i++)
        for (size_t j = i + 1; j < n_reps; j++)
            if (strcmp(reps[i].stem, reps[j].stem) == 0)
                return kiln_error_set(err, "%s and %s have the same name '%s': "
                                      "gold files could not tell them apart",
                                      reps[i].path, reps[j].path, reps[i].stem);
    for (size_t g = 0; g < n_golds; g++) {
        report *r = NULL;
        for (size_t i = 0; i < n_reps && !r; i++)
            if (strcmp(reps[i].stem, golds[g]->stem) == 0)
                r = &reps[i];
        if (!r)
            return kiln_error_set(err, "%s: no report named %s.* among the "
                                  "reports given", golds[g]->path,
                                  golds[g]->stem);
        if (golds[g]->type == KILN_GOLD_MENTIONS) {
            if (r->mentions)
                return kiln_error_set(err, "%s: %s already has mentions gold "
                                      "(%s)", golds[g]->path, r->path,
                                      r->mentions->path);
            r->mentions = golds[g];
        } else if (add_targets(r, golds[g]) < 0) {
            return kiln_error_set(err, "out of memory");
        }
    }
    for (size_t i = 0; i < n_reps; i++)
        if (!reps[i].mentions && !reps[i].n_targets && !reps[i].target_files)
            return kiln_error_set(err, "%s: no gold file for it (expected "
                                  "%s.mentions.jsonl or %s.targets.jsonl "
                                  "among --gold)", reps[i].path, reps[i].stem,
                                  reps[i].stem);
    return 0;
}

/* Read REPORT's bytes and its code points. */
static int read_report(const report *r, size_t max, char **bytes, size_t *len,
                       kiln_codepoints *cp, kiln_error *err)
{
    if (kiln_input_read(r->path, max, bytes, len, err) < 0)
        return kiln_error_prefix(err, "%s", r->path);
    if (kiln_codepoints_decode(*bytes, *len, cp) < 0) {
        free(*bytes);
        *bytes = NULL;
        return kiln_error_set(err, "out of memory");
    }
    return 0;
}

/* ---- per document ---------------------------------------------------- */

static void put_cp(FILE *f, uint32_t c)
{
    char b[4];
    if (c == '\n' || c == '\r' || c == '\t')
        c = ' ';
    size_t n = kiln_utf8_encode(c, b);
    fwrite(b, 1, n, f);
}

/* "…before[span]after…" from the report's code points. */
static void put_context(FILE *f, const kiln_codepoints *cp, size_t start,
                        size_t end)
{
    size_t from = start > CONTEXT_CHARS ? start - CONTEXT_CHARS : 0;
    size_t to = end + CONTEXT_CHARS < cp->n ? end + CONTEXT_CHARS : cp->n;
    fputs(from ? "…" : "", f);
    for (size_t i = from; i < to; i++) {
        if (i == start)
            fputc('[', f);
        put_cp(f, cp->cp[i]);
        if (i + 1 == end)
            fputc(']', f);
    }
    fputs(to < cp->n ? "…" : "", f);
}

static void put_span(FILE *f, const kiln_codepoints *cp, size_t start, size_t end)
{
    for (size_t i = start; i < end && i < cp->n; i++)
        put_cp(f, cp->cp[i]);
}

static const char *const attr_names[KILN_GOLD_ATTRS] = {"unit", "kind", "role",
                                                        "indicator"};

static void verbose_mentions(FILE *f, const eval_pipe *ep, const report *r,
                             const kiln_codepoints *cp,
                             const kiln_gold_mention *gold, size_t n_gold,
                             const kiln_pred *pred, size_t n_pred,
                             const long *g2p, const long *p2g,
                             const bool has_attr[KILN_GOLD_ATTRS])
{
    char num[32];
    for (size_t g = 0; g < n_gold; g++) {
        const kiln_gold_mention *m = &gold[g];
        if (g2p[g] < 0) {
            fprintf(f, "%s %s: missed %s:%u %s = %s %s  ", ep->label, r->path,
                    r->mentions->path, m->line, m->text,
                    m->has_value ? kiln_format_double(num, m->value) : "?",
                    m->attr[KILN_GOLD_KIND]);
            put_context(f, cp, m->start, m->end);
            fputc('\n', f);
            continue;
        }
        const kiln_pred *p = &pred[g2p[g]];
        for (int a = 0; a < KILN_GOLD_ATTRS; a++)
            if (has_attr[a] && strcmp(m->attr[a], p->attr[a]) != 0)
                fprintf(f, "%s %s: wrong %s of %s (gold %s:%u): '%s', gold '%s'\n",
                        ep->label, r->path, attr_names[a], m->text,
                        r->mentions->path, m->line, p->attr[a], m->attr[a]);
    }
    for (size_t i = 0; i < n_pred; i++) {
        if (p2g[i] >= 0)
            continue;
        fprintf(f, "%s %s: false hit %zu-%zu ", ep->label, r->path,
                pred[i].start, pred[i].end);
        put_span(f, cp, pred[i].start, pred[i].end);
        fprintf(f, " = %s %s  ", kiln_format_double(num, pred[i].value),
                pred[i].attr[KILN_GOLD_KIND]);
        put_context(f, cp, pred[i].start, pred[i].end);
        fputc('\n', f);
    }
}

/* Score one processed document of pipeline EP. */
static int score_doc(eval_pipe *ep, const report *r, const kiln_codepoints *cp,
                     const char *skip, FILE *verbose, kiln_error *err)
{
    const kiln_doc *doc = ep->doc;
    int rc = 0;
    kiln_pred *pred = NULL;
    kiln_gold_mention *gold = NULL;
    long *g2p = NULL, *p2g = NULL;
    bool *found = NULL;
    if (r->mentions) {
        size_t n_pred = doc->mentions.len, n_gold = r->mentions->n;
        pred = calloc(n_pred + 1, sizeof *pred);
        gold = calloc(n_gold + 1, sizeof *gold);
        g2p = calloc(n_gold + 1, sizeof *g2p);
        p2g = calloc(n_pred + 1, sizeof *p2g);
        if (!pred || !gold || !g2p || !p2g) {
            rc = kiln_error_set(err, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < n_pred; i++) {
            const kiln_mention *m = &doc->mentions.items[i];
            kiln_span_out so = kiln_doc_span_out(doc, m->span);
            pred[i] = (kiln_pred){
                .start = so.cp_start, .end = so.cp_end, .value = m->value,
                .attr = {m->unit, kiln_kind_name(m->kind), kiln_role_name(m->role),
                         m->indicator}};
        }
        memcpy(gold, r->mentions->mentions, n_gold * sizeof *gold);
        if (skip)
            kiln_score_skip_kinds(gold, &n_gold, pred, &n_pred, skip);
        /* score.py counts a field when the table has it: here, when a
         * stage provided the layer that fills it. */
        bool has_attr[KILN_GOLD_ATTRS] = {
            (doc->layers & KILN_LAYER_MENTIONS) != 0,
            (doc->layers & KILN_LAYER_MENTIONS) != 0,
            (doc->layers & KILN_LAYER_ROLES) != 0,
            (doc->layers & KILN_LAYER_ROLES) != 0};
        kiln_score_match(gold, n_gold, pred, n_pred, g2p, p2g);
        kiln_score_add(&ep->score, gold, n_gold, pred, n_pred, g2p, has_attr);
        if (verbose)
            verbose_mentions(verbose, ep, r, cp, gold, n_gold, pred, n_pred,
                             g2p, p2g, has_attr);
    }
    if (r->n_targets) {
        found = calloc(r->n_targets, sizeof *found);
        if (!found) {
            rc = kiln_error_set(err, "out of memory");
            goto done;
        }
        kiln_score_targets(&ep->score, r->targets, r->n_targets, doc, found);
        for (size_t i = 0; verbose && i < r->n_targets; i++) {
            const kiln_gold_target *t = &r->targets[i];
            if (found[i])
                continue;
            char b[32], v[32];
            fprintf(verbose, "%s %s: %s not found %s:%u %s: %s -> %s\n",
                    ep->label, r->path, t->has_baseline ? "pair" : "target",
                    r->target_files[i], t->line, t->indicator,
                    t->has_baseline ? kiln_format_double(b, t->baseline) : "-",
                    kiln_format_double(v, t->target));
        }
    }
done:
    free(pred);
    free(gold);
    free(g2p);
    free(p2g);
    free(found);
    return rc;
}

/* ---- pipelines ------------------------------------------------------- */

static kiln_pipeline *load_spec(const pipe_spec *s, kiln_error *err)
{
    if (s->how == 'p')
        return kiln_pipeline_parse_line(s->arg, err);
    if (s->how == 'C' && kiln_record_verify(s->arg, stderr, err) < 0)
        return NULL;
    if (s->arg)
        return kiln_pipeline_load(s->arg, err);
    const char *d = kiln_data_dir();
    char *dflt = malloc(strlen(d) + 32);
    if (!dflt) {
        kiln_error_set(err, "out of memory");
        return NULL;
    }
    sprintf(dflt, "%s/pipelines/default.pipeline", d);
    kiln_pipeline *p = kiln_pipeline_load(dflt, err);
    free(dflt);
    return p;
}

/* --set applies to every pipeline holding the label; one must. */
static int apply_sets(eval_pipe *eps, size_t n, const eval_opts *o, kiln_error *err)
{
    for (size_t s = 0; s < o->n_sets; s++) {
        bool any = false;
        kiln_error first;
        for (size_t i = 0; i < n; i++) {
            kiln_error e;
            if (kiln_pipeline_set(eps[i].p, o->sets[s], &e) == 0)
                any = true;
            else if (!any)
                first = e;
        }
        if (!any) {
            *err = first;
            return -1;
        }
    }
    return 0;
}

static const char *spec_option(char how)
{
    return how == 'p' ? "-p" : how == 'C' ? "--config" : "--pipeline";
}

/* What a column ran: the one-line text, or the pipeline file. */
static const char *spec_text(const eval_pipe *ep)
{
    return ep->spec.how == 'p' ? ep->spec.arg : ep->p->source;
}

/* ---- output ---------------------------------------------------------- */

static double round4(double x)
{
    char b[64];
    snprintf(b, sizeof b, "%.4f", x);
    return strtod(b, NULL);
}

typedef struct figures {
    double p, r, f, ef, acc[KILN_GOLD_ATTRS];
    bool has_acc[KILN_GOLD_ATTRS];
} figures;

static figures compute(const kiln_score *s)
{
    figures f;
    f.p = kiln_ratio(s->matched, s->pred);
    f.r = kiln_ratio(s->matched, s->gold);
    f.f = kiln_f1(f.p, f.r);
    f.ef = kiln_f1(kiln_ratio(s->exact, s->pred), kiln_ratio(s->exact, s->gold));
    for (int a = 0; a < KILN_GOLD_ATTRS; a++) {
        f.has_acc[a] = s->attr_n[a] > 0;
        f.acc[a] = kiln_ratio(s->attr_ok[a], s->attr_n[a]);
    }
    return f;
}

static void json_num(FILE *f, const char *key, double v, bool comma)
{
    char b[32];
    fprintf(f, "\"%s\": %s%s", key, kiln_format_double(b, round4(v)),
            comma ? ", " : "");
}

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void print_json(FILE *f, const eval_pipe *eps, size_t n, size_t n_reports,
                       size_t failed, const char *skip)
{
    fprintf(f, "{\"kiln\": \"%s\", \"reports\": %zu, \"failed\": %zu, "
            "\"skip_kinds\": ", PACKAGE_VERSION, n_reports, failed);
    if (skip)
        json_str(f, skip);
    else
        fputs("null", f);
    fputs(", \"pipelines\": [", f);
    for (size_t i = 0; i < n; i++) {
        const kiln_score *s = &eps[i].score;
        figures fg = compute(s);
        fprintf(f, "%s\n{\"label\": \"%s\", \"source\": ", i ? "," : "",
                eps[i].label);
        json_str(f, spec_text(&eps[i]));
        fprintf(f, ", \"option\": \"%s\", \"documents\": %zu,\n \"mentions\": "
                "{\"gold\": %zu, \"pred\": %zu, \"matched\": %zu, ",
                spec_option(eps[i].spec.how), s->docs, s->gold, s->pred,
                s->matched);
        json_num(f, "precision", fg.p, true);
        json_num(f, "recall", fg.r, true);
        json_num(f, "f1", fg.f, true);
        json_num(f, "exact_span_f1", fg.ef, true);
        for (int a = 0; a < KILN_GOLD_ATTRS; a++) {
            char key[32];
            snprintf(key, sizeof key, "%s_acc", attr_names[a]);
            if (fg.has_acc[a])
                json_num(f, key, fg.acc[a], a + 1 < KILN_GOLD_ATTRS);
            else
                fprintf(f, "\"%s\": null%s", key, a + 1 < KILN_GOLD_ATTRS ? ", " : "");
        }
        fputs("},\n \"by_kind\": {", f);
        bool first = true;
        for (size_t k = 0; k < KILN_SCORE_KINDS; k++) {
            if (!s->kind_gold[k] && !s->kind_pred[k])
                continue;
            double p = kiln_ratio(s->kind_pred_hit[k], s->kind_pred[k]);
            double r = kiln_ratio(s->kind_gold_hit[k], s->kind_gold[k]);
            fprintf(f, "%s\"%s\": {\"gold\": %zu, \"pred\": %zu, ", first ? "" : ", ",
                    kiln_score_kind_name(k), s->kind_gold[k], s->kind_pred[k]);
            json_num(f, "precision", p, true);
            json_num(f, "recall", r, true);
            json_num(f, "f1", kiln_f1(p, r), false);
            fputc('}', f);
            first = false;
        }
        fprintf(f, "},\n \"targets\": {\"pairs_gold\": %zu, \"pairs_found\": %zu, ",
                s->pairs_gold, s->pairs_found);
        json_num(f, "pair_recall", kiln_ratio(s->pairs_found, s->pairs_gold), true);
        fprintf(f, "\"pairs_pred\": %zu, ", s->pairs_pred);
        json_num(f, "pair_precision", kiln_ratio(s->pairs_pred_hit, s->pairs_pred),
                 true);
        fprintf(f, "\"unpaired_gold\": %zu, \"unpaired_found\": %zu, ",
                s->unpaired_gold, s->unpaired_found);
        json_num(f, "unpaired_recall",
                 kiln_ratio(s->unpaired_found, s->unpaired_gold), false);
        fputs("}}", f);
    }
    fputs("\n]}\n", f);
}

/* One table row: a title, then one cell per pipeline, then B-A when
 * there are exactly two. Cells are counts (IS_COUNT) or ratios. */
static void row(FILE *f, const char *title, const double *v, const bool *ok,
                size_t n, bool is_count)
{
    fprintf(f, "  %-22s", title);
    for (size_t i = 0; i < n; i++) {
        if (ok && !ok[i])
            fprintf(f, " %9s", "-");
        else if (is_count)
            fprintf(f, " %9.0f", v[i]);
        else
            fprintf(f, " %9.4f", v[i]);
    }
    if (n == 2 && (!ok || (ok[0] && ok[1]))) {
        if (is_count)
            fprintf(f, " %+9.0f", v[1] - v[0]);
        else
            fprintf(f, " %+9.4f", round4(v[1]) - round4(v[0]));
    }
    fputc('\n', f);
}

static void print_table(FILE *f, const eval_pipe *eps, size_t n, size_t n_reports,
                        size_t failed, const char *skip)
{
    double v[MAX_PIPELINES] = {0};
    bool ok[MAX_PIPELINES];
    figures fg[MAX_PIPELINES];
    for (size_t i = 0; i < n; i++)
        fg[i] = compute(&eps[i].score);
    fprintf(f, "kiln eval: %zu report%s", n_reports, n_reports == 1 ? "" : "s");
    if (failed)
        fprintf(f, " (%zu failed, not scored)", failed);
    if (skip)
        fprintf(f, ", kinds skipped: %s", skip);
    fputc('\n', f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "  %s = %s %s\n", eps[i].label, spec_option(eps[i].spec.how),
                spec_text(&eps[i]));
    fprintf(f, "\n%-24s", "mentions");
    for (size_t i = 0; i < n; i++)
        fprintf(f, " %9s", eps[i].label);
    if (n == 2)
        fprintf(f, " %9s", "B-A");
    fputc('\n', f);
#define ROW(title, expr, count)                                              \
    do {                                                                     \
        for (size_t i = 0; i < n; i++)                                       \
            v[i] = (expr);                                                   \
        row(f, title, v, NULL, n, count);                                    \
    } while (0)
    ROW("gold", (double)eps[i].score.gold, true);
    ROW("predicted", (double)eps[i].score.pred, true);
    ROW("matched", (double)eps[i].score.matched, true);
    ROW("precision", fg[i].p, false);
    ROW("recall", fg[i].r, false);
    ROW("F1", fg[i].f, false);
    ROW("exact-span F1", fg[i].ef, false);
    fprintf(f, "accuracy over matched\n");
    for (int a = 0; a < KILN_GOLD_ATTRS; a++) {
        for (size_t i = 0; i < n; i++) {
            v[i] = fg[i].acc[a];
            ok[i] = fg[i].has_acc[a];
        }
        row(f, attr_names[a], v, ok, n, false);
    }
    fprintf(f, "targets\n");
    ROW("gold pairs", (double)eps[i].score.pairs_gold, true);
    ROW("pairs found", (double)eps[i].score.pairs_found, true);
    ROW("pair recall", kiln_ratio(eps[i].score.pairs_found, eps[i].score.pairs_gold),
        false);
    ROW("pairs predicted", (double)eps[i].score.pairs_pred, true);
    ROW("pair precision",
        kiln_ratio(eps[i].score.pairs_pred_hit, eps[i].score.pairs_pred), false);
    ROW("unpaired targets", (double)eps[i].score.unpaired_gold, true);
    ROW("unpaired found", (double)eps[i].score.unpaired_found, true);
    fprintf(f, "F1 per kind (gold count)\n");
    for (size_t k = 0; k < KILN_SCORE_KINDS; k++) {
        bool any = false;
        for (size_t i = 0; i < n; i++)
            any |= eps[i].score.kind_gold[k] || eps[i].score.kind_pred[k];
        if (!any)
            continue;
        char title[64];
        snprintf(title, sizeof title, "%s (%zu)", kiln_score_kind_name(k),
                 eps[0].score.kind_gold[k]);
        ROW(title, kiln_f1(kiln_ratio(eps[i].score.kind_pred_hit[k],
                                      eps[i].score.kind_pred[k]),
                           kiln_ratio(eps[i].score.kind_gold_hit[k],
                                      eps[i].score.kind_gold[k])),
            false);
    }
#undef ROW
}

/* ---- the command ----------------------------------------------------- */

int kiln_eval_main(int argc, char **argv)
{
    eval_opts o = {.max_doc_size = (size_t)256 << 20};
    int first = parse_opts(argc, argv, &o);
    int rc = KILN_EXIT_USAGE;
    kiln_error err;
    kiln_gold_file **golds = NULL;
    report *reps = NULL;
    char **inputs = NULL;
    size_t n_inputs = 0, n_golds = 0, n_eps = 0, failed = 0;
    eval_pipe eps[MAX_PIPELINES];
    kiln_loader *loader = NULL;
    memset(eps, 0, sizeof eps);
    if (first < 0)
        goto done;
    if (o.n_specs == 0) /* the default pipeline */
        o.specs[o.n_specs++] = (pipe_spec){'c', NULL};

    /* Gold files, then the reports they belong to, then the gold located
     * in its report: every misfit is found before any pipeline runs. */
    golds = calloc(o.n_golds, sizeof *golds);
    if (!golds)
        goto oom;
    for (; n_golds < o.n_golds; n_golds++)
        if (!(golds[n_golds] = kiln_gold_read(o.golds[n_golds], &err)))
            goto fail;
    inputs = kiln_inputs_expand(argv + first, (size_t)(argc - first), NULL,
                                &n_inputs);
    reps = inputs ? calloc(n_inputs + 1, sizeof *reps) : NULL;
    if (!reps)
        goto oom;
    for (size_t i = 0; i < n_inputs; i++) {
        reps[i].path = inputs[i];
        if (!(reps[i].stem = kiln_report_stem(inputs[i])))
            goto oom;
    }
    if (match_gold(reps, n_inputs, golds, n_golds, &err) < 0)
        goto fail;
    for (size_t i = 0; i < n_inputs; i++) {
        if (!reps[i].mentions)
            continue;
        char *bytes;
        size_t len;
        kiln_codepoints cp;
        if (read_report(&reps[i], o.max_doc_size, &bytes, &len, &cp, &err) < 0)
            goto fail;
        int lr = kiln_gold_locate(reps[i].mentions, &cp, reps[i].path, &err);
        free(bytes);
        kiln_codepoints_free(&cp);
        if (lr < 0)
            goto fail;
    }

    if (!(loader = kiln_loader_new(o.plugin_dirs, o.n_plugin_dirs, &err)))
        goto fail;
    for (; n_eps < o.n_specs; n_eps++) {
        eval_pipe *ep = &eps[n_eps];
        ep->spec = o.specs[n_eps];
        ep->label[0] = (char)('A' + n_eps);
        if (!(ep->p = load_spec(&ep->spec, &err))) {
            n_eps++;
            goto fail;
        }
    }
    if (apply_sets(eps, n_eps, &o, &err) < 0)
        goto fail;
    for (size_t i = 0; i < n_eps; i++)
        if (!(eps[i].r = kiln_runner_new(eps[i].p, loader, true, &err)) ||
            !(eps[i].doc = kiln_doc_new()))
            goto fail;

    FILE *verbose = o.verbose ? (o.json ? stderr : stdout) : NULL;
    rc = KILN_EXIT_OK;
    for (size_t d = 0; d < n_inputs; d++) {
        char *bytes;
        size_t len;
        kiln_codepoints cp;
        if (read_report(&reps[d], o.max_doc_size, &bytes, &len, &cp, &err) < 0) {
            fprintf(stderr, "kiln: %s\n", err.message);
            failed++;
            continue;
        }
        /* Every pipeline first: a document one of them fails on is scored
         * for none, so the columns compare the same documents. */
        bool ok = true;
        for (size_t i = 0; i < n_eps && ok; i++) {
            if (kiln_doc_load(eps[i].doc, reps[d].path, d, bytes, len) < 0) {
                kiln_error_set(&err, "out of memory");
                ok = false;
            } else if (kiln_runner_process(eps[i].r, eps[i].doc, &err) < 0) {
                kiln_error_prefix(&err, "pipeline %s", eps[i].label);
                ok = false;
            }
        }
        for (size_t i = 0; i < n_eps && ok; i++)
            ok = score_doc(&eps[i], &reps[d], &cp, o.skip_kinds, verbose, &err) == 0;
        if (!ok) {
            fprintf(stderr, "kiln: %s: %s\n", reps[d].path, err.message);
            failed++;
        }
        free(bytes);
        kiln_codepoints_free(&cp);
    }
    if (verbose == stdout && !o.json)
        fputc('\n', stdout);
    if (o.json)
        print_json(stdout, eps, n_eps, n_inputs, failed, o.skip_kinds);
    else
        print_table(stdout, eps, n_eps, n_inputs, failed, o.skip_kinds);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "kiln: standard output: %s\n", strerror(errno));
        rc = KILN_EXIT_DOC_FAILED;
    }
    if (failed)
        rc = KILN_EXIT_DOC_FAILED;
    goto done;
oom:
    kiln_error_set(&err, "out of memory");
fail:
    fprintf(stderr, "kiln: %s\n", err.message);
    rc = KILN_EXIT_USAGE;
done:
    for (size_t i = 0; i < n_eps; i++) {
        kiln_doc_free(eps[i].doc);
        kiln_runner_free(eps[i].r);
        kiln_pipeline_free(eps[i].p);
    }
    kiln_loader_free(loader);
    reports_free(reps, n_inputs);
    for (size_t i = 0; i < n_golds; i++)
        kiln_gold_free(golds[i]);
    free(golds);
    kiln_inputs_free(inputs);
    free(o.golds);
    free(o.sets);
    free(o.plugin_dirs);
    return rc;
}
