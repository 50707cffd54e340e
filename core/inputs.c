/* inputs.c — files, directories and standard input as documents. */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena_internal.h"
#include "doc_internal.h"
#include "json_fields.h"

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

/* Does the base name of PATH match GLOB? */
static bool name_matches(const char *path, const char *glob)
{
    const char *base = strrchr(path, '/');
    return fnmatch(glob, base ? base + 1 : path, 0) == 0;
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
static int walk(path_list *out, const char *dir, const char *glob)
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
            rc = walk(out, p, glob);
            free(p);
        } else if (name_matches(p, glob) && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))) {
            rc = push(out, p);
        } else {
            free(p);
        }
    }
    free(names.items);
    return rc;
}

char **kiln_inputs_expand(char *const *args, size_t n, const char *glob,
                          size_t *n_out)
{
    if (!glob)
        glob = "*.txt";
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
            if (walk(&out, args[i], glob) < 0)
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
    /* O_NONBLOCK: opening a FIFO without a writer must not hang; a named
     * input must be a regular file (streams come on standard input). */
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0)
        return kiln_error_set(err, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) == 0) {
        if (!is_stdin && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
            close(fd);
            return kiln_error_set(err, "not a regular file (%s); give a "
                                  "stream on standard input (-)",
                                  S_ISFIFO(st.st_mode) ? "a FIFO"
                                  : S_ISSOCK(st.st_mode) ? "a socket"
                                                         : "a device");
        }
        if (!is_stdin)
            (void)fcntl(fd, F_SETFL, 0); /* blocking reads again */
        if (S_ISDIR(st.st_mode)) {
            if (!is_stdin)
                close(fd);
            return kiln_error_set(err, "directory without any file to read "
                                  "(see --glob)");
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

/* ---- The stream of documents ------------------------------------------ */

#define READ_CHUNK (1u << 20)

struct kiln_source {
    char *const *paths;
    size_t n_paths, next_path;
    kiln_input_options opts;
    uint64_t total, done;
    /* JSON Lines: the file being read and its read-ahead buffer */
    int fd;
    const char *path;
    size_t line;
    char *chunk;
    size_t chunk_pos, chunk_len;
    bool eof;
};

kiln_source *kiln_source_new(char *const *paths, size_t n,
                             const kiln_input_options *opts)
{
    kiln_source *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->paths = paths;
    s->n_paths = n;
    s->opts = *opts;
    s->fd = -1;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(paths[i], "-") == 0 || stat(paths[i], &st) != 0 ||
            !S_ISREG(st.st_mode)) {
            if (strcmp(paths[i], "-") == 0) {
                if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
                    s->total += (uint64_t)st.st_size;
                    continue;
                }
                s->total = 0; /* a pipe: the size is unknown */
                break;
            }
            continue;
        }
        s->total += (uint64_t)st.st_size;
    }
    return s;
}

static void close_current(kiln_source *s)
{
    if (s->fd > STDIN_FILENO)
        close(s->fd);
    s->fd = -1;
    s->path = NULL;
}

void kiln_source_free(kiln_source *s)
{
    if (!s)
        return;
    close_current(s);
    free(s->chunk);
    free(s);
}

uint64_t kiln_source_total_bytes(const kiln_source *s)
{
    return s->total;
}

uint64_t kiln_source_read_bytes(const kiln_source *s)
{
    return s->done;
}

void kiln_item_free(kiln_item *it)
{
    free(it->data);
    it->data = NULL;
    it->len = it->cap = 0;
}

static int item_append(kiln_item *it, const char *p, size_t n)
{
    if (it->cap - it->len <= n) {
        size_t cap = it->cap ? it->cap : 4096;
        while (cap - it->len <= n)
            cap *= 2;
        char *d = realloc(it->data, cap);
        if (!d)
            return -1;
        it->data = d;
        it->cap = cap;
    }
    memcpy(it->data + it->len, p, n);
    it->len += n;
    it->data[it->len] = '\0';
    return 0;
}

