/* runner.c — stage instances, the layer check, and the document loop. */
#include "runner.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "doc_internal.h"
#include "inputs.h"
#include "options.h"
#include "runtime.h"

typedef struct instance {
    kiln_pipe_stage *ps;
    kiln_config cfg;
    void *state;
    bool inited;
    uint32_t requires; /* the descriptor's, plus kiln_config_require's */
} instance;

struct kiln_runner {
    kiln_pipeline *pipeline;
    kiln_loader *loader;
    kiln_runtime *runtime;
    instance *inst;
    size_t n_inst;
};

const char *kiln_layer_name(uint32_t bit)
{
    switch (bit) {
    case KILN_LAYER_TEXT: return "text";
    case KILN_LAYER_SEGMENTS: return "segments";
    case KILN_LAYER_MENTIONS: return "mentions";
    case KILN_LAYER_UNITS: return "units";
    case KILN_LAYER_ROLES: return "roles";
    case KILN_LAYER_COMPARISONS: return "comparisons";
    }
    return "unknown-layer";
}

/* A hint naming a stage that provides LAYER: a later one in the pipeline
 * ("put numbers before units") or one on the search path ("add ..."). */
static void layer_hint(kiln_runner *r, size_t at, uint32_t layer, char *hint,
                       size_t size)
{
    const char *before = r->pipeline->stages[at].label;
    for (size_t i = at + 1; i < r->pipeline->n_stages; i++)
        if (r->pipeline->stages[i].stage->provides & layer) {
            snprintf(hint, size, "put %s before %s", r->pipeline->stages[i].label,
                     before);
            return;
        }
    const kiln_stage_entry *list;
    long n = kiln_loader_list(r->loader, &list);
    for (long i = 0; i < n; i++)
        if (list[i].stage && (list[i].stage->provides & layer)) {
            snprintf(hint, size, "add %s before %s", list[i].name, before);
            return;
        }
    snprintf(hint, size, "no stage found provides it");
}

/* Check that every stage finds the layers it requires; after init, with
 * what the instances asked for (AFTER_INIT). */
static int check_layers(kiln_runner *r, bool after_init, kiln_error *err)
{
    uint32_t have = 0;
    for (size_t i = 0; i < r->pipeline->n_stages; i++) {
        kiln_pipe_stage *s = &r->pipeline->stages[i];
        uint32_t need = after_init ? r->inst[i].requires : s->stage->requires;
        uint32_t missing = need & ~have;
        if (missing) {
            uint32_t bit = missing & -missing; /* the lowest: first needed */
            char hint[256];
            layer_hint(r, i, bit, hint, sizeof hint);
            return kiln_error_set(err, "%s: %s%s requires %s, which no stage "
                                  "before it provides (%s)",
                                  kiln_pipe_stage_where(r->pipeline, s), s->label,
                                  after_init ? " (as configured)" : "",
                                  kiln_layer_name(bit), hint);
        }
        have |= s->stage->provides;
    }
    return 0;
}

/* The file name a stage's "-" output gets under -o DIR: <table>.<stage>
 * when the stage has a `table` option (an enum), else <label>.<stage>. */
static char *default_output_name(const kiln_pipe_stage *s)
{
    const kiln_option *opt = s->stage->options;
    const char *base = s->label;
    size_t base_len = strlen(base);
    for (; opt && opt->key; opt++) {
        if (strcmp(opt->key, "table") != 0 || opt->type != KILN_OPT_ENUM ||
            !opt->choices || !s->options)
            continue;
        int k = *(const int *)((const char *)s->options + opt->offset);
        const char *c = opt->choices;
        for (; k > 0 && c; k--)
            if ((c = strchr(c, '|')))
                c++;
        if (c) {
            base = c;
            base_len = strcspn(c, "|");
        }
        break;
    }
    char *name = malloc(base_len + strlen(s->name) + 2);
    if (!name)
        return NULL;
    memcpy(name, base, base_len);
    for (size_t i = 0; i < base_len; i++)
        if (name[i] == ':' || name[i] == '/')
            name[i] = '-';
    sprintf(name + base_len, ".%s", s->name);
    return name;
}

kiln_runner *kiln_runner_new(kiln_pipeline *p, kiln_loader *l, bool dry_run,
                             kiln_error *err)
{
    kiln_runner_config c = {.dry_run = dry_run};
    return kiln_runner_new_with(p, l, &c, err);
}

