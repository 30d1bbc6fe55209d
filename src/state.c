/* Navigation: what ties the list, the reading pane, the history and the
 * search together. */
#include "system.h"

#include <stdarg.h>
#include <stdio.h>

#include "related.h"
#include "state.h"
#include "text.h"
#include "xmalloc.h"

/* Starts with the list focused and nothing open. */
void
state_init(struct state *st, struct corpus *c, struct persist *p,
    const struct settings *set, const struct keymap *keys)
{
	memset(st, 0, sizeof *st);
	st->corpus = c;
	st->persist = p;
	st->set = set;
	st->keys = keys;
	nav_init(&st->nav, c);
	reading_init(&st->rd, c, set);
	lsearch_init(&st->ls, set->search_variants ? FTS_VARIANTS : 0);
	st->help_h = 1;
	st->percent = 100;
	state_recount_unread(st);
}

/* Frees what the state owns (not the corpus or the persist). */
void
state_free(struct state *st)
{
	size_t	i;

	nav_free(&st->nav);
	reading_free(&st->rd);
	history_free(&st->hist);
	search_free(&st->search);
	lsearch_free(&st->ls);
	free(st->msg);
	free(st->clipboard);
	for (i = 0; i < st->nlog; i++)
		free(st->log[i]);
	free(st->log);
	memset(st, 0, sizeof *st);
}

/* Sets a message for the status line. */
void
state_message(struct state *st, bool error, const char *fmt, ...)
{
	va_list	ap;

	free(st->msg);
	va_start(ap, fmt);
	if (vasprintf(&st->msg, fmt, ap) < 0)
		st->msg = NULL;
	va_end(ap);
	st->msg_error = error;
	if (st->msg != NULL)
		state_log(st, st->msg);
}

/* Keeps a message for the messages screen (the status line shows only
 * the last, and only until the next key). */
void
state_log(struct state *st, const char *text)
{
	char	*clean = text_clean_str(text);

	if (st->nlog > 0 && strcmp(st->log[st->nlog - 1], clean) == 0) {
		free(clean);
		return;
	}
	if (st->nlog == STATE_LOG_MAX) {
		free(st->log[0]);
		memmove(st->log, st->log + 1, (st->nlog - 1) *
		    sizeof *st->log);
		st->nlog--;
	}
	st->log = xreallocarray(st->log, st->nlog + 1, sizeof *st->log);
	st->log[st->nlog++] = clean;
}

/* Clears the status line message. */
void
state_clear_message(struct state *st)
{
	x_free(st->msg);
	st->msg_error = false;
}

/* Says the first of what went wrong reading a file, if anything did;
 * frees the list. */
static void
say(struct state *st, struct causes *cs)
{
	if (cs->n > 0)
		state_message(st, cs->nerrors > 0, "%s", cs->msg[0]);
	causes_free(cs);
}

/* Names the first key bound to action a, for hints ("press ] to ...").
 * Returns one of four static buffers in turn, so that one message can
 * name up to four keys. */
const char *
state_key_hint(const struct state *st, enum action a)
{
	static char	names[4][32];
	static unsigned	next;
	char		*name = names[next++ % 4];
	key_code	k;

	if (keymap_keys_of(st->keys, a, &k, 1) == 0 ||
	    key_to_name(k, name, sizeof names[0]) != 0)
		/* TRANSLATORS: in hints such as "press %s to search" when
		   the action has no key. */
		snprintf(name, sizeof names[0], "%s", _("(no key)"));
	return name;
}

/* Whether keys go to the reading pane (rather than to the list). */
bool
state_in_reader(const struct state *st)
{
	return st->focus == PANE_READER || st->zoom;
}

/* ---- Sizes. ---- */

/* Keeps the help screen's top row within its text, once the text's
 * rows are known (0: not yet, the help screen was just opened). */
static void
clamp_help(struct state *st)
{
	size_t	h = st->help_h > 0 ? (size_t) st->help_h : 1;
	size_t	max = st->help_rows > h ? st->help_rows - h : 0;

	if (st->help_rows > 0 && st->help_top > max)
		st->help_top = max;
}

/* Tells the list how many of its rows fit: a library search's results
 * take two screen rows each, the second for the matched text. */
static void
list_height(struct state *st)
{
	nav_set_height(&st->nav, st->nav.ranked ? st->list_h / 2 :
	    st->list_h);
}

/* Sets the sizes of the panes (and the rows the help text takes at its
 * width); re-wraps the open article around its top row. */
