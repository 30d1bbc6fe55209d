#!/bin/sh
# The library search (S): the query on Enter, the results in the list
# best first with a line of their text each and the count; a result
# opened at its first match with every match marked, n/N through them;
# n/N through the results in the list; Esc gives back the whole list
# where it was; a query that is not one keeps the prompt with the reason
# under it; nothing found leaves the list alone; full-width forms; a
# narrow screen.
. "$srcdir/tests/screen/lib.sh"
FRESH=1

lib=$TEST_TMP/lib
mkdir -p "$lib"
art lab 2024-04-29 '天津获批组建全国重点实验室' '实验室建设取得进展。' \
    'The Linux kernel team met here.'
art exp 2024-04-10 '一次化学课' '老师做了一个实验，学生们很喜欢。' \
    'open source software' '第二个实验在下午。'
art cat 2024-03-05 '家里的猫' '猫在睡觉。' '第１００１号文件（第二版）'
art dog 2023-12-31 '狗的故事' '它叫旺财，是只好狗。' 'source open, not the phrase'
art mix 2024-05-01 'GDP增长5.2%' 'ＡＢＣ公司的ｉＰｈｏｎｅ销量。' \
    '科学实验和全国重点工作。'

# reader_row REGEX: the first row of the reading pane (below row 8) of
# the last screen that matches.
reader_row() {
	sed '/^--$/,$d' "$TEST_TMP/screen" | grep -n -e "$1" |
	    awk -F: '$1 > 8 { print $1; exit }'
}

# The results, best first: the title's match, then the newest.
screen --frames --attrs 'S text:实验 Enter' "$lib" > /dev/null
expect_ok "replay of a library search"
# (A frame per event: start, S, each character typed, Enter.)
frame 3
expect_row 24 '^Search all: 实验 ' "S prompts for the query"
expect_row 1 '^ Articles: 5$' "  the list stays as it is while it is typed"
frame 4
expect_row 1 '^ Library search "实验": 3 articles$' \
    "Enter shows the results, the heading says the query and the count"
expect_row 2 '^N 2024-04-29  天津获批组建全国重点实验室$' \
    "  first the article with the words in its title"
expect_row 3 '^  实验室建设取得进展。$' "  under it, a line of its text"
expect_attr 3 '^LLSSSSLL*$' "    its words marked"
expect_row 4 '^N 2024-05-01  GDP增长5.2%$' "  then the newest"
expect_row 5 '^  科学实验和全国重点工作。$' "    with the line that has the words"
expect_attr 5 '^mmmmmmSSSSm*$' "    marked, the rest dimmed"
expect_row 6 '^N 2024-04-10  一次化学课$' "  then the older"
expect_row 7 '^  老师做了一个实验，学生们很喜欢。$' "    and its line"
expect_row 24 '^ 3 articles match  *1/3  5 unread$' \
    "  the status line says how many, and the position among them"

# Opening one: at its first match, every match marked; n and N.
screen --frames --attrs 'S text:实验 Enter j j Enter n n N' "$lib" \
    > /dev/null
frame 7
expect_row 8 '^ 一次化学课$' "Enter opens the result under the cursor"
r=$(reader_row '^  老师做了一个实验')
r2=$(reader_row '^  第二个实验在下午。')
expect_attr "$r" '^bbbbbbbbbbbbbbCCCCb*$' "  the first match is the current one"
expect_attr "$r2" '^bbbbbbbbSSSSb*$' "  every other match is marked"
frame 8
expect_attr "$r" '^bbbbbbbbbbbbbbSSSSb*$' "n: the first is no longer current"
expect_attr "$r2" '^bbbbbbbbCCCCb*$' "  the next one is"
frame 9
expect_row 24 '^ search wrapped around' "n past the last wraps, and says so"
expect_attr "$r" '^bbbbbbbbbbbbbbCCCCb*$' "  back to the first"
frame 10
expect_attr "$r2" '^bbbbbbbbCCCCb*$' "N goes back"

# J opens the next result, at its first match.
screen --attrs 'S text:实验 Enter Enter J' "$lib" > /dev/null
expect_row 8 '^ GDP增长5.2%$' "J opens the next result"
r=$(reader_row '^  科学实验和全国重点工作。')
expect_attr "$r" '^bbbbbbCCCCb*$' "  at its first match"

# The words in the title: the title is marked.
screen --attrs 'S text:实验 Enter Enter' "$lib" > /dev/null
expect_attr 9 '^T\{20\}CCCCTTb*$' "a match in the title is the first one"

# n and N in the list go from result to result.
screen 'S text:实验 Enter n n N' "$lib" > /dev/null
expect_row 24 ' 2/3  5 unread$' "n and N in the list move among the results"
screen 'S text:实验 Enter N' "$lib" > /dev/null
expect_row 24 '^ search wrapped around .* 3/3 ' "  and wrap around"

# Esc gives back the whole list, the cursor where it was on its screen.
screen --size=80x10 --frames 'G k S text:实验 Enter j Escape' "$lib" \
    > /dev/null
