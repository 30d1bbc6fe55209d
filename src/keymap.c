/* Key names, key codes and bindings. */
#include "system.h"

#include <stdio.h>
#include <strings.h>

#include "keymap.h"
#include "text.h"
#include "xmalloc.h"

/* Names of the special keys; the first name of a code is how it is
 * shown, the others are accepted too. */
static const struct {
	const char	*name;
	key_code	 code;
} key_names[] = {
	{ "Enter",	KEYC_ENTER },
	{ "Return",	KEYC_ENTER },
	{ "Tab",	KEYC_TAB },
	{ "S-Tab",	KEYC_BTAB },
	{ "BTab",	KEYC_BTAB },
	{ "Backspace",	KEYC_BSPACE },
	{ "BSpace",	KEYC_BSPACE },
	{ "Space",	KEYC_SPACE },
	{ "Esc",	KEYC_ESC },
	{ "Escape",	KEYC_ESC },
	{ "Up",		KEYC_UP },
	{ "Down",	KEYC_DOWN },
	{ "Left",	KEYC_LEFT },
	{ "Right",	KEYC_RIGHT },
	{ "PageUp",	KEYC_PPAGE },
	{ "PgUp",	KEYC_PPAGE },
	{ "PageDown",	KEYC_NPAGE },
	{ "PgDn",	KEYC_NPAGE },
	{ "Home",	KEYC_HOME },
	{ "End",	KEYC_END },
	{ "Insert",	KEYC_IC },
	{ "Delete",	KEYC_DC },
	/* Characters that reader.ini cannot hold as themselves. */
	{ "Comma",	',' },
	{ "Semicolon",	';' },
	{ "Hash",	'#' },
};

/* The built-in bindings, kept apart from any keymap so that a config can
 * start from them. */
static const struct {
	enum action	 action;
	const char	*keys;
} default_keys[] = {
	{ ACT_DOWN,		"j Down C-n" },
	{ ACT_UP,		"k Up C-p" },
	{ ACT_PAGE_DOWN,	"PageDown Space C-f" },
	{ ACT_PAGE_UP,		"PageUp b C-b" },
	{ ACT_TOP,		"g Home" },
	{ ACT_BOTTOM,		"G End" },
	{ ACT_FOCUS,		"Tab S-Tab" },
	{ ACT_OPEN,		"Enter" },
	{ ACT_NEXT_ARTICLE,	"J" },
	{ ACT_PREV_ARTICLE,	"K" },
	{ ACT_NEXT_RELATED,	"]" },
	{ ACT_PREV_RELATED,	"[" },
	{ ACT_BACK,		"Backspace" },
	{ ACT_FORWARD,		"L" },
	{ ACT_SEARCH,		"/" },
	{ ACT_SEARCH_NEXT,	"n" },
	{ ACT_SEARCH_PREV,	"N" },
	{ ACT_LIBRARY_SEARCH,	"S" },
	{ ACT_TOGGLE_READ,	"m" },
	{ ACT_ZOOM,		"z" },
	{ ACT_COPY,		"y" },
	{ ACT_HELP,		"? F1" },
	{ ACT_MESSAGES,		"M" },
	{ ACT_RELOAD,		"R" },
	{ ACT_REDRAW,		"C-l" },
	{ ACT_CANCEL,		"Esc" },
	{ ACT_QUIT,		"q" },
	{ ACT_PROMPT_ACCEPT,	"Enter" },
	{ ACT_PROMPT_CANCEL,	"Esc C-c C-g" },
	{ ACT_PROMPT_ERASE,	"Backspace" },
	{ ACT_PROMPT_CLEAR,	"C-u" },
};

/* Parses a key name ("j", "C-n", "M-x", "PageDown", "F5", "中").
 * Returns KEYC_NONE if it is not one. */
key_code
key_parse(const char *name)
{
	size_t		i, len = strlen(name), n;
	uint32_t	c;
	int		f;

	if (len > 2 && strncmp(name, "M-", 2) == 0) {
		key_code k = key_parse(name + 2);
		return k == KEYC_NONE || (k & KEYC_META) ? KEYC_NONE :
		    k | KEYC_META;
	}
	if (len == 3 && strncmp(name, "C-", 2) == 0) {
		c = (unsigned char) name[2];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		/* The terminal sends these as the keys they stand for. */
		switch (c) {
		case 'i':	return KEYC_TAB;
		case 'm':
		case 'j':	return KEYC_ENTER;
		case 'h':	return KEYC_BSPACE;
		case '[':	return KEYC_ESC;
		}
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= '@' && c <= '_')
			return c - '@';
		return KEYC_NONE;
	}
	for (i = 0; i < ARRAY_SIZE(key_names); i++)
		if (strcasecmp(name, key_names[i].name) == 0)
			return key_names[i].code;
	if ((name[0] == 'F' || name[0] == 'f') && sscanf(name + 1, "%d", &f)
	    == 1 && f >= 1 && f <= 12 && len == (f >= 10 ? 3u : 2u))
		return KEYC_F1 + (key_code) f - 1;
	if (len == 0)
		return KEYC_NONE;
	n = text_next_char(name, len, &c);
	if (n != len || c == 0xFFFD || text_char_width(c) <= 0)
		return KEYC_NONE;
	return c == ' ' ? KEYC_SPACE : c;
}