void
state_set_geometry(struct state *st, int list_h, int list_w, int reader_h,
    int reader_w, int help_h, size_t help_rows)
{
	struct causes	cs;

	st->list_h = list_h;
	st->list_w = list_w;
	list_height(st);
	causes_init(&cs);
	reading_set_size(&st->rd, reader_h, reader_w, &cs);
	say(st, &cs);
	st->help_h = help_h > 0 ? help_h : 1;
	st->help_rows = help_rows;
	clamp_help(st);
}

/* Gets the state ready to be shown: the rows on screen laid out, the
 * position worked out. */
void
state_prepare(struct state *st)
{
	const struct pblock	*b;
	struct pos		 p;
	long			 rows;

	if (st->rd.has_page)
		reading_rows_from(&st->rd, st->rd.top,
		    (size_t) st->rd.height + 1);
	st->percent = reading_percent(&st->rd);
	if (st->nav.ranked)
		lsearch_prepare(&st->ls, st->corpus, st->nav.view,
		    st->nav.top, st->nav.height, st->list_w - 2);
	if (st->search.query != NULL && st->rd.has_page) {
		/* The blocks on screen, for the view to mark the words in. */
		p = st->rd.top;
		rows = st->rd.height;
		while (p.block + 1 < st->rd.page.nb) {
			b = &st->rd.page.b[p.block];
			if (!b->laid || (rows -= (long) (b->gap + b->nlines -
			    p.row)) <= 0)
				break;
			p.block++;
			p.row = 0;
		}
		search_prepare(&st->search, &st->rd, st->rd.top.block,
		    p.block);
	}
}

/* Scrolls the help screen by rows (LONG_MIN and LONG_MAX: to its ends),
 * within its text. Keys read at once can come before the text's rows are
 * known: the sum saturates, and the next geometry clamps it. */
int
state_help_move(struct state *st, long rows)
{
	size_t	d = rows < 0 ? (size_t) -(rows + 1) + 1 : (size_t) rows;

	if (rows < 0)
		st->help_top = d > st->help_top ? 0 : st->help_top - d;
	else
		st->help_top = d > HELP_TOP_MAX - st->help_top ? HELP_TOP_MAX :
		    st->help_top + d;
	clamp_help(st);
	return RE_DRAW;
}

/* ---- Read marks. ---- */

/* Whether library article i has been read. */
bool
state_is_read(const struct state *st, size_t i)
{
	const struct mark	*m;

	m = persist_get(st->persist, st->corpus->v[i].id);
	return m != NULL && m->read;
}

/* Counts an article that came into the library while it loads. */
void
state_article_arrived(void *arg, const struct article *a)
{
	struct state		*st = arg;
	const struct mark	*m = persist_get(st->persist, a->id);

	if (m == NULL || !m->read)
		st->unread++;
}

/* Counts an article that left the library while it loads. */
void
state_article_left(void *arg, const struct article *a)
{
	struct state		*st = arg;
	const struct mark	*m = persist_get(st->persist, a->id);

	if ((m == NULL || !m->read) && st->unread > 0)
		st->unread--;
}

/* Counts the unread articles (once per load, not per key). */
void
state_recount_unread(struct state *st)
{
	size_t	i;

	st->unread = 0;
	for (i = 0; i < st->corpus->n; i++)
		if (!state_is_read(st, i))
			st->unread++;
}

/* Marks library article i read or not. The mark is kept by identity,
 * which copies of one file share: each of them changes the count. */
static void
mark_read(struct state *st, size_t i, bool read)
{
	uint64_t	id = st->corpus->v[i].id;
	size_t		k, same = 0;

	if (state_is_read(st, i) == read)
		return;
	persist_set_read(st->persist, id, read);
	for (k = 0; k < st->corpus->n; k++)
		if (st->corpus->v[k].id == id)
			same++;
	if (read)
		st->unread = st->unread > same ? st->unread - same : 0;
	else
		st->unread += same;
}

/* Toggles the read mark of the focused article. */
int
state_toggle_read(struct state *st)
{
	long	i = st->focus == PANE_READER && st->rd.open >= 0 ?
		    st->rd.open : nav_cursor_article(&st->nav);

	if (i < 0)
		return RE_NONE;
	mark_read(st, (size_t) i, !state_is_read(st, (size_t) i));
	state_message(st, false, "%s", state_is_read(st, (size_t) i) ?
	    _("marked read") : _("marked unread"));
	return RE_DRAW;
}

/* ---- The list. ---- */

