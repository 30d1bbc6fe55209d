/* The library: every article found under the given paths, in list order,
 * with lookup by title for resolving related items. */
#ifndef READER_CORPUS_H
#define READER_CORPUS_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "article.h"
#include "error.h"
#include "index.h"
#include "walk.h"

/* Bytes read from the start of each file to find its header. */
#define CORPUS_HEAD_BYTES 1024

/* Whys of corpus_open_check() that are not errno values. */
#define CORPUS_NOT_REGULAR	(-1)
#define CORPUS_TOO_LARGE	(-2)

/* Chunked string storage: the articles' strings live and die together. */
struct pool {
	char	**chunks;
	size_t	  nchunks;
	char	 *cur;
	size_t	  left;
};

/* A PATH the library was loaded from; a directory has a header index. */
struct root {
	char		*path;
	char		*base;		/* "PATH/" for a directory, else "" */
	size_t		 prefix;	/* bytes before a file's relative path */
	struct index	 ix;
	bool		 dir;
	bool		 dirty;		/* the index must be written again */
	size_t		 hits;		/* index entries that were still right */
	uint32_t	 walked;	/* files the walk found so far */
	uint32_t	*walk_seq;	/* for each index entry: where this walk
					 * found its file */
	/* What the walk found, for the next index. */
	struct walk_dir	*dirs;		/* the directories it entered */
	size_t		 ndirs;
	uint32_t	 nfiles;	/* files in them */
	bool		 sound;		/* nothing to say, no file through a link */
	bool		 replayed;	/* the names were the index's */
	bool		 complete;	/* see complete_walk() in loader.c */
};

struct corpus {
	struct article	*v;
	size_t		 n;
	size_t		 cap;
	struct pool	 pool;
	int		 sort_key;
	bool		 sort_asc;
	uint32_t	*titles;	/* open hash of title_key -> index + 1 */
	size_t		 tcap;
	uint64_t	*seen;		/* open hash of files already loaded */
	size_t		 seen_n;
	size_t		 seen_cap;
	struct root	*roots;
	size_t		 nroots;
	pthread_t	 saver;		/* writing the header indexes */
	bool		 saving;
};

/* Sort keys, in the order of enum sort_key in settings.h. */
enum { CORPUS_SORT_DATE, CORPUS_SORT_TITLE, CORPUS_SORT_PATH };

void		 corpus_init(struct corpus *);
void		 corpus_free(struct corpus *);
struct article	*corpus_append(struct corpus *);
void		 corpus_forget_titles(struct corpus *);
long		 corpus_find_id(const struct corpus *, uint64_t);
const char	*corpus_strndup(struct corpus *, const char *, size_t);
bool		 corpus_first_sight(struct corpus *, dev_t, ino_t);
void		 corpus_expect(struct corpus *, size_t);
void		 corpus_reserve(struct corpus *, size_t);
uint64_t	 corpus_hash(uint64_t, const void *, size_t);
int		 corpus_open_file(const char *, struct stat *, struct causes *);
ssize_t		 corpus_read(int, char *, size_t);
char		*corpus_title_from_name(const char *);
void		 corpus_sort(struct corpus *, int, bool);
void		 corpus_merge(struct corpus *, size_t);
int		 corpus_compare(const struct corpus *, const struct article *,
		     const struct article *);
long		 corpus_find_title(struct corpus *, uint64_t);
int		 corpus_open(struct corpus *, size_t, struct doc *,
		     struct causes *);
int		 corpus_load_doc(const char *, struct doc *, struct causes *);
int		 corpus_load_doc_part(const char *, struct doc *,
		     struct causes *, size_t, bool *);
int		 corpus_load_doc_tail(const char *, struct doc *,
		     struct causes *, size_t, int64_t *);
void		 corpus_resolve(struct corpus *, struct doc *);
char		*corpus_display_path(const char *);
char		*corpus_path(const struct corpus *, const struct article *);
int		 corpus_open_at(int, const char *, const char *, struct stat *,
		     struct causes *);
int		 corpus_open_check(int, const char *, struct stat *, int *);
const char	*corpus_why(int);
void		 corpus_tell(struct causes *, const char *, const char *,
		     bool);

#endif
