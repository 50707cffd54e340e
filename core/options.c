/* options.c — from option texts to a stage's typed options struct. */
#include "options.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiln/buf.h"
#include "kiln/doc.h"
#include "kiln/lexicon.h"
#include "path.h"
#include "suggest.h"

const char *kiln_option_type_name(kiln_option_type type)
{
    switch (type) {
    case KILN_OPT_STRING: return "string";
    case KILN_OPT_PATH: return "path";
    case KILN_OPT_INT: return "int";
    case KILN_OPT_DOUBLE: return "double";
    case KILN_OPT_BOOL: return "bool";
    case KILN_OPT_ENUM: return "enum";
    }
    return "?";
}

static size_t type_size(kiln_option_type type)
{
    switch (type) {
    case KILN_OPT_STRING:
    case KILN_OPT_PATH: return sizeof(const char *);
    case KILN_OPT_INT: return sizeof(int64_t);
    case KILN_OPT_DOUBLE: return sizeof(double);
    case KILN_OPT_BOOL: return sizeof(bool);
    case KILN_OPT_ENUM: return sizeof(int);
    }
    return 0;
}

int kiln_options_check_table(const kiln_stage *st, const char *file,
                             kiln_error *err)
{
    if (!st->options)
        return 0;
    for (size_t i = 0; st->options[i].key; i++) {
        const kiln_option *o = &st->options[i];
        size_t size = type_size(o->type);
        if (size == 0)
            return kiln_error_set(err, "%s: option '%s' has unknown type %d "
                                  "(a newer stage ABI?)", file, o->key, (int)o->type);
        if (o->offset > st->options_size || size > st->options_size - o->offset)
            return kiln_error_set(err, "%s: option '%s' lies outside the options "
                                  "struct (offset %zu, options_size %zu)", file,
                                  o->key, o->offset, st->options_size);
        if (o->type == KILN_OPT_ENUM && (!o->choices || !o->choices[0]))
            return kiln_error_set(err, "%s: enum option '%s' has no choices",
                                  file, o->key);
        for (size_t j = 0; j < i; j++)
            if (strcmp(st->options[j].key, o->key) == 0)
                return kiln_error_set(err, "%s: option '%s' declared twice",
                                      file, o->key);
    }
    return 0;
}

static int parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcmp(v, yes[i]) == 0) {
            *out = true;
            return 0;
        }
        if (strcmp(v, no[i]) == 0) {
            *out = false;
            return 0;
        }
    }
    return -1;
}

static int parse_int(const char *v, int64_t *out, bool *range)
{
    *range = false;
    if (!v[0] || (v[0] != '-' && v[0] != '+' && (v[0] < '0' || v[0] > '9')))
        return -1;
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (*end)
        return -1;
    if (errno == ERANGE) {
        *range = true;
        return -1;
    }
    *out = (int64_t)n;
    return 0;
}

/* Index of V among CHOICES "a|b|c", or -1. */
static int enum_index(const char *choices, const char *v)
{
    size_t n = strlen(v);
    int idx = 0;
    for (const char *c = choices;; idx++) {
        const char *bar = strchr(c, '|');
        size_t len = bar ? (size_t)(bar - c) : strlen(c);
        if (len == n && memcmp(c, v, n) == 0)
            return idx;
        if (!bar)
            return -1;
        c = bar + 1;
    }
}

/* The INDEX-th of CHOICES "a|b|c", in the arena. */
static const char *choice_at(kiln_arena *a, const char *choices, int index)
{
    const char *c = choices;
    for (int i = 0; i < index && c; i++) {
        c = strchr(c, '|');
        c = c ? c + 1 : NULL;
    }
    if (!c)
        return "";
    const char *bar = strchr(c, '|');
    return kiln_arena_strndup(a, c, bar ? (size_t)(bar - c) : strlen(c));
}

/* "a, b, c" from "a|b|c", in the arena. */
static const char *choices_list(kiln_arena *a, const char *choices)
{
    kiln_buf b = {0};
    for (const char *c = choices; *c; c++) {
        if (*c == '|')
            kiln_buf_puts(&b, ", ");
        else
            kiln_buf_append(&b, c, 1);
    }
    const char *s = b.data ? kiln_arena_strndup(a, b.data, b.len) : choices;
    kiln_buf_free(&b);
    return s ? s : choices;
}

static int unknown_key(kiln_pipeline *p, const kiln_pipe_stage *s,
                       const kiln_pipe_option *po, kiln_error *err)
{
    const kiln_option *opts = s->stage->options;
    const char *where = kiln_pipeline_where(p, po->origin, po->line, po->set);
    if (!opts || !opts[0].key)
        return kiln_error_set(err, "%s: stage '%s': unknown option '%s' "
                              "(the stage takes no options)", where, s->label,
                              po->key);
    kiln_buf list = {0};
    kiln_suggest sg;
    kiln_suggest_init(&sg, po->key);
    for (size_t i = 0; opts[i].key; i++) {
        kiln_buf_printf(&list, "%s%s", i ? ", " : "", opts[i].key);
        kiln_suggest_try(&sg, opts[i].key);
    }
    int rc;
    if (sg.best)
        rc = kiln_error_set(err, "%s: stage '%s': unknown option '%s', did you "
                            "mean '%s'? (options: %s)", where, s->label, po->key,
                            sg.best, list.data ? list.data : "");
    else
        rc = kiln_error_set(err, "%s: stage '%s': unknown option '%s' "
                            "(options: %s)", where, s->label, po->key,
                            list.data ? list.data : "");
    kiln_buf_free(&list);
    return rc;
}

