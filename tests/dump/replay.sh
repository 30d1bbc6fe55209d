# Directories unchanged since the header index was written are not read
# again: a second start asks each file for its size and mtime by the name
# the index gives. Any change in them still shows.
. "$srcdir/tests/dump/lib.sh"

lib=$TEST_TMP/lib
other=$TEST_TMP/other
empty=$TEST_TMP/empty
mkdir -p "$lib/sub" "$other" "$empty"
cp "$SAMPLES"/*.txt "$lib/"
mv "$lib/003_de0b9768b39d0927.txt" "$lib/sub/"
mv "$lib/005_50b781374121d73d.txt" "$other/"
ln -s ../other "$lib/link"
list() { "$READER" --no-config --list --width 100 "$lib" 2>&1; }
# The index's flags (at byte 48): 1 when it vouches for the directories.
flags() { od -A n -t u8 -j 48 -N 8 "$XDG_CACHE_HOME"/reader/index-* |
    tr -d ' '; }
# A directory's times are trusted a while after its last change: waits,
# for at most 10 seconds, until every directory's is 4 seconds old.
settle() {
	i=0
	while [ $i -lt 100 ]; do
		now=$(date +%s)
		young=0
		for d in "$lib" "$lib/sub" "$other" "$empty"; do
			[ $((now - $(stat -c %Z "$d"))) -ge 4 ] || young=1
		done
		[ $young -eq 0 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# dirs_read FILE: how many times the last run under strace read a
# directory.
have_strace=false
command -v strace > /dev/null && strace -o /dev/null true 2> /dev/null &&
    have_strace=true
traced() {
	if $have_strace; then
		# (LeakSanitizer cannot work under a tracer.)
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		    strace -f -e trace=getdents64 -o "$TEST_TMP/trace" \
		    "$READER" --no-config --list --width 100 "$lib" 2>&1
	else
		list
	fi
}
dirs_read() {
	if $have_strace; then
		grep -c 'getdents64(' "$TEST_TMP/trace"
	else
		echo "$1"
	fi
}

want=$(list)
expect_eq "$(echo "$want" | wc -l)" 7 "a library in three directories lists 7"
expect_eq "$(flags)" 0 \
    "an index written just after a change does not vouch for the directories"
settle
check $? "  (the directories' times are old enough)"
expect_eq "$(list)" "$want" "once they are older, the list is the same"
expect_eq "$(flags)" 1 "  and the index, written again, vouches for them"

expect_eq "$(traced)" "$want" "a second start lists the same"
expect_eq "$(dirs_read 0)" 0 "  without reading any directory"

# A directory without articles, unchanged: said so each time.
for i in 1 2 3; do
	"$READER" --no-config --list "$empty" > /dev/null 2> "$TEST_TMP/err"
	rc=$?
done
expect_eq "$rc" 1 "an unchanged directory without articles, a third time: status 1"
expect_match "$TEST_TMP/err" 'no articles found' "  and says why"

# Written in place: the same file, so no directory changes.
f=$lib/004_f3691218dbe9a3be.txt
sed 's/原文链接: 四川公示拟新建省重点实验室/原文链接: 四川公示了一批省重点实验室/' \
    "$f" > "$TEST_TMP/changed"
cat "$TEST_TMP/changed" > "$f"
traced > "$TEST_TMP/out"
expect_match "$TEST_TMP/out" '  四川公示了一批省重点实验室$' \
    "a file changed in place is read again"
expect_eq "$(dirs_read 0)" 0 "  still without reading a directory"
expect_eq "$(flags)" 1 "  and the index still vouches for them"

cp "$lib/sub/003_de0b9768b39d0927.txt" "$other/copy.txt"
sed -i 's/^发布时间:[^ ]*/发布时间:2025-02-02/; s/原文链接: .*/原文链接: 链接下的新文章/' \
    "$other/copy.txt"
list > "$TEST_TMP/out"
expect_match "$TEST_TMP/out" '链接下的新文章$' \
    "a file added under a linked directory is found"
expect_eq "$(wc -l < "$TEST_TMP/out")" 8 "  (8 articles)"

printf '发布时间:2025-01-01 00:00 原文链接: 新来的文章\n\n正文。\n' \
    > "$lib/sub/new.txt"
rm "$lib/001_06e78c0a289a64cd.txt"
traced > "$TEST_TMP/out"
expect_match "$TEST_TMP/out" '^2025-01-01  新来的文章$' \
    "a file added to a subdirectory is found"
if grep -q '开放基金' "$TEST_TMP/out"; then
	check 1 "  and a removed one is gone"
else
	check 0 "  and a removed one is gone"
fi
check $([ "$(dirs_read 1)" -gt 0 ] && echo 0 || echo 1) \
    "  the changed directories being read"

finish
