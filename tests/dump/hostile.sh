# Hostile input: every fixture, at many widths, exits normally and prints
# no control character, no escape sequence and no bidirectional override.
. "$srcdir/tests/dump/lib.sh"

T=$TEST_TMP

# Prints the offending lines of FILE, if any (bytes checked, not text).
controls() {
	LC_ALL=C grep -a -n -P \
	    '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' \
	    "$1" | head -3
}

for f in "$DATA"/*; do
	[ -f "$f" ] || continue
	case $f in *.py|*/README) continue ;; esac
	name=$(basename "$f")
	bad=
	for w in 10 17 33 80 200; do
		"$READER" --dump --width "$w" "$f" "$DATA" > "$T/out" 2> "$T/err"
		st=$?
		if [ $st -gt 1 ]; then
			bad="exit status $st at width $w"
			break
		fi
		c=$(controls "$T/out")
		if [ -n "$c" ]; then
			bad="control characters at width $w: $c"
			break
		fi
		c=$(controls "$T/err")
		if [ -n "$c" ]; then
			bad="control characters in messages: $c"
			break
		fi
	done
	if [ -z "$bad" ]; then
		check 0 "$name: clean output at every width"
	else
		check 1 "$name: $bad"
	fi
done

# The list pane shows file names and titles from hostile files too.
"$READER" --list --width 50 "$DATA" > "$T/out" 2> "$T/err"
st=$?
check $([ $st -le 1 ] && echo 0 || echo 1) "--list of the fixtures exits normally"
expect_eq "$(controls "$T/out")" "" "--list prints no control characters"
expect_eq "$(controls "$T/err")" "" "messages print no control characters"

# A file name with an escape sequence in it is shown safely.
esc=$(printf 'bad\033]0;pwned\007name.txt')
printf 'x\n' > "$T/$esc"
: > "$T/$(printf 'empty\033[2J.txt')"
"$READER" --list "$T" > "$T/out" 2> "$T/err"
expect_eq "$(controls "$T/out")$(controls "$T/err")" "" \
    "file names cannot inject escape sequences"
expect_match "$T/err" 'empty␛\[2J.txt: empty file' "and are still recognisable"

finish
