/* Finding text in the open article. */
#include "system.h"

#include "fts.h"
#include "search.h"
#include "text.h"
#include "xmalloc.h"

static void
marks_clear(struct search *s)
{
	size_t	i;

	for (i = 0; i < s->nmarks; i++)
		free(s->marks[i].sp);
	s->nmarks = 0;
}

static void
query_clear(struct search *s)
{
	marks_clear(s);
	if (s->query != NULL)
		query_free(&s->q);
	memset(&s->q, 0, sizeof s->q);
	x_free(s->query);
}

/* Frees the needle. */
void
search_free(struct search *s)
{
	query_clear(s);
	free(s->marks);
	free(s->needle);
	memset(s, 0, sizeof *s);
}

/* Remembers needle (NULL: none) as the last search. */
void
search_set_needle(struct search *s, const char *needle)
{
	query_clear(s);
	free(s->needle);
	s->needle = needle != NULL ? xstrdup(needle) : NULL;
}

/* Remembers the words of a library search (text, a query; flags as the
 * index was opened with) as the last search. Returns -1, and keeps the
 * last search, if text is not a query. */
int
search_set_query(struct search *s, const char *text, int flags)
{
	struct query	q;
	struct causes	cs;
	int		rc;

	causes_init(&cs);
	rc = query_parse(&q, text, &cs);
	causes_free(&cs);
	if (rc != 0) {
		query_free(&q);
		return -1;
	}
	search_set_needle(s, NULL);
	s->query = xstrdup(text);
	s->q = q;
	s->qflags = flags;
	return 0;
}

/* The last search as typed, or NULL. */
const char *
search_text(const struct search *s)
{
	return s->query != NULL ? s->query : s->needle;
}

/* Where the query's words are in block b (caller frees *sp). */
static size_t
block_spans(const struct search *s, const struct pblock *b,
    struct span **sp)
{
	size_t	n;

	fts_find(b->s, b->len, &s->q, s->qflags, false, sp, &n);
	return n;
}

/* Finds the query's words in the page from block b, byte off on,
 * forward (dir 1) or backward (-1: the last match before off). */
static bool
find_query(const struct search *s, struct reading *rd, size_t b, long off,
    int dir, size_t *fb, uint32_t *fo, size_t *flen)
{
	struct span	*sp;
	size_t		 n, i;
	long		 best;

	for (;;) {
		n = block_spans(s, &rd->page.b[b], &sp);
		best = -1;
		for (i = 0; i < n; i++) {
			if (dir > 0 ? off >= 0 && sp[i].off >= (uint64_t) off :
			    (long) sp[i].off < off) {
				best = (long) i;
				if (dir > 0)
					break;
			}
		}
		if (best >= 0) {
			*fb = b;
			*fo = sp[best].off;
			*flen = sp[best].len;
			free(sp);
			return true;
		}
		free(sp);
		if (dir > 0) {
			if (++b >= rd->page.nb)
				return false;
			off = 0;
		} else {
			if (b == 0)
				return false;
			b--;
			off = (long) rd->page.b[b].len + 1;
		}
	}
}

/* Finds where the query's words are in blocks first..last of the page
 * shown, for the view to mark (those found before are kept). */
void
search_prepare(struct search *s, const struct reading *rd, uint32_t first,
    uint32_t last)
{
	struct search_marks	*m;
	uint32_t		 b;

	if (s->query == NULL || !rd->has_page)
		return;
	if (s->marks_gen != rd->gen || s->nmarks > 256) {
		marks_clear(s);
		s->marks_gen = rd->gen;
	}
	for (b = first; b <= last && b < rd->page.nb; b++) {
		if (search_marks_of(s, rd, b) != NULL)
			continue;
		if (s->nmarks == s->mcap)
			s->marks = xreallocarray(s->marks, s->mcap = s->mcap ?
			    2 * s->mcap : 16, sizeof *s->marks);
		m = &s->marks[s->nmarks++];
		m->block = b;
		m->n = block_spans(s, &rd->page.b[b], &m->sp);
	}
}

/* The marks of block b of the page shown, or NULL if not prepared. */
const struct search_marks *
search_marks_of(const struct search *s, const struct reading *rd,
    uint32_t b)
{
	size_t	i;

	if (s->query == NULL || s->marks_gen != rd->gen)
		return NULL;
	for (i = 0; i < s->nmarks; i++)
		if (s->marks[i].block == b)
			return &s->marks[i];
	return NULL;
}

/* Whether there is a match on the page shown now. */
bool
search_match(const struct search *s, const struct reading *rd)
{
	return s->has_match && rd->has_page && s->gen == rd->gen;
}

/* Drops the match (its highlight), keeping the needle. */
void
search_forget_match(struct search *s)
{
	s->has_match = false;
}

/* Finds needle in the page from block b, byte off on, forward (dir 1) or
 * backward (-1: the last match before off). */
