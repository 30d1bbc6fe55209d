/* The line editor of the search prompt: the text typed so far and what
 * to go back to when the search is cancelled. Its keys (Enter, Esc, C-c,
 * C-g, C-u, Backspace by default) are the prompt_ actions of the key
 * table; any other printable character is inserted.
 *
 * Invariants (prompt_check): len < PROMPT_MAX; buf[len] is NUL and
 * buf[0..len) is valid UTF-8 of printable characters. What it saved is a
 * width-independent place, so that it survives a resize.
 */
#ifndef READER_PROMPT_H
#define READER_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "keymap.h"
#include "persist.h"
#include "reading.h"

#define PROMPT_MAX 256

enum prompt_result {
	PROMPT_IGNORED,		/* the key means nothing here */
	PROMPT_EDITED,		/* the text changed */
	PROMPT_ACCEPT,
	PROMPT_CANCEL
};

struct prompt {
	bool		active;
	bool		library;	/* a library search, not a find */
	int		pane;		/* enum pane where it was started */
	char		buf[PROMPT_MAX];
	size_t		len;
	long		saved;		/* article under the list cursor */
	struct place	saved_at;	/* the reading pane's place */
	/* And its very row, good while the page and its width are the
	 * same (a place cannot name a blank row or a heading). */
	struct pos	saved_top;
	uint32_t	saved_gen;
	int		saved_width;
};

void			prompt_start(struct prompt *, int, long,
			    const struct place *);
enum prompt_result	prompt_key(struct prompt *, key_code);
enum prompt_result	prompt_type(struct prompt *, key_code);
enum prompt_result	prompt_erase(struct prompt *);
enum prompt_result	prompt_clear(struct prompt *);
enum prompt_result	prompt_insert(struct prompt *, const char *, size_t);
const char	       *prompt_check(const struct prompt *);

#endif
