#!/bin/sh
# Search matches in the reading pane: a match broken over two lines is
# marked on both; the current match is drawn apart from the others and
# n brings the next into view; messages say what the search entered did,
# not what its incremental steps did.
. "$srcdir/tests/screen/lib.sh"

# At 78 columns the first 获悉 of the first article ends one line with 获
# and starts the next with 悉.
screen --size=78x30 --attrs 'Enter / text:获悉 Enter' "$SAMPLES" > /dev/null
expect_ok "search for a word broken over two lines"
expect_row 15 '获$' "the word is broken at the line's end"
expect_row 46 'CC$' "its first piece is marked as the current match"
expect_row 47 '^CC' "and so is its second"

# Two matches on one screen: the current one (C) apart from the other
# (S); n moves the current one, and the screen stays.
lib=$TEST_TMP/two
mkdir -p "$lib"
printf '发布时间:2024-05-01 09:00 原文链接: 两处\n\n甲乙丙丁关键词戊己。\n\n庚辛关键词壬癸。\n' \
    > "$lib/a.txt"
screen --attrs 'Enter / text:关键词 Enter' "$lib" > /dev/null
first=$(grep -n 'CCCCCC' "$TEST_TMP/screen" | head -n 1 | cut -d: -f1)
other=$(grep -n 'SSSSSS' "$TEST_TMP/screen" | head -n 1 | cut -d: -f1)
expect_eq "$([ -n "$first" ] && [ -n "$other" ] && [ "$first" -lt "$other" ] && echo yes)" yes \
    "the first match is current, the second marked as a match"
screen --attrs 'Enter / text:关键词 Enter n' "$lib" > /dev/null
first=$(grep -n 'SSSSSS' "$TEST_TMP/screen" | head -n 1 | cut -d: -f1)
other=$(grep -n 'CCCCCC' "$TEST_TMP/screen" | head -n 1 | cut -d: -f1)
expect_eq "$([ -n "$first" ] && [ -n "$other" ] && [ "$first" -lt "$other" ] && echo yes)" yes \
    "after n the second match is current"

# A typo corrected before Enter: the search entered is reported, not
# the steps typed on the way.
screen 'Enter / text:获悉x BSpace Enter' "$SAMPLES" > /dev/null
expect_no_screen 'not found' "a corrected typo leaves no 'not found'"
screen 'Enter / text:获悉xyz Esc' "$SAMPLES" > /dev/null
expect_no_screen 'not found\|wrapped' "a cancelled search says nothing"
screen 'Enter / text:qqqzzz Enter' "$SAMPLES" > /dev/null
expect_screen 'not found: qqqzzz' "a search that finds nothing says so"

finish
