/* libFuzzer target: key names, colours and styles as written in
 * reader.ini. A key name that parses must print back as a name that
 * parses to the same key. */
#include "system.h"

#include <locale.h>

#include "conf.h"
#include "keymap.h"
#include "text.h"
#include "theme.h"
#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool	 ready;
	struct style	 st;
	key_code	 k;
	int32_t		 c;
	char		*s, *why = NULL, name[64];

	if (!ready) {
		setlocale(LC_ALL, "C.UTF-8");
		text_init();
		ready = true;
	}
	s = xstrndup((const char *) data, size);
	if ((k = key_parse(s)) != KEYC_NONE) {
		if (key_to_name(k, name, sizeof name) != 0 ||
		    key_parse(name) != k)
			abort();
	}
	(void) conf_parse_color(s, &c);
	if (conf_parse_style(s, &st, &why) != 0 && why == NULL)
		abort();
	free(why);
	free(s);
	return 0;
}
