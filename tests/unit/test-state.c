/* Unit tests of state.c, the aggregate of the navigation modules, and of
 * input.c, which turns keys into it: opening, related items present and
 * missing, back and forward, read marks, help scrolling, the search
 * prompt in both panes, the library changing under an open article, and
 * restoring the last article in a new run. Every part's check and
 * state_check() (which aborts, naming what broke) run after every step.
 * The reading state lives in a temporary directory. */
#include "system.h"

#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>

#include "action.h"
#include "corpus.h"
#include "fixture.h"
#include "input.h"
#include "keymap.h"
#include "persist.h"
#include "settings.h"
#include "state.h"
#include "tap.h"
#include "text.h"
#include "view.h"
#include "xmalloc.h"

#define LARGE	"大文章"
#define SMALL	"小文章"
#define OTHER	"另一篇"

static struct corpus	c;
static struct settings	set;
static struct keymap	keys;
static struct persist	p;
static char		*state_dir;

/* Checks every invariant after a step: each part's through TAP, then
 * state_check(), which aborts with the name of what broke. */
static void
check(struct state *st, const char *what)
{
	const char	*why = nav_check(&st->nav);

	if (why == NULL)
		why = reading_check(&st->rd);
	if (why == NULL)
		why = history_check(&st->hist);
	if (why == NULL)
		why = search_check(&st->search, &st->rd);
	if (why == NULL)
		why = prompt_check(&st->prompt);
	ok(why == NULL, "%s: holds", what);
	if (why != NULL)
		printf("#   broken: %s\n", why);
	fflush(stdout);
	state_prepare(st);
	state_check(st);
}

static bool
said(const struct state *st, const char *part)
{
	return st->msg != NULL && strstr(st->msg, part) != NULL;
}

static void
make_library(void)
{
	static const char *const large_rel[] = {
		"不在库中的文章", "这篇文章不在库中。",
		SMALL, "库中的小文章。",
		NULL
	};
	static const char *const small_rel[] = {
		LARGE, "一篇很长的文章。",
		NULL
	};
	char	*s;

	s = fx_article("2024-06-01 09:00", LARGE, 800, 300, large_rel);
	fx_put("large.txt", s);
	free(s);
	s = fx_article("2024-05-01 09:00", SMALL, 6, 200, small_rel);
	fx_put("small.txt", s);
	free(s);
	s = fx_article("2024-04-01 09:00", OTHER, 3, 100, NULL);
	fx_put("other.txt", s);
	free(s);
}

static char	*lib_paths[2];

static void
start(struct state *st)
{
	struct causes	cs;

	causes_init(&cs);
	if (persist_open(&p, state_dir, &cs) != 0) {
		causes_print(&cs, stderr);
		exit(99);
	}
	causes_free(&cs);
	state_init(st, &c, &p, &set, &keys);
	state_set_geometry(st, 10, 40, 20, 60, 20, 0);
	/* A library search waits for the index; R reads the library. */
	st->sync_index = true;
	st->paths = lib_paths;
	st->npaths = 1;
	check(st, "started");
}

static void
stop(struct state *st)
{
	struct causes	cs;

	causes_init(&cs);
	state_save_place(st);
	persist_save(&p, &cs);
	state_free(st);
	persist_close(&p);
	ok(cs.n == 0, "state saved");
	causes_print(&cs, stdout);
	causes_free(&cs);
}

static void
test_list(struct state *st)
{
	is_int(st->unread, 3, "three unread");
	ok(st->focus == PANE_LIST && !st->rd.has_page, "the list focused, "
	    "nothing open");
	state_list_move(st, LONG_MAX);
	is_int(st->nav.cursor, 2, "down by LONG_MAX: the last row");
	check(st, "  down by LONG_MAX");
	state_list_move(st, LONG_MIN);
	is_int(st->nav.cursor, 0, "up by LONG_MIN: the first row");
	check(st, "  up by LONG_MIN");
	state_list_to(st, SIZE_MAX);
	is_int(st->nav.cursor, 2, "to SIZE_MAX: the last row");
	ok(state_cursor_id(st) == c.v[2].id, "  its identity");
	check(st, "  to SIZE_MAX");
	state_list_to(st, 0);
	is_int(state_step_article(st, -1), RE_DRAW, "previous "
	    "article with none open: the one under the cursor");
	state_back(st);
	ok(said(st, "nothing to go back to"), "back with no history: said");
	check(st, "  back with no history");
	state_forward(st);
	ok(said(st, "nothing to go forward to"), "forward: said");
	check(st, "  forward with no history");
	is_int(state_step_article(st, -1), RE_DRAW, "previous of the "
	    "first");
	ok(said(st, "this is the first article"), "  said");
	check(st, "  previous of the first");
	st->focus = PANE_LIST;
}

