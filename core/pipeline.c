/* pipeline.c — reading pipeline files, the one-line form and --set. */
#include "pipeline.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiln/utf8.h"
#include "path.h"

static bool is_name_char(char c, bool allow_dash)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           (allow_dash && c == '-');
}

/* Stage names and labels: [a-z0-9_-]+; option keys: [a-z0-9_]+. */
static bool valid_word(const char *s, size_t n, bool allow_dash)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_name_char(s[i], allow_dash))
            return false;
    return true;
}

static kiln_pipeline *pipeline_new(const char *source, const char *dir)
{
    kiln_pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->arena = kiln_arena_new();
    if (!p->arena) {
        free(p);
        return NULL;
    }
    p->source = kiln_arena_strndup(p->arena, source, strlen(source));
    p->dir = dir ? kiln_arena_strndup(p->arena, dir, strlen(dir)) : NULL;
    p->name = "";
    if (!p->source || (dir && !p->dir)) {
        kiln_pipeline_free(p);
        return NULL;
    }
    return p;
}

void kiln_pipeline_free(kiln_pipeline *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_stages; i++)
        free(p->stages[i].opts);
    free(p->stages);
    kiln_arena_free(p->arena);
    free(p);
}

const char *kiln_pipeline_where(const kiln_pipeline *p, kiln_origin origin,
                                unsigned line, const char *set)
{
    const char *w = NULL;
    switch (origin) {
    case KILN_ORIGIN_FILE:
        w = kiln_arena_printf(p->arena, "%s:%u", p->source, line);
        break;
    case KILN_ORIGIN_LINE:
        w = kiln_arena_printf(p->arena, "-p: stage %u", line);
        break;
    case KILN_ORIGIN_SET:
        w = kiln_arena_printf(p->arena, "--set %s", set ? set : "");
        break;
    }
    return w ? w : p->source;
}

const char *kiln_pipe_stage_where(const kiln_pipeline *p,
                                  const kiln_pipe_stage *s)
{
    return kiln_pipeline_where(p, s->origin, s->line, NULL);
}

static const char *oom(kiln_error *err)
{
    kiln_error_set(err, "out of memory");
    return NULL;
}

/* Append a stage; refuses a label already used, naming both places. */
static kiln_pipe_stage *add_stage(kiln_pipeline *p, const char *name,
                                  size_t name_len, const char *label,
                                  size_t label_len, kiln_origin origin,
                                  unsigned line, kiln_error *err)
{
    const char *where = kiln_pipeline_where(p, origin, line, NULL);
    if (!valid_word(name, name_len, true)) {
        kiln_error_set(err, "%s: bad stage name '%.*s' (use a-z, 0-9, _ and -)",
                       where, (int)name_len, name);
        return NULL;
    }
    if (label && !valid_word(label, label_len, true)) {
        kiln_error_set(err, "%s: bad label '%.*s' (use a-z, 0-9, _ and -)",
                       where, (int)label_len, label);
        return NULL;
    }
    char *full = label ? kiln_arena_printf(p->arena, "%.*s:%.*s", (int)name_len,
                                           name, (int)label_len, label)
                       : kiln_arena_strndup(p->arena, name, name_len);
    char *nm = kiln_arena_strndup(p->arena, name, name_len);
    if (!full || !nm)
        return (void *)oom(err);
    for (size_t i = 0; i < p->n_stages; i++) {
        const kiln_pipe_stage *o = &p->stages[i];
        if (strcmp(o->label, full) != 0)
            continue;
        if (origin == KILN_ORIGIN_FILE)
            kiln_error_set(err, "%s: stage '%s' appears twice (also at line %u);"
                           " give each a distinct label, e.g. [%s:second]",
                           where, full, o->line, nm);
        else
            kiln_error_set(err, "%s: stage '%s' appears twice (also stage %u);"
                           " give each a distinct label, e.g. %s:second",
                           where, full, o->line, nm);
        return NULL;
    }
    if (p->n_stages == p->cap_stages) {
        size_t cap = p->cap_stages ? p->cap_stages * 2 : 8;
        kiln_pipe_stage *s = realloc(p->stages, cap * sizeof *s);
        if (!s)
            return (void *)oom(err);
        p->stages = s;
        p->cap_stages = cap;
    }
    kiln_pipe_stage *s = &p->stages[p->n_stages++];
    memset(s, 0, sizeof *s);
    s->name = nm;
    s->label = full;
    s->origin = origin;
    s->line = line;
    return s;
}

