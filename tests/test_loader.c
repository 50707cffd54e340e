/* test_loader.c — finding, checking and refusing stage modules, and the
 * runner driving the test-only modules of tests/modules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../core/loader.h"
#include "../core/pipeline.h"
#include "../core/runner.h"

#ifndef KILN_TEST_MODULES
#error "KILN_TEST_MODULES must name the built tests/modules directory"
#endif

static kiln_loader *modules_loader(void)
{
    /* only the test modules (the stage dir is an empty one) */
    unsetenv("KILN_PLUGIN_PATH");
    setenv("KILN_STAGEDIR", KILN_TEST_MODULES "/none", 1);
    const char *dirs[] = {KILN_TEST_MODULES};
    kiln_error err;
    kiln_loader *l = kiln_loader_new(dirs, 1, &err);
    if (!l)
        fail_msg("%s", err.message);
    return l;
}

static void test_good_module_loads(void **state)
{
    kiln_loader *l = modules_loader();
    const kiln_stage *st;
    const char *file;
    kiln_error err;
    if (kiln_loader_find(l, "print", &st, &file, &err) < 0)
        fail_msg("%s", err.message);
    assert_string_equal(st->name, "print");
    assert_int_equal(st->requires, KILN_LAYER_SEGMENTS);
    assert_non_null(strstr(file, "/print.la"));
    /* A second lookup gives the same descriptor. */
    const kiln_stage *again;
    assert_int_equal(kiln_loader_find(l, "print", &again, &file, &err), 0);
    assert_ptr_equal(st, again);
    kiln_loader_free(l);
}

static void expect_refused(const char *name, const char *const *needles)
{
    kiln_loader *l = modules_loader();
    const kiln_stage *st = NULL;
    const char *file;
    kiln_error err;
    assert_int_equal(kiln_loader_find(l, name, &st, &file, &err), -1);
    assert_null(st);
    char want_file[256];
    snprintf(want_file, sizeof want_file, "%s/%s.la", KILN_TEST_MODULES, name);
    if (!strstr(err.message, want_file))
        fail_msg("%s: no file name in '%s'", name, err.message);
    for (size_t i = 0; needles[i]; i++)
        if (!strstr(err.message, needles[i]))
            fail_msg("%s: no '%s' in '%s'", name, needles[i], err.message);
    kiln_loader_free(l);
}

static void test_bad_abi_refused(void **state)
{
    char ours[32];
    snprintf(ours, sizeof ours, "supports %d.%d", KILN_ABI_MAJOR, KILN_ABI_MINOR);
    char major[32], minor[32];
    snprintf(major, sizeof major, "stage ABI %d.0", KILN_ABI_MAJOR + 1);
    snprintf(minor, sizeof minor, "stage ABI %d.%d", KILN_ABI_MAJOR, KILN_ABI_MINOR + 1);
    expect_refused("abi-major", (const char *[]){major, ours, "rebuild", NULL});
    expect_refused("abi-minor", (const char *[]){minor, ours, NULL});
    char size[64], expects[64], abi[32];
    snprintf(size, sizeof size, "of %zu bytes", sizeof(kiln_stage) - sizeof(void *));
    snprintf(expects, sizeof expects, "expects %zu bytes", sizeof(kiln_stage));
    snprintf(abi, sizeof abi, "ABI %d.%d", KILN_ABI_MAJOR, KILN_ABI_MINOR);
    expect_refused("bad-size", (const char *[]){size, expects, abi, NULL});
}

static void test_missing_stage_suggests(void **state)
{
    kiln_loader *l = modules_loader();
    const kiln_stage *st;
    const char *file;
    kiln_error err;
    assert_int_equal(kiln_loader_find(l, "lnies", &st, &file, &err), -1);
    assert_non_null(strstr(err.message, "no stage 'lnies' in --plugin-path "));
    assert_non_null(strstr(err.message, "did you mean 'lines'?"));
    assert_int_equal(kiln_loader_find(l, "zzzzzzzz", &st, &file, &err), -1);
    assert_null(strstr(err.message, "did you mean"));
    kiln_loader_free(l);
}

