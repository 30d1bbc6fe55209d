#!/bin/sh
# Resizing: re-wrapping keeps the same text on top, a tiny screen gets a
# message, side by side on wide screens, a burst of sizes is safe; and a
# later run at another size restores the same place.
. "$srcdir/tests/screen/lib.sh"
FRESH=1

A=天津市已获批组建17家全国重点实验室
P='  建立多层面合作机制方面,我市与科技部召开了部市工作会商会议,'

# width: the widest row of the last screen, in columns.
width() {
	sed '/^--$/,$d' "$TEST_TMP/screen" | wc -L
}

keys='wait g j Enter j j j j j j j j'
screen "$keys" "$SAMPLES" > /dev/null
expect_row 9 "^$P" "eight lines down, a paragraph starts on top"
screen --frames "$keys resize:60x20 resize:15x4 resize:1x1 resize:80x24" \
    "$SAMPLES" > /dev/null
expect_ok "replay of resizes"
frame 13
expect_row 7 "^ $A\$" "at 60x20 the reading pane's head"
expect_row 8 "^$P\$" "  and the same text on top, wrapped again"
expect_row 20 '  2/7  6 unread  6%$' "  the status line on the last row"
expect_eq "$(width)" 60 "  nothing drawn past 60 columns"
expect_eq "$(sed '/^--$/,$d' "$TEST_TMP/screen" | wc -l)" 20 "  20 rows"
frame 14
expect_row 1 '^Terminal too$' "a tiny screen shows a short message"
expect_screen '^at least 20x6$' "  saying what is needed"
frame 15
expect_eq "$(sed '/^--$/,$d' "$TEST_TMP/screen")" n "at 1x1 what fits (of \"need 20x6\")"
frame 16
expect_row 1 '^ Articles: 7' "enlarged again, it draws the panes"
expect_row 9 "^$P" "  with the same text on top"

screen "$keys resize:200x50" "$SAMPLES" > /dev/null
expect_row 1 "^ Articles: 7 *│ $A\$" "at 200 columns the panes stand side by side"
expect_eq "$(width)" 200 "  200 columns wide"
expect_screen "│$P" "  the same text on top"

# A burst of sizes, 1x1 to 200x60, then keys still work.
burst=
i=0
while [ $i -lt 60 ]; do
	burst="$burst resize:$((1 + (i * 37) % 200))x$((1 + (i * 13) % 60))"
	i=$((i + 1))
done
screen "$keys$burst resize:80x24 j" "$SAMPLES" > /dev/null
expect_ok "sixty sizes in a row, checked after each"
expect_row 1 '^ Articles: 7' "after them it draws right"
expect_row 9 '^学、北京理工大学' "  and still takes keys (j)"

# Keys at a small size: the list and the text keep their places.
screen --size=40x12 'wait g j Enter G' "$SAMPLES" > /dev/null
expect_ok "replay at 40x12"
expect_row 12 '2/7  6 unread  100%$' "G at 40x12 goes to the end"
expect_eq "$(width)" 40 "  nothing drawn past 40 columns"
screen --size=40x12 'wait g j Enter G resize:80x24' "$SAMPLES" > /dev/null
expect_row 24 '  100%$' "the end stays the end when the screen grows"

# Restoring: a later run opens the last article at the same place; at
# another width the same text is on top.
rm -rf "$XDG_STATE_HOME"
screen --keep "$keys q" "$SAMPLES" > /dev/null
expect_ok "first run: read eight lines of the second article and quit"
screen --keep 'wait' "$SAMPLES" > /dev/null
expect_row 8 "^ $A\$" "a later run opens the last article"
expect_row 9 "^$P" "  at the same line"
expect_row 24 '  2/7  6 unread  6%$' "  the list cursor on it, the read mark kept"
screen --keep --size=120x30 'wait' "$SAMPLES" > /dev/null
expect_row 1 "│ $A\$" "at 120x30 (side by side) it opens the same article"
expect_row 2 '│  建立多层面合作机制方面' "  with the same text on top"
screen --keep --size=50x16 'wait' "$SAMPLES" > /dev/null
r=$(find_row "^ $A\$")
expect_row $((r + 1)) '^  建立多层面合作机制方面' "  and at 50x16"

# A place saved with a row of the article's head (its date) or a blank
# row on top comes back as it was.
rm -rf "$XDG_STATE_HOME"
screen --keep 'wait g j Enter j q' "$SAMPLES" > /dev/null
screen --keep 'wait' "$SAMPLES" > /dev/null
expect_row 9 '^2024-04-29 10:42$' "a later run restores the date line on top"

# Read marks survive a run too.
screen --keep 'wait m q' "$SAMPLES" > /dev/null
screen --keep 'wait' "$SAMPLES" > /dev/null
expect_row 24 '  2/7  7 unread  0%$' "an article marked unread stays unread"
expect_row 3 "^N 2024-04-29  $A\$" "  the list shows N"

finish
