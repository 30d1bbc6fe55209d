/* Loading and checking reader.ini. */
#include "system.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <iniparser.h>

#include "action.h"
#include "conf.h"
#include "fileutil.h"
#include "layout.h"
#include "text.h"
#include "xmalloc.h"

#define BOOL_WORDS	"true, false, yes, no, on, off, 1, 0"
/* Stands for a section whose header was wrong. */
#define BAD_SECTION	"\001"

/* The option table. [colors] and [keys] take one key per element and
 * per action; they are described by theme_elem_names and action_table. */
const struct conf_option conf_options[] = {
	{ "general", "library", CONF_PATHS, 0, 0, NULL,
	  N_("Files and directories to open when no PATH is given, separated "
	  "by commas; ~ stands for your home directory. Empty: the bundled "
	  "samples.") },
	{ "general", "sort", CONF_SORT, 0, 0, NULL,
	  N_("Order of the list: date, title or path, then ascending or "
	  "descending.") },
	{ "general", "mark_read_on_open", CONF_BOOL, 0, 0, NULL,
	  N_("Mark an article read when it is opened.") },
	{ "general", "mouse", CONF_BOOL, 0, 0, NULL,
	  N_("Use the mouse: the wheel scrolls, a click selects.") },
	{ "general", "restore_position", CONF_BOOL, 0, 0, NULL,
	  N_("Open an article where you left it.") },
	{ "general", "osc52", CONF_BOOL, 0, 0, NULL,
	  N_("Let y copy the title and URL to the clipboard through the "
	  "terminal (OSC 52); works over SSH.") },
	{ "layout", "split", CONF_CHOICE, 0, 0, "auto|vertical|horizontal",
	  N_("Panes side by side (vertical), one above the other "
	  "(horizontal), or side by side from 100 columns up (auto).") },
	{ "layout", "list_size", CONF_LIST_SIZE, 3, 1000, NULL,
	  N_("Size of the list pane: columns (side by side) or rows (one "
	  "above the other), or a percentage such as 33%.") },
	{ "layout", "show_related", CONF_BOOL, 0, 0, NULL,
	  N_("Show the related items at the end of an article.") },
	{ "layout", "status_line", CONF_CHOICE, 0, 0, "auto|true|false",
	  N_("Show the status line (position, unread count, messages): "
	  "true, false, or auto: shown, but for one article read on its own, "
	  "where the last row is text and the title line shows the position, "
	  "as in less.") },
	{ "display", "ambiguous_width", CONF_INT, 1, 2, NULL,
	  N_("Columns taken by East Asian ambiguous characters such as “ ” "
	  "and …: 1 or 2.") },
	{ "display", "text_width", CONF_INT, 0, 1000, NULL,
	  N_("Widest line of text in the reading pane, for a comfortable "
	  "measure; 0 uses the pane's width.") },
	{ "display", "date_format", CONF_DATE_FORMAT, 0, 0, NULL,
	  N_("How the list shows dates, as for strftime(3).") },
	{ "display", "unread_mark", CONF_MARK, 1, 4, NULL,
	  N_("What marks unread articles in the list (1 to 4 columns).") },
};
const size_t conf_noptions = ARRAY_SIZE(conf_options);

static const char *const sections[] = {
	"general", "layout", "display", "colors", "keys"
};

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

static const char *const attr_names[] = {
	"bold", "dim", "underline", "reverse", "italic", "blink"
};

/* What the line-by-line check learned about one key line. */
struct keyline {
	char	*section;
	char	*key;
	char	*raw;		/* the value as written, trimmed */
	int	 line;
};

struct scan {
	const char	*shown;		/* the file's name in messages */
	struct causes	*cs;
	struct keyline	*keys;
	size_t		 nkeys;
	bool		 bom;
};

static bool	known_section(const char *);

/* Where iniparser's own messages go while a file is loaded. */
static struct scan	*current_scan;

/* Returns where reader.ini is looked for by default. Caller frees. */
char *
conf_default_path(void)
{
	const char	*x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/reader/reader.ini", x);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.config/reader/reader.ini", home);
	return NULL;
}

/* The file's name as messages show it: clean, with ~ for the home. */
static char *
shown_path(const char *path)
{
	const char	*home = getenv("HOME");
	size_t		 hl = home != NULL ? strlen(home) : 0;
	char		*raw, *clean;

	if (hl > 1 && strncmp(path, home, hl) == 0 && path[hl] == '/')
		raw = xasprintf("~%s", path + hl);
	else
		raw = xstrdup(path);
	clean = text_clean_str(raw);
	free(raw);
	return clean;
}

static void ATTR_PRINTF(3, 4)
line_error(struct scan *sc, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (line > 0)
		causes_add(sc->cs, "%s:%d: %s", sc->shown, line, msg ? msg :
		    "?");
	else
		causes_add(sc->cs, "%s: %s", sc->shown, msg ? msg : "?");
	free(msg);
}

