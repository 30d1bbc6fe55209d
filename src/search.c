/* Finding text in the open article. */
#include "system.h"

#include "search.h"
#include "text.h"
#include "xmalloc.h"

/* Frees the needle. */
void
search_free(struct search *s)
{
	free(s->needle);
	memset(s, 0, sizeof *s);
}

/* Remembers needle (NULL: none) as the last search. */
void
search_set_needle(struct search *s, const char *needle)
{
	free(s->needle);
	s->needle = needle != NULL ? xstrdup(needle) : NULL;
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

/* Looks for needle in the open article (all of it is read first) from
 * row `from`, byte off of its block, on (dir 1) or back (-1), wrapping
 * around; shows the match found. */
enum search_result
search_page(struct search *s, struct reading *rd, const char *needle,
    struct pos from, long off, int dir, struct causes *cs)
{
	size_t		fb, flen;
	uint32_t	fo, gen = rd->gen;

	s->has_match = false;
	if (!rd->has_page || needle[0] == '\0')
		return SEARCH_NOT_FOUND;
	if (reading_complete(rd, cs) > 0 && rd->gen != gen) {
		/* The page was replaced: start from its top row. */
		from = rd->top;
		off = (long) reading_pos_byte(rd, from);
	}
	if (find(rd, from.block, off, dir, needle, &fb, &fo, &flen)) {
		found(s, rd, fb, fo, flen, cs);
		return SEARCH_FOUND;
	}
	if (find(rd, dir > 0 ? 0 : rd->page.nb - 1, dir > 0 ? 0 :
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

	if (s->needle == NULL)
		return SEARCH_NOT_FOUND;
	if (search_match(s, rd)) {
		p.block = s->block;
		p.row = 0;
		return search_page(s, rd, s->needle, p, (long) s->off +
		    (dir > 0 ? 1 : 0), dir, cs);
	}
	return search_page(s, rd, s->needle, rd->top,
	    (long) reading_pos_byte(rd, rd->top), dir, cs);
}

/* Checks the invariants in search.h; returns the first one broken, or
 * NULL. */
const char *
search_check(const struct search *s, const struct reading *rd)
{
	if (!search_match(s, rd))
		return NULL;
	if (s->block >= rd->page.nb)
		return "match past the page";
	if ((uint64_t) s->off + s->len > rd->page.b[s->block].len)
		return "match past its block";
	return NULL;
}
