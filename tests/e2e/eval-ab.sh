#!/bin/sh
# The A/B experiment: two pipelines that differ in one lexicon (B's units
# lexicon lacks 亿 and 元) scored side by side on the same report. B must
# lose unit accuracy and nothing else may change in the mentions matched;
# the readable table shows both columns and their difference.
. "$(dirname "$0")/lib.sh"
D="$KILN_TEST_DATA"
LEX="$D/units-no-yi-yuan.tsv"
A='segment ! numbers ! units ! targets'
B="segment ! numbers units=$LEX ! units lexicon=$LEX ! targets"
G="--gold $D/liling-2021.mentions.jsonl --gold $D/liling-2021.targets.jsonl"

# shellcheck disable=SC2086
expect_exit 0 "$KILN" eval --json $G -p "$A" -p "$B" "$SAMPLE"
cp "$TMP/out" "$TMP/ab.json"
python3 - "$TMP/ab.json" <<'PY' || fail "A/B figures wrong"
import json, sys
a, b = json.load(open(sys.argv[1]))["pipelines"]
assert (a["label"], b["label"]) == ("A", "B"), (a["label"], b["label"])
ma, mb = a["mentions"], b["mentions"]
print("unit accuracy A", ma["unit_acc"], "B", mb["unit_acc"])
assert mb["unit_acc"] < ma["unit_acc"], "B's lexicon lacks 元: unit accuracy must drop"
assert ma["gold"] == mb["gold"] > 0
assert a["targets"]["pairs_gold"] == 3, a["targets"]
PY

# shellcheck disable=SC2086
expect_exit 0 "$KILN" eval $G -p "$A" -p "$B" "$SAMPLE"
grep -Eq '^mentions +A +B +B-A$' "$TMP/out" || { cat "$TMP/out"; fail "no A/B header"; }
grep -Eq '^  unit +1\.0000 +0\.[0-9]{4} +-0\.[0-9]{4}$' "$TMP/out" ||
    { cat "$TMP/out"; fail "no unit row showing the drop"; }

# --verbose names what B got wrong, with its context.
# shellcheck disable=SC2086
expect_exit 0 "$KILN" eval --verbose $G -p "$A" -p "$B" "$SAMPLE"
grep -q '^B .*: wrong unit of .*元' "$TMP/out" || { cat "$TMP/out"; fail "no unit miss listed for B"; }
if grep -q '^A .*: wrong unit' "$TMP/out"; then fail "A has no unit miss"; fi
exit 0
