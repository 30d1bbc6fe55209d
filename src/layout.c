/* Greedy line filling over UAX #14 break opportunities. */
#include "system.h"

#include "layout.h"
#include "text.h"
#include "xmalloc.h"

/* Where the scan of one line stands. */
struct scan {
	const char	*s;
	size_t		 n;
	const char	*brk;
	const char	*gb;		/* where grapheme clusters start */
	const uint16_t	*cw;		/* and how wide they are */
	bool		 phrases;	/* break after ，、；： if one can */
};

/* Appends one line. */
void
lines_push(struct lines *l, const struct line *line)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n++] = *line;
}

/* Frees the lines and empties the list. */
void
lines_free(struct lines *l)
{
	x_free(l->v);
	l->n = l->cap = 0;
}

/* Frees the work space. */
void
layout_scratch_free(struct layout_scratch *sc)
{
	x_free(sc->brk);
	x_free(sc->gb);
	x_free(sc->cw);
	sc->cap = 0;
}

static void
scratch_reserve(struct layout_scratch *sc, size_t n)
{
	if (n <= sc->cap)
		return;
	sc->cap = n + n / 2 + 64;
	sc->brk = xreallocarray(sc->brk, sc->cap, 1);
	sc->gb = xreallocarray(sc->gb, sc->cap, 1);
	sc->cw = xreallocarray(sc->cw, sc->cap, sizeof *sc->cw);
}

/* Where the cluster at i (or the rest of it, after a cut) ends. */
static size_t
next_cluster(const struct scan *sc, size_t i)
{
	unsigned	len = (unsigned char) sc->gb[i];

	if (len > 0 && len < TEXT_CLUSTER_LONG)
		return i + len;
	for (i++; i < sc->n && !sc->gb[i]; i++)
		;
	return i;
}

static size_t
prev_cluster(const struct scan *sc, size_t i, size_t floor)
{
	while (i > floor && !sc->gb[--i])
		;
	return i;
}

/* The width of the cluster (or, after a cut through an over-wide one,
 * the piece of it) from i to next. */
static int
cluster_width(const struct scan *sc, size_t i, size_t next)
{
	if (sc->gb[i] && (next == sc->n || sc->gb[next]))
		return sc->cw[i];
	return text_width(sc->s + i, next - i);
}

/* The width of the text from..to. */
static int
span_width(const struct scan *sc, size_t from, size_t to)
{
	size_t	next;
	int	w = 0;

	for (; from < to; from = next) {
		next = next_cluster(sc, from);
		if (next > to)
			next = to;
		w += cluster_width(sc, from, next);
	}
	return w;
}

static uint32_t
char_at(const struct scan *sc, size_t i)
{
	uint32_t	c;

	text_next_char(sc->s + i, sc->n - i, &c);
	return c;
}

static uint32_t
char_before(const struct scan *sc, size_t i)
{
	return text_prev_char(sc->s, i);
}

/* Whether a line may end at i (after start) by the Chinese rules: no
 * closing mark would begin the next line and no opening mark end this
 * one. Spaces at i are not shown on either line. */
static bool
may_end(const struct scan *sc, size_t start, size_t i)
{
	size_t	a = i, z = i;

	while (z < sc->n && sc->s[z] == ' ')
		z++;
	while (a > start && sc->s[a - 1] == ' ')
		a--;
	return a > start && (z == sc->n || !text_no_line_start(char_at(sc, z)))
	    && !text_no_line_end(char_before(sc, a));
}

/* Whether a token that is too long reads best cut after c, as URLs,
 * paths, file and variable names do. */
static bool
cut_after(char c)
{
	return c == '/' || c == '.' || c == '_' || c == '-' || c == '?' ||
	    c == '&' || c == '=';
}

/* Where to cut a token wider than the line, when the cluster at i does
 * not fit: after the last of / . _ - ? & = that fits (and is not alone on
 * the line), else after the last cluster that fits; either way
 * where the Chinese rules allow (a mark that may not begin a line pulls
 * the character before it down), unless nothing on the line allows it.
 * Never inside a cluster. */
static size_t
force_break(const struct scan *sc, size_t start, size_t i)
{
	size_t	k;

	for (k = i; k > start; k = prev_cluster(sc, k, start))
		if (cut_after(sc->s[k - 1]) && may_end(sc, start, k) &&
		    prev_cluster(sc, k, start) > start)
			return k;
	for (k = i; k > start; k = prev_cluster(sc, k, start))
		if (may_end(sc, start, k))
			return k;
	return i;
}