const kiln_pipe_option *kiln_pipe_stage_option(const kiln_pipe_stage *s,
                                               const char *key)
{
    for (size_t i = 0; i < s->n_opts; i++)
        if (strcmp(s->opts[i].key, key) == 0)
            return &s->opts[i];
    return NULL;
}

/* Add KEY = VALUE to S; a key given twice in one section is an error,
 * naming both places (--set replaces instead: see kiln_pipeline_set). */
static int add_option(kiln_pipeline *p, kiln_pipe_stage *s, const char *key,
                      size_t key_len, const char *value, size_t value_len,
                      kiln_origin origin, unsigned line, const char *set,
                      kiln_error *err)
{
    const char *where = kiln_pipeline_where(p, origin, line, set);
    if (!valid_word(key, key_len, false))
        return kiln_error_set(err, "%s: bad option key '%.*s' (use a-z, 0-9 and _)",
                              where, (int)key_len, key);
    char *k = kiln_arena_strndup(p->arena, key, key_len);
    char *v = kiln_arena_strndup(p->arena, value, value_len);
    if (!k || !v)
        return kiln_error_set(err, "out of memory");
    kiln_pipe_option *o = (kiln_pipe_option *)kiln_pipe_stage_option(s, k);
    if (o && origin != KILN_ORIGIN_SET) {
        if (origin == KILN_ORIGIN_FILE)
            return kiln_error_set(err, "%s: option '%s' of [%s] given twice "
                                  "(also at line %u)", where, k, s->label, o->line);
        return kiln_error_set(err, "%s: option '%s' of '%s' given twice",
                              where, k, s->label);
    }
    if (!o) {
        if (s->n_opts == s->cap_opts) {
            size_t cap = s->cap_opts ? s->cap_opts * 2 : 8;
            kiln_pipe_option *n = realloc(s->opts, cap * sizeof *n);
            if (!n)
                return kiln_error_set(err, "out of memory");
            s->opts = n;
            s->cap_opts = cap;
        }
        o = &s->opts[s->n_opts++];
        o->key = k;
    }
    o->value = v;
    o->origin = origin;
    o->line = line;
    o->set = set ? kiln_arena_strndup(p->arena, set, strlen(set)) : NULL;
    return 0;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_space(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && is_space((*s)[*n - 1]))
        (*n)--;
}

/* A value may be double-quoted to keep leading or trailing spaces. */
static void unquote(const char **s, size_t *n)
{
    if (*n >= 2 && (*s)[0] == '"' && (*s)[*n - 1] == '"') {
        (*s)++;
        *n -= 2;
    }
}

static int parse_line(kiln_pipeline *p, const char *s, size_t n, unsigned lineno,
                      kiln_pipe_stage **cur, bool *in_pipeline,
                      unsigned *pipeline_line, kiln_error *err)
{
    const char *where = kiln_pipeline_where(p, KILN_ORIGIN_FILE, lineno, NULL);
    trim(&s, &n);
    if (n == 0 || s[0] == '#' || s[0] == ';')
        return 0;
    if (s[0] == '[') {
        if (s[n - 1] != ']')
            return kiln_error_set(err, "%s: section header without closing ']'",
                                  where);
        const char *in = s + 1;
        size_t in_len = n - 2;
        trim(&in, &in_len);
        if (in_len == 8 && memcmp(in, "pipeline", 8) == 0) {
            if (*pipeline_line)
                return kiln_error_set(err, "%s: second [pipeline] section "
                                      "(first at line %u)", where, *pipeline_line);
            *pipeline_line = lineno;
            *in_pipeline = true;
            *cur = NULL;
            return 0;
        }
        const char *colon = memchr(in, ':', in_len);
        size_t name_len = colon ? (size_t)(colon - in) : in_len;
        *in_pipeline = false;
        *cur = add_stage(p, in, name_len, colon ? colon + 1 : NULL,
                         colon ? in_len - name_len - 1 : 0, KILN_ORIGIN_FILE,
                         lineno, err);
        return *cur ? 0 : -1;
    }
    const char *eq = memchr(s, '=', n);
    if (!eq)
        return kiln_error_set(err, "%s: expected '[stage]' or 'key = value', "
                              "got '%.*s'", where, (int)n, s);
    const char *key = s, *value = eq + 1;
    size_t key_len = (size_t)(eq - s), value_len = n - key_len - 1;
    trim(&key, &key_len);
    trim(&value, &value_len);
    unquote(&value, &value_len);
    if (*in_pipeline) {
        if (key_len == 4 && memcmp(key, "name", 4) == 0) {
            p->name = kiln_arena_strndup(p->arena, value, value_len);
            return p->name ? 0 : kiln_error_set(err, "out of memory");
        }
        return kiln_error_set(err, "%s: unknown key '%.*s' in [pipeline] "
                              "(keys: name)", where, (int)key_len, key);
    }
    if (!*cur)
        return kiln_error_set(err, "%s: option '%.*s' outside any [stage] section",
                              where, (int)key_len, key);
    return add_option(p, *cur, key, key_len, value, value_len, KILN_ORIGIN_FILE,
                      lineno, NULL, err);
}

