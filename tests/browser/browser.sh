# make check-browser: render the sample report's page in headless Chromium,
# check the DOM the browser built (every mention an element, every target
# a bar with its values), and save screenshots at desktop and phone width.
# usage: browser.sh OUTDIR   (environment as for make check)
set -u
: "${KILN:?run through make check-browser}"
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: browser.sh OUTDIR}
mkdir -p "$out" || exit 1
out=$(cd "$out" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }

browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
    for b in chromium chromium-browser google-chrome; do
        command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
    done
fi
[ -n "$browser" ] || fail "no chromium found: apt-get install chromium (or set CHROMIUM)"
command -v python3 >/dev/null 2>&1 || fail "python3 is needed"

profile=$(mktemp -d "${TMPDIR:-/tmp}/kiln-chromium.XXXXXX")
trap 'rm -rf "$profile"' EXIT
chrome() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@"
}

"$KILN" run -p "segment ! numbers ! units ! targets ! html output=$out/liling-2021.html ! csv:m table=mentions output=$out/mentions.csv ! csv:t table=targets output=$out/targets.csv" \
    "$KILN_TEST_DATA/liling-2021.txt" || fail "kiln run on the sample"
page="file://$out/liling-2021.html"

chrome --dump-dom "$page" >"$out/dom.html" 2>"$out/chromium.log" \
    || fail "chromium --dump-dom failed (see $out/chromium.log)"
[ -s "$out/dom.html" ] || fail "empty DOM (see $out/chromium.log)"
python3 "$here/check_html.py" "$out/dom.html" "$out/mentions.csv" \
    "$out/targets.csv" --dom || fail "DOM check"

for shot in liling-2021.png:1200,2000 liling-2021-phone.png:390,1400; do
    file=${shot%%:*}
    rm -f "$out/$file"
    chrome --screenshot="$out/$file" --window-size="${shot#*:}" "$page" \
        >>"$out/chromium.log" 2>&1 || fail "chromium --screenshot failed"
    head -c 8 "$out/$file" | od -An -c | grep -q 'P   N   G' \
        || fail "$out/$file is not a PNG"
    echo "screenshot: $out/$file"
done
echo "OK: browser check passed"
