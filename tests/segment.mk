# tests: segment (the stage's sources are included by the test itself)
check_PROGRAMS += tests/test_segment
TESTS += tests/test_segment
tests_test_segment_SOURCES = tests/test_segment.c
tests_test_segment_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_segment_LDADD = core/libkiln.la $(CMOCKA_LIBS)
