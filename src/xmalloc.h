/* Allocation that dies on out-of-memory instead of returning NULL. */
#ifndef READER_XMALLOC_H
#define READER_XMALLOC_H

#include <stddef.h>

#include "system.h"

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) ATTR_PRINTF(1, 2);
void	 xalloc_on_die(void (*)(void));

/* Frees *p and sets it to NULL. */
#define x_free(p) do { free(p); (p) = NULL; } while (0)

#endif
