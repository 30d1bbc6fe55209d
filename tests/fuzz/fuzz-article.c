/* libFuzzer target: any bytes as an article file. Cleans, parses, builds
 * the page and wraps every block at a width taken from the input, then
 * checks that no line is wider than that width. */
#include "system.h"

#include <locale.h>
#include <stdio.h>

#include "article.h"
#include "page.h"
#include "parse.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool	 ready;
	struct meta	 m;
	struct doc	 d;
	struct page	 p;
	char		*clean;
	size_t		 len, i, k;
	int		 width;

	if (!ready) {
		setlocale(LC_ALL, "C.UTF-8");
		text_init();
		ready = true;
	}
	if (size < 2)
		return 0;
	width = 4 + data[0] % 197;
	text_set_ambiguous_width(data[1] & 1 ? 2 : 1);
	clean = text_clean((const char *) data + 2, size - 2, &len, NULL);
	parse_meta(clean, len, &m);
	if (m.title.off + m.title.len > len || m.url.off + m.url.len > len)
		abort();
	parse_doc(clean, len, &d);
	page_build(&p, &d, true);
	page_set_width(&p, width);
	for (i = 0; i < p.nb; i++) {
		struct pblock *b = page_block(&p, i);

		for (k = 0; k < b->nlines; k++)
			if (b->lines[k].width + b->lines[k].indent > width ||
			    b->lines[k].off + b->lines[k].len > b->len)
				abort();
	}
	page_free(&p);
	return 0;
}
