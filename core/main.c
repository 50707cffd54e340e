/* main.c — the kiln command: run, stages, describe, check, help. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inputs.h"
#include "kiln/error.h"
#include "kiln/stage.h"
#include "loader.h"
#include "options.h"
#include "path.h"
#include "pipeline.h"
#include "cli.h"
#include "runner.h"
#include "eval.h"
#include "record.h"

#define USAGE_RUN                                                            \
    "kiln run [-p LINE | --pipeline FILE] [--set LABEL.KEY=VALUE]... "       \
    "[--plugin-path DIR]... [--max-doc-size N] [--save-config FILE] "        \
    "[-j N] [--input text|jsonl] [--id-field F] [--text-field F] "           \
    "[--glob PATTERN] [-o DIR] [--quiet] [--stats] FILE|DIR|-..."
#define USAGE_CHECK                                                          \
    "kiln check [--set LABEL.KEY=VALUE]... [--plugin-path DIR]... "          \
    "PIPELINE | -p LINE"
#define USAGE_STAGES "kiln stages [--plugin-path DIR]..."
#define USAGE_DESCRIBE "kiln describe [--plugin-path DIR]... STAGE"

static const char help_text[] =
    "kiln " PACKAGE_VERSION " - find the figures in government reports and "
    "turn them into data\n"
    "\n"
    "Usage:\n"
    "  " USAGE_RUN "\n"
    "      run the pipeline on each document; without -p or --pipeline, the\n"
    "      default pipeline (pipelines/default.pipeline in the data directory)\n"
    "  " USAGE_CHECK "\n"
    "      load the pipeline and init all its stages; print OK or the error\n"
    "  " USAGE_STAGES "\n"
    "      list the stages found: name, summary, file\n"
    "  " USAGE_DESCRIBE "\n"
    "      a stage's summary, layers and options table\n"
    "  " KILN_USAGE_EVAL "\n"
    "      score pipelines against gold annotations, side by side (A, B ...);\n"
    "      see docs/experiments.md\n"
    "  kiln help [COMMAND] | kiln --help | kiln --version\n"
    "\n"
    "Options of run and check:\n"
    "  -p, --line LINE        one-line pipeline: 'segment ! numbers ! csv table=mentions'\n"
    "  -c, --pipeline FILE    pipeline file (paths in it are relative to it)\n"
    "  -s, --set L.KEY=VALUE  override option KEY of the stage labelled L\n"
    "  -P, --plugin-path DIR  search DIR for stages first (repeatable)\n"
    "  -m, --max-doc-size N   refuse larger documents (bytes, or with k/M/G;\n"
    "                         default 256M)\n"
    "  -S, --save-config FILE write the fully resolved pipeline to FILE, with\n"
    "                         kiln's version and each lexicon's sha256\n"
    "      --config FILE      run a saved pipeline again; fails if a lexicon\n"
    "                         changed since it was saved\n"
    "\n"
    "Options of run:\n"
    "  -j, --jobs N           worker threads (default: one per core); the\n"
    "                         output is the same for every N\n"
    "  -i, --input FORMAT     text (each file one document, the default) or\n"
    "                         jsonl (JSON Lines: one object a line, streamed)\n"
    "      --id-field F       JSON Lines: the document id field (default id)\n"
    "      --text-field F     JSON Lines: the text field (default text)\n"
    "  -g, --glob PATTERN     files taken from directories (default *.txt,\n"
    "                         *.jsonl with --input jsonl)\n"
    "  -o, --output-dir DIR   outputs that would go to standard output go to\n"
    "                         DIR/<table>.<stage> (targets.csv ...) instead,\n"
    "                         each written to a temporary file and renamed\n"
    "  -q, --quiet            no progress line on a terminal\n"
    "      --stats            at the end, each stage's time and rates\n"
    "\n"
    "Inputs: files, directories (every *.txt below, in sorted order), - for\n"
    "standard input. A malformed JSON line fails that document only.\n"
    "\n"
    "Stages are searched in --plugin-path, then KILN_PLUGIN_PATH (colon-\n"
    "separated), then KILN_STAGEDIR if set, else " KILN_STAGEDIR ".\n"
    "KILN_DATA_PATH overrides the data\n"
    "directory (" KILN_DATADIR "), which holds pipelines/ and data/.\n"
    "\n"
    "Exit status:\n"
    "  0  every document processed\n"
    "  1  some documents failed (one line each on stderr; the others' output\n"
    "     is complete), or an output could not be written\n"
    "  2  usage or pipeline error, before any document\n";

/* Options shared by the commands that build a pipeline. */
typedef struct cli {
    const char *line, *pipeline_file, *save_config, *config;
    const char **sets, **plugin_dirs;
    size_t n_sets, n_plugin_dirs;
    size_t max_doc_size;
    /* run only */
    bool run;
    kiln_run_options run_opts;
    const char *out_dir;
} cli;

