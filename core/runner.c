/* runner.c — stage instances, the layer check, and the document loop. */
#include "runner.h"

#include <stdlib.h>
#include <string.h>

#include "doc_internal.h"
#include "inputs.h"
#include "options.h"
#include "runtime.h"

typedef struct instance {
    kiln_pipe_stage *ps;
    kiln_config cfg;
    void *state;
    bool inited;
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

static int check_layers(kiln_runner *r, kiln_error *err)
{
    uint32_t have = 0;
    for (size_t i = 0; i < r->pipeline->n_stages; i++) {
        kiln_pipe_stage *s = &r->pipeline->stages[i];
        uint32_t missing = s->stage->requires & ~have;
        if (missing) {
            uint32_t bit = missing & -missing; /* the lowest: first needed */
            char hint[256];
            layer_hint(r, i, bit, hint, sizeof hint);
            return kiln_error_set(err, "%s: %s requires %s, which no stage before "
                                  "it provides (%s)",
                                  kiln_pipe_stage_where(r->pipeline, s), s->label,
                                  kiln_layer_name(bit), hint);
        }
        have |= s->stage->provides;
    }
    return 0;
}

kiln_runner *kiln_runner_new(kiln_pipeline *p, kiln_loader *l, bool dry_run,
                             kiln_error *err)
{
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
    if (check_layers(r, err) < 0)
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
        kiln_error_set(err, "init failed without a message");
        if (s->stage->init(&in->cfg, &in->state, err) != 0) {
            kiln_error_prefix(err, "%s: stage '%s'", kiln_pipe_stage_where(p, s),
                              s->label);
            goto fail;
        }
        in->inited = true;
    }
    return r;
fail:
    kiln_runner_free(r);
    return NULL;
}

int kiln_runner_process(kiln_runner *r, kiln_doc *doc, kiln_error *err)
{
    for (size_t i = 0; i < r->n_inst; i++) {
        const kiln_stage *st = r->inst[i].ps->stage;
        kiln_error_set(err, "stage '%s' failed without a message",
                       r->inst[i].ps->label);
        if (st->process(r->inst[i].state, doc, err) != 0)
            return -1;
        doc->layers |= st->provides;
    }
    return 0;
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

int kiln_runner_run(kiln_runner *r, char *const *inputs, size_t n_inputs,
                    size_t max_doc_size, FILE *errs)
{
    kiln_doc *doc = kiln_doc_new();
    if (!doc) {
        fprintf(errs, "kiln: out of memory\n");
        return KILN_EXIT_DOC_FAILED;
    }
    size_t failed = 0;
    kiln_error err;
    bool write_failed = false;
    for (size_t i = 0; i < n_inputs; i++) {
        const char *path = inputs[i];
        char *bytes = NULL;
        size_t len = 0;
        if (kiln_input_read(path, max_doc_size, &bytes, &len, &err) < 0) {
            fprintf(errs, "kiln: %s: %s\n", path, err.message);
            failed++;
            continue;
        }
        int rc = kiln_doc_load(doc, path, i, bytes, len);
        free(bytes);
        if (rc < 0) {
            fprintf(errs, "kiln: %s: out of memory\n", path);
            failed++;
            continue;
        }
        if (kiln_runner_process(r, doc, &err) < 0) {
            fprintf(errs, "kiln: %s: %s\n", path, err.message);
            failed++;
            continue;
        }
        if (kiln_runner_emit(r, doc, &err) < 0) {
            fprintf(errs, "kiln: %s\n", err.message);
            write_failed = true;
            break;
        }
    }
    kiln_doc_free(doc);
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
