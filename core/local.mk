# libkiln: the document, arena, UTF-8, lexicon reader, pipeline file,
# loader and runner; and the kiln command.
kilninclude_HEADERS += include/kiln/arena.h include/kiln/buf.h \
	include/kiln/doc.h include/kiln/error.h include/kiln/kiln.h \
	include/kiln/lexicon.h include/kiln/stage.h include/kiln/utf8.h

lib_LTLIBRARIES += core/libkiln.la
core_libkiln_la_SOURCES = core/arena.c core/buf.c core/doc.c core/doc_internal.h \
	core/error.c core/lexicon.c core/utf8.c
core_libkiln_la_CPPFLAGS = $(AM_CPPFLAGS) -DKILN_BUILDING_LIB \
	-DKILN_STAGEDIR='"$(pkglibdir)"' -DKILN_DATADIR='"$(pkgdatadir)"'
core_libkiln_la_LIBADD = $(LTDL_LIBS) $(PTHREAD_LIBS) -lm
core_libkiln_la_LDFLAGS = -no-undefined -version-info 0:0:0 -export-symbols-regex "^kiln_"
