/* A library search as the user writes it, parsed.
 *
 * Words and "phrases" must all be found (“phrases” in Chinese quotation
 * marks too); -word or -"phrase" must not be; title:word must be in the
 * title; word* finds words that begin so; date:2024, date:2024-04 and
 * date:2024-04-01 keep articles of that year, month or day, after:DATE
 * those after it (from the next day, month or year on), before:DATE those
 * before it; unread keeps the articles not yet read (-unread those read).
 * No SQLite here: the index module turns a query into its FTS5 form with
 * query_fts().
 */
#ifndef READER_QUERY_H
#define READER_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "system.h"

/* What query_fts() writes. */
enum {
	QUERY_ALL,	/* the articles that match */
	QUERY_TITLE,	/* those with every word in the title */
	QUERY_EXCLUDED	/* those with a word to leave out */
};

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
char	*query_fts(const struct query *, int);
bool	 query_has_dates(const struct query *);

#endif
