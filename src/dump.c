/* Printing pages and lists as plain text. */
#include "system.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "dump.h"
#include "text.h"
#include "thread.h"
#include "view.h"
#include "xmalloc.h"

static void
put_spaces(FILE *f, int n)
{
	while (n-- > 0)
		putc(' ', f);
}

/* A page longer than this is wrapped on two threads. */
#define DUMP_THREAD_BYTES (256 * 1024)

/* Who wraps a block: the printing thread wraps from the start, a helper
 * from the end; each takes a block before wrapping it, so they meet in the
 * middle, with no block wrapped twice. */
enum { BLOCK_FREE, BLOCK_TAKEN, BLOCK_WRAPPED };

struct helper {
	struct page	*p;
	_Atomic uint8_t	*state;
	pthread_t	 thread;
};

static void *
wrap_from_end(void *arg)
{
	struct helper		*h = arg;
	struct layout_scratch	 sc;
	uint8_t			 expect;
	size_t			 i;

	memset(&sc, 0, sizeof sc);
	for (i = h->p->nb; i-- > 0;) {
		if (!page_block_alone(h->p, i))
			continue;
		expect = BLOCK_FREE;
		if (!atomic_compare_exchange_strong(&h->state[i], &expect,
		    BLOCK_TAKEN))
			break;
		page_wrap_block(h->p, i, &sc);
		atomic_store_explicit(&h->state[i], BLOCK_WRAPPED,
		    memory_order_release);
	}
	layout_scratch_free(&sc);
	return NULL;
}

/* Starts a helper on a long page; false if there is none. */
static bool
start_helper(struct helper *h, struct page *p)
{
	int	rc;

	if (p->total < DUMP_THREAD_BYTES || p->nb < 2)
		return false;
	h->p = p;
	h->state = xcalloc(p->nb, sizeof *h->state);
	rc = thread_start(&h->thread, wrap_from_end, h);
	if (rc != 0)
		x_free(h->state);
	return rc == 0;
}

/* Returns block i of a page that a helper may be wrapping too. */
static struct pblock *
shared_block(struct helper *h, size_t i)
{
	uint8_t	expect = BLOCK_FREE;

	if (!atomic_compare_exchange_strong(&h->state[i], &expect,
	    BLOCK_TAKEN))
		/* The helper has it: a block's wait at most, once. */
		while (atomic_load_explicit(&h->state[i],
		    memory_order_acquire) != BLOCK_WRAPPED)
			sched_yield();
	return page_block(h->p, i);
}

