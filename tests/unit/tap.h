/* A tiny TAP producer for the unit tests; automake's harness reads the
 * exit status, and the log keeps the "ok"/"not ok" lines for people. */
#ifndef READER_TAP_H
#define READER_TAP_H

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	tap_n, tap_failed, tap_skipped;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

static void __attribute__((format(printf, 4, 5)))
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list	ap;

	tap_n++;
	if (!pass)
		tap_failed++;
	printf("%s %d - ", pass ? "ok" : "not ok", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!pass)
		printf("  (%s:%d)", file, line);
	putchar('\n');
}

/* Compares strings and shows both when they differ. */
#define is_str(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int same_ = g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0;	\
	ok(same_, __VA_ARGS__);						\
	if (!same_)							\
		printf("#   got:  '%s'\n#   want: '%s'\n",		\
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");		\
} while (0)

#define is_int(got, want, ...) do {					\
	long long g_ = (long long) (got), w_ = (long long) (want);	\
	ok(g_ == w_, __VA_ARGS__);					\
	if (g_ != w_)							\
		printf("#   got:  %lld\n#   want: %lld\n", g_, w_);	\
} while (0)

/* Notes checks that cannot run here: the program then ends as a skip
 * (77) if nothing failed, never as a pass. */
static void __attribute__((format(printf, 1, 2), unused))
tap_skip(const char *fmt, ...)
{
	va_list	ap;

	tap_skipped++;
	printf("# SKIPPED: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	if (tap_failed)
		printf("# %d of %d failed\n", tap_failed, tap_n);
	return tap_failed ? 1 : tap_skipped ? 77 : 0;
}

/* Tests run in C.UTF-8 whatever the caller's locale is. */
static void
tap_locale(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		printf("1..0 # SKIP no C.UTF-8 locale\n");
		exit(77);
	}
}

#endif
