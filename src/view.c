/* Building the screen model. */
#include "system.h"

#include <stdio.h>
#include <time.h>

#include "action.h"
#include "keymap.h"
#include "layout.h"
#include "text.h"
#include "view.h"
#include "xmalloc.h"

/* The day of the week (0 is Sunday) of a Gregorian date; mktime() would
 * also do, but costs a time zone lookup per row of 100,000. */
static int
weekday(int y, int m, int d)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

	if (m < 1 || m > 12)
		return 0;
	y -= m < 3;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* Formats date d (YYYYMMDDhhmmss) with a strftime format. */
static size_t
strftime_date(int64_t d, const char *fmt, char *buf, size_t size)
{
	struct tm	tm;
	size_t		n;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = (int) (d / 10000000000) - 1900;
	tm.tm_mon = (int) (d / 100000000 % 100) - 1;
	tm.tm_mday = (int) (d / 1000000 % 100);
	tm.tm_hour = (int) (d / 10000 % 100);
	tm.tm_min = (int) (d / 100 % 100);
	tm.tm_sec = (int) (d % 100);
	tm.tm_wday = weekday(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	n = text_strftime(buf, size, fmt, &tm);
	buf[n] = '\0';
	return n;
}

/* The last date formatted, for a format that shows the day alone (the
 * default): a list sorted by date has many rows of one day, and strftime
 * was a tenth of printing 100,000 of them. The view's own cache, on the
 * thread that draws. */
static struct {
	char	fmt[80];	/* the format ("" until one is known) */
	bool	day_only;	/* its output does not depend on the time */
	int64_t	day;		/* YYYYMMDD of s; 0: none */
	char	s[128];
	size_t	n;
} last_date;

/* Formats date d (YYYYMMDDhhmmss) with a strftime format, into buf. */
static size_t
format_date(int64_t d, const char *fmt, char *buf, size_t size)
{
	char	a[128], b[128];
	size_t	n;

	if (strlen(fmt) >= sizeof last_date.fmt || size < sizeof last_date.s)
		return strftime_date(d, fmt, buf, size);
	if (strcmp(fmt, last_date.fmt) != 0) {
		/* A format new to the cache: does it show the time? */
		strcpy(last_date.fmt, fmt);
		last_date.day = 0;
		last_date.day_only = strftime_date(20241231000000LL, fmt, a,
		    sizeof a) == strftime_date(20241231235959LL, fmt, b,
		    sizeof b) && strcmp(a, b) == 0;
	}
	if (!last_date.day_only)
		return strftime_date(d, fmt, buf, size);
	if (d / 1000000 != last_date.day) {
		last_date.n = strftime_date(d, fmt, last_date.s,
		    sizeof last_date.s);
		last_date.day = d / 1000000;
	}
	n = last_date.n;
	memcpy(buf, last_date.s, n + 1);
	return n;
}

/* Returns the columns of the date column: as wide as a sample date in
 * format fmt. Worked out once for a list, not once per row. */
int
view_date_cols(const char *fmt)
{
	char	date[128];

	return text_width(date, format_date(20241231235959LL, fmt, date,
	    sizeof date));
}

/* Formats a list row: the mark (if any), the date (fmt, as strftime, in
 * a column cols wide) and the title, cut to width columns. Caller
 * frees. */
char *
view_list_row(const struct article *a, int width, const char *mark,
    const char *fmt, int cols)
{
	char		 date[128] = "", *clean = NULL, *title, *full, *row;
	const char	*d = date;
	size_t		 ml, dl, tl, pad, n;
	int		 w;
	bool		 room;

	/* Too narrow for the date and some of the title: the title alone
	 * (the date is the less needed of the two). */
	ml = mark != NULL ? strlen(mark) : 0;
	room = width >= cols + 2 + VIEW_TITLE_MIN +
	    (mark != NULL ? text_width(mark, ml) + 1 : 0);
	if (room && a->date > 0)
		format_date(a->date, fmt, date, sizeof date);
	if (!room)
		cols = 0;
	/* A date that is not one, as written; a format's output that is
	 * not plain ASCII: cleaned. */
	if (room && a->date <= 0 && a->date_text != NULL)
		d = clean = text_clean_str(a->date_text);
	else if (!text_is_plain_ascii(date, strlen(date)))
		d = clean = text_clean_str(date);
	dl = strlen(d);
	w = text_width(d, dl);
	pad = cols > w ? (size_t) (cols - w) : 0;
	/* Cleaned again on the way out: a title from the header index is
	 * what the cache file says, whoever wrote it. */
	title = text_clean_str(a->title);
	tl = strlen(title);
	/* mark, " ", date, padding, "  ", title */
	full = xmalloc(ml + 1 + dl + pad + 2 + tl + 1);
	n = 0;
	if (mark != NULL) {
		memcpy(full, mark, ml);
		full[ml] = ' ';
		n = ml + 1;
	}
	memcpy(full + n, d, dl);
	n += dl;
	memset(full + n, ' ', pad);
	n += pad;
	if (cols > 0) {
		memcpy(full + n, "  ", 2);
		n += 2;
	}
	memcpy(full + n, title, tl);
	n += tl;
	full[n] = '\0';
	free(title);
	free(clean);
	row = text_ellipsize(full, n, width, NULL);
	free(full);
	return row;
}

/* ---- Building blocks. ---- */

static const char *
own(struct vscreen *v, char *s)
{
	if (v->nowned == v->ocap) {
		v->ocap = v->ocap ? v->ocap * 2 : 64;
		v->owned = xreallocarray(v->owned, v->ocap, sizeof *v->owned);
	}
	v->owned[v->nowned++] = s;
	return s;
}

static struct vrow *
add_row(struct vscreen *v, uint8_t fill)
{
	struct vrow	*r;

	if (v->nrows == v->rcap) {
		v->rcap = v->rcap ? v->rcap * 2 : 128;
		v->rows = xreallocarray(v->rows, v->rcap, sizeof *v->rows);
	}
	r = &v->rows[v->nrows++];
	memset(r, 0, sizeof *r);
	r->first = (uint32_t) v->nspans;
	r->fill = fill;
	r->block = -1;
	r->item = -1;
	return r;
}

static void
add_span(struct vscreen *v, const char *s, size_t len, uint8_t elem)
{
	struct vspan	*sp;

	if (len == 0)
		return;
	if (v->nspans == v->scap) {
		v->scap = v->scap ? v->scap * 2 : 256;
		v->spans = xreallocarray(v->spans, v->scap, sizeof *v->spans);
	}
	sp = &v->spans[v->nspans++];
	sp->s = s;
	sp->len = (uint32_t) len;
	sp->elem = elem;
	v->rows[v->nrows - 1].nspans++;
}

/* Adds text, marking every occurrence of needle (when there is one). */
static void
add_marked(struct vscreen *v, const char *s, size_t len, uint8_t elem,
    const char *needle)
{
	size_t	at = 0, m;
	long	f;

	while (needle != NULL && needle[0] != '\0' &&
	    (f = text_find(s, len, at, needle, strlen(needle), &m)) >= 0) {
		add_span(v, s + at, (size_t) f - at, elem);
		add_span(v, s + f, m, ELEM_SEARCH_MATCH);
		at = (size_t) f + m;
	}
	add_span(v, s + at, len - at, elem);
}

/* Adds a line of a block (l), marking the spans of a library search's
 * words (mk) that touch it, the current match (cur) apart. */
static void
mark_spans(struct vscreen *v, const struct pblock *b, const struct line *l,
    uint8_t elem, const struct search_marks *mk, const struct search *cur)
{
	size_t	at = l->off, end = l->off + l->len, i, s, e;

	for (i = 0; i < mk->n && at < end; i++) {
		s = mk->sp[i].off;
		e = s + mk->sp[i].len;
		if (e <= at || s >= end)
			continue;
		if (s < at)
			s = at;
		if (e > end)
			e = end;
		add_span(v, b->s + at, s - at, elem);
		add_span(v, b->s + s, e - s, cur != NULL &&
		    cur->off == mk->sp[i].off ? ELEM_SEARCH_CURRENT :
		    ELEM_SEARCH_MATCH);
		at = e;
	}
	add_span(v, b->s + at, end - at, elem);
}

/* Adds a line of a block (l), marking every occurrence of needle that
 * touches it — also one that starts on the line before or ends on the
 * next, as Chinese text, without spaces, often breaks a word — and the
 * current match (cur, when it is in this block) apart from the others. */
static void
mark_line(struct vscreen *v, const struct pblock *b, const struct line *l,
    uint8_t elem, const char *needle, const struct search *cur)
{
	size_t	nl = needle != NULL ? strlen(needle) : 0;
	size_t	from, at = l->off, end = l->off + l->len, m, s, e;
	long	f;

	if (nl == 0) {
		add_span(v, b->s + l->off, l->len, elem);
		return;
	}
	/* A match is at most a few bytes a needle byte (full-width forms
	 * match half-width ones): one that touches the line starts here. */
	from = l->off > 4 * nl + 8 ? l->off - (4 * nl + 8) : 0;
	while (at < end && (f = text_find(b->s, b->len, from, needle, nl,
	    &m)) >= 0 && (size_t) f < end) {
		from = (size_t) f + (m > 0 ? m : 1);
		if ((size_t) f + m <= at)
			continue;
		s = (size_t) f > at ? (size_t) f : at;
		e = (size_t) f + m < end ? (size_t) f + m : end;
		add_span(v, b->s + at, s - at, elem);
		add_span(v, b->s + s, e - s, cur != NULL &&
		    cur->off == (uint32_t) f ? ELEM_SEARCH_CURRENT :
		    ELEM_SEARCH_MATCH);
		at = e;
	}
	add_span(v, b->s + at, end - at, elem);
}

static void
begin_pane(struct vscreen *v, enum vpane_id id)
{
	v->p[id].shown = true;
	v->p[id].first = (uint32_t) v->nrows;
}

/* Fills a one-row pane with text cut to its width. */
static void
one_line(struct vscreen *v, enum vpane_id id, const char *text,
    uint8_t elem)
{
	char	*cut = text_ellipsize(text, strlen(text), v->p[id].r.w, NULL);

	begin_pane(v, id);
	add_row(v, elem);
	add_span(v, own(v, cut), strlen(cut), elem);
}

/* How many rows text takes broken as wrapped_lines() breaks it. */
static int
wrapped_rows(const char *text, int w)
{
	size_t	len = strlen(text), n, k;
	int	rows = 0;

	while (len > 0 && (n = text_fit(text, len, w, NULL)) > 0) {
		for (k = n; n < len && k > 0 && text[k - 1] != ' '; k--)
			continue;
		if (n < len && k > 0)
			n = k;
		text += n;
		len -= n;
		while (len > 0 && *text == ' ') {
			text++;
			len--;
		}
		rows++;
	}
	return rows;
}

/* Adds rows of text, w columns wide, at most h of them, broken after
 * spaces where it can be, so that a message is read whole. */
static void
wrap_rows(struct vscreen *v, const char *text, int w, int h, uint8_t elem)
{
	size_t	len = strlen(text), n, k;
	int	y;

	for (y = 0; y < h && len > 0; y++) {
		n = text_fit(text, len, w, NULL);
		if (n == 0)
			break;
		for (k = n; n < len && k > 0 && text[k - 1] != ' '; k--)
			continue;
		if (n < len && k > 0)
			n = k;
		add_row(v, elem);
		add_span(v, text, n, elem);
		text += n;
		len -= n;
		while (len > 0 && *text == ' ') {
			text++;
			len--;
		}
	}
}

/* Shows text over the pane's rows, as wrap_rows() breaks it. */
static void
wrapped_lines(struct vscreen *v, enum vpane_id id, const char *text,
    uint8_t elem)
{
	begin_pane(v, id);
	wrap_rows(v, text, v->p[id].r.w, v->p[id].r.h, elem);
}

/* ---- Geometry. ---- */

static int
clamp(int x, int lo, int hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static void
set_rect(struct vscreen *v, enum vpane_id id, int y, int x, int h, int w)
{
	v->p[id].r.y = y;
	v->p[id].r.x = x;
	v->p[id].r.h = h;
	v->p[id].r.w = w;
	v->p[id].shown = h > 0 && w > 0;
}

static int
list_share(const struct settings *set, int total, int lo, int hi)
{
	int	n = set->list_size > 0 ? set->list_size :
		    total * set->list_pct / 100;

	return clamp(n, lo, hi);
}

/* Whether the status line has a row of its own. Reading one article on
 * its own, as with less, the last row is text: a row of text scrolls in
 * over half the bytes when it is the screen's last. */
static bool
status_shown(const struct state *st)
{
	return st->set->status_line == STATUS_SHOWN ||
	    (st->set->status_line == STATUS_AUTO && !st->pager);
}

/* Places the panes for a cols x lines screen. */
void
view_geometry(struct vscreen *v, const struct state *st, int cols,
    int lines)
{
	const struct settings	*set = st->set;
	int			 body, lw, lh, srows;
	bool			 side;

	memset(v->p, 0, sizeof v->p);
	v->cols = cols;
	v->lines = lines;
	v->border = false;
	v->too_small = cols < VIEW_MIN_COLS || lines < VIEW_MIN_LINES;
	if (v->too_small)
		return;
	/* Without a status line, a prompt or message still shows, over the
	 * last row. What is wrong with a query shows under its prompt. */
	srows = 1;
	if (st->prompt.active && st->msg != NULL) {
		char *m = xasprintf(" %s", st->msg);

		srows = 1 + clamp(wrapped_rows(m, cols), 1, 3);
		free(m);
	}
	body = status_shown(st) ? lines - srows : lines - srows + 1;
	if (status_shown(st) || st->prompt.active || st->msg != NULL)
		set_rect(v, VP_STATUS, lines - srows, 0, srows, cols);
	if (st->help) {
		set_rect(v, VP_HELP, 0, 0, body, cols);
		return;
	}
	if (st->zoom) {
		set_rect(v, VP_READER_HEAD, 0, 0, 1, cols);
		set_rect(v, VP_READER, 1, 0, body - 1, cols);
		return;
	}
	side = set->split == SPLIT_VERTICAL || (set->split == SPLIT_AUTO &&
	    cols >= VIEW_SIDE_BY_SIDE);
	if (side) {
		lw = list_share(set, cols, 16, cols - 21);
		set_rect(v, VP_LIST_HEAD, 0, 0, 1, lw);
		set_rect(v, VP_LIST, 1, 0, body - 1, lw);
		v->border = true;
		v->border_r.y = 0;
		v->border_r.x = lw;
		v->border_r.h = body;
		v->border_r.w = 1;
		set_rect(v, VP_READER_HEAD, 0, lw + 1, 1, cols - lw - 1);
		set_rect(v, VP_READER, 1, lw + 1, body - 1, cols - lw - 1);
	} else {
		lh = list_share(set, body, 2, body - 4);
		set_rect(v, VP_LIST_HEAD, 0, 0, 1, cols);
		set_rect(v, VP_LIST, 1, 0, lh - 1, cols);
		set_rect(v, VP_READER_HEAD, lh, 0, 1, cols);
		set_rect(v, VP_READER, lh + 1, 0, body - lh - 1, cols);
	}
}

/* ---- The panes. ---- */

/* Adds a result's line of matched text, under its row: indented, cut to
 * width, its words marked. */
static void
snippet_row(struct vscreen *v, const struct lsnippet *sn, int width,
    uint8_t elem, int64_t item)
{
	char	*cut;
	size_t	 keep, len, i, at = 0, s, e;
	int	 ind = width > 8 ? 2 : 0;

	add_row(v, elem)->item = item;
	v->rows[v->nrows - 1].indent = (uint16_t) ind;
	if (sn == NULL)
		return;
	len = strlen(sn->text);
	cut = (char *) own(v, text_ellipsize(sn->text, len, width - ind,
	    NULL));
	/* The part of the text kept before the cut's "…". */
	for (keep = 0; keep < len && cut[keep] == sn->text[keep]; keep++)
		continue;
	for (i = 0; i < sn->nsp && at < keep; i++) {
		s = sn->sp[i].off;
		e = s + sn->sp[i].len;
		if (s < at)
			continue;
		if (e > keep)
			e = keep;
		if (s >= e)
			break;
		add_span(v, cut + at, s - at, elem);
		add_span(v, cut + s, e - s, ELEM_SEARCH_MATCH);
		at = e;
	}
	add_span(v, cut + at, strlen(cut) - at, elem);
}

static void
build_list(struct vscreen *v, const struct state *st)
{
	const struct rect	*r = &v->p[VP_LIST].r;
	const struct nav	*nav = &st->nav;
	const char		*mark = st->set->unread_mark;
	const char		*needle = st->prompt.active &&
				    st->prompt.pane == PANE_LIST &&
				    !st->prompt.library ? st->prompt.buf :
				    nav->ranked ? NULL : nav->filter;
	char			*blank, *row;
	size_t			 i, n = nav_count(nav), mw, shown;
	long			 a;
	uint8_t			 elem;
	int			 cols = view_date_cols(st->set->date_format);
	int			 per = nav->ranked ? 2 : 1;

	mw = (size_t) text_width(mark, strlen(mark));
	blank = (char *) own(v, xmalloc(mw + 1));
	memset(blank, ' ', mw);
	blank[mw] = '\0';
	begin_pane(v, VP_LIST);
	shown = (size_t) (r->h / per);
	for (i = nav->top; i < nav->top + shown; i++) {
		if (i >= n) {
			add_row(v, ELEM_LIST);
			if (per == 2)
				add_row(v, ELEM_LIST);
			continue;
		}
		a = nav_article(nav, i);
		elem = i == nav->cursor ? ELEM_LIST_SELECTED :
		    a == st->rd.open ? ELEM_LIST_OPEN :
		    state_is_read(st, (size_t) a) ? ELEM_LIST : ELEM_LIST_UNREAD;
		row = view_list_row(&st->corpus->v[a], r->w,
		    state_is_read(st, (size_t) a) ? blank : mark,
		    st->set->date_format, cols);
		add_row(v, elem)->item = (int64_t) i;
		add_marked(v, own(v, row), strlen(row), elem, needle);
		if (per == 2)
			snippet_row(v, lsearch_snippet(&st->ls, i), r->w,
			    i == nav->cursor ? ELEM_LIST_SELECTED : ELEM_META,
			    (int64_t) i);
	}
	while (v->nrows - v->p[VP_LIST].first < (size_t) r->h)
		add_row(v, ELEM_LIST);
	if (n == 0) {
		v->rows[v->p[VP_LIST].first].nspans = 0;
		v->nspans = v->rows[v->p[VP_LIST].first].first;
		v->nrows = v->p[VP_LIST].first;
		add_row(v, ELEM_LIST);
		const char *note = nav->filtered ?
		    _("(no matching articles)") : _("(no articles)");
		char *cut = (char *) own(v, text_ellipsize(note, strlen(note),
		    r->w, NULL));

		add_span(v, cut, strlen(cut), ELEM_META);
		while (v->nrows - v->p[VP_LIST].first < (size_t) r->h)
			add_row(v, ELEM_LIST);
	}
}

static uint8_t
line_elem(const struct state *st, const struct pblock *b)
{
	if (b->related >= 0 && b->related == st->rd.rel_sel &&
	    b->elem == ELEM_RELATED)
		return ELEM_RELATED_SELECTED;
	return b->elem;
}

/* The reading pane's rows from the top row down. They were laid out by
 * state_prepare(); a block that was not (there is none) ends the page. */
static void
build_reader(struct vscreen *v, const struct state *st)
{
	const struct rect	*r = &v->p[VP_READER].r;
	const struct reading	*rd = &st->rd;
	const char		*needle = st->prompt.active &&
				    st->prompt.pane == PANE_READER ?
				    st->prompt.buf : search_match(&st->search,
				    rd) ? st->search.needle : NULL;
	struct pos		 p = rd->top;
	const struct pblock	*b;
	const struct line	*l;
	const struct search_marks *mk;
	const struct search	*cur;
	struct vrow		*row;
	int			 k;

	begin_pane(v, VP_READER);
	for (k = 0; k < r->h; k++) {
		if (!rd->has_page || p.block >= rd->page.nb ||
		    !rd->page.b[p.block].laid) {
			add_row(v, ELEM_BODY);
			continue;
		}
		b = &rd->page.b[p.block];
		row = add_row(v, ELEM_BODY);
		row->block = (int32_t) p.block;
		if (p.row >= b->gap) {
			l = &b->lines[p.row - b->gap];
			row->indent = l->indent;
			mk = needle == NULL && search_match(&st->search, rd) ?
			    search_marks_of(&st->search, rd, p.block) : NULL;
			cur = search_match(&st->search, rd) &&
			    st->search.block == p.block ? &st->search : NULL;
			if (mk != NULL)
				mark_spans(v, b, l, line_elem(st, b), mk, cur);
			else
				mark_line(v, b, l, line_elem(st, b), needle,
				    cur);
		}
		if (++p.row >= b->gap + b->nlines) {
			p.block++;
			p.row = 0;
		}
	}
}

/* Adds to the row begun, w columns wide: left (in element le), cut to
 * leave room for right, then right (in elem) against the right edge, or
 * nothing of it when there is no room. Returns the columns of left. */
static int
two_sides(struct vscreen *v, int w, const char *left, uint8_t le,
    const char *right, uint8_t elem)
{
	int	rw = text_width(right, strlen(right)), lw;
	char	*cut, *pad;

	if (rw > w)
		rw = 0;
	cut = (char *) own(v, text_ellipsize(left, strlen(left),
	    rw > 0 ? w - rw - 1 : w, &lw));
	add_span(v, cut, strlen(cut), le);
	if (rw > 0 && lw + rw <= w) {
		pad = xmalloc((size_t) (w - lw - rw) + 1);
		memset(pad, ' ', (size_t) (w - lw - rw));
		pad[w - lw - rw] = '\0';
		add_span(v, own(v, pad), strlen(pad), elem);
		add_span(v, right, strlen(right), elem);
	}
	return lw;
}

static void
build_heads(struct vscreen *v, const struct state *st)
{
	size_t		 n = nav_count(&st->nav), total = st->corpus->n;
	char		*text;
	bool		 lf = st->focus == PANE_LIST && !st->zoom;

	if (v->p[VP_LIST_HEAD].shown) {
		if (st->nav.ranked)
			/* TRANSLATORS: the list's heading after a library
			   search: the query and how many articles match. */
			text = xasprintf(ngettext(" Library search \"%s\": "
			    "%zu article", " Library search \"%s\": %zu "
			    "articles", n), st->nav.filter, n);
		else if (st->nav.filtered)
			text = xasprintf(_(" Articles matching \"%s\": %zu of "
			    "%zu"), st->nav.filter, n, total);
		else
			text = xasprintf(_(" Articles: %zu"), total);
		one_line(v, VP_LIST_HEAD, own(v, text), lf ?
		    ELEM_HEADER_FOCUSED : ELEM_HEADER);
	}
	if (v->p[VP_READER_HEAD].shown) {
		const struct doc *d = &st->rd.page.doc;
		const char *t = !st->rd.has_page ? _("(no article open)") :
		    d->text + d->title.off;
		size_t tl = st->rd.has_page ? d->title.len : strlen(t);
		uint8_t e = lf ? ELEM_HEADER : ELEM_HEADER_FOCUSED;

		text = (char *) own(v, xasprintf(" %.*s", (int) tl, t));
		begin_pane(v, VP_READER_HEAD);
		add_row(v, e);
		/* Without a status line, the position shows here. */
		two_sides(v, v->p[VP_READER_HEAD].r.w, text, e,
		    st->rd.has_page && !status_shown(st) ? own(v, xasprintf(
		    "  %d%% ", st->percent)) : "", e);
	}
}

/* Writes n with its thousands grouped ("41,200") into buf. */
static const char *
grouped(size_t n, char *buf, size_t size)
{
	char	digits[24];
	size_t	len, i, k = 0;

	len = (size_t) snprintf(digits, sizeof digits, "%zu", n);
	for (i = 0; i < len && k + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = digits[i];
	}
	buf[k] = '\0';
	return buf;
}

/* The right side of the status line: position, unread, percent. */
static char *
status_right(const struct state *st)
{
	size_t	n = nav_count(&st->nav), at;
	long	row;
	char	pct[16] = "", pos[48];

	if (st->help) {
		size_t h = st->help_h > 0 ? (size_t) st->help_h : 1;
		size_t last = st->help_top + h < st->help_rows ?
		    st->help_top + h : st->help_rows;

		/* TRANSLATORS: the status line on the help screen: the rows
		   shown, of how many. */
		return xasprintf(_("rows %zu-%zu of %zu "), st->help_top + 1,
		    last, st->help_rows);
	}
	/* The position of what is being read: the open article's row when
	 * the keys go to the reading pane, else the cursor's. */
	row = state_in_reader(st) ? nav_row_of(&st->nav, st->rd.open) :
	    n > 0 ? (long) st->nav.cursor : -1;
	at = row >= 0 ? (size_t) row + 1 : 0;
	if (row < 0 && state_in_reader(st))
		snprintf(pos, sizeof pos, "-/%zu", n);
	else
		snprintf(pos, sizeof pos, "%zu/%zu", at, n);
	if (st->rd.has_page && state_in_reader(st))
		snprintf(pct, sizeof pct, "  %d%%", st->percent);
	if (st->loading)
		/* TRANSLATORS: the status line while the library loads:
		   list position ("3/250"), articles so far. */
		return xasprintf(_("%s  loading... "), pos);
	if (st->ls.shown) {
		char done[32], total[32];

		/* TRANSLATORS: the status line while the search index is
		   made: list position, files indexed, of how many. */
		return xasprintf(_("%s  indexing %s/%s "), pos,
		    grouped(st->ls.done, done, sizeof done),
		    grouped(st->ls.total, total, sizeof total));
	}
	/* TRANSLATORS: the status line: list position ("3/250"), unread
	   articles, then "  42%" (how far into the open article) or "". */
	return xasprintf(_("%s  %zu unread%s "), pos, st->unread, pct);
}

static void
build_status(struct vscreen *v, const struct state *st)
{
	const struct rect	*r = &v->p[VP_STATUS].r;
	char			*right = (char *) own(v, status_right(st));
	char			*left;
	int			 rw = text_width(right, strlen(right)), lw;
	uint8_t			 le = ELEM_STATUS;

	if (st->prompt.active && st->prompt.library)
		/* TRANSLATORS: the prompt of a library search. */
		left = xasprintf(_("Search all: %s"), st->prompt.buf);
	else if (st->prompt.active)
		left = xasprintf("/%s", st->prompt.buf);
	else if (st->msg != NULL) {
		left = xasprintf(" %s", st->msg);
		le = st->msg_error ? ELEM_ERROR : ELEM_STATUS;
	} else
		left = xstrdup("");
	if (rw > r->w / 2 && (st->prompt.active || st->msg != NULL))
		right = "";
	own(v, left);
	begin_pane(v, VP_STATUS);
	add_row(v, ELEM_STATUS);
	lw = two_sides(v, r->w, left, le, right, ELEM_STATUS);
	if (st->prompt.active) {
		v->cursor = true;
		v->cy = r->y;
		v->cx = lw < r->w ? lw : r->w - 1;
	}
	if (r->h > 1 && st->msg != NULL) {
		/* Under the prompt: what is wrong with what it holds. */
		wrap_rows(v, own(v, xasprintf(" %s", st->msg)), r->w,
		    r->h - 1, st->msg_error ? ELEM_ERROR : ELEM_STATUS);
		while (v->nrows - v->p[VP_STATUS].first < (size_t) r->h)
			add_row(v, ELEM_STATUS);
	}
}

/* Pads s with spaces to cols display columns. Caller frees. */
static char *
pad_to(const char *s, int cols)
{
	int	w = text_width(s, strlen(s));

	return xasprintf("%s%*s", s, cols > w ? cols - w : 0, "");
}

/* One row of the help screen: a piece of an owned string. */
struct help_line {
	const char	*s;
	uint32_t	 len;
	uint16_t	 indent;
	uint8_t		 elem;
};

/* Wraps text (which the screen model owns) to width, its lines after
 * the first indented by indent, and adds them to the help lines. */
static void
add_wrapped(const char *text, int width, int indent,
    struct layout_scratch *sc, struct help_line **out, size_t *n,
    size_t *cap)
{
	struct lines	l = { NULL, 0, 0 };
	struct wrap	w;
	size_t		k;

	w.width = width;
	w.first_indent = 0;
	w.indent = indent;
	layout_wrap(sc, text, strlen(text), &w, &l);
	for (k = 0; k < l.n; k++) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*out = xreallocarray(*out, *cap, sizeof **out);
		}
		(*out)[*n].s = text + l.v[k].off;
		(*out)[*n].len = l.v[k].len;
		(*out)[*n].indent = l.v[k].indent;
		(*out)[*n].elem = ELEM_HELP;
		(*n)++;
	}
	lines_free(&l);
}

