/* test_json_fields.c — the fast JSON Lines reader against jansson.
 *
 * Every case goes both ways: kiln_item_decode (jansson, the reference) and
 * kiln_item_load (the fast reader). Whatever the fast reader accepts,
 * jansson must accept with the same id and text; whatever jansson refuses,
 * the fast reader must hand back to it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../core/doc_internal.h"
#include "../core/inputs.h"
#include "../core/json_fields.h"

enum { EITHER = 0, FAST, SLOW };

/* Compare both readers on LINE; WANT says which one must take it. Returns
 * whether the fast reader took it. */
static int check_fields(const char *line, size_t len, const char *id_field,
                        const char *text_field, int want)
{
    kiln_item it = {.path = "in.jsonl", .line = 7, .jsonl = true,
                    .data = (char *)line, .len = len};
    kiln_input_options o = {.format = KILN_INPUT_JSONL,
                            .max_doc_size = (size_t)1 << 30,
                            .id_field = id_field, .text_field = text_field};
    kiln_decoded dec;
    kiln_error ref_err, err;
    int ref = kiln_item_decode(&it, &o, &dec, &ref_err);
    kiln_doc *doc = kiln_doc_new();
    assert_non_null(doc);
    int fast = kiln_item_load(&it, &o, doc, 3, &err);
    assert_true(fast == 0 || fast == 1);
    if (fast == 0) {
        if (ref != 0)
            fail_msg("fast reader took a line jansson refuses (%s): %.*s",
                     ref_err.message, (int)len, line);
        assert_int_equal(doc->original_len, dec.len);
        assert_memory_equal(doc->original, dec.text, dec.len);
        assert_int_equal(doc->original[dec.len], '\0');
        assert_string_equal(doc->id, dec.id);
        assert_int_equal(doc->input_no, 3);
    }
    if (want == FAST && fast != 0)
        fail_msg("fast reader refused: %.*s", (int)len, line);
    if (want == SLOW && fast == 0)
        fail_msg("fast reader took: %.*s", (int)len, line);
    kiln_decoded_free(&dec);
    kiln_doc_free(doc);
    return fast == 0;
}

static void fast_ok(const char *line)
{
    check_fields(line, strlen(line), NULL, NULL, FAST);
}

static void slow(const char *line)
{
    check_fields(line, strlen(line), NULL, NULL, SLOW);
}

static void valid_lines(void **state)
{
    (void)state;
    fast_ok("{\"id\":\"a\",\"text\":\"b\"}");
    fast_ok(" \t{ \"id\" : \"a\" , \"text\" : \"b\" } \r ");
    fast_ok("{\"text\":\"\"}");
    fast_ok("{\"text\":\"x\",\"other\":{\"a\":[1,2.5,-0,true,false,null,"
            "{},[],\"s\\n\"],\"b\":{\"c\":{}}},\"n\":-12.0}");
    fast_ok("{\"text\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"}");
    fast_ok("{\"text\":\"\\u00e9\\u4E2D\\ud83d\\ude00\\u0041\"}");
    fast_ok("{\"text\":\"\xE4\xB8\xAD\xE6\x96\x87 caf\xC3\xA9 \xF0\x9F\x98\x80"
            " \xEE\x80\x80\xE0\xA0\x80\xED\x9F\xBF\x7F\"}");
    fast_ok("{\"text\":\"a\\u0000b\"}");            /* NUL kept (len) */
    fast_ok("{\"id\":\"x\\u0000y\",\"text\":\"t\"}"); /* id cut at NUL */
    fast_ok("{\"text\":\"one\",\"text\":\"two\"}");  /* the last wins */
    fast_ok("{\"text\":1,\"text\":\"two\"}");
    fast_ok("{\"id\":\"a\",\"id\":7,\"text\":\"t\"}");
    fast_ok("{\"id\":-42,\"text\":\"t\"}");
    fast_ok("{\"id\":-0,\"text\":\"t\"}");
    fast_ok("{\"id\":123456789012345678,\"text\":\"t\"}");
    fast_ok("{\"id\":1.5,\"text\":\"t\"}");          /* FILE:LINE */
    fast_ok("{\"id\":true,\"text\":\"t\"}");
    fast_ok("{\"id\":null,\"text\":\"t\"}");
    fast_ok("{\"id\":{\"a\":1},\"text\":\"t\"}");
    fast_ok("{\"id\":\"a\\\"b\\\\c\\u4e2d\",\"text\":\"t\"}");
    fast_ok("{\"text\":\"long enough to take the word-at-a-time path: "
            "0123456789abcdefghijklmnopqrstuvwxyz\\\"end\"}");
    /* the same member as id and text */
    const char *same = "{\"k\":\"v\\n\"}";
    check_fields(same, strlen(same), "k", "k", FAST);
    /* field names chosen on the command line */
    const char *named = "{\"title\":\"T\",\"content\":\"C\"}";
    check_fields(named, strlen(named), "title", "content", FAST);
    /* NUL bytes inside the line: the length decides, not strlen */
    check_fields("{\"text\":\"a\\u0000\"}   ", 21, NULL, NULL, FAST);
}

static void rare_valid_lines_go_to_jansson(void **state)
{
    (void)state;
    slow("{\"te\\u0078t\":\"escaped key\"}");
    slow("{\"text\":\"t\",\"n\":1e5}");
    slow("{\"text\":\"t\",\"n\":1.5E-3}");
    slow("{\"id\":1234567890123456789,\"text\":\"t\"}");
    slow("{\"text\":2}");             /* not a string: jansson's message */
    slow("{\"id\":\"a\"}");            /* no text: jansson's message */
    slow("{}");
    slow("[\"text\"]");              /* not an object */
    char deep[2 * 300 + 32];
    size_t n = 0;
    n += (size_t)sprintf(deep + n, "{\"text\":\"t\",\"d\":");
    for (int i = 0; i < 300; i++)
        deep[n++] = '[';
    for (int i = 0; i < 300; i++)
        deep[n++] = ']';
    deep[n++] = '}';
    check_fields(deep, n, NULL, NULL, SLOW);
}

