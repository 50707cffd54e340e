# The stage SDK: the example stage (examples/drop) built outside the tree
# against an installed kiln, the core helper it uses, and the guide for
# stage authors.
#
# The guide and the example are installed too (share/doc/kiln/), so that
# someone with only an installed kiln can start from them.
sdkdocdir = $(docdir)
dist_sdkdoc_DATA = docs/writing-a-stage.md
sdkexampledir = $(docdir)/examples/drop
dist_sdkexample_DATA = examples/drop/drop.c examples/drop/Makefile \
	examples/drop/drop.pipeline
EXTRA_DIST += tests/e2e/sdk-lib.sh tests/e2e/sdk-install.sh \
	tests/e2e/sdk-abi.sh

check_PROGRAMS += tests/test_doc_edit
TESTS += tests/test_doc_edit
tests_test_doc_edit_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_test_doc_edit_LDADD = core/libkiln.la $(CMOCKA_LIBS)

# The shell tests install kiln into a temporary DESTDIR (a make of their
# own in this build directory) and build the example with pkg-config, so
# they need to know where the build is and where things get installed.
TESTS += tests/e2e/sdk-install.sh tests/e2e/sdk-abi.sh
AM_TESTS_ENVIRONMENT += KILN_SDK_BUILDDIR='$(abs_top_builddir)'; \
	KILN_SDK_SRCDIR='$(abs_top_srcdir)'; KILN_SDK_MAKE='$(MAKE)'; \
	KILN_SDK_CC='$(CC)'; KILN_SDK_CFLAGS='$(KILN_CFLAGS)'; \
	KILN_SDK_BINDIR='$(bindir)'; \
	KILN_SDK_LIBDIR='$(libdir)'; KILN_SDK_INCLUDEDIR='$(includedir)'; \
	KILN_SDK_PKGLIBDIR='$(pkglibdir)'; KILN_SDK_PKGDATADIR='$(pkgdatadir)'; \
	KILN_SDK_DOCDIR='$(docdir)'; \
	export KILN_SDK_BUILDDIR KILN_SDK_SRCDIR KILN_SDK_MAKE KILN_SDK_CC \
	KILN_SDK_CFLAGS \
	KILN_SDK_BINDIR KILN_SDK_LIBDIR KILN_SDK_INCLUDEDIR KILN_SDK_PKGLIBDIR \
	KILN_SDK_PKGDATADIR KILN_SDK_DOCDIR;