/* Wraps one action's keys and description to width: the description
 * continues under itself, so narrow terminals lose nothing. */
static void
help_entry(struct vscreen *v, const struct state *st, enum action a,
    int width, struct layout_scratch *sc, struct help_line **out, size_t *n,
    size_t *cap)
{
	char	*keys, *line, *text;
	int	 col = width >= 40 ? 24 : 4;

	keys = keymap_describe(st->keys, a, 4);
	if (keys[0] == '\0') {
		free(keys);
		keys = xstrdup(_("(unbound)"));
	}
	line = xasprintf("  %s", keys);
	free(keys);
	keys = pad_to(line, col);
	free(line);
	text = (char *) own(v, xasprintf("%s %s", keys,
	    _(action_table[a].help)));
	free(keys);
	add_wrapped(text, width, col + 1, sc, out, n, cap);
}

/* Wraps one message of the session to width, its lines after the
 * first indented under it. */
static void
message_entry(struct vscreen *v, const char *msg, int width,
    struct layout_scratch *sc, struct help_line **out, size_t *n,
    size_t *cap)
{
	char	*text = (char *) own(v, xasprintf("  %s", msg));

	add_wrapped(text, width, width > 8 ? 4 : 0, sc, out, n, cap);
}

/* The help screen's lines at width: a title, then each action's keys
 * and description. Returns how many; the strings are v's. */
