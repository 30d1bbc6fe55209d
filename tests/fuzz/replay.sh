# Replays the fuzzers' seeds and every input that once found a fault
# (tests/fuzz/regressions) through the fuzz targets' checks.
. "$srcdir/tests/dump/lib.sh"

for t in article layout keys config; do
	prog=$(dirname "$READER")/../tests/fuzz/replay-$t
	set -- "$srcdir"/tests/fuzz/seeds/$t/* "$srcdir"/tests/fuzz/regressions/$t/*
	files=
	for f in "$@"; do
		[ -f "$f" ] && files="$files $f"
	done
	# shellcheck disable=SC2086
	"$prog" $files > "$TEST_TMP/out" 2>&1
	check $? "$t: $(echo $files | wc -w) inputs replayed without a fault"
done
finish
