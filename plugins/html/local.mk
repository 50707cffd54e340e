# stage html: a self-contained HTML report (see docs/html-report.md)
pkglib_LTLIBRARIES += plugins/html.la
plugins_html_la_SOURCES = plugins/html/html.c plugins/html/html.h \
	plugins/html/escape.c plugins/html/frame.c plugins/html/page.c \
	plugins/html/summary.c
plugins_html_la_LDFLAGS = $(kiln_module_flags)
plugins_html_la_LIBADD = $(kiln_module_libs) -lm
