/* What is remembered between runs: which articles have been read, where
 * each was left, and which was open last.
 *
 * Kept in $XDG_STATE_HOME/reader/: "state" is a snapshot, replaced
 * atomically (temporary file, fsync, rename; through a symbolic link if
 * "state" is one); "journal" gets one line appended per change, so
 * nothing is lost between snapshots even on a kill -9 (but for the
 * changes made before the first screen is out, held those few
 * milliseconds so that it waits for no disk, and a reading position
 * still moving, journalled once it has stayed put PERSIST_SETTLE_MS).
 * Both are versioned text, one record a line.
 *
 * Several instances may share the directory. Each appends to the journal
 * (O_APPEND, under a shared flock of "lock"); a snapshot is made under an
 * exclusive flock from what is on disk (state, then journal, in the
 * order written) plus this instance's changes that did not reach the
 * journal, and the journal is then emptied in place, so that what
 * another instance appends next still lands in it.
 *
 * A damaged file (not ours, or with damaged lines) is set aside as
 * "state.bad" (or "state.bad.1", ...: an earlier one is never written
 * over) with a warning; every record that could be read is kept and
 * saved again at once. A file that cannot be read at all is reported as
 * such, and then nothing is written, so that it is not replaced.
 *
 * The marks table belongs to the struct; persist_close() frees it.
 */
#ifndef READER_PERSIST_H
#define READER_PERSIST_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "error.h"
#include "system.h"

#define PERSIST_VERSION 1
/* A reading position that has not moved this long is journalled. */
#define PERSIST_SETTLE_MS 500

/* A place in an article that does not depend on the width: the body
 * paragraph (or, past the body, npara + related item) and the character
 * in it. */
struct place {
	uint32_t	para;
	uint32_t	chr;
};
/* In a place's chr: the blank row (chr without it) before paragraph
 * para. With para 0, chr names a block of the head (title, date, URL). */
#define PLACE_GAP 0x80000000u

struct mark {
	uint64_t	id;		/* 0: empty slot */
	struct place	at;
	bool		read;
	bool		has_place;
	bool		unsaved;	/* changed here, not yet on disk */
};

struct persist {
	char		*dir;
	struct mark	*v;		/* open hash by id */
	size_t		 n;
	size_t		 cap;
	uint64_t	 last;		/* id of the article open last */
	bool		 last_unsaved;
	int		 journal;	/* fd, or -1 */
	int		 lock;		/* fd of the lock file, or -1 */
	size_t		 journal_lines;	/* records in the journal at start */
	bool		 settled;	/* persist_settle() was called */
	bool		 fold;		/* and must write a snapshot */
	bool		 keep;		/* a file could not be read: write
					   nothing over it */
	bool		 journal_dead;	/* a journal write failed */
	char		*held;		/* journal lines until then, NULs */
	size_t		 nheld;		/* after each */
	size_t		 heldcap;
	bool		 failed;	/* a write failed */
	bool		 told;		/* and the user has been told */
	int		 err;		/* errno of the failure, never 0 */
	bool		 moved;		/* the position moved at moved_at */
	struct timespec	 moved_at;
};

int		 persist_open(struct persist *, const char *, struct causes *);
void		 persist_close(struct persist *);
const struct mark *persist_get(const struct persist *, uint64_t);
void		 persist_set_read(struct persist *, uint64_t, bool);
void		 persist_set_place(struct persist *, uint64_t,
		     const struct place *);
void		 persist_set_last(struct persist *, uint64_t);
int		 persist_save(struct persist *, struct causes *);
void		 persist_settle(struct persist *, struct causes *);
char		*persist_default_dir(void);
void		 persist_moved(struct persist *);
int		 persist_wait_ms(const struct persist *, int);
bool		 persist_place_due(struct persist *);

#endif
