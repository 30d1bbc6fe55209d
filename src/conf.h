/* reader.ini: finding it, checking it, and turning it into settings, key
 * bindings and colours.
 *
 * iniparser does the parsing. Because Debian 12's iniparser (4.1) rejects
 * a whole file for one long line, a NUL or a BOM, blocks on a FIFO, crashes
 * on a section name with ':' and keeps only the last of duplicate keys,
 * the file is checked line by line first: that check also gives every
 * error its line number, and iniparser is given only the lines it can
 * take, so that one bad line does not hide the mistakes of the others.
 * Every value is checked here (options through settings_set), not by
 * iniparser's getters, and every problem is collected and reported in
 * line order.
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

char	*conf_default_path(void);
int	 conf_load(const char *, struct settings *, struct keymap *,
	     struct theme *, struct causes *);
void	 conf_dump(FILE *, const struct settings *, const struct keymap *,
	     const struct theme *);
int	 conf_parse_style(const char *, struct style *, char **);
int	 conf_parse_color(const char *, int32_t *);

#endif
