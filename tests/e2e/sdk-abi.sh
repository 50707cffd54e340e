#!/bin/sh
# An out-of-tree stage built for another stage ABI is refused with one line
# naming the file and both versions; so is a wrong descriptor size and a
# file renamed away from its stage.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sdk-lib.sh"
sdk_install

W="$TMP/work"
sdk_copy_example "$W"
# The ABI the installed headers declare, as a stage author's compiler sees it.
printf '#include <kiln/stage.h>\nKILN_ABI_MAJOR KILN_ABI_MINOR\n' >"$W/abi.c"
# shellcheck disable=SC2046
set -- $($CC -E -P $(pkg-config --cflags kiln) "$W/abi.c" | tail -n 1)
MAJOR=$1 MINOR=$2
case "$MAJOR.$MINOR" in
    *[!0-9.]* | .* | *.) fail "cannot read the ABI from the installed stage.h: $MAJOR.$MINOR" ;;
esac

# build_variant NAME LINES: drop.c built as if its headers had said
# otherwise: LINES come after <kiln/stage.h> and before drop.c.
build_variant() {
    mkdir -p "$TMP/$1"
    {
        echo '#include <kiln/stage.h>'
        echo 'enum { core_major = KILN_ABI_MAJOR, core_minor = KILN_ABI_MINOR };'
        printf '%s\n' "$2"
        echo "#include \"$W/drop.c\""
    } >"$TMP/$1/variant.c"
    # shellcheck disable=SC2046
    $CC $(pkg-config --cflags kiln) -shared -fPIC -o "$TMP/$1/drop.so" \
        "$TMP/$1/variant.c" $(pkg-config --libs kiln) ||
        fail "cannot build variant $1"
}

# refused DIR PATTERN: a pipeline using drop from DIR fails before any
# document, in one line naming the file and matching PATTERN.
refused() {
    expect_exit 2 "$KILN_INST" run --plugin-path "$1" \
        -p 'segment ! drop kinds=slogan ! csv table=segments' "$SAMPLE"
    expect_stderr_line "$1/drop\.so.*$2"
    [ -s "$TMP/out" ] && fail "output written by a refused pipeline"
    # `kiln describe` refuses it the same way.
    expect_exit 2 "$KILN_INST" describe --plugin-path "$1" drop
    expect_stderr_line "$1/drop\.so.*$2"
}

# The unchanged example loads (so the refusals below are the ABI's doing).
build_variant same ''
expect_exit 0 "$KILN_INST" describe --plugin-path "$TMP/same" drop
grep -q "^  abi *$MAJOR\.$MINOR\$" "$TMP/out" || fail "describe does not show ABI $MAJOR.$MINOR"

# A newer minor: it may use helpers this kiln lacks.
build_variant minor '#undef KILN_ABI_MINOR
#define KILN_ABI_MINOR (core_minor + 1)'
refused "$TMP/minor" "$MAJOR\.$((MINOR + 1)).*$MAJOR\.$MINOR"

# Another major, newer or older.
build_variant major '#undef KILN_ABI_MAJOR
#define KILN_ABI_MAJOR (core_major + 1)'
refused "$TMP/major" "$((MAJOR + 1))\.$MINOR.*$MAJOR\.$MINOR"
build_variant oldmajor '#undef KILN_ABI_MAJOR
#define KILN_ABI_MAJOR (core_major - 1)'
refused "$TMP/oldmajor" "$((MAJOR - 1))\.$MINOR.*$MAJOR\.$MINOR"

# An older minor of the same major is accepted (only when there is one).
if [ "$MINOR" -gt 0 ]; then
    build_variant oldminor '#undef KILN_ABI_MINOR
#define KILN_ABI_MINOR (core_minor - 1)'
    expect_exit 0 "$KILN_INST" describe --plugin-path "$TMP/oldminor" drop
fi

# A descriptor of another size (a struct changed without a major bump).
build_variant size '#undef KILN_STAGE_HEADER
#define KILN_STAGE_HEADER .abi_major = KILN_ABI_MAJOR, \
    .abi_minor = KILN_ABI_MINOR, .struct_size = (uint32_t)sizeof(kiln_stage) + 8'
refused "$TMP/size" "bytes"

# A copied stage renamed by file only: kiln says which symbol it lacks.
mkdir -p "$TMP/renamed"
cp "$TMP/same/drop.so" "$TMP/renamed/mydrop.so"
expect_exit 2 "$KILN_INST" run --plugin-path "$TMP/renamed" \
    -p 'segment ! mydrop kinds=slogan ! csv table=segments' "$SAMPLE"
expect_stderr_line "$TMP/renamed/mydrop\.so.*kiln_stage_mydrop"
exit 0
