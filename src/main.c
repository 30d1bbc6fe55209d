/* Command line, locale and configuration; then the interface or one of
 * the text modes. */
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

#include "conf.h"
#include "corpus.h"
#include "docio.h"
#include "dump.h"
#include "ftscli.h"
#include "error.h"
#include "keymap.h"
#include "loader.h"
#include "page.h"
#include "parse.h"
#include "installdirs.h"
#include "persist.h"
#include "replay.h"
#include "settings.h"
#include "state.h"
#include "text.h"
#include "theme.h"
#include "ui-term.h"
#include "ui.h"
#include "xmalloc.h"

#define EXIT_TROUBLE	1	/* an input could not be read */
#define EXIT_USAGE	2

/* Loading done before the first screen, in microseconds. */
#define FIRST_SLICE_US	40000

#define MIN_WIDTH	4
#define MAX_WIDTH	10000

enum mode { MODE_UI, MODE_DUMP, MODE_LIST, MODE_CHECK, MODE_DUMP_CONFIG,
    MODE_REPLAY, MODE_SEARCH, MODE_INDEX };

struct options {
	enum mode	  mode;
	int		  width;	/* 0: the terminal's, else 80 */
	int		  ambiguous;	/* 0: from reader.ini */
	const char	 *config;
	const char	 *query;	/* --search */
	bool		  worker;	/* --index-worker */
	bool		  no_config;
	const char	 *keys;		/* --keys: the replay's script */
	int		  cols, lines;	/* --size */
	unsigned	  replay;	/* REPLAY_ flags */
	bool		  loading;	/* --loading */
	char		**paths;
	int		  npaths;
};

/* Everything the configuration decides. */
struct app {
	struct settings	set;
	struct keymap	keys;
	struct theme	theme;
};

enum {
	OPT_DUMP = CHAR_MAX + 1,
	OPT_LIST,
	OPT_AMBIGUOUS,
	OPT_NO_CONFIG,
	OPT_CHECK_CONFIG,
	OPT_DUMP_CONFIG,
	OPT_KEYS,
	OPT_SIZE,
	OPT_FRAMES,
	OPT_ATTRS,
	OPT_CHECK_STATE,
	OPT_SEARCH,
	OPT_INDEX,
	OPT_INDEX_WORKER,
	OPT_LOADING
};

