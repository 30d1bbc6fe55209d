/* Unit tests of walk.c on a temporary tree: which files a walk yields,
 * what it skips and says, and the directories it hands over. */
#include "system.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "files.h"
#include "tap.h"
#include "text.h"
#include "walk.h"
#include "xmalloc.h"

static char	root[] = "/tmp/reader-test-walk-XXXXXX";

/* Walks path; returns the files found, relative to root, one a line,
 * sorted. Caller frees. */
static char *
walk_all(const char *path, struct causes *cs, struct walk_dir **dirs,
    size_t *ndirs, bool *own)
{
	struct walk		*w = walk_open(path, cs);
	struct walk_entry	 e;
	char			*list = xstrdup(""), *t, *cmd, *sorted;
	size_t			 len = strlen(root) + 1, n;
	FILE			*p;

	if (w == NULL)
		return list;
	while (walk_next(w, &e, cs)) {
		t = xasprintf("%s%s\n", list, strlen(e.path) > len ?
		    e.path + len : e.path);
		free(list);
		list = t;
	}
	if (dirs != NULL)
		*ndirs = walk_take_dirs(w, dirs, own);
	walk_close(w);
	cmd = xasprintf("printf '%%s' '%s' | sort", list);
	p = popen(cmd, "r");
	sorted = xcalloc(4096, 1);
	n = p != NULL ? fread(sorted, 1, 4095, p) : 0;
	sorted[n] = '\0';
	if (p != NULL)
		pclose(p);
	free(cmd);
	free(list);
	return sorted;
}

static void
test_tree(void)
{
	struct causes	 cs;
	struct walk_dir	*dirs;
	size_t		 ndirs, i;
	bool		 own, found_sub = false;
	char		*got;

	causes_init(&cs);
	got = walk_all(root, &cs, &dirs, &ndirs, &own);
	is_str(got, "a.txt\nin/shown/h.txt\nsub/b.txt\nsub/deep/c.txt\n",
	    "regular files, hidden names skipped, a link into the library "
	    "followed");
	ok(files_has_cause(&cs, "up: symbolic link to a directory outside the "
	    "library, skipped"), "a link to the directory above is not");
	ok(files_has_cause(&cs, "same: symbolic link to a directory already read"),
	    "a link to a directory already read is named");
	ok(!files_has_cause(&cs, "sub: "), "  not the directory itself");
	ok(files_has_cause(&cs, "fifo") == false, "a FIFO is skipped silently");
	ok(ndirs == 5, "the directories entered are handed over (%zu)",
	    ndirs);
	for (i = 0; i < ndirs; i++)
		found_sub = found_sub || strstr(dirs[i].path, "/sub/deep") !=
		    NULL;
	ok(found_sub, "  with their paths");
	ok(own, "  and no file came through a link");
	walk_dirs_free(dirs, ndirs);
	free(got);
	causes_free(&cs);
}

static void
test_single(void)
{
	struct causes	 cs;
	char		*path = xasprintf("%s/a.txt", root), *got;

	causes_init(&cs);
	got = walk_all(path, &cs, NULL, NULL, NULL);
	is_str(got, "a.txt\n", "a file walks to itself");
	free(got);
	free(path);
	path = xasprintf("%s/missing", root);
	got = walk_all(path, &cs, NULL, NULL, NULL);
	is_str(got, "", "a missing path yields nothing");
	ok(files_has_cause(&cs, "missing: No such file or directory"),
	    "  and says why");
	free(got);
	free(path);
	causes_free(&cs);
}

static void
test_linked_file(void)
{
	struct causes	 cs;
	struct walk_dir	*dirs;
	size_t		 ndirs;
	bool		 own = true;
	char		*path = xasprintf("%s/sub", root), *got;

	files_sh(root, "ln -s ../a.txt sub/linked.txt");
	causes_init(&cs);
	got = walk_all(path, &cs, &dirs, &ndirs, &own);
	ok(strstr(got, "sub/linked.txt") != NULL, "a linked file is found");
	ok(!own, "  and said to come through a link");
	walk_dirs_free(dirs, ndirs);
	free(got);
	free(path);
	causes_free(&cs);
}

static void
test_depth(void)
{
	struct causes	 cs;
	char		*cmd, *got, *path;
	int		 i;

	cmd = xstrdup("mkdir -p deep");
	for (i = 0; i < WALK_MAX_DEPTH + 2; i++) {
		path = xasprintf("%s/d", cmd);
		free(cmd);
		cmd = path;
	}
	files_sh(root, cmd);
	free(cmd);
	path = xasprintf("%s/deep", root);
	causes_init(&cs);
	got = walk_all(path, &cs, NULL, NULL, NULL);
	ok(files_has_cause(&cs, "directories nested too deeply, skipped"),
	    "directories nested too deeply are reported");
	free(got);
	free(path);
	causes_free(&cs);
}

int
main(void)
{
	char	*rm;

	tap_locale();
	text_init();
	if (mkdtemp(root) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	files_sh(root, "mkdir -p sub/deep in/.hid .hidden && echo a > a.txt && "
	    "echo b > sub/b.txt && echo c > sub/deep/c.txt && "
	    "echo h > in/.hid/h.txt && echo s > .hidden/s.txt && "
	    "echo d > sub/.dot.txt && ln -s .. up && ln -s sub same && "
	    "ln -s .hid in/shown && mkfifo fifo");
	test_tree();
	test_single();
	test_linked_file();
	test_depth();
	rm = xasprintf("rm -rf '%s'", root);
	if (system(rm) != 0)
		return 99;
	free(rm);
	return tap_done();
}
