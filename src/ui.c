/* Curses: checking the terminal, painting, input, signals. */
#include "system.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <unistd.h>
#include <wchar.h>

#ifndef NCURSES_WIDECHAR
# define NCURSES_WIDECHAR 1
#endif
#if HAVE_NCURSESW_CURSES_H
# include <ncursesw/curses.h>
#else
# include <curses.h>
#endif

#include "action.h"
#include "input.h"
#include "loader.h"
#include "text.h"
#include "ui-term.h"
#include "ui.h"
#include "view.h"
#include "xmalloc.h"

/* How long Esc waits for the rest of an escape sequence, in ms. */
#define ESC_DELAY_MS	25
/* How often the loop wakes without input, in ms. */
#define TICK_MS		1000
/* How often the library's directories are looked at, in seconds. */
#define WATCH_SECS	5
/* Idle time after which the rest of a large article is read, in ms. */
#define IDLE_MS		300
/* Microseconds of loading between two looks at the keyboard. */
#define LOAD_SLICE_US	20000
/* Key codes given to the terminal's bracketed paste markers. */
#define KEY_PASTE_BEGIN	(KEY_MAX + 1)
#define KEY_PASTE_END	(KEY_MAX + 2)
/* Bracketed paste on and off: pasted text then arrives between markers,
 * so it can be kept from running actions. */
#define PASTE_ON	"\033[?2004h"
#define PASTE_OFF	"\033[?2004l"

static volatile sig_atomic_t	caught_signal;
static volatile sig_atomic_t	stop_requested;
/* Whether curses has the terminal, for the out-of-memory exit. */
static bool			curses_active;

struct ui {
	struct state		*st;
	struct loader		*ld;		/* NULL once all is loaded */
	struct causes		*cs;
	struct vscreen		 v;
	attr_t			 attr[ELEM_COUNT];
	short			 pair[ELEM_COUNT];
	bool			 gone;		/* the terminal went away */
	struct timespec		 watched;	/* when the library was looked at */
	bool			 clear;
	bool			 pasting;	/* inside a bracketed paste */
	bool			 paste_cr;	/* it last gave a CR */
	bool			 pushed;	/* a key read ahead waits */
	int			 push_r;
	wint_t			 push_c;
	char			 mb[MB_LEN_MAX];	/* a character begun */
	size_t			 mbn;
	wchar_t			*wbuf;
	size_t			 wcap;
};

static void
on_signal(int sig)
{
	caught_signal = sig;
}

static void
on_stop(int sig)
{
	(void) sig;
	stop_requested = 1;
}

/* Writes a control string straight to the terminal. */
static void
send_raw(const char *s)
{
	fputs(s, stdout);
	fflush(stdout);
}

/* Gives the terminal back as it was found: run on every way out,
 * out-of-memory included (endwin() does not allocate). */
static void
restore_terminal(void)
{
	if (!curses_active)
		return;
	curses_active = false;
	send_raw(PASTE_OFF);
	endwin();
}

/* ---- Colours. ---- */

static short
nearest_8(int c)
{
	static const int	rgb8[8][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
		{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 },
		{ 229, 229, 229 }
	};
	int	r, g, b, i, best = 0;
	long	d, bd = -1;

	if (c < 0)
		return -1;
	if (c < 16)
		return (short) (c % 8);
	if (c & THEME_RGB) {
		r = (c >> 16) & 0xFF;
		g = (c >> 8) & 0xFF;
		b = c & 0xFF;
	} else if (c < 232) {
		static const int lv[6] = { 0, 95, 135, 175, 215, 255 };
		r = lv[(c - 16) / 36];
		g = lv[(c - 16) / 6 % 6];
		b = lv[(c - 16) % 6];
	} else
		r = g = b = 8 + (c - 232) * 10;
	for (i = 0; i < 8; i++) {
		d = (long) (r - rgb8[i][0]) * (r - rgb8[i][0]) +
		    (long) (g - rgb8[i][1]) * (g - rgb8[i][1]) +
		    (long) (b - rgb8[i][2]) * (b - rgb8[i][2]);
		if (bd < 0 || d < bd) {
			bd = d;
			best = i;
		}
	}
	return (short) best;
}

