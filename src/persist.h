/* What is remembered between runs: which articles have been read, where
 * each was left, and which was open last.
 *
 * Kept in $XDG_STATE_HOME/reader/: "state" is a snapshot, replaced
 * atomically (temporary file, fsync, rename); "journal" gets one line
 * appended per change, so nothing is lost between snapshots even on a
 * kill -9 (but for the changes made before the first screen is out, held
 * those few milliseconds so that it waits for no disk). Both are
 * versioned text. A damaged file is kept aside as
 * "state.bad" with a warning and reading goes on with what could be read.
 */
#ifndef READER_PERSIST_H
#define READER_PERSIST_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "system.h"

#define PERSIST_VERSION 1

/* A place in an article that does not depend on the width: the body
 * paragraph (or, past the body, npara + related item) and the character
 * in it. */
struct place {
	uint32_t	para;
	uint32_t	chr;
};

struct mark {
	uint64_t	id;		/* 0: empty slot */
	struct place	at;
	bool		read;
	bool		has_place;
};

struct persist {
	char		*dir;
	struct mark	*v;		/* open hash by id */
	size_t		 n;
	size_t		 cap;
	uint64_t	 last;		/* id of the article open last */
	int		 journal;	/* fd, or -1 */
	size_t		 journal_lines;	/* records in the journal at start */
	bool		 settled;	/* persist_settle() was called */
	bool		 fold;		/* and must write a snapshot */
	char		*held;		/* journal lines until then, NULs */
	size_t		 nheld;		/* after each */
	size_t		 heldcap;
	bool		 failed;	/* a write failed */
	bool		 told;		/* and the user has been told */
	int		 err;		/* errno of the failure */
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

#endif
