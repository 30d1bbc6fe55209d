/* Printing pages and lists as plain text. */
#include "system.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "dump.h"
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

	for (i = 0; i < c->n; i++) {
		row = view_list_row(&c->v[i], width, NULL, date_fmt);
		fputs(row, f);
		putc('\n', f);
		free(row);
	}
	return ferror(f) ? -1 : 0;
}
