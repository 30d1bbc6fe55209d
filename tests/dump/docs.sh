# The manual pages match the program. reader.ini(5) lists every option,
# colour element and action of --dump-config with its default, reader(1)
# every action with its default keys and every option of --help; neither
# documents anything the program does not know. groff formats both pages
# without a warning, and their examples are what the program says.
# DOCDIR=DIR checks the pages in DIR instead of $srcdir/doc.
. "$srcdir/tests/dump/lib.sh"

T=$TEST_TMP
doc=${DOCDIR:-$srcdir/doc}
man1=$doc/reader.1
man5=$doc/reader.ini.5

# Turns the roff of a tag into the text it shows.
unroff() {
	sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" \
	    -e 's/\\(dq/"/g' -e 's/\\(ti/~/g' -e 's/\\(ha/^/g' \
	    -e 's/\\ / /g' -e 's/\\[&%]//g' -e 's/\\e/\\/g'
}

# same WANT GOT WHAT: WANT and GOT (sorted files) hold the same lines.
same() {
	LC_ALL=C comm -23 "$1" "$2" > "$T/missing"
	LC_ALL=C comm -13 "$1" "$2" > "$T/extra"
	if [ -s "$T/missing" ]; then
		check 1 "$3: all documented"
		sed 's/^/#   not in the page: /' "$T/missing"
	else
		check 0 "$3: all documented"
	fi
	if [ -s "$T/extra" ]; then
		check 1 "$3: nothing else"
		sed 's/^/#   in the page, unknown to reader (or twice): /' "$T/extra"
	else
		check 0 "$3: nothing else"
	fi
}

for f in "$man1" "$man5"; do
	[ -r "$f" ] || { echo "# cannot read $f"; exit 99; }
done

# ---- (a) reader.ini(5): options, colours, keys; reader(1): keys. ----

"$READER" --no-config --dump-config > "$T/dump"
check $? "--dump-config runs"
# "SECTION<TAB>name = default" for every entry of the dump.
awk '
/^\[[a-z]+\]$/ { sec = substr($0, 2, length($0) - 2); next }
sec != "" && /^(# )?[a-z][a-z0-9_]* =/ {
	sub(/^# /, ""); sub(/[ \t]+$/, ""); print sec "\t" $0
}' "$T/dump" | LC_ALL=C sort > "$T/want5"
for s in general layout display colors keys; do
	n=$(grep -c "^$s	" "$T/want5")
	[ "$n" -gt 0 ]
	check $? "--dump-config has entries in [$s] ($n)"
done

# The page: under OPTIONS, ".SS [SECTION]", then ".TP" and
# ".B "name = default"". A tag that looks like an entry but is not
# written so is reported, not skipped.
awk '
/^\.SH/ { opt = ($0 ~ /^\.SH "?OPTIONS"?[ \t]*$/); sec = ""; next }
opt && /^\.SS/ {
	sec = $0; sub(/^\.SS[ \t]+"?\[/, "", sec); sub(/\]"?[ \t]*$/, "", sec)
	next
}
/^\.TP/ { tp = 1; next }
tp {
	tp = 0
	if (!opt || sec == "")
		next
	if ($0 ~ /^\.B "[a-z][a-z0-9_]* =( [^"]*)?"[ \t]*$/) {
		v = $0; sub(/^\.B "/, "", v); sub(/"[ \t]*$/, "", v)
		print sec "\t" v
	} else if ($0 ~ / = /)
		print "MALFORMED\t" $0
}' "$man5" | unroff | LC_ALL=C sort > "$T/got5"
grep '^MALFORMED' "$T/got5" > "$T/bad"
[ ! -s "$T/bad" ]
check $? "reader.ini.5: every entry is written '.B \"name = default\"'"
sed 's/^MALFORMED	/#   /' "$T/bad"
for s in general layout display colors keys; do
	grep "^$s	" "$T/want5" > "$T/w"
	grep "^$s	" "$T/got5" > "$T/g"
	same "$T/w" "$T/g" "reader.ini.5 [$s], with defaults"
done
grep -v -e '^general	' -e '^layout	' -e '^display	' -e '^colors	' \
    -e '^keys	' -e '^MALFORMED	' "$T/got5" > "$T/other"
[ ! -s "$T/other" ]
check $? "reader.ini.5 documents no section reader does not know"
sed 's/^/#   /' "$T/other"

# reader(1): under KEYS, ".TP" and ".BR "KEYS" " (ACTION)"" per action.
sed -n 's/^keys	//p' "$T/want5" | LC_ALL=C sort > "$T/want1"
awk '
/^\.SH/ { keys = ($0 ~ /^\.SH "?KEYS"?[ \t]*$/); next }
/^\.TP/ { tp = 1; next }
tp {
	tp = 0
	if (!keys)
		next
	if ($0 ~ /^\.BR "[^"]*" " \([a-z_]+\)"[ \t]*$/) {
		k = $0; sub(/^\.BR "/, "", k); sub(/" " \(.*/, "", k)
		a = $0; sub(/.*" \(/, "", a); sub(/\)".*/, "", a)
		print a " = " k
	} else
		print "MALFORMED " $0
}' "$man1" | unroff | LC_ALL=C sort > "$T/got1"
grep '^MALFORMED' "$T/got1" > "$T/bad"
[ ! -s "$T/bad" ]
check $? "reader.1 KEYS: every entry is written '.BR \"KEYS\" \" (action)\"'"
sed 's/^MALFORMED /#   /' "$T/bad"
grep -v '^MALFORMED' "$T/got1" > "$T/g"
same "$T/want1" "$T/g" "reader.1 KEYS, with default keys"

# ---- (a2) each action's help: the action table, through --dump-config,
# is what both pages and the README say first about it. ----

# "name<TAB>keys<TAB>help" for every action: the comment lines just
# above each [keys] entry of the dump are its help.
awk '
/^\[[a-z]+\]$/ { sec = substr($0, 2, length($0) - 2); help = ""; next }
/^$/ { help = ""; next }
sec == "keys" && /^(# )?[a-z][a-z0-9_]* =/ {
	e = $0; sub(/^# /, "", e)
	name = e; sub(/ =.*/, "", name)
	keys = e; sub(/^[a-z0-9_]* =[ ]*/, "", keys)
	print name "\t" keys "\t" help
	help = ""
	next
}
/^# / { t = substr($0, 3); help = help == "" ? t : help " " t }
' "$T/dump" | LC_ALL=C sort > "$T/actions"
n=$(wc -l < "$T/actions")
[ "$n" -gt 20 ] && ! cut -f3 "$T/actions" | grep -qx ''
check $? "--dump-config gives every action's help ($n actions)"

# first_sentences PAGE TAGREGEX: "name<TAB>text" with the plain text
# lines that follow each matching tag, up to the next request.
first_sentences() {
	awk -v tag="$2" '
	function out() { if (name != "") print name "\t" text; name = "" }
	/^\.(TP|PP|SH|SS|RS|RE|IP)/ { out(); tp = /^\.TP/; next }
	tp && $0 ~ tag {
		tp = 0; name = $0
		if (name ~ /" \(/) {
			sub(/.*" \(/, "", name); sub(/\)".*/, "", name)
		} else {
			sub(/^\.B "/, "", name); sub(/ =.*/, "", name)
		}
		text = ""; body = 1; next
	}
	{ tp = 0 }
	name != "" && body && /^\./ { body = 0 }
	name != "" && body { text = text == "" ? $0 : text " " $0 }
	END { out() }' "$1" | unroff | LC_ALL=C sort
}
# starts_with PAGE-ENTRIES WHAT: each action's entry begins with its help.
starts_with() {
	bad=0
	while IFS='	' read -r name keys help; do
		text=$(awk -F '\t' -v n="$name" '$1 == n { print $2 }' "$1")
		case $text in
		"$help."*) ;;
		*)	bad=1
			echo "#   $name: want \"$help.\" first, got \"$text\"" ;;
		esac
	done < "$T/actions"
	check $bad "$2: each action's text starts with its help"
}
first_sentences "$man5" '^\.B "[a-z][a-z0-9_]* = ' > "$T/help5"
starts_with "$T/help5" "reader.ini.5 [keys]"
# An option whose default is true or false is a boolean, and its entry
# says so first.
bad=0
for name in $(grep -v '^keys	' "$T/want5" |
    sed -n 's/^[a-z]*	\([a-z_0-9]*\) = \(true\|false\)$/\1/p'); do
	text=$(awk -F '\t' -v n="$name" '$1 == n { print $2 }' "$T/help5")
	case $text in
	"A boolean"*) ;;
	*)	bad=1; echo "#   $name: want \"A boolean\" first, got \"$text\"" ;;
	esac
