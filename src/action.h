/* Actions: everything a key can do, named once. The table gives each its
 * name (used in reader.ini), its help text and the contexts where it
 * works; keys, the help screen and the config all read this one table.
 * Handlers change the state and return the flags of state.h (RE_DRAW
 * and the rest); they never draw. */
#ifndef READER_ACTION_H
#define READER_ACTION_H

#include "actions.h"
#include "system.h"


/* Where an action can be used. */
enum {
	CTX_LIST = 1,
	CTX_READER = 2,
	CTX_HELP = 4,
	CTX_ANY = CTX_LIST | CTX_READER | CTX_HELP,
	CTX_PROMPT = 8		/* the search prompt: its own keys */
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