static short
nearest_256(int c)
{
	int	r, g, b;

	if (!(c & THEME_RGB))
		return (short) c;
	r = (c >> 16) & 0xFF;
	g = (c >> 8) & 0xFF;
	b = c & 0xFF;
	if (r == g && g == b && r > 4 && r < 246)
		return (short) (232 + (r - 8) / 10);
	return (short) (16 + 36 * ((r + 25) / 51) + 6 * ((g + 25) / 51) +
	    (b + 25) / 51);
}

/* Terminal colour number for c, given how many the terminal has. */
static short
term_color(int c)
{
	if (c < 0)
		return -1;
	if (COLORS >= 256)
		return nearest_256(c);
	if (COLORS >= 16 && !(c & THEME_RGB) && c < 16)
		return (short) c;
	return nearest_8(c);
}

static attr_t
curses_attrs(unsigned a)
{
	attr_t	r = A_NORMAL;

	if (a & THEME_BOLD)
		r |= A_BOLD;
	if (a & THEME_DIM)
		r |= A_DIM;
	if (a & THEME_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_ITALIC)
		r |= A_ITALIC;
	if (a & THEME_BLINK)
		r |= A_BLINK;
	return r;
}

/* Whether the theme's colours differ from the built-in scheme's: then
 * reader.ini set them, and losing them is worth a word. */
static bool
colors_customized(const struct theme *t)
{
	struct theme	def;
	int		i;

	theme_defaults(&def);
	for (i = 0; i < ELEM_COUNT; i++)
		if (t->s[i].fg != def.s[i].fg || t->s[i].bg != def.s[i].bg)
			return true;
	return false;
}

/* Sets up colour pairs, or attributes alone without colour. Returns why
 * colours set in reader.ini are not shown, or NULL. */
static const char *
setup_colors(struct ui *u, const struct theme *t)
{
	const char	*nc = getenv("NO_COLOR");
	bool		 no_color = nc != NULL && nc[0] != '\0';
	bool		 color = has_colors() && !no_color;
	int		 i;

	if (color && start_color() == OK) {
		use_default_colors();
		for (i = 0; i < ELEM_COUNT; i++) {
			u->attr[i] = curses_attrs(t->s[i].attr);
			/* Default colours need no pair: text in them then
			 * costs no colour changes on the wire. */
			if (t->s[i].fg == THEME_DEFAULT_COLOR &&
			    t->s[i].bg == THEME_DEFAULT_COLOR) {
				u->pair[i] = 0;
				continue;
			}
			u->pair[i] = (short) (i + 1);
			init_pair(u->pair[i], term_color(t->s[i].fg),
			    term_color(t->s[i].bg));
		}
		return NULL;
	}
	for (i = 0; i < ELEM_COUNT; i++) {
		u->pair[i] = 0;
		u->attr[i] = curses_attrs(t->s[i].mono);
	}
	if (!colors_customized(t))
		return NULL;
	if (no_color)
		return _("colours from reader.ini not shown: NO_COLOR is "
		    "set");
	return _("colours from reader.ini not shown: the terminal has "
	    "none");
}

/* ---- Painting. ---- */

static void
set_elem(struct ui *u, int e)
{
	attr_set(u->attr[e], u->pair[e], NULL);
}

/* Whether c is an emoji, or part of one, that a ZWJ may follow. */
static bool
emoji_part(wchar_t c)
{
	return c >= 0x1F000 || (c >= 0x2100 && c <= 0x2BFF) || c == 0xA9 ||
	    c == 0xAE || c == 0xFE0F || c == 0x20E3 ||
	    (c >= 0xE0020 && c <= 0xE007F);
}

/* Takes apart the emoji sequences whose width terminals dispute, so that
 * every terminal draws them as wide as reader counts them (the sum of
 * their characters' widths): a ZWJ sequence becomes its emoji side by
 * side, VS16 is left out (text presentation: a keycap is its digit and
 * the enclosing mark), and a skin tone's two columns are left blank
 * after its emoji (drawn, a terminal would join it to the emoji, and
 * curses drops anything of no width put between). The rest of the row
 * then goes where curses thinks it is, and no cell goes stale whatever
 * the terminal would have made of the sequence. A flag (two regional
 * indicators, one column each) is shown as its two letters, which
 * terminals draw one column each whatever they make of flags. Returns
 * the new length of w (which has room for n / 2 more). */
