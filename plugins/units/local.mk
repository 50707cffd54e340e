# stage units: dimension and base-unit value of each mention, driven by a
# unit lexicon (data/units-zh.tsv).
pkglib_LTLIBRARIES += plugins/units.la
plugins_units_la_SOURCES = plugins/units/units.c plugins/units/lexicon.c \
	plugins/units/units.h
plugins_units_la_LDFLAGS = $(kiln_module_flags)
plugins_units_la_LIBADD = $(kiln_module_libs)
dist_lexicon_DATA += data/units-zh.tsv
