# Hostile text in the interface: escape sequences in titles, text and
# file names cannot set the window title, write the clipboard or change
# the screen; a file removed while reader runs gives a message.
. "$srcdir/tests/e2e/lib.sh"

lib=$TEST_TMP/lib
mkdir -p "$lib"
cp "$DATA/escapes.txt" "$DATA/invalid-utf8.txt" "$DATA/rtl.txt" \
    "$DATA/nuls.txt" "$lib/"
cp "$SAMPLES/000_238a0797cdd231de.txt" "$lib/doomed.txt"
: > "$lib/$(printf 'name\033]0;owned\007\033[2J.txt')"

tm_start 100 30 -- "$lib"
tm_wait ' Articles: 5'
title0=$(tm display -p '#{pane_title}')
tm_wait '标题␛\]0;pwned␇带有'
step $? "an escape sequence in a title is shown, not obeyed"
tm_wait 'name␛\]0;owned␇␛\[2J.txt:'
step $? "a file name with escapes is shown safely in a message"
tm_keys / pwned Enter Enter
tm_wait '清屏：␛\[2J␛\[H'
step $? "the text's escape sequences are shown as text"
tm_keys G
tm_wait '100%'
tm_keys g
tm_wait '  0%'
expect_eq "$(tm display -p '#{pane_title}')" "$title0" \
    "the window title is unchanged"
expect_eq "$(tm list-buffers 2>/dev/null | wc -l)" 0 \
    "nothing reached the clipboard (OSC 52)"
tm_screen -e > "$TEST_TMP/screen-e"
if grep -q "$(printf '\033')\]" "$TEST_TMP/screen-e"; then
	check 1 "no raw OSC sequence survives on screen"
else
	check 0 "no raw OSC sequence survives on screen"
fi

tm_keys Tab Escape
tm_wait ' Articles: 5'
n=1
while [ $n -le 5 ]; do
	tm_keys Enter Tab j
	n=$((n + 1))
done
tm_keys Tab
tm_wait ' Articles: 5' && tm_alive
step $? "NUL, broken and RTL files open without trouble"
expect_eq "$(tm display -p '#{pane_title}')" "$title0" \
    "  and the window title is still unchanged"

tm_keys Tab g
tm_wait '1/5 '
row=$(tm_screen | grep -n '天津市已获批组建17家全国重点实验室' | head -1 | cut -d: -f1)
rm "$lib/doomed.txt"
tm_keys / 天津 Enter Enter
tm_wait 'doomed.txt: No such file or directory'
step $? "a file removed while reader runs gives a message"
tm_keys j k
tm_wait ' Articles' && tm_alive
step $? "  and reader goes on"
tm_keys q
expect_eq "$(tm_exit_status)" 0 "quit"
finish