kiln_runner *kiln_runner_new_with(kiln_pipeline *p, kiln_loader *l,
                                  const kiln_runner_config *c, kiln_error *err)
{
    bool dry_run = c->dry_run;
    kiln_runner *r = calloc(1, sizeof *r);
    if (!r) {
        kiln_error_set(err, "out of memory");
        return NULL;
    }
    r->pipeline = p;
    r->loader = l;
    r->runtime = kiln_runtime_new(dry_run);
    r->inst = calloc(p->n_stages, sizeof *r->inst);
    if (!r->runtime || !r->inst) {
        kiln_error_set(err, "out of memory");
        goto fail;
    }
    /* Load everything and check the order before any init opens a file. */
    for (size_t i = 0; i < p->n_stages; i++) {
        kiln_pipe_stage *s = &p->stages[i];
        if (kiln_loader_find(l, s->name, &s->stage, &s->module, err) < 0) {
            kiln_error_prefix(err, "%s", kiln_pipe_stage_where(p, s));
            goto fail;
        }
        if (kiln_options_parse(p, s, err) < 0)
            goto fail;
    }
    if (check_layers(r, false, err) < 0)
        goto fail;
    if (c->out_dir && !dry_run &&
        kiln_runtime_set_dir(r->runtime, c->out_dir, err) < 0)
        goto fail;
    for (size_t i = 0; i < p->n_stages; i++) {
        kiln_pipe_stage *s = &p->stages[i];
        instance *in = &r->inst[i];
        in->ps = s;
        in->cfg = (kiln_config){
            .name = s->name,
            .label = s->label,
            .options = s->options,
            .source = p->source,
            .line = s->line,
            .runtime = (struct kiln_runtime *)r->runtime,
        };
        r->n_inst = i + 1;
        char *name = default_output_name(s);
        int rc = kiln_runtime_begin_init(r->runtime, name);
        free(name);
        if (rc < 0) {
            kiln_error_set(err, "out of memory");
            goto fail;
        }
        kiln_error_set(err, "init failed without a message");
        if (s->stage->init(&in->cfg, &in->state, err) != 0) {
            kiln_error_prefix(err, "%s: stage '%s'", kiln_pipe_stage_where(p, s),
                              s->label);
            goto fail;
        }
        in->inited = true;
        in->requires = s->stage->requires |
                       kiln_runtime_init_requires(r->runtime);
    }
    kiln_runtime_begin_init(r->runtime, NULL);
    if (check_layers(r, true, err) < 0)
        goto fail;
    return r;
fail:
    kiln_runner_free(r);
    return NULL;
}

/* Time spent in one stage and what went through it (per worker, summed
 * at the end for --stats). */
typedef struct stage_stats {
    double seconds;
    uint64_t docs, bytes;
} stage_stats;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Every stage on DOC; with STATS (one per stage), timed. */
static int process_doc(kiln_runner *r, kiln_doc *doc, stage_stats *stats,
                       kiln_error *err)
{
    double t0 = stats ? now_seconds() : 0;
    for (size_t i = 0; i < r->n_inst; i++) {
        const kiln_stage *st = r->inst[i].ps->stage;
        kiln_error_set(err, "stage '%s' failed without a message",
                       r->inst[i].ps->label);
        int rc = st->process(r->inst[i].state, doc, err);
        if (stats) {
            double t1 = now_seconds();
            stats[i].seconds += t1 - t0;
            stats[i].docs++;
            stats[i].bytes += doc->original_len;
            t0 = t1;
        }
        if (rc != 0)
            return -1;
        doc->layers |= st->provides;
    }
    return 0;
}

int kiln_runner_process(kiln_runner *r, kiln_doc *doc, kiln_error *err)
{
    return process_doc(r, doc, NULL, err);
}

int kiln_runner_emit(kiln_runner *r, kiln_doc *doc, kiln_error *err)
{
    (void)r;
    size_t n = kiln_doc_output_count(doc);
    for (size_t i = 0; i < n; i++) {
        kiln_output *out;
        kiln_buf *b = kiln_doc_output_at(doc, i, &out);
        if (b->len && kiln_output_write(out, b->data, b->len, err) < 0)
            return -1;
    }
    return 0;
}