kiln_pipeline *kiln_pipeline_parse(const char *source, const char *dir,
                                   const char *text, size_t len,
                                   kiln_error *err)
{
    size_t bad;
    const char *why;
    if (kiln_utf8_validate(text, len, &bad, &why) < 0) {
        unsigned line = 1;
        for (size_t i = 0; i < bad; i++)
            line += text[i] == '\n';
        kiln_error_set(err, "%s:%u: %s (byte %zu)", source, line, why, bad);
        return NULL;
    }
    kiln_pipeline *p = pipeline_new(source, dir);
    if (!p) {
        kiln_error_set(err, "out of memory");
        return NULL;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* a BOM */
        text += 3;
        len -= 3;
    }
    kiln_pipe_stage *cur = NULL;
    bool in_pipeline = false;
    unsigned pipeline_line = 0, lineno = 0;
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        lineno++;
        if (parse_line(p, text + pos, end - pos, lineno, &cur, &in_pipeline,
                       &pipeline_line, err) < 0) {
            kiln_pipeline_free(p);
            return NULL;
        }
        pos = end + 1;
    }
    if (p->n_stages == 0) {
        kiln_error_set(err, "%s: no stages (add a section such as [segment])",
                       source);
        kiln_pipeline_free(p);
        return NULL;
    }
    return p;
}