static size_t
split_emoji(wchar_t *w, size_t n)
{
	size_t	i, k = 0, extra = 0;
	wchar_t	prev = 0;

	for (i = 0; i < n; i++)
		if (w[i] >= 0x1F3FB && w[i] <= 0x1F3FF)
			extra++;
	if (extra == 0) {
		for (i = 0; i < n && w[i] != 0x200D && w[i] != 0xFE0F &&
		    (w[i] < 0x1F1E6 || w[i] > 0x1F1FF); i++)
			continue;
		if (i == n)
			return n;
	}
	/* From the end, so that nothing is overwritten before it is read. */
	memmove(w + extra, w, n * sizeof *w);
	for (i = extra; i < n + extra; i++) {
		if (w[i] == 0xFE0F || (w[i] == 0x200D && emoji_part(prev))) {
			prev = w[i];
			continue;
		}
		if (w[i] >= 0x1F3FB && w[i] <= 0x1F3FF && emoji_part(prev)) {
			/* Nothing of no width keeps it apart (curses drops
			 * a zero width space), so its two columns stay
			 * blank. */
			prev = w[i];
			w[k++] = ' ';
			w[k++] = ' ';
			continue;
		}
		prev = w[i];
		/* A regional indicator is its letter: a flag is its
		 * region's code, CN for China. */
		if (w[i] >= 0x1F1E6 && w[i] <= 0x1F1FF)
			w[k++] = L'A' + (w[i] - 0x1F1E6);
		else
			w[k++] = w[i];
	}
	return k;
}

static void
put_text(struct ui *u, const char *s, size_t len)
{
	mbstate_t	 ps;
	const char	*src = s;
	size_t		 n;

	if (len + len / 2 + 1 > u->wcap) {
		u->wcap = len + len / 2 + 64;
		u->wbuf = xreallocarray(u->wbuf, u->wcap, sizeof *u->wbuf);
	}
	memset(&ps, 0, sizeof ps);
	n = mbsnrtowcs(u->wbuf, &src, len, len + 1, &ps);
	if (n == (size_t) -1)
		return;
	n = split_emoji(u->wbuf, n);
	addnwstr(u->wbuf, (int) n);
}

static void
blank(struct ui *u, int e, int n)
{
	set_elem(u, e);
	while (n-- > 0)
		addch(' ');
}

static void
paint_row(struct ui *u, const struct rect *r, int y, const struct vrow *row)
{
	const struct vspan	*sp;
	int			 col = 0, k, w;

	move(r->y + y, r->x);
	if (row->indent > 0) {
		blank(u, row->fill, row->indent < r->w ? row->indent : r->w);
		col = row->indent;
	}
	for (k = 0; k < row->nspans; k++) {
		sp = &u->v.spans[row->first + (uint32_t) k];
		w = text_width(sp->s, sp->len);
		if (col + w > r->w)
			break;
		set_elem(u, sp->elem);
		put_text(u, sp->s, sp->len);
		col += w;
	}
	/* Fill to the pane's edge with explicit blanks: no clear-to-end
	 * that would reach into the pane beside. */
	if (col < r->w)
		blank(u, row->fill, r->w - col);
}