expect_ok "replay of a library search and back"
frame 2
before=$(sed '/^--$/,$d' "$TEST_TMP/screen" | sed -n '1,3p')
frame 8
expect_row 1 '^ Articles: 5$' "Esc in the list gives back the whole library"
after=$(sed '/^--$/,$d' "$TEST_TMP/screen" | sed -n '1,3p')
expect_eq "$after" "$before" "  with the cursor and the rows as they were"

# / in the results filters the whole library's titles.
screen 'S text:实验 Enter / text:猫' "$lib" > /dev/null
expect_ok "  (the state holds)"
expect_row 1 '^ Articles matching "猫": 1 of 5$' \
    "/ after a library search filters the whole library"
screen 'S text:实验 Enter / Escape' "$lib" > /dev/null
expect_ok "  (the state holds)"
expect_row 1 '^ Articles: 5$' "  and Esc gives it whole"

# Esc in the reading pane takes the marks away, not the results.
screen --attrs 'S text:实验 Enter Enter Escape' "$lib" > /dev/null
expect_row 1 '^ Library search "实验": 3 articles$' \
    "Esc in the reading pane keeps the results"
sed -n '/^--$/,$p' "$TEST_TMP/screen" | sed -n '10,24p' | grep -q '[SC]'
expect_eq $? 1 "  and the marks are gone from the text"
screen 'S text:实验 Enter Enter Tab Escape' "$lib" > /dev/null
expect_row 1 '^ Articles: 5$' "  Tab, then Esc: the whole list"

# A query that is not one: the prompt stays, the reason under it.
screen --frames 'S text:"实验 Enter Backspace' "$lib" > /dev/null
frame 5
expect_row 23 '^Search all: "实验 ' "a malformed query keeps its prompt"
expect_row 24 'quotation mark is not closed' "  with the reason under it"
expect_row 1 '^ Articles: 5$' "  and the list as it was"
frame 6
expect_row 24 '^Search all: "实 ' "  editing it takes the reason away"
screen 'S text:"实验 Enter Escape' "$lib" > /dev/null
expect_row 24 '^  *1/5  5 unread$' "  Esc cancels it"
expect_row 1 '^ Articles: 5$' "    the list unchanged"
screen 'S text:-实验 Enter' "$lib" > /dev/null
expect_screen 'needs a word to find' "a query of words left out only says so"

# Nothing found.
screen 'S text:zebrafish Enter' "$lib" > /dev/null
expect_row 24 '^ nothing matches: zebrafish ' "nothing found is said"
expect_row 1 '^ Articles: 5$' "  and the list stays"
screen --attrs 'S text:实验 Enter S text:zebrafish Enter' "$lib" > /dev/null
expect_ok "  (the state holds)"
expect_row 24 '^ nothing matches: zebrafish ' "nothing found after results"
expect_row 1 '^ Library search "实验": 3 articles$' "  the results stay"
expect_row 3 '^  实验室建设取得进展。$' "  with their lines"

# The query's forms: title:, dates, phrases, words left out, full width.
screen 'S text:title:实验 Enter' "$lib" > /dev/null
expect_row 1 '"title:实验": 1 article$' "title: keeps titles"
screen 'S text:实验 Space text:date:2024-04 Enter' "$lib" > /dev/null
expect_row 1 ': 2 articles$' "date: keeps a month"
screen 'S text:实验 Space text:-实验室 Enter' "$lib" > /dev/null
expect_row 1 ': 2 articles$' "-word leaves out"
screen 'S text:"open Space text:source" Enter' "$lib" > /dev/null
expect_row 1 ': 1 article$' "a phrase"
expect_row 3 '^  open source software$' "  its line"
screen --attrs 'S text:（第１００１号 Enter Enter' "$lib" > /dev/null
expect_row 1 '"（第１００１号": 1 article$' "a full-width query"
r=$(reader_row '^  第１００１号')
expect_attr "$r" '^bbC\{12\}b*$' "  its match is the current one in the text"
screen --attrs 'S text:1001 Enter' "$lib" > /dev/null
expect_row 3 '^  第１００１号文件（第二版）$' "half-width digits find full-width ones"
expect_attr 3 '^LLLLSSSSSSSSL*$' "  and mark them"

# A narrow screen: a result's line is cut, not wrapped.
screen --size=40x12 'S text:实验 Enter' "$lib" > /dev/null
expect_row 1 '^ Library search "实验": 3 articles$' "at 40x12 the heading fits"
expect_row 2 '^N 2024-04-29  天津获批组建全国重点实验室$' "  the row fits"
expect_row 3 '^  实验室建设取得进展。$' "  the text under it"
screen --size=40x12 'S text:"实验 Enter' "$lib" > /dev/null
expect_row 10 '^Search all: "实验 ' "  a long reason takes more rows"
expect_row 11 'quotation' "    under the prompt"
expect_row 12 'not closed' "    wrapped, not cut"

# The same query from the reading pane and from a zoomed one.
screen 'Enter z S text:猫 Enter' "$lib" > /dev/null
expect_row 1 '^ Library search "猫": 1 article$' \
    "S from a zoomed reading pane shows the list"

finish
