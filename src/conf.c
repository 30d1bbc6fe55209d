/* Loading and checking reader.ini. */
#include "system.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iniparser.h>

#include "action.h"
#include "conf.h"
#include "fileutil.h"
#include "layout.h"
#include "text.h"
#include "xmalloc.h"

/* Stands for a section whose header was wrong. */
#define BAD_SECTION	"\001"

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

/* One message, kept until all are known so that they come in line
 * order. */
struct note {
	int	 line;		/* 0: the file as a whole */
	bool	 error;
	char	*text;		/* without the file's name */
	size_t	 seq;		/* the order it was found in */
};

struct scan {
	const char	*shown;		/* the file's name in messages */
	struct note	*notes;
	size_t		 nnotes;
	size_t		 nerrors;
	struct keyline	*keys;
	size_t		 nkeys;
	char		*clean;		/* the text iniparser is given */
	size_t		 nclean;
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

/* Keeps a message for flush_notes(). */
static void
vnote(struct scan *sc, int line, bool error, const char *prefix,
    const char *fmt, va_list ap)
{
	char	*msg;

	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	sc->notes = xreallocarray(sc->notes, sc->nnotes + 1, sizeof *sc->notes);
	sc->notes[sc->nnotes].line = line;
	sc->notes[sc->nnotes].error = error;
	sc->notes[sc->nnotes].seq = sc->nnotes;
	/* TRANSLATORS: a warning about reader.ini: the first %s is
	   "[section] key: ", the second what is wrong. */
	sc->notes[sc->nnotes].text = xasprintf(error ? "%s%s" :
	    _("%swarning: %s"), prefix, msg != NULL ? msg : "?");
	sc->nnotes++;
	if (error)
		sc->nerrors++;
	free(msg);
}

/* Reports a mistake on a line (0: in the file as a whole). */
static void ATTR_PRINTF(3, 4)
line_error(struct scan *sc, int line, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vnote(sc, line, true, "", fmt, ap);
	va_end(ap);
}

/* Reports a mistake in the value of a key line. */
static void ATTR_PRINTF(3, 4)
key_error(struct scan *sc, const struct keyline *k, const char *fmt, ...)
{
	va_list	 ap;
	char	*prefix = xasprintf("[%s] %s: ", k->section, k->key);

	va_start(ap, fmt);
	vnote(sc, k->line, true, prefix, fmt, ap);
	va_end(ap);
	free(prefix);
}

/* Reports what a key line does that is probably not what was meant. */
static void ATTR_PRINTF(3, 4)
key_warn(struct scan *sc, const struct keyline *k, const char *fmt, ...)
{
	va_list	 ap;
	char	*prefix = xasprintf("[%s] %s: ", k->section, k->key);

	va_start(ap, fmt);
	vnote(sc, k->line, false, prefix, fmt, ap);
	va_end(ap);
	free(prefix);
}

/* Orders notes by line, then as they were found. */
static int
note_cmp(const void *a, const void *b)
{
	const struct note	*x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Hands the notes to cs, in line order, and forgets them. */
static void
flush_notes(struct scan *sc, struct causes *cs)
{
	struct note	 t;
	size_t		 i;

	if (sc->nnotes > 1)
		qsort(sc->notes, sc->nnotes, sizeof *sc->notes, note_cmp);
	for (i = 0; i < sc->nnotes; i++) {
		t = sc->notes[i];
		if (t.line > 0 && t.error)
			causes_add(cs, "%s:%d: %s", sc->shown, t.line, t.text);
		else if (t.line > 0)
			causes_warn(cs, "%s:%d: %s", sc->shown, t.line, t.text);
		else
			causes_add(cs, "%s: %s", sc->shown, t.text);
		free(t.text);
	}
	free(sc->notes);
	sc->notes = NULL;
	sc->nnotes = 0;
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

/* Returns s without surrounding blanks, in lower case. Caller frees. */
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

/* Checks the bytes of a line. Returns whether they are fit to read. */
static bool
check_bytes(struct scan *sc, const char *s, size_t n, int line)
{
	size_t		bad, i;

	if (memchr(s, '\0', n) != NULL) {
		line_error(sc, line, "%s", _("contains a NUL byte"));
		return false;
	}
	if (!text_valid_utf8(s, n, &bad)) {
		line_error(sc, line, _("is not valid UTF-8 (byte %zu); save "
		    "the file as UTF-8"), bad + 1);
		return false;
	}
	for (i = 0; i < n; i++)
		if (((unsigned char) s[i] < 0x20 && s[i] != '\t' &&
		    s[i] != '\r') || s[i] == 0x7F) {
			line_error(sc, line, _("contains a control character "
			    "(byte 0x%02X)"), (unsigned char) s[i]);
			return false;
		}
	return true;
}

/* Records a key line. Returns false if the key was set before. */
static bool
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
			return false;
		}
	sc->keys = xreallocarray(sc->keys, sc->nkeys + 1, sizeof *sc->keys);
	sc->keys[sc->nkeys].section = xstrdup(section);
	sc->keys[sc->nkeys].key = key;
	sc->keys[sc->nkeys].raw = raw;
	sc->keys[sc->nkeys].line = line;
	sc->nkeys++;
	return true;
}

/* Reads one line's shape the way iniparser will: blank, comment,
 * [section] or key = value. Returns false if iniparser must not see it
 * (it would refuse the whole file). */
static bool
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
		return true;
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
		return strcmp(name, BAD_SECTION) != 0;
	}
	if ((eq = memchr(s, '=', n)) == NULL) {
		line_error(sc, line, "%s", _("expected 'key = value' or "
		    "'[section]'"));
		return false;
	}
	name = lower_trim(s, (size_t) (eq - s));
	if (name[0] == '\0') {
		line_error(sc, line, "%s", _("a key name is missing before "
		    "'='"));
		free(name);
		return false;
	} else if (*section != NULL && strcmp(*section, BAD_SECTION) == 0) {
		free(name);
		return false;
	} else if (*section == NULL) {
		line_error(sc, line, "%s", _("a key outside any [section]"));
		free(name);
		return false;
	} else {
		const char *v = eq + 1;
		size_t vl = n - (size_t) (v - s);

		while (vl > 0 && isspace((unsigned char) *v)) {
			v++;
			vl--;
		}
		return add_keyline(sc, *section, name, xstrndup(v, vl), line);
	}
}

