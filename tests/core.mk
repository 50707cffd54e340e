# tests: core — pipeline parser, loader, runner, document helpers.

# Test-only stage modules (never installed): a line splitter and a printer
# to drive the runner, and modules the loader must refuse.
kiln_test_module_flags = -module -rpath /nowhere -avoid-version -no-undefined \
	-shared -export-symbols-regex '^kiln_stage_'
check_LTLIBRARIES += tests/modules/lines.la tests/modules/print.la \
	tests/modules/abi-major.la tests/modules/abi-minor.la \
	tests/modules/bad-size.la
tests_modules_lines_la_SOURCES = tests/modules/lines.c
tests_modules_lines_la_LDFLAGS = $(kiln_test_module_flags)
tests_modules_lines_la_LIBADD = core/libkiln.la
tests_modules_print_la_SOURCES = tests/modules/print.c
tests_modules_print_la_LDFLAGS = $(kiln_test_module_flags)
tests_modules_print_la_LIBADD = core/libkiln.la
tests_modules_abi_major_la_SOURCES = tests/modules/bad_abi.c
tests_modules_abi_major_la_CPPFLAGS = $(AM_CPPFLAGS) -DBAD_KIND=1
tests_modules_abi_major_la_LDFLAGS = $(kiln_test_module_flags)
tests_modules_abi_minor_la_SOURCES = tests/modules/bad_abi.c
tests_modules_abi_minor_la_CPPFLAGS = $(AM_CPPFLAGS) -DBAD_KIND=2
tests_modules_abi_minor_la_LDFLAGS = $(kiln_test_module_flags)
tests_modules_bad_size_la_SOURCES = tests/modules/bad_abi.c
tests_modules_bad_size_la_CPPFLAGS = $(AM_CPPFLAGS) -DBAD_KIND=3
tests_modules_bad_size_la_LDFLAGS = $(kiln_test_module_flags)

kiln_core_test_ldadd = core/libkiln.la $(CMOCKA_LIBS)
check_PROGRAMS += tests/test_pipeline tests/test_loader tests/test_doc
TESTS += tests/test_pipeline tests/test_loader tests/test_doc
tests_test_pipeline_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_pipeline_LDADD = $(kiln_core_test_ldadd)
tests_test_doc_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_doc_LDADD = $(kiln_core_test_ldadd)
tests_test_loader_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_loader_CPPFLAGS = $(AM_CPPFLAGS) \
	-DKILN_TEST_MODULES='"$(abs_top_builddir)/tests/modules"'
tests_test_loader_LDADD = $(kiln_core_test_ldadd)
# The loader test opens the test modules: build them with it.
EXTRA_tests_test_loader_DEPENDENCIES = tests/modules/lines.la \
	tests/modules/print.la tests/modules/abi-major.la \
	tests/modules/abi-minor.la tests/modules/bad-size.la

# The kiln command itself, on the test modules.
TESTS += tests/test_cli.sh
EXTRA_DIST += tests/test_cli.sh

# The fast JSON Lines reader, against jansson (the reference).
check_PROGRAMS += tests/test_json_fields
TESTS += tests/test_json_fields
tests_test_json_fields_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_json_fields_LDADD = $(kiln_core_test_ldadd)
