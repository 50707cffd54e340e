#!/bin/sh
# Beyond one machine: kiln as a filter of JSON Lines under GNU parallel
# (the same way as a Hadoop Streaming mapper or Spark's RDD.pipe) gives the
# same rows, sorted, as one process. JSON Lines output, because with CSV
# each chunk would print its own header (use header=no there).
. "$(dirname "$0")/lib.sh"
command -v parallel >/dev/null 2>&1 || { echo "SKIP: GNU parallel missing"; exit 77; }
parallel --version 2>/dev/null | grep -q 'GNU parallel' || { echo "SKIP: not GNU parallel"; exit 77; }
CORPUS="$KILN_TEST_DATA/national-reports.jsonl"
A='--input jsonl --id-field title --text-field content'
P='segment ! numbers ! units ! targets ! jsonl table=mentions'
expect_exit 0 "$KILN" run $A -p "$P" - <"$CORPUS"
sort "$TMP/out" >"$TMP/one"
[ "$(wc -l <"$TMP/one")" -gt 500 ] || fail "too few rows from the corpus"
parallel --will-cite --pipe -N 10 "$KILN" run -j 1 $A -p "'$P'" - \
    <"$CORPUS" >"$TMP/par" 2>"$TMP/err" || { cat "$TMP/err" >&2; fail "parallel run failed"; }
sort "$TMP/par" | cmp -s - "$TMP/one" || fail "parallel rows differ from one process"
# CSV without a header composes the same way.
C='segment ! numbers ! csv table=mentions header=no'
expect_exit 0 "$KILN" run $A -p "$C" - <"$CORPUS"
sort "$TMP/out" >"$TMP/one.csv"
parallel --will-cite --pipe -N 10 "$KILN" run -j 1 $A -p "'$C'" - \
    <"$CORPUS" | sort | cmp -s - "$TMP/one.csv" || fail "parallel CSV rows differ"
exit 0
