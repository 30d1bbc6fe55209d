/* Navigation: list, reading pane, related items, history, search. */
#include "system.h"

#include <stdarg.h>
#include <stdio.h>

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
	st->open = -1;
	st->missing = -1;
	st->rel_sel = -1;
	st->list_h = st->reader_h = st->help_h = 1;
	st->reader_w = 80;
	state_recount_unread(st);
}

/* Frees what the state owns (not the corpus or the persist). */
void
state_free(struct state *st)
{
	if (st->has_page)
		page_free(&st->page);
	free(st->view);
	free(st->back);
	free(st->fwd);
	free(st->needle);
	free(st->msg);
	free(st->clipboard);
	free(st->open_path);
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
}

/* Names the first key bound to action a, for hints ("press ] to ...").
 * Returns a static buffer. */
const char *
state_key_hint(const struct state *st, enum action a)
{
	static char	name[32];
	key_code	k;

	if (keymap_keys_of(st->keys, a, &k, 1) == 0 ||
	    key_to_name(k, name, sizeof name) != 0)
		snprintf(name, sizeof name, "%s", action_table[a].name);
	return name;
}

/* Clears the status line message. */
void
state_clear_message(struct state *st)
{
	x_free(st->msg);
	st->msg_error = false;
}

/* ---- The list. ---- */

/* Returns how many rows the list has (with the filter applied). */
size_t
state_list_count(const struct state *st)
{
	return st->filtered ? st->nview : st->corpus->n;
}

/* Returns the corpus index of list row i, or -1. */
long
state_list_article(const struct state *st, size_t i)
{
	if (i >= state_list_count(st))
		return -1;
	return st->filtered ? (long) st->view[i] : (long) i;
}

/* Whether corpus article i has been read. */
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

static void
list_keep_visible(struct state *st)
{
	size_t	h = st->list_h > 0 ? (size_t) st->list_h : 1;
	size_t	n = state_list_count(st);

	if (st->cursor >= n)
		st->cursor = n > 0 ? n - 1 : 0;
	if (st->cursor < st->list_top)
		st->list_top = st->cursor;
	else if (st->cursor >= st->list_top + h)
		st->list_top = st->cursor - h + 1;
	if (st->list_top + h > n)
		st->list_top = n > h ? n - h : 0;
}

/* Puts the list cursor on row i. */
int
state_list_to(struct state *st, size_t i)
{
	st->cursor = i;
	list_keep_visible(st);
	return RE_LIST | RE_STATUS;
}

/* Moves the list cursor by delta rows, stopping at the ends. */
int
state_list_move(struct state *st, long delta)
{
	long	n = (long) state_list_count(st), c = (long) st->cursor + delta;

	if (c >= n)
		c = n - 1;
	if (c < 0)
		c = 0;
	return state_list_to(st, (size_t) c);
}

/* Finds the list row showing corpus article a, or -1. */
static long
list_row_of(const struct state *st, long a)
{
	size_t	i;

	if (!st->filtered)
		return a;
	for (i = 0; i < st->nview; i++)
		if ((long) st->view[i] == a)
			return (long) i;
	return -1;
}

/* Returns the identity of the article under the list cursor, or 0. */
uint64_t
state_cursor_id(const struct state *st)
{
	long	a = state_list_article(st, st->cursor);

	return a >= 0 ? st->corpus->v[a].id : 0;
}

static void	filter_list(struct state *, const char *, long);
static void	set_page(struct state *, struct doc *);
static int	read_head(struct state *, size_t);
static void	fill_rows(struct state *, size_t);
static void	place_top(struct state *, const struct place *);

static int	load(struct state *, long, bool);
static void	goto_place(struct state *, const struct place *);
static void	repoint_history(struct state *, uint64_t, uint64_t);

/* The open article left the library: its file changed (and came back
 * with another identity) or went. A changed file is read again at the
 * same place; what is shown of a file gone stays, but nothing more of it
 * can be read, so the page is no longer partial. */
static void
follow_changed(struct state *st)
{
	struct place	pl = state_place(st);
	uint64_t	old = st->open_id;
	size_t		i;
	long		found = -1;

	for (i = 0; i < st->corpus->n && st->open_path != NULL; i++)
		if (st->corpus->v[i].root == st->open_root &&
		    strcmp(st->corpus->v[i].path, st->open_path) == 0) {
			found = (long) i;
			break;
		}
	if (found >= 0 && st->missing >= 0) {
		/* The page shows one of its related items: it stays. */
		st->open = found;
		st->open_id = st->corpus->v[found].id;
	} else if (found >= 0 && load(st, found, false) == 0) {
		goto_place(st, &pl);
		fill_rows(st, (size_t) st->reader_h);
		state_message(st, false, "%s", _("the article changed on disk: "
		    "this is its new version"));
	} else {
		st->open = -1;
		st->partial = st->tail = false;
		x_free(st->open_path);
		state_message(st, true, "%s", _("the article is no longer in "
		    "the library: its file changed or went"));
		return;
	}
	repoint_history(st, old, st->open_id);
}

