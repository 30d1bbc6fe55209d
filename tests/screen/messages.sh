#!/bin/sh
# Messages: a problem met while loading puts its consequence first; more
# than one are counted, with the key that lists them; every message of
# the session is kept for that list (M), which q closes.
. "$srcdir/tests/screen/lib.sh"

lib=$TEST_TMP/lib
mkdir -p "$lib"
cp "$SAMPLES/000_238a0797cdd231de.txt" "$lib/a.txt"
printf '' > "$lib/empty.txt"
cp "$DATA/binary.bin" "$lib/image.txt"

screen '' "$lib" > /dev/null
expect_row 24 '^ 2 problems while loading: press M to read them' \
    "two problems: how many and the key, first"
fresh
screen 'M' "$lib" > /dev/null
expect_row 1 'Messages of this session (press q to close)' "M shows the messages"
expect_screen 'empty.txt: empty file' "  the first problem"
expect_screen 'image.txt: looks like a binary file' "  the second"
fresh
screen 'Tab ] m m M' "$lib" > /dev/null
expect_screen 'works in the reading pane' "  and what keys said"
expect_screen 'marked read' "  in order"
fresh
screen 'M q' "$lib" > /dev/null
expect_row 2 '2024-04-29' "q closes the messages"
fresh
screen '? M' "$lib" > /dev/null
expect_row 1 'Messages of this session' "M from the help screen shows the messages"

# One problem: said whole, not counted. A state directory that cannot be
# made puts what it means first.
rm "$lib/image.txt" "$lib/empty.txt"
fresh
mkdir -p "$XDG_STATE_HOME"
printf 'x' > "$XDG_STATE_HOME/reader"
screen --size=60x12 '' "$lib" > /dev/null
expect_row 12 'reading state will not be saved' \
    "the consequence leads, even at 60 columns"
screen --size=200x12 'M' "$lib" > /dev/null
expect_screen 'reading state will not be saved: .*reader: Not a directory' \
    "the messages keep every problem"
rm -f "$XDG_STATE_HOME/reader"

finish