kiln_pipeline *kiln_pipeline_load(const char *path, kiln_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        kiln_error_set(err, "%s: cannot open pipeline: %s", path, strerror(errno));
        return NULL;
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (cap - len < 4096) {
            cap = cap ? cap * 2 : 8192;
            char *n = realloc(text, cap);
            if (!n) {
                free(text);
                fclose(f);
                kiln_error_set(err, "%s: out of memory", path);
                return NULL;
            }
            text = n;
        }
        size_t got = fread(text + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    int read_err = ferror(f);
    fclose(f);
    if (read_err) {
        free(text);
        kiln_error_set(err, "%s: cannot read pipeline (is it a directory?)", path);
        return NULL;
    }
    kiln_arena *tmp = kiln_arena_new();
    char *dir = tmp ? kiln_path_dir(tmp, path) : NULL;
    kiln_pipeline *p = dir ? kiln_pipeline_parse(path, dir, text, len, err) : NULL;
    if (!dir)
        kiln_error_set(err, "out of memory");
    kiln_arena_free(tmp);
    free(text);
    return p;
}

kiln_pipeline *kiln_pipeline_parse_line(const char *line, kiln_error *err)
{
    kiln_pipeline *p = pipeline_new("-p", NULL);
    if (!p) {
        kiln_error_set(err, "out of memory");
        return NULL;
    }
    size_t bad;
    const char *why;
    if (kiln_utf8_validate(line, strlen(line), &bad, &why) < 0) {
        kiln_error_set(err, "-p: %s (byte %zu)", why, bad);
        goto fail;
    }
    unsigned no = 0;
    const char *tok = line;
    for (;;) {
        const char *bang = strchr(tok, '!');
        size_t tok_len = bang ? (size_t)(bang - tok) : strlen(tok);
        no++;
        const char *s = tok;
        size_t n = tok_len;
        trim(&s, &n);
        if (n == 0) {
            kiln_error_set(err, "-p: stage %u: empty stage (two '!' in a row, "
                           "or one at an end?)", no);
            goto fail;
        }
        kiln_pipe_stage *st = NULL;
        size_t i = 0;
        while (i < n) {
            while (i < n && is_space(s[i]))
                i++;
            size_t w = i;
            while (i < n && !is_space(s[i]))
                i++;
            if (w == i)
                break;
            const char *word = s + w;
            size_t word_len = i - w;
            if (!st) {
                const char *colon = memchr(word, ':', word_len);
                size_t name_len = colon ? (size_t)(colon - word) : word_len;
                st = add_stage(p, word, name_len, colon ? colon + 1 : NULL,
                               colon ? word_len - name_len - 1 : 0,
                               KILN_ORIGIN_LINE, no, err);
                if (!st)
                    goto fail;
                continue;
            }
            const char *eq = memchr(word, '=', word_len);
            if (!eq) {
                kiln_error_set(err, "-p: stage %u: expected key=value after "
                               "'%s', got '%.*s'", no, st->label, (int)word_len,
                               word);
                goto fail;
            }
            size_t key_len = (size_t)(eq - word);
            if (add_option(p, st, word, key_len, eq + 1, word_len - key_len - 1,
                           KILN_ORIGIN_LINE, no, NULL, err) < 0)
                goto fail;
        }
        if (!bang)
            break;
        tok = bang + 1;
    }
    return p;
fail:
    kiln_pipeline_free(p);
    return NULL;
}

int kiln_pipeline_set(kiln_pipeline *p, const char *arg, kiln_error *err)
{
    const char *eq = strchr(arg, '=');
    const char *dot = strchr(arg, '.');
    if (!eq || !dot || dot > eq)
        return kiln_error_set(err, "--set %s: expected LABEL.KEY=VALUE "
                              "(e.g. --set units.lexicon=my-units.tsv)", arg);
    size_t label_len = (size_t)(dot - arg);
    kiln_pipe_stage *target = NULL;
    for (size_t i = 0; i < p->n_stages && !target; i++)
        if (strlen(p->stages[i].label) == label_len &&
            memcmp(p->stages[i].label, arg, label_len) == 0)
            target = &p->stages[i];
    /* "targets" for [csv:targets] when no other section is so named. */
    size_t matches = 0;
    for (size_t i = 0; i < p->n_stages && !target; i++) {
        const char *colon = strchr(p->stages[i].label, ':');
        if (colon && strlen(colon + 1) == label_len &&
            memcmp(colon + 1, arg, label_len) == 0) {
            matches++;
            if (matches == 1)
                target = &p->stages[i];
        }
    }
    if (matches > 1)
        target = NULL;
    if (!target) {
        char list[512] = "";
        size_t used = 0;
        for (size_t i = 0; i < p->n_stages && used < sizeof list - 1; i++) {
            int w = snprintf(list + used, sizeof list - used, "%s%s",
                             i ? ", " : "", p->stages[i].label);
            if (w < 0)
                break;
            used += (size_t)w;
        }
        return kiln_error_set(err, "--set %s: no stage labelled '%.*s' in %s "
                              "(labels: %s)", arg, (int)label_len, arg,
                              p->source, list);
    }
    return add_option(p, target, dot + 1, (size_t)(eq - dot - 1), eq + 1,
                      strlen(eq + 1), KILN_ORIGIN_SET, 0, arg, err);
}

/* Write VALUE so that the parser reads it back unchanged. */
static void write_value(FILE *f, const char *v)
{
    size_t n = strlen(v);
    bool quote = n && (is_space(v[0]) || is_space(v[n - 1]) ||
                       (v[0] == '"' && v[n - 1] == '"'));
    fprintf(f, quote ? "\"%s\"\n" : "%s\n", v);
}

int kiln_pipeline_write(const kiln_pipeline *p, FILE *f)
{
    char *cwd = getcwd(NULL, 0);
    fprintf(f, "# kiln pipeline, fully resolved from %s\n[pipeline]\n",
            p->source);
    if (p->name[0])
        fprintf(f, "name = %s\n", p->name);
    for (size_t i = 0; i < p->n_stages; i++) {
        const kiln_pipe_stage *s = &p->stages[i];
        fprintf(f, "\n[%s]\n", s->label);
        if (!s->stage || !s->stage->options || !s->effective)
            continue;
        for (size_t k = 0; s->stage->options[k].key; k++) {
            const kiln_option *o = &s->stage->options[k];
            const char *v = s->effective[k] ? s->effective[k] : "";
            fprintf(f, "%s = ", o->key);
            /* Absolute, so the file means the same wherever it is saved. */
            if (o->type == KILN_OPT_PATH && v[0] && v[0] != '/' &&
                strcmp(v, "-") != 0 && cwd) {
                fprintf(f, "%s/", cwd);
            }
            write_value(f, v);
        }
    }
    free(cwd);
    return ferror(f) ? -1 : 0;
}
