/* Searching the open article: the needle last entered, or the words of
 * a library search (a query, matched as the index matches them: folded,
 * CJK by pairs, phrases and prefixes), and the match found, which the
 * view highlights apart from the other occurrences.
 *
 * Invariants (search_check): a match is kept only for the page it was
 * found on (gen equals the reading pane's), and then lies within that
 * page: block < nb, off + len <= the block's length; needle and query are
 * not both set; the marks kept are of the page shown (marks_gen) and lie
 * within their blocks.
 */
#ifndef READER_SEARCH_H
#define READER_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "query.h"
#include "reading.h"

/* Where a query's words are in one block. */
struct search_marks {
	uint32_t	 block;
	struct span	*sp;
	size_t		 n;
};

struct search {
	char		*needle;	/* the last search entered, or NULL */
	char		*query;		/* or a library search's, or NULL */
	struct query	 q;		/* (query, parsed) */
	int		 qflags;	/* fts_open()'s flags for it */
	struct search_marks *marks;	/* of the blocks on screen */
	size_t		 nmarks, mcap;
	uint32_t	 marks_gen;
	bool		 has_match;
	uint32_t	 gen;		/* the page it was found on */
	uint32_t	 block;		/* where: block, byte and length */
	uint32_t	 off;
	uint32_t	 len;
};

enum search_result {
	SEARCH_FOUND,
	SEARCH_WRAPPED,		/* found, past the end (or the start) */
	SEARCH_NOT_FOUND
};

void		 search_free(struct search *);
void		 search_set_needle(struct search *, const char *);
int		 search_set_query(struct search *, const char *, int);
const char	*search_text(const struct search *);
void		 search_prepare(struct search *, const struct reading *,
		     uint32_t, uint32_t);
const struct search_marks *search_marks_of(const struct search *,
		     const struct reading *, uint32_t);
bool		 search_match(const struct search *, const struct reading *);
void		 search_forget_match(struct search *);
enum search_result search_page(struct search *, struct reading *,
		     const char *, struct pos, long, int, struct causes *);
enum search_result search_again(struct search *, struct reading *, int,
		     struct causes *);
const char	*search_check(const struct search *, const struct reading *);

#endif