static void
paint(struct ui *u)
{
	struct vscreen	*v = &u->v;
	int		 i, y;

	if (u->clear) {
		clearok(curscr, TRUE);
		u->clear = false;
	}
	/* Every frame starts from blanks (what goes out is still only what
	 * changed): writing over half of an old wide character makes curses
	 * blank its other half, which may be a cell this paint has already
	 * written, after a resize or when a row's wide characters move. */
	erase();
	for (i = 0; i < VP_COUNT; i++) {
		if (!v->p[i].shown)
			continue;
		for (y = 0; y < v->p[i].r.h; y++)
			if (v->p[i].first + (uint32_t) y < v->nrows)
				paint_row(u, &v->p[i].r, y,
				    &v->rows[v->p[i].first + (uint32_t) y]);
	}
	if (v->border) {
		set_elem(u, v->border_elem);
		mvvline(v->border_r.y, v->border_r.x, ACS_VLINE, v->border_r.h);
	}
	set_elem(u, ELEM_NORMAL);
	if (v->cursor) {
		leaveok(stdscr, FALSE);
		curs_set(1);
		move(v->cy, v->cx);
	} else {
		/* The hidden cursor stays wherever drawing left it: moving
		 * it somewhere would cost bytes on every update. */
		leaveok(stdscr, TRUE);
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

static void
layout(struct ui *u)
{
	input_layout(&u->v, u->st, COLS, LINES);
}

static void
redraw(struct ui *u)
{
	layout(u);
	view_build(&u->v, u->st, COLS, LINES);
	paint(u);
}

/* Sends text to the terminal's clipboard (OSC 52), which reaches the
 * local machine even over SSH. */
static void
send_clipboard(const char *s)
{
	static const char	b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmno"
				    "pqrstuvwxyz0123456789+/";
	const unsigned char	*p = (const unsigned char *) s;
	size_t			 n = strlen(s), i;
	unsigned		 v;

	fputs("\033]52;c;", stdout);
	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned) p[i] << 16 | (unsigned) p[i + 1] << 8 | p[i + 2];
		putchar(b64[v >> 18]);
		putchar(b64[v >> 12 & 63]);
		putchar(b64[v >> 6 & 63]);
		putchar(b64[v & 63]);
	}
	if (n - i == 1) {
		v = (unsigned) p[i] << 16;
		printf("%c%c==", b64[v >> 18], b64[v >> 12 & 63]);
	} else if (n - i == 2) {
		v = (unsigned) p[i] << 16 | (unsigned) p[i + 1] << 8;
		printf("%c%c%c=", b64[v >> 18], b64[v >> 12 & 63],
		    b64[v >> 6 & 63]);
	}
	fputs("\a", stdout);
	fflush(stdout);
}

/* ---- Input. ---- */

static key_code
translate(int r, wint_t c)
{
	if (r == KEY_CODE_YES) {
		switch (c) {
		case KEY_UP:		return KEYC_UP;
		case KEY_DOWN:		return KEYC_DOWN;
		case KEY_LEFT:		return KEYC_LEFT;
		case KEY_RIGHT:		return KEYC_RIGHT;
		case KEY_PPAGE:		return KEYC_PPAGE;
		case KEY_NPAGE:		return KEYC_NPAGE;
		case KEY_HOME:		return KEYC_HOME;
		case KEY_END:		return KEYC_END;
		case KEY_IC:		return KEYC_IC;
		case KEY_DC:		return KEYC_DC;
		case KEY_BTAB:		return KEYC_BTAB;
		case KEY_BACKSPACE:	return KEYC_BSPACE;
		case KEY_ENTER:		return KEYC_ENTER;
		case KEY_RESIZE:	return KEYC_RESIZE;
		case KEY_MOUSE:		return KEYC_MOUSE;
		}
		if (c >= KEY_F(1) && c <= KEY_F(12))
			return KEYC_F1 + (key_code) (c - KEY_F(1));
		return KEYC_NONE;
	}
	switch (c) {
	case '\r':
	case '\n':	return KEYC_ENTER;
	case '\t':	return KEYC_TAB;
	case 127:
	case 8:		return KEYC_BSPACE;
	case 27:	return KEYC_ESC;
	case ' ':	return KEYC_SPACE;
	}
	return (key_code) c;
}

/* Reads the next key or character the terminal sent, as get_wch() would:
 * *r is KEY_CODE_YES for a key code, OK for a character. The bytes of a
 * character come one by one from wgetch() and are put together by the C
 * library (mbrtowc), because get_wch() drops the byte after one that
 * cannot begin a character: a key typed right after a stray byte was
 * lost. Here a byte that cannot be part of a character is dropped alone,
 * and the bytes after it are read again. A character whose bytes have
 * not all come waits in u->mb. Returns false when nothing (whole) waits. */
