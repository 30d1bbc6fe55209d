# Extreme inputs, made on the fly: a 20 MB file that is one line, 10,000
# tiny paragraphs, 5,000 related items, a 10,000-character title, a
# directory of 5,000 files, an unreadable file. Each ends normally with
# the output it should have.
. "$srcdir/tests/dump/lib.sh"

T=$TEST_TMP
controls() {
	control_lines "$1" | wc -l
}

# One line of 20 MB: Chinese sentences without a newline.
awk 'BEGIN { s = "这是一个没有换行的超长段落，用来测试分块排版。"; \
    for (i = 0; i < 300000; i++) printf "%s", s }' > "$T/oneline.txt"
"$READER" --no-config --dump --width 80 "$T/oneline.txt" > "$T/out" 2> "$T/err"
expect_eq "$?" 0 "a 20 MB single line: --dump ends normally"
expect_eq "$(wc -L < "$T/out")" 80 "  every line within 80 columns"
# The first 1,000 columns are also the title; the body follows a blank.
expect_eq "$(sed '1,/^$/d' "$T/out" | tr -d '\n' | wc -c)" \
    "$(wc -c < "$T/oneline.txt")" "  and no byte of it lost"

# A 3 MB article is cleaned on two threads, which meet at a newline near
# its middle: in any encoding, the text comes out as from one.
awk 'BEGIN { print "三兆的文章"; for (i = 0; i < 70000; i++) \
    printf "\n\t第%d段：中文、English\tand 表格。\r\n", i }' > "$T/big.txt"
"$READER" --no-config --dump --width 40 "$T/big.txt" > "$T/big.out"
expect_eq "$(grep -c "^ *第[0-9]*段：中文、English" "$T/big.out")" 70000 \
    "a 3 MB article: every paragraph shown"
expect_eq "$(grep -c "$(printf '\357\277\275')" "$T/big.out")" 0 \
    "  no character broken where the threads meet"
iconv -f UTF-8 -t GB18030 "$T/big.txt" > "$T/big-gb.txt"
(printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$T/big.txt") > "$T/big-16.txt"
(printf '\357\273\277'; cat "$T/big.txt") > "$T/big-bom.txt"
for e in gb 16 bom; do
	"$READER" --no-config --dump --width 40 "$T/big-$e.txt" > "$T/out"
	cmp -s "$T/out" "$T/big.out"
	check $? "  the same in $e"
done

awk 'BEGIN { print "一万个小段落"; for (i = 0; i < 10000; i++) \
    printf "\n第%d段。\n", i }' > "$T/paras.txt"
"$READER" --no-config --dump --width 40 "$T/paras.txt" > "$T/out"
expect_eq "$(grep -c '^第[0-9]*段。$' "$T/out")" 10000 "10,000 tiny paragraphs all shown"

awk 'BEGIN { print "发布时间:2024-01-01 00:00 原文链接: 五千条相关文章"; \
    print "\n正文。\n\n相关文章\n"; for (i = 0; i < 5000; i++) \
    printf "相关标题%d\n\n摘要%d......\n\n", i, i }' > "$T/related.txt"
"$READER" --no-config --dump --width 60 "$T/related.txt" > "$T/out"
expect_eq "$(grep -c '^\[ \] 相关标题' "$T/out")" 5000 "5,000 related items all shown"

# 160,000 related items (5 MB): the repeats go in one pass, not one
# comparison with every item kept (that took seconds). The time grows
# with the items as a line does: eight times the items, not sixty-four
# times the time. (Quick stack traces for the sanitizer build's mallocs.)
related() {
	awk -v n="$1" 'BEGIN { print "发布时间:2024-01-01 00:00 原文链接: 十六万条相关文章"; \
	    print "\n正文。\n\n相关文章\n"; print "十六万条相关文章\n\n自己\n"; \
	    for (i = 0; i < n; i++) printf "标题%d\n\n摘要%d\n\n", i, i; \
	    print "标题7\n\n又一次\n" }' > "$T/rel$1.txt"
}
timed() {
	start=$(date +%s%N)
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=1" \
	    "$READER" --no-config --dump --width 60 "$1" > "$T/out"
	echo $(( ($(date +%s%N) - start) / 1000000 + 1 ))
}
related 20000
related 160000
small=$(timed "$T/rel20000.txt")
large=$(timed "$T/rel160000.txt")
expect_eq "$(grep -c '^\[ \] 标题' "$T/out")" 160000 \
    "160,000 related items: each shown once, the article itself not"
check $([ "$large" -lt $((small * 24)) ] && echo 0 || echo 1) \
    "  in time that grows as the items do (20,000: $small ms, 160,000: $large ms)"
rm "$T/rel20000.txt"

awk 'BEGIN { printf "发布时间:2024-01-01 00:00 原文链接: "; \
    for (i = 0; i < 10000; i++) printf "长"; print "\n\n正文。" }' > "$T/title.txt"
"$READER" --no-config --list --width 50 "$T/title.txt" > "$T/out"
w=$(wc -L < "$T/out")
check $([ "$w" -le 50 ] && [ "$w" -ge 49 ] && echo 0 || echo 1) \
    "a 10,000-character title is cut to the list's width ($w of 50)"
expect_match "$T/out" '…$' "  with an ellipsis"
"$READER" --no-config --dump --width 30 "$T/title.txt" > "$T/out"
expect_eq "$(wc -L < "$T/out")" 30 "  and wraps in the reading pane"

mkdir "$T/many"
i=0
while [ $i -lt 5000 ]; do
	printf '文章%d\n\n正文。\n' $i > "$T/many/$i.txt"
	i=$((i + 1))
done
"$READER" --no-config --list --width 60 "$T/many" > "$T/out"
expect_eq "$(wc -l < "$T/out")" 5000 "a directory of 5,000 files lists them all"

cp "$SAMPLES/000_238a0797cdd231de.txt" "$T/many/zz.txt"
# (Root reads any file: then it runs as an unprivileged user.)
if as=$(unprivileged); then
	open_tmp
	chmod 000 "$T/many/zz.txt"
	$as "$READER" --no-config --list "$T/many" > "$T/out" 2> "$T/err"
	expect_eq "$?" 1 "an unreadable file makes the exit status 1"
	expect_match "$T/err" 'zz.txt: Permission denied' "  and is named"
	chmod 644 "$T/many/zz.txt"
else
	skip "no unprivileged user to run as: unreadable file"
fi

for f in "$T"/*.txt; do
	"$READER" --no-config --dump --width 17 "$f" > "$T/out" 2>&1
	expect_eq "$(controls "$T/out")" 0 "$(basename "$f"): no control characters"
done
finish