/* Follows the library after articles were added, moved or removed while
 * loading: the cursor stays on the article it was on (cursor_id), the
 * filter is applied to the new ones, the counts are made again. */
void
state_library_changed(struct state *st, uint64_t cursor_id)
{
	long	keep = cursor_id != 0 ? corpus_find_id(st->corpus, cursor_id) :
		    -1;

	if (st->open >= 0 &&
	    (st->open = corpus_find_id(st->corpus, st->open_id)) < 0)
		follow_changed(st);
	if (st->filtered)
		filter_list(st, st->prompting ? st->prompt : st->needle != NULL ?
		    st->needle : "", keep);
	else if (keep >= 0)
		state_list_to(st, (size_t) keep);
	else
		list_keep_visible(st);
}

/* ---- Rows of the reading pane. ---- */

static size_t
rows_of(struct state *st, uint32_t b)
{
	return page_block_rows(&st->page, b);
}

static bool
pos_next(struct state *st, struct pos *p)
{
	if (p->row + 1 < rows_of(st, p->block)) {
		p->row++;
		return true;
	}
	if (p->block + 1 < st->page.nb) {
		p->block++;
		p->row = 0;
		return true;
	}
	return false;
}

static bool
pos_prev(struct state *st, struct pos *p)
{
	if (p->row > 0) {
		p->row--;
		return true;
	}
	if (p->block > 0) {
		p->block--;
		p->row = (uint32_t) rows_of(st, p->block) - 1;
		return true;
	}
	return false;
}

/* Counts the rows from p to the end, stopping at limit. */
static size_t
rows_from(struct state *st, struct pos p, size_t limit)
{
	size_t	n = rows_of(st, p.block) - p.row;
	size_t	b;

	for (b = p.block + 1; n < limit && b < st->page.nb; b++)
		n += rows_of(st, (uint32_t) b);
	return n;
}

/* Whether the last row of the article is on screen. */
bool
state_reader_at_end(struct state *st)
{
	size_t	h = (size_t) st->reader_h;

	return !st->has_page || rows_from(st, st->top, h + 1) <= h;
}

/* Scrolls the reading pane by n rows (down if positive). */
int
state_scroll(struct state *st, long n)
{
	size_t	h = (size_t) st->reader_h, have;

	if (!st->has_page)
		return RE_NONE;
	if (n > 0)
		fill_rows(st, h + (size_t) n);
	if (n > 0) {
		have = rows_from(st, st->top, h + (size_t) n);
		n = have > h ? (long) (have - h) < n ? (long) (have - h) : n :
		    0;
		while (n-- > 0)
			pos_next(st, &st->top);
	} else {
		while (n < 0 && pos_prev(st, &st->top))
			n++;
		/* Above the end of a long article: the rest first. */
		if (n < 0 && st->tail) {
			state_complete(st);
			while (n++ < 0 && pos_prev(st, &st->top))
				;
		}
	}
	return RE_READER | RE_STATUS;
}

/* How much of the start of a large article is read first: what fills
 * the reading pane (2 bytes a column is more than any text takes: CJK
 * takes 3 bytes for 2), within STATE_FIRST_MIN and STATE_FIRST_MAX. */
static size_t
first_bytes(const struct state *st)
{
	size_t	n = (size_t) st->reader_h * (size_t) st->reader_w * 2;

	if (!st->sized)
		return STATE_FIRST_BYTES;
	return n < STATE_FIRST_MIN ? STATE_FIRST_MIN : n > STATE_FIRST_MAX ?
	    STATE_FIRST_MAX : n;
}

/* Goes to the start of the article. */
int
state_reader_home(struct state *st)
{
	if (st->tail)
		read_head(st, first_bytes(st));
	st->top.block = 0;
	st->top.row = 0;
	fill_rows(st, (size_t) st->reader_h);
	return RE_READER | RE_STATUS;
}

/* Puts the end of a partly read article in the pane, read on its own,
 * so that End answers at once whatever the size; the whole comes when
 * the interface is idle. */
static void
show_tail(struct state *st)
{
	struct causes	 cs;
	struct doc	 d;
	char		*path = corpus_path(st->corpus, &st->corpus->v[st->open]);
	int64_t		 skip;
	int		 rc;

	causes_init(&cs);
	rc = corpus_load_doc_tail(path, &d, &cs, STATE_QUICK_BYTES, &skip);
	free(path);
	causes_free(&cs);
	if (rc != 0)
		return;
	/* The title and URL are the article's, not the fragment's. */
	{
		struct article	*a = &st->corpus->v[st->open];
		size_t		 tl = strlen(a->title);

		d.text = xreallocarray(d.text, d.len + tl + 1, 1);
		memcpy(d.text + d.len, a->title, tl + 1);
		d.title.off = (uint32_t) d.len;
		d.title.len = (uint32_t) tl;
		d.len += tl;
		d.date = a->date;
	}
	corpus_resolve(st->corpus, &d);
	set_page(st, &d);
	st->partial = st->tail = true;
	st->tail_skip = skip;
}

