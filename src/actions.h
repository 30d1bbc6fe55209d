/* The name space of actions: one id for everything a key can do. Only
 * the ids, so that the key tables (keymap.c) need not know the actions'
 * handlers (action.c), which know the state, which holds the key table.
 * A new action is an id here plus its row in action.c's table. */
#ifndef READER_ACTIONS_H
#define READER_ACTIONS_H

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
	ACT_LIBRARY_SEARCH,
	ACT_TOGGLE_READ,
	ACT_ZOOM,
	ACT_COPY,
	ACT_HELP,
	ACT_MESSAGES,
	ACT_RELOAD,
	ACT_REDRAW,
	ACT_CANCEL,
	ACT_QUIT,
	/* The search prompt's own keys: a layer of their own, so that one
	 * key can be Enter for open and Enter for accept. */
	ACT_PROMPT_ACCEPT,
	ACT_PROMPT_CANCEL,
	ACT_PROMPT_ERASE,
	ACT_PROMPT_CLEAR,
	ACT_COUNT
};

/* Whether action a is one of the prompt's (bound in the prompt's layer). */
#define ACTION_IN_PROMPT(a) \
	((a) >= ACT_PROMPT_ACCEPT && (a) <= ACT_PROMPT_CLEAR)

#endif
