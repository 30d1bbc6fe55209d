#!/bin/sh
# Related items: selecting them (] and [, a click), following one that
# is in the library and one that is not, back and forward across several
# hops and a cycle.
. "$srcdir/tests/screen/lib.sh"
FRESH=1

A=天津市已获批组建17家全国重点实验室
B=这家自然资源部重点实验室开放基金,开始申报
M=2024年度地质灾害防治开放课题申报指南发布

# The selected item's row: its title line is all R in the attributes.
expect_selected() {
	r=$(find_row "$1")
	if [ -z "$r" ]; then
		check 1 "$2"
		echo "#   no row matches '$1'"
		sed '/^--$/,$d; s/^/#   |/' "$TEST_TMP/screen"
	else
		expect_attr "$r" '^R\{20\}' "$2"
	fi
}

screen --frames --attrs 'wait g j Enter ] ] [ [' "$SAMPLES" > /dev/null
expect_ok "replay of selecting related items"
frame 4
expect_row 8 "^ $A\$" "the second article opens"
expect_no_screen 'RRRR' "  with no related item selected"
frame 5
expect_selected "^\\[\\*\\] $B\$" "] selects the first related item and highlights it"
frame 6
expect_selected '^\[ \] 一教育部重点实验室开放开放基金课题指南$' \
    "] again selects the next"
expect_eq "$(grep -c 'RRRRRRRRRR' "$TEST_TMP/screen")" 1 "  and only that one"
frame 7
expect_selected "^\\[\\*\\] $B\$" "[ selects the previous"
frame 8
expect_selected "^\\[\\*\\] $B\$" "[ on the first stays there"

# Following items: a cycle A -> B -> A -> B.
screen --frames --attrs 'wait g j Enter ] Enter ] Enter ] Enter' "$SAMPLES" \
    > /dev/null
frame 6
expect_row 8 "^ $B\$" "Enter follows the selected item"
expect_row 24 '  3/7  5 unread  0%$' "  the list cursor follows, it is read"
expect_no_screen 'RRRR' "  the new article has no item selected"
frame 7
expect_selected "^\\[\\*\\] $A\$" "its first related item is the first article"
frame 8
expect_row 8 "^ $A\$" "following it goes back there (a cycle)"
expect_row 24 '  2/7  5 unread' "  the list cursor follows"
frame 10
expect_row 8 "^ $B\$" "and once more round the cycle"

screen --frames --attrs \
    'wait g j Enter ] Enter ] Enter ] Enter BSpace BSpace BSpace BSpace L L L L' \
    "$SAMPLES" > /dev/null
expect_ok "replay of back and forward"
frame 11
expect_row 8 "^ $A\$" "Backspace goes back"
expect_selected "^\\[\\*\\] $B\$" "  with the related item that was selected"
frame 12
expect_row 8 "^ $B\$" "back again"
expect_selected "^\\[\\*\\] $A\$" "  (its item selected too)"
frame 13
expect_row 8 "^ $A\$" "back to the start"
expect_row 24 '  2/7  5 unread' "  the list cursor follows"
frame 14
expect_row 8 "^ $A\$" "the history ends there"
expect_row 24 '^ nothing to go back to ' "  and says so"
frame 17
expect_row 8 "^ $B\$" "L goes forward three times"
expect_row 24 '  3/7  5 unread' "  the list cursor follows"
frame 18
expect_row 24 '^ nothing to go forward to ' "and no further"

screen 'wait g j Enter BSpace' "$SAMPLES" > /dev/null
expect_row 24 '^ nothing to go back to ' "Backspace with no history says so"
expect_row 8 "^ $A\$" "  the article stays"

# Articles opened from the list join the history once each.
T=市图书馆新馆试运行首周接待读者逾十万人次
screen 'wait g Enter Tab Enter BSpace' "$SAMPLES" > /dev/null
expect_row 24 '^ nothing to go back to ' "Enter on the open article adds no history"
screen --frames 'wait g Enter Tab j Enter BSpace Tab j Enter L BSpace BSpace' \
    "$SAMPLES" > /dev/null
frame 7
expect_row 8 "^ $T\$" "Backspace returns to an article opened from the list"
frame 11
expect_row 24 '^ nothing to go forward to ' \
    "opening an article after going back drops what was ahead"
frame 12
expect_row 8 "^ $T\$" "  back once"
frame 13
expect_row 24 '^ nothing to go back to ' "  and no more: no entry twice"
screen --frames 'wait g Enter J K BSpace BSpace BSpace' "$SAMPLES" > /dev/null
frame 6
expect_row 8 "^ $A\$" "J and K join the history: back from K"
frame 7
expect_row 8 "^ $T\$" "  back from J"
frame 8
expect_row 24 '^ nothing to go back to ' "  and no further"

# An item that is not in the library.
screen --frames --attrs \
    'wait g j Enter ] Enter ] ] ] ] Enter BSpace L' "$SAMPLES" > /dev/null
expect_ok "replay of an item not in the library"
frame 10
expect_selected "^\\[ \\] $M\$" "] walks to an item that is not in the library"
frame 11
expect_row 8 "^ $M\$" "following it shows a page under the item's title"
expect_row 9 "^$M\$" "  the title again"
expect_row 11 '^This article is not in the library\.$' "  and says it is not there"
frame 12
expect_row 8 "^ $B\$" "Backspace returns from it"
expect_selected "^\\[ \\] $M\$" "  with the item still selected"
frame 13
expect_row 11 '^This article is not in the library\.$' "L goes to that page again"
screen 'wait g j Enter ] Enter ] ] ] ] Enter ]' "$SAMPLES" > /dev/null
expect_row 11 '^This article is not in the library\.$' \
    "] on that page stays there"

# The mouse: a click selects an item, a double click follows it.
screen 'wait g j Enter G' "$SAMPLES" > /dev/null
r=$(find_row "^\\[\\*\\] 全省增至11家")
screen --attrs "wait g j Enter G click:$r,5" "$SAMPLES" > /dev/null
expect_selected '^\[\*\] 全省增至11家' "a click on a related item selects it"
screen "wait g j Enter G click:$r,5 Enter" "$SAMPLES" > /dev/null
expect_row 8 '^ 全省增至11家最新223家全国重点实验室名单来了$' "  and Enter follows it"
screen "wait g j Enter G dclick:$r,5" "$SAMPLES" > /dev/null
expect_row 8 '^ 全省增至11家最新223家全国重点实验室名单来了$' \
    "a double click follows it at once"

finish
