/* The text backend: pages and the list printed to a stream, through the
 * same layout the interface draws with. */
#ifndef READER_DUMP_H
#define READER_DUMP_H

#include <stdio.h>

#include "corpus.h"
#include "page.h"
#include "view.h"

/* dump_screen() flags. */
#define DUMP_ATTRS	1	/* the colour element of every cell too */

int	dump_page(FILE *, struct page *);
int	dump_list(FILE *, const struct corpus *, int, const char *);
int	dump_screen(FILE *, const struct vscreen *, unsigned);

#endif
