/* test_eval.c — the pieces of kiln eval: SHA-256, gold file names, gold
 * located in a report as score.py does (occurrences, broken text), and
 * score.py's matching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../core/gold.h"
#include "../core/score.h"
#include "../core/sha256.h"

static void sha(const char *s, char hex[65])
{
    kiln_sha256 c;
    kiln_sha256_init(&c);
    kiln_sha256_update(&c, s, strlen(s));
    kiln_sha256_hex(&c, hex);
}

static void test_sha256_vectors(void **state)
{
    (void)state;
    char hex[65];
    sha("", hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha("abc", hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    /* 56 bytes: the padding needs a second block. */
    sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* Fed in pieces: the same digest. */
    kiln_sha256 c;
    kiln_sha256_init(&c);
    const char *s = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i += 5)
        kiln_sha256_update(&c, s + i, n - i < 5 ? n - i : 5);
    kiln_sha256_hex(&c, hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_gold_names(void **state)
{
    (void)state;
    char *stem;
    kiln_gold_type type;
    kiln_error err;
    assert_int_equal(kiln_gold_name("g/liling-2021.mentions.jsonl", &stem, &type, &err), 0);
    assert_string_equal(stem, "liling-2021");
    assert_int_equal(type, KILN_GOLD_MENTIONS);
    free(stem);
    assert_int_equal(kiln_gold_name("a.b.unpaired-targets.jsonl", &stem, &type, &err), 0);
    assert_string_equal(stem, "a.b");
    assert_int_equal(type, KILN_GOLD_TARGETS);
    free(stem);
    assert_int_equal(kiln_gold_name("x.notes.jsonl", &stem, &type, &err), -1);
    assert_non_null(strstr(err.message, "x.notes.jsonl"));
    assert_int_equal(kiln_gold_name("mentions.jsonl", &stem, &type, &err), -1);
    char *r = kiln_report_stem("dir/a.b.txt");
    assert_string_equal(r, "a.b");
    free(r);
}

static kiln_gold_file *gold_from(const char *lines)
{
    char path[] = "/tmp/kiln-test-eval-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    char name[64];
    snprintf(name, sizeof name, "%s.mentions.jsonl", path);
    FILE *f = fopen(name, "w");
    assert_non_null(f);
    fputs(lines, f);
    fclose(f);
    kiln_error err;
    kiln_gold_file *g = kiln_gold_read(name, &err);
    remove(name);
    remove(path);
    return g;
}

static void test_locate(void **state)
{
    (void)state;
    /* "aXa" twice overlapping: str.find counts overlaps; a broken text
     * skips whitespace (here a line break and an ideographic space). */
    const char *report = "前aXaXa后 20余\n\u3000条 20余条";
    kiln_codepoints cp;
    assert_int_equal(kiln_codepoints_decode(report, strlen(report), &cp), 0);
    kiln_gold_file *g = gold_from(
        "{\"text\": \"aXa\", \"occurrence\": 2, \"value\": 1}\n"
        "\n"
        "{\"text\": \"20余条\", \"broken\": true, \"value\": \"20\"}\n"
        "{\"text\": \"20余条\", \"occurrence\": 1, \"value\": 20, \"kind\": \"amount\"}\n");
    assert_non_null(g);
    assert_int_equal(g->n, 3);
    kiln_error err;
    assert_int_equal(kiln_gold_locate(g, &cp, "r.txt", &err), 0);
    assert_int_equal(g->mentions[0].start, 3);
    assert_int_equal(g->mentions[0].end, 6);
    assert_int_equal(g->mentions[1].start, 8);
    assert_int_equal(g->mentions[1].end, 14);
    assert_true(g->mentions[1].has_value);
    assert_true(g->mentions[1].value == 20);
    assert_int_equal(g->mentions[2].start, 15);
    assert_string_equal(g->mentions[2].attr[KILN_GOLD_KIND], "amount");
    assert_string_equal(g->mentions[2].attr[KILN_GOLD_ROLE], "");
    kiln_gold_free(g);

    /* Not there at that occurrence: an error naming gold line 2. */
    g = gold_from("{\"text\": \"aXa\"}\n{\"text\": \"aXa\", \"occurrence\": 3}\n");
    assert_non_null(g);
    assert_int_equal(kiln_gold_locate(g, &cp, "r.txt", &err), -1);
    assert_non_null(strstr(err.message, ".mentions.jsonl:2: text 'aXa' occurrence 3 not in r.txt (2 found)"));
    kiln_gold_free(g);
    kiln_codepoints_free(&cp);
}

static void test_bad_gold(void **state)
{
    (void)state;
    assert_null(gold_from("{\"text\": \"a\"}\n{\"text\": \n"));
    assert_null(gold_from("{\"value\": 1}\n"));
    assert_null(gold_from("[1]\n"));
}

static kiln_gold_mention gm(size_t s, size_t e, double v, const char *kind)
{
    kiln_gold_mention m = {.start = s, .end = e, .value = v, .has_value = true};
    m.attr[KILN_GOLD_KIND] = (char *)kind;
    m.attr[KILN_GOLD_UNIT] = m.attr[KILN_GOLD_ROLE] = m.attr[KILN_GOLD_INDICATOR] = (char *)"";
    return m;
}

static kiln_pred pr(size_t s, size_t e, double v, const char *kind)
{
    return (kiln_pred){.start = s, .end = e, .value = v,
                       .attr = {"", kind, "", ""}};
}

static void test_match(void **state)
{
    (void)state;
    kiln_gold_mention gold[] = {gm(10, 14, 5, "amount"), gm(20, 24, 7, "amount"),
                                gm(30, 32, 3, "slogan")};
    /* Gold 0: two overlapping equal-value predictions, neither exact: the
     * last wins. Gold 1: the exact one wins though a later one overlaps.
     * Gold 2: the value differs: missed. */
    kiln_pred pred[] = {pr(9, 12, 5, "amount"), pr(12, 15, 5, "amount"),
                        pr(20, 24, 7, "amount"), pr(22, 26, 7, "percent"),
                        pr(30, 32, 4, "slogan")};
    long g2p[3], p2g[5];
    kiln_score_match(gold, 3, pred, 5, g2p, p2g);
    assert_int_equal(g2p[0], 1);
    assert_int_equal(g2p[1], 2);
    assert_int_equal(g2p[2], -1);
    assert_int_equal(p2g[0], -1);
    assert_int_equal(p2g[3], -1);

    kiln_score s = {0};
    bool has[KILN_GOLD_ATTRS] = {true, true, false, false};
    kiln_score_add(&s, gold, 3, pred, 5, g2p, has);
    assert_int_equal(s.matched, 2);
    assert_int_equal(s.exact, 1);
    assert_int_equal(s.attr_n[KILN_GOLD_KIND], 2);
    assert_int_equal(s.attr_n[KILN_GOLD_ROLE], 0);
    size_t slogan = kiln_score_kind_index("slogan");
    assert_int_equal(s.kind_gold[slogan], 1);
    assert_int_equal(s.kind_gold_hit[slogan], 0);
    assert_true(kiln_score_same(1e10, 1e10 + 1));
    assert_false(kiln_score_same(1, 1.001));

    /* --skip-kinds=slogan drops gold 2 and the prediction over it only. */
    size_t ng = 3, np = 5;
    kiln_score_skip_kinds(gold, &ng, pred, &np, "ordinal,slogan");
    assert_int_equal(ng, 2);
    assert_int_equal(np, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_vectors),
        cmocka_unit_test(test_gold_names),
        cmocka_unit_test(test_locate),
        cmocka_unit_test(test_bad_gold),
        cmocka_unit_test(test_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