/* Store TEXT as option O into S->options. WHERE is NULL for a default
 * (then an error is the stage's bug and says so). BASE is the directory
 * a relative PATH resolves against. */
static int store(kiln_pipeline *p, kiln_pipe_stage *s, size_t k,
                 const char *text, const char *base, const char *where,
                 kiln_error *err)
{
    const kiln_option *o = &s->stage->options[k];
    char *field = (char *)s->options + o->offset;
    const char *what = where ? where : s->module;
    const char *dflt = where ? "" : "default ";
    /* An empty default means 0; an empty value someone typed is a slip. */
    bool strict = where != NULL;
    s->effective[k] = text;
    switch (o->type) {
    case KILN_OPT_STRING: {
        const char *v = text;
        memcpy(field, &v, sizeof v);
        return 0;
    }
    case KILN_OPT_PATH: {
        const char *v = kiln_path_join(p->arena, base, text);
        if (!v)
            return kiln_error_set(err, "out of memory");
        memcpy(field, &v, sizeof v);
        s->effective[k] = v;
        return 0;
    }
    case KILN_OPT_INT: {
        int64_t v = 0;
        bool range;
        if ((text[0] || strict) && parse_int(text, &v, &range) < 0)
            return kiln_error_set(err, "%s: stage '%s': %soption '%s': '%s' %s",
                                  what, s->label, dflt, o->key, text,
                                  range ? "is out of range for a 64-bit integer"
                                        : "is not an integer");
        memcpy(field, &v, sizeof v);
        s->effective[k] = kiln_arena_printf(p->arena, "%lld", (long long)v);
        return 0;
    }
    case KILN_OPT_DOUBLE: {
        double v = 0;
        if ((text[0] || strict) && kiln_parse_double(text, &v) < 0)
            return kiln_error_set(err, "%s: stage '%s': %soption '%s': '%s' is "
                                  "not a finite number", what, s->label, dflt,
                                  o->key, text);
        memcpy(field, &v, sizeof v);
        char num[32];
        kiln_format_double(num, v);
        s->effective[k] = kiln_arena_strndup(p->arena, num, strlen(num));
        return 0;
    }
    case KILN_OPT_BOOL: {
        bool v = false;
        if ((text[0] || strict) && parse_bool(text, &v) < 0)
            return kiln_error_set(err, "%s: stage '%s': %soption '%s': '%s' is "
                                  "not a boolean (use yes/no, true/false, "
                                  "on/off or 1/0)", what, s->label, dflt, o->key,
                                  text);
        memcpy(field, &v, sizeof v);
        s->effective[k] = v ? "yes" : "no";
        return 0;
    }
    case KILN_OPT_ENUM: {
        int v = text[0] || strict ? enum_index(o->choices, text) : 0;
        if (v < 0) {
            kiln_suggest sg;
            kiln_suggest_init(&sg, text);
            for (const char *c = o->choices;;) {
                const char *bar = strchr(c, '|');
                char *one = kiln_arena_strndup(p->arena, c,
                                               bar ? (size_t)(bar - c) : strlen(c));
                if (one)
                    kiln_suggest_try(&sg, one);
                if (!bar)
                    break;
                c = bar + 1;
            }
            return kiln_error_set(err, "%s: stage '%s': %soption '%s': '%s' is "
                                  "not one of: %s%s%s%s", what, s->label, dflt,
                                  o->key, text,
                                  choices_list(p->arena, o->choices),
                                  sg.best ? " (did you mean '" : "",
                                  sg.best ? sg.best : "", sg.best ? "'?)" : "");
        }
        memcpy(field, &v, sizeof v);
        s->effective[k] = choice_at(p->arena, o->choices, v);
        return 0;
    }
    }
    return kiln_error_set(err, "%s: option '%s' has an unknown type", s->module,
                          o->key);
}

int kiln_options_parse(kiln_pipeline *p, kiln_pipe_stage *s, kiln_error *err)
{
    const kiln_stage *st = s->stage;
    const kiln_option *opts = st->options;
    size_t n = 0;
    while (opts && opts[n].key)
        n++;
    s->options = kiln_arena_alloc(p->arena, st->options_size ? st->options_size : 1);
    s->effective = kiln_arena_calloc(p->arena, n + 1, sizeof *s->effective);
    if (!s->options || !s->effective)
        return kiln_error_set(err, "out of memory");
    for (size_t i = 0; i < s->n_opts; i++) {
        size_t k = 0;
        while (k < n && strcmp(opts[k].key, s->opts[i].key) != 0)
            k++;
        if (k == n)
            return unknown_key(p, s, &s->opts[i], err);
    }
    for (size_t k = 0; k < n; k++) {
        const kiln_pipe_option *po = kiln_pipe_stage_option(s, opts[k].key);
        int rc;
        if (po) {
            /* A pipeline file's paths are relative to the file; those typed
             * on the command line to where the user stands. */
            const char *base = po->origin == KILN_ORIGIN_FILE ? p->dir : NULL;
            rc = store(p, s, k, po->value, base, kiln_pipeline_where(
                           p, po->origin, po->line, po->set), err);
        } else {
            rc = store(p, s, k, opts[k].default_value ? opts[k].default_value : "",
                       kiln_data_dir(), NULL, err);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}
