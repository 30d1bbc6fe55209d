/* Events to state: what a key, a mouse event, a new screen size or a
 * slice of loading does, with no terminal. The interface and the headless
 * replay both go through here, so a replay test takes the same path as a
 * key typed in a terminal. Every function returns the redraw flags of
 * action.h; none draws. */
#ifndef READER_INPUT_H
#define READER_INPUT_H

#include "error.h"
#include "keymap.h"
#include "state.h"
#include "view.h"

struct loader;

enum input_button {
	INPUT_CLICK,
	INPUT_DOUBLE_CLICK,
	INPUT_WHEEL_UP,
	INPUT_WHEEL_DOWN
};

/* Rows a mouse wheel step scrolls. */
#define INPUT_WHEEL_ROWS 3

int	input_key(struct state *, key_code);
int	input_paste(struct state *, const char *, size_t);
int	input_mouse(struct state *, const struct vscreen *, int, int,
	    enum input_button);
void	input_layout(struct vscreen *, struct state *, int, int);
int	input_load(struct state *, struct loader **, long, struct causes *);
void	input_say_problems(struct state *, const struct causes *);
int	input_idle(struct state *);
int	input_reload(struct state *);
int	input_watch(struct state *);
int	input_index_poll(struct state *);

#endif