/* Related items, present and missing; back and forward through them. */
static void
test_related(struct state *st)
{
	long	large = fx_find(&c, LARGE), small = fx_find(&c, SMALL);
	long	other = fx_find(&c, OTHER);

	state_open(st, large, true);
	ok(st->rd.open == large && st->rd.partial, "the large one opens, "
	    "in part");
	ok(st->focus == PANE_READER, "  focused");
	ok(state_is_read(st, (size_t) large), "  marked read");
	is_int(p.last, c.v[large].id, "  remembered as the last open");
	check(st, "opened");
	state_open(st, large, true);
	is_int(st->hist.nback, 0, "opened again: no history step");
	check(st, "  again");

	state_related_step(st, 1);
	ok(!st->rd.partial && st->rd.rel_sel == 0, "] reads the rest, "
	    "selects the first item");
	check(st, "  ]");
	state_related_step(st, -1);
	ok(st->rd.rel_sel == 0 && said(st, "first related item"), "[ on the "
	    "first: stays, said");
	state_related_step(st, 1);
	state_related_step(st, 1);
	ok(st->rd.rel_sel == 1 && said(st, "last related item"), "] past "
	    "the last: stays, said");
	state_related_step(st, -1);
	check(st, "  [");
	state_follow(st);
	ok(st->rd.missing == 0 && st->rd.open == large, "follow a missing "
	    "item: its page, the article linking stays open");
	is_int(st->hist.nback, 1, "  one step back");
	check(st, "  followed to a missing item");
	state_related_step(st, 1);
	ok(said(st, "no related items"), "] on a missing item's page: said");
	state_follow(st);
	ok(said(st, "no related item selected"), "follow from it: said");
	check(st, "  nothing to follow");

	/* Tab j Enter: another article from the list. */
	st->focus = PANE_LIST;
	state_list_to(st, (size_t) small);
	state_open(st, small, true);
	ok(st->rd.open == small && st->rd.missing == -1, "the small one "
	    "opens");
	is_int(st->hist.nback, 2, "  two steps back");
	check(st, "  opened from the list");

	state_back(st);
	ok(st->rd.missing == 0 && st->rd.open == large, "back: the missing "
	    "item's page again");
	ok(strncmp(st->rd.page.doc.text, "不在库中的文章",
	    strlen("不在库中的文章")) == 0, "  showing its title");
	check(st, "  back to a missing item's page");
	state_back(st);
	ok(st->rd.missing == -1 && st->rd.open == large && st->rd.rel_sel == 0,
	    "back: the large one, its first item selected");
	ok(st->rd.top.block > 0, "  where it was, not at its top");
	check(st, "  back to the large one");
	state_back(st);
	ok(said(st, "nothing to go back to"), "back again: nothing");
	state_forward(st);
	ok(st->rd.missing == 0, "forward: the missing item's page");
	check(st, "  forward");
	state_forward(st);
	ok(st->rd.open == small, "forward: the small one");
	state_forward(st);
	ok(said(st, "nothing to go forward to"), "forward again: nothing");
	check(st, "  forward to the end");

	/* A present item: followed, it opens that article. */
	state_related_step(st, 1);
	state_follow(st);
	ok(st->rd.open == large && st->rd.missing == -1, "follow a present "
	    "item: it opens");
	check(st, "  followed");
	state_step_article(st, 1);
	is_int(st->rd.open, small, "next article: the next row");
	state_step_article(st, 1);
	is_int(st->rd.open, other, "  and the next");
	state_step_article(st, 1);
	ok(said(st, "this is the last article"), "next of the last: said");
	check(st, "  next articles");
	is_int(st->unread, 0, "all three read");
}

static void
test_marks(struct state *st)
{
	long	a = st->rd.open;

	st->focus = PANE_READER;
	state_toggle_read(st);
	ok(!state_is_read(st, (size_t) a) && said(st, "unread"), "toggled "
	    "in the reading pane: the open article unread");
	is_int(st->unread, 1, "  one unread");
	check(st, "  toggled");
	st->focus = PANE_LIST;
	state_list_to(st, 0);
	state_toggle_read(st);
	ok(!state_is_read(st, 0) && st->unread == 2, "toggled in the list: "
	    "the one under the cursor");
	state_toggle_read(st);
	state_toggle_read(st);
	state_toggle_read(st);
	ok(state_is_read(st, 0) && st->unread == 1, "three more times: read");
	check(st, "  toggled in the list");
}

/* The help screen scrolls within its text. */
static const struct {
	int	h;
	size_t	rows;
	size_t	from;
	long	by;
	size_t	top;
} helps[] = {
	{ 5, 40, 0, 1, 1 },
	{ 5, 40, 0, LONG_MAX, 35 },
	{ 5, 40, 35, 1, 35 },
	{ 5, 40, 35, -3, 32 },
	{ 5, 40, 10, LONG_MIN, 0 },
	{ 5, 40, 0, LONG_MIN + 1, 0 },
	{ 5, 40, 20, -20, 0 },
	{ 5, 5, 0, 1, 0 },
	{ 5, 3, 0, LONG_MAX, 0 },
	{ 1, 40, 0, LONG_MAX, 39 },
	{ 0, 40, 0, 100, 39 },
	/* 0 rows: not known yet (the help screen was just opened and keys
	 * came before it was laid out): the move is kept, saturating. */
	{ 20, 0, 0, 5, 5 },
	{ 20, 0, 0, LONG_MAX, HELP_TOP_MAX },
};