static size_t
help_lines(struct vscreen *v, const struct state *st, int width,
    struct help_line **out)
{
	struct layout_scratch	 sc;
	struct help_line	*hl = xmalloc(sizeof *hl);
	size_t			 i, n = 1, cap = 1;
	char			*title;

	if (st->help_kind == HELP_MESSAGES)
		/* TRANSLATORS: the title of the messages screen; %s is the
		   key that closes it. */
		title = (char *) own(v, xasprintf(_(" Messages of this "
		    "session (press %s to close)"),
		    state_key_hint(st, ACT_QUIT)));
	else
		/* TRANSLATORS: program name, version, the key that closes
		   the help screen, and two keys that scroll it. */
		title = (char *) own(v, xasprintf(_(" %s %s keys (press %s "
		    "to close; %s and %s scroll)"), PACKAGE, PACKAGE_VERSION,
		    state_key_hint(st, ACT_QUIT), state_key_hint(st, ACT_DOWN),
		    state_key_hint(st, ACT_PAGE_DOWN)));
	hl[0].s = own(v, text_ellipsize(title, strlen(title), width, NULL));
	hl[0].len = (uint32_t) strlen(hl[0].s);
	hl[0].indent = 0;
	hl[0].elem = ELEM_TITLE;
	memset(&sc, 0, sizeof sc);
	if (st->help_kind == HELP_MESSAGES) {
		if (st->nlog == 0)
			message_entry(v, _("(no messages)"), width, &sc, &hl, &n,
			    &cap);
		for (i = 0; i < st->nlog; i++)
			message_entry(v, st->log[i], width, &sc, &hl, &n, &cap);
	} else
		for (i = 1; i < ACT_COUNT; i++)
			help_entry(v, st, (enum action) i, width, &sc, &hl, &n,
			    &cap);
	layout_scratch_free(&sc);
	*out = hl;
	return n;
}

