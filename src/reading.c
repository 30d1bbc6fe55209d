/* The reading pane: the open article, read whole or in parts. */
#include "system.h"

#include "docio.h"
#include "reading.h"
#include "text.h"
#include "xmalloc.h"

/* Starts with nothing open. */
void
reading_init(struct reading *rd, struct corpus *c, const struct settings *set)
{
	memset(rd, 0, sizeof *rd);
	rd->corpus = c;
	rd->set = set;
	rd->open = -1;
	rd->missing = -1;
	rd->rel_sel = -1;
	rd->height = 1;
	rd->width = 80;
}

/* Frees the page. */
void
reading_free(struct reading *rd)
{
	if (rd->has_page)
		page_free(&rd->page);
	free(rd->open_path);
	memset(rd, 0, sizeof *rd);
	rd->open = -1;
	rd->missing = -1;
	rd->rel_sel = -1;
}

/* Puts document d on the page (which takes it), at its top. */
static void
set_page(struct reading *rd, struct doc *d)
{
	if (rd->has_page)
		page_free(&rd->page);
	page_build(&rd->page, d, rd->set->show_related);
	page_set_width(&rd->page, rd->width);
	rd->has_page = true;
	rd->gen++;
	rd->top.block = rd->top.row = 0;
	rd->rel_sel = -1;
}

/* ---- Rows. ---- */

/* Returns the rows block b takes (wrapping it if it was not yet). */
size_t
reading_rows(struct reading *rd, uint32_t b)
{
	return page_block_rows(&rd->page, b);
}

/* Steps p to the next row; false at the last. */
bool
reading_pos_next(struct reading *rd, struct pos *p)
{
	if (p->row + 1 < reading_rows(rd, p->block)) {
		p->row++;
		return true;
	}
	if (p->block + 1 < rd->page.nb) {
		p->block++;
		p->row = 0;
		return true;
	}
	return false;
}

/* Steps p to the row before; false at the first. */
bool
reading_pos_prev(struct reading *rd, struct pos *p)
{
	if (p->row > 0) {
		p->row--;
		return true;
	}
	if (p->block > 0) {
		p->block--;
		p->row = (uint32_t) reading_rows(rd, p->block) - 1;
		return true;
	}
	return false;
}

/* Counts the rows from p to the end, stopping at limit. */
size_t
reading_rows_from(struct reading *rd, struct pos p, size_t limit)
{
	size_t	n = reading_rows(rd, p.block) - p.row;
	size_t	b;

	for (b = p.block + 1; n < limit && b < rd->page.nb; b++)
		n += reading_rows(rd, (uint32_t) b);
	return n;
}

/* The text byte that row p shows first, in its block. */
uint32_t
reading_pos_byte(struct reading *rd, struct pos p)
{
	struct pblock	*b = page_block(&rd->page, p.block);

	if (p.row < b->gap)
		return 0;
	return b->lines[p.row - b->gap].off;
}

/* The row showing byte off of block. */
struct pos
reading_pos_of_byte(struct reading *rd, size_t block, uint32_t off)
{
	struct pos	p;

	p.block = (uint32_t) block;
	p.row = page_block(&rd->page, block)->gap +
	    page_line_at(&rd->page, block, off);
	return p;
}

/* Whether row p is on screen. */
bool
reading_on_screen(struct reading *rd, struct pos p)
{
	struct pos	q = rd->top;
	int		k;

	for (k = 0; k < rd->height; k++) {
		if (q.block == p.block && q.row == p.row)
			return true;
		if (!reading_pos_next(rd, &q))
			break;
	}
	return false;
}

/* Whether the last row of the article is on screen. */
bool
reading_at_end(struct reading *rd)
{
	size_t	h = (size_t) rd->height;

	return !rd->has_page || reading_rows_from(rd, rd->top, h + 1) <= h;
}

/* ---- Reading the file. ---- */

/* How much of the start of a large article is read first: what fills
 * the pane (2 bytes a column is more than any text takes: CJK takes 3
 * bytes for 2), within READING_FIRST_MIN and READING_FIRST_MAX. */
