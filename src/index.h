/* The header index: what the list needs of every article of a library
 * directory, cached under $XDG_CACHE_HOME/reader/ so that a second start
 * need not open 100,000 files. An entry is used only while the file's
 * size and modification time are what the entry says, so the index is
 * never stale; a damaged index is ignored and written again.
 *
 * The file is mapped into memory and used in place, without parsing: a
 * header, the entries (fixed size, in the order the walk found their
 * files, so that the next walk finds each where it expects it), the list
 * order, an open hash table of their relative paths, the directories the
 * walk entered, and the strings. It is a cache, written and read by the
 * same program on the same machine: the header says the byte order and
 * the entry size it was written with, and any other is ignored. A
 * checksum of the whole file is checked before anything of it is used:
 * one flipped bit makes the index ignored and written again.
 *
 * While no directory has changed (the times the walk saw are still
 * theirs) the names in them are the ones the index has, and a second
 * start need not read the directories: it asks each file for its size and
 * mtime by the name the index gives. */
#ifndef READER_INDEX_H
#define READER_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "system.h"
#include "walk.h"

#define INDEX_VERSION 6

/* An entry, as stored. */
struct index_entry {
	int64_t		 size;
	int64_t		 mtime;
	int64_t		 date;
	uint64_t	 id;
	uint64_t	 key;
	uint32_t	 relpath;	/* where its strings begin, in the */
	uint32_t	 title;		/* string area; url is "" for none */
	uint32_t	 url;
	uint32_t	 date_text;	/* 0 for none */
};

/* A directory the walk entered, as stored. */
struct index_dir {
	uint64_t	 dev;
	uint64_t	 ino;
	int64_t		 mtime_sec;
	int64_t		 mtime_nsec;
	int64_t		 ctime_sec;
	int64_t		 ctime_nsec;
	uint32_t	 relpath;	/* "" for the library's own */
	uint32_t	 unused;
};

/* The directories of a walk, to be written with the entries: their paths
 * begin with prefix bytes that name the library. With complete, every
 * file in them is an entry, and names can be taken from the index while
 * the directories stay as they are. */
struct index_walk {
	const struct walk_dir	*dirs;
	size_t			 ndirs;
	size_t			 prefix;
	bool			 complete;
};

/* What the walk found of an entry's file. */
enum { INDEX_UNSEEN, INDEX_SAME, INDEX_CHANGED };

struct index {
	char			 *file;		/* where it lives */
	char			 *map;
	size_t			  maplen;
	const struct index_entry *e;		/* all in the mapping */
	size_t			  n;
	const uint32_t		 *order;	/* entries in list order */
	const uint64_t		 *hash;		/* hash << 32 | entry + 1 */
	size_t			  hcap;
	const struct index_dir	 *dirs;
	size_t			  ndirs;
	bool			  complete;	/* see struct index_walk */
	const char		 *str;
	size_t			  slen;
	uint8_t			 *seen;		/* INDEX_UNSEEN... for each */
};

char	*index_file_for(const char *);
int	 index_open(struct index *, const char *);
const struct index_entry *index_find(const struct index *, const char *);
uint8_t	*index_seen(const struct index *, const struct index_entry *);
const char *index_str(const struct index *, uint32_t);
void	 index_forget(struct index *);
int	 index_write(const char *, const struct article *, size_t, uint16_t,
	     const struct index_walk *);
int	 index_clean_stale(const char *);

#endif
