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
#include "dump.h"
#include "page.h"
#include "parse.h"
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

/* ---- A long paragraph laid out whole and in pieces. ---- */

/* A paragraph of about n bytes of every kind of text a long article
 * holds, from a fixed seed: Chinese with its punctuation, Latin words,
 * numbers, names and URLs, combining marks, emoji, no-break spaces. */
static char *
long_paragraph(size_t n)
{
	static const char *const bits[] = { "京", "津", "冀", "创", "新",
	    "协", "同", "，", "。", "、", "“", "”", "（", "）", "……", "——",
	    "word ", "words, ", "3.2", "84.7%", "2024年", " ", "e\xCC\x81" "",
	    "libnss_mymachines.so.2", "https://example.com/a_b?q=1&x=2 ",
	    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", "10\xC2\xA0" "km",
	    "a\xE2\x81\xA0" "b", "......", "》", "《", "Mixed中文English" };
	char		*s = xmalloc(n + 64);
	size_t		 k = 0, len;
	uint32_t	 r = 12345;

	memcpy(s, "T\n\n", 3);
	k = 3;
	while (k < n) {
		r = r * 1103515245u + 12345u;
		len = strlen(bits[(r >> 16) % ARRAY_SIZE(bits)]);
		memcpy(s + k, bits[(r >> 16) % ARRAY_SIZE(bits)], len);
		k += len;
	}
	s[k] = '\0';
	return s;
}

/* Lines of a paragraph with offsets from its start. */
static void
lines_of_page(struct page *pg, bool backwards, struct lines *out)
{
	size_t		i, k;
	struct pblock	*b;
	struct line	 l;

	/* Asked for from the end first, as the End key does. */
	if (backwards)
		for (i = pg->body_end; i-- > pg->body_first;)
			(void) page_block(pg, i);
	for (i = pg->body_first; i < pg->body_end; i++) {
		b = page_block(pg, i);
		for (k = 0; k < b->nlines; k++) {
			l = b->lines[k];
			l.off += b->para_off;
			lines_push(out, &l);
		}
	}
}

/* How many of the first n lines of a and b are the same. */
static size_t
same_lines(const struct lines *a, const struct lines *b, size_t n)
{
	size_t	k;

	for (k = 0; k < n && k < a->n && k < b->n; k++)
		if (memcmp(&a->v[k], &b->v[k], sizeof a->v[k]) != 0)
			break;
	return k;
}

/* Prints lines as --dump does, to compare with its output. */
static char *
print_lines(const char *s, const struct lines *l, size_t *len)
{
	char	*buf = NULL;
	FILE	*f = open_memstream(&buf, len);
	size_t	 k;

	for (k = 0; k < l->n; k++)
		fprintf(f, "%*s%.*s\n", l->v[k].indent, "", (int) l->v[k].len,
		    s + l->v[k].off);
	fclose(f);
	return buf;
}

/* A 2 MB paragraph has the same lines wrapped whole, in pieces (in order
 * or from the end), on two threads (--dump), and when only its start was
 * read: at many widths, with both widths of ambiguous characters. */
