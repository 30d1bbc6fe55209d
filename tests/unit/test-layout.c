/* Unit tests of layout.c: wrapping by UAX #14 and the Chinese rules. */
#include "system.h"

#include "layout.h"
#include "tap.h"
#include "text.h"
#include "xmalloc.h"

static struct layout_scratch	scratch;

/* Wraps s and joins the lines with '|', indents written as spaces. */
static char *
wrap3(const char *s, int width, int first, int rest, int *maxw)
{
	struct lines	 l = { NULL, 0, 0 };
	struct wrap	 w = { width, first, rest };
	char		*out = xmalloc(strlen(s) * 2 + 4 * strlen(s) + 64);
	size_t		 i, o = 0;

	layout_wrap(&scratch, s, strlen(s), &w, &l);
	*maxw = 0;
	for (i = 0; i < l.n; i++) {
		if (i > 0)
			out[o++] = '|';
		memset(out + o, ' ', l.v[i].indent);
		o += l.v[i].indent;
		memcpy(out + o, s + l.v[i].off, l.v[i].len);
		o += l.v[i].len;
		if (l.v[i].width + l.v[i].indent > *maxw)
			*maxw = l.v[i].width + l.v[i].indent;
		if (l.v[i].width != text_width(s + l.v[i].off, l.v[i].len))
			*maxw = 100000;
	}
	out[o] = '\0';
	lines_free(&l);
	return out;
}

static void
check(const char *s, int width, const char *want, const char *name)
{
	int	 maxw;
	char	*got = wrap3(s, width, 0, 0, &maxw);

	is_str(got, want, "%s (width %d)", name, width);
	ok(maxw <= width, "  no line wider than %d (widest %d)", width, maxw);
	free(got);
}

static void
test_latin(void)
{
	check("hello world foo", 11, "hello world|foo", "words");
	check("hello world foo", 5, "hello|world|foo", "one word a line");
	check("hello    world", 8, "hello|world", "spaces at a break vanish");
	check("abcdefghijklmnopqrstuvwxyz", 10,
	    "abcdefghij|klmnopqrst|uvwxyz", "a long word is broken hard");
	check("pay 3,141.59 now", 10, "pay|3,141.59|now", "numbers whole");
	check("", 10, "", "empty paragraph is one empty line");
	check("see https://example.com/a/very/long/path/that/goes/on", 20,
	    "see https://|example.com/a/very/|long/path/that/goes/|on",
	    "a URL breaks after slashes");
	check("see reader.ini and e.g. this", 12, "see|reader.ini|and e.g.|this",
	    "no break after a dot inside a word");
}

static void
test_cjk(void)
{
	check("一二三四五六", 6, "一二三|四五六", "ideographs break anywhere");
	check("一二三四五。六", 10, "一二三四|五。六",
	    "。 never starts a line");
	check("一二三四，五六", 10, "一二三四，|五六", "， may end a full line");
	check("一二三四，五六", 9, "一二三|四，五六",
	    "， never starts a line");
	check("一二三四（五六）", 10, "一二三四|（五六）",
	    "（ never ends a line");
	check("一二三「四」五", 8, "一二三|「四」五", "「 never ends a line");
	check("一二三“四”五", 7, "一二|三“四”|五",
	    "quotes stay with their text");
	check("增长了84.7%以上。", 12, "增长了84.7%|以上。",
	    "a number is not split");
	check("一二三四……五", 9, "一二三|四……五", "…… never starts a line");
	check("中文,English", 8, "中文,|English",
	    "ASCII comma after CJK stays on the line");
}

static void
test_clusters(void)
{
	int	 maxw;
	char	*got;

	check("e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2,
	    "e\xCC\x81" "e\xCC\x81|e\xCC\x81" "e\xCC\x81",
	    "accents stay with their letters");
	/* A family emoji is one cluster of width 8 (4 x 2 by wcwidth). */
	got = wrap3("ab\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80"
	    "\x8D\xF0\x9F\x91\xA7\xE2\x80\x8D\xF0\x9F\x91\xA6", 9, 0, 0,
	    &maxw);
	is_str(got, "ab|\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80"
	    "\x8D\xF0\x9F\x91\xA7\xE2\x80\x8D\xF0\x9F\x91\xA6",
	    "a ZWJ sequence moves whole");
	free(got);
	got = wrap3("\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3\xF0\x9F\x87\xAF"
	    "\xF0\x9F\x87\xB5", 3, 0, 0, &maxw);
	is_str(got, "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3|\xF0\x9F\x87\xAF"
	    "\xF0\x9F\x87\xB5", "flags are not split");
	free(got);
	check("abc \xCC\x81" "de", 3, "abc| \xCC\x81" "de",
	    "a space that carries a mark is not dropped at a line start");
	/* Wider than the line: cut between code points, never past it. */
	got = wrap3("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80"
	    "\x8D\xF0\x9F\x91\xA7", 4, 0, 0, &maxw);
	ok(maxw <= 4, "an over-wide cluster still fits the width (%d)",
	    maxw);
	free(got);
}

static void
test_indent(void)
{
	int	 maxw;
	char	*got;

	got = wrap3("一二三四五六七八", 8, 2, 0, &maxw);
	is_str(got, "  一二三|四五六七|八", "first-line indent");
	free(got);
	got = wrap3("[*] 一二三四五六七八", 10, 0, 4, &maxw);
	is_str(got, "[*] 一二三|    四五六|    七八", "hanging indent");
	free(got);
	got = wrap3("一二三四", 4, 8, 8, &maxw);
	ok(maxw <= 4, "an indent wider than the line is dropped");
	free(got);
}

