/* Printing pages and lists as plain text. */
#include "system.h"

#include "dump.h"
#include "view.h"
#include "xmalloc.h"

static void
put_spaces(FILE *f, int n)
{
	while (n-- > 0)
		putc(' ', f);
}

/* Prints every line of a page. Returns -1 on a write error. */
int
dump_page(FILE *f, struct page *p)
{
	struct pblock	*b;
	struct line	*l;
	size_t		 i, k;

	for (i = 0; i < p->nb; i++) {
		b = page_block(p, i);
		for (k = 0; k < b->gap; k++)
			putc('\n', f);
		for (k = 0; k < b->nlines; k++) {
			l = &b->lines[k];
			put_spaces(f, l->indent);
			fwrite(b->s + l->off, 1, l->len, f);
			putc('\n', f);
		}
		/* Lines already printed are not needed again. */
		x_free(b->lines);
		b->laid = false;
	}
	return ferror(f) ? -1 : 0;
}

/* Prints the list pane as text, one article a line, dates formatted
 * with date_fmt (strftime). */
int
dump_list(FILE *f, const struct corpus *c, int width, const char *date_fmt)
{
	size_t	 i;
	char	*row;

	for (i = 0; i < c->n; i++) {
		row = view_list_row(&c->v[i], width, NULL, date_fmt);
		fputs(row, f);
		putc('\n', f);
		free(row);
	}
	return ferror(f) ? -1 : 0;
}
