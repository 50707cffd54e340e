# stage numbers: every figure of the text as a mention (span, value, unit,
# qualifier, kind), driven by the unit lexicon and data/numbers-zh.tsv.
pkglib_LTLIBRARIES += plugins/numbers.la
plugins_numbers_la_SOURCES = plugins/numbers/numbers.c \
	plugins/numbers/numbers.h plugins/numbers/numeral.c \
	plugins/numbers/lexicon.c plugins/numbers/scan.c
plugins_numbers_la_LDFLAGS = $(kiln_module_flags)
plugins_numbers_la_LIBADD = $(kiln_module_libs)
dist_lexicon_DATA += data/numbers-zh.tsv
