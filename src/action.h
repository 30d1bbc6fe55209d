/* Actions: everything a key can do, named once. The table gives each its
 * name (used in reader.ini), its help text and the contexts where it
 * works; keys, the help screen and the config all read this one table.
 * Handlers change the state and return what must be redrawn; they never
 * draw. */
#ifndef READER_ACTION_H
#define READER_ACTION_H

#include "system.h"

enum action {
	ACT_NONE,
	ACT_DOWN,
	ACT_UP,
	ACT_PAGE_DOWN,
	ACT_PAGE_UP,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_FOCUS,
	ACT_OPEN,
	ACT_NEXT_ARTICLE,
	ACT_PREV_ARTICLE,
	ACT_NEXT_RELATED,
	ACT_PREV_RELATED,
	ACT_BACK,
	ACT_FORWARD,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV,
	ACT_TOGGLE_READ,
	ACT_ZOOM,
	ACT_COPY,
	ACT_HELP,
	ACT_MESSAGES,
	ACT_REDRAW,
	ACT_CANCEL,
	ACT_QUIT,
	ACT_COUNT
};

/* Where an action can be used. */
enum {
	CTX_LIST = 1,
	CTX_READER = 2,
	CTX_HELP = 4,
	CTX_ANY = CTX_LIST | CTX_READER | CTX_HELP
};

/* What a handler asks of the main loop. */
enum {
	RE_NONE = 0,
	RE_LIST = 1,		/* the list pane changed */
	RE_READER = 2,		/* the reading pane changed */
	RE_STATUS = 4,		/* the status line changed */
	RE_ALL = 7,
	RE_CLEAR = 8,		/* repaint the whole terminal */
	RE_SAVE = 16,		/* state worth saving changed */
	RE_QUIT = 32,
	RE_CLIPBOARD = 64	/* state->clipboard holds text to send */
};

struct state;

struct action_desc {
	const char	*name;
	const char	*help;		/* N_() text */
	int		 contexts;
	int		(*fn)(struct state *, int);
	int		 arg;		/* handed to fn: a direction, say */
};

extern const struct action_desc action_table[ACT_COUNT];

enum action	action_from_name(const char *);
int		action_run(struct state *, enum action);

#endif
