# tests: numbers — the numeral parser and the scanner, on plain strings
# (the scanner's sources are compiled into the test; no module is loaded).
check_PROGRAMS += tests/test_numbers
TESTS += tests/test_numbers
tests_test_numbers_SOURCES = tests/test_numbers.c \
	plugins/numbers/numeral.c plugins/numbers/lexicon.c \
	plugins/numbers/scan.c plugins/numbers/numbers.h
tests_test_numbers_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_numbers_LDADD = core/libkiln.la $(CMOCKA_LIBS)