/* Long options without a short form (run only). */
enum { OPT_STATS = 256, OPT_ID_FIELD, OPT_TEXT_FIELD };

/* Parse options of run/check/stages/describe into C. Returns the index of
 * the first operand, or -1 after printing a usage error. */
static int parse_cli(int argc, char **argv, const char *usage, bool pipeline_opts,
                     cli *c)
{
    static const struct option longopts[] = {
        {"line", required_argument, NULL, 'p'},
        {"pipeline", required_argument, NULL, 'c'},
        {"set", required_argument, NULL, 's'},
        {"plugin-path", required_argument, NULL, 'P'},
        {"max-doc-size", required_argument, NULL, 'm'},
        {"save-config", required_argument, NULL, 'S'},
        {"config", required_argument, NULL, 'C'}, /* long only */
        {"help", no_argument, NULL, 'h'},
        {"jobs", required_argument, NULL, 'j'},
        {"input", required_argument, NULL, 'i'},
        {"glob", required_argument, NULL, 'g'},
        {"output-dir", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"stats", no_argument, NULL, OPT_STATS},
        {"id-field", required_argument, NULL, OPT_ID_FIELD},
        {"text-field", required_argument, NULL, OPT_TEXT_FIELD},
        {NULL, 0, NULL, 0}};
    opterr = 0;
    optind = 0; /* glibc: restart scanning on this new argument vector */
    int ch;
    while ((ch = getopt_long(argc, argv, "+:p:c:s:P:m:S:hj:i:g:o:q", longopts,
                             NULL)) != -1) {
        if (!pipeline_opts && ch != 'P' && ch != 'h' && ch != '?' && ch != ':') {
            kiln_cli_usage_error(usage, "option '%s' does not apply here", argv[optind - 1]);
            return -1;
        }
        if (!c->run && (strchr("jigoq", ch) || ch >= OPT_STATS)) {
            kiln_cli_usage_error(usage, "option '%s' applies to run only", argv[optind - 1]);
            return -1;
        }
        kiln_run_options *ro = &c->run_opts;
        switch (ch) {
        case 'j': {
            char *end;
            errno = 0;
            long n = strtol(optarg, &end, 10);
            if (*end || end == optarg || errno || n < 1 || n > 1024) {
                kiln_cli_usage_error(usage, "--jobs '%s': expected a number of threads "
                            "from 1 to 1024", optarg);
                return -1;
            }
            ro->jobs = (unsigned)n;
            break;
        }
        case 'i':
            if (strcmp(optarg, "text") == 0) {
                ro->input.format = KILN_INPUT_TEXT;
            } else if (strcmp(optarg, "jsonl") == 0) {
                ro->input.format = KILN_INPUT_JSONL;
            } else {
                kiln_cli_usage_error(usage, "--input '%s': expected text or jsonl", optarg);
                return -1;
            }
            break;
        case 'g': ro->input.glob = optarg; break;
        case 'o': c->out_dir = optarg; break;
        case 'q': ro->quiet = true; break;
        case OPT_STATS: ro->stats = true; break;
        case OPT_ID_FIELD: ro->input.id_field = optarg; break;
        case OPT_TEXT_FIELD: ro->input.text_field = optarg; break;
        case 'p': c->line = optarg; break;
        case 'c': c->pipeline_file = optarg; break;
        case 'S': c->save_config = optarg; break;
        case 'C': c->config = optarg; break;
        case 's':
            if (kiln_cli_push_arg(&c->sets, &c->n_sets, optarg) < 0)
                return -1;
            break;
        case 'P':
            if (kiln_cli_push_arg(&c->plugin_dirs, &c->n_plugin_dirs, optarg) < 0)
                return -1;
            break;
        case 'm':
            if (kiln_cli_parse_size(optarg, &c->max_doc_size) < 0) {
                kiln_cli_usage_error(usage, "--max-doc-size '%s': expected a positive "
                            "size such as 1048576, 512k, 256M or 2G", optarg);
                return -1;
            }
            break;
        case 'h':
            fputs(help_text, stdout);
            exit(KILN_EXIT_OK);
        case ':':
            kiln_cli_usage_error(usage, "option '%s' needs an argument", argv[optind - 1]);
            return -1;
        default:
            if (optopt) {
                char opt[3] = {'-', (char)optopt, '\0'};
                kiln_cli_usage_error(usage, "unknown option '%s'", opt);
            } else {
                kiln_cli_usage_error(usage, "unknown option '%s'", argv[optind - 1]);
            }
            return -1;
        }
    }
    if (c->line && c->pipeline_file) {
        kiln_cli_usage_error(usage, "%s", "-p and --pipeline exclude each other");
        return -1;
    }
    if (c->config && (c->line || c->pipeline_file)) {
        kiln_cli_usage_error(usage, "%s", "--config excludes -p and --pipeline");
        return -1;
    }
    if (c->config) /* a saved pipeline file, checked before it loads */
        c->pipeline_file = c->config;
    return optind;
}

