/* The headless replay: a script of keys and events goes through the same
 * path as the terminal's input (input.c), and the screens the view builds
 * are printed by dump_screen(): what a terminal of that size would show,
 * as text. No curses.
 *
 * A script is a list of words separated by blanks: key names as in
 * reader.ini (j, Enter, C-c, BSpace, PageDown, Space ...), and the events
 *   resize:COLSxLINES          the terminal's new size
 *   click:ROW,COL  dclick:ROW,COL  wheelup:ROW,COL  wheeldown:ROW,COL
 *                              a mouse event at a cell (counted from 1)
 *   text:CHARS                 each character of CHARS typed in turn
 *   paste:CHARS                CHARS pasted at once (bracketed paste)
 *   wait                       until the library is loaded
 *   idle                       a pause: the rest of a large article is read
 */
#ifndef READER_REPLAY_H
#define READER_REPLAY_H

#include <stdio.h>

#include "error.h"
#include "state.h"

struct loader;
struct replay;

/* replay_run() flags. */
#define REPLAY_FRAMES	1	/* print the screen after every event */
#define REPLAY_ATTRS	2	/* with the colour element of each cell */
#define REPLAY_CHECK	4	/* check the state's invariants after each */

struct replay	*replay_parse(const char *, struct causes *);
void		 replay_free(struct replay *);
int		 replay_run(struct replay *, struct state *, struct loader *,
		     struct causes *, int, int, unsigned, FILE *);
int		 replay_parse_size(const char *, int *, int *);

#endif
