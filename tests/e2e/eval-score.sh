#!/bin/sh
# kiln eval scores exactly as the reference scorer: the same pipeline's
# mentions table scored by tests/score.py --json must give the figures
# `kiln eval --json` prints (also with --skip-kinds, and for a weaker
# pipeline whose figures are not all 1). A gold file that does not fit its
# report is an error naming the gold file and line (exit 2).
. "$(dirname "$0")/lib.sh"
SCORE="$(dirname "$0")/../score.py"
GOLD="$KILN_TEST_DATA/liling-2021.mentions.jsonl"
FULL='segment ! numbers ! units ! targets'
WEAK="segment ! numbers units=$KILN_TEST_DATA/units-no-yi-yuan.tsv ! units lexicon=$KILN_TEST_DATA/units-no-yi-yuan.tsv ! targets"

compare() { # compare PIPELINE [--skip-kinds=K]
    expect_exit 0 "$KILN" run -p "$1 ! csv table=mentions" "$SAMPLE"
    cp "$TMP/out" "$TMP/mentions.csv"
    python3 "$SCORE" "$SAMPLE" "$GOLD" "$TMP/mentions.csv" --json ${2:-} \
        >"$TMP/ref.json" || fail "score.py failed"
    skip=""
    [ -n "${2:-}" ] && skip="--skip-kinds ${2#--skip-kinds=}"
    # shellcheck disable=SC2086
    expect_exit 0 "$KILN" eval --json --gold "$GOLD" -p "$1" $skip "$SAMPLE"
    cp "$TMP/out" "$TMP/eval.json"
    python3 - "$TMP/ref.json" "$TMP/eval.json" <<'PY' || fail "kiln eval differs from score.py: $1 ${2:-}"
import json, sys
ref = json.load(open(sys.argv[1]))
got = json.load(open(sys.argv[2]))["pipelines"][0]["mentions"]
print("score.py :", ref)
print("kiln eval:", got)
assert ref.keys() == got.keys(), (sorted(ref), sorted(got))
diff = {k: (ref[k], got[k]) for k in ref if ref[k] != got[k]}
assert not diff, diff
PY
}

compare "$FULL"
compare "$FULL" --skip-kinds=slogan,ordinal
compare "$WEAK"
# Not everything is perfect in the weak run, so the comparison above is
# not between two columns of ones.
python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["pipelines"][0]["mentions"]; sys.exit(m["unit_acc"] >= 1)' "$TMP/eval.json" ||
    fail "the weak pipeline should not reach unit accuracy 1"

# A misfit gold file: a text that is not in the report.
sed '3s/三大攻坚战/四大攻坚战/' "$GOLD" >"$TMP/liling-2021.mentions.jsonl"
expect_exit 2 "$KILN" eval --gold "$TMP/liling-2021.mentions.jsonl" "$SAMPLE"
expect_stderr_line "liling-2021\.mentions\.jsonl:3: text '四大攻坚战' occurrence 1 not in"
# A gold file whose name matches no report.
cp "$GOLD" "$TMP/other.mentions.jsonl"
expect_exit 2 "$KILN" eval --gold "$TMP/other.mentions.jsonl" "$SAMPLE"
expect_stderr_line "other\.mentions\.jsonl: no report named other"
exit 0
