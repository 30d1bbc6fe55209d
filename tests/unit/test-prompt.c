/* Unit tests of prompt.c: the search prompt's line editor. Keys that
 * edit, keys that mean nothing, a full buffer, multibyte characters and
 * pastes. prompt_check() is asserted after every step. */
#include "system.h"

#include <stdio.h>

#include "keymap.h"
#include "prompt.h"
#include "tap.h"
#include "text.h"

/* todo() */
#include "fixture.h"

#define CHECK(p, ...) do {						\
	const char *why_ = prompt_check(p);				\
	ok(why_ == NULL, __VA_ARGS__);					\
	if (why_ != NULL)						\
		printf("#   broken: %s\n", why_);			\
} while (0)

static void
start(struct prompt *p)
{
	struct place	at = { 3, 4 };

	memset(p, 0xAA, sizeof *p);
	prompt_start(p, 1, 42, &at);
}

/* Types s one character at a time; returns how many edited. */
static int
type(struct prompt *p, const char *s)
{
	size_t		i, n = strlen(s), len;
	uint32_t	c;
	int		edited = 0;

	for (i = 0; i < n; i += len) {
		len = text_next_char(s + i, n - i, &c);
		edited += prompt_key(p, c == ' ' ? KEYC_SPACE : c) ==
		    PROMPT_EDITED;
	}
	return edited;
}

static void
test_start(void)
{
	struct prompt	p;

	start(&p);
	ok(p.active && p.pane == 1 && p.len == 0 && p.buf[0] == '\0',
	    "start: active and empty");
	ok(p.saved == 42 && p.saved_at.para == 3 && p.saved_at.chr == 4,
	    "start: remembers where to go back to");
	CHECK(&p, "start: holds");
}

/* Keys that end or edit, and keys that mean nothing. */
static const struct {
	const char		*before;
	key_code		 key;
	enum prompt_result	 result;
	const char		*after;
} keys[] = {
	{ "", 'a', PROMPT_EDITED, "a" },
	{ "ab", KEYC_SPACE, PROMPT_EDITED, "ab " },
	{ "ab", ' ', PROMPT_EDITED, "ab " },
	{ "ab", KEYC_ENTER, PROMPT_ACCEPT, "ab" },
	{ "", KEYC_ENTER, PROMPT_ACCEPT, "" },
	{ "ab", KEYC_ESC, PROMPT_CANCEL, "ab" },
	{ "ab", 3, PROMPT_CANCEL, "ab" },		/* C-c */
	{ "ab", 7, PROMPT_CANCEL, "ab" },		/* C-g */
	{ "ab", 21, PROMPT_EDITED, "" },		/* C-u */
	{ "", 21, PROMPT_IGNORED, "" },
	{ "ab", KEYC_BSPACE, PROMPT_EDITED, "a" },
	{ "", KEYC_BSPACE, PROMPT_CANCEL, "" },
	{ "新闻", KEYC_BSPACE, PROMPT_EDITED, "新" },
	{ "a😀", KEYC_BSPACE, PROMPT_EDITED, "a" },
	{ "é", KEYC_BSPACE, PROMPT_EDITED, "" },
	{ "ab", 0x4E2D, PROMPT_EDITED, "ab中" },
	{ "ab", 0x1F600, PROMPT_EDITED, "ab😀" },
	{ "ab", 0xFF21, PROMPT_EDITED, "abＡ" },
	/* Keys that mean nothing here. */
	{ "ab", KEYC_NONE, PROMPT_IGNORED, "ab" },
	{ "ab", '\t', PROMPT_IGNORED, "ab" },
	{ "ab", '\n', PROMPT_IGNORED, "ab" },
	{ "ab", 0x1b, PROMPT_IGNORED, "ab" },
	{ "ab", 0x7f, PROMPT_IGNORED, "ab" },
	{ "ab", 0x9b, PROMPT_IGNORED, "ab" },
	{ "ab", KEYC_UP, PROMPT_IGNORED, "ab" },
	{ "ab", KEYC_HOME, PROMPT_IGNORED, "ab" },
	{ "ab", KEYC_TAB, PROMPT_IGNORED, "ab" },
	{ "ab", KEYC_F1 + 3, PROMPT_IGNORED, "ab" },
	{ "ab", KEYC_MOUSE, PROMPT_IGNORED, "ab" },
	{ "ab", KEYC_RESIZE, PROMPT_IGNORED, "ab" },
	{ "ab", KEYC_META | 'x', PROMPT_IGNORED, "ab" },
	{ "ab", KEYC_LAST + 5, PROMPT_IGNORED, "ab" },
	{ "ab", 0xD800, PROMPT_IGNORED, "ab" },		/* a surrogate */
	{ "ab", 0xDFFF, PROMPT_IGNORED, "ab" },
	{ "ab", 0xFFFFFFFF, PROMPT_IGNORED, "ab" },
};

