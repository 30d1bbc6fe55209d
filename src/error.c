/* Collecting and printing causes. */
#include "system.h"

#include <stdarg.h>

#include "error.h"
#include "xmalloc.h"

/* Starts an empty list. */
void
causes_init(struct causes *c)
{
	memset(c, 0, sizeof *c);
}

/* Frees every message and the list itself. */
void
causes_free(struct causes *c)
{
	causes_clear(c);
	x_free(c->msg);
	x_free(c->error);
	c->cap = 0;
}

/* Empties the list, keeping its storage. */
void
causes_clear(struct causes *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		free(c->msg[i]);
	c->n = 0;
	c->nerrors = 0;
}

static void ATTR_PRINTF(3, 0)
causes_vadd(struct causes *c, bool error, const char *fmt, va_list ap)
{
	char	*s;

	if (vasprintf(&s, fmt, ap) < 0)
		s = xstrdup(fmt);
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->msg = xreallocarray(c->msg, c->cap, sizeof *c->msg);
		c->error = xreallocarray(c->error, c->cap, sizeof *c->error);
	}
	c->error[c->n] = error;
	c->msg[c->n++] = s;
	c->nerrors += error;
}

/* Adds an error: something the user asked for could not be done. */
void
causes_add(struct causes *c, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	causes_vadd(c, true, fmt, ap);
	va_end(ap);
}

/* Adds a warning: worth telling, but the program goes on. */
void
causes_warn(struct causes *c, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	causes_vadd(c, false, fmt, ap);
	va_end(ap);
}

/* Prints each cause as one "reader: ..." line. */
void
causes_print(const struct causes *c, FILE *f)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		fprintf(f, "%s: %s\n", PACKAGE, c->msg[i]);
}
