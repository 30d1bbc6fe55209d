# reader --search: queries with known answers on a small library (Chinese
# words of one to four characters, Latin words, full-width forms, phrases,
# exclusions, titles, dates), the exit statuses, and an index kept up to
# date as files are added, changed and removed, or found damaged.
. "$srcdir/tests/dump/lib.sh"

lib=$TEST_TMP/lib
mkdir -p "$lib"
art lab 2024-04-29 '天津获批组建全国重点实验室' '实验室建设取得进展。' \
    'The Linux kernel team met here.'
art exp 2024-04-10 '一次化学课' '老师做了一个实验，学生们很喜欢。' \
    'open source software'
art cat 2024-03-05 '家里的猫' '猫在睡觉。' '第１００１号文件（第二版）'
art dog 2023-12-31 '狗的故事' '它叫旺财，是只好狗。' 'source open, not the phrase'
art mix 2024-05-01 'GDP增长5.2%' 'ＡＢＣ公司的ｉＰｈｏｎｅ销量。' \
    '科学实验和全国重点工作。'

s() { "$READER" --no-config --search "$@" "$lib" 2>"$TEST_TMP/err"; }
# names QUERY: the names of the files that match, in order, by spaces.
names() {
	s "$1" | cut -f3 | sed 's|.*/||; s|\.txt$||' | tr '\n' ' ' |
	    sed 's/ $//'
}

expect_eq "$(names '猫')" "cat" "a one-character word"
expect_eq "$(names '实验')" "lab mix exp" \
    "a two-character word: in the title first, then the newest"
expect_eq "$(names '实验室')" "lab" "a three-character word"
expect_eq "$(names '全国重点')" "lab mix" "a four-character word"
expect_eq "$(names '验实')" "" "characters out of order are not a word"
expect_eq "$(names '实室')" "" "nor are characters apart"
expect_eq "$(names 'linux')" "lab" "a Latin word, whatever its case"
expect_eq "$(names 'KERN*')" "lab" "a Latin prefix"
expect_eq "$(names 'kern')" "" "a Latin word is whole without *"
expect_eq "$(names 'iphone')" "mix" "a full-width word is found half-width"
expect_eq "$(names 'ABC公司')" "mix" "  next to Chinese"
expect_eq "$(names '1001')" "cat" "full-width digits are found"
expect_eq "$(names '（第１００１号')" "cat" "  and so is a full-width query"
expect_eq "$(names '"open source"')" "exp" "a phrase"
expect_eq "$(names '“open source”')" "exp" "a phrase in Chinese quotation marks"
expect_eq "$(names 'open source')" "exp dog" "words without quotes, anywhere"
expect_eq "$(names '实验 -实验室')" "mix exp" "a word left out"
expect_eq "$(names '实验 -"科学实验"')" "lab exp" "a phrase left out"
expect_eq "$(names 'title:实验')" "lab" "a word in the title"
expect_eq "$(names 'linux 天津')" "lab" "one word in the title, one in the text"
expect_eq "$(names 'linux -天津')" "" "  and one left out is looked for in both"
expect_eq "$(names 'title:linux')" "" "a word of the text is not in the title"
expect_eq "$(names '实验 -title:实验')" "mix exp" \
    "a word left out of the title only"
expect_eq "$(names 'date:2024 -猫')" "mix lab exp" \
    "a date and a word left out, and no other word"
expect_eq "$(names '实验 重点')" "lab mix" \
    "matches in the title come first, then the newest"
expect_eq "$(names '实验 date:2024-04')" "lab exp" "a month"
expect_eq "$(names '实验 date:2024-04-10')" "exp" "a day"
expect_eq "$(names '实验 after:2024-04-10')" "lab mix" "after a day"
expect_eq "$(names '实验 before:2024-04-29')" "exp" "before a day"
expect_eq "$(names 'date:2023')" "dog" "a year alone"
expect_eq "$(names 'unread 猫')" "cat" "unread: nothing has been read"
expect_eq "$(names '-unread 猫')" "" "  and nothing is read"

s '实验室' > "$TEST_TMP/out"
expect_eq "$?" 0 "exit status 0 when something matches"
expect_match "$TEST_TMP/out" \
    "^2024-04-29	天津获批组建全国重点实验室	$lib/lab.txt	实验室建设取得进展。\$" \
    "a match is date, title, path and the matched text, by tabs"
expect_eq "$(s '天津' | cut -f4)" "天津获批组建全国重点实验室" \
    "words in the title only: the matched text is the title's"
