# Read marks, the last open article and the reading position survive a
# restart, SIGHUP and SIGTERM. (At another width: tests/screen/resize.sh.)
. "$srcdir/tests/e2e/lib.sh"

A=天津市已获批组建17家全国重点实验室
statefile=$XDG_STATE_HOME/reader/state

tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys j Enter
tm_wait "^ $A\$"
tm_keys j j j j j j j j j j
tm_wait_not '  0%$'
first=$(tm_screen | sed -n 9p)
tm_keys q
expect_eq "$(tm_exit_status)" 0 "quit after reading"
expect_eq "$(head -n 1 "$statefile")" "reader-state 1" "the state file is versioned"
expect_match "$statefile" '^last [0-9a-f]\{16\}$' "it names the last article"
expect_match "$statefile" '^m [0-9a-f]\{16\} r [0-9]* [0-9]*$' \
    "it holds a read mark and a place"

tm_start 80 24 -- "$SAMPLES"
tm_wait "^ $A\$"
step $? "a restart opens the last article"
tm_wait '2/7  6 unread'
step $? "  with the list cursor on it and the read mark kept"
expect_eq "$(tm_screen | sed -n 9p)" "$first" "  at the same line"
tm_keys q
tm_exit_status > /dev/null

# m marks unread; a hang-up saves that and the position.
tm_start 80 24 -- "$SAMPLES"
tm_wait "^ $A\$"
tm_keys m
tm_wait 'marked unread' && tm_wait '7 unread'
step $? "m marks the open article unread"
tm_keys G
tm_wait '100%'
pid=$(tm_pid)
kill -HUP "$pid"
expect_eq "$(tm_exit_status)" 129 "SIGHUP ends reader (status 128+1)"
tm_start 80 24 -- "$SAMPLES"
tm_wait "^ $A\$"
tm_wait '7 unread' && tm_wait '100%'
step $? "after SIGHUP the unread mark and the position were kept"

tm_keys g
tm_wait '  0%'
kill -TERM "$(tm_pid)"
expect_eq "$(tm_exit_status)" 143 "SIGTERM ends reader (status 128+15)"
tm_start 80 24 -- "$SAMPLES"
tm_wait "^ $A\$" && tm_wait '  0%'
step $? "after SIGTERM the position was kept"
tm_keys q
tm_exit_status > /dev/null

finish
