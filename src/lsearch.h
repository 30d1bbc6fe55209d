/* The library search of the interface: the full-text index kept up to
 * date in the background while reader runs, and the results of the last
 * query, which the list pane shows in their place of the library.
 *
 * The index (fts.c) is opened when loading is over; an indexer brings it
 * up to date with the library, and again whenever the library changed
 * since it started (lsearch_library_changed). In the interface the
 * indexer is a process of its own (reader --index-worker, at a lower
 * priority), so that its memory and work are not the interface's; in
 * the headless replay, and when that process cannot be started, it is a
 * thread. Until it is done a query sees
 * what has been indexed so far, and says so.
 *
 * Results are kept by article identity, best first, so that they survive
 * the library being loaded or changed around them; the list pane asks
 * for them as library indices (lsearch_rows), which also drops those
 * whose article left the library: row i of the list is result i. A result's snippet is read
 * from its file only when its row is first on screen (lsearch_prepare),
 * so a query costs one pass over the index and a key at most a screenful
 * of snippets.
 *
 * Invariants (lsearch_check): with results, snip and spans have n
 * entries; the spans of a snippet lie within it; indexing implies an
 * open index.
 */
#ifndef READER_LSEARCH_H
#define READER_LSEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "article.h"
#include "corpus.h"
#include "error.h"
#include "fts.h"
#include "query.h"

/* A result's line of matched text and where the words are in it. */
struct lsnippet {
	char		*text;		/* NULL: not read yet */
	struct span	*sp;
	size_t		 nsp;
	bool		 failed;	/* its file could not be read */
};

struct lsearch {
	struct fts	*fts;		/* NULL: not open (yet, or it failed) */
	int		 flags;		/* fts_open()'s */
	bool		 failed;	/* opening failed: not tried again */
	bool		 indexing;	/* the indexer is at work */
	bool		 changed;	/* the library changed since it began */
	bool		 complete;	/* the index has all of the library */
	size_t		 done, total;	/* its progress, as last polled */
	bool		 shown;		/* worth showing: it has taken a while */
	int64_t		 began;		/* when it started (monotonic ns) */
	/* The indexer as a process of its own, when worker is set (the
	 * command, see ftscli_index_worker()); else a thread. */
	char		**worker;
	pid_t		 pid;		/* 0: none running */
	int		 from;		/* what it says, or -1 */
	char		 line[512];	/* a line of it begun */
	size_t		 nline;
	bool		 child;		/* the indexer at work is that process */
	bool		 worker_done;	/* it said the index is complete */
	bool		 worker_damaged;	/* it said the index is damaged */
	size_t		 wdone, wtotal;	/* its progress, as it said */
	int		 wstatus;	/* how it ended, by itself */

	/* The last query and its results. */
	bool		 active;	/* the list shows them */
	char		*text;		/* as typed */
	struct query	 q;
	uint64_t	*ids;		/* article identities, best first */
	size_t		 n;
	struct lsnippet	*snip;		/* one per result */
	int		 snip_width;	/* the columns they were made for */

	/* The library as the index is told of it, made again when it
	 * changed (for queries; the indexer has its own). */
	struct fts_library lib;
	bool		 lib_stale;
};

/* What lsearch_run() found. */
enum lsearch_result {
	LSEARCH_OK,
	LSEARCH_NONE,		/* nothing matches: the last results stay */
	LSEARCH_BAD_QUERY,	/* the message is in the causes */
	LSEARCH_NO_INDEX	/* the index cannot be had */
};

void	lsearch_init(struct lsearch *, int);
void	lsearch_free(struct lsearch *);
void	lsearch_start(struct lsearch *, const struct corpus *,
	    struct causes *);
void	lsearch_library_changed(struct lsearch *);
bool	lsearch_poll(struct lsearch *, const struct corpus *,
	    struct causes *);
void	lsearch_finish(struct lsearch *, const struct corpus *,
	    struct causes *);
enum lsearch_result lsearch_run(struct lsearch *, const char *,
	    const struct corpus *, bool (*)(void *, uint64_t), void *,
	    struct causes *);
void	lsearch_drop(struct lsearch *);
size_t	lsearch_rows(struct lsearch *, const struct corpus *, uint32_t *);
void	lsearch_prepare(struct lsearch *, const struct corpus *,
	    const uint32_t *, size_t, size_t, int);
const struct lsnippet *lsearch_snippet(const struct lsearch *, size_t);
const char *lsearch_check(const struct lsearch *);

#endif