static void
test_help(struct state *st)
{
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(helps); i++) {
		state_set_geometry(st, 10, 40, 20, 60, helps[i].h, helps[i].rows);
		st->help_top = helps[i].from;
		state_help_move(st, helps[i].by);
		is_int(st->help_top, helps[i].top, "help of %zu rows in %d: "
		    "from %zu by %ld", helps[i].rows, helps[i].h,
		    helps[i].from, helps[i].by);
		check(st, "  help");
	}
	st->help_top = 30;
	state_set_geometry(st, 10, 40, 20, 60, 30, 40);
	is_int(st->help_top, 10, "a taller help pane: scrolled back");
	check(st, "  help resized");
	state_set_geometry(st, 10, 40, 20, 60, 20, 3);
	is_int(st->help_top, 0, "help shorter than its pane: top 0");
}

/* The search prompt in the list (a filter) and in the reading pane. */
static void
test_prompt(struct state *st)
{
	long	small = fx_find(&c, SMALL), large = fx_find(&c, LARGE);
	struct place	at;

	st->focus = PANE_LIST;
	state_list_to(st, (size_t) large);
	state_prompt_start(st);
	ok(st->prompt.active && st->prompt.pane == PANE_LIST, "/ in the "
	    "list");
	state_prompt_key(st, 0x5C0F);		/* 小 */
	ok(st->nav.filtered && nav_count(&st->nav) == 1 &&
	    nav_cursor_article(&st->nav) == small, "小: the list narrows");
	check(st, "  typed");
	state_prompt_paste(st, "\n不存在", strlen("\n不存在"));
	ok(nav_count(&st->nav) == 0 && strcmp(st->prompt.buf, "小 不存在") == 0,
	    "a paste with a line break: filtered to nothing");
	check(st, "  filtered to nothing");
	state_prompt_key(st, KEYC_ESC);
	ok(!st->prompt.active && !st->nav.filtered, "Esc: the whole list");
	is_int(nav_cursor_article(&st->nav), large, "  the cursor back");
	check(st, "  cancelled");

	state_prompt_start(st);
	state_prompt_key(st, 0x6587);		/* 文 */
	state_prompt_key(st, 0x7AE0);		/* 章 */
	state_prompt_key(st, KEYC_ENTER);
	ok(!st->prompt.active && st->nav.filtered && nav_count(&st->nav) == 2,
	    "Enter: two articles match");
	ok(said(st, "2 articles match"), "  said");
	is_str(st->search.needle, "文章", "  the needle kept");
	check(st, "  accepted");
	state_search_step(st, 1);
	state_search_step(st, 1);
	ok(said(st, "wrapped"), "n past the last match: wrapped, said");
	check(st, "  n in the list");
	state_clear_search(st);
	ok(!st->nav.filtered && st->search.needle == NULL, "cleared");
	is_int(state_clear_search(st), RE_NONE, "  twice: nothing to do");
	state_search_step(st, 1);
	ok(said(st, "no search yet"), "n with no search: said");
	check(st, "  cleared");

	/* In the reading pane: the text goes to the match as it is typed;
	 * Esc goes back. */
	state_open(st, large, true);
	state_reader_home(st);
	at = reading_place(&st->rd);
	state_prompt_start(st);
	ok(st->prompt.active && st->prompt.pane == PANE_READER, "/ in the "
	    "reading pane");
	state_prompt_paste(st, "第700段", strlen("第700段"));
	ok(search_match(&st->search, &st->rd) && !st->rd.partial &&
	    reading_place(&st->rd).para > 600, "typed: at the match, "
	    "all of it read");
	check(st, "  found while typing");
	state_prompt_key(st, KEYC_BSPACE);
	state_prompt_key(st, 0x4E00);
	check(st, "  edited");
	state_prompt_key(st, 3);		/* C-c */
	ok(!st->prompt.active && !search_match(&st->search, &st->rd),
	    "C-c: no match");
	ok(reading_place(&st->rd).para == at.para, "  back where it started");
	check(st, "  cancelled");
	state_prompt_start(st);
	state_prompt_paste(st, "不在这里的词", strlen("不在这里的词"));
	state_prompt_key(st, KEYC_ENTER);
	ok(said(st, "not found"), "Enter on a word not there: said");
	check(st, "  not found");
	state_prompt_start(st);
	state_prompt_paste(st, "第1段", strlen("第1段"));
	state_prompt_key(st, KEYC_ENTER);
	state_search_step(st, -1);
	state_search_step(st, -1);
	ok(search_match(&st->search, &st->rd), "N twice: a match");
	check(st, "  N in the reading pane");
	state_clear_search(st);
	ok(!search_match(&st->search, &st->rd), "cleared: no match shown");
	check(st, "  cleared");
}

