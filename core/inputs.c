/* inputs.c — files, directories and standard input as documents. */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct path_list {
    char **items;
    size_t len, cap;
} path_list;

static int push(path_list *l, char *s)
{
    if (!s)
        return -1;
    if (l->len + 1 >= l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **n = realloc(l->items, cap * sizeof *n);
        if (!n) {
            free(s);
            return -1;
        }
        l->items = n;
        l->cap = cap;
    }
    l->items[l->len++] = s;
    l->items[l->len] = NULL;
    return 0;
}

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with_txt(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    char *s = malloc(n + strlen(name) + 2);
    if (s)
        sprintf(s, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
    return s;
}

/* Append DIR's .txt files, recursively, sorted by full path so the order
 * does not depend on the file system. */
static int walk(path_list *out, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0; /* reported when the caller notices nothing was added */
    path_list names = {0};
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' && push(&names, join(dir, e->d_name)) < 0) {
            rc = -1;
            break;
        }
    closedir(d);
    if (names.len)
        qsort(names.items, names.len, sizeof *names.items, compare_str);
    for (size_t i = 0; i < names.len; i++) {
        char *p = names.items[i];
        struct stat st;
        if (rc < 0 || lstat(p, &st) != 0) {
            free(p);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            rc = walk(out, p);
            free(p);
        } else if (ends_with_txt(p) && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))) {
            rc = push(out, p);
        } else {
            free(p);
        }
    }
    free(names.items);
    return rc;
}

char **kiln_inputs_expand(char *const *args, size_t n, size_t *n_out)
{
    path_list out = {0};
    out.items = calloc(1, sizeof *out.items);
    out.cap = out.items ? 1 : 0;
    if (!out.items)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        size_t before = out.len;
        if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 &&
            S_ISDIR(st.st_mode)) {
            if (walk(&out, args[i]) < 0)
                goto oom;
            if (out.len > before)
                continue;
        }
        if (push(&out, strdup(args[i])) < 0)
            goto oom;
    }
    *n_out = out.len;
    return out.items;
oom:
    kiln_inputs_free(out.items);
    return NULL;
}

void kiln_inputs_free(char **paths)
{
    if (!paths)
        return;
    for (char **p = paths; *p; p++)
        free(*p);
    free(paths);
}

static void human_size(char buf[32], size_t n)
{
    if (n >= (size_t)1 << 20)
        snprintf(buf, 32, "%.1f MB", (double)n / (1 << 20));
    else
        snprintf(buf, 32, "%zu bytes", n);
}

int kiln_input_read(const char *path, size_t max, char **bytes, size_t *len,
                    kiln_error *err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
    if (fd < 0)
        return kiln_error_set(err, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            if (!is_stdin)
                close(fd);
            return kiln_error_set(err, "directory without any .txt file");
        }
        if (S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
            char a[32], b[32];
            human_size(a, (size_t)st.st_size);
            human_size(b, max);
            if (!is_stdin)
                close(fd);
            return kiln_error_set(err, "too large: %s, more than --max-doc-size "
                                  "%s", a, b);
        }
    }
    size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1
                                                       : 65536;
    char *buf = malloc(cap);
    size_t n = 0;
    int rc = 0;
    while (buf) {
        if (n == cap) {
            if (cap > max) {
                rc = kiln_error_set(err, "too large: more than --max-doc-size "
                                    "(%zu bytes)", max);
                break;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                rc = kiln_error_set(err, "out of memory");
                break;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            rc = kiln_error_set(err, "read error: %s", strerror(errno));
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n > max) {
            rc = kiln_error_set(err, "too large: more than --max-doc-size "
                                "(%zu bytes)", max);
            break;
        }
    }
    if (!buf)
        rc = kiln_error_set(err, "out of memory");
    if (!is_stdin)
        close(fd);
    if (rc < 0) {
        free(buf);
        return -1;
    }
    *bytes = buf;
    *len = n;
    return 0;
}
