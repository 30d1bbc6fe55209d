/* Checking the terminal before curses takes it over. Kept apart from
 * ui.c because term.h defines macros (lines, columns ...) that collide
 * with ordinary names. */
#include "system.h"

#include <langinfo.h>
#include <stdio.h>
#include <unistd.h>

#ifndef NCURSES_WIDECHAR
# define NCURSES_WIDECHAR 1
#endif
#if HAVE_NCURSESW_CURSES_H
# include <ncursesw/curses.h>
# include <ncursesw/term.h>
#else
# include <curses.h>
# include <term.h>
#endif

#include "error.h"
#include "text.h"
#include "ui-term.h"

/* Checks, before anything is read, that this is a terminal reader can
 * use: a tty, a UTF-8 locale, a TERM set (ui_term_usable() checks it
 * once curses has read its description). Returns -1 with a cause saying
 * what to do instead. */
int
ui_check_terminal(struct causes *cs)
{
	const char	*term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		causes_add(cs, "%s", _("standard input and output must be a "
		    "terminal; use --dump or --list to print instead"));
		return -1;
	}
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		/* TRANSLATORS: %s is a character set name such as
		   ANSI_X3.4-1968. */
		causes_add(cs, _("the locale's character set is %s, not UTF-8; "
		    "set LANG to a UTF-8 locale such as C.UTF-8 or "
		    "zh_CN.UTF-8"), nl_langinfo(CODESET));
		return -1;
	}
	if (term == NULL || term[0] == '\0') {
		causes_add(cs, "%s", _("TERM is not set; set it to your "
		    "terminal's type, e.g. TERM=xterm-256color"));
		return -1;
	}
	return 0;
}

/* Checks the terminal curses has started on (scr; NULL: it could not, as
 * terminfo does not know TERM): it must move the cursor. Returns -1 with a
 * cause saying what to do instead. Reading the description once, here,
 * instead of once to check and once to start, saves a tenth of the time
 * to the first screen. */
int
ui_term_usable(const void *scr, struct causes *cs)
{
	const char	*term = getenv("TERM");
	const char	*cup;
	char		*shown;

	if (scr != NULL) {
		cup = tigetstr("cup");
		if (cup != NULL && cup != (char *) -1)
			return 0;
	}
	shown = text_clean_str(term != NULL ? term : "");
	if (scr == NULL)
		causes_add(cs, _("unknown terminal type '%s'; set TERM to one "
		    "that terminfo knows, e.g. xterm-256color"), shown);
	else
		causes_add(cs, _("terminal type '%s' cannot move the cursor; "
		    "use --dump or --list, or a full-screen terminal"), shown);
	free(shown);
	return -1;
}

