/* Unit tests of ftstok.c: how text is cut into the terms of the index. */
#include "system.h"

#include <stdio.h>

#include "ftstok.h"
#include "tap.h"

struct out {
	char	buf[4096];
	size_t	len;
	bool	offsets;
};

/* Appends a term as text, "@start-end" after it when offsets are asked
 * for. */
static int
collect(void *arg, const struct ftstok_term *t)
{
	struct out	*o = arg;
	int		 n;

	n = snprintf(o->buf + o->len, sizeof o->buf - o->len, "%s%.*s",
	    o->len > 0 ? " " : "", (int) t->len, t->s);
	o->len += (size_t) n;
	if (o->offsets) {
		n = snprintf(o->buf + o->len, sizeof o->buf - o->len,
		    "@%zu-%zu", t->start, t->end);
		o->len += (size_t) n;
	}
	return 0;
}

static void
check(const char *in, int flags, const char *want, const char *name)
{
	struct out	o;

	memset(&o, 0, sizeof o);
	ftstok_cut(in, strlen(in), flags, collect, &o);
	is_str(o.buf, want, "%s", name);
}

static void
check_offsets(const char *in, const char *want, const char *name)
{
	struct out	o;

	memset(&o, 0, sizeof o);
	o.offsets = true;
	ftstok_cut(in, strlen(in), 0, collect, &o);
	is_str(o.buf, want, "offsets: %s", name);
}

/* Stops after the first term. */
static int
first_only(void *arg, const struct ftstok_term *t)
{
	(void) t;
	(*(int *) arg)++;
	return 7;
}

static void
test_chinese(void)
{
	check("实", 0, "实", "document: one character");
	is_int(ftstok_open_end("实", strlen("实"), 0), true,
	    "a lone character is searched as a prefix");
	is_int(ftstok_open_end("abc 实", strlen("abc 实"), 0), true,
	    "  at the end of a query too");
	is_int(ftstok_open_end("实验", strlen("实验"), 0), false,
	    "  but not a pair");
	is_int(ftstok_open_end("实 abc", strlen("实 abc"), 0), false,
	    "  nor a character followed by more");
	check("实验", 0, "实验 验", "document: two characters");
	check("实验室", 0, "实验 验室 室",
	    "document: three characters");
	check("重点实验室", 0, "重点 点实 实验 验室 室",
	    "document: five characters");
	check("实", FTSTOK_QUERY, "实", "query: one character");
	check("实验", FTSTOK_QUERY, "实验", "query: two characters");
	check("实验室", FTSTOK_QUERY, "实验 验室", "query: three characters");
	check("全国重点", FTSTOK_QUERY, "全国 国重 重点",
	    "query: four characters");
	check("实验 室", FTSTOK_QUERY, "实验 验 室",
	    "query: a run followed by more keeps its last character");
	check("实验ABC", FTSTOK_QUERY, "实验 验 abc",
	    "query: a run followed by Latin keeps its last character");
	check("天津，北京。上海", 0, "天津 津 北京 京 上海 海",
	    "punctuation ends a run");
	check("“实验”", 0, "实验 验", "quotation marks separate");
}

static void
test_latin(void)
{
	check("Hello, World 2024", 0, "hello world 2024",
	    "words are folded to lower case");
	check("GDP增长5.2%", 0, "gdp 增长 长 5 2",
	    "Latin and digits next to Chinese");
	check("iPhone15发布", 0, "iphone15 发布 布",
	    "letters and digits are one word");
	check("Straße ÉCOLE", 0, "straße école",
	    "non-ASCII letters are folded to lower case");
	check("cafe\xCC\x81", 0, "cafe\xCC\x81",
	    "a combining mark stays in its word");
	check("ab\xFF" "cd", 0, "ab cd", "an invalid byte separates");
	check("", 0, "", "nothing in, nothing out");
}

static void
test_fullwidth(void)
{
	check("ＡＢＣ１００１", 0, "abc1001",
	    "full-width letters and digits are folded");
	check("（第１００１号）", 0, "第 1001 号",
	    "full-width brackets separate like ASCII ones");
	check("ｶﾀｶﾅ", 0, "カタ タカ カナ ナ",
	    "half-width katakana are folded");
	check("ｶﾞｲﾄﾞ", 0, "ガイ イド ド",
	    "half-width voicing marks join their kana");
	check("㍿", 0, "株式 式会 会社 社",
	    "a compatibility character becomes its characters");
	check_offsets("ＡＢ中",
	    "ab@0-6 中@6-9", "full-width offsets are the input's");
}

static void
test_japanese_korean(void)
{
	check("東京タワー", 0, "東京 京タ タワ ワー ー",
	    "Japanese: kanji and katakana with the length mark");
	check("ひらがな", FTSTOK_QUERY, "ひら らが がな",
	    "Japanese: a hiragana query");
	check("한국어 사전", 0, "한국 국어 어 사전 전",
	    "Korean: words by spaces, pairs inside");
	check("사전", FTSTOK_QUERY, "사전", "Korean: a two-syllable query");
}

static void
test_offsets(void)
{
	int	n = 0;

	check_offsets("实验 ab", "实验@0-6 验@3-6 ab@7-9",
	    "a pair spans both characters");
	is_int(ftstok_cut("实验室", strlen("实验室"), 0, first_only, &n), 7,
	    "the callback stops the cut");
	is_int(n, 1, "and nothing comes after");
}

static void
test_variants(void)
{
	if (!ftstok_have_variants()) {
		printf("# no OpenCC: variants not tested\n");
		check("國家", FTSTOK_VARIANTS, "國家 家",
		    "without OpenCC the characters stay");
		return;
	}
	check("國家實驗室", FTSTOK_VARIANTS,
	    "国家 家实 实验 验室 室",
	    "traditional folded to simplified");
	check("國家", 0, "國家 家", "only when asked");
	check("国家", FTSTOK_VARIANTS, "国家 家",
	    "simplified stays simplified");
}

/* Long runs are cut and never overflow. */
static void
test_long(void)
{
	char	buf[1000];

	memset(buf, 'a', sizeof buf - 1);
	buf[sizeof buf - 1] = '\0';
	check(buf, 0,
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    "a long word is cut at FTSTOK_MAX bytes");
}

int
main(void)
{
	tap_locale();
	test_chinese();
	test_latin();
	test_fullwidth();
	test_japanese_korean();
	test_offsets();
	test_variants();
	test_long();
	return tap_done();
}