/* Prints every line of a page. Returns -1 on a write error. */
int
dump_page(FILE *f, struct page *p)
{
	struct helper	 h;
	struct pblock	*b;
	struct line	*l;
	size_t		 i, k;
	bool		 helped = start_helper(&h, p);

	for (i = 0; i < p->nb; i++) {
		b = helped ? shared_block(&h, i) : page_block(p, i);
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
	if (helped) {
		pthread_join(h.thread, NULL);
		free(h.state);
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
	int	 cols = view_date_cols(date_fmt);

	for (i = 0; i < c->n; i++) {
		row = view_list_row(&c->v[i], width, NULL, date_fmt, cols);
		fputs(row, f);
		putc('\n', f);
		free(row);
	}
	return ferror(f) ? -1 : 0;
}

/* ---- Screens. ---- */

/* One cell of a printed screen: the text drawn there (a character and
 * the marks that combine with it), or nothing when the cell is the right
 * half of a wide character. */
struct cell {
	char	s[32];
	uint8_t	len;
	uint8_t	wide_tail;
	uint8_t	elem;
};

/* Letters naming the colour elements in an attribute grid. */
static const char elem_codes[ELEM_COUNT] = {
	[ELEM_NORMAL] = '.', [ELEM_LIST] = 'l', [ELEM_LIST_SELECTED] = 'L',
	[ELEM_LIST_UNREAD] = 'u', [ELEM_LIST_OPEN] = 'o', [ELEM_TITLE] = 'T', [ELEM_META] = 'm',
	[ELEM_BODY] = 'b', [ELEM_RELATED] = 'r',
	[ELEM_RELATED_SELECTED] = 'R', [ELEM_SEARCH_MATCH] = 'S',
	[ELEM_SEARCH_CURRENT] = 'C',
	[ELEM_STATUS] = 's', [ELEM_BORDER] = '|', [ELEM_HELP] = 'h',
	[ELEM_ERROR] = 'E', [ELEM_HEADER] = 'H', [ELEM_HEADER_FOCUSED] = 'F'
};

static void
cell_set(struct cell *c, const char *s, size_t len, uint8_t elem)
{
	if (len > sizeof c->s)
		len = sizeof c->s;
	memcpy(c->s, s, len);
	c->len = (uint8_t) len;
	c->wide_tail = 0;
	c->elem = elem;
}

/* Puts one row of the model into the grid as a terminal would draw it:
 * each character at the next column by its width, marks of width 0 on
 * the cell before, and whole spans only (as ui.c paints them). */
static void
grid_row(struct cell *g, int cols, const struct vscreen *v,
    const struct rect *r, int y, const struct vrow *row)
{
	struct cell		*line = g + (size_t) (r->y + y) * (size_t) cols;
	const struct vspan	*sp;
	int			 col = 0, k, w, cw;
	size_t			 i, n;
	uint32_t		 c;

	for (k = 0; k < r->w; k++)
		cell_set(&line[r->x + k], " ", 1, row->fill);
	col = row->indent < r->w ? row->indent : r->w;
	for (k = 0; k < row->nspans; k++) {
		sp = &v->spans[row->first + (uint32_t) k];
		w = text_width(sp->s, sp->len);
		if (col + w > r->w)
			break;
		for (i = 0; i < sp->len; i += n) {
			n = text_next_char(sp->s + i, sp->len - i, &c);
			cw = text_char_width(c);
			if (cw <= 0) {
				struct cell *p = col > 0 ?
				    &line[r->x + col - 1] : NULL;
				while (p != NULL && p->wide_tail && p > line)
					p--;
				if (p != NULL && p->len + n <= sizeof p->s) {
					memcpy(p->s + p->len, sp->s + i, n);
					p->len = (uint8_t) (p->len + n);
				}
				continue;
			}
			cell_set(&line[r->x + col], sp->s + i, n, sp->elem);
			if (cw == 2 && col + 1 < r->w) {
				line[r->x + col + 1].len = 0;
				line[r->x + col + 1].wide_tail = 1;
				line[r->x + col + 1].elem = sp->elem;
			}
			col += cw;
		}
	}
}

/* Prints the screen model as the terminal would show it: a line of
 * text per row, trailing blanks dropped; with DUMP_ATTRS, then a line
 * "--" and a grid of one letter per cell naming its colour element. */
int
dump_screen(FILE *f, const struct vscreen *v, unsigned flags)
{
	struct cell	*g;
	int		 cols = v->cols > 0 ? v->cols : 1;
	int		 lines = v->lines > 0 ? v->lines : 1;
	int		 i, y, x, end;
	size_t		 k;

	g = xcalloc((size_t) cols * (size_t) lines, sizeof *g);
	for (k = 0; k < (size_t) cols * (size_t) lines; k++)
		cell_set(&g[k], " ", 1, ELEM_NORMAL);
	for (i = 0; i < VP_COUNT; i++) {
		const struct rect *r = &v->p[i].r;

		if (!v->p[i].shown || r->x + r->w > cols || r->y + r->h > lines)
			continue;
		for (y = 0; y < r->h; y++)
			if (v->p[i].first + (uint32_t) y < v->nrows)
				grid_row(g, cols, v, r, y,
				    &v->rows[v->p[i].first + (uint32_t) y]);
	}
	if (v->border)
		for (y = 0; y < v->border_r.h && v->border_r.y + y < lines; y++)
			cell_set(&g[(size_t) (v->border_r.y + y) * (size_t)
			    cols + (size_t) v->border_r.x], "\xe2\x94\x82", 3,
			    v->border_elem);
	for (y = 0; y < lines; y++) {
		struct cell *line = g + (size_t) y * (size_t) cols;

		for (end = cols; end > 0 && line[end - 1].len == 1 &&
		    line[end - 1].s[0] == ' '; end--)
			;
		for (x = 0; x < end; x++)
			fwrite(line[x].s, 1, line[x].len, f);
		putc('\n', f);
	}
	if (flags & DUMP_ATTRS) {
		fputs("--\n", f);
		for (y = 0; y < lines; y++) {
			for (x = 0; x < cols; x++)
				putc(elem_codes[g[(size_t) y * (size_t) cols +
				    (size_t) x].elem], f);
			putc('\n', f);
		}
		if (v->cursor)
			fprintf(f, "cursor %d,%d\n", v->cy, v->cx);
	}
	free(g);
	return ferror(f) ? -1 : 0;
}
