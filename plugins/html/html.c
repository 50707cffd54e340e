/* html.c — the html exporter stage: a self-contained report page.
 *
 * Two ways to write, chosen by option:
 *   output = FILE|-  one page; each document is an <article> in input
 *                    order (through the runner's ordered per-document
 *                    buffers); with several documents, a summary table
 *                    across documents closes the page.
 *   dir = DIR        DIR/NNNN-<name>.html per document (written by process,
 *                    one file per document, atomically renamed) and
 *                    DIR/index.html (a core output, written in finish)
 *                    linking the pages and comparing their targets.
 * The cross-document summary is the one piece of state process changes;
 * it is a mutex-protected collector (summary.c).
 */
#include "html.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct html_options {
    const char *output;
    const char *dir;
    const char *title;
} html_options;

typedef struct html_state {
    const char *label;
    const char *title;
    char *dir;          /* dir mode, else NULL */
    kiln_output *out;   /* the page (output mode) or index.html (dir mode) */
    html_summary summary;
} html_state;

static const kiln_option html_option_table[] = {
    {"output", KILN_OPT_PATH, NULL, offsetof(html_options, output),
     "file for one page holding every document (- for standard output); "
     "the default when dir is not set", NULL},
    {"dir", KILN_OPT_PATH, NULL, offsetof(html_options, dir),
     "directory for one page per document (NNNN-name.html) and an "
     "index.html comparing their targets", NULL},
    {"title", KILN_OPT_STRING, "kiln report", offsetof(html_options, title),
     "title of the page (output) or of the index (dir)", NULL},
    {NULL, 0, NULL, 0, NULL, NULL},
};

/* A file name from a document id: its last path component without the
 * extension; bytes outside [A-Za-z0-9_-] and UTF-8 become '-', and the
 * length is capped (at a UTF-8 boundary). Never empty, never "..". */
static char *page_name(const kiln_doc *doc)
{
    const char *id = doc->id ? doc->id : "";
    const char *base = strrchr(id, '/');
    base = base ? base + 1 : id;
    size_t len = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot != base)
        len = (size_t)(dot - base);
    if (len > 80) {
        len = 80;
        while (len && ((unsigned char)base[len] & 0xC0) == 0x80)
            len--;
    }
    char *name = malloc(len + 32);
    if (!name)
        return NULL;
    int n = snprintf(name, 32, "%04zu-", doc->input_no + 1);
    char *q = name + n;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)base[i];
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '_' || c == '-' || c >= 0x80;
        *q++ = keep ? (char)c : '-';
    }
    if (q == name + n)
        *q++ = 'd';
    strcpy(q, ".html");
    return name;
}

/* Write B to DIR/NAME through a temporary file and a rename, so a reader
 * never sees half a page. */
static int write_file(const char *dir, const char *name, const kiln_buf *b,
                      kiln_error *err)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n), *tmp = malloc(n + 16);
    if (!path || !tmp) {
        free(path);
        free(tmp);
        return kiln_error_set(err, "out of memory");
    }
    snprintf(path, n, "%s/%s", dir, name);
    snprintf(tmp, n + 16, "%s/.%s.XXXXXX", dir, name);
    int rc = 0;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        rc = kiln_error_set(err, "%s: cannot create: %s", path,
                            strerror(errno));
        goto out;
    }
    fchmod(fd, 0644); /* mkstemp makes 0600; a report is for reading */
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        rc = kiln_error_set(err, "%s: cannot write: %s", path, strerror(errno));
        close(fd);
        unlink(tmp);
        goto out;
    }
    bool ok = !b->len || fwrite(b->data, 1, b->len, f) == b->len;
    if (fclose(f) != 0 || !ok) {
        rc = kiln_error_set(err, "%s: cannot write: %s", path, strerror(errno));
        unlink(tmp);
    } else if (rename(tmp, path) != 0) {
        rc = kiln_error_set(err, "%s: cannot rename %s into place: %s", path,
                            tmp, strerror(errno));
        unlink(tmp);
    }
out:
    free(path);
    free(tmp);
    return rc;
}

static void html_fini(void *state)
{
    html_state *st = state;
    if (!st)
        return;
    html_summary_free(&st->summary);
    free(st->dir);
    free(st);
}

static int write_buf(kiln_output *out, kiln_buf *b, kiln_error *err)
{
    int rc = kiln_output_write(out, b->data ? b->data : "", b->len, err);
    kiln_buf_free(b);
    return rc;
}

