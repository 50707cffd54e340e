# tests: the html exporter.
# test_html includes the stage's sources (to reach its statics) and runs it
# against the core's real outputs.
check_PROGRAMS += tests/test_html
TESTS += tests/test_html
tests_test_html_SOURCES = tests/test_html.c
tests_test_html_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_html_LDADD = core/libkiln.la $(CMOCKA_LIBS) -lm

# Without a browser: the structure of real pages (python3's html.parser).
TESTS += tests/browser/structure.sh
EXTRA_DIST += tests/browser/structure.sh tests/browser/browser.sh \
	tests/browser/check_html.py

# In a real browser (CI installs Debian's chromium): `make check-browser`
# leaves the DOM and screenshots in tests/browser-out/.
check-browser: all
	@$(AM_TESTS_ENVIRONMENT) $(SHELL) $(srcdir)/tests/browser/browser.sh \
		'$(abs_top_builddir)/tests/browser-out'
.PHONY: check-browser
EXTRA_DIST += docs/html-report.md docs/html-report.png
