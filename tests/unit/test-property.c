/* Property test of the layout on every fixture and sample, at every
 * width from 4 to 200 and with East Asian ambiguous characters one and
 * two columns wide: each line fits (measured by the C library's wcwidth,
 * independently of text.c, plus a column for each ambiguous character
 * when they are wide), shows no control character, loses and reorders no
 * text, keeps the Chinese line-breaking rules, splits no word and no
 * grapheme cluster that would have fitted. */
#include "system.h"

#include <dirent.h>
#include <stdio.h>
#include <wchar.h>
#include <wctype.h>

#include <unigbrk.h>
#include <unilbrk.h>
#include <uniwidth.h>

#include "corpus.h"
#include "page.h"
#include "tap.h"
#include "text.h"
#include "xmalloc.h"

#define MIN_W	4
#define MAX_W	200
#define MAX_REPORTS 5

struct check {
	const char	*file;
	int		 width;
	int		 ambiguous;
	int		 failures;
	char		*first;
};

static void ATTR_PRINTF(2, 3)
fail(struct check *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	c->failures++;
	if (c->failures > MAX_REPORTS)
		return;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	printf("#   %s at width %d (ambiguous %d): %s\n", c->file, c->width,
	    c->ambiguous, msg ? msg : "?");
	free(msg);
}

/* Converts UTF-8 to wide characters with the C library. */
static wchar_t *
widen(const char *s, size_t n, size_t *wn)
{
	wchar_t		*w = xreallocarray(NULL, n + 1, sizeof *w);
	mbstate_t	 st;
	size_t		 i = 0, k = 0, r;

	memset(&st, 0, sizeof st);
	while (i < n) {
		r = mbrtowc(&w[k], s + i, n - i, &st);
		if (r == (size_t) -1 || r == (size_t) -2) {
			w[k++] = 0xFFFF;	/* flags bad UTF-8 */
			i++;
			memset(&st, 0, sizeof st);
			continue;
		}
		i += r ? r : 1;
		k++;
	}
	w[k] = 0;
	*wn = k;
	return w;
}

static bool
is_control(wchar_t c)
{
	return c < 0x20 || (c >= 0x7F && c < 0xA0) ||
	    (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0xFFFF;
}

/* The columns of n wide characters: the C library's, plus one for each
 * character of East Asian Width class A (ambiguous) when those are wide.
 * The class is what libunistring's widths differ in between a CJK and a
 * Unicode encoding, and U+FFFD, which is in it too. */
static int
ref_width(const struct check *c, const wchar_t *w, size_t n)
{
	int	total = wcswidth(w, n), k;
	size_t	i;

	if (total < 0 || c->ambiguous == 1)
		return total;
	for (i = 0; i < n; i++) {
		k = wcwidth(w[i]);
		if (k == 1 && (w[i] == 0xFFFD ||
		    (uc_width((ucs4_t) w[i], "GBK") == 2 &&
		    uc_width((ucs4_t) w[i], "UTF-8") == 1)))
			total++;
	}
	return total;
}

/* Checks one line: its width (which must be what the layout says it is,
 * as ncursesw will place it) and its characters. */
static void
check_line(struct check *c, const char *s, size_t n, int indent, int said)
{
	size_t	 wn, i;
	wchar_t	*w = widen(s, n, &wn);
	int	 width = ref_width(c, w, wn);

	if (width < 0)
		fail(c, "a character without width in '%.*s'", (int) n, s);
	else if (width != said)
		fail(c, "layout says width %d, wcswidth %d: '%.*s'", said,
		    width, (int) n, s);
	else if (width + indent > c->width)
		fail(c, "line of width %d: '%.*s'", width + indent, (int) n, s);
	for (i = 0; i < wn; i++)
		if (is_control(w[i])) {
			fail(c, "control U+%04X in '%.*s'", (unsigned) w[i],
			    (int) n, s);
			break;
		}
	free(w);
}

/* Whether line p has a place between two of its clusters where it could
 * end and keep the Chinese rules. */
static bool
kinsoku_possible(const char *s, const struct line *p, const char *gb)
{
	size_t		i, end = p->off + p->len;
	uint32_t	c;

	for (i = p->off + 1; i < end; i++) {
		if (!gb[i])
			continue;
		text_next_char(s + i, end - i, &c);
		if (!text_no_line_start(c) &&
		    !text_no_line_end(text_prev_char(s, i)))
			return true;
	}
	return false;
}

/* Checks the junction between lines k and k + 1 of a block, given the
 * block's UAX #14 break opportunities (from libunistring, the reference)
 * and cluster starts. A break where UAX #14 allows one must also keep the
 * Chinese rules; a forced break may only cut a token (and a cluster only
 * cut a cluster) that is wider than the line. */
static void
check_break(struct check *c, const struct pblock *b, size_t k,
    const char *brk, const char *gb)
{
	const struct line	*p = &b->lines[k], *q = &b->lines[k + 1];
	const char		*s = b->s;
	size_t			 j = q->off, a, z;
	uint32_t		 first, last;
	/* A word may not be cut if it fits on either line. */
	int			 avail = c->width - (p->indent < q->indent ?
				     p->indent : q->indent);

	if (p->len == 0 || j >= b->len)
		return;
	text_next_char(s + j, b->len - j, &first);
	last = text_prev_char(s, p->off + p->len);
	if (brk[j]) {
		if (text_no_line_start(first))
			fail(c, "line starts with a closing mark: '%.*s'",
			    (int) q->len, s + j);
		if (text_no_line_end(last))
			fail(c, "line ends with an opening mark: '%.*s'",
			    (int) p->len, s + p->off);
		return;
	}
	if ((text_no_line_start(first) || text_no_line_end(last)) &&
	    kinsoku_possible(s, p, gb))
		fail(c, "a forced break against the Chinese rules: '%.*s|%.*s'",
		    (int) p->len, s + p->off, (int) q->len, s + j);
	for (a = j; a > 0 && !brk[a]; a--)
		;
	for (z = j + 1; z < b->len && !brk[z]; z++)
		;
	while (z > a && s[z - 1] == ' ')
		z--;
	if (text_width(s + a, z - a) <= avail)
		fail(c, "token split though it fits: '%.*s|%.*s'",
		    (int) (j - a), s + a, (int) (z - j), s + j);
	if (!gb[j]) {
		for (a = j; a > 0 && !gb[a]; a--)
			;
		for (z = j + 1; z < b->len && !gb[z]; z++)
			;
		if (text_width(s + a, z - a) <= avail)
			fail(c, "cluster split: '%.*s'", (int) (z - a), s + a);
	}
}

static void
strip_spaces(const char *s, size_t n, char **out, size_t *len, size_t *cap)
{
	size_t	i;

	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*out = xreallocarray(*out, *cap, 1);
	}
	for (i = 0; i < n; i++)
		if (s[i] != ' ')
			(*out)[(*len)++] = s[i];
}

