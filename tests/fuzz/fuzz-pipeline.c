/* fuzz-pipeline.c — the pipeline file parser, the one-line form and
 * --set, on any bytes. Every refusal must be one line; every accepted
 * stage name must be a plain name (never a path). */
#include "fuzz.h"

#include "../../core/pipeline.h"

static void check_names(const kiln_pipeline *p)
{
    for (size_t i = 0; i < p->n_stages; i++) {
        const char *n = p->stages[i].name;
        if (!*n || strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789_-") !=
                       strlen(n))
            abort();
    }
}

static void one_line(const kiln_error *err)
{
    if (!err->message[0] || strchr(err->message, '\n'))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kiln_error err = {0};
    kiln_pipeline *p = kiln_pipeline_parse("fuzz.pipeline", "/nonexistent",
                                           (const char *)data, size, &err);
    if (p) {
        check_names(p);
        kiln_pipeline_free(p);
    } else {
        one_line(&err);
    }
    /* the same bytes, up to the first NUL, as -p and as --set */
    char *line = malloc(size + 1);
    if (!line)
        abort();
    memcpy(line, data, size);
    line[size] = '\0';
    err.message[0] = '\0';
    p = kiln_pipeline_parse_line(line, &err);
    if (p) {
        check_names(p);
        if (kiln_pipeline_set(p, line, &err) < 0)
            one_line(&err);
        kiln_pipeline_free(p);
    } else {
        one_line(&err);
    }
    free(line);
    return 0;
}
