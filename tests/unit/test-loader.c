/* Unit tests of loader.c: a library loaded a slice at a time, from its
 * files and then from its header index, with every change seen, and
 * watchers told of each article as it comes and goes. */
#include "system.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef HAVE_SYS_INOTIFY_H
# include <sys/inotify.h>
#endif

#include "corpus.h"
#include "files.h"
#include "loader.h"
#include "tap.h"
#include "text.h"
#include "xmalloc.h"

static char	root[] = "/tmp/reader-test-loader-XXXXXX";

struct counts {
	long	arrived;
	long	left;
};

static void
arrived(void *arg, const struct article *a)
{
	(void) a;
	((struct counts *) arg)->arrived++;
}

static void
left(void *arg, const struct article *a)
{
	(void) a;
	((struct counts *) arg)->left++;
}

static void
put_bytes(const char *rel, const char *content, size_t n)
{
	char	*lib = xasprintf("%s/lib", root);

	files_put(lib, rel, content, n);
	free(lib);
}

static void
put(const char *rel, const char *content)
{
	put_bytes(rel, content, strlen(content));
}

#ifdef HAVE_SYS_INOTIFY_H
/* Whether the system lets a directory be watched now. */
static bool
can_watch(void)
{
	int	fd = inotify_init1(IN_CLOEXEC);
	bool	ok = fd >= 0 && inotify_add_watch(fd, root, IN_CREATE) >= 0;

	if (fd >= 0)
		close(fd);
	return ok;
}
#endif

static long
find(const struct corpus *c, const char *title)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].title, title) == 0)
			return (long) i;
	return -1;
}

/* Loads the library with the index, in slices of no time at all (each
 * step does a little); counts the steps. */
static void
load(struct corpus *c, struct causes *cs, struct counts *t, int *steps)
{
	struct loader	 ld;
	char		*path = xasprintf("%s/lib", root);

	corpus_init(c);
	loader_start(&ld, &path, 1, true);
	ld.arrived = arrived;
	ld.left = left;
	ld.watcher = t;
	*steps = 0;
	while (loader_step(&ld, c, 0, cs) != 0)
		(*steps)++;
	loader_stop(&ld);
	free(path);
}

static void
test_first_and_again(void)
{
	struct corpus	c;
	struct causes	cs;
	struct counts	t = { 0, 0 };
	static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"
	    "\x03\0>\0\x01\0\0\0\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99"
	    "\x9a\x9b\xfe";
	char		 name[32], *gone;
	int		 i, steps;
	long		 k;

	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof name, "f%03d.txt", i);
		put(name, i == 7 ? "发布时间:2024-01-08 00:00 原文链接: 第七篇\n\n"
		    "正文。\n" : "标题\n\n正文。\n");
	}
	put_bytes("bin.dat", elf, sizeof elf - 1);
	causes_init(&cs);
	load(&c, &cs, &t, &steps);
	is_int(c.n, 300, "a first load finds every article");
	is_int(t.arrived, 300, "  each told as it arrived");
	ok(files_has_cause(&cs, "bin.dat: looks like a binary file, skipped"),
	    "  a binary file is skipped with a warning");
	k = find(&c, "第七篇");
	ok(k == 0, "  in list order (dated first)");
	ok(c.nroots == 1 && c.roots[0].dir, "its root is a directory");
	corpus_free(&c);
	causes_clear(&cs);

	/* The index was written as the corpus was freed. */
	put("f007.txt", "发布时间:2024-01-09 00:00 原文链接: 改过的第七篇\n\n正文。\n");
	gone = xasprintf("%s/lib/f008.txt", root);
	unlink(gone);
	free(gone);
	t.arrived = t.left = 0;
	load(&c, &cs, &t, &steps);
	is_int(c.n, 299, "a second load, from the index, sees a file gone");
	ok(find(&c, "改过的第七篇") >= 0 && find(&c, "第七篇") < 0,
	    "  and a file changed");
	is_int(t.arrived - t.left, 299, "  watchers count what is there");
	corpus_free(&c);
	causes_clear(&cs);

	/* A look at the directories tells whether files came or went. */
	load(&c, &cs, &t, &steps);
	ok(!loader_changed(&c), "loaded: the library has not changed");
	gone = xasprintf("%s/lib", root);
	files_sh(gone, "mkdir sub");
	free(gone);
	put("sub/new.txt", "新来的\n\n正文。\n");
	ok(loader_changed(&c), "a file (and a directory) added: changed");
	loader_settle(&c);
	corpus_free(&c);
	load(&c, &cs, &t, &steps);
	is_int(c.n, 300, "  loaded again, it is there");
	ok(!loader_changed(&c), "  and nothing has changed since");
	gone = xasprintf("%s/lib/sub/new.txt", root);
	unlink(gone);
	free(gone);
	ok(loader_changed(&c), "a file removed in a directory below: changed");
	loader_settle(&c);
	corpus_free(&c);
	load(&c, &cs, &t, &steps);
	ok(!loader_changed(&c), "loaded again: nothing has changed");
	/* Written again in place: no directory's times change. */
	put("f009.txt", "发布时间:2024-01-09 00:00 原文链接: 重写\n\n正文。\n");
#ifdef HAVE_SYS_INOTIFY_H
	if (!can_watch()) {
		ok(1, "# SKIP the system has no inotify watch to spare");
		ok(1, "# SKIP");
	} else {
		ok(loader_changed(&c),
		    "a file written again in place: changed");
		ok(loader_changed(&c), "  and it stays so");
	}
#else
	ok(1, "# SKIP no inotify: a file written in place is not seen");
	ok(1, "# SKIP no inotify");
#endif
	loader_settle(&c);
	corpus_free(&c);
	causes_free(&cs);
}

static void
test_paths(void)
{
	struct corpus	 c;
	struct causes	 cs;
	char		*f = xasprintf("%s/lib/f001.txt", root);
	char		*dir = xasprintf("%s/lib", root);

	corpus_init(&c);
	causes_init(&cs);
	is_int(corpus_add_path(&c, f, &cs), 0, "a file is added");
	is_int(corpus_add_path(&c, dir, &cs), 0, "then its directory");
	is_int(c.n, 299, "  the file is not added twice");
	is_int(c.nroots, 2, "  both roots are known");
	ok(!c.roots[0].dir && c.roots[1].dir, "  a file and a directory");
	is_int(corpus_add_path(&c, "/nonexistent/x", &cs), -1,
	    "a missing path fails");
	corpus_free(&c);
	causes_free(&cs);
	free(f);
	free(dir);
}

int
main(void)
{
	char	*cmd;

	tap_locale();
	text_init();
	if (mkdtemp(root) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	cmd = xasprintf("mkdir -p '%s/lib' '%s/cache'", root, root);
	if (system(cmd) != 0)
		return 99;
	free(cmd);
	cmd = xasprintf("%s/cache", root);
	setenv("XDG_CACHE_HOME", cmd, 1);
	free(cmd);
	test_first_and_again();
	test_paths();
	cmd = xasprintf("rm -rf '%s'", root);
	if (system(cmd) != 0)
		return 99;
	free(cmd);
	return tap_done();
}
