/* Unit tests of ftstok.c: how text is cut into the terms of the index. */
#include "system.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistr.h>

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
	const char	*why = "";

#ifdef HAVE_OPENCC
	/* Built with OpenCC: it must load (from OPENCC_SONAME). */
	ok(ftstok_have_variants(&why), "OpenCC is loaded when asked for");
	if (why != NULL) {
		printf("# %s\n", why);
		return;
	}
#else
	ok(!ftstok_have_variants(&why) && why == NULL,
	    "built without OpenCC: no variants, and no system error");
	check("國家", FTSTOK_VARIANTS, "國家 家",
	    "without OpenCC the characters stay");
	return;
#endif
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

/* Terms with their offsets, as text, in a buffer that grows. */
struct terms {
	char	*buf;
	size_t	 len;
	size_t	 cap;
};

static int
collect_all(void *arg, const struct ftstok_term *t)
{
	struct terms	*o = arg;
	size_t		 need = t->len + 64;

	if (o->len + need > o->cap) {
		o->cap = (o->len + need) * 2;
		o->buf = realloc(o->buf, o->cap);
		if (o->buf == NULL)
			abort();
	}
	memcpy(o->buf + o->len, t->s, t->len);
	o->len += t->len;
	o->len += (size_t) snprintf(o->buf + o->len, o->cap - o->len,
	    "@%zu-%zu\n", t->start, t->end);
	return 0;
}

/* Whether the cut with its shortcuts and the one without agree on text
 * with flags; says where they part when they do not. */
static bool
same_cut(const char *text, size_t n, int flags, const char *what)
{
	struct terms	 a, b;
	size_t		 i;
	bool		 ok;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	ftstok_cut(text, n, flags, collect_all, &a);
	ftstok_cut(text, n, flags | FTSTOK_SLOW, collect_all, &b);
	ok = a.len == b.len && (a.len == 0 || memcmp(a.buf, b.buf, a.len) ==
	    0);
	if (!ok) {
		for (i = 0; i < a.len && i < b.len && a.buf[i] == b.buf[i];
		    i++)
			;
		printf("# %s, flags %d: the cuts part at byte %zu of the "
		    "terms\n# fast: %.*s\n# slow: %.*s\n", what, flags, i,
		    (int) (a.len - i < 80 ? a.len - i : 80), a.buf + i,
		    (int) (b.len - i < 80 ? b.len - i : 80), b.buf + i);
	}
	free(a.buf);
	free(b.buf);
	return ok;
}

/* Pieces of text that folding, joining and cutting treat each in their
 * own way. */
static const char *const pieces[] = {
	"实验室", "國家實驗室", "重点", "，", "。", "、", "“", "”", "《",
	"》", "\xe3\x80\x80", "ＡＢＣ", "ａｂｃ", "１００１", "（", "）",
	"％", "～", "ｶﾀｶﾅ", "ｶﾞｲﾄﾞ", "ﾊﾟ", "ﾞ", "ﾟ", "ひらがな", "カタカナー",
	"ガ", "か\xe3\x82\x99", "\xe3\x82\x99", "한국어", "사전",
	"\xe1\x84\x80\xe1\x85\xa1", "\xe1\x85\xa1", "ㄱ", "㍿", "㈱",
	"¼", "½", "ﬁ", "ｆｉ", "İ", "ı", "Σ", "ς", "ß", "ẞ", "Straße",
	"ÉCOLE", "école", "e\xcc\x81", "E\xcc\x81", "\xcc\x81",
	"\xcc\x81\xcc\x88", "Å", "A\xcc\x8a", "Ω", "Ω", "ǅ", "Ǆ", "ŉ",
	"Ⅻ", "ⅻ", "①", "⑴", "²", "™", "℃", "ｷﾛ", "㎏", "ا", "العربية",
	"ب\xd9\x8e", "עברית", "ไทย", "देवनागरी", "क\xe0\xa5\x8d",
	"Ελληνικά", "Кириллица", "Ё", "Ё", "😀", "👍🏽",
	"👨\xe2\x80\x8d👩\xe2\x80\x8d👧", "🇨🇳", "\xe2\x80\x8d",
	"\xef\xb8\x8f", "❤\xef\xb8\x8f", "𠀀", "𪚥", "\xf0\xaf\xa0\x80",
	"丽", "\xef\xbf\xbd", "\xef\xbb\xbf", "\xc2\xa0", "\xe2\x80\x8b",
	"\xff", "\xfe", "\x80", "\xbf", "\xc3", "\xe5\xae", "\xf0\x9f\x98",
	"\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xed\xbf\xbf",
	"\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", " ", "\n", "\t",
	".", ",", "-", "_", "'", "ABC", "abc", "iPhone15", "GDP", "5.2%",
	"2024", "Zebrafish", "linux",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"ééééééééééééééééééééééééééééééééé", "\x01", "\x7f",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

/* A small, fixed pseudo-random sequence. */
static uint32_t
next_random(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return (uint32_t) (*x >> 16);
}

/* The cut's shortcuts make the same terms as the tables: on every code
 * point in a few places, and on text strung together at random from the
 * pieces above and random bytes. */
static void
test_fast_is_slow(void)
{
	static const int flags[] = { 0, FTSTOK_QUERY, FTSTOK_VARIANTS,
	    FTSTOK_QUERY | FTSTOK_VARIANTS };
	char		 text[4096];
	uint8_t		 b[8];
	uint64_t	 x = 0x9e3779b97f4a7c15ULL;
	uint32_t	 c;
	size_t		 n, f;
	int		 i, k, m, bad = 0;

	/* All of the BMP, emoji, the compatibility ideographs and
	 * variation selectors; a sample of the rest. */
	for (c = 0x80; c <= 0x10ffff && bad < 5;
	    c += c < 0x10000 || (c >= 0x1f000 && c < 0x1fb00) ||
	    (c >= 0x2f800 && c < 0x2fa20) || (c >= 0xe0000 && c < 0xe0200) ?
	    1 : 97) {
		if (c >= 0xd800 && c < 0xe000)
			continue;
		m = u8_uctomb(b, c, sizeof b);
		n = (size_t) snprintf(text, sizeof text,
		    "A%.*s中%.*s%.*sx%.*s\xcc\x81 %.*s", m, b, m, b, m, b,
		    m, b, m, b);
		if (!same_cut(text, n, flags[0], "a code point") ||
		    !same_cut(text, n, flags[3], "a code point"))
			bad++;
	}
	is_int(bad, 0, "every code point is cut alike with and without "
	    "shortcuts");
	bad = 0;
	for (i = 0; i < 5000 && bad < 5; i++) {
		n = 0;
		for (k = (int) (next_random(&x) % 24); k >= 0; k--) {
			const char	*p = pieces[next_random(&x) % NPIECES];
			size_t		 len = strlen(p);

			if (next_random(&x) % 8 == 0) {
				/* A byte of any value. */
				text[n++] = (char) (next_random(&x) & 0xff);
				continue;
			}
			if (n + len >= sizeof text)
				break;
			memcpy(text + n, p, len);
			n += len;
		}
		for (f = 0; f < 4; f++)
			if (!same_cut(text, n, flags[f], "random text"))
				bad++;
	}
	is_int(bad, 0, "random text is cut alike with and without "
	    "shortcuts");
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
	test_fast_is_slow();
	return tap_done();
}
