/* Unit tests of parse.c: header, paragraphs, related items. */
#include "system.h"

#include "parse.h"
#include "tap.h"
#include "text.h"
#include "xmalloc.h"

static struct doc	d;

static void
parse(const char *s)
{
	size_t	 len;
	char	*clean = text_clean(s, strlen(s), &len, NULL);

	doc_free(&d);
	parse_doc(clean, len, &d);
}

static char *
sp(struct span s)
{
	return xstrndup(d.text + s.off, s.len);
}

#define IS_SPAN(span, want, ...) do {					\
	char *g = sp(span);						\
	is_str(g, want, __VA_ARGS__);					\
	free(g);							\
} while (0)

static const char sample[] =
    "发布时间:2024-04-29 10:42 原文链接: 天津市已获批组建17家全国重点实验室\n"
    "\n  \n\n"
    "京津冀创新协同是深入落实京津冀协同发展战略的重要着力点。\n"
    "\n"
    "  建立多层面合作机制方面,我市与科技部召开了部市工作会商会议。\n"
    "\n\n"
    "相关文章\n"
    "\n"
    "这家自然资源部重点实验室开放基金,开始申报\n"
    "\n"
    "为了加强自然资源部......\n"
    "\n"
    "天津市已获批组建17家全国重点实验室\n"
    "\n"
    "京津冀创新协同是......\n"
    "\n"
    "一教育部重点实验室开放开放基金课题指南\n"
    "\n"
    "2024年雷达成像......\n"
    "\n"
    "一教育部重点实验室开放开放基金课题指南\n"
    "\n"
    "2024年雷达成像......\n";

static void
test_sample(void)
{
	parse(sample);
	ok(d.has_header, "header found");
	is_int(d.date, 20240429104200LL, "date");
	IS_SPAN(d.title, "天津市已获批组建17家全国重点实验室", "title");
	is_int(d.url.len, 0, "no URL");
	is_int(d.npara, 2, "two paragraphs");
	is_int(d.paras[0].indent, 0, "first not indented");
	is_int(d.paras[1].indent, 2, "second indented by two");
	IS_SPAN(d.paras[1].text, "建立多层面合作机制方面,我市与科技部召开了部市"
	    "工作会商会议。", "indent is not part of the text");
	is_int(d.nrel, 2, "self and duplicate related items dropped");
	IS_SPAN(d.rel[0].title, "这家自然资源部重点实验室开放基金,开始申报",
	    "first related title");
	IS_SPAN(d.rel[0].excerpt, "为了加强自然资源部......", "its excerpt");
	IS_SPAN(d.rel[1].title, "一教育部重点实验室开放开放基金课题指南",
	    "second related title");
}

static void
test_headers(void)
{
	parse("发布时间：2024-05-02 08:15  原文链接：  某标题\n\n正文。\n");
	is_int(d.date, 20240502081500LL, "full-width colons: date");
	IS_SPAN(d.title, "某标题", "full-width colons: title");
	parse("发布时间 : 2024/5/2 8:05 原文链接 : https://example.com/a?b=1\n"
	    "\n真正的标题\n\n正文第一段。\n");
	IS_SPAN(d.url, "https://example.com/a?b=1", "URL kept");
	IS_SPAN(d.title, "真正的标题", "title from the first line");
	is_int(d.npara, 1, "title line not repeated in the body");
	is_int(d.date, 20240502080500LL, "loose date");
	parse("发布时间:not a date 原文链接: T\n\nx\n");
	is_int(d.date, 0, "bad date means undated");
	ok(d.has_header, "but the header is still a header");
}

static void
test_no_header(void)
{
	parse("\n\n短标题\n\n第一段。\n\n第二段。\n");
	ok(!d.has_header, "no header");
	IS_SPAN(d.title, "短标题", "title is the first line");
	is_int(d.npara, 2, "title consumed");
	parse("This is the start of a paragraph\nthat goes on here.\n\nNext.\n");
	IS_SPAN(d.title, "This is the start of a paragraph", "title from a "
	    "paragraph's first line");
	is_int(d.npara, 2, "which stays in the body");
	IS_SPAN(d.paras[0].text, "This is the start of a paragraph that goes "
	    "on here.", "Latin lines join with a space");
	parse("");
	is_int(d.title.len, 0, "empty text: no title");
	is_int(d.npara, 0, "empty text: no paragraphs");
}

/* A title line of 1200 ambiguous characters is cut at 1000 of them,
 * whatever width the terminal gives them (titles are read before it
 * says, and kept). */
static void
test_long_title(void)
{
	char	line[1200 * 3 + 16];
	size_t	i, n = 0;
	int	w;

	for (i = 0; i < 1200; i++)
		n += text_encode_char(0x2026, line + n);	/* … */
	memcpy(line + n, "\n\nbody\n", sizeof "\n\nbody\n");
	for (w = 1; w <= 2; w++) {
		text_set_ambiguous_width(w);
		parse(line);
		is_int(d.title.len, 1000 * 3, "a long title: 1000 characters "
		    "with ambiguous width %d", w);
	}
	text_set_ambiguous_width(1);
}

