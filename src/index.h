/* The header index: what the list needs of every article of a library
 * directory, cached under $XDG_CACHE_HOME/reader/ so that a second start
 * need not open 100,000 files. An entry is used only while the file's
 * size and modification time are what the entry says, so the index is
 * never stale; a damaged index is ignored and written again.
 *
 * The file is mapped into memory and its strings are used in place:
 * records are "SIZE MTIME DATE ID KEY\0RELPATH\0TITLE\0URL\0\n".
 */
#ifndef READER_INDEX_H
#define READER_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "system.h"

#define INDEX_VERSION 1

struct index_entry {
	const char	*relpath;
	const char	*title;
	const char	*url;		/* "" when none */
	int64_t		 size;
	int64_t		 mtime;
	int64_t		 date;
	uint64_t	 id;
	uint64_t	 key;
	uint8_t		 seen;		/* INDEX_UNSEEN, _SAME or _CHANGED */
};

/* What the walk found of an entry's file. */
enum { INDEX_UNSEEN, INDEX_SAME, INDEX_CHANGED };

struct index {
	char			*file;		/* where it lives */
	char			*map;
	size_t			 maplen;
	struct index_entry	*e;
	size_t			 n;
	uint64_t		*hash;		/* relpath's hash << 32 | entry + 1 */
	size_t			 hcap;
};

char	*index_file_for(const char *);
int	 index_open(struct index *, const char *);
struct index_entry *index_find(const struct index *, const char *);
struct index_entry *index_owner(const struct index *, const char *);
void	 index_forget(struct index *);
int	 index_write(const char *, const struct article *, size_t, uint16_t);

#endif