/* Puts the list cursor on row i. */
int
state_list_to(struct state *st, size_t i)
{
	st->nav.moved = true;
	nav_to(&st->nav, i);
	return RE_DRAW;
}

/* Moves the list cursor by delta rows, stopping at the ends. */
int
state_list_move(struct state *st, long delta)
{
	st->nav.moved = true;
	nav_move(&st->nav, delta);
	return RE_DRAW;
}

/* Returns the identity of the article under the list cursor, or 0. */
uint64_t
state_cursor_id(const struct state *st)
{
	long	a = nav_cursor_article(&st->nav);

	return a >= 0 ? st->corpus->v[a].id : 0;
}

/* Shows the results of the library search in the list, the cursor on
 * library article keep (or on the first). */
static void
show_results(struct state *st, long keep)
{
	size_t	n = lsearch_rows(&st->ls, st->corpus, nav_rows(&st->nav));

	nav_show_ranked(&st->nav, n, st->ls.text, keep);
	list_height(st);
}

/* Follows the library after articles were added, moved or removed while
 * loading: the cursor stays on the article it was on (cursor_id) once
 * the user has put it somewhere, else on the first row; the open article
 * is found again (see reading_follow_library); the filter is applied to
 * the new ones. */
void
state_library_changed(struct state *st, uint64_t cursor_id)
{
	const struct mark	*m;
	struct causes		 cs;
	uint64_t		 old = st->rd.open_id;
	long			 keep = cursor_id != 0 && st->nav.moved ?
			    corpus_find_id(st->corpus, cursor_id) : -1;

	causes_init(&cs);
	switch (reading_follow_library(&st->rd, &cs)) {
	case READING_SAME:
		break;
	case READING_RELOADED:
		history_repoint(&st->hist, old, st->rd.open_id);
		persist_set_last(st->persist, st->rd.open_id);
		m = persist_get(st->persist, old);
		if (m != NULL && m->read)
			mark_read(st, (size_t) st->rd.open, true);
		state_message(st, false, "%s", _("the article changed on disk: "
		    "this is its new version"));
		break;
	case READING_GONE:
		state_message(st, true, "%s", _("the article is no longer in "
		    "the library: its file changed or went"));
		break;
	}
	say(st, &cs);
	if (!st->rd.has_page)
		st->search.has_match = false;
	lsearch_library_changed(&st->ls);
	if (st->nav.ranked)
		show_results(st, cursor_id != 0 ?
		    corpus_find_id(st->corpus, cursor_id) : -1);
	else
		nav_refilter(&st->nav, keep);
}

/* Puts library c (loaded anew from the same paths) in the place of the
 * one shown, and follows it as after loading: the cursor stays on its
 * article, the open article is found again, read marks are counted
 * again, the search index is to follow. c is emptied. */
void
state_library_replace(struct state *st, struct corpus *c)
{
	struct corpus	old = *st->corpus;
	uint64_t	id = state_cursor_id(st);
	size_t		was = old.n;

	*st->corpus = *c;
	corpus_init(c);
	st->nav.moved = true;
	state_library_changed(st, id);
	state_recount_unread(st);
	corpus_free(&old);
	/* TRANSLATORS: after the library was read again: articles now,
	   and how many there were. */
	state_message(st, false, _("library read again: %zu articles (%zu "
	    "before)"), st->corpus->n, was);
}

/* ---- The reading pane. ---- */

/* Scrolls the reading pane by n rows (down if positive). */
int
state_scroll(struct state *st, long n)
{
	struct causes	cs;

	if (!st->rd.has_page)
		return RE_NONE;
	causes_init(&cs);
	reading_scroll(&st->rd, n, &cs);
	say(st, &cs);
	return RE_DRAW;
}

/* Goes to the start of the article. */
int
state_reader_home(struct state *st)
{
	struct causes	cs;

	causes_init(&cs);
	reading_home(&st->rd, &cs);
	say(st, &cs);
	return RE_DRAW;
}

/* Goes to the end of the article. */
int
state_reader_end(struct state *st)
{
	struct causes	cs;

	causes_init(&cs);
	reading_end(&st->rd, &cs);
	say(st, &cs);
	return RE_DRAW;
}

/* Reads the rest of a partly read article (when the user pauses). */
int
state_complete(struct state *st)
{
	struct causes	cs;
	int		rc;

	causes_init(&cs);
	rc = reading_complete(&st->rd, &cs);
	say(st, &cs);
	return rc != 0 ? RE_DRAW : RE_NONE;
}

