/* Back and forward, as in a browser: each step is an article (by its
 * identity, which outlives a reload of the library), where it was read
 * and what was selected. Pure data: restoring a step is the caller's.
 *
 * Invariants (history_check): at most HISTORY_MAX steps each way; no
 * step names article 0 (no article).
 */
#ifndef READER_HISTORY_H
#define READER_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "persist.h"

/* Steps beyond this many are forgotten, oldest first. */
#define HISTORY_MAX 1000

struct hist {
	uint64_t	id;		/* the article, or the one linking */
	int32_t		missing;	/* related item shown as missing, or -1 */
	struct place	at;
	int32_t		rel_sel;	/* selected related item, or -1 */
};

struct history {
	struct hist	*back;
	size_t		 nback;
	struct hist	*fwd;
	size_t		 nfwd;
};

void		 history_free(struct history *);
void		 history_visit(struct history *, const struct hist *);
bool		 history_step(struct history *, int, const struct hist *,
		     struct hist *);
void		 history_repoint(struct history *, uint64_t, uint64_t);
const char	*history_check(const struct history *);

#endif
