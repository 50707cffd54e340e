#!/bin/sh
# The sample report against its hand annotation: mention F1 and exact-span
# F1 (numbers), unit accuracy (units), role and indicator accuracy and the
# three target/baseline pairs (targets). Scored by tests/score.py, a copy of
# the reference scorer.
. "$(dirname "$0")/lib.sh"
GOLD="$KILN_TEST_DATA/liling-2021.mentions.jsonl"
SCORE="$(dirname "$0")/../score.py"

expect_exit 0 "$KILN" run -p 'segment ! numbers ! units ! targets ! csv table=mentions' "$SAMPLE"
cp "$TMP/out" "$TMP/mentions.csv"
python3 "$SCORE" "$SAMPLE" "$GOLD" "$TMP/mentions.csv" --json >"$TMP/score.json" ||
    fail "score.py failed"
cat "$TMP/score.json"
python3 - "$TMP/score.json" <<'PY' || fail "below the bar on the sample report"
import json, sys
s = json.load(open(sys.argv[1]))
bars = {"f1": 0.98, "exact_span_f1": 0.95, "unit_acc": 0.97,
        "role_acc": 0.95, "indicator_acc": 0.90}
low = {k: s[k] for k, bar in bars.items() if s[k] is None or s[k] < bar}
assert not low, f"below the bar: {low}"
PY

# The three pairs the report gives, with progress and required growth.
expect_exit 0 "$KILN" run -p 'segment ! numbers ! units ! targets ! csv table=targets' "$SAMPLE"
python3 - "$TMP/out" <<'PY' || fail "target/baseline pairs wrong"
import csv, math, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["baseline_value"]]
got = {r["indicator"]: r for r in rows}
want = {  # indicator: baseline, target, progress, horizon, growth
    "地区生产总值": (73800000000, 100000000000, 0.738, 5, (1000 / 738) ** (1 / 5) - 1),
    "外贸进出口总额": (500000000, 1000000000, 0.5, None, None),
    "本地就诊率": (93.8, 95, 93.8 / 95, None, None),
}
for ind, (b, t, prog, hor, growth) in want.items():
    assert ind in got, f"no pair for {ind}: {sorted(got)}"
    r = got[ind]
    assert math.isclose(float(r["baseline_value"]), b), r
    assert math.isclose(float(r["target_value"]), t), r
    assert math.isclose(float(r["progress"]), prog, rel_tol=1e-9), r
    if hor is None:
        assert r["horizon_years"] == "" and r["required_annual_growth"] == "", r
    else:
        assert float(r["horizon_years"]) == hor, r
        assert math.isclose(float(r["required_annual_growth"]), growth, rel_tol=1e-9), r
assert len(rows) == 3, f"unexpected pairs: {[r['indicator'] for r in rows]}"
print("3 pairs right; growth", got["地区生产总值"]["required_annual_growth"])
PY
exit 0
