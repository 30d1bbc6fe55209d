/* Building the reading pane's blocks and wrapping them lazily. */
#include "system.h"

#include <stdio.h>

#include "page.h"
#include "text.h"
#include "xmalloc.h"

#define RELATED_HEADING	"相关文章"
#define MARK_LOADED	"[*] "
#define MARK_MISSING	"[ ] "
/* How far back from a chunk's end a break opportunity is looked for. */
#define CHUNK_WINDOW	2048

/* Writes a date as "YYYY-MM-DD hh:mm" (":ss" too when not zero). */
void
page_format_date(int64_t d, char *buf, size_t size)
{
	int	s = (int) (d % 100), mi = (int) (d / 100 % 100);
	int	h = (int) (d / 10000 % 100), dd = (int) (d / 1000000 % 100);
	int	mo = (int) (d / 100000000 % 100), y = (int) (d / 10000000000);

	if (d <= 0) {
		snprintf(buf, size, "%s", "");
		return;
	}
	if (s != 0)
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, dd,
		    h, mi, s);
	else
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", y, mo, dd, h,
		    mi);
}

static struct pblock *
add_block(struct page *p, const char *s, size_t len, enum elem e, int gap)
{
	struct pblock	*b;

	if (p->nb == p->bcap) {
		p->bcap = p->bcap ? p->bcap * 2 : 64;
		p->b = xreallocarray(p->b, p->bcap, sizeof *p->b);
	}
	b = &p->b[p->nb++];
	memset(b, 0, sizeof *b);
	b->s = s;
	b->len = (uint32_t) len;
	b->elem = (uint8_t) e;
	b->gap = (uint8_t) gap;
	b->related = -1;
	b->para = -1;
	b->pos = p->total;
	p->total += len;
	return b;
}

static const char *
own(struct page *p, char *s)
{
	if (p->nowned == p->ocap) {
		p->ocap = p->ocap ? p->ocap * 2 : 16;
		p->owned = xreallocarray(p->owned, p->ocap, sizeof *p->owned);
	}
	p->owned[p->nowned++] = s;
	return s;
}

/* Where to end a piece of a long paragraph that starts at s: at the last
 * line-break opportunity (else cluster boundary) before PAGE_CHUNK. */
static size_t
chunk_end(const char *s)
{
	char	flags[CHUNK_WINDOW];
	size_t	a = PAGE_CHUNK - CHUNK_WINDOW, i;

	/* Start the window on a character, not inside one. */
	while (a < PAGE_CHUNK && ((unsigned char) s[a] & 0xC0) == 0x80)
		a++;
	text_line_breaks(s + a, PAGE_CHUNK - a, flags);
	for (i = PAGE_CHUNK - a; i-- > 1;)
		if (flags[i])
			return a + i;
	text_cluster_starts(s + a, PAGE_CHUNK - a, flags);
	for (i = PAGE_CHUNK - a; i-- > 1;)
		if (flags[i])
			return a + i;
	return a;
}

static void
add_paragraph(struct page *p, const struct para *pa, int n)
{
	const char	*s = p->doc.text + pa->text.off;
	size_t		 len = pa->text.len, off = 0, cut;
	struct pblock	*b;

	do {
		cut = len - off > PAGE_CHUNK ? chunk_end(s + off) : len - off;
		b = add_block(p, s + off, cut, ELEM_BODY, off == 0 &&
		    !pa->tight);
		b->first_indent = off == 0 ? pa->indent : pa->hang;
		b->indent = pa->hang;
		b->para = n;
		b->para_off = (uint32_t) off;
		b->entry_known = off == 0;
		off += cut;
	} while (off < len);
}