static void ATTR_PRINTF(3, 4)
key_error(struct scan *sc, const struct keyline *k, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	causes_add(sc->cs, "%s:%d: [%s] %s: %s", sc->shown, k->line,
	    k->section, k->key, msg ? msg : "?");
	free(msg);
}

/* Levenshtein distance, for "did you mean". */
static size_t
distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, d[64], prev, tmp;

	if (lb >= ARRAY_SIZE(d) || la >= 64)
		return 99;
	for (j = 0; j <= lb; j++)
		d[j] = j;
	for (i = 1; i <= la; i++) {
		prev = d[0];
		d[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = d[j];
			d[j] = a[i - 1] == b[j - 1] ? prev : 1 + (prev < d[j] ?
			    (prev < d[j - 1] ? prev : d[j - 1]) :
			    (d[j] < d[j - 1] ? d[j] : d[j - 1]));
			prev = tmp;
		}
	}
	return d[lb];
}

/* The closest of names to word, if close enough to be a typo. */
static const char *
closest(const char *word, const char *const *names, size_t n)
{
	const char	*best = NULL;
	size_t		 i, d, bd = 3;

	for (i = 0; i < n; i++) {
		if (names[i] == NULL)
			continue;
		d = distance(word, names[i]);
		if (d < bd) {
			bd = d;
			best = names[i];
		}
	}
	return best;
}

/* ---- The line-by-line check. ---- */

static char *
lower_trim(const char *s, size_t n)
{
	char	*r;
	size_t	 i;

	while (n > 0 && isspace((unsigned char) *s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char) s[n - 1]))
		n--;
	r = xstrndup(s, n);
	for (i = 0; i < n; i++)
		r[i] = (char) tolower((unsigned char) r[i]);
	return r;
}

static void
check_bytes(struct scan *sc, const char *s, size_t n, int line)
{
	size_t		bad, i;

	if (memchr(s, '\0', n) != NULL) {
		line_error(sc, line, "%s", _("contains a NUL byte"));
		return;
	}
	if (!text_valid_utf8(s, n, &bad)) {
		line_error(sc, line, _("is not valid UTF-8 (byte %zu); save "
		    "the file as UTF-8"), bad + 1);
		return;
	}
	for (i = 0; i < n; i++)
		if (((unsigned char) s[i] < 0x20 && s[i] != '\t' &&
		    s[i] != '\r') || s[i] == 0x7F) {
			line_error(sc, line, _("contains a control character "
			    "(byte 0x%02X)"), (unsigned char) s[i]);
			return;
		}
}

static void
add_keyline(struct scan *sc, const char *section, char *key, char *raw,
    int line)
{
	size_t	i;

	for (i = 0; i < sc->nkeys; i++)
		if (strcmp(sc->keys[i].section, section) == 0 &&
		    strcmp(sc->keys[i].key, key) == 0) {
			char *shown = text_clean_str(key);
			line_error(sc, line, _("[%s] %s: set twice (first on "
			    "line %d); keep one"), section, shown,
			    sc->keys[i].line);
			free(shown);
			free(key);
			free(raw);
			return;
		}
	sc->keys = xreallocarray(sc->keys, sc->nkeys + 1, sizeof *sc->keys);
	sc->keys[sc->nkeys].section = xstrdup(section);
	sc->keys[sc->nkeys].key = key;
	sc->keys[sc->nkeys].raw = raw;
	sc->keys[sc->nkeys].line = line;
	sc->nkeys++;
}

/* Reads one line's shape the way iniparser will: blank, comment,
 * [section] or key = value. */
static void
scan_line(struct scan *sc, const char *s, size_t n, int line, char **section)
{
	const char	*eq;
	char		*name;

	while (n > 0 && isspace((unsigned char) *s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char) s[n - 1]))
		n--;
	if (n == 0 || s[0] == ';' || s[0] == '#')
		return;
	if (s[0] == '[' && s[n - 1] == ']') {
		name = lower_trim(s + 1, n - 2);
		if (strchr(name, ':') != NULL || name[0] == '\0') {
			line_error(sc, line, "%s", _("a section name may not be "
			    "empty or contain ':'"));
			free(name);
			/* Its keys are not reported again. */
			name = xstrdup(BAD_SECTION);
		}
		if (strcmp(name, BAD_SECTION) != 0 && !known_section(name)) {
			const char *near = closest(name, sections,
			    ARRAY_SIZE(sections));
			char *shown = text_clean_str(name);

			if (near != NULL)
				line_error(sc, line, _("unknown section [%s] "
				    "(did you mean [%s]?)"), shown, near);
			else
				line_error(sc, line, _("unknown section [%s] "
				    "(try: general, layout, display, colors, "
				    "keys)"), shown);
			free(shown);
		}
		free(*section);
		*section = name;
		return;
	}
	if ((eq = memchr(s, '=', n)) == NULL) {
		line_error(sc, line, "%s", _("expected 'key = value' or "
		    "'[section]'"));
		return;
	}
	name = lower_trim(s, (size_t) (eq - s));
	if (name[0] == '\0') {
		line_error(sc, line, "%s", _("a key name is missing before "
		    "'='"));
		free(name);
	} else if (*section != NULL && strcmp(*section, BAD_SECTION) == 0)
		free(name);
	else if (*section == NULL) {
		line_error(sc, line, "%s", _("a key outside any [section]"));
		free(name);
	} else {
		const char *v = eq + 1;
		size_t vl = n - (size_t) (v - s);

		while (vl > 0 && isspace((unsigned char) *v)) {
			v++;
			vl--;
		}
		add_keyline(sc, *section, name, xstrndup(v, vl), line);
	}
}