static void test_listing(void **state)
{
    kiln_loader *l = modules_loader();
    const kiln_stage_entry *list;
    long n = kiln_loader_list(l, &list);
    assert_int_equal(n, 5);
    /* Sorted by name; the refused ones carry their error. */
    assert_string_equal(list[0].name, "abi-major");
    assert_null(list[0].stage);
    assert_non_null(strstr(list[0].error, "ABI"));
    assert_string_equal(list[3].name, "lines");
    assert_non_null(list[3].stage);
    assert_string_equal(list[4].name, "print");
    assert_non_null(list[4].stage);
    kiln_loader_free(l);
}

static void test_same_name_in_two_dirs_refused(void **state)
{
    char a[] = "/tmp/kiln-loader-a-XXXXXX", b[] = "/tmp/kiln-loader-b-XXXXXX";
    assert_non_null(mkdtemp(a));
    assert_non_null(mkdtemp(b));
    char so[512], la[512], lb[512];
    snprintf(so, sizeof so, "%s/.libs/lines.so", KILN_TEST_MODULES);
    snprintf(la, sizeof la, "%s/lines.so", a);
    snprintf(lb, sizeof lb, "%s/lines.so", b);
    assert_int_equal(symlink(so, la), 0);
    assert_int_equal(symlink(so, lb), 0);
    const char *dirs[] = {a, b, a}; /* a twice is one directory, no clash */
    kiln_error err;
    unsetenv("KILN_PLUGIN_PATH");
    kiln_loader *l = kiln_loader_new(dirs, 1, &err);
    const kiln_stage *st;
    const char *file;
    assert_int_equal(kiln_loader_find(l, "lines", &st, &file, &err), 0);
    assert_string_equal(file, la);
    kiln_loader_free(l);
    l = kiln_loader_new(dirs, 3, &err);
    assert_int_equal(kiln_loader_find(l, "lines", &st, &file, &err), -1);
    assert_non_null(strstr(err.message, la));
    assert_non_null(strstr(err.message, lb));
    kiln_loader_free(l);
    /* Also when the second directory comes from the environment. */
    setenv("KILN_PLUGIN_PATH", b, 1);
    l = kiln_loader_new(dirs, 1, &err);
    assert_int_equal(kiln_loader_find(l, "lines", &st, &file, &err), -1);
    assert_non_null(strstr(err.message, "found twice"));
    kiln_loader_free(l);
    unsetenv("KILN_PLUGIN_PATH");
    unlink(la);
    unlink(lb);
    rmdir(a);
    rmdir(b);
    assert_null(kiln_loader_new((const char *[]){"/nonexistent-dir"}, 1, &err));
    assert_non_null(strstr(err.message, "--plugin-path /nonexistent-dir"));
}

/* ---- the runner, on the test modules ------------------------------- */

static char tmpdir[64];

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_runner_good_and_bad_documents(void **state)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/kiln-runner-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    write_file("a.txt", "one\ntwo");
    write_file("b.txt", "BAD line");
    write_file("c.txt", "three");
    char line[2048], out[256], a[256], b[256], c[256], missing[256];
    snprintf(out, sizeof out, "%s/out.txt", tmpdir);
    snprintf(a, sizeof a, "%s/a.txt", tmpdir);
    snprintf(b, sizeof b, "%s/b.txt", tmpdir);
    snprintf(c, sizeof c, "%s/c.txt", tmpdir);
    snprintf(missing, sizeof missing, "%s/missing.txt", tmpdir);
    snprintf(line, sizeof line, "lines fail_on=BAD ! print output=%s header=H "
             "footer=yes", out);
    kiln_error err;
    kiln_pipeline *p = kiln_pipeline_parse_line(line, &err);
    assert_non_null(p);
    kiln_loader *l = modules_loader();
    kiln_runner *r = kiln_runner_new(p, l, false, &err);
    if (!r)
        fail_msg("%s", err.message);
    /* Nothing at the destination until the run ends. */
    assert_int_equal(access(out, F_OK), -1);
    char *inputs[] = {a, b, missing, c};
    char *errs_text = NULL;
    size_t errs_len = 0;
    FILE *errs = open_memstream(&errs_text, &errs_len);
    int rc = kiln_runner_run(r, inputs, 4, 1 << 20, errs);
    fclose(errs);
    assert_int_equal(rc, KILN_EXIT_DOC_FAILED);
    char want[1024];
    snprintf(want, sizeof want, "H\n%s:1: one\n%s:2: two\n%s:1: three\nend\n", a, a, c);
    assert_string_equal(slurp(out), want);
    /* One line per failed document, naming it. */
    snprintf(want, sizeof want, "kiln: %s: line 1: found 'BAD'\n"
             "kiln: %s: cannot open: No such file or directory\n", b, missing);
    assert_string_equal(errs_text, want);
    free(errs_text);
    kiln_runner_free(r);
    kiln_loader_free(l);
    kiln_pipeline_free(p);
    unlink(out);
}