/* The open article's file changes, then goes. */
static void
test_changes(struct state *st)
{
	long		small = fx_find(&c, SMALL);
	uint64_t	old;
	char		*s;

	state_open(st, fx_find(&c, OTHER), true);
	state_open(st, small, true);
	is_int(st->hist.nback, 1, "the other one, then the small one");
	old = st->rd.open_id;
	ok(state_is_read(st, (size_t) small), "the small one open, read");
	s = fx_article("2024-05-01 09:00", SMALL, 7, 200, NULL);
	fx_put("small.txt", s);
	free(s);
	corpus_free(&c);
	fx_load(&c);
	state_library_changed(st, state_cursor_id(st));
	state_recount_unread(st);
	ok(said(st, "changed on disk") && st->rd.open_id != old, "changed "
	    "on disk: read again, said");
	ok(state_is_read(st, (size_t) st->rd.open), "  still read");
	is_int(p.last, st->rd.open_id, "  remembered by its new identity");
	check(st, "  changed");
	state_back(st);
	is_int(st->rd.open, fx_find(&c, OTHER), "back: the other one");
	state_forward(st);
	ok(st->rd.open == fx_find(&c, SMALL) && st->rd.missing < 0 &&
	    st->rd.page.doc.npara == 7, "forward: the new version");
	check(st, "  back and forward");

	fx_remove("other.txt");
	corpus_free(&c);
	fx_load(&c);
	state_library_changed(st, state_cursor_id(st));
	state_recount_unread(st);
	check(st, "  another article removed");
	state_step_article(st, 1);
	ok(said(st, "last article"), "next: the removed one is not there");
	state_back(st);
	ok(said(st, "no longer in the library") && st->rd.open ==
	    fx_find(&c, SMALL), "back to it: said, the small one stays");
	check(st, "  back to a removed article");

	fx_remove("small.txt");
	corpus_free(&c);
	fx_load(&c);
	state_library_changed(st, 0);
	state_recount_unread(st);
	ok(said(st, "no longer in the library") && st->rd.open == -1 &&
	    st->rd.has_page, "removed: said, the page stays");
	check(st, "  removed");
	state_reader_end(st);
	state_reader_home(st);
	state_scroll(st, LONG_MAX);
	state_scroll(st, LONG_MIN);
	state_complete(st);
	check(st, "  moving on a removed article's page");
	state_back(st);
	state_forward(st);
	check(st, "  back and forward from it");
	state_toggle_read(st);
	check(st, "  toggled");
	state_related_step(st, 1);
	check(st, "  ]");
}

/* A new run opens the article open last, where it was, and leaves its
 * read mark alone. */
static void
test_restore(void)
{
	struct state	st;
	long		large;
	struct place	pl, p2;

	start(&st);
	large = fx_find(&c, LARGE);
	state_open(&st, large, false);
	state_scroll(&st, 500);
	pl = reading_place(&st.rd);
	st.focus = PANE_READER;
	state_toggle_read(&st);
	ok(!state_is_read(&st, (size_t) large), "the large one unread");
	check(&st, "scrolled");
	stop(&st);

	start(&st);
	ok(!st.rd.has_page, "a new run: nothing open");
	state_restore_last(&st);
	ok(st.rd.open == large, "restored: the large one");
	p2 = reading_place(&st.rd);
	ok(p2.para == pl.para && p2.chr == pl.chr, "  where it was");
	ok(!state_is_read(&st, (size_t) large), "  still unread");
	check(&st, "  restored");
	stop(&st);
}

/* Keys through input.c: the path of a key typed in the terminal. */
static void
test_input(void)
{
	static const char *const script[] = {
		"Enter", "]", "Enter", "Tab", "j", "Enter", "BSpace", NULL
	};
	struct state	st;
	size_t		i;

	start(&st);
	state_list_to(&st, 0);
	for (i = 0; script[i] != NULL; i++) {
		input_key(&st, key_parse(script[i]));
		check(&st, script[i]);
	}
	ok(st.rd.missing == 0, "Enter ] Enter Tab j Enter BSpace: the "
	    "missing item's page");
	input_key(&st, key_parse("L"));
	ok(st.rd.open == fx_find(&c, SMALL), "L: forward again");
	check(&st, "L");
	input_paste(&st, "abc", 3);
	ok(said(&st, "pasted text is ignored"), "a paste outside the "
	    "prompt: said, nothing run");
	check(&st, "pasted");
	input_key(&st, '/');
	input_paste(&st, "第5段\n", strlen("第5段\n"));
	is_str(st.prompt.buf, "第5段 ", "a paste into the prompt");
	input_key(&st, KEYC_ENTER);
	ok(!st.prompt.active, "Enter ends it");
	check(&st, "searched");
	input_key(&st, KEYC_F1 + 11);
	input_key(&st, KEYC_META | 'z');
	input_key(&st, 0x10FFFF);
	check(&st, "keys bound to nothing");
	for (i = 0; i < 40; i++)
		input_key(&st, key_parse(i % 3 ? "PageDown" : "End"));
	check(&st, "End and PageDown");
	input_idle(&st);
	check(&st, "idle");
	stop(&st);
}

/* Returns the screen row of the reading pane showing a related item's
 * title, or -1. */
