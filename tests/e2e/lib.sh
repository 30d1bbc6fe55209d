# Helpers for the end-to-end tests: the real binary in a real terminal
# emulator (tmux), in a detached session of fixed size. Keys go in with
# send-keys, the screen comes out with capture-pane. Every wait polls for
# the expected content with a deadline; nothing relies on a fixed sleep.
. "$srcdir/tests/dump/lib.sh"

if ! command -v tmux > /dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 77
fi

SOCK=$TEST_TMP/tmux.sock
TMUX_CONF=$TEST_TMP/tmux.conf
cat > "$TMUX_CONF" <<'CONF'
set -g remain-on-exit on
set -g status off
set -g history-limit 2000
set -g set-clipboard on
set -g default-terminal tmux-256color
CONF
trap 'for s in "$TEST_TMP"/tmux*.sock; do tmux -S "$s" kill-server; done \
    2>/dev/null; rm -rf "$TEST_TMP"' EXIT
unset TMUX

# After kill-server the next command gets a new socket: a server still
# on its way out would take the connection and then close it ("server
# exited unexpectedly").
tm_n=0
tm() {
	tmux -S "$SOCK" -f "$TMUX_CONF" "$@"
	tm_rc=$?
	if [ "$1" = kill-server ]; then
		tm_n=$((tm_n + 1))
		SOCK=$TEST_TMP/tmux.$tm_n.sock
	fi
	return $tm_rc
}

# tm_start COLS ROWS [VAR=VALUE...] -- ARGS...: runs reader ARGS in a new
# session; the environment is pinned and points away from $HOME.
tm_start() {
	cols=$1
	rows=$2
	shift 2
	envs="LC_ALL=C.UTF-8 TERM=${TM_TERM-tmux-256color} HOME=$HOME"
	envs="$envs XDG_CONFIG_HOME=$XDG_CONFIG_HOME"
	envs="$envs XDG_STATE_HOME=$XDG_STATE_HOME"
	envs="$envs XDG_CACHE_HOME=$XDG_CACHE_HOME"
	# The sanitizer build's settings (suppressions) must reach reader.
	for v in LSAN_OPTIONS ASAN_OPTIONS UBSAN_OPTIONS; do
		eval "val=\${$v:-}"
		[ -n "$val" ] && envs="$envs $v=$val"
	done
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs="$envs $1"
		shift
	done
	[ "$1" = "--" ] && shift
	args=
	for a in "$@"; do
		args="$args '$a'"
	done
	tm kill-server 2>/dev/null
	rm -f "$TEST_TMP/exit"
	# tmux does not always learn a dead pane's status, so the shell
	# around reader writes it down.
	tm new-session -d -x "$cols" -y "$rows" \
	    "${TM_WRAP:-} env -i PATH='$PATH' $envs '$READER' $args; echo \$? > '$TEST_TMP/exit'"
}

# tm_keys KEYS...: sends keys; the screen just before is kept for
# tm_wait_change.
tm_keys() {
	tm capture-pane -p > "$TEST_TMP/before-keys" 2>/dev/null
	tm send-keys "$@"
}

# tm_wait_change [SECONDS]: waits until the screen differs from the one
# before the last tm_keys: a wait that the old screen would satisfy
# proves nothing about the keys.
tm_wait_change() {
	deadline=$(( $(date +%s) + ${1:-10} ))
	while :; do
		tm_screen > "$TEST_TMP/screen" 2>/dev/null
		cmp -s "$TEST_TMP/screen" "$TEST_TMP/before-keys" || return 0
		if [ "$(date +%s)" -ge "$deadline" ]; then
			echo "# timed out waiting for the screen to change"
			sed 's/^/#   |/' "$TEST_TMP/screen"
			return 1
		fi
		sleep 0.05
	done
}

# tm_alive: succeeds while reader runs (a pane whose program ended still
# shows its last screen).
tm_alive() {
	[ -n "$(tm_pid)" ]
}

# tm_screen [-e]: prints the visible screen.
tm_screen() {
	tm capture-pane -p "$@"
}

# tm_wait REGEX [SECONDS]: waits until the screen matches. On a timeout
# the screen is shown in the log and 1 is returned.
tm_wait() {
	deadline=$(( $(date +%s) + ${2:-10} ))
	while :; do
		if tm_screen > "$TEST_TMP/screen" 2>/dev/null &&
		    grep -q -e "$1" "$TEST_TMP/screen"; then
			return 0
		fi
		if [ "$(date +%s)" -ge "$deadline" ]; then
			echo "# timed out waiting for: $1"
			sed 's/^/#   |/' "$TEST_TMP/screen"
			return 1
		fi
		sleep 0.05
	done
}

