# tests: units (the units stage, its lexicon and lexicon errors)
check_PROGRAMS += tests/test_units
TESTS += tests/test_units
# The stage's sources are #included to reach its statics: no module link.
tests_test_units_SOURCES = tests/test_units.c
tests_test_units_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_units_LDADD = core/libkiln.la $(CMOCKA_LIBS) -lm
EXTRA_DIST += tests/data/units-longest.tsv tests/data/units-bad-factor.tsv \
	tests/data/units-zero-factor.tsv tests/data/units-duplicate.tsv \
	tests/data/units-unknown-dimension.tsv \
	tests/data/units-unknown-compound.tsv \
	tests/data/units-missing-field.tsv tests/data/units-bad-directive.tsv
# End to end: a pipeline file naming a small lexicon that adds a unit.
TESTS += tests/e2e-units-lexicon.sh
EXTRA_DIST += tests/e2e-units-lexicon.sh tests/data/units-extra.tsv