/* A cluster wider than the whole line (a long emoji sequence): cut it
 * between code points, the only way to keep within the width. */
static size_t
split_cluster(const struct scan *sc, size_t start, size_t next, int avail)
{
	size_t		i = start, len;
	int		w = 0, cw;
	uint32_t	c;

	while (i < next) {
		len = text_next_char(sc->s + i, next - i, &c);
		cw = text_char_width(c);
		if (cw < 0)
			cw = 0;
		if (w + cw > avail && i > start)
			break;
		w += cw;
		i += len;
	}
	return i;
}

/* Whether c ends a phrase, where a verse reads best cut. */
static bool
ends_phrase(uint32_t c)
{
	return c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF1A ||
	    c == ',' || c == ';' || c == ':';
}

/* A verse is cut at its last pause (a break after ，、；：) before the
 * break opportunity at brk, if that leaves the line at least half full:
 * returns where the next line starts, or 0; *end and *width describe
 * the line. Looked for only when a verse must break. */
static size_t
at_pause(const struct scan *sc, size_t start, size_t brk, int avail,
    size_t *end, int *width)
{
	size_t	k, e;
	int	w;

	for (k = brk; k > start; k = prev_cluster(sc, k, start)) {
		if (!sc->brk[k])
			continue;
		for (e = k; e > start && sc->s[e - 1] == ' '; e--)
			;
		if (e == start || !ends_phrase(char_before(sc, e)))
			continue;
		if ((w = span_width(sc, start, e)) * 2 < avail)
			return 0;
		*end = e;
		*width = w;
		return k;
	}
	return 0;
}

/* Finds where the line that starts at start ends. Returns the position
 * of the next line; *end and *width describe the visible part, *seen how
 * far the text was looked at. */
static size_t
fill_line(const struct scan *sc, size_t start, int avail, size_t *end,
    int *width, size_t *seen)
{
	size_t		i = start, next, brk_at = 0, brk_end = start, k;
	size_t		solid = start;
	int		w = 0, w_solid = 0, brk_w = 0, cw;
	unsigned	len;

	while (i < sc->n) {
		len = (unsigned char) sc->gb[i];
		if (len > 0 && len < TEXT_CLUSTER_LONG) {
			/* A whole cluster, of known width: the common case. */
			next = i + len;
			cw = sc->cw[i];
		} else {
			next = next_cluster(sc, i);
			cw = cluster_width(sc, i, next);
		}
		if (i > start && sc->brk[i]) {
			brk_at = i;
			brk_end = solid;
			brk_w = w_solid;

		}
		if (sc->s[i] == ' ' && next == i + 1) {
			/* Spaces may hang past the edge; they are trimmed. */
			w++;
			i = next;
			continue;
		}
		if (w + cw > avail) {
			*seen = next;
			if (sc->phrases && brk_at > start &&
			    (k = at_pause(sc, start, brk_at, avail, end,
			    width)) > start)
				return k;
			if (brk_at > start) {
				*end = brk_end;
				*width = brk_w;
				return brk_at;
			}
			if (i == start)
				i = split_cluster(sc, start, next, avail);
			else
				i = force_break(sc, start, i);
			*end = i;
			while (*end > start && sc->s[*end - 1] == ' ')
				(*end)--;
			*width = span_width(sc, start, *end);
			return i;
		}
		w += cw;
		w_solid = w;
		i = next;
		solid = i;
	}
	*end = solid;
	*width = w_solid;
	*seen = sc->n;
	return sc->n;
}

/* Whether the text from start to its first break opportunity fits in
 * avail columns. */
static bool
first_word_fits(const struct scan *sc, size_t start, int avail)
{
	size_t	i, next;
	int	w = 0;

	for (i = start; i < sc->n && (i == start || !sc->brk[i]); i = next) {
		next = next_cluster(sc, i);
		if (sc->s[i] != ' ' || next != i + 1)
			w += cluster_width(sc, i, next);
		if (w > avail)
			return false;
	}
	return true;
}

/* Appends the lines of the scanned text that start from pos up to until,
 * the first of them a paragraph's first line if first; their offsets are
 * counted from base bytes before the scan. Returns where the next line
 * starts (sc->n at the end), or SIZE_MAX if a line was looked at past
 * safe: the scan is too short to be sure of it. */
