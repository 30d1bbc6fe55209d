# Directories unchanged since the header index was written are not read
# again: a second start asks each file for its size and mtime by the name
# the index gives. Any change in them still shows.
. "$srcdir/tests/dump/lib.sh"

lib=$TEST_TMP/lib
# A directory of the library reached only through a link.
other=$TEST_TMP/lib/.other
empty=$TEST_TMP/empty
lib2=$TEST_TMP/lib2
mkdir -p "$lib/sub" "$empty" "$lib2"
cp "$SAMPLES/000_238a0797cdd231de.txt" "$lib2/"
ln -s "$SAMPLES/003_de0b9768b39d0927.txt" "$lib2/linked.txt"
cp "$SAMPLES"/*.txt "$lib/"
mv "$lib/003_de0b9768b39d0927.txt" "$lib/sub/"
mkdir "$other"
mv "$lib/005_50b781374121d73d.txt" "$other/"
ln -s .other "$lib/link"
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
		for d in "$lib" "$lib/sub" "$other" "$empty" "$lib2"; do
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
# Without strace the reads are not counted, and the test ends as a skip.
have_strace=false
command -v strace > /dev/null && strace -o /dev/null true 2> /dev/null &&
    have_strace=true
$have_strace || skip "strace does not run here: directory reads not counted"
traced() {
	if $have_strace; then
		# (LeakSanitizer cannot work under a tracer.)
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		    strace -f -y -e trace=getdents64 -o "$TEST_TMP/trace" \
		    "$READER" --no-config --list --width 100 "$lib" 2>&1
	else
		list
	fi
}
dirs_read() {
	if $have_strace; then
		# (Not the cache's: writing an index looks for stale
		# temporary files there.)
		grep 'getdents64(' "$TEST_TMP/trace" |
		    grep -v -c -F "<$XDG_CACHE_HOME"
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
	XDG_CACHE_HOME=$TEST_TMP/cache3 "$READER" --no-config --list \
	    "$empty" > /dev/null 2> "$TEST_TMP/err"
	rc=$?
done
expect_eq "$rc" 1 "an unchanged directory without articles, a third time: status 1"
expect_match "$TEST_TMP/err" 'no articles found' "  and says why"

# A name in the index that would lead out of the library (only damage
# makes one): the index's checksum no longer matches, so it is not used.
index=$(echo "$XDG_CACHE_HOME"/reader/index-*)
cp "$index" "$TEST_TMP/index.good"
slen=$(od -A n -t u8 -j 56 -N 8 "$index" | tr -d ' ')
first=$(od -A n -t u4 -j $((72 + 40)) -N 4 "$index" | tr -d ' ')
printf / | dd of="$index" bs=1 seek=$(($(stat -c %s "$index") - slen + first)) \
    conv=notrunc status=none
"$READER" --no-config --list --width 100 "$lib" > "$TEST_TMP/out" \
    2> "$TEST_TMP/err"
expect_eq "$(cat "$TEST_TMP/err")" "" \
    "a damaged name in the index: the index is not used"
expect_eq "$(cat "$TEST_TMP/out")" "$want" "  and the library is listed"
cp "$TEST_TMP/index.good" "$index"

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

# A name made and removed again: the directory's times changed, so it is
# read; once they are old enough, the index vouches for it again.
touch "$lib/.tmp" && rm "$lib/.tmp"
settle
expect_eq "$(list)" "$(cat "$TEST_TMP/out")" \
    "after a brief change the directory is read again"
expect_eq "$(flags)" 1 "  and the index vouches for it again"
expect_eq "$(traced)" "$(cat "$TEST_TMP/out")" "  so the next start"
expect_eq "$(dirs_read 0)" 0 "  reads no directory"

cp "$lib/sub/003_de0b9768b39d0927.txt" "$other/copy.txt"
sed -i 's/^发布时间:[^ ]*/发布时间:2025-02-02/; s/原文链接: .*/原文链接: 链接下的新文章/' \
    "$other/copy.txt"
list > "$TEST_TMP/out"
expect_match "$TEST_TMP/out" '链接下的新文章$' \
    "a file added under a linked directory is found"
expect_eq "$(wc -l < "$TEST_TMP/out")" 8 "  (8 articles)"

# A file reached through a symbolic link can change with no directory of
# the library: such a library's index never vouches for its directories.
XDG_CACHE_HOME=$TEST_TMP/cache2 "$READER" --no-config --list "$lib2" \
    > "$TEST_TMP/out2"
expect_eq "$(wc -l < "$TEST_TMP/out2")" 2 "a library with a linked file lists 2"
XDG_CACHE_HOME=$TEST_TMP/cache2 flags > "$TEST_TMP/flags"
expect_eq "$(cat "$TEST_TMP/flags")" 0 \
    "a library with a linked file: the index does not vouch for it"

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
