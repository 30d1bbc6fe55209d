/* What the user can set (from reader.ini and the command line), with
 * the built-in defaults. Filled in by conf.c; read everywhere else. */
#ifndef READER_SETTINGS_H
#define READER_SETTINGS_H

#include "system.h"

enum split { SPLIT_AUTO, SPLIT_VERTICAL, SPLIT_HORIZONTAL };
enum sort_key { SORT_DATE, SORT_TITLE, SORT_PATH };
/* Auto: shown, but for one article read on its own (as in less). */
enum status_line { STATUS_AUTO, STATUS_SHOWN, STATUS_HIDDEN };

struct settings {
	/* [general] */
	char		**library;		/* NULL-terminated, or NULL */
	enum sort_key	  sort;
	bool		  sort_ascending;
	bool		  mark_read_on_open;
	bool		  mouse;
	bool		  restore_position;
	bool		  osc52;		/* copy through the terminal */
	/* [layout] */
	enum split	  split;
	int		  list_size;		/* columns or rows; 0: use pct */
	int		  list_pct;		/* percent of the screen */
	bool		  show_related;
	enum status_line  status_line;
	/* [display] */
	int		  ambiguous_width;
	int		  text_width;		/* 0: the pane's width */
	char		 *date_format;		/* strftime(3) */
	char		 *unread_mark;
};

void	settings_defaults(struct settings *);
void	settings_free(struct settings *);

#endif
