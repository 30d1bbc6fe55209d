# Resizing: re-wrapping keeps the same text on top, tiny windows get a
# message, side by side on wide screens, and a burst of resizes is safe.
. "$srcdir/tests/e2e/lib.sh"

A=天津市已获批组建17家全国重点实验室

tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys j Enter
tm_wait "^ $A\$"
tm_keys j j j j j j j j
tm_wait_not '  0%$'
first=$(tm_screen | sed -n 9p)
key=$(printf '%s' "$first" | cut -c1-6)

tm resize-window -x 60 -y 20
tm_wait "^ $A\$" && tm_wait '^ Articles: 7'
tm_screen | sed -n '8,9p' > "$TEST_TMP/top"
if grep -q -F -- "$key" "$TEST_TMP/top"; then
	check 0 "after a resize the same text is at the top"
else
	check 1 "after a resize the same text is at the top"
	echo "# wanted '$key' (from '$first') in:"
	sed 's/^/#   /' "$TEST_TMP/top"
fi
wmax=$(tm_screen | wc -L)
check $([ "$wmax" -le 60 ] && echo 0 || echo 1) "nothing drawn past 60 columns ($wmax)"

tm resize-window -x 15 -y 4
tm_wait 'Terminal too'
step $? "a tiny window shows a short message"
tm resize-window -x 1 -y 1
tm resize-window -x 80 -y 24
tm_wait "^ $A\$" && tm_wait '^ Articles: 7'
step $? "enlarged again, it draws the panes"

tm resize-window -x 200 -y 50
tm_wait "^ Articles: 7 *│ $A"
step $? "at 200 columns the panes stand side by side"
tm_wait_e '│'
i=0
while [ $i -lt 20 ]; do
	tm resize-window -x $((40 + i * 7)) -y $((10 + i))
	i=$((i + 1))
done
tm resize-window -x 100 -y 30
tm_wait "^ Articles: 7 *│ $A"
step $? "after a burst of resizes it is still right"

# A hundred resizes as fast as tmux can send them.
start=$(date +%s%N)
i=0
while [ $i -lt 100 ]; do
	tm resize-window -x $((20 + (i * 37) % 180)) -y $((5 + (i * 13) % 45))
	i=$((i + 1))
done
echo "# 100 resizes in $(( ($(date +%s%N) - start) / 1000000 )) ms"
tm resize-window -x 80 -y 24
tm_wait "^ $A\$" && tm_wait '^ Articles: 7'
step $? "after 100 resizes in a row it draws right"
tm_keys j
tm_wait_change
step $? "  and still takes keys"

tm_keys q
expect_eq "$(tm_exit_status)" 0 "quit"
# After each resize the screen equals a fresh redraw (Ctrl-L): no cell
# kept from the old size, no wide character's half blanked, no … lost.
tm_start 80 24 XDG_STATE_HOME="$TEST_TMP/fresh" -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys j Enter
tm_wait "^ $A\$"
# settled: waits until the screen has not changed for three looks.
settled() {
	deadline=$(( $(date +%s) + 10 ))
	tm_screen -e > "$TEST_TMP/prev"
	same=0
	while [ $same -lt 3 ] && [ "$(date +%s)" -lt "$deadline" ]; do
		sleep 0.05
		tm_screen -e > "$TEST_TMP/now"
		# The status line on the last row: drawn at the new size.
		if cmp -s "$TEST_TMP/prev" "$TEST_TMP/now" &&
		    grep -q 'Articles: 7' "$TEST_TMP/now" &&
		    tail -n 1 "$TEST_TMP/now" | grep -q '[0-9]/7 '; then
			same=$((same + 1))
		else
			same=0
		fi
		mv "$TEST_TMP/now" "$TEST_TMP/prev"
	done
	# Blank cells' attributes (bold spaces) do not show; compare text.
	sed 's/\x1b\[[0-9;]*m//g; s/ *$//' "$TEST_TMP/prev" > "$1"
}
# changed FILE: waits until the screen differs from FILE.
changed() {
	deadline=$(( $(date +%s) + 10 ))
	while tm_screen -e | cmp -s - "$1"; do
		[ "$(date +%s)" -ge "$deadline" ] && break
		sleep 0.05
	done
}
bad=0
i=1
while [ $i -le 12 ]; do
	x=$(( 45 + (i * 53) % 156 ))
	y=$(( 15 + (i * 17) % 36 ))
	tm resize-window -x $x -y $y
	settled "$TEST_TMP/resized"
	# Ctrl-L, then Tab twice (the focused pane's heading changes each
	# time): once the second is seen, the redraw has been done.
	tm_keys C-l Tab
	changed "$TEST_TMP/resized"
	settled "$TEST_TMP/tab"
	tm_keys Tab
	changed "$TEST_TMP/tab"
	settled "$TEST_TMP/redrawn"
	if ! cmp -s "$TEST_TMP/resized" "$TEST_TMP/redrawn"; then
		bad=$((bad + 1))
		echo "# at ${x}x$y the screen differs from a redraw:"
		diff "$TEST_TMP/resized" "$TEST_TMP/redrawn" | head -${DIFFN:-4} |
		    cat -v | cut -c1-150 | sed 's/^/#   /'
	fi
	i=$((i + 1))
done
expect_eq "$bad" 0 "after each of 12 resizes the screen equals a redraw"
tm_keys q
tm_exit_status > /dev/null

finish
