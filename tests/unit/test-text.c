/* Unit tests of text.c: decoding, sanitizing, widths, truncation. */
#include "system.h"

#include "tap.h"
#include "text.h"

static char *
clean(const char *s, size_t n, enum text_encoding *enc)
{
	size_t	len;

	return text_clean(s, n, &len, enc);
}

static void
check_clean(const char *in, size_t n, const char *want, const char *name)
{
	char	*got = clean(in, n, NULL);

	is_str(got, want, "clean: %s", name);
	free(got);
}

#define CLEAN(in, want, name) check_clean(in, sizeof in - 1, want, name)

static void
test_decoding(void)
{
	enum text_encoding	 e;
	char			*s;

	CLEAN("abc", "abc", "ASCII unchanged");
	CLEAN("\xEF\xBB\xBF中文", "中文", "UTF-8 BOM dropped");
	CLEAN("a\r\nb\rc\n", "a\nb\nc\n", "CRLF and CR become LF");
	CLEAN("\xD6\xD0\xCE\xC4\xA3\xAC\xB2\xE2\xCA\xD4",
	    "中文，测试", "GB18030 converted");
	CLEAN("\x95\x32\x82\x36", "\xF0\xA0\x80\x80",
	    "GB18030 four-byte sequence");
	CLEAN("\xFF\xFE\x2D\x4E\x87\x65", "中文", "UTF-16LE with BOM");
	CLEAN("\xFE\xFF\x4E\x2D\x65\x87", "中文", "UTF-16BE with BOM");
	CLEAN("中文\xFF中文", "中文\xEF\xBF\xBD中文", "lone 0xFF");
	CLEAN("中文中文\xC0\xAF", "中文中文\xEF\xBF\xBD\xEF\xBF\xBD",
	    "overlong encoding");
	CLEAN("中文中文\xED\xA0\x80",
	    "中文中文\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
	    "encoded surrogate: one U+FFFD for each maximal subpart");
	CLEAN("中文中文\xF4\x90\x80\x80", "中文中文\xEF\xBF\xBD"
	    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
	    "past U+10FFFF: one U+FFFD for each maximal subpart");
	CLEAN("中文中文\xF0\x9F\x98" "a", "中文中文\xEF\xBF\xBD" "a",
	    "a cut sequence is one maximal subpart");
	CLEAN("中文中文中\xE6\x96", "中文中文中\xEF\xBF\xBD",
	    "truncated at end of file");
	s = clean("\xD6\xD0\xCE\xC4", 4, &e);
	is_int(e, TEXT_GB18030, "GB18030 detected");
	free(s);
	s = clean("中文\xFF", 7, &e);
	is_int(e, TEXT_UTF8_REPAIRED, "damaged UTF-8 is repaired, not "
	    "taken for GB18030");
	free(s);
}

static void
test_controls(void)
{
	CLEAN("a\x1b[2Jb", "a\xE2\x90\x9B[2Jb", "ESC becomes a picture");
	CLEAN("\x07\x08\x7F", "\xE2\x90\x87\xE2\x90\x88\xE2\x90\xA1",
	    "BEL, BS and DEL become pictures");
	CLEAN("x\xC2\x9B" "31m", "x\xEF\xBF\xBD" "31m",
	    "encoded C1 CSI replaced");
	CLEAN("x\x9B" "31m", "x\xEF\xBF\xBD" "31m", "raw C1 byte replaced");
	CLEAN("a\xE2\x80\xAE" "b\xE2\x81\xA6" "c",
	    "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c", "bidi overrides replaced");
	CLEAN("a\xE2\x80\x8F" "b\xD8\x9C" "c", "abc",
	    "bidi marks (RLM, ALM) are left out");
	CLEAN("a\xCD\xB8" "b", "a\xEF\xBF\xBD" "b",
	    "unassigned code point replaced");
	CLEAN("a\xEF\xBF\xBF" "b", "a\xEF\xBF\xBD" "b", "U+FFFF replaced");
	CLEAN("\x00" "a", "\xE2\x90\x80" "a", "NUL becomes a picture");
	CLEAN("e\xCC\x81", "e\xCC\x81", "combining mark kept");
	CLEAN("\xCC\x81" "e\n\xCC\x81\xCC\x82" "f",
	    "\xC2\xA0\xCC\x81" "e\n\xC2\xA0\xCC\x81\xCC\x82" "f",
	    "a line that starts with marks gets a base for them");
	CLEAN("a\n\xE2\x80\x8B" "b\xE2\x80\x8B" "c",
	    "a\nb\xE2\x80\x8B" "c",
	    "a zero width space is left out only at a line start");
	CLEAN("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9",
	    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9",
	    "zero width joiner kept");
}

