#!/bin/sh
# The jsonl exporter gives the same tables as csv on the sample report:
# the same field names in the same order and the same values, read back
# with Python's json and csv modules (JSON null and an empty CSV cell are
# the same "none"; numbers compare as the text CSV prints).
. "$(dirname "$0")/lib.sh"
P='segment ! numbers ! units ! targets'
for table in mentions targets segments diagnostics; do
    expect_exit 0 "$KILN" run -p "$P ! csv table=$table" "$SAMPLE"
    cp "$TMP/out" "$TMP/$table.csv"
    expect_exit 0 "$KILN" run -p "$P ! jsonl table=$table" "$SAMPLE"
    cp "$TMP/out" "$TMP/$table.jsonl"
    python3 - "$TMP/$table.csv" "$TMP/$table.jsonl" "$table" <<'PY' || fail "jsonl differs from csv: $table"
import csv, json, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    reader = csv.DictReader(f)
    fields, rows = reader.fieldnames, list(reader)
with open(sys.argv[2], encoding="utf-8") as f:
    objs = [json.loads(l) for l in f]

def text(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)

assert len(rows) == len(objs), (len(rows), len(objs))
for i, (r, o) in enumerate(zip(rows, objs)):
    assert list(o) == fields, (i, list(o), fields)
    for k in fields:
        c, j = r[k], o[k]
        if isinstance(j, (int, float)) and not isinstance(j, bool):
            assert c != "" and float(c) == j, (i, k, c, j)
        else:
            assert c == text(j), (i, k, c, j)
print(sys.argv[3], len(rows), "rows equal")
PY
done
# The sample has rows in every table but diagnostics.
[ "$(wc -l <"$TMP/mentions.jsonl")" -gt 100 ] || fail "too few mentions"
exit 0