static void cli_free(cli *c)
{
    free(c->sets);
    free(c->plugin_dirs);
}

/* Build the pipeline the options name, with --set applied. */
static kiln_pipeline *make_pipeline(const cli *c, const char *file,
                                    kiln_error *err)
{
    kiln_pipeline *p;
    if (c->line) {
        p = kiln_pipeline_parse_line(c->line, err);
    } else {
        char *dflt = NULL;
        if (!file) {
            const char *d = kiln_data_dir();
            dflt = malloc(strlen(d) + 32);
            if (!dflt) {
                kiln_error_set(err, "out of memory");
                return NULL;
            }
            sprintf(dflt, "%s/pipelines/default.pipeline", d);
            file = dflt;
        }
        p = kiln_pipeline_load(file, err);
        free(dflt);
    }
    if (!p)
        return NULL;
    for (size_t i = 0; i < c->n_sets; i++)
        if (kiln_pipeline_set(p, c->sets[i], err) < 0) {
            kiln_pipeline_free(p);
            return NULL;
        }
    return p;
}

static int save_config(const kiln_pipeline *p, const char *path, kiln_error *err)
{
    FILE *f = strcmp(path, "-") == 0 ? stderr : fopen(path, "w");
    if (!f)
        return kiln_error_set(err, "--save-config %s: %s", path, strerror(errno));
    int rc = kiln_record_write(p, f);
    if (f != stderr && fclose(f) != 0)
        rc = -1;
    if (rc < 0)
        return kiln_error_set(err, "--save-config %s: write error: %s", path,
                              strerror(errno));
    return 0;
}

static int cmd_run(int argc, char **argv)
{
    cli c = {.max_doc_size = (size_t)256 << 20, .run = true};
    int first = parse_cli(argc, argv, USAGE_RUN, true, &c);
    if (first < 0) {
        cli_free(&c);
        return KILN_EXIT_USAGE;
    }
    if (first >= argc) {
        cli_free(&c);
        return kiln_cli_usage_error(USAGE_RUN, "%s", "no input (name files, directories, "
                           "or - for standard input)");
    }
    kiln_error err;
    int rc = KILN_EXIT_USAGE;
    kiln_loader *l = NULL;
    kiln_runner *r = NULL;
    char **inputs = NULL;
    kiln_pipeline *p = c.config && kiln_record_verify(c.config, stderr, &err) < 0
                           ? NULL
                           : make_pipeline(&c, c.pipeline_file, &err);
    if (!p || !(l = kiln_loader_new(c.plugin_dirs, c.n_plugin_dirs, &err)) ||
        !(r = kiln_runner_new_with(p, l, &(kiln_runner_config){.out_dir = c.out_dir},
                                   &err)) ||
        (c.save_config && save_config(p, c.save_config, &err) < 0)) {
        fprintf(stderr, "kiln: %s\n", err.message);
        goto done;
    }
    size_t n_inputs = 0;
    kiln_input_options *in = &c.run_opts.input;
    if (!in->glob && in->format == KILN_INPUT_JSONL)
        in->glob = "*.jsonl";
    in->max_doc_size = c.max_doc_size;
    inputs = kiln_inputs_expand(argv + first, (size_t)(argc - first), in->glob,
                                &n_inputs);
    if (!inputs) {
        fprintf(stderr, "kiln: out of memory\n");
        goto done;
    }
    rc = kiln_runner_run_batch(r, inputs, n_inputs, &c.run_opts, stderr);
done:
    kiln_inputs_free(inputs);
    kiln_runner_free(r);
    kiln_loader_free(l);
    kiln_pipeline_free(p);
    cli_free(&c);
    return rc;
}