static void
test_tabs(void)
{
	CLEAN("a\tb", "a       b", "tab to column 8");
	CLEAN("中\tb", "中      b", "tab after a wide character");
	CLEAN("abcdefgh\tb", "abcdefgh        b", "tab at a tab stop");
	CLEAN("x\n\ty", "x\n        y", "tab column restarts per line");
}

static void
test_clean_str(void)
{
	char	*s = text_clean_str("a\nb\x1b");

	is_str(s, "a\xE2\x90\x8A" "b\xE2\x90\x9B",
	    "one-line strings show newlines");
	free(s);
}

/* 5,000 combining marks on one letter: TEXT_MARKS_MAX are kept, on each
 * letter, the rest are left out. */
static void
test_many_marks(void)
{
	size_t	 n = 5000, i, len;
	char	*raw = malloc(2 * (2 * n + 1) + 1), *got, *s;

	for (s = raw, i = 0; i < 2; i++) {
		*s++ = 'a';
		for (len = 0; len < n; len++) {
			memcpy(s, "\xCC\x81", 2);
			s += 2;
		}
	}
	*s = '\0';
	got = text_clean(raw, strlen(raw), &len, NULL);
	is_int(len, 2 * (1 + 2 * TEXT_MARKS_MAX), "marks on a cell are capped "
	    "at %d", TEXT_MARKS_MAX);
	is_int(text_count_chars(got, len), 2 * (1 + TEXT_MARKS_MAX),
	    "  on each cell");
	free(got);
	got = text_clean_str(raw);
	is_int(strlen(got), 2 * (1 + 2 * TEXT_MARKS_MAX), "  in one-line "
	    "strings too");
	free(got);
	free(raw);
}

static void
test_widths(void)
{
	is_int(text_width("中文abc", strlen("中文abc")), 7, "CJK is two "
	    "columns");
	is_int(text_width("e\xCC\x81", 3), 1, "combining mark takes none");
	is_int(text_width("\xE2\x80\x8B", 3), 0, "zero width space");
	is_int(text_width("，。", 6), 4, "full-width punctuation");
	is_int(text_char_width(0x201C), 1, "ambiguous quote narrow by "
	    "default");
	text_set_ambiguous_width(2);
	is_int(text_char_width(0x201C), 2, "ambiguous quote wide when asked");
	is_int(text_char_width('a'), 1, "ASCII stays narrow");
	is_int(text_char_width(0x4E2D), 2, "CJK stays wide");
	is_int(text_char_width(0xFFFD), 2, "U+FFFD is ambiguous too");
	is_int(text_width("a\xEF\xBF\xBD", 4), 3, "  and counts two");
	text_set_ambiguous_width(1);
	is_int(text_char_width(0x201C), 1, "back to narrow");
	/* A cut by characters, whatever their widths: e + a combining
	 * acute is one. */
	is_int((int) text_fit_clusters("ae\xCC\x81\xE4\xB8\xAD", 8, 2), 4,
	    "two clusters: a, e with its accent");
	is_int((int) text_fit_clusters("ab", 2, 5), 2, "  all when fewer");
	is_int((int) text_fit_clusters("ab", 2, 0), 0, "  none for 0");
}

/* What text_is_plain_ascii() lets through, cleaning leaves as it is. */
static void
test_plain_ascii(void)
{
	char	all[0x7F - 0x20 + 1], *c;
	int	i;

	for (i = 0x20; i < 0x7F; i++)
		all[i - 0x20] = (char) i;
	all[sizeof all - 1] = '\0';
	ok(text_is_plain_ascii(all, strlen(all)), "printable ASCII is plain");
	c = text_clean_str(all);
	is_str(c, all, "  and cleaning leaves it as it is");
	free(c);
	ok(!text_is_plain_ascii("a\tb", 3), "a tab is not");
	ok(!text_is_plain_ascii("a\x1b[m", 4), "an escape is not");
	ok(!text_is_plain_ascii("a\x7f", 2), "DEL is not");
	ok(!text_is_plain_ascii("\xE4\xB8\xAD", 3), "UTF-8 is not");
}

