#!/bin/sh
# The bad-input matrix (issue 8): each bad document is refused with one
# line naming it and exit 1, while the good documents around it keep their
# output complete and unchanged; each pipeline mistake is one line and
# exit 2 before any output. Every fixture is made here, in $TMP.
. "$(dirname "$0")/lib.sh"
M='segment ! numbers ! csv table=mentions header=no'
printf '地区生产总值达100亿元，增长6.5%%。\n' >"$TMP/a.txt"
printf '第二份报告。粮食产量12万吨。\n' >"$TMP/b.txt"
expect_exit 0 "$KILN" run -p "$M" "$TMP/a.txt" "$TMP/b.txt"
cp "$TMP/out" "$TMP/good.csv"
[ "$(wc -l <"$TMP/good.csv")" -ge 3 ] || fail "fixture: wanted 3 mentions or more"

# bad_doc NAME PATTERN: NAME between the good documents is refused with
# one line matching PATTERN; the others' rows are all there, in order.
bad_doc() {
    expect_exit 1 "$KILN" run -p "$M" "$TMP/a.txt" "$1" "$TMP/b.txt"
    expect_stderr_line "$2"
    cmp -s "$TMP/out" "$TMP/good.csv" ||
        fail "good documents' output changed next to $1"
}
# fine_doc NAME: NAME is processed without a word on stderr (exit 0).
fine_doc() {
    expect_exit 0 "$KILN" run -p "$M" "$1"
    [ -s "$TMP/err" ] && { cat "$TMP/err" >&2; fail "stderr for $1"; }
    return 0
}

# Empty and blank documents have no figures: not an error, no rows.
: >"$TMP/empty.txt"
fine_doc "$TMP/empty.txt"
[ -s "$TMP/out" ] && fail "rows from an empty document"
printf '  \n\t\n\n' >"$TMP/blank.txt"
fine_doc "$TMP/blank.txt"
[ -s "$TMP/out" ] && fail "rows from a blank document"

# Bytes that are not UTF-8 text: file, offending byte, offset and line.
printf '增长\000。\n' >"$TMP/nul.txt"
bad_doc "$TMP/nul.txt" '^kiln: .*nul\.txt: NUL byte \(0x00\) at byte 6 \(line 1\)$'
printf 'a\n\200b\n' >"$TMP/cont.txt"        # lone continuation byte
bad_doc "$TMP/cont.txt" '^kiln: .*cont\.txt: invalid UTF-8 \(0x80\) at byte 2 \(line 2\)$'
printf 'ab\300\257\n' >"$TMP/overlong.txt"  # overlong '/'
bad_doc "$TMP/overlong.txt" 'overlong\.txt: .*\(0xc0\) at byte 2 \(line 1\)$'
printf 'ab\355\240\200\n' >"$TMP/surrogate.txt" # U+D800
bad_doc "$TMP/surrogate.txt" 'surrogate\.txt: .*\(0xed\) at byte 2 \(line 1\)$'
printf '增长\345\242' >"$TMP/truncated.txt"  # cut inside the last character
bad_doc "$TMP/truncated.txt" 'truncated\.txt: .*\(0xe5\) at byte 6 \(line 1\)$'

# A BOM counts as one code point; CRLF and CR-only line ends keep their
# characters in the offsets (Python newline="" semantics).
printf '\357\273\277增长6.5%%。\n' >"$TMP/bom.txt"
fine_doc "$TMP/bom.txt"
grep -q '^[^,]*bom\.txt,1,1,3,7,6\.5%,6\.5,' "$TMP/out" || fail "BOM offsets"
printf '增长6.5%%，\r\n达100亿元。\r\n' >"$TMP/crlf.txt"
fine_doc "$TMP/crlf.txt"
grep -q 'crlf\.txt,2,1,10,15,100亿元,10000000000,' "$TMP/out" || fail "CRLF offsets"
printf '增长6.5%%，\r达100亿元。\r' >"$TMP/cr.txt"
fine_doc "$TMP/cr.txt"
grep -q 'cr\.txt,2,1,9,14,100亿元,10000000000,' "$TMP/out" || fail "CR offsets"

# A 10 MB line without punctuation: linear time (a quadratic scan would
# take hours; the limit is generous for sanitizers and slow machines).
# Under valgrind (KILN_VALGRIND=1) 1 MB does.
# (awk counts bytes here: a multiple of 3 cuts between characters)
n=10500000
[ "${KILN_VALGRIND:-0}" = 1 ] && n=1050000
LC_ALL=C awk -v n="$n" 'BEGIN { s = "增"; while (length(s) < n) s = s s;
    printf "%s", substr(s, 1, n) }' >"$TMP/long.txt"
start=$(date +%s)
timeout 300 "$KILN" run -p 'segment ! numbers ! units ! targets ! csv table=mentions' \
    "$TMP/long.txt" >"$TMP/out" 2>"$TMP/err" || fail "10 MB line: exit $?"
echo "10 MB line: $(($(date +%s) - start)) s"

