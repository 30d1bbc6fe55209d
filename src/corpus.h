/* The library: every article found under the given paths, in list order,
 * with lookup by identity and by title for resolving related items.
 *
 * The corpus holds what the list needs and nothing of how it was found:
 * the loader (loader.c) keeps its own bookkeeping, and may hand the corpus
 * memory that the articles' strings point into (the header indexes),
 * which corpus_free() gives back through the function it was handed with.
 * Articles' strings live in the corpus's pool or in that memory; all of
 * them die with the corpus. */
#ifndef READER_CORPUS_H
#define READER_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "error.h"

/* Chunked string storage: the articles' strings live and die together. */
struct pool {
	char	**chunks;
	size_t	  nchunks;
	char	 *cur;
	size_t	  left;
};

/* A PATH the library was loaded from: article.root numbers them. */
struct corpus_root {
	char	*path;
	char	*base;		/* "PATH/" for a directory, else "" */
	bool	 dir;
};

struct corpus {
	struct article		*v;
	size_t			 n;
	size_t			 cap;
	struct pool		 pool;
	int			 sort_key;
	bool			 sort_asc;
	uint32_t		*titles;	/* open hash of title_key ->
						 * index + 1 */
	size_t			 tcap;
	struct corpus_root	*roots;
	size_t			 nroots;
	/* Memory the articles may point into, and how to give it back:
	 * called first by corpus_free(). */
	void			*backing;
	void			(*backing_free)(void *);
};

/* Sort keys, in the order of enum sort_key in settings.h. */
enum { CORPUS_SORT_DATE, CORPUS_SORT_TITLE, CORPUS_SORT_PATH };

void		 corpus_init(struct corpus *);
void		 corpus_free(struct corpus *);
size_t		 corpus_add_root(struct corpus *, const char *, bool);
struct article	*corpus_append(struct corpus *);
void		 corpus_forget_titles(struct corpus *);
long		 corpus_find_id(const struct corpus *, uint64_t);
const char	*corpus_strndup(struct corpus *, const char *, size_t);
void		 corpus_reserve(struct corpus *, size_t);
uint64_t	 corpus_hash(uint64_t, const void *, size_t);
void		 corpus_sort(struct corpus *, int, bool);
void		 corpus_merge(struct corpus *, size_t);
int		 corpus_compare(const struct corpus *, const struct article *,
		     const struct article *);
long		 corpus_find_title(struct corpus *, uint64_t);
int		 corpus_open(struct corpus *, size_t, struct doc *,
		     struct causes *);
void		 corpus_resolve(struct corpus *, struct doc *);
char		*corpus_display_path(const char *);
char		*corpus_path(const struct corpus *, const struct article *);

/* Kept for their callers; the reading is docio.c's (docio_load...). */
int		 corpus_load_doc(const char *, struct doc *, struct causes *);
int		 corpus_load_doc_part(const char *, struct doc *,
		     struct causes *, size_t, bool *);
int		 corpus_load_doc_tail(const char *, struct doc *,
		     struct causes *, size_t, int64_t *);

#endif