static int
related_row(const struct vscreen *v, const struct state *st, int32_t *r)
{
	const struct vpane	*vp = &v->p[VP_READER];
	const struct vrow	*vr;
	int			 y;

	for (y = 0; y < vp->r.h; y++) {
		vr = &v->rows[vp->first + (uint32_t) y];
		if (vr->block >= 0 && st->rd.page.b[vr->block].related >= 0 &&
		    st->rd.page.b[vr->block].elem == ELEM_RELATED) {
			*r = st->rd.page.b[vr->block].related;
			return vp->r.y + y;
		}
	}
	return -1;
}

/* Mouse events through input.c, on the screen the view builds. */
static void
test_mouse(void)
{
	struct state		 st;
	struct vscreen		 v;
	const struct rect	*lr, *rr;
	struct pos		 at;
	int			 y;
	int32_t			 r = -1;

	memset(&v, 0, sizeof v);
	start(&st);
	input_layout(&v, &st, 80, 24);
	view_build(&v, &st, 80, 24);
	lr = &v.p[VP_LIST].r;
	ok(v.p[VP_LIST].shown && lr->h > 3, "the list pane is shown");
	input_mouse(&st, &v, lr->y + 1, lr->x + 3, INPUT_CLICK);
	ok(st.nav.cursor == 1 && st.focus == PANE_LIST && !st.rd.has_page,
	    "a click on row 2: the cursor there, nothing opened");
	check(&st, "clicked");
	input_mouse(&st, &v, lr->y + lr->h - 1, lr->x, INPUT_CLICK);
	is_int(st.nav.cursor, 1, "a click below the last row: nothing");
	input_mouse(&st, &v, 10000, 10000, INPUT_CLICK);
	input_mouse(&st, &v, -1, -1, INPUT_DOUBLE_CLICK);
	is_int(st.nav.cursor, 1, "clicks off the screen: nothing");
	check(&st, "clicked off");
	input_mouse(&st, &v, lr->y, lr->x, INPUT_DOUBLE_CLICK);
	ok(st.rd.open == 0 && st.focus == PANE_READER, "a double click on "
	    "row 1: opened");
	check(&st, "double-clicked");

	input_layout(&v, &st, 80, 24);
	view_build(&v, &st, 80, 24);
	rr = &v.p[VP_READER].r;
	ok(v.p[VP_READER].shown, "the reading pane is shown");
	state_reader_home(&st);
	at = st.rd.top;
	for (y = 0; y < INPUT_WHEEL_ROWS; y++)
		reading_pos_next(&st.rd, &at);
	input_mouse(&st, &v, rr->y, rr->x, INPUT_WHEEL_DOWN);
	ok(st.rd.top.block == at.block && st.rd.top.row == at.row,
	    "the wheel scrolls the reading pane");
	check(&st, "wheeled");
	input_mouse(&st, &v, rr->y, rr->x, INPUT_WHEEL_UP);
	input_mouse(&st, &v, rr->y, rr->x, INPUT_WHEEL_UP);
	ok(st.rd.top.block == 0 && st.rd.top.row == 0, "  and back, not past "
	    "the top");
	check(&st, "wheeled up");
	input_mouse(&st, &v, lr->y, lr->x, INPUT_WHEEL_DOWN);
	is_int(st.nav.cursor, 2, "the wheel on the list moves its cursor");

	state_related_step(&st, 1);
	state_prepare(&st);
	input_layout(&v, &st, 80, 24);
	view_build(&v, &st, 80, 24);
	y = related_row(&v, &st, &r);
	ok(y >= 0 && r == 0, "the first related item on screen");
	st.rd.rel_sel = -1;
	input_mouse(&st, &v, y, rr->x + 5, INPUT_CLICK);
	is_int(st.rd.rel_sel, 0, "a click selects it");
	check(&st, "clicked an item");
	input_mouse(&st, &v, y, rr->x + 5, INPUT_DOUBLE_CLICK);
	ok(st.rd.missing == 0, "a double click follows it: the missing "
	    "item's page");
	check(&st, "double-clicked an item");
	input_layout(&v, &st, 80, 24);
	view_build(&v, &st, 80, 24);
	input_mouse(&st, &v, rr->y + 1, rr->x + 1, INPUT_DOUBLE_CLICK);
	ok(st.rd.missing == 0, "a double click on the missing item's page: "
	    "it stays");
	check(&st, "double-clicked the missing page");

	input_layout(&v, &st, 1, 1);
	view_build(&v, &st, 1, 1);
	is_int(input_mouse(&st, &v, 0, 0, INPUT_CLICK), RE_NONE, "1x1: a "
	    "click does nothing");
	check(&st, "1x1");
	input_layout(&v, &st, 20, 6);
	view_build(&v, &st, 20, 6);
	for (y = 0; y < 6; y++) {
		input_mouse(&st, &v, y, y * 3, INPUT_CLICK);
		input_mouse(&st, &v, y, 19 - y, INPUT_WHEEL_DOWN);
		input_layout(&v, &st, 20, 6);
		view_build(&v, &st, 20, 6);
	}
	check(&st, "clicks on a 20x6 screen");
	view_free(&v);
	stop(&st);
}

static uint64_t	rnd_state = 0x9E3779B97F4A7C15ULL;

/* A fixed sequence of pseudo-random numbers below n. */
static uint32_t
rnd(uint32_t n)
{
	rnd_state = rnd_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t) (rnd_state >> 33) % n;
}

