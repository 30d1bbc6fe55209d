#!/bin/sh
# The search index is made in the background: the first screen does not
# wait for it, the status line shows its progress, keys answer while it
# works, a search meanwhile says the index is not complete; a kill -9
# while it works leaves an index that is used, not thrown away; the next
# start, with nothing changed, has nothing to do.
. "$srcdir/tests/e2e/lib.sh"

PY=${PYTHON:-/usr/bin/python3}
if ! "$PY" -c '' 2> /dev/null; then
	echo "1..0 # SKIP no $PY to write the library"
	exit 77
fi

# Twenty-four articles of some 200 KB of characters in no order (every
# pair a new term: the slowest text to index).
lib=$TEST_TMP/lib
mkdir -p "$lib"
"$PY" - "$lib" <<'EOF'
import random, sys
random.seed(7)
pool = [chr(c) for c in range(0x4e00, 0x4e00 + 3000)]
for f in range(24):
    with open("%s/a%02d.txt" % (sys.argv[1], f), "w") as o:
        o.write("发布时间:2024-05-%02d 12:00 原文链接: 第%d篇长文\n"
                % (f + 1, f))
        for i in range(1100):
            o.write("\n  第%d段。%s\n"
                    % (i, "".join(random.choices(pool, k=60))))
EOF

# search_until WORD REGEX: searches the library for WORD, again while
# the answer says the index is still being made, until it matches REGEX
# (60 seconds at most).
search_until() {
	su_end=$(( $(date +%s) + 60 ))
	while :; do
		tm_keys S
		tm_wait '^Search all: ' 10 > /dev/null
		tm_keys "$1" Enter
		tm_wait_not '^Search all: ' 10 > /dev/null
		if grep -q -e "$2" "$TEST_TMP/screen" &&
		    ! grep -q 'being built' "$TEST_TMP/screen"; then
			return 0
		fi
		if [ "$(date +%s)" -ge "$su_end" ]; then
			echo "# no answer matching: $2"
			sed 's/^/#   |/' "$TEST_TMP/screen"
			return 1
		fi
		sleep 0.2
	done
}

# worker_of PID: the indexer process that PID started, and its niceness
# ("PID NICE"), if one runs.
worker_of() {
	wo_parent=$1
	for d in /proc/[0-9]*; do
		{ read -r stat < "$d/stat"; } 2>/dev/null || continue
		# pid (comm) state ppid ...: the niceness is the 19th field.
		set -- $stat
		[ "$4" = "$wo_parent" ] || continue
		tr '\0' ' ' < "$d/cmdline" 2>/dev/null |
		    grep -q -e '--index-worker' || continue
		shift 18
		echo "${d#/proc/} $1"
		return
	done
}
# workers_alive DIR: whether an indexer process of the library DIR runs.
workers_alive() {
	for d in /proc/[0-9]*; do
		tr '\0' ' ' < "$d/cmdline" 2>/dev/null |
		    grep -q -e "--index-worker -- $1" && return 0
	done
	return 1
}

tm_start 80 24 -- "$lib"
tm_wait '^ Articles: 24' 10
step $? "the first screen comes at once"
tm_wait 'indexing [0-9,]*/24$' 60
step $? "the status line shows the index's progress"
set -- $(worker_of "$(tm_pid)")
expect_eq "${2:-none}" 10 "  the indexer is a process of its own, at a lower priority"
# The indexer process killed: the interface says so and goes on by
# itself (the steps below see the index finished).
[ -n "${1:-}" ] && kill -9 "$1"
tm_wait 'the indexer ended early (signal 9): reader indexes by itself' 10
step $? "  an indexer that dies is said, and its work goes on"
tm_keys j
tm_wait ' 2/24  indexing' 5
step $? "  keys answer while it works"
tm_keys S 长文 Enter
tm_wait 'the index is being built: [0-9]* of [0-9]*' 5
step $? "  a search meanwhile says the index is not complete"
tm_keys Escape
tm_wait ' Articles: 24' 5
step $? "  Esc: the whole list"
# A second program at the index meanwhile: it waits its turn.
"$READER" --no-config --search 第5篇长文 "$lib" > "$TEST_TMP/second" \
    2> "$TEST_TMP/second-err"
expect_eq "$?" 0 "another program searches the index while it is made"
expect_eq "$(cut -f2 "$TEST_TMP/second")" "第5篇长文" "  and finds"
expect_eq "$(cat "$TEST_TMP/second-err")" "" "  with nothing to say"
tm_wait_not 'indexing' 120
step $? "the progress goes when the index is done"
tm_wait ' 24 unread$' 5
step $? "  the status line is as before"
tm_keys S 长文 Enter
tm_wait '^ 24 articles match ' 5
step $? "then a search finds every article"
tm_keys Escape
tm_wait ' Articles: 24' 5

