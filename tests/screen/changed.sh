#!/bin/sh
# The open article changes on disk while a large library loads: the
# entry the header index gave for it is dropped when the walk finds the
# file changed, and the reading pane must follow the new version (End
# and Home used to read the dropped entry: a crash).
. "$srcdir/tests/screen/lib.sh"

lib=$TEST_TMP/lib
mkdir -p "$lib/many"
# Enough files that the first slice of loading cannot finish the walk.
awk 'BEGIN {
	for (i = 0; i < 1000; i++) {
		f = sprintf("'"$lib"'/many/%05d.txt", i)
		printf "发布时间:2020-01-01 00:00 原文链接: 第%d篇\n\n正文。\n", i > f
		close(f)
	}
}'
big() {
	echo "发布时间:2024-06-01 09:00 原文链接: 大文章"
	echo
	i=0
	while [ $i -lt 1500 ]; do
		echo "第${i}段。京津冀创新协同是深入落实京津冀协同发展战略的重要着力点。"
		echo
		i=$((i + 1))
	done
	echo "$1"
}
big "旧的结尾。" > "$lib/large.txt"

# The first run opens it (newest, so first in the list) and writes the
# header index; the second restores it, partly read, while loading.
screen --loading 'wait g Enter' "$lib" > /dev/null
expect_ok "first run opens the large article"
big "新的结尾，改过了。" > "$lib/large.txt"
screen --loading 'wait End' "$lib" > /dev/null
expect_ok "End after the open article changed on disk"
expect_screen '新的结尾，改过了' "End shows the new version's end"
screen --loading 'wait Home' "$lib" > /dev/null
expect_ok "Home after the open article changed on disk"
expect_screen '第0段' "Home shows its start"
rm "$lib/large.txt"
screen --loading 'wait End' "$lib" > /dev/null
expect_ok "End after the open article was removed"

finish