/* Remembers where the open article is (for the next run). */
void
state_save_place(struct state *st)
{
	struct place	pl;

	if (!st->rd.has_page || st->rd.missing >= 0 || st->rd.open < 0)
		return;
	/* A place in the end read on its own counts its paragraphs from
	 * the end's first: the whole is needed to name it. */
	if (st->rd.tail)
		state_complete(st);
	pl = reading_place(&st->rd);
	persist_set_place(st->persist, st->rd.open_id, &pl);
}

/* ---- Opening articles and history. ---- */

/* The history step of what is shown now. */
static struct hist
current(struct state *st)
{
	struct hist	h;

	h.id = st->rd.open_id;
	h.missing = st->rd.missing;
	h.at = reading_place(&st->rd);
	h.rel_sel = st->rd.rel_sel;
	return h;
}

/* Finds the article with identity id, or -1. */
static long
find_id(const struct state *st, uint64_t id)
{
	if (st->rd.open >= 0 && st->corpus->v[st->rd.open].id == id)
		return st->rd.open;
	return corpus_find_id(st->corpus, id);
}

/* Reads article i into the reading pane; mark says whether this counts
 * as the user opening it (which marks it read). */
static int
load(struct state *st, long i, bool mark)
{
	struct causes	cs;

	causes_init(&cs);
	if (reading_open(&st->rd, i, &cs) != 0) {
		if (cs.n == 0)
			causes_add(&cs, "%s", _("cannot open the article"));
		say(st, &cs);
		return -1;
	}
	causes_free(&cs);
	persist_set_last(st->persist, st->rd.open_id);
	if (mark && st->set->mark_read_on_open)
		mark_read(st, (size_t) i, true);
	return 0;
}

/* Puts the list cursor on the open article, when the list shows it. */
static void
list_follows(struct state *st)
{
	long	row = nav_row_of(&st->nav, st->rd.open);

	if (row >= 0 && st->rd.missing < 0) {
		st->nav.moved = true;
		nav_to(&st->nav, (size_t) row);
	}
}

static int
open_article(struct state *st, long i, bool push_history, bool mark)
{
	struct causes		 cs;
	struct hist		 h;
	const struct mark	*m;
	bool			 had = st->rd.has_page;

	if (i < 0 || (size_t) i >= st->corpus->n)
		return RE_NONE;
	if (i == st->rd.open && st->rd.missing < 0) {
		/* It is open already: no second history step. */
		list_follows(st);
		st->focus = PANE_READER;
		return RE_DRAW;
	}
	if (had) {
		h = current(st);
		state_save_place(st);
	}
	if (load(st, i, mark) != 0)
		return RE_DRAW;
	if (had && push_history)
		history_visit(&st->hist, &h);
	causes_init(&cs);
	m = persist_get(st->persist, st->rd.open_id);
	if (st->set->restore_position && m != NULL && m->has_place)
		reading_goto(&st->rd, &m->at, &cs);
	else
		reading_fill(&st->rd, &cs);
	say(st, &cs);
	list_follows(st);
	st->focus = PANE_READER;
	return RE_DRAW;
}

/* Opens library article i, remembering the current one in the history
 * when push is true, and moves the list cursor to it. */
int
state_open(struct state *st, long i, bool push_history)
{
	struct causes	cs;
	struct pos	start = { 0, 0 };
	int		re = open_article(st, i, push_history, true);

	/* From a library search's results: at the first of its words, all
	 * of them marked. */
	if (st->nav.ranked && st->rd.open == i && st->rd.has_page &&
	    search_set_query(&st->search, st->ls.text, st->ls.flags) == 0) {
		causes_init(&cs);
		search_page(&st->search, &st->rd, NULL, start, 0, 1, &cs);
		say(st, &cs);
	}
	return re;
}

/* Opens the article that was open when the last run ended, as it was:
 * its read mark is left alone. */
int
state_restore_last(struct state *st)
{
	long	i;

	if (st->persist->last == 0 || (i = find_id(st, st->persist->last)) < 0)
		return RE_NONE;
	return open_article(st, i, false, false);
}