static void item_reset(kiln_item *it, const char *path)
{
    it->path = path;
    it->line = 0;
    it->jsonl = false;
    it->len = 0;
    it->failed = false;
}

/* Refill the read-ahead buffer: 1, 0 at the end of the file, -1 on error
 * (errno set). */
static int fill_chunk(kiln_source *s)
{
    if (s->eof)
        return 0;
    for (;;) {
        ssize_t got = read(s->fd, s->chunk, READ_CHUNK);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        s->chunk_pos = 0;
        s->chunk_len = (size_t)got;
        s->done += (uint64_t)got;
        if (got == 0)
            s->eof = true;
        return got > 0;
    }
}

static bool blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
            return false;
    return true;
}

/* The next non-blank line of the open JSON Lines file into IT: 1, or 0 at
 * the end of the file. A line longer than max_doc_size is skipped to its
 * end and reported as an item that failed. */
static int next_line(kiln_source *s, kiln_item *it)
{
    for (;;) {
        item_reset(it, s->path);
        it->jsonl = true;
        it->line = ++s->line;
        bool too_large = false, any = false;
        for (;;) {
            if (s->chunk_pos == s->chunk_len) {
                int rc = fill_chunk(s);
                if (rc < 0) {
                    it->failed = true;
                    kiln_error_set(&it->err, "read error: %s", strerror(errno));
                    s->eof = true;
                    return 1;
                }
                if (rc == 0)
                    break;
            }
            any = true;
            const char *p = s->chunk + s->chunk_pos;
            size_t avail = s->chunk_len - s->chunk_pos;
            const char *nl = memchr(p, '\n', avail);
            size_t take = nl ? (size_t)(nl - p) : avail;
            s->chunk_pos += take + (nl != NULL);
            if (!too_large && it->len + take > s->opts.max_doc_size) {
                too_large = true;
                it->len = 0;
            }
            if (!too_large && take && item_append(it, p, take) < 0) {
                it->failed = true;
                kiln_error_set(&it->err, "out of memory");
                too_large = true; /* skip the rest of the line */
            }
            if (nl)
                break;
        }
        if (too_large && !it->failed) {
            it->failed = true;
            kiln_error_set(&it->err, "too large: line longer than "
                           "--max-doc-size (%zu bytes)", s->opts.max_doc_size);
        }
        if (it->failed)
            return 1;
        if (!any && it->len == 0)
            return 0; /* end of file */
        if (!blank(it->data, it->len))
            return 1;
        if (s->eof && s->chunk_pos == s->chunk_len)
            return 0;
    }
}