# Too many digits: a number-overflow diagnostic, never a wrong value.
printf '产值1234567890123456789012345678901234567890元。\n投资十万万万万亿元。\n' >"$TMP/big.txt"
expect_exit 0 "$KILN" run -p "$M" "$TMP/big.txt"
[ -s "$TMP/out" ] && { cat "$TMP/out" >&2; fail "a value for an unreadable number"; }
expect_exit 0 "$KILN" run -p 'segment ! numbers ! csv table=diagnostics header=no' "$TMP/big.txt"
[ "$(grep -c ',number-overflow,' "$TMP/out")" -eq 2 ] ||
    { cat "$TMP/out" >&2; fail "wanted 2 number-overflow diagnostics"; }
grep -q ',number-overflow,.*1234567890123456789012345678901234567890' "$TMP/out" ||
    fail "40-digit diagnostic does not quote the number"
grep -q ',number-overflow,.*十万万万万亿' "$TMP/out" || fail "十万万万万亿 not diagnosed"

# Things that are not documents.
mkdir "$TMP/dir" "$TMP/dir/sub"
bad_doc "$TMP/dir" 'dir: .*directory'
mkfifo "$TMP/fifo"
bad_doc "$TMP/fifo" 'fifo: not a regular file \(a FIFO\)'
bad_doc "$TMP/missing.txt" 'missing\.txt: cannot open: No such file'
if [ "$(id -u)" -ne 0 ]; then
    cp "$TMP/a.txt" "$TMP/locked.txt" && chmod 000 "$TMP/locked.txt"
    bad_doc "$TMP/locked.txt" 'locked\.txt: cannot open: Permission denied'
fi
bad_doc /proc/self/mem 'mem: read error: Input/output error'

# Larger than --max-doc-size: refused by size, the others go on.
head -c 2000 "$KILN_TEST_DATA/liling-2021.txt" >"$TMP/large.txt"
expect_exit 1 "$KILN" run --max-doc-size 1k -p "$M" "$TMP/a.txt" "$TMP/large.txt" "$TMP/b.txt"
expect_stderr_line 'large\.txt: too large: 2000 bytes, more than --max-doc-size 1024 bytes$'
cmp -s "$TMP/out" "$TMP/good.csv" || fail "output lost next to a large document"
expect_exit 1 "$KILN" run --max-doc-size 1k -p "$M" - <"$TMP/large.txt"
expect_stderr_line 'too large'

# Pipeline mistakes: exit 2, one line, before any document (no output).
pipeline_error() {
    pattern=$1
    shift
    expect_exit 2 "$KILN" run "$@" "$TMP/a.txt"
    expect_stderr_line "$pattern"
    [ -s "$TMP/out" ] && fail "output despite a pipeline error: $*"
    return 0
}
pipeline_error "stage 2: no stage 'numbrs'.*did you mean 'numbers'" -p 'segment ! numbrs'
modules="$(dirname "$KILN_STAGEDIR")/tests/modules" # <builddir>/plugins
pipeline_error 'abi-major\.la: stage ABI 2\.0, this kiln supports 1\.[0-9]' \
    --plugin-path "$modules" -p 'segment ! abi-major'
pipeline_error 'abi-minor\.la: stage ABI 1\.[1-9]' --plugin-path "$modules" -p 'segment ! abi-minor'
pipeline_error "unknown option 'tabel', did you mean 'table'" -p 'segment ! csv tabel=segments'
pipeline_error "unknown option" --piepline x
printf '长度\tlength\n' >"$TMP/short.tsv"
pipeline_error "short\.tsv:1: expected 4 tab-separated fields" \
    -p "segment ! numbers ! units lexicon=$TMP/short.tsv ! csv"
printf 'km\tlength\tm\t1\300\n' >"$TMP/binary.tsv"
pipeline_error "binary\.tsv:1: invalid UTF-8 at column 14" -p "segment ! numbers units=$TMP/binary.tsv ! csv"
pipeline_error "nolexicon\.tsv: cannot open lexicon" \
    -p "segment ! numbers ! units lexicon=$TMP/nolexicon.tsv ! csv"
pipeline_error "dir: read error: Is a directory" -p "segment ! numbers ! units lexicon=$TMP/dir ! csv"
printf '[segment]\n[csv]\ntable = segments\n[csv]\n' >"$TMP/twice.pipeline"
pipeline_error "twice\.pipeline:4: stage 'csv' appears twice \(also at line 2\)" \
    --pipeline "$TMP/twice.pipeline"
pipeline_error "directory '$TMP/nodir' does not exist" \
    -p "segment ! csv table=segments output=$TMP/nodir/x.csv"

# A full disk: every write is checked, for output= and for stdout.
expect_exit 1 "$KILN" run -p 'segment ! csv table=segments output=/dev/full' "$TMP/a.txt"
expect_stderr_line '/dev/full: write error: No space left on device'
"$KILN" run -p 'segment ! csv table=segments' "$TMP/a.txt" >/dev/full 2>"$TMP/err"
got=$?
[ "$got" -eq 1 ] || fail "stdout on a full disk: exit $got, wanted 1"
expect_stderr_line 'write error: No space left on device'
exit 0
