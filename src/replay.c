/* Replaying a script of keys and events without a terminal. */
#include "system.h"

#include <errno.h>
#include <stdio.h>

#include "dump.h"
#include "input.h"
#include "keymap.h"
#include "loader.h"
#include "persist.h"
#include "replay.h"
#include "text.h"
#include "view.h"
#include "xmalloc.h"

/* Loading done before each event, in microseconds: the least there is
 * (a batch of articles), so that what a script sees does not depend on
 * the machine's speed; "wait" loads the rest. */
#define REPLAY_SLICE_US 0

enum ev_kind { EV_KEY, EV_RESIZE, EV_MOUSE, EV_WAIT, EV_IDLE, EV_PASTE };

struct event {
	enum ev_kind		 kind;
	key_code		 key;
	int			 a, b;		/* size, or row and column */
	enum input_button	 button;
	char			*word;		/* as written, for --frames */
};

struct replay {
	struct event	*v;
	size_t		 n, cap;
};

static struct event *
add(struct replay *r, enum ev_kind kind, const char *word, size_t len)
{
	struct event	*e;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
	}
	e = &r->v[r->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->word = xstrndup(word, len);
	return e;
}

/* Parses "COLSxLINES". Returns -1 if it is not a size from 1x1 to
 * 10000x10000. */
int
replay_parse_size(const char *s, int *cols, int *lines)
{
	char	*end;
	long	 c, l;

	errno = 0;
	c = strtol(s, &end, 10);
	if (end == s || *end != 'x' || c < 1 || c > 10000)
		return -1;
	s = end + 1;
	l = strtol(s, &end, 10);
	if (end == s || *end != '\0' || l < 1 || l > 10000 || errno != 0)
		return -1;
	*cols = (int) c;
	*lines = (int) l;
	return 0;
}

/* Parses "ROW,COL" (from 1) into a cell (from 0). */
static int
parse_cell(const char *s, int *y, int *x)
{
	char	*end;
	long	 r, c;

	r = strtol(s, &end, 10);
	if (end == s || *end != ',' || r < 1 || r > 10000)
		return -1;
	s = end + 1;
	c = strtol(s, &end, 10);
	if (end == s || *end != '\0' || c < 1 || c > 10000)
		return -1;
	*y = (int) r - 1;
	*x = (int) c - 1;
	return 0;
}

static const struct {
	const char		*prefix;
	enum input_button	 button;
} mouse_words[] = {
	{ "click:", INPUT_CLICK },
	{ "dclick:", INPUT_DOUBLE_CLICK },
	{ "wheelup:", INPUT_WHEEL_UP },
	{ "wheeldown:", INPUT_WHEEL_DOWN },
};

/* Parses one word of a script. Returns -1 if it means nothing. */
static int
parse_word(struct replay *r, char *w, size_t len)
{
	struct event	*e;
	size_t		 i, n;
	uint32_t	 c;

	if (strcmp(w, "wait") == 0) {
		add(r, EV_WAIT, w, len);
		return 0;
	}
	if (strcmp(w, "idle") == 0) {
		add(r, EV_IDLE, w, len);
		return 0;
	}
	if (strncmp(w, "resize:", 7) == 0) {
		int cols, lines;

		if (replay_parse_size(w + 7, &cols, &lines) != 0)
			return -1;
		e = add(r, EV_RESIZE, w, len);
		e->a = cols;
		e->b = lines;
		return 0;
	}
	for (i = 0; i < sizeof mouse_words / sizeof mouse_words[0]; i++) {
		size_t pl = strlen(mouse_words[i].prefix);
		int y, x;

		if (strncmp(w, mouse_words[i].prefix, pl) != 0)
			continue;
		if (parse_cell(w + pl, &y, &x) != 0)
			return -1;
		e = add(r, EV_MOUSE, w, len);
		e->a = y;
		e->b = x;
		e->button = mouse_words[i].button;
		return 0;
	}
	if (strncmp(w, "paste:", 6) == 0 && len > 6) {
		if (!text_valid_utf8(w + 6, len - 6, NULL))
			return -1;
		add(r, EV_PASTE, w, len);
		return 0;
	}
	if (strncmp(w, "text:", 5) == 0 && len > 5) {
		if (!text_valid_utf8(w + 5, len - 5, NULL))
			return -1;
		for (i = 5; i < len; i += n) {
			n = text_next_char(w + i, len - i, &c);
			e = add(r, EV_KEY, w + i, n);
			e->key = c == ' ' ? KEYC_SPACE : c;
		}
		return 0;
	}
	if ((c = key_parse(w)) == KEYC_NONE)
		return -1;
	add(r, EV_KEY, w, len)->key = c;
	return 0;
}

