/* The screen model: what each row of each pane shows, built from the
 * state and the layout. Pure: no curses, no I/O. */
#ifndef READER_VIEW_H
#define READER_VIEW_H

#include "article.h"

/* Columns of the date in a list row. */
#define VIEW_DATE_COLS 10

char	*view_list_row(const struct article *, int, const char *);

#endif
