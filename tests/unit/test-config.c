/* Unit tests of the pieces of reader.ini: colours, styles, key names. */
#include "system.h"

#include "conf.h"
#include "keymap.h"
#include "settings.h"
#include "tap.h"
#include "text.h"
#include "theme.h"

static void
test_colors(void)
{
	static const struct {
		const char	*in;
		int		 ok;
		int32_t		 want;
	} t[] = {
		{ "red", 0, 1 }, { "Yellow", 0, 3 }, { "white", 0, 7 },
		{ "brightred", 0, 9 }, { "bright_blue", 0, 12 },
		{ "default", 0, THEME_DEFAULT_COLOR }, { "0", 0, 0 },
		{ "255", 0, 255 }, { "08", 0, 8 },
		{ "#ff8800", 0, THEME_RGB | 0xff8800 },
		{ "#FFFFFF", 0, THEME_RGB | 0xffffff },
		{ "256", -1, 0 }, { "-1", -1, 0 }, { "#ff88", -1, 0 },
		{ "#gg0000", -1, 0 }, { "yelow", -1, 0 }, { "", -1, 0 },
		{ "99999999999", -1, 0 }, { "brightdefault", -1, 0 },
	};
	size_t	i;
	int32_t	c;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		c = 0;
		int r = conf_parse_color(t[i].in, &c);
		ok(r == t[i].ok && (r != 0 || c == t[i].want),
		    "colour '%s' %s", t[i].in, t[i].ok ? "refused" : "read");
	}
}

static void
test_styles(void)
{
	struct style	 s;
	char		*why = NULL;

	ok(conf_parse_style("yellow black bold", &s, &why) == 0 &&
	    s.fg == 3 && s.bg == 0 && s.attr == THEME_BOLD,
	    "FG BG ATTR");
	ok(conf_parse_style("red", &s, &why) == 0 && s.fg == 1 &&
	    s.bg == THEME_DEFAULT_COLOR && s.attr == 0, "FG alone");
	ok(conf_parse_style("bold underline", &s, &why) == 0 &&
	    s.fg == THEME_DEFAULT_COLOR &&
	    s.attr == (THEME_BOLD | THEME_UNDERLINE), "attributes alone");
	ok(conf_parse_style("default default reverse blink italic dim", &s,
	    &why) == 0 && s.attr == (THEME_REVERSE | THEME_BLINK |
	    THEME_ITALIC | THEME_DIM), "every attribute");
	ok(conf_parse_style("red blue bold", &s, &why) == 0 &&
	    s.mono == THEME_BOLD, "without colour, the attributes remain");
	ok(conf_parse_style("yelow", &s, &why) != 0, "a misspelt colour");
	is_str(why, "unknown colour 'yelow' (try: yellow, 0-255, #rrggbb)",
	    "  suggests the right one");
	free(why);
	why = NULL;
	ok(conf_parse_style("red blue green", &s, &why) != 0,
	    "a third colour is not an attribute");
	is_str(why, "unknown attribute 'green' (try: bold, dim, underline, "
	    "reverse, italic, blink)", "  says so");
	free(why);
	why = NULL;
	ok(conf_parse_style("", &s, &why) != 0, "an empty style");
	free(why);
}

static void
test_keys(void)
{
	static const struct {
		const char	*name;
		key_code	 want;
	} t[] = {
		{ "j", 'j' }, { "J", 'J' }, { "C-n", 14 }, { "C-l", 12 },
		{ "M-x", KEYC_META | 'x' }, { "M-Down", KEYC_META | KEYC_DOWN },
		{ "Enter", KEYC_ENTER }, { "enter", KEYC_ENTER },
		{ "Tab", KEYC_TAB }, { "S-Tab", KEYC_BTAB },
		{ "Backspace", KEYC_BSPACE }, { "Space", KEYC_SPACE },
		{ "Esc", KEYC_ESC }, { "PageUp", KEYC_PPAGE },
		{ "PageDown", KEYC_NPAGE }, { "Home", KEYC_HOME },
		{ "End", KEYC_END }, { "Insert", KEYC_IC },
		{ "Delete", KEYC_DC }, { "F1", KEYC_F1 }, { "F12", KEYC_F12 },
		{ "中", 0x4E2D }, { "Comma", ',' }, { ",", ',' },
		{ "Hash", '#' }, { "?", '?' }, { "C-i", KEYC_TAB },
		{ "C-m", KEYC_ENTER }, { "C-h", KEYC_BSPACE }, { "C-N", 14 },
		{ "F13", KEYC_NONE }, { "F0", KEYC_NONE }, { "Dwn", KEYC_NONE },
		{ "C-", KEYC_NONE }, { "M-M-x", KEYC_NONE }, { "", KEYC_NONE },
		{ "ab", KEYC_NONE }, { "\x1b", KEYC_NONE },
	};
	size_t		i;
	struct keymap	km;
	char		name[32];
	int		bad = 0;

	for (i = 0; i < ARRAY_SIZE(t); i++)
		ok(key_parse(t[i].name) == t[i].want, "key name '%s'",
		    t[i].name);
	keymap_defaults(&km);
	for (i = 0; i < km.n; i++)
		if (key_to_name(km.b[i].key, name, sizeof name) != 0 ||
		    key_parse(name) != km.b[i].key)
			bad++;
	is_int(bad, 0, "every default key's name reads back as that key");
	ok(keymap_lookup(&km, 'j') == ACT_DOWN, "j moves down by default");
	ok(keymap_lookup(&km, 'x') == ACT_NONE, "x does nothing by default");
	keymap_unbind_action(&km, ACT_DOWN);
	ok(keymap_lookup(&km, 'j') == ACT_NONE, "unbinding an action frees "
	    "its keys");
}

static void
test_options(void)
{
	struct settings	 s, t;
	size_t		 i;
	char		*v, *why;
	int		 bad = 0;

	settings_defaults(&s);
	for (i = 0; i < settings_noptions; i++) {
		const struct settings_option *o = &settings_options[i];

		v = settings_value(&s, o);
		if (strcmp(v, o->def) != 0 || settings_find(o->section,
		    o->key) != o)
			bad++;
		free(v);
	}
	is_int(bad, 0, "every option's default is written as the table "
	    "gives it");
	settings_defaults(&t);
	ok((why = settings_set(&t, settings_find("general", "mouse"), "off"))
	    == NULL && !t.mouse, "a boolean option is stored in its field");
	free(why);
	ok((why = settings_set(&t, settings_find("layout", "status_line"),
	    "no")) == NULL && t.status_line == STATUS_HIDDEN,
	    "a choice of true and false takes any boolean word");
	free(why);
	ok((why = settings_set(&t, settings_find("display", "text_width"),
	    "1001")) != NULL && t.text_width == 0,
	    "a number out of range is refused and changes nothing");
	free(why);
	ok((why = settings_set(&t, settings_find("general", "sort"),
	    "Title")) == NULL && t.sort == SORT_TITLE && t.sort_ascending,
	    "sort = title is ascending");
	free(why);
	settings_free(&t);
	settings_free(&s);
}

int
main(void)
{
	tap_locale();
	text_init();
	test_colors();
	test_styles();
	test_keys();
	test_options();
	return tap_done();
}