static long
rnd_delta(void)
{
	static const long	big[] = { LONG_MIN, LONG_MIN + 1, LONG_MAX,
	    LONG_MAX - 1, -1000000, 1000000 };

	return rnd(8) == 0 ? big[rnd(ARRAY_SIZE(big))] :
	    (long) rnd(61) - 30;
}

/* The library changes: a file rewritten (longer or shorter), removed,
 * or one more written. */
static void
change_library(struct state *st)
{
	static const char *const names[] = { "small.txt", "other.txt",
	    "extra.txt" };
	static const char *const dates[] = { "2024-05-01 09:00",
	    "2023-01-01 09:00", "2022-01-01 09:00" };
	uint32_t	 k = rnd(ARRAY_SIZE(names));
	const char	*name = names[k];
	char		*s, *path;

	path = fx_path(name);
	if (rnd(3) == 0 && access(path, F_OK) == 0)
		fx_remove(name);
	else {
		/* No two files alike: a copy is the same article. */
		s = fx_article(dates[k], rnd(2) ? SMALL : OTHER, 1 + rnd(8),
		    50 + rnd(300), NULL);
		fx_put(name, s);
		free(s);
	}
	free(path);
	corpus_free(&c);
	fx_load(&c);
	state_library_changed(st, state_cursor_id(st));
	state_recount_unread(st);
}

/* Two thousand random steps over the whole interface of the state, the
 * library changing now and then; every invariant after each. */
static void
test_random(void)
{
	static const key_code	pkeys[] = { 'a', 0x4E2D, 0x6BB5, KEYC_BSPACE,
	    KEYC_ENTER, KEYC_ESC, 21, KEYC_UP, 0x7f };
	struct state		st;
	char			what[64];
	int			i, op, bad = 0;
	long			n;

	/* Another sequence: READER_TEST_SEED=N. */
	if (getenv("READER_TEST_SEED") != NULL)
		rnd_state = strtoull(getenv("READER_TEST_SEED"), NULL, 10);
	start(&st);
	for (i = 0; i < 2000 && bad == 0; i++) {
		op = (int) rnd(st.prompt.active ? 3 : 26);
		n = (long) c.n;
		if (st.prompt.active) {
			if (op < 2)
				state_prompt_key(&st, pkeys[rnd(
				    ARRAY_SIZE(pkeys))]);
			else
				state_prompt_paste(&st, "段\n1", 5);
			snprintf(what, sizeof what, "step %d: prompt", i);
			check(&st, what);
			continue;
		}
		switch (op) {
		case 0:
			state_list_move(&st, rnd_delta());
			break;
		case 1:
			state_list_to(&st, rnd(2) ? SIZE_MAX : rnd(5));
			break;
		case 2:
			state_open(&st, (long) rnd((uint32_t) n + 1) - 1,
			    rnd(2));
			break;
		case 3:
			state_scroll(&st, rnd_delta());
			break;
		case 4:
			state_reader_home(&st);
			break;
		case 5:
			state_reader_end(&st);
			break;
		case 6:
			state_complete(&st);
			break;
		case 7:
			state_related_step(&st, rnd(2) ? 1 : -1);
			break;
		case 8:
			state_follow(&st);
			break;
		case 9:
			state_back(&st);
			break;
		case 10:
			state_forward(&st);
			break;
		case 11:
			state_step_article(&st, rnd(2) ? 1 : -1);
			break;
		case 12:
			state_toggle_read(&st);
			break;
		case 13:
			state_help_move(&st, rnd_delta());
			break;
		case 14:
			state_set_geometry(&st, (int) rnd(62) - 1,
			    (int) rnd(202) - 1, (int) rnd(62) - 1,
			    (int) rnd(202) - 1,
			    (int) rnd(62) - 1, rnd(100));
			break;
		case 15:
			state_prompt_start(&st);
			break;
		case 16:
			state_search_step(&st, rnd(2) ? 1 : -1);
			break;
		case 17:
			state_clear_search(&st);
			break;
		case 18:
			if (rnd(4) == 0)
				change_library(&st);
			break;
		case 19:
			st.focus = st.rd.has_page && rnd(2) ? PANE_READER :
			    PANE_LIST;
			break;
		case 20:
			state_select_related(&st, (int32_t) rnd(4) - 1);
			break;
		case 21:
			state_save_place(&st);
			break;
		case 22:
			state_restore_last(&st);
			break;
		case 23:
			state_library_search_start(&st);
			break;
		case 24:
			input_key(&st, key_parse("S"));
			state_prompt_key(&st, rnd(2) ? 0x6BB5 : '"');
			state_prompt_key(&st, KEYC_ENTER);
			break;
		default:
			input_key(&st, key_parse(rnd(2) ? "j" : "Enter"));
			break;
		}
		snprintf(what, sizeof what, "step %d: op %d", i, op);
		if (nav_check(&st.nav) != NULL ||
		    reading_check(&st.rd) != NULL)
			bad = i + 1;
		check(&st, what);
	}
	is_int(bad, 0, "2000 random steps");
	stop(&st);
}

