# The header index under $XDG_CACHE_HOME/reader: made on the first load,
# used on the next, and never stale: a changed, removed or added file,
# or a damaged index, still gives the right list.
. "$srcdir/tests/dump/lib.sh"

lib=$TEST_TMP/lib
mkdir -p "$lib/sub"
cp "$SAMPLES"/*.txt "$lib/"
mv "$lib/003_de0b9768b39d0927.txt" "$lib/sub/"
list() { "$READER" --no-config --list --width 100 "$lib" 2>&1; }

# (With an index of its own: the one under test is the library's alone.)
want=$(cd "$TEST_TMP" && XDG_CACHE_HOME=$TEST_TMP/other "$READER" \
    --no-config --list --width 100 "$SAMPLES")
expect_eq "$(list)" "$want" "the first load lists the library"
set -- "$XDG_CACHE_HOME"/reader/index-*
check $([ $# -eq 1 ] && [ -f "$1" ] && echo 0 || echo 1) \
    "and leaves an index in XDG_CACHE_HOME"
index=$1
expect_eq "$(head -c 14 "$index")" "reader-index 6" "the index is versioned"
expect_eq "$(list)" "$want" "the second load, from the index, lists the same"

sed -i 's/原文链接: 四川公示拟新建省重点实验室/原文链接: 四川公示了一批新的省重点实验室/' \
    "$lib/004_f3691218dbe9a3be.txt"
list > "$TEST_TMP/out"
expect_match "$TEST_TMP/out" '2024-04-16  四川公示了一批新的省重点实验室$' "a changed file is read again"
if grep -q '四川公示拟新建省重点实验室$' "$TEST_TMP/out"; then
	check 1 "  and its old title is gone"
else
	check 0 "  and its old title is gone"
fi

rm "$lib/sub/003_de0b9768b39d0927.txt"
printf '发布时间:2025-01-01 00:00 原文链接: 新来的文章\n\n正文。\n' > "$lib/new.txt"
list > "$TEST_TMP/out"
expect_eq "$(wc -l < "$TEST_TMP/out")" 7 "a removed file goes, an added one comes"
expect_match "$TEST_TMP/out" '^2025-01-01  新来的文章$' "  the new one is listed"
if grep -q '深理工' "$TEST_TMP/out"; then
	check 1 "  the removed one is not"
else
	check 0 "  the removed one is not"
fi

# Same size and a restored mtime: only the content differs.
f=$lib/001_06e78c0a289a64cd.txt
stamp=$(stat -c %Y "$f")
sed -i 's/开放基金,开始申报/开放基金,正式申报/' "$f"
touch -d "@$((stamp + 1))" "$f"
expect_match "$(list > "$TEST_TMP/out"; echo "$TEST_TMP/out")" '正式申报' \
    "a change with a new mtime is seen"

# Temporary files left by a reader killed while writing the index are
# removed when an index is next written; one another reader may be
# writing now (a young one) stays, and so does anything else.
cache=$XDG_CACHE_HOME/reader
head -c 4096 /dev/zero > "$cache/index-0123456789abcdef.Ab12Cd"
head -c 4096 /dev/zero > "$cache/index-0123456789abcdef.Xy34Zw"
echo note > "$cache/index-notes.txt1"
touch -d '-1 hour' "$cache/index-0123456789abcdef.Ab12Cd" "$cache/index-notes.txt1"
printf '发布时间:2025-01-02 00:00 原文链接: 又一篇\n\n正文。\n' > "$lib/another.txt"
# (reader ends once its index is written.)
list > /dev/null
check $([ ! -e "$cache/index-0123456789abcdef.Ab12Cd" ] && echo 0 || echo 1) \
    "a stale temporary index file is removed"
check $([ -e "$cache/index-0123456789abcdef.Xy34Zw" ] && echo 0 || echo 1) \
    "  a young one is kept"
check $([ -e "$cache/index-notes.txt1" ] && echo 0 || echo 1) \
    "  and so is another file"
rm "$lib/another.txt" "$cache/index-0123456789abcdef.Xy34Zw" "$cache/index-notes.txt1"

# Damage of every kind: each time the list is still right, and the index
# is written again whole.
good=$TEST_TMP/index.good
list > /dev/null
cp "$index" "$good"
size=$(stat -c %s "$good")
damage() {
	what=$1
	shift
	cp "$good" "$index"
	"$@"
	! cmp -s "$index" "$good"
	check $? "$what: (the damage is done)"
	expect_eq "$(list)" "$(cat "$TEST_TMP/want")" "$what: the list is right"
	same_index "$index" "$good"
	check $? "  and the index is written again"
}
# Whether two indexes are the same but for their flags (bytes 48-55)
# and so their checksums (64-71): whether an index vouches for its
# directories depends on how long ago they changed, so on how slowly the
# test runs.
same_index() {
	{ head -c 48 "$1"; tail -c +57 "$1" | head -c 8; tail -c +73 "$1"; } \
	    > "$TEST_TMP/a"
	{ head -c 48 "$2"; tail -c +57 "$2" | head -c 8; tail -c +73 "$2"; } \
	    > "$TEST_TMP/b"
	cmp -s "$TEST_TMP/a" "$TEST_TMP/b"
}
list > "$TEST_TMP/want"
patch_at() { printf "$2" | dd of="$index" bs=1 seek="$1" conv=notrunc \
    status=none; }
# The header's bytes; the entries' count is at 24, the directories' at 40.
H=72
damage "an index cut short" truncate -s $((size / 2)) "$index"
damage "an index cut by one byte" truncate -s $((size - 1)) "$index"
damage "an index one byte longer" sh -c "printf x >> '$index'"
damage "an empty index" truncate -s 0 "$index"
damage "an older version" sh -c "printf 'reader-index 1\n12 x\0broken' > '$index'"
damage "another byte order" patch_at 16 "$(od -A n -t o1 -j 16 -N 4 "$good" |
    awk '{ printf "\\%s\\%s\\%s\\%s", $4, $3, $2, $1 }')"
damage "a count of entries too large" patch_at 24 '\377\377\377\377'
damage "a string offset past the end" patch_at $((H + 40)) '\377\377\377\177'
# The list order (after the entries) naming the first entry twice.
n=$(od -A n -t u4 -j 24 -N 4 "$good" | tr -d ' ')
damage "a list order naming an entry twice" \
    patch_at $((H + 56 * n + 4)) "$(od -A n -t o1 -j $((H + 56 * n)) -N 4 \
    "$good" | sed 's/ \([0-7]*\)/\\\1/g')"
damage "a list order naming no entry" patch_at $((H + 56 * n)) '\377\377\377\377'
damage "a string area not ended" patch_at $((size - 1)) 'x'
damage "a count of directories too large" patch_at 40 '\377\377\377\377'
# The directories come after the hash table, 56 bytes each, path last.
hcap=$(od -A n -t u8 -j 32 -N 8 "$good" | tr -d ' ')
damage "a directory's path past the end" \
    patch_at $((H + 56 * n + (n + 1) / 2 * 8 + 8 * hcap + 48)) \
    '\377\377\377\177'
damage "garbage throughout" sh -c "head -c $size /dev/urandom > '$index'"
# One flipped bit in a cached title: the index is checked, not trusted.
at=$(grep -a -b -o '四川公示了一批新的省重点实验室' "$good" | head -1 | cut -d: -f1)
byte=$(od -A n -t o1 -j $((at + 2)) -N 1 "$good" | tr -d ' ')
damage "a flipped bit in a title" patch_at $((at + 2)) \
    "$(printf '\\%o' $((0$byte ^ 1)))"

# A hash table entry that points past the entries only misses.
cp "$good" "$index"
perl -e 'open F, "+<", $ARGV[0]; binmode F; sysseek F, 24, 0; sysread F, $n, 8;
	$n = unpack "Q<", $n; $h = 72 + 56 * $n + int(($n + 1) / 2) * 8;
	sysseek F, $h, 0;
	syswrite F, pack("Q<", 0xFFFFFFFF) x 64' "$index"
expect_eq "$(timeout 60 "$READER" --no-config --list --width 100 "$lib" 2>&1)" \
    "$(cat "$TEST_TMP/want")" "a hash table without an empty slot: the list is right"

finish