/* Checks a whole file line by line. Returns the number of errors. */
static size_t
scan_text(struct scan *sc, const char *s, size_t n)
{
	size_t	 before = sc->cs->nerrors, i = 0, e, len;
	char	*section = NULL;
	int	 line = 0;
	bool	 cont = false;

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		sc->bom = true;
		i = 3;
	}
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);

		e = nl != NULL ? (size_t) (nl - s) : n;
		len = e - i;
		line++;
		if (len > CONF_MAX_LINE)
			line_error(sc, line, _("line too long (%zu bytes; at "
			    "most %d)"), len, CONF_MAX_LINE);
		else {
			check_bytes(sc, s + i, len, line);
			if (!cont)
				scan_line(sc, s + i, len, line, &section);
			while (len > 0 && isspace((unsigned char) s[i + len - 1]))
				len--;
			cont = len > 0 && s[i + len - 1] == '\\';
		}
		i = e + 1;
	}
	free(section);
	return sc->cs->nerrors - before;
}

/* Reads the file, refusing anything that is not a small regular file:
 * a FIFO or a device would block iniparser or never end. */
static char *
read_conf(struct scan *sc, const char *path, size_t *len)
{
	enum slurp_refusal	 why;
	char			*buf;

	if ((buf = file_slurp(path, CONF_MAX_BYTES, len, &why)) != NULL)
		return buf;
	if (why == SLURP_NOT_REGULAR)
		line_error(sc, 0, "%s", _("not a regular file"));
	else if (why == SLURP_TOO_LARGE)
		line_error(sc, 0, "%s", _("larger than 1 MiB; not a "
		    "configuration file"));
	else
		line_error(sc, 0, "%s", strerror(errno));
	return NULL;
}

/* ---- Values. ---- */

static int
parse_bool(const char *v, bool *out)
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

/* Decimal only ("08" is 8), no sign tricks, no silent truncation. */
static int
parse_int(const char *v, int min, int max, int *out)
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

/* Parses a colour: a name (bright forms too), default, 0-255 or #rrggbb.
 * Returns -1 if it is none of those. */
int
conf_parse_color(const char *w, int32_t *out)
{
	size_t		i;
	unsigned	rgb;
	int		n;

	if (strcasecmp(w, "default") == 0) {
		*out = THEME_DEFAULT_COLOR;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(color_names); i++) {
		if (strcasecmp(w, color_names[i]) == 0) {
			*out = (int32_t) i;
			return 0;
		}
		if (strncasecmp(w, "bright", 6) == 0 &&
		    strcasecmp(w + 6 + (w[6] == '_' || w[6] == '-'),
		    color_names[i]) == 0) {
			*out = (int32_t) i + 8;
			return 0;
		}
	}
	if (w[0] == '#' && strlen(w) == 7 && strspn(w + 1,
	    "0123456789abcdefABCDEF") == 6 && sscanf(w + 1, "%x", &rgb) == 1) {
		*out = (int32_t) (THEME_RGB | rgb);
		return 0;
	}
	if (parse_int(w, 0, 255, &n) == 0) {
		*out = n;
		return 0;
	}
	return -1;
}

static int
parse_attr(const char *w, uint16_t *attr)
{
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(attr_names); i++)
		if (strcasecmp(w, attr_names[i]) == 0) {
			*attr |= (uint16_t) (1u << i);
			return 0;
		}
	return -1;
}

/* Explains a word of a style that is neither a colour nor an attribute.
 * Caller frees. */
