#!/bin/sh
# test_cli.sh — the kiln command's exit codes, messages and outputs, driven
# by the test-only stages of tests/modules (run from the build directory).
set -u
. "$(dirname "$0")/e2e/modules-lock.sh"
mods="$(pwd)/tests/modules"
t=$(mktemp -d /tmp/kiln-cli-XXXXXX)
trap 'rm -rf "$t"' EXIT
fails=0
check() { # NAME EXPECTED-RC ACTUAL-RC
    if [ "$2" != "$3" ]; then echo "FAIL: $1: exit $3, expected $2"; fails=$((fails + 1))
    else echo "ok: $1"; fi
}
has() { # NAME FILE TEXT
    if grep -qF -- "$3" "$2"; then echo "ok: $1"
    else echo "FAIL: $1: no '$3' in:"; cat "$2"; fails=$((fails + 1)); fi
}
k() { KILN_PLUGIN_PATH="$mods" "$KILN" "$@"; }

printf 'one\ntwo\n' > "$t/a.txt"; printf 'BAD\n' > "$t/b.txt"
mkdir -p "$t/dir/sub"; printf 'x\n' > "$t/dir/sub/z.txt"; printf 'y\n' > "$t/dir/m.txt"

k run -p 'lines ! print' "$t/a.txt" > "$t/out" 2> "$t/err"; check "run ok" 0 $?
has "run output" "$t/out" "$t/a.txt:2: two"
k run -p 'lines fail_on=BAD ! print' "$t/a.txt" "$t/b.txt" > "$t/out" 2> "$t/err"
check "one bad document" 1 $?
has "bad document named" "$t/err" "kiln: $t/b.txt: line 1: found 'BAD'"
has "good document complete" "$t/out" "$t/a.txt:1: one"
k run -p 'lines ! print' "$t/dir" > "$t/out" 2> "$t/err"; check "directory" 0 $?
printf '%s\n' "$t/dir/m.txt:1: y" "$t/dir/sub/z.txt:1: x" > "$t/want"
cmp -s "$t/out" "$t/want"; check "directory sorted, recursive" 0 $?
k run -p 'lines ! print' - < "$t/a.txt" > "$t/out"; check "stdin" 0 $?
has "stdin id" "$t/out" "-:1: one"
k run --bogus x 2> "$t/err"; check "unknown option" 2 $?
[ "$(wc -l < "$t/err")" -eq 1 ]; check "usage is one line" 0 $?
k run -p 2> "$t/err"; check "missing argument" 2 $?
k run -p 'lines ! print' 2> "$t/err"; check "no input" 2 $?
k nonsense 2> "$t/err"; check "unknown command" 2 $?
k run -p 'print ! lines' "$t/a.txt" 2> "$t/err"; check "layer order" 2 $?
has "layer order message" "$t/err" "print requires segments"
k run -p 'lines ! print output=missing-dir/o.txt' "$t/a.txt" 2> "$t/err"
check "missing output directory" 2 $?
k run -p 'lines ! print' "$t/a.txt" > /dev/full 2> "$t/err"; check "full disk" 1 $?
has "full disk message" "$t/err" "No space left on device"
k run -p "lines ! print output=$t/o.txt header=H" "$t/a.txt" "$t/none.txt" 2> "$t/err"
check "missing input" 1 $?
has "file output written" "$t/o.txt" "$t/a.txt:1: one"
[ -z "$(ls -A "$t" | grep '^\.')" ]; check "no temporary files left" 0 $?
k run -p "lines ! print output=$t/o2.txt" --max-doc-size 3 "$t/a.txt" 2> "$t/err"
check "too large" 1 $?
has "too large message" "$t/err" "too large"
k check -p 'lines ! print footer=maybe' 2> "$t/err"; check "check bad bool" 2 $?
has "bad bool message" "$t/err" "-p: stage 2: stage 'print': option 'footer': 'maybe' is not a boolean"
k check -p "lines ! print output=$t/never.txt" > "$t/out"; check "check ok" 0 $?
[ ! -e "$t/never.txt" ]; check "check creates nothing" 0 $?
k describe print > "$t/out"; check "describe" 0 $?
has "describe options" "$t/out" "choices: full|count"
k --help > "$t/out"; check "help" 0 $?
has "help exit codes" "$t/out" "Exit status"
exit $((fails > 0))