int kiln_runner_finish(kiln_runner *r, kiln_error *err)
{
    int rc = 0;
    for (size_t i = 0; i < r->n_inst; i++) {
        instance *in = &r->inst[i];
        if (!in->inited || !in->ps->stage->finish)
            continue;
        kiln_error e;
        kiln_error_set(&e, "finish failed without a message");
        if (in->ps->stage->finish(in->state, &e) != 0 && rc == 0) {
            *err = e;
            rc = kiln_error_prefix(err, "stage '%s'", in->ps->label);
        }
    }
    kiln_error e;
    if (kiln_runtime_commit(r->runtime, &e) < 0 && rc == 0) {
        *err = e;
        rc = -1;
    }
    return rc;
}

void kiln_runner_free(kiln_runner *r)
{
    if (!r)
        return;
    for (size_t i = r->n_inst; i-- > 0;) {
        instance *in = &r->inst[i];
        if (in->inited && in->ps->stage->fini)
            in->ps->stage->fini(in->state);
    }
    kiln_runtime_free(r->runtime);
    free(r->inst);
    free(r);
}


/* ---- Batch runs ------------------------------------------------------ */

enum slot_state { SLOT_FREE = 0, SLOT_FILLED, SLOT_RUNNING, SLOT_DONE };

/* One document in flight: read by the main thread, processed by a worker,
 * written out by the main thread in input order. The worker's document
 * object goes on to the next document at once: the slot keeps only what
 * is to be written (the output buffers, moved out of the document), so a
 * wide window costs little memory and each worker reuses one warm arena. */
typedef struct slot {
    enum slot_state state;
    size_t seq;        /* 0-based input order */
    kiln_item item;    /* the raw bytes */
    kiln_buf *outs;    /* what the stages wrote, per output */
    kiln_output **out_to;
    size_t n_outs, cap_outs;
    bool failed;
    kiln_error err;
} slot;

/* A slot's item buffer above this is freed once decoded, so that the
 * window does not keep the largest lines it saw. */
#define ITEM_KEEP_MAX ((size_t)1 << 20)

/* One worker thread, its document object and its statistics. */
typedef struct worker {
    struct batch *b;
    kiln_doc *doc;
    stage_stats *stats;
    pthread_t thread;
    bool started;
} worker;

typedef struct batch {
    kiln_runner *r;
    const kiln_run_options *o;
    kiln_source *src;
    FILE *errs;
    slot *slots;
    size_t n_slots;
    worker *workers;
    size_t n_workers;
    /* guarded by lock */
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    size_t next_read, next_work, next_emit;
    bool stop;         /* everything read and written, or a write failed */
    /* main thread only */
    size_t failed, emitted;
    bool write_failed;
    uint64_t bytes_out_docs;
    double t_start, t_shown;
    bool progress, progress_shown;
} batch;

static void run_doc(batch *b, slot *s, kiln_doc *doc, stage_stats *stats);

/* Move DOC's filled output buffers into the slot, giving the slot's old
 * buffers (cleared before reuse) to the document in exchange. */
static int take_outputs(slot *s, kiln_doc *doc)
{
    size_t n = kiln_doc_output_count(doc);
    if (n > s->cap_outs) {
        kiln_buf *outs = realloc(s->outs, n * sizeof *outs);
        if (!outs)
            return -1;
        s->outs = outs;
        memset(outs + s->cap_outs, 0, (n - s->cap_outs) * sizeof *outs);
        kiln_output **to = realloc(s->out_to, n * sizeof *to);
        if (!to)
            return -1;
        s->out_to = to;
        s->cap_outs = n;
    }
    for (size_t i = 0; i < n; i++) {
        kiln_buf *b = kiln_doc_output_at(doc, i, &s->out_to[i]);
        kiln_buf t = *b;
        *b = s->outs[i];
        s->outs[i] = t;
    }
    s->n_outs = n;
    return 0;
}

/* Load the slot's document into the worker's DOC, run the stages and
 * keep what they wrote in the slot (worker side). */
static void run_slot(batch *b, slot *s, kiln_doc *doc, stage_stats *stats)
{
    s->n_outs = 0;
    run_doc(b, s, doc, stats);
    if (!s->failed && take_outputs(s, doc) < 0) {
        kiln_error_set(&s->err, "out of memory");
        s->failed = true;
    }
    kiln_item *it = &s->item;
    if (it->cap > ITEM_KEEP_MAX) { /* emit_slot needs only path, line, len */
        free(it->data);
        it->data = NULL;
        it->cap = 0;
    }
}