static char *
bad_style_word(const char *w, bool as_color)
{
	const char	*near = closest(w, color_names, ARRAY_SIZE(color_names));
	char		*shown = text_clean_str(w), *msg;

	if (!as_color)
		msg = xasprintf(_("unknown attribute '%s' (try: bold, dim, "
		    "underline, reverse, italic, blink)"), shown);
	else if (near != NULL)
		msg = xasprintf(_("unknown colour '%s' (try: %s, 0-255, "
		    "#rrggbb)"), shown, near);
	else
		msg = xasprintf(_("unknown colour '%s' (try: a name such as "
		    "red or brightred, 0-255, #rrggbb, default)"), shown);
	free(shown);
	return msg;
}

/* Parses "FG [BG] [ATTR...]". On error returns -1 and a message in *why
 * (caller frees). */
int
conf_parse_style(const char *v, struct style *s, char **why)
{
	char	*copy = xstrdup(v), *w, *save;
	int	 k = 0;
	int32_t	 c;

	s->fg = s->bg = THEME_DEFAULT_COLOR;
	s->attr = 0;
	for (w = strtok_r(copy, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save), k++) {
		if (k < 2 && conf_parse_color(w, &c) == 0) {
			if (k == 0)
				s->fg = c;
			else
				s->bg = c;
			continue;
		}
		if (parse_attr(w, &s->attr) == 0) {
			k = 2;
			continue;
		}
		*why = bad_style_word(w, k < 2);
		free(copy);
		return -1;
	}
	free(copy);
	if (k == 0) {
		*why = xstrdup(_("no colour given (try: FG [BG] [ATTR...], "
		    "e.g. yellow black bold)"));
		return -1;
	}
	s->mono = s->attr;
	return 0;
}

/* ---- Options. ---- */

static const struct conf_option *
find_option(const char *section, const char *key)
{
	size_t	i;

	for (i = 0; i < conf_noptions; i++)
		if (strcmp(conf_options[i].section, section) == 0 &&
		    strcmp(conf_options[i].key, key) == 0)
			return &conf_options[i];
	return NULL;
}

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

static char *
expand_home(const char *p)
{
	const char	*home = getenv("HOME");

	if (p[0] == '~' && (p[1] == '/' || p[1] == '\0') && home != NULL)
		return xasprintf("%s%s", home, p + 1);
	return xstrdup(p);
}

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

static char *
check_sort(const char *v, struct settings *set)
{
	char	*copy = lower_trim(v, strlen(v)), *dir;
	int	 k;

	dir = strpbrk(copy, " \t");
	if (dir != NULL) {
		*dir++ = '\0';
		dir += strspn(dir, " \t");
	}
	k = choice_index("date|title|path", copy);
	if (k < 0 || (dir != NULL && *dir != '\0' && choice_index(
	    "ascending|descending", dir) < 0)) {
		free(copy);
		return xasprintf("%s", _("try: date, title or path, then "
		    "ascending or descending (e.g. date descending)"));
	}
	set->sort = (enum sort_key) k;
	set->sort_ascending = dir != NULL && *dir != '\0' ?
	    choice_index("ascending|descending", dir) == 0 : k != SORT_DATE;
	free(copy);
	return NULL;
}

static char *
check_list_size(const char *v, const struct conf_option *o,
    struct settings *set)
{
	size_t	len = strlen(v);
	int	n;
	char	*num;

	if (len > 1 && v[len - 1] == '%') {
		num = xstrndup(v, len - 1);
		if (parse_int(num, 10, 90, &n) == 0) {
			set->list_pct = n;
			set->list_size = 0;
			free(num);
			return NULL;
		}
		free(num);
		return xasprintf("%s", _("try: a percentage from 10% to 90%"));
	}
	if (parse_int(v, o->min, o->max, &n) == 0) {
		set->list_size = n;
		return NULL;
	}
	return xasprintf(_("try: a number of columns or rows (%d-%d) or a "
	    "percentage such as 33%%"), o->min, o->max);
}

static char *
check_date_format(const char *v, struct settings *set)
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
	if (strlen(v) > 64 || (n = text_strftime(buf, sizeof buf, v, &tm)) == 0 ||
	    text_width(buf, n) > 40 || strpbrk(v, "\n") != NULL)
		return xasprintf("%s", _("try: a strftime(3) format giving "
		    "at most 40 columns, e.g. %Y-%m-%d"));
	free(set->date_format);
	set->date_format = xstrdup(v);
	return NULL;
}

static char *
check_mark(const char *v, const struct conf_option *o, struct settings *set)
{
	int	w = text_width(v, strlen(v));

	if (w < o->min || w > o->max)
		return xasprintf(_("try: 1 to %d columns of text, e.g. N or "
		    "*"), o->max);
	free(set->unread_mark);
	set->unread_mark = xstrdup(v);
	return NULL;
}

static void
store_bool(struct settings *set, const char *key, bool b)
{
	if (strcmp(key, "mark_read_on_open") == 0)
		set->mark_read_on_open = b;
	else if (strcmp(key, "mouse") == 0)
		set->mouse = b;
	else if (strcmp(key, "restore_position") == 0)
		set->restore_position = b;
	else if (strcmp(key, "osc52") == 0)
		set->osc52 = b;
	else if (strcmp(key, "show_related") == 0)
		set->show_related = b;
}

