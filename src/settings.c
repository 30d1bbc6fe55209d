/* The option table, and each option's value read, checked and written. */
#include "system.h"

#include <ctype.h>
#include <stddef.h>
#include <strings.h>
#include <time.h>

#include "settings.h"
#include "text.h"
#include "xmalloc.h"

#define BOOL_WORDS	"true, false, yes, no, on, off, 1, 0"

#define AT(field)	offsetof(struct settings, field)

/* Every option, in the order reader.ini shows them. */
const struct settings_option settings_options[] = {
	{ "general", "library", SET_PATHS, AT(library), 0, "", 0, 0, NULL,
	  N_("Files and directories to open when no PATH is given, separated "
	  "by commas; ~ stands for your home directory. Empty: the bundled "
	  "samples.") },
	{ "general", "sort", SET_SORT, AT(sort), AT(sort_ascending),
	  "date descending", 0, 0, NULL,
	  N_("Order of the list: date, title or path, then ascending or "
	  "descending.") },
	{ "general", "mark_read_on_open", SET_BOOL, AT(mark_read_on_open), 0,
	  "true", 0, 0, NULL,
	  N_("Mark an article read when it is opened.") },
	{ "general", "mouse", SET_BOOL, AT(mouse), 0, "true", 0, 0, NULL,
	  N_("Use the mouse: the wheel scrolls, a click selects.") },
	{ "general", "restore_position", SET_BOOL, AT(restore_position), 0,
	  "true", 0, 0, NULL,
	  N_("Open an article where you left it.") },
	{ "general", "osc52", SET_BOOL, AT(osc52), 0, "false", 0, 0, NULL,
	  N_("Let y copy the title and URL to the clipboard through the "
	  "terminal (OSC 52); works over SSH.") },
	{ "general", "auto_reload", SET_BOOL, AT(auto_reload), 0, "true", 0, 0,
	  NULL,
	  N_("Read the library again when files in its directories are "
	  "added, removed or written (looked at every few seconds while "
	  "keys rest).") },
	{ "general", "search_variants", SET_BOOL, AT(search_variants), 0,
	  "false", 0, 0, NULL,
	  N_("Let a search find traditional and simplified Chinese alike "
	  "(with OpenCC); the search index is made again when this "
	  "changes.") },
	{ "layout", "split", SET_CHOICE, AT(split), 0, "auto", 0, 0,
	  "auto|vertical|horizontal",
	  N_("Panes side by side (vertical), one above the other "
	  "(horizontal), or side by side from 100 columns up (auto).") },
	{ "layout", "list_size", SET_LIST_SIZE, AT(list_size), AT(list_pct),
	  "33%", 3, 1000, NULL,
	  N_("Size of the list pane: columns (side by side) or rows (one "
	  "above the other), or a percentage such as 33%.") },
	{ "layout", "show_related", SET_BOOL, AT(show_related), 0, "true",
	  0, 0, NULL,
	  N_("Show the related items at the end of an article.") },
	/* Any boolean word also says true or false. */
	{ "layout", "status_line", SET_CHOICE, AT(status_line), 0, "auto",
	  0, 0, "auto|true|false",
	  N_("Show the status line (position, unread count, messages): "
	  "true, false, or auto: shown, but for one article read on its own, "
	  "where the last row is text and the title line shows the position, "
	  "as in less.") },
	/* auto, 1, 2: the index is the width, 0 for auto. */
	{ "display", "ambiguous_width", SET_CHOICE, AT(ambiguous_width), 0,
	  "auto", 0, 0, "auto|1|2",
	  N_("Columns taken by East Asian ambiguous characters such as “ ” "
	  "and …: 1, 2, or auto: as the terminal draws them, asked at "
	  "start.") },
	{ "display", "text_width", SET_INT, AT(text_width), 0, "0", 0, 1000,
	  NULL,
	  N_("Widest line of text in the reading pane, for a comfortable "
	  "measure; 0 uses the pane's width.") },
	{ "display", "date_format", SET_DATE_FORMAT, AT(date_format), 0,
	  "%Y-%m-%d", 0, 0, NULL,
	  N_("How the list shows dates, as for strftime(3).") },
	{ "display", "unread_mark", SET_MARK, AT(unread_mark), 0, "N", 1, 4,
	  NULL,
	  N_("What marks unread articles in the list (1 to 4 columns).") },
};
const size_t settings_noptions = ARRAY_SIZE(settings_options);

/* An enum field is stored through an int. */
_Static_assert(sizeof (enum split) == sizeof (int), "enum size");
_Static_assert(sizeof (enum sort_key) == sizeof (int), "enum size");
_Static_assert(sizeof (enum status_line) == sizeof (int), "enum size");

#define FIELD(s, off, type)	((type *) (void *) ((char *) (s) + (off)))
#define CFIELD(s, off, type) \
	((const type *) (const void *) ((const char *) (s) + (off)))

/* Reads a boolean word, in any case. Returns -1 if v is none. */
int
settings_parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

/* Reads a whole number from min to max: decimal only ("08" is 8), no
 * sign, no silent truncation. Returns -1 if v is none. */
