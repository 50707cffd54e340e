# libkiln: the document, arena, UTF-8, lexicon reader, pipeline file,
# loader and runner; and the kiln command.
kilninclude_HEADERS += include/kiln/arena.h include/kiln/buf.h \
	include/kiln/doc.h include/kiln/error.h include/kiln/kiln.h \
	include/kiln/lexicon.h include/kiln/stage.h include/kiln/utf8.h

kiln_dirs_cppflags = -DKILN_STAGEDIR='"$(pkglibdir)"' -DKILN_DATADIR='"$(pkgdatadir)"'

lib_LTLIBRARIES += core/libkiln.la
core_libkiln_la_SOURCES = core/arena.c core/arena_internal.h core/buf.c core/doc.c core/doc_internal.h \
	core/error.c core/lexicon.c core/utf8.c core/utf8_fast.h \
	core/suggest.c core/suggest.h core/path.c core/path.h \
	core/pipeline.c core/pipeline.h core/options.c core/options.h \
	core/loader.c core/loader.h core/output.c core/runtime.h \
	core/inputs.c core/inputs.h core/json_fields.c core/json_fields.h core/runner.c core/runner.h
core_libkiln_la_CPPFLAGS = $(AM_CPPFLAGS) -DKILN_BUILDING_LIB $(kiln_dirs_cppflags) \
	$(JANSSON_CFLAGS)
core_libkiln_la_LIBADD = $(LTDL_LIBS) $(PTHREAD_LIBS) $(JANSSON_LIBS) -lm
core_libkiln_la_LDFLAGS = -no-undefined -version-info 0:0:0 -export-symbols-regex "^kiln_"

# The command. Its core-private helpers come from libkiln (kiln_ names).
bin_PROGRAMS += kiln
kiln_SOURCES = core/main.c core/cli.c core/cli.h
kiln_CPPFLAGS = $(AM_CPPFLAGS) $(kiln_dirs_cppflags)
kiln_LDADD = core/libkiln.la
