/* output.c — outputs shared by path, written atomically, every write
 * checked. */
#include "runtime.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct kiln_output {
    char *path;     /* as the stage gave it */
    char *key;      /* identity: "-" or canonical directory + base name */
    char *tmp;      /* temporary file, NULL when written directly */
    FILE *f;        /* NULL in a dry run */
    int error;      /* errno of the first failure, 0 while fine */
    kiln_buf held;  /* written before the run started (a header) */
    struct kiln_runtime *rt;
    struct kiln_output *next;
};

struct kiln_runtime {
    kiln_output *outputs, *last;
    size_t n_outputs;
    bool dry_run;
    bool started;   /* writes go out; before, they are held back */
    bool done;      /* committed or aborted */
    char *dir;      /* -o DIR: where "-" outputs go instead */
    char *default_name; /* file name under dir of the stage in init */
    uint32_t init_requires; /* kiln_config_require of the stage in init */
};

kiln_runtime *kiln_runtime_new(bool dry_run)
{
    kiln_runtime *rt = calloc(1, sizeof *rt);
    if (rt)
        rt->dry_run = dry_run;
    return rt;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

static void output_free(kiln_output *o)
{
    kiln_buf_free(&o->held);
    free(o->path);
    free(o->key);
    free(o->tmp);
    free(o);
}

/* Open the temporary file beside PATH, with the mode a plain create would
 * have given (mkstemp makes 0600). */
static FILE *open_temp(const char *dir, const char *path, char **tmp_out)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char *tmp = malloc(strlen(dir) + strlen(base) + 16);
    if (!tmp)
        return NULL;
    sprintf(tmp, "%s/.%s.XXXXXX", dir, base);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return NULL;
    }
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        int e = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        errno = e;
        return NULL;
    }
    *tmp_out = tmp;
    return f;
}

static kiln_output *open_output(kiln_runtime *rt, const char *path,
                                kiln_error *err);

kiln_output *kiln_output_open(const kiln_config *cfg, const char *path,
                              kiln_error *err)
{
    kiln_runtime *rt = cfg->runtime;
    if (!rt) {
        kiln_error_set(err, "output '%s': no runtime (stage init called "
                       "outside the kiln runner)", path);
        return NULL;
    }
    if (!path || !*path) {
        kiln_error_set(err, "empty output file name (use - for standard output)");
        return NULL;
    }
    char *mapped = NULL;
    if (rt->dir && strcmp(path, "-") == 0 && rt->default_name) {
        /* -o DIR: standard output becomes DIR/<table>.<stage>. */
        mapped = malloc(strlen(rt->dir) + strlen(rt->default_name) + 2);
        if (!mapped) {
            kiln_error_set(err, "out of memory");
            return NULL;
        }
        sprintf(mapped, "%s/%s", rt->dir, rt->default_name);
        path = mapped;
    }
    kiln_output *o = open_output(rt, path, err);
    free(mapped);
    return o;
}

static kiln_output *open_output(kiln_runtime *rt, const char *path,
                                kiln_error *err)
{
    bool is_stdout = strcmp(path, "-") == 0;
    char *dir = is_stdout ? NULL : dir_of(path);
    char *key = NULL;
    if (is_stdout) {
        key = strdup("-");
    } else if (dir) {
        char *real = realpath(dir, NULL);
        if (!real) {
            kiln_error_set(err, "output '%s': directory '%s' %s", path, dir,
                           errno == ENOENT ? "does not exist" : strerror(errno));
            free(dir);
            return NULL;
        }
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        key = malloc(strlen(real) + strlen(base) + 2);
        if (key)
            sprintf(key, "%s/%s", real, base);
        free(real);
    }
    if (!key) {
        free(dir);
        kiln_error_set(err, "out of memory");
        return NULL;
    }
    for (kiln_output *o = rt->outputs; o; o = o->next)
        if (strcmp(o->key, key) == 0) { /* shared with an earlier stage */
            free(key);
            free(dir);
            return o;
        }
    kiln_output *o = calloc(1, sizeof *o);
    if (!o || !(o->path = strdup(path))) {
        free(o);
        free(key);
        free(dir);
        kiln_error_set(err, "out of memory");
        return NULL;
    }
    o->key = key;
    o->rt = rt;
    struct stat st;
    bool exists = !is_stdout && stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        kiln_error_set(err, "output '%s' is a directory", path);
        goto fail;
    }
    if (is_stdout) {
        o->f = rt->dry_run ? NULL : stdout;
    } else if (rt->dry_run) {
        if (access(exists && !S_ISREG(st.st_mode) ? path : dir, W_OK) != 0) {
            kiln_error_set(err, "output '%s': cannot write there: %s", path,
                           strerror(errno));
            goto fail;
        }
    } else if (exists && !S_ISREG(st.st_mode)) {
        /* A pipe or a device: renaming onto it makes no sense. */
        o->f = fopen(path, "wb");
        if (!o->f) {
            kiln_error_set(err, "output '%s': cannot open: %s", path,
                           strerror(errno));
            goto fail;
        }
    } else {
        o->f = open_temp(dir, path, &o->tmp);
        if (!o->f) {
            kiln_error_set(err, "output '%s': cannot create a file in '%s': %s",
                           path, dir, strerror(errno));
            goto fail;
        }
    }
    free(dir);
    if (rt->last)
        rt->last->next = o;
    else
        rt->outputs = o;
    rt->last = o;
    rt->n_outputs++;
    return o;