static void invalid_lines(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", " ", "{", "}", "{\"text\":\"t\"", "{\"text\":\"t\",}",
        "{\"text\" \"t\"}", "{\"text\":\"t\"} x", "{\"text\":\"t\"}{}",
        "{\"text\":\"t}", "{\"text\":\"a\tb\"}", "{\"text\":\"a\nb\"}",
        "{\"text\":\"\\ud800\"}", "{\"text\":\"\\udc00\"}",
        "{\"text\":\"\\ud800\\u0041\"}", "{\"text\":\"\\ud800x\"}",
        "{\"text\":\"\\x\"}", "{\"text\":\"\\u12\"}", "{\"text\":\"\\u12g4\"}",
        "{\"text\":\"\\", "{\"text\":\"\xC0\x80\"}", "{\"text\":\"\xED\xA0\x80\"}",
        "{\"text\":\"\xF5\x80\x80\x80\"}", "{\"text\":\"\xE4\xB8\"}",
        "{\"text\":\"\xE4\xB8", "{\"text\":\"\x80\"}", "{\"text\":\"\xF4\x90\x80\x80\"}",
        "{\"text\":\"t\",\"n\":01}", "{\"text\":\"t\",\"n\":1.}",
        "{\"text\":\"t\",\"n\":.5}", "{\"text\":\"t\",\"n\":+1}",
        "{\"text\":\"t\",\"n\":-}", "{\"text\":\"t\",\"n\":truex}",
        "{\"text\":\"t\",\"n\":nul}", "{\"text\":\"t\",\"n\":[1,]}",
        "{\"text\":\"t\",\"n\":{\"a\"}}", "{\"text\":\"t\",\"n\":1e400}",
        "{'text':'t'}", "{\"text\":\"t\"/**/}", "\xEF\xBB\xBF{\"text\":\"t\"}",
        "{\"\\u0000\":1,\"text\":\"t\"}", "{\"text\":\"t\",\"n\":{\"\\u0000\":1}}",
        "\"text\"", "42", "null",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        slow(bad[i]);
    check_fields("{\"text\":\"a\0b\"}", 14, NULL, NULL, SLOW); /* raw NUL */
}

/* Every prefix and every single-byte change of a few lines: both readers
 * must agree wherever the fast one answers. */
static void mutations_agree(void **state)
{
    (void)state;
    static const char *const seeds[] = {
        "{\"id\":12,\"text\":\"\xE4\xB8\xAD a\\n\\u00e9\\ud83d\\ude00\","
        "\"x\":[1,-2.5,{\"y\":null}],\"t\":true}",
        "{ \"text\" : \"0123456789abcdef\\\"\\\\\" , \"id\" : \"k\\/\" }",
    };
    static const unsigned char subs[] = {
        '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', '-', '.', 'e',
        'u', 'n', 't', 0, 0x1F, 0x7F, 0x80, 0xC2, 0xE4, 0xED, 0xF0, 0xFF};
    size_t fast = 0;
    for (size_t s = 0; s < sizeof seeds / sizeof *seeds; s++) {
        size_t len = strlen(seeds[s]);
        char *buf = malloc(len + 1);
        assert_non_null(buf);
        for (size_t cut = 0; cut <= len; cut++) {
            memcpy(buf, seeds[s], cut);
            fast += (size_t)check_fields(buf, cut, NULL, NULL, EITHER);
        }
        for (size_t i = 0; i < len; i++)
            for (size_t k = 0; k < sizeof subs; k++) {
                memcpy(buf, seeds[s], len);
                buf[i] = (char)subs[k];
                fast += (size_t)check_fields(buf, len, NULL, NULL, EITHER);
            }
        free(buf);
    }
    assert_true(fast > 100); /* the mutants exercised the fast reader */
}

/* The national reports corpus: every line goes the fast way. */
static void corpus_lines(void **state)
{
    (void)state;
    const char *dir = getenv("KILN_TEST_DATA");
    if (!dir)
        skip();
    char path[4096];
    snprintf(path, sizeof path, "%s/national-reports.jsonl", dir);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *line = NULL;
    size_t cap = 0, lines = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] == '\n')
            n--;
        check_fields(line, (size_t)n, "title", "content", FAST);
        lines++;
    }
    free(line);
    fclose(f);
    assert_true(lines > 10);
}

static void unescape_id(void **state)
{
    (void)state;
    char out[32];
    const char raw[] = "a\\tb\\u4e2d\\ud83d\\ude00\\\"";
    size_t n = kiln_json_unescape(raw, sizeof raw - 1, out);
    assert_int_equal(n, 1 + 1 + 1 + 3 + 4 + 1);
    assert_memory_equal(out, "a\tb\xE4\xB8\xAD\xF0\x9F\x98\x80\"", n + 1);
    assert_int_equal(kiln_json_unescape("", 0, out), 0);
    assert_int_equal(out[0], '\0');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_lines),
        cmocka_unit_test(rare_valid_lines_go_to_jansson),
        cmocka_unit_test(invalid_lines),
        cmocka_unit_test(mutations_agree),
        cmocka_unit_test(corpus_lines),
        cmocka_unit_test(unescape_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