/* Restores a history step. */
static int
restore(struct state *st, const struct hist *h)
{
	struct causes	cs;
	long		i = find_id(st, h->id);

	if (i < 0) {
		state_message(st, true, "%s", _("that article is no longer in "
		    "the library"));
		return RE_DRAW;
	}
	state_save_place(st);
	if (i != st->rd.open || st->rd.missing >= 0 || !st->rd.has_page)
		if (load(st, i, true) != 0)
			return RE_DRAW;
	causes_init(&cs);
	/* A related item lies past the first part of a large article. */
	if (h->missing >= 0 || h->rel_sel >= 0)
		reading_complete(&st->rd, &cs);
	if (h->missing >= 0 && (size_t) h->missing < st->rd.page.doc.nrel)
		reading_show_missing(&st->rd, h->missing);
	else
		reading_goto(&st->rd, &h->at, &cs);
	if (st->rd.missing < 0 && h->rel_sel < (int32_t) st->rd.page.doc.nrel)
		st->rd.rel_sel = h->rel_sel;
	say(st, &cs);
	list_follows(st);
	st->focus = PANE_READER;
	return RE_DRAW;
}

/* Moves one step along the history: back (dir -1) or forward (1). */
static int
step_history(struct state *st, int dir)
{
	struct hist	cur, to;

	cur = current(st);
	if (!st->rd.has_page || !history_step(&st->hist, dir, &cur, &to)) {
		state_message(st, false, "%s", dir < 0 ?
		    _("nothing to go back to") : _("nothing to go forward to"));
		return RE_DRAW;
	}
	return restore(st, &to);
}

/* Goes back one step in the history. */
int
state_back(struct state *st)
{
	return step_history(st, -1);
}

/* Goes forward one step in the history. */
int
state_forward(struct state *st)
{
	return step_history(st, 1);
}

/* Opens the next (dir 1) or previous (-1) article of the list. */
int
state_step_article(struct state *st, int dir)
{
	long	row = nav_row_of(&st->nav, st->rd.open);
	long	n = (long) nav_count(&st->nav);

	if (row < 0)
		row = (long) st->nav.cursor;
	else
		row += dir;
	if (row < 0 || row >= n) {
		state_message(st, false, "%s", dir > 0 ?
		    _("this is the last article") :
		    _("this is the first article"));
		return RE_DRAW;
	}
	return state_open(st, nav_article(&st->nav, (size_t) row), true);
}

/* Opens the next unread article of the list after the open one (or the
 * cursor's), wrapping around; says so when there is none. */
int
state_next_unread(struct state *st)
{
	long	n = (long) nav_count(&st->nav), row, i, a;

	row = nav_row_of(&st->nav, st->rd.open);
	if (row < 0)
		row = (long) st->nav.cursor;
	for (i = 1; i < n; i++) {
		a = nav_article(&st->nav, (size_t) ((row + i) % n));
		if (a >= 0 && !state_is_read(st, (size_t) a))
			return state_open(st, a, true);
	}
	state_message(st, false, "%s", _("the end of the article, and no "
	    "other article is unread"));
	return RE_DRAW;
}

/* ---- Related items. ---- */

/* Selects the next (dir 1) or previous (-1) related item. */
int
state_related_step(struct state *st, int dir)
{
	struct causes	cs;

	causes_init(&cs);
	switch (related_step(&st->rd, dir, &cs)) {
	case RELATED_NONE:
		state_message(st, false, "%s", _("this article has no related "
		    "items"));
		break;
	case RELATED_FIRST:
		state_message(st, false, "%s",
		    _("this is the first related item"));
		break;
	case RELATED_LAST:
		state_message(st, false, "%s",
		    _("this is the last related item"));
		break;
	case RELATED_MOVED:
		break;
	}
	say(st, &cs);
	return RE_DRAW;
}

/* Selects related item r (a click). */
int
state_select_related(struct state *st, int32_t r)
{
	related_select(&st->rd, r);
	return RE_DRAW;
}

/* Follows the selected related item. */
int
state_follow(struct state *st)
{
	struct hist	h;
	long		target;

	if (!st->rd.has_page || st->rd.rel_sel < 0 || st->rd.missing >= 0) {
		/* TRANSLATORS: %s is the name of a key, such as ]. */
		state_message(st, false, _("no related item selected: press "
		    "%s to choose one"), state_key_hint(st, ACT_NEXT_RELATED));
		return RE_DRAW;
	}
	target = related_target(&st->rd);
	if (target >= 0)
		return state_open(st, target, true);
	h = current(st);
	state_save_place(st);
	history_visit(&st->hist, &h);
	reading_show_missing(&st->rd, st->rd.rel_sel);
	return RE_DRAW;
}

/* ---- Search. ---- */

/* Says how a search of the text went. */
static void
say_search(struct state *st, enum search_result r, const char *needle)
{
	if (r == SEARCH_WRAPPED)
		state_message(st, false, "%s", _("search wrapped around"));
	else if (r == SEARCH_NOT_FOUND)
		state_message(st, true, _("not found: %s"), needle);
}

