/* Article text (already clean UTF-8, see text_clean) → struct doc.
 *
 * The format: an optional header line "发布时间:DATE TIME 原文链接: TITLE"
 * (ASCII or full-width colons, optional spaces; an http(s) value is the URL),
 * body paragraphs separated by blank lines and optionally indented with
 * spaces or U+3000, and a closing "相关文章" section of title and excerpt
 * lines. A file without the header takes its title from its first line.
 */
#ifndef READER_PARSE_H
#define READER_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"

/* The header facts, found without parsing the whole body. */
struct meta {
	struct span	title;
	struct span	url;
	int64_t		date;
	struct span	date_text;	/* the date as written (len 0: none) */
	bool		has_header;
	size_t		body;		/* where the body starts */
};

void	parse_meta(const char *, size_t, struct meta *);
void	parse_doc(char *, size_t, struct doc *);
void	parse_doc_part(char *, size_t, struct doc *, bool);
int64_t	parse_date(const char *, size_t);

#endif
