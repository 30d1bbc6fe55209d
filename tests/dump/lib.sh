# Shared helpers for the shell tests. Sourced, not run.
# The harness sets READER, DATA, SAMPLES, srcdir and LC_ALL=C.UTF-8.

: "${READER:?READER is not set}"
LC_ALL=C.UTF-8
export LC_ALL
# Never read or write the real home directory.
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/reader-test.XXXXXX") || exit 99
HOME=$TEST_TMP/home
XDG_CONFIG_HOME=$TEST_TMP/config
XDG_STATE_HOME=$TEST_TMP/state
XDG_CACHE_HOME=$TEST_TMP/cache
export HOME XDG_CONFIG_HOME XDG_STATE_HOME XDG_CACHE_HOME
mkdir -p "$HOME"
trap 'rm -rf "$TEST_TMP"' EXIT

# Under "make check-valgrind" every run of reader goes through valgrind.
if [ -n "${READER_WRAPPER:-}" ]; then
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$READER_WRAPPER" "$READER" \
	    > "$TEST_TMP/reader"
	chmod +x "$TEST_TMP/reader"
	READER=$TEST_TMP/reader
fi

failures=0
count=0

# ok CONDITION-STATUS DESCRIPTION: records one TAP-like result.
check() {
	count=$((count + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $count - $2"
	else
		echo "not ok $count - $2"
		failures=$((failures + 1))
	fi
}

# art NAME DATE TITLE BODY...: writes the article $lib/NAME.txt, a
# paragraph for each BODY.
art() {
	f=$lib/$1.txt d=$2 t=$3
	shift 3
	{
		printf '发布时间:%s 10:00 原文链接: %s\n\n' "$d" "$t"
		for p in "$@"; do printf '  %s\n\n' "$p"; done
	} > "$f"
}

# expect_eq GOT WANT DESCRIPTION
expect_eq() {
	if [ "$1" = "$2" ]; then
		check 0 "$3"
	else
		check 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
	fi
}

# expect_match FILE REGEX DESCRIPTION
expect_match() {
	if grep -q -e "$2" "$1"; then
		check 0 "$3"
	else
		check 1 "$3"
		echo "#   '$2' not found in:"
		sed 's/^/#     /' "$1" | head -20
	fi
}

# control_lines FILE: prints the first lines of FILE (numbered) that hold
# a control character (NUL included), a C1 control in UTF-8 or a
# bidirectional override or isolate; bytes are checked, not text. (No
# grep -P: it is not everywhere, and a grep that refuses it matches
# nothing, which would pass.)
control_lines() {
	LC_ALL=C tr '\000' '\001' < "$1" | LC_ALL=C grep -a -n \
	    -e "$(printf '[\001-\010\013-\037\177]')" \
	    -e "$(printf '\302[\200-\237]')" \
	    -e "$(printf '\342\200[\252-\256]')" \
	    -e "$(printf '\342\201[\246-\251]')" | head -n 3
}

# skip REASON: a check that cannot run here. The test then ends as a
# skip (status 77) if nothing failed: it never passes without checking.
skipped=
skip() {
	echo "# SKIPPED: $1"
	skipped="$skipped $1;"
}

# unprivileged: prints a command prefix that runs what follows as a user
# to whom file permissions apply (root reads any file): nothing when not
# root, setpriv or runuser to nobody when root; fails if neither works.
# The test's files must then be open to that user (see open_tmp).
unprivileged() {
	if [ "$(id -u)" -ne 0 ]; then
		return 0
	fi
	# (It must also be able to run reader: a build in a directory only
	# root may enter cannot be tested that way.)
	if command -v setpriv > /dev/null 2>&1 && setpriv --reuid=nobody \
	    --regid=nogroup --clear-groups "$READER" --version \
	    > /dev/null 2>&1; then
		echo "setpriv --reuid=nobody --regid=nogroup --clear-groups"
	elif command -v runuser > /dev/null 2>&1 &&
	    runuser -u nobody -- "$READER" --version > /dev/null 2>&1; then
		echo "runuser -u nobody --"
	else
		return 1
	fi
}

# open_tmp: lets any user into the test's directories (for unprivileged).
open_tmp() {
	find "$TEST_TMP" -type d -exec chmod a+rwx {} +
	find "$TEST_TMP" -type f -exec chmod a+rw {} +
}

finish() {
	echo "1..$count"
	[ "$failures" -eq 0 ] || exit 1
	[ -z "$skipped" ] || exit 77
	exit 0
}