/* Checks value v of option o and stores it. Returns NULL, or why it is
 * wrong (caller frees). */
static char *
apply_option(const struct conf_option *o, const char *v,
    struct settings *set)
{
	bool	b;
	int	n;
	size_t	i;

	switch (o->type) {
	case CONF_BOOL:
		if (parse_bool(v, &b) != 0)
			return xasprintf(_("try: %s"), BOOL_WORDS);
		store_bool(set, o->key, b);
		return NULL;
	case CONF_INT:
		if (parse_int(v, o->min, o->max, &n) != 0)
			return xasprintf(_("try: a whole number from %d to %d"),
			    o->min, o->max);
		if (strcmp(o->key, "ambiguous_width") == 0)
			set->ambiguous_width = n;
		else
			set->text_width = n;
		return NULL;
	case CONF_CHOICE:
		n = choice_index(o->choices, v);
		/* Any way of saying yes or no shows or hides it too. */
		if (n < 0 && strcmp(o->key, "status_line") == 0 &&
		    parse_bool(v, &b) == 0)
			n = b ? STATUS_SHOWN : STATUS_HIDDEN;
		if (n < 0) {
			char *c = xstrdup(o->choices), *r;
			char *t;
			while ((t = strchr(c, '|')) != NULL) {
				*t = '\0';
				t = xasprintf("%s, %s", c, t + 1);
				free(c);
				c = t;
			}
			r = xasprintf(_("try: %s"), c);
			free(c);
			return r;
		}
		if (strcmp(o->key, "status_line") == 0)
			set->status_line = (enum status_line) n;
		else
			set->split = (enum split) n;
		return NULL;
	case CONF_PATHS:
		for (i = 0; set->library != NULL && set->library[i]; i++)
			free(set->library[i]);
		free(set->library);
		set->library = parse_paths(v);
		return NULL;
	case CONF_SORT:
		return check_sort(v, set);
	case CONF_LIST_SIZE:
		return check_list_size(v, o, set);
	case CONF_DATE_FORMAT:
		return check_date_format(v, set);
	case CONF_MARK:
		return check_mark(v, o, set);
	case CONF_STRING:
		break;
	}
	return NULL;
}

static void
unknown_key(struct scan *sc, const struct keyline *k)
{
	const char	*names[64];
	size_t		 n = 0, i;
	char		*list = xstrdup(""), *t;
	const char	*near;

	if (strcmp(k->section, "colors") == 0)
		for (i = 0; i < ELEM_COUNT && n < ARRAY_SIZE(names); i++)
			names[n++] = theme_elem_names[i];
	else if (strcmp(k->section, "keys") == 0)
		for (i = 1; i < ACT_COUNT && n < ARRAY_SIZE(names); i++)
			names[n++] = action_table[i].name;
	else
		for (i = 0; i < conf_noptions && n < ARRAY_SIZE(names); i++)
			if (strcmp(conf_options[i].section, k->section) == 0)
				names[n++] = conf_options[i].key;
	near = closest(k->key, names, n);
	if (near != NULL) {
		/* TRANSLATORS: "key" is a name on the left of '=' in
		   reader.ini; %s is another such name. */
		key_error(sc, k, _("unknown key (did you mean %s?)"), near);
		free(list);
		return;
	}
	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%s", list, i ? ", " : "", names[i]);
		free(list);
		list = t;
	}
	/* TRANSLATORS: "key" is a name in reader.ini; %s lists the names
	   that are known, separated by ", ". */
	key_error(sc, k, _("unknown key (try: %s)"), list);
	free(list);
}

/* A [keys] entry, kept until every entry has been read. */
struct pending {
	enum action		 action;
	const char		*value;
	const struct keyline	*k;
};

/* Binds one key of a [keys] entry. Returns -1 if the key table is full
 * (which has been reported). */
static int
bind_one(struct scan *sc, const struct pending *p, const char *name,
    struct keymap *km, struct binding *done, size_t *ndone)
{
	key_code	key = key_parse(name);
	char		*shown;
	size_t		 i;

