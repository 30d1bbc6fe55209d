/* reader.ini: finding it, checking it, and turning it into settings, key
 * bindings and colours.
 *
 * iniparser does the parsing. Because Debian 12's iniparser (4.1) rejects
 * a whole file for one long line, a NUL or a BOM, blocks on a FIFO, crashes
 * on a section name with ':' and keeps only the last of duplicate keys,
 * the file is checked line by line first: that check also gives every
 * error its line number. Every value is checked here, not by iniparser's
 * getters, and every error is collected so they can be shown together.
 */
#ifndef READER_CONF_H
#define READER_CONF_H

#include <stdio.h>

#include "error.h"
#include "keymap.h"
#include "settings.h"
#include "theme.h"

/* Limits checked before iniparser sees the file. */
#define CONF_MAX_BYTES	(1L << 20)
#define CONF_MAX_LINE	1000

/* The kinds of value an option takes. */
enum conf_type {
	CONF_BOOL,
	CONF_INT,
	CONF_CHOICE,
	CONF_STRING,
	CONF_PATHS,
	CONF_SORT,
	CONF_LIST_SIZE,
	CONF_DATE_FORMAT,
	CONF_MARK
};

/* One row of the option table: everything about an option in one place,
 * used for checking, for --dump-config and for the manual. */
struct conf_option {
	const char	*section;
	const char	*key;
	enum conf_type	 type;
	int		 min, max;
	const char	*choices;	/* "a|b|c" for CONF_CHOICE */
	const char	*help;		/* N_() text */
};

extern const struct conf_option conf_options[];
extern const size_t conf_noptions;

char	*conf_default_path(void);
int	 conf_load(const char *, struct settings *, struct keymap *,
	     struct theme *, struct causes *);
void	 conf_dump(FILE *, const struct settings *, const struct keymap *,
	     const struct theme *);
int	 conf_parse_style(const char *, struct style *, char **);
int	 conf_parse_color(const char *, int32_t *);

#endif
