#!/bin/sh
# The units stage end to end: a pipeline file naming a small lexicon
# (tests/data/units-extra.tsv, which adds 千伏安 under a dimension it
# declares) gives that unit a dimension and a base-unit value; a unit that
# lexicon lacks becomes an "unknown-unit" diagnostic naming its line; a
# broken lexicon stops the pipeline before any document, naming FILE:LINE.
set -u
: "${KILN:?run through make check}" "${KILN_TEST_DATA:?run through make check}"
. "$(dirname "$0")/e2e/modules-lock.sh"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kiln-units.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
"$KILN" stages 2>/dev/null | grep -q '^numbers ' || {
    echo "SKIP: the numbers stage is not built"
    exit 77
}

# Paths in a pipeline file are relative to it: keep the lexicon beside it.
cp "$KILN_TEST_DATA/units-extra.tsv" "$TMP/" || fail "cannot copy fixture"
cat >"$TMP/extra.pipeline" <<'EOF'
[segment]
[numbers]
units = units-extra.tsv
[units]
lexicon = units-extra.tsv
[csv]
table = mentions
EOF
printf '全县新增变电容量30万千伏安，投资2亿元。\n全年产量5万吨。\n' >"$TMP/in.txt"

"$KILN" run -c "$TMP/extra.pipeline" "$TMP/in.txt" >"$TMP/mentions.csv" \
    2>"$TMP/err" || { cat "$TMP/err" >&2; fail "run with units-extra.tsv"; }
python3 - "$TMP/mentions.csv" <<'PY' || fail "the added unit was not applied"
import csv, sys
rows = {r["text"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
kva = rows.get("30万千伏安")
assert kva, sorted(rows)
assert (kva["unit"], kva["dimension"], kva["si_unit"]) == ("千伏安", "apparent_power", "VA"), kva
assert float(kva["si_value"]) == 3e8, kva
money = rows["2亿元"]
assert (money["dimension"], money["si_unit"], float(money["si_value"])) == ("money", "CNY", 2e8), money
PY

# The shipped numbers lexicon finds 吨, which units-extra.tsv lacks.
"$KILN" run -p 'segment ! numbers ! units ! csv table=diagnostics' \
    --set "units.lexicon=$TMP/units-extra.tsv" "$TMP/in.txt" \
    >"$TMP/diag.csv" 2>"$TMP/err" || { cat "$TMP/err" >&2; fail "diagnostics run"; }
grep -q 'unknown-unit,unknown unit 吨 at line 2' "$TMP/diag.csv" ||
    { cat "$TMP/diag.csv" >&2; fail "no unknown-unit diagnostic for 吨 at line 2"; }

# A lexicon error fails at load time (exit 2), one line naming FILE:LINE.
"$KILN" run -p 'segment ! numbers ! units ! csv' \
    --set "units.lexicon=$KILN_TEST_DATA/units-duplicate.tsv" "$TMP/in.txt" \
    >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 2 ] || fail "exit $rc for a duplicate unit, wanted 2"
[ "$(wc -l <"$TMP/err")" -eq 1 ] || { cat "$TMP/err" >&2; fail "want one error line"; }
grep -q 'units-duplicate.tsv:5: duplicate unit' "$TMP/err" ||
    { cat "$TMP/err" >&2; fail "error does not name units-duplicate.tsv:5"; }
[ ! -s "$TMP/out" ] || fail "output written despite a pipeline error"
# The sample report with the shipped lexicon: every measured figure with a
# unit gets a dimension, and units agree with the gold annotation.
SAMPLE="$KILN_TEST_DATA/liling-2021.txt"
"$KILN" run -p 'segment ! numbers ! units ! csv table=mentions' "$SAMPLE" \
    >"$TMP/sample.csv" 2>"$TMP/err" || { cat "$TMP/err" >&2; fail "sample run"; }
python3 - "$TMP/sample.csv" <<'PY' || fail "a measured figure has no dimension"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
measured = [r for r in rows if r["unit"] and r["kind"] in
            ("amount", "percent", "percentage_point", "duration")]
assert len(measured) > 50, len(measured)
missing = [r["text"] for r in measured if not r["dimension"] or not r["si_value"]]
assert not missing, missing
PY
acc=$(python3 "$(dirname "$0")/score.py" "$SAMPLE" \
    "$KILN_TEST_DATA/liling-2021.mentions.jsonl" "$TMP/sample.csv" --json |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["unit_acc"])')
python3 -c "import sys; sys.exit(0 if float('$acc') >= 0.97 else 1)" ||
    fail "unit accuracy $acc on the sample, wanted >= 0.97"
echo "units lexicon end to end: ok (sample unit accuracy $acc)"
