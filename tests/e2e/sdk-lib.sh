# Shared by the stage SDK tests (sourced after lib.sh): install kiln into a
# staging directory and build stages against it as a user would, with
# nothing but the installed files and pkg-config. tests/sdk.mk passes the
# build directory and the configured install directories.
: "${KILN_SDK_BUILDDIR:?run through make check}"
CC=${KILN_SDK_CC:-cc}
DEST="$TMP/dest"

# sdk_install: `make install DESTDIR=$DEST`, then point pkg-config, the
# dynamic linker and the installed kiln at the staged files. Sets KILN_INST
# (the installed kiln), STAGEDIR (its stage directory, as kiln.pc says).
sdk_install() {
    # One install at a time, and no other test using the build tree's
    # modules meanwhile: libtool relinks them in place whatever the DESTDIR
    # (see modules-lock.sh, which lib.sh sourced: fd 9 holds the lock).
    command -v flock >/dev/null 2>&1 && flock -x 9
    # A separate make: the running `make check`'s flags (jobserver,
    # command-line variables) must not leak into it.
    (unset MAKEFLAGS MFLAGS MAKELEVEL
     ${KILN_SDK_MAKE:-make} -C "$KILN_SDK_BUILDDIR" install DESTDIR="$DEST") \
        >"$TMP/install.log" 2>&1
    rc=$?
    command -v flock >/dev/null 2>&1 && flock -s 9
    [ "$rc" -eq 0 ] || {
        tail -n 20 "$TMP/install.log" >&2
        fail "make install DESTDIR=$DEST failed"
    }
    # Only the staged kiln.pc, never one installed on this machine.
    PKG_CONFIG_PATH="$DEST$KILN_SDK_LIBDIR/pkgconfig"
    PKG_CONFIG_LIBDIR="$PKG_CONFIG_PATH"
    # The staged files live under $DEST, not where kiln.pc says: the
    # sysroot pkg-config's standard answer to a DESTDIR install.
    PKG_CONFIG_SYSROOT_DIR="$DEST"
    LD_LIBRARY_PATH="$DEST$KILN_SDK_LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    export PKG_CONFIG_PATH PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR LD_LIBRARY_PATH
    pkg-config --exists kiln || fail "pkg-config does not find the installed kiln.pc"
    STAGEDIR=$(pkg-config --variable=stagedir kiln)
    # pkg-config (unlike pkgconf) does not apply the sysroot to variables.
    case $STAGEDIR in "$DEST"/*) ;; *) STAGEDIR="$DEST$STAGEDIR" ;; esac
    KILN_INST="$DEST$KILN_SDK_BINDIR/kiln"
    [ -x "$KILN_INST" ] || fail "make install did not install $KILN_INST"
    # The staged kiln cannot find its compiled-in directories (they lie
    # outside $DEST): give them through the environment, and forget the
    # build tree's stages that make check put there.
    KILN_STAGEDIR="$STAGEDIR"
    KILN_DATA_PATH="$DEST$KILN_SDK_PKGDATADIR"
    unset KILN_PLUGIN_PATH
    export KILN_STAGEDIR KILN_DATA_PATH
}

# sdk_copy_example DIR: copy the example stage as a user would, from the
# installed documentation.
sdk_copy_example() {
    mkdir -p "$1"
    ex="$DEST$KILN_SDK_DOCDIR/examples/drop"
    cp "$ex/drop.c" "$ex/Makefile" "$ex/drop.pipeline" "$1/" ||
        fail "the example stage is not installed in $ex"
    chmod u+w "$1"/*
}

# has_stage NAME: the installed kiln finds stage NAME.
has_stage() {
    "$KILN_INST" describe "$1" >/dev/null 2>&1
}