/* Whether article id is read, for a query's unread. */
static bool
id_read(void *arg, uint64_t id)
{
	const struct mark	*m = persist_get(arg, id);

	return m != NULL && m->read;
}

/* Gives back the whole list, where it was before the library search. */
static void
drop_results(struct state *st)
{
	long	a = st->list_saved_id != 0 ?
		    corpus_find_id(st->corpus, st->list_saved_id) : -1;

	nav_unrank(&st->nav);
	list_height(st);
	lsearch_drop(&st->ls);
	if (a >= 0) {
		/* The cursor on its row of the screen, as it was. */
		st->nav.top = (size_t) a > st->list_saved_row ?
		    (size_t) a - st->list_saved_row : 0;
		nav_to(&st->nav, (size_t) a);
	}
}

/* Says how far the index is, after a query made while it is built. */
static void
say_partial(struct state *st, const char *first)
{
	if (st->ls.total == 0)
		/* TRANSLATORS: after "N articles match" or "nothing
		   matches", before the indexer knows how many files are to
		   be indexed. */
		state_message(st, false, _("%s (the index is being brought "
		    "up to date)"), first);
	else
		/* TRANSLATORS: after "N articles match" or "nothing
		   matches": files indexed so far, of how many. */
		state_message(st, false, _("%s (the index is being built: "
		    "%zu of %zu files so far)"), first, st->ls.done,
		    st->ls.total);
}

/* Runs the library search text and shows what it finds in the list; a
 * query that is not one keeps the prompt open, the reason under it. */
static int
library_search(struct state *st, const char *text)
{
	struct causes		 cs;
	enum lsearch_result	 r;
	char			*said;
	int			 re = RE_DRAW;

	causes_init(&cs);
	if (!st->ls.indexing && !st->ls.complete)
		lsearch_start(&st->ls, st->corpus, &cs);
	if (st->sync_index)
		lsearch_finish(&st->ls, st->corpus, &cs);
	r = lsearch_run(&st->ls, text, st->corpus, id_read, st->persist, &cs);
	if (r == LSEARCH_BAD_QUERY) {
		st->prompt.active = true;
		state_message(st, true, "%s", cs.n > 0 ? cs.msg[0] :
		    _("not a search"));
		causes_free(&cs);
		return RE_DRAW;
	}
	say(st, &cs);
	if (r == LSEARCH_NO_INDEX)
		return RE_DRAW;
	if (r == LSEARCH_NONE)
		said = xasprintf(_("nothing matches: %s"), text);
	else {
		if (!st->nav.ranked) {
			st->list_saved_id = state_cursor_id(st);
			st->list_saved_row = st->nav.cursor - st->nav.top;
			if (st->nav.filtered)
				nav_filter(&st->nav, "", -1);
		}
		if (st->zoom) {
			st->zoom = false;
			re |= RE_CLEAR;
		}
		st->focus = PANE_LIST;
		show_results(st, -1);
		said = xasprintf(ngettext("%zu article matches",
		    "%zu articles match", st->nav.nview), st->nav.nview);
	}
	if (!st->ls.complete)
		say_partial(st, said);
	else
		state_message(st, r == LSEARCH_NONE, "%s", said);
	free(said);
	return re;
}

/* Starts typing a library search, whose results take the list's place. */
int
state_library_search_start(struct state *st)
{
	struct place	at = reading_place(&st->rd);

	prompt_start(&st->prompt, PANE_LIST, nav_cursor_article(&st->nav),
	    &at);
	st->prompt.library = true;
	st->focus = PANE_LIST;
	state_clear_message(st);
	if (st->zoom) {
		st->zoom = false;
		return RE_DRAW | RE_CLEAR;
	}
	return RE_DRAW;
}

/* Looks at how the indexer is doing, and starts it again when the
 * library changed since it last ended; RE_DRAW when what the status
 * line says of it changed. */
int
state_index_poll(struct state *st)
{
	struct causes	cs;
	bool		changed;

	causes_init(&cs);
	if (!st->ls.indexing && !st->ls.complete && !st->ls.failed &&
	    !st->loading) {
		/* The library changed (or was never indexed): again. */
		lsearch_start(&st->ls, st->corpus, &cs);
		changed = cs.n > 0;
	} else
		changed = lsearch_poll(&st->ls, st->corpus, &cs);
	say(st, &cs);
	return changed ? RE_DRAW : RE_NONE;
}

