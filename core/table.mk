# The output tables every exporter shares (kiln/table.h).
core_libkiln_la_SOURCES += core/table.c
kilninclude_HEADERS += include/kiln/table.h