/* Puts the first bytes of article i in the reading pane, read on their
 * own (all of it if it is no longer). Returns -1, with a cause in cs, if
 * it could not be read. */
static int
read_part(struct state *st, long i, size_t bytes, struct causes *cs)
{
	struct doc	 d;
	char		*path = corpus_path(st->corpus, &st->corpus->v[i]);
	bool		 whole = false;
	int		 rc;

	rc = corpus_load_doc_part(path, &d, cs, bytes, &whole);
	free(path);
	if (rc != 0)
		return -1;
	corpus_resolve(st->corpus, &d);
	set_page(st, &d);
	st->partial = !whole;
	st->tail = false;
	st->part = bytes;
	return 0;
}

/* read_part() of the open article, saying nothing of what went wrong. */
static int
read_head(struct state *st, size_t bytes)
{
	struct causes	cs;
	int		rc;

	causes_init(&cs);
	rc = read_part(st, st->open, bytes, &cs);
	causes_free(&cs);
	return rc;
}

/* Reads more of the start of a partly read article: four times as much,
 * or all of it once that is near the whole. The reading position and the
 * selection stay. Returns false when there was nothing more to read. */
static bool
grow(struct state *st)
{
	struct place	pl;
	int32_t		sel = st->rel_sel;
	size_t		next = st->part * 4;

	if (!st->partial || st->tail || st->open < 0 || st->missing >= 0)
		return false;
	if ((int64_t) next >= st->corpus->v[st->open].size / 2)
		return state_complete(st) != RE_NONE;
	pl = state_place(st);
	if (read_head(st, next) != 0)
		return false;
	place_top(st, &pl);
	if (sel < (int32_t) st->page.doc.nrel)
		st->rel_sel = sel;
	return true;
}

/* Reads more of a partly read article until n rows show from the top
 * (or there is no more). */
static void
fill_rows(struct state *st, size_t n)
{
	while (st->has_page && st->partial && !st->tail &&
	    rows_from(st, st->top, n + 1) <= n && grow(st))
		;
}

/* Shows the end of the article: only the last screenful is wrapped. */
int
state_reader_end(struct state *st)
{
	size_t	h = (size_t) st->reader_h, k;
	struct pos p;

	if (!st->has_page)
		return RE_NONE;
	if (st->partial && !st->tail)
		show_tail(st);
	p.block = (uint32_t) st->page.nb - 1;
	p.row = (uint32_t) rows_of(st, p.block) - 1;
	for (k = 1; k < h && pos_prev(st, &p); k++)
		;
	st->top = p;
	return RE_READER | RE_STATUS;
}

/* The text byte that row p shows first: its block and offset. */
static uint32_t
pos_byte(struct state *st, struct pos p)
{
	struct pblock	*b = page_block(&st->page, p.block);

	if (p.row < b->gap)
		return 0;
	return b->lines[p.row - b->gap].off;
}

static struct pos
pos_of_byte(struct state *st, size_t block, uint32_t off)
{
	struct pos	p;

	p.block = (uint32_t) block;
	p.row = page_block(&st->page, block)->gap +
	    page_line_at(&st->page, block, off);
	return p;
}

/* How far into the article the top row is, in percent. */
int
state_percent(struct state *st)
{
	uint64_t	at;

	if (!st->has_page || st->page.total == 0 ||
	    ((!st->partial || st->tail) && state_reader_at_end(st)))
		return 100;
	at = st->page.b[st->top.block].pos + pos_byte(st, st->top);
	/* Of a partly read article, only its size on disk is known. */
	if (st->partial && st->tail && st->open >= 0)
		at += (uint64_t) st->tail_skip;
	if (st->partial && st->open >= 0 &&
	    st->corpus->v[st->open].size > (int64_t) at)
		return (int) (at * 100 / (uint64_t) st->corpus->v[st->open].size);
	return (int) (at * 100 / st->page.total);
}

/* The width-independent place of the top row. */
struct place
state_place(struct state *st)
{
	struct place	 pl = { 0, 0 };
	struct pblock	*b;
	uint32_t	 off;

	if (!st->has_page)
		return pl;
	b = &st->page.b[st->top.block];
	if (b->para >= 0) {
		const struct para *pa = &st->page.doc.paras[b->para];

		off = b->para_off + pos_byte(st, st->top);
		pl.para = (uint32_t) b->para + 1;
		pl.chr = (uint32_t) text_count_chars(st->page.doc.text +
		    pa->text.off, off);
	} else if (b->related >= 0)
		pl.para = (uint32_t) (st->page.doc.npara + 1 +
		    (size_t) b->related);
	return pl;
}