static int cmd_check(int argc, char **argv)
{
    cli c = {0};
    int first = parse_cli(argc, argv, USAGE_CHECK, true, &c);
    if (first < 0) {
        cli_free(&c);
        return KILN_EXIT_USAGE;
    }
    const char *file = c.pipeline_file;
    if (first < argc && !file && !c.line)
        file = argv[first++];
    if (first < argc || (!file && !c.line)) {
        cli_free(&c);
        return kiln_cli_usage_error(USAGE_CHECK, "%s", first < argc ? "too many arguments"
                                                           : "no pipeline named");
    }
    kiln_error err;
    int rc = KILN_EXIT_USAGE;
    kiln_loader *l = NULL;
    kiln_runner *r = NULL;
    kiln_pipeline *p = make_pipeline(&c, file, &err);
    if (!p || !(l = kiln_loader_new(c.plugin_dirs, c.n_plugin_dirs, &err)) ||
        !(r = kiln_runner_new(p, l, true, &err))) {
        fprintf(stderr, "kiln: %s\n", err.message);
    } else {
        printf("%s: OK (%zu stage%s:", p->source, p->n_stages,
               p->n_stages == 1 ? "" : "s");
        for (size_t i = 0; i < p->n_stages; i++)
            printf(" %s", p->stages[i].label);
        printf(")\n");
        rc = KILN_EXIT_OK;
        if (c.save_config && save_config(p, c.save_config, &err) < 0) {
            fprintf(stderr, "kiln: %s\n", err.message);
            rc = KILN_EXIT_USAGE;
        }
    }
    kiln_runner_free(r);
    kiln_loader_free(l);
    kiln_pipeline_free(p);
    cli_free(&c);
    return rc;
}

static int cmd_stages(int argc, char **argv)
{
    cli c = {0};
    int first = parse_cli(argc, argv, USAGE_STAGES, false, &c);
    if (first < 0 || first < argc) {
        cli_free(&c);
        return first < 0 ? KILN_EXIT_USAGE
                         : kiln_cli_usage_error(USAGE_STAGES, "unexpected argument '%s'",
                                       argv[first]);
    }
    kiln_error err;
    kiln_loader *l = kiln_loader_new(c.plugin_dirs, c.n_plugin_dirs, &err);
    cli_free(&c);
    if (!l) {
        fprintf(stderr, "kiln: %s\n", err.message);
        return KILN_EXIT_USAGE;
    }
    const kiln_stage_entry *list;
    long n = kiln_loader_list(l, &list);
    int rc = KILN_EXIT_OK;
    int width = 8;
    for (long i = 0; i < n; i++)
        if ((int)strlen(list[i].name) > width)
            width = (int)strlen(list[i].name);
    for (long i = 0; i < n; i++) {
        if (list[i].stage) {
            printf("%-*s  %s  (%s)\n", width, list[i].name,
                   list[i].stage->summary ? list[i].stage->summary : "",
                   list[i].file);
        } else {
            fprintf(stderr, "kiln: %s\n", list[i].error);
            rc = KILN_EXIT_DOC_FAILED;
        }
    }
    if (n == 0)
        fprintf(stderr, "kiln: no stages in %s\n", kiln_loader_describe_path(l));
    kiln_loader_free(l);
    return n < 0 ? KILN_EXIT_DOC_FAILED : rc;
}

