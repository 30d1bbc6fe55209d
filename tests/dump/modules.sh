#!/bin/sh
# The layout of the sources: no module includes another that includes it
# back (however long the way round), only the terminal front end
# (ui*.c) includes curses, and the navigation model and the view do no
# I/O of their own.
. "$srcdir/tests/dump/lib.sh"

src=$srcdir/src
# "module dependency" pairs, a module being FILE.c with FILE.h.
for f in "$src"/*.c "$src"/*.h; do
	m=$(basename "$f")
	m=${m%.*}
	sed -n 's/^#include "\([a-z-]*\)\.h".*/\1/p' "$f" |
	    while read -r h; do
		[ "$h" = "$m" ] || [ "$h" = system ] || echo "$m $h"
	    done
done > "$TEST_TMP/deps"
expect_eq "$(wc -l < "$TEST_TMP/deps" | tr -d ' ')" \
    "$(grep -c . "$TEST_TMP/deps")" "the include graph was read"
if tsort "$TEST_TMP/deps" > /dev/null 2> "$TEST_TMP/loop"; then
	check 0 "no include cycle between modules"
else
	check 1 "no include cycle between modules"
	sed 's/^/#   /' "$TEST_TMP/loop"
fi

curses=$(grep -l 'include.*curses\.h' "$src"/*.c "$src"/*.h |
    sed 's|.*/||' | grep -v '^ui' | tr '\n' ' ')
expect_eq "$curses" "" "only ui*.c include curses.h"

# The navigation modules and the view read no file themselves (reading.c
# reads through docio.c; it is the one that may).
io=$(grep -l '\b\(open\|fopen\|read\|opendir\)(' "$src"/nav.c \
    "$src"/history.c "$src"/prompt.c "$src"/search.c "$src"/related.c \
    "$src"/state.c "$src"/view.c "$src"/input.c 2>/dev/null |
    sed 's|.*/||' | tr '\n' ' ')
expect_eq "$io" "" "navigation and view code does no I/O of its own"

finish
