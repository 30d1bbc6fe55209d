#!/bin/sh
# One article given by name reads as in less: the last row is text, the
# title line shows how far in the reader is, and prompts and messages
# take the last row only while they last. status_line = true brings the
# status line back; status_line = false hides it everywhere.
. "$srcdir/tests/screen/lib.sh"
FRESH=1

A=天津市已获批组建17家全国重点实验室
f=$SAMPLES/000_238a0797cdd231de.txt

screen --frames 'j G / text:读者 Escape k q j' "$f" > /dev/null
expect_ok "replay of an article read alone"
frame 0
expect_row 1 "^ $A  .* 0%\$" "the title line shows the title and the position"
expect_row 2 "^$A\$" "the text begins under it"
last=$(row 24)
check "$([ -n "$last" ] && ! row 24 | grep -q 'unread' && echo 0 || echo 1)" \
    "the last row is text, not a status line"
frame 1
expect_row 23 "^$(printf '%s' "$last" | sed 's/[][\.*^$]/\\&/g')\$" \
    "j scrolls: the last row moves up"
frame 2
expect_row 1 ' 100%$' "G: the title line says 100%"
expect_row 24 '^    进行公示(见附件)' "  the last related item ends the screen"
frame 3
expect_row 24 '^/ ' "/ prompts on the last row"
frame 5
expect_row 24 '^/读者 ' "  it shows what is typed"
frame 6
expect_no_screen '^/' "Esc gives the row back to the text"
expect_row 1 "^ $A  " "  the title line stays"
# After G, a search prompt opened and closed again leaves the end as it
# was.
expect_row 24 '^    进行公示(见附件)' "  and the text as it was"
frame -1
expect_ok "q quits at once"

printf '[layout]\nstatus_line = true\n' > "$TEST_TMP/on.ini"
rm -rf "$XDG_STATE_HOME"
"$READER" -c "$TEST_TMP/on.ini" --check-state --keys '' "$f" \
    > "$TEST_TMP/screen" 2> "$TEST_TMP/stderr"
rc=$?
expect_ok "replay with status_line = true"
expect_row 24 '  1/1  0 unread  0%$' "status_line = true: the status line is back"
expect_row 1 "^ $A\$" "  and the title line has no position"

printf '[layout]\nstatus_line = no\n' > "$TEST_TMP/off.ini"
rm -rf "$XDG_STATE_HOME"
"$READER" -c "$TEST_TMP/off.ini" --check-state --keys 'wait g Enter' \
    "$SAMPLES" > "$TEST_TMP/screen" 2> "$TEST_TMP/stderr"
rc=$?
expect_ok "replay with status_line = no"
expect_row 8 ' 0%$' \
    "status_line = no, a library: the position shows in the pane's head"
expect_no_screen 'unread' "  and no status line"
expect_row 24 '.' "  the last row is text"

finish
