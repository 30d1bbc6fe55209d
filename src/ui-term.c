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

/* Checks, before anything is drawn, that this is a terminal reader can
 * use: a tty, a UTF-8 locale, a known TERM that can move the cursor.
 * Returns -1 with a cause saying what to do instead. */
int
ui_check_terminal(struct causes *cs)
{
	const char	*term = getenv("TERM");
	char		*cup;
	int		 err = 0;

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
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		char *shown = text_clean_str(term);
		causes_add(cs, _("unknown terminal type '%s'; set TERM to one "
		    "that terminfo knows, e.g. xterm-256color"), shown);
		free(shown);
		return -1;
	}
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *) -1) {
		char *shown = text_clean_str(term);
		causes_add(cs, _("terminal type '%s' cannot move the cursor; "
		    "use --dump or --list, or a full-screen terminal"), shown);
		free(shown);
		del_curterm(cur_term);
		return -1;
	}
	del_curterm(cur_term);
	return 0;
}

