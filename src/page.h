/* The reading pane's content: an article as a sequence of blocks (title,
 * date, URL, body paragraphs, related items), each wrapped on demand for
 * the current width and kept until the width changes. --dump prints a
 * page; the interface draws the part of it that is on screen. */
#ifndef READER_PAGE_H
#define READER_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "layout.h"
#include "theme.h"

/* Paragraphs longer than this are wrapped in pieces, so that no single
 * keystroke has to wrap a whole multi-megabyte line. The lines are those
 * of the whole paragraph all the same: a piece holds the lines that start
 * in it (the last may go on into the next piece, whose first line then
 * starts past its beginning), and where its first line starts is known
 * once the piece before is wrapped, so pieces are wrapped in order. */
#define PAGE_CHUNK 32768

/* Columns of the mark and hanging indent of related items. */
#define PAGE_RELATED_INDENT 4

struct pblock {
	const char	*s;
	uint32_t	 len;
	uint8_t		 elem;		/* enum elem */
	uint8_t		 gap;		/* blank lines before the block */
	uint16_t	 first_indent;
	uint16_t	 indent;
	int32_t		 related;	/* related item index, or -1 */
	int32_t		 para;		/* body paragraph number, or -1 */
	uint32_t	 para_off;	/* where this piece starts in it */
	uint64_t	 pos;		/* bytes of all blocks before this */
	struct line	*lines;		/* off and len count from s */
	uint32_t	 nlines;
	uint32_t	 entry;		/* where its first line starts */
	bool		 entry_known;	/* for the current width */
	bool		 laid;
};

struct page {
	struct doc		 doc;
	struct pblock		*b;
	size_t			 nb, bcap;
	char			**owned;	/* composed strings */
	size_t			 nowned, ocap;
	uint64_t		 total;		/* bytes of all blocks */
	size_t			 body_first;	/* blocks of the body */
	size_t			 body_end;
	size_t			*rel_block;	/* block of each related item */
	int			 width;
	struct layout_scratch	 scratch;
};

void		 page_build(struct page *, struct doc *, bool);
void		 page_free(struct page *);
void		 page_set_width(struct page *, int);
struct pblock	*page_block(struct page *, size_t);
void		 page_wrap_block(struct page *, size_t,
		     struct layout_scratch *);
bool		 page_block_alone(const struct page *, size_t);
size_t		 page_block_rows(struct page *, size_t);
void		 page_format_date(int64_t, char *, size_t);
size_t		 page_find_para(struct page *, uint32_t, uint32_t);
uint32_t	 page_line_at(struct page *, size_t, uint32_t);

#endif