/* Starts typing a search in the focused pane. */
int
state_prompt_start(struct state *st)
{
	struct place	at = reading_place(&st->rd);

	if (state_in_reader(st) && !st->rd.has_page)
		return RE_NONE;
	/* A title filter is of the whole library. */
	if (!state_in_reader(st) && st->nav.ranked)
		drop_results(st);
	prompt_start(&st->prompt, state_in_reader(st) ? PANE_READER :
	    PANE_LIST, nav_cursor_article(&st->nav), &at);
	st->prompt.saved_top = st->rd.top;
	st->prompt.saved_gen = st->rd.gen;
	st->prompt.saved_width = st->rd.width;
	state_clear_message(st);
	return RE_DRAW;
}

/* Puts the reading pane back where the search started: at its very row
 * while the page is the same and as wide, else at its place. */
static void
back_to_start(struct state *st, struct causes *cs)
{
	struct reading	*rd = &st->rd;
	struct pos	 p = st->prompt.saved_top;

	if (rd->has_page && rd->gen == st->prompt.saved_gen &&
	    rd->width == st->prompt.saved_width && p.block < rd->page.nb &&
	    p.row < reading_rows(rd, p.block))
		rd->top = p;
	else
		reading_goto(rd, &st->prompt.saved_at, cs);
}

/* Shows what the prompt's text finds as it is typed: the list narrows,
 * or the text goes to the first match from where the search started.
 * Nothing is said until it is entered. */
static int
prompt_update(struct state *st, bool final)
{
	struct causes		cs;
	enum search_result	r;

	/* A library search runs when it is entered: a query of the whole
	 * library per key typed would make typing wait. */
	if (st->prompt.library)
		return RE_DRAW;
	if (st->prompt.pane == PANE_LIST) {
		nav_filter(&st->nav, st->prompt.buf, st->prompt.saved);
		return RE_DRAW;
	}
	causes_init(&cs);
	back_to_start(st, &cs);
	r = search_page(&st->search, &st->rd, st->prompt.buf, st->rd.top,
	    (long) reading_pos_byte(&st->rd, st->rd.top), 1, &cs);
	if (final)
		say_search(st, r, st->prompt.buf);
	say(st, &cs);
	return RE_DRAW;
}

static int
prompt_end(struct state *st, bool accept)
{
	struct causes	cs;
	long		a = nav_cursor_article(&st->nav);

	st->prompt.active = false;
	state_clear_message(st);
	if (st->prompt.library)
		return accept && st->prompt.len > 0 ?
		    library_search(st, st->prompt.buf) : RE_DRAW;
	if (!accept || st->prompt.len == 0) {
		if (st->prompt.pane == PANE_LIST)
			nav_filter(&st->nav, "", accept && a >= 0 ? a :
			    st->prompt.saved);
		else {
			causes_init(&cs);
			back_to_start(st, &cs);
			say(st, &cs);
			search_forget_match(&st->search);
		}
		return RE_DRAW;
	}
	search_set_needle(&st->search, st->prompt.buf);
	if (st->prompt.pane == PANE_LIST)
		state_message(st, false, ngettext("%zu article matches",
		    "%zu articles match", st->nav.nview), st->nav.nview);
	else
		prompt_update(st, true);
	return RE_DRAW;
}

static int
prompt_result(struct state *st, enum prompt_result r)
{
	switch (r) {
	case PROMPT_ACCEPT:
		return prompt_end(st, true);
	case PROMPT_CANCEL:
		return prompt_end(st, false);
	case PROMPT_EDITED:
		/* What was wrong with the query typed is gone with it. */
		state_clear_message(st);
		return prompt_update(st, false) | RE_DRAW;
	case PROMPT_IGNORED:
		break;
	}
	return RE_NONE;
}

/* Feeds a key to the search prompt: one of its actions (Enter, Esc ...
 * as the key table binds them) or a character to insert. */
int
state_prompt_key(struct state *st, key_code k)
{
	switch (keymap_lookup_prompt(st->keys, k)) {
	case ACT_PROMPT_ACCEPT:
		return prompt_result(st, PROMPT_ACCEPT);
	case ACT_PROMPT_CANCEL:
		return prompt_result(st, PROMPT_CANCEL);
	case ACT_PROMPT_ERASE:
		return prompt_result(st, prompt_erase(&st->prompt));
	case ACT_PROMPT_CLEAR:
		return prompt_result(st, prompt_clear(&st->prompt));
	default:
		break;
	}
	return prompt_result(st, prompt_type(&st->prompt, k));
}

