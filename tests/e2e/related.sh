# Related items: selecting, following one that resolves and one that does
# not, and going back and forward across several hops and a cycle.
. "$srcdir/tests/e2e/lib.sh"

A=天津市已获批组建17家全国重点实验室
B=这家自然资源部重点实验室开放基金,开始申报
selected='42m'		# related_selected: black on green by default

tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys j Enter
tm_wait "^ $A\$"
step $? "the second article opens"

tm_keys ']'
tm_wait_e "${selected}\\[\\*\\] $B"
step $? "] selects the first related item and highlights it"
tm_keys Enter
tm_wait "^ $B\$" && tm_wait '3/7 '
step $? "Enter follows it; the list cursor follows"

tm_keys ']'
tm_wait_e "${selected}\\[\\*\\] $A"
step $? "the new article's first related item is selected"
tm_keys Enter
tm_wait "^ $A\$" && tm_wait '2/7 '
step $? "following back to the first article (a cycle)"
tm_keys ']' Enter
tm_wait "^ $B\$"
step $? "and once more round the cycle"

tm_keys BSpace
tm_wait "^ $A\$"
step $? "Backspace goes back"
tm_wait_e "${selected}\\[\\*\\] $B"
step $? "  with the related item that was selected"
tm_keys BSpace
tm_wait "^ $B\$"
step $? "back again"
tm_keys BSpace
tm_wait "^ $A\$"
step $? "back to the start"
tm_keys BSpace
tm_wait 'nothing to go back to'
step $? "the history ends there"

tm_keys L L L
tm_wait "^ $B\$" && tm_wait '3/7 '
step $? "L goes forward three times"
tm_keys L
tm_wait 'nothing to go forward to'
step $? "and no further"

tm_keys ']' ']' ']' ']'
tm_wait_e "${selected}\\[ \\] 2024年度地质灾害防治开放课题申报指南发布"
step $? "] walks to an item that is not in the library"
tm_keys Enter
tm_wait 'This article is not in the library.'
step $? "following it says so"
tm_wait '^ 2024年度地质灾害防治开放课题申报指南发布$'
step $? "  under the item's title"
tm_wait '2024年度地质灾害防治开放课题申报指南'
tm_keys BSpace
tm_wait "^ $B\$"
step $? "Backspace returns from it"
tm_wait_e "${selected}\\[ \\] 2024年度地质灾害防治"
step $? "  with the item still selected"

tm_keys q
expect_eq "$(tm_exit_status)" 0 "quit"
finish
