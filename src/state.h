/* Navigation state: the list cursor and filter, the open article and
 * where it is scrolled to, the selected related item, the back/forward
 * history, search, and messages. Pure: no curses, no drawing. Every
 * operation's cost is bounded by the screen size, not by the size of the
 * article or the library. */
#ifndef READER_STATE_H
#define READER_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "corpus.h"
#include "keymap.h"
#include "page.h"
#include "persist.h"
#include "settings.h"

/* An article larger than the reading pane needs opens with its start
 * only (this much when the pane's size is not known yet): cleaning it is
 * most of the time to the first screen. More is read as the reader goes
 * on (four times as much each time), and the rest when the interface is
 * idle. */
#define STATE_FIRST_BYTES (16 * 1024)
#define STATE_FIRST_MIN (4 * 1024)
#define STATE_FIRST_MAX (64 * 1024)
/* How much of its end End reads on its own. */
#define STATE_QUICK_BYTES (64 * 1024)

/* History beyond this many steps back is forgotten, oldest first. */
#define STATE_HISTORY_MAX 1000
#define STATE_PROMPT_MAX 256

enum pane { PANE_LIST, PANE_READER };

/* A row of the reading pane: block, and row within the block's gap and
 * lines. */
struct pos {
	uint32_t	block;
	uint32_t	row;
};

/* One step of history: what was open, where, and what was selected. */
struct hist {
	uint64_t	id;		/* the article, or the one linking */
	int32_t		missing;	/* related item shown as missing, or -1 */
	struct place	at;
	int32_t		rel_sel;
};

struct state {
	struct corpus		*corpus;
	struct persist		*persist;
	const struct settings	*set;
	const struct keymap	*keys;

	/* The list: view holds corpus indices when a filter is on. */
	uint32_t		*view;
	size_t			 nview;
	bool			 filtered;
	size_t			 cursor;
	size_t			 list_top;
	size_t			 unread;

	enum pane		 focus;
	bool			 zoom;
	bool			 pager;		/* one article given: q just quits */
	bool			 help;
	size_t			 help_top;

	/* The reading pane. */
	bool			 has_page;
	bool			 partial;	/* only part of the article */
	bool			 tail;		/* that part is its end */
	size_t			 part;		/* bytes asked for, of its start */
	int64_t			 tail_skip;	/* bytes of the file before it */
	struct page		 page;
	long			 open;		/* corpus index, or -1 */
	uint64_t		 open_id;
	uint16_t		 open_root;	/* where its file is, to */
	char			*open_path;	/* follow a change on disk */
	int32_t			 missing;	/* see struct hist */
	struct pos		 top;
	int32_t			 rel_sel;

	/* Geometry, set by the interface from the view. */
	int			 list_h;
	int			 reader_h;
	int			 reader_w;
	bool			 sized;		/* those were set */
	int			 help_h;

	struct hist		*back;
	size_t			 nback;
	struct hist		*fwd;
	size_t			 nfwd;

	/* Search: the needle last entered, and the prompt being typed. */
	char			*needle;
	struct pos		 match;		/* block and byte of a match */
	uint32_t		 match_off;
	bool			 has_match;
	bool			 prompting;
	enum pane		 prompt_pane;
	char			 prompt[STATE_PROMPT_MAX];
	size_t			 prompt_len;
	long			 prompt_saved;	/* article under the cursor */
	struct pos		 prompt_top;

	char			*msg;
	bool			 msg_error;
	bool			 loading;	/* the library is still coming in */
	char			*clipboard;	/* text for the terminal to copy */
};

void	state_init(struct state *, struct corpus *, struct persist *,
	    const struct settings *, const struct keymap *);
void	state_free(struct state *);
void	state_set_geometry(struct state *, int, int, int, int);
void	state_message(struct state *, bool, const char *, ...)
	    ATTR_PRINTF(3, 4);
void	state_clear_message(struct state *);
const char *state_key_hint(const struct state *, enum action);

size_t	state_list_count(const struct state *);
long	state_list_article(const struct state *, size_t);
int	state_list_move(struct state *, long);
int	state_list_to(struct state *, size_t);
void	state_recount_unread(struct state *);
uint64_t state_cursor_id(const struct state *);
void	state_article_arrived(void *, const struct article *);
void	state_article_left(void *, const struct article *);
void	state_library_changed(struct state *, uint64_t);

int	state_open(struct state *, long, bool);
int	state_complete(struct state *);
int	state_restore_last(struct state *);
int	state_scroll(struct state *, long);
int	state_reader_home(struct state *);
int	state_reader_end(struct state *);
bool	state_reader_at_end(struct state *);
int	state_percent(struct state *);
struct place state_place(struct state *);
void	state_save_place(struct state *);

int	state_related_step(struct state *, int);
int	state_follow(struct state *);
int	state_back(struct state *);
int	state_forward(struct state *);
int	state_step_article(struct state *, int);
int	state_toggle_read(struct state *);
bool	state_is_read(const struct state *, size_t);

void	state_prompt_start(struct state *);
int	state_prompt_key(struct state *, key_code);
int	state_search_step(struct state *, int);
int	state_clear_search(struct state *);
void	state_check(const struct state *);

#endif
