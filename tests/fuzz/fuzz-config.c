/* libFuzzer target: any bytes as reader.ini. Loading must end with
 * settings or with causes, never a crash; and a file that loads must
 * load the same after --dump-config writes it out: writing it again
 * gives the same bytes. */
#include "system.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "conf.h"
#include "error.h"
#include "keymap.h"
#include "settings.h"
#include "text.h"
#include "theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
load(const char *path, struct settings *set, struct keymap *km,
    struct theme *th)
{
	struct causes	cs;
	int		rc;

	settings_defaults(set);
	keymap_defaults(km);
	theme_defaults(th);
	causes_init(&cs);
	rc = conf_load(path, set, km, th, &cs);
	if (rc != 0 && cs.nerrors == 0)
		abort();
	causes_free(&cs);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char	 path[64], again[64];
	struct settings	 set;
	struct keymap	 km;
	struct theme	 th;
	FILE		*f;

	if (path[0] == '\0') {
		setlocale(LC_ALL, "C.UTF-8");
		text_init();
		snprintf(path, sizeof path, "/tmp/fuzz-config-%d.ini",
		    (int) getpid());
		snprintf(again, sizeof again, "/tmp/fuzz-config-%d-b.ini",
		    (int) getpid());
	}
	if ((f = fopen(path, "w")) == NULL)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	if (load(path, &set, &km, &th) == 0) {
		char	*a = NULL, *b = NULL;
		size_t	 al = 0, bl = 0;

		if ((f = open_memstream(&a, &al)) == NULL)
			abort();
		conf_dump(f, &set, &km, &th);
		fclose(f);
		settings_free(&set);
		if ((f = fopen(again, "w")) == NULL)
			abort();
		fwrite(a, 1, al, f);
		fclose(f);
		if (load(again, &set, &km, &th) != 0)
			abort();
		if ((f = open_memstream(&b, &bl)) == NULL)
			abort();
		conf_dump(f, &set, &km, &th);
		fclose(f);
		if (al != bl || memcmp(a, b, al) != 0)
			abort();
		free(a);
		free(b);
	}
	settings_free(&set);
	return 0;
}