static int open_jsonl(kiln_source *s, const char *path, kiln_item *it)
{
    s->path = path;
    s->line = 0;
    s->eof = false;
    s->chunk_pos = s->chunk_len = 0;
    if (!s->chunk && !(s->chunk = malloc(READ_CHUNK))) {
        kiln_error_set(&it->err, "out of memory");
        return -1;
    }
    s->fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
    if (s->fd < 0) {
        kiln_error_set(&it->err, "cannot open: %s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(s->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        kiln_error_set(&it->err, "directory without any file to read (see "
                       "--glob)");
        close_current(s);
        return -1;
    }
    return 0;
}

int kiln_source_next(kiln_source *s, kiln_item *it)
{
    for (;;) {
        if (s->path) { /* inside a JSON Lines file */
            if (next_line(s, it))
                return 1;
            close_current(s);
            continue;
        }
        if (s->next_path == s->n_paths)
            return 0;
        const char *path = s->paths[s->next_path++];
        item_reset(it, path);
        if (s->opts.format == KILN_INPUT_JSONL) {
            if (open_jsonl(s, path, it) < 0) {
                s->path = NULL;
                it->failed = true;
                return 1;
            }
            continue;
        }
        char *bytes;
        size_t len;
        if (kiln_input_read(path, s->opts.max_doc_size, &bytes, &len,
                            &it->err) < 0) {
            it->failed = true;
            return 1;
        }
        free(it->data);
        it->data = bytes;
        it->len = len;
        it->cap = len; /* at least: kiln_input_read allocated it */
        s->done += len;
        return 1;
    }
}

/* ---- JSON Lines decoding ---------------------------------------------- */

void kiln_decoded_free(kiln_decoded *d)
{
    if (d->json)
        json_decref((json_t *)d->json);
    free(d->id_owned);
    memset(d, 0, sizeof *d);
}

int kiln_item_decode(const kiln_item *it, const kiln_input_options *o,
                     kiln_decoded *out, kiln_error *err)
{
    memset(out, 0, sizeof *out);
    const char *id_field = o->id_field ? o->id_field : "id";
    const char *text_field = o->text_field ? o->text_field : "text";
    json_error_t je;
    json_t *root = json_loadb(it->data, it->len, JSON_ALLOW_NUL, &je);
    if (!root)
        return kiln_error_set(err, "malformed JSON at column %d: %s",
                              je.column, je.text);
    out->json = root;
    if (!json_is_object(root))
        return kiln_error_set(err, "not a JSON object (each line must be "
                              "one object)");
    json_t *text = json_object_get(root, text_field);
    if (!text)
        return kiln_error_set(err, "no field \"%s\" (the text; see "
                              "--text-field)", text_field);
    if (!json_is_string(text))
        return kiln_error_set(err, "field \"%s\" is not a string", text_field);
    out->text = json_string_value(text);
    out->len = json_string_length(text);
    json_t *id = json_object_get(root, id_field);
    if (json_is_string(id)) {
        out->id = json_string_value(id);
    } else if (json_is_integer(id)) {
        snprintf(out->id_buf, sizeof out->id_buf, "%" JSON_INTEGER_FORMAT,
                 json_integer_value(id));
        out->id = out->id_buf;
    } else {
        /* No usable id: the place in the input names the document. */
        size_t n = strlen(it->path) + 32;
        if (!(out->id_owned = malloc(n)))
            return kiln_error_set(err, "out of memory");
        snprintf(out->id_owned, n, "%s:%zu", it->path, it->line);
        out->id = out->id_owned;
    }
    return 0;
}

/* The id of a line the fast reader took, into the document's arena. */
static const char *fast_id(const kiln_item *it, const kiln_json_fields *f,
                           kiln_arena *a)
{
    switch (f->id_kind) {
    case KILN_JSON_STRING: {
        char *id = kiln_arena_take(a, f->id_raw_len + 1);
        if (id)
            kiln_json_unescape(f->id_raw, f->id_raw_len, id);
        return id;
    }
    case KILN_JSON_INTEGER:
        return kiln_arena_printf(a, "%lld", f->id_int);
    default:
        return kiln_arena_printf(a, "%s:%zu", it->path, it->line);
    }
}

int kiln_item_load(const kiln_item *it, const kiln_input_options *o,
                   kiln_doc *doc, size_t input_no, kiln_error *err)
{
    const char *id_field = o->id_field ? o->id_field : "id";
    const char *text_field = o->text_field ? o->text_field : "text";
    char *text = kiln_doc_begin(doc, input_no, it->len);
    if (!text)
        return kiln_error_set(err, "out of memory");
    kiln_json_fields f;
    if (kiln_json_fields_read(it->data, it->len, id_field, text_field, text,
                              &f) < 0 ||
        f.text_kind != KILN_JSON_STRING)
        return 1; /* jansson decides, and words any error */
    if (f.text_len > o->max_doc_size)
        return kiln_error_set(err, "too large: text of %zu bytes, more than "
                              "--max-doc-size", f.text_len);
    const char *id = fast_id(it, &f, doc->arena);
    if (!id)
        return kiln_error_set(err, "out of memory");
    kiln_doc_commit(doc, id, f.text_len);
    /* The reader let only valid UTF-8 through; NUL can come from \u0000. */
    if (!memchr(text, '\0', f.text_len))
        kiln_doc_mark_checked(doc);
    return 0;
}