	if (key == KEYC_NONE) {
		shown = text_clean_str(name);
		/* TRANSLATORS: a key of the keyboard, as written in [keys];
		   the names after "try:" stay in English. */
		key_error(sc, p->k, _("unknown key name '%s' (try: a "
		    "character, C-x, M-x, Enter, Tab, S-Tab, Backspace, Space, "
		    "Esc, Up, Down, Left, Right, PageUp, PageDown, Home, End, "
		    "Insert, Delete, F1-F12, or none)"), shown);
		free(shown);
		return 0;
	}
	for (i = 0; i < *ndone; i++)
		if (done[i].key == key && done[i].action != p->action) {
			shown = text_clean_str(name);
			/* TRANSLATORS: a key of the keyboard, then two action
			   names from [keys]. */
			key_error(sc, p->k, _("key '%s' is bound to both %s and "
			    "%s"), shown, action_table[done[i].action].name,
			    action_table[p->action].name);
			free(shown);
			return 0;
		}
	if (keymap_bind(km, key, p->action) != 0) {
		shown = text_clean_str(name);
		/* TRANSLATORS: %d is a number of keys, %s a key's name. */
		key_error(sc, p->k, _("too many keys (at most %d in all); "
		    "'%s' and the keys after it are not bound"), KEYMAP_MAX,
		    shown);
		free(shown);
		return -1;
	}
	done[(*ndone)++] = (struct binding) { key, p->action };
	return 0;
}

/* Applies [keys]: each action named there gets exactly the keys given
 * (taking them from other actions' defaults); two named actions may not
 * share a key. */
static void
apply_keys(struct scan *sc, struct pending *p, size_t n, struct keymap *km)
{
	struct binding	 done[KEYMAP_MAX];
	size_t		 ndone = 0, i;
	char		*copy, *w, *save;
	bool		 full = false;

	for (i = 0; i < n; i++)
		keymap_unbind_action(km, p[i].action);
	for (i = 0; i < n && !full; i++) {
		copy = xstrdup(p[i].value);
		for (w = strtok_r(copy, ",", &save); w != NULL && !full;
		    w = strtok_r(NULL, ",", &save)) {
			char *t = w + strspn(w, " \t");
			size_t l = strlen(t);

			while (l > 1 && (t[l - 1] == ' ' || t[l - 1] == '\t'))
				t[--l] = '\0';
			if (strcasecmp(t, "none") == 0 || l == 0)
				continue;
			full = bind_one(sc, &p[i], t, km, done, &ndone) != 0;
		}
		free(copy);
	}
}

static bool
known_section(const char *name)
{
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(sections); i++)
		if (strcmp(sections[i], name) == 0)
			return true;
	return false;
}

/* Whether iniparser cut a #rrggbb colour off the value as a comment. */
static bool
hex_as_comment(const char *raw, const char *v)
{
	const char	*h = strchr(raw, '#');

	return raw[0] != '"' && raw[0] != '\'' && h != NULL &&
	    strspn(h + 1, "0123456789abcdefABCDEF") == 6 &&
	    strlen(v) <= (size_t) (h - raw);
}

static void
apply_key(struct scan *sc, const struct keyline *k, const char *v,
    struct settings *set, struct theme *th, struct pending *pend,
    size_t *npend)
{
	const struct conf_option	*o;
	struct style			 st;
	enum action			 a;
	char				*why = NULL, *shown;
	int				 e;

	if (strcmp(k->section, "colors") == 0) {
		if ((e = theme_elem_from_name(k->key)) < 0)
			unknown_key(sc, k);
		else if (hex_as_comment(k->raw, v)) {
			shown = text_clean_str(k->raw);
			key_error(sc, k, _("a #rrggbb colour starts a comment "
			    "here; put the value in quotes: \"%s\""), shown);
			free(shown);
		}
		else if (conf_parse_style(v, &st, &why) == 0)
			th->s[e] = st;
	} else if (strcmp(k->section, "keys") == 0) {
		if ((a = action_from_name(k->key)) == ACT_NONE)
			unknown_key(sc, k);
		else {
			pend[*npend].action = a;
			pend[*npend].value = v;
			pend[*npend].k = k;
			(*npend)++;
		}
	} else if ((o = find_option(k->section, k->key)) == NULL)
		unknown_key(sc, k);
	else if ((why = apply_option(o, v, set)) != NULL) {
		shown = text_clean_str(v);
		/* TRANSLATORS: the value written in reader.ini, then what
		   would be accepted ("try: ..."). */
		key_error(sc, k, _("bad value '%s' (%s)"), shown, why);
		free(shown);
		x_free(why);
	}
	if (why != NULL) {
		key_error(sc, k, "%s", why);
		free(why);
	}
}

static int
ini_error(const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *clean;

	/* iniparser's callback has no format attribute to check against. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
#pragma GCC diagnostic pop
	if (msg == NULL || current_scan == NULL)
		return 0;
	/* iniparser echoes raw lines: never let them reach the terminal. */
	clean = text_clean_str(msg);
	line_error(current_scan, 0, "%s", clean);
	free(clean);
	free(msg);
	return 0;
}

