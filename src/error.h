/* A list of problems ("causes") collected while loading, printed together. */
#ifndef READER_ERROR_H
#define READER_ERROR_H

#include <stdio.h>

#include "system.h"

struct causes {
	char	**msg;		/* each a complete line without "reader: " */
	bool	 *error;	/* msg[i] is an error, not a warning */
	size_t	  n;
	size_t	  cap;
	size_t	  nerrors;	/* how many of msg are errors, not warnings */
};

void	causes_init(struct causes *);
void	causes_free(struct causes *);
void	causes_add(struct causes *, const char *, ...) ATTR_PRINTF(2, 3);
void	causes_warn(struct causes *, const char *, ...) ATTR_PRINTF(2, 3);
void	causes_print(const struct causes *, FILE *);
void	causes_clear(struct causes *);

#endif
