/* The list pane's rows and cursor. */
#include "system.h"

#include "nav.h"
#include "text.h"
#include "xmalloc.h"

/* Starts with the whole library, the cursor on its first row. */
void
nav_init(struct nav *n, const struct corpus *c)
{
	memset(n, 0, sizeof *n);
	n->corpus = c;
	n->height = 1;
}

/* Frees what the list owns. */
void
nav_free(struct nav *n)
{
	free(n->view);
	free(n->filter);
	free(n->rank_row);
	memset(n, 0, sizeof *n);
}

/* Returns how many rows the list has. */
size_t
nav_count(const struct nav *n)
{
	return n->filtered ? n->nview : n->corpus->n;
}

/* Returns the library index of row i, or -1. */
long
nav_article(const struct nav *n, size_t i)
{
	if (i >= nav_count(n))
		return -1;
	return n->filtered ? (long) n->view[i] : (long) i;
}

/* Returns the library index under the cursor, or -1. */
long
nav_cursor_article(const struct nav *n)
{
	return nav_article(n, n->cursor);
}

/* Returns the row showing library article a, or -1. */
long
nav_row_of(const struct nav *n, long a)
{
	size_t	lo = 0, hi = n->nview, mid;

	if (a < 0)
		return -1;
	if (!n->filtered)
		return (size_t) a < n->corpus->n ? a : -1;
	if (n->ranked)
		return (size_t) a < n->nrank_row && n->rank_row[a] != 0 ?
		    (long) n->rank_row[a] - 1 : -1;
	/* view[] is in library order. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((long) n->view[mid] < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n->nview && (long) n->view[lo] == a ? (long) lo : -1;
}

static void
keep_visible(struct nav *n)
{
	size_t	h = n->height, count = nav_count(n);

	if (n->cursor >= count)
		n->cursor = count > 0 ? count - 1 : 0;
	if (n->cursor < n->top)
		n->top = n->cursor;
	else if (n->cursor >= n->top + h)
		n->top = n->cursor - h + 1;
	if (n->top + h > count)
		n->top = count > h ? count - h : 0;
}

/* Puts the cursor on row i (the last row if i is past it). */
void
nav_to(struct nav *n, size_t i)
{
	n->cursor = i;
	keep_visible(n);
}

/* Moves the cursor by delta rows, stopping at the ends. */
void
nav_move(struct nav *n, long delta)
{
	size_t	count = nav_count(n);

	/* Negated as unsigned: -LONG_MIN does not fit in a long. */
	if (delta < 0)
		n->cursor = 0 - (size_t) delta > n->cursor ? 0 :
		    n->cursor - (0 - (size_t) delta);
	else if (count > 0)
		n->cursor = (size_t) delta >= count - n->cursor ? count - 1 :
		    n->cursor + (size_t) delta;
	keep_visible(n);
}

/* Sets how many rows the list shows. */
void
nav_set_height(struct nav *n, int h)
{
	n->height = h > 0 ? (size_t) h : 1;
	keep_visible(n);
}

/* Whether the title of library article a holds needle. */
bool
nav_title_matches(const struct nav *n, long a, const char *needle)
{
	const char	*t = n->corpus->v[a].title;
	size_t		 m;

	return text_find(t, strlen(t), 0, needle, strlen(needle), &m) >= 0;
}

/* Narrows the list to titles holding needle (all of it when needle is
 * empty), the cursor on library article keep if it is shown, else on the
 * first row. */
void
nav_filter(struct nav *n, const char *needle, long keep)
{
	size_t	i, count = n->corpus->n;
	long	row;

	x_free(n->filter);
	n->nview = 0;
	n->ranked = false;
	n->filtered = needle[0] != '\0';
	if (n->filtered) {
		n->filter = xstrdup(needle);
		if (n->vcap < count) {
			n->vcap = count;
			n->view = xreallocarray(n->view, count, sizeof *n->view);
		}
		for (i = 0; i < count; i++)
			if (nav_title_matches(n, (long) i, needle))
				n->view[n->nview++] = (uint32_t) i;
	}
	row = nav_row_of(n, keep);
	n->top = 0;
	nav_to(n, row >= 0 ? (size_t) row : 0);
}

/* Returns room for as many rows as the library has, for
 * nav_show_ranked(). */
uint32_t *
nav_rows(struct nav *n)
{
	if (n->vcap < n->corpus->n + 1) {
		n->vcap = n->corpus->n + 1;
		n->view = xreallocarray(n->view, n->vcap, sizeof *n->view);
	}
	return n->view;
}

/* Shows the first count rows of nav_rows() in their order, as what label
 * found, the cursor on library article keep if it is shown, else on the
 * first row. */
void
nav_show_ranked(struct nav *n, size_t count, const char *label, long keep)
{
	long	row;
	size_t	i;

	x_free(n->filter);
	n->filter = xstrdup(label);
	n->filtered = n->ranked = true;
	n->nview = count;
	free(n->rank_row);
	n->nrank_row = n->corpus->n;
	n->rank_row = xcalloc(n->nrank_row + 1, sizeof *n->rank_row);
	for (i = 0; i < count; i++)
		if (n->view[i] < n->nrank_row)
			n->rank_row[n->view[i]] = (uint32_t) i + 1;
	row = nav_row_of(n, keep);
	n->top = 0;
	nav_to(n, row >= 0 ? (size_t) row : 0);
}

/* Back to the whole library, the cursor where it is. */
void
nav_unrank(struct nav *n)
{
	long	a = nav_cursor_article(n);

	x_free(n->filter);
	n->filtered = n->ranked = false;
	n->nview = 0;
	nav_to(n, a >= 0 ? (size_t) a : 0);
}

/* Applies the filter again after the library changed, the cursor on
 * library article keep (or where it was). */
void
nav_refilter(struct nav *n, long keep)
{
	char	*f;

	if (n->ranked)
		keep_visible(n);
	else if (n->filtered) {
		f = n->filter;
		n->filter = NULL;
		nav_filter(n, f, keep);
		free(f);
	} else if (keep >= 0)
		nav_to(n, (size_t) keep);
	else
		keep_visible(n);
}

/* Checks the invariants in nav.h; returns the first one broken, or
 * NULL. */
const char *
nav_check(const struct nav *n)
{
	size_t	count = nav_count(n), i;

	if (count > 0 ? n->cursor >= count : n->cursor != 0)
		return "list cursor past the list";
	if (n->height == 0)
		return "list without rows";
	if (count > 0 && (n->cursor < n->top || n->cursor >= n->top +
	    n->height))
		return "list cursor off the screen";
	if (n->top > 0 && n->top + n->height > count)
		return "list scrolled past its end";
	if (n->filtered != (n->filter != NULL))
		return "filter and its text disagree";
	if (n->filtered && n->nview > n->corpus->n)
		return "filter longer than the library";
	if (n->ranked && !n->filtered)
		return "ranked but not filtered";
	for (i = 0; n->filtered && i < n->nview; i++)
		if (n->view[i] >= n->corpus->n || (!n->ranked && i > 0 &&
		    n->view[i] <= n->view[i - 1]))
			return "filtered rows out of order";
	for (i = 0; n->ranked && i < n->nview; i++)
		if (n->nrank_row != n->corpus->n ||
		    n->rank_row[n->view[i]] != i + 1)
			return "ranked rows and their index disagree";
	return NULL;
}