/* The first invariant broken, or NULL; state_check() aborts on its own
 * (after which nothing else can be said). */
static const char *
broken(struct state *st)
{
	const char	*why = nav_check(&st->nav);

	if (why == NULL)
		why = reading_check(&st->rd);
	if (why == NULL)
		why = history_check(&st->hist);
	if (why == NULL)
		why = search_check(&st->search, &st->rd);
	if (why == NULL)
		why = prompt_check(&st->prompt);
	state_prepare(st);
	state_check(st);
	return why;
}

/* Random keys, mouse events, resizes from 1x1 to 200x60, pauses and
 * library changes through input.c, the screen built after each as the
 * interface builds it. */
static void
test_random_keys(int n)
{
	static const char *const names[] = { "j", "k", "Down", "PageDown",
	    "Space", "PageUp", "b", "g", "G", "Home", "End", "Tab", "S-Tab",
	    "Enter", "J", "K", "]", "[", "BSpace", "L", "/", "n", "N", "m",
	    "z", "y", "?", "F1", "C-l", "Esc", "q", "C-c", "C-g", "C-u",
	    "x", "a", "1", "Up", "Left", "F5", "M-x", "S", "S", "R" };
	static const char *const pastes[] = { "段", "第1段\n", "\x1b[2J", "",
	    "不存在" };
	static const enum input_button buttons[] = { INPUT_CLICK,
	    INPUT_DOUBLE_CLICK, INPUT_WHEEL_UP, INPUT_WHEEL_DOWN };
	struct state	 st;
	struct vscreen	 v;
	const char	*why = NULL, *pv;
	int		 i, op, cols = 80, lines = 24, at = -1;

	memset(&v, 0, sizeof v);
	start(&st);
	input_layout(&v, &st, cols, lines);
	for (i = 0; i < n && why == NULL; i++) {
		op = (int) rnd(20);
		if (op < 12)
			input_key(&st, key_parse(names[rnd(ARRAY_SIZE(names))]));
		else if (op < 13)
			input_key(&st, 0x4E00 + rnd(0x100));
		else if (op < 14) {
			pv = pastes[rnd(ARRAY_SIZE(pastes))];
			input_paste(&st, pv, strlen(pv));
		} else if (op < 16) {
			input_layout(&v, &st, cols, lines);
			view_build(&v, &st, cols, lines);
			input_mouse(&st, &v, (int) rnd((uint32_t) lines + 2) - 1,
			    (int) rnd((uint32_t) cols + 2) - 1,
			    buttons[rnd(ARRAY_SIZE(buttons))]);
		} else if (op < 18) {
			cols = 1 + (int) rnd(200);
			lines = 1 + (int) rnd(60);
		} else if (op < 19)
			input_idle(&st);
		else if (rnd(16) == 0)
			change_library(&st);
		if (st.clipboard != NULL)
			x_free(st.clipboard);
		input_layout(&v, &st, cols, lines);
		view_build(&v, &st, cols, lines);
		why = broken(&st);
		if (why != NULL)
			at = i;
	}
	ok(why == NULL, "%d random events: every invariant holds", n);
	if (why != NULL)
		printf("#   step %d: %s\n", at, why);
	view_free(&v);
	stop(&st);
}

/* Two copies of one file are one article twice (one identity): read
 * marks go by identity, so opening one marks both read. */
static void
test_copies(void)
{
	struct state	st;
	char		*s;
	size_t		i, unread = 0;
	long		a;

	s = fx_article("2021-01-01 09:00", "复制的文章", 2, 50, NULL);
	fx_put("copy1.txt", s);
	fx_put("copy2.txt", s);
	free(s);
	corpus_free(&c);
	fx_load(&c);
	start(&st);
	a = fx_find(&c, "复制的文章");
	ok(a >= 0 && !state_is_read(&st, (size_t) a), "a copied article, "
	    "unread");
	state_open(&st, a, true);
	for (i = 0; i < c.n; i++)
		if (!state_is_read(&st, i))
			unread++;
	ok(st.unread == unread, "opened one copy: the unread count is right");
	if (st.unread != unread)
		printf("#   got:  %zu\n#   want: %zu\n", st.unread, unread);
	state_recount_unread(&st);
	stop(&st);
	fx_remove("copy1.txt");
	fx_remove("copy2.txt");
	corpus_free(&c);
	fx_load(&c);
}

/* Loads the library a slice at a time, as the interface does, with the
 * state following it; End, Home and scrolling between slices. Returns
 * the number of slices. */
static int
load_slowly(struct state *st, struct loader *ld, const char *what)
{
	struct causes	cs;
	char		msg[64];
	uint64_t	id;
	int		more = 1, slices = 0;

	causes_init(&cs);
	st->loading = true;
	while (more) {
		id = state_cursor_id(st);
		more = loader_step(ld, &c, 0, &cs);
		state_library_changed(st, id);
		if (!more)
			st->loading = false;
		switch (slices++ % 4) {
		case 0:
			state_reader_end(st);
			break;
		case 1:
			state_reader_home(st);
			break;
		case 2:
			state_scroll(st, 30);
			break;
		}
		snprintf(msg, sizeof msg, "%s: slice %d", what, slices);
		if (slices < 5 || !more)
			check(st, msg);
		else {
			state_prepare(st);
			state_check(st);
		}
	}
	causes_free(&cs);
	return slices;
}

