/* Small file helpers shared by the modules that keep files of their own
 * (state, index, configuration). */
#ifndef READER_FILEUTIL_H
#define READER_FILEUTIL_H

#include <stddef.h>

#include "system.h"

/* Why file_slurp() refused a file, when errno does not say. */
enum slurp_refusal {
	SLURP_OK,
	SLURP_ERRNO,		/* errno says */
	SLURP_NOT_REGULAR,
	SLURP_TOO_LARGE
};

char	*file_slurp(const char *, size_t, size_t *, enum slurp_refusal *);
int	 file_mkdirs(const char *);

#endif
