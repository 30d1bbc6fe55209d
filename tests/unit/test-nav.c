/* Unit tests of nav.c: the list's cursor, its scrolling and its filter,
 * on an empty library and on one of twelve articles. nav_check() is
 * asserted after every step. */
#include "system.h"

#include <limits.h>
#include <stdio.h>

#include "corpus.h"
#include "fixture.h"
#include "nav.h"
#include "tap.h"
#include "text.h"
#include "xmalloc.h"

#define NART 12

/* Asserts the invariants after a step. */
#define CHECK(n, ...) do {						\
	const char *why_ = nav_check(n);				\
	ok(why_ == NULL, __VA_ARGS__);					\
	if (why_ != NULL)						\
		printf("#   broken: %s\n", why_);			\
} while (0)

/* Twelve articles, list row r being article NART - 1 - r of the files;
 * every third has 苹果 (apple) in its title, one has ASCII. */
static void
make_library(void)
{
	char	name[32], date[32], title[64], *s;
	int	i;

	for (i = 0; i < NART; i++) {
		snprintf(name, sizeof name, "a%02d.txt", i);
		snprintf(date, sizeof date, "2024-01-%02d 09:00", i + 1);
		snprintf(title, sizeof title, "第%02d篇%s%s", i,
		    i % 3 == 0 ? "苹果" : "", i == 4 ? " Reader ABC" : "");
		s = fx_article(date, title, 1, 10, NULL);
		fx_put(name, s);
		free(s);
	}
}

static void
test_empty(void)
{
	static const long	 deltas[] = { 0, 1, -1, LONG_MAX, LONG_MIN,
	    LONG_MIN + 1 };
	struct corpus		 c;
	struct nav		 n;
	size_t			 i;

	corpus_init(&c);
	nav_init(&n, &c);
	CHECK(&n, "empty: a new list holds");
	is_int(nav_count(&n), 0, "empty: no rows");
	is_int(nav_cursor_article(&n), -1, "empty: no article under the "
	    "cursor");
	for (i = 0; i < ARRAY_SIZE(deltas); i++) {
		nav_move(&n, deltas[i]);
		ok(n.cursor == 0 && n.top == 0, "empty: move by %ld stays at 0",
		    deltas[i]);
		CHECK(&n, "empty: holds after a move by %ld", deltas[i]);
	}
	nav_to(&n, SIZE_MAX);
	is_int(n.cursor, 0, "empty: to the last row of none");
	nav_set_height(&n, 0);
	is_int(n.height, 1, "empty: height 0 becomes 1");
	nav_set_height(&n, INT_MIN);
	is_int(n.height, 1, "empty: a negative height becomes 1");
	CHECK(&n, "empty: holds after sizes");
	nav_filter(&n, "苹果", -1);
	ok(n.filtered && n.nview == 0, "empty: filtered to nothing");
	CHECK(&n, "empty: holds filtered");
	nav_refilter(&n, 3);
	CHECK(&n, "empty: holds refiltered");
	nav_filter(&n, "", 5);
	ok(!n.filtered && n.filter == NULL, "empty: filter dropped");
	is_int(nav_row_of(&n, 0), -1, "empty: no row for article 0");
	nav_refilter(&n, 7);
	is_int(n.cursor, 0, "empty: refilter keeping a missing article");
	CHECK(&n, "empty: holds after all");
	nav_free(&n);
	corpus_free(&c);
}

