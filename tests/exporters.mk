# tests: exporters (the shared tables, csv and jsonl stages).
EXTRA_DIST += tests/exporters_fixture.h
check_PROGRAMS += tests/test_table
TESTS += tests/test_table
tests_test_table_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_table_LDADD = core/libkiln.la $(CMOCKA_LIBS) -lm

# The stage tests include the stage's .c file to reach its statics, with a
# fake of the core's outputs.
check_PROGRAMS += tests/test_csv
TESTS += tests/test_csv
tests_test_csv_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_csv_LDADD = core/libkiln.la $(CSV_LIBS) $(CMOCKA_LIBS) -lm

check_PROGRAMS += tests/test_jsonl
TESTS += tests/test_jsonl
tests_test_jsonl_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(JANSSON_CFLAGS)
tests_test_jsonl_LDADD = core/libkiln.la $(CSV_LIBS) $(JANSSON_LIBS) \
	$(CMOCKA_LIBS) -lm