/* Checks a whole file line by line, and keeps in sc->clean the text for
 * iniparser: the same lines, but those it would refuse (and so refuse
 * the whole file, hiding every other mistake) left blank. */
static void
scan_text(struct scan *sc, const char *s, size_t n)
{
	size_t	 i = 0, e, len, trim;
	char	*section = NULL;
	int	 line = 0;
	bool	 cont = false, keep = true;

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;		/* iniparser rejects a byte order mark */
	sc->clean = xmalloc(n + 1);
	sc->nclean = 0;
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);

		e = nl != NULL ? (size_t) (nl - s) : n;
		len = e - i;
		line++;
		if (len > CONF_MAX_LINE) {
			line_error(sc, line, _("line too long (%zu bytes; at "
			    "most %d)"), len, CONF_MAX_LINE);
			keep = false;
		} else if (!check_bytes(sc, s + i, len, line))
			keep = false;
		else if (!cont)
			keep = scan_line(sc, s + i, len, line, &section);
		/* A line that goes on is kept or left out with its first. */
		trim = len <= CONF_MAX_LINE ? len : 0;
		while (trim > 0 && isspace((unsigned char) s[i + trim - 1]))
			trim--;
		cont = trim > 0 && s[i + trim - 1] == '\\';
		if (keep) {
			memcpy(sc->clean + sc->nclean, s + i, len);
			sc->nclean += len;
		}
		sc->clean[sc->nclean++] = '\n';
		i = e + 1;
	}
	free(section);
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
	if (settings_parse_int(w, 0, 255, &n) == 0) {
		*out = n;
		return 0;
	}
	return -1;
}

/* Adds the attribute named w to *attr. Returns -1 if w is none. */
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

/* ---- Options and keys. ---- */

/* Reports an unknown key, with the name probably meant or the list. */
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
		for (i = 0; i < settings_noptions && n < ARRAY_SIZE(names);
		    i++)
			if (strcmp(settings_options[i].section, k->section) == 0)
				names[n++] = settings_options[i].key;
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

/* What binding the [keys] entries found out. */
struct binder {
	struct keymap		*km;
	struct binding		 done[KEYMAP_MAX];
	size_t			 ndone;
	/* The entry that took an action's last default key. */
	const struct pending	*taker[ACT_COUNT];
	key_code		 taken[ACT_COUNT];
};

/* Whether name is a Control key that the terminal sends as another key
 * (C-m is Enter, C-i Tab, C-h Backspace). */