# tm_wait_not REGEX [SECONDS]: waits until the screen no longer matches.
tm_wait_not() {
	deadline=$(( $(date +%s) + ${2:-10} ))
	while :; do
		tm_screen > "$TEST_TMP/screen" 2>/dev/null
		grep -q -e "$1" "$TEST_TMP/screen" || return 0
		if [ "$(date +%s)" -ge "$deadline" ]; then
			echo "# timed out waiting for '$1' to go"
			sed 's/^/#   |/' "$TEST_TMP/screen"
			return 1
		fi
		sleep 0.05
	done
}

# tm_wait_not_e REGEX: like tm_wait_not, on the screen with attributes.
tm_wait_not_e() {
	deadline=$(( $(date +%s) + ${2:-10} ))
	while :; do
		tm_screen -e > "$TEST_TMP/screen" 2>/dev/null
		grep -q -e "$1" "$TEST_TMP/screen" || return 0
		if [ "$(date +%s)" -ge "$deadline" ]; then
			echo "# timed out waiting for (with attributes) '$1' to go"
			sed 's/^/#   |/' "$TEST_TMP/screen" | cat -v
			return 1
		fi
		sleep 0.05
	done
}

# tm_wait_e REGEX: like tm_wait, on the screen with attributes.
tm_wait_e() {
	deadline=$(( $(date +%s) + ${2:-10} ))
	while :; do
		tm_screen -e > "$TEST_TMP/screen" 2>/dev/null
		grep -q -e "$1" "$TEST_TMP/screen" && return 0
		if [ "$(date +%s)" -ge "$deadline" ]; then
			echo "# timed out waiting for (with attributes): $1"
			sed 's/^/#   |/' "$TEST_TMP/screen" | cat -v
			return 1
		fi
		sleep 0.05
	done
}

# tm_exit_status [SECONDS]: waits for reader to end and prints its exit
# status (128 + N when signal N ended it).
tm_exit_status() {
	deadline=$(( $(date +%s) + ${1:-10} ))
	while [ ! -s "$TEST_TMP/exit" ]; do
		if [ "$(date +%s)" -ge "$deadline" ]; then
			echo timeout
			return
		fi
		sleep 0.05
	done
	cat "$TEST_TMP/exit"
}

# tm_pid: the process id of reader (the child of the pane's shell).
tm_pid() {
	shell=$(tm display -p '#{pane_pid}')
	for d in /proc/[0-9]*; do
		{ read -r stat < "$d/stat"; } 2>/dev/null || continue
		set -- $stat
		if [ "$4" = "$shell" ] && [ "$2" = "(reader)" ]; then
			echo "$1"
			return
		fi
	done
}

# step STATUS DESCRIPTION: like check, for tm_wait's status.
step() {
	check "$1" "$2"
}

# tm_wait_count REGEX N: waits until exactly N screen lines match.
tm_wait_count() {
	deadline=$(( $(date +%s) + ${3:-10} ))
	while :; do
		tm_screen > "$TEST_TMP/screen" 2>/dev/null
		[ "$(grep -c -e "$1" "$TEST_TMP/screen")" -eq "$2" ] && return 0
		if [ "$(date +%s)" -ge "$deadline" ]; then
			echo "# timed out waiting for $2 lines matching: $1"
			sed 's/^/#   |/' "$TEST_TMP/screen"
			return 1
		fi
		sleep 0.05
	done
}

# tm_wait_text REGEX: waits for REGEX in everything the pane has shown
# (history included, wrapped lines joined): for messages printed before
# or instead of the interface.
tm_wait_text() {
	deadline=$(( $(date +%s) + ${2:-10} ))
	while :; do
		tm capture-pane -p -J -S - > "$TEST_TMP/text" 2>/dev/null
		grep -q -e "$1" "$TEST_TMP/text" && return 0
		if [ "$(date +%s)" -ge "$deadline" ]; then
			echo "# timed out waiting for text: $1"
			sed 's/^/#   |/' "$TEST_TMP/text" | head -20
			return 1
		fi
		sleep 0.05
	done
}

# tm_wait_row N REGEX: waits until row N (from 1) of the screen matches.
tm_wait_row() {
	deadline=$(( $(date +%s) + ${3:-10} ))
	while :; do
		tm_screen > "$TEST_TMP/screen" 2>/dev/null
		sed -n "$1p" "$TEST_TMP/screen" | grep -q -e "$2" && return 0
		if [ "$(date +%s)" -ge "$deadline" ]; then
			echo "# timed out waiting for row $1 to match: $2"
			sed 's/^/#   |/' "$TEST_TMP/screen"
			return 1
		fi
		sleep 0.05
	done
}
