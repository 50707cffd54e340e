# tests: fuzzing (issue 8). Two uses of the same harnesses
# (tests/fuzz/fuzz-*.c, each defining LLVMFuzzerTestOneInput):
#
#  - `make check` builds each harness with replay.c and the normal
#    compiler (plain, sanitized or under valgrind), and replays its seed
#    corpus and every kept crashing input (tests/fuzz/regressions/NAME).
#  - `make fuzz` builds libFuzzer binaries with clang straight from the
#    sources (no configure switch: the normal build stays gcc), and
#    `make fuzz-run FUZZ_SECONDS=600` runs each on a copy of its seeds.

fuzz_replay_cppflags = $(AM_CPPFLAGS) -DKILN_FUZZ_SRCDIR='"$(abs_top_srcdir)"'
fuzz_segment_plugin = plugins/segment/segment.c plugins/segment/line.c \
	plugins/segment/normalize.c plugins/segment/split.c
fuzz_numbers_plugins = $(fuzz_segment_plugin) plugins/numbers/numbers.c \
	plugins/numbers/numeral.c plugins/numbers/lexicon.c \
	plugins/numbers/scan.c plugins/units/units.c plugins/units/lexicon.c \
	plugins/targets/cues.c plugins/targets/lexicon.c \
	plugins/targets/text.c plugins/targets/role.c \
	plugins/targets/horizon.c plugins/targets/indicator.c \
	plugins/targets/pairing.c plugins/targets/targets.c
fuzz_lexicon_plugins = plugins/numbers/numeral.c plugins/numbers/lexicon.c \
	plugins/units/lexicon.c plugins/targets/cues.c \
	plugins/targets/lexicon.c plugins/targets/text.c

check_PROGRAMS += tests/fuzz/replay-segment tests/fuzz/replay-numbers \
	tests/fuzz/replay-pipeline tests/fuzz/replay-lexicon
TESTS += tests/fuzz/replay-segment tests/fuzz/replay-numbers \
	tests/fuzz/replay-pipeline tests/fuzz/replay-lexicon
tests_fuzz_replay_segment_SOURCES = tests/fuzz/replay.c \
	tests/fuzz/fuzz-segment.c $(fuzz_segment_plugin)
tests_fuzz_replay_segment_CPPFLAGS = $(fuzz_replay_cppflags) \
	-DFUZZ_NAME='"segment"'
tests_fuzz_replay_segment_LDADD = core/libkiln.la
tests_fuzz_replay_numbers_SOURCES = tests/fuzz/replay.c \
	tests/fuzz/fuzz-numbers.c $(fuzz_numbers_plugins)
tests_fuzz_replay_numbers_CPPFLAGS = $(fuzz_replay_cppflags) \
	-DFUZZ_NAME='"numbers"'
tests_fuzz_replay_numbers_LDADD = core/libkiln.la -lm
tests_fuzz_replay_pipeline_SOURCES = tests/fuzz/replay.c \
	tests/fuzz/fuzz-pipeline.c
tests_fuzz_replay_pipeline_CPPFLAGS = $(fuzz_replay_cppflags) \
	-DFUZZ_NAME='"pipeline"'
tests_fuzz_replay_pipeline_LDADD = core/libkiln.la
tests_fuzz_replay_lexicon_SOURCES = tests/fuzz/replay.c \
	tests/fuzz/fuzz-lexicon.c $(fuzz_lexicon_plugins)
tests_fuzz_replay_lexicon_CPPFLAGS = $(fuzz_replay_cppflags) \
	-DFUZZ_NAME='"lexicon"'
tests_fuzz_replay_lexicon_LDADD = core/libkiln.la -lm
EXTRA_DIST += tests/fuzz/fuzz.h tests/fuzz/seeds tests/fuzz/regressions

# ---- libFuzzer (make fuzz) ---------------------------------------------
FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_SECONDS = 60
fuzz_cc = $(FUZZ_CC) -std=c11 -D_GNU_SOURCE -I$(top_srcdir)/include \
	-I$(top_builddir) -DKILN_FUZZ_SRCDIR='"$(abs_top_srcdir)"' $(FUZZ_CFLAGS)
fuzz_core = $(top_srcdir)/core/arena.c $(top_srcdir)/core/buf.c \
	$(top_srcdir)/core/doc.c $(top_srcdir)/core/doc_edit.c \
	$(top_srcdir)/core/error.c $(top_srcdir)/core/lexicon.c \
	$(top_srcdir)/core/utf8.c $(top_srcdir)/core/path.c \
	$(top_srcdir)/core/suggest.c $(top_srcdir)/core/pipeline.c
fuzz_seg = $(top_srcdir)/plugins/segment/segment.c \
	$(top_srcdir)/plugins/segment/line.c \
	$(top_srcdir)/plugins/segment/normalize.c \
	$(top_srcdir)/plugins/segment/split.c
fuzz_num = $(top_srcdir)/plugins/numbers/numbers.c \
	$(top_srcdir)/plugins/numbers/numeral.c \
	$(top_srcdir)/plugins/numbers/lexicon.c \
	$(top_srcdir)/plugins/numbers/scan.c
