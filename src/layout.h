/* Wrapping a paragraph of clean text into display lines. No curses here.
 *
 * Break opportunities follow UAX #14 as text.c tailors it (which keeps
 * closing marks such as ，。」” off the start of a line and opening marks
 * such as （「“ off its end); widths come from text.c, so they agree with
 * what ncursesw draws. A word that fits on a line is never cut; a token
 * longer than the line is cut after / . _ - ? & = where it can, else
 * between grapheme clusters, and where the Chinese rules allow unless
 * nothing on the line does. Work is linear in the length, and a part of
 * a long paragraph can be wrapped as in the whole (layout_wrap_part).
 */
#ifndef READER_LAYOUT_H
#define READER_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "system.h"

/* One display line: a byte range of the paragraph, its width in columns
 * (indent not included) and the blank columns to put before it. */
struct line {
	uint32_t	off;
	uint32_t	len;
	uint16_t	width;
	uint16_t	indent;
};

struct lines {
	struct line	*v;
	size_t		 n;
	size_t		 cap;
};

/* How to wrap: total columns, and the indent of the first and the other
 * lines. An indent that would leave less than two columns is dropped. */
struct wrap {
	int	width;
	int	first_indent;
	int	indent;
};

/* Reusable work space, so wrapping many paragraphs allocates once. */
struct layout_scratch {
	char		*brk;
	char		*gb;
	uint16_t	*cw;
	size_t		 cap;
};

/* Bytes of context kept on either side of a part of a paragraph being
 * wrapped on its own (see layout_wrap_part). */
#define LAYOUT_CONTEXT 256

void	layout_wrap(struct layout_scratch *, const char *, size_t,
	    const struct wrap *, struct lines *);
size_t	layout_wrap_part(struct layout_scratch *, const char *, size_t,
	    size_t, size_t, const struct wrap *, bool, struct lines *);
void	layout_scratch_free(struct layout_scratch *);
void	lines_free(struct lines *);
void	lines_push(struct lines *, const struct line *);

#endif