static void test_runner_too_large_and_shared_output(void **state)
{
    char line[2048], out[256], a[256], c[256];
    snprintf(out, sizeof out, "%s/shared.txt", tmpdir);
    snprintf(a, sizeof a, "%s/a.txt", tmpdir);
    snprintf(c, sizeof c, "%s/c.txt", tmpdir);
    /* Two printers on one file: one output, rows of a document together. */
    snprintf(line, sizeof line, "lines ! print output=%s ! print:twice output=%s "
             "style=count", out, out);
    kiln_error err;
    kiln_pipeline *p = kiln_pipeline_parse_line(line, &err);
    kiln_loader *l = modules_loader();
    kiln_runner *r = kiln_runner_new(p, l, false, &err);
    assert_non_null(r);
    char *inputs[] = {a, c};
    FILE *errs = tmpfile();
    /* a.txt is 7 bytes: over a 6-byte limit it fails, c.txt (5) passes. */
    assert_int_equal(kiln_runner_run(r, inputs, 2, 6, errs), KILN_EXIT_DOC_FAILED);
    rewind(errs);
    char msg[512] = "";
    assert_non_null(fgets(msg, sizeof msg, errs));
    fclose(errs);
    assert_non_null(strstr(msg, a));
    assert_non_null(strstr(msg, "too large"));
    char want[1024];
    snprintf(want, sizeof want, "%s:1: three\n%s: 1\n", c, c);
    assert_string_equal(slurp(out), want);
    kiln_runner_free(r);
    kiln_loader_free(l);
    kiln_pipeline_free(p);
    unlink(out);
}

static void test_runner_load_time_errors(void **state)
{
    kiln_loader *l = modules_loader();
    kiln_error err;
    /* Layer order: print needs segments, which only lines provides. */
    kiln_pipeline *p = kiln_pipeline_parse("x.pipeline", ".", "[print]\n[lines]\n", 16,
                                           &err);
    assert_non_null(p);
    assert_null(kiln_runner_new(p, l, false, &err));
    assert_string_equal(err.message, "x.pipeline:1: print requires segments, which no "
                                     "stage before it provides (put lines before print)");
    kiln_pipeline_free(p);
    p = kiln_pipeline_parse_line("print", &err);
    assert_null(kiln_runner_new(p, l, false, &err));
    assert_non_null(strstr(err.message, "(add lines before print)"));
    kiln_pipeline_free(p);
    /* An output in a missing directory fails at init, naming the place. */
    p = kiln_pipeline_parse_line("lines ! print output=/nonexistent/dir/o.txt", &err);
    assert_null(kiln_runner_new(p, l, false, &err));
    assert_string_equal(err.message, "-p: stage 2: stage 'print': output "
                                     "'/nonexistent/dir/o.txt': directory "
                                     "'/nonexistent/dir' does not exist");
    kiln_pipeline_free(p);
    /* A refused module is reported where the pipeline names it. */
    p = kiln_pipeline_parse_line("lines ! abi-major", &err);
    assert_null(kiln_runner_new(p, l, false, &err));
    assert_non_null(strstr(err.message, "-p: stage 2: "));
    assert_non_null(strstr(err.message, "abi-major.la: stage ABI"));
    kiln_pipeline_free(p);
    kiln_loader_free(l);
    rmdir(tmpdir); /* fails harmlessly if a test left files behind */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_module_loads),
        cmocka_unit_test(test_bad_abi_refused),
        cmocka_unit_test(test_missing_stage_suggests),
        cmocka_unit_test(test_listing),
        cmocka_unit_test(test_same_name_in_two_dirs_refused),
        cmocka_unit_test(test_runner_good_and_bad_documents),
        cmocka_unit_test(test_runner_too_large_and_shared_output),
        cmocka_unit_test(test_runner_load_time_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
