# What only a real terminal shows, at 80x24: keys read from it reach the
# interface, the default colours of the selected related item and of
# search matches, and quitting leaves the terminal as it was; the same for
# one article read alone. What each key does is tested without a
# terminal in tests/screen/.
. "$srcdir/tests/e2e/lib.sh"

A=天津市已获批组建17家全国重点实验室
B=这家自然资源部重点实验室开放基金,开始申报

tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
step $? "the list shows the library"
tm_wait '1/7  7 unread'
step $? "  and the status line"
tm_keys j Enter
tm_wait "^ $A\$"
step $? "keys from the terminal open an article"
tm_keys ']'
tm_wait_e "42m\\[\\*\\] $B"
step $? "the selected related item is black on green"
tm_keys / 京津冀 Enter
tm_wait_e '45m京津冀'
step $? "the current search match is black on magenta"
tm_wait_e '43m京津冀'
step $? "  the other matches black on yellow"
tm_keys '?'
tm_wait 'Move down one line'
step $? "? shows the help screen"
tm_keys q
tm_wait ' Articles: 7' && tm_alive
step $? "q closes the help first"

tm_keys q
expect_eq "$(tm_exit_status)" 0 "q quits with status 0"
tm_screen > "$TEST_TMP/after"
if grep -q 'Articles' "$TEST_TMP/after"; then
	check 1 "the terminal is restored (alternate screen left)"
else
	check 0 "the terminal is restored (alternate screen left)"
fi

tm_start 80 24 -- "$SAMPLES/000_238a0797cdd231de.txt"
tm_wait_row 1 "^ $A  .* 0%\$"
step $? "one article alone: the title line shows the position"
tm_keys q
expect_eq "$(tm_exit_status)" 0 "  q quits at once"

finish