/* Wraps with indents and compares, as check() does. */
static void
check_indent(const char *s, int width, int first, int rest,
    const char *want, const char *name)
{
	int	 maxw;
	char	*got = wrap3(s, width, first, rest, &maxw);

	is_str(got, want, "%s (width %d, indents %d and %d)", name, width,
	    first, rest);
	ok(maxw <= width, "  no line wider than %d (widest %d)", width, maxw);
	free(got);
}

/* Narrow panes: related excerpts at 10 columns keep 6 for text. */
static void
test_narrow(void)
{
	check_indent("他说那些,100个人中3.2称（那些）。很好。", 10, 4, 4,
	    "    他说那|    些,100|    个人中|    3.2称|    （那|    些）。|"
	    "    很好。", "a related excerpt at 10 columns");
	check_indent("libnss_mymachines.so.2", 23, 4, 4,
	    "    libnss_mymachines.|    so.2",
	    "a file name too long for the line is cut after a dot");
	check_indent("see /usr/lib/x86_64-linux-gnu/libnss_mymachines.so.2",
	    16, 0, 0, "see /usr/lib/|x86_64-linux-|gnu/|libnss_|"
	    "mymachines.so.2", "a path is cut at its own breaks");
	check("snake_case_variable_name", 12, "snake_case_|variable_|name",
	    "a long name is cut after underscores");
	check("https://example.com/s?q=reader&lang=zh", 14,
	    "https://|example.com/s?|q=reader&lang=|zh",
	    "a URL is cut after ? & =");
	check("x abcdef", 6, "x|abcdef", "a word that fits is moved, not cut");
	check("abcd_efgh", 4, "abcd|_efg|h",
	    "a cut leaves no punctuation alone on a line");
	check_indent("Hello world", 10, 8, 0, "        |Hello|world",
	    "a first word that does not fit after a tab moves down");
	check_indent("一二三四", 10, 8, 0, "        一|二三四",
	    "a character that fits stays after the tab");
	check("aaa bbb\u2060ccc ddd", 8, "aaa|bbb\u2060ccc|ddd",
	    "a word joiner joins, the space after it breaks");
	check("10\u00A0km and more", 6, "10\u00A0km|and|more",
	    "a no-break space joins, the space after it breaks");
}

/* A verse that does not fit is cut at its pause, when that leaves the
 * line at least half full; prose is not. */
static void
test_verse(void)
{
	const char	*v = "落帆逗淮镇，停舫临孤驿。";
	struct lines	 l = { NULL, 0, 0 };
	struct wrap	 w = { 20, 2, 2 };
	size_t		 next;
	int		 maxw;
	char		*got;

	next = layout_wrap_part(&scratch, v, strlen(v), 0, strlen(v), &w,
	    true, &l);
	ok(l.n == 2 && l.v[0].len == strlen("落帆逗淮镇，") &&
	    l.v[1].indent == 2 && next == strlen(v),
	    "a verse is cut after its comma, and goes on under itself");
	lines_free(&l);
	w.width = 26;
	(void) layout_wrap_part(&scratch, v, strlen(v), 0, strlen(v), &w,
	    true, &l);
	ok(l.n == 1, "  and not cut when it fits");
	lines_free(&l);
	w.width = 40;
	(void) layout_wrap_part(&scratch, "一，二三四五六七八九十一二三四五六七八九十",
	    strlen("一，二三四五六七八九十一二三四五六七八九十"), 0,
	    strlen("一，二三四五六七八九十一二三四五六七八九十"), &w, true, &l);
	ok(l.n == 2 && l.v[0].width == 38,
	    "  nor where it would leave the line less than half full");
	lines_free(&l);
	got = wrap3(v, 20, 2, 2, &maxw);
	is_str(got, "  落帆逗淮镇，停舫临|  孤驿。", "prose fills its lines");
	free(got);
}

static void
test_hard(void)
{
	int	 maxw;
	char	*got;

	got = wrap3("。。。。。。。。。。。。", 10, 0, 0, &maxw);
	ok(maxw <= 10, "a run of closing marks still fits the width");
	free(got);
	check("abcdefghij.klmnop", 10, "abcdefghi|j.klmnop",
	    "a forced break does not put '.' first");
	check("共计6200......元", 10, "共计|6200......|元",
	    "a run of six dots does not begin a line");
	check("1234567890......", 10, "123456789|0......",
	    "  not even when forced: a digit goes down with them");
	check_indent("新读者证6200......", 12, 4, 4,
	    "    新读者证|    620|    0......",
	    "six dots in an excerpt do not begin a line");
	check("aaaa \u201Dbb cc", 6, "aaaa \u201D|bb cc",
	    "a closing quote after a space does not begin a line");
	check("aaaa \u2026\u2026 cc", 6, "aaa|a \u2026\u2026|cc",
	    "  nor does an ellipsis");
	check("aa \u201C bb", 4, "aa|\u201C bb",
	    "an opening quote before a space does not end one");
	check("abcdefghi\uFF09", 10, "abcdefgh|i\uFF09",
	    "a closing mark pulls the letter before it down");
	check("abcdefghi\u201Cxyz", 10, "abcdefghi|\u201Cxyz",
	    "an opening mark is pushed down");
	check("\u4ED6\u8BF4\uFF1A\u201C\u597D\u3002\u201D\uFF09"
	    "\u300D\u300F\u2026\u2026\u3002", 6,
	    "\u4ED6|\u8BF4\uFF1A|\u201C\u597D\u3002\u201D|\uFF09"
	    "\u300D\u300F|\u2026\u2026\u3002",
	    "a run of marks that nothing can break keeps the width");
}

int
main(void)
{
	tap_locale();
	text_init();
	test_latin();
	test_cjk();
	test_clusters();
	test_indent();
	test_narrow();
	test_verse();
	test_hard();
	layout_scratch_free(&scratch);
	return tap_done();
}