/* Parses a script. Returns NULL, with a cause, if a word means nothing. */
struct replay *
replay_parse(const char *script, struct causes *cs)
{
	struct replay	*r = xcalloc(1, sizeof *r);
	const char	*p = script, *q;
	char		*w;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != ' ' && *q != '\t' &&
		    *q != '\n'; q++)
			;
		w = xstrndup(p, (size_t) (q - p));
		if (parse_word(r, w, strlen(w)) != 0) {
			char *shown = text_clean_str(w);

			/* TRANSLATORS: --keys names keys as in reader.ini,
			   or resize:80x24, click:ROW,COL, text:..., wait. */
			causes_add(cs, _("--keys: unknown key or event '%s'"),
			    shown);
			free(shown);
			free(w);
			replay_free(r);
			return NULL;
		}
		free(w);
		p = q;
	}
	return r;
}

/* Frees a parsed script. */
void
replay_free(struct replay *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++)
		free(r->v[i].word);
	free(r->v);
	free(r);
}

static void
frame(FILE *f, struct vscreen *v, struct state *st, int cols, int lines,
    const char *after, unsigned flags)
{
	input_layout(v, st, cols, lines);
	view_build(v, st, cols, lines);
	if (after != NULL) {
		char *shown = text_clean_str(after);

		fprintf(f, "-- %s\n", shown);
		free(shown);
	}
	dump_screen(f, v, flags & REPLAY_ATTRS ? DUMP_ATTRS : 0);
}

/* Runs the script over the state at cols x lines, loading the rest of
 * the library (ld, or NULL) a slice between events as the interface
 * does, and prints the last screen (every screen with REPLAY_FRAMES).
 * The reading state is saved at the end, as on quitting. Returns 0, or
 * 1 if the output could not be written. */
int
replay_run(struct replay *r, struct state *st, struct loader *ld,
    struct causes *cs, int cols, int lines, unsigned flags, FILE *out)
{
	struct vscreen	 v;
	size_t		 i, had;
	int		 re;

	memset(&v, 0, sizeof v);
	st->loading = ld != NULL;
	/* A library search sees the whole index, whatever the machine's
	 * speed. */
	st->sync_index = true;
	input_layout(&v, st, cols, lines);
	if (!st->rd.has_page)
		state_restore_last(st);
	if (ld == NULL)
		input_say_problems(st, cs);
	view_build(&v, st, cols, lines);
	/* As the interface does once the first screen is out; what went
	 * wrong counts among the problems of loading. */
	had = cs->n;
	persist_settle(st->persist, cs);
	if (cs->n > had && ld == NULL)
		input_say_problems(st, cs);
	if (flags & REPLAY_FRAMES)
		frame(out, &v, st, cols, lines, "start", flags);
	for (i = 0; i < r->n; i++) {
		struct event *e = &r->v[i];

		if (ld != NULL)
			input_load(st, &ld, REPLAY_SLICE_US, cs);
		re = RE_NONE;
		switch (e->kind) {
		case EV_KEY:
			re = input_key(st, e->key);
			break;
		case EV_RESIZE:
			cols = e->a;
			lines = e->b;
			re = RE_DRAW;
			break;
		case EV_MOUSE:
			input_layout(&v, st, cols, lines);
			view_build(&v, st, cols, lines);
			re = input_mouse(st, &v, e->a, e->b, e->button);
			break;
		case EV_WAIT:
			while (ld != NULL)
				input_load(st, &ld, -1, cs);
			break;
		case EV_IDLE:
			re = input_idle(st);
			break;
		case EV_PASTE:
			re = input_paste(st, e->word + 6, strlen(e->word) - 6);
			break;
		}
		/* As the interface does after each key it paints. */
		input_layout(&v, st, cols, lines);
		if (flags & REPLAY_CHECK)
			state_check(st);
		if (re & RE_CLIPBOARD)
			x_free(st->clipboard);
		if (flags & REPLAY_FRAMES)
			frame(out, &v, st, cols, lines, e->word, flags);
		if (re & RE_QUIT)
			break;
	}
	if (!(flags & REPLAY_FRAMES))
		frame(out, &v, st, cols, lines, NULL, flags);
	state_save_place(st);
	persist_save(st->persist, NULL);
	view_free(&v);
	return ferror(out) ? 1 : 0;
}
