/* The related items of the open article (its 相关文章 list): selecting
 * one with the keys, and what following it leads to. The selection
 * itself is the reading pane's (rel_sel), since a new page resets it.
 * Selecting reads the whole article first: the items are at its end. */
#ifndef READER_RELATED_H
#define READER_RELATED_H

#include "reading.h"

enum related_result {
	RELATED_NONE,		/* no items (or a missing item's page) */
	RELATED_MOVED,
	RELATED_FIRST,		/* already on the first, or */
	RELATED_LAST		/* the last: it stays */
};

enum related_result	related_step(struct reading *, int, struct causes *);
void			related_select(struct reading *, int32_t);
long			related_target(struct reading *);

#endif
