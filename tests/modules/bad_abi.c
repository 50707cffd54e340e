/* bad_abi.c — test-only modules the loader must refuse. Built three times
 * with BAD_KIND naming what is wrong; the symbol follows the file name. */
#include "kiln/kiln.h"

static int cb_init(const kiln_config *cfg, void **state, kiln_error *err)
{
    return 0;
}

static int cb_process(void *state, kiln_doc *doc, kiln_error *err)
{
    return 0;
}

#if BAD_KIND == 1 /* a future major ABI */
#define SYMBOL kiln_stage_abi_major
#define NAME "abi-major"
#define MAJOR (KILN_ABI_MAJOR + 1)
#define MINOR 0
#define SIZE sizeof(kiln_stage)
#elif BAD_KIND == 2 /* a newer minor than this core */
#define SYMBOL kiln_stage_abi_minor
#define NAME "abi-minor"
#define MAJOR KILN_ABI_MAJOR
#define MINOR (KILN_ABI_MINOR + 1)
#define SIZE sizeof(kiln_stage)
#else /* a descriptor of another size */
#define SYMBOL kiln_stage_bad_size
#define NAME "bad-size"
#define MAJOR KILN_ABI_MAJOR
#define MINOR KILN_ABI_MINOR
#define SIZE (sizeof(kiln_stage) - sizeof(void *))
#endif

KILN_STAGE_EXPORT const kiln_stage SYMBOL = {
    .abi_major = MAJOR,
    .abi_minor = MINOR,
    .struct_size = (uint32_t)(SIZE),
    .name = NAME,
    .summary = "test: refused by the loader",
    .init = cb_init,
    .process = cb_process,
};
