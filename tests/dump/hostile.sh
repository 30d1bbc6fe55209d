# Hostile input: every fixture, at many widths, exits normally and prints
# no control character, no escape sequence and no bidirectional override.
. "$srcdir/tests/dump/lib.sh"

T=$TEST_TMP

# Prints the offending lines of FILE, if any (bytes checked, not text).
controls() {
	control_lines "$1"
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

# A link to a directory above the library is not followed out of it:
# only links to directories below the library's own are.
mkdir -p "$T/walk/lib/real" "$T/walk/lib/.hid"
printf '发布时间:2024-01-01 00:00 原文链接: 库外的文章\n\n正文。\n' \
    > "$T/walk/outside.txt"
printf '发布时间:2024-01-02 00:00 原文链接: 库内的文章\n\n正文。\n' \
    > "$T/walk/lib/real/inside.txt"
printf '发布时间:2024-01-03 00:00 原文链接: 隐藏目录的文章\n\n正文。\n' \
    > "$T/walk/lib/.hid/hidden.txt"
ln -s .. "$T/walk/lib/up"
ln -s "$T/walk" "$T/walk/lib/abs"
ln -s .hid "$T/walk/lib/shown"
# Links to a directory of the library, met (in whatever order the
# directory gives) before it or after it.
for l in a b c d e f; do ln -s real "$T/walk/lib/$l"; done
timeout 10 "$READER" --list --width 60 "$T/walk/lib" > "$T/out" 2> "$T/err"
expect_eq "$?" 0 "links in a library: only warnings"
expect_eq "$(grep -c . "$T/out")" 2 "  the library's articles are listed once"
expect_match "$T/out" "隐藏目录的文章" "  a link into the library is followed"
if grep -q "库外的文章" "$T/out"; then
	check 1 "  a link to the directory above is not followed"
else
	check 0 "  a link to the directory above is not followed"
fi
expect_match "$T/err" "lib/up: symbolic link to a directory outside the library, skipped" \
    "  and is reported"
expect_match "$T/err" "lib/abs: symbolic link to a directory outside the library" \
    "  an absolute one too"
expect_eq "$(grep -c 'lib/[a-f]: symbolic link to a directory already read, skipped' "$T/err")" 6 \
    "  the links to a directory already read are the ones named"
if grep -q "lib/real:" "$T/err"; then
	check 1 "  the directory itself is not"
else
	check 0 "  the directory itself is not"
fi

# A file that looks binary (NULs, and bytes no encoding makes text of)
# is skipped with a warning when found in a directory; a text file with a
# NUL and a few bad bytes is not. Named on its own, a file is shown.
mkdir "$T/bin"
{ printf '\211PNG\r\n\032\n\0\0\0\rIHDR'; tail -c +17 "$DATA/binary.bin"; } \
    > "$T/bin/image.png"
cp "$DATA/binary.bin" "$DATA/escapes.txt" "$DATA/nuls.txt" "$T/bin/"
"$READER" --list --width 60 "$T/bin" > "$T/out" 2> "$T/err"
expect_eq "$(grep -c . "$T/out")" 2 "binary files: the text files are listed"
expect_match "$T/err" "image.png: looks like a binary file, skipped" \
    "  an image is skipped, with a warning"
expect_match "$T/err" "binary.bin: looks like a binary file, skipped" \
    "  and a program"
"$READER" --list --width 60 "$T/bin/image.png" > "$T/out" 2> "$T/err"
expect_eq "$?:$(grep -c . "$T/out")" "0:1" "  a binary file named on its own is listed"

# A date that is not one is shown as written: in the list (read from the
# file, then from the header index) and in the reading pane.
mkdir "$T/dates"
printf '发布时间:2024-13-45 99:99 原文链接: 日期写错的文章\n\n正文。\n' \
    > "$T/dates/bad.txt"
printf '发布时间:2024-01-02 03:04 原文链接: 日期对的文章\n\n正文。\n' \
    > "$T/dates/good.txt"
"$READER" --list --width 60 "$T/dates" > "$T/out" 2> "$T/err"
expect_match "$T/out" '^2024-13-45 99:99  日期写错的文章$' \
    "an invalid date is listed as written"
expect_match "$T/out" '^2024-01-02  日期对的文章$' "  a valid one as before"
"$READER" --list --width 60 "$T/dates" > "$T/out2" 2> "$T/err"
expect_eq "$(cat "$T/out2")" "$(cat "$T/out")" "  the same from the header index"
"$READER" --dump --width 60 "$T/dates/bad.txt" > "$T/out" 2> "$T/err"
expect_eq "$(sed -n 2p "$T/out")" "2024-13-45 99:99" \
    "  and shown under the title by --dump"

finish
