/* Building rows for the panes. */
#include "system.h"

#include <stdio.h>

#include "text.h"
#include "view.h"
#include "xmalloc.h"

/* Formats a list row: the mark (if any), the date and the title, cut to
 * width columns. Caller frees. */
char *
view_list_row(const struct article *a, int width, const char *mark)
{
	char	 date[16] = "";
	char	*full, *row;

	if (a->date > 0)
		snprintf(date, sizeof date, "%04d-%02d-%02d",
		    (int) (a->date / 10000000000),
		    (int) (a->date / 100000000 % 100),
		    (int) (a->date / 1000000 % 100));
	full = xasprintf("%s%s%-*s  %s", mark != NULL ? mark : "",
	    mark != NULL ? " " : "", VIEW_DATE_COLS, date, a->title);
	row = text_ellipsize(full, strlen(full), width, NULL);
	free(full);
	return row;
}