int
settings_parse_int(const char *v, int min, int max, int *out)
{
	long	n = 0;
	size_t	i;

	if (v[0] == '\0' || strlen(v) > 9)
		return -1;
	for (i = 0; v[i] != '\0'; i++) {
		if (!isdigit((unsigned char) v[i]))
			return -1;
		n = n * 10 + (v[i] - '0');
	}
	if (n < min || n > max)
		return -1;
	*out = (int) n;
	return 0;
}

/* Returns the index of v among "a|b|c" (in any case), or -1. */
static int
choice_index(const char *choices, const char *v)
{
	const char	*p = choices, *bar;
	size_t		 len = strlen(v);
	int		 i = 0;

	for (;;) {
		bar = strchr(p, '|');
		if ((bar ? (size_t) (bar - p) : strlen(p)) == len &&
		    strncasecmp(p, v, len) == 0)
			return i;
		if (bar == NULL)
			return -1;
		p = bar + 1;
		i++;
	}
}

/* Returns word i of "a|b|c". Caller frees. */
static char *
choice_word(const char *choices, int i)
{
	const char	*p = choices, *bar;

	while (i-- > 0 && (bar = strchr(p, '|')) != NULL)
		p = bar + 1;
	bar = strchr(p, '|');
	return bar != NULL ? xstrndup(p, (size_t) (bar - p)) : xstrdup(p);
}

/* Expands a leading ~ to the home directory. Caller frees. */
static char *
expand_home(const char *p)
{
	const char	*home = getenv("HOME");

	if (p[0] == '~' && (p[1] == '/' || p[1] == '\0') && home != NULL)
		return xasprintf("%s%s", home, p + 1);
	return xstrdup(p);
}

/* Splits "a, b" into a NULL-terminated list, or NULL if it is empty. */
static char **
parse_paths(const char *v)
{
	char	**list = xcalloc(1, sizeof *list), *copy = xstrdup(v), *w, *save;
	size_t	  n = 0;

	for (w = strtok_r(copy, ",", &save); w != NULL;
	    w = strtok_r(NULL, ",", &save)) {
		char *t = w + strspn(w, " \t");
		size_t l = strlen(t);

		while (l > 0 && (t[l - 1] == ' ' || t[l - 1] == '\t'))
			t[--l] = '\0';
		if (l == 0)
			continue;
		list = xreallocarray(list, n + 2, sizeof *list);
		list[n++] = expand_home(t);
		list[n] = NULL;
	}
	free(copy);
	if (n == 0) {
		free(list);
		return NULL;
	}
	return list;
}

/* Reads "KEY [ORDER]" into the sort fields. */
static char *
set_sort(struct settings *s, const struct settings_option *o, const char *v)
{
	char	*copy = xstrdup(v), *dir;
	int	 k, d = -1;

	dir = strpbrk(copy, " \t");
	if (dir != NULL) {
		*dir++ = '\0';
		dir += strspn(dir, " \t");
	}
	k = choice_index("date|title|path", copy);
	if (dir != NULL && *dir != '\0' &&
	    (d = choice_index("ascending|descending", dir)) < 0)
		k = -1;
	free(copy);
	if (k < 0)
		return xasprintf("%s", _("try: date, title or path, then "
		    "ascending or descending (e.g. date descending)"));
	*FIELD(s, o->offset, int) = k;
	/* Dates newest first, titles and paths from A to Z. */
	*FIELD(s, o->aux, bool) = d >= 0 ? d == 0 : k != SORT_DATE;
	return NULL;
}

/* Reads a size in columns or rows, or a percentage. */
static char *
set_list_size(struct settings *s, const struct settings_option *o,
    const char *v)
{
	size_t	len = strlen(v);
	int	n;
	char	*num;

	if (len > 1 && v[len - 1] == '%') {
		num = xstrndup(v, len - 1);
		if (settings_parse_int(num, 10, 90, &n) == 0) {
			*FIELD(s, o->aux, int) = n;
			*FIELD(s, o->offset, int) = 0;
			free(num);
			return NULL;
		}
		free(num);
		return xasprintf("%s", _("try: a percentage from 10% to 90%"));
	}
	if (settings_parse_int(v, o->min, o->max, &n) == 0) {
		*FIELD(s, o->offset, int) = n;
		return NULL;
	}
	return xasprintf(_("try: a number of columns or rows (%d-%d) or a "
	    "percentage such as 33%%"), o->min, o->max);
}

/* Whether v is a strftime(3) format that gives 1 to 40 columns. */
static bool
good_date_format(const char *v)
{
	struct tm	tm;
	char		buf[128];
	size_t		n;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = 124;
	tm.tm_mon = 3;
	tm.tm_mday = 29;
	tm.tm_hour = 10;
	tm.tm_min = 42;
	return strlen(v) <= 64 && strchr(v, '\n') == NULL &&
	    (n = text_strftime(buf, sizeof buf, v, &tm)) != 0 &&
	    text_width(buf, n) <= 40;
}

/* Replaces the string field at off with a copy of v. */
static void
set_string(struct settings *s, size_t off, const char *v)
{
	char	**p = FIELD(s, off, char *);

	free(*p);
	*p = xstrdup(v);
}

