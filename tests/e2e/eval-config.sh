#!/bin/sh
# --save-config records the fully resolved pipeline (kiln's version, every
# option, lexicons with their sha256); `kiln run --config` reruns it with
# byte-identical output, and refuses when a lexicon changed since.
. "$(dirname "$0")/lib.sh"
cp "$KILN_DATA_PATH/data/units-zh.tsv" "$TMP/units.tsv"
P="segment ! numbers ! units lexicon=$TMP/units.tsv ! targets ! csv table=mentions"

expect_exit 0 "$KILN" run -p "$P" --save-config "$TMP/saved.pipeline" "$SAMPLE"
cp "$TMP/out" "$TMP/first.csv"
grep -q "^# kiln-version [0-9]" "$TMP/saved.pipeline" || fail "no version line"
grep -q "^lexicon = $TMP/units.tsv\$" "$TMP/saved.pipeline" || fail "lexicon path not absolute"
want=$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$TMP/units.tsv")
grep -A1 "^lexicon = " "$TMP/saved.pipeline" | grep -qx "# sha256 $want" ||
    { cat "$TMP/saved.pipeline"; fail "no sha256 of the lexicon under it"; }
grep -q "^header = yes" "$TMP/saved.pipeline" || fail "defaults not written"

# Run it again from another directory: same bytes.
(cd "$TMP" && "$KILN" run --config saved.pipeline "$SAMPLE") >"$TMP/second.csv" 2>"$TMP/err" ||
    { cat "$TMP/err"; fail "rerun failed"; }
cmp "$TMP/first.csv" "$TMP/second.csv" || fail "rerun output differs"
[ -s "$TMP/err" ] && { cat "$TMP/err"; fail "rerun warned"; }

# Saving the rerun's config gives the same record.
expect_exit 0 "$KILN" run --config "$TMP/saved.pipeline" --save-config "$TMP/again.pipeline" "$SAMPLE"
sed 1d "$TMP/saved.pipeline" >"$TMP/a"
sed 1d "$TMP/again.pipeline" >"$TMP/b"
cmp "$TMP/a" "$TMP/b" || fail "the record of the rerun differs"

# A changed lexicon: exit 2, one line naming the config line and the file.
printf '# edited\n' >>"$TMP/units.tsv"
expect_exit 2 "$KILN" run --config "$TMP/saved.pipeline" "$SAMPLE"
expect_stderr_line "saved\.pipeline:[0-9]+: .*units\.tsv changed since the run was saved"
[ -s "$TMP/out" ] && fail "output despite a changed lexicon"

# --config excludes -p.
expect_exit 2 "$KILN" run --config "$TMP/saved.pipeline" -p segment "$SAMPLE"
exit 0
