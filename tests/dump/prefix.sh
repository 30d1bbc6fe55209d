#!/bin/sh
# The directories configure chose reach the program through
# src/installdirs.h, which make writes from the Makefile and which
# main.c's dependencies name: running configure again with another --prefix rebuilds the
# program with the new directories (-D flags did not: make does not
# track them, and the old paths stayed in the binary).
# (The program itself, before lib.sh may put a wrapper in its place.)
program=$READER
. "$srcdir/tests/dump/lib.sh"

build=$(dirname "$(dirname "$program")")
paths=$build/src/installdirs.h
if [ -f "$paths" ]; then check 0 "src/installdirs.h is made"; else
	check 1 "src/installdirs.h is made"; finish; fi
samples=$(sed -n 's/^#define SAMPLESDIR "\(.*\)"$/\1/p' "$paths")
locales=$(sed -n 's/^#define LOCALEDIR "\(.*\)"$/\1/p' "$paths")
expect_eq "$(grep -c '^src/installdirs.h: Makefile' \
    "$srcdir/Makefile.am")" 1 \
    "  from the Makefile, which configure writes"
deps=$(ls "$build"/src/.deps/*main.Po 2>/dev/null | head -n 1)
if [ -n "$deps" ] && grep -q 'installdirs\.h' "$deps"; then
	check 0 "  and main.c's dependencies name it"
else
	check 1 "  and main.c's dependencies name it"
fi
if command -v strings > /dev/null 2>&1; then
	strings "$program" > "$TEST_TMP/strings"
	expect_match "$TEST_TMP/strings" "^$samples\$" \
	    "the program looks for its samples where configure said"
	expect_match "$TEST_TMP/strings" "^$locales\$" \
	    "  and for its translations"
fi

finish
