/* Common includes and macros shared by every module. */
#ifndef READER_SYSTEM_H
#define READER_SYSTEM_H

#include <config.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if ENABLE_NLS
# include <libintl.h>
# define _(s) gettext (s)
#else
# define _(s) ((const char *) (s))
# define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
/* Marks a string for translation where it is stored, not where it is used. */
#define N_(s) s

#if defined(__GNUC__)
# define ATTR_PRINTF(f, a) __attribute__((format(printf, f, a)))
# define ATTR_NORETURN __attribute__((noreturn))
# define ATTR_UNUSED __attribute__((unused))
# define PREFETCH(p) __builtin_prefetch(p)
#else
# define ATTR_PRINTF(f, a)
# define ATTR_NORETURN
# define ATTR_UNUSED
# define PREFETCH(p) ((void) (p))
#endif

#define ARRAY_SIZE(a) (sizeof (a) / sizeof ((a)[0]))

#endif