static size_t
first_bytes(const struct reading *rd)
{
	size_t	n = (size_t) rd->height * (size_t) rd->width * 2;

	if (!rd->sized)
		return READING_FIRST_BYTES;
	return n < READING_FIRST_MIN ? READING_FIRST_MIN :
	    n > READING_FIRST_MAX ? READING_FIRST_MAX : n;
}

/* Puts the first bytes of article i on the page, read on their own (all
 * of it if it is no longer). Returns -1, with a cause, if it could not be
 * read. */
static int
read_part(struct reading *rd, long i, size_t bytes, struct causes *cs)
{
	struct doc	 d;
	char		*path = corpus_path(rd->corpus, &rd->corpus->v[i]);
	bool		 whole = false;
	int		 rc;

	rc = docio_load_part(path, &d, cs, bytes, &whole);
	free(path);
	if (rc != 0)
		return -1;
	corpus_resolve(rd->corpus, &d);
	set_page(rd, &d);
	rd->partial = !whole;
	rd->tail = false;
	rd->part = bytes;
	return 0;
}

/* Opens library article i at its top (its start only, if it is large).
 * Returns -1, with a cause, if it could not be read; then what was open
 * stays. */
int
reading_open(struct reading *rd, long i, struct causes *cs)
{
	/* An article of the usual size is read whole at once: parts are
	 * for the large ones, whose position can only be estimated until
	 * they are complete. */
	size_t	bytes = rd->corpus->v[i].size <= READING_FIRST_MAX ? 0 :
		    first_bytes(rd);

	if (read_part(rd, i, bytes, cs) != 0)
		return -1;
	rd->open = i;
	rd->open_id = rd->corpus->v[i].id;
	rd->open_root = rd->corpus->v[i].root;
	free(rd->open_path);
	rd->open_path = xstrdup(rd->corpus->v[i].path);
	rd->missing = -1;
	return 0;
}

/* Puts the end of a partly read article on the page, read on its own,
 * so that End answers at once whatever the size. Returns -1, with a
 * cause, if it could not be read. */
static int
read_tail(struct reading *rd, struct causes *cs)
{
	struct article	*a = &rd->corpus->v[rd->open];
	struct doc	 d;
	char		*path = corpus_path(rd->corpus, a), *title;
	int64_t		 skip;
	int		 rc;

	rc = docio_load_tail(path, &d, cs, READING_QUICK_BYTES, &skip);
	free(path);
	if (rc != 0)
		return -1;
	/* The title is the article's, not the fragment's; cleaned, as it
	 * may come from the header index. */
	title = text_clean_str(a->title);
	docio_give_title(&d, title);
	free(title);
	docio_give_date(&d, a->date, a->date_text);
	corpus_resolve(rd->corpus, &d);
	set_page(rd, &d);
	rd->partial = rd->tail = true;
	rd->tail_skip = skip;
	return 0;
}

/* Scrolls to a place given by reading_place(), within what was read. */
static void
place_top(struct reading *rd, const struct place *pl)
{
	const struct doc	*d = &rd->page.doc;
	const struct para	*pa;
	uint32_t		 off;
	size_t			 b;

	rd->top.block = rd->top.row = 0;
	if (pl->para == 0) {
		if (pl->chr < rd->page.body_first && pl->chr < rd->page.nb)
			rd->top.block = pl->chr;
		return;
	}
	if (pl->para <= d->npara && (pl->chr & PLACE_GAP)) {
		b = page_find_para(&rd->page, pl->para - 1, 0);
		rd->top.block = (uint32_t) b;
		if ((pl->chr & ~PLACE_GAP) < page_block(&rd->page, b)->gap)
			rd->top.row = pl->chr & ~PLACE_GAP;
		else
			rd->top = reading_pos_of_byte(rd, b, 0);
		return;
	}
	if (pl->para <= d->npara) {
		pa = &d->paras[pl->para - 1];
		off = (uint32_t) text_char_offset(d->text + pa->text.off,
		    pa->text.len, pl->chr);
		b = page_find_para(&rd->page, pl->para - 1, off);
		rd->top = reading_pos_of_byte(rd, b, off -
		    rd->page.b[b].para_off);
	} else if (pl->para - 1 - d->npara < d->nrel)
		rd->top.block = (uint32_t)
		    rd->page.rel_block[pl->para - 1 - d->npara];
}

