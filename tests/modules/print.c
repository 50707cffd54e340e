/* print.c — test-only exporter: "ID:N: LINE" for each segment, plus an
 * optional header written once at init and a footer at finish. */
#include <stdlib.h>
#include <string.h>

#include "kiln/kiln.h"

typedef struct print_options {
    const char *output;
    const char *header;
    bool footer;
    int64_t repeat;
    int style; /* 0 full, 1 count */
} print_options;

static const kiln_option print_option_table[] = {
    {.key = "output", .type = KILN_OPT_PATH, .default_value = "-",
     .offset = offsetof(print_options, output), .help = "file to write, - for stdout"},
    {.key = "header", .type = KILN_OPT_STRING, .default_value = "",
     .offset = offsetof(print_options, header), .help = "line written first"},
    {.key = "footer", .type = KILN_OPT_BOOL, .default_value = "no",
     .offset = offsetof(print_options, footer), .help = "write 'end N' at finish"},
    {.key = "repeat", .type = KILN_OPT_INT, .default_value = "1",
     .offset = offsetof(print_options, repeat), .help = "print each line N times"},
    {.key = "style", .type = KILN_OPT_ENUM, .default_value = "full",
     .offset = offsetof(print_options, style), .help = "what to print",
     .choices = "full|count"},
    {0}};

typedef struct print_state {
    kiln_output *out;
    print_options opt;
} print_state;

static int cb_init(const kiln_config *cfg, void **state, kiln_error *err)
{
    print_state *s = calloc(1, sizeof *s);
    if (!s)
        return kiln_error_set(err, "out of memory");
    s->opt = *(const print_options *)cfg->options;
    s->out = kiln_output_open(cfg, s->opt.output, err);
    if (!s->out ||
        (s->opt.header[0] &&
         (kiln_output_write(s->out, s->opt.header, strlen(s->opt.header), err) < 0 ||
          kiln_output_write(s->out, "\n", 1, err) < 0))) {
        free(s); /* a failed init cleans up after itself: no fini follows */
        return -1;
    }
    *state = s;
    return 0;
}

static int cb_process(void *state, kiln_doc *doc, kiln_error *err)
{
    const print_state *s = state;
    kiln_buf *b = kiln_doc_output(doc, s->out);
    if (!b)
        return kiln_error_set(err, "out of memory");
    if (s->opt.style == 1)
        return kiln_buf_printf(b, "%s: %zu\n", doc->id, doc->segments.len);
    for (size_t i = 0; i < doc->segments.len; i++) {
        kiln_span sp = doc->segments.items[i].span;
        for (int64_t r = 0; r < s->opt.repeat; r++)
            if (kiln_buf_printf(b, "%s:%zu: %.*s\n", doc->id, i + 1,
                                (int)(sp.end - sp.start), doc->text + sp.start) < 0)
                return kiln_error_set(err, "out of memory");
    }
    return 0;
}

static int cb_finish(void *state, kiln_error *err)
{
    const print_state *s = state;
    return s->opt.footer ? kiln_output_write(s->out, "end\n", 4, err) : 0;
}

static void cb_fini(void *state)
{
    free(state);
}

KILN_STAGE_EXPORT const kiln_stage kiln_stage_print = {
    KILN_STAGE_HEADER,
    .name = "print",
    .summary = "test: print each segment",
    .options = print_option_table,
    .options_size = sizeof(print_options),
    .requires = KILN_LAYER_SEGMENTS,
    .init = cb_init,
    .process = cb_process,
    .finish = cb_finish,
    .fini = cb_fini,
};
