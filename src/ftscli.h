/* reader --search: the library's articles that match a query, printed
 * one a line for scripts; reader --index: the search index brought up to
 * date and merged, ahead of searches. */
#ifndef READER_FTSCLI_H
#define READER_FTSCLI_H

#include <stdio.h>

#include "corpus.h"
#include "error.h"

/* Exit statuses of ftscli_run() besides 0 (something matched). */
#define FTSCLI_NONE	1	/* nothing matched, or no index */
#define FTSCLI_BAD	2	/* the query is malformed */

int	ftscli_run(FILE *, const char *, const struct corpus *, bool,
	    struct causes *);
int	ftscli_index(const struct corpus *, bool, struct causes *);
int	ftscli_index_worker(FILE *, const struct corpus *, bool,
	    struct causes *);

#endif