/* Reads more of the start of a partly read article: four times as much,
 * or all of it once that is near the whole. The place and the selection
 * stay. Returns false when there was nothing more to read. */
static bool
grow(struct reading *rd, struct causes *cs)
{
	struct place	pl;
	struct pos	top = rd->top;
	int32_t		sel = rd->rel_sel;
	size_t		next = rd->part * 4, nb = rd->page.nb;

	if (!rd->partial || rd->tail)
		return false;
	if ((int64_t) next >= rd->corpus->v[rd->open].size / 2)
		return reading_complete(rd, cs) > 0;
	pl = reading_place(rd);
	if (read_part(rd, rd->open, next, cs) != 0)
		return false;
	/* Blocks before the part's last, which may have been cut short, are
	 * laid out the same in more of the article: the top row stays as it
	 * was (a blank row too, which a place cannot name). */
	if (top.block + 1 < nb && top.block < rd->page.nb &&
	    top.row < reading_rows(rd, top.block))
		rd->top = top;
	else
		place_top(rd, &pl);
	if (sel < (int32_t) rd->page.doc.nrel)
		rd->rel_sel = sel;
	return true;
}

/* Reads more of a partly read article until n rows show from the top
 * (or there is no more). */
static void
fill_rows(struct reading *rd, size_t n, struct causes *cs)
{
	while (rd->has_page && rd->partial && !rd->tail &&
	    reading_rows_from(rd, rd->top, n + 1) <= n && grow(rd, cs))
		;
}

/* Reads more of a partly read article until the pane is full. */
void
reading_fill(struct reading *rd, struct causes *cs)
{
	fill_rows(rd, (size_t) rd->height, cs);
}

/* Reads the rest of a partly read article and puts it in place of the
 * part, keeping the place and the selection. Returns 1 if it did, 0 if
 * there was nothing to read, -1 (with a cause) if it could not be read:
 * then the part stays, no longer partial, so nothing tries again. */
int
reading_complete(struct reading *rd, struct causes *cs)
{
	struct doc	d;
	struct place	pl;
	struct pos	top = rd->top;
	int32_t		sel = rd->rel_sel;
	uint32_t	npara_part = (uint32_t) rd->page.doc.npara;
	size_t		nb = rd->page.nb;
	bool		was_tail = rd->tail, at_end;

	if (!rd->partial)
		return 0;
	at_end = reading_at_end(rd);
	rd->partial = rd->tail = false;
	if (corpus_open(rd->corpus, (size_t) rd->open, &d, cs) != 0)
		return -1;
	pl = reading_place(rd);
	set_page(rd, &d);
	/* The end's paragraphs are the last ones of the whole. */
	if (was_tail && pl.para > 0)
		pl.para += (uint32_t) rd->page.doc.npara - npara_part;
	if (was_tail && at_end)
		reading_end(rd, cs);
	else if (!was_tail && top.block + 1 < nb && top.block < rd->page.nb &&
	    top.row < reading_rows(rd, top.block)) {
		/* As in grow(): the rows before the part's last block are the
		 * same in the whole, a blank one too. */
		rd->top = top;
		reading_fill(rd, cs);
	} else
		reading_goto(rd, &pl, cs);
	if (sel < (int32_t) rd->page.doc.nrel)
		rd->rel_sel = sel;
	return 1;
}

/* Shows related item r of the page as not in the library: its title, a
 * note and its excerpt. The open article stays the one linking. */
void
reading_show_missing(struct reading *rd, int32_t r)
{
	const struct related	*rel = &rd->page.doc.rel[r];
	const char		*note = _("This article is not in the library.");
	struct doc		 d;
	size_t			 tl = rel->title.len, el = rel->excerpt.len;
	size_t			 nl = strlen(note);

	memset(&d, 0, sizeof d);
	d.text = xmalloc(tl + nl + el + 1);
	memcpy(d.text, rd->page.doc.text + rel->title.off, tl);
	memcpy(d.text + tl, note, nl);
	memcpy(d.text + tl + nl, rd->page.doc.text + rel->excerpt.off, el);
	d.text[tl + nl + el] = '\0';
	d.len = tl + nl + el;
	d.title.len = (uint32_t) tl;
	d.paras = xcalloc(2, sizeof *d.paras);
	d.paras[0].text.off = (uint32_t) tl;
	d.paras[0].text.len = (uint32_t) nl;
	d.paras[1].text.off = (uint32_t) (tl + nl);
	d.paras[1].text.len = (uint32_t) el;
	d.npara = el > 0 ? 2 : 1;
	set_page(rd, &d);
	rd->page.b[rd->page.body_first].elem = ELEM_ERROR;
	rd->partial = rd->tail = false;
	rd->missing = r;
}