/* Checks value v of option o and stores it in s. Returns NULL, or why
 * it is wrong ("try: ...", caller frees), leaving s as it was. */
char *
settings_set(struct settings *s, const struct settings_option *o,
    const char *v)
{
	char	*c, *t, *r;
	bool	 b;
	int	 n, w;

	switch (o->type) {
	case SET_BOOL:
		if (settings_parse_bool(v, &b) != 0)
			return xasprintf(_("try: %s"), BOOL_WORDS);
		*FIELD(s, o->offset, bool) = b;
		return NULL;
	case SET_INT:
		if (settings_parse_int(v, o->min, o->max, &n) != 0)
			return xasprintf(_("try: a whole number from %d to %d"),
			    o->min, o->max);
		*FIELD(s, o->offset, int) = n;
		return NULL;
	case SET_CHOICE:
		n = choice_index(o->choices, v);
		if (n < 0 && settings_parse_bool(v, &b) == 0)
			n = choice_index(o->choices, b ? "true" : "false");
		if (n >= 0) {
			*FIELD(s, o->offset, int) = n;
			return NULL;
		}
		c = xstrdup(o->choices);
		while ((t = strchr(c, '|')) != NULL) {
			*t = '\0';
			t = xasprintf("%s, %s", c, t + 1);
			free(c);
			c = t;
		}
		r = xasprintf(_("try: %s"), c);
		free(c);
		return r;
	case SET_PATHS:
		strv_free(*FIELD(s, o->offset, char **));
		*FIELD(s, o->offset, char **) = parse_paths(v);
		return NULL;
	case SET_SORT:
		return set_sort(s, o, v);
	case SET_LIST_SIZE:
		return set_list_size(s, o, v);
	case SET_DATE_FORMAT:
		if (!good_date_format(v))
			return xasprintf("%s", _("try: a strftime(3) format "
			    "giving at most 40 columns, e.g. %Y-%m-%d"));
		set_string(s, o->offset, v);
		return NULL;
	case SET_MARK:
		w = text_width(v, strlen(v));
		if (w < o->min || w > o->max)
			return xasprintf(_("try: 1 to %d columns of text, e.g. "
			    "N or *"), o->max);
		set_string(s, o->offset, v);
		return NULL;
	}
	return xstrdup("?");
}

/* Returns the value of option o in s as reader.ini writes it. Caller
 * frees. */
char *
settings_value(const struct settings *s, const struct settings_option *o)
{
	char	*r, *t;
	char *const *list;
	size_t	 i;

	switch (o->type) {
	case SET_BOOL:
		return xstrdup(*CFIELD(s, o->offset, bool) ? "true" : "false");
	case SET_INT:
		return xasprintf("%d", *CFIELD(s, o->offset, int));
	case SET_CHOICE:
		return choice_word(o->choices, *CFIELD(s, o->offset, int));
	case SET_PATHS:
		r = xstrdup("");
		list = *(char *const *const *) (const void *)
		    ((const char *) s + o->offset);
		for (i = 0; list != NULL && list[i] != NULL; i++) {
			t = xasprintf("%s%s%s", r, i ? ", " : "", list[i]);
			free(r);
			r = t;
		}
		return r;
	case SET_SORT:
		t = choice_word("date|title|path", *CFIELD(s, o->offset, int));
		r = xasprintf("%s %s", t, *CFIELD(s, o->aux, bool) ?
		    "ascending" : "descending");
		free(t);
		return r;
	case SET_LIST_SIZE:
		if (*CFIELD(s, o->offset, int) > 0)
			return xasprintf("%d", *CFIELD(s, o->offset, int));
		return xasprintf("%d%%", *CFIELD(s, o->aux, int));
	case SET_DATE_FORMAT:
	case SET_MARK:
		return xstrdup(*CFIELD(s, o->offset, char *));
	}
	return xstrdup("");
}

/* Returns the option section.key, or NULL. */
const struct settings_option *
settings_find(const char *section, const char *key)
{
	size_t	i;

	for (i = 0; i < settings_noptions; i++)
		if (strcmp(settings_options[i].section, section) == 0 &&
		    strcmp(settings_options[i].key, key) == 0)
			return &settings_options[i];
	return NULL;
}

/* Fills s with the defaults of the table (what an empty reader.ini
 * means). */
void
settings_defaults(struct settings *s)
{
	size_t	 i;
	char	*why;

	memset(s, 0, sizeof *s);
	for (i = 0; i < settings_noptions; i++)
		if ((why = settings_set(s, &settings_options[i],
		    settings_options[i].def)) != NULL)
			abort();	/* a wrong row in the table */
}

/* Frees what the settings own. */
void
settings_free(struct settings *s)
{
	size_t	i;

	for (i = 0; i < settings_noptions; i++) {
		const struct settings_option *o = &settings_options[i];

		if (o->type == SET_PATHS)
			strv_free(*FIELD(s, o->offset, char **));
		else if (o->type == SET_DATE_FORMAT || o->type == SET_MARK)
			free(*FIELD(s, o->offset, char *));
	}
	memset(s, 0, sizeof *s);
}
