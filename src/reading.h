/* The reading pane: the open article laid out as a page, where it is
 * scrolled to, and the selected related item. The only navigation code
 * that reads files.
 *
 * A large article opens with its start only (as much as fills the pane):
 * cleaning it is most of the time to the first screen. More is read as
 * the reader goes on (four times as much each time); End reads the end on
 * its own; the whole comes when the interface is idle (or when something
 * needs all of it: related items, a search).
 *
 * Invariants (reading_check):
 * - open >= 0 only with a page, and then v[open] is the article whose
 *   identity is open_id and whose file is open_root/open_path;
 * - partial (only part of the file is on the page) only with open >= 0
 *   and missing < 0; tail (that part is the end) only when partial;
 * - missing >= 0 (the page shows related item `missing` of article
 *   open_id as not in the library) only with a page;
 * - with a page, top names a row of it: top.block < nb and top.row <
 *   the block's rows; rel_sel < the page's related items;
 * - without a page, rel_sel = missing = open = -1.
 * Whatever reads the file takes a caller's causes list and adds to it
 * what could not be read; what was shown then stays.
 * gen changes whenever the page is replaced, so that positions kept
 * elsewhere (a search match) can tell they are stale.
 */
#ifndef READER_READING_H
#define READER_READING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "corpus.h"
#include "error.h"
#include "page.h"
#include "persist.h"
#include "settings.h"

/* How much of a large article is read first: what fills the pane (this
 * much before its size is known), within FIRST_MIN and FIRST_MAX. */
#define READING_FIRST_BYTES (16 * 1024)
#define READING_FIRST_MIN (4 * 1024)
#define READING_FIRST_MAX (64 * 1024)
/* How much of its end End reads on its own. */
#define READING_QUICK_BYTES (64 * 1024)

/* A row of the reading pane: block, and row within the block's gap and
 * lines. */
struct pos {
	uint32_t	block;
	uint32_t	row;
};

struct reading {
	struct corpus		*corpus;
	const struct settings	*set;
	bool			 has_page;
	struct page		 page;
	uint32_t		 gen;		/* bumped with each new page */
	bool			 partial;	/* only part of the article */
	bool			 tail;		/* that part is its end */
	size_t			 part;		/* bytes asked for, of its start */
	int64_t			 tail_skip;	/* bytes of the file before it */
	long			 open;		/* library index, or -1 */
	uint64_t		 open_id;
	uint16_t		 open_root;	/* where its file is, to */
	char			*open_path;	/* follow a change on disk */
	int32_t			 missing;	/* related item shown as missing */
	struct pos		 top;
	int32_t			 rel_sel;	/* selected related item, or -1 */
	int			 height;	/* rows of the pane, at least 1 */
	int			 width;		/* columns of text */
	bool			 sized;		/* height and width were set */
	/* The text at the top when the width last changed, so that a
	 * round of resizes comes back to the same line. */
	bool			 anchored;
	uint32_t		 anchor_gen;
	struct pos		 anchor_top;	/* top as the resize left it */
	uint32_t		 anchor_block;
	uint32_t		 anchor_off;
	int			 anchor_gap;	/* blank row above it, or -1 */
};

/* What reading_follow_library() found. */
enum reading_change {
	READING_SAME,		/* the open article is still there */
	READING_RELOADED,	/* its file changed: read again */
	READING_GONE		/* its file went: the page stays, whole */
};

void	reading_init(struct reading *, struct corpus *,
	    const struct settings *);
void	reading_free(struct reading *);
int	reading_open(struct reading *, long, struct causes *);
void	reading_show_missing(struct reading *, int32_t);
int	reading_complete(struct reading *, struct causes *);
void	reading_set_size(struct reading *, int, int, struct causes *);
void	reading_fill(struct reading *, struct causes *);
void	reading_scroll(struct reading *, long, struct causes *);
void	reading_home(struct reading *, struct causes *);
void	reading_end(struct reading *, struct causes *);
bool	reading_at_end(struct reading *);
int	reading_percent(struct reading *);
struct place reading_place(struct reading *);
void	reading_goto(struct reading *, const struct place *,
	    struct causes *);
enum reading_change reading_follow_library(struct reading *,
	    struct causes *);

/* Rows of the page, for search and related items. */
size_t	reading_rows(struct reading *, uint32_t);
bool	reading_pos_next(struct reading *, struct pos *);
bool	reading_pos_prev(struct reading *, struct pos *);
size_t	reading_rows_from(struct reading *, struct pos, size_t);
uint32_t reading_pos_byte(struct reading *, struct pos);
struct pos reading_pos_of_byte(struct reading *, size_t, uint32_t);
bool	reading_on_screen(struct reading *, struct pos);
void	reading_show_blocks(struct reading *, size_t, size_t,
	    struct causes *);
void	reading_show_pos(struct reading *, struct pos, struct causes *);
const char *reading_check(struct reading *);

#endif
