#!/bin/sh
# The search prompt's keys come from the key table (prompt_accept,
# prompt_cancel, prompt_erase, prompt_clear), in a layer of their own:
# rebinding them changes the prompt, and a key may serve both layers.
. "$srcdir/tests/screen/lib.sh"

ini=$TEST_TMP/keys.ini
printf '[keys]\nprompt_cancel = C-x\nprompt_clear = C-k\nzoom = C-u\n' > "$ini"
"$READER" -c "$ini" --check-config > "$TEST_TMP/out" 2>&1
expect_eq "$?" 0 "prompt keys bound apart from the others check clean"

replay() {
	"$READER" -c "$ini" --check-state --keys "$1" "$SAMPLES" \
	    > "$TEST_TMP/screen" 2> "$TEST_TMP/stderr"
}
replay '/ text:重点 C-x'
expect_row 1 '^ Articles: 7$' "a rebound prompt_cancel cancels"
replay '/ text:重点 Esc'
expect_row 24 '^/重点' "  and Esc, no longer bound to it, does not"
replay '/ text:重点 C-k text:深理工 Enter'
expect_row 1 'Articles matching "深理工"' "a rebound prompt_clear clears"
replay '/ text:重点 C-u'
expect_row 24 '^/重点' "  C-u, bound to zoom now, does nothing in the prompt"

# The defaults: Enter opens in the list and accepts in the prompt.
fresh
screen '/ text:深理工 Enter Enter' "$SAMPLES" > /dev/null
expect_row 8 '深理工获批建设' "Enter accepts the prompt, then opens"

finish
