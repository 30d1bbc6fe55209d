# Ctrl-C from the terminal (SIGINT): in the search prompt it cancels the
# prompt, as in less, mutt, w3m and vim; elsewhere it quits with 130.
. "$srcdir/tests/e2e/lib.sh"

tm_start 80 24 -- "$SAMPLES"
tm_wait ' Articles: 7'
tm_keys /
tm_wait '^/'
tm_keys 重点
tm_wait '^/重点' && tm_wait 'Articles matching "重点"'
step $? "the prompt filters the list"
tm_keys C-c
tm_wait_not '^/重点' && tm_wait ' Articles: 7'
step $? "C-c in the prompt cancels it and gives the list back"
tm_alive
step $? "  and reader goes on"
tm_keys j
tm_wait '2/7 '
step $? "  keys work again"
tm_keys C-c
expect_eq "$(tm_exit_status)" 130 "C-c outside a prompt quits (130)"

finish
