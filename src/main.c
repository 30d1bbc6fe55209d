/* Command line, locale, and the choice between the interface and the
 * text modes. */
#include "system.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"
#include "dump.h"
#include "error.h"
#include "keymap.h"
#include "page.h"
#include "persist.h"
#include "settings.h"
#include "state.h"
#include "text.h"
#include "theme.h"
#include "ui.h"
#include "ui-term.h"
#include "xmalloc.h"

#define EXIT_TROUBLE	1	/* an input could not be read */
#define EXIT_USAGE	2

#define MIN_WIDTH	4
#define MAX_WIDTH	10000

enum mode { MODE_UI, MODE_DUMP, MODE_LIST };

struct options {
	enum mode	  mode;
	int		  width;	/* 0: the terminal's, else 80 */
	int		  ambiguous;
	char		**paths;
	int		  npaths;
};

enum {
	OPT_DUMP = CHAR_MAX + 1,
	OPT_LIST,
	OPT_AMBIGUOUS
};

static const struct option long_options[] = {
	{ "dump",		no_argument,		NULL, OPT_DUMP },
	{ "list",		no_argument,		NULL, OPT_LIST },
	{ "width",		required_argument,	NULL, 'w' },
	{ "ambiguous-width",	required_argument,	NULL, OPT_AMBIGUOUS },
	{ "help",		no_argument,		NULL, 'h' },
	{ "version",		no_argument,		NULL, 'V' },
	{ NULL,			0,			NULL, 0 }
};

static void
usage(void)
{
	printf(_("Usage: %s [OPTION]... [PATH]...\n"), PACKAGE);
	fputs(_("Read articles kept as text files, in a terminal.\n"
	    "Each PATH is an article file or a directory of them; without "
	    "one, the\nlibrary named in reader.ini is opened, else the "
	    "bundled samples.\n"), stdout);
	putchar('\n');
	fputs(_("      --dump               print the first PATH (a file) as "
	    "the reading pane\n"
	    "                             shows it; related items resolve "
	    "against all PATHs\n"
	    "      --list               print the list of articles, one a "
	    "line\n"
	    "  -w, --width=N            lay out for N columns (default: the "
	    "terminal's,\n"
	    "                             else 80)\n"
	    "      --ambiguous-width=N  East Asian ambiguous characters take "
	    "N (1 or 2)\n"
	    "                             columns (default 1)\n"
	    "  -h, --help               display this help and exit\n"
	    "  -V, --version            output version information and "
	    "exit\n"), stdout);
	putchar('\n');
	fputs(_("Exit status is 0 on success, 1 if an input could not be "
	    "read, 2 on misuse.\n"), stdout);
	printf(_("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
}

static void
version(void)
{
	printf("%s %s\n", PACKAGE, PACKAGE_VERSION);
	fputs(_("License: GPL-3.0-or-later.\n"
	    "This is free software: you are free to change and redistribute "
	    "it.\n"
	    "There is NO WARRANTY, to the extent permitted by law.\n"), stdout);
}

static void ATTR_NORETURN ATTR_PRINTF(1, 2)
misuse(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", PACKAGE);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _("\nTry '%s --help' for more information.\n"),
	    PACKAGE);
	exit(EXIT_USAGE);
}

static int
parse_int(const char *s, int min, int max, int *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return -1;
	*out = (int) v;
	return 0;
}

static void
parse_args(int argc, char **argv, struct options *o)
{
	int	c;

	memset(o, 0, sizeof *o);
	o->ambiguous = 1;
	while ((c = getopt_long(argc, argv, "w:hV", long_options, NULL)) != -1)
		switch (c) {
		case OPT_DUMP:
			o->mode = MODE_DUMP;
			break;
		case OPT_LIST:
			o->mode = MODE_LIST;
			break;
		case 'w':
			if (parse_int(optarg, MIN_WIDTH, MAX_WIDTH, &o->width))
				misuse(_("invalid width '%s' (try 4-10000)"),
				    optarg);
			break;
		case OPT_AMBIGUOUS:
			if (parse_int(optarg, 1, 2, &o->ambiguous))
				misuse(_("invalid ambiguous width '%s' "
				    "(try 1 or 2)"), optarg);
			break;
		case 'h':
			usage();
			exit(EXIT_SUCCESS);
		case 'V':
			version();
			exit(EXIT_SUCCESS);
		default:
			fprintf(stderr, _("Try '%s --help' for more "
			    "information.\n"), PACKAGE);
			exit(EXIT_USAGE);
		}
	o->paths = argv + optind;
	o->npaths = argc - optind;
}

/* Output is UTF-8 whatever the locale says; widths need a UTF-8 LC_CTYPE
 * for wcwidth(), so borrow C.UTF-8 when the user's is something else. */
static bool
setup_locale(void)
{
	setlocale(LC_ALL, "");
#if ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
#endif
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return true;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		return false;
	return false;
}

static int
output_width(const struct options *o)
{
	struct winsize	ws;

	if (o->width > 0)
		return o->width;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0
	    && ws.ws_col >= MIN_WIDTH)
		return ws.ws_col;
	return 80;
}

