/* What the user can set (from reader.ini and the command line), and the
 * one table that describes it.
 *
 * Each option is one row of settings_options: its section and key, its
 * type, its default (written as in reader.ini), its limits or choices,
 * where in struct settings its value is kept, and its help. Defaults,
 * checking, --dump-config, the shipped reader.ini and the manual's list
 * all come from that table; adding a boolean option is one row plus the
 * code that reads the field. conf.c reads the file; this module turns
 * one value into a field and back.
 *
 * A struct settings owns its strings and its library list;
 * settings_free() frees them.
 */
#ifndef READER_SETTINGS_H
#define READER_SETTINGS_H

#include <stddef.h>

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
	bool		  auto_reload;
	bool		  restore_position;
	bool		  osc52;		/* copy through the terminal */
	bool		  search_variants;	/* 國 finds 国 */
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

/* The kinds of value an option takes, and the field each one fills. */
enum settings_type {
	SET_BOOL,		/* bool */
	SET_INT,		/* int, from min to max */
	SET_CHOICE,		/* an enum: the index of one of choices */
	SET_PATHS,		/* char **, comma-separated, ~ expanded */
	SET_SORT,		/* enum sort_key, and the bool at aux */
	SET_LIST_SIZE,		/* int from min to max, or percent at aux */
	SET_DATE_FORMAT,	/* char *, a strftime(3) format */
	SET_MARK		/* char *, from min to max columns */
};

struct settings_option {
	const char		*section;
	const char		*key;
	enum settings_type	 type;
	size_t			 offset;	/* of the field */
	size_t			 aux;		/* of a second field, or 0 */
	const char		*def;		/* as written in reader.ini */
	int			 min, max;
	const char		*choices;	/* "a|b|c" for SET_CHOICE */
	const char		*help;		/* N_() text */
};

extern const struct settings_option settings_options[];
extern const size_t settings_noptions;

void	 settings_defaults(struct settings *);
void	 settings_free(struct settings *);
const struct settings_option *settings_find(const char *, const char *);
char	*settings_set(struct settings *, const struct settings_option *,
	     const char *);
char	*settings_value(const struct settings *,
	     const struct settings_option *);

int	 settings_parse_bool(const char *, bool *);
int	 settings_parse_int(const char *, int, int, int *);

#endif
