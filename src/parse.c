/* Parsing the article format. Works on clean text, in place. */
#include "system.h"

#include <strings.h>

#include "article.h"
#include "parse.h"
#include "text.h"
#include "xmalloc.h"

#define MARK_DATE	"发布时间"
#define MARK_LINK	"原文链接"
#define MARK_RELATED	"相关文章"
#define FULLWIDTH_COLON	"\xEF\xBC\x9A"

/* A title longer than this (in characters as the eye counts them,
 * grapheme clusters) is cut for the list and the heading; the full line
 * stays in the body. Not in columns: titles are read before the terminal
 * has said how wide ambiguous characters are, and kept in the header
 * index, so the cut must not depend on it. */
#define TITLE_MAX_CHARS	1000

/* Frees what a doc holds. */
void
doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	x_free(d->text);
	x_free(d->paras);
	x_free(d->rel);
	memset(d, 0, sizeof *d);
}

/* Returns the end of the line that starts at i (the newline or n). */
static size_t
line_end(const char *s, size_t n, size_t i)
{
	const char	*nl = memchr(s + i, '\n', n - i);

	return nl != NULL ? (size_t) (nl - s) : n;
}

static size_t
next_line(const char *s, size_t n, size_t i)
{
	size_t	e = line_end(s, n, i);

	return e < n ? e + 1 : n;
}

/* Whether the character at i (before e) takes no column: a combining
 * mark, which joins the one before it. */
static bool
no_width_at(const char *s, size_t i, size_t e)
{
	uint32_t	c;

	if (i >= e || (unsigned char) s[i] < 0x80)
		return false;
	text_next_char(s + i, e - i, &c);
	return text_char_width(c) == 0;
}

/* Skips blanks (spaces, U+3000 ...) forward from i up to e; not one
 * that carries a combining mark, which would be left without a base. */
static size_t
skip_blanks(const char *s, size_t i, size_t e)
{
	uint32_t	c;
	size_t		len;

	while (i < e) {
		len = text_next_char(s + i, e - i, &c);
		if (!text_is_blank(c) || no_width_at(s, i + len, e))
			break;
		i += len;
	}
	return i;
}

/* Trims blanks backward from e down to i. */
static size_t
trim_blanks(const char *s, size_t i, size_t e)
{
	uint32_t	c;
	size_t		p;

	while (e > i) {
		p = text_prev(s, e, &c);
		if (!text_is_blank(c))
			break;
		e = p;
	}
	return e;
}

static bool
is_blank_line(const char *s, size_t i, size_t e)
{
	return skip_blanks(s, i, e) == e;
}

static bool
match(const char *s, size_t e, size_t *i, const char *word)
{
	size_t	len = strlen(word);

	if (e - *i < len || memcmp(s + *i, word, len) != 0)
		return false;
	*i += len;
	return true;
}

static void
skip_colon(const char *s, size_t e, size_t *i)
{
	*i = skip_blanks(s, *i, e);
	if (!match(s, e, i, ":"))
		(void) match(s, e, i, FULLWIDTH_COLON);
	*i = skip_blanks(s, *i, e);
}

static const char *
find(const char *s, size_t i, size_t e, const char *word)
{
	return memmem(s + i, e - i, word, strlen(word));
}

static bool
is_url(const char *s, size_t n)
{
	return (n > 7 && strncasecmp(s, "http://", 7) == 0) ||
	    (n > 8 && strncasecmp(s, "https://", 8) == 0);
}

/* Reads up to max digits at *i; returns -1 if there are none. */
static long
read_number(const char *s, size_t n, size_t *i, int max)
{
	long	v = 0;
	int	k = 0;

	while (*i < n && s[*i] >= '0' && s[*i] <= '9' && k < max) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	return k > 0 ? v : -1;
}

/* Parses "2024-04-29 10:42[:00]" (any separators, time optional) into
 * YYYYMMDDhhmmss. Returns 0 if it is not a plausible date. */
int64_t
parse_date(const char *s, size_t n)
{
	long	f[6] = { -1, 0, 0, 0, 0, 0 };
	size_t	i = 0;
	int	k;

	for (k = 0; k < 6 && i < n; k++) {
		while (i < n && (s[i] < '0' || s[i] > '9'))
			i++;
		f[k] = read_number(s, n, &i, k == 0 ? 4 : 2);
		if (f[k] < 0) {
			f[k] = 0;
			break;
		}
	}
	if (f[0] < 1000 || f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 ||
	    f[3] > 23 || f[4] > 59 || f[5] > 60)
		return 0;
	return ((((f[0] * 100 + f[1]) * 100 + f[2]) * 100 + f[3]) * 100 +
	    f[4]) * 100 + f[5];
}

