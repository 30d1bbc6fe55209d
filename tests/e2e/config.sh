# reader.ini drives the interface: rebound keys change what keys do and
# what the help screen says; colours show, approximated on 8-colour
# terminals; layout options apply; y copies through OSC 52 when enabled.
. "$srcdir/tests/e2e/lib.sh"

ini=$TEST_TMP/reader.ini
cat > "$ini" <<'INI'
[keys]
down = x
quit = Q
help = h
[colors]
list_selected = white red bold
status = "black #00ff00"
INI

tm_start 80 24 -- -c "$ini" "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys x
tm_wait '2/7  7 unread'
step $? "a rebound key does the action"
tm_keys j
tm_keys k
tm_wait '1/7  7 unread'
step $? "the key it replaced does nothing (j), others still work (k)"
tm_wait_e '37m.*41mN 2024-05-06'
step $? "list_selected = white red bold"
tm_wait_e '48;5;46m'
step $? "#00ff00 becomes colour 46 of 256"
tm_keys h
tm_wait '^  x  *Move down one line'
step $? "the help screen shows the configured key"
tm_wait 'press Q to close'
step $? "  and its hints too"
tm_keys Q Q
expect_eq "$(tm_exit_status)" 0 "the rebound quit key quits"

TM_TERM=xterm tm_start 80 24 -- -c "$ini" "$SAMPLES"
tm_wait ' Articles: 7'
tm_wait_e '42m  .*1/7  7 unread'
step $? "on an 8-colour terminal #00ff00 becomes green"
tm_keys Q
tm_exit_status > /dev/null

cat > "$ini" <<'INI'
[general]
osc52 = true
[layout]
split = vertical
list_size = 30
status_line = false
INI
tm_start 80 24 -- -c "$ini" "$SAMPLES"
tm_wait '^ Articles: 7 *│'
step $? "split = vertical puts the panes side by side at 80 columns"
prefix=$(tm_screen | head -n 1)
prefix=${prefix%%│*}
expect_eq "$(printf '%s' "$prefix" | wc -L)" 30 "list_size = 30 columns"
tm_screen | tail -n 1 > "$TEST_TMP/last"
if grep -q 'unread' "$TEST_TMP/last"; then
	check 1 "status_line = false hides the status line"
else
	check 0 "status_line = false hides the status line"
fi
tm_keys Enter y
tm_wait 'copied the title and URL'
step $? "y copies (a message shows even without a status line)"
buf=$(tm show-buffer 2>/dev/null)
expect_eq "$buf" "市图书馆新馆试运行首周接待读者逾十万人次
https://news.example.cn/2024/05/library.html" "the terminal received the title and URL"
tm_keys q
tm_exit_status > /dev/null

tm_start 80 24 -- --no-config "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys Enter y
tm_wait 'copying is off: set osc52 = true'
step $? "without osc52 = true, y explains how to enable it"
tm_keys q
tm_exit_status > /dev/null

finish
