# One article given by name reads as in less: the last row is text, the
# title line shows how far in the reader is, and prompts and messages
# take the last row only while they last. status_line = true brings the
# status line back; status_line = false hides it everywhere. (Each run
# with a state of its own: none restores the place of another.)
. "$srcdir/tests/e2e/lib.sh"

f=$SAMPLES/000_238a0797cdd231de.txt
tm_start 80 24 -- "$f"
tm_wait_row 1 '^ 天津市已获批组建17家全国重点实验室  .* 0%$'
step $? "the title line shows the title and the position"
tm_wait_row 2 '^天津市已获批组建17家全国重点实验室$'
step $? "the text begins under it"
tm_screen > "$TEST_TMP/s1"
last=$(sed -n 24p "$TEST_TMP/s1")
check $([ -n "$last" ] && ! echo "$last" | grep -q 'unread' && echo 0 ||
    echo 1) "the last row is text, not a status line"

tm_keys j
tm_wait_row 23 "^$(printf '%s' "$last" | sed 's/[][\.*^$]/\\&/g')\$"
step $? "j scrolls: the last row moves up"
tm_keys G
tm_wait_row 1 ' 100%$'
step $? "G: the title line says 100%"

tm_keys / 读者
tm_wait_row 24 '^/读者'
step $? "/ prompts on the last row"
tm_keys Escape
tm_wait_not '^/读者'
step $? "Esc gives the row back to the text"
tm_keys q
expect_eq "$(tm_exit_status)" 0 "q quits at once"

printf '[layout]\nstatus_line = true\n' > "$TEST_TMP/on.ini"
tm_start 80 24 XDG_STATE_HOME="$TEST_TMP/state2" -- -c "$TEST_TMP/on.ini" "$f"
tm_wait_row 24 '1/1  0 unread  0%$'
step $? "status_line = true: the status line is back"
tm_wait_row 1 '^ 天津市已获批组建17家全国重点实验室$'
step $? "  and the title line has no position"
tm_keys q
expect_eq "$(tm_exit_status)" 0 "  q quits"

printf '[layout]\nstatus_line = no\n' > "$TEST_TMP/off.ini"
tm_start 80 24 XDG_STATE_HOME="$TEST_TMP/state3" -- -c "$TEST_TMP/off.ini" \
    "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys Enter
tm_wait ' 0%$'
step $? "status_line = no, a library: the position shows in the pane's head"
tm_wait_not 'unread'
step $? "  and no status line"
tm_keys q q
expect_eq "$(tm_exit_status)" 0 "  q, q quits"
finish