/* Scrolls to a place given by state_place(). */
static void
place_top(struct state *st, const struct place *pl)
{
	const struct doc	*d = &st->page.doc;
	const struct para	*pa;
	uint32_t		 off;
	size_t			 b;

	st->top.block = st->top.row = 0;
	if (pl->para == 0)
		return;
	if (pl->para <= d->npara) {
		pa = &d->paras[pl->para - 1];
		off = (uint32_t) text_char_offset(d->text + pa->text.off,
		    pa->text.len, pl->chr);
		b = page_find_para(&st->page, pl->para - 1, off);
		st->top = pos_of_byte(st, b, off - st->page.b[b].para_off);
	} else if (pl->para - 1 - d->npara < d->nrel)
		st->top.block = (uint32_t)
		    st->page.rel_block[pl->para - 1 - d->npara];
}

/* Puts place pl at the top of the reading pane, reading more of a partly
 * read article first if pl lies beyond what was read. */
static void
goto_place(struct state *st, const struct place *pl)
{
	while (st->partial && !st->tail && pl->para > st->page.doc.npara &&
	    grow(st))
		;
	place_top(st, pl);
}

/* Sets the sizes of the panes; re-wraps around the reading position. */
void
state_set_geometry(struct state *st, int list_h, int reader_h, int reader_w,
    int help_h)
{
	uint32_t	off;
	size_t		block;

	st->list_h = list_h > 0 ? list_h : 1;
	st->reader_h = reader_h > 0 ? reader_h : 1;
	st->help_h = help_h > 0 ? help_h : 1;
	list_keep_visible(st);
	if (reader_w < 4)
		reader_w = 4;
	if (st->set->text_width > 0 && reader_w > st->set->text_width)
		reader_w = st->set->text_width;
	if (st->has_page && reader_w != st->page.width) {
		block = st->top.block;
		off = pos_byte(st, st->top);
		page_set_width(&st->page, reader_w);
		st->top = pos_of_byte(st, block, off);
	}
	st->reader_w = reader_w;
	st->sized = true;
	fill_rows(st, (size_t) st->reader_h);
}

/* Remembers where the open article is (for the next run). */
void
state_save_place(struct state *st)
{
	struct place	pl;

	if (!st->has_page || st->missing >= 0 || st->open < 0)
		return;
	pl = state_place(st);
	persist_set_place(st->persist, st->open_id, &pl);
}

/* ---- Opening articles and history. ---- */

static struct hist
current(struct state *st)
{
	struct hist	h;

	h.id = st->open_id;
	h.missing = st->missing;
	h.at = state_place(st);
	h.rel_sel = st->rel_sel;
	return h;
}

static void
push(struct hist **v, size_t *n, const struct hist *h)
{
	if (*n == STATE_HISTORY_MAX) {
		memmove(*v, *v + 1, (*n - 1) * sizeof **v);
		(*n)--;
	}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = *h;
}

static long
find_id(const struct state *st, uint64_t id)
{
	size_t	i;

	if (st->open >= 0 && (size_t) st->open < st->corpus->n &&
	    st->corpus->v[st->open].id == id)
		return st->open;
	for (i = 0; i < st->corpus->n; i++)
		if (st->corpus->v[i].id == id)
			return (long) i;
	return -1;
}

/* Makes the history's steps at article old point at new. */
static void
repoint_history(struct state *st, uint64_t old, uint64_t new)
{
	size_t	i;

	for (i = 0; i < st->nback; i++)
		if (st->back[i].id == old)
			st->back[i].id = new;
	for (i = 0; i < st->nfwd; i++)
		if (st->fwd[i].id == old)
			st->fwd[i].id = new;
}

static void
set_page(struct state *st, struct doc *d)
{
	if (st->has_page)
		page_free(&st->page);
	page_build(&st->page, d, st->set->show_related);
	page_set_width(&st->page, st->reader_w);
	st->has_page = true;
	st->top.block = st->top.row = 0;
	st->rel_sel = -1;
	st->has_match = false;
}

static void
mark_read(struct state *st, size_t i, bool read)
{
	if (state_is_read(st, i) == read)
		return;
	persist_set_read(st->persist, st->corpus->v[i].id, read);
	if (read)
		st->unread--;
	else
		st->unread++;
}

/* Loads article i into the reading pane; mark says whether this counts
 * as the user opening it (which marks it read). A large article comes
 * in partly (see state_complete). */
static int
load(struct state *st, long i, bool mark)
{
	struct causes	cs;

	causes_init(&cs);
	if (read_part(st, i, first_bytes(st), &cs) != 0) {
		state_message(st, true, "%s", cs.n > 0 ? cs.msg[0] :
		    _("cannot open the article"));
		causes_free(&cs);
		return -1;
	}
	causes_free(&cs);
	st->open = i;
	st->open_id = st->corpus->v[i].id;
	st->open_root = st->corpus->v[i].root;
	free(st->open_path);
	st->open_path = xstrdup(st->corpus->v[i].path);
	st->missing = -1;
	persist_set_last(st->persist, st->open_id);
	if (mark && st->set->mark_read_on_open)
		mark_read(st, (size_t) i, true);
	return 0;
}

