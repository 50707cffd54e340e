#!/bin/sh
# Security (issue 8): a pipeline file names stages, never paths, and can
# not add module directories; CSV text cells that a spreadsheet would run
# as formulas are guarded (by default when bom=yes), numbers never.
. "$(dirname "$0")/lib.sh"
printf '增长6.5%%。\n' >"$TMP/a.txt"
modules="$(dirname "$KILN_STAGEDIR")/tests/modules" # <builddir>/plugins

refused() {
    pattern=$1
    shift
    expect_exit 2 "$KILN" run "$@" "$TMP/a.txt"
    expect_stderr_line "$pattern"
    [ -s "$TMP/out" ] && fail "output despite a refused pipeline: $*"
    return 0
}
for name in ../../tmp/evil /tmp/evil ./segment segment.la; do
    printf '[segment]\n[%s]\n' "$name" >"$TMP/evil.pipeline"
    refused "evil\.pipeline:2: bad stage name" --pipeline "$TMP/evil.pipeline"
    refused "-p: stage 2: bad stage name" -p "segment ! $name"
done
printf '[segment]\n[csv:../x]\n' >"$TMP/label.pipeline"
refused "label\.pipeline:2: bad label '\.\./x'" --pipeline "$TMP/label.pipeline"
# No key of a pipeline file adds a module directory.
printf '[pipeline]\nplugin_path = %s\n[lines]\n' "$modules" >"$TMP/pp.pipeline"
refused "pp\.pipeline:2: unknown key 'plugin_path'" --pipeline "$TMP/pp.pipeline"
printf '[lines]\nplugin-path = %s\n' "$modules" >"$TMP/pp.pipeline"
refused "pp\.pipeline:2: bad option key" --pipeline "$TMP/pp.pipeline"
# Only --plugin-path and KILN_PLUGIN_PATH add directories.
refused "no stage 'lines'" -p 'lines ! print'
expect_exit 0 "$KILN" run --plugin-path "$modules" -p 'lines ! print' "$TMP/a.txt"
expect_exit 0 env KILN_PLUGIN_PATH="$modules" "$KILN" run -p 'lines ! print' "$TMP/a.txt"

# Formula injection: text cells starting with = + - @ (and tab, CR).
printf '=SUM(A1)。\n+1是加号。\n-5是负数。\n@用户。\n下降0.3%%。\n' >"$TMP/f.txt"
S='segment ! csv table=segments header=no'
expect_exit 0 "$KILN" run -p "$S bom=yes" "$TMP/f.txt"
for cell in "'=SUM(A1)。" "'+1是加号。" "'-5是负数。" "'@用户。"; do
    grep -qF ",$cell," "$TMP/out" || fail "not guarded with bom=yes: $cell"
done
expect_exit 0 "$KILN" run -p "$S" "$TMP/f.txt"
grep -qF ",=SUM(A1)。," "$TMP/out" || fail "guarded without bom"
grep -qF ",'" "$TMP/out" && fail "a cell guarded without bom"
expect_exit 0 "$KILN" run -p "$S formula_guard=yes" "$TMP/f.txt"
grep -qF ",'-5是负数。," "$TMP/out" || fail "formula_guard=yes ignored"
expect_exit 0 "$KILN" run -p "$S bom=yes formula_guard=no" "$TMP/f.txt"
grep -qF ",'" "$TMP/out" && fail "formula_guard=no ignored"
# A negative number is a number: never prefixed.
expect_exit 0 "$KILN" run -p 'segment ! numbers ! csv table=mentions header=no bom=yes' "$TMP/f.txt"
grep -q ',0\.3%,-0\.3,' "$TMP/out" || { cat "$TMP/out" >&2; fail "number guarded"; }
exit 0
