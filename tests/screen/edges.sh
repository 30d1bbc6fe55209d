#!/bin/sh
# Rough edges of navigation, each once seen by a new user: what the
# screen shows after the keys named.
. "$srcdir/tests/screen/lib.sh"

# The search prompt survives a resize that drops the row it started on.
fresh
screen --size=24x10 'Enter G / resize:180x50 text:a' "$SAMPLES" > /dev/null
expect_ok "search prompt typed into after a resize"

# The help screen's End then more keys, read together, do not overflow.
fresh
screen '? G j j End k' "$SAMPLES" > /dev/null
expect_ok "help: End, then more keys"
expect_row 24 'rows' "the status line shows the help's rows"
expect_no_screen '%' "and no article percentage"
screen '?' "$SAMPLES" > /dev/null
expect_row 1 'scroll' "the help's title says how it scrolls"

# q on the help screen closes the help only: zoom stays, and a lone
# article stays a pager.
fresh
screen 'Enter z ? q' "$SAMPLES" > /dev/null
expect_no_screen 'Articles: 7' "q on the help screen keeps the zoom"
fresh
screen '? q' "$SAMPLES/000_238a0797cdd231de.txt" > /dev/null
expect_no_screen 'Articles: ' "q on the help screen keeps pager mode"

# The status line shows the open article's position when reading.
fresh
screen 'j Enter Tab g Tab' "$SAMPLES" > /dev/null
expect_row 24 ' 2/7 ' "reading: the open article's position"
fresh
screen 'j Enter Tab g' "$SAMPLES" > /dev/null
expect_row 24 ' 1/7 ' "in the list: the cursor's"
fresh
screen --attrs 'j Enter Tab g' "$SAMPLES" > /dev/null
expect_row 28 '^oooo' "the list marks the open article"

# Opening the open article again adds no history step: one Backspace
# goes back to the article before.
fresh
screen 'Enter Tab j Enter Tab Enter BSpace' "$SAMPLES" > /dev/null
expect_row 8 '市图书馆新馆试运行' "back after reopening goes to the one before"

# 80 -> 23 -> 80 columns: the same line stays at the top; so does a
# tour of sizes. (Long paragraphs: each row is inside one.)
long=$TEST_TMP/long.txt
{
	echo "发布时间:2024-05-01 09:00 原文链接: 长段落"
	awk 'BEGIN {
		for (p = 0; p < 12; p++) {
			printf "\n第%d段", p
			for (i = 0; i < 60; i++)
				printf "京津冀创新协同第%d句，", i
			printf "\n"
		}
	}'
} > "$long"
fresh
screen 'Space j j j' "$long" > /dev/null
before=$(row 2)
fresh
screen 'Space j j j resize:23x24 resize:80x24' "$long" > /dev/null
expect_eq "$(row 2)" "$before" "a resize round trip keeps the top line"
fresh
screen 'Space j j j resize:45x15 resize:200x50 resize:23x30 resize:61x9 resize:80x24' \
    "$long" > /dev/null
expect_eq "$(row 2)" "$before" "so does a tour of sizes"

# A single file restored at a place past what a taller screen fills:
# no blank rows at the bottom.
f=$SAMPLES/000_238a0797cdd231de.txt
fresh
screen --size=80x8 'G' "$f" > /dev/null
screen --size=80x30 '' "$f" > /dev/null
expect_row 30 '.' "a restored pager fills the screen"

# Space at the end of an article goes on to the next unread one.
fresh
screen 'Enter G Space' "$SAMPLES" > /dev/null
expect_row 8 '天津市已获批组建17家全国重点实验室' "Space at the end opens the next unread"
# Keys that do nothing where they are say where they work.
fresh
screen 'Tab ]' "$SAMPLES" > /dev/null
expect_screen 'works in the reading pane' "] in the list says where it works"
fresh
screen 'Enter z Tab' "$SAMPLES" > /dev/null
expect_screen 'only the reading pane is shown' "Tab in zoom says why"
# A click clears the message.
fresh
screen 'Tab ] click:3,5' "$SAMPLES" > /dev/null
expect_no_screen 'works in the reading pane' "a click clears the message"

# y says what it copied: the title alone when there is no URL.
printf '[general]\nosc52 = true\n' > "$TEST_TMP/osc52.ini"
fresh
"$READER" -c "$TEST_TMP/osc52.ini" --keys 'j Enter y' "$SAMPLES" \
    > "$TEST_TMP/screen" 2>&1
expect_row 24 'copied the title (the article has no URL)' \
    "y without a URL says so"
fresh
"$READER" -c "$TEST_TMP/osc52.ini" --keys 'y' "$DATA/url-header.txt" \
    > "$TEST_TMP/screen" 2>&1
expect_row 24 'copied the title and URL' "  and with one, both"

# Narrow: the note of an empty filter is cut, not dropped.
fresh
screen --size=20x8 '/ text:qqq' "$SAMPLES" > /dev/null
expect_row 2 '(no matching' "an empty filter's note at 20 columns"
# --list at 12 columns drops the date before the title.
"$READER" --list -w 12 "$SAMPLES" > "$TEST_TMP/list"
expect_match "$TEST_TMP/list" '^市图书馆' "--list -w 12 shows titles"

# Too small a terminal: the size needed stays readable, even at 10x4.
for size in 15x5 10x4 8x2; do
	fresh
	screen --size=$size '' "$SAMPLES" > /dev/null
	expect_screen '20x6' "at $size the size needed shows"
done

# While a large library loads, the cursor stays on the first row.
lib=$TEST_TMP/lib
mkdir -p "$lib"
awk 'BEGIN {
	for (i = 0; i < 400; i++) {
		f = sprintf("'"$lib"'/%04d.txt", i)
		printf "发布时间:2020-01-%02d 00:00 原文链接: 第%d篇\n\n正文。\n", i % 28 + 1, i > f
		close(f)
	}
}'
fresh
screen --loading 'C-l C-l C-l C-l C-l wait' "$lib" > /dev/null
expect_row 24 ' 1/400 ' "the cursor stays on the first row while loading"

finish