done
check $bad "reader.ini.5: each boolean option's entry says it is one"
first_sentences "$man1" '^\.BR "[^"]*" " \([a-z_]+\)"' > "$T/help1"
starts_with "$T/help1" "reader.1 KEYS"

# The README's key table: one row per action, "| `KEYS` | name | help ...",
# the default keys and the help of --dump-config.
readme=$srcdir/README.md
awk '
/^## / { on = ($0 ~ /^## Keys at a glance/); next }
on && /^\| `/ {
	n = split($0, c, "|")
	k = c[2]; a = c[3]; h = c[4]
	gsub(/^ *`|` *$/, "", k); gsub(/^ *| *$/, "", a); gsub(/^ *| *$/, "", h)
	print a "\t" k "\t" h
}' "$readme" | LC_ALL=C sort > "$T/readme"
cut -f1,2 "$T/actions" > "$T/w"
cut -f1,2 "$T/readme" > "$T/g"
same "$T/w" "$T/g" "README.md keys at a glance, one row per action with its default keys"
cut -f1,3 "$T/readme" > "$T/help-readme"
bad=0
while IFS='	' read -r name keys help; do
	text=$(awk -F '\t' -v n="$name" '$1 == n { print $2 }' "$T/help-readme")
	case $text in
	"$help"*) ;;
	*)	bad=1; echo "#   $name: want \"$help\" first, got \"$text\"" ;;
	esac
done < "$T/actions"
check $bad "README.md: each action's row starts with its help"

# ---- (b) the command line options, and the version. ----

version=$("$READER" --version | head -n 1)
for f in "$man1" "$man5"; do
	grep -q "^\.TH .* \"$version\"" "$f"
	check $? "$(basename "$f") is the manual of $version (.TH)"
done

"$READER" --help > "$T/help"
grep -e '^ *-' "$T/help" | grep -o -e '--[a-z][a-z-]*' | LC_ALL=C sort -u \
    > "$T/long"
sed -n 's/^  *\(-[A-Za-z]\), \(--[a-z][a-z-]*\).*/\1, \2/p' "$T/help" \
    | LC_ALL=C sort > "$T/pairs"
[ "$(wc -l < "$T/long")" -ge 8 ]
check $? "--help lists options ($(wc -l < "$T/long"))"
awk '
/^\.SH/ { opt = ($0 ~ /^\.SH "?OPTIONS"?[ \t]*$/); next }
/^\.TP/ { tp = 1; next }
tp { tp = 0; if (opt) print }' "$man1" | unroff > "$T/tags"
grep -o -e '--[a-z][a-z-]*' "$T/tags" | LC_ALL=C sort > "$T/g"
same "$T/long" "$T/g" "reader.1 OPTIONS, long options"
sed -n 's/^\(-[A-Za-z]\), \(--[a-z][a-z-]*\).*/\1, \2/p' "$T/tags" \
    | LC_ALL=C sort > "$T/g"
same "$T/pairs" "$T/g" "reader.1 OPTIONS, short options"
# Anywhere in either page, an option is one reader has, written \-\-.
for f in "$man1" "$man5"; do
	name=$(basename "$f")
	grep -v '^\.\\"' "$f" | grep -o -E '\\-\\-[a-z]+(\\-[a-z]+)*' | unroff \
	    | LC_ALL=C sort -u > "$T/g"
	LC_ALL=C comm -13 "$T/long" "$T/g" > "$T/extra"
	[ ! -s "$T/extra" ]
	check $? "$name mentions no option reader does not have"
	sed 's/^/#   /' "$T/extra"
	grep -n -v '^\.\\"' "$f" | grep -e '\(^\|[^\\]\)--[a-z]' > "$T/bare"
	[ ! -s "$T/bare" ]
	check $? "$name writes the minus signs of options as \\-"
	sed 's/^/#   /' "$T/bare" | head -5
done

# ---- (c) formatting, and the examples. ----

if ! command -v groff > /dev/null 2>&1; then
	skip "groff is not installed: formatting checks"
	finish
fi
for f in "$man1" "$man5"; do
	name=$(basename "$f")
	for dev in "" -Tutf8 -Tascii; do
		groff $dev -man -ww -z "$f" > "$T/groff" 2>&1
		st=$?
		[ $st -eq 0 ] && [ ! -s "$T/groff" ]
		check $? "groff ${dev:-(default device)} -man -ww -z $name: no warning"
		sed 's/^/#   /' "$T/groff" | head -10
	done
done

# Shows a page as plain text.
render() {
	groff -Tutf8 -man -P-cbou "$1" 2> /dev/null
}
# Prints the lines of stdin from the one after /$1/ to the one before
# /$2/, without their common indent and trailing blank lines.
between() {
	awk -v a="$1" -v b="$2" '
	$0 ~ b && on { exit }
	on { line[n++] = $0 }
	$0 ~ a { on = 1 }
	END {
		ind = -1
		for (i = 0; i < n; i++)
			if (line[i] ~ /[^ ]/) {
				match(line[i], /^ */)
				if (ind < 0 || RLENGTH < ind)
					ind = RLENGTH
			}
		while (n > 0 && line[n - 1] !~ /[^ ]/)
			n--
		for (i = 0; i < n; i++) {
			if (line[i] ~ /[^ ]/)
				print substr(line[i], ind + 1)
			else if (i > 0)
				print ""
		}
	}'
}

# reader.ini(5)'s EXAMPLE is a valid reader.ini.
render "$man5" | between '^EXAMPLE' '^SEE ALSO' > "$T/example.ini"
[ -s "$T/example.ini" ]
check $? "reader.ini.5 has an EXAMPLE"
if "$READER" --check-config -c "$T/example.ini" > "$T/out" 2>&1; then
	check 0 "  and it checks clean"
else
	check 1 "  and it checks clean"
	sed 's/^/#   /' "$T/out" | head -5
fi

# reader.ini(5)'s two error messages are the program's own (folded
# lines are joined again).
unfold() {
	awk '/^ / { printf "%s", $0; next } { if (NR > 1) print ""; printf "%s", $0 }
	    END { if (NR > 0) print "" }'
}
for ex in 'bad-color.ini|reports, among others:$|^ *and bad-hex' \
    'bad-hex.ini|is not quoted.:$|^ *.each '; do
	name=${ex%%|*}
	rest=${ex#*|}
	render "$man5" | between "${rest%%|*}" "${rest#*|}" | unfold > "$T/want"
	(cd "$srcdir" && "$READER" --check-config \
	    -c "tests/data/config/$name" > "$T/got" 2>&1)
	if [ -s "$T/want" ] && grep -F -x -q -f "$T/want" "$T/got"; then
		check 0 "reader.ini.5: the message about $name is the real one"
	else
		check 1 "reader.ini.5: the message about $name is the real one"
		sed 's/^/#   page:   /' "$T/want"
		sed 's/^/#   reader: /' "$T/got"
	fi
done

# reader(1)'s example article dumps as the page says.
render "$man1" | between '^ *For example:$' '^ *With ' \
    > "$T/article.txt"
render "$man1" | between 'prints it as:$' 'Encodings and hostile text' \
    > "$T/want"
[ -s "$T/article.txt" ] && [ -s "$T/want" ]
check $? "reader.1 has an example article and its --dump"
"$READER" --dump --width 40 "$T/article.txt" "$SAMPLES" > "$T/got" 2>&1
if diff -u "$T/want" "$T/got" > "$T/diff"; then
	check 0 "  which is what --dump --width 40 prints"
else
	check 1 "  which is what --dump --width 40 prints"
	sed 's/^/#   /' "$T/diff" | head -30
fi

finish
