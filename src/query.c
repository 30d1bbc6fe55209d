/* A library search as the user writes it, parsed; see query.h. */
#include "system.h"

#include <stdarg.h>
#include <stdio.h>

#include "ftstok.h"
#include "query.h"
#include "text.h"
#include "xmalloc.h"

/* The filters a query can hold besides words. */
enum { F_NONE, F_TITLE, F_DATE, F_AFTER, F_BEFORE };

static const struct {
	const char	*name;
	int		 field;
} fields[] = {
	{ "title:", F_TITLE },
	{ "date:", F_DATE },
	{ "after:", F_AFTER },
	{ "before:", F_BEFORE },
};

#define OPEN_QUOTE	"\xe2\x80\x9c"	/* “ */
#define CLOSE_QUOTE	"\xe2\x80\x9d"	/* ” */
#define WIDE_SPACE	"\xe3\x80\x80"	/* U+3000 */

/* Counts terms the index would find in s. */
static int
count_term(void *arg, const struct ftstok_term *t)
{
	(void) t;
	(*(size_t *) arg)++;
	return 0;
}

/* Whether s has something the index can find. */
static bool
findable(const char *s)
{
	size_t	n = 0;

	ftstok_cut(s, strlen(s), FTSTOK_QUERY, count_term, &n);
	return n > 0;
}

/* Returns the length of the space at s, or 0. */
static size_t
space_at(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		return 1;
	if (strncmp(s, WIDE_SPACE, 3) == 0)
		return 3;
	return 0;
}

/* Adds a message about piece s of a query; s is shown cleaned. */
static void ATTR_PRINTF(3, 4)
complain(struct causes *cs, const char *s, const char *fmt, ...)
{
	char	*shown = text_clean_str(s), *msg;
	va_list	 ap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	causes_add(cs, _("in the query, '%s': %s"), shown,
	    msg != NULL ? msg : fmt);
	free(msg);
	free(shown);
}

