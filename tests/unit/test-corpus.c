/* Unit tests of walk.c and corpus.c on a temporary directory tree. */
#include "system.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"
#include "files.h"
#include "loader.h"
#include "parse.h"
#include "tap.h"
#include "text.h"
#include "xmalloc.h"

static char	root[] = "/tmp/reader-test-corpus-XXXXXX";

/* Writes text to root/rel. */
static void
put_str(const char *rel, const char *text)
{
	files_put(root, rel, text, strlen(text));
}

static void
make_tree(void)
{
	if (mkdtemp(root) == NULL) {
		perror("mkdtemp");
		exit(99);
	}
	files_sh(root, "mkdir -p a/b/c .hidden");
	put_str("new.txt", "发布时间:2024-05-01 09:00 原文链接: 最新的文章\n\n正文。\n"
	    "\n相关文章\n\n较早的文章\n\n摘要......\n\n不存在的文章\n\n摘要\n");
	put_str("a/old.txt", "发布时间:2023-01-01 09:00 原文链接: 较早的文章\n\n正文。\n");
	put_str("a/b/c/undated-b.txt", "B标题\n\n正文\n");
	put_str("a/b/undated-a.txt", "A标题\n\n正文\n");
	put_str("a/empty.txt", "");
	put_str(".hidden/secret.txt", "发布时间:2030-01-01 00:00 原文链接: 隐藏\n");
	put_str("a/.dotfile.txt", "隐藏\n");
	put_str("a/b/ fullwidth.txt", "发布时间:2022-02-02 02:02 原文链接: 全角，"
	    "标点\n\nx\n");
	files_sh(root, "ln -s .. a/b/c/loop && ln -s missing dangling.txt && "
	    "ln -s self self && mkfifo a/fifo");
}

static void
test_walk(struct corpus *c, struct causes *cs)
{
	size_t	i;

	ok(corpus_add_path(c, root, cs) != 0, "problems make the load fail");
	corpus_sort(c, CORPUS_SORT_DATE, false);
	is_int(c->n, 5, "five articles (hidden, empty, fifo skipped)");
	for (i = 0; i < c->n; i++)
		ok(strstr(c->v[i].path, "hidden") == NULL &&
		    strstr(c->v[i].path, "dotfile") == NULL,
		    "  %s is not hidden", c->v[i].title);
	ok(files_has_cause(cs, "empty file"), "empty file reported");
	ok(files_has_cause(cs, "dangling.txt"), "dangling link reported");
	ok(files_has_cause(cs, "self: Too many levels of symbolic links"),
	    "self-referencing link reported");
	ok(files_has_cause(cs, "loop: symbolic link to a directory already read"),
	    "directory loop reported, not followed");
}

static void
test_order(struct corpus *c)
{
	is_str(c->v[0].title, "最新的文章", "newest first");
	is_str(c->v[1].title, "较早的文章", "then older");
	is_str(c->v[2].title, "全角，标点", "then oldest");
	is_str(c->v[3].title, "A标题", "undated after dated, by title");
	is_str(c->v[4].title, "B标题", "  second undated");
	ok(c->v[0].id != c->v[1].id, "ids differ");
}

static void
test_resolve(struct corpus *c, struct causes *cs)
{
	struct doc	d;
	const char	*t = "全角,标点";

	is_int(corpus_find_title(c, text_title_key(t, strlen(t))), 2,
	    "title lookup ignores full-width/half-width differences");
	ok(corpus_open(c, 0, &d, cs) == 0, "open the newest");
	is_int(d.nrel, 2, "two related items");
	is_int(d.rel[0].target, 1, "first resolves to the older article");
	is_int(d.rel[1].target, -1, "second is not in the library");
	doc_free(&d);
}

static void
test_twice(void)
{
	struct corpus	c;
	struct causes	cs;
	char		*f = xasprintf("%s/new.txt", root);

	corpus_init(&c);
	causes_init(&cs);
	corpus_add_path(&c, f, &cs);
	corpus_add_path(&c, f, &cs);
	corpus_add_path(&c, root, &cs);
	is_int(c.n, 5, "a file reached twice is loaded once");
	causes_clear(&cs);
	is_int(corpus_add_path(&c, "/nonexistent/x", &cs), -1,
	    "missing path fails");
	ok(files_has_cause(&cs, "/nonexistent/x: No such file or directory"),
	    "with the reason");
	causes_clear(&cs);
	free(f);
	f = xasprintf("%s/a/fifo", root);
	is_int(corpus_add_path(&c, f, &cs), -1, "a FIFO given by name fails "
	    "without blocking");
	free(f);
	corpus_free(&c);
	causes_free(&cs);
}

int
main(void)
{
	struct corpus	c;
	struct causes	cs;
	char		*rm;

	tap_locale();
	text_init();
	make_tree();
	corpus_init(&c);
	causes_init(&cs);
	test_walk(&c, &cs);
	test_order(&c);
	test_resolve(&c, &cs);
	test_twice();
	corpus_free(&c);
	causes_free(&cs);
	rm = xasprintf("rm -rf '%s'", root);
	if (system(rm) != 0)
		return 99;
	free(rm);
	return tap_done();
}