/* Returns how many rows the help text takes at width. */
size_t
view_help_rows(const struct state *st, int width)
{
	struct vscreen		 tmp;
	struct help_line	*hl;
	size_t			 n;

	memset(&tmp, 0, sizeof tmp);
	n = help_lines(&tmp, st, width, &hl);
	free(hl);
	view_free(&tmp);
	return n;
}

static void
build_help(struct vscreen *v, const struct state *st)
{
	const struct rect	*r = &v->p[VP_HELP].r;
	struct help_line	*hl;
	size_t			 i, n, top = st->help_top;

	n = help_lines(v, st, r->w, &hl);
	/* (The state keeps help_top within the text; after a resize, until
	 * it is told the new sizes, the last screenful shows.) */
	if (top + (size_t) r->h > n)
		top = n > (size_t) r->h ? n - (size_t) r->h : 0;
	begin_pane(v, VP_HELP);
	for (i = top; i < top + (size_t) r->h; i++) {
		struct vrow *row = add_row(v, ELEM_HELP);

		if (i >= n)
			continue;
		row->indent = hl[i].indent;
		add_span(v, hl[i].s, hl[i].len, hl[i].elem);
	}
	free(hl);
}

static void
reset(struct vscreen *v)
{
	size_t	i;

	for (i = 0; i < v->nowned; i++)
		free(v->owned[i]);
	v->nowned = 0;
	v->nrows = 0;
	v->nspans = 0;
	v->cursor = false;
}

