/* The list pane: which articles it shows (all, or those whose title
 * holds the filter), the cursor and the first row on screen. Pure: no
 * I/O, no curses.
 *
 * Invariants (nav_check):
 * - count = nview when filtered, else the library's size;
 * - cursor < count, or cursor = 0 when the list is empty;
 * - top <= cursor < top + height when the list is not empty, and the
 *   last screenful is full when the list is long enough;
 * - view[] holds library indices below the library's size, ascending
 *   (in the library's order) unless ranked, and each at most once;
 * - filter is NULL exactly when not filtered;
 * - ranked only when filtered (by a library search: its rows come in
 *   the order the search gave, and take rows_per_item screen rows);
 *   then rank_row[] gives each shown article's row, so that finding one
 *   costs the same whatever the number of results.
 */
#ifndef READER_NAV_H
#define READER_NAV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "corpus.h"

struct nav {
	const struct corpus	*corpus;
	uint32_t		*view;		/* library indices, filtered */
	size_t			 nview, vcap;
	bool			 filtered;
	bool			 ranked;	/* view[] in a search's order */
	uint32_t		*rank_row;	/* when ranked, by library index:
						 * its row + 1, or 0 */
	size_t			 nrank_row;	/* the library's size then */
	char			*filter;	/* what it is filtered by */
	size_t			 cursor;
	size_t			 top;
	size_t			 height;	/* rows on screen, at least 1 */
	bool			 moved;		/* the user put the cursor */
};

void		 nav_init(struct nav *, const struct corpus *);
void		 nav_free(struct nav *);
size_t		 nav_count(const struct nav *);
long		 nav_article(const struct nav *, size_t);
long		 nav_cursor_article(const struct nav *);
long		 nav_row_of(const struct nav *, long);
void		 nav_to(struct nav *, size_t);
void		 nav_move(struct nav *, long);
void		 nav_set_height(struct nav *, int);
void		 nav_filter(struct nav *, const char *, long);
void		 nav_refilter(struct nav *, long);
uint32_t	*nav_rows(struct nav *);
void		 nav_show_ranked(struct nav *, size_t, const char *, long);
void		 nav_unrank(struct nav *);
bool		 nav_title_matches(const struct nav *, long, const char *);
const char	*nav_check(const struct nav *);

#endif