static size_t
wrap_lines(const struct scan *scp, size_t pos, size_t until, size_t safe,
    const struct wrap *wr, bool first, size_t base, struct lines *out)
{
	/* A copy the compiler can keep in registers: out's stores might
	 * otherwise change *scp, for all it knows. */
	const struct scan	 scan = *scp, *sc = &scan;
	struct line		 line;
	size_t			 start, end, seen;
	int			 indent, avail, width;

	for (;;) {
		/* Spaces that end a line are not shown on the next; a space
		 * that carries a mark is a cluster of more than one byte. */
		if (!first)
			while (pos < sc->n && sc->s[pos] == ' ' &&
			    sc->gb[pos] == 1)
				pos++;
		if (pos > safe)
			return SIZE_MAX;
		if (!first && (pos >= sc->n || pos >= until))
			return pos;
		indent = first ? wr->first_indent : wr->indent;
		if (indent < 0 || indent > wr->width - 2)
			indent = 0;
		avail = wr->width - indent;
		if (avail < 1)
			avail = 1;
		start = pos;
		line.off = (uint32_t) (base + start);
		line.indent = (uint16_t) indent;
		/* A first word that does not fit after a deep first-line
		 * indent (a tab's) but fits on a line of its own starts the
		 * next line rather than be cut. */
		if (first && indent > wr->indent && wr->indent >= 0 &&
		    wr->indent <= wr->width - 2 &&
		    !first_word_fits(sc, start, avail) &&
		    first_word_fits(sc, start, wr->width - wr->indent)) {
			line.len = 0;
			line.width = 0;
			lines_push(out, &line);
			first = false;
			continue;
		}
		pos = fill_line(sc, start, avail, &end, &width, &seen);
		if (seen > safe)
			return SIZE_MAX;
		line.len = (uint32_t) (end - start);
		line.width = (uint16_t) width;
		lines_push(out, &line);
		if (first && pos >= sc->n)
			return pos;
		first = false;
	}
}

/* Measures n bytes of s into the scratch space and describes them. */
static void
scan_init(struct scan *sc, struct layout_scratch *scr, const char *s,
    size_t n, bool phrases)
{
	scratch_reserve(scr, n);
	text_line_breaks(s, n, scr->brk);
	text_measure(s, n, scr->gb, scr->cw);
	sc->s = s;
	sc->n = n;
	sc->brk = scr->brk;
	sc->gb = scr->gb;
	sc->cw = scr->cw;
	sc->phrases = phrases;
}

/* Wraps n bytes of clean text (no newlines) and appends the lines to out.
 * An empty paragraph gives one empty line. */
void
layout_wrap(struct layout_scratch *scr, const char *s, size_t n,
    const struct wrap *wr, struct lines *out)
{
	struct scan	sc;

	scan_init(&sc, scr, s, n, false);
	(void) wrap_lines(&sc, 0, n, n, wr, true, 0, out);
}

/* Wraps part of a paragraph of n bytes, exactly as layout_wrap() does the
 * whole: the lines that start from from (where one starts) up to until,
 * with offsets from s; the first is the paragraph's first line if from
 * is 0. Only the text around them is looked at: break opportunities and
 * clusters depend on a few characters either side (LAYOUT_CONTEXT bytes
 * before are kept; more after are taken when a line reaches near the
 * end of what was looked at). With phrases, a line that must break does
 * so after the last ，、；： in it if that leaves it at least half full,
 * as verses read best. Returns where the next line starts (n at the end
 * of the paragraph). */
size_t
layout_wrap_part(struct layout_scratch *scr, const char *s, size_t n,
    size_t from, size_t until, const struct wrap *wr, bool phrases,
    struct lines *out)
{
	struct scan	sc;
	size_t		ws, we, look = 4096, mark = out->n, r;

	for (;;) {
		ws = from > LAYOUT_CONTEXT ? from - LAYOUT_CONTEXT : 0;
		while (ws > 0 && ((unsigned char) s[ws] & 0xC0) == 0x80)
			ws--;
		we = until < n && n - until > look ? until + look : n;
		while (we < n && ((unsigned char) s[we] & 0xC0) == 0x80)
			we++;
		scan_init(&sc, scr, s + ws, we - ws, phrases);
		r = wrap_lines(&sc, from - ws, until - ws, we == n ? we - ws :
		    we - ws - LAYOUT_CONTEXT, wr, from == 0, ws, out);
		if (r != SIZE_MAX)
			return ws + r;
		out->n = mark;
		look *= 4;
	}
}