static bool
is_alias(const char *name, key_code key)
{
	while (strncasecmp(name, "M-", 2) == 0 && name[2] != '\0')
		name += 2;
	return strncasecmp(name, "C-", 2) == 0 &&
	    (key & ~KEYC_META) >= KEYC_BASE;
}

/* Binds one key of a [keys] entry. Returns -1 if the key table is full
 * (which has been reported). */
static int
bind_one(struct scan *sc, const struct pending *p, const char *name,
    struct binder *bd)
{
	key_code	 key = key_parse(name);
	enum action	 had;
	char		*shown, kname[32];
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
	for (i = 0; i < bd->ndone; i++)
		if (bd->done[i].key == key && bd->done[i].action != p->action &&
		    ACTION_IN_PROMPT(bd->done[i].action) ==
		    ACTION_IN_PROMPT(p->action)) {
			shown = text_clean_str(name);
			/* TRANSLATORS: a key of the keyboard, then two action
			   names from [keys]. */
			key_error(sc, p->k, _("key '%s' is bound to both %s and "
			    "%s"), shown, action_table[bd->done[i].action].name,
			    action_table[p->action].name);
			free(shown);
			return 0;
		}
	had = ACTION_IN_PROMPT(p->action) ? keymap_lookup_prompt(bd->km, key) :
	    keymap_lookup(bd->km, key);
	if (keymap_bind(bd->km, key, p->action) != 0) {
		shown = text_clean_str(name);
		/* TRANSLATORS: %d is a number of keys, %s a key's name. */
		key_error(sc, p->k, _("too many keys (at most %d in all); "
		    "'%s' and the keys after it are not bound"), KEYMAP_MAX,
		    shown);
		free(shown);
		return -1;
	}
	bd->done[bd->ndone++] = (struct binding) { key, p->action };
	if (had == ACT_NONE || had == p->action)
		return 0;
	if (key_to_name(key, kname, sizeof kname) != 0)
		snprintf(kname, sizeof kname, "?");
	if (is_alias(name, key)) {
		shown = text_clean_str(name);
		/* TRANSLATORS: two names of keys (C-m, Enter), then an action
		   of [keys]. */
		key_warn(sc, p->k, _("the terminal sends %s as %s, so this "
		    "takes %s from %s; write %s if that is what you mean"),
		    shown, kname, kname, action_table[had].name, kname);
		free(shown);
	}
	if (keymap_keys_of(bd->km, had, NULL, 0) == 0) {
		bd->taker[had] = p;
		bd->taken[had] = key;
	}
	return 0;
}

/* Says which actions the [keys] entries left without a key: a warning,
 * but an error for quit, as nothing would end the program. */
static void
check_keyless(struct scan *sc, const struct pending *p, size_t n,
    struct binder *bd)
{
	char	kname[32];
	size_t	i;

	for (i = 1; i < ACT_COUNT; i++) {
		if (bd->taker[i] == NULL ||
		    keymap_keys_of(bd->km, (enum action) i, NULL, 0) != 0)
			continue;
		if (key_to_name(bd->taken[i], kname, sizeof kname) != 0)
			snprintf(kname, sizeof kname, "?");
		if (i == ACT_QUIT)
			/* TRANSLATORS: %s is a key's name. */
			key_error(sc, bd->taker[i]->k, _("this takes %s, the "
			    "last key of quit, and no key would be left to "
			    "quit reader; give quit another key"), kname);
		else
			/* TRANSLATORS: a key's name, then an action of [keys]
			   (twice). */
			key_warn(sc, bd->taker[i]->k, _("this takes %s, the "
			    "last key of %s, which is left with no key (give "
			    "it one: %s = KEY)"), kname, action_table[i].name,
			    action_table[i].name);
	}
	if (keymap_keys_of(bd->km, ACT_QUIT, NULL, 0) != 0)
		return;
	for (i = 0; i < n; i++)
		if (p[i].action == ACT_QUIT) {
			key_error(sc, p[i].k, "%s", _("no key is left to quit "
			    "reader; bind one, e.g. quit = q"));
			break;
		}
}

/* Applies [keys]: each action named there gets exactly the keys given
 * (taking them from other actions' defaults); two named actions may not
 * share a key. */
