# tests: experiments (kiln eval, gold files, scoring, the record of a run,
# jsonl = csv).
TESTS += tests/e2e/eval-score.sh tests/e2e/eval-ab.sh tests/e2e/eval-jsonl.sh \
	tests/e2e/eval-config.sh
EXTRA_DIST += tests/e2e/eval-score.sh tests/e2e/eval-ab.sh \
	tests/e2e/eval-jsonl.sh tests/e2e/eval-config.sh \
	tests/data/units-no-yi-yuan.tsv

check_PROGRAMS += tests/test_eval
TESTS += tests/test_eval
tests_test_eval_SOURCES = tests/test_eval.c core/gold.c core/score.c \
	core/sha256.c
tests_test_eval_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(JANSSON_CFLAGS)
tests_test_eval_LDADD = core/libkiln.la $(JANSSON_LIBS) $(CMOCKA_LIBS) -lm