static int
open_article(struct state *st, long i, bool push_history, bool mark)
{
	struct hist		h;
	const struct mark	*m;
	long			row;
	bool			had = st->has_page;

	if (i < 0 || (size_t) i >= st->corpus->n)
		return RE_NONE;
	if (had) {
		h = current(st);
		state_save_place(st);
	}
	if (load(st, i, mark) != 0)
		return RE_STATUS;
	if (had && push_history) {
		push(&st->back, &st->nback, &h);
		st->nfwd = 0;
	}
	m = persist_get(st->persist, st->open_id);
	if (st->set->restore_position && m != NULL && m->has_place)
		goto_place(st, &m->at);
	fill_rows(st, (size_t) st->reader_h);
	if ((row = list_row_of(st, i)) >= 0)
		state_list_to(st, (size_t) row);
	st->focus = PANE_READER;
	return RE_ALL | RE_SAVE;
}

/* Reads the rest of a partly loaded article and puts it in place of the
 * start, keeping the reading position and the selection. */
int
state_complete(struct state *st)
{
	struct causes	cs;
	struct doc	d;
	struct place	pl;
	int32_t		sel = st->rel_sel;

	uint32_t	npara_part = (uint32_t) st->page.doc.npara;
	bool		was_tail = st->tail, at_end;

	if (!st->partial || st->open < 0 || st->missing >= 0)
		return RE_NONE;
	at_end = state_reader_at_end(st);
	st->partial = st->tail = false;
	causes_init(&cs);
	if (corpus_open(st->corpus, (size_t) st->open, &d, &cs) != 0) {
		state_message(st, true, "%s", cs.n > 0 ? cs.msg[0] :
		    _("cannot open the article"));
		causes_free(&cs);
		return RE_STATUS;
	}
	causes_free(&cs);
	pl = state_place(st);
	set_page(st, &d);
	/* The end's paragraphs are the last ones of the whole. */
	if (was_tail && pl.para > 0)
		pl.para += (uint32_t) st->page.doc.npara - npara_part;
	if (was_tail && at_end)
		state_reader_end(st);
	else
		goto_place(st, &pl);
	if (sel < (int32_t) st->page.doc.nrel)
		st->rel_sel = sel;
	return RE_READER | RE_STATUS;
}

/* Opens corpus article i, remembering the current one in the history
 * when push is true, and moves the list cursor to it. */
