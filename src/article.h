/* What an article is: its header facts and, once opened, its text.
 * No I/O here; parse.c fills these in and corpus.c owns them. */
#ifndef READER_ARTICLE_H
#define READER_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "system.h"

/* What the list pane needs of an article; cheap enough to keep for a
 * library of 100,000. Strings live in the corpus's string pool. */
struct article {
	const char	*path;		/* raw bytes, after its root's base */
	const char	*title;		/* clean UTF-8 */
	const char	*url;		/* clean UTF-8, or NULL */
	int64_t		 date;		/* YYYYMMDDhhmmss, or 0 when undated */
	const char	*date_text;	/* with date 0: the header's date as
					 * written (clean UTF-8), or NULL */
	uint64_t	 id;		/* identity that survives a move */
	uint64_t	 title_key;	/* text_title_key() of the title */
	const char	*title_order;	/* text_sort_key() of the title, set
					   when the list is sorted by title */
	int64_t		 size;
	int64_t		 mtime;
	uint16_t	 root;		/* which PATH it was found under */
	uint32_t	 seq;		/* where in its root's walk */
	uint32_t	 entry;		/* its root's index entry + 1, or 0 */
};

/* A byte range of a document's text. */
struct span {
	uint32_t	off;
	uint32_t	len;
};

/* A body paragraph: its text, the columns of its first-line indent and
 * of its other lines' (a verse or list item that wraps), whether it
 * follows the one before with no blank line (a verse, a list item), and
 * whether it is a line kept as written (a verse, best cut at a pause). */
struct para {
	struct span	text;
	uint16_t	indent;
	uint16_t	hang;
	bool		tight;
	bool		kept;		/* a line kept as written: a verse */
};

/* One entry of the 相关文章 list. */
struct related {
	struct span	title;
	struct span	excerpt;
	uint64_t	key;		/* text_title_key() of the title */
	long		target;		/* corpus index, or -1 if not loaded */
};

/* A fully parsed article. The spans point into text. */
struct doc {
	char		*text;
	size_t		 len;
	struct span	 title;
	struct span	 url;		/* len 0 when there is none */
	int64_t		 date;
	struct span	 date_text;	/* with date 0: the header's date as
					 * written; len 0 when there is none */
	bool		 has_header;
	struct para	*paras;
	size_t		 npara;
	struct related	*rel;
	size_t		 nrel;
};

void	doc_free(struct doc *);

#endif
