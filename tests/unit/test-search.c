/* Unit tests of search.c: finding text in the open article, forward and
 * back, wrapping around, matches split over two lines (of the file, and
 * of the screen), a large article read in part, and matches left stale
 * by a new page. search_check() and reading_check() are asserted after
 * every step. */
#include "system.h"

#include <stdio.h>

#include "corpus.h"
#include "fixture.h"
#include "reading.h"
#include "search.h"
#include "settings.h"
#include "tap.h"
#include "text.h"
#include "xmalloc.h"

#define CHECK(s, rd, ...) do {						\
	const char *why_ = search_check(s, rd);				\
	if (why_ == NULL)						\
		why_ = reading_check(rd);				\
	ok(why_ == NULL, __VA_ARGS__);					\
	if (why_ != NULL)						\
		printf("#   broken: %s\n", why_);			\
} while (0)

static struct corpus	c;
static struct settings	set;

/* Paragraph 0..39; 苹果 (apple) in paragraphs 2, 10 (twice) and 30. */
static void
make_library(void)
{
	char	*s, *p;
	size_t	 cap = 1 << 16, n = 0;
	int	 i;

	s = xmalloc(cap);
	n += (size_t) snprintf(s + n, cap - n, "发布时间:2024-03-01 09:00 "
	    "原文链接: 水果\n\n");
	for (i = 0; i < 40; i++)
		n += (size_t) snprintf(s + n, cap - n, "第%d段，%s说的是"
		    "别的事情，一句话写得相当长，好让它在窄屏上折成几行。"
		    "\n\n", i,
		    i == 2 || i == 30 ? "苹果" : i == 10 ? "苹果和苹果" : "");
	n += (size_t) snprintf(s + n, cap - n, "末段：京津\n冀，hello\n"
	    "world。ABC\n");
	fx_put("fruit.txt", s);
	free(s);

	/* Distinct characters, so that every piece is found once only. */
	s = xmalloc(4096);
	n = (size_t) snprintf(s, 4096, "发布时间:2024-02-01 09:00 原文链接: "
	    "单字\n\n");
	for (i = 0; i < 200; i++)
		n += text_encode_char(0x4E00 + 0x100 + (uint32_t) i, s + n);
	s[n++] = '\n';
	s[n] = '\0';
	fx_put("distinct.txt", s);
	free(s);

	/* 200 KB with a word only at its end. */
	s = fx_article("2024-01-01 09:00", "大文章", 700, 280, NULL);
	p = xasprintf("%s末尾的暗号。\n", s);
	fx_put("large.txt", p);
	free(p);
	free(s);
}

static void
open_at(struct reading *rd, const char *title, int h, int w)
{
	struct causes	cs;

	causes_init(&cs);
	reading_init(rd, &c, &set);
	reading_set_size(rd, h, w, &cs);
	if (reading_open(rd, fx_find(&c, title), &cs) != 0)
		exit(99);
	reading_fill(rd, &cs);
	causes_free(&cs);
}

/* The paragraph number of the match, from the text before it. */
static int
match_para(const struct search *s, const struct reading *rd)
{
	const struct pblock	*b = &rd->page.b[s->block];

	return b->para;
}

/* Whether the match's first and last bytes are on screen. */
static bool
match_shown(struct search *s, struct reading *rd)
{
	struct pos	a = reading_pos_of_byte(rd, s->block, s->off);
	struct pos	z = reading_pos_of_byte(rd, s->block,
			    s->off + s->len - 1);

	return reading_on_screen(rd, a) && reading_on_screen(rd, z);
}

