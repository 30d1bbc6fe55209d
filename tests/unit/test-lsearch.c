/* Unit tests of lsearch.c: indexing a library in the background to the
 * end, queries and their rows (best first, copies once, articles gone
 * dropped), snippets made for the rows on screen only, a malformed
 * query, a library that changes while it is indexed. lsearch_check() is
 * asserted after every step. */
#include "system.h"

#include <stdio.h>
#include <stdlib.h>

#include "corpus.h"
#include "fixture.h"
#include "lsearch.h"
#include "tap.h"
#include "text.h"
#include "xmalloc.h"

#define CHECK(ls, ...) do {						\
	const char *why_ = lsearch_check(ls);				\
	ok(why_ == NULL, __VA_ARGS__);					\
	if (why_ != NULL)						\
		printf("#   broken: %s\n", why_);			\
} while (0)

static struct corpus	c;

/* Loads lib/ of the directory into c, newest first. */
static void
load(void)
{
	struct causes	 cs;
	char		*p = fx_path("lib");

	corpus_free(&c);
	corpus_init(&c);
	causes_init(&cs);
	if (corpus_add_path(&c, p, &cs) != 0) {
		causes_print(&cs, stderr);
		exit(99);
	}
	causes_free(&cs);
	corpus_sort(&c, CORPUS_SORT_DATE, false);
	free(p);
}

static void
put(const char *name, const char *date, const char *title,
    const char *body)
{
	char	*rel = xasprintf("lib/%s", name);
	char	*s = xasprintf("发布时间:%s 10:00 原文链接: %s\n\n  %s\n",
		    date, title, body);

	fx_put(rel, s);
	free(s);
	free(rel);
}

/* The titles of the rows of the results, by spaces. */
static char *
titles(struct lsearch *ls)
{
	uint32_t	*rows = xcalloc(c.n + 1, sizeof *rows);
	size_t		 n = lsearch_rows(ls, &c, rows), i;
	char		*s = xstrdup(""), *t;

	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%s", s, i > 0 ? " " : "",
		    c.v[rows[i]].title);
		free(s);
		s = t;
	}
	free(rows);
	return s;
}

static bool
never_read(void *arg, uint64_t id)
{
	(void) arg;
	(void) id;
	return false;
}

