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
tm_wait 'nowhere/reader: Not a'
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
TM_WRAP="ulimit -f 0;" tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys j Enter m
tm_wait 'cannot save reading state'
step $? "a full disk gives a warning"
tm_keys j k
tm_wait ' Articles: 7'
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