static void
test_forward_back(void)
{
	struct reading		rd;
	struct search		s;
	struct causes		cs;
	enum search_result	r;
	static const int	fwd[] = { 2, 10, 10, 30 };
	uint32_t		offs[4];
	int			i;

	memset(&s, 0, sizeof s);
	causes_init(&cs);
	open_at(&rd, "水果", 6, 40);
	CHECK(&s, &rd, "opened: holds");
	search_set_needle(&s, "苹果");
	r = search_page(&s, &rd, "苹果", rd.top,
	    (long) reading_pos_byte(&rd, rd.top), 1, &cs);
	is_int(r, SEARCH_FOUND, "from the top: found");
	is_int(match_para(&s, &rd), 2, "  in paragraph 2");
	ok(search_match(&s, &rd) && s.len == strlen("苹果"), "  its length");
	ok(match_shown(&s, &rd), "  on screen");
	CHECK(&s, &rd, "  holds");
	offs[0] = s.off;
	for (i = 1; i < 4; i++) {
		r = search_again(&s, &rd, 1, &cs);
		is_int(r, SEARCH_FOUND, "next %d: found", i);
		is_int(match_para(&s, &rd), fwd[i], "  in paragraph %d",
		    fwd[i]);
		ok(match_shown(&s, &rd), "  on screen");
		CHECK(&s, &rd, "  holds");
		offs[i] = s.off;
	}
	ok(offs[2] > offs[1], "the second of paragraph 10 after the first");
	r = search_again(&s, &rd, 1, &cs);
	is_int(r, SEARCH_WRAPPED, "past the last: wrapped");
	is_int(match_para(&s, &rd), 2, "  to the first");
	ok(match_shown(&s, &rd), "  on screen");
	CHECK(&s, &rd, "  holds");
	r = search_again(&s, &rd, -1, &cs);
	is_int(r, SEARCH_WRAPPED, "back from the first: wrapped");
	is_int(match_para(&s, &rd), 30, "  to the last");
	ok(match_shown(&s, &rd), "  on screen");
	CHECK(&s, &rd, "  holds");
	for (i = 2; i >= 0; i--) {
		r = search_again(&s, &rd, -1, &cs);
		is_int(r, SEARCH_FOUND, "back: found");
		ok(match_para(&s, &rd) == fwd[i] && s.off == offs[i],
		    "  in paragraph %d, the same as forward", fwd[i]);
		CHECK(&s, &rd, "  holds");
	}
	/* With no match shown, again starts from the top row. */
	search_forget_match(&s);
	ok(!search_match(&s, &rd), "forgotten: no match");
	reading_home(&rd, &cs);
	r = search_again(&s, &rd, 1, &cs);
	ok(r == SEARCH_FOUND && match_para(&s, &rd) == 2, "again from the "
	    "top row without a match: the first");
	CHECK(&s, &rd, "holds");
	reading_home(&rd, &cs);
	search_forget_match(&s);
	r = search_again(&s, &rd, -1, &cs);
	ok(r == SEARCH_WRAPPED && match_para(&s, &rd) == 30, "back from the "
	    "top without a match: wraps to the last");
	CHECK(&s, &rd, "holds");

	r = search_page(&s, &rd, "香蕉", rd.top, 0, 1, &cs);
	ok(r == SEARCH_NOT_FOUND && !search_match(&s, &rd), "not there: not "
	    "found, no match");
	r = search_page(&s, &rd, "", rd.top, 0, 1, &cs);
	is_int(r, SEARCH_NOT_FOUND, "an empty needle finds nothing");
	r = search_page(&s, &rd, "abc", rd.top, 0, -1, &cs);
	ok(r == SEARCH_WRAPPED && s.len == 3, "ASCII case ignored, back");
	r = search_page(&s, &rd, "ＡＢＣ", rd.top, 0, 1, &cs);
	ok(r == SEARCH_FOUND && s.len == 3, "full-width finds half-width");
	CHECK(&s, &rd, "holds");
	is_int(cs.n, 0, "nothing to say");
	reading_free(&rd);
	search_free(&s);
	causes_free(&cs);
}

/* The only match: again finds it again, wrapped. Matches split over two
 * lines of the file (joined in the paragraph) and two rows of the
 * screen. */
static void
test_split(void)
{
	struct reading		rd;
	struct search		s;
	struct causes		cs;
	enum search_result	r;
	struct pos		a, z;
	const struct line	*l;
	char			needle[16];
	size_t			k;

	memset(&s, 0, sizeof s);
	causes_init(&cs);
	open_at(&rd, "水果", 6, 40);
	search_set_needle(&s, "津冀");
	r = search_page(&s, &rd, "津冀", rd.top, 0, 1, &cs);
	ok(r == SEARCH_FOUND && s.len == 6, "津|冀 over a line break of the "
	    "file: found");
	CHECK(&s, &rd, "  holds");
	r = search_again(&s, &rd, 1, &cs);
	ok(r == SEARCH_WRAPPED && s.len == 6, "the only match: again wraps "
	    "to itself");
	r = search_again(&s, &rd, -1, &cs);
	ok(r == SEARCH_WRAPPED && s.len == 6, "  and back too");
	r = search_page(&s, &rd, "hello world", rd.top, 0, 1, &cs);
	ok(r == SEARCH_FOUND && s.len == 11, "hello|world over a line break "
	    "of the file: found");
	CHECK(&s, &rd, "  holds");
	reading_free(&rd);

	/* Ten columns: five characters a row. The needle takes the last
	 * two of row 3 and the first two of row 4. */
	open_at(&rd, "单字", 4, 10);
	k = rd.page.body_first;
	ok(page_block(&rd.page, k)->para == 0, "the body's first block");
	reading_rows(&rd, (uint32_t) k);
	l = &rd.page.b[k].lines[3];
	ok(l->off > 0, "row 3 of the paragraph starts inside it");
	memcpy(needle, rd.page.b[k].s + l[1].off - 6, 12);
	needle[12] = '\0';
	search_set_needle(&s, needle);
	r = search_page(&s, &rd, needle, rd.top, 0, 1, &cs);
	ok(r == SEARCH_FOUND && s.block == k && s.len == 12, "a match over "
	    "two rows of the screen: found");
	a = reading_pos_of_byte(&rd, s.block, s.off);
	z = reading_pos_of_byte(&rd, s.block, s.off + s.len - 1);
	is_int(z.row, a.row + 1, "  its ends are on two rows");
	ok(match_shown(&s, &rd), "  both on screen");
	CHECK(&s, &rd, "  holds");
	reading_set_size(&rd, 1, 10, &cs);
	ok(search_match(&s, &rd), "one row: the match stays");
	CHECK(&s, &rd, "  holds");
	r = search_again(&s, &rd, 1, &cs);
	ok(r == SEARCH_WRAPPED && match_shown(&s, &rd) == false &&
	    reading_on_screen(&rd, reading_pos_of_byte(&rd, s.block, s.off)),
	    "one row: again shows its first row");
	CHECK(&s, &rd, "  holds");
	reading_free(&rd);
	search_free(&s);
	causes_free(&cs);
}

