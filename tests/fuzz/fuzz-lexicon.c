/* fuzz-lexicon.c — the TSV reader and every lexicon loader.
 *
 * The first byte picks the loader (raw rows, units, numbers units,
 * numbers cues, targets cues, targets indicators); the rest is written to
 * a temporary file, since the loaders read paths as they do in use. A
 * malformed lexicon must be refused with one line naming the file. */
#include <unistd.h>

#include "fuzz.h"

#include "../../plugins/numbers/numbers.h"
#include "../../plugins/targets/targets_internal.h"
#include "../../plugins/units/units.h"

static int count_row(void *ctx, const kiln_tsv_row *row, kiln_error *err)
{
    size_t *n = ctx;
    if (row->n_fields == 0 || row->n_fields > KILN_TSV_MAX_FIELDS)
        abort();
    for (size_t i = 0; i < row->n_fields; i++)
        *n += strlen(row->field[i]);
    return 0;
}

static int load(unsigned which, const char *path, kiln_error *err)
{
    int rc = -1;
    switch (which % 6) {
    case 0: {
        size_t n = 0;
        rc = kiln_tsv_read(path, count_row, &n, err);
        break;
    }
    case 1: {
        units_lexicon lex;
        memset(&lex, 0, sizeof lex);
        rc = units_lexicon_load(&lex, path, err);
        if (rc == 0) {
            units_lexicon_free(&lex);
        }
        break;
    }
    case 2:
    case 3: {
        kiln_arena *a = kiln_arena_new();
        numbers_lexicon *lex = a ? numbers_lexicon_new(a) : NULL;
        if (!lex)
            abort();
        rc = which % 6 == 2 ? numbers_lexicon_read_units(lex, path, err)
                            : numbers_lexicon_read_cues(lex, path, err);
        numbers_lexicon_free(lex);
        kiln_arena_free(a);
        break;
    }
    case 4: {
        tg_cues cues;
        memset(&cues, 0, sizeof cues);
        rc = tg_cues_load(&cues, path, err);
        tg_cues_free(&cues);
        break;
    }
    case 5: {
        tg_lexicon lex;
        memset(&lex, 0, sizeof lex);
        rc = tg_lexicon_load(&lex, path, err);
        tg_lexicon_free(&lex);
        break;
    }
    }
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char path[] = "/tmp/kiln-fuzz-lexicon-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        abort();
    size_t off = 1;
    while (off < size) {
        ssize_t w = write(fd, data + off, size - off);
        if (w <= 0)
            abort();
        off += (size_t)w;
    }
    close(fd);
    kiln_error err = {0};
    if (load(data[0], path, &err) < 0 &&
        (!strstr(err.message, path) || strchr(err.message, '\n')))
        abort(); /* a refusal names the file, on one line */
    unlink(path);
    return 0;
}
