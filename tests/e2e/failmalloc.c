/* Preloaded by the out-of-memory test: once the file named by
 * FAILMALLOC_AFTER exists, every allocation fails. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

extern void	*__libc_malloc(size_t);
extern void	*__libc_calloc(size_t, size_t);
extern void	*__libc_realloc(void *, size_t);

static int
failing(void)
{
	const char	*f = getenv("FAILMALLOC_AFTER");

	return f != NULL && access(f, F_OK) == 0;
}

void *
malloc(size_t n)
{
	if (failing()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(n);
}

void *
calloc(size_t n, size_t s)
{
	if (failing()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_calloc(n, s);
}

void *
realloc(void *p, size_t n)
{
	if (failing()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_realloc(p, n);
}
