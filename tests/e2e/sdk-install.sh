#!/bin/sh
# A stage written outside kiln's tree: install kiln, build the example
# stage (examples/drop) against it with pkg-config alone, and run it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sdk-lib.sh"
sdk_install

# What a stage author needs is installed: every public header (kiln.h
# includes the rest), kiln.pc, and the stage directory it names holds the
# built-in stages.
for h in kiln.h stage.h doc.h arena.h buf.h error.h lexicon.h utf8.h; do
    [ -f "$DEST$KILN_SDK_INCLUDEDIR/kiln/$h" ] || fail "kiln/$h not installed"
done
[ "$STAGEDIR" = "$DEST$KILN_SDK_PKGLIBDIR" ] ||
    fail "kiln.pc stagedir is $STAGEDIR, stages are installed in $DEST$KILN_SDK_PKGLIBDIR"
ls "$STAGEDIR"/segment.* >/dev/null 2>&1 || fail "no segment stage in $STAGEDIR"
datadir=$(pkg-config --variable=pkgdatadir kiln)
case $datadir in "$DEST"/*) ;; *) datadir="$DEST$datadir" ;; esac
ls "$datadir"/data/*.tsv >/dev/null 2>&1 ||
    fail "kiln.pc pkgdatadir ($datadir) holds no lexicons (data/*.tsv)"
[ -f "$DEST$KILN_SDK_DOCDIR/writing-a-stage.md" ] || fail "writing-a-stage.md not installed"

# 1. The example's Makefile, as the docs say: copy, make. With kiln's own
# warnings as errors (and sanitizers, when kiln has them).
W="$TMP/work/drop"
sdk_copy_example "$W"
(unset MAKEFLAGS MFLAGS MAKELEVEL; make -C "$W" CC="$CC" \
    CFLAGS="-O2 -g -Werror ${KILN_SDK_CFLAGS:-}") >"$TMP/build.log" 2>&1 || {
    cat "$TMP/build.log" >&2
    fail "the example stage does not build against the installed kiln"
}
[ -f "$W/drop.so" ] || fail "make did not produce drop.so"
# Exactly one exported symbol: the descriptor (leaving aside the
# compiler's reserved __names, e.g. ASan's).
if command -v nm >/dev/null 2>&1; then
    syms=$(nm -D --defined-only "$W/drop.so" |
           awk '$2 != "A" && $3 !~ /^__/ { print $3 }')
    [ "$syms" = kiln_stage_drop ] ||
        fail "drop.so exports more than its descriptor: $syms"
fi

# 2. The one-line build of docs/writing-a-stage.md gives a working stage too.
mkdir -p "$TMP/oneline"
cp "$W/drop.c" "$TMP/oneline/drop.c"
# shellcheck disable=SC2046 # pkg-config output is meant to split
$CC $(pkg-config --cflags --libs kiln) -shared -fPIC \
    -o "$TMP/oneline/drop.so" "$TMP/oneline/drop.c" ||
    fail "the one-line build (cc \$(pkg-config --cflags --libs kiln) ...) fails"
expect_exit 0 "$KILN_INST" describe --plugin-path "$TMP/oneline" drop

# 3. kiln finds it by --plugin-path and by KILN_PLUGIN_PATH, lists it and
# describes its options.
expect_exit 0 "$KILN_INST" stages --plugin-path "$W"
grep -Eq "^drop +remove mentions by kind, role or unit +\($W/drop\.so\)" \
    "$TMP/out" || { cat "$TMP/out" >&2; fail "kiln stages does not list drop"; }
grep -q '^segment ' "$TMP/out" || fail "kiln stages lost the installed stages"
KILN_PLUGIN_PATH="$W" expect_exit 0 "$KILN_INST" describe drop
for opt in 'kinds +string' 'roles +string' 'units +string' 'keep +bool +default: no'; do
    grep -Eq "^  $opt" "$TMP/out" ||
        { cat "$TMP/out" >&2; fail "kiln describe drop lacks option: $opt"; }
done
grep -q 'written units to remove' "$TMP/out" || fail "kiln describe drop lacks help text"
grep -Eq '^  requires +mentions' "$TMP/out" || fail "kiln describe drop: requires not shown"

# 4. Its declaration requires = mentions fails before any document.
expect_exit 2 "$KILN_INST" run --plugin-path "$W" \
    -p 'segment ! drop kinds=slogan ! csv table=segments' "$SAMPLE"
expect_stderr_line "drop.*mentions"
[ -s "$TMP/out" ] && fail "output written despite a pipeline error"

# 5. A stage of the same name as a built-in is an error naming both files.
mkdir -p "$TMP/shadow"
cp "$W/drop.so" "$TMP/shadow/"
cp "$STAGEDIR"/segment.so "$TMP/shadow/segment.so" 2>/dev/null ||
    fail "no segment.so in $STAGEDIR"
expect_exit 2 "$KILN_INST" run --plugin-path "$TMP/shadow" \
    -p 'segment ! csv table=segments' "$SAMPLE"
expect_stderr_line "$TMP/shadow/segment\.so.*$STAGEDIR/segment\.|$STAGEDIR/segment\..*$TMP/shadow/segment\.so"

# 6. The pipeline a user runs. Needs the numbers and csv stages.
if ! has_stage numbers || ! has_stage csv; then
    echo "numbers or csv stage missing: pipeline part not run" >&2
    exit 77
fi
# A bad option value is one line naming the stage and the value, before
# any document.
expect_exit 2 "$KILN_INST" run --plugin-path "$W" \
    -p 'segment ! numbers ! drop kinds=slgan ! csv table=mentions' "$SAMPLE"
expect_stderr_line "stage 'drop'.*'slgan'.*slogan"
expect_exit 2 "$KILN_INST" run --plugin-path "$W" \
    -p 'segment ! numbers ! drop ! csv table=mentions' "$SAMPLE"
expect_stderr_line "stage 'drop'.*nothing to match"

run_mentions() { # run_mentions OUTFILE DROP-STAGE-OR-EMPTY
    expect_exit 0 "$KILN_INST" run --plugin-path "$W" \
        -p "segment ! numbers ${2:+! $2 }! csv table=mentions" "$SAMPLE"
    cp "$TMP/out" "$1"
}
run_mentions "$TMP/all.csv" ""
run_mentions "$TMP/noslogan.csv" "drop kinds=slogan,ordinal"
run_mentions "$TMP/amounts.csv" "drop kinds=amount keep=yes"
# The example's pipeline file does the same as the one-line form.
expect_exit 0 "$KILN_INST" run --plugin-path "$W" --pipeline "$W/drop.pipeline" "$SAMPLE"
cmp -s "$TMP/out" "$TMP/noslogan.csv" ||
    fail "examples/drop/drop.pipeline differs from the one-line pipeline"
# Two written units of the sample, picked from its own output.
units=$(python3 - "$TMP/all.csv" <<'PY'
import collections, csv, sys
rows = csv.DictReader(open(sys.argv[1], encoding="utf-8", newline=""))
c = collections.Counter(r["unit"] for r in rows if r["unit"])
print(",".join(u for u, _ in c.most_common(2)))
PY
) || fail "cannot read the mentions table"
run_mentions "$TMP/nounits.csv" "drop units=$units"

python3 - "$TMP" "$units" <<'PY' || fail "drop removed the wrong mentions"
import csv, sys
tmp, units = sys.argv[1], sys.argv[2].split(",")
def load(name):
    with open(f"{tmp}/{name}.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    # Mentions are numbered anew after a drop: 1..n, in order.
    assert [int(r["mention"]) for r in rows] == list(range(1, len(rows) + 1)), name
    for r in rows:
        del r["mention"]
    return rows
every = load("all")
def check(name, keep):
    want = [r for r in every if keep(r)]
    got = load(name)
    assert 0 < len(want) < len(every), f"{name}: test data removes nothing or all"
    assert got == want, f"{name}: {len(got)} rows, wanted {len(want)}"
    print(f"{name}: {len(every) - len(got)} of {len(every)} removed")
check("noslogan", lambda r: r["kind"] not in ("slogan", "ordinal"))
check("amounts", lambda r: r["kind"] == "amount")
check("nounits", lambda r: r["unit"] not in units)
PY

# After targets, drop keeps the comparisons right: removing the achieved
# figures leaves every target, without its baseline, and says why.
if has_stage units && has_stage targets; then
    T='segment ! numbers ! units ! targets'
    expect_exit 0 "$KILN_INST" run -p "$T ! csv table=targets" "$SAMPLE"
    cp "$TMP/out" "$TMP/targets.csv"
    expect_exit 0 "$KILN_INST" run --plugin-path "$W" \
        -p "$T ! drop roles=achieved ! csv table=targets" "$SAMPLE"
    python3 - "$TMP/targets.csv" "$TMP/out" <<'PY' || fail "drop after targets broke the comparisons"
import csv, sys
a, b = ([r for r in csv.DictReader(open(p, encoding="utf-8", newline=""))]
        for p in sys.argv[1:3])
assert len(a) == len(b), (len(a), len(b))
lost = 0
for x, y in zip(a, b):
    for k in ("indicator", "target_text", "target_value", "target_start"):
        assert x[k] == y[k], (k, x[k], y[k])
    assert y["baseline_text"] == "" and y["progress"] == "", y
    if x["baseline_text"]:
        lost += 1
        assert y["diagnostics"].endswith("baseline removed by drop"), y
assert lost > 0, "the sample has no target with a baseline"
print(f"targets: {lost} of {len(a)} lost their baseline")
PY
fi

# roles= without a stage that provides roles fails each document, saying why.
expect_exit 1 "$KILN_INST" run --plugin-path "$W" \
    -p 'segment ! numbers ! drop roles=other ! csv table=mentions' "$SAMPLE"
expect_stderr_line "stage 'drop'.*roles"
exit 0