static const struct option long_options[] = {
	{ "dump",		no_argument,		NULL, OPT_DUMP },
	{ "list",		no_argument,		NULL, OPT_LIST },
	{ "search",		required_argument,	NULL, OPT_SEARCH },
	{ "index",		no_argument,		NULL, OPT_INDEX },
	/* The interface's indexer (ftscli_index_worker()); not for users. */
	{ "index-worker",	no_argument,		NULL, OPT_INDEX_WORKER },
	{ "width",		required_argument,	NULL, 'w' },
	{ "ambiguous-width",	required_argument,	NULL, OPT_AMBIGUOUS },
	{ "config",		required_argument,	NULL, 'c' },
	{ "no-config",		no_argument,		NULL, OPT_NO_CONFIG },
	{ "check-config",	no_argument,		NULL, OPT_CHECK_CONFIG },
	{ "dump-config",	no_argument,		NULL, OPT_DUMP_CONFIG },
	{ "keys",		required_argument,	NULL, OPT_KEYS },
	{ "size",		required_argument,	NULL, OPT_SIZE },
	{ "frames",		no_argument,		NULL, OPT_FRAMES },
	{ "attrs",		no_argument,		NULL, OPT_ATTRS },
	{ "check-state",	no_argument,		NULL, OPT_CHECK_STATE },
	{ "loading",		no_argument,		NULL, OPT_LOADING },
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
	    "      --search=QUERY       print the articles whose text matches "
	    "QUERY: date,\n"
	    "                             title, path and the matched text, "
	    "by tabs\n"
	    "      --index              bring the search index up to date and "
	    "compact it,\n"
	    "                             ahead of searches\n"
	    "  -w, --width=N            lay out for N columns (default: the "
	    "terminal's,\n"
	    "                             else 80)\n"
	    "      --ambiguous-width=N  East Asian ambiguous characters take "
	    "N (1 or 2)\n"
	    "                             columns (default: as the terminal "
	    "says)\n"), stdout);
	fputs(_("      --keys=KEYS          replay KEYS (names as in reader.ini, "
	    "and events\n"
	    "                             such as resize:40x12) without a "
	    "terminal and\n"
	    "                             print the screen\n"
	    "      --size=COLSxLINES    the replay's screen size (default "
	    "80x24)\n"
	    "      --frames             print the screen after every key\n"
	    "      --attrs              print each cell's colour element "
	    "too\n"
	    "      --check-state        check the state after every key "
	    "(for tests)\n"
	    "      --loading            let the library in a little at each "
	    "key\n"), stdout);
	fputs(_("  -c, --config=FILE        read FILE instead of "
	    "~/.config/reader/reader.ini\n"
	    "      --no-config          use the built-in settings only\n"
	    "      --check-config       check the configuration and exit\n"
	    "      --dump-config        print the configuration in use as a "
	    "reader.ini\n"), stdout);
	fputs(_("  -h, --help               display this help and exit\n"
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

/* The option that chose each mode, for messages. */
static const char *const mode_option[] = {
	[MODE_UI] = "", [MODE_DUMP] = "--dump", [MODE_LIST] = "--list",
	[MODE_CHECK] = "--check-config", [MODE_DUMP_CONFIG] = "--dump-config",
	[MODE_REPLAY] = "--keys", [MODE_SEARCH] = "--search",
	[MODE_INDEX] = "--index"
};

/* Chooses mode m; a second, different mode is a mistake, as in GNU
 * tools (the last one no longer wins silently). */
static void
set_mode(struct options *o, enum mode m)
{
	if (o->mode != MODE_UI && o->mode != m)
		misuse(_("%s and %s cannot be used together"),
		    mode_option[o->mode], mode_option[m]);
	o->mode = m;
}

static void
parse_args(int argc, char **argv, struct options *o)
{
	int	c;

	memset(o, 0, sizeof *o);
	/* getopt's own messages name the program as every other does. */
	argv[0] = (char *) PACKAGE;
	while ((c = getopt_long(argc, argv, "w:c:hV", long_options, NULL))
	    != -1)
		switch (c) {
		case OPT_DUMP:
			set_mode(o, MODE_DUMP);
			break;
		case OPT_LIST:
			set_mode(o, MODE_LIST);
			break;
		case OPT_SEARCH:
			set_mode(o, MODE_SEARCH);
			o->query = optarg;
			break;
		case OPT_INDEX:
			set_mode(o, MODE_INDEX);
			break;
		case OPT_INDEX_WORKER:
			set_mode(o, MODE_INDEX);
			o->worker = true;
			break;
		case OPT_CHECK_CONFIG:
			set_mode(o, MODE_CHECK);
			break;
		case OPT_DUMP_CONFIG:
			set_mode(o, MODE_DUMP_CONFIG);
			break;
		case OPT_KEYS:
			set_mode(o, MODE_REPLAY);
			o->keys = optarg;
			break;
		case OPT_SIZE:
			if (replay_parse_size(optarg, &o->cols, &o->lines))
				misuse(_("invalid size '%s' (try 80x24)"),
				    optarg);
			break;
		case OPT_FRAMES:
			o->replay |= REPLAY_FRAMES;
			break;
		case OPT_ATTRS:
			o->replay |= REPLAY_ATTRS;
			break;
		case OPT_CHECK_STATE:
			o->replay |= REPLAY_CHECK;
			break;
		case OPT_LOADING:
			o->loading = true;
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
		case 'c':
			o->config = optarg;
			break;
		case OPT_NO_CONFIG:
			o->no_config = true;
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
	if (o->config != NULL && o->no_config)
		misuse("%s", _("--config and --no-config cannot be used "
		    "together"));
	if (o->width > 0 && o->mode != MODE_DUMP && o->mode != MODE_LIST &&
	    o->mode != MODE_SEARCH)
		misuse("%s", _("--width works with --dump, --list and "
		    "--search"));
	if ((o->cols > 0 || o->replay != 0 || o->loading) &&
	    o->mode != MODE_REPLAY)
		misuse("%s", _("--size, --frames, --attrs, --check-state and "
		    "--loading work with --keys"));
	o->paths = argv + optind;
	o->npaths = argc - optind;
}

/* Output is UTF-8 whatever the locale says; widths need a UTF-8 LC_CTYPE
 * for wcwidth(), so borrow C.UTF-8 when the user's is something else.
 * Returns whether the user's own locale is UTF-8. */
static bool
setup_locale(void)
{
	/* Only what reader uses: character widths, messages, date names,
	 * the order of titles. (Loading every category costs a dozen files
	 * at each start.) */
	setlocale(LC_CTYPE, "");
	setlocale(LC_COLLATE, "");
	setlocale(LC_MESSAGES, "");
	setlocale(LC_TIME, "");
#if ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
#endif
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return true;
	setlocale(LC_CTYPE, "C.UTF-8");
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

/* Loads reader.ini (the one given, else the user's if there is one)
 * over the defaults. Returns -1 with causes if it has mistakes. */
static int
configure(const struct options *o, struct app *app, struct causes *cs,
    char **used)
{
	struct stat	 st;
	char		*path = NULL;
	int		 rc = 0;

	settings_defaults(&app->set);
	keymap_defaults(&app->keys);
	theme_defaults(&app->theme);
	*used = NULL;
	if (o->config != NULL)
		path = xstrdup(o->config);
	else if (!o->no_config && (path = conf_default_path()) != NULL &&
	    stat(path, &st) != 0 && errno == ENOENT)
		x_free(path);
	if (path != NULL && conf_load(path, &app->set, &app->keys, &app->theme,
	    cs) != 0)
		rc = -1;
	if (o->ambiguous > 0)
		app->set.ambiguous_width = o->ambiguous;
	text_set_ambiguous_width(app->set.ambiguous_width);
	*used = path;
	return rc;
}

/* Loads every article of the paths, in the configured order. */
static void
load_paths(struct corpus *c, char **paths, int n, const struct settings *s,
    struct causes *cs)
{
	struct loader	ld;

	c->sort_key = (int) s->sort;
	c->sort_asc = s->sort_ascending;
	loader_start(&ld, paths, n, true);
	loader_finish(&ld, c, cs);
}

/* The library to open without PATHs: reader.ini's, else the samples. */
static void
default_library(const struct settings *s, char ***paths, int *n)
{
	static char	*samples[] = { SAMPLESDIR, NULL };
	int		 k = 0;

	if (s->library != NULL) {
		while (s->library[k] != NULL)
			k++;
		*paths = s->library;
		*n = k;
		return;
	}
	*paths = samples;
	*n = 1;
}

/* Reads an article from standard input (--dump -), as less reads a
 * pipe. Returns -1 with a cause if it could not be read or is empty. */
static int
load_stdin(struct doc *d, struct causes *cs)
{
	char	*buf = NULL, *clean;
	size_t	 n = 0, cap = 0, len;
	ssize_t	 r;

	memset(d, 0, sizeof *d);
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = xreallocarray(buf, cap, 1);
		}
		r = read(STDIN_FILENO, buf + n, cap - n);
		if (r == 0)
			break;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			causes_add(cs, "%s: %s", _("standard input"),
			    strerror(errno));
			free(buf);
			return -1;
		}
		n += (size_t) r;
	}
	if (n == 0) {
		causes_add(cs, "%s: %s", _("standard input"), _("empty file"));
		free(buf);
		return -1;
	}
	clean = text_clean(buf, n, &len, NULL);
	free(buf);
	parse_doc(clean, len, d);
	if (d->title.len == 0)
		docio_give_title(d, _("standard input"));
	return 0;
}

static int
run_dump(const struct options *o, struct app *app, struct causes *cs)
{
	struct corpus	c;
	struct doc	d;
	struct page	p;
	struct stat	st;
	char		*shown;

	if (o->npaths == 0)
		misuse("%s", _("--dump needs an article file"));
	if (strcmp(o->paths[0], "-") == 0) {
		if (load_stdin(&d, cs) != 0)
			return EXIT_TROUBLE;
		corpus_init(&c);
		/* The other PATHs are where related items are looked up. */
		if (o->npaths > 1)
			load_paths(&c, o->paths + 1, o->npaths - 1, &app->set,
			    cs);
		goto print;
	}
	if (stat(o->paths[0], &st) != 0)
		st.st_mode = 0;
	if (S_ISDIR(st.st_mode)) {
		shown = corpus_display_path(o->paths[0]);
		misuse(_("%s: is a directory (--dump needs an article file)"),
		    shown);
	}
	/* (Read, an empty file would have its name for a title.) */
	if (S_ISREG(st.st_mode) && st.st_size == 0) {
		shown = corpus_display_path(o->paths[0]);
		causes_add(cs, "%s: %s", shown, _("empty file"));
		free(shown);
		return EXIT_TROUBLE;
	}
	if (app->set.ambiguous_width == 0)
		text_set_ambiguous_width(ui_probe_ambiguous_width());
	if (corpus_load_doc(o->paths[0], &d, cs) != 0)
		return EXIT_TROUBLE;
	corpus_init(&c);
	load_paths(&c, o->paths, o->npaths, &app->set, cs);
print:
	corpus_resolve(&c, &d);
	page_build(&p, &d, app->set.show_related);
	page_set_width(&p, output_width(o));
	dump_page(stdout, &p);
	page_free(&p);
	corpus_free(&c);
	return 0;
}

static int
run_list(const struct options *o, struct app *app, struct causes *cs)
{
	struct corpus	  c;
	char		**paths = o->paths;
	int		  n = o->npaths;

	if (n == 0)
		default_library(&app->set, &paths, &n);
	corpus_init(&c);
	load_paths(&c, paths, n, &app->set, cs);
	dump_list(stdout, &c, output_width(o), app->set.date_format);
	corpus_free(&c);
	return 0;
}

/* What an interactive run (the interface, or its replay) works on. */
struct session {
	struct corpus	c;
	struct persist	p;
	struct state	st;
	struct loader	ld;
	int		more;		/* the library is still loading */
	char		**paths;	/* the library's */
	int		npaths;
};

/* Starts a run on the library: loads a first part of it (a slice of us
 * microseconds; with 0, batch by batch until something is in; with -1,
 * all of it). Nothing here depends on the widths of characters, and
 * with us > 0 it takes about that long: session_loaded() follows. */
static void
session_load(struct session *s, const struct options *o, struct app *app,
    long us, struct causes *cs)
{
	s->paths = o->paths;
	s->npaths = o->npaths;
	if (s->npaths == 0)
		default_library(&app->set, &s->paths, &s->npaths);
	corpus_init(&s->c);
	s->c.sort_key = (int) app->set.sort;
	s->c.sort_asc = app->set.sort_ascending;
	loader_start(&s->ld, s->paths, s->npaths, true);
	do
		s->more = loader_step(&s->ld, &s->c, us, cs);
	while (s->more && (us < 0 || (us == 0 && s->c.n == 0)));
}

/* After session_load(): a library of which nothing came in the first
 * part is read to its end. Returns -1 if it has nothing, which the
 * causes say. */
static int
session_loaded(struct session *s, struct causes *cs)
{
	/* A library of nothing is an error, not an empty window. */
	if (s->c.n == 0 && s->more) {
		loader_finish(&s->ld, &s->c, cs);
		s->more = 0;
	}
	if (s->c.n == 0) {
		loader_stop(&s->ld);
		corpus_free(&s->c);
		return -1;
	}
	return 0;
}

/* Opens the reading state on what session_load() loaded and makes the
 * navigation state. One article given by name opens at once, as in a
 * pager, in a pane of rows x cols (0: not known). */
static void
session_open(struct session *s, const struct options *o, struct app *app,
    int rows, int cols, struct causes *cs)
{
	char	*dir;

	dir = persist_default_dir();
	persist_open(&s->p, dir, cs);
	free(dir);
	state_init(&s->st, &s->c, &s->p, &app->set, &app->keys);
	s->st.paths = s->paths;
	s->st.npaths = s->npaths;
	s->ld.arrived = state_article_arrived;
	s->ld.left = state_article_left;
	s->ld.watcher = &s->st;
	if (o->npaths == 1 && !s->c.roots[0].dir && s->c.n == 1) {
		/* The pane's size first, so that only what fills it is read
		 * of a large article. */
		if (rows > 1 && cols > 0)
			state_set_geometry(&s->st, rows - 1, cols, rows - 1, cols,
			    rows - 1, 0);
		state_open(&s->st, 0, false);
		s->st.zoom = s->st.pager = true;
	}
}

/* session_load(), session_loaded(), then session_open(). */
static int
session_start(struct session *s, const struct options *o, struct app *app,
    long us, int rows, int cols, struct causes *cs)
{
	session_load(s, o, app, us, cs);
	if (session_loaded(s, cs) != 0)
		return -1;
	session_open(s, o, app, rows, cols, cs);
	return 0;
}

/* Ends a run: what is still loading is left, and all is freed. */
static void
session_end(struct session *s)
{
	loader_stop(&s->ld);
	state_free(&s->st);
	persist_close(&s->p);
	corpus_free(&s->c);
}

/* The interface without a terminal: the keys of --keys go through the
 * same state and view, and the screen is printed. */
static int
run_replay(const struct options *o, struct app *app, struct causes *cs)
{
	struct session	 s;
	struct replay	*r;
	int		 rc;
	int		 cols = o->cols > 0 ? o->cols : 80;
	int		 lines = o->lines > 0 ? o->lines : 24;

	if ((r = replay_parse(o->keys, cs)) == NULL) {
		causes_print(cs, stderr);
		causes_clear(cs);
		misuse("%s", _("see KEYS in reader(1)"));
	}
	/* The whole library before the first screen, as a fast disk gives
	 * it; with --loading, the smallest slices of it, so that a replay
	 * sees it still loading whatever the machine's speed ("wait"
	 * finishes it). */
	if (session_start(&s, o, app, o->loading ? 0 : -1, lines, cols,
	    cs) != 0) {
		replay_free(r);
		return EXIT_TROUBLE;
	}
	rc = replay_run(r, &s.st, s.more ? &s.ld : NULL, cs, cols, lines,
	    o->replay, stdout);
	replay_free(r);
	session_end(&s);
	/* What the status line said is on the screen printed. */
	causes_clear(cs);
	return rc;
}

static int
run_search(const struct options *o, struct app *app, struct causes *cs)
{
	struct corpus	  c;
	char		**paths = o->paths;
	int		  n = o->npaths, rc;

	if (n == 0)
		default_library(&app->set, &paths, &n);
	corpus_init(&c);
	load_paths(&c, paths, n, &app->set, cs);
	if (o->worker) {
		/* The interface has said what loading had to say. */
		causes_clear(cs);
		rc = ftscli_index_worker(stdout, &c, app->set.search_variants,
		    cs);
	} else if (o->mode == MODE_INDEX)
		rc = ftscli_index(&c, app->set.search_variants, cs);
	else
		rc = ftscli_run(stdout, o->query, &c,
		    app->set.search_variants, cs);
	corpus_free(&c);
	return rc;
}

/* The command of the interface's indexer: this program, with the
 * configuration it was given, on the library's paths (see
 * ftscli_index_worker()). NULL when this program cannot be found again:
 * the indexer is then a thread of the interface. Free with
 * strv_free(). */
static char **
worker_argv(const struct options *o, char **paths, int n)
{
	char	**v, *exe;
	int	  k = 0, i;

	if ((exe = realpath("/proc/self/exe", NULL)) == NULL)
		return NULL;
	v = xcalloc((size_t) n + 7, sizeof *v);
	v[k++] = exe;
	if (o->no_config)
		v[k++] = xstrdup("--no-config");
	else if (o->config != NULL) {
		v[k++] = xstrdup("-c");
		v[k++] = xstrdup(o->config);
	}
	v[k++] = xstrdup("--index-worker");
	v[k++] = xstrdup("--");
	for (i = 0; i < n; i++)
		v[k++] = xstrdup(paths[i]);
	return v;
}

static int
run_ui(const struct options *o, struct app *app, struct causes *cs,
    bool utf8)
{
	struct session	s;
	struct winsize	ws;
	char		**worker;
	int		rc;
	bool		probing;

	if (!utf8) {
		causes_add(cs, "%s", _("the locale's character set is not "
		    "UTF-8; set LANG to a UTF-8 locale such as C.UTF-8 or "
		    "zh_CN.UTF-8"));
		return EXIT_TROUBLE;
	}
	if (ui_check_terminal(cs) != 0)
		return EXIT_TROUBLE;
	/* The terminal is asked how wide it draws ambiguous characters,
	 * and the first slice of the library read while the answer comes
	 * (a round trip over a remote link); the article is laid out after. */
	probing = app->set.ambiguous_width == 0 && ui_probe_ask();
	session_load(&s, o, app, FIRST_SLICE_US, cs);
	if (probing)
		text_set_ambiguous_width(ui_probe_answer());
	if (session_loaded(&s, cs) != 0)
		return EXIT_TROUBLE;
	/* The screen comes next, whose size curses will find the same as
	 * the terminal says now. */
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0)
		ws.ws_row = ws.ws_col = 0;
	session_open(&s, o, app, ws.ws_row, ws.ws_col, cs);
	worker = worker_argv(o, s.st.paths, s.st.npaths);
	s.st.ls.worker = worker;
	rc = ui_run(&s.st, &app->theme, cs, s.more ? &s.ld : NULL);
	session_end(&s);
	strv_free(worker);
	if (rc < 0)
		/* The terminal would not do: said on exit. */
		return EXIT_TROUBLE;
	/* What was said on the status line is not repeated on exit. */
	causes_clear(cs);
	return rc;
}

