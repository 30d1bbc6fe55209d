# The search index survives a kill -9 at any moment of a build, and two
# programs building and searching it at once: afterwards it is sound and
# gives the same answers as one built in peace.
. "$srcdir/tests/dump/lib.sh"

command -v python3 > /dev/null || { echo "1..0 # SKIP no python3"; exit 77; }

lib=$TEST_TMP/lib
mkdir -p "$lib"
# 3,000 articles of words from a small vocabulary, some with 河马.
awk -v dir="$lib" 'BEGIN {
	split("实验 国家 科学 技术 发展 城市 文化 教育 经济 重点 " \
	    "创新 合作 研究 社会 历史 学校 环境 能源 数据 网络", w, " ")
	srand(7)
	for (i = 0; i < 3000; i++) {
		f = sprintf("%s/a%04d.txt", dir, i)
		printf "发布时间:2024-%02d-%02d 10:00 原文链接: 第%d篇\n\n", \
		    i % 12 + 1, i % 28 + 1, i > f
		for (p = 0; p < 8; p++) {
			s = "  "
			for (k = 0; k < 30; k++)
				s = s w[int(rand() * 20) + 1]
			if (i % 200 == 7 && p == 3)
				s = s "河马"
			print s "。\n" > f
		}
		close(f)
	}
}'

s() { "$READER" --no-config --search "$@" "$lib"; }
want=$(XDG_CACHE_HOME=$TEST_TMP/peace s '河马' 2>&1)
expect_eq "$(printf '%s\n' "$want" | wc -l)" 15 "a library built in peace"
db=$XDG_CACHE_HOME/reader/search.db

# sound: the database passes SQLite's own check.
sound() {
	python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("PRAGMA integrity_check").fetchone()[0])' "$db" 2>&1
}

# wait_for FILE PID: until FILE exists (a build is under way) or PID has
# ended, for 10 s at most.
wait_for() {
	i=0
	while [ ! -s "$1" ] && kill -0 "$2" 2>/dev/null && [ $i -lt 1000 ]; do
		sleep 0.01
		i=$((i + 1))
	done
}

for stage in db wal; do
	rm -rf "$XDG_CACHE_HOME"
	s '河马' > /dev/null 2>&1 &
	pid=$!
	case $stage in
	db) wait_for "$db" $pid ;;
	wal) wait_for "$db-wal" $pid; sleep 0.2 ;;
	esac
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	expect_eq "$(sound)" ok "killed at $stage: the database is sound"
	expect_eq "$(s '河马' 2>&1)" "$want" \
	    "  and the next search finds the same"
done
# Killed again and again while building: each run goes on from the last.
rm -rf "$XDG_CACHE_HOME"
for delay in 0.05 0.15 0.3 0.45; do
	s '河马' > /dev/null 2>&1 &
	pid=$!
	wait_for "$db-wal" $pid
	sleep $delay
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
done
expect_eq "$(sound)" ok "killed four times: the database is sound"
expect_eq "$(s '河马' 2>&1)" "$want" "  and the next search finds the same"

# Two at once, from nothing.
rm -rf "$XDG_CACHE_HOME"
s '河马' > "$TEST_TMP/one" 2>&1 &
one=$!
s '河马' > "$TEST_TMP/two" 2>&1 &
two=$!
wait $one
r1=$?
wait $two
r2=$?
expect_eq "$r1 $r2" "0 0" "two programs at once both succeed"
expect_eq "$(cat "$TEST_TMP/one")" "$want" "  the first finds the same"
expect_eq "$(cat "$TEST_TMP/two")" "$want" "  the second finds the same"
expect_eq "$(sound)" ok "  and the database is sound"
expect_eq "$(python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT count(*) FROM doc").fetchone()[0])' "$db")" 3000 \
    "  with each file once"

finish
