# Before drawing anything, reader checks the terminal and the locale and
# says what to do instead; with TERM of 8 colours or none it still runs.
. "$srcdir/tests/e2e/lib.sh"

"$READER" "$SAMPLES" < /dev/null > "$TEST_TMP/out" 2>&1
expect_eq "$?" 1 "not a terminal: exit 1"
expect_match "$TEST_TMP/out" 'must be a terminal; use --dump or --list' \
    "  and a message saying what to use"

TM_TERM=dumb tm_start 80 24 -- "$SAMPLES"
expect_eq "$(tm_exit_status)" 1 "TERM=dumb: exit 1"
tm_wait_text "terminal type 'dumb' cannot move the cursor"
step $? "  saying why"

TM_TERM=no-such-terminal tm_start 80 24 -- "$SAMPLES"
expect_eq "$(tm_exit_status)" 1 "unknown TERM: exit 1"
tm_wait_text "unknown terminal type 'no-such-terminal'"
step $? "  saying why"

TM_TERM= tm_start 80 24 -- "$SAMPLES"
expect_eq "$(tm_exit_status)" 1 "TERM unset: exit 1"
tm_wait_text "TERM is not set"
step $? "  saying why"

tm_start 80 24 LC_ALL=C -- "$SAMPLES"
expect_eq "$(tm_exit_status)" 1 "a locale that is not UTF-8: exit 1"
tm_wait_text "not UTF-8; set LANG to a UTF-8 locale"
step $? "  saying what to set"

for t in vt100 linux screen xterm-256color; do
	# (A fresh state: the article open last would be there already.)
	rm -rf "$XDG_STATE_HOME"
	TM_TERM=$t tm_start 80 24 -- "$SAMPLES"
	tm_wait ' Articles: 7'
	tm_keys Enter
	tm_wait '^2024-05-06 20:15$'
	step $? "TERM=$t works"
	tm_keys q
	expect_eq "$(tm_exit_status)" 0 "  and quits cleanly"
done

TM_TERM=vt100 tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_wait_e '\[0;7m.*2024-05-06  市图书馆'
step $? "without colours the cursor row is in reverse video"
tm_keys q
tm_exit_status > /dev/null

tm_start 80 24 NO_COLOR=1 -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_screen -e > "$TEST_TMP/nocolor"
if grep -q '\[3[0-7]m\|\[4[0-7]m\|\[38;5\|\[48;5' "$TEST_TMP/nocolor"; then
	check 1 "NO_COLOR: no colours, only attributes"
else
	check 0 "NO_COLOR: no colours, only attributes"
fi
tm_keys q
tm_exit_status > /dev/null

# Colours set in reader.ini that cannot be shown are named, once.
printf '[colors]\ntitle = red default bold\n' > "$TEST_TMP/colors.ini"
tm_start 80 24 NO_COLOR=1 -- -c "$TEST_TMP/colors.ini" "$SAMPLES"
tm_wait 'colours from reader.ini not shown: NO_COLOR is set'
step $? "NO_COLOR with colours in reader.ini: a notice says so"
tm_keys j
tm_wait_not 'not shown'
step $? "  once"
tm_keys q
tm_exit_status > /dev/null
TM_TERM=vt100 tm_start 80 24 -- -c "$TEST_TMP/colors.ini" "$SAMPLES"
tm_wait 'colours from reader.ini not shown: the terminal has none'
step $? "a terminal without colours: a notice says so"
tm_keys q
tm_exit_status > /dev/null
tm_start 80 24 NO_COLOR=1 -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_wait_not 'not shown' 1
step $? "no colours set in reader.ini: no notice"
tm_keys q
tm_exit_status > /dev/null

# ambiguous_width = auto (the default) asks the terminal, tmux here,
# which draws … one column wide; the question leaves nothing on screen.
# (A shell keeps the pane, and so its main screen, after reader ends.)
tm kill-server
rm -f "$TEST_TMP/exit"
tm new-session -d -x 80 -y 24 "env -i PATH='$PATH' LC_ALL=C.UTF-8 \
    TERM=tmux-256color HOME=$HOME XDG_STATE_HOME=$XDG_STATE_HOME \
    XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_CACHE_HOME=$XDG_CACHE_HOME \
    sh -c \"'$READER' '$SAMPLES'; echo \\\$? > '$TEST_TMP/exit'; \
    exec cat\""
tm_wait ' Articles: 7'
tm_keys q
expect_eq "$(tm_exit_status)" 0 "auto: the probe through tmux, then quit"
tm_screen > "$TEST_TMP/after"
if grep -q '…' "$TEST_TMP/after"; then
	check 1 "  the probe left nothing on the screen"
	sed 's/^/#   |/' "$TEST_TMP/after" | head -3