/* Parses the header line that starts at i; false if it is not one. */
static bool
parse_header(const char *s, size_t n, size_t i, struct meta *m)
{
	size_t		 e = line_end(s, n, i), v, ve;
	const char	*link;

	i = skip_blanks(s, i, e);
	if (!match(s, e, &i, MARK_DATE))
		return false;
	skip_colon(s, e, &i);
	link = find(s, i, e, MARK_LINK);
	v = link != NULL ? (size_t) (link - s) : e;
	m->date = parse_date(s + i, v - i);
	/* Kept as written, to be shown when it is not a date. */
	m->date_text.off = (uint32_t) skip_blanks(s, i, v);
	m->date_text.len = (uint32_t) (trim_blanks(s, m->date_text.off, v) -
	    m->date_text.off);
	if (link != NULL) {
		v += strlen(MARK_LINK);
		skip_colon(s, e, &v);
		ve = trim_blanks(s, v, e);
		if (is_url(s + v, ve - v)) {
			size_t u = v;
			while (u < ve && s[u] != ' ')
				u++;
			m->url.off = (uint32_t) v;
			m->url.len = (uint32_t) (u - v);
			v = skip_blanks(s, u, ve);
		}
		m->title.off = (uint32_t) v;
		m->title.len = (uint32_t) (ve - v);
	}
	m->has_header = true;
	m->body = next_line(s, n, e);
	return true;
}

/* Takes the title from the first non-empty line at or after i. A line
 * that is a paragraph of its own is consumed; one that starts a longer
 * paragraph stays in the body too, so nothing is lost. */
static void
title_from_text(const char *s, size_t n, struct meta *m)
{
	size_t	i = m->body, e, b;

	while (i < n) {
		e = line_end(s, n, i);
		if (!is_blank_line(s, i, e))
			break;
		i = next_line(s, n, i);
	}
	if (i >= n)
		return;
	b = skip_blanks(s, i, e);
	m->title.off = (uint32_t) b;
	m->title.len = (uint32_t) text_fit_clusters(s + b,
	    trim_blanks(s, b, e) - b, TITLE_MAX_CHARS);
	if (b + m->title.len == trim_blanks(s, b, e)) {
		size_t nx = next_line(s, n, e);
		if (nx >= n || is_blank_line(s, nx, line_end(s, n, nx)))
			m->body = nx;
	}
}

/* Finds the header facts of clean text s (the whole file or a prefix of
 * it that ends at a line end). */
void
parse_meta(const char *s, size_t n, struct meta *m)
{
	size_t	i = 0;

	memset(m, 0, sizeof *m);
	while (i < n && is_blank_line(s, i, line_end(s, n, i)))
		i = next_line(s, n, i);
	if (!parse_header(s, n, i, m))
		m->body = i;
	if (m->title.len == 0)
		title_from_text(s, n, m);
}

/* Whether two pieces of a wrapped line join without a space: where
 * Chinese or Japanese characters meet, or punctuation meets one. */
static bool
joins_tight(const char *s, size_t w, const char *line, size_t len)
{
	uint32_t	a = text_prev_char(s, w), b;

	text_next_char(line, len, &b);
	return text_joins_tight(a, b);
}

/* Whether c is a Chinese numeral of one to ten. */
static bool
is_cjk_numeral(uint32_t c)
{
	static const uint32_t	digits[] = { 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
	    0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341 };
	size_t			i;

	for (i = 0; i < ARRAY_SIZE(digits); i++)
		if (c == digits[i])
			return true;
	return false;
}

/* Whether c begins a bulleted list item. */
static bool
is_bullet(uint32_t c)
{
	return c == 0x2022 || c == 0x25CF || c == 0x25C6 || c == 0x25A0 ||
	    c == 0x25AA;
}

/* Returns the bytes of the list marker that begins the text from b to
 * t, with the blanks after it ("1. ", "1、", "（一）", "一、", "①",
 * "- ", "• "), or 0 if it begins with none. A number is a marker only
 * when no digit follows its dot ("3.2" is not). */
