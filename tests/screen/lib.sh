# Helpers for the headless screen tests: reader --keys replays keys with
# no terminal through the same state and view code, and prints the
# screen. Every replay checks the state's invariants after each event
# (--check-state), so a test that only moves around still asserts them.
. "$srcdir/tests/dump/lib.sh"

# screen [--size=COLSxLINES] [OPTION...] KEYS PATH...: prints the screen
# after KEYS into $TEST_TMP/screen (and stdout); the status is kept in
# $rc.
screen() {
	size=--size=80x24
	opts=
	while :; do
		case $1 in
		--size=*) size=$1 ;;
		-*) opts="$opts $1" ;;
		*) break ;;
		esac
		shift
	done
	keys=$1
	shift
	# shellcheck disable=SC2086
	"$READER" --no-config --check-state $size $opts --keys "$keys" "$@" \
	    > "$TEST_TMP/screen" 2> "$TEST_TMP/stderr"
	rc=$?
	cat "$TEST_TMP/screen"
}

# row N: prints row N (from 1) of the last screen.
row() {
	sed -n "$1p" "$TEST_TMP/screen"
}

# expect_row N REGEX DESCRIPTION
expect_row() {
	if row "$1" | grep -q -e "$2"; then
		check 0 "$3"
	else
		check 1 "$3"
		echo "#   row $1 does not match '$2':"
		sed 's/^/#   |/' "$TEST_TMP/screen"
	fi
}

# expect_screen REGEX DESCRIPTION: somewhere on the last screen.
expect_screen() {
	expect_match "$TEST_TMP/screen" "$1" "$2"
}

# expect_no_screen REGEX DESCRIPTION
expect_no_screen() {
	if grep -q -e "$1" "$TEST_TMP/screen"; then
		check 1 "$2"
		sed 's/^/#   |/' "$TEST_TMP/screen"
	else
		check 0 "$2"
	fi
}

# expect_ok DESCRIPTION: the last replay exited 0 with nothing on stderr.
expect_ok() {
	if [ "$rc" -eq 0 ] && [ ! -s "$TEST_TMP/stderr" ]; then
		check 0 "$1"
	else
		check 1 "$1"
		echo "#   status $rc"
		sed 's/^/#   stderr: /' "$TEST_TMP/stderr"
	fi
}