/* Moves from a row by a delta at a height: where the cursor lands. */
static const struct {
	int	height;
	size_t	from;
	long	delta;
	size_t	cursor;
	size_t	top;
} moves[] = {
	{ 5, 0, 0, 0, 0 },
	{ 5, 0, 1, 1, 0 },
	{ 5, 0, -1, 0, 0 },
	{ 5, 0, 4, 4, 0 },
	{ 5, 0, 5, 5, 1 },
	{ 5, 0, 11, 11, 7 },
	{ 5, 0, 12, 11, 7 },
	{ 5, 0, 100, 11, 7 },
	{ 5, 3, LONG_MAX, 11, 7 },
	{ 5, 3, LONG_MAX - 1, 11, 7 },
	{ 5, 11, LONG_MAX, 11, 7 },
	{ 5, 11, -1, 10, 7 },
	{ 5, 11, -7, 4, 4 },
	{ 5, 11, -11, 0, 0 },
	{ 5, 11, -100, 0, 0 },
	{ 5, 8, LONG_MIN, 0, 0 },
	{ 5, 8, LONG_MIN + 1, 0, 0 },
	{ 5, 0, LONG_MIN, 0, 0 },
	{ 1, 0, 1, 1, 1 },
	{ 1, 5, -1, 4, 4 },
	{ 1, 0, LONG_MAX, 11, 11 },
	{ 1, 11, LONG_MIN, 0, 0 },
	{ 12, 0, 11, 11, 0 },
	{ 12, 11, LONG_MIN, 0, 0 },
	{ 20, 0, LONG_MAX, 11, 0 },
	{ 20, 11, -5, 6, 0 },
	{ INT_MAX, 0, LONG_MAX, 11, 0 },
};

static void
test_moves(const struct corpus *c)
{
	struct nav	n;
	size_t		i;

	for (i = 0; i < ARRAY_SIZE(moves); i++) {
		nav_init(&n, c);
		nav_set_height(&n, moves[i].height);
		nav_to(&n, moves[i].from);
		is_int(n.cursor, moves[i].from, "height %d: to row %zu",
		    moves[i].height, moves[i].from);
		nav_move(&n, moves[i].delta);
		ok(n.cursor == moves[i].cursor && n.top == moves[i].top,
		    "height %d: from %zu by %ld: cursor %zu, top %zu",
		    moves[i].height, moves[i].from, moves[i].delta,
		    moves[i].cursor, moves[i].top);
		if (n.cursor != moves[i].cursor || n.top != moves[i].top)
			printf("#   got cursor %zu, top %zu\n", n.cursor,
			    n.top);
		CHECK(&n, "  holds");
		is_int(nav_cursor_article(&n), (long) n.cursor, "  unfiltered: "
		    "row is library index");
		nav_free(&n);
	}
}

static void
test_sizes(const struct corpus *c)
{
	struct nav	n;

	nav_init(&n, c);
	nav_set_height(&n, 5);
	nav_to(&n, SIZE_MAX);
	ok(n.cursor == NART - 1 && n.top == NART - 5, "to past the end: the "
	    "last row, the last screenful full");
	CHECK(&n, "holds at the end");
	nav_set_height(&n, 20);
	ok(n.cursor == NART - 1 && n.top == 0, "taller than the list: top 0");
	CHECK(&n, "holds taller");
	nav_set_height(&n, 1);
	ok(n.cursor == NART - 1 && n.top == NART - 1, "height 1: top is "
	    "the cursor");
	CHECK(&n, "holds at height 1");
	nav_move(&n, -3);
	is_int(n.top, NART - 4, "height 1: top follows the cursor up");
	nav_set_height(&n, 8);
	ok(n.top <= n.cursor && n.top + 8 <= NART, "taller again: cursor "
	    "shown, no empty rows below");
	CHECK(&n, "holds after growing");
	nav_set_height(&n, -5);
	is_int(n.height, 1, "a negative height is one row");
	CHECK(&n, "holds at a negative height");
	nav_free(&n);
}

