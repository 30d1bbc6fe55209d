#!/bin/sh
# Opening an article and reading it: the reading pane's head, scrolling
# (j, k, pages, g, G, the wheel) with the position on the status line,
# J and K, focus, read marks and their counts, zoom and the help screen.
. "$srcdir/tests/screen/lib.sh"
FRESH=1

T=市图书馆新馆试运行首周接待读者逾十万人次
A=天津市已获批组建17家全国重点实验室
B=这家自然资源部重点实验室开放基金,开始申报

screen 'wait g Enter' "$SAMPLES" > /dev/null
expect_ok "replay of opening an article"
expect_row 8 "^ $T\$" "Enter opens the article: its title heads the pane"
expect_row 9 "^$T\$" "  the text begins with the title"
expect_row 10 '^2024-05-06 20:15$' "  then the date"
expect_row 11 '^https://news.example.cn/2024/05/library.html$' "  and the URL"
expect_row 24 '  1/7  6 unread  0%$' "opening marks it read; the position is 0%"
expect_row 2 "^  2024-05-06  $T\$" "the list shows it read"
expect_eq "$(grep -c "$T\$" "$TEST_TMP/screen")" 3 \
    "the title shows in the list, the pane's head and the text"

screen --frames 'wait g Enter j G g Space b' "$SAMPLES" > /dev/null
frame 4
expect_eq "$(grep -c "$T\$" "$TEST_TMP/screen")" 2 "j scrolls the text by one line"
expect_row 9 '^2024-05-06 20:15$' "  the date is on top"
frame 5
expect_row 24 '  100%$' "G goes to the end"
expect_screen '^\[ \] 地铁3号线东延段将于年底通车' "  where the related items are"
frame 6
expect_row 9 "^$T\$" "g goes back to the top"
expect_row 24 '  0%$' "  at 0%"
frame 7
expect_no_screen '^2024-05-06 20:15$' "Space pages down"
frame 8
expect_row 10 '^2024-05-06 20:15$' "b pages up again"

# A long article: one paragraph every other row.
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
printf '发布时间:2024-05-01 09:00 原文链接: 短文章甲\n\n短文章甲的正文。\n' \
    > "$lib/a.txt"
printf '发布时间:2024-04-01 09:00 原文链接: 短文章乙\n\n短文章乙的正文。\n' \
    > "$lib/b.txt"

screen --frames 'wait g Enter j Space b G k g End Home Space Space PageUp' \
    "$lib" > /dev/null
expect_ok "replay of scrolling a long article"
frame 3
expect_row 12 '^第1段。$' "the long article opens at its top"
expect_row 22 '^第6段。$' "  fifteen rows of text at 80x24"
expect_row 24 '  1/3  2 unread  0%$' "  at 0%"
frame 4
expect_row 9 '^2024-06-01 09:00$' "j: one line down"
expect_row 23 '^第7段。$' "  a new line at the bottom"
frame 5
expect_row 9 '^第7段。$' "Space: a page down, the last line kept on top"
expect_row 23 '^第14段。$' "  fourteen new lines"
expect_row 24 '  7%$' "  the position says 7%"
frame 6
expect_row 9 '^2024-06-01 09:00$' "b: a page up"
frame 7
expect_row 23 '^第100段。$' "G: the last line at the bottom"
expect_row 24 '  100%$' "  at 100%"
frame 8
expect_row 22 '^第99段。$' "k: one line up from the end"
expect_row 24 '  92%$' "  less than 100%"
frame 9
expect_row 9 '^长文章$' "g: the top again"
frame 10
expect_row 23 '^第100段。$' "End is G"
frame 11
expect_row 9 '^长文章$' "Home is g"
frame 13
expect_row 10 '^第14段。$' "Space twice: two pages down"
frame 14
expect_row 10 '^第7段。$' "PageUp: a page up"
expect_row 24 '  7%$' "  back to 7%"

# The wheel over the reading pane scrolls it, three lines a step; a click
# there gives it the keys.
screen --frames 'wait g Enter wheeldown:15,10 wheeldown:15,10 wheelup:15,10' \
    "$lib" > /dev/null
frame 4
expect_row 9 '^第1段。$' "the wheel scrolls the reading pane by three lines"
frame 5
expect_row 10 '^第3段。$' "  each step"
frame 6
expect_row 9 '^第1段。$' "  and back up"
expect_row 24 '  1/3  2 unread  ' "  the list cursor stays"
screen 'wait g Enter Tab click:15,10 j' "$lib" > /dev/null
expect_row 9 '^2024-06-01 09:00$' "a click in the text gives it the keys"
expect_row 24 '  1/3  2 unread  0%$' "  (j scrolled the text, not the list)"