/* Load and process one document (run_slot's first half). */
static void run_doc(batch *b, slot *s, kiln_doc *doc, stage_stats *stats)
{
    kiln_item *it = &s->item;
    s->failed = it->failed;
    if (s->failed) {
        s->err = it->err;
        return;
    }
    const char *id = it->path, *text = it->data;
    size_t len = it->len;
    kiln_decoded dec = {0};
    int fast = it->jsonl ? kiln_item_load(it, &b->o->input, doc, s->seq,
                                          &s->err)
                         : 1;
    if (fast < 0) {
        s->failed = true;
        return;
    }
    if (fast == 0) {
        if (process_doc(b->r, doc, stats, &s->err) < 0)
            s->failed = true;
        return;
    }
    if (it->jsonl) {
        if (kiln_item_decode(it, &b->o->input, &dec, &s->err) < 0) {
            kiln_decoded_free(&dec);
            s->failed = true;
            return;
        }
        id = dec.id;
        text = dec.text;
        len = dec.len;
        if (len > b->o->input.max_doc_size) {
            kiln_error_set(&s->err, "too large: text of %zu bytes, more than "
                           "--max-doc-size", len);
            kiln_decoded_free(&dec);
            s->failed = true;
            return;
        }
    }
    int rc = kiln_doc_load(doc, id, s->seq, text ? text : "", len);
    kiln_decoded_free(&dec);
    if (rc < 0) {
        kiln_error_set(&s->err, "out of memory");
        s->failed = true;
        return;
    }
    if (process_doc(b->r, doc, stats, &s->err) < 0)
        s->failed = true;
}

static void show_progress(batch *b, bool final);

/* Write a processed slot: its rows, or its error line (main thread). */
static void emit_slot(batch *b, slot *s)
{
    if (s->failed) {
        if (b->progress_shown)
            fputs("\r\033[K", b->errs);
        if (s->item.line) /* a JSON line: FILE:LINE */
            fprintf(b->errs, "kiln: %s:%zu: %s\n", s->item.path, s->item.line,
                    s->err.message);
        else
            fprintf(b->errs, "kiln: %s: %s\n", s->item.path, s->err.message);
        b->progress_shown = false;
        b->failed++;
    } else {
        kiln_error err;
        for (size_t i = 0; i < s->n_outs; i++) {
            kiln_buf *o = &s->outs[i];
            if (o->len && kiln_output_write(s->out_to[i], o->data, o->len,
                                            &err) < 0) {
                fprintf(b->errs, "%skiln: %s\n",
                        b->progress_shown ? "\r\033[K" : "", err.message);
                b->progress_shown = false;
                b->write_failed = true;
                break;
            }
        }
    }
    b->bytes_out_docs += s->item.len;
    b->emitted++;
    if (b->progress)
        show_progress(b, false);
}

/* Take the next filled slot and process it with W's document, the lock
 * released meanwhile (called, and returning, with b->lock held). */
