/* Allocation wrappers: running out of memory ends the program cleanly. */
#include "system.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "xmalloc.h"

/* Run before the out-of-memory exit: the interface gives the terminal
 * back there. */
static void	(*die_hook)(void);

/* Sets the function run before the out-of-memory exit (NULL: none). */
void
xalloc_on_die(void (*fn)(void))
{
	die_hook = fn;
}

static void ATTR_NORETURN
xalloc_die(void)
{
	static const char msg[] = "reader: out of memory\n";
	void		(*fn)(void) = die_hook;

	/* Once only, should the hook itself run out. */
	die_hook = NULL;
	if (fn != NULL)
		fn();
	/* Nothing that allocates is safe here, so write directly. */
	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
		_exit(1);
	_exit(1);
}

/* Allocates n bytes; never returns NULL. */
void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		xalloc_die();
	return p;
}

/* Allocates zeroed memory for n objects of size s. */
void *
xcalloc(size_t n, size_t s)
{
	void	*p = calloc(n ? n : 1, s ? s : 1);

	if (p == NULL)
		xalloc_die();
	return p;
}

/* Resizes p to n objects of size s, checking the multiplication. */
void *
xreallocarray(void *p, size_t n, size_t s)
{
	if (s != 0 && n > SIZE_MAX / s)
		xalloc_die();
	p = realloc(p, n != 0 && s != 0 ? n * s : 1);
	if (p == NULL)
		xalloc_die();
	return p;
}

/* Duplicates a string. Caller frees. */
char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Duplicates the first n bytes of s and terminates them. Caller frees. */
char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Formats into a new string. Caller frees. */
char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		xalloc_die();
	return s;
}