int
main(int argc, char **argv)
{
	static char	 outbuf[1 << 16];
	struct options	 o;
	struct app	 app;
	struct causes	 cs;
	char		*conf;
	bool		 utf8;
	int		 rc = 0;

	utf8 = setup_locale();
	parse_args(argc, argv, &o);
	text_init();
	causes_init(&cs);
	if (configure(&o, &app, &cs, &conf) != 0) {
		if (o.mode != MODE_CHECK)
			causes_add(&cs, "%s", _("fix the mistakes above, or "
			    "start with --no-config to use the built-in "
			    "settings"));
		rc = finish(EXIT_TROUBLE, &cs);
	} else {
		if (o.mode == MODE_DUMP || o.mode == MODE_LIST ||
		    o.mode == MODE_REPLAY || o.mode == MODE_SEARCH)
			setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
		switch (o.mode) {
		case MODE_DUMP:
			rc = run_dump(&o, &app, &cs);
			break;
		case MODE_LIST:
			rc = run_list(&o, &app, &cs);
			break;
		case MODE_SEARCH:
		case MODE_INDEX:
			rc = run_search(&o, &app, &cs);
			break;
		case MODE_CHECK:
			if (conf != NULL) {
				char *shown = corpus_display_path(conf);
				printf(_("%s: no mistakes found\n"), shown);
				free(shown);
			} else
				printf("%s\n", _("no reader.ini: the built-in "
				    "settings are used"));
			break;
		case MODE_DUMP_CONFIG:
			conf_dump(stdout, &app.set, &app.keys, &app.theme);
			break;
		case MODE_UI:
			rc = run_ui(&o, &app, &cs, utf8);
			break;
		case MODE_REPLAY:
			rc = run_replay(&o, &app, &cs);
			break;
		}
		rc = finish(rc, &cs);
	}
	free(conf);
	settings_free(&app.set);
	return rc;
}