s '河马' > "$TEST_TMP/out"
expect_eq "$?" 1 "exit status 1 when nothing matches"
expect_eq "$(cat "$TEST_TMP/out")" "" "  and nothing is printed"
for q in '"open' 'date:2024-13' 'after:yesterday' '，。' '-猫' '' \
    'after:2024-05 before:2024-04'; do
	s "$q" > "$TEST_TMP/out"
	expect_eq "$?" 2 "exit status 2 on the bad query '$q'"
	expect_match "$TEST_TMP/err" "^reader: " "  with a message"
done
expect_match "$TEST_TMP/err" "no date can be" "  which says what is wrong"
s '"open' > /dev/null
expect_match "$TEST_TMP/err" \
    "^reader: in the query, '\"open': a quotation mark is not closed\$" \
    "an unclosed quote is named"

# A title with control characters in it never reaches the output raw.
printf '发布时间:2024-01-01 10:00 原文链接: 控制\033[31m字符\n\n  控制字符的\007文章。\n' \
    > "$lib/ctl.txt"
s '控制' > "$TEST_TMP/out"
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$TEST_TMP/out"
then
	check 1 "no control character is printed"
else
	check 0 "no control character is printed"
fi
rm "$lib/ctl.txt"

# Kept up to date.
set -- "$XDG_CACHE_HOME"/reader/search.db
check $([ -f "$1" ] && echo 0 || echo 1) "the index is in XDG_CACHE_HOME"
sed -i 's/猫在睡觉/鹦鹉在说话/' "$lib/cat.txt"
touch -d '2024-06-01' "$lib/cat.txt"
expect_eq "$(names '鹦鹉')" "cat" "a changed file is indexed again"
expect_eq "$(names '睡觉')" "" "  and its old words are gone"
art new 2024-06-02 '新文章' '河马来了。'
expect_eq "$(names '河马')" "new" "an added file is found"
rm "$lib/exp.txt"
expect_eq "$(names '实验')" "lab mix" "a removed file is not"
expect_eq "$("$READER" --no-config --search 实验 "$lib/mix.txt" "$lib/lab.txt" |
    cut -f3 | sed 's|.*/||' | tr '\n' ' ')" "lab.txt mix.txt " \
    "files given by name are searched alone"
printf '发布时间:2024-04-30 10:00 原文链接: 实验\n\n  实验。\n' > "$lib/mix.txt"
expect_eq "$("$READER" --no-config --search 实验 "$lib/mix.txt" |
    cut -f2 | tr '\n' ' ')" "实验 " "  and indexed again when changed"

# Damaged, foreign or old: made again, with a message.
want=$(s '实验')
printf 'not a database at all, just some bytes %0500d' 0 > \
    "$XDG_CACHE_HOME/reader/search.db"
expect_eq "$(s '实验')" "$want" "a damaged index is made again"
expect_match "$TEST_TMP/err" "search index is damaged.*made again" \
    "  with a message"
if command -v python3 > /dev/null; then
	rm -f "$XDG_CACHE_HOME/reader/search.db"
	python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TABLE notes(x)")
db.commit()' "$XDG_CACHE_HOME/reader/search.db"
	expect_eq "$(s '实验')" "$want" "another program's database is not used"
	expect_match "$TEST_TMP/err" "made again" "  with a message"
	python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA user_version = 99")
db.commit()' "$XDG_CACHE_HOME/reader/search.db"
	expect_eq "$(s '实验')" "$want" "an index of another version is not used"
	expect_match "$TEST_TMP/err" "made again" "  with a message"
	python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE meta SET value = \"x\" WHERE key = \"check\"")
db.commit()' "$XDG_CACHE_HOME/reader/search.db"
	expect_eq "$(s '实验')" "$want" "an index with damaged metadata is not used"
	expect_match "$TEST_TMP/err" "made again" "  with a message"
	# Pages of the table of words overwritten: SQLite finds it out
	# only when a search reads them.
	s '实验' > /dev/null
	python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
size = db.execute("PRAGMA page_size").fetchone()[0]
pages = [r[0] for r in db.execute("SELECT rootpage FROM sqlite_master "
    "WHERE name IN (\"text_data\", \"text_idx\")")]
db.close()
with open(sys.argv[1], "r+b") as f:
    for p in pages:
        f.seek((p - 1) * size)
        f.write(b"\xa5" * size)' "$XDG_CACHE_HOME/reader/search.db"
	expect_eq "$(s '实验')" "$want" \
	    "an index found damaged in use is made again"
	expect_match "$TEST_TMP/err" "^reader: the search index is damaged: it is made again$" \
	    "  with a message"
	expect_eq "$(s '实验' 2>&1)" "$want" "  and then used"
else
	skip "python3 is missing: damaged indexes not made"
fi
s '实验' > /dev/null
expect_eq "$(cat "$TEST_TMP/err")" "" "a sound index is used without a word"