/* Hands the text to iniparser (without a BOM, which it rejects). */
static dictionary *
ini_load(struct scan *sc, const char *path, const char *buf, size_t len)
{
	dictionary	*d;
	char		 tmp[] = "/tmp/reader-ini.XXXXXX";
	int		 fd;

	current_scan = sc;
	iniparser_set_error_callback(ini_error);
	if (!sc->bom)
		d = iniparser_load(path);
	else if ((fd = mkstemp(tmp)) < 0)
		d = NULL;
	else {
		bool ok = write(fd, buf + 3, len - 3) == (ssize_t) (len - 3);
		close(fd);
		d = ok ? iniparser_load(tmp) : NULL;
		unlink(tmp);
	}
	current_scan = NULL;
	return d;
}

/* Loads path into the settings, keys and theme (which hold the defaults
 * already). Every problem is added to cs; returns -1 if there was one. */
int
conf_load(const char *path, struct settings *set, struct keymap *km,
    struct theme *th, struct causes *cs)
{
	struct scan	 sc;
	struct pending	*pend;
	dictionary	*d = NULL;
	char		*buf, *full;
	const char	*v;
	size_t		 len, i, npend = 0, before = cs->nerrors;

	memset(&sc, 0, sizeof sc);
	sc.cs = cs;
	sc.shown = shown_path(path);
	if ((buf = read_conf(&sc, path, &len)) != NULL &&
	    scan_text(&sc, buf, len) == 0 &&
	    (d = ini_load(&sc, path, buf, len)) == NULL &&
	    cs->nerrors == before)
		line_error(&sc, 0, "%s", _("could not be read"));
	pend = xcalloc(sc.nkeys + 1, sizeof *pend);
	for (i = 0; d != NULL && i < sc.nkeys; i++) {
		const struct keyline *k = &sc.keys[i];

		if (!known_section(k->section))
			continue;
		full = xasprintf("%s:%s", k->section, k->key);
		v = iniparser_getstring(d, full, NULL);
		free(full);
		if (v == NULL)
			key_error(&sc, k, "%s", _("could not be read"));
		else
			apply_key(&sc, k, v, set, th, pend, &npend);
	}
	apply_keys(&sc, pend, npend, km);
	free(pend);
	if (d != NULL)
		iniparser_freedict(d);
	for (i = 0; i < sc.nkeys; i++) {
		free(sc.keys[i].section);
		free(sc.keys[i].key);
		free(sc.keys[i].raw);
	}
	free(sc.keys);
	free(buf);
	free((char *) sc.shown);
	return cs->nerrors > before ? -1 : 0;
}

/* ---- Writing a reader.ini. ---- */

static void
color_word(int32_t c, char *buf, size_t size)
{
	if (c == THEME_DEFAULT_COLOR)
		snprintf(buf, size, "default");
	else if (c & THEME_RGB)
		snprintf(buf, size, "#%06x", (unsigned) c & 0xFFFFFF);
	else if (c < 8)
		snprintf(buf, size, "%s", color_names[c]);
	else if (c < 16)
		snprintf(buf, size, "bright%s", color_names[c - 8]);
	else
		snprintf(buf, size, "%d", c);
}

/* Writes a style as reader.ini spells it. Caller frees. */
static char *
style_string(const struct style *s)
{
	char	fg[16], bg[16], *r;
	size_t	i;

	color_word(s->fg, fg, sizeof fg);
	color_word(s->bg, bg, sizeof bg);
	r = xasprintf("%s %s", fg, bg);
	for (i = 0; i < ARRAY_SIZE(attr_names); i++)
		if (s->attr & (1u << i)) {
			char *t = xasprintf("%s %s", r, attr_names[i]);
			free(r);
			r = t;
		}
	return r;
}

static char *
option_string(const struct conf_option *o, const struct settings *s)
{
	static const char *const sorts[] = { "date", "title", "path" };
	static const char *const splits[] = { "auto", "vertical",
	    "horizontal" };
	static const char *const statuses[] = { "auto", "true", "false" };
	char	*r = xstrdup(""), *t;
	size_t	 i;

	switch (o->type) {
	case CONF_BOOL:
		free(r);
		if (strcmp(o->key, "mark_read_on_open") == 0)
			return xstrdup(s->mark_read_on_open ? "true" : "false");
		if (strcmp(o->key, "mouse") == 0)
			return xstrdup(s->mouse ? "true" : "false");
		if (strcmp(o->key, "restore_position") == 0)
			return xstrdup(s->restore_position ? "true" : "false");
		if (strcmp(o->key, "osc52") == 0)
			return xstrdup(s->osc52 ? "true" : "false");
		return xstrdup(s->show_related ? "true" : "false");
	case CONF_INT:
		free(r);
		return xasprintf("%d", strcmp(o->key, "ambiguous_width") == 0 ?
		    s->ambiguous_width : s->text_width);
	case CONF_CHOICE:
		free(r);
		if (strcmp(o->key, "status_line") == 0)
			return xstrdup(statuses[s->status_line]);
		return xstrdup(splits[s->split]);
	case CONF_PATHS:
		for (i = 0; s->library != NULL && s->library[i] != NULL; i++) {
			t = xasprintf("%s%s%s", r, i ? ", " : "", s->library[i]);
			free(r);
			r = t;
		}
		return r;
	case CONF_SORT:
		free(r);
		return xasprintf("%s %s", sorts[s->sort], s->sort_ascending ?
		    "ascending" : "descending");
	case CONF_LIST_SIZE:
		free(r);
		return s->list_size > 0 ? xasprintf("%d", s->list_size) :
		    xasprintf("%d%%", s->list_pct);
	case CONF_DATE_FORMAT:
		free(r);
		return xstrdup(s->date_format);
	case CONF_MARK:
		free(r);
		return xstrdup(s->unread_mark);
	case CONF_STRING:
		break;
	}
	return r;
}

