# reader.ini: every fixture in tests/data/config checks as expected (its
# messages and exit status in NAME.expected), the shipped reader.ini is
# exactly the built-in settings, and files iniparser would choke on are
# refused without hanging. UPDATE=1 rewrites the .expected files.
. "$srcdir/tests/dump/lib.sh"

cfg=$DATA/config

run_check() {
	(cd "$cfg" && "$READER" --check-config -c "$1" 2>&1; echo "status $?")
}

for f in "$cfg"/*.ini; do
	name=$(basename "$f")
	want=${f%.ini}.expected
	if [ -n "$UPDATE" ]; then
		run_check "$name" > "$want"
		continue
	fi
	run_check "$name" > "$TEST_TMP/got"
	if diff -u "$want" "$TEST_TMP/got" > "$TEST_TMP/diff"; then
		check 0 "$name: $(tail -n 1 "$want")"
	else
		check 1 "$name"
		sed 's/^/#   /' "$TEST_TMP/diff"
	fi
done
[ -n "$UPDATE" ] && exit 0

# The shipped reader.ini is the defaults, documented; and it is valid.
"$READER" --no-config --dump-config > "$TEST_TMP/defaults"
if diff -u "$srcdir/reader.ini" "$TEST_TMP/defaults" > "$TEST_TMP/diff"; then
	check 0 "reader.ini matches the built-in defaults"
else
	check 1 "reader.ini matches the built-in defaults (regenerate it with --no-config --dump-config)"
	sed 's/^/#   /' "$TEST_TMP/diff" | head -20
fi
"$READER" --check-config -c "$srcdir/reader.ini" > /dev/null 2>&1
check $? "the shipped reader.ini checks clean"

# A config shows up in --dump-config: changed values uncommented.
HOME=/home/user "$READER" --dump-config -c "$cfg/good-full.ini" > "$TEST_TMP/full"
expect_match "$TEST_TMP/full" '^library = /home/user/news, /srv/archive$' "~ is expanded in library"
expect_match "$TEST_TMP/full" '^sort = title ascending$' "changed values are written out"
expect_match "$TEST_TMP/full" '^# mouse\|^mouse = false$' "booleans read as words"
expect_match "$TEST_TMP/full" '^list_selected = "black #ffaf00 bold"$' "#rrggbb colours kept, quoted"
"$READER" --check-config -c "$TEST_TMP/full" > /dev/null 2>&1
check $? "what --dump-config writes reads back without mistakes"
expect_match "$TEST_TMP/full" '^quit = Q, q$' "keys rebound"
expect_match "$TEST_TMP/full" '^zoom = none$' "none unbinds"
expect_match "$TEST_TMP/full" '^# up = k, Up, C-p$' "untouched keys stay default"

# Every key of an action is written out, however many it has, and what
# is written reads back the same.
"$READER" --dump-config -c "$cfg/many-keys.ini" > "$TEST_TMP/many"
expect_eq "$(sed -n 's/^down = //p' "$TEST_TMP/many" | tr ',' '\n' | wc -l)" 41 \
    "--dump-config writes all 41 keys of an action"
"$READER" --dump-config -c "$TEST_TMP/many" > "$TEST_TMP/many2" 2>&1
if cmp -s "$TEST_TMP/many" "$TEST_TMP/many2"; then
	check 0 "  and reads back identically"
else
	check 1 "  and reads back identically"
	diff "$TEST_TMP/many" "$TEST_TMP/many2" | sed 's/^/#   /' | head
fi

# Files that would block iniparser or that it would misread.
mkfifo "$TEST_TMP/fifo.ini"
timeout 5 "$READER" --check-config -c "$TEST_TMP/fifo.ini" > "$TEST_TMP/out" 2>&1
expect_eq "$?" 1 "a FIFO is refused at once"
expect_match "$TEST_TMP/out" 'fifo.ini: not a regular file' "  as not a regular file"
timeout 5 "$READER" --check-config -c /dev/zero > "$TEST_TMP/out" 2>&1
expect_eq "$?" 1 "/dev/zero is refused at once"
head -c 2000000 /dev/zero | tr '\0' '#' > "$TEST_TMP/big.ini"
"$READER" --check-config -c "$TEST_TMP/big.ini" > "$TEST_TMP/out" 2>&1
expect_match "$TEST_TMP/out" 'larger than 1 MiB' "a huge file is refused"
"$READER" --check-config -c /nonexistent/reader.ini > "$TEST_TMP/out" 2>&1
expect_eq "$?" 1 "a missing -c file is an error"
expect_match "$TEST_TMP/out" '/nonexistent/reader.ini: No such file or directory' "  naming it"

# The user's file is found through XDG_CONFIG_HOME; mistakes stop every
# mode before it starts, and say how to start anyway.
mkdir -p "$XDG_CONFIG_HOME/reader"
cp "$cfg/bad-color.ini" "$XDG_CONFIG_HOME/reader/reader.ini"
"$READER" --list "$SAMPLES" > "$TEST_TMP/out" 2> "$TEST_TMP/err"
expect_eq "$?" 1 "a bad reader.ini stops --list"
expect_eq "$(wc -c < "$TEST_TMP/out")" 0 "  before any output"
expect_match "$TEST_TMP/err" '^reader: ~*.*reader.ini:12: \[colors\] list_selected: unknown colour' \
    "  naming file, line, section and key"
expect_match "$TEST_TMP/err" 'start with --no-config' "  and how to start anyway"
"$READER" --no-config --list "$SAMPLES" > /dev/null 2>&1
expect_eq "$?" 0 "--no-config starts anyway"
printf '[display]\ndate_format = %%d/%%m/%%Y\nunread_mark = *\n[general]\nsort = title\n' \
    > "$XDG_CONFIG_HOME/reader/reader.ini"
"$READER" --list --width 60 "$SAMPLES" > "$TEST_TMP/out"
expect_match "$TEST_TMP/out" "^06/05/2024  市图书馆新馆试运行首周接待读者逾十万人次$" \
    "the list follows date_format"
"$READER" --list --width 200 "$SAMPLES" | cut -c13- > "$TEST_TMP/titles"
sort "$TEST_TMP/titles" > "$TEST_TMP/sorted"
expect_eq "$(cat "$TEST_TMP/titles")" "$(cat "$TEST_TMP/sorted")" "sort = title orders by title"

# Titles sort as a person would: capitals and small letters together.
mkdir "$TEST_TMP/lib"
i=0
for t in "banana split" "Apple pie" "Zebra crossing" "apple cider" \
    "Éclair" "eclair" "上海新闻"; do
	i=$((i + 1))
	printf '发布时间:2024-04-%02d 10:42 原文链接: %s\n\n正文。\n' "$i" "$t" \
	    > "$TEST_TMP/lib/$i.txt"
done
"$READER" --list --width 60 "$TEST_TMP/lib" | cut -c13- | tr '\n' '|' \
    > "$TEST_TMP/titles"
expect_eq "$(cat "$TEST_TMP/titles")" \
    "apple cider|Apple pie|banana split|eclair|Zebra crossing|Éclair|上海新闻|" \
    "sort = title folds case, else goes by code point"
printf '[general]\nsort = title descending\n' > "$XDG_CONFIG_HOME/reader/reader.ini"
"$READER" --list --width 60 "$TEST_TMP/lib" | cut -c13- | head -n 3 \
    | tr '\n' '|' > "$TEST_TMP/titles"
expect_eq "$(cat "$TEST_TMP/titles")" "上海新闻|Éclair|Zebra crossing|" \
    "  and title descending reverses that"

finish
