/* Helpers for the unit tests of the loading modules: files in a
 * temporary tree, shell commands run there, and looking for a message
 * among the causes. Included by one test program each; every function
 * exits 99 (a hard error) when it cannot do its part. */
#ifndef READER_TEST_FILES_H
#define READER_TEST_FILES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "xmalloc.h"

/* Writes n bytes to dir/rel. */
static inline void
files_put(const char *dir, const char *rel, const char *bytes, size_t n)
{
	char	*p = xasprintf("%s/%s", dir, rel);
	FILE	*f = fopen(p, "w");

	if (f == NULL || fwrite(bytes, 1, n, f) != n || fclose(f) != 0) {
		perror(p);
		exit(99);
	}
	free(p);
}

/* Runs cmd with the shell in dir. */
static inline void
files_sh(const char *dir, const char *cmd)
{
	char	*c = xasprintf("cd '%s' && %s", dir, cmd);

	if (system(c) != 0) {
		fprintf(stderr, "failed: %s\n", c);
		exit(99);
	}
	free(c);
}

/* Whether a message of cs contains part. */
static inline bool
files_has_cause(const struct causes *cs, const char *part)
{
	size_t	i;

	for (i = 0; i < cs->n; i++)
		if (strstr(cs->msg[i], part) != NULL)
			return true;
	return false;
}

#endif