static void
check_ellipsize(const char *s, int cols, const char *want, int wantw)
{
	int	 w;
	char	*got = text_ellipsize(s, strlen(s), cols, &w);

	is_str(got, want, "ellipsize '%s' to %d", s, cols);
	is_int(w, wantw, "  width");
	free(got);
}

static void
test_truncate(void)
{
	int	w;

	is_int(text_fit("中文中文", 12, 5, &w), 6, "fit does not cut a "
	    "wide character");
	is_int(w, 4, "  width 4");
	is_int(text_fit("e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 9, 2, &w), 6,
	    "fit keeps accents with their letters");
	check_ellipsize("天津市已获批", 7, "天津市…", 7);
	check_ellipsize("天津市已获批", 8, "天津市…", 7);
	check_ellipsize("天津市已获批", 12, "天津市已获批", 12);
	check_ellipsize("abcdef", 4, "abc…", 4);
	check_ellipsize("abcdef", 0, "", 0);
	check_ellipsize("\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3"
	    "\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5", 3,
	    "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3…", 3);
}

static void
test_keys(void)
{
	const char	*a = "这家自然资源部重点实验室开放基金,开始申报";
	const char	*b = "这家自然资源部重点实验室开放基金，开始申报";
	const char	*c = " 这家自然资源部 重点实验室开放基金, 开始申报 ";
	const char	*d = "这家自然资源部重点实验室开放基金。开始申报";

	ok(text_title_key(a, strlen(a)) == text_title_key(b, strlen(b)),
	    "full-width comma matches ASCII comma");
	ok(text_title_key(a, strlen(a)) == text_title_key(c, strlen(c)),
	    "white space is ignored");
	ok(text_title_key(a, strlen(a)) != text_title_key(d, strlen(d)),
	    "different punctuation differs");
}

static void
test_rules(void)
{
	const char	*starts = "，。、；：？！）」』】》〕”’…";
	const char	*ends = "（「『【《〔“‘";
	size_t		 i, n;
	uint32_t	 c;
	int		 bad = 0;

	for (i = 0; starts[i] != '\0'; i += n) {
		n = text_next_char(starts + i, strlen(starts + i), &c);
		bad += !text_no_line_start(c);
	}
	is_int(bad, 0, "closing marks may not start a line");
	bad = 0;
	for (i = 0; ends[i] != '\0'; i += n) {
		n = text_next_char(ends + i, strlen(ends + i), &c);
		bad += !text_no_line_end(c);
	}
	is_int(bad, 0, "opening marks may not end a line");
	ok(!text_no_line_start(0x4E2D), "ideographs may start a line");
}

/* Random text of every kind the stream has to carry over from piece to
 * piece: CJK, ASCII, tabs, CR, CRLF, U+2028, invalid bytes; with a line
 * of long_line bytes in the middle. */
static char *
random_text(unsigned seed, size_t n, size_t long_line)
{
	static const char *const bits[] = { "中文", "abc ", "\t", "\r",
	    "\r\n", "\n", "\n\n", "\xE2\x80\xA8", "\xFF", "\xE4\xB8",
	    "\xF0\x9F\x98\x80", "e\xCC\x81", "\x1B[2J", "。", "\xF0\x80",
	    "\xE0\x80", "\xF4\x90\x80", "\xCC\x81\xCC\x81\xCC\x81",
	    "\xED\xA0\x80", "\xE2\x80\x8B" };
	char	*s = malloc(n + long_line + 8);
	size_t	 k = 0, len;
	bool	 put = long_line == 0;

	srand(seed);
	while (k < n) {
		const char *b = bits[rand() % 20];

		if (!put && k >= n / 2) {
			memset(s + k, 'x', long_line);
			k += long_line;
			put = true;
		}
		len = strlen(b);
		memcpy(s + k, b, len);
		k += len;
	}
	s[k] = '\0';
	return s;
}

/* Feeds raw to a stream in pieces of size bytes; true if it comes out as
 * text_clean() makes of it whole. */
static bool
stream_matches(const char *raw, const char *whole, size_t wlen, size_t size,
    bool split)
{
	struct text_stream	 ts, rest;
	size_t			 n = strlen(raw), at, len, middle = n;
	const char		*nl;
	char			*got;
	bool			 same;

	text_stream_init(&ts);
	if (split && (nl = memchr(raw + n / 2, '\n', n - n / 2)) != NULL)
		middle = (size_t) (nl - raw) + 1;
	for (at = 0; at < middle; at += size)
		text_stream_feed(&ts, raw + at,
		    middle - at < size ? middle - at : size);
	if (middle < n) {
		text_stream_init_rest(&rest);
		for (at = middle; at < n; at += size)
			text_stream_feed(&rest, raw + at,
			    n - at < size ? n - at : size);
		text_stream_append(&ts, &rest);
	}
	got = text_stream_finish(&ts, &len);
	same = got != NULL && len == wlen && memcmp(got, whole, len) == 0;
	free(got);
	return same;
}

/* A stream, fed in pieces of any size, whole or as two parts cleaned
 * apart and joined, cleans exactly as text_clean() does the whole at
 * once: lines and characters cut by a piece's end, tabs after one, CRLF
 * across one, and lines longer than a piece. */
static void
test_stream(void)
{
	static const size_t	 sizes[] = { 4096, 65536, 262144, 1000003 };
	size_t			 i, wlen;
	char			*raw, *whole;
	int			 bad = 0, split;

	raw = random_text(1, 1500000, 0);
	whole = text_clean(raw, strlen(raw), &wlen, NULL);
	for (i = 0; i < sizeof sizes / sizeof *sizes; i++)
		for (split = 0; split < 2; split++)
			bad += !stream_matches(raw, whole, wlen, sizes[i],
			    split);
	free(whole);
	raw[100000] = '\0';
	whole = text_clean(raw, strlen(raw), &wlen, NULL);
	bad += !stream_matches(raw, whole, wlen, 1, false);
	bad += !stream_matches(raw, whole, wlen, 7, false);
	free(whole);
	free(raw);
	/* A file that ends in the middle of a character, or in a CR. */
	for (i = 0; i < 2; i++) {
		raw = random_text(3, 300000, 0);
		strcat(raw, i == 0 ? "\xE4\xB8" : "\r");
		whole = text_clean(raw, strlen(raw), &wlen, NULL);
		bad += !stream_matches(raw, whole, wlen, 65536, true);
		free(whole);
		free(raw);
	}
	raw = random_text(2, 600000, 1300000);
	whole = text_clean(raw, strlen(raw), &wlen, NULL);
	for (split = 0; split < 2; split++)
		bad += !stream_matches(raw, whole, wlen, 262144, split);
	free(whole);
	free(raw);
	is_int(bad, 0, "streams in pieces clean as text_clean() does");
}

/* Returns where needle is in hay and how long the match is, as "at+len",
 * or "-1". */
static const char *
find(const char *hay, const char *needle)
{
	static char	buf[32];
	size_t		m = 0;
	long		at = text_find(hay, strlen(hay), 0, needle,
			    strlen(needle), &m);

	if (at < 0)
		return "-1";
	snprintf(buf, sizeof buf, "%ld+%zu", at, m);
	return buf;
}

static void
test_find(void)
{
	is_str(find("实验室", "验"), "3+3", "find: a Chinese character");
	is_str(find("Hello World", "world"), "6+5", "find: case folded");
	is_str(find("公告（第１００１号）", "(第"), "6+6",
	    "find: a half-width bracket finds a full-width one");
	is_str(find("公告（第１００１号）", "1001"), "12+12",
	    "find: half-width digits find full-width ones");
	is_str(find("公告(第1001号)", "（第１００１"), "6+8",
	    "find: full-width forms find half-width ones");
	is_str(find("ＡＢＣ公司", "abc"), "0+9",
	    "find: full-width letters, whatever their case");
	is_str(find("「引用」", "｢引用｣"), "0+12",
	    "find: half-width corner brackets");
	is_str(find("１０１", "1001"), "-1", "find: still every character");
	is_str(find("x1001", "1001"), "1+4", "find: plain ASCII as before");
}

int
main(void)
{
	tap_locale();
	text_init();
	test_decoding();
	test_controls();
	test_tabs();
	test_clean_str();
	test_many_marks();
	test_widths();
	test_plain_ascii();
	test_truncate();
	test_keys();
	test_rules();
	test_stream();
	test_find();
	return tap_done();
}