static void process_next_slot(batch *b, worker *w)
{
    slot *s = &b->slots[b->next_work++ % b->n_slots];
    s->state = SLOT_RUNNING;
    pthread_mutex_unlock(&b->lock);
    run_slot(b, s, w->doc, w->stats);
    pthread_mutex_lock(&b->lock);
    s->state = SLOT_DONE;
    pthread_cond_signal(&b->done);
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    batch *b = w->b;
    pthread_mutex_lock(&b->lock);
    for (;;) {
        while (!b->stop && b->next_work == b->next_read)
            pthread_cond_wait(&b->work, &b->lock);
        if (b->stop)
            break;
        process_next_slot(b, w);
    }
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

/* The main thread with N - 1 worker threads: read ahead into free slots,
 * write finished slots in order, and when there is neither to do, process
 * a document itself (as workers[0]) instead of waiting: reading and
 * writing take little time, and a thread of their own would compete with
 * the workers for the N cores. */
static void run_threaded(batch *b)
{
    bool eof = false;
    pthread_mutex_lock(&b->lock);
    for (;;) {
        slot *next = &b->slots[b->next_emit % b->n_slots];
        if (b->next_emit < b->next_read && next->state == SLOT_DONE) {
            pthread_mutex_unlock(&b->lock);
            emit_slot(b, next);
            pthread_mutex_lock(&b->lock);
            next->state = SLOT_FREE;
            b->next_emit++;
            if (b->write_failed)
                break;
            continue;
        }
        if (!eof && b->next_read - b->next_emit < b->n_slots) {
            slot *s = &b->slots[b->next_read % b->n_slots];
            pthread_mutex_unlock(&b->lock);
            int got = kiln_source_next(b->src, &s->item);
            pthread_mutex_lock(&b->lock);
            if (!got) {
                eof = true;
                continue;
            }
            s->seq = b->next_read++;
            s->state = SLOT_FILLED;
            pthread_cond_signal(&b->work);
            continue;
        }
        if (eof && b->next_emit == b->next_read)
            break;
        if (b->next_work < b->next_read) {
            process_next_slot(b, &b->workers[0]);
            continue;
        }
        pthread_cond_wait(&b->done, &b->lock);
    }
    b->stop = true;
    pthread_cond_broadcast(&b->work);
    pthread_mutex_unlock(&b->lock);
}

/* -j 1: no threads, one document at a time. */
static void run_inline(batch *b)
{
    slot *s = &b->slots[0];
    worker *w = &b->workers[0];
    while (!b->write_failed && kiln_source_next(b->src, &s->item)) {
        s->seq = b->next_read++;
        run_slot(b, s, w->doc, w->stats);
        emit_slot(b, s);
    }
}

static void format_duration(char buf[32], double s)
{
    if (s < 0 || s > 1e7)
        snprintf(buf, 32, "?");
    else if (s >= 3600)
        snprintf(buf, 32, "%dh%02dm", (int)(s / 3600), (int)(s / 60) % 60);
    else
        snprintf(buf, 32, "%dm%02ds", (int)(s / 60), (int)s % 60);
}

/* "kiln: 1234 documents, 56.7 MB, 89.0 MB/s, 0m12s left" on one line,
 * redrawn at most five times a second. */
static void show_progress(batch *b, bool final)
{
    size_t docs = b->emitted;
    double t = now_seconds();
    if (!final && (t - b->t_shown < 0.2 || docs < 2))
        return;
    b->t_shown = t;
    double mb = (double)b->bytes_out_docs / 1e6;
    double el = t - b->t_start;
    double rate = el > 0 ? mb / el : 0;
    uint64_t total = kiln_source_total_bytes(b->src);
    char left[48] = "";
    if (total && rate > 0 && !final) {
        char d[32];
        format_duration(d, ((double)total / 1e6 - mb) / rate);
        snprintf(left, sizeof left, ", %s left", d);
    }
    fprintf(b->errs, "\r\033[Kkiln: %zu documents, %.1f MB, %.1f MB/s%s%s",
            docs, mb, rate, left, final ? "\n" : "");
    fflush(b->errs);
    b->progress_shown = !final;
}

static void print_stats(batch *b, FILE *f)
{
    double wall = now_seconds() - b->t_start;
    fprintf(f, "kiln: %zu documents, %.1f MB in %.2f s (%.1f MB/s, %.0f "
            "documents/s), %zu worker%s\n",
            b->next_read, (double)b->bytes_out_docs / 1e6, wall,
            wall > 0 ? (double)b->bytes_out_docs / 1e6 / wall : 0,
            wall > 0 ? (double)b->next_read / wall : 0, b->n_workers,
            b->n_workers == 1 ? "" : "s");
    fprintf(f, "kiln: %-16s %10s %8s %12s %10s\n", "stage", "seconds",
            "share", "documents/s", "MB/s");
    double sum = 0;
    for (size_t i = 0; i < b->r->n_inst; i++)
        for (size_t k = 0; k < b->n_workers; k++)
            sum += b->workers[k].stats[i].seconds;
    for (size_t i = 0; i < b->r->n_inst; i++) {
        stage_stats t = {0};
        for (size_t k = 0; k < b->n_workers; k++) {
            t.seconds += b->workers[k].stats[i].seconds;
            t.docs += b->workers[k].stats[i].docs;
            t.bytes += b->workers[k].stats[i].bytes;
        }
        /* Rates per thread-second: what one core does in this stage. */
        fprintf(f, "kiln: %-16s %10.3f %7.1f%% %12.0f %10.1f\n",
                b->r->inst[i].ps->label, t.seconds,
                sum > 0 ? 100 * t.seconds / sum : 0,
                t.seconds > 0 ? (double)t.docs / t.seconds : 0,
                t.seconds > 0 ? (double)t.bytes / 1e6 / t.seconds : 0);
    }
}

static unsigned online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

static void batch_free(batch *b)
{
    for (size_t i = 0; b->slots && i < b->n_slots; i++) {
        slot *s = &b->slots[i];
        kiln_item_free(&s->item);
        for (size_t k = 0; k < s->cap_outs; k++)
            kiln_buf_free(&s->outs[k]);
        free(s->outs);
        free(s->out_to);
    }
    for (size_t i = 0; b->workers && i < b->n_workers; i++) {
        kiln_doc_free(b->workers[i].doc);
        free(b->workers[i].stats);
    }
    free(b->slots);
    free(b->workers);
    kiln_source_free(b->src);
}

int kiln_runner_run_batch(kiln_runner *r, char *const *paths, size_t n_paths,
                          const kiln_run_options *o, FILE *errs)
{
    batch b = {.r = r, .o = o, .errs = errs};
    unsigned jobs = o->jobs ? o->jobs : online_cores();
    if (jobs > 1 && n_paths == 1 && o->input.format == KILN_INPUT_TEXT)
        jobs = 1; /* one document: nothing to share */
    b.n_workers = jobs;
    /* The reorder window: documents in flight (raw bytes, then rows).
     * Wide enough that a slow document does not idle the other workers,
     * and that the reader, when it gets a core, fills work for a while;
     * bounded, so memory stays flat. */
    b.n_slots = jobs == 1 ? 1 : 16 * (size_t)jobs;
    b.slots = calloc(b.n_slots, sizeof *b.slots);
    b.workers = calloc(b.n_workers, sizeof *b.workers);
    b.src = kiln_source_new(paths, n_paths, &o->input);
    bool ok = b.slots && b.workers && b.src;
    for (size_t i = 0; ok && i < b.n_workers; i++) {
        b.workers[i].b = &b;
        ok = (b.workers[i].doc = kiln_doc_new()) != NULL;
        if (!ok)
            break;
        b.workers[i].stats = calloc(r->n_inst ? r->n_inst : 1,
                                    sizeof(stage_stats));
        ok = b.workers[i].stats != NULL;
    }
    kiln_error err;
    if (!ok) {
        fprintf(errs, "kiln: out of memory\n");
        batch_free(&b);
        return KILN_EXIT_DOC_FAILED;
    }
    if (kiln_runtime_start(r->runtime, &err) < 0) {
        fprintf(errs, "kiln: %s\n", err.message);
        kiln_runtime_abort(r->runtime);
        batch_free(&b);
        return KILN_EXIT_DOC_FAILED;
    }
    b.progress = !o->quiet && isatty(fileno(errs)) &&
                 (n_paths > 1 || o->input.format == KILN_INPUT_JSONL);
    b.t_start = b.t_shown = now_seconds();
    if (jobs == 1) {
        run_inline(&b);
    } else {
        pthread_mutex_init(&b.lock, NULL);
        pthread_cond_init(&b.work, NULL);
        pthread_cond_init(&b.done, NULL);
        /* workers[0] is the main thread; without any other thread (none
         * could start) it does everything alone, as with -j 1 */
        for (size_t i = 1; i < b.n_workers; i++)
            b.workers[i].started =
                pthread_create(&b.workers[i].thread, NULL, worker_main,
                               &b.workers[i]) == 0;
        run_threaded(&b);
        for (size_t i = 1; i < b.n_workers; i++)
            if (b.workers[i].started)
                pthread_join(b.workers[i].thread, NULL);
        pthread_cond_destroy(&b.done);
        pthread_cond_destroy(&b.work);
        pthread_mutex_destroy(&b.lock);
    }
    if (b.progress && b.progress_shown)
        show_progress(&b, true);
    if (o->stats)
        print_stats(&b, errs);
    size_t failed = b.failed;
    bool write_failed = b.write_failed;
    batch_free(&b);
    if (write_failed) {
        /* No output may look complete when one of them is not. */
        kiln_runtime_abort(r->runtime);
        return KILN_EXIT_DOC_FAILED;
    }
    if (kiln_runner_finish(r, &err) < 0) {
        fprintf(errs, "kiln: %s\n", err.message);
        return KILN_EXIT_DOC_FAILED;
    }
    return failed ? KILN_EXIT_DOC_FAILED : KILN_EXIT_OK;
}

int kiln_runner_run(kiln_runner *r, char *const *inputs, size_t n_inputs,
                    size_t max_doc_size, FILE *errs)
{
    kiln_run_options o = {
        .input = {.format = KILN_INPUT_TEXT, .max_doc_size = max_doc_size},
        .jobs = 1,
        .quiet = true,
    };
    return kiln_runner_run_batch(r, inputs, n_inputs, &o, errs);
}
