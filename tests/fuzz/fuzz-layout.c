/* libFuzzer target: the line breaker alone, at random widths and
 * indents, both ambiguous widths. Checks every line's width, that the
 * lines, with white space removed, are the text with white space removed,
 * and that wrapping the text in parts gives the lines of the whole. */
#include "system.h"

#include <locale.h>

#include "layout.h"
#include "text.h"
#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct layout_scratch	 sc;
	static bool			 ready;
	struct lines			 l = { NULL, 0, 0 };
	struct lines			 parts = { NULL, 0, 0 };
	struct wrap			 w;
	char				*s, *a, *b;
	size_t				 n, i, k, na = 0, nb = 0;

	if (!ready) {
		setlocale(LC_ALL, "C.UTF-8");
		text_init();
		ready = true;
	}
	if (size < 4)
		return 0;
	w.width = 2 + data[0] % 250;
	w.first_indent = data[1] % 12;
	w.indent = data[2] % 12;
	text_set_ambiguous_width(data[3] & 1 ? 2 : 1);
	s = text_clean_str_n((const char *) data + 4, size - 4, &n);
	layout_wrap(&sc, s, n, &w, &l);
	a = xmalloc(n + 1);
	b = xmalloc(n + 1);
	for (i = 0; i < n; i++)
		if (s[i] != ' ')
			a[na++] = s[i];
	for (i = 0; i < l.n; i++) {
		if (l.v[i].width + l.v[i].indent > w.width ||
		    l.v[i].off + l.v[i].len > n ||
		    l.v[i].width != text_width(s + l.v[i].off, l.v[i].len))
			abort();
		for (k = 0; k < l.v[i].len; k++)
			if (s[l.v[i].off + k] != ' ')
				b[nb++] = s[l.v[i].off + k];
	}
	if (na != nb || memcmp(a, b, na) != 0)
		abort();
	/* In three parts, each from where the one before left off. */
	for (i = 1, k = 0; i <= 3 && (i == 1 || k < n); i++) {
		size_t until = i == 3 ? n : n * i / 3;

		while (until < n && ((unsigned char) s[until] & 0xC0) == 0x80)
			until++;
		if (until < k)
			until = k;
		k = layout_wrap_part(&sc, s, n, k, until, &w, false, &parts);
	}
	if (parts.n != l.n || (l.n > 0 && memcmp(parts.v, l.v,
	    l.n * sizeof *l.v) != 0))
		abort();
	lines_free(&parts);
	free(a);
	free(b);
	free(s);
	lines_free(&l);
	return 0;
}
