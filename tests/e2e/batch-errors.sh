#!/bin/sh
# A bad document costs only itself; pipeline errors stop before any document.
. "$(dirname "$0")/lib.sh"
P='segment ! csv table=segments header=no'
cp "$SAMPLE" "$TMP/a.txt"
printf '第二份报告。地区生产总值达100亿元。\n' >"$TMP/b.txt"

expect_exit 0 "$KILN" run -p "$P" "$TMP/a.txt"
cp "$TMP/out" "$TMP/a.csv"
expect_exit 0 "$KILN" run -p "$P" "$TMP/b.txt"
cp "$TMP/out" "$TMP/b.csv"
cat "$TMP/a.csv" "$TMP/b.csv" >"$TMP/both.csv"

# A missing file between two good ones: one error line, both outputs, exit 1.
expect_exit 1 "$KILN" run -p "$P" "$TMP/a.txt" "$TMP/missing.txt" "$TMP/b.txt"
expect_stderr_line "missing\.txt"
cmp -s "$TMP/out" "$TMP/both.csv" || fail "good documents' rows lost or changed"

# Invalid UTF-8: the error names the file and the byte offset.
printf 'abc\377def\n' >"$TMP/bad.txt"
expect_exit 1 "$KILN" run -p "$P" "$TMP/a.txt" "$TMP/bad.txt" "$TMP/b.txt"
expect_stderr_line "bad\.txt.*byte 3"
cmp -s "$TMP/out" "$TMP/both.csv" || fail "good documents' rows lost next to invalid UTF-8"

# An unknown stage in a pipeline file: exit 2, naming file and line.
printf '[segment]\n\n[numbrs]\n' >"$TMP/typo.pipeline"
expect_exit 2 "$KILN" run --pipeline "$TMP/typo.pipeline" "$TMP/a.txt"
expect_stderr_line "typo\.pipeline:3:.*numbrs"
[ -s "$TMP/out" ] && fail "output written despite a pipeline error"

# A misspelt option: exit 2, naming file, line and key.
printf '[segment]\n[csv]\ntabel = segments\n' >"$TMP/opt.pipeline"
expect_exit 2 "$KILN" run --pipeline "$TMP/opt.pipeline" "$TMP/a.txt"
expect_stderr_line "opt\.pipeline:3:.*tabel"

# A misspelt command-line option: usage error.
expect_exit 2 "$KILN" run --pipline x "$TMP/a.txt"
exit 0