static void
test_search(void)
{
	struct lsearch		 ls;
	struct causes		 cs;
	enum lsearch_result	 r;
	const struct lsnippet	*sn;
	uint32_t		*rows;
	char			*t;
	size_t			 n, i;

	causes_init(&cs);
	lsearch_init(&ls, 0);
	CHECK(&ls, "new: holds");
	r = lsearch_run(&ls, "\"未完", &c, never_read, NULL, &cs);
	is_int(r, LSEARCH_BAD_QUERY, "a malformed query: said so");
	ok(cs.n == 1 && strstr(cs.msg[0], "quotation") != NULL,
	    "  with the reason");
	ok(!ls.active, "  no results");
	causes_clear(&cs);

	lsearch_start(&ls, &c, &cs);
	ok(ls.indexing, "started: indexing");
	CHECK(&ls, "  holds");
	lsearch_finish(&ls, &c, &cs);
	ok(!ls.indexing && ls.complete, "finished: complete");
	is_int(ls.done, ls.total, "  every file done");
	ok(!ls.shown, "  too quick to show its progress");
	is_int(cs.n, 0, "  nothing to say");
	CHECK(&ls, "  holds");

	r = lsearch_run(&ls, "实验", &c, never_read, NULL, &cs);
	is_int(r, LSEARCH_OK, "a query runs");
	ok(ls.active && ls.complete, "  results, from the whole index");
	t = titles(&ls);
	is_str(t, "科学实验 重点实验室 一次化学课", "  in the title first, "
	    "then the newest; a copy once");
	free(t);
	is_int(ls.n, 3, "  three results");
	CHECK(&ls, "  holds");

	rows = xcalloc(c.n + 1, sizeof *rows);
	n = lsearch_rows(&ls, &c, rows);
	ok(lsearch_snippet(&ls, 0) == NULL, "no snippet before it is shown");
	lsearch_prepare(&ls, &c, rows, 1, 1, 40);
	ok(lsearch_snippet(&ls, 0) == NULL && lsearch_snippet(&ls, 2) ==
	    NULL, "  those off screen are not made");
	sn = lsearch_snippet(&ls, 1);
	ok(sn != NULL && strstr(sn->text, "实验") != NULL, "the row shown "
	    "has its line: %s", sn != NULL ? sn->text : "(none)");
	ok(sn != NULL && sn->nsp >= 1 && memcmp(sn->text + sn->sp[0].off,
	    "实验", 6) == 0, "  its words marked");
	CHECK(&ls, "  holds");
	lsearch_prepare(&ls, &c, rows, 0, n, 12);
	for (i = 0; i < n; i++) {
		sn = lsearch_snippet(&ls, i);
		ok(sn != NULL && text_width(sn->text, strlen(sn->text)) <= 16,
		    "narrower: line %zu made again for the width", i);
	}
	CHECK(&ls, "  holds");
	free(rows);

	r = lsearch_run(&ls, "zebrafish", &c, never_read, NULL, &cs);
	ok(r == LSEARCH_NONE && ls.active && ls.n == 3 &&
	    strcmp(ls.text, "实验") == 0, "nothing found: the last results "
	    "stay");
	lsearch_drop(&ls);
	ok(!ls.active && strcmp(ls.text, "实验") == 0, "dropped: the query "
	    "is kept");
	CHECK(&ls, "  holds");

	/* One goes, one changes, one comes: the rows follow at once, the
	 * index when it is told. */
	r = lsearch_run(&ls, "实验", &c, never_read, NULL, &cs);
	fx_remove("lib/c.txt");
	fx_remove("lib/c2.txt");
	put("e.txt", "2024-06-01", "新来的", "这里也有实验。");
	load();
	lsearch_library_changed(&ls);
	ok(!ls.complete, "the library changed: the index is not complete");
	t = titles(&ls);
	is_str(t, "科学实验 重点实验室", "  the rows drop the one gone");
	free(t);
	CHECK(&ls, "  holds");
	lsearch_start(&ls, &c, &cs);
	lsearch_library_changed(&ls);
	lsearch_finish(&ls, &c, &cs);
	ok(ls.complete, "changed while indexing: done again, complete");
	r = lsearch_run(&ls, "实验", &c, never_read, NULL, &cs);
	t = titles(&ls);
	is_str(t, "科学实验 重点实验室 新来的", "  the new one is found");
	free(t);
	is_int(cs.n, 0, "nothing to say");
	CHECK(&ls, "  holds");
	lsearch_free(&ls);
	causes_free(&cs);
}

/* The check is not blind. */
static void
test_check_catches(void)
{
	struct lsearch	ls;
	struct causes	cs;
	char		bad[] = "x";
	struct span	sp = { 0, 5 };

	causes_init(&cs);
	lsearch_init(&ls, 0);
	ls.indexing = true;
	ok(lsearch_check(&ls) != NULL, "caught: indexing without an index");
	ls.indexing = false;
	lsearch_run(&ls, "实验", &c, never_read, NULL, &cs);
	ok(ls.n > 0 && lsearch_check(&ls) == NULL, "results hold");
	ls.snip[0].text = bad;
	ls.snip[0].sp = &sp;
	ls.snip[0].nsp = 1;
	ok(lsearch_check(&ls) != NULL, "caught: a mark past its line");
	memset(&ls.snip[0], 0, sizeof ls.snip[0]);
	lsearch_free(&ls);
	causes_free(&cs);
}

int
main(void)
{
	char	*cache;

	tap_locale();
	text_init();
	fx_start("lsearch");
	cache = fx_path("cache");
	setenv("XDG_CACHE_HOME", cache, 1);
	fx_mkdir("lib");
	put("a.txt", "2024-04-29", "重点实验室", "实验室建设。");
	put("b.txt", "2024-05-01", "科学实验", "科学实验和重点工作。");
	put("c.txt", "2024-04-10", "一次化学课", "老师做了一个实验。");
	put("c2.txt", "2024-04-10", "一次化学课", "老师做了一个实验。");
	put("d.txt", "2023-12-31", "狗的故事", "它是只好狗。");
	corpus_init(&c);
	load();
	is_int(c.n, 5, "five articles");
	test_search();
	test_check_catches();
	corpus_free(&c);
	free(cache);
	fx_end();
	return tap_done();
}