/* ---- Moving. ---- */

/* Scrolls by n rows (down if positive), reading more as needed. */
void
reading_scroll(struct reading *rd, long n, struct causes *cs)
{
	size_t		h = (size_t) rd->height, have;

	if (!rd->has_page)
		return;
	if (n > 0) {
		fill_rows(rd, h + (size_t) n, cs);
		have = reading_rows_from(rd, rd->top, h + (size_t) n);
		n = have > h ? (long) (have - h) < n ? (long) (have - h) : n :
		    0;
		while (n-- > 0)
			reading_pos_next(rd, &rd->top);
	} else {
		/* Above the start of a long article's end read on its own:
		 * the whole first (the end's first blocks are its title). */
		if (rd->tail) {
			struct pos	p = rd->top;
			long		k = n;

			while (k < 0 && p.block > rd->page.body_first &&
			    reading_pos_prev(rd, &p))
				k++;
			if (k < 0 && reading_complete(rd, cs) < 0)
				return;
		}
		while (n < 0 && reading_pos_prev(rd, &rd->top))
			n++;
	}
}

/* Goes to the start of the article. */
void
reading_home(struct reading *rd, struct causes *cs)
{
	if (!rd->has_page)
		return;
	if (rd->tail)
		read_part(rd, rd->open, first_bytes(rd), cs);
	rd->top.block = 0;
	rd->top.row = 0;
	fill_rows(rd, (size_t) rd->height, cs);
}

/* Shows the end of the article: only the last screenful is wrapped. */
void
reading_end(struct reading *rd, struct causes *cs)
{
	struct pos	p;
	int		k;

	if (!rd->has_page)
		return;
	/* The end on its own, unless that would be most of the file. */
	if (rd->partial && !rd->tail) {
		if (rd->corpus->v[rd->open].size <= READING_QUICK_BYTES * 2)
			reading_complete(rd, cs);
		else
			read_tail(rd, cs);
	}
	p.block = (uint32_t) rd->page.nb - 1;
	p.row = (uint32_t) reading_rows(rd, p.block) - 1;
	for (k = 1; k < rd->height && reading_pos_prev(rd, &p); k++)
		;
	rd->top = p;
}

/* Makes blocks first..last visible, wrapping only a screenful: the
 * screen stays if they show, else it scrolls just enough, never past the
 * start of first. */
void
reading_show_blocks(struct reading *rd, size_t first, size_t last,
    struct causes *cs)
{
	size_t		h = (size_t) rd->height, k;
	struct pos	p = rd->top;
	bool		seen_first = false;

	if (first < rd->top.block || (first == rd->top.block &&
	    rd->top.row > page_block(&rd->page, first)->gap))
		goto jump;
	for (k = 0; k < h; k++) {
		if (p.block == first)
			seen_first = true;
		if (p.block == last && p.row + 1 == reading_rows(rd, p.block))
			return;
		if (!reading_pos_next(rd, &p))
			return;
	}
	if (seen_first) {
		struct pos end = { (uint32_t) last,
		    (uint32_t) reading_rows(rd, (uint32_t) last) - 1 };
		for (k = 1; k < h && reading_pos_prev(rd, &end) &&
		    end.block >= first; k++)
			;
		if (end.block >= first)
			rd->top = end;
		else {
			rd->top.block = (uint32_t) first;
			rd->top.row = 0;
		}
		return;
	}
jump:
	rd->top.block = (uint32_t) first;
	rd->top.row = 0;
	if (reading_at_end(rd) && reading_rows_from(rd, rd->top, h) < h)
		reading_end(rd, cs);
}

/* Brings row p into view: the screen stays if it shows; else p goes a
 * third of the way down (as less puts a match), or the end shows. */
