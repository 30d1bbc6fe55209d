# Shared helpers for the shell tests. Sourced, not run.
# The harness sets READER, DATA, SAMPLES, srcdir and LC_ALL=C.UTF-8.

: "${READER:?READER is not set}"
LC_ALL=C.UTF-8
export LC_ALL
# Never read or write the real home directory.
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/reader-test.XXXXXX") || exit 99
HOME=$TEST_TMP/home
XDG_CONFIG_HOME=$TEST_TMP/config
XDG_STATE_HOME=$TEST_TMP/state
XDG_CACHE_HOME=$TEST_TMP/cache
export HOME XDG_CONFIG_HOME XDG_STATE_HOME XDG_CACHE_HOME
mkdir -p "$HOME"
trap 'rm -rf "$TEST_TMP"' EXIT

# Under "make check-valgrind" every run of reader goes through valgrind.
if [ -n "${READER_WRAPPER:-}" ]; then
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$READER_WRAPPER" "$READER" \
	    > "$TEST_TMP/reader"
	chmod +x "$TEST_TMP/reader"
	READER=$TEST_TMP/reader
fi

failures=0
count=0

# ok CONDITION-STATUS DESCRIPTION: records one TAP-like result.
check() {
	count=$((count + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $count - $2"
	else
		echo "not ok $count - $2"
		failures=$((failures + 1))
	fi
}

# expect_eq GOT WANT DESCRIPTION
expect_eq() {
	if [ "$1" = "$2" ]; then
		check 0 "$3"
	else
		check 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
	fi
}

# expect_match FILE REGEX DESCRIPTION
expect_match() {
	if grep -q -e "$2" "$1"; then
		check 0 "$3"
	else
		check 1 "$3"
		echo "#   '$2' not found in:"
		sed 's/^/#     /' "$1" | head -20
	fi
}

finish() {
	echo "1..$count"
	[ "$failures" -eq 0 ]
	exit $?
}