static bool
read_char(struct ui *u, int *r, wint_t *c)
{
	mbstate_t	ms;
	wchar_t		wc;
	size_t		n;
	int		b;

	*r = ERR;
	for (;;) {
		while (u->mbn > 0) {
			memset(&ms, 0, sizeof ms);
			n = mbrtowc(&wc, u->mb, u->mbn, &ms);
			if (n == (size_t) -2 && u->mbn < sizeof u->mb)
				break;		/* more bytes to come */
			if (n == (size_t) -1 || n == (size_t) -2) {
				/* Invalid: the first byte goes, the rest is
				 * read again. */
				memmove(u->mb, u->mb + 1, --u->mbn);
				continue;
			}
			if (n == 0)
				n = 1;		/* a NUL */
			memmove(u->mb, u->mb + n, u->mbn - n);
			u->mbn -= n;
			*r = OK;
			*c = (wint_t) wc;
			return true;
		}
		if ((b = wgetch(stdscr)) == ERR)
			return false;
		if (b > 0xff) {
			/* A key code: a character begun before it is lost,
			 * as a broken sequence would be (a resize is no
			 * byte, and breaks nothing). */
			if (b != KEY_RESIZE)
				u->mbn = 0;
			*r = KEY_CODE_YES;
			*c = (wint_t) b;
			return true;
		}
		u->mb[u->mbn++] = (char) b;
	}
}

/* Reads what the terminal sent next, a key read ahead first. Returns
 * false when nothing waits. Invalid bytes are dropped here: only a real
 * end of input (see input_ended()) ends the session. */
static bool
next_input(struct ui *u, int *r, wint_t *c)
{
	if (u->pushed) {
		u->pushed = false;
		*r = u->push_r;
		*c = u->push_c;
		return true;
	}
	return read_char(u, r, c);
}

/* Keeps one input for the next read. curses' own pushback is not used:
 * unget_wch() would turn a key code such as KEY_RESIZE into a character. */
static void
push_input(struct ui *u, int r, wint_t c)
{
	u->pushed = true;
	u->push_r = r;
	u->push_c = c;
}

/* What a pasted character becomes: itself in a prompt (a line break or
 * tab as a space), nothing elsewhere, so pasted text never runs actions. */
static key_code
pasted(struct ui *u, int r, wint_t c)
{
	if (r == KEY_CODE_YES)
		return c == KEY_RESIZE ? KEYC_RESIZE : KEYC_NONE;
	if (!u->st->prompt.active)
		return KEYC_NONE;
	/* A line break (CR, LF or both) or a tab becomes one space. */
	if (c == '\n' && u->paste_cr) {
		u->paste_cr = false;
		return KEYC_NONE;
	}
	u->paste_cr = c == '\r';
	if (c == '\r' || c == '\n' || c == '\t')
		return KEYC_SPACE;
	if (c < 0x20 || (c >= 0x7F && c < 0xA0))
		return KEYC_NONE;
	return c == ' ' ? KEYC_SPACE : (key_code) c;
}

/* After an Esc: drops the rest of a cursor position report, [ row ; col
 * R, that the terminal sent too late for the width probe. Returns whether
 * it did; anything else is kept for reading. */
static bool
drop_report(struct ui *u)
{
	wint_t	c;
	int	r, n = 0;

	if (!next_input(u, &r, &c))
		return false;
	if (r == KEY_CODE_YES || c != '[') {
		push_input(u, r, c);
		return false;
	}
	while (next_input(u, &r, &c) && r != KEY_CODE_YES &&
	    ((c >= '0' && c <= '9') || c == ';'))
		n++;
	if (r == KEY_CODE_YES || c != 'R' || n == 0) {
		/* Not a report after all: what was read is lost, as a
		 * broken sequence would be. */
		if (r != ERR)
			push_input(u, r, c);
		return true;
	}
	ui_probe_answered();
	return true;
}

/* Reads one key without waiting; KEYC_NONE if there is none. An Esc
 * followed at once by another key is Alt with that key. */