static int
days_in(int y, int m)
{
	static const int	days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Reads a date of a year, a month or a day into [*from, *until) as
 * YYYYMMDDhhmmss. Returns -1 if it is not one. */
static int
parse_date(const char *s, int64_t *from, int64_t *until)
{
	int	y, m = 0, d = 0, n = 0, ny, nm, nd;

	if (sscanf(s, "%4d%n", &y, &n) != 1 || n != 4)
		return -1;
	s += n;
	if (*s == '-' || *s == '/') {
		if (sscanf(s + 1, "%2d%n", &m, &n) != 1 || n != 2 || m < 1 ||
		    m > 12)
			return -1;
		s += 1 + n;
		if (*s == '-' || *s == '/') {
			if (sscanf(s + 1, "%2d%n", &d, &n) != 1 || n != 2 ||
			    d < 1 || d > days_in(y, m))
				return -1;
			s += 1 + n;
		}
	}
	if (*s != '\0' || y < 1000)
		return -1;
	ny = y, nm = m, nd = d;
	if (m == 0)
		ny++;
	else if (d == 0 && ++nm > 12)
		nm = 1, ny++;
	else if (d != 0 && ++nd > days_in(y, m)) {
		nd = 1;
		if (++nm > 12)
			nm = 1, ny++;
	}
	*from = ((int64_t) y * 10000 + (m ? m : 1) * 100 + (d ? d : 1)) *
	    1000000;
	*until = ((int64_t) ny * 10000 + (nm ? nm : 1) * 100 + (nd ? nd : 1)) *
	    1000000;
	return 0;
}

/* Narrows the dates of q to [from, until). */
static void
narrow(struct query *q, int64_t from, int64_t until)
{
	if (from > q->from)
		q->from = from;
	if (until != 0 && (q->until == 0 || until < q->until))
		q->until = until;
}

/* Takes in a date filter with its value. */
static int
add_date(struct query *q, int field, const char *piece, const char *value,
    struct causes *cs)
{
	int64_t	from, until;

	if (parse_date(value, &from, &until) != 0) {
		complain(cs, piece, "%s", _("a date is written 2024, 2024-04 "
		    "or 2024-04-01"));
		return -1;
	}
	if (field == F_DATE)
		narrow(q, from, until);
	else if (field == F_AFTER)
		narrow(q, until, 0);
	else
		narrow(q, 1, from);
	return 0;
}

/* Parses text into q. Returns 0, or -1 with a message in cs when the
 * query is malformed or has nothing to find. Call query_free() after
 * either. */
int
query_parse(struct query *q, const char *text, struct causes *cs)
{
	const char	*s = text, *start, *v, *close;
	char		*value, *piece;
	size_t		 cap = 0, k, n, cl;
	bool		 neg, prefix, quoted;
	int		 field, rc = 0;

	memset(q, 0, sizeof *q);
	for (;;) {
		while ((n = space_at(s)) > 0)
			s += n;
		if (*s == '\0')
			break;
		start = s;
		neg = *s == '-' && s[1] != '\0' && space_at(s + 1) == 0;
		if (neg)
			s++;
		field = F_NONE;
		for (k = 0; k < ARRAY_SIZE(fields); k++)
			if (strncmp(s, fields[k].name, strlen(fields[k].name))
			    == 0) {
				field = fields[k].field;
				s += strlen(fields[k].name);
				break;
			}
		/* The value: a quoted phrase, or up to the next space. */
		quoted = false;
		if (*s == '"' || strncmp(s, OPEN_QUOTE, 3) == 0) {
			v = s + (*s == '"' ? 1 : 3);
			close = *s == '"' ? "\"" : CLOSE_QUOTE;
			cl = strlen(close);
			s = strstr(v, close);
			if (s == NULL) {
				complain(cs, start, "%s", _("a quotation mark "
				    "is not closed"));
				rc = -1;
				break;
			}
			value = xstrndup(v, (size_t) (s - v));
			s += cl;
			quoted = true;
		} else {
			for (v = s; *s != '\0' && space_at(s) == 0; s++)
				continue;
			value = xstrndup(v, (size_t) (s - v));
		}
		prefix = false;
		if (*s == '*' && quoted)
			s++, prefix = true;
		else if (!quoted && (n = strlen(value)) > 1 &&
		    value[n - 1] == '*') {
			value[n - 1] = '\0';
			prefix = true;
		}
		piece = xstrndup(start, (size_t) (s - start));
		while (*s != '\0' && space_at(s) == 0)
			s++;
		if (field == F_NONE && !quoted && strcmp(value, "unread") == 0)
			q->unread = neg ? -1 : 1;
		else if (field >= F_DATE) {
			if (neg) {
				complain(cs, piece, "%s", _("a date cannot be "
				    "excluded with '-'; use after: and "
				    "before:"));
				rc = -1;
			} else if (add_date(q, field, piece, value, cs) != 0)
				rc = -1;
		} else if (!findable(value)) {
			complain(cs, piece, "%s", _("nothing to search for: "
			    "no letters, digits or characters"));
			rc = -1;
		} else {
			if (q->n == cap)
				q->t = xreallocarray(q->t, cap = cap ? 2 * cap :
				    8, sizeof *q->t);
			q->t[q->n].text = value;
			q->t[q->n].negated = neg;
			q->t[q->n].title = field == F_TITLE;
			q->t[q->n].prefix = prefix;
			q->n++;
			if (!neg)
				q->npositive++;
			value = NULL;
		}
		free(value);
		free(piece);
		if (rc != 0)
			break;
	}
	if (rc == 0 && q->n == 0 && !query_has_dates(q) && q->unread == 0) {
		causes_add(cs, "%s", _("the query is empty: type words to "
		    "search for"));
		rc = -1;
	} else if (rc == 0 && q->npositive == 0 && q->n > 0 &&
	    !query_has_dates(q) && q->unread == 0) {
		complain(cs, text, "%s", _("a query needs a word to find, not "
		    "only words to leave out"));
		rc = -1;
	}
	if (rc == 0 && q->until != 0 && q->from >= q->until) {
		complain(cs, text, "%s", _("no date can be after the first "
		    "date and before the second"));
		rc = -1;
	}
	return rc;
}

/* Frees what q holds. */
void
query_free(struct query *q)
{
	size_t	i;

	for (i = 0; i < q->n; i++)
		free(q->t[i].text);
	free(q->t);
	memset(q, 0, sizeof *q);
}

/* Whether q keeps only some dates. */
bool
query_has_dates(const struct query *q)
{
	return q->from != 0 || q->until != 0;
}

/* Returns term t as an FTS5 string: quoted, and followed by * when its
 * last word may go on. Caller frees. */
char *
query_fts(const struct query_term *t)
{
	const char	*p;
	char		*buf = xmalloc(strlen(t->text) * 2 + 4), *o = buf;

	*o++ = '"';
	for (p = t->text; *p != '\0'; p++) {
		if (*p == '"')
			*o++ = '"';
		*o++ = *p;
	}
	*o++ = '"';
	if (t->prefix || ftstok_open_end(t->text, strlen(t->text), 0))
		*o++ = '*';
	*o = '\0';
	return buf;
}
