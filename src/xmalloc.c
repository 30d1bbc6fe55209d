/* Allocation wrappers: running out of memory ends the program cleanly. */
#include "system.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "xmalloc.h"

/* Run before the out-of-memory exit: the interface gives the terminal
 * back there. */
static void	(*_Atomic die_hook)(void);
static pthread_t	 hook_thread;		/* where it is to run */
static _Atomic bool	 dying;			/* another thread ran out */

/* How long (in 10 ms) a helper thread waits for the hook's thread to
 * end the program: longer than its main loop sleeps. */
#define DIE_WAIT_TICKS	300

/* Sets the function run before the out-of-memory exit (NULL: none), on
 * this thread. */
void
xalloc_on_die(void (*fn)(void))
{
	hook_thread = pthread_self();
	die_hook = fn;
}

/* Whether a helper thread ran out of memory and waits for the thread of
 * the hook to call xalloc_die(). */
bool
xalloc_dying(void)
{
	return dying;
}

/* Ends the program for want of memory: the hook first, then a message
 * and exit status 1. */
void
xalloc_die(void)
{
	static const char msg[] = "reader: out of memory\n";
	void		(*fn)(void) = die_hook;

	if (fn != NULL && !pthread_equal(pthread_self(), hook_thread)) {
		/* The hook is not this thread's to run: the terminal's
		 * owner is told, and this thread waits for the end; but not
		 * for ever, should the owner be waiting for this thread. */
		struct timespec	ts = { 0, 10000000 };
		int		i;

		dying = true;
		for (i = 0; i < DIE_WAIT_TICKS; i++)
			nanosleep(&ts, NULL);
		fn = die_hook;
	}
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

/* Frees a NULL-terminated array of strings (NULL: nothing) and them. */
void
strv_free(char **v)
{
	size_t	i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}