/* A large article opens partly; a search reads all of it, and finds
 * what is only at its end. */
static void
test_partial(void)
{
	struct reading		rd;
	struct search		s;
	struct causes		cs;
	enum search_result	r;
	uint32_t		gen;

	memset(&s, 0, sizeof s);
	causes_init(&cs);
	open_at(&rd, "大文章", 10, 60);
	ok(rd.partial, "the large article is read in part");
	gen = rd.gen;
	search_set_needle(&s, "暗号");
	r = search_page(&s, &rd, "暗号", rd.top, 0, 1, &cs);
	is_int(r, SEARCH_FOUND, "the end's word: found");
	ok(!rd.partial && rd.gen != gen, "  all of it was read");
	ok(search_match(&s, &rd) && match_shown(&s, &rd), "  shown");
	ok(reading_at_end(&rd), "  at the end");
	CHECK(&s, &rd, "  holds");

	/* A new page makes the match stale. */
	reading_home(&rd, &cs);
	ok(search_match(&s, &rd), "home: the same page, the match stays");
	if (reading_open(&rd, fx_find(&c, "水果"), &cs) != 0)
		exit(99);
	ok(!search_match(&s, &rd), "another article: the match is stale");
	ok(s.has_match, "  though it was not forgotten");
	CHECK(&s, &rd, "  holds");
	r = search_again(&s, &rd, 1, &cs);
	ok(r == SEARCH_NOT_FOUND && !s.has_match, "again for a word not in "
	    "this one: not found");
	CHECK(&s, &rd, "  holds");

	/* The tail of it shown, then a search from there. */
	if (reading_open(&rd, fx_find(&c, "大文章"), &cs) != 0)
		exit(99);
	reading_end(&rd, &cs);
	ok(rd.partial && rd.tail, "End: the tail alone");
	r = search_page(&s, &rd, "第3段", rd.top,
	    (long) reading_pos_byte(&rd, rd.top), 1, &cs);
	is_int(r, SEARCH_WRAPPED, "from the tail, a word near the start: "
	    "wrapped");
	ok(!rd.partial && match_para(&s, &rd) == 3 && match_shown(&s, &rd),
	    "  the whole read, paragraph 3 shown");
	CHECK(&s, &rd, "  holds");
	is_int(cs.n, 0, "nothing to say");
	reading_free(&rd);

	/* No page: nothing to find. */
	reading_init(&rd, &c, &set);
	r = search_page(&s, &rd, "苹果", rd.top, 0, 1, &cs);
	ok(r == SEARCH_NOT_FOUND && !search_match(&s, &rd), "no page: not "
	    "found");
	CHECK(&s, &rd, "  holds");
	reading_free(&rd);
	search_set_needle(&s, NULL);
	ok(s.needle == NULL, "needle dropped");
	search_free(&s);
	causes_free(&cs);
}

/* A library search's words: found as the index finds them (CJK pairs,
 * Latin words folded, phrases), forward and back, marks prepared for
 * the blocks on screen. */