/* Writes text as comment lines, folded to 72 columns by the layout's
 * own rules, so that a translated (Chinese) text folds well too. */
static void
comment(FILE *f, const char *text)
{
	struct layout_scratch	sc = { NULL, NULL, NULL, 0 };
	struct lines		l = { NULL, 0, 0 };
	struct wrap		w = { 70, 0, 0 };
	size_t			i;

	layout_wrap(&sc, text, strlen(text), &w, &l);
	for (i = 0; i < l.n; i++)
		fprintf(f, "# %.*s\n", (int) l.v[i].len, text + l.v[i].off);
	lines_free(&l);
	layout_scratch_free(&sc);
}

/* Writes "key = value", commented out when it is the default; a value
 * with # or ; in it is quoted, or it would read back as a comment. */
static void
setting(FILE *f, const char *key, const char *value, const char *def)
{
	const char	*q = strpbrk(value, "#;") != NULL ? "\"" : "";

	fprintf(f, "%s%s =%s%s%s%s\n", strcmp(value, def) == 0 ? "# " : "",
	    key, value[0] != '\0' ? " " : "", q, value, q);
}

/* Writes a complete reader.ini for the given settings, keys and colours;
 * what equals the default is shown commented out. */
void
conf_dump(FILE *f, const struct settings *set, const struct keymap *km,
    const struct theme *th)
{
	struct settings	 ds;
	struct keymap	 dk;
	struct theme	 dt;
	const char	*sec = "";
	char		*v, *d;
	size_t		 i;

	settings_defaults(&ds);
	keymap_defaults(&dk);
	theme_defaults(&dt);
	comment(f, _("reader.ini: the settings of reader. Each option is "
	    "shown with its default value, commented out; remove the # in "
	    "front of a line to change it. Lines that start with # or ; are "
	    "comments. See reader.ini(5)."));
	for (i = 0; i < conf_noptions; i++) {
		const struct conf_option *o = &conf_options[i];

		if (strcmp(sec, o->section) != 0) {
			sec = o->section;
			fprintf(f, "\n[%s]\n", sec);
		}
		comment(f, _(o->help));
		v = option_string(o, set);
		d = option_string(o, &ds);
		setting(f, o->key, v, d);
		free(v);
		free(d);
	}
	fputs("\n[colors]\n", f);
	comment(f, _("Each part of the screen: FG [BG] [ATTR...]. A colour is "
	    "black, red, green, yellow, blue, magenta, cyan, white, their "
	    "bright forms (brightred ...), default, a number 0-255 or "
	    "#rrggbb (in quotes, as # starts a comment: title = \"#ffaf00 "
	    "default bold\"); colours the terminal lacks are approximated. ATTR is "
	    "bold, dim, underline, reverse, italic or blink. With NO_COLOR or "
	    "on a monochrome terminal only the attributes are used."));
	for (i = 0; i < ELEM_COUNT; i++) {
		v = style_string(&th->s[i]);
		d = style_string(&dt.s[i]);
		setting(f, theme_elem_names[i], v, d);
		free(v);
		free(d);
	}
	fputs("\n[keys]\n", f);
	comment(f, _("ACTION = KEY[, KEY...]. A key is a character, C-x "
	    "(Control), M-x (Alt), Enter, Tab, S-Tab, Backspace, Space, Esc, "
	    "Up, Down, Left, Right, PageUp, PageDown, Home, End, Insert, "
	    "Delete, F1-F12, or Comma, Semicolon and Hash for those "
	    "characters; none leaves the action without a key. A key can "
	    "serve one action only."));
	for (i = 1; i < ACT_COUNT; i++) {
		v = keymap_describe(km, (enum action) i, KEYMAP_MAX);
		d = keymap_describe(&dk, (enum action) i, KEYMAP_MAX);
		setting(f, action_table[i].name, v[0] ? v : "none",
		    d[0] ? d : "none");
		free(v);
		free(d);
	}
	settings_free(&ds);
}