static void
test_filter(struct corpus *c)
{
	struct nav	n;
	long		a4 = fx_find(c, "第04篇 Reader ABC");
	long		a3 = fx_find(c, "第03篇苹果");
	long		a9 = fx_find(c, "第09篇苹果");
	long		a5 = fx_find(c, "第05篇");
	size_t		i;

	ok(a4 >= 0 && a3 >= 0 && a9 >= 0 && a5 >= 0, "the library loaded");
	nav_init(&n, c);
	nav_set_height(&n, 3);
	nav_filter(&n, "苹果", a3);
	ok(n.filtered && n.nview == 4, "filter: four titles hold 苹果");
	is_int(nav_cursor_article(&n), a3, "filter: the cursor stays on "
	    "the article kept");
	CHECK(&n, "filter: holds");
	for (i = 0; i < n.nview; i++)
		ok(nav_title_matches(&n, nav_article(&n, i), "苹果"),
		    "  row %zu matches", i);
	is_int(nav_row_of(&n, a5), -1, "filter: an article not shown has "
	    "no row");
	is_int(nav_row_of(&n, -1), -1, "filter: no row for -1");
	is_int(nav_row_of(&n, (long) c->n), -1, "filter: no row past the "
	    "library");
	is_int(nav_article(&n, 4), -1, "filter: no article past the rows");
	nav_move(&n, LONG_MAX);
	is_int(n.cursor, 3, "filter: move to the end of four rows");
	ok(n.top == 1, "filter: the last screenful is full");
	CHECK(&n, "filter: holds at its end");
	nav_filter(&n, "苹果", a5);
	is_int(n.cursor, 0, "filter keeping an article not shown: first row");
	CHECK(&n, "holds");

	nav_filter(&n, "不存在的词", a3);
	ok(n.filtered && nav_count(&n) == 0, "filter to nothing: no rows");
	is_int(nav_cursor_article(&n), -1, "filter to nothing: no article");
	ok(n.cursor == 0 && n.top == 0, "filter to nothing: cursor 0");
	CHECK(&n, "filter to nothing: holds");
	nav_move(&n, 1);
	nav_move(&n, LONG_MIN);
	nav_to(&n, 3);
	is_int(n.cursor, 0, "filter to nothing: moves stay at 0");
	CHECK(&n, "filter to nothing: holds after moves");
	nav_refilter(&n, a3);
	ok(nav_count(&n) == 0 && n.filtered, "refilter of nothing: nothing");
	CHECK(&n, "refilter of nothing: holds");

	nav_filter(&n, "abc", -1);
	ok(n.nview == 1 && nav_cursor_article(&n) == a4, "filter ignores "
	    "ASCII case");
	nav_filter(&n, "ａｂｃ", -1);
	ok(n.nview == 1 && nav_cursor_article(&n) == a4, "filter finds "
	    "full-width as half-width");
	CHECK(&n, "holds");

	nav_filter(&n, "", a9);
	ok(!n.filtered && n.filter == NULL && nav_count(&n) == NART,
	    "an empty filter shows all");
	is_int(nav_cursor_article(&n), a9, "  the cursor on the article "
	    "kept");
	CHECK(&n, "unfiltered: holds");
	nav_refilter(&n, -1);
	is_int(nav_cursor_article(&n), a9, "refilter unfiltered, keeping "
	    "none: the cursor stays");
	nav_refilter(&n, a5);
	is_int(nav_cursor_article(&n), a5, "refilter unfiltered: to the "
	    "article kept");
	CHECK(&n, "holds");
	nav_free(&n);
}

/* The library changes under a filtered list (an article arrives, one
 * leaves): refilter makes it whole again, the cursor on its article. */
static void
test_library_change(struct corpus *c)
{
	struct nav	n;
	char		*s;
	long		a;
	uint64_t	id;

	nav_init(&n, c);
	nav_set_height(&n, 2);
	nav_filter(&n, "苹果", fx_find(c, "第06篇苹果"));
	id = c->v[nav_cursor_article(&n)].id;
	s = fx_article("2025-01-01 09:00", "最新的苹果", 1, 10, NULL);
	fx_put("new.txt", s);
	free(s);
	fx_remove("a09.txt");
	corpus_free(c);
	fx_load(c);
	is_int(c->n, NART, "one came, one went");
	a = corpus_find_id(c, id);
	nav_refilter(&n, a);
	CHECK(&n, "refiltered after the change: holds");
	is_int(nav_count(&n), 4, "four apples again (one new, one gone)");
	is_int(nav_cursor_article(&n), a, "the cursor on the same article");
	is_str(c->v[nav_article(&n, 0)].title, "最新的苹果", "the new one "
	    "first");
	nav_free(&n);
}

/* Rows in a search's order (not the library's): the cursor, the row of
 * an article, back to the whole library where the cursor is. */