/* Files enough that loading takes several slices (and few, since
 * making a file is slow on some file systems). */
#define MANY 60

/* The article open last changed on disk; the next run restores it
 * while a large library loads with its header index, which still has
 * the old version (End and Home used to read a dropped entry). */
static void
test_loading(void)
{
	struct state	 st;
	struct loader	 ld;
	struct causes	 cs;
	char		*cache = xasprintf("%s-cache", fx_root), *s, name[32];
	char		*paths[] = { fx_root };
	int		 i, slices;

	if (mkdir(cache, 0700) != 0 || setenv("XDG_CACHE_HOME", cache, 1) != 0)
		exit(99);
	fx_mkdir("many");
	for (i = 0; i < MANY; i++) {
		snprintf(name, sizeof name, "many/%04d.txt", i);
		s = xasprintf("发布时间:2020-01-01 00:00 原文链接: 第%d篇\n\n"
		    "正文。\n", i);
		fx_put(name, s);
		free(s);
	}
	causes_init(&cs);
	corpus_free(&c);
	corpus_init(&c);
	loader_start(&ld, paths, 1, true);
	loader_finish(&ld, &c, &cs);
	loader_stop(&ld);
	ok(c.n > MANY, "the library loaded with its index");
	start(&st);
	state_open(&st, fx_find(&c, LARGE), false);
	ok(st.rd.open >= 0, "the large one open");
	stop(&st);
	corpus_free(&c);
	s = fx_article("2024-06-01 09:00", LARGE, 800, 301, NULL);
	fx_put("large.txt", s);
	free(s);

	corpus_init(&c);
	loader_start(&ld, paths, 1, true);
	while (c.n == 0 && loader_step(&ld, &c, 0, &cs) != 0)
		;
	start(&st);
	ld.arrived = state_article_arrived;
	ld.left = state_article_left;
	ld.watcher = &st;
	state_restore_last(&st);
	slices = load_slowly(&st, &ld, "changed");
	/* How many depends on the helper threads' speed. */
	printf("# loaded in %d slices\n", slices);
	ok(st.rd.open == fx_find(&c, LARGE) && st.rd.open >= 0, "the large "
	    "one open, its new version");
	state_reader_end(&st);
	state_reader_home(&st);
	check(&st, "End and Home after loading");
	loader_stop(&ld);
	stop(&st);
	corpus_free(&c);

	/* Removed: the next run cannot restore it. */
	fx_remove("large.txt");
	corpus_init(&c);
	loader_start(&ld, paths, 1, true);
	while (c.n == 0 && loader_step(&ld, &c, 0, &cs) != 0)
		;
	start(&st);
	ld.arrived = state_article_arrived;
	ld.left = state_article_left;
	ld.watcher = &st;
	state_restore_last(&st);
	load_slowly(&st, &ld, "removed");
	ok(fx_find(&c, LARGE) < 0 && st.rd.open < 0, "the large one gone");
	loader_stop(&ld);
	stop(&st);
	corpus_free(&c);
	causes_free(&cs);
	fx_end();
	s = xasprintf("rm -rf '%s'", cache);
	if (system(s) != 0)
		exit(99);
	free(s);
	free(cache);
}

int
main(void)
{
	struct state	 st;
	char		*rm, *fts_cache;

	setvbuf(stdout, NULL, _IOLBF, 0);
	tap_locale();
	text_init();
	settings_defaults(&set);
	keymap_defaults(&keys);
	fx_start("state");
	make_library();
	lib_paths[0] = fx_root;
	/* The search index beside the library, not in it nor at home. */
	fts_cache = xasprintf("%s-fts", fx_root);
	if (mkdir(fts_cache, 0700) != 0 || setenv("XDG_CACHE_HOME", fts_cache,
	    1) != 0)
		return 99;
	/* Beside the library, not in it. */
	state_dir = xasprintf("%s-state", fx_root);
	if (mkdir(state_dir, 0700) != 0) {
		perror(state_dir);
		return 99;
	}
	fx_load(&c);
	is_int(c.n, 3, "three articles");
	start(&st);
	test_list(&st);
	test_related(&st);
	test_marks(&st);
	test_help(&st);
	test_prompt(&st);
	stop(&st);
	test_restore();
	test_input();
	test_mouse();
	start(&st);
	test_changes(&st);
	stop(&st);
	test_random();
	test_random_keys(1500);
	/* Again, with the other settings that change navigation. */
	set.show_related = false;
	set.text_width = 30;
	set.mark_read_on_open = false;
	set.restore_position = false;
	test_random_keys(800);
	settings_free(&set);
	settings_defaults(&set);
	test_copies();
	test_loading();
	settings_free(&set);
	rm = xasprintf("rm -rf '%s' '%s'", state_dir, fts_cache);
	if (system(rm) != 0)
		return 99;
	free(rm);
	free(state_dir);
	free(fts_cache);
	return tap_done();
}
