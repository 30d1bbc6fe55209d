/* Keys: names and codes, and which action each key is bound to.
 *
 * A key code is a Unicode code point for a printable character, or one of
 * the KEYC_ values below for special keys; KEYC_META marks Alt. The
 * default bindings are kept apart from the active ones so that a config
 * can be compared with and reset to them. No curses here: ui.c maps the
 * terminal's keys to these codes.
 */
#ifndef READER_KEYMAP_H
#define READER_KEYMAP_H

#include <stddef.h>
#include <stdint.h>

#include "actions.h"
#include "system.h"

typedef uint32_t key_code;

#define KEYC_NONE	0
#define KEYC_BASE	0x110000u
enum {
	KEYC_UP = KEYC_BASE,
	KEYC_DOWN,
	KEYC_LEFT,
	KEYC_RIGHT,
	KEYC_PPAGE,
	KEYC_NPAGE,
	KEYC_HOME,
	KEYC_END,
	KEYC_IC,
	KEYC_DC,
	KEYC_BTAB,
	KEYC_BSPACE,
	KEYC_ENTER,
	KEYC_TAB,
	KEYC_ESC,
	KEYC_SPACE,
	KEYC_F1,
	KEYC_F12 = KEYC_F1 + 11,
	KEYC_MOUSE,
	KEYC_RESIZE,
	KEYC_LAST
};
#define KEYC_META	0x40000000u

/* Most bindings a key table holds. */
#define KEYMAP_MAX 256

struct binding {
	key_code	key;
	enum action	action;
};

struct keymap {
	struct binding	b[KEYMAP_MAX];
	size_t		n;
};

void		 keymap_defaults(struct keymap *);
enum action	 keymap_lookup(const struct keymap *, key_code);
enum action	 keymap_lookup_prompt(const struct keymap *, key_code);
int		 keymap_bind(struct keymap *, key_code, enum action);
void		 keymap_unbind_action(struct keymap *, enum action);
size_t		 keymap_keys_of(const struct keymap *, enum action, key_code *,
		     size_t);
char		*keymap_describe(const struct keymap *, enum action, size_t);

key_code	 key_parse(const char *);
int		 key_to_name(key_code, char *, size_t);

#endif