static key_code
read_key(struct ui *u)
{
	wint_t		c;
	int		r;
	key_code	k, next;

	for (;;) {
		if (!next_input(u, &r, &c))
			return KEYC_NONE;
		if (r == KEY_CODE_YES && c == KEY_PASTE_BEGIN) {
			u->pasting = true;
			u->paste_cr = false;
			continue;
		}
		if (r == KEY_CODE_YES && c == KEY_PASTE_END) {
			u->pasting = false;
			continue;
		}
		if (u->pasting) {
			if ((k = pasted(u, r, c)) != KEYC_NONE)
				return k;
			continue;
		}
		k = translate(r, c);
		if (k == KEYC_NONE)
			continue;
		break;
	}
	if (k == KEYC_ESC && ui_probe_late_reply() && drop_report(u))
		return read_key(u);
	if (k == KEYC_ESC && next_input(u, &r, &c)) {
		next = translate(r, c);
		if (next != KEYC_NONE && (next < KEYC_BASE ||
		    (next >= KEYC_UP && next < KEYC_MOUSE)))
			return next | KEYC_META;
		push_input(u, r, c);
	}
	return k;
}

/* Whether input has really ended (the terminal hung up): it polls
 * readable while no byte waits. After invalid bytes curses dropped, the
 * terminal is not readable any more, so those never end the session. */
static bool
input_ended(void)
{
	struct pollfd	pfd = { STDIN_FILENO, POLLIN, 0 };
	int		n = 0;

	if (poll(&pfd, 1, 0) <= 0)
		return false;
	if (pfd.revents & (POLLERR | POLLNVAL | POLLHUP))
		return true;
	return ioctl(STDIN_FILENO, FIONREAD, &n) == 0 && n == 0;
}

static int
on_mouse(struct ui *u)
{
	MEVENT	ev;

	if (getmouse(&ev) != OK)
		return RE_NONE;
	if (ev.bstate & BUTTON4_PRESSED)
		return input_mouse(u->st, &u->v, ev.y, ev.x, INPUT_WHEEL_UP);
	if (ev.bstate & BUTTON5_PRESSED)
		return input_mouse(u->st, &u->v, ev.y, ev.x, INPUT_WHEEL_DOWN);
	if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		return input_mouse(u->st, &u->v, ev.y, ev.x,
		    INPUT_DOUBLE_CLICK);
	if (ev.bstate & BUTTON1_CLICKED)
		return input_mouse(u->st, &u->v, ev.y, ev.x, INPUT_CLICK);
	return RE_NONE;
}

/* Handles one key; returns the redraw flags. */
static int
on_key(struct ui *u, key_code k)
{
	struct state	*st = u->st;
	enum action	 a;

	if (k == KEYC_RESIZE)
		return RE_DRAW | RE_CLEAR;
	if (COLS < VIEW_MIN_COLS || LINES < VIEW_MIN_LINES) {
		/* Nothing is shown to act on: only quit and redraw work,
		 * and a click lands nowhere. */
		if (k == KEYC_MOUSE)
			return RE_NONE;
		a = keymap_lookup(st->keys, k);
		if (a != ACT_QUIT && a != ACT_REDRAW)
			return RE_NONE;
		return action_run(st, a);
	}
	if (k == KEYC_MOUSE)
		return on_mouse(u);
	return input_key(u->st, k);
}

/* Waits up to ms for input. Returns 1 when a key may be read, 0 on a
 * timeout or a signal, -1 when the terminal has gone away. */
static int
wait_input(int ms)
{
	struct pollfd	pfd = { STDIN_FILENO, POLLIN, 0 };
	int		r = poll(&pfd, 1, ms);

	if (r < 0)
		return errno == EINTR ? 0 : -1;
	if (r == 0)
		return 0;
	if (pfd.revents & (POLLERR | POLLNVAL))
		return -1;
	if ((pfd.revents & POLLHUP) && !(pfd.revents & POLLIN))
		return -1;
	return 1;
}

/* Catches sig unless it was ignored when reader started: under nohup a
 * hang-up stays ignored, and the closed terminal is noticed as the end
 * of input instead. */
