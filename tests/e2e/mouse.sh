# The mouse: a click selects a list row or a related item, the wheel
# scrolls the pane under the pointer. Events are sent as the terminal
# sends them (xterm's protocol: ESC [ M, button, column, row).
. "$srcdir/tests/e2e/lib.sh"

# mouse BUTTON COLUMN ROW (0-based): one event.
mouse() {
	b=$(printf "\\$(printf '%03o' $((32 + $1)))")
	x=$(printf "\\$(printf '%03o' $((33 + $2)))")
	y=$(printf "\\$(printf '%03o' $((33 + $3)))")
	tm_keys -l "$(printf '\033[M')$b$x$y"
}
click() {
	mouse 0 "$1" "$2"
	mouse 3 "$1" "$2"
}

tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
click 5 4
tm_wait '4/7  7 unread'
step $? "a click on a list row moves the cursor there"
tm_keys Enter
tm_wait '^ 四川公示拟新建省重点实验室$'
mouse 65 10 15
tm_wait_count '^四川公示拟新建省重点实验室$' 0
step $? "the wheel scrolls the reading pane under the pointer"
mouse 64 10 15
tm_wait_count '^四川公示拟新建省重点实验室$' 1
step $? "  and back up"
mouse 65 10 3
# (The status line shows the open article's row until the list has the
# keys.)
tm_keys Tab
tm_wait '7/7 '
step $? "the wheel over the list moves the list"
tm_keys Tab
tm_keys G
tm_wait '100%'
row=$(tm_screen | grep -n '^\[\*\] 天津市已获批组建17家全国重点实验室' | cut -d: -f1)
click 3 $((row - 1))
tm_wait_e '42m\[\*\] 天津市已获批组建17家全国重点实验室'
step $? "a click on a related item selects it"
tm_keys Enter
tm_wait '^ 天津市已获批组建17家全国重点实验室$'
step $? "  and Enter follows it"
tm_keys q
expect_eq "$(tm_exit_status)" 0 "quit"
finish
