# A large article opens with its start at once; End shows its end at
# once (read on its own); Home comes back; when the keyboard rests, the
# whole article comes in and the place is kept.
. "$srcdir/tests/e2e/lib.sh"

f=$TEST_TMP/large.txt
awk 'BEGIN { print "发布时间:2024-06-01 12:00 原文链接: 很长的文章"; \
    for (i = 0; i < 40000; i++) \
        printf "\n  第%d段。这一段用来把文章撑到两兆字节左右。\n", i; \
    print "\n\n相关文章\n\n天津市已获批组建17家全国重点实验室\n\n京津冀......" }' > "$f"

tm_start 80 24 -- "$f"
tm_wait '^  第0段。'
step $? "the start shows at once"
tm_keys G
tm_wait '100%' && tm_wait '^\[ \] 天津市已获批组建17家全国重点实验室'
step $? "End shows the end and its related items"
tm_wait '^  第39999段。\|^  第3999[0-9]段。'
step $? "  with the last paragraphs"
tm_keys g
tm_wait '^  第0段。' && tm_wait '  0%'
step $? "Home goes back to the start"
tm_keys G
tm_wait '100%'
# Resting now: the whole article comes in and End stays the end.
tm_keys / 第20000段 Enter
tm_wait_e '45m第20000段'
step $? "once complete, text in the middle is found"
tm_keys G
tm_wait '100%' && tm_wait '天津市已获批组建17家全国重点实验室'
step $? "and End is still the end"
tm_keys q
expect_eq "$(tm_exit_status)" 0 "quit"

# The place is kept across runs, deep in the article: the next run reads
# as much of the start as it takes to get there.
tm_start 80 24 XDG_STATE_HOME="$TEST_TMP/deep" -- "$f"
tm_wait '^  第0段。'
tm_keys / 第30000段 Enter
tm_wait_e '45m第30000段'
tm_keys Escape
tm_wait_not_e '45m第30000段'
# (q apart from Escape: together they would be Alt-q.)
tm_keys q
expect_eq "$(tm_exit_status)" 0 "a place deep in the article, then quit"
tm_start 80 24 XDG_STATE_HOME="$TEST_TMP/deep" -- "$f"
tm_wait '^  第30000段。'
step $? "  the next run opens there"
tm_keys q
tm_exit_status > /dev/null

# Long paragraphs in a tall, wide window: its first screen needs more than
# the article's first part, and is full all the same (a paragraph is six
# rows and a blank one, so of the last two rows one is text); paging on
# past that part goes on the same way.
g=$TEST_TMP/long-paragraphs.txt
awk 'BEGIN { print "发布时间:2024-06-01 12:00 原文链接: 长段落"; \
    for (i = 0; i < 2000; i++) { printf "\n第%d段", i; \
        for (j = 0; j < 148; j++) printf "测试文字"; print "" } }' > "$g"
full() {
	tm_screen > "$TEST_TMP/tall"
	sed -n '69,70p' "$TEST_TMP/tall" | grep -q '测试文字'
}
tm_start 200 70 XDG_STATE_HOME="$TEST_TMP/tall-state" -- "$g"
tm_wait '^第0段'
full
check $? "a 200x70 window is full of text at once"
for k in 1 2 3 4 5 6 7 8; do
	tm_keys Space
done
tm_wait_not '^第0段'
tm_wait '^第[1-9][0-9]*段'
full
check $? "  and stays full while paging on, past the first part"
tm_keys q
expect_eq "$(tm_exit_status)" 0 "  q quits"
finish
