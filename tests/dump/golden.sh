# Golden tests: --dump at widths 20, 40 and 80 of every sample and
# fixture, compared with tests/dump/expected/NAME.dump; the fixtures of
# line breaking and line structure also at widths 4 and 10, and with
# ambiguous characters two columns wide. Related items resolve against
# the file's own directory. UPDATE=1 rewrites the files.
. "$srcdir/tests/dump/lib.sh"

expected=$srcdir/tests/dump/expected

render() {
	dir=$(dirname "$1")
	name=$(basename "$1")
	for w in 20 40 80; do
		out=$(cd "$dir" && "$READER" --dump --width "$w" "$name" . \
		    2>/dev/null; echo "status $?")
		printf '=== width %s\n%s\n' "$w" "$out"
	done
	case $name in
	narrow.txt|verse.txt|ambiguous.txt|invalid-utf8.txt) ;;
	*) return ;;
	esac
	for w in 4 10; do
		out=$(cd "$dir" && "$READER" --dump --width "$w" "$name" . \
		    2>/dev/null; echo "status $?")
		printf '=== width %s\n%s\n' "$w" "$out"
	done
	for w in 10 40; do
		out=$(cd "$dir" && "$READER" --dump --width "$w" \
		    --ambiguous-width=2 "$name" . 2>/dev/null; echo "status $?")
		printf '=== width %s, ambiguous characters 2 columns\n%s\n' \
		    "$w" "$out"
	done
}

for f in "$SAMPLES"/*.txt "$DATA"/*.txt "$DATA"/*.bin; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	# Large fixtures are left to the property test.
	case $name in empty.txt|one-line.txt|many-paras.txt|long-title.txt) continue ;; esac
	gold=$expected/${name%.*}.dump
	if [ -n "$UPDATE" ]; then
		render "$f" > "$gold"
		echo "updated $gold"
		continue
	fi
	render "$f" > "$TEST_TMP/got"
	if [ ! -f "$gold" ]; then
		check 1 "$name: no golden file (make update-golden)"
	elif diff -u "$gold" "$TEST_TMP/got" > "$TEST_TMP/diff"; then
		check 0 "$name matches its golden dump"
	else
		check 1 "$name matches its golden dump"
		sed 's/^/#   /' "$TEST_TMP/diff" | head -40
	fi
done
[ -n "$UPDATE" ] && exit 0
finish