# --index: the index brought up to date ahead of searches, quietly.
art ahead 2024-06-03 '先做的索引' '海豚在跳。'
"$READER" --no-config --index "$lib" > "$TEST_TMP/out" 2> "$TEST_TMP/err"
expect_eq "$?" 0 "--index: exit status 0"
expect_eq "$(cat "$TEST_TMP/out" "$TEST_TMP/err")" "" "  and nothing said"
expect_eq "$(names '海豚')" "ahead" "  the file it indexed is found"
"$READER" --no-config --index --search 海豚 "$lib" > /dev/null \
    2> "$TEST_TMP/err"
expect_eq "$?" 2 "--index and --search together: a usage error"
expect_match "$TEST_TMP/err" "^reader: --index and --search cannot be used together$" \
    "  which says so"
: > "$TEST_TMP/not-a-dir"
XDG_CACHE_HOME=$TEST_TMP/not-a-dir "$READER" --no-config --index "$lib" \
    > /dev/null 2> "$TEST_TMP/err"
expect_eq "$?" 1 "--index: exit status 1 when it cannot"
expect_match "$TEST_TMP/err" "^reader: .*search index" "  with a message"

# Traditional and simplified Chinese alike, when reader.ini says so.
art trad 2024-07-01 '國家實驗室' '這是繁體字的文章。'
printf '[general]\nsearch_variants = true\n' > "$TEST_TMP/variants.ini"
expect_eq "$(names '国家实验室')" "" "traditional is not simplified by default"
if grep -q '^#define HAVE_OPENCC 1' "$(dirname "$READER")/../config.h" \
    2>/dev/null; then
	v() {
		"$READER" -c "$TEST_TMP/variants.ini" --search "$1" "$lib" \
		    2>"$TEST_TMP/err" | cut -f3 | sed 's|.*/||; s|\.txt$||' |
		    tr '\n' ' ' | sed 's/ $//'
	}
	expect_eq "$(v '国家实验室')" "trad" \
	    "with search_variants, simplified finds traditional"
	expect_match "$TEST_TMP/err" "other settings: it is made again" \
	    "  the index is made again, with a message"
	expect_eq "$(v '繁体')" "trad" "  and the other way round"
	expect_eq "$(v '实验室')" "trad lab" \
	    "  and simplified still finds simplified"
	# OpenCC is loaded when variants are asked for, not at every start
	# (glibc's loader names each file it loads under LD_DEBUG=files).
	loaded() {
		LD_DEBUG=files "$READER" "$@" >/dev/null 2>"$TEST_TMP/ld"
		if grep -q 'file=[^ ]*libopencc' "$TEST_TMP/ld"; then
			echo yes
		else
			echo no
		fi
	}
	if [ "$(loaded -c "$TEST_TMP/variants.ini" --search 实验室 "$lib")" \
	    = yes ]; then
		expect_eq "$(loaded --no-config --search 实验室 "$lib")" no \
		    "OpenCC is not loaded without search_variants"
		expect_eq "$(loaded --no-config --list "$lib")" no \
		    "  nor by --list"
	elif grep -q 'file=' "$TEST_TMP/ld"; then
		check 1 "OpenCC is loaded for search_variants (LD_DEBUG=files)"
	else
		skip "no LD_DEBUG: when OpenCC is loaded not tested"
	fi
	# An OpenCC that cannot be used (here one without its functions,
	# found first): said, and the search goes on without folding.
	soname=$(sed -n 's/^#define OPENCC_SONAME "\(.*\)"$/\1/p' \
	    "$(dirname "$READER")/../config.h")
	mkdir -p "$TEST_TMP/fakelib"
	if echo 'int reader_not_opencc;' | ${CC:-cc} -shared -fPIC -x c - \
	    -o "$TEST_TMP/fakelib/$soname" 2>/dev/null; then
		LD_LIBRARY_PATH=$TEST_TMP/fakelib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
		    "$READER" -c "$TEST_TMP/variants.ini" --search 实验室 \
		    "$lib" > "$TEST_TMP/out" 2> "$TEST_TMP/err"
		expect_eq "$?" 0 "OpenCC unusable: the search still works"
		expect_eq "$(cut -f3 "$TEST_TMP/out" | sed 's|.*/||; s|\.txt$||' |
		    tr '\n' ' ' | sed 's/ $//')" "lab" \
		    "  without folding"
		expect_match "$TEST_TMP/err" \
		    "^reader: search_variants: OpenCC cannot be used (.*$soname" \
		    "  and says why"
	else
		skip "OpenCC unusable: no C compiler for a library without it"
	fi
else
	echo "# built without OpenCC: search_variants not tested"
fi

finish
