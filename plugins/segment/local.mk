# stage segment: validation, normalized text + alignment, segments.
pkglib_LTLIBRARIES += plugins/segment.la
plugins_segment_la_SOURCES = plugins/segment/segment.c \
	plugins/segment/segment.h plugins/segment/chars.h \
	plugins/segment/line.c plugins/segment/normalize.c \
	plugins/segment/split.c
plugins_segment_la_LDFLAGS = $(kiln_module_flags)
plugins_segment_la_LIBADD = $(kiln_module_libs)
