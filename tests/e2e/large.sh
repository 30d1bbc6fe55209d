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
tm_wait_e '43m第20000段'
step $? "once complete, text in the middle is found"
tm_keys G
tm_wait '100%' && tm_wait '天津市已获批组建17家全国重点实验室'
step $? "and End is still the end"
tm_keys q
expect_eq "$(tm_exit_status)" 0 "quit"
finish
