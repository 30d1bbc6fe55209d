# A terminal that goes away (a dropped SSH connection), even with SIGHUP
# ignored as under nohup, ends reader within a second with its state
# saved; Ctrl-Z suspends and SIGCONT brings the screen back.
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

finish