static void
test_ranked(const struct corpus *c)
{
	struct nav	 n;
	uint32_t	*rows;
	static const uint32_t order[] = { 7, 2, 9, 0 };
	size_t		 i;

	nav_init(&n, c);
	nav_set_height(&n, 2);
	nav_filter(&n, "苹果", -1);
	rows = nav_rows(&n);
	for (i = 0; i < ARRAY_SIZE(order); i++)
		rows[i] = order[i];
	nav_show_ranked(&n, ARRAY_SIZE(order), "q", 9);
	CHECK(&n, "ranked: holds");
	ok(n.ranked && n.filtered, "ranked and filtered");
	ok(!n.ranked || strcmp(n.filter, "q") == 0, "  labelled");
	is_int(nav_count(&n), 4, "  four rows");
	is_int(nav_cursor_article(&n), 9, "  the cursor on the one kept");
	is_int(n.cursor, 2, "  which is the third row");
	is_int(nav_row_of(&n, 0), 3, "the row of an article, out of order");
	is_int(nav_row_of(&n, 5), -1, "  of one not there: none");
	nav_move(&n, 1);
	is_int(nav_cursor_article(&n), 0, "down: the next in rank");
	CHECK(&n, "  holds");
	nav_refilter(&n, -1);
	is_int(nav_count(&n), 4, "refilter keeps the rows as they are");
	CHECK(&n, "  holds");
	nav_unrank(&n);
	CHECK(&n, "unranked: holds");
	ok(!n.ranked && !n.filtered, "  the whole library");
	is_int(nav_count(&n), NART, "  every row");
	is_int(nav_cursor_article(&n), 0, "  the cursor on the article");
	nav_filter(&n, "苹果", -1);
	rows = nav_rows(&n);
	rows[0] = 5;
	nav_show_ranked(&n, 1, "q", -1);
	nav_filter(&n, "苹果", -1);
	ok(!n.ranked, "a title filter is not ranked");
	CHECK(&n, "  holds");
	nav_free(&n);
}

/* The check is not blind: each invariant broken on purpose is caught. */
static void
test_check_catches(const struct corpus *c)
{
	struct nav	n;
	uint32_t	view[2] = { 3, 2 }, rank_row[NART] = { 0 };

	nav_init(&n, c);
	nav_set_height(&n, 5);
	n.cursor = NART;
	ok(nav_check(&n) != NULL, "caught: cursor past the list");
	n.cursor = 0;
	n.top = 1;
	ok(nav_check(&n) != NULL, "caught: cursor above the screen");
	n.top = NART - 2;
	n.cursor = NART - 1;
	ok(nav_check(&n) != NULL, "caught: scrolled past the end");
	n.top = 0;
	n.cursor = 0;
	n.height = 0;
	ok(nav_check(&n) != NULL, "caught: no rows");
	n.height = 5;
	n.filtered = true;
	ok(nav_check(&n) != NULL, "caught: filtered without its text");
	n.filter = (char *) "x";
	n.view = view;
	n.nview = 2;
	ok(nav_check(&n) != NULL, "caught: rows out of order");
	n.ranked = true;
	rank_row[3] = 1;
	rank_row[2] = 2;
	n.rank_row = rank_row;
	n.nrank_row = NART;
	ok(nav_check(&n) == NULL, "  ranked, that order holds");
	is_int(nav_row_of(&n, 2), 1, "  a row is found by its index");
	is_int(nav_row_of(&n, 4), -1, "  and one not shown is not");
	rank_row[2] = 1;
	ok(nav_check(&n) != NULL, "caught: rows and their index disagree");
	rank_row[2] = 2;
	n.filtered = false;
	ok(nav_check(&n) != NULL, "caught: ranked without a filter");
	n.ranked = false;
	n.rank_row = NULL;
	n.nrank_row = 0;
	n.view = NULL;
	n.filter = NULL;
	n.filtered = false;
	n.nview = 0;
	ok(nav_check(&n) == NULL, "  and whole again");
	nav_free(&n);
}

int
main(void)
{
	struct corpus	c;

	tap_locale();
	text_init();
	fx_start("nav");
	make_library();
	test_empty();
	fx_load(&c);
	is_int(c.n, NART, "twelve articles");
	test_moves(&c);
	test_sizes(&c);
	test_filter(&c);
	test_library_change(&c);
	test_ranked(&c);
	test_check_catches(&c);
	corpus_free(&c);
	fx_end();
	return tap_done();
}
