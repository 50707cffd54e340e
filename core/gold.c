/* gold.c — reading gold annotation files and locating their mentions in
 * the report exactly as tests/score.py does. */
#include "gold.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiln/utf8.h"

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

char *kiln_report_stem(const char *path)
{
    const char *b = base_name(path);
    const char *dot = strrchr(b, '.');
    size_t n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
    return strndup(b, n);
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

int kiln_gold_name(const char *path, char **stem, kiln_gold_type *type,
                   kiln_error *err)
{
    const char *b = base_name(path);
    size_t n = strlen(b);
    if (ends_with(b, n, ".jsonl")) {
        n -= strlen(".jsonl");
        const char *dot = NULL;
        for (size_t i = n; i-- > 0;)
            if (b[i] == '.') {
                dot = b + i;
                break;
            }
        if (dot && dot != b) {
            size_t tag = n - (size_t)(dot + 1 - b);
            if (tag == 8 && memcmp(dot + 1, "mentions", 8) == 0)
                *type = KILN_GOLD_MENTIONS;
            else if (ends_with(dot + 1, tag, "targets"))
                *type = KILN_GOLD_TARGETS;
            else
                dot = NULL;
        }
        if (dot && dot != b) {
            *stem = strndup(b, (size_t)(dot - b));
            return *stem ? 0 : kiln_error_set(err, "out of memory");
        }
    }
    return kiln_error_set(err, "%s: a gold file is named REPORT.mentions.jsonl "
                          "or REPORT.targets.jsonl (REPORT: the report's name "
                          "without its extension)", path);
}

/* Python's str() of a JSON value, for the fields compared as text. */
static char *py_str(const json_t *v)
{
    char buf[64];
    switch (json_typeof(v)) {
    case JSON_STRING:
        return strndup(json_string_value(v), json_string_length(v));
    case JSON_INTEGER:
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        return strdup(buf);
    case JSON_REAL:
        snprintf(buf, sizeof buf, "%.17g", json_real_value(v));
        return strdup(buf);
    case JSON_TRUE: return strdup("True");
    case JSON_FALSE: return strdup("False");
    case JSON_NULL: return strdup("None");
    default: return strdup("?");
    }
}

/* score.py's num(): float(str(x).rstrip("%")), None when that fails. */
static bool py_num(const json_t *v, double *out)
{
    if (!v || json_is_null(v))
        return false;
    if (json_is_number(v)) {
        *out = json_number_value(v);
        return true;
    }
    if (!json_is_string(v))
        return false;
    const char *s = json_string_value(v);
    size_t n = strlen(s);
    while (n && s[n - 1] == '%')
        n--;
    char *copy = strndup(s, n);
    if (!copy)
        return false;
    char *p = copy;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    char *end;
    errno = 0;
    double d = strtod(p, &end);
    while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
        end++;
    bool ok = end != p && *end == '\0';
    free(copy);
    if (ok)
        *out = d;
    return ok;
}

static bool py_truthy(const json_t *v)
{
    if (!v)
        return false;
    switch (json_typeof(v)) {
    case JSON_TRUE: return true;
    case JSON_INTEGER: return json_integer_value(v) != 0;
    case JSON_REAL: return json_real_value(v) != 0;
    case JSON_STRING: return json_string_length(v) > 0;
    case JSON_OBJECT: return json_object_size(v) > 0;
    case JSON_ARRAY: return json_array_size(v) > 0;
    default: return false;
    }
}

static int read_mention(kiln_gold_mention *m, const json_t *o, const char *where,
                        kiln_error *err)
{
    static const char *const keys[KILN_GOLD_ATTRS] = {"unit", "kind", "role",
                                                      "indicator"};
    const json_t *text = json_object_get(o, "text");
    if (!json_is_string(text) || json_string_length(text) == 0)
        return kiln_error_set(err, "%s: 'text' must be a non-empty string", where);
    m->text = strdup(json_string_value(text));
    const json_t *occ = json_object_get(o, "occurrence");
    m->occurrence = 1;
    if (json_is_integer(occ)) {
        m->occurrence = (long)json_integer_value(occ);
    } else if (occ && !json_is_null(occ)) {
        double d;
        if (!py_num(occ, &d) || d != floor(d))
            return kiln_error_set(err, "%s: 'occurrence' must be an integer",
                                  where);
        m->occurrence = (long)d;
    }
    if (m->occurrence < 1)
        return kiln_error_set(err, "%s: 'occurrence' must be 1 or more", where);
    m->broken = py_truthy(json_object_get(o, "broken"));
    m->has_value = py_num(json_object_get(o, "value"), &m->value);
    for (int i = 0; i < KILN_GOLD_ATTRS; i++) {
        const json_t *v = json_object_get(o, keys[i]);
        m->attr[i] = v ? py_str(v) : strdup("");
        if (!m->attr[i])
            return kiln_error_set(err, "out of memory");
    }
    return m->text ? 0 : kiln_error_set(err, "out of memory");
}

static char *opt_text(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return strdup(json_is_string(v) ? json_string_value(v) : "");
}

static int read_target(kiln_gold_target *t, const json_t *o, const char *where,
                       kiln_error *err)
{
    const json_t *ind = json_object_get(o, "indicator");
    if (!json_is_string(ind))
        return kiln_error_set(err, "%s: 'indicator' must be a string", where);
    t->indicator = strdup(json_string_value(ind));
    t->has_baseline = py_num(json_object_get(o, "baseline_value"), &t->baseline);
    t->has_target = py_num(json_object_get(o, "target_value"), &t->target);
    if (!t->has_target)
        return kiln_error_set(err, "%s: 'target_value' must be a number", where);
    t->baseline_text = opt_text(o, "baseline_text");
    t->target_text = opt_text(o, "target_text");
    if (!t->indicator || !t->baseline_text || !t->target_text)
        return kiln_error_set(err, "out of memory");
    return 0;
}

static int grow(kiln_gold_file *g, size_t *cap)
{
    if (g->n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 64;
    if (g->type == KILN_GOLD_MENTIONS) {
        void *p = realloc(g->mentions, c * sizeof *g->mentions);
        if (!p)
            return -1;
        g->mentions = p;
        memset(g->mentions + g->n, 0, (c - g->n) * sizeof *g->mentions);
    } else {
        void *p = realloc(g->targets, c * sizeof *g->targets);
        if (!p)
            return -1;
        g->targets = p;
        memset(g->targets + g->n, 0, (c - g->n) * sizeof *g->targets);
    }
    *cap = c;
    return 0;
}

kiln_gold_file *kiln_gold_read(const char *path, kiln_error *err)
{
    kiln_gold_file *g = calloc(1, sizeof *g);
    if (!g) {
        kiln_error_set(err, "out of memory");
        return NULL;
    }
    g->path = strdup(path);
    if (!g->path) {
        kiln_error_set(err, "out of memory");
        goto fail;
    }
    if (kiln_gold_name(path, &g->stem, &g->type, err) < 0)
        goto fail;
    FILE *f = fopen(path, "r");
    if (!f) {
        kiln_error_set(err, "%s: %s", path, strerror(errno));
        goto fail;
    }
    char *line = NULL;
    size_t line_cap = 0, cap = 0;
    ssize_t len;
    unsigned lineno = 0;
    int rc = 0;
    while (rc == 0 && (len = getline(&line, &line_cap, f)) >= 0) {
        lineno++;
        size_t i = 0;
        while (i < (size_t)len && strchr(" \t\r\n\f\v", line[i]))
            i++;
        if (i == (size_t)len)
            continue; /* score.py skips blank lines */
        json_error_t jerr;
        json_t *o = json_loadb(line, (size_t)len, JSON_DECODE_ANY, &jerr);
        if (!o || !json_is_object(o)) {
            rc = kiln_error_set(err, "%s:%u: %s", path, lineno,
                                o ? "expected a JSON object" : jerr.text);
        } else if (grow(g, &cap) < 0) {
            rc = kiln_error_set(err, "out of memory");
        } else {
            char *at = malloc(strlen(path) + 32);
            if (!at) {
                rc = kiln_error_set(err, "out of memory");
            } else {
                sprintf(at, "%s:%u", path, lineno);
                if (g->type == KILN_GOLD_MENTIONS) {
                    g->mentions[g->n].line = lineno;
                    rc = read_mention(&g->mentions[g->n], o, at, err);
                } else {
                    g->targets[g->n].line = lineno;
                    rc = read_target(&g->targets[g->n], o, at, err);
                }
                g->n++;
                free(at);
            }
        }
        json_decref(o);
    }
    if (rc == 0 && ferror(f))
        rc = kiln_error_set(err, "%s: %s", path, strerror(errno));
    free(line);
    fclose(f);
    if (rc == 0)
        return g;
fail:
    kiln_gold_free(g);
    return NULL;
}

void kiln_gold_free(kiln_gold_file *g)
{
    if (!g)
        return;
    for (size_t i = 0; g->mentions && i < g->n; i++) {
        free(g->mentions[i].text);
        for (int k = 0; k < KILN_GOLD_ATTRS; k++)
            free(g->mentions[i].attr[k]);
    }
    for (size_t i = 0; g->targets && i < g->n; i++) {
        free(g->targets[i].indicator);
        free(g->targets[i].baseline_text);
        free(g->targets[i].target_text);
    }
    free(g->mentions);
    free(g->targets);
    free(g->stem);
    free(g->path);
    free(g);
}

int kiln_codepoints_decode(const char *s, size_t len, kiln_codepoints *out)
{
    out->cp = malloc((len + 1) * sizeof *out->cp);
    out->n = 0;
    if (!out->cp)
        return -1;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t k = kiln_utf8_decode(s + i, len - i, &c);
        if (k == 0) {
            c = 0xFFFD;
            k = 1;
        }
        out->cp[out->n++] = c;
        i += k;
    }
    return 0;
}

void kiln_codepoints_free(kiln_codepoints *c)
{
    free(c->cp);
    c->cp = NULL;
    c->n = 0;
}

bool kiln_py_isspace(uint32_t c)
{
    return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 ||
           c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
           c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f ||
           c == 0x3000;
}

/* Does PAT[k..] match REPORT at POS, with \s* between characters (the
 * regex score.py builds, greedy with backtracking)? Stores the end. */
static bool match_broken(const kiln_codepoints *r, size_t pos, const uint32_t *pat,
                         size_t n, size_t k, size_t *end)
{
    if (k == n) {
        *end = pos;
        return true;
    }
    size_t ws = pos;
    if (k > 0)
        while (ws < r->n && kiln_py_isspace(r->cp[ws]))
            ws++;
    for (size_t at = ws + 1; at-- > pos;) { /* most whitespace first */
        if (at < r->n && r->cp[at] == pat[k] &&
            match_broken(r, at + 1, pat, n, k + 1, end))
            return true;
        if (k == 0)
            break;
    }
    return false;
}

int kiln_gold_locate(kiln_gold_file *g, const kiln_codepoints *report,
                     const char *report_name, kiln_error *err)
{
    for (size_t i = 0; i < g->n; i++) {
        kiln_gold_mention *m = &g->mentions[i];
        kiln_codepoints pat;
        if (kiln_codepoints_decode(m->text, strlen(m->text), &pat) < 0)
            return kiln_error_set(err, "out of memory");
        long found = 0;
        size_t pos = 0;
        while (found < m->occurrence && pos + pat.n <= report->n) {
            size_t end = 0;
            bool hit;
            if (m->broken) {
                hit = match_broken(report, pos, pat.cp, pat.n, 0, &end);
            } else {
                hit = memcmp(report->cp + pos, pat.cp, pat.n * sizeof *pat.cp) == 0;
                end = pos + pat.n;
            }
            if (hit && ++found == m->occurrence) {
                m->start = pos;
                m->end = end;
            }
            /* str.find steps one past a start; finditer past a match. */
            pos = hit && m->broken ? end : pos + 1;
        }
        kiln_codepoints_free(&pat);
        if (found < m->occurrence)
            return kiln_error_set(err, "%s:%u: text '%s' occurrence %ld not in "
                                  "%s (%ld found)", g->path, m->line, m->text,
                                  m->occurrence, report_name, found);
    }
    return 0;
}