fail:
    free(dir);
    output_free(o);
    return NULL;
}

int kiln_output_write(kiln_output *out, const void *p, size_t n,
                      kiln_error *err)
{
    if (out->error)
        return kiln_error_set(err, "%s: write error: %s", out->path,
                              strerror(out->error));
    if (!out->f || n == 0)
        return 0;
    if (!out->rt->started) {
        /* Held back until the first document: a later stage's init may
         * still fail, and then nothing may reach the output. */
        if (kiln_buf_append(&out->held, p, n) < 0)
            return kiln_error_set(err, "%s: out of memory", out->path);
        return 0;
    }
    errno = 0;
    if (fwrite(p, 1, n, out->f) != n || ferror(out->f)) {
        out->error = errno ? errno : EIO;
        return kiln_error_set(err, "%s: write error: %s", out->path,
                              strerror(out->error));
    }
    return 0;
}

bool kiln_runtime_failed(const kiln_runtime *rt, kiln_error *err)
{
    for (const kiln_output *o = rt->outputs; o; o = o->next)
        if (o->error) {
            kiln_error_set(err, "%s: write error: %s", o->path, strerror(o->error));
            return true;
        }
    return false;
}

size_t kiln_runtime_output_count(const kiln_runtime *rt)
{
    return rt->n_outputs;
}

/* Flush and close O; returns 0 or an errno. */
static int close_output(kiln_output *o)
{
    int e = o->error;
    if (!o->f)
        return e;
    if (fflush(o->f) != 0 && !e)
        e = errno ? errno : EIO;
    if (ferror(o->f) && !e)
        e = EIO;
    if (o->f != stdout && fclose(o->f) != 0 && !e)
        e = errno ? errno : EIO;
    o->f = NULL;
    if (!o->error)
        o->error = e;
    return e;
}

int kiln_runtime_start(kiln_runtime *rt, kiln_error *err)
{
    if (rt->started)
        return 0;
    rt->started = true;
    int rc = 0;
    for (kiln_output *o = rt->outputs; o; o = o->next) {
        if (o->held.len && kiln_output_write(o, o->held.data, o->held.len,
                                             err) < 0)
            rc = -1;
        kiln_buf_free(&o->held);
    }
    return rc;
}

int kiln_runtime_set_dir(kiln_runtime *rt, const char *dir, kiln_error *err)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT || mkdir(dir, 0777) != 0)
            return kiln_error_set(err, "-o %s: cannot create the directory: %s",
                                  dir, strerror(errno));
    } else if (!S_ISDIR(st.st_mode)) {
        return kiln_error_set(err, "-o %s: not a directory", dir);
    }
    free(rt->dir);
    if (!(rt->dir = strdup(dir)))
        return kiln_error_set(err, "out of memory");
    return 0;
}

int kiln_runtime_begin_init(kiln_runtime *rt, const char *default_name)
{
    free(rt->default_name);
    rt->default_name = default_name ? strdup(default_name) : NULL;
    rt->init_requires = 0;
    return default_name && !rt->default_name ? -1 : 0;
}

uint32_t kiln_runtime_init_requires(const kiln_runtime *rt)
{
    return rt->init_requires;
}

void kiln_config_require(const kiln_config *cfg, uint32_t layers)
{
    if (cfg && cfg->runtime)
        cfg->runtime->init_requires |= layers;
}

int kiln_runtime_commit(kiln_runtime *rt, kiln_error *err)
{
    int rc = 0;
    kiln_error ignored; /* a failed write stays with its output: below */
    if (!rt->started)
        (void)kiln_runtime_start(rt, &ignored);
    rt->done = true;
    for (kiln_output *o = rt->outputs; o; o = o->next) {
        int e = close_output(o);
        if (!e && o->tmp && rename(o->tmp, o->path) != 0)
            e = errno;
        if (e) {
            if (o->tmp)
                unlink(o->tmp);
            if (rc == 0)
                rc = kiln_error_set(err, "%s: write error: %s", o->path,
                                    strerror(e));
        }
        free(o->tmp);
        o->tmp = NULL;
    }
    return rc;
}

void kiln_runtime_abort(kiln_runtime *rt)
{
    rt->done = true;
    for (kiln_output *o = rt->outputs; o; o = o->next) {
        kiln_buf_free(&o->held);
        close_output(o);
        if (o->tmp)
            unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
}

void kiln_runtime_free(kiln_runtime *rt)
{
    if (!rt)
        return;
    if (!rt->done)
        kiln_runtime_abort(rt);
    for (kiln_output *o = rt->outputs, *next; o; o = next) {
        next = o->next;
        output_free(o);
    }
    free(rt->dir);
    free(rt->default_name);
    free(rt);
}