static void
add_related(struct page *p, size_t k)
{
	const struct related	*r = &p->doc.rel[k];
	const char		*t;
	struct pblock		*b;

	t = own(p, xasprintf("%s%.*s", r->target >= 0 ? MARK_LOADED :
	    MARK_MISSING, (int) r->title.len, p->doc.text + r->title.off));
	b = add_block(p, t, strlen(t), ELEM_RELATED, 1);
	p->rel_block[k] = p->nb - 1;
	b->indent = PAGE_RELATED_INDENT;
	b->related = (int32_t) k;
	if (r->excerpt.len == 0)
		return;
	b = add_block(p, p->doc.text + r->excerpt.off, r->excerpt.len,
	    ELEM_BODY, 0);
	b->first_indent = b->indent = PAGE_RELATED_INDENT;
	b->related = (int32_t) k;
}

/* Makes the blocks of an article, taking ownership of *d (which is left
 * empty). Related targets must already be resolved; show_related false
 * leaves the related items out. */
void
page_build(struct page *p, struct doc *d, bool show_related)
{
	char	date[32];
	size_t	i;

	memset(p, 0, sizeof *p);
	p->doc = *d;
	memset(d, 0, sizeof *d);
	d = &p->doc;
	add_block(p, d->text + d->title.off, d->title.len, ELEM_TITLE, 0);
	if (d->date != 0) {
		page_format_date(d->date, date, sizeof date);
		add_block(p, own(p, xstrdup(date)), strlen(date), ELEM_META,
		    0);
	} else if (d->date_text.len > 0)
		/* Not a date: shown as written. */
		add_block(p, d->text + d->date_text.off, d->date_text.len,
		    ELEM_META, 0);
	if (d->url.len > 0)
		add_block(p, d->text + d->url.off, d->url.len, ELEM_META, 0);
	p->body_first = p->nb;
	for (i = 0; i < d->npara; i++)
		add_paragraph(p, &d->paras[i], (int) i);
	p->body_end = p->nb;
	if (!show_related)
		d->nrel = 0;
	p->rel_block = xcalloc(d->nrel, sizeof *p->rel_block);
	if (d->nrel > 0)
		add_block(p, RELATED_HEADING, strlen(RELATED_HEADING),
		    ELEM_TITLE, 1);
	for (i = 0; i < d->nrel; i++)
		add_related(p, i);
}

static void
forget_lines(struct page *p)
{
	size_t	i;

	for (i = 0; i < p->nb; i++) {
		x_free(p->b[i].lines);
		p->b[i].nlines = 0;
		p->b[i].laid = false;
		p->b[i].entry = 0;
		p->b[i].entry_known = p->b[i].para_off == 0;
	}
}

/* Frees the page and the document it owns. */
void
page_free(struct page *p)
{
	size_t	i;

	forget_lines(p);
	for (i = 0; i < p->nowned; i++)
		free(p->owned[i]);
	free(p->owned);
	free(p->rel_block);
	free(p->b);
	layout_scratch_free(&p->scratch);
	doc_free(&p->doc);
	memset(p, 0, sizeof *p);
}

/* Sets the width to wrap for; lines wrapped for another width are
 * dropped and made again when asked for. */
void
page_set_width(struct page *p, int width)
{
	if (width == p->width)
		return;
	forget_lines(p);
	p->width = width;
}

/* Whether block i is a piece of a paragraph wrapped in pieces. */
static bool
is_piece(const struct page *p, const struct pblock *b)
{
	return b->para >= 0 && p->doc.paras[b->para].text.len > PAGE_CHUNK;
}

/* Whether block i can be wrapped with no other wrapped first, so on a
 * thread of its own: all but the second and later pieces of a long
 * paragraph. Wrapping the first piece tells the second where its lines
 * start. */
bool
page_block_alone(const struct page *p, size_t i)
{
	return p->b[i].para_off == 0;
}

/* Wraps piece i of a long paragraph, whose entry is known, as part of
 * the whole paragraph, and tells the next piece where its lines start. */
