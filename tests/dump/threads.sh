# The modules whose code runs on the loading threads (the walk, the
# readers of prefetch.c, the reading of files, the header index) say
# what went wrong with strerror_r() (docio_strerror()), never with
# strerror(), whose buffer the C library may share between threads.
. "$srcdir/tests/dump/lib.sh"

for f in walk.c prefetch.c docio.c index.c thread.c; do
	src=$srcdir/src/$f
	if [ ! -f "$src" ]; then
		check 1 "$f exists"
		continue
	fi
	# Code, not comments: lines that start a comment or continue one
	# are left out.
	calls=$(grep -n '\bstrerror *(' "$src" | grep -v '^[0-9]*:[[:space:]]*/\?\*' |
	    grep -v 'strerror()')
	expect_eq "$calls" "" "$f runs on helper threads: no strerror() call"
done
finish