static void
check_width(struct check *c, struct page *pg)
{
	char	*want = NULL, *got = NULL;
	size_t	 wl = 0, wc = 0, gl = 0, gc = 0, i, k;

	page_set_width(pg, c->width);
	for (i = 0; i < pg->nb; i++) {
		struct pblock *b = page_block(pg, i);
		char *brk = xmalloc(b->len + 1), *gb = xmalloc(b->len + 1);

		/* The break opportunities: libunistring's, as tailored in
		 * text.c (LB29). */
		text_line_breaks(b->s, b->len, brk);
		u8_grapheme_breaks((const uint8_t *) b->s, b->len, gb);

		strip_spaces(b->s, b->len, &want, &wl, &wc);
		for (k = 0; k < b->nlines; k++) {
			check_line(c, b->s + b->lines[k].off, b->lines[k].len,
			    b->lines[k].indent, b->lines[k].width);
			strip_spaces(b->s + b->lines[k].off, b->lines[k].len,
			    &got, &gl, &gc);
			if (k + 1 < b->nlines)
				check_break(c, b, k, brk, gb);
		}
		free(brk);
		free(gb);
	}
	if (wl != gl || (wl > 0 && memcmp(want, got, wl) != 0))
		fail(c, "text lost or reordered (%zu bytes in, %zu out)", wl,
		    gl);
	free(want);
	free(got);
}

static void
check_file(const char *path)
{
	struct causes	cs;
	struct doc	d;
	struct page	pg;
	struct check	c = { path, 0, 1, 0, NULL };

	causes_init(&cs);
	if (corpus_load_doc(path, &d, &cs) != 0) {
		ok(0, "load %s", path);
		causes_free(&cs);
		return;
	}
	page_build(&pg, &d, true);
	for (c.ambiguous = 1; c.ambiguous <= 2; c.ambiguous++) {
		text_set_ambiguous_width(c.ambiguous);
		page_set_width(&pg, 0);
		for (c.width = MIN_W; c.width <= MAX_W; c.width++)
			check_width(&c, &pg);
	}
	text_set_ambiguous_width(1);
	ok(c.failures == 0, "%s: %d problems at widths %d-%d", path,
	    c.failures, MIN_W, MAX_W);
	page_free(&pg);
	causes_free(&cs);
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
only_articles(const struct dirent *e)
{
	const char	*dot = strrchr(e->d_name, '.');

	return e->d_name[0] != '.' && dot != NULL &&
	    (strcmp(dot, ".txt") == 0 || strcmp(dot, ".bin") == 0);
}

static void
check_dir(const char *dir)
{
	struct dirent	**v;
	int		  n, i;
	char		 *p;

	if (dir == NULL || (n = scandir(dir, &v, only_articles, by_name)) < 0)
		return;
	for (i = 0; i < n; i++) {
		p = xasprintf("%s/%s", dir, v[i]->d_name);
		check_file(p);
		free(p);
		free(v[i]);
	}
	free(v);
}

int
main(int argc, char **argv)
{
	int	i;

	tap_locale();
	text_init();
	if (argc > 1) {
		for (i = 1; i < argc; i++)
			check_file(argv[i]);
		return tap_done();
	}
	check_dir(getenv("DATA"));
	check_dir(getenv("SAMPLES"));
	if (tap_n == 0)
		ok(0, "no fixtures found: set DATA and SAMPLES");
	return tap_done();
}
