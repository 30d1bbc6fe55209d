/* Navigation state: the aggregate of the list (nav), the reading pane
 * (reading), the history, the search and its prompt, plus what ties them
 * together — which pane has the focus, zoom and help, read marks, and
 * the message of the status line. Pure: no curses, no drawing; only the
 * reading pane reads files, and the library search (ls) its index and
 * the lines of its results.
 *
 * Every action ends with state_prepare(), after which the view can be
 * built from a const state: the rows on screen are laid out and the
 * position is known.
 *
 * Invariants (state_check, run after every event in debug builds and in
 * the replay tests), besides each part's own:
 * - unread counts the library's articles without a read mark;
 * - with no page, the focus is on the list, zoom is off, and nothing is
 *   matched; a page that is not a missing item's has its article open
 *   or had it (open = -1 only after its file went);
 * - help_top <= help_rows - help_h (or 0), once help_rows is known;
 * - the prompt is active only in the pane it was started in;
 * - the list is ranked exactly when it shows a library search's results
 *   (ls.active), one row of the list for each.
 */
#ifndef READER_STATE_H
#define READER_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "corpus.h"
#include "history.h"
#include "keymap.h"
#include "lsearch.h"
#include "nav.h"
#include "persist.h"
#include "prompt.h"
#include "reading.h"
#include "search.h"
#include "settings.h"

enum pane { PANE_LIST, PANE_READER };

/* What an event asks of the main loop. The screen is built again from
 * the state whenever RE_DRAW is set, and curses sends only the cells that
 * changed: there is no use in naming the panes that did. */
enum {
	RE_NONE = 0,
	RE_DRAW = 1,		/* something shown changed */
	RE_CLEAR = 2,		/* repaint the whole terminal */
	RE_QUIT = 4,
	RE_CLIPBOARD = 8	/* state->clipboard holds text to send */
};

/* What the full-screen text pane shows. */
enum help_kind { HELP_KEYS, HELP_MESSAGES };

/* Messages of a session kept for the messages screen, oldest dropped. */
#define STATE_LOG_MAX 500

/* The help screen's top row never goes past this, whatever keys come
 * before its text's rows are known. */
#define HELP_TOP_MAX ((size_t) 1 << 30)

struct state {
	struct corpus		*corpus;
	struct persist		*persist;
	const struct settings	*set;
	const struct keymap	*keys;

	struct nav		 nav;
	struct reading		 rd;
	struct history		 hist;
	struct search		 search;
	struct prompt		 prompt;
	struct lsearch		 ls;

	size_t			 unread;
	enum pane		 focus;
	bool			 zoom;
	bool			 pager;		/* one article given: q just quits */
	bool			 help;
	enum help_kind		 help_kind;
	size_t			 help_top;
	int			 help_h;	/* rows of the help pane */
	size_t			 help_rows;	/* rows the help text takes */
	int			 percent;	/* of the open article, prepared */
	int			 list_h;	/* rows of the list pane */
	int			 list_w;
	/* Where the whole list was when a library search replaced it. */
	uint64_t		 list_saved_id;
	size_t			 list_saved_row;	/* the cursor's, on screen */
	bool			 sync_index;	/* queries wait for the index */
	char			**paths;	/* the library's, for reloading */
	int			 npaths;
	bool			 reload_asked;	/* the library is to be read again */

	char			*msg;
	bool			 msg_error;
	char			**log;		/* every message said, in order */
	size_t			 nlog;
	bool			 loading;	/* the library is still coming in */
	char			*clipboard;	/* text for the terminal to copy */
};

void	state_init(struct state *, struct corpus *, struct persist *,
	    const struct settings *, const struct keymap *);
void	state_free(struct state *);
void	state_set_geometry(struct state *, int, int, int, int, int,
	    size_t);
void	state_prepare(struct state *);
void	state_message(struct state *, bool, const char *, ...)
	    ATTR_PRINTF(3, 4);
void	state_clear_message(struct state *);
void	state_log(struct state *, const char *);
const char *state_key_hint(const struct state *, enum action);
bool	state_in_reader(const struct state *);

int	state_list_move(struct state *, long);
int	state_list_to(struct state *, size_t);
void	state_recount_unread(struct state *);
uint64_t state_cursor_id(const struct state *);
bool	state_is_read(const struct state *, size_t);
void	state_article_arrived(void *, const struct article *);
void	state_article_left(void *, const struct article *);
void	state_library_changed(struct state *, uint64_t);
void	state_library_replace(struct state *, struct corpus *);

int	state_open(struct state *, long, bool);
int	state_restore_last(struct state *);
int	state_complete(struct state *);
int	state_scroll(struct state *, long);
int	state_reader_home(struct state *);
int	state_reader_end(struct state *);
void	state_save_place(struct state *);
int	state_related_step(struct state *, int);
int	state_select_related(struct state *, int32_t);
int	state_follow(struct state *);
int	state_back(struct state *);
int	state_forward(struct state *);
int	state_step_article(struct state *, int);
int	state_next_unread(struct state *);
int	state_toggle_read(struct state *);
int	state_help_move(struct state *, long);

int	state_prompt_start(struct state *);
int	state_prompt_key(struct state *, key_code);
int	state_prompt_paste(struct state *, const char *, size_t);
int	state_search_step(struct state *, int);
int	state_library_search_start(struct state *);
int	state_index_poll(struct state *);
int	state_clear_search(struct state *);

void	state_check(struct state *);

#endif
