/* The terminal front end: the only module that includes curses. It
 * checks the terminal, paints the screen model, reads keys and mouse
 * events, and handles resize, suspend, signals and hang-ups. */
#ifndef READER_UI_H
#define READER_UI_H

#include "error.h"
#include "keymap.h"
#include "state.h"
#include "theme.h"

struct loader;

int	ui_run(struct state *, const struct theme *, struct causes *,
	    struct loader *);

#endif
