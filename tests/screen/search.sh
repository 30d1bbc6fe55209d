#!/bin/sh
# Search: titles in the list (as typed, narrowing; Esc restores) and
# the text in the reading pane (as typed, highlighted; n and N, wrapping,
# not found; cancelling returns to the place it started from), in CJK and
# Latin, and the prompt's line editing.
. "$srcdir/tests/screen/lib.sh"
FRESH=1

S=深理工获批建设广东省算力微电子重点实验室

# Titles.
screen --frames --attrs 'wait g / text:重 text:点实验室 Escape' "$SAMPLES" \
    > /dev/null
expect_ok "replay of a title search"
frame 4
expect_row 1 '^ Articles matching "重": 6 of 7$' \
    "the list narrows as a CJK search is typed"
expect_row 24 '^/重 ' "  the prompt shows what is typed"
frame 8
expect_row 1 '^ Articles matching "重点实验室": 6 of 7$' "  and keeps narrowing"
expect_attr 2 '^L\{38\}S\{10\}L' "  the match is highlighted in the cursor's title"
expect_attr 3 '^u\{28\}S\{10\}u' "  and in the others"
frame 9
expect_row 1 '^ Articles: 7$' "Esc restores the whole list"

screen --frames --attrs 'wait g / text:深理工 Enter Enter Tab Escape' \
    "$SAMPLES" > /dev/null
frame 7
expect_row 1 '^ Articles matching "深理工": 1 of 7$' "Enter keeps the narrowed list"
expect_row 24 '^ 1 article matches ' "  and says how many match"
frame 8
expect_row 8 "^ $S\$" "Enter opens the match"
frame 10
expect_row 1 '^ Articles: 7$' "Esc in the list clears the filter"
expect_row 6 "^  2024-04-11  $S\$" "  the cursor on the open article"
expect_attr 6 '^L*$' "  (highlighted)"
expect_row 24 '  5/7  6 unread' "  the status line agrees"

# Text: Latin ignores case; CJK needs no word boundaries.
screen --attrs "wait g / text:深理工 Enter Enter / text:risc-v Enter" \
    "$SAMPLES" > /dev/null
expect_ok "replay of a text search"
r=$(find_row 'RISC-V')
expect_attr "${r:-99}" 'C\{6\}' "text search in the reading pane ignores Latin case"
screen --frames --attrs \
    "wait g / text:深理工 Enter Enter / text:芯片 Enter n n n n N / text:没有这个词 Enter" \
    "$SAMPLES" > /dev/null
frame 12
r=$(find_row '对算力芯片提出')
expect_attr "${r:-99}" 'C\{4\}' "a CJK word is found without word boundaries"
r=$(find_row '让同样面积的芯片')
expect_attr "${r:-99}" 'S\{4\}' "  the current match apart from the others"
expect_row 24 '  0%$' "  the first match is on the first page"
# From the first match, as many n as there are matches wrap around.
total=$("$READER" --dump --width 2000 "$SAMPLES/003_de0b9768b39d0927.txt" \
    "$SAMPLES" | grep -o 芯片 | wc -l)
expect_eq "$total" 4 "the article has four matches"
frame 13
r=$(find_row '让同样面积的芯片')
expect_attr "${r:-99}" 'C\{4\}' "n makes the next match on the screen the current one"
r=$(find_row '对算力芯片提出')
expect_attr "${r:-99}" 'S\{4\}' "  the first one is an other match now"
expect_row 24 '  0%$' "  and the screen stays"
frame 14
expect_row 24 '  19%$' "n again scrolls to the next match"
r=$(find_row '多家本地芯片')
expect_attr "${r:-99}" 'C\{4\}' "  which is the current match"
frame 15
expect_row 24 '  100%$' "  and on to the last"
frame 16
expect_row 24 '^ search wrapped around ' "n on the last match wraps around"
r=$(find_row '对算力芯片提出')
expect_attr "${r:-99}" 'C\{4\}' "  to the first"
frame 17
expect_row 24 '^ search wrapped around .*  100%$' "N from the first wraps back to the last"
r=$(find_row '在芯片设计')
expect_attr "${r:-99}" 'C\{4\}' "  the current match"
frame 24
expect_row 24 '^ not found: 没有这个词 ' "a missing word is reported"
expect_row 24 '  100%$' "  and nothing moves"

# As typed, in a long article: the match comes into view; Enter keeps it,
# cancelling returns to where the search began.
lib=$TEST_TMP/lib
mkdir -p "$lib"
{
	echo "发布时间:2024-06-01 09:00 原文链接: 长文章"
	echo
	i=1
	while [ $i -le 100 ]; do
		echo "第${i}段。"
		echo
		i=$((i + 1))
	done
} > "$lib/long.txt"

screen --frames --attrs 'Enter j j j / text:第 text:5 text:0 text:段 Enter n' \
    "$lib/long.txt" > /dev/null
expect_ok "replay of a search as it is typed"
frame 5
expect_row 24 '^/ ' "/ opens the prompt on the last row"
frame 7
expect_row 24 '^/第5 ' "the prompt shows what is typed"
r=$(find_row '^第5段')
expect_attr "${r:-99}" '^CCCb' "  the first match from the top of the page is highlighted"
frame 8
r=$(find_row '^第50段')
expect_attr "${r:-99}" '^CCCCb' "typing more brings a later match into view"
expect_row 1 '  46%$' "  the position follows"
frame 10
expect_row 1 '  46%$' "Enter keeps the place"
r=$(find_row '^第50段')
expect_attr "${r:-99}" '^CCCCCCb' "  with the match highlighted"
frame 11
expect_row 24 '^ search wrapped around' "n with one match says it wrapped around"

for cancel in Escape C-g C-c; do
	screen --frames "Enter j j j / text:第95 $cancel" "$lib/long.txt" \
	    > /dev/null
	frame 8
	expect_screen '^第95段。$' "/第95 goes to the match"
	expect_no_screen '^第1段。$' "  away from the start"
	frame -1
	expect_row 1 '  2%$' "$cancel cancels the search and returns"
	expect_row 2 '^第1段。$' "  to the same place"
	expect_no_screen '^/' "  the prompt is closed"
done
# Cancelling a search started with the second line of the text on top
# (the date) comes back to it.
screen 'Enter j / text:第95 Escape' "$lib/long.txt" > /dev/null
expect_row 2 '^2024-06-01 09:00$' "cancel returns to the date line on top"
# A search whose match is already on the screen, cancelled, leaves the
# position shown as it was.
screen "wait g j Enter j j j j j" "$SAMPLES" > /dev/null
before=$(row 24)
screen "wait g j Enter j j j j j / text:京津 C-g" "$SAMPLES" > /dev/null
expect_eq "$(row 24)" "$before" "cancel keeps the position shown"

# The prompt's line editor.
screen --frames 'Enter / text:第50 BSpace C-u text:第7 Enter' \
    "$lib/long.txt" > /dev/null
frame 6
expect_row 24 '^/第5 ' "Backspace deletes the last character"
frame 7
expect_row 24 '^/ ' "C-u deletes the whole line"
frame -1
expect_screen '^第7段。$' "a new search after C-u finds its own match"
screen 'Enter j j j / text:第9 BSpace BSpace BSpace' "$lib/long.txt" > /dev/null
expect_no_screen '^/' "Backspace on an empty prompt closes it"
expect_row 2 '^第1段。$' "  and returns to the place"
screen 'wait g j Enter / text:京津冀 Enter / Enter n' "$SAMPLES" > /dev/null
expect_ok "an empty search repeats the last one"

finish
