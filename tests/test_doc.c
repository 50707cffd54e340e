/* test_doc.c — alignment from text to original, the code-point index, the
 * shortest round-trip number format, UTF-8 validation, the arena's reuse
 * and the two-step document load. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../core/arena_internal.h"
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
    /* In text order first (the index filled as far as asked) ... */
    for (size_t k = 0; k < n_starts; k += 1 + k % 5)
        assert_int_equal(kiln_doc_orig_codepoint(d, starts[k]),
                         kiln_utf8_count(orig, starts[k]));
    /* ... then in any order. */
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

/* The definition kiln_format_double must match: every precision tried. */
static void format_by_search(char buf[32], double v)
{
    if (v == floor(v) && fabs(v) < 1e21) {
        snprintf(buf, 32, "%.0f", v);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, 32, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
}

static void test_format_double_matches_search(void **state)
{
    (void)state;
    static const double fixed[] = {
        1e-4, 0.00012, 9.99e-5, 0.05, 123456.5, 99999999999999.9,
        999999999999999.9, 0.1 + 0.2, 1.005, 2.675, 1e15 + 0.5, 12.34,
        -7.25, 3.0000000000000004, 0.30000000000000004, 1234567890.12345};
    char got[32], want[32];
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        format_by_search(want, fixed[i]);
        assert_string_equal(kiln_format_double(got, fixed[i]), want);
    }
    unsigned seed = 7;
    for (int i = 0; i < 200000; i++) {
        seed = seed * 1103515245u + 12345u;
        double v = (double)(seed >> 9) / pow(10, (seed >> 3) % 12);
        if (seed & 1)
            v = -v;
        if (v == 0)
            continue;
        format_by_search(want, v);
        assert_string_equal(kiln_format_double(got, v), want);
    }
}

static void expect_valid(const char *s, size_t len)
{
    size_t bad = 0;
    const char *why = NULL;
    assert_int_equal(kiln_utf8_validate(s, len, &bad, &why), 0);
}

static void expect_invalid(const char *s, size_t len, size_t at, const char *w)
{
    size_t bad = 0;
    const char *why = NULL;
    assert_int_equal(kiln_utf8_validate(s, len, &bad, &why), -1);
    assert_int_equal(bad, at);
    assert_string_equal(why, w);
}

static void test_utf8_validate(void **state)
{
    (void)state;
    expect_valid("", 0);
    expect_valid("abcdefghijklmnopq", 17);
    /* CJK runs, and one that ends the text exactly */
    expect_valid("\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD", 9);
    expect_valid("ab\xE4\xB8\xAD", 5);
    expect_valid("\xE0\xA0\x80\xED\x9F\xBF\xEF\xBF\xBF\xF0\x90\x80\x80\xC2\x80", 15);
    expect_invalid("abcdefgh\0", 9, 8, "NUL byte");
    expect_invalid("abcdefghijklmno\0xyz", 19, 15, "NUL byte");
    expect_invalid("\xE4\xB8\xAD\0", 4, 3, "NUL byte");
    /* truncated at the very end, after a run of CJK */
    expect_invalid("\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8", 8, 6, "invalid UTF-8");
    expect_invalid("\xE4", 1, 0, "invalid UTF-8");
    expect_invalid("\xE0\x80\x80", 3, 0, "invalid UTF-8");       /* overlong */
    expect_invalid("a\xED\xA0\x80" "b", 5, 1, "invalid UTF-8");     /* surrogate */
    expect_invalid("\xE4\xB8\xAD\xE4\x41\xAD", 6, 3, "invalid UTF-8");
    expect_invalid("\xF4\x90\x80\x80", 4, 0, "invalid UTF-8");
    expect_invalid("abcdefgh\x80", 9, 8, "invalid UTF-8");
}

/* The reference: one code point at a time with kiln_utf8_decode. */
static int validate_slowly(const char *s, size_t len, size_t *bad)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = s[i] ? kiln_utf8_decode(s + i, len - i, &cp) : 0;
        if (n == 0) {
            *bad = i;
            return -1;
        }
        i += n;
    }
    return 0;
}

/* Random mixes of plain CJK, valid but unusual leads (E0, ED, EF, F0),
 * surrogates, NUL, stray and cut sequences: the fast paths (two CJK
 * characters per load) must agree with the reference everywhere, and the
 * text and JSON readers use them. */
static void test_utf8_validate_matches_decode(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
    } pieces[] = {
        {"\xE4\xB8\xAD", 3}, {"\xE3\x80\x82", 3}, {"\xEF\xBC\x8C", 3},
        {"\xE0\xA0\x80", 3}, {"\xED\x9F\xBF", 3}, {"\xED\xA0\x80", 3},
        {"\xEF\xBF\xBF", 3}, {"\xF0\x9F\x98\x80", 4}, {"a", 1}, {"12", 2},
        {"\0", 1}, {"\x80", 1}, {"\xE4\xB8", 2}, {"\xC2\xA9", 2},
        {"\xE0\x80\x80", 3}};
    const size_t n_pieces = sizeof pieces / sizeof *pieces;
    unsigned seed = 4242;
    char buf[64];
    for (int round = 0; round < 200000; round++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        int n = (int)((seed >> 16) % 12);
        for (int k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            /* mostly plain CJK, as in a report */
            size_t pick = (seed >> 16) % 4 ? 0 : (seed >> 20) % n_pieces;
            memcpy(buf + len, pieces[pick].bytes, pieces[pick].len);
            len += pieces[pick].len;
        }
        char *heap = malloc(len ? len : 1); /* exact size: ASan sees overreads */
        assert_non_null(heap);
        memcpy(heap, buf, len);
        size_t want_bad = 0, got_bad = 0;
        const char *why;
        int want = validate_slowly(heap, len, &want_bad);
        int got = kiln_utf8_validate(heap, len, &got_bad, &why);
        assert_int_equal(got, want);
        if (want < 0)
            assert_int_equal(got_bad, want_bad);
        free(heap);
    }
}

