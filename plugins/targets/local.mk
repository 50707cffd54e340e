# stage targets: role, indicator, horizon and pairing of every figure
pkglib_LTLIBRARIES += plugins/targets.la
plugins_targets_la_SOURCES = plugins/targets/targets_internal.h \
	plugins/targets/cues.c plugins/targets/lexicon.c \
	plugins/targets/text.c plugins/targets/role.c \
	plugins/targets/horizon.c plugins/targets/indicator.c \
	plugins/targets/pairing.c plugins/targets/targets.c
plugins_targets_la_LDFLAGS = $(kiln_module_flags)
plugins_targets_la_LIBADD = $(kiln_module_libs) -lm
dist_lexicon_DATA += data/cues-zh.tsv data/indicators-zh.tsv