static void
test_query(void)
{
	struct reading		 rd;
	struct search		 s;
	struct causes		 cs;
	enum search_result	 r;
	struct pos		 start = { 0, 0 };
	const struct search_marks *m;
	uint32_t		 b;
	size_t			 k, nmarks = 0;

	memset(&s, 0, sizeof s);
	causes_init(&cs);
	open_at(&rd, "水果", 6, 40);
	is_int(search_set_query(&s, "\"没有结尾", 0), -1,
	    "a malformed query is refused");
	ok(search_text(&s) == NULL, "  and nothing is remembered");
	search_set_needle(&s, "苹果");
	is_int(search_set_query(&s, "苹果 -香蕉", 0), 0, "a query is taken");
	ok(s.needle == NULL && strcmp(search_text(&s), "苹果 -香蕉") == 0,
	    "  in place of the needle");
	r = search_page(&s, &rd, NULL, start, 0, 1, &cs);
	ok(r == SEARCH_FOUND && match_para(&s, &rd) == 2, "the first match "
	    "from the start: paragraph 2");
	ok(s.len == strlen("苹果"), "  the word's length");
	ok(match_shown(&s, &rd), "  on screen");
	CHECK(&s, &rd, "  holds");
	r = search_again(&s, &rd, 1, &cs);
	ok(r == SEARCH_FOUND && match_para(&s, &rd) == 10, "next: "
	    "paragraph 10");
	r = search_again(&s, &rd, 1, &cs);
	ok(r == SEARCH_FOUND && match_para(&s, &rd) == 10, "  and again in "
	    "it");
	r = search_again(&s, &rd, -1, &cs);
	r = search_again(&s, &rd, -1, &cs);
	ok(r == SEARCH_FOUND && match_para(&s, &rd) == 2, "back: paragraph "
	    "2");
	r = search_again(&s, &rd, -1, &cs);
	ok(r == SEARCH_WRAPPED && match_para(&s, &rd) == 30, "back past it: "
	    "wrapped to 30");
	CHECK(&s, &rd, "  holds");

	/* The marks of the blocks on screen. */
	search_prepare(&s, &rd, 0, (uint32_t) rd.page.nb - 1);
	CHECK(&s, &rd, "marks prepared: hold");
	for (b = 0; b < rd.page.nb; b++)
		if ((m = search_marks_of(&s, &rd, b)) != NULL)
			for (k = 0; k < m->n; k++, nmarks++)
				ok(memcmp(rd.page.b[b].s + m->sp[k].off,
				    "苹果", m->sp[k].len) == 0 &&
				    m->sp[k].len == strlen("苹果"),
				    "  mark %zu is the word", nmarks);
	is_int(nmarks, 4, "four marks in all");

	/* Latin words folded, a phrase, a prefix. */
	search_set_query(&s, "HELLO", 0);
	r = search_page(&s, &rd, NULL, start, 0, 1, &cs);
	ok(r == SEARCH_FOUND && s.len == 5, "a Latin word, its case folded");
	search_set_query(&s, "\"hello world\"", 0);
	r = search_page(&s, &rd, NULL, start, 0, 1, &cs);
	ok(r == SEARCH_FOUND && s.len == strlen("hello\nworld"),
	    "a phrase over a line end");
	search_set_query(&s, "wor*", 0);
	r = search_page(&s, &rd, NULL, start, 0, 1, &cs);
	ok(r == SEARCH_FOUND && s.len == 5, "a prefix, the whole word marked");
	search_set_query(&s, "香蕉", 0);
	r = search_page(&s, &rd, NULL, start, 0, 1, &cs);
	ok(r == SEARCH_NOT_FOUND && !search_match(&s, &rd), "a word not "
	    "there: not found");
	CHECK(&s, &rd, "  holds");

	/* A new page: the marks are of the old one. */
	search_set_query(&s, "苹果", 0);
	search_prepare(&s, &rd, 0, 3);
	if (reading_open(&rd, fx_find(&c, "单字"), &cs) != 0)
		exit(99);
	ok(search_marks_of(&s, &rd, 0) == NULL, "another page: no marks");
	CHECK(&s, &rd, "  holds");
	is_int(cs.n, 0, "nothing to say");
	reading_free(&rd);
	search_free(&s);
	causes_free(&cs);
}

/* The check is not blind. */
static void
test_check_catches(void)
{
	struct reading		rd;
	struct search		s;
	struct causes		cs;

	memset(&s, 0, sizeof s);
	causes_init(&cs);
	open_at(&rd, "水果", 6, 40);
	search_page(&s, &rd, "苹果", rd.top, 0, 1, &cs);
	ok(search_check(&s, &rd) == NULL, "a match holds");
	s.block = (uint32_t) rd.page.nb;
	ok(search_check(&s, &rd) != NULL, "caught: match past the page");
	s.block = (uint32_t) rd.page.body_first;
	s.off = rd.page.b[s.block].len;
	ok(search_check(&s, &rd) != NULL, "caught: match past its block");
	s.gen = rd.gen + 1;
	ok(search_check(&s, &rd) == NULL, "  not on this page: not checked");
	reading_free(&rd);
	search_free(&s);
	causes_free(&cs);
}

int
main(void)
{
	tap_locale();
	text_init();
	settings_defaults(&set);
	fx_start("search");
	make_library();
	fx_load(&c);
	is_int(c.n, 3, "three articles");
	test_forward_back();
	test_split();
	test_partial();
	test_query();
	test_check_catches();
	corpus_free(&c);
	settings_free(&set);
	fx_end();
	return tap_done();
}
