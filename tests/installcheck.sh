# Run by "make installcheck" (and so by make distcheck) against the
# installed program: it opens its installed sample library with no PATH,
# finds the installed reader.ini example and man pages, and speaks
# Chinese in a Chinese locale, on the command line and in the interface.
# Arguments: the installed bindir, pkgdatadir, mandir, and pkgdatadir as
# configured (without DESTDIR: what the man page should say).
bindir=$1
pkgdatadir=$2
mandir=$3
reader=$bindir/reader
T=$(mktemp -d)
trap 'tmux -S "$T/sock" kill-server 2>/dev/null; rm -rf "$T"' EXIT
export HOME=$T XDG_CONFIG_HOME=$T/c XDG_STATE_HOME=$T/s XDG_CACHE_HOME=$T/k
failed=0
n=0
check() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

LC_ALL=C.UTF-8 "$reader" --no-config --list --width 80 > "$T/list" 2>&1
check $? "the installed reader lists its samples with no PATH"
[ "$(wc -l < "$T/list")" -ge 7 ]
check $? "  all of them ($(wc -l < "$T/list"))"
LC_ALL=C.UTF-8 "$reader" --check-config -c "$pkgdatadir/reader.ini" > /dev/null
check $? "the installed reader.ini example checks clean"
[ -f "$mandir/man1/reader.1" ] && [ -f "$mandir/man5/reader.ini.5" ]
check $? "the man pages are installed"
# (The fourth argument is pkgdatadir without DESTDIR: what the page says.)
if [ "${4:-/usr/local/share/reader}" != /usr/local/share/reader ]; then
	grep -q "${4}/samples" "$mandir/man1/reader.1" &&
	    ! grep -q '/usr/local/share/reader' "$mandir/man1/reader.1"
	check $? "the installed reader(1) names the samples where they are"
fi

if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	LC_ALL=zh_CN.UTF-8 "$reader" --help > "$T/help" 2>&1
	grep -q '用法' "$T/help"
	check $? "LC_ALL=zh_CN.UTF-8: --help is in Chinese"
	LANGUAGE=zh_CN LC_ALL=zh_CN.UTF-8 "$reader" --list /nonexistent \
	    > "$T/err" 2>&1
	grep -q '没有那个文件或目录\|不存在\|No such' "$T/err"
	check $? "  messages too"
	if command -v tmux > /dev/null 2>&1; then
		tmux -S "$T/sock" -f /dev/null new-session -d -x 80 -y 24 \
		    "env LC_ALL=zh_CN.UTF-8 TERM=tmux-256color HOME=$T XDG_STATE_HOME=$T/s XDG_CACHE_HOME=$T/k '$reader' --no-config"
		ok=1
		i=0
		while [ $i -lt 100 ]; do
			if tmux -S "$T/sock" capture-pane -p 2>/dev/null |
			    grep -q '文章'; then
				ok=0
				break
			fi
			sleep 0.05
			i=$((i + 1))
		done
		tmux -S "$T/sock" send-keys '?'
		i=0
		while [ $ok -eq 0 ] && [ $i -lt 100 ]; do
			tmux -S "$T/sock" capture-pane -p > "$T/screen"
			grep -q '下移一行\|向下移动' "$T/screen" && break
			sleep 0.05
			i=$((i + 1))
		done
		[ $ok -eq 0 ] && [ $i -lt 100 ]
		check $? "the interface and its help screen are in Chinese"
	fi
else
	echo "# no zh_CN.UTF-8 locale: the Chinese checks are skipped"
fi
echo "1..$n"
[ "$failed" -eq 0 ]