int
state_open(struct state *st, long i, bool push_history)
{
	return open_article(st, i, push_history, true);
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

/* Shows related item r of the open article as not in the library. */
static int
open_missing(struct state *st, int32_t r)
{
	const struct related	*rel = &st->page.doc.rel[r];
	const char		*note = _("This article is not in the library.");
	struct doc		 d;
	size_t			 tl = rel->title.len, el = rel->excerpt.len;
	size_t			 nl = strlen(note);

	memset(&d, 0, sizeof d);
	d.text = xmalloc(tl + nl + el + 1);
	memcpy(d.text, st->page.doc.text + rel->title.off, tl);
	memcpy(d.text + tl, note, nl);
	memcpy(d.text + tl + nl, st->page.doc.text + rel->excerpt.off, el);
	d.text[tl + nl + el] = '\0';
	d.len = tl + nl + el;
	d.title.len = (uint32_t) tl;
	d.paras = xcalloc(2, sizeof *d.paras);
	d.paras[0].text.off = (uint32_t) tl;
	d.paras[0].text.len = (uint32_t) nl;
	d.paras[1].text.off = (uint32_t) (tl + nl);
	d.paras[1].text.len = (uint32_t) el;
	d.npara = el > 0 ? 2 : 1;
	set_page(st, &d);
	st->page.b[st->page.body_first].elem = ELEM_ERROR;
	st->missing = r;
	return RE_ALL;
}

/* Restores a history step. */
static int
restore(struct state *st, const struct hist *h)
{
	long	i = find_id(st, h->id);
	long	row;
	int32_t	r;

	if (i < 0) {
		state_message(st, true, "%s", _("that article is no longer in "
		    "the library"));
		return RE_STATUS;
	}
	state_save_place(st);
	if (i != st->open || st->missing >= 0 || !st->has_page)
		if (load(st, i, true) != 0)
			return RE_STATUS;
	/* A related item lies past the first part of a large article. */
	if (h->missing >= 0 || h->rel_sel >= 0)
		state_complete(st);
	if (h->missing >= 0 && (size_t) h->missing < st->page.doc.nrel) {
		r = h->missing;
		open_missing(st, r);
	} else {
		goto_place(st, &h->at);
		fill_rows(st, (size_t) st->reader_h);
	}
	if (h->rel_sel < (int32_t) st->page.doc.nrel)
		st->rel_sel = h->rel_sel;
	if (st->missing < 0 && (row = list_row_of(st, i)) >= 0)
		state_list_to(st, (size_t) row);
	st->focus = PANE_READER;
	return RE_ALL | RE_SAVE;
}

/* Moves one step along the history: what is open goes on the other
 * stack and the step taken is restored. */
static int
step_history(struct state *st, struct hist **from, size_t *nfrom,
    struct hist **to, size_t *nto, const char *none)
{
	struct hist	h, cur;

	if (*nfrom == 0) {
		state_message(st, false, "%s", none);
		return RE_STATUS;
	}
	cur = current(st);
	h = (*from)[--*nfrom];
	push(to, nto, &cur);
	return restore(st, &h);
}

/* Goes back one step in the history. */
int
state_back(struct state *st)
{
	return step_history(st, &st->back, &st->nback, &st->fwd, &st->nfwd,
	    _("nothing to go back to"));
}

/* Goes forward one step in the history. */
int
state_forward(struct state *st)
{
	return step_history(st, &st->fwd, &st->nfwd, &st->back, &st->nback,
	    _("nothing to go forward to"));
}

/* Opens the next (dir 1) or previous (-1) article of the list. */
int
state_step_article(struct state *st, int dir)
{
	long	row = st->open >= 0 ? list_row_of(st, st->open) : -1;
	long	n = (long) state_list_count(st);

	if (row < 0)
		row = (long) st->cursor;
	else
		row += dir;
	if (row < 0 || row >= n) {
		state_message(st, false, "%s", dir > 0 ?
		    _("this is the last article") :
		    _("this is the first article"));
		return RE_STATUS;
	}
	return state_open(st, state_list_article(st, (size_t) row), true);
}

/* Toggles the read mark of the focused article. */
int
state_toggle_read(struct state *st)
{
	long	i = st->focus == PANE_READER && st->open >= 0 ? st->open :
		    state_list_article(st, st->cursor);

	if (i < 0)
		return RE_NONE;
	mark_read(st, (size_t) i, !state_is_read(st, (size_t) i));
	state_message(st, false, "%s", state_is_read(st, (size_t) i) ?
	    _("marked read") : _("marked unread"));
	return RE_LIST | RE_STATUS | RE_SAVE;
}

/* ---- Related items. ---- */

/* Makes blocks first..last visible, wrapping only a screenful. */
static void
show_blocks(struct state *st, size_t first, size_t last)
{
	size_t		h = (size_t) st->reader_h, k;
	struct pos	p = st->top;
	bool		seen_first = false;

	if (first < st->top.block || (first == st->top.block &&
	    st->top.row > page_block(&st->page, first)->gap))
		goto jump;
	for (k = 0; k < h; k++) {
		if (p.block == first)
			seen_first = true;
		if (p.block == last && p.row + 1 == rows_of(st, p.block))
			return;
		if (!pos_next(st, &p))
			return;
	}
	if (seen_first) {
		/* The start shows but not the end: scroll just enough, but
		 * never past the start. */
		struct pos end = { (uint32_t) last,
		    (uint32_t) rows_of(st, (uint32_t) last) - 1 };
		for (k = 1; k < h && pos_prev(st, &end) && end.block >= first;
		    k++)
			;
		if (end.block >= first)
			st->top = end;
		else {
			st->top.block = (uint32_t) first;
			st->top.row = 0;
		}
		return;
	}
jump:
	st->top.block = (uint32_t) first;
	st->top.row = 0;
	if (state_reader_at_end(st) && rows_from(st, st->top, h) < h)
		state_reader_end(st);
}

/* Selects the next (dir 1) or previous (-1) related item. */
int
state_related_step(struct state *st, int dir)
{
	int32_t	n, s = st->rel_sel;
	size_t	last;

	state_complete(st);
	if (!st->has_page || (n = (int32_t) st->page.doc.nrel) == 0 ||
	    st->missing >= 0) {
		state_message(st, false, "%s", _("this article has no related "
		    "items"));
		return RE_STATUS;
	}
	if (s < 0) {
		/* Start from what is on screen. */
		for (s = 0; s < n - 1 && st->page.rel_block[s] < st->top.block;
		    s++)
			;
		if (dir < 0 && st->page.rel_block[s] < st->top.block)
			s = n - 1;
	} else if (s + dir >= 0 && s + dir < n)
		s += dir;
	else
		state_message(st, false, "%s", dir > 0 ?
		    _("this is the last related item") :
		    _("this is the first related item"));
	st->rel_sel = s;
	last = s + 1 < n ? st->page.rel_block[s + 1] - 1 : st->page.nb - 1;
	show_blocks(st, st->page.rel_block[s], last);
	return RE_READER | RE_STATUS;
}

/* Follows the selected related item. */
int
state_follow(struct state *st)
{
	const struct related	*r;
	struct hist		 h;
	long			 target;

	if (!st->has_page || st->rel_sel < 0 || st->missing >= 0) {
		/* TRANSLATORS: %s is the name of a key, such as ]. */
		state_message(st, false, _("no related item selected: press "
		    "%s to choose one"), state_key_hint(st, ACT_NEXT_RELATED));
		return RE_STATUS;
	}
	r = &st->page.doc.rel[st->rel_sel];
	target = corpus_find_title(st->corpus, r->key);
	if (target >= 0)
		return state_open(st, target, true);
	h = current(st);
	state_save_place(st);
	push(&st->back, &st->nback, &h);
	st->nfwd = 0;
	return open_missing(st, st->rel_sel);
}

/* ---- Search. ---- */

static bool
title_matches(const struct state *st, long a, const char *needle)
{
	const char	*t = st->corpus->v[a].title;
	size_t		 m;

	return text_find(t, strlen(t), 0, needle, strlen(needle), &m) >= 0;
}

/* Narrows the list to titles containing needle (all when empty). */
static void
filter_list(struct state *st, const char *needle, long keep)
{
	size_t	i, n = st->corpus->n;
	long	row;

	st->nview = 0;
	st->filtered = needle[0] != '\0';
	if (st->filtered) {
		st->view = xreallocarray(st->view, n ? n : 1,
		    sizeof *st->view);
		for (i = 0; i < n; i++)
			if (title_matches(st, (long) i, needle))
				st->view[st->nview++] = (uint32_t) i;
	}
	row = keep >= 0 ? list_row_of(st, keep) : -1;
	st->list_top = 0;
	state_list_to(st, row >= 0 ? (size_t) row : 0);
}

/* Finds needle in the reading pane from block b, byte off on; forward
 * or backward. Returns false if it is not there. */
static bool
find_in_page(struct state *st, size_t b, long off, int dir, const char *n,
    size_t *fb, uint32_t *fo, size_t *flen)
{
	struct pblock	*pb;
	long		 at, best;
	size_t		 m, ml = 0, nl = strlen(n);

	for (;;) {
		pb = &st->page.b[b];
		if (dir > 0) {
			at = off < 0 ? -1 : text_find(pb->s, pb->len,
			    (size_t) off, n, nl, &m);
			if (at >= 0) {
				*fb = b;
				*fo = (uint32_t) at;
				*flen = m;
				return true;
			}
			if (++b >= st->page.nb)
				return false;
			off = 0;
		} else {
			best = -1;
			for (at = 0; off > 0 && (at = text_find(pb->s, pb->len,
			    (size_t) at, n, nl, &m)) >= 0 && at < off; at++) {
				best = at;
				ml = m;
			}
			if (best >= 0) {
				*fb = b;
				*fo = (uint32_t) best;
				*flen = ml;
				return true;
			}
			if (b == 0)
				return false;
			b--;
			off = (long) st->page.b[b].len + 1;
		}
	}
}

/* Moves the reading pane to a match and remembers it. */
static void
show_match(struct state *st, size_t b, uint32_t off)
{
	struct pos	p = pos_of_byte(st, b, off);
	size_t		h = (size_t) st->reader_h, k;
	struct pos	q = st->top;

	st->match.block = (uint32_t) b;
	st->match_off = off;
	st->has_match = true;
	/* Leave the screen alone when the match is already on it. */
	for (k = 0; k < h; k++) {
		if (q.block == p.block && q.row == p.row)
			return;
		if (!pos_next(st, &q))
			break;
	}
	st->top = p;
	for (k = 0; k < h / 3 && pos_prev(st, &st->top); k++)
		;
	if (rows_from(st, st->top, h) < h)
		state_reader_end(st);
}

static int
search_reader(struct state *st, const char *needle, size_t b, long off,
    int dir)
{
	size_t		fb, flen;
	uint32_t	fo;

	if (!st->has_page || needle[0] == '\0')
		return RE_READER;
	state_complete(st);
	if (find_in_page(st, b, off, dir, needle, &fb, &fo, &flen)) {
		show_match(st, fb, fo);
		return RE_READER | RE_STATUS;
	}
	if (find_in_page(st, dir > 0 ? 0 : st->page.nb - 1, dir > 0 ? 0 :
	    (long) st->page.b[st->page.nb - 1].len + 1, dir, needle, &fb, &fo,
	    &flen)) {
		show_match(st, fb, fo);
		state_message(st, false, "%s", _("search wrapped around"));
		return RE_READER | RE_STATUS;
	}
	st->has_match = false;
	state_message(st, true, _("not found: %s"), needle);
	return RE_READER | RE_STATUS;
}

/* Starts typing a search in the focused pane. */
void
state_prompt_start(struct state *st)
{
	st->prompting = true;
	st->prompt_pane = st->focus;
	st->prompt_len = 0;
	st->prompt[0] = '\0';
	st->prompt_saved = state_list_article(st, st->cursor);
	st->prompt_top = st->top;
	state_clear_message(st);
}

static int
prompt_update(struct state *st)
{
	if (st->prompt_pane == PANE_LIST) {
		filter_list(st, st->prompt, st->prompt_saved);
		return RE_LIST | RE_STATUS;
	}
	st->top = st->prompt_top;
	return search_reader(st, st->prompt, st->top.block,
	    (long) pos_byte(st, st->top), 1);
}

static int
prompt_end(struct state *st, bool accept)
{
	st->prompting = false;
	if (!accept || st->prompt_len == 0) {
		if (st->prompt_pane == PANE_LIST)
			filter_list(st, "", state_list_article(st, st->cursor)
			    >= 0 && accept ? state_list_article(st, st->cursor)
			    : st->prompt_saved);
		else {
			st->top = st->prompt_top;
			st->has_match = false;
		}
		return RE_ALL;
	}
	free(st->needle);
	st->needle = xstrdup(st->prompt);
	if (st->prompt_pane == PANE_LIST)
		state_message(st, false, ngettext("%zu article matches",
		    "%zu articles match", st->nview), st->nview);
	return RE_ALL;
}

/* Feeds a key to the search prompt. */
int
state_prompt_key(struct state *st, key_code k)
{
	char	buf[8];
	size_t	n;
	uint32_t c;

	switch (k) {
	case KEYC_ENTER:
		return prompt_end(st, true);
	case KEYC_ESC:
	case 3:		/* C-c */
	case 7:		/* C-g */
		return prompt_end(st, false);
	case KEYC_BSPACE:
		if (st->prompt_len == 0)
			return prompt_end(st, false);
		st->prompt_len = text_prev(st->prompt, st->prompt_len, &c);
		break;
	case 21:	/* C-u */
		st->prompt_len = 0;
		break;
	default:
		if (k == KEYC_SPACE)
			k = ' ';
		if (k >= KEYC_BASE || k < ' ' || text_char_width(k) < 0)
			return RE_NONE;
		n = text_encode_char(k, buf);
		if (st->prompt_len + n >= sizeof st->prompt)
			return RE_NONE;
		memcpy(st->prompt + st->prompt_len, buf, n);
		st->prompt_len += n;
		break;
	}
	st->prompt[st->prompt_len] = '\0';
	return prompt_update(st) | RE_STATUS;
}

/* Goes to the next (dir 1) or previous (-1) match of the last search. */
int
state_search_step(struct state *st, int dir)
{
	long	n = (long) state_list_count(st), i, row;

	if (st->needle == NULL) {
		state_message(st, false, _("no search yet: press %s to "
		    "search"), state_key_hint(st, ACT_SEARCH));
		return RE_STATUS;
	}
	if (st->focus == PANE_READER) {
		if (st->has_match)
			return search_reader(st, st->needle, st->match.block,
			    (long) st->match_off + (dir > 0 ? 1 : 0), dir);
		return search_reader(st, st->needle, st->top.block,
		    (long) pos_byte(st, st->top), dir);
	}
	for (i = 1; i <= n; i++) {
		row = ((long) st->cursor + dir * i % n + n) % n;
		if (title_matches(st, state_list_article(st, (size_t) row),
		    st->needle)) {
			if ((dir > 0) != (row > (long) st->cursor))
				state_message(st, false, "%s",
				    _("search wrapped around"));
			return state_list_to(st, (size_t) row);
		}
	}
	state_message(st, true, _("not found: %s"), st->needle);
	return RE_STATUS;
}

/* Drops the list filter and the search highlight. */
int
state_clear_search(struct state *st)
{
	long	keep = state_list_article(st, st->cursor);

	if (!st->filtered && !st->has_match)
		return RE_NONE;
	if (st->filtered)
		filter_list(st, "", keep);
	st->has_match = false;
	x_free(st->needle);
	return RE_ALL;
}

/* ---- Invariants. ---- */

static void ATTR_NORETURN
broken(const char *what)
{
	fprintf(stderr, "reader: state invariant broken: %s\n", what);
	abort();
}

/* Checks the relations between the state's fields that every action
 * must keep (see state.h); aborts, naming the first one broken. */
void
state_check(const struct state *st)
{
	size_t	n = state_list_count(st);

	if (n > 0 ? st->cursor >= n : st->cursor != 0)
		broken("list cursor past the list");
	if (st->list_top > st->cursor)
		broken("list cursor above the list's top row");
	if (st->filtered && st->nview > st->corpus->n)
		broken("filter longer than the library");
	if (st->open >= 0 && ((size_t) st->open >= st->corpus->n ||
	    st->corpus->v[st->open].id != st->open_id))
		broken("open article index stale");
	if (st->partial && (!st->has_page || st->open < 0))
		broken("partly read page without its article");
	if (st->tail && !st->partial)
		broken("tail without a partial page");
	if (st->missing >= 0 && !st->has_page)
		broken("missing item without a page");
	if (st->has_page) {
		if (st->page.nb == 0 || st->top.block >= st->page.nb)
			broken("top block past the page");
		if (st->top.row >= page_block_rows((struct page *) &st->page,
		    st->top.block))
			broken("top row past its block");
		if (st->rel_sel >= (int32_t) st->page.doc.nrel)
			broken("related selection past the items");
		if (st->has_match && st->match.block >= st->page.nb)
			broken("match past the page");
	} else if (st->rel_sel >= 0 || st->has_match)
		broken("selection or match without a page");
	if (st->prompting && st->prompt_len >= sizeof st->prompt)
		broken("prompt overflow");
	if (st->nback > STATE_HISTORY_MAX || st->nfwd > STATE_HISTORY_MAX)
		broken("history too long");
}
