# Opening, scrolling, focus, zoom, help and quitting, at 80x24.
. "$srcdir/tests/e2e/lib.sh"

tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
step $? "the list shows the library"
tm_wait '^N 2024-05-06  市图书馆新馆试运行首周接待读者逾十万人次'
step $? "newest first, unread marked"
tm_wait '1/7  7 unread'
step $? "the status line shows position and unread count"

tm_keys Enter
tm_wait '^2024-05-06 20:15$'
step $? "Enter opens the article: date line"
tm_wait '^https://news.example.cn/2024/05/library.html$'
step $? "  and URL line"
tm_wait '1/7  6 unread  0%'
step $? "opening marks it read"
tm_wait '^  2024-05-06  市图书馆'
step $? "the list shows it as read"

tm_wait_count '市图书馆新馆试运行首周接待读者逾十万人次$' 3
step $? "the title shows in the list, the pane head and the text"
tm_keys j
tm_wait_count '市图书馆新馆试运行首周接待读者逾十万人次$' 2
step $? "j scrolls the reading pane by one line"
tm_keys G
tm_wait '100%'
step $? "G goes to the end"
tm_wait '^\[ \] 地铁3号线东延段将于年底通车'
step $? "the related items are at the end"
tm_keys g
tm_wait '^2024-05-06 20:15$'
step $? "g goes back to the top"
tm_keys Space
tm_wait_not '^2024-05-06 20:15$'
step $? "Space pages down"

tm_keys Tab j
tm_wait '2/7  6 unread'
step $? "Tab moves focus to the list, j moves its cursor"
tm_keys Tab z
tm_wait_not ' Articles: 7'
step $? "z zooms the reading pane"
tm_keys z
tm_wait ' Articles: 7'
step $? "z again shows both panes"
tm_keys z
tm_wait_not ' Articles: 7'
tm_keys q
tm_wait ' Articles: 7' && tm_alive
step $? "q in a zoomed pane leaves zoom first"

tm_keys '?'
tm_wait 'Move down one line'
step $? "? shows the help screen"
tm_wait '^  j, Down, C-n  *Move down one line'
step $? "help lists the keys from the key table"
tm_keys q
tm_wait ' Articles: 7'
step $? "q closes the help first"

tm_keys q
expect_eq "$(tm_exit_status)" 0 "q quits with status 0"
tm_screen > "$TEST_TMP/after"
if grep -q 'Articles' "$TEST_TMP/after"; then
	check 1 "the terminal is restored (alternate screen left)"
else
	check 0 "the terminal is restored (alternate screen left)"
fi

finish
