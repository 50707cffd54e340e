#!/bin/sh
# JSON Lines input: one document a line, fields chosen by name, a bad line
# costing only itself, the same rows as the same texts given as files.
. "$(dirname "$0")/lib.sh"
CORPUS="$KILN_TEST_DATA/national-reports.jsonl"
P='segment ! numbers ! units ! targets ! csv table=mentions header=no'

# Three reports of the corpus as JSON Lines and as text files.
head -n 3 "$CORPUS" >"$TMP/three.jsonl"
mkdir "$TMP/texts"
python3 - "$TMP/three.jsonl" "$TMP/texts" <<'PY' || fail "python3 needed"
import json, sys
for i, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    r = json.loads(line)
    with open("%s/%d.txt" % (sys.argv[2], i), "w", encoding="utf-8", newline="") as f:
        f.write(r["content"])
PY
expect_exit 0 "$KILN" run -p "$P" "$TMP/texts/0.txt" "$TMP/texts/1.txt" "$TMP/texts/2.txt"
# Rows of text files start with the path; cut the doc column to compare.
cut -d, -f2- "$TMP/out" >"$TMP/from-text"
[ -s "$TMP/from-text" ] || fail "no mentions in three national reports"
expect_exit 0 "$KILN" run --input jsonl --id-field title --text-field content \
    -p "$P" "$TMP/three.jsonl"
[ -s "$TMP/err" ] && fail "stderr not empty: $(cat "$TMP/err")"
cut -d, -f2- "$TMP/out" >"$TMP/from-jsonl"
cmp -s "$TMP/from-text" "$TMP/from-jsonl" || fail "JSON Lines rows differ from text files"
# The doc column is the id field.
title=$(head -n 1 "$CORPUS" | python3 -c 'import json,sys; print(json.load(sys.stdin)["title"])')
head -n 1 "$TMP/out" | grep -q "^$title," || fail "doc column is not the title field"

# Standard input gives the same rows.
expect_exit 0 "$KILN" run --input jsonl --id-field title --text-field content \
    -p "$P" - <"$TMP/three.jsonl"
cut -d, -f2- "$TMP/out" | cmp -s - "$TMP/from-jsonl" || fail "stdin differs"

# A malformed line, a line without the text field and a non-object fail
# alone, each with one line naming file:line; the good lines keep their rows.
{
    sed -n 1p "$TMP/three.jsonl"
    printf '{"title": "broken", "content": "unterminated\n'
    printf '{"title": "no text"}\n'
    printf '\n'
    sed -n 2p "$TMP/three.jsonl"
    printf '[1, 2]\n'
    sed -n 3p "$TMP/three.jsonl"
} >"$TMP/bad.jsonl"
expect_exit 1 "$KILN" run --input jsonl --id-field title --text-field content \
    -p "$P" "$TMP/bad.jsonl"
[ "$(wc -l <"$TMP/err")" -eq 3 ] || { cat "$TMP/err" >&2; fail "wanted 3 error lines"; }
grep -q 'bad\.jsonl:2: malformed JSON' "$TMP/err" || fail "malformed line not named"
grep -q 'bad\.jsonl:3: no field "content"' "$TMP/err" || fail "missing field not named"
grep -q 'bad\.jsonl:6: not a JSON object' "$TMP/err" || fail "non-object not named"
cut -d, -f2- "$TMP/out" | cmp -s - "$TMP/from-jsonl" || fail "good lines lost rows"

# An escaped NUL is valid JSON but no text: the document fails as a text
# file with a NUL byte does (the reader's check must not let it through);
# an escaped character elsewhere changes nothing.
printf '{"id": "nul", "text": "增长\\u0000。"}\n{"id": "ok", "text": "增长\\u0035%%。"}\n' >"$TMP/nul.jsonl"
expect_exit 1 "$KILN" run --input jsonl -p "$P" "$TMP/nul.jsonl"
expect_stderr_line '^kiln: .*nul\.jsonl:1: NUL byte \(0x00\) at byte 6 \(line 1\)$'
grep -q '^ok,1,.*,5%,' "$TMP/out" || fail "escaped digit not read: $(cat "$TMP/out")"

# Default fields are id and text; an integer id is printed as is.
printf '{"id": 7, "text": "地区生产总值达100亿元。"}\n' >"$TMP/ids.jsonl"
expect_exit 0 "$KILN" run --input jsonl -p "$P" "$TMP/ids.jsonl"
grep -q '^7,1,' "$TMP/out" || fail "integer id not used as doc"

# Directories: --glob chooses the files (default *.jsonl with --input jsonl).
mkdir -p "$TMP/dir/sub"
cp "$TMP/ids.jsonl" "$TMP/dir/sub/a.jsonl"
cp "$TMP/ids.jsonl" "$TMP/dir/b.json"
expect_exit 0 "$KILN" run --input jsonl -p "$P" "$TMP/dir"
[ "$(wc -l <"$TMP/out")" -eq 1 ] || fail "directory walk: wanted the .jsonl file only"
expect_exit 0 "$KILN" run --input jsonl --glob '*.json*' -p "$P" "$TMP/dir"
[ "$(wc -l <"$TMP/out")" -eq 2 ] || fail "--glob '*.json*' should take both files"
exit 0
