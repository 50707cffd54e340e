# The html exporter on real reports, without a browser: the page and a
# batch of pages parse with balanced tags, load nothing from the network,
# highlight every mention and draw every target of the csv tables of the
# same run; report text (a <script> in a report) stays text.
set -u
: "${KILN:?run through make check}"
. "$(dirname "$0")/../e2e/modules-lock.sh"
here=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kiln-html.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }

SAMPLE="$KILN_TEST_DATA/liling-2021.txt"
STAGES='segment ! numbers ! units ! targets'
TABLES="csv:m table=mentions output=$TMP/m.csv ! csv:t table=targets output=$TMP/t.csv"

# 1. one report, one page
"$KILN" run -p "$STAGES ! html output=$TMP/page.html ! $TABLES" "$SAMPLE" \
    || fail "kiln run on the sample"
python3 "$here/check_html.py" "$TMP/page.html" "$TMP/m.csv" "$TMP/t.csv" \
    || fail "sample page"

# 2. a batch: a hostile report beside the sample, one page each and an index
printf '%s\n' '<script>alert("x")</script>地区生产总值增长7%。' \
    '力争到2025年地区生产总值达到100亿元<b>。</b>' >"$TMP/evil.txt"
"$KILN" run -p "$STAGES ! html dir=$TMP/site ! $TABLES" "$TMP/evil.txt" \
    "$SAMPLE" || fail "kiln run on a batch"
[ -f "$TMP/site/index.html" ] || fail "no index.html"
[ -f "$TMP/site/0001-evil.html" ] || fail "no page for the first document"
[ -f "$TMP/site/0002-liling-2021.html" ] || fail "no page for the second"
python3 "$here/check_html.py" "$TMP/site/0001-evil.html" "$TMP/m.csv" \
    "$TMP/t.csv" --doc "$TMP/evil.txt" || fail "hostile page"
python3 "$here/check_html.py" "$TMP/site/0002-liling-2021.html" "$TMP/m.csv" \
    "$TMP/t.csv" --doc "$SAMPLE" || fail "batch page of the sample"
grep -q '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' \
    "$TMP/site/0001-evil.html" || fail "the report's <script> is not shown as text"
if grep -qi '<script\|<b>。' "$TMP/site/0001-evil.html"; then
    fail "report text reached the page unescaped"
fi
grep -q 'href="0001-evil.html"' "$TMP/site/index.html" || fail "index lacks page 1"
grep -q 'href="0002-liling-2021.html"' "$TMP/site/index.html" || fail "index lacks page 2"
grep -q '<table class="compare">' "$TMP/site/index.html" \
    || fail "index lacks the table across documents"
ls -a "$TMP/site" | grep -q '^\.0' && fail "temporary file left in the site"
echo "OK"
exit 0
