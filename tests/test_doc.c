/* test_doc.c — alignment from text to original, the code-point index, and
 * the shortest round-trip number format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../core/doc_internal.h"
#include "kiln/utf8.h"

/* original: "ａ１２ b\n元" (ａ, １, ２ full-width, 3 bytes each)
 * text:     "a12b元": three folds, a deleted space, a copy, a deleted
 *           newline, a copy. */
static void test_alignment_copy_fold_delete(void **state)
{
    kiln_doc *d = kiln_doc_new();
    const char orig[] = "\xEF\xBD\x81\xEF\xBC\x91\xEF\xBC\x92 b\n\xE5\x85\x83";
    assert_int_equal(kiln_doc_load(d, "x", 0, orig, sizeof orig - 1), 0);
    char *text = kiln_arena_strndup(d->arena, "a12b\xE5\x85\x83", 7);
    kiln_align_run *runs = kiln_arena_calloc(d->arena, 6, sizeof *runs);
    runs[0] = (kiln_align_run){0, 1, 0, 3};  /* ａ -> a (fold)    */
    runs[1] = (kiln_align_run){1, 1, 3, 3};  /* １ -> 1 (fold)    */
    runs[2] = (kiln_align_run){2, 1, 6, 3};  /* ２ -> 2 (fold)    */
    runs[3] = (kiln_align_run){3, 0, 9, 1};  /* " " deleted       */
    runs[4] = (kiln_align_run){3, 1, 10, 1}; /* b copied          */
    runs[5] = (kiln_align_run){4, 0, 11, 1}; /* "\n" deleted      */
    kiln_align_run *all = kiln_arena_calloc(d->arena, 7, sizeof *all);
    memcpy(all, runs, 6 * sizeof *runs);
    all[6] = (kiln_align_run){4, 3, 12, 3};  /* 元 copied         */
    kiln_doc_set_text(d, text, 7, all, 7);
    assert_true(d->layers & KILN_LAYER_TEXT);

    /* Starts: a fold maps to its run's start, a copy byte by byte. */
    assert_int_equal(kiln_doc_text_to_orig(d, 0, false), 0);
    assert_int_equal(kiln_doc_text_to_orig(d, 1, false), 3);
    assert_int_equal(kiln_doc_text_to_orig(d, 2, false), 6);
    assert_int_equal(kiln_doc_text_to_orig(d, 3, false), 10);
    assert_int_equal(kiln_doc_text_to_orig(d, 4, false), 12);
    assert_int_equal(kiln_doc_text_to_orig(d, 5, false), 13);
    /* Ends: the end of the original bytes the last text byte came from. */
    assert_int_equal(kiln_doc_text_to_orig(d, 1, true), 3);
    assert_int_equal(kiln_doc_text_to_orig(d, 3, true), 9);
    assert_int_equal(kiln_doc_text_to_orig(d, 4, true), 11);
    assert_int_equal(kiln_doc_text_to_orig(d, 7, true), 15);

    /* "12" in text is "１２" in the original: code points 1..3. */
    kiln_span_out o = kiln_doc_span_out(d, (kiln_span){1, 3});
    assert_int_equal(o.cp_start, 1);
    assert_int_equal(o.cp_end, 3);
    assert_int_equal(o.orig_len, 6);
    assert_memory_equal(o.orig, "\xEF\xBC\x91\xEF\xBC\x92", 6);
    /* "b元" spans the deleted newline: original "b\n元", code points 4..7. */
    o = kiln_doc_span_out(d, (kiln_span){3, 7});
    assert_int_equal(o.cp_start, 4);
    assert_int_equal(o.cp_end, 7);
    assert_int_equal(o.orig_len, 5);
    /* An empty span is empty. */
    o = kiln_doc_span_out(d, (kiln_span){2, 2});
    assert_int_equal(o.orig_len, 0);
    assert_int_equal(o.cp_start, o.cp_end);
    kiln_doc_free(d);
}

