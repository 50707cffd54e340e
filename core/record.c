/* record.c — writing and checking the record of what a run ran with. */
#include "config.h"

#include "record.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiln/stage.h"
#include "sha256.h"

#define CHECKSUM_TAG "# sha256 "
#define VERSION_TAG "# kiln-version "

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Write VALUE so that the pipeline parser reads it back unchanged. */
static void write_value(FILE *f, const char *v)
{
    size_t n = strlen(v);
    bool quote = n && (is_blank(v[0]) || is_blank(v[n - 1]) ||
                       (v[0] == '"' && v[n - 1] == '"'));
    fprintf(f, quote ? "\"%s\"\n" : "%s\n", v);
}

static bool regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* PATH made absolute: canonical when the file exists, else CWD/PATH.
 * Returns a malloc'd string or NULL. */
static char *absolute(const char *path, const char *cwd)
{
    char *real = realpath(path, NULL);
    if (real)
        return real;
    if (path[0] == '/' || !cwd)
        return strdup(path);
    char *s = malloc(strlen(cwd) + strlen(path) + 2);
    if (s)
        sprintf(s, "%s/%s", cwd, path);
    return s;
}

int kiln_record_write(const kiln_pipeline *p, FILE *f)
{
    char *cwd = getcwd(NULL, 0);
    fprintf(f, "# kiln pipeline, fully resolved from %s\n", p->source);
    fprintf(f, VERSION_TAG "%s (stage ABI %d.%d)\n", PACKAGE_VERSION,
            KILN_ABI_MAJOR, KILN_ABI_MINOR);
    fprintf(f, "# Each '# sha256' line is the checksum of the file named just "
            "above it;\n# 'kiln run --config THIS-FILE' refuses to run when one "
            "changed.\n[pipeline]\n");
    if (p->name[0])
        fprintf(f, "name = %s\n", p->name);
    int rc = 0;
    for (size_t i = 0; i < p->n_stages && rc == 0; i++) {
        const kiln_pipe_stage *s = &p->stages[i];
        fprintf(f, "\n[%s]\n", s->label);
        if (s->module)
            fprintf(f, "# module %s\n", s->module);
        if (!s->stage || !s->stage->options || !s->effective)
            continue;
        /* An exporter's paths are where it writes, not what it reads. */
        bool reads_paths = s->stage->provides != 0;
        for (size_t k = 0; s->stage->options[k].key; k++) {
            const kiln_option *o = &s->stage->options[k];
            const char *v = s->effective[k] ? s->effective[k] : "";
            fprintf(f, "%s = ", o->key);
            if (o->type != KILN_OPT_PATH || !v[0] || strcmp(v, "-") == 0) {
                write_value(f, v);
                continue;
            }
            /* Absolute, so the file means the same wherever it is saved. */
            char *abs = absolute(v, cwd);
            if (!abs) {
                errno = ENOMEM;
                rc = -1;
                break;
            }
            write_value(f, abs);
            char hex[65];
            if (reads_paths && regular_file(abs) &&
                kiln_sha256_file(abs, hex) == 0)
                fprintf(f, CHECKSUM_TAG "%s\n", hex);
            free(abs);
        }
    }
    free(cwd);
    return rc < 0 || ferror(f) ? -1 : 0;
}

/* Strip blanks around S[0..*N) and the quotes the writer may add. */
static const char *trimmed(const char *s, size_t *n)
{
    while (*n && is_blank(*s)) {
        s++;
        (*n)--;
    }
    while (*n && is_blank(s[*n - 1]))
        (*n)--;
    if (*n >= 2 && s[0] == '"' && s[*n - 1] == '"') {
        s++;
        *n -= 2;
    }
    return s;
}

int kiln_record_verify(const char *path, FILE *warn, kiln_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return kiln_error_set(err, "--config %s: %s", path, strerror(errno));
    char *line = NULL, *value = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned lineno = 0, value_line = 0;
    int rc = 0;
    while (rc == 0 && (len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t n = (size_t)len;
        const char *s = trimmed(line, &n);
        if (n > strlen(VERSION_TAG) &&
            strncmp(s, VERSION_TAG, strlen(VERSION_TAG)) == 0) {
            const char *v = s + strlen(VERSION_TAG);
            size_t vn = strcspn(v, " \t\r\n");
            if (vn != strlen(PACKAGE_VERSION) ||
                strncmp(v, PACKAGE_VERSION, vn) != 0)
                fprintf(warn, "kiln: warning: %s:%u: saved by kiln %.*s, this "
                        "is kiln %s; figures may differ\n", path, lineno,
                        (int)vn, v, PACKAGE_VERSION);
            continue;
        }
        if (n > strlen(CHECKSUM_TAG) &&
            strncmp(s, CHECKSUM_TAG, strlen(CHECKSUM_TAG)) == 0) {
            const char *want = s + strlen(CHECKSUM_TAG);
            size_t want_len = n - strlen(CHECKSUM_TAG);
            char have[65];
            if (!value) {
                rc = kiln_error_set(err, "%s:%u: a sha256 line must follow "
                                    "the option naming its file", path, lineno);
            } else if (kiln_sha256_file(value, have) < 0) {
                rc = kiln_error_set(err, "%s:%u: %s: %s (the saved run read "
                                    "it)", path, value_line, value,
                                    strerror(errno));
            } else if (want_len != 64 || memcmp(want, have, 64) != 0) {
                rc = kiln_error_set(err, "%s:%u: %s changed since the run was "
                                    "saved (sha256 %.12s... recorded, %.12s... "
                                    "now)", path, value_line, value, want,
                                    have);
            }
            continue;
        }
        const char *eq = n && s[0] != '#' && s[0] != ';' && s[0] != '['
                             ? memchr(s, '=', n)
                             : NULL;
        free(value);
        value = NULL;
        if (eq) {
            size_t vn = n - (size_t)(eq + 1 - s);
            const char *v = trimmed(eq + 1, &vn);
            value = strndup(v, vn);
            value_line = lineno;
            if (!value)
                rc = kiln_error_set(err, "out of memory");
        }
    }
    if (rc == 0 && ferror(f))
        rc = kiln_error_set(err, "--config %s: %s", path, strerror(errno));
    free(value);
    free(line);
    fclose(f);
    return rc;
}