/* Inserts pasted text into the search prompt. */
int
state_prompt_paste(struct state *st, const char *s, size_t n)
{
	return prompt_result(st, prompt_insert(&st->prompt, s, n));
}

/* Goes to the next (dir 1) or previous (-1) match of the last search. */
int
state_search_step(struct state *st, int dir)
{
	struct causes		 cs;
	enum search_result	 r;
	const char		*needle = search_text(&st->search);
	long			 n = (long) nav_count(&st->nav), i, row;

	if (state_in_reader(st) && needle != NULL) {
		causes_init(&cs);
		r = search_again(&st->search, &st->rd, dir, &cs);
		say_search(st, r, needle);
		say(st, &cs);
		return RE_DRAW;
	}
	if (!state_in_reader(st) && st->nav.ranked && n > 0) {
		/* Every row is a match: the next one. */
		row = ((long) st->nav.cursor + dir + n) % n;
		if ((dir > 0) != (row > (long) st->nav.cursor))
			state_message(st, false, "%s",
			    _("search wrapped around"));
		return state_list_to(st, (size_t) row);
	}
	if (needle == NULL || st->search.needle == NULL) {
		state_message(st, false, _("no search yet: press %s to "
		    "search"), state_key_hint(st, ACT_SEARCH));
		return RE_DRAW;
	}
	for (i = 1; i <= n; i++) {
		row = ((long) st->nav.cursor + dir * i % n + n) % n;
		if (nav_title_matches(&st->nav, nav_article(&st->nav,
		    (size_t) row), needle)) {
			if ((dir > 0) != (row > (long) st->nav.cursor))
				state_message(st, false, "%s",
				    _("search wrapped around"));
			return state_list_to(st, (size_t) row);
		}
	}
	state_message(st, true, _("not found: %s"), needle);
	return RE_DRAW;
}

/* Esc after a search: the marks go, and the title filter; a library
 * search's results go from the list (the whole library comes back,
 * where it was), but not from the reading pane, so that the next result
 * is a Tab away. */
int
state_clear_search(struct state *st)
{
	bool	match = search_match(&st->search, &st->rd);

	if (st->nav.ranked && !state_in_reader(st)) {
		drop_results(st);
		search_forget_match(&st->search);
		return RE_DRAW;
	}
	if (st->nav.ranked || !st->nav.filtered) {
		if (!match)
			return RE_NONE;
	} else
		nav_filter(&st->nav, "", nav_cursor_article(&st->nav));
	search_forget_match(&st->search);
	search_set_needle(&st->search, NULL);
	return RE_DRAW;
}

/* ---- Invariants. ---- */

static void
broken(const char *what)
{
	if (what == NULL)
		return;
	fprintf(stderr, "%s: state invariant broken: %s\n", PACKAGE, what);
	abort();
}

/* Checks the invariants of state.h and of every part; aborts, naming the
 * first one broken. */
void
state_check(struct state *st)
{
	size_t	i, unread = 0;

	broken(nav_check(&st->nav));
	broken(reading_check(&st->rd));
	broken(history_check(&st->hist));
	broken(search_check(&st->search, &st->rd));
	broken(prompt_check(&st->prompt));
	broken(lsearch_check(&st->ls));
	if (st->nav.ranked != st->ls.active)
		broken("list ranked without results, or results not shown");
	if (st->nav.ranked && st->nav.nview != st->ls.n)
		broken("results and their rows disagree");
	if (st->prompt.library && st->prompt.active &&
	    st->prompt.pane != PANE_LIST)
		broken("library search outside the list");
	if (!st->loading) {
		for (i = 0; i < st->corpus->n; i++)
			if (!state_is_read(st, i))
				unread++;
		if (unread != st->unread)
			broken("unread count wrong");
	}
	if (!st->rd.has_page && (st->focus != PANE_LIST || st->zoom ||
	    st->search.has_match))
		broken("reading pane focused or matched without a page");
	if (st->help_rows > (size_t) st->help_h &&
	    st->help_top > st->help_rows - (size_t) st->help_h)
		broken("help scrolled past its end");
	if (st->help_rows > 0 && st->help_rows <= (size_t) st->help_h &&
	    st->help_top != 0)
		broken("short help scrolled");
	if (st->help_top > HELP_TOP_MAX)
		broken("help scrolled past any text");
	if (st->prompt.active && st->prompt.pane == PANE_READER &&
	    !st->rd.has_page)
		broken("text search without a page");
}