static int html_init(const kiln_config *cfg, void **state, kiln_error *err)
{
    const html_options *o = cfg->options;
    const char *output = o->output && *o->output ? o->output : NULL;
    const char *dir = o->dir && *o->dir ? o->dir : NULL;
    if (output && dir)
        return kiln_error_set(err, "%s:%u: [%s]: set output or dir, not both",
                              cfg->source, cfg->line, cfg->label);
    html_state *st = calloc(1, sizeof *st);
    if (!st)
        return kiln_error_set(err, "out of memory");
    st->label = cfg->label;
    st->title = o->title && *o->title ? o->title : "kiln report";
    if (html_summary_init(&st->summary) < 0) {
        free(st);
        return kiln_error_set(err, "%s: cannot create a mutex", cfg->label);
    }
    kiln_buf head = {0};
    if (dir) {
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            html_fini(st);
            return kiln_error_set(err, "%s:%u: [%s] dir: %s: cannot create: %s",
                                  cfg->source, cfg->line, cfg->label, dir,
                                  strerror(errno));
        }
        size_t n = strlen(dir) + sizeof "/index.html";
        char *index = malloc(n);
        st->dir = malloc(strlen(dir) + 1);
        if (!index || !st->dir) {
            free(index);
            html_fini(st);
            return kiln_error_set(err, "out of memory");
        }
        strcpy(st->dir, dir);
        snprintf(index, n, "%s/index.html", dir);
        st->out = kiln_output_open(cfg, index, err);
        free(index);
    } else {
        st->out = kiln_output_open(cfg, output ? output : "-", err);
    }
    if (!st->out) {
        html_fini(st);
        return -1;
    }
    /* The index (dir) or the page (output) opens now; documents and the
     * summary follow. */
    if (html_page_open(&head, st->title, NULL) < 0) {
        kiln_buf_free(&head);
        html_fini(st);
        return kiln_error_set(err, "out of memory");
    }
    if (write_buf(st->out, &head, err) < 0) {
        html_fini(st);
        return -1;
    }
    *state = st;
    return 0;
}

static int html_process(void *state, kiln_doc *doc, kiln_error *err)
{
    html_state *st = state;
    if (!st->dir) {
        kiln_buf *b = kiln_doc_output(doc, st->out);
        html_article_opts opts = {.heading_level = 2};
        if (!b || html_article(b, doc, &opts) < 0 ||
            html_summary_add(&st->summary, doc, NULL) < 0)
            return kiln_error_set(err, "%s: out of memory", st->label);
        return 0;
    }
    char *name = page_name(doc);
    kiln_buf doc_page = {0};
    html_article_opts opts = {.heading_level = 1, .back_href = "index.html"};
    int rc = 0;
    if (!name || html_page_open(&doc_page, doc->id, st->title) < 0 ||
        html_article(&doc_page, doc, &opts) < 0 || html_page_close(&doc_page) < 0)
        rc = kiln_error_set(err, "%s: out of memory", st->label);
    else
        rc = write_file(st->dir, name, &doc_page, err);
    if (rc == 0 && html_summary_add(&st->summary, doc, name) < 0)
        rc = kiln_error_set(err, "%s: out of memory", st->label);
    kiln_buf_free(&doc_page);
    free(name);
    return rc;
}

static int html_finish(void *state, kiln_error *err)
{
    html_state *st = state;
    kiln_buf tail = {0};
    int rc = 0;
    /* A page of one document needs no summary of documents. */
    if (st->dir || st->summary.n_docs > 1)
        rc = html_summary_render(&tail, &st->summary, 2);
    if (rc < 0 || html_page_close(&tail) < 0) {
        kiln_buf_free(&tail);
        return kiln_error_set(err, "%s: out of memory", st->label);
    }
    return write_buf(st->out, &tail, err);
}

KILN_STAGE_EXPORT const kiln_stage kiln_stage_html = {
    KILN_STAGE_HEADER,
    .name = "html",
    .summary = "write a self-contained HTML report: targets as progress "
               "bars, the text with every figure highlighted",
    .options = html_option_table,
    .options_size = sizeof(html_options),
    .requires = KILN_LAYER_MENTIONS,
    .provides = 0,
    .init = html_init,
    .process = html_process,
    .finish = html_finish,
    .fini = html_fini,
};
