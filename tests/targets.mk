# tests: targets (unit tests include the stage's sources; no module link)
check_PROGRAMS += tests/test_targets
TESTS += tests/test_targets
tests_test_targets_SOURCES = tests/test_targets.c
tests_test_targets_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_targets_LDADD = core/libkiln.la $(CMOCKA_LIBS) -lm
EXTRA_DIST += $(plugins_targets_la_SOURCES)