static void
apply_keys(struct scan *sc, struct pending *p, size_t n, struct keymap *km)
{
	struct binder	*bd = xcalloc(1, sizeof *bd);
	size_t		 i;
	char		*copy, *w, *save;
	bool		 full = false;

	bd->km = km;
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
			full = bind_one(sc, &p[i], t, bd) != 0;
		}
		free(copy);
	}
	check_keyless(sc, p, n, bd);
	free(bd);
}

/* Whether name is one of the sections reader reads. */
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

/* Checks the value as written for what iniparser would quietly drop: a
 * quote that is not closed, text after the closing quote, a comment
 * that takes what was meant as the value. Returns -1 if it did (which
 * has been reported). */
static int
check_raw(struct scan *sc, const struct keyline *k, const char *v)
{
	const char	*raw = k->raw, *end, *rest, *c;
	size_t		 len = strlen(raw), bl;
	char		*shown, *inner, *more, *before;
	bool		 keys = strcmp(k->section, "keys") == 0;

	if (len > 0 && raw[len - 1] == '\\')
		return 0;	/* goes on on the next line */
	if (raw[0] == '"' || raw[0] == '\'') {
		if ((end = strchr(raw + 1, raw[0])) == NULL) {
			/* TRANSLATORS: %c is a quotation mark, " or '. */
			key_error(sc, k, _("the quote is not closed: end the "
			    "value with %c"), raw[0]);
			return -1;
		}
		rest = end + 1 + strspn(end + 1, " \t");
		if (*rest == '\0' || *rest == ';' || *rest == '#')
			return 0;
		inner = xstrndup(raw + 1, (size_t) (end - raw - 1));
		more = xstrdup(rest);
		/* "a" "b" was surely meant as "a b". */
		bl = strlen(more);
		if (bl >= 2 && (more[0] == '"' || more[0] == '\'') &&
		    more[bl - 1] == more[0]) {
			memmove(more, more + 1, bl - 2);
			more[bl - 2] = '\0';
		}
		shown = text_clean_str(rest);
		before = text_clean_str(inner);
		free(inner);
		inner = text_clean_str(more);
		/* TRANSLATORS: the text after a quoted value, then the value
		   as it should be written. */
		key_error(sc, k, _("text after the closing quote would be "
		    "dropped: '%s'; quote the whole value: \"%s %s\""), shown,
		    before, inner);
		free(shown);
		free(before);
		free(inner);
		free(more);
		return -1;
	}
	if ((c = strpbrk(raw, "#;")) == NULL)
		return 0;
	before = xstrndup(raw, (size_t) (c - raw));
	bl = strlen(before);
	while (bl > 0 && isspace((unsigned char) before[bl - 1]))
		before[--bl] = '\0';
	/* "#", "j, #" or "j#": a key was meant. */
	if (keys && (bl == 0 || before[bl - 1] == ',' ||
	    !isspace((unsigned char) c[-1]))) {
		shown = text_clean_str(before);
		/* TRANSLATORS: the first %c is # or ;, then the name of that
		   key (Hash or Semicolon), then an example line of [keys]. */
		key_error(sc, k, _("'%c' starts a comment, so it is not read "
		    "as a key; write %s for that key: %s = %s%s%s"), *c,
		    *c == '#' ? "Hash" : "Semicolon", k->key, shown,
		    bl == 0 ? "" : before[bl - 1] == ',' ? " " : ", ",
		    *c == '#' ? "Hash" : "Semicolon");
		free(shown);
		free(before);
		return -1;
	}
	free(before);
	if (strcmp(k->section, "colors") == 0 && hex_as_comment(raw, v)) {
		shown = text_clean_str(raw);
		key_error(sc, k, _("a #rrggbb colour starts a comment "
		    "here; put the value in quotes: \"%s\""), shown);
		free(shown);
		return -1;
	}
	/* "a#b", "#" or "#b": a comment right against the value is more
	 * likely part of it. */
	if (c > raw ? !isspace((unsigned char) c[-1]) :
	    (c[1] == '\0' || !isspace((unsigned char) c[1]))) {
		shown = text_clean_str(raw);
		before = text_clean_str(v);
		/* TRANSLATORS: %c is # or ;, then the value as read and the
		   value as written. */
		key_error(sc, k, _("'%c' starts a comment here, so the value "
		    "is read as '%s'; if '%c' is part of it, quote it: \"%s\""),
		    *c, before, *c, shown);
		free(shown);
		free(before);
		return -1;
	}
	return 0;
}

