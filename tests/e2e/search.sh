# Search: titles in the list (incremental, narrowing; Esc restores) and
# text in the reading pane (highlighted; n and N), for CJK and Latin.
. "$srcdir/tests/e2e/lib.sh"

match='4[35]m'	# search_match (yellow) or search_current (magenta)

tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys / 重
tm_wait '^/重' && tm_wait 'Articles matching "重": 6 of 7'
step $? "the list narrows as a CJK search is typed"
tm_keys 点实验室
tm_wait 'Articles matching "重点实验室": 6 of 7'
step $? "  and keeps narrowing"
tm_wait_e "${match}重点实验室"
step $? "  the match is highlighted in the titles"
tm_keys Escape
tm_wait ' Articles: 7$'
step $? "Esc restores the whole list"

tm_keys / 深理工 Enter
tm_wait 'Articles matching "深理工": 1 of 7' && tm_wait '1 article matches'
step $? "Enter keeps the narrowed list"
tm_keys Enter
tm_wait '^ 深理工获批建设广东省算力微电子重点实验室$'
step $? "the match opens"
tm_keys Tab Escape
tm_wait ' Articles: 7$'
step $? "Esc in the list clears the filter"
tm_wait '^  2024-04-11  深理工'
step $? "  with the cursor still on the open article"

tm_keys Tab / risc-v Enter
tm_wait_e "${match}RISC-V"
step $? "text search in the reading pane ignores Latin case"
tm_keys / 芯片 Enter
tm_wait_e "${match}芯片"
step $? "a CJK word is found without word boundaries"
# From the first match, as many n as there are matches wrap around.
total=$("$READER" --dump --width 2000 "$SAMPLES/003_de0b9768b39d0927.txt" "$SAMPLES" |
    grep -o 芯片 | wc -l)
i=0
while [ $i -lt "$total" ]; do
	tm_keys n
	i=$((i + 1))
done
tm_wait 'search wrapped around'
step $? "n goes through the $total matches and wraps at the end"
tm_keys N
tm_wait_e "${match}芯片"
step $? "N goes back"
tm_keys / 没有这个词 Enter
tm_wait 'not found: 没有这个词'
step $? "a missing word is reported"

tm_keys q
expect_eq "$(tm_exit_status)" 0 "quit"
finish