static void test_no_alignment_is_identity(void **state)
{
    kiln_doc *d = kiln_doc_new();
    assert_int_equal(kiln_doc_load(d, "x", 0, "abc", 3), 0);
    kiln_doc_set_text(d, d->original, 3, NULL, 0);
    assert_int_equal(kiln_doc_text_to_orig(d, 2, false), 2);
    assert_int_equal(kiln_doc_text_to_orig(d, 3, true), 3);
    kiln_doc_free(d);
}

/* Mixed 1-, 2-, 3- and 4-byte characters over many 256-byte strides, probed
 * in a scattered order, against a plain count. */
static void test_codepoint_index_long_text(void **state)
{
    static const char *const pieces[] = {"a", "\xC3\xA9", "\xE5\x85\x83",
                                         "\xF0\x9F\x98\x80", "12", "\xE3\x80\x82"};
    size_t cap = 50000, len = 0;
    char *orig = malloc(cap);
    size_t *starts = malloc(cap * sizeof *starts), n_starts = 0;
    unsigned seed = 12345;
    while (len + 8 < cap) {
        seed = seed * 1103515245u + 12345u;
        const char *p = pieces[(seed >> 16) % 6];
        starts[n_starts++] = len;
        memcpy(orig + len, p, strlen(p));
        len += strlen(p);
    }
    starts[n_starts++] = len;
    kiln_doc *d = kiln_doc_new();
    assert_int_equal(kiln_doc_load(d, "long", 0, orig, len), 0);
    for (size_t k = 0; k < n_starts; k++) {
        size_t i = (k * 7919) % n_starts; /* scattered, not ascending */
        size_t off = starts[i];
        size_t want = kiln_utf8_count(orig, off);
        if (kiln_doc_orig_codepoint(d, off) != want)
            fail_msg("offset %zu: %zu != %zu", off, kiln_doc_orig_codepoint(d, off),
                     want);
    }
    assert_int_equal(kiln_doc_orig_codepoint(d, len), kiln_utf8_count(orig, len));
    /* Past the end clamps to the end. */
    assert_int_equal(kiln_doc_orig_codepoint(d, len + 10), kiln_utf8_count(orig, len));
    /* Reloading a shorter document rebuilds the index. */
    assert_int_equal(kiln_doc_load(d, "short", 1, "\xE5\x85\x83" "ab", 5), 0);
    assert_int_equal(kiln_doc_orig_codepoint(d, 3), 1);
    assert_int_equal(kiln_doc_orig_codepoint(d, 5), 3);
    kiln_doc_free(d);
    free(orig);
    free(starts);
}

static void expect_format(double v, const char *want)
{
    char buf[32];
    assert_string_equal(kiln_format_double(buf, v), want);
}

static void test_format_double(void **state)
{
    expect_format(0.1, "0.1");
    expect_format(73800000000.0, "73800000000");
    expect_format(-0.3, "-0.3");
    expect_format(1e21, "1e+21");
    expect_format(0, "0");
    expect_format(-0.0, "0");
    expect_format(5.1, "5.1");
    expect_format(1e20, "100000000000000000000");
    expect_format(0.0667, "0.0667");
    expect_format(1.0 / 3, "0.3333333333333333");
    /* Round trip on many values: the text reads back as the same double,
     * and no shorter precision would. */
    unsigned seed = 42;
    for (int i = 0; i < 20000; i++) {
        seed = seed * 1103515245u + 12345u;
        double v = (double)(seed >> 8) / ((seed & 0xff) + 1) * ((seed & 1) ? 1e-5 : 1e7);
        char buf[32];
        kiln_format_double(buf, v);
        assert_true(strtod(buf, NULL) == v);
        assert_true(strlen(buf) < 32);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alignment_copy_fold_delete),
        cmocka_unit_test(test_no_alignment_is_identity),
        cmocka_unit_test(test_codepoint_index_long_text),
        cmocka_unit_test(test_format_double),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
