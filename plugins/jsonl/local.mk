# stage jsonl: one output table as JSON Lines.
pkglib_LTLIBRARIES += plugins/jsonl.la
plugins_jsonl_la_SOURCES = plugins/jsonl/jsonl.c
plugins_jsonl_la_LDFLAGS = $(kiln_module_flags)
plugins_jsonl_la_LIBADD = $(kiln_module_libs)
