# sort = title follows the locale's collation when it sets one: glibc's
# zh_CN orders Chinese titles by pinyin (a code point order would put
# 上 before 北 before 阿). Needs the zh_CN.UTF-8 locale, which .ci/run
# generates.
. "$srcdir/tests/dump/lib.sh"

if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	echo "1..0 # SKIP the zh_CN.UTF-8 locale is not installed"
	exit 77
fi
mkdir "$TEST_TMP/lib"
i=0
for t in "上海新闻" "北京新闻" "阿里巴巴" "中国日报" "长城" "Apple" "apple pie"; do
	i=$((i + 1))
	printf '发布时间:2024-04-%02d 10:42 原文链接: %s\n\n正文。\n' "$i" "$t" \
	    > "$TEST_TMP/lib/$i.txt"
done
mkdir -p "$XDG_CONFIG_HOME/reader"
printf '[general]\nsort = title\n' > "$XDG_CONFIG_HOME/reader/reader.ini"
# Only the collation is Chinese: messages and widths stay as pinned.
LC_ALL= LANG=C.UTF-8 LC_COLLATE=zh_CN.UTF-8 "$READER" --list --width 60 \
    "$TEST_TMP/lib" | cut -c13- | grep -v '^[A-Za-z]' | tr '\n' '|' \
    > "$TEST_TMP/titles"
expect_eq "$(cat "$TEST_TMP/titles")" "阿里巴巴|北京新闻|长城|上海新闻|中国日报|" \
    "LC_COLLATE=zh_CN.UTF-8: Chinese titles by pinyin"
LC_ALL= LANG=C.UTF-8 LC_COLLATE=zh_CN.UTF-8 "$READER" --list --width 60 \
    "$TEST_TMP/lib" | cut -c13- | grep '^[A-Za-z]' | tr '\n' '|' \
    > "$TEST_TMP/titles"
expect_eq "$(cat "$TEST_TMP/titles")" "Apple|apple pie|" \
    "  and letters with their case folded"
finish
