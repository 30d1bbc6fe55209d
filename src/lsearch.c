/* The library search of the interface: background indexing, results and
 * their snippets. */
#include "system.h"

#include <time.h>

#include "lsearch.h"
#include "xmalloc.h"

/* The indexer's progress is shown once it has worked this long: a start
 * with little or nothing to index says nothing. */
#define QUIET_NS	1000000000LL

static int64_t
now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Starts with no index and no results; flags are fts_open()'s. */
void
lsearch_init(struct lsearch *ls, int flags)
{
	memset(ls, 0, sizeof *ls);
	ls->flags = flags;
	ls->lib_stale = true;
}

static void
snippets_free(struct lsearch *ls)
{
	size_t	i;

	for (i = 0; ls->snip != NULL && i < ls->n; i++) {
		free(ls->snip[i].text);
		free(ls->snip[i].sp);
	}
	free(ls->snip);
	ls->snip = NULL;
}

/* Forgets the results (the query typed is kept, to be offered again). */
void
lsearch_drop(struct lsearch *ls)
{
	snippets_free(ls);
	free(ls->ids);
	ls->ids = NULL;
	ls->n = 0;
	ls->active = false;
	query_free(&ls->q);
	memset(&ls->q, 0, sizeof ls->q);
}

/* Stops the indexer (what it did is kept) and closes the index. */
void
lsearch_free(struct lsearch *ls)
{
	lsearch_drop(ls);
	if (ls->fts != NULL) {
		fts_index_stop(ls->fts, NULL);
		fts_close(ls->fts);
	}
	fts_library_free(&ls->lib);
	free(ls->text);
	memset(ls, 0, sizeof *ls);
}

/* Opens the index unless it is open or could not be; says why not. */
static bool
open_index(struct lsearch *ls, struct causes *cs)
{
	if (ls->fts == NULL && !ls->failed &&
	    (ls->fts = fts_open(NULL, ls->flags, cs)) == NULL)
		ls->failed = true;
	return ls->fts != NULL;
}

/* Starts bringing the index up to date with library c in the background
 * (if it is not at it already). */
void
lsearch_start(struct lsearch *ls, const struct corpus *c, struct causes *cs)
{
	struct fts_library	lib;

	if (ls->indexing || !open_index(ls, cs))
		return;
	fts_library_from_corpus(&lib, c);
	/* Not yet known: the indexer first finds what changed. */
	ls->done = 0;
	ls->total = 0;
	ls->changed = false;
	ls->complete = false;
	ls->began = now_ns();
	fts_index_start(ls->fts, &lib);
	ls->indexing = true;
}

/* Notes that the library changed: the indexer is to go over it again,
 * and queries to be told of it. */
void
lsearch_library_changed(struct lsearch *ls)
{
	ls->changed = true;
	ls->complete = false;
	ls->lib_stale = true;
}

/* Looks at the indexer: when it has ended, hands on what it had to say,
 * makes a damaged index again, and starts it over if the library changed
 * meanwhile. Returns whether its progress, as shown, changed. */
bool
lsearch_poll(struct lsearch *ls, const struct corpus *c, struct causes *cs)
{
	size_t	done, total;
	bool	busy, was = ls->shown;

	if (!ls->indexing)
		return false;
	busy = fts_index_progress(ls->fts, &done, &total);
	if (busy) {
		ls->shown = total > 0 && now_ns() - ls->began >= QUIET_NS;
		if (done == ls->done && total == ls->total)
			return ls->shown != was;
		ls->done = done;
		ls->total = total;
		return ls->shown;
	}
	ls->done = done;
	ls->total = total;
	fts_index_done(ls->fts, cs);
	ls->indexing = false;
	ls->shown = false;
	if (fts_damaged(ls->fts)) {
		/* Closing removes it; opened again, it is made anew. */
		fts_close(ls->fts);
		ls->fts = NULL;
		causes_warn(cs, "%s", _("the search index is damaged: it is "
		    "made again"));
		ls->lib_stale = true;
		lsearch_start(ls, c, cs);
	} else if (ls->changed)
		lsearch_start(ls, c, cs);
	else
		ls->complete = true;
	return was || cs->n > 0;
}

/* Waits for the indexer to be done with library c (for the headless
 * replay, which wants the same answers whatever the machine's speed). */
void
lsearch_finish(struct lsearch *ls, const struct corpus *c, struct causes *cs)
{
	struct timespec	ts = { 0, 2000000 };

	while (ls->indexing) {
		if (!lsearch_poll(ls, c, cs))
			nanosleep(&ts, NULL);
	}
}

/* Runs the query text over the index, for library c (is_read answers
 * for unread). The results replace the last ones, if there are any. */
enum lsearch_result
lsearch_run(struct lsearch *ls, const char *text, const struct corpus *c,
    bool (*is_read)(void *, uint64_t), void *arg, struct causes *cs)
{
	struct query	 q;
	struct fts_hit	*h;
	size_t		 n, i;

	if (query_parse(&q, text, cs) != 0) {
		query_free(&q);
		return LSEARCH_BAD_QUERY;
	}
	if (!open_index(ls, cs)) {
		query_free(&q);
		return LSEARCH_NO_INDEX;
	}
	if (ls->lib_stale) {
		fts_library_free(&ls->lib);
		fts_library_from_corpus(&ls->lib, c);
		ls->lib_stale = false;
	}
	if (fts_query(ls->fts, &q, &ls->lib, is_read, arg, &h, &n, cs) != 0) {
		query_free(&q);
		return LSEARCH_NO_INDEX;
	}
	if (n == 0) {
		free(h);
		query_free(&q);
		return LSEARCH_NONE;
	}
	lsearch_drop(ls);
	free(ls->text);
	ls->text = xstrdup(text);
	ls->q = q;
	ls->ids = xcalloc(n + 1, sizeof *ls->ids);
	for (i = 0; i < n; i++)
		ls->ids[i] = h[i].id;
	free(h);
	ls->n = n;
	ls->snip = xcalloc(n + 1, sizeof *ls->snip);
	ls->active = true;
	return LSEARCH_OK;
}

