# Helpers for the headless screen tests: reader --keys replays keys with
# no terminal through the same state and view code, and prints the
# screen. Every replay checks the state's invariants after each event
# (--check-state), so a test that only moves around still asserts them.
. "$srcdir/tests/dump/lib.sh"

# screen [--size=COLSxLINES] [--fresh] [OPTION...] KEYS PATH...: prints
# the screen after KEYS into $TEST_TMP/screen (and stdout); the status is
# kept in $rc. Replays share the reading state (XDG_STATE_HOME) as runs
# of the program do; --fresh (or FRESH=1 in the test) starts from none.
# With --frames every screen goes to $TEST_TMP/frames, the last one to
# $TEST_TMP/screen, and "frame N" picks another.
screen() {
	scr_size=--size=80x24
	scr_opts=
	scr_fresh=${FRESH:-}
	while :; do
		case $1 in
		--size=*) scr_size=$1 ;;
		--fresh) scr_fresh=1 ;;
		--keep) scr_fresh= ;;
		-*) scr_opts="$scr_opts $1" ;;
		*) break ;;
		esac
		shift
	done
	scr_keys=$1
	shift
	[ -n "$scr_fresh" ] && rm -rf "$XDG_STATE_HOME"
	# shellcheck disable=SC2086
	"$READER" --no-config --check-state $scr_size $scr_opts \
	    --keys "$scr_keys" "$@" > "$TEST_TMP/out" 2> "$TEST_TMP/stderr"
	rc=$?
	case " $scr_opts " in
	*" --frames "*)
		mv "$TEST_TMP/out" "$TEST_TMP/frames"
		frame -1 ;;
	*)
		mv "$TEST_TMP/out" "$TEST_TMP/screen" ;;
	esac
	cat "$TEST_TMP/screen"
}

# frame N: makes frame N (0 is the first screen, then one per event; -1
# the last) of the last replay with --frames the current screen.
frame() {
	awk -v want="$1" '
	/^-- / && $0 != "--" { n++; next }
	{ line[n, ++len[n]] = $0 }
	END {
		k = want < 0 ? n : want + 1
		for (i = 1; i <= len[k]; i++)
			print line[k, i]
	}' "$TEST_TMP/frames" > "$TEST_TMP/screen"
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
		sed '/^--$/,$d; s/^/#   |/' "$TEST_TMP/screen"
	fi
}

# attr_row N: prints row N of the last screen's grid of colour elements
# (a replay with --attrs).
attr_row() {
	sed -n '/^--$/,$p' "$TEST_TMP/screen" | sed -n "$(($1 + 1))p"
}

# expect_attr N REGEX DESCRIPTION: row N of the grid matches.
expect_attr() {
	if attr_row "$1" | grep -q -e "$2"; then
		check 0 "$3"
	else
		check 1 "$3"
		echo "#   row $1 of the attributes does not match '$2':"
		echo "#   |$(row "$1")"
		echo "#   |$(attr_row "$1")"
	fi
}

# find_row REGEX: the number of the first row of the last screen that
# matches (empty if none).
find_row() {
	sed '/^--$/,$d' "$TEST_TMP/screen" | grep -n -e "$1" | head -n 1 |
	    cut -d: -f1
}

# expect_golden NAME DESCRIPTION: the last screen is the one kept in
# tests/screen/expected/NAME.txt; UPDATE=1 rewrites that file instead.
expect_golden() {
	gold=$srcdir/tests/screen/expected/$1.txt
	if [ -n "${UPDATE:-}" ]; then
		cp "$TEST_TMP/screen" "$gold"
		echo "# updated $gold"
		check 0 "$2 (updated)"
	elif [ ! -f "$gold" ]; then
		check 1 "$2: no $gold (UPDATE=1 writes it)"
	elif diff -u "$gold" "$TEST_TMP/screen" > "$TEST_TMP/diff"; then
		check 0 "$2"
	else
		check 1 "$2"
		sed 's/^/#   /' "$TEST_TMP/diff"
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

# fresh: forgets the reading state the replays so far left (read marks,
# positions, the article open last), for a case of its own.
fresh() {
	rm -rf "$XDG_STATE_HOME" "$XDG_CACHE_HOME"
}
