/* test_doc_edit.c — kiln_doc_remove_mentions keeps other layers' indices
 * into mentions right. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../core/doc_internal.h"
#include "kiln/doc.h"

/* A document with mentions of values 0..N-1, kinds as given. */
static kiln_doc *doc_with(const kiln_mention_kind *kinds, size_t n)
{
    kiln_doc *d = kiln_doc_new();
    assert_non_null(d);
    assert_int_equal(kiln_doc_load(d, "t", 0, "x", 1), 0);
    for (size_t i = 0; i < n; i++) {
        kiln_mention *m = kiln_doc_add_mention(d, "numbers");
        assert_non_null(m);
        m->value = (double)i;
        m->kind = kinds[i];
    }
    return d;
}

static kiln_comparison *add_cmp(kiln_doc *d, int32_t target, int32_t baseline)
{
    kiln_comparison *c = kiln_doc_add_comparison(d, "targets");
    assert_non_null(c);
    c->target = target;
    c->baseline = baseline;
    c->progress = 0.5;
    c->gap = 10;
    c->required_growth = 0.1;
    c->has_growth = true;
    c->met = true;
    return c;
}

static bool drop_kind(const kiln_mention *m, void *ctx)
{
    return m->kind == *(const kiln_mention_kind *)ctx;
}

static void test_removes_and_keeps_order(void **state)
{
    (void)state;
    const kiln_mention_kind k[] = {KILN_KIND_AMOUNT, KILN_KIND_SLOGAN,
                                   KILN_KIND_PERCENT, KILN_KIND_SLOGAN,
                                   KILN_KIND_AMOUNT};
    kiln_doc *d = doc_with(k, 5);
    kiln_mention_kind slogan = KILN_KIND_SLOGAN;
    size_t removed = 99;
    assert_int_equal(kiln_doc_remove_mentions(d, "drop", drop_kind, &slogan,
                                              &removed), 0);
    assert_int_equal(removed, 2);
    assert_int_equal(d->mentions.len, 3);
    assert_true(d->mentions.items[0].value == 0);
    assert_true(d->mentions.items[1].value == 2);
    assert_true(d->mentions.items[2].value == 4);
    /* The records kept are whole, not only their values. */
    assert_string_equal(d->mentions.items[1].stage, "numbers");
    assert_int_equal(d->mentions.items[1].kind, KILN_KIND_PERCENT);
    kiln_doc_free(d);
}

static void test_remaps_comparisons(void **state)
{
    (void)state;
    const kiln_mention_kind k[] = {KILN_KIND_AMOUNT, KILN_KIND_SLOGAN,
                                   KILN_KIND_AMOUNT, KILN_KIND_AMOUNT,
                                   KILN_KIND_SLOGAN};
    kiln_doc *d = doc_with(k, 5);
    add_cmp(d, 3, 0);  /* both kept: 3 -> 2, 0 -> 0 */
    add_cmp(d, 4, 2);  /* target removed: the comparison goes */
    kiln_comparison *c = add_cmp(d, 2, 1); /* baseline removed */
    c->diagnostic = "two baselines";
    add_cmp(d, 3, -1); /* no baseline to begin with */
    kiln_mention_kind slogan = KILN_KIND_SLOGAN;
    assert_int_equal(kiln_doc_remove_mentions(d, "drop", drop_kind, &slogan,
                                              NULL), 0);
    assert_int_equal(d->comparisons.len, 3);

    const kiln_comparison *a = &d->comparisons.items[0];
    assert_int_equal(a->target, 2);
    assert_int_equal(a->baseline, 0);
    assert_true(a->has_growth && a->met);
    assert_string_equal(a->diagnostic, "");

    const kiln_comparison *b = &d->comparisons.items[1];
    assert_int_equal(b->target, 1);
    assert_true(d->mentions.items[b->target].value == 2);
    assert_int_equal(b->baseline, -1);
    assert_false(b->has_growth);
    assert_false(b->met);
    assert_true(b->progress == 0 && b->gap == 0);
    assert_string_equal(b->diagnostic, "two baselines; baseline removed by drop");

    const kiln_comparison *e = &d->comparisons.items[2];
    assert_int_equal(e->target, 2);
    assert_int_equal(e->baseline, -1);
    assert_string_equal(e->diagnostic, "");
    kiln_doc_free(d);
}

static bool drop_all(const kiln_mention *m, void *ctx)
{
    (void)m;
    (*(int *)ctx)++;
    return true;
}

static bool drop_none(const kiln_mention *m, void *ctx)
{
    (void)m;
    (void)ctx;
    return false;
}

static void test_all_or_nothing(void **state)
{
    (void)state;
    const kiln_mention_kind k[] = {KILN_KIND_AMOUNT, KILN_KIND_RANK,
                                   KILN_KIND_AMOUNT};
    kiln_doc *d = doc_with(k, 3);
    add_cmp(d, 2, 0);
    size_t removed = 99;
    assert_int_equal(kiln_doc_remove_mentions(d, "drop", drop_none, NULL,
                                              &removed), 0);
    assert_int_equal(removed, 0);
    assert_int_equal(d->mentions.len, 3);
    assert_int_equal(d->comparisons.len, 1);
    assert_int_equal(d->comparisons.items[0].target, 2);

    int calls = 0;
    assert_int_equal(kiln_doc_remove_mentions(d, "drop", drop_all, &calls,
                                              &removed), 0);
    assert_int_equal(calls, 3); /* once per mention */
    assert_int_equal(removed, 3);
    assert_int_equal(d->mentions.len, 0);
    assert_int_equal(d->comparisons.len, 0);
    /* The layer still grows after a removal. */
    assert_non_null(kiln_doc_add_mention(d, "numbers"));
    assert_int_equal(d->mentions.len, 1);

    kiln_doc *empty = doc_with(k, 0);
    assert_int_equal(kiln_doc_remove_mentions(empty, "drop", drop_all, &calls,
                                              &removed), 0);
    assert_int_equal(removed, 0);
    assert_int_equal(calls, 3);
    kiln_doc_free(empty);
    kiln_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_removes_and_keeps_order),
        cmocka_unit_test(test_remaps_comparisons),
        cmocka_unit_test(test_all_or_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
