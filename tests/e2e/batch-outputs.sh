#!/bin/sh
# -o DIR, atomic outputs, and pipeline errors that leave every output
# untouched (exit 2, empty standard output).
. "$(dirname "$0")/lib.sh"
P='segment ! numbers ! units ! targets ! csv table=mentions ! jsonl table=targets'
expect_exit 0 "$KILN" run -p "$P" -o "$TMP/out.d" "$SAMPLE"
[ -s "$TMP/out" ] && fail "-o DIR: rows still on standard output"
[ -s "$TMP/out.d/mentions.csv" ] || fail "no mentions.csv"
[ -s "$TMP/out.d/targets.jsonl" ] || fail "no targets.jsonl"
ls -A "$TMP/out.d" | grep -q '^\.' && fail "temporary file left behind"
# Same bytes as standard output.
expect_exit 0 "$KILN" run -p 'segment ! numbers ! units ! targets ! csv table=mentions' "$SAMPLE"
cmp -s "$TMP/out" "$TMP/out.d/mentions.csv" || fail "mentions.csv differs from stdout"

# A failed write keeps the old file: /dev/full as output stops the run,
# and the -o files of that run are not replaced.
echo old >"$TMP/out.d/mentions.csv"
expect_exit 1 "$KILN" run -o "$TMP/out.d" \
    -p "$P ! csv:full table=segments output=/dev/full" "$SAMPLE" "$SAMPLE"
[ "$(cat "$TMP/out.d/mentions.csv")" = old ] || fail "half-written mentions.csv replaced the old one"
ls -A "$TMP/out.d" | grep -q '^\.' && fail "temporary file left after an error"

# A header written at init must not reach stdout when a later init fails.
expect_exit 2 "$KILN" run -p 'segment ! numbers ! csv table=mentions ! units lexicon=/nonexistent.tsv' "$SAMPLE"
[ -s "$TMP/out" ] && fail "header printed although the pipeline failed"

# An exporter's table needs layers its options chose: exit 2 before any
# document, naming the stage that would provide them.
expect_exit 2 "$KILN" run -p 'segment ! csv table=mentions' "$SAMPLE"
expect_stderr_line 'csv.*requires mentions.*add numbers before csv'
[ -s "$TMP/out" ] && fail "output despite the layer error"
expect_exit 2 "$KILN" run -p 'segment ! numbers ! jsonl table=targets' "$SAMPLE"
expect_stderr_line 'jsonl.*requires.*targets'
exit 0
