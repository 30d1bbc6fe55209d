#!/bin/sh
# The command line: modes that exclude each other, options that need a
# mode, messages that name the program as "reader", and --dump - .
. "$srcdir/tests/dump/lib.sh"

# usage_error NAME ARGS...: exit 2 and a message naming reader.
usage_error() {
	name=$1
	shift
	"$READER" "$@" > "$TEST_TMP/out" 2> "$TEST_TMP/err" < /dev/null
	expect_eq "$?" 2 "$name: exit status 2"
	expect_match "$TEST_TMP/err" '^reader: ' "$name: says reader:"
}

usage_error "--list --dump" --no-config --list --dump "$SAMPLES"
expect_match "$TEST_TMP/err" 'cannot be used together' \
    "  and that they exclude each other"
usage_error "--dump-config --check-config" --no-config --dump-config \
    --check-config
usage_error "--keys --list" --no-config --keys j --list "$SAMPLES"
usage_error "-w without a text mode" --no-config -w 40 "$SAMPLES"
expect_match "$TEST_TMP/err" 'width' "  and which option"
usage_error "--size without --keys" --no-config --size 80x24 --list \
    "$SAMPLES"
usage_error "an unknown option" --bogus
expect_match "$TEST_TMP/err" "^reader: unrecognized option '--bogus'" \
    "  named after reader, not the path it was run by"

# The same mode twice is fine.
"$READER" --no-config --list --list "$SAMPLES" > "$TEST_TMP/out" 2>&1
expect_eq "$?" 0 "--list twice"

# --dump - reads standard input, as less does; other PATHs resolve its
# related items.
"$READER" --no-config --dump -w 80 - "$SAMPLES" \
    < "$SAMPLES/000_238a0797cdd231de.txt" > "$TEST_TMP/stdin" 2>&1
"$READER" --no-config --dump -w 80 "$SAMPLES/000_238a0797cdd231de.txt" \
    "$SAMPLES" > "$TEST_TMP/file" 2>&1
expect_eq "$(cmp "$TEST_TMP/stdin" "$TEST_TMP/file" > /dev/null && echo same)" \
    same "--dump - prints what --dump FILE does"
: | "$READER" --no-config --dump - > "$TEST_TMP/out" 2> "$TEST_TMP/err"
expect_eq "$?" 1 "--dump of empty standard input: exit 1"
expect_match "$TEST_TMP/err" 'standard input: empty' "  saying so"
printf 'no header here\n\nsecond paragraph\n' |
    "$READER" --no-config --dump - > "$TEST_TMP/out" 2>&1
expect_match "$TEST_TMP/out" '^second paragraph' "--dump - without a header"

finish