static bool
find(struct reading *rd, size_t b, long off, int dir, const char *n,
    size_t *fb, uint32_t *fo, size_t *flen)
{
	struct pblock	*pb;
	long		 at, best;
	size_t		 m, ml = 0, nl = strlen(n);

	for (;;) {
		pb = &rd->page.b[b];
		if (dir > 0) {
			at = off < 0 ? -1 : text_find(pb->s, pb->len,
			    (size_t) off, n, nl, &m);
			if (at >= 0) {
				*fb = b;
				*fo = (uint32_t) at;
				*flen = m;
				return true;
			}
			if (++b >= rd->page.nb)
				return false;
			off = 0;
		} else {
			best = -1;
			for (at = 0; off > 0 && (at = text_find(pb->s, pb->len,
			    (size_t) at, n, nl, &m)) >= 0 && at < off; at++) {
				best = at;
				ml = m;
			}
			if (best >= 0) {
				*fb = b;
				*fo = (uint32_t) best;
				*flen = ml;
				return true;
			}
			if (b == 0)
				return false;
			b--;
			off = (long) rd->page.b[b].len + 1;
		}
	}
}

static void
found(struct search *s, struct reading *rd, size_t b, uint32_t off,
    size_t len, struct causes *cs)
{
	s->has_match = true;
	s->gen = rd->gen;
	s->block = (uint32_t) b;
	s->off = off;
	s->len = (uint32_t) len;
	reading_show_pos(rd, reading_pos_of_byte(rd, b, off), cs);
}

/* Looks for needle (NULL: the words of the query) in the open article
 * (all of it is read first) from row `from`, byte off of its block, on
 * (dir 1) or back (-1), wrapping around; shows the match found. */
enum search_result
search_page(struct search *s, struct reading *rd, const char *needle,
    struct pos from, long off, int dir, struct causes *cs)
{
	size_t		fb, flen;
	uint32_t	fo, gen = rd->gen;
	bool		q = needle == NULL;

	s->has_match = false;
	if (!rd->has_page || (q ? s->query == NULL : needle[0] == '\0'))
		return SEARCH_NOT_FOUND;
	if (reading_complete(rd, cs) > 0 && rd->gen != gen) {
		/* The page was replaced: start from its top row. */
		from = rd->top;
		off = (long) reading_pos_byte(rd, from);
	}
	if (q ? find_query(s, rd, from.block, off, dir, &fb, &fo, &flen) :
	    find(rd, from.block, off, dir, needle, &fb, &fo, &flen)) {
		found(s, rd, fb, fo, flen, cs);
		return SEARCH_FOUND;
	}
	if (q ? find_query(s, rd, dir > 0 ? 0 : rd->page.nb - 1, dir > 0 ? 0 :
	    (long) rd->page.b[rd->page.nb - 1].len + 1, dir, &fb, &fo, &flen) :
	    find(rd, dir > 0 ? 0 : rd->page.nb - 1, dir > 0 ? 0 :
	    (long) rd->page.b[rd->page.nb - 1].len + 1, dir, needle, &fb, &fo,
	    &flen)) {
		found(s, rd, fb, fo, flen, cs);
		return SEARCH_WRAPPED;
	}
	return SEARCH_NOT_FOUND;
}

/* Goes to the next (dir 1) or previous (-1) match of the last needle:
 * from the match shown, else from the top row. */
enum search_result
search_again(struct search *s, struct reading *rd, int dir,
    struct causes *cs)
{
	struct pos	p;
	const char	*text = s->query != NULL ? NULL : s->needle;

	if (search_text(s) == NULL)
		return SEARCH_NOT_FOUND;
	if (search_match(s, rd)) {
		p.block = s->block;
		p.row = 0;
		return search_page(s, rd, text, p, (long) s->off +
		    (dir > 0 ? 1 : 0), dir, cs);
	}
	return search_page(s, rd, text, rd->top,
	    (long) reading_pos_byte(rd, rd->top), dir, cs);
}

/* Checks the invariants in search.h; returns the first one broken, or
 * NULL. */
const char *
search_check(const struct search *s, const struct reading *rd)
{
	size_t	i, k;

	if (s->needle != NULL && s->query != NULL)
		return "a needle and a query at once";
	for (i = 0; s->query != NULL && s->marks_gen == rd->gen &&
	    rd->has_page && i < s->nmarks; i++) {
		if (s->marks[i].block >= rd->page.nb)
			return "marks past the page";
		for (k = 0; k < s->marks[i].n; k++)
			if ((uint64_t) s->marks[i].sp[k].off +
			    s->marks[i].sp[k].len >
			    rd->page.b[s->marks[i].block].len)
				return "mark past its block";
	}
	if (!search_match(s, rd))
		return NULL;
	if (s->block >= rd->page.nb)
		return "match past the page";
	if ((uint64_t) s->off + s->len > rd->page.b[s->block].len)
		return "match past its block";
	return NULL;
}