static void
catch_signal(int sig, const struct sigaction *sa)
{
	struct sigaction	old;

	if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
		return;
	sigaction(sig, sa, NULL);
}

static void
install_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the signal must break poll() at once. */
	catch_signal(SIGINT, &sa);
	catch_signal(SIGTERM, &sa);
	catch_signal(SIGHUP, &sa);
	/* Every signal that would end reader ends it through the same door,
	 * the terminal restored and the state saved. */
	catch_signal(SIGQUIT, &sa);
	catch_signal(SIGUSR1, &sa);
	catch_signal(SIGUSR2, &sa);
	catch_signal(SIGALRM, &sa);
	catch_signal(SIGVTALRM, &sa);
	catch_signal(SIGPROF, &sa);
	/* Suspending is done by the loop, which turns bracketed paste off
	 * first; installed before curses starts, so curses leaves it be. */
	sa.sa_handler = on_stop;
	catch_signal(SIGTSTP, &sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	/* A full disk or a file size limit makes writes fail, not kill. */
	sigaction(SIGXFSZ, &sa, NULL);
}

/* Says how many problems loading met, and the first. */
static void
say_problems(struct ui *u)
{
	input_say_problems(u->st, u->cs);
}

/* Loads one slice of the library and shows it; the keyboard is looked
 * at between slices, so the list can be used while it fills. */
static void
load_some(struct ui *u)
{
	input_load(u->st, &u->ld, LOAD_SLICE_US, u->cs);
	redraw(u);
}

/* Stops reader for Ctrl-Z: the terminal is given back as it was, and
 * taken again, with the whole screen redrawn, when the shell resumes it. */
static void
suspend(struct ui *u)
{
	struct sigaction	sa, old;

	stop_requested = 0;
	send_raw(PASTE_OFF);
	endwin();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, &old);
	raise(SIGTSTP);
	/* Here again after SIGCONT. */
	sigaction(SIGTSTP, &old, NULL);
	refresh();
	send_raw(PASTE_ON);
	u->clear = true;
	redraw(u);
}

/* Whether it is time to look at the library's directories again. */
static bool
watch_due(struct ui *u)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (u->watched.tv_sec != 0 && now.tv_sec - u->watched.tv_sec <
	    WATCH_SECS)
		return false;
	u->watched = now;
	return true;
}

/* The main loop: keys queued faster than the screen can be sent are all
 * handled before the next paint, so frames are skipped, not queued. */
static void
loop(struct ui *u)
{
	key_code	k;
	int		re, w;

	for (;;) {
		/* C-c in the search prompt cancels it, as in less, mutt and
		 * vim (the terminal turns it into SIGINT); elsewhere it
		 * quits. */
		if (caught_signal == SIGINT && u->st->prompt.active) {
			caught_signal = 0;
			input_key(u->st, 3);
			redraw(u);
			continue;
		}
		if (caught_signal != 0)
			return;
		if (xalloc_dying())
			xalloc_die();
		if (stop_requested)
			suspend(u);
		if (u->ld != NULL)
			load_some(u);
		else if (input_index_poll(u->st) != RE_NONE)
			/* The library is in: the search index follows it, in
			 * the background, and again whenever it changes. */
			redraw(u);
		w = wait_input(persist_wait_ms(u->st->persist, u->ld != NULL ?
		    0 : u->st->rd.partial ? IDLE_MS : TICK_MS));
		if (w == 0 && persist_place_due(u->st->persist))
			/* The position has stayed put: journal it. */
			state_save_place(u->st);
		if (w == 0 && u->ld == NULL && watch_due(u) &&
		    input_watch(u->st) != RE_NONE) {
			/* Files came or went while the keys rested. */
			redraw(u);
			continue;
		}
		if (w == 0 && u->ld == NULL && u->st->rd.partial &&
		    caught_signal == 0) {
			/* Idle a while: read the rest of the large article. A
			 * key pressed first (End, say) is not kept waiting. */
			input_idle(u->st);
			redraw(u);
			continue;
		}
		if (w < 0) {
			u->gone = true;
			return;
		}
		/* A paste whose end marker never came ends when input
		 * pauses, so keys are not swallowed for good. */
		if (w == 0 && u->ld == NULL)
			u->pasting = false;
		re = RE_NONE;
		/* Even without input a key may wait: a resize (SIGWINCH
		 * broke the poll) becomes KEY_RESIZE on the next read. */
		if ((k = read_key(u)) == KEYC_NONE) {
			if (w == 0 || !input_ended())
				continue;
			u->gone = true;
			return;
		}
		do {
			re |= on_key(u, k);
			if (re & RE_QUIT)
				return;
			if ((re & RE_CLIPBOARD) && u->st->clipboard != NULL) {
				redraw(u);
				send_clipboard(u->st->clipboard);
				x_free(u->st->clipboard);
				re &= ~RE_CLIPBOARD;
			}
		} while (caught_signal == 0 && !stop_requested &&
		    (k = read_key(u)) != KEYC_NONE);
		if (re != RE_NONE)
			persist_moved(u->st->persist);
		if (re & RE_CLEAR)
			u->clear = true;
		if (re != RE_NONE)
			redraw(u);
	}
}