/* Library indices by article identity, for a pass over many results. */
struct idmap {
	uint64_t	*id;
	uint32_t	*at;
	bool		*seen;		/* a result already has it */
	size_t		 mask;
};

static void
idmap_make(struct idmap *m, const struct corpus *c)
{
	size_t	cap = 16, i, k;

	while (cap < 2 * c->n)
		cap *= 2;
	m->id = xcalloc(cap, sizeof *m->id);
	m->at = xcalloc(cap, sizeof *m->at);
	m->seen = xcalloc(cap, sizeof *m->seen);
	m->mask = cap - 1;
	/* The first of copies that share an identity, as corpus_find_id()
	 * gives. (Identity 0 is no article's.) */
	for (i = 0; i < c->n; i++) {
		for (k = c->v[i].id & m->mask; m->id[k] != 0 &&
		    m->id[k] != c->v[i].id; k = (k + 1) & m->mask)
			continue;
		if (m->id[k] == 0 && c->v[i].id != 0) {
			m->id[k] = c->v[i].id;
			m->at[k] = (uint32_t) i;
		}
	}
}

/* Returns the library index of id, or -1 if it is not there or was
 * asked for before (copies of a file are one result). */
static long
idmap_take(struct idmap *m, uint64_t id)
{
	size_t	k;

	for (k = id & m->mask; m->id[k] != 0; k = (k + 1) & m->mask)
		if (m->id[k] == id) {
			if (m->seen[k])
				return -1;
			m->seen[k] = true;
			return (long) m->at[k];
		}
	return -1;
}

/* Fills rows (room for the library's size) with the library indices of
 * the results, best first, and returns how many; results whose article
 * is no longer in library c are dropped, and so are copies. */
size_t
lsearch_rows(struct lsearch *ls, const struct corpus *c, uint32_t *rows)
{
	struct idmap	m;
	size_t		i, k = 0;
	long		a;

	if (ls->n == 0)
		return 0;
	idmap_make(&m, c);
	for (i = 0; i < ls->n; i++) {
		a = ls->ids[i] != 0 ? idmap_take(&m, ls->ids[i]) : -1;
		if (a < 0) {
			free(ls->snip[i].text);
			free(ls->snip[i].sp);
			continue;
		}
		ls->ids[k] = ls->ids[i];
		ls->snip[k] = ls->snip[i];
		rows[k++] = (uint32_t) a;
	}
	free(m.id);
	free(m.at);
	free(m.seen);
	for (i = k; i < ls->n; i++)
		memset(&ls->snip[i], 0, sizeof ls->snip[i]);
	ls->n = k;
	return k;
}

/* Makes the snippets of rows [top, top + h) of the list, whose library
 * indices are rows[], about width columns wide (all of them again when
 * the width changed). */
void
lsearch_prepare(struct lsearch *ls, const struct corpus *c,
    const uint32_t *rows, size_t top, size_t h, int width)
{
	struct lsnippet	*s;
	char		*path;
	size_t		 i;

	if (!ls->active)
		return;
	if (width != ls->snip_width) {
		for (i = 0; i < ls->n; i++) {
			free(ls->snip[i].text);
			free(ls->snip[i].sp);
			memset(&ls->snip[i], 0, sizeof ls->snip[i]);
		}
		ls->snip_width = width;
	}
	for (i = top; i < top + h && i < ls->n; i++) {
		s = &ls->snip[i];
		if (s->text != NULL || s->failed)
			continue;
		path = corpus_path(c, &c->v[rows[i]]);
		s->text = fts_snippet(path, &ls->q, ls->flags,
		    width > 0 ? (size_t) width : 1, NULL);
		free(path);
		if (s->text == NULL) {
			s->failed = true;
			continue;
		}
		fts_find(s->text, strlen(s->text), &ls->q, ls->flags, false,
		    &s->sp, &s->nsp);
	}
}

/* Returns the snippet of result i, or NULL. */
const struct lsnippet *
lsearch_snippet(const struct lsearch *ls, size_t i)
{
	if (!ls->active || i >= ls->n || ls->snip[i].text == NULL)
		return NULL;
	return &ls->snip[i];
}

/* Checks the invariants in lsearch.h; returns the first one broken, or
 * NULL. */
const char *
lsearch_check(const struct lsearch *ls)
{
	size_t	i, k, len;

	if (ls->indexing && ls->fts == NULL)
		return "indexing without an index";
	if (ls->active && (ls->n > 0 ? ls->ids == NULL || ls->snip == NULL :
	    ls->snip == NULL))
		return "results without their rows";
	for (i = 0; ls->active && i < ls->n; i++) {
		if (ls->snip[i].text == NULL)
			continue;
		len = strlen(ls->snip[i].text);
		for (k = 0; k < ls->snip[i].nsp; k++)
			if ((size_t) ls->snip[i].sp[k].off +
			    ls->snip[i].sp[k].len > len)
				return "snippet match past its text";
	}
	return NULL;
}
