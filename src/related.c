/* Selecting and following related items. */
#include "system.h"

#include "related.h"

/* Shows related item s and its excerpt, scrolling as little as can be. */
static void
show(struct reading *rd, int32_t s, struct causes *cs)
{
	int32_t	n = (int32_t) rd->page.doc.nrel;
	size_t	last = s + 1 < n ? rd->page.rel_block[s + 1] - 1 :
		    rd->page.nb - 1;

	reading_show_blocks(rd, rd->page.rel_block[s], last, cs);
}

/* Selects the next (dir 1) or previous (-1) related item; with none
 * selected, the first (or last) from what is on screen. */
enum related_result
related_step(struct reading *rd, int dir, struct causes *cs)
{
	int32_t			n, s;
	enum related_result	r = RELATED_MOVED;

	if (rd->partial)
		reading_complete(rd, cs);
	if (!rd->has_page || rd->missing >= 0 ||
	    (n = (int32_t) rd->page.doc.nrel) == 0)
		return RELATED_NONE;
	s = rd->rel_sel;
	if (s < 0) {
		/* Start from what is on screen. */
		for (s = 0; s < n - 1 && rd->page.rel_block[s] < rd->top.block;
		    s++)
			;
		if (dir < 0 && rd->page.rel_block[s] < rd->top.block)
			s = n - 1;
	} else if (s + dir >= 0 && s + dir < n)
		s += dir;
	else
		r = dir > 0 ? RELATED_LAST : RELATED_FIRST;
	rd->rel_sel = s;
	show(rd, s, cs);
	return r;
}

/* Selects related item s (a click on it). */
void
related_select(struct reading *rd, int32_t s)
{
	if (rd->has_page && rd->missing < 0 && s >= 0 &&
	    s < (int32_t) rd->page.doc.nrel)
		rd->rel_sel = s;
}

/* Returns the library index of the article the selected item names, or
 * -1 when it is not in the library. */
long
related_target(struct reading *rd)
{
	return corpus_find_title(rd->corpus,
	    rd->page.doc.rel[rd->rel_sel].key);
}
