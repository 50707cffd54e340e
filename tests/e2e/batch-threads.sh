#!/bin/sh
# -j N: byte-identical output and error lines whatever the number of
# threads, for JSON Lines and for a directory of files.
. "$(dirname "$0")/lib.sh"
CORPUS="$KILN_TEST_DATA/national-reports.jsonl"
# Bad lines among good ones, so that error lines must keep their order too.
{
    sed -n 1,20p "$CORPUS"
    printf '{"title": "broken"\n'
    sed -n 21,40p "$CORPUS"
    printf '{"content": 5}\n'
} >"$TMP/in.jsonl"
run_j() {
    "$KILN" run -j "$1" --input jsonl --id-field title --text-field content \
        "$TMP/in.jsonl" >"$TMP/out.$1" 2>"$TMP/err.$1"
    echo $? >"$TMP/rc.$1"
}
for j in 1 2 3 8; do run_j $j; done
[ "$(cat "$TMP/rc.1")" -eq 1 ] || fail "bad lines should give exit 1"
[ "$(wc -l <"$TMP/out.1")" -gt 40 ] || fail "too few rows from 40 reports"
[ "$(wc -l <"$TMP/err.1")" -eq 2 ] || fail "wanted 2 error lines"
for j in 2 3 8; do
    cmp -s "$TMP/out.1" "$TMP/out.$j" || fail "-j $j output differs from -j 1"
    cmp -s "$TMP/err.1" "$TMP/err.$j" || fail "-j $j errors differ from -j 1"
    [ "$(cat "$TMP/rc.$j")" -eq 1 ] || fail "-j $j exit status"
done

# A directory of text files (and a missing file) through all stages.
mkdir "$TMP/dir"
for i in 1 2 3 4 5; do cp "$SAMPLE" "$TMP/dir/r$i.txt"; done
P='segment ! numbers ! units ! targets ! jsonl table=mentions'
expect_exit 1 "$KILN" run -j 1 -p "$P" "$TMP/dir" "$TMP/missing.txt"
cp "$TMP/out" "$TMP/dir1"
expect_exit 1 "$KILN" run -j 4 -p "$P" "$TMP/dir" "$TMP/missing.txt"
cmp -s "$TMP/out" "$TMP/dir1" || fail "-j 4 differs on a directory"
expect_stderr_line 'missing\.txt'

# --stats names every stage; without a terminal there is no progress.
expect_exit 0 "$KILN" run -j 2 --stats -p "$P" "$TMP/dir"
for s in segment numbers units targets jsonl; do
    grep -q "^kiln: $s " "$TMP/err" || fail "--stats does not name $s"
done
expect_exit 0 "$KILN" run -j 2 -p "$P" "$TMP/dir"
[ -s "$TMP/err" ] && fail "stderr not silent without a terminal"
expect_exit 2 "$KILN" run -j 0 "$TMP/dir"
exit 0
