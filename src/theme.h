/* Colour elements (every part of the screen that can be styled), their
 * styles, and the built-in scheme. No curses here: ui.c turns a style
 * into terminal attributes, approximating colours the terminal lacks. */
#ifndef READER_THEME_H
#define READER_THEME_H

#include <stdint.h>

enum elem {
	ELEM_NORMAL,
	ELEM_LIST,
	ELEM_LIST_SELECTED,
	ELEM_LIST_UNREAD,
	ELEM_LIST_OPEN,
	ELEM_TITLE,
	ELEM_META,
	ELEM_BODY,
	ELEM_RELATED,
	ELEM_RELATED_SELECTED,
	ELEM_SEARCH_MATCH,
	ELEM_SEARCH_CURRENT,
	ELEM_STATUS,
	ELEM_BORDER,
	ELEM_HELP,
	ELEM_ERROR,
	ELEM_HEADER,
	ELEM_HEADER_FOCUSED,
	ELEM_COUNT
};

/* Attributes, independent of curses. */
enum {
	THEME_BOLD = 1,
	THEME_DIM = 2,
	THEME_UNDERLINE = 4,
	THEME_REVERSE = 8,
	THEME_ITALIC = 16,
	THEME_BLINK = 32
};

#define THEME_DEFAULT_COLOR	(-1)
/* A colour given as #rrggbb is kept as 0x1000000 | rgb. */
#define THEME_RGB		0x1000000

struct style {
	int32_t		fg;
	int32_t		bg;
	uint16_t	attr;
	uint16_t	mono;	/* attributes to use when there is no colour */
};

struct theme {
	struct style	s[ELEM_COUNT];
};

extern const char *const theme_elem_names[ELEM_COUNT];

void	theme_defaults(struct theme *);
int	theme_elem_from_name(const char *);

#endif
