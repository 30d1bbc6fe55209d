# Wide text side by side: Chinese, Japanese, mixed Latin and combining
# marks keep the pane border in one column on every row, and no row is
# wider than the terminal.
. "$srcdir/tests/e2e/lib.sh"

# aligned COLUMN: every row with the border has it at COLUMN.
aligned() {
	tm_screen > "$TEST_TMP/s"
	bad=0
	while IFS= read -r line; do
		case $line in *│*) ;; *) continue ;; esac
		prefix=${line%%│*}
		w=$(printf '%s' "$prefix" | wc -L)
		if [ "$w" -ne "$1" ]; then
			echo "# border at $w, not $1: $line"
			bad=1
		fi
	done < "$TEST_TMP/s"
	[ "$(wc -L < "$TEST_TMP/s")" -le 120 ] || bad=1
	return $bad
}

tm_start 120 30 -- "$DATA/japanese.txt" "$DATA/cjk.txt" "$DATA/latin.txt" \
    "$DATA/combining.txt" "$DATA/ambiguous.txt" "$DATA/long-title.txt"
tm_wait ' Articles: 6'
aligned 39
step $? "the list of wide titles keeps the border in column 39"
n=1
while [ $n -le 6 ]; do
	if [ $n -eq 1 ]; then tm_keys Enter; else tm_keys J; fi
	tm_wait "^ Articles: 6 *│" && tm_wait "$n/6 "
	aligned 39
	step $? "article $n: every row keeps the border in place"
	tm_keys G
	tm_wait '100%'
	aligned 39
	step $? "article $n, at its end too"
	n=$((n + 1))
done
tm_keys q
expect_eq "$(tm_exit_status)" 0 "quit"
finish
