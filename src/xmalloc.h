/* Allocation that dies on out-of-memory instead of returning NULL.
 *
 * The hook set by xalloc_on_die() (the interface's: give the terminal
 * back) runs on the thread that set it, never beside it on another: a
 * helper thread that runs out of memory while it is set asks that thread
 * to end the program (xalloc_dying(), which its main loop looks at) and
 * waits for the end, a while: then it ends it itself. */
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
void	 strv_free(char **);
void	 xalloc_on_die(void (*)(void));
bool	 xalloc_dying(void);
void	 xalloc_die(void) ATTR_NORETURN;

/* Frees *p and sets it to NULL. */
#define x_free(p) do { free(p); (p) = NULL; } while (0)

#endif
