/* doc_edit.c — removing records from a document layer without breaking
 * the indices other layers hold into it. */
#include <stdint.h>

#include "kiln/doc.h"

int kiln_doc_remove_mentions(kiln_doc *doc, const char *stage,
                             kiln_mention_filter drop, void *ctx,
                             size_t *removed)
{
    size_t n = doc->mentions.len;
    if (removed)
        *removed = 0;
    if (n == 0)
        return 0;
    /* Old index -> new index, or -1 when removed. Allocated before any
     * change so that running out of memory leaves the document as it was. */
    int32_t *map = kiln_arena_calloc(doc->arena, n, sizeof *map);
    if (!map)
        return -1;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (drop(&doc->mentions.items[i], ctx)) {
            map[i] = -1;
            continue;
        }
        map[i] = (int32_t)kept;
        if (kept != i)
            doc->mentions.items[kept] = doc->mentions.items[i];
        kept++;
    }
    doc->mentions.len = kept;
    if (removed)
        *removed = n - kept;
    if (kept == n)
        return 0;

    size_t kept_cmp = 0;
    for (size_t i = 0; i < doc->comparisons.len; i++) {
        kiln_comparison c = doc->comparisons.items[i];
        if (c.target < 0 || (size_t)c.target >= n || map[c.target] < 0)
            continue; /* a comparison without its target means nothing */
        c.target = map[c.target];
        if (c.baseline >= 0 && (size_t)c.baseline < n) {
            c.baseline = map[c.baseline];
            if (c.baseline < 0) {
                /* The figures derived from the baseline go with it. */
                c.progress = c.gap = c.required_growth = 0;
                c.has_growth = false;
                c.met = false;
                const char *old = c.diagnostic ? c.diagnostic : "";
                const char *why = kiln_arena_printf(
                    doc->arena, "%s%sbaseline removed by %s", old,
                    old[0] ? "; " : "", stage ? stage : "a stage");
                c.diagnostic = why ? why : "baseline removed";
            }
        }
        doc->comparisons.items[kept_cmp++] = c;
    }
    doc->comparisons.len = kept_cmp;
    return 0;
}