# Focus: Tab gives the list the keys; the article stays open.
screen 'wait g Enter Tab j' "$SAMPLES" > /dev/null
expect_row 24 '  2/7  6 unread' "Tab moves the keys to the list, j its cursor"
expect_row 8 "^ $T\$" "  the article stays open"
screen --attrs 'wait g Enter' "$SAMPLES" > /dev/null
expect_attr 8 '^F*$' "the reading pane's head shows it has the focus"
expect_attr 1 '^H*$' "  the list's does not"
screen --attrs 'wait g Enter Tab' "$SAMPLES" > /dev/null
expect_attr 1 '^F*$' "after Tab the list's head shows the focus"
expect_attr 8 '^H*$' "  the reading pane's does not"

# J and K open the next and the previous article of the list.
screen --frames 'wait g j Enter J J K' "$SAMPLES" > /dev/null
frame 5
expect_row 8 "^ $B\$" "J opens the next article"
expect_row 24 '  3/7  5 unread  0%$' "  the cursor follows; one fewer unread"
frame 7
expect_row 8 "^ $B\$" "K opens the previous one"
expect_row 24 '  3/7  4 unread  0%$' "  (J twice read two more)"

# m marks the open article read or unread.
screen --frames 'wait g j Enter m m' "$SAMPLES" > /dev/null
frame 5
expect_row 24 '^ marked unread .*  2/7  7 unread  0%$' "m marks it unread"
expect_row 3 "^N 2024-04-29  $A\$" "  the list shows N again"
frame 6
expect_row 24 '^ marked read .*  2/7  6 unread  0%$' "m again marks it read"
expect_row 3 "^  2024-04-29  $A\$" "  the N goes"
screen 'wait g Tab m' "$SAMPLES" > /dev/null
expect_row 24 '^ marked read .*  1/7  6 unread$' "m in the list marks the cursor's article"
expect_row 8 '(no article open)' "  without opening it"

# Zoom.
screen --frames 'wait g j Enter z z z q' "$SAMPLES" > /dev/null
frame 5
expect_no_screen ' Articles: 7' "z shows the reading pane alone"
expect_row 1 "^ $A\$" "  its head on the first row"
expect_row 2 "^$A\$" "  the text under it"
expect_row 24 '  2/7  6 unread  0%$' "  the status line stays"
frame 6
expect_row 1 '^ Articles: 7' "z again shows both panes"
frame 8
expect_row 1 '^ Articles: 7' "q in a zoomed pane leaves zoom first"

# Help.
screen --frames 'wait g ? G g q' "$SAMPLES" > /dev/null
expect_ok "replay of the help screen"
frame 3
expect_row 1 '^ reader .* keys (press q to close' "? shows the help screen"
expect_screen '^  j, Down, C-n  *Move down one line$' \
    "  it lists the keys from the key table"
frame 4
expect_screen '^  q  *Quit (from help or zoom: go back)$' "G shows its end"
expect_no_screen 'Move down one line' "  scrolled"
frame 5
expect_row 2 '^  j, Down, C-n ' "g its start"
frame 6
expect_row 1 '^ Articles: 7' "q closes the help"
expect_row 24 '  1/7  7 unread$' "  and does not quit"
screen --frames 'wait g ? j j Space wheeldown:5,5 wheelup:5,5' "$SAMPLES" \
    > /dev/null
frame 5
expect_row 2 '^  PageDown, Space, C-f ' "j scrolls the help a line at a time"
frame 6
expect_no_screen 'PageDown, Space' "Space a page"
frame 7
expect_no_screen '^  j, Down' "the wheel scrolls it too"
bottom_row2=$(row 2)
frame 8
expect_eq "$(row 5)" "$bottom_row2" "  up and down (three rows)"
# Without --frames too: keys read together scroll the help.
screen 'wait g ? j j' "$SAMPLES" > /dev/null
expect_row 2 '^  PageDown, Space, C-f ' "j scrolls the help in a burst of keys"
screen 'wait g ? Escape' "$SAMPLES" > /dev/null
expect_row 1 '^ Articles: 7' "Esc closes the help too"
screen 'wait g j Enter z ? q' "$SAMPLES" > /dev/null
expect_row 1 "^ $A\$" "q on the help from a zoomed pane closes only the help"
screen 'wait g ? ?' "$SAMPLES" > /dev/null
expect_row 1 '^ Articles: 7' "? again closes the help"

# q quits: nothing after it runs.
screen 'wait g q j' "$SAMPLES" > /dev/null
expect_ok "q quits with status 0"
expect_row 24 '  1/7  7 unread$' "  and no key after it runs"

finish
