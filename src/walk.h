/* Walking the paths given on the command line: a file yields itself, a
 * directory its regular files, recursively, hidden names skipped. Loops
 * through symbolic links are reported and never followed twice; a link to
 * a directory is followed only below the library's own, after every
 * directory reached without a link. The walk is an iterator so that
 * loading can be spread over time.
 *
 * A walk may run on a helper thread (prefetch.c): it touches nothing but
 * itself and the causes it is given, and says what went wrong through
 * docio_tell_errno(), never strerror(). */
#ifndef READER_WALK_H
#define READER_WALK_H

#include <sys/types.h>
#include <time.h>

#include "error.h"

/* Directories nested deeper than this are reported and skipped. */
#define WALK_MAX_DEPTH 64

/* A file found. When have_stat is false the directory said it is a
 * regular file and nothing was asked of the file itself yet: size and
 * mtime are unknown (0). */
struct walk_entry {
	char	*path;		/* owned by the walk; valid until walk_next */
	dev_t	 dev;
	ino_t	 ino;
	off_t	 size;
	time_t	 mtime;
	bool	 have_stat;
	int	 dirfd;		/* with name: the file, without a path walk */
	const char *name;
};

/* A directory the walk entered, as it was just before its names were
 * read: unless its times change, its names are the same. */
struct walk_dir {
	char		*path;
	dev_t		 dev;
	ino_t		 ino;
	struct timespec	 mtime;
	struct timespec	 ctime;
	time_t		 seen;		/* when it was asked */
};

struct walk;

struct walk	*walk_open(const char *, struct causes *);
size_t		 walk_take_dirs(struct walk *, struct walk_dir **, bool *);
void		 walk_dirs_free(struct walk_dir *, size_t);
int		 walk_next(struct walk *, struct walk_entry *, struct causes *);
void		 walk_close(struct walk *);

#endif
