#!/bin/sh
# The interface at both ambiguous widths: with --ambiguous-width=2 (what
# the probe finds on a terminal that draws “ ” … ① two columns wide) the
# reading pane shows exactly the lines --dump lays out for that width,
# before and after scrolling (a page, two
# rows), and at width 1 likewise; the two differ.
. "$srcdir/tests/screen/lib.sh"

f=$DATA/ambiguous.txt
for aw in 1 2; do
	for size in 60x14 31x10 80x24; do
		cols=${size%x*}
		lines=${size#*x}
		h=$((lines - 1))
		"$READER" --no-config --ambiguous-width=$aw --dump -w "$cols" \
		    "$f" > "$TEST_TMP/dump"
		for keys in '' 'Space' 'j j'; do
			fresh
			screen --size="$size" --ambiguous-width=$aw "$keys" \
			    "$f" > /dev/null
			case $keys in
			Space) first=$h ;;
			'j j') first=3 ;;
			*) first=1 ;;
			esac
			last=$((first + h - 1))
			# (The last screen of text is the end, not a page on.)
			total=$(wc -l < "$TEST_TMP/dump")
			if [ "$last" -gt "$total" ]; then
				last=$total
				first=$((total - h + 1))
				[ "$first" -lt 1 ] && first=1
			fi
			sed -n "${first},${last}p" "$TEST_TMP/dump" \
			    > "$TEST_TMP/want"
			sed -n "2,$((last - first + 2))p" "$TEST_TMP/screen" \
			    > "$TEST_TMP/got"
			if cmp -s "$TEST_TMP/want" "$TEST_TMP/got"; then
				check 0 "width $aw at $size after '$keys': as --dump"
			else
				check 1 "width $aw at $size after '$keys': as --dump"
				diff "$TEST_TMP/want" "$TEST_TMP/got" | sed 's/^/#   /'
			fi
		done
	done
done
"$READER" --no-config --ambiguous-width=1 --dump -w 60 "$f" > "$TEST_TMP/1"
"$READER" --no-config --ambiguous-width=2 --dump -w 60 "$f" > "$TEST_TMP/2"
expect_eq "$(cmp -s "$TEST_TMP/1" "$TEST_TMP/2" || echo differ)" differ \
    "the two widths lay the text out apart"

finish