static void
test_keys(void)
{
	struct prompt		p;
	enum prompt_result	r;
	size_t			i;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		start(&p);
		type(&p, keys[i].before);
		is_str(p.buf, keys[i].before, "key %zu: text typed first", i);
		r = prompt_key(&p, keys[i].key);
		is_int(r, keys[i].result, "'%s' then key 0x%x: result",
		    keys[i].before, (unsigned) keys[i].key);
		is_str(p.buf, keys[i].after, "  text after it");
		is_int(p.len, strlen(keys[i].after), "  length after it");
		CHECK(&p, "  holds");
	}
}

/* Backspace takes a whole character, whatever its length. */
static void
test_backspace(void)
{
	struct prompt	p;
	const char	*s = "a新é😀Ｚ";
	size_t		 lens[] = { 0, 1, 4, 6, 10, 13 };
	int		 k;

	start(&p);
	is_int(type(&p, s), 5, "five characters typed");
	for (k = 5; k > 0; k--) {
		is_int(prompt_key(&p, KEYC_BSPACE), PROMPT_EDITED,
		    "backspace %d", 6 - k);
		is_int(p.len, lens[k - 1], "  a whole character gone");
		ok(strncmp(p.buf, s, p.len) == 0, "  the rest kept");
		CHECK(&p, "  holds");
	}
	is_int(prompt_key(&p, KEYC_BSPACE), PROMPT_CANCEL, "backspace on "
	    "nothing cancels");
	CHECK(&p, "holds");
}

/* A full buffer takes nothing more, and never splits a character. */
static void
test_full(void)
{
	struct prompt	p;
	int		i, n;

	start(&p);
	for (i = 0; i < PROMPT_MAX + 10; i++)
		prompt_key(&p, 'x');
	is_int(p.len, PROMPT_MAX - 1, "ASCII fills all but the NUL");
	is_int(prompt_key(&p, 'y'), PROMPT_IGNORED, "full: a key is ignored");
	is_int(prompt_key(&p, 0x4E2D), PROMPT_IGNORED, "full: a wide one too");
	is_int(prompt_insert(&p, "zz", 2), PROMPT_IGNORED, "full: a paste "
	    "is ignored");
	CHECK(&p, "full: holds");
	is_int(prompt_key(&p, KEYC_BSPACE), PROMPT_EDITED, "full: backspace");
	is_int(prompt_key(&p, 0x4E2D), PROMPT_IGNORED, "one byte free: a "
	    "three-byte character does not fit");
	is_int(prompt_key(&p, 'y'), PROMPT_EDITED, "  a one-byte one does");
	CHECK(&p, "holds");

	start(&p);
	for (n = 0; prompt_key(&p, 0x4E2D) == PROMPT_EDITED; n++)
		;
	is_int(n, (PROMPT_MAX - 1) / 3, "three-byte characters: as many "
	    "as fit whole");
	ok(p.len + 3 >= PROMPT_MAX && p.len < PROMPT_MAX, "  and no more");
	ok(text_valid_utf8(p.buf, p.len, NULL), "  valid UTF-8");
	CHECK(&p, "full of wide characters: holds");
	start(&p);
	for (n = 0; prompt_key(&p, 0x1F600) == PROMPT_EDITED; n++)
		;
	is_int(n, (PROMPT_MAX - 1) / 4, "four-byte characters: as many "
	    "as fit whole");
	is_int(prompt_key(&p, 21), PROMPT_EDITED, "C-u empties a full one");
	is_int(p.len, 0, "  empty");
	CHECK(&p, "holds");
}