# The library changes while reader runs: R reads it again, and the index
# follows.
printf '发布时间:2024-06-30 12:00 原文链接: 新到的文章\n\n  鹦鹉螺的故事。\n' \
    > "$lib/new.txt"
rm "$lib/a00.txt"
tm_keys R
tm_wait 'library read again: 24 articles (24 before)' 10
step $? "R reads the library again, and says so"
tm_wait '^N 2024-06-30  新到的文章' 5
step $? "  the new article is in the list"
search_until 鹦鹉螺 '^ 1 article matches '
step $? "  and the index has it"
tm_keys Escape
tm_wait ' Articles: 24' 5
search_until 第0篇长文 '^ nothing matches: 第0篇长文'
step $? "  and no longer has the one removed"

# Files that come while the keys rest are seen without R.
printf '发布时间:2024-07-01 12:00 原文链接: 自己来的文章\n\n  海葵。\n' \
    > "$lib/own.txt"
tm_wait '^N 2024-07-01  自己来的文章' 20
step $? "a file added while reader runs comes into the list by itself"
tm_wait 'library read again: 25 articles (24 before)' 5
step $? "  and that is said"
# A file written again in place changes no directory: the kernel tells.
printf '发布时间:2024-07-02 12:00 原文链接: 改写过的文章\n\n  珊瑚礁。\n' \
    > "$lib/own.txt"
tm_wait '^N 2024-07-02  改写过的文章' 20
step $? "a file written again in place is read again by itself"
search_until 珊瑚礁 '^ 1 article matches '
step $? "  and the index has its new text"
tm_keys Escape
tm_wait ' Articles: 25' 5
tm_keys q
expect_eq "$(tm_exit_status)" 0 "quit"

# Nothing changed: the next start has nothing to index, and says nothing.
tm_start 80 24 -- "$lib"
tm_wait '^ Articles: 25' 10
tm_keys S 第3篇长文 Enter
tm_wait '^ 1 article matches ' 5
step $? "the next start finds at once, from the index kept"
tm_keys q
tm_exit_status > /dev/null

# A kill -9 while it works: what was committed is kept and used.
rm -rf "$XDG_CACHE_HOME"
tm_start 80 24 -- "$lib"
tm_wait 'indexing [0-9,]*/25$' 60
pid=$(tm_pid)
kill -9 "$pid"
expect_eq "$(tm_exit_status)" 137 "killed while indexing"
end=$(( $(date +%s) + 10 ))
while workers_alive "$lib" && [ "$(date +%s)" -lt "$end" ]; do
	sleep 0.1
done
workers_alive "$lib"
expect_eq "$?" 1 "  and its indexer stops with it"
"$READER" --no-config --search 长文 "$lib" > "$TEST_TMP/found" \
    2> "$TEST_TMP/err"
expect_eq "$?" 0 "  the index is then brought up to date and searched"
expect_eq "$(wc -l < "$TEST_TMP/found")" 23 "  every article found (23 of them now)"
expect_eq "$(cat "$TEST_TMP/err")" "" "  and nothing found damaged"

# A library large enough for a bulk build, whose segments are merged in
# the background once the index answers: a kill -9 then (the progress
# has just gone) leaves an index that is used as it is.
bulk=$TEST_TMP/bulk
mkdir -p "$bulk"
"$PY" - "$bulk" <<'EOF2'
import random, sys
random.seed(11)
pool = [chr(c) for c in range(0x4e00, 0x4e00 + 2000)]
for f in range(1500):
    with open("%s/b%04d.txt" % (sys.argv[1], f), "w") as o:
        o.write("发布时间:2024-03-%02d 12:00 原文链接: 批量第%d篇\n\n  %s\n"
                % (f % 28 + 1, f, "".join(random.choices(pool, k=1500))))
EOF2
rm -rf "$XDG_CACHE_HOME"
tm_start 80 24 -- "$bulk"
tm_wait '^ Articles: 1500' 20
# The moment every file is in: the merge begins.
"$PY" - "$XDG_CACHE_HOME/reader/search.db" <<'EOF2'
import sqlite3, sys, time
end = time.time() + 120
while time.time() < end:
    try:
        db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
        if db.execute("SELECT count(*) FROM doc").fetchone()[0] == 1500:
            break
        db.close()
    except sqlite3.Error:
        pass
    time.sleep(0.01)
EOF2
kill -9 "$(tm_pid)"
expect_eq "$(tm_exit_status)" 137 "killed as the index is merged"
"$READER" --no-config --search 批量 "$bulk" > "$TEST_TMP/found" \
    2> "$TEST_TMP/err"
expect_eq "$(wc -l < "$TEST_TMP/found")" 1500 "  every article is found"
expect_eq "$(cat "$TEST_TMP/err")" "" "  and nothing found damaged"
"$READER" --no-config --index "$bulk" 2> "$TEST_TMP/err"
expect_eq "$?" 0 "  the merge is finished by --index"
expect_eq "$(cat "$TEST_TMP/err")" "" "  with nothing to say"

finish
