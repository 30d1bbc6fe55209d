# Input that is not a key press: invalid bytes, pasted text, an event
# right after Esc, keys while the window is too small to show anything.
. "$srcdir/tests/e2e/lib.sh"

tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'

# Bytes that are not UTF-8 (0xFF; a Latin-1 terminal's é) are dropped.
tm_keys -H ff
tm_keys -H ff ff
tm_keys -H e9
tm_keys -H e9
tm_keys j
tm_wait '2/7  7 unread'
step $? "invalid input bytes are ignored, keys go on working"
# In one write with the key after them: only the bad bytes go.
tm_keys -H ff 6a
tm_wait '3/7  7 unread'
step $? "  a key sent with a bad byte is kept"
tm_keys -H e9 6a
tm_wait '4/7  7 unread'
step $? "  and with a character begun and broken off"
tm_keys -H e9 e9 ff 6b 6b 6b
tm_wait '1/7  7 unread'
step $? "  and after several"
tm_keys /
tm_wait '^/'
tm_keys -H e5 ae 9e ff e9 aa 8c
tm_wait '^/实验 '
step $? "  and inside a character's neighbours in the prompt"
tm_keys Escape
tm_wait_not '^/'

# Pasted text runs no actions (it would mark, jump and quit here).
tm set-buffer 'jjjmmmGzzq'
tm paste-buffer -p
tm_keys k
tm_wait '1/7  7 unread'
step $? "pasted text outside a prompt is ignored"
# In the search prompt it is inserted, line breaks and all as spaces,
# and does not end the prompt.
tm_keys /
tm_wait '^/'
tm set-buffer "$(printf '重点\n实验室')"
tm paste-buffer -p
tm_wait '^/重点 实验室  '
step $? "pasted text is inserted in the search prompt"
tm_keys Escape
tm_wait_not '^/'

# mouse BUTTON COLUMN ROW, right after an Esc, in one write.
esc_click() {
	b=$(printf "\\$(printf '%03o' $((32 + $1)))")
	x=$(printf "\\$(printf '%03o' $((33 + $2)))")
	y=$(printf "\\$(printf '%03o' $((33 + $3)))")
	tm_keys -l "$(printf '\033\033[M')$b$x$y$(printf '\033[M')#$x$y"
}
tm_keys g
tm_wait '1/7 '
esc_click 0 5 4
tm_wait '4/7 '
step $? "a click right after Esc still moves the cursor"

# Too small to show anything: keys do nothing, the message is wrapped
# so the size needed shows, q still quits.
tm_keys g
tm_wait '1/7 '
tm resize-window -x 15 -y 5
tm_wait '^Terminal too'
tm_screen | tr -d '\n' > "$TEST_TMP/small"
expect_match "$TEST_TMP/small" '20x6' "the size needed shows at 15x5"
tm_keys j j ? Enter
tm resize-window -x 80 -y 24
tm_wait ' Articles: 7'
tm_wait '1/7  7 unread'
step $? "keys pressed while too small did nothing"
tm_keys j
tm_wait '2/7  7 unread'
tm resize-window -x 15 -y 5
tm_wait '^Terminal too'
tm_keys q
expect_eq "$(tm_exit_status)" 0 "q quits while too small"

finish
