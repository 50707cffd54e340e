# stage csv: one output table as CSV, through libcsv.
pkglib_LTLIBRARIES += plugins/csv.la
plugins_csv_la_SOURCES = plugins/csv/csv.c
plugins_csv_la_LDFLAGS = $(kiln_module_flags)
plugins_csv_la_LIBADD = $(kiln_module_libs) $(CSV_LIBS)