else
	check 0 "  the probe left nothing on the screen"
fi
# The probe's question goes out before the library is read, and its
# answer is read after: the first slice of the library is read while the
# question travels (a round trip over a remote link).
if command -v strace > /dev/null && strace -o /dev/null true 2> /dev/null
then
	asan_opts=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	# (LeakSanitizer cannot run under ptrace.)
	TM_WRAP="strace -f -o '$TEST_TMP/trace' -e trace=openat,read,write" \
	    tm_start 80 24 "ASAN_OPTIONS=$asan_opts" -- "$SAMPLES"
	tm_wait ' Articles: 7'
	tm_keys q
	expect_eq "$(tm_exit_status)" 0 "the probe under strace, then quit"
	asked=$(grep -n -m 1 'write(1, .*\\33\[6n"' "$TEST_TMP/trace" |
	    cut -d: -f1)
	# (The library's directory: its articles are known from the
	# header index of an earlier run.)
	read_lib=$(grep -n -m 1 "openat(AT_FDCWD, \"$SAMPLES\"" \
	    "$TEST_TMP/trace" | cut -d: -f1)
	# (The report in a read, whole or "resumed" after another
	# thread's line.)
	answered=$(grep -n -m 1 '\\33\[[0-9;]*R", [0-9]*) *= [0-9]' \
	    "$TEST_TMP/trace" | cut -d: -f1)
	if [ -n "$asked" ] && [ -n "$read_lib" ] && [ -n "$answered" ] &&
	    [ "$asked" -lt "$read_lib" ] && [ "$read_lib" -lt "$answered" ]
	then
		check 0 "  the library is read while the answer comes"
	else
		check 1 "  the library is read while the answer comes"
		echo "#   asked at line $asked, library read at $read_lib," \
		    "answer read at $answered"
	fi
	# Ended by a signal while the answer is awaited (held up here in
	# the wait, 2 s, by strace): the terminal's modes are as before.
	tm kill-server
	rm -f "$TEST_TMP/exit" "$TEST_TMP/pid"
	tm new-session -d -x 80 -y 24 "env -i PATH='$PATH' LC_ALL=C.UTF-8 \
	    TERM=tmux-256color HOME=$HOME XDG_STATE_HOME=$XDG_STATE_HOME \
	    XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_CACHE_HOME=$XDG_CACHE_HOME \
	    ASAN_OPTIONS=$asan_opts sh -c \"stty -g > '$TEST_TMP/before'; \
	    strace -f -o '$TEST_TMP/pid' -e trace=execve,poll \
	    -e inject=poll:delay_enter=2000000:when=1 '$READER' '$SAMPLES'; \
	    echo \\\$? > '$TEST_TMP/status'; stty -g > '$TEST_TMP/after'; \
	    mv '$TEST_TMP/status' '$TEST_TMP/exit'; exec cat\""
	tm_wait_text '…'
	step $? "a signal while asking: the question is out"
	kill -TERM "$(sed -n '1s/^\([0-9]*\) .*/\1/p' "$TEST_TMP/pid")"
	expect_eq "$(tm_exit_status)" 143 "  SIGTERM ends it (143)"
	if cmp -s "$TEST_TMP/before" "$TEST_TMP/after"; then
		check 0 "  the terminal's modes are as before"
	else
		check 1 "  the terminal's modes are as before"
	fi
else
	skip "no strace: when the library is read against the probe"
fi
# --dump to a pipe takes 1 for auto; 2 from reader.ini is kept.
f=$(ls "$SAMPLES"/* | head -n 1)
"$READER" --dump -w 30 "$f" > "$TEST_TMP/auto"
"$READER" --ambiguous-width=1 --dump -w 30 "$f" > "$TEST_TMP/one"
"$READER" --ambiguous-width=2 --dump -w 30 "$f" > "$TEST_TMP/two"
printf '[display]\nambiguous_width = 2\n' > "$TEST_TMP/two.ini"
"$READER" -c "$TEST_TMP/two.ini" --dump -w 30 "$f" > "$TEST_TMP/ini2"
cmp -s "$TEST_TMP/auto" "$TEST_TMP/one"
check $? "--dump to a pipe: auto is 1"
cmp -s "$TEST_TMP/ini2" "$TEST_TMP/two" && ! cmp -s "$TEST_TMP/one" "$TEST_TMP/two"
check $? "--dump: ambiguous_width = 2 in reader.ini is followed"

finish
