/* A library search as the user writes it, parsed.
 *
 * Words and "phrases" must all be found (“phrases” in Chinese quotation
 * marks too); -word or -"phrase" must not be; title:word must be in the
 * title; word* finds words that begin so; date:2024, date:2024-04 and
 * date:2024-04-01 keep articles of that year, month or day, after:DATE
 * those after it (from the next day, month or year on), before:DATE those
 * before it; unread keeps the articles not yet read (-unread those read).
 * No SQLite here: the index module looks each term up with the FTS5 form
 * query_fts() gives it, and puts the answers together.
 */
#ifndef READER_QUERY_H
#define READER_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "system.h"

struct query_term {
	char	*text;		/* as written, without quotes */
	bool	 negated;
	bool	 title;		/* only in the title */
	bool	 prefix;	/* its last word may go on */
};

struct query {
	struct query_term *t;
	size_t		   n;
	size_t		   npositive;	/* terms not negated */
	int64_t		   from;	/* dates >= from (YYYYMMDDhhmmss) */
	int64_t		   until;	/* dates < until; 0: no bound */
	int		   unread;	/* 1: unread only, -1: read only */
};

int	 query_parse(struct query *, const char *, struct causes *);
void	 query_free(struct query *);
char	*query_fts(const struct query_term *);
bool	 query_has_dates(const struct query *);

#endif
