/* The screen model: what each row of each pane shows, as spans of text
 * tagged with colour elements, built from the state and the layout. Pure:
 * it reads a const state (prepared by state_prepare()), keeps nothing
 * between builds but its own storage, and does no I/O and no curses.
 * ui.c paints it; dump.c prints it; the work is bounded by the screen. */
#ifndef READER_VIEW_H
#define READER_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "state.h"
#include "theme.h"

/* Columns of a title a list row shows at least, before its date. */
#define VIEW_TITLE_MIN 8
/* Columns of the date in a list row. */
#define VIEW_DATE_COLS 10
/* Smallest screen with both panes; anything smaller gets a message. */
#define VIEW_MIN_COLS 20
#define VIEW_MIN_LINES 6
/* From this many columns up, the panes stand side by side. */
#define VIEW_SIDE_BY_SIDE 100

struct rect {
	int	y, x, h, w;
};

enum vpane_id {
	VP_LIST_HEAD,
	VP_LIST,
	VP_READER_HEAD,
	VP_READER,
	VP_HELP,
	VP_STATUS,
	VP_COUNT
};

struct vspan {
	const char	*s;
	uint32_t	 len;
	uint8_t		 elem;
};

struct vrow {
	uint32_t	first;		/* index of the first span */
	uint16_t	nspans;
	uint16_t	indent;		/* blank columns before the spans */
	uint8_t		fill;		/* element of the rest of the row */
	int32_t		block;		/* reading pane: page block, or -1 */
	int64_t		item;		/* list: row number, or -1 */
};

struct vpane {
	struct rect	r;
	bool		shown;
	uint32_t	first;		/* index of the pane's first row */
};

struct vscreen {
	int		 cols, lines;
	bool		 too_small;
	struct vpane	 p[VP_COUNT];
	bool		 border;	/* a vertical line between the panes */
	struct rect	 border_r;
	uint8_t		 border_elem;
	struct vrow	*rows;
	size_t		 nrows, rcap;
	struct vspan	*spans;
	size_t		 nspans, scap;
	char		**owned;
	size_t		 nowned, ocap;
	bool		 cursor;	/* show the cursor at cy, cx */
	int		 cy, cx;
};

void	 view_geometry(struct vscreen *, const struct state *, int, int);
void	 view_build(struct vscreen *, const struct state *, int, int);
void	 view_free(struct vscreen *);
size_t	 view_help_rows(const struct state *, int);
int	 view_date_cols(const char *);
char	*view_list_row(const struct article *, int, const char *,
	    const char *, int);
int	 view_hit(const struct vscreen *, int, int, enum vpane_id *);

#endif
