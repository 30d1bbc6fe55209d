/* The library search of the interface: background indexing, results and
 * their snippets. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lsearch.h"
#include "xmalloc.h"

extern char	**environ;

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
	ls->from = -1;
}

/* Starts the indexer process (ls->worker): its standard output comes
 * to ls->from; it has a process group of its own, so that the
 * terminal's keys (C-c, C-z) are the interface's alone. Returns whether
 * it runs. */
static bool
worker_start(struct lsearch *ls)
{
	posix_spawn_file_actions_t	fa;
	posix_spawnattr_t		at;
	sigset_t			none;
	int				fd[2], rc;
	pid_t				pid;

	if (pipe(fd) != 0)
		return false;
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&at);
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP |
	    POSIX_SPAWN_SETSIGMASK);
	rc = posix_spawn(&pid, ls->worker[0], &fa, &at, ls->worker, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(fd[1]);
	if (rc != 0) {
		close(fd[0]);
		return false;
	}
	fcntl(fd[0], F_SETFL, fcntl(fd[0], F_GETFL) | O_NONBLOCK);
	ls->pid = pid;
	ls->from = fd[0];
	ls->nline = 0;
	ls->worker_done = ls->worker_damaged = false;
	ls->wdone = ls->wtotal = 0;
	return true;
}

/* Stops the indexer process, if one runs, and waits for it (it stops at
 * the next file or merge step; what it did is kept); with ended, it has
 * ended by itself, and how is kept in ls->wstatus. */
static void
worker_end(struct lsearch *ls, bool ended)
{
	int	status = 0;

	if (ls->from >= 0)
		close(ls->from);
	ls->from = -1;
	if (ls->pid > 0) {
		if (!ended)
			kill(ls->pid, SIGTERM);
		while (waitpid(ls->pid, &status, 0) < 0 && errno == EINTR)
			continue;
		if (ended)
			ls->wstatus = status;
	}
	ls->pid = 0;
}

static void
worker_stop(struct lsearch *ls)
{
	worker_end(ls, false);
}

/* Acts on one line the indexer process said. */
static void
worker_line(struct lsearch *ls, const char *l, struct causes *cs)
{
	const char	*text = l[0] != '\0' && l[1] == ' ' ? l + 2 : "";

	switch (l[0]) {
	case 'p':
		if (sscanf(text, "%zu %zu", &ls->wdone, &ls->wtotal) != 2)
			ls->wdone = ls->wtotal = 0;
		break;
	case 'w':
		causes_warn(cs, "%s", text);
		break;
	case 'e':
		causes_add(cs, "%s", text);
		break;
	case 'd':
		ls->worker_done = true;
		break;
	case 'x':
		ls->worker_damaged = true;
		break;
	}
}

/* Reads what the indexer process said since the last time; once it has
 * ended, waits for it. */
static void
worker_read(struct lsearch *ls, struct causes *cs)
{
	char	buf[1024];
	ssize_t	n, i;

	while (ls->from >= 0 && (n = read(ls->from, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			break;
		}
		for (i = 0; i < n; i++) {
			if (buf[i] != '\n') {
				if (ls->nline < sizeof ls->line - 1)
					ls->line[ls->nline++] = buf[i];
				continue;
			}
			ls->line[ls->nline] = '\0';
			ls->nline = 0;
			worker_line(ls, ls->line, cs);
		}
	}
	/* The end of what it says: it has ended. */
	worker_end(ls, true);
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
	worker_stop(ls);
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
	/* One that still merges what it added last time gives way. */
	worker_stop(ls);
	/* Not yet known: the indexer first finds what changed. */
	ls->done = 0;
	ls->total = 0;
	ls->changed = false;
	ls->complete = false;
	ls->began = now_ns();
	ls->child = ls->worker != NULL && worker_start(ls);
	if (!ls->child) {
		fts_library_from_corpus(&lib, c);
		fts_index_start(ls->fts, &lib);
	}
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
	bool	busy, was = ls->shown, ok = true, damaged;

	if (!ls->indexing) {
		/* One done may still be merging: it ends in its time. */
		if (ls->from >= 0)
			worker_read(ls, cs);
		return false;
	}
	if (ls->child) {
		worker_read(ls, cs);
		busy = ls->pid > 0 && !ls->worker_done &&
		    !ls->worker_damaged;
		done = ls->wdone;
		total = ls->wtotal;
	} else
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
	if (ls->child) {
		damaged = ls->worker_damaged;
		ok = ls->worker_done || damaged;
		/* Damaged: it removes the index as it ends, before the index
		 * is opened again below. */
		if (damaged)
			worker_stop(ls);
	} else {
		fts_index_done(ls->fts, cs);
		damaged = fts_damaged(ls->fts);
	}
	ls->indexing = false;
	ls->shown = false;
	if (!ok) {
		/* The process ended before it was done: a thread of the
		 * interface does it from now on. */
		if (WIFSIGNALED(ls->wstatus))
			causes_warn(cs, _("the indexer ended early (signal %d): "
			    "reader indexes by itself"), WTERMSIG(ls->wstatus));
		else
			causes_warn(cs, _("the indexer ended early (exit status "
			    "%d): reader indexes by itself"),
			    WEXITSTATUS(ls->wstatus));
		ls->worker = NULL;
		lsearch_start(ls, c, cs);
	} else if (damaged) {
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
