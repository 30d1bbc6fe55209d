/* The built-in colour scheme and the names of the elements. */
#include "system.h"

#include "theme.h"

/* The names used for the elements in [colors] of reader.ini. */
const char *const theme_elem_names[ELEM_COUNT] = {
	[ELEM_NORMAL] = "normal",
	[ELEM_LIST] = "list",
	[ELEM_LIST_SELECTED] = "list_selected",
	[ELEM_LIST_UNREAD] = "list_unread",
	[ELEM_LIST_OPEN] = "list_open",
	[ELEM_TITLE] = "title",
	[ELEM_META] = "meta",
	[ELEM_BODY] = "body",
	[ELEM_RELATED] = "related",
	[ELEM_RELATED_SELECTED] = "related_selected",
	[ELEM_SEARCH_MATCH] = "search_match",
	[ELEM_SEARCH_CURRENT] = "search_current",
	[ELEM_STATUS] = "status",
	[ELEM_BORDER] = "border",
	[ELEM_HELP] = "help",
	[ELEM_ERROR] = "error",
	[ELEM_HEADER] = "header",
	[ELEM_HEADER_FOCUSED] = "header_focused",
};

#define D THEME_DEFAULT_COLOR

/* Each default also says how to look without colour, so that nothing
 * (the cursor, a match) becomes invisible on a monochrome terminal. */
static const struct style defaults[ELEM_COUNT] = {
	[ELEM_NORMAL] =		 { D, D, 0, 0 },
	[ELEM_LIST] =		 { D, D, 0, 0 },
	[ELEM_LIST_SELECTED] =	 { 0, 6, 0, THEME_REVERSE },
	[ELEM_LIST_UNREAD] =	 { D, D, THEME_BOLD, THEME_BOLD },
	[ELEM_LIST_OPEN] =	 { D, D, THEME_UNDERLINE, THEME_UNDERLINE },
	[ELEM_TITLE] =		 { 3, D, THEME_BOLD, THEME_BOLD },
	[ELEM_META] =		 { 6, D, 0, THEME_DIM },
	[ELEM_BODY] =		 { D, D, 0, 0 },
	[ELEM_RELATED] =	 { 2, D, 0, THEME_UNDERLINE },
	[ELEM_RELATED_SELECTED] = { 0, 2, 0, THEME_REVERSE },
	[ELEM_SEARCH_MATCH] =	 { 0, 3, 0, THEME_REVERSE | THEME_UNDERLINE },
	[ELEM_SEARCH_CURRENT] =	 { 0, 5, THEME_BOLD, THEME_REVERSE | THEME_BOLD },
	[ELEM_STATUS] =		 { 7, 4, 0, THEME_REVERSE },
	[ELEM_BORDER] =		 { 4, D, 0, 0 },
	[ELEM_HELP] =		 { D, D, 0, 0 },
	[ELEM_ERROR] =		 { 1, D, THEME_BOLD, THEME_BOLD },
	[ELEM_HEADER] =		 { D, D, THEME_BOLD, THEME_UNDERLINE },
	[ELEM_HEADER_FOCUSED] =	 { 0, 6, THEME_BOLD,
	    THEME_REVERSE | THEME_BOLD },
};

#undef D

/* Fills t with the built-in scheme. */
void
theme_defaults(struct theme *t)
{
	memcpy(t->s, defaults, sizeof t->s);
}

/* Returns the element called name, or -1. */
int
theme_elem_from_name(const char *name)
{
	int	i;

	for (i = 0; i < ELEM_COUNT; i++)
		if (strcmp(theme_elem_names[i], name) == 0)
			return i;
	return -1;
}
