/* The library: every article found under the given paths, in list order,
 * with lookup by title for resolving related items. */
#ifndef READER_CORPUS_H
#define READER_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "error.h"
#include "walk.h"

/* Bytes read from the start of each file to find its header. */
#define CORPUS_HEAD_BYTES 4096

/* Chunked string storage: the articles' strings live and die together. */
struct pool {
	char	**chunks;
	size_t	  nchunks;
	char	 *cur;
	size_t	  left;
};

struct corpus {
	struct article	*v;
	size_t		 n;
	size_t		 cap;
	struct pool	 pool;
	uint32_t	*titles;	/* open hash of title_key -> index + 1 */
	size_t		 tcap;
	uint64_t	*seen;		/* open hash of files already loaded */
	size_t		 seen_n;
	size_t		 seen_cap;
};

void	corpus_init(struct corpus *);
void	corpus_free(struct corpus *);
int	corpus_add_path(struct corpus *, const char *, struct causes *);
int	corpus_add_file(struct corpus *, const char *, const struct walk_entry *,
	    struct causes *);
/* Sort keys, in the order of enum sort_key in settings.h. */
enum { CORPUS_SORT_DATE, CORPUS_SORT_TITLE, CORPUS_SORT_PATH };

void	corpus_sort(struct corpus *, int, bool);
long	corpus_find_title(struct corpus *, uint64_t);
int	corpus_open(struct corpus *, size_t, struct doc *, struct causes *);
int	corpus_load_doc(const char *, struct doc *, struct causes *);
void	corpus_resolve(struct corpus *, struct doc *);
char	*corpus_display_path(const char *);

#endif