void
reading_show_pos(struct reading *rd, struct pos p, struct causes *cs)
{
	size_t	h = (size_t) rd->height, k;

	if (reading_on_screen(rd, p))
		return;
	rd->top = p;
	for (k = 0; k < h / 3 && reading_pos_prev(rd, &rd->top); k++)
		;
	if (reading_rows_from(rd, rd->top, h) < h)
		reading_end(rd, cs);
}

/* How far into the article the top row is, in percent. */
int
reading_percent(struct reading *rd)
{
	uint64_t	at;
	int64_t		size;

	if (!rd->has_page || rd->page.total == 0 ||
	    ((!rd->partial || rd->tail) && reading_at_end(rd)))
		return 100;
	at = rd->page.b[rd->top.block].pos + reading_pos_byte(rd, rd->top);
	/* Of a partly read article, only its size on disk is known. */
	if (rd->partial && rd->tail)
		at += (uint64_t) rd->tail_skip;
	size = rd->partial ? rd->corpus->v[rd->open].size : 0;
	if (rd->partial && size > (int64_t) at)
		return (int) (at * 100 / (uint64_t) size);
	return (int) (at * 100 / rd->page.total);
}

/* The width-independent place of the top row. */
struct place
reading_place(struct reading *rd)
{
	struct place	 pl = { 0, 0 };
	struct pblock	*b;
	uint32_t	 off;

	if (!rd->has_page)
		return pl;
	b = &rd->page.b[rd->top.block];
	if (rd->top.block < rd->page.body_first) {
		/* A row of the head (title, date, URL): its block. */
		pl.chr = rd->top.block;
	} else if (b->para >= 0 && b->para_off == 0 && rd->top.row < b->gap) {
		/* A blank row before a paragraph. */
		pl.para = (uint32_t) b->para + 1;
		pl.chr = PLACE_GAP | rd->top.row;
	} else if (b->para >= 0) {
		const struct para *pa = &rd->page.doc.paras[b->para];

		off = b->para_off + reading_pos_byte(rd, rd->top);
		pl.para = (uint32_t) b->para + 1;
		pl.chr = (uint32_t) text_count_chars(rd->page.doc.text +
		    pa->text.off, off);
	} else if (b->related >= 0)
		pl.para = (uint32_t) (rd->page.doc.npara + 1 +
		    (size_t) b->related);
	return pl;
}

/* Puts place pl at the top, reading more of a partly read article first
 * if pl lies beyond what was read, and fills the pane. */
void
reading_goto(struct reading *rd, const struct place *pl,
    struct causes *cs)
{
	if (!rd->has_page)
		return;
	while (rd->partial && !rd->tail && pl->para > rd->page.doc.npara &&
	    grow(rd, cs))
		;
	place_top(rd, pl);
	fill_rows(rd, (size_t) rd->height, cs);
	/* A place past what fits (a file that shrank, another height): the
	 * end, with no blank rows under it. */
	if ((!rd->partial || rd->tail) && reading_rows_from(rd, rd->top,
	    (size_t) rd->height) < (size_t) rd->height)
		reading_end(rd, cs);
}

/* Sets the pane's size; re-wraps around the top row, which stays. */
void
reading_set_size(struct reading *rd, int h, int w, struct causes *cs)
{
	uint32_t	off;
	size_t		block;

	rd->height = h > 0 ? h : 1;
	if (w < 4)
		w = 4;
	if (rd->set->text_width > 0 && w > rd->set->text_width)
		w = rd->set->text_width;
	if (rd->has_page && w != rd->page.width) {
		/* The text at the top stays: the first byte of the line at the
		 * top before the first of a run of resizes, for each line at
		 * a narrower width starts inside it and moving it back to its
		 * own start at each step would drift. */
		if (!rd->anchored || rd->anchor_gen != rd->gen ||
		    rd->anchor_top.block != rd->top.block ||
		    rd->anchor_top.row != rd->top.row) {
			rd->anchor_block = rd->top.block;
			rd->anchor_off = reading_pos_byte(rd, rd->top);
			/* A blank row before a paragraph stays one. */
			rd->anchor_gap = rd->top.row < page_block(&rd->page,
			    rd->top.block)->gap ? (int) rd->top.row : -1;
			rd->anchor_gen = rd->gen;
			rd->anchored = true;
		}
		block = rd->anchor_block;
		off = rd->anchor_off;
		page_set_width(&rd->page, w);
		rd->top = reading_pos_of_byte(rd, block, off);
		if (rd->anchor_gap >= 0)
			rd->top.row = (uint32_t) rd->anchor_gap;
		rd->anchor_top = rd->top;
	}
	rd->width = w;
	rd->sized = true;
	reading_fill(rd, cs);
}

