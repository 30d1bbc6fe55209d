# The command line: options, exit statuses, messages, --list, widths.
. "$srcdir/tests/dump/lib.sh"

T=$TEST_TMP
sample=$SAMPLES/000_238a0797cdd231de.txt

"$READER" --help > "$T/out" 2>&1
check $? "--help exits 0"
expect_match "$T/out" '^Usage: reader \[OPTION\]... \[PATH\]...' "--help shows usage"
"$READER" --version > "$T/out" 2>&1
check $? "--version exits 0"
expect_match "$T/out" '^reader [0-9]' "--version names the program"

"$READER" --no-such-option > "$T/out" 2>&1
expect_eq "$?" 2 "an unknown option is misuse (2)"
expect_match "$T/out" "Try 'reader --help'" "and points at --help"
"$READER" --dump --width abc "$sample" > "$T/out" 2>&1
expect_eq "$?" 2 "a bad width is misuse"
expect_match "$T/out" "invalid width 'abc'" "naming the bad value"
"$READER" --dump --width 3 "$sample" > /dev/null 2>&1
expect_eq "$?" 2 "a width below 4 is misuse"
"$READER" --dump --ambiguous-width 3 "$sample" > /dev/null 2>&1
expect_eq "$?" 2 "ambiguous width must be 1 or 2"
"$READER" --dump > "$T/out" 2>&1
expect_eq "$?" 2 "--dump without a file is misuse"
"$READER" --dump "$SAMPLES" > "$T/out" 2>&1
expect_eq "$?" 2 "--dump of a directory is misuse"
expect_match "$T/out" "is a directory" "and says why"

"$READER" --list /nonexistent/dir > "$T/out" 2> "$T/err"
expect_eq "$?" 1 "a missing path exits 1"
expect_match "$T/err" '^reader: /nonexistent/dir: No such file or directory$' \
    "with 'reader: PATH: reason'"
: > "$T/empty.txt"
"$READER" --dump "$T/empty.txt" > "$T/out" 2> "$T/err"
expect_eq "$?" 1 "dumping an empty file exits 1"
expect_match "$T/err" "empty.txt: empty file" "saying it is empty"
expect_eq "$(wc -c < "$T/out")" 0 "  and printing nothing"
mkdir "$T/nothing"
"$READER" --list "$T/nothing" > "$T/out" 2> "$T/err"
expect_eq "$?" 1 "a directory of nothing exits 1"
expect_match "$T/err" "nothing: no articles found" "saying so"

# A library with problems still lists what it can read.
mkdir -p "$T/lib/sub"
cp "$sample" "$T/lib/"
ln -s missing "$T/lib/dangling.txt"
ln -s .. "$T/lib/sub/up"
timeout 10 "$READER" --list --width 60 "$T/lib" > "$T/out" 2> "$T/err"
expect_eq "$?" 1 "a broken link makes the exit status 1"
expect_match "$T/out" "天津市已获批组建17家全国重点实验室" "but the article is listed"
expect_match "$T/err" "dangling.txt: No such file or directory" "the link is named"
expect_match "$T/err" "up: symbolic link to a directory already read" "the loop is reported"

"$READER" --list --width 40 "$SAMPLES" > "$T/out"
check $? "--list of the samples"
expect_eq "$(wc -l < "$T/out")" "$(ls "$SAMPLES"/*.txt | wc -l)" "one line an article"
expect_eq "$(wc -L < "$T/out")" 40 "the widest line is 40 columns"
expect_eq "$(sort -r "$T/out" | head -1)" "$(head -1 "$T/out")" "newest first"

"$READER" --dump "$sample" "$SAMPLES" > "$T/out"
check $? "--dump with the library for related items"
expect_eq "$(wc -L < "$T/out")" 80 "80 columns when stdout is not a terminal"
expect_match "$T/out" '^\[\*\] 西北工业大学揭牌无人飞行器技术全国重点实验室' \
    "a related item in the library is marked"
"$READER" --dump "$sample" > "$T/out"
expect_match "$T/out" '^\[ \] 西北工业大学' "without the library it is not"
if grep -q '^\[.\] 天津市已获批组建17家全国重点实验室' "$T/out"; then
	check 1 "the article's own title is dropped from its related items"
else
	check 0 "the article's own title is dropped from its related items"
fi
expect_eq "$(grep -c '一教育部重点实验室开放开放基金课题指南' "$T/out")" 1 \
    "a duplicate related item collapses to one"

printf '发布时间:2024-01-01 00:00 原文链接: 引号\n\n“一二三四五六七八”\n' > "$T/amb.txt"
a1=$("$READER" --dump --width 11 "$T/amb.txt" | tail -2 | head -1)
a2=$("$READER" --dump --width 11 --ambiguous-width 2 "$T/amb.txt" | tail -2 | head -1)
expect_eq "$a1" "“一二三四五" "ambiguous quotes are narrow by default"
expect_eq "$a2" "“一二三四" "and wide with --ambiguous-width 2"

# Output errors are reported; a closed pipe ends quietly.
"$READER" --dump "$sample" > /dev/full 2> "$T/err"
expect_eq "$?" 1 "a write error exits 1"
expect_match "$T/err" "write error" "and is reported"
{
	echo "长文章"
	i=0
	while [ $i -lt 3000 ]; do
		echo
		echo "第${i}段。这是一段用来测试管道提前关闭的文字，内容足够长。"
		i=$((i + 1))
	done
} > "$T/long.txt"
"$READER" --dump "$T/long.txt" 2> "$T/err" | head -n 1 > /dev/null
expect_eq "$(cat "$T/err")" "" "--dump | head ends without a message"

finish