/* Builds the whole screen for the state, at cols x lines. */
void
view_build(struct vscreen *v, const struct state *st, int cols, int lines)
{
	reset(v);
	view_geometry(v, st, cols, lines);
	if (v->too_small) {
		char *msg = xasprintf(_("Terminal too small (%dx%d): at least "
		    "%dx%d is needed."), cols, lines, VIEW_MIN_COLS,
		    VIEW_MIN_LINES);
		set_rect(v, VP_STATUS, 0, 0, lines > 0 ? lines : 1,
		    cols > 0 ? cols : 1);
		/* Where even that does not fit, the size needed alone. */
		if (wrapped_rows(msg, v->p[VP_STATUS].r.w) >
		    v->p[VP_STATUS].r.h) {
			free(msg);
			/* TRANSLATORS: the shortest form of "terminal too
			   small": the size needed. */
			msg = xasprintf(_("need %dx%d"), VIEW_MIN_COLS,
			    VIEW_MIN_LINES);
		}
		wrapped_lines(v, VP_STATUS, own(v, msg), ELEM_ERROR);
		return;
	}
	v->border_elem = st->focus == PANE_LIST ? ELEM_BORDER : ELEM_BORDER;
	build_heads(v, st);
	if (v->p[VP_LIST].shown)
		build_list(v, st);
	if (v->p[VP_READER].shown)
		build_reader(v, st);
	if (v->p[VP_HELP].shown)
		build_help(v, st);
	if (v->p[VP_STATUS].shown)
		build_status(v, st);
}

/* Frees the model's storage. */
void
view_free(struct vscreen *v)
{
	reset(v);
	free(v->owned);
	free(v->rows);
	free(v->spans);
	memset(v, 0, sizeof *v);
}

/* Finds the pane at screen cell y, x; returns the row in it, or -1. */
int
view_hit(const struct vscreen *v, int y, int x, enum vpane_id *id)
{
	int	i;

	for (i = 0; i < VP_COUNT; i++) {
		const struct rect *r = &v->p[i].r;

		if (v->p[i].shown && y >= r->y && y < r->y + r->h &&
		    x >= r->x && x < r->x + r->w) {
			*id = (enum vpane_id) i;
			return y - r->y;
		}
	}
	return -1;
}