static size_t
list_marker(const char *s, size_t b, size_t t)
{
	size_t		i = b, k;
	uint32_t	c, open = 0;

	i += text_next_char(s + i, t - i, &c);
	if (c == '-' || c == '*') {
		if (i >= t || s[i] != ' ')
			return 0;
	} else if (c == '(' || c == 0xFF08) {
		open = c;
		for (k = 0; i < t && k < 4; k++) {
			i += text_next_char(s + i, t - i, &c);
			if (!(c >= '0' && c <= '9') && !is_cjk_numeral(c))
				break;
		}
		if (k == 0 || k == 4 || (c != ')' && c != 0xFF09))
			return 0;
	} else if ((c >= '0' && c <= '9') || is_cjk_numeral(c)) {
		open = c;
		for (k = 1; i < t && k < 4; k++) {
			i += text_next_char(s + i, t - i, &c);
			if ((open <= '9') != (c >= '0' && c <= '9') ||
			    (open > '9' && !is_cjk_numeral(c)))
				break;
		}
		if (open <= '9' && c != '.' && c != ')' && c != 0x3001 &&
		    c != 0xFF0E)
			return 0;
		if (open > '9' && c != 0x3001)
			return 0;
		if (i < t && s[i] >= '0' && s[i] <= '9')
			return 0;
	} else if (!is_bullet(c) && !(c >= 0x2460 && c <= 0x2487))
		return 0;
	if (i >= t)
		return 0;
	return skip_blanks(s, i, t) - b;
}

/* How the lines of a block (lines between blank lines) are laid out. */
enum block_kind {
	BLOCK_PROSE,	/* hard-wrapped prose: the lines are joined */
	BLOCK_LINES,	/* every line indented (verses): each kept */
	BLOCK_LIST	/* two list items or more: each item kept */
};

/* Tells what kind of block begins at line i, which ends at e. */
static enum block_kind
block_kind(const char *s, size_t i, size_t e, size_t end)
{
	size_t	b, lines = 0, indented = 0, items = 0;

	/* Most blocks are one line: look no further than the next. */
	if (e >= end || is_blank_line(s, e + 1, line_end(s, end, e + 1)))
		return BLOCK_PROSE;
	for (; i < end; i = e + 1) {
		e = line_end(s, end, i);
		b = skip_blanks(s, i, e);
		if (b == e)
			break;
		lines++;
		indented += b > i;
		items += list_marker(s, b, trim_blanks(s, b, e)) > 0;
	}
	if (lines >= 2 && indented == lines)
		return BLOCK_LINES;
	return items >= 2 ? BLOCK_LIST : BLOCK_PROSE;
}

/* The writer that compacts the text in place: w never passes the line
 * being read, since lines only lose bytes. */
struct compact {
	char	*s;
	size_t	 w;
};

static void
put(struct compact *c, const char *src, size_t len)
{
	memmove(c->s + c->w, src, len);
	c->w += len;
}

/* Starts a paragraph at line i, whose text begins at b (and runs to t),
 * in a block of kind k; tight when no blank line comes before it. */
static void
start_para(struct compact *c, struct doc *d, size_t *cap, size_t i,
    size_t b, size_t t, enum block_kind k, bool tight)
{
	struct para	*pa;

	if (d->npara == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		d->paras = xreallocarray(d->paras, *cap, sizeof *d->paras);
	}
	pa = &d->paras[d->npara++];
	memset(pa, 0, sizeof *pa);
	pa->text.off = (uint32_t) c->w;
	pa->indent = (uint16_t) text_width(c->s + i, b - i);
	/* A verse or an item that wraps goes on under its own text. */
	if (k != BLOCK_PROSE)
		pa->hang = (uint16_t) (pa->indent +
		    text_width(c->s + b, list_marker(c->s, b, t)));
	pa->tight = tight;
	pa->kept = k == BLOCK_LINES;
}

/* Collects the paragraphs between i and end. Lines between blank lines
 * are joined, as hard-wrapped prose; but when every line of the block is
 * indented (verses), each is kept, and so is each list item. */
static void
parse_body(struct compact *c, size_t i, size_t end, struct doc *d)
{
	size_t		cap = 0, e, b, t;
	bool		in_block = false;
	enum block_kind	kind = BLOCK_PROSE;
	struct para	*pa;

	for (; i < end; i = e + 1) {
		e = line_end(c->s, end, i);
		b = skip_blanks(c->s, i, e);
		if (b == e) {
			in_block = false;
			continue;
		}
		t = trim_blanks(c->s, b, e);
		if (!in_block) {
			kind = block_kind(c->s, i, e, end);
			start_para(c, d, &cap, i, b, t, kind, false);
			in_block = true;
		} else if (kind == BLOCK_LINES || (kind == BLOCK_LIST &&
		    list_marker(c->s, b, t) > 0))
			start_para(c, d, &cap, i, b, t, kind, true);
		else if (!joins_tight(c->s, c->w, c->s + b, t - b))
			put(c, " ", 1);
		put(c, c->s + b, t - b);
		pa = &d->paras[d->npara - 1];
		pa->text.len = (uint32_t) (c->w - pa->text.off);
	}
}

