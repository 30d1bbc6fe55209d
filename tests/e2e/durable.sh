# Reading state survives faults: kill -9 at any moment leaves files that
# parse (old or new state, never a broken one); a state directory that
# cannot be written and a full disk give a warning and the session goes
# on without destroying what was saved; a damaged state file is kept
# aside as .bad with a warning; Ctrl-C saves and restores the terminal.
. "$srcdir/tests/e2e/lib.sh"

sdir=$XDG_STATE_HOME/reader

# valid: every line of the state and journal files is a record; only the
# journal's last line may be cut short (a write a kill interrupted).
valid() {
	[ -f "$sdir/state" ] || [ -f "$sdir/journal" ] || return 1
	[ ! -f "$sdir/state" ] || awk 'NR == 1 { if ($0 != "reader-state 1") exit 1; next }
	    /^last [0-9a-f]+$/ { next }
	    /^m [0-9a-f]+ [ru]( [0-9]+ [0-9]+)?$/ { next }
	    { exit 1 }' "$sdir/state" || return 1
	[ -f "$sdir/journal" ] || return 0
	awk -v last="$(wc -l < "$sdir/journal")" '
	    NR == 1 { if ($0 != "reader-journal 1") exit 1; next }
	    /^last [0-9a-f]+$/ { next }
	    /^m [0-9a-f]+ [ru]( [0-9]+ [0-9]+)?$/ { next }
	    NR > last { next }
	    { exit 1 }' "$sdir/journal"
}

i=0
bad=0
while [ $i -lt 12 ]; do
	tm_start 80 24 -- "$SAMPLES"
	tm_wait ' Articles: 7' > /dev/null
	tm_keys Enter m m m J m K m j m m Tab j Enter m m
	# No waiting: the kill lands wherever the writes have got to.
	[ $((i % 3)) -eq 0 ] && tm_wait 'marked' 2 > /dev/null
	kill -9 "$(tm_pid)" 2>/dev/null
	tm_exit_status > /dev/null
	valid || { bad=$((bad + 1)); echo "# damaged after kill $i"; }
	i=$((i + 1))
done
expect_eq "$bad" 0 "after 12 kill -9 during writes the state always parses"
tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
if tm_screen | grep -q 'damaged\|not a reader state'; then
	check 1 "  and the next start finds nothing damaged"
else
	check 0 "  and the next start finds nothing damaged"
fi
tm_keys q
tm_exit_status > /dev/null

# A state that cannot be written: a warning, and reading goes on.
XDG_STATE_HOME=/dev/null/nowhere tm_start 80 24 XDG_STATE_HOME=/dev/null/nowhere -- "$SAMPLES"
tm_wait 'reading state will not be saved: /dev/null/nowhere/reader'
step $? "an unwritable state directory gives a warning"
tm_keys Enter
tm_wait '^2024-05-06 20:15$'
step $? "  and the session goes on"
tm_keys q
expect_eq "$(tm_exit_status)" 0 "  and ends normally"

