# The header index under $XDG_CACHE_HOME/reader: made on the first load,
# used on the next, and never stale: a changed, removed or added file,
# or a damaged index, still gives the right list.
. "$srcdir/tests/dump/lib.sh"

lib=$TEST_TMP/lib
mkdir -p "$lib/sub"
cp "$SAMPLES"/*.txt "$lib/"
mv "$lib/003_de0b9768b39d0927.txt" "$lib/sub/"
list() { "$READER" --no-config --list --width 100 "$lib" 2>&1; }

want=$(cd "$TEST_TMP" && "$READER" --no-config --list --width 100 "$SAMPLES")
expect_eq "$(list)" "$want" "the first load lists the library"
set -- "$XDG_CACHE_HOME"/reader/index-*
check $([ -f "$1" ] && echo 0 || echo 1) "and leaves an index in XDG_CACHE_HOME"
index=$1
expect_eq "$(head -c 15 "$index")" "reader-index 1" "the index is versioned"
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

printf 'reader-index 1\n12 x\0broken' > "$index"
expect_eq "$(list | wc -l)" 7 "a damaged index is ignored"
expect_eq "$(head -c 15 "$index")" "reader-index 1" "  and written again"
: > "$index"
expect_eq "$(list | wc -l)" 7 "an empty index is ignored"

finish
