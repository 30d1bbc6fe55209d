/* Character widths for curses: ncursesw places each character by
 * wcwidth(), which it calls through the dynamic linker, so this definition
 * in the program is the one it uses. It answers with text.c's widths, so
 * curses' idea of the columns is reader's, and follows the ambiguous width
 * set or found for the terminal (the C library would say 1). The C
 * library's own answer, which text.c builds on, is reached through
 * RTLD_NEXT while text.c asks. */
#include "system.h"

#include <dlfcn.h>
#include <wchar.h>

#include "text.h"

static _Thread_local bool	inside;

/* The C library's wcwidth(). */
static int
libc_wcwidth(wchar_t c)
{
	static int	(*fn)(wchar_t);

	if (fn == NULL)
		fn = (int (*)(wchar_t)) dlsym(RTLD_NEXT, "wcwidth");
	return fn != NULL ? fn(c) : -1;
}

/* Returns the columns c takes, as text.c counts them. */
int
wcwidth(wchar_t c)
{
	int	w;

	/* text.c starts from the C library's answer. */
	if (inside || c < 0)
		return libc_wcwidth(c);
	inside = true;
	w = text_char_width((uint32_t) c);
	inside = false;
	return w;
}