/* Follows the library after it changed: the open article is found again
 * by its identity; if it left (its file changed and came back with
 * another identity, or went), by its file. A changed file is read again
 * at the same place; what is shown of a file gone stays, but nothing
 * more of it can be read, so the page is no longer partial. */
enum reading_change
reading_follow_library(struct reading *rd, struct causes *cs)
{
	struct place	pl;
	size_t		i;
	long		found = -1, k;
	int		rc;

	if (rd->open < 0)
		return READING_SAME;
	/* Most often the article is found by its identity, and is itself
	 * (not a copy): no path need be compared for every article. */
	if ((k = corpus_find_id(rd->corpus, rd->open_id)) >= 0 &&
	    rd->corpus->v[k].root == rd->open_root &&
	    strcmp(rd->corpus->v[k].path, rd->open_path) == 0) {
		rd->open = k;
		return READING_SAME;
	}
	/* The same file, unchanged (copies of a file share an identity, so
	 * the path tells them apart); else the same file changed. */
	for (i = 0; i < rd->corpus->n; i++) {
		const struct article *a = &rd->corpus->v[i];

		if (a->root != rd->open_root ||
		    strcmp(a->path, rd->open_path) != 0)
			continue;
		if (a->id == rd->open_id) {
			rd->open = (long) i;
			return READING_SAME;
		}
		found = (long) i;
	}
	/* Not found by its file: a copy of it is as good. */
	if (found < 0 && (rd->open = corpus_find_id(rd->corpus,
	    rd->open_id)) >= 0) {
		rd->open_root = rd->corpus->v[rd->open].root;
		free(rd->open_path);
		rd->open_path = xstrdup(rd->corpus->v[rd->open].path);
		return READING_SAME;
	}
	if (found >= 0 && rd->missing >= 0) {
		/* The page shows one of its related items: it stays. */
		rd->open = found;
		rd->open_id = rd->corpus->v[found].id;
		return READING_RELOADED;
	}
	if (found >= 0) {
		pl = reading_place(rd);
		rc = reading_open(rd, found, cs);
		if (rc == 0) {
			reading_goto(rd, &pl, cs);
			return READING_RELOADED;
		}
	}
	rd->open = -1;
	rd->partial = rd->tail = false;
	return READING_GONE;
}

/* Checks the invariants in reading.h; returns the first one broken, or
 * NULL. */
const char *
reading_check(struct reading *rd)
{
	if (rd->open >= 0 && (!rd->has_page ||
	    (size_t) rd->open >= rd->corpus->n ||
	    rd->corpus->v[rd->open].id != rd->open_id ||
	    rd->corpus->v[rd->open].root != rd->open_root ||
	    rd->open_path == NULL ||
	    strcmp(rd->corpus->v[rd->open].path, rd->open_path) != 0))
		return "open article stale";
	if (rd->partial && (rd->open < 0 || rd->missing >= 0))
		return "partly read page without its article";
	if (rd->tail && !rd->partial)
		return "tail without a partial page";
	if (rd->height < 1 || rd->width < 1)
		return "reading pane without size";
	if (!rd->has_page)
		return rd->rel_sel >= 0 || rd->missing >= 0 || rd->open >= 0 ?
		    "selection without a page" : NULL;
	if (rd->page.nb == 0 || rd->top.block >= rd->page.nb)
		return "top block past the page";
	if (rd->top.row >= reading_rows(rd, rd->top.block))
		return "top row past its block";
	if (rd->rel_sel >= (int32_t) rd->page.doc.nrel)
		return "related selection past the items";
	if (rd->missing >= 0 && rd->open_id == 0)
		return "missing item without the article linking";
	return NULL;
}
