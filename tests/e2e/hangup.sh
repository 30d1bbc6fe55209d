# A terminal that goes away (a dropped SSH connection), even with SIGHUP
# ignored as under nohup, ends reader within a second with its state
# saved; Ctrl-Z suspends and SIGCONT brings the screen back. Every other
# way out (Ctrl-\, SIGUSR1, SIGALRM, running out of memory) gives the
# terminal back as it was: modes, main screen, cursor, no bracketed paste.
. "$srcdir/tests/e2e/lib.sh"

A=天津市已获批组建17家全国重点实验室

gone() {
	deadline=$(( $(date +%s) + 3 ))
	while [ -d "/proc/$1" ]; do
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep 0.05
	done
	return 0
}

TM_WRAP="trap '' HUP;" tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys j Enter G
tm_wait "^ $A\$" && tm_wait '100%'
pid=$(tm_pid)
check $([ -n "$pid" ] && echo 0 || echo 1) "reader runs (pid $pid)"
tm kill-server
gone "$pid"
step $? "with SIGHUP ignored, the closed terminal ends it within 3 s"
tm_start 80 24 -- "$SAMPLES"
tm_wait "^ $A\$" && tm_wait '100%'
step $? "  and the position was saved"

tm_keys q
tm_exit_status > /dev/null

# Job control needs an interactive shell, as a user has.
tm kill-server
tm new-session -d -x 80 -y 24 "env -i PATH='$PATH' LC_ALL=C.UTF-8 \
    TERM=tmux-256color HOME=$HOME XDG_STATE_HOME=$XDG_STATE_HOME \
    XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_CACHE_HOME=$XDG_CACHE_HOME \
    PS1='$ ' bash --norc --noprofile -i"
tm_wait '^\$ *$'
tm_keys "'$READER' '$SAMPLES'" Enter
tm_wait "^ $A\$"
tm_keys g
tm_wait '  0%'
tm_keys C-z
tm_wait 'Stopped'
step $? "Ctrl-Z suspends and gives the shell back"
tm_keys fg Enter
tm_wait ' Articles: 7' && tm_wait "^ $A\$"
step $? "fg brings the screen back"
tm_keys j
tm_wait_count "^$A\$" 0
step $? "  and keys work again"
tm_keys q
tm_wait '^\$ *$'
step $? "quit returns to the prompt"

# While reader is stopped the terminal does not mark pastes: a shell
# that does not ask for it (dash) gets the text alone.
tm kill-server
tm new-session -d -x 80 -y 24 "env -i PATH='$PATH' LC_ALL=C.UTF-8 \
    TERM=tmux-256color HOME=$HOME XDG_STATE_HOME=$XDG_STATE_HOME \
    XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_CACHE_HOME=$XDG_CACHE_HOME \
    PS1='$ ' dash -i"
tm_wait '^\$ *$'
tm_keys "'$READER' '$SAMPLES'" Enter
tm_wait ' Articles: 7'
tm_keys C-z
tm_wait 'Stopped'
tm set-buffer 'echo pas''ted'
tm paste-buffer -p
tm_keys Enter
tm_wait '^pasted$'
step $? "suspended, bracketed paste is off"
tm_keys fg Enter
tm_wait ' Articles: 7'
tm_keys q
tm_wait '^\$ *$'

# restored_after ENV HOW STATUS WHAT: runs reader in a shell that notes
# the terminal's modes before and after and then shows what is typed or
# pasted (cat -v); HOW ends reader; checks the status and the terminal.
# (The status is put in place only after the modes are noted: the check
# must not read them half written.)
restored_after() {
	tm kill-server
	rm -f "$TEST_TMP/exit" "$TEST_TMP/oom"
	tm new-session -d -x 80 -y 24 "env -i PATH='$PATH' LC_ALL=C.UTF-8 \
	    TERM=tmux-256color HOME=$HOME XDG_STATE_HOME=$XDG_STATE_HOME \
	    XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_CACHE_HOME=$XDG_CACHE_HOME \
	    sh -c \"trap : QUIT INT; stty -g > '$TEST_TMP/before'; \
	    $1 '$READER' '$SAMPLES'; echo \\\$? > '$TEST_TMP/status'; \
	    stty -g > '$TEST_TMP/after'; \
	    mv '$TEST_TMP/status' '$TEST_TMP/exit'; exec cat -v\""
	tm_wait ' Articles: 7'
	$2
	expect_eq "$(tm_exit_status)" "$3" "$4: exit $3"
	if cmp -s "$TEST_TMP/before" "$TEST_TMP/after"; then
		check 0 "  the terminal's modes are restored"
	else
		check 1 "  the terminal's modes are restored"
	fi
	expect_eq "$(tm display -p '#{alternate_on} #{cursor_flag}')" "0 1" \
	    "  the main screen is back, with the cursor shown"
	tm set-buffer 'pasted'
	tm paste-buffer -p
	tm_wait '^pasted$'
	step $? "  bracketed paste is off again"
}

restored_after "" "tm_keys q" 0 "q"
restored_after "" "tm_keys C-\\" 131 "Ctrl-\\ (SIGQUIT)"
restored_after "" "eval kill -USR1 \$(tm_pid)" 138 "SIGUSR1"
restored_after "" "eval kill -ALRM \$(tm_pid)" 142 "SIGALRM"

# Running out of memory: a preloaded allocator fails every allocation
# once a file exists.
if grep -q -a __asan_init "$READER" || [ -n "${READER_WRAPPER:-}" ]; then
	skip "out of memory: sanitizers and valgrind have their own allocator"
elif ${CC:-cc} -shared -fPIC -o "$TEST_TMP/failmalloc.so" \
    "$srcdir/tests/e2e/failmalloc.c" 2> /dev/null; then
	restored_after "LD_PRELOAD='$TEST_TMP/failmalloc.so' \
	    FAILMALLOC_AFTER='$TEST_TMP/oom'" \
	    "eval touch '$TEST_TMP/oom'; tm resize-window -x 100 -y 30" 1 \
	    "out of memory"
	tm_wait_text 'reader: out of memory'
	step $? "  saying so"
else
	skip "out of memory: no C compiler to build the failing allocator"
fi

finish