/* Once the first screen is out: makes the state directory and starts the
 * journal, which it need not wait for. What went wrong counts among the
 * problems of loading, said now if loading is over, else when it is. */
static void
settle_state(struct ui *u)
{
	size_t	had = u->cs->n;

	persist_settle(u->st->persist, u->cs);
	if (u->cs->n > had && u->ld == NULL) {
		say_problems(u);
		redraw(u);
	}
}

/* Gives curses the keys typed while the terminal was probed. */
static void
push_kept(void)
{
	const char	*p;
	size_t		 n = ui_probe_kept(&p);

	while (n > 0)
		ungetch((unsigned char) p[--n]);
}

/* Runs the interface until the user quits, a signal arrives or the
 * terminal goes away; saves the reading state in every case. Returns the
 * exit status, or -1 (with a cause in load) if the terminal will not do. */
int
ui_run(struct state *st, const struct theme *t, struct causes *load,
    struct loader *ld)
{
	struct ui	 u;
	SCREEN		*scr;
	const char	*no_colors;
	int		 status = 0;

	memset(&u, 0, sizeof u);
	u.st = st;
	u.ld = ld;
	u.cs = load;
	st->loading = ld != NULL;
	install_signals();
	set_escdelay(ESC_DELAY_MS);
	scr = newterm(NULL, stdout, stdin);
	if (ui_term_usable(scr, load) != 0) {
		if (scr != NULL) {
			endwin();
			delscreen(scr);
		}
		return -1;
	}
	set_term(scr);
	curses_active = true;
	xalloc_on_die(restore_terminal);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	idlok(stdscr, TRUE);
	/* Until the screen has once been left and taken back, ncurses (6.4)
	 * sends what it has after every cursor movement: a frame went out in
	 * a write for each row, over SSH a packet each. Leaving and taking it
	 * back costs some 70 bytes, once; done before colours are started,
	 * as taking it back then would reset the terminal's palette. */
	endwin();
	refresh();
	push_kept();
	define_key("\033[200~", KEY_PASTE_BEGIN);
	define_key("\033[201~", KEY_PASTE_END);
	send_raw(PASTE_ON);
	no_colors = setup_colors(&u, t);
	if (st->set->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
		    BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	layout(&u);
	if (!st->rd.has_page)
		state_restore_last(st);
	if (ld == NULL)
		say_problems(&u);
	/* Said once, unless problems while loading have more to say. */
	if (no_colors != NULL && st->msg == NULL)
		state_message(st, false, "%s", no_colors);
	redraw(&u);
	settle_state(&u);
	loop(&u);
	state_save_place(st);
	persist_save(st->persist, NULL);
	if (!u.gone)
		restore_terminal();
	curses_active = false;
	xalloc_on_die(NULL);
	delscreen(scr);
	view_free(&u.v);
	free(u.wbuf);
	if (caught_signal != 0)
		status = 128 + caught_signal;
	else if (u.gone)
		status = 1;
	return status;
}