fuzz_uni = $(top_srcdir)/plugins/units/units.c \
	$(top_srcdir)/plugins/units/lexicon.c
fuzz_tgt = $(top_srcdir)/plugins/targets/cues.c \
	$(top_srcdir)/plugins/targets/lexicon.c \
	$(top_srcdir)/plugins/targets/text.c \
	$(top_srcdir)/plugins/targets/role.c \
	$(top_srcdir)/plugins/targets/horizon.c \
	$(top_srcdir)/plugins/targets/indicator.c \
	$(top_srcdir)/plugins/targets/pairing.c \
	$(top_srcdir)/plugins/targets/targets.c
fuzz_programs = tests/fuzz/fuzz-segment tests/fuzz/fuzz-numbers \
	tests/fuzz/fuzz-pipeline tests/fuzz/fuzz-lexicon
CLEANFILES += $(fuzz_programs)

fuzz: $(fuzz_programs)
tests/fuzz/fuzz-segment: $(top_srcdir)/tests/fuzz/fuzz-segment.c $(fuzz_core) $(fuzz_seg)
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CC)$(fuzz_cc) -o $@ $(top_srcdir)/tests/fuzz/fuzz-segment.c $(fuzz_core) $(fuzz_seg) -lm
tests/fuzz/fuzz-numbers: $(top_srcdir)/tests/fuzz/fuzz-numbers.c $(fuzz_core) $(fuzz_seg) $(fuzz_num) $(fuzz_uni) $(fuzz_tgt)
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CC)$(fuzz_cc) -o $@ $(top_srcdir)/tests/fuzz/fuzz-numbers.c $(fuzz_core) $(fuzz_seg) $(fuzz_num) $(fuzz_uni) $(fuzz_tgt) -lm
tests/fuzz/fuzz-pipeline: $(top_srcdir)/tests/fuzz/fuzz-pipeline.c $(fuzz_core)
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CC)$(fuzz_cc) -o $@ $(top_srcdir)/tests/fuzz/fuzz-pipeline.c $(fuzz_core) -lm
tests/fuzz/fuzz-lexicon: $(top_srcdir)/tests/fuzz/fuzz-lexicon.c $(fuzz_core) $(fuzz_num) $(fuzz_uni) $(fuzz_tgt)
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CC)$(fuzz_cc) -o $@ $(top_srcdir)/tests/fuzz/fuzz-lexicon.c $(fuzz_core) $(fuzz_num) $(fuzz_uni) $(fuzz_tgt) -lm

# Run every harness FUZZ_SECONDS on a working copy of its seeds; crashes
# land in tests/fuzz/findings-NAME/ (copy them to regressions/NAME).
fuzz-run: fuzz
	@for h in segment numbers pipeline lexicon; do \
	  $(MKDIR_P) tests/fuzz/corpus-$$h tests/fuzz/findings-$$h; \
	  echo "fuzz-$$h: $(FUZZ_SECONDS) s"; \
	  tests/fuzz/fuzz-$$h -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=tests/fuzz/findings-$$h/ tests/fuzz/corpus-$$h \
	    $(top_srcdir)/tests/fuzz/seeds/$$h || exit 1; \
	done
clean-local: clean-fuzz
clean-fuzz:
	-rm -rf tests/fuzz/corpus-* tests/fuzz/findings-*
.PHONY: fuzz fuzz-run clean-fuzz

# ---- bad input, security, valgrind ------------------------------------
TESTS += tests/e2e/bad-input.sh tests/e2e/security.sh
EXTRA_DIST += tests/e2e/bad-input.sh tests/e2e/security.sh

# `make check-valgrind`: the end-to-end tests with every kiln run under
# valgrind (a definite leak or a memory error fails the test: exit 99).
# TESTS_ENVIRONMENT comes after AM_TESTS_ENVIRONMENT, so KILN is replaced.
VALGRIND = valgrind
VALGRIND_FLAGS = --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite
valgrind_tests = tests/e2e/bad-input.sh tests/e2e/security.sh \
	tests/e2e/batch-errors.sh tests/e2e/segments-offsets.sh \
	tests/e2e/gold-sample.sh tests/test_cli.sh
check-valgrind: all
	@$(MKDIR_P) tests
	@printf '#!/bin/sh\nexec "%s" --mode=execute %s %s "%s" "$$@"\n' \
	  '$(abs_top_builddir)/libtool' '$(VALGRIND)' '$(VALGRIND_FLAGS)' \
	  '$(abs_top_builddir)/kiln' >tests/kiln-valgrind
	@chmod +x tests/kiln-valgrind
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(valgrind_tests)' \
	  TESTS_ENVIRONMENT="KILN='$(abs_top_builddir)/tests/kiln-valgrind'; KILN_VALGRIND=1; export KILN KILN_VALGRIND;"
CLEANFILES += tests/kiln-valgrind
.PHONY: check-valgrind
