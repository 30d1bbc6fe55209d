/* Reading the heads of a directory's files on helper threads, ahead of
 * the loader. On a first start the opens, reads and closes of 100,000
 * files are most of the work, on a second the asking of each file for its
 * size and mtime against the header index; other cores do them while the
 * loader takes in what has come. The threads only walk and read: what they found is
 * handed over in batches, in walk order, and everything else (which file
 * was seen before, what to tell the user) is decided by the loader. */
#ifndef READER_PREFETCH_H
#define READER_PREFETCH_H

#include <sys/types.h>

#include "docio.h"
#include "index.h"
#include "walk.h"

/* What a record of a batch is. */
enum {
	PF_FILE,	/* a file: its head, or why it could not be read */
	PF_ERROR,	/* a message of the walk's, an error */
	PF_WARNING	/* a message of the walk's, a warning */
};

/* A file's record: the walker fills in kind, text and seq (and dev and
 * ino, as far as the walk knows them), a reader the rest (dev and ino
 * from the file, once it has asked). A file whose index entry has its
 * size and mtime is not read. */
struct pf_record {
	int	 kind;		/* PF_... */
	size_t	 text;		/* path or message: offset in the batch's
				 * strings */
	uint32_t seq;		/* where in the walk: files before it */
	dev_t	 dev;
	ino_t	 ino;
	off_t	 size;
	time_t	 mtime;
	int	 why;		/* 0, or as docio_open_check() says */
	int	 read_errno;	/* 0, or the read failed */
	const struct index_entry *entry; /* the file's in the index, or NULL */
	bool	 same;		/* entry has the file's size and mtime */
	size_t	 n;		/* bytes of head read */
	char	 head[DOCIO_HEAD_BYTES];
};

#define PF_BATCH 64

struct pf_batch {
	struct pf_record	 r[PF_BATCH];
	size_t			 n;
	char			*str;	/* the records' strings */
	size_t			 slen;
	size_t			 scap;
	bool			 read;	/* the readers are done with it */
	struct pf_batch		*next;		/* on the free or to-do list */
	struct pf_batch		*out_next;	/* in walk order */
};

struct prefetch;

struct prefetch	*prefetch_start(struct walk *, const char *, const char *,
		     size_t, const struct index *);
struct pf_batch	*prefetch_take(struct prefetch *, long, bool *);
void		 prefetch_give_back(struct prefetch *, struct pf_batch *);
bool		 prefetch_result(struct prefetch *, struct walk_dir **, size_t *,
		     uint32_t *);
void		 prefetch_stop(struct prefetch *);
const char	*pf_text(const struct pf_batch *, const struct pf_record *);

#endif
