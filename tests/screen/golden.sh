#!/bin/sh
# Golden screens of a few key flows, with the colour element of every
# cell, compared with tests/screen/expected/NAME.txt. UPDATE=1 rewrites
# them (make update-golden) after a deliberate change of the screen.
. "$srcdir/tests/screen/lib.sh"
FRESH=1

# golden NAME [OPTION...] KEYS PATH...: one replay against its screen.
golden() {
	name=$1
	shift
	screen --attrs "$@" > /dev/null
	expect_ok "$name: replay"
	expect_golden "$name" "$name: the screen is the golden one"
}

golden list 'wait g j' "$SAMPLES"
golden open 'wait g j Enter' "$SAMPLES"
golden related 'wait g j Enter ] ]' "$SAMPLES"
golden missing 'wait g j Enter ] Enter ] ] ] ] Enter' "$SAMPLES"
golden filter 'wait g / text:重点实验' "$SAMPLES"
golden search 'wait g / text:深理工 Enter Enter / text:芯片 Enter n n' \
    "$SAMPLES"
golden help 'wait g ?' "$SAMPLES"
golden zoom 'wait g j Enter z' "$SAMPLES"
golden wide --size=120x30 'wait g j Enter' "$SAMPLES"
golden narrow --size=40x12 'wait g j Enter j j' "$SAMPLES"
golden pager 'j j' "$SAMPLES/003_de0b9768b39d0927.txt"

[ -n "${UPDATE:-}" ] && exit 0
finish
