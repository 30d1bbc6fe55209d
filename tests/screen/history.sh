#!/bin/sh
# History through the headless replay: back and forward keep the page
# and the place, also for a large article read in parts.
. "$srcdir/tests/screen/lib.sh"

lib=$TEST_TMP/lib
mkdir -p "$lib"
# A 200 KB article whose first related item is not in the library: it
# opens with its first part only, which has no related items yet.
{
	echo "发布时间:2024-06-01 09:00 原文链接: 大文章"
	echo
	i=0
	while [ $i -lt 700 ]; do
		echo "第${i}段。京津冀创新协同是深入落实京津冀协同发展战略的重要着力点，是培育发展新质生产力的应有之义。"
		echo
		i=$((i + 1))
	done
	echo "相关文章"
	echo
	echo "不在库中的文章"
	echo
	echo "这篇文章不在库中。"
	echo
	echo "小文章"
	echo
	echo "库中的小文章。"
} > "$lib/large.txt"
printf '发布时间:2024-05-01 09:00 原文链接: 小文章\n\n小文章的正文。\n' \
    > "$lib/small.txt"

# Enter ] Enter: the missing item's page; Tab j Enter: another article;
# Backspace: the missing item's page again, not the large article's top.
screen 'Enter ] Enter Tab j Enter BSpace' "$lib" > /dev/null
expect_ok "replay of back to a missing item's page"
expect_screen 'This article is not in the library' \
    "back returns to the missing item's page"
expect_row 8 '不在库中的文章' "its title heads the reading pane"
screen 'Enter ] Enter Tab j Enter BSpace L' "$lib" > /dev/null
expect_screen '小文章的正文' "forward returns to the small article"

finish