static void
test_joining(void)
{
	parse("T\n\n第一行\n第二行\n\u3000\u3000缩进的段落\n继续。\n");
	is_int(d.npara, 1, "lines without a blank between are one paragraph");
	IS_SPAN(d.paras[0].text, "第一行第二行缩进的段落继续。",
	    "CJK lines join without spaces");
	parse("T\n\n\u3000\u3000全角缩进。\n\n\tTab.\n");
	is_int(d.paras[0].indent, 4, "U+3000 indent counts two columns each");
	is_int(d.paras[1].indent, 8, "a tab indents to column 8");
	parse("T\n\n  \xCC\x81" "a\n\n\xCC\x81" "b\n");
	IS_SPAN(d.paras[0].text, " \xCC\x81" "a",
	    "an indent keeps the blank that carries a mark");
	is_int(d.paras[0].indent, 1, "  which is not part of the indent");
	IS_SPAN(d.paras[1].text, "\xC2\xA0\xCC\x81" "b",
	    "a mark that starts a line gets a base");
}

static void
test_verses(void)
{
	parse("T\n\n  落帆逗淮镇，停舫临孤驿。\n  浩浩风起波，冥冥日沉夕。\n"
	    "  独夜忆秦关，听钟未眠客。\n\n  Hard-wrapped prose, its first\n"
	    "line indented\nand the others not.\n");
	is_int(d.npara, 4, "each verse is a paragraph, the prose one");
	IS_SPAN(d.paras[2].text, "独夜忆秦关，听钟未眠客。", "  a verse whole");
	is_int(d.paras[2].indent, 2, "  indented");
	is_int(d.paras[2].hang, 2, "  and so is its wrapped part");
	ok(!d.paras[0].tight && d.paras[1].tight && d.paras[2].tight,
	    "  with no blank line between verses");
	IS_SPAN(d.paras[3].text, "Hard-wrapped prose, its first line indented "
	    "and the others not.", "prose is joined");
	ok(!d.paras[3].tight && d.paras[3].hang == 0,
	    "  and its other lines are not indented");
	parse("T\n\n\u3000\u3000第一段。\n\u3000\u3000第二段。\n");
	is_int(d.npara, 2, "lines that start with U+3000 are kept");
	is_int(d.paras[1].indent, 4, "  with their indent");
}

static void
test_lists(void)
{
	parse("T\n\n包括：\n1. 第一项\n2.第二项，写得很长\n接着写\n（一）第三\n"
	    "①第四\n- five\n• six\n十一、第七\n");
	is_int(d.npara, 8, "each list item is a paragraph");
	IS_SPAN(d.paras[0].text, "包括：", "  the line before them too");
	IS_SPAN(d.paras[2].text, "2.第二项，写得很长接着写",
	    "  an item's wrapped lines are joined");
	is_int(d.paras[1].hang, 3, "  and hang under its text (\"1. \")");
	is_int(d.paras[3].hang, 6, "  (\"（一）\")");
	ok(d.paras[1].tight && d.paras[7].tight, "  no blank line between");
	IS_SPAN(d.paras[5].text, "- five", "  '- ' is a marker");
	parse("T\n\n增长了\n3.2倍，\n1.5万人次\n- 5度\n");
	is_int(d.npara, 1, "numbers with decimals are not list items");
	parse("T\n\n只有一项：\n1. 一项\n");
	is_int(d.npara, 1, "one item alone is prose");
}

static void
test_join_cjk_latin(void)
{
	parse("T\n\n中文\nEnglish words\nand 中文\n2024年\n5月，\n“引用”\n的\n"
	    "└─┘\n以及\n");
	IS_SPAN(d.paras[0].text, "中文 English words and 中文2024年5月，“引用”"
	    "的└─┘以及", "a space where Chinese meets Latin letters only");
	text_set_ambiguous_width(2);
	parse("T\n\n“引用”\n的\n");
	IS_SPAN(d.paras[0].text, "“引用”的",
	    "  whatever the width of ambiguous characters");
	text_set_ambiguous_width(1);
}

static void
test_related(void)
{
	parse("发布时间:2024-01-01 00:00 原文链接: A\n\nbody\n\n相关文章\n\n"
	    "B\n\nb excerpt\n\nC\n");
	is_int(d.nrel, 2, "a title without excerpt at the end");
	is_int(d.rel[1].excerpt.len, 0, "has an empty excerpt");
	parse("T\n\n相关文章\n\n正文里提到相关文章\n\n相关文章\n\nX\n\nx\n");
	is_int(d.npara, 2, "only the last heading starts the section");
	is_int(d.nrel, 1, "one item after it");
}

static void
test_dates(void)
{
	is_int(parse_date("2024-04-29 10:42", 16), 20240429104200LL, "ISO");
	is_int(parse_date("2024-04-29", 10), 20240429000000LL, "date only");
	is_int(parse_date("2024-13-01", 10), 0, "month 13");
	is_int(parse_date("24-01-01", 8), 0, "two-digit year");
	is_int(parse_date("", 0), 0, "empty");
}

int
main(void)
{
	tap_locale();
	text_init();
	test_sample();
	test_headers();
	test_no_header();
	test_long_title();
	test_joining();
	test_verses();
	test_lists();
	test_join_cjk_latin();
	test_related();
	test_dates();
	doc_free(&d);
	return tap_done();
}