/* Pasted text: line breaks and tabs become spaces, controls go. */
static const struct {
	const char		*paste;
	size_t			 len;
	enum prompt_result	 result;
	const char		*after;
} pastes[] = {
	{ "abc", 3, PROMPT_EDITED, "xabc" },
	{ "a\nb", 3, PROMPT_EDITED, "xa b" },
	{ "a\r\nb\n", 5, PROMPT_EDITED, "xa  b " },
	{ "\tq", 2, PROMPT_EDITED, "x q" },
	{ "新\n闻", 7, PROMPT_EDITED, "x新 闻" },
	{ "\x1b[31mred", 8, PROMPT_EDITED, "x[31mred" },
	{ "\x1b\x7f\x01", 3, PROMPT_IGNORED, "x" },
	{ "", 0, PROMPT_IGNORED, "x" },
	{ "a\0b", 3, PROMPT_EDITED, "xab" },
	{ "\xc2\x9b" "1", 3, PROMPT_EDITED, "x1" },	/* C1 CSI */
	{ "\xff" "z", 2, PROMPT_EDITED, "x\xef\xbf\xbdz" },
	{ "\xe6\x96", 2, PROMPT_EDITED, "x\xef\xbf\xbd" },	/* cut */
};

static void
test_paste(void)
{
	struct prompt	p;
	size_t		i;
	char		big[1000];

	for (i = 0; i < ARRAY_SIZE(pastes); i++) {
		start(&p);
		prompt_key(&p, 'x');
		is_int(prompt_insert(&p, pastes[i].paste, pastes[i].len),
		    pastes[i].result, "paste %zu: result", i);
		is_str(p.buf, pastes[i].after, "  text");
		CHECK(&p, "  holds");
	}
	start(&p);
	memset(big, 'q', sizeof big);
	big[500] = '\n';
	is_int(prompt_insert(&p, big, sizeof big), PROMPT_EDITED, "a paste "
	    "longer than the prompt");
	is_int(p.len, PROMPT_MAX - 1, "  as much as fits");
	CHECK(&p, "  holds");
	start(&p);
	prompt_insert(&p, "新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻"
	    "新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻"
	    "新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻"
	    "新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻新闻",
	    3 * 112);
	is_int(p.len, 3 * ((PROMPT_MAX - 1) / 3), "a long Chinese paste: "
	    "whole characters only");
	CHECK(&p, "  holds");
}

/* Bidirectional embeddings, overrides and isolates (and interlinear
 * annotations) are shown as U+FFFD everywhere else, since they reorder
 * what follows them on screen, and bidirectional marks are left out; in
 * the prompt they are kept, and the status line prints them as they
 * are (so does the "not found: %s" message). */
static void
test_bidi(void)
{
	static const key_code	bidi[] = { 0x202A, 0x202E, 0x2066, 0x2069,
	    0x200F, 0xFFF9 };
	struct prompt		p;
	size_t			i;

	for (i = 0; i < ARRAY_SIZE(bidi); i++) {
		start(&p);
		prompt_key(&p, 'a');
		ok(prompt_key(&p, bidi[i]) == PROMPT_IGNORED && p.len == 1,
		    "key U+%04X (reorders or annotates) is not inserted",
		    (unsigned) bidi[i]);
		CHECK(&p, "  holds");
	}
	start(&p);
	ok(prompt_insert(&p, "\xe2\x80\xae" "z", 4) == PROMPT_EDITED &&
	    strcmp(p.buf, "z") == 0, "a pasted U+202E is not inserted");
	CHECK(&p, "  holds");
}

/* The check is not blind. */
static void
test_check_catches(void)
{
	struct prompt	p;

	start(&p);
	type(&p, "abc");
	p.buf[3] = 'd';
	ok(prompt_check(&p) != NULL, "caught: not terminated");
	p.buf[3] = '\0';
	p.buf[1] = (char) 0xff;
	ok(prompt_check(&p) != NULL, "caught: not UTF-8");
	p.buf[1] = 'b';
	p.len = PROMPT_MAX;
	ok(prompt_check(&p) != NULL, "caught: too long");
	p.len = 3;
	ok(prompt_check(&p) == NULL, "  and whole again");
}

int
main(void)
{
	tap_locale();
	text_init();
	test_start();
	test_keys();
	test_backspace();
	test_full();
	test_paste();
	test_bidi();
	test_check_catches();
	return tap_done();
}