static void test_utf8_count(void **state)
{
    (void)state;
    /* all continuation bytes (the lane sums at their largest), all ASCII,
     * and mixed text, at every length up to a few blocks */
    size_t max = 31 * 8 * 3 + 13;
    char *s = malloc(max);
    assert_non_null(s);
    for (int kind = 0; kind < 3; kind++) {
        unsigned seed = 3;
        for (size_t i = 0; i < max; i++) {
            seed = seed * 1103515245u + 12345u;
            s[i] = kind == 0 ? (char)0x80 : kind == 1 ? 'a'
                                                     : (char)(seed >> 16);
        }
        for (size_t len = 0; len <= max; len++) {
            size_t want = 0;
            for (size_t i = 0; i < len; i++)
                want += ((unsigned char)s[i] & 0xC0) != 0x80;
            assert_int_equal(kiln_utf8_count(s, len), want);
        }
    }
    free(s);
}

static void test_arena_reuse_and_extend(void **state)
{
    (void)state;
    kiln_arena *a = kiln_arena_new();
    assert_non_null(a);
    /* a 1 MB document: after reset its block is kept, so the same load
     * again fits without a new block (same address) */
    char *big = kiln_arena_take(a, (size_t)1 << 20);
    assert_non_null(big);
    memset(big, 'x', (size_t)1 << 20);
    kiln_arena_reset(a);
    assert_int_equal(kiln_arena_used(a), 0);
    char *again = kiln_arena_take(a, (size_t)1 << 20);
    assert_ptr_equal(again, big);
    kiln_arena_reset(a);
    /* the last allocation grows in place; an older one does not */
    char *p = kiln_arena_take(a, 100);
    assert_true(kiln_arena_extend(a, p, 100, 1000));
    assert_int_equal(kiln_arena_used(a), 1008);
    char *q = kiln_arena_take(a, 16);
    assert_true(q >= p + 1000);
    assert_false(kiln_arena_extend(a, p, 1000, 2000));
    assert_false(kiln_arena_extend(a, q, 16, SIZE_MAX));
    /* a huge block is not kept: the 1 MB one serves next */
    char *huge = kiln_arena_take(a, (size_t)64 << 20);
    assert_non_null(huge);
    kiln_arena_reset(a);
    assert_ptr_equal(kiln_arena_take(a, 100), big);
    kiln_arena_free(a);
}

static void test_doc_begin_commit(void **state)
{
    (void)state;
    kiln_doc *d = kiln_doc_new();
    assert_non_null(d);
    assert_int_equal(kiln_doc_load(d, "first", 0, "abc", 3), 0);
    assert_non_null(kiln_doc_add_segment(d, "s"));
    char *buf = kiln_doc_begin(d, 5, 10);
    assert_non_null(buf);
    assert_int_equal(d->segments.len, 0);
    assert_null(d->id);
    memcpy(buf, "hello", 5);
    kiln_doc_commit(d, kiln_arena_strndup(d->arena, "id", 2), 5);
    assert_string_equal(d->original, "hello");
    assert_int_equal(d->original_len, 5);
    assert_string_equal(d->id, "id");
    assert_int_equal(d->input_no, 5);
    /* checked only when the reader says so, and only for that document */
    assert_false(kiln_doc_original_checked(d));
    kiln_doc_mark_checked(d);
    assert_true(kiln_doc_original_checked(d));
    assert_int_equal(kiln_doc_load(d, "next", 6, "abc", 3), 0);
    assert_false(kiln_doc_original_checked(d));
    /* an empty document */
    assert_non_null(kiln_doc_begin(d, 6, 0));
    kiln_doc_commit(d, "", 0);
    assert_string_equal(d->original, "");
    kiln_doc_free(d);
}

static void test_layers_grow(void **state)
{
    (void)state;
    kiln_doc *d = kiln_doc_new();
    assert_non_null(d);
    assert_int_equal(kiln_doc_load(d, "x", 0, "abc", 3), 0);
    /* interleaved layers: some grow in place, some move */
    for (int i = 0; i < 5000; i++) {
        kiln_segment *s = kiln_doc_add_segment(d, "s");
        assert_non_null(s);
        assert_int_equal(s->parent, -1);
        assert_int_equal(s->span.end, 0);
        s->span.start = (size_t)i;
        if (i % 7 == 0) {
            kiln_mention *m = kiln_doc_add_mention(d, "m");
            assert_non_null(m);
            assert_true(m->value == 0);
            m->value = i;
        }
    }
    assert_int_equal(d->segments.len, 5000);
    for (size_t i = 0; i < d->segments.len; i++)
        assert_int_equal(d->segments.items[i].span.start, i);
    for (size_t i = 0; i < d->mentions.len; i++)
        assert_true(d->mentions.items[i].value == (double)(i * 7));
    kiln_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alignment_copy_fold_delete),
        cmocka_unit_test(test_no_alignment_is_identity),
        cmocka_unit_test(test_codepoint_index_long_text),
        cmocka_unit_test(test_format_double),
        cmocka_unit_test(test_format_double_matches_search),
        cmocka_unit_test(test_utf8_validate),
        cmocka_unit_test(test_utf8_validate_matches_decode),
        cmocka_unit_test(test_utf8_count),
        cmocka_unit_test(test_arena_reuse_and_extend),
        cmocka_unit_test(test_doc_begin_commit),
        cmocka_unit_test(test_layers_grow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