/* Writes the name of key k to buf. Returns -1 if it has none. */
int
key_to_name(key_code k, char *buf, size_t size)
{
	const char	*meta = (k & KEYC_META) ? "M-" : "";
	size_t		 i;
	key_code	 base = k & ~KEYC_META;

	for (i = 0; i < ARRAY_SIZE(key_names); i++)
		if (key_names[i].code == base) {
			snprintf(buf, size, "%s%s", meta, key_names[i].name);
			return 0;
		}
	if (base >= KEYC_F1 && base <= KEYC_F12) {
		snprintf(buf, size, "%sF%u", meta, base - KEYC_F1 + 1);
		return 0;
	}
	if (base >= 1 && base <= 26) {
		snprintf(buf, size, "%sC-%c", meta, 'a' + base - 1);
		return 0;
	}
	if (base < 32) {
		snprintf(buf, size, "%sC-%c", meta, '@' + base);
		return 0;
	}
	if (base >= KEYC_BASE || base == 0x7F)
		return -1;
	{
		char	u[8];
		size_t	n = text_encode_char(base, u);

		u[n] = '\0';
		snprintf(buf, size, "%s%s", meta, u);
	}
	return 0;
}

/* Fills km with the built-in bindings. */
void
keymap_defaults(struct keymap *km)
{
	char		 buf[64], *tok, *save;
	size_t		 i;
	key_code	 k;

	km->n = 0;
	for (i = 0; i < ARRAY_SIZE(default_keys); i++) {
		snprintf(buf, sizeof buf, "%s", default_keys[i].keys);
		for (tok = strtok_r(buf, " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save)) {
			k = key_parse(tok);
			if (k != KEYC_NONE)
				keymap_bind(km, k, default_keys[i].action);
		}
	}
}

/* Returns the action bound to k, or ACT_NONE. */
enum action
keymap_lookup(const struct keymap *km, key_code k)
{
	size_t	i;

	for (i = 0; i < km->n; i++)
		if (km->b[i].key == k && !ACTION_IN_PROMPT(km->b[i].action))
			return km->b[i].action;
	return ACT_NONE;
}

/* Returns the prompt's action bound to k, or ACT_NONE. */
enum action
keymap_lookup_prompt(const struct keymap *km, key_code k)
{
	size_t	i;

	for (i = 0; i < km->n; i++)
		if (km->b[i].key == k && ACTION_IN_PROMPT(km->b[i].action))
			return km->b[i].action;
	return ACT_NONE;
}

/* Binds k to a (replacing what k did in a's layer: the prompt's keys
 * and the others are apart). Returns -1 if the table is full. */
int
keymap_bind(struct keymap *km, key_code k, enum action a)
{
	size_t	i;

	for (i = 0; i < km->n; i++)
		if (km->b[i].key == k && ACTION_IN_PROMPT(km->b[i].action) ==
		    ACTION_IN_PROMPT(a)) {
			km->b[i].action = a;
			return 0;
		}
	if (km->n == KEYMAP_MAX)
		return -1;
	km->b[km->n].key = k;
	km->b[km->n].action = a;
	km->n++;
	return 0;
}

/* Removes every binding of action a. */
void
keymap_unbind_action(struct keymap *km, enum action a)
{
	size_t	i, j = 0;

	for (i = 0; i < km->n; i++)
		if (km->b[i].action != a)
			km->b[j++] = km->b[i];
	km->n = j;
}

/* Stores up to max keys bound to a in keys; returns how many there are. */
size_t
keymap_keys_of(const struct keymap *km, enum action a, key_code *keys,
    size_t max)
{
	size_t	i, n = 0;

	for (i = 0; i < km->n; i++)
		if (km->b[i].action == a) {
			if (n < max)
				keys[n] = km->b[i].key;
			n++;
		}
	return n;
}

/* Returns the keys of action a as "j, Down", at most max of them, or an
 * empty string. Caller frees. */
char *
keymap_describe(const struct keymap *km, enum action a, size_t max)
{
	key_code	*keys = xreallocarray(NULL, km->n + 1, sizeof *keys);
	size_t		 n, i, len = 0;
	char		 name[32], *out = xmalloc(1);

	out[0] = '\0';
	n = keymap_keys_of(km, a, keys, km->n);
	if (n > max)
		n = max;
	for (i = 0; i < n; i++) {
		if (key_to_name(keys[i], name, sizeof name) != 0)
			continue;
		out = xreallocarray(out, len + strlen(name) + 3, 1);
		len += (size_t) sprintf(out + len, "%s%s", len ? ", " : "",
		    name);
	}
	free(keys);
	return out;
}