static void
test_pieces(void)
{
	static const int	 widths[] = { 4, 7, 10, 23, 80, 200 };
	struct layout_scratch	 sc;
	struct lines		 whole, part;
	struct doc		 d, pd;
	struct page		 pg, pre;
	struct wrap		 w;
	const struct para	*pa;
	char			*raw, *text, *got, *want, *pt;
	size_t			 n, i, cut, glen, wlen, plen, k;
	int			 bad = 0, badpre = 0, baddump = 0, amb;
	int			 badfind = 0;
	FILE			*f;

	memset(&sc, 0, sizeof sc);
	raw = long_paragraph(2 * 1024 * 1024);
	text = text_clean(raw, strlen(raw), &n, NULL);
	parse_doc(text, n, &d);
	ok(d.npara == 1 && d.paras[0].text.len > 20 * PAGE_CHUNK,
	    "a paragraph of %u bytes", (unsigned) d.paras[0].text.len);
	pa = &d.paras[0];
	/* Only its start read: about half, cut anywhere in a character. */
	cut = pa->text.off + pa->text.len / 2 + 1;
	free(raw);
	raw = xstrndup(d.text, cut);
	page_build(&pg, &d, false);
	for (amb = 1; amb <= 2; amb++) {
		text_set_ambiguous_width(amb);
		for (i = 0; i < ARRAY_SIZE(widths); i++) {
			pt = text_clean(raw, strlen(raw), &plen, NULL);
			pa = &pg.doc.paras[0];
			memset(&whole, 0, sizeof whole);
			memset(&part, 0, sizeof part);
			w.width = widths[i];
			w.first_indent = pa->indent;
			w.indent = pa->hang;
			layout_wrap(&sc, pg.doc.text + pa->text.off,
			    pa->text.len, &w, &whole);
			page_set_width(&pg, widths[i]);
			lines_of_page(&pg, i % 2 == 1, &part);
			if (part.n != whole.n ||
			    same_lines(&whole, &part, whole.n) != whole.n) {
				bad++;
				printf("#   width %d (ambiguous %d): %zu lines "
				    "whole, %zu in pieces, the first %zu the "
				    "same\n", widths[i], amb, whole.n, part.n,
				    same_lines(&whole, &part, whole.n));
			}
			lines_free(&part);
			/* Each piece's first byte is found on the line that
			 * shows it, though that line began in the piece
			 * before. */
			for (k = pg.body_first + 1; k < pg.body_end; k++) {
				uint32_t at = pg.b[k].para_off, fb, fl;
				const struct line *fline;

				fb = (uint32_t) page_find_para(&pg, 0, at);
				fl = page_line_at(&pg, fb, at -
				    pg.b[fb].para_off);
				fline = &page_block(&pg, fb)->lines[fl];
				if (pg.b[fb].para_off + fline->off > at ||
				    pg.b[fb].para_off + fline->off +
				    fline->len < at)
					badfind++;
			}
			/* Two threads: --dump of the page. */
			page_set_width(&pg, 0);
			page_set_width(&pg, widths[i]);
			got = NULL;
			f = open_memstream(&got, &glen);
			dump_page(f, &pg);
			fclose(f);
			want = print_lines(pg.doc.text + pa->text.off, &whole,
			    &wlen);
			if (glen < wlen || memcmp(got + glen - wlen, want,
			    wlen) != 0)
				baddump++;
			free(got);
			free(want);
			/* The start of the file. */
			parse_doc(pt, plen, &pd);
			page_build(&pre, &pd, false);
			page_set_width(&pre, widths[i]);
			lines_of_page(&pre, false, &part);
			/* The last line, and the one before that looked
			 * at its first cluster, reach the cut. */
			if (part.n < 3 || same_lines(&whole, &part,
			    part.n - 2) != part.n - 2) {
				badpre++;
				k = same_lines(&whole, &part, part.n);
				printf("#   width %d (ambiguous %d): of %zu "
				    "lines of its start, %zu are the whole's: "
				    "'%.*s' for '%.*s'\n", widths[i], amb,
				    part.n, k, (int) part.v[k].len,
				    pre.doc.text + pre.doc.paras[0].text.off +
				    part.v[k].off, (int) whole.v[k].len,
				    pg.doc.text + pa->text.off +
				    whole.v[k].off);
			}
			lines_free(&part);
			page_free(&pre);
			lines_free(&whole);
		}
	}
	text_set_ambiguous_width(1);
	is_int(bad, 0, "a long paragraph wraps the same whole and in pieces");
	is_int(baddump, 0, "  and on two threads");
	is_int(badfind, 0, "  and a byte is found on the line that shows it");
	is_int(badpre, 0, "  and but for the lines that reach the end when "
	    "only its start was read");
	page_free(&pg);
	layout_scratch_free(&sc);
	free(raw);
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
	test_pieces();
	check_dir(getenv("DATA"));
	check_dir(getenv("SAMPLES"));
	if (tap_n == 0)
		ok(0, "no fixtures found: set DATA and SAMPLES");
	return tap_done();
}