static int
load_paths(struct corpus *c, char **paths, int n, struct causes *cs)
{
	char	*shown;
	size_t	 before;
	int	 i, rc = 0;

	for (i = 0; i < n; i++) {
		before = c->n;
		if (corpus_add_path(c, paths[i], cs) != 0)
			rc = -1;
		else if (c->n == before) {
			shown = corpus_display_path(paths[i]);
			causes_add(cs, "%s: %s", shown, _("no articles found"));
			free(shown);
		}
	}
	corpus_sort(c);
	return rc;
}

static int
finish(int rc, struct causes *cs)
{
	causes_print(cs, stderr);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: %s: %s\n", PACKAGE, _("write error"),
		    strerror(errno));
		rc = EXIT_TROUBLE;
	}
	if (cs->nerrors > 0 && rc == 0)
		rc = EXIT_TROUBLE;
	causes_free(cs);
	return rc;
}

static int
run_dump(const struct options *o)
{
	struct corpus	c;
	struct causes	cs;
	struct doc	d;
	struct page	p;
	struct stat	st;
	int		rc = 0;

	if (o->npaths == 0)
		misuse("%s", _("--dump needs an article file"));
	if (stat(o->paths[0], &st) == 0 && S_ISDIR(st.st_mode)) {
		char *shown = corpus_display_path(o->paths[0]);
		misuse(_("%s: is a directory (--dump needs an article file)"),
		    shown);
	}
	causes_init(&cs);
	corpus_init(&c);
	if (corpus_load_doc(o->paths[0], &d, &cs) != 0) {
		corpus_free(&c);
		return finish(EXIT_TROUBLE, &cs);
	}
	if (d.len == 0 && stat(o->paths[0], &st) == 0 && st.st_size == 0) {
		char *shown = corpus_display_path(o->paths[0]);
		causes_add(&cs, "%s: %s", shown, _("empty file"));
		free(shown);
		doc_free(&d);
		corpus_free(&c);
		return finish(EXIT_TROUBLE, &cs);
	}
	load_paths(&c, o->paths, o->npaths, &cs);
	corpus_resolve(&c, &d);
	page_build(&p, &d);
	page_set_width(&p, output_width(o));
	dump_page(stdout, &p);
	page_free(&p);
	corpus_free(&c);
	return finish(rc, &cs);
}

static int
run_list(const struct options *o)
{
	struct corpus	 c;
	struct causes	 cs;
	char		*dot = ".";

	causes_init(&cs);
	corpus_init(&c);
	if (o->npaths == 0)
		load_paths(&c, &dot, 1, &cs);
	else
		load_paths(&c, o->paths, o->npaths, &cs);
	dump_list(stdout, &c, output_width(o));
	corpus_free(&c);
	return finish(0, &cs);
}

static int
run_ui(const struct options *o, bool utf8)
{
	struct settings	 set;
	struct keymap	 keys;
	struct theme	 theme;
	struct corpus	 c;
	struct causes	 cs;
	struct persist	 p;
	struct state	 st;
	char		*dir, *samples = SAMPLESDIR;
	int		 rc;

	causes_init(&cs);
	if (!utf8) {
		causes_add(&cs, _("the locale's character set is not UTF-8; "
		    "set LANG to a UTF-8 locale such as C.UTF-8 or "
		    "zh_CN.UTF-8"));
		return finish(EXIT_TROUBLE, &cs);
	}
	if (ui_check_terminal(&cs) != 0)
		return finish(EXIT_TROUBLE, &cs);
	settings_defaults(&set);
	set.ambiguous_width = o->ambiguous;
	keymap_defaults(&keys);
	theme_defaults(&theme);
	corpus_init(&c);
	if (o->npaths > 0)
		load_paths(&c, o->paths, o->npaths, &cs);
	else
		load_paths(&c, &samples, 1, &cs);
	if (c.n == 0) {
		corpus_free(&c);
		settings_free(&set);
		return finish(EXIT_TROUBLE, &cs);
	}
	dir = persist_default_dir();
	persist_open(&p, dir, &cs);
	free(dir);
	state_init(&st, &c, &p, &set, &keys);
	rc = ui_run(&st, &theme, &cs);
	state_free(&st);
	persist_close(&p);
	corpus_free(&c);
	settings_free(&set);
	causes_free(&cs);
	return rc;
}

int
main(int argc, char **argv)
{
	static char	outbuf[1 << 16];
	struct options	o;
	bool		utf8;

	utf8 = setup_locale();
	parse_args(argc, argv, &o);
	text_init();
	text_set_ambiguous_width(o.ambiguous);
	switch (o.mode) {
	case MODE_DUMP:
		setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
		return run_dump(&o);
	case MODE_LIST:
		setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
		return run_list(&o);
	case MODE_UI:
		break;
	}
	return run_ui(&o, utf8);
}