static void
wrap_piece(struct page *p, size_t i, struct layout_scratch *sc)
{
	struct pblock		*b = &p->b[i];
	const struct para	*pa = &p->doc.paras[b->para];
	struct lines		 l = { NULL, 0, 0 };
	struct line		 empty;
	struct wrap		 w;
	size_t			 k, next;

	w.width = p->width;
	w.first_indent = pa->indent;
	w.indent = pa->hang;
	next = layout_wrap_part(sc, p->doc.text + pa->text.off, pa->text.len,
	    b->para_off + b->entry, b->para_off + b->len, &w, pa->kept, &l);
	for (k = 0; k < l.n; k++)
		l.v[k].off -= b->para_off;
	/* A line that spans a whole piece (of spaces) leaves the piece none
	 * of its own; an empty one stands in for it. */
	if (l.n == 0) {
		memset(&empty, 0, sizeof empty);
		empty.off = b->entry < b->len ? b->entry : b->len;
		empty.indent = (uint16_t) (pa->hang < p->width - 1 ?
		    pa->hang : 0);
		lines_push(&l, &empty);
	}
	b->lines = xreallocarray(l.v, l.n, sizeof *l.v);
	b->nlines = (uint32_t) l.n;
	b->laid = true;
	if (i + 1 < p->nb && p->b[i + 1].para == b->para &&
	    p->b[i + 1].para_off > 0) {
		p->b[i + 1].entry = (uint32_t) (next - p->b[i + 1].para_off);
		p->b[i + 1].entry_known = true;
	}
}

/* Wraps block i for the current width, if it is not yet, with scratch
 * space sc: blocks apart can be wrapped on threads apart, each with its
 * own, when page_block_alone() says so. */
void
page_wrap_block(struct page *p, size_t i, struct layout_scratch *sc)
{
	struct pblock	*b = &p->b[i];
	struct lines	 l = { NULL, 0, 0 };
	struct wrap	 w;
	size_t		 j;

	if (b->laid)
		return;
	if (is_piece(p, b)) {
		/* The pieces before it tell where its lines start. */
		for (j = i; !p->b[j].entry_known; j--)
			;
		for (; j < i; j++)
			if (!p->b[j + 1].entry_known)
				wrap_piece(p, j, sc);
		wrap_piece(p, i, sc);
		return;
	}
	w.width = p->width;
	w.first_indent = b->first_indent;
	w.indent = b->indent;
	if (b->para >= 0 && p->doc.paras[b->para].kept)
		(void) layout_wrap_part(sc, b->s, b->len, 0, b->len, &w, true,
		    &l);
	else
		layout_wrap(sc, b->s, b->len, &w, &l);
	b->lines = xreallocarray(l.v, l.n, sizeof *l.v);
	b->nlines = (uint32_t) l.n;
	b->laid = true;
}

/* Returns block i, wrapped for the current width. */
struct pblock *
page_block(struct page *p, size_t i)
{
	page_wrap_block(p, i, &p->scratch);
	return &p->b[i];
}

/* Returns the screen rows block i takes: its gap and its lines. */
size_t
page_block_rows(struct page *p, size_t i)
{
	struct pblock	*b = page_block(p, i);

	return b->gap + b->nlines;
}

/* Returns the block whose lines show byte off of body paragraph para:
 * the piece of a long paragraph that holds it, or the one before when it
 * lies in that one's last line (the pieces are wrapped to tell). */
size_t
page_find_para(struct page *p, uint32_t para, uint32_t off)
{
	size_t			 lo = p->body_first, hi = p->body_end, mid;
	const struct pblock	*b;

	if (lo == hi)
		return 0;
	/* The last block that starts at or before (para, off). */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		b = &p->b[mid];
		if ((uint32_t) b->para < para ||
		    ((uint32_t) b->para == para && b->para_off <= off))
			lo = mid;
		else
			hi = mid;
	}
	b = page_block(p, lo);
	if (b->para_off > 0 && off < b->para_off + b->lines[0].off)
		lo--;
	return lo;
}

/* Returns the line of block i (wrapped) that holds byte off. */
uint32_t
page_line_at(struct page *p, size_t i, uint32_t off)
{
	struct pblock	*b = page_block(p, i);
	uint32_t	 lo = 0, hi = b->nlines, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (b->lines[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}
