/* Searching the open article: the needle last entered and the match
 * found, which the view highlights apart from the other occurrences.
 *
 * Invariants (search_check): a match is kept only for the page it was
 * found on (gen equals the reading pane's), and then lies within that
 * page: block < nb, off + len <= the block's length.
 */
#ifndef READER_SEARCH_H
#define READER_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reading.h"

struct search {
	char		*needle;	/* the last search entered, or NULL */
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
bool		 search_match(const struct search *, const struct reading *);
void		 search_forget_match(struct search *);
enum search_result search_page(struct search *, struct reading *,
		     const char *, struct pos, long, int, struct causes *);
enum search_result search_again(struct search *, struct reading *, int,
		     struct causes *);
const char	*search_check(const struct search *, const struct reading *);

#endif
