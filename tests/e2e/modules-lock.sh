# Sourced by every test that runs the build tree's stage modules.
# The SDK tests' `make install` makes libtool relink each module in place,
# moving the built one aside for a moment; with `make -j check` a test
# loading a module in that moment would fail. Tests that use the modules
# hold a shared lock on fd 9; sdk_install takes it exclusively.
kiln_modules_lock="$(dirname "$KILN")/tests/.modules.lock"
mkdir -p "$(dirname "$kiln_modules_lock")"
if command -v flock >/dev/null 2>&1; then
    exec 9>>"$kiln_modules_lock"
    flock -s 9
fi