# With a problem of loading too, both are counted.
mkdir "$TEST_TMP/lib"
cp "$SAMPLES"/*.txt "$TEST_TMP/lib/"
: > "$TEST_TMP/lib/empty.txt"
XDG_STATE_HOME=/dev/null/nowhere tm_start 100 24 \
    XDG_STATE_HOME=/dev/null/nowhere -- "$TEST_TMP/lib"
tm_wait '2 problems while loading'
step $? "an unwritable state directory and an empty file: 2 problems"
tm_keys q
tm_exit_status > /dev/null

# A full disk (a file size limit of 0): saved state is kept as it was.
cp "$sdir/state" "$TEST_TMP/state.before"
# (Only reader gets the limit: the shell around it must write its status.)
wrap="ulimit -f 0;"
command -v prlimit > /dev/null 2>&1 && wrap="prlimit --fsize=0 --"
TM_WRAP=$wrap tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys j Enter m
tm_wait 'cannot save reading state'
step $? "a full disk gives a warning"
tm_keys j k
tm_wait ' Articles: 7' && tm_alive
step $? "  and the session goes on"
tm_keys q
tm_exit_status > /dev/null
cmp -s "$sdir/state" "$TEST_TMP/state.before"
check $? "  and the state saved before is intact"

# A damaged state file: kept aside, and a fresh state started.
printf 'garbage\000\001\002 not a state file\n' > "$sdir/state"
rm -f "$sdir/journal"
tm_start 250 24 -- "$SAMPLES"
tm_wait 'not a reader state file'
step $? "a damaged state file gives a warning"
check $([ -f "$sdir/state.bad" ] && echo 0 || echo 1) "  and is kept as state.bad"
tm_keys Enter q
tm_exit_status > /dev/null
expect_eq "$(head -n 1 "$sdir/state")" "reader-state 1" "  and a fresh state is saved"

# A state file with a damaged line, and a run that ends before its first
# screen (a terminal it cannot use): what could be read is saved again.
printf 'reader-state 1\nm 00000000000000aa r\nbroken\n' > "$sdir/state"
rm -f "$sdir/journal" "$sdir/state.bad"
TM_TERM=dumb tm_start 80 24 -- "$SAMPLES"
expect_eq "$(tm_exit_status)" 1 "a damaged line, then a terminal that will not do"
check $([ -f "$sdir/state.bad" ] && echo 0 || echo 1) "  the file is kept as state.bad"
grep -q '^m 00000000000000aa r$' "$sdir/state"
check $? "  and what could be read of it is saved in a new state"

# read_all: a fresh state in which all seven articles are read.
read_all() {
	rm -rf "$sdir"
	tm_start 80 24 -- "$SAMPLES"
	tm_wait ' Articles: 7' > /dev/null
	tm_keys Enter J J J J J J
	tm_wait '0 unread' > /dev/null
	tm_keys q
	tm_exit_status > /dev/null
}

# One NUL byte in a record of the state: that record alone is lost; the
# file is kept aside, the user told, and the rest saved again.
read_all
{
	head -n 3 "$sdir/state"
	printf 'm 9f5c\000damaged r 0 0\n'
	tail -n +5 "$sdir/state"
} > "$TEST_TMP/nul"
cp "$TEST_TMP/nul" "$sdir/state"
tm_start 250 24 -- "$SAMPLES"
tm_wait 'state: 1 damaged line skipped; the file was kept as .*state\.bad  '
step $? "a NUL in the state: one damaged line is said"
tm_wait '  1 unread'
step $? "  and only that record is lost (6 of 7 marks kept)"
tm_keys q
tm_exit_status > /dev/null
cmp -s "$sdir/state.bad" "$TEST_TMP/nul"
check $? "  the damaged file is kept as state.bad"
tm_start 250 24 -- "$SAMPLES"
tm_wait '  1 unread'
step $? "  and the next start has the 6 marks"
if tm_screen | grep -q 'damaged\|not a reader state'; then
	check 1 "  and finds nothing damaged"
else
	check 0 "  and finds nothing damaged"
fi
tm_keys q
tm_exit_status > /dev/null

# A second damaged state does not replace the first one kept.
printf 'reader-state 1\nm 00000000000000aa r' > "$sdir/state"
tm_start 250 24 -- "$SAMPLES"
tm_wait 'damaged line skipped; the file was kept as .*state\.bad\.1  '
step $? "a last record without its newline is damage, kept as state.bad.1"
tm_keys q
tm_exit_status > /dev/null
cmp -s "$sdir/state.bad" "$TEST_TMP/nul"
check $? "  and state.bad is the first damaged file still"
rm -f "$sdir"/state.bad*

# A state that cannot be read is said to be unreadable, and nothing is
# written over it (root reads anything: the check runs as nobody).
if as=$(unprivileged); then
	cp "$sdir/state" "$TEST_TMP/state.before"
	rm -f "$sdir/journal"
	open_tmp
	chmod 000 "$sdir/state"
	TM_WRAP="$as" tm_start 250 24 -- "$SAMPLES"
	tm_wait 'reading state will not be saved: .*state: Permission denied'
	step $? "an unreadable state is reported as unreadable"
	tm_keys Enter J
	tm_wait '2/7  5 unread'
	tm_keys q
	tm_exit_status > /dev/null
	chmod 600 "$sdir/state"
	cmp -s "$sdir/state" "$TEST_TMP/state.before" &&
	    [ ! -f "$sdir/state.bad" ]
	check $? "  and is neither set aside nor written over"
else
	skip "no way to run as an unprivileged user: unreadable state"
fi

# The position in the open article is journalled once it settles: a
# kill -9 does not lose it.
rm -rf "$sdir"
tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys Enter J Space Space
tm_wait '^ *2/7  5 unread  [1-9][0-9]*%$'
tm_screen > "$TEST_TMP/before"
# Wait for the journal to have a place other than the top.
deadline=$(( $(date +%s) + 5 ))
until grep -E -q '^m [0-9a-f]+ [ru] ([1-9][0-9]* [0-9]+|0 [1-9][0-9]*)$' \
    "$sdir/journal" 2> /dev/null; do
	[ "$(date +%s)" -ge "$deadline" ] && break
	sleep 0.05
done
kill -9 "$(tm_pid)" 2>/dev/null
tm_exit_status > /dev/null
tm_start 80 24 -- "$SAMPLES"
tm_wait "$(tail -n 1 "$TEST_TMP/before" | sed 's/.*  //')\$"
tm_screen > "$TEST_TMP/after"
# (A blank row at the top is restored as the paragraph after it, as
# after a normal quit: compare the text rows.)
grep -v '^ *$' "$TEST_TMP/before" | head -n 12 > "$TEST_TMP/before.text"
grep -v '^ *$' "$TEST_TMP/after" | head -n 12 > "$TEST_TMP/after.text"
cmp -s "$TEST_TMP/before.text" "$TEST_TMP/after.text"
check $? "after Enter J Space Space and kill -9 the same place is shown"
diff "$TEST_TMP/before.text" "$TEST_TMP/after.text" | sed 's/^/#   /'
tm_keys q
tm_exit_status > /dev/null

# Two instances on one state directory (two terminals, say) lose none of
# each other's read marks: neither a snapshot of one while the other
# runs, nor the other's kill -9 or its own snapshot at the end.
# t_start NAME: starts reader in a second session NAME beside the first.
t_start() {
	rm -f "$TEST_TMP/exit.$1"
	tm kill-session -t "=$1" 2> /dev/null
	tm new-session -d -s "$1" -x 80 -y 24 \
	    "env -i PATH='$PATH' $envs '$READER' '$SAMPLES'; echo \$? > '$TEST_TMP/exit.$1'"
}
# t_wait NAME REGEX: waits until the screen of session NAME matches.
t_wait() {
	deadline=$(( $(date +%s) + 10 ))
	until tm capture-pane -p -t "=$1:" 2> /dev/null | grep -q -e "$2"; do
		if [ "$(date +%s)" -ge "$deadline" ]; then
			echo "# timed out waiting in $1 for: $2"
			tm capture-pane -p -t "=$1:" | sed 's/^/#   |/'
			return 1
		fi
		sleep 0.05
	done
}
# t_gone NAME: waits for reader in session NAME to end.
t_gone() {
	deadline=$(( $(date +%s) + 10 ))
	until [ -s "$TEST_TMP/exit.$1" ] || [ "$(date +%s)" -ge "$deadline" ]; do
		sleep 0.05
	done
}
# in_journal: waits for the journal to have a read mark of the article
# it says was opened last.
in_journal() {
	deadline=$(( $(date +%s) + 5 ))
	until id=$(sed -n 's/^last //p' "$sdir/journal" | tail -n 1) &&
	    [ -n "$id" ] && grep -q "^m $id r" "$sdir/journal"; do
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep 0.05
	done
}
rm -rf "$sdir"
tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
t_start one
t_start two
t_wait one ' Articles: 7' && t_wait two ' Articles: 7'
step $? "two instances run at once"
tm kill-session -t '=0' 2> /dev/null
tm send-keys -t '=one:' Enter
t_wait one '1/7  6 unread'
tm send-keys -t '=two:' j j Enter
t_wait two '3/7  6 unread'
tm send-keys -t '=one:' q
t_gone one
tm send-keys -t '=two:' J
t_wait two '4/7  5 unread'
in_journal
check $? "  after the first quits, the second's next mark is in the journal"
kill -9 "$(tm list-panes -t '=two:' -F '#{pane_pid}' | xargs pgrep -P)" 2> /dev/null
t_gone two
t_start one
t_wait one '  4 unread'
step $? "  and after the second is killed, all three marks are kept"
t_start two
t_wait two '  4 unread'
tm send-keys -t '=one:' Tab g j j j j j Enter
t_wait one '6/7  3 unread'
tm send-keys -t '=two:' Tab g j j j j j j Enter
t_wait two '7/7  3 unread'
tm send-keys -t '=two:' q
t_gone two
tm send-keys -t '=one:' q
t_gone one
t_start one
t_wait one '  2 unread'
step $? "  when both quit, the marks of both are kept"
tm send-keys -t '=one:' q
t_gone one

# A state that is a symbolic link is written through the link.
rm -rf "$sdir"
mkdir -p "$sdir" "$TEST_TMP/dotfiles"
ln -s "$TEST_TMP/dotfiles/reader-state" "$sdir/state"
tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys Enter
tm_wait '6 unread'
tm_keys q
tm_exit_status > /dev/null
[ -L "$sdir/state" ] &&
    grep -q '^m [0-9a-f]* r' "$TEST_TMP/dotfiles/reader-state"
check $? "a state that is a link stays one, and its file is written"

# Ctrl-C: the terminal comes back and the state is saved.
tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys j j Enter G
tm_wait '100%'
tm_keys C-c
expect_eq "$(tm_exit_status)" 130 "Ctrl-C ends reader with status 130"
tm_start 80 24 -- "$SAMPLES"
tm_wait '100%'
step $? "  with the position saved"
tm_keys q
tm_exit_status > /dev/null

finish
