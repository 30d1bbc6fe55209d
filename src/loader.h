/* Loading a library progressively: the paths are walked and the headers
 * read a slice of time at a time, so that the interface can show the
 * first screen at once and stay usable while 100,000 articles come in.
 * Each slice ends with the new articles merged into list order. Directory
 * headers come from the header index when it is still right. */
#ifndef READER_LOADER_H
#define READER_LOADER_H

#include <stddef.h>

#include "corpus.h"
#include "error.h"
#include "walk.h"

struct prefetch;
struct pf_batch;
struct loader_store;

struct loader {
	char		**paths;
	int		  npaths;
	int		  next;		/* the next path to walk */
	struct walk	 *w;		/* the walk in progress, or NULL */
	struct prefetch	 *pf;		/* or the helper thread walking */
	size_t		  root;		/* its root in corpus->roots */
	struct loader_store *store;	/* its bookkeeping, which the corpus
					 * keeps and frees (corpus_free()) */
	size_t		  found;	/* articles found under it */
	size_t		  sorted;	/* corpus->v[0..sorted) is in order */
	struct pf_batch	 *pending;	/* taken early, not yet added */
	bool		  unique;	/* no file can be found twice */
	bool		  use_index;
	bool		  done;
	/* Told of each article as it comes and as it goes (both may be
	 * NULL), so that counts need not be made again over the library. */
	void		(*arrived)(void *, const struct article *);
	void		(*left)(void *, const struct article *);
	void		 *watcher;
};

void	loader_start(struct loader *, char **, int, bool);
int	loader_step(struct loader *, struct corpus *, long, struct causes *);
void	loader_finish(struct loader *, struct corpus *, struct causes *);
void	loader_stop(struct loader *);
void	loader_settle(struct corpus *);
bool	loader_changed(const struct corpus *);
int	corpus_add_path(struct corpus *, const char *, struct causes *);

#endif