/* Checks and applies one key line; [keys] entries wait in pend. */
static void
apply_key(struct scan *sc, const struct keyline *k, const char *v,
    struct settings *set, struct theme *th, struct pending *pend,
    size_t *npend)
{
	const struct settings_option	*o;
	struct style			 st;
	enum action			 a;
	char				*why = NULL, *shown;
	int				 e;

	if (strcmp(k->section, "colors") == 0) {
		if ((e = theme_elem_from_name(k->key)) < 0)
			unknown_key(sc, k);
		else if (check_raw(sc, k, v) == 0 &&
		    conf_parse_style(v, &st, &why) == 0)
			th->s[e] = st;
	} else if (strcmp(k->section, "keys") == 0) {
		if ((a = action_from_name(k->key)) == ACT_NONE)
			unknown_key(sc, k);
		else if (check_raw(sc, k, v) == 0) {
			pend[*npend].action = a;
			pend[*npend].value = v;
			pend[*npend].k = k;
			(*npend)++;
		}
	} else if ((o = settings_find(k->section, k->key)) == NULL)
		unknown_key(sc, k);
	else if (check_raw(sc, k, v) == 0 &&
	    (why = settings_set(set, o, v)) != NULL) {
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

/* Takes iniparser's own messages as mistakes of the file. */
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

/* Hands the checked text to iniparser, which reads only from a file. */
static dictionary *
ini_load(struct scan *sc)
{
	dictionary	*d = NULL;
	const char	*dir = getenv("TMPDIR");
	char		*tmp;
	int		 fd;
	bool		 ok;

	if (dir == NULL || dir[0] != '/')
		dir = "/tmp";
	tmp = xasprintf("%s/reader-ini.XXXXXX", dir);
	if ((fd = mkstemp(tmp)) >= 0) {
		ok = write(fd, sc->clean, sc->nclean) == (ssize_t) sc->nclean;
		close(fd);
		current_scan = sc;
		iniparser_set_error_callback(ini_error);
		if (ok)
			d = iniparser_load(tmp);
		current_scan = NULL;
		unlink(tmp);
	}
	free(tmp);
	return d;
}

/* Loads path into the settings, keys and theme (which hold the defaults
 * already). Every problem is added to cs, in line order; returns -1 if
 * one was a mistake (warnings alone return 0). */
int
conf_load(const char *path, struct settings *set, struct keymap *km,
    struct theme *th, struct causes *cs)
{
	struct scan	 sc;
	struct pending	*pend;
	dictionary	*d = NULL;
	char		*buf, *full;
	const char	*v;
	size_t		 len, i, npend = 0;

	memset(&sc, 0, sizeof sc);
	sc.shown = shown_path(path);
	if ((buf = read_conf(&sc, path, &len)) != NULL) {
		scan_text(&sc, buf, len);
		if ((d = ini_load(&sc)) == NULL && sc.nerrors == 0)
			line_error(&sc, 0, "%s", _("could not be read"));
	}
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
	free(sc.clean);
	free(buf);
	flush_notes(&sc, cs);
	free((char *) sc.shown);
	return sc.nerrors > 0 ? -1 : 0;
}

/* ---- Writing a reader.ini. ---- */

/* Writes colour c as reader.ini spells it. */
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
 * with # or ; in it is quoted, or it would read back as a comment, and
 * so is one that starts with a quote, which would be taken away. */
static void
setting(FILE *f, const char *key, const char *value, const char *def)
{
	const char	*q = "";

	if (strpbrk(value, "#;") != NULL || value[0] == '"' ||
	    value[0] == '\'')
		q = strchr(value, '"') != NULL ? "'" : "\"";

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
	for (i = 0; i < settings_noptions; i++) {
		const struct settings_option *o = &settings_options[i];

		if (strcmp(sec, o->section) != 0) {
			sec = o->section;
			fprintf(f, "\n[%s]\n", sec);
		}
		comment(f, _(o->help));
		v = settings_value(set, o);
		d = settings_value(&ds, o);
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
	/* Then each action's help, as the help screen shows it. */
	fputc('\n', f);
	for (i = 1; i < ACT_COUNT; i++) {
		comment(f, _(action_table[i].help));
		v = keymap_describe(km, (enum action) i, KEYMAP_MAX);
		d = keymap_describe(&dk, (enum action) i, KEYMAP_MAX);
		setting(f, action_table[i].name, v[0] ? v : "none",
		    d[0] ? d : "none");
		free(v);
		free(d);
	}
	settings_free(&ds);
}