/* Collects the related items: non-empty lines alternate title, excerpt. */
static void
parse_related(struct compact *c, size_t i, size_t end, struct doc *d)
{
	size_t		 cap = 0, e, b, t;
	bool		 want_title = true;
	struct related	*r;

	for (; i < end; i = e + 1) {
		e = line_end(c->s, end, i);
		b = skip_blanks(c->s, i, e);
		if (b == e)
			continue;
		t = trim_blanks(c->s, b, e);
		if (want_title) {
			if (d->nrel == cap) {
				cap = cap ? cap * 2 : 16;
				d->rel = xreallocarray(d->rel, cap,
				    sizeof *d->rel);
			}
			r = &d->rel[d->nrel++];
			memset(r, 0, sizeof *r);
			r->target = -1;
			r->title.off = (uint32_t) c->w;
			r->title.len = (uint32_t) (t - b);
		} else {
			r = &d->rel[d->nrel - 1];
			r->excerpt.off = (uint32_t) c->w;
			r->excerpt.len = (uint32_t) (t - b);
		}
		put(c, c->s + b, t - b);
		want_title = !want_title;
	}
}

/* Drops repeated related items and the one that names the article,
 * keeping each first one: an open hash set of the keys kept makes it one
 * pass (a list of 160,000 items must not freeze the interface). */
static void
dedupe_related(struct doc *d, uint64_t self)
{
	uint64_t	*set, key;
	size_t		 i, j, k = 0, cap = 16, mask;
	bool		 zero = false;	/* key 0 is kept (0 marks a free slot) */

	if (d->nrel == 0)
		return;
	while (cap < d->nrel * 2)
		cap *= 2;
	mask = cap - 1;
	set = xcalloc(cap, sizeof *set);
	for (i = 0; i < d->nrel; i++) {
		key = d->rel[i].key = text_title_key(d->text +
		    d->rel[i].title.off, d->rel[i].title.len);
		if (key == self)
			continue;
		if (key == 0) {
			if (zero)
				continue;
			zero = true;
		} else {
			for (j = key & mask; set[j] != 0 && set[j] != key;
			    j = (j + 1) & mask)
				;
			if (set[j] == key)
				continue;
			set[j] = key;
		}
		d->rel[k++] = d->rel[i];
	}
	free(set);
	d->nrel = k;
}

/* Finds the last line that is exactly the related-articles heading. */
static size_t
find_related(const char *s, size_t n, size_t from, size_t *after)
{
	size_t	i, e, b, found = n;

	*after = n;
	for (i = from; i < n; i = e + 1) {
		e = line_end(s, n, i);
		b = skip_blanks(s, i, e);
		if (trim_blanks(s, b, e) - b == strlen(MARK_RELATED) &&
		    memcmp(s + b, MARK_RELATED, strlen(MARK_RELATED)) == 0) {
			found = i;
			*after = e < n ? e + 1 : n;
		}
		if (e >= n)
			break;
	}
	return found;
}

static struct span
append(struct compact *c, const char *src, size_t len)
{
	struct span	sp;

	sp.off = (uint32_t) c->w;
	sp.len = (uint32_t) len;
	put(c, src, len);
	return sp;
}

/* Parses clean text s of length n, taking ownership of s (it is
 * rewritten in place and kept as d->text). */
void
parse_doc(char *s, size_t n, struct doc *d)
{
	parse_doc_part(s, n, d, false);
}

/* Parses as parse_doc(); a fragment (the end of a long article) has no
 * header and no title line: all of it is body and related items. */
void
parse_doc_part(char *s, size_t n, struct doc *d, bool fragment)
{
	struct meta	m;
	struct compact	c;
	size_t		rel_at, rel_body;
	char		*title, *url, *when;

	memset(d, 0, sizeof *d);
	if (fragment)
		memset(&m, 0, sizeof m);
	else
		parse_meta(s, n, &m);
	title = xstrndup(s + m.title.off, m.title.len);
	url = xstrndup(s + m.url.off, m.url.len);
	/* A date that is not one is shown as written. */
	if (m.date != 0)
		m.date_text.len = 0;
	when = xstrndup(s + m.date_text.off, m.date_text.len);
	d->date = m.date;
	d->has_header = m.has_header;
	rel_at = find_related(s, n, m.body, &rel_body);
	c.s = s;
	c.w = 0;
	parse_body(&c, m.body, rel_at, d);
	parse_related(&c, rel_body, n, d);
	/* The header strings go last: the body may have overwritten them. */
	d->text = xreallocarray(s, c.w + m.title.len + m.url.len +
	    m.date_text.len + 1, 1);
	c.s = d->text;
	d->title = append(&c, title, m.title.len);
	d->url = append(&c, url, m.url.len);
	d->date_text = append(&c, when, m.date_text.len);
	d->text[c.w] = '\0';
	d->len = c.w;
	free(title);
	free(url);
	free(when);
	dedupe_related(d, text_title_key(d->text + d->title.off,
	    d->title.len));
}