static void print_layers(const char *title, uint32_t bits)
{
    printf("  %-10s", title);
    if (!bits)
        printf("(none)");
    for (uint32_t b = 1, first = 1; b; b <<= 1)
        if (bits & b) {
            printf("%s%s", first ? "" : ", ", kiln_layer_name(b));
            first = 0;
        }
    printf("\n");
}

static int cmd_describe(int argc, char **argv)
{
    cli c = {0};
    int first = parse_cli(argc, argv, USAGE_DESCRIBE, false, &c);
    if (first < 0 || first + 1 != argc) {
        cli_free(&c);
        return first < 0 ? KILN_EXIT_USAGE
                         : kiln_cli_usage_error(USAGE_DESCRIBE, "%s",
                                       first >= argc ? "name one stage"
                                                     : "name only one stage");
    }
    kiln_error err;
    kiln_loader *l = kiln_loader_new(c.plugin_dirs, c.n_plugin_dirs, &err);
    cli_free(&c);
    const kiln_stage *st;
    const char *file;
    if (!l || kiln_loader_find(l, argv[first], &st, &file, &err) < 0) {
        fprintf(stderr, "kiln: %s\n", err.message);
        kiln_loader_free(l);
        return KILN_EXIT_USAGE;
    }
    printf("%s - %s\n\n", st->name, st->summary ? st->summary : "");
    printf("  %-10s%s\n", "file", file);
    printf("  %-10s%u.%u\n", "abi", st->abi_major, st->abi_minor);
    print_layers("requires", st->requires);
    print_layers("provides", st->provides);
    printf("\nOptions:\n");
    if (!st->options || !st->options[0].key)
        printf("  (none)\n");
    for (size_t i = 0; st->options && st->options[i].key; i++) {
        const kiln_option *o = &st->options[i];
        const char *d = o->default_value ? o->default_value : "";
        printf("  %-14s %-7s default: %s\n", o->key,
               kiln_option_type_name(o->type), d[0] ? d : "(none)");
        if (o->type == KILN_OPT_PATH && d[0] && d[0] != '/' && strcmp(d, "-") != 0)
            printf("  %-14s %-7s          (%s/%s)\n", "", "", kiln_data_dir(), d);
        if (o->help)
            printf("  %-14s %-7s %s\n", "", "", o->help);
        if (o->type == KILN_OPT_ENUM && o->choices)
            printf("  %-14s %-7s choices: %s\n", "", "", o->choices);
    }
    kiln_loader_free(l);
    return KILN_EXIT_OK;
}

static int cmd_help(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : NULL;
    if (!cmd) {
        fputs(help_text, stdout);
        return KILN_EXIT_OK;
    }
    const char *u = strcmp(cmd, "run") == 0        ? USAGE_RUN
                    : strcmp(cmd, "check") == 0    ? USAGE_CHECK
                    : strcmp(cmd, "stages") == 0   ? USAGE_STAGES
                    : strcmp(cmd, "describe") == 0 ? USAGE_DESCRIBE
                    : strcmp(cmd, "eval") == 0     ? KILN_USAGE_EVAL
                                                   : NULL;
    if (!u)
        return kiln_cli_usage_error("kiln help [run|check|stages|describe]",
                           "no command '%s'", cmd);
    printf("usage: %s\n\n", u);
    fputs(help_text, stdout);
    return KILN_EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return kiln_cli_usage_error("kiln run|check|stages|describe|help ...", "%s",
                           "no command");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
        return cmd_help(1, argv);
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("kiln %s (stage ABI %d.%d)\n", PACKAGE_VERSION, KILN_ABI_MAJOR,
               KILN_ABI_MINOR);
        return KILN_EXIT_OK;
    }
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc - 1, argv + 1);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "stages") == 0)
        return cmd_stages(argc - 1, argv + 1);
    if (strcmp(cmd, "describe") == 0)
        return cmd_describe(argc - 1, argv + 1);
    if (strcmp(cmd, "help") == 0)
        return cmd_help(argc - 1, argv + 1);
    if (strcmp(cmd, "eval") == 0)
        return kiln_eval_main(argc - 1, argv + 1);
    return kiln_cli_usage_error("kiln run|check|stages|describe|help ...",
                       "unknown command '%s'", cmd);
}
