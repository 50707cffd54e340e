# Shared helpers of the end-to-end tests (sourced, not run).
# The test environment gives KILN, KILN_STAGEDIR, KILN_DATA_PATH and
# KILN_TEST_DATA (see Makefile.am).
set -u
: "${KILN:?run through make check}"
SAMPLE="$KILN_TEST_DATA/liling-2021.txt"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kiln-e2e.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/modules-lock.sh"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# expect_exit CODE CMD...: run CMD, keep stdout/stderr in $TMP/out, $TMP/err.
expect_exit() {
    want=$1
    shift
    "$@" >"$TMP/out" 2>"$TMP/err"
    got=$?
    [ "$got" -eq "$want" ] || {
        cat "$TMP/err" >&2
        fail "exit $got, wanted $want: $*"
    }
}

# expect_stderr_line PATTERN: stderr is exactly one line matching PATTERN.
expect_stderr_line() {
    n=$(wc -l <"$TMP/err")
    [ "$n" -eq 1 ] || { cat "$TMP/err" >&2; fail "stderr has $n lines, wanted 1"; }
    grep -Eq -- "$1" "$TMP/err" || { cat "$TMP/err" >&2; fail "stderr does not match: $1"; }
}
