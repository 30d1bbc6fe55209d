/* The full-text index of the library: every article's title, body and
 * related items, in SQLite FTS5 with the terms of ftstok.c, kept in
 * $XDG_CACHE_HOME/reader/search.db (or ~/.cache/reader/search.db).
 *
 * The index is a cache and is never trusted blindly:
 * - a file is indexed again when its size or modification time is not
 *   what the index has for it (as in the header index), and forgotten
 *   when it is no longer in the library;
 * - every change is a transaction in write-ahead-log mode, so a kill at
 *   any moment leaves the index as it was after the last commit (a new
 *   index is made without waiting for the disk: a crash of the system
 *   may damage it, and it is then made again);
 * - two programs may use it at once: SQLite lets one write at a time and
 *   the other waits (each batch checks the files again inside its
 *   transaction, so no work is done twice);
 * - a file that is not an SQLite database, another program's database,
 *   an index of another format or other folding, or one whose metadata
 *   does not add up, is removed and made again, with a warning; so is
 *   one that SQLite finds damaged while it is used (see fts_damaged()).
 * The table of terms has no copy of the text (the files have it), so
 * terms cannot be deleted from it: a changed or deleted file leaves its
 * old terms behind under a row number that no longer names a file, and
 * such rows are never returned; when they become many the index is made
 * again.
 *
 * A bulk update (a new index, say) merges nothing as it goes: the index
 * answers as soon as the terms are in, and the background indexer then
 * merges them, a short transaction at a time (fts_compact() does it at
 * once).
 *
 * Paths are absolute. One struct fts is used by one thread at a time;
 * the background indexer has a connection of its own.
 */
#ifndef READER_FTS_H
#define READER_FTS_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "corpus.h"
#include "error.h"
#include "query.h"
#include "system.h"

/* Flags of fts_open(). */
#define FTS_VARIANTS	0x1	/* traditional and simplified Chinese alike */

/* A file of the library, as the index is told of it. */
struct fts_file {
	char		*path;		/* absolute */
	int64_t		 size;
	int64_t		 mtime;
	uint64_t	 id;		/* the article's (struct article) */
};

/* A library as the index is told of it: its files, and the absolute
 * paths it was loaded from (a directory's ends in '/'). */
struct fts_library {
	struct fts_file	*f;
	size_t		 n;
	char		**roots;
	size_t		 nroots;
};

/* A match, in the order found: those with every word in the title first,
 * then the newest (then the first indexed). */
struct fts_hit {
	int64_t		 row;		/* in the index */
	int64_t		 date;		/* YYYYMMDDhhmmss, 0: undated */
	uint64_t	 id;
	bool		 in_title;
};

/* Whether the article of id has been read (for unread). */
typedef bool (*fts_read_fn)(void *, uint64_t);

struct fts;

char		*fts_default_file(void);
struct fts	*fts_open(const char *, int, struct causes *);
void		 fts_close(struct fts *);
void		 fts_library_from_corpus(struct fts_library *,
		     const struct corpus *);
void		 fts_library_free(struct fts_library *);
int		 fts_update(struct fts *, const struct fts_library *,
		     struct causes *);
int		 fts_compact(struct fts *, struct causes *);
bool		 fts_damaged(const struct fts *);
void		 fts_index_start(struct fts *, struct fts_library *);
bool		 fts_index_progress(struct fts *, size_t *, size_t *);
void		 fts_index_done(struct fts *, struct causes *);
bool		 fts_index_running(const struct fts *);
void		 fts_index_stop(struct fts *, struct causes *);
int		 fts_query(struct fts *, const struct query *,
		     const struct fts_library *, fts_read_fn, void *,
		     struct fts_hit **, size_t *, struct causes *);
char		*fts_hit_path(struct fts *, const struct fts_hit *);
int		 fts_find(const char *, size_t, const struct query *, int,
		     bool, struct span **, size_t *);
char		*fts_snippet(const char *, const struct query *, int, size_t,
		     char **);
char		*fts_body(const struct doc *, size_t *);

#endif
