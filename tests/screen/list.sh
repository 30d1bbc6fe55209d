#!/bin/sh
# The list: the cursor (j, k, pages, g, G, a click, the wheel), unread
# marks, and the title filter as it is typed (/, Esc restores the list).
. "$srcdir/tests/screen/lib.sh"
FRESH=1

lib=$TEST_TMP/lib
mkdir -p "$lib"
# Forty articles, one a day: 第40篇 is the newest, so first.
i=1
while [ $i -le 40 ]; do
	n=$(printf %02d $i)
	printf '发布时间:2024-%02d-%02d 09:00 原文链接: 第%s篇 标题\n\n第%s篇的正文。\n' \
	    $(( (i - 1) / 28 + 1 )) $(( (i - 1) % 28 + 1 )) "$n" "$n" \
	    > "$lib/a$n.txt"
	i=$((i + 1))
done

screen --attrs 'wait g' "$lib" > /dev/null
expect_ok "replay of the list"
expect_row 1 '^ Articles: 40$' "the list's heading counts the articles"
expect_row 2 '^N 2024-02-12  第40篇 标题$' "newest first, unread marked N"
expect_row 7 '^N 2024-02-07  第35篇 标题$' "six rows of list at 80x24"
expect_row 8 '^ (no article open)$' "the reading pane is empty"
expect_row 24 '  1/40  40 unread$' "the status line: position and unread"
expect_attr 2 '^L*$' "the cursor's row is highlighted"
expect_attr 3 '^u*$' "  and the next row is an unread row"

screen --frames --attrs 'wait g j j k' "$lib" > /dev/null
frame 3
expect_row 24 '  2/40  40 unread$' "j moves the cursor down"
expect_attr 3 '^L*$' "  the highlight follows it"
expect_attr 2 '^u*$' "  and leaves the row above"
frame -1
expect_row 24 '  2/40  40 unread$' "j j k: back up by one"

screen --frames 'wait g j j j j j j j' "$lib" > /dev/null
expect_row 24 '  8/40  40 unread$' "j past the last row"
expect_row 7 '第33篇' "  scrolls the list to keep the cursor on screen"
expect_row 2 '第38篇' "  by as little as needed"

screen --frames 'wait g PageDown PageDown PageUp G g C-f' "$lib" > /dev/null
frame 3
expect_row 24 '  7/40  40 unread$' "PageDown moves a page of six rows"
expect_row 7 '第34篇' "  the cursor on the last row"
frame 4
expect_row 24 ' 13/40  40 unread$' "PageDown again"
frame 5
expect_row 24 '  7/40  40 unread$' "PageUp comes back"
frame 6
expect_row 24 ' 40/40  40 unread$' "G goes to the last article"
expect_row 7 '^N 2024-01-01  第01篇 标题$' "  the oldest, on the last row"
frame 7
expect_row 24 '  1/40  40 unread$' "g goes to the first"
expect_row 2 '第40篇' "  at the top"
frame 8
expect_row 24 '  7/40  40 unread$' "C-f is a page down too"

screen 'wait g G j j' "$lib" > /dev/null
expect_row 24 ' 40/40  40 unread$' "j on the last article stays there"
screen 'wait g k' "$lib" > /dev/null
expect_row 24 '  1/40  40 unread$' "k on the first stays there"

# The filter narrows the list as it is typed.
screen --frames --attrs 'wait g j j / text:3 text:篇 BSpace Escape' \
    "$lib" > /dev/null
expect_ok "replay of the title filter"
frame 6
expect_row 1 '^ Articles matching "3": 13 of 40$' "/3 narrows the list at once"
expect_row 24 '^/3 ' "  the prompt shows on the status line"
expect_row 24 '  2/13  40 unread$' "  the cursor stays on its article"
expect_row 3 '第38篇' "  which is the second match"
frame 7
expect_row 1 '^ Articles matching "3篇": 4 of 40$' "typing more narrows it more"
expect_row 2 '^N 2024-02-05  第33篇 标题$' "  to the matching titles"
expect_row 5 '^N 2024-01-03  第03篇 标题$' "  (all four)"
expect_attr 3 '^u\{17\}SSSu*$' "  the match is highlighted in the titles"
frame 8
expect_row 1 '^ Articles matching "3": 13 of 40$' "Backspace widens it again"
frame 9
expect_row 1 '^ Articles: 40$' "Esc restores the whole list"
expect_row 24 '  3/40  40 unread$' "  and the cursor where it was"
expect_no_screen '^/3' "  and closes the prompt"

screen 'wait g / text:3篇 Enter' "$lib" > /dev/null
expect_row 1 '^ Articles matching "3篇": 4 of 40$' "Enter keeps the narrowed list"
expect_row 24 '^ 4 articles match  .*1/4  40 unread$' "  and says how many match"
screen 'wait g / text:3篇 Enter j Enter Tab Escape' "$lib" > /dev/null
expect_row 1 '^ Articles: 40$' "Esc in the list clears a kept filter"
expect_row 24 ' 18/40  39 unread' "  the cursor on the article opened from it"
expect_row 8 '^ 第23篇 标题$' "  which stays open"
screen 'wait g / text:3篇 Enter Enter J' "$lib" > /dev/null
expect_row 8 '^ 第23篇 标题$' "J opens the next article of the narrowed list"
expect_row 24 '  2/4  38 unread' "  the cursor follows in it"
screen 'wait g / text:无此标题 Enter' "$lib" > /dev/null
expect_row 1 'Articles matching "无此标题": 0 of 40' "a filter that matches nothing"
expect_row 2 '(no matching articles)' "  says so in the list"
expect_row 24 '0 articles match .*0/0  40 unread$' "  and on the status line"

# The mouse: a click on a row moves the cursor; the wheel moves it by 3.
screen 'wait g click:5,10' "$lib" > /dev/null
expect_row 24 '  4/40  40 unread$' "a click on a list row moves the cursor there"
screen 'wait g wheeldown:3,10 wheeldown:3,10' "$lib" > /dev/null
expect_row 24 '  7/40  40 unread$' "the wheel over the list moves its cursor"
screen 'wait g wheeldown:3,10 wheeldown:3,10 wheelup:3,10' "$lib" > /dev/null
expect_row 24 '  4/40  40 unread$' "  up and down"
screen 'wait g dclick:4,10' "$lib" > /dev/null
expect_row 8 '^ 第38篇 标题$' "a double click opens the article"
expect_row 24 '  3/40  39 unread  ' "  and marks it read"

finish
