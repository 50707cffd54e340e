#!/bin/sh
# Every segment row's code-point span slices the original file to its text.
. "$(dirname "$0")/lib.sh"
# Run from the data directory so the doc column does not depend on where
# the tree is checked out.
cd "$KILN_TEST_DATA" || fail "no test data"
expect_exit 0 "$KILN" run -p 'segment ! csv table=segments' liling-2021.txt
python3 - "$SAMPLE" "$TMP/out" <<'PY' || fail "offsets do not slice the original"
import csv, sys
orig = open(sys.argv[1], encoding="utf-8", newline="").read()
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8", newline="")))
assert rows, "no segment rows"
kinds = {r["kind"] for r in rows}
assert {"paragraph", "sentence", "clause"} <= kinds, kinds
for r in rows:
    s, e = int(r["start"]), int(r["end"])
    assert orig[s:e] == r["text"], (r, orig[s:e])
print(len(rows), "rows checked")
PY
# The whole table is stable: compare with the reviewed expected output.
diff -u "$KILN_TEST_DATA/expected/liling-2021.segments.csv" "$TMP/out" ||
    fail "segments table differs from tests/data/expected/liling-2021.segments.csv"
