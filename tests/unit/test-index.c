/* Unit tests of index.c: an index written is read back the same, a
 * damaged one (one flipped bit) is refused, stale temporary files go,
 * and what the list shows of an index's titles is clean whatever the
 * file says. */
#include "system.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "index.h"
#include "tap.h"
#include "text.h"
#include "view.h"
#include "xmalloc.h"

static char	dir[] = "/tmp/reader-test-index-XXXXXX";

static struct article
article(const char *path, const char *title, const char *url, int64_t date,
    uint32_t seq)
{
	struct article	a;

	memset(&a, 0, sizeof a);
	a.path = path;
	a.title = title;
	a.url = url;
	a.date = date;
	a.id = 1000 + seq;
	a.title_key = text_title_key(title, strlen(title));
	a.size = 100 + seq;
	a.mtime = 1700000000 + seq;
	a.seq = seq;
	return a;
}

static void
flip(const char *file, off_t at)
{
	unsigned char	b;
	int		fd = open(file, O_RDWR);

	if (fd < 0 || pread(fd, &b, 1, at) != 1) {
		perror(file);
		exit(99);
	}
	b ^= 1;
	if (pwrite(fd, &b, 1, at) != 1) {
		perror(file);
		exit(99);
	}
	close(fd);
}

/* Where s first occurs in file, or -1. */
static off_t
find_in(const char *file, const char *s)
{
	FILE	*f = fopen(file, "rb");
	char	*buf = xmalloc(1 << 20);
	size_t	 n = f != NULL ? fread(buf, 1, 1 << 20, f) : 0, i;
	off_t	 at = -1;

	for (i = 0; i + strlen(s) <= n && at < 0; i++)
		if (memcmp(buf + i, s, strlen(s)) == 0)
			at = (off_t) i;
	if (f != NULL)
		fclose(f);
	free(buf);
	return at;
}

static void
test_round_trip(const char *file)
{
	struct article			 a[3];
	struct index_walk		 w = { NULL, 0, 0, false };
	struct index			 ix;
	const struct index_entry	*e;

	/* In list order; the walk found them in the order of seq. */
	a[0] = article("b/new.txt", "最新的文章", "https://example.com/1",
	    20240501090000LL, 2);
	a[1] = article("old.txt", "较早的文章", NULL, 20230101090000LL, 0);
	a[2] = article("a/undated.txt", "无日期", NULL, 0, 1);
	is_int(index_write(file, a, 3, 0, &w), 0, "an index is written");
	is_int(index_open(&ix, file), 0, "and opened");
	is_int(ix.n, 3, "  with three entries");
	is_str(index_str(&ix, ix.e[0].relpath), "old.txt",
	    "  in the order the walk found them");
	is_str(index_str(&ix, ix.e[ix.order[0]].title), "最新的文章",
	    "  and the list order beside them");
	e = index_find(&ix, "a/undated.txt");
	ok(e != NULL && strcmp(index_str(&ix, e->title), "无日期") == 0,
	    "an entry is found by its path");
	ok(index_find(&ix, "missing.txt") == NULL, "a missing one is not");
	ok(e != NULL && e->size == 101 && e->mtime == 1700000001,
	    "  with its size and mtime");
	e = index_find(&ix, "b/new.txt");
	ok(e != NULL && strcmp(index_str(&ix, e->url),
	    "https://example.com/1") == 0 && e->date == 20240501090000LL,
	    "  its URL and date");
	index_forget(&ix);
}

static void
test_damage(const char *file)
{
	struct index	ix;
	off_t		at = find_in(file, "较早的文章");

	ok(at > 0, "(the title is in the file)");
	flip(file, at + 1);
	is_int(index_open(&ix, file), -1,
	    "one flipped bit in a title: the index is refused");
	is_int(ix.n, 0, "  and nothing of it is used");
	ok(ix.file != NULL, "  but it knows its file, to write it again");
	index_forget(&ix);
	flip(file, at + 1);
	is_int(index_open(&ix, file), 0, "flipped back, it is whole again");
	index_forget(&ix);
	flip(file, 50);
	is_int(index_open(&ix, file), -1, "one flipped bit in the header too");
	index_forget(&ix);
}

/* A cache file is written by whoever can write the cache: its titles are
 * shown only through the output filter. */
static void
test_hostile_title(const char *file)
{
	struct article		 a, shown;
	struct index_walk	 w = { NULL, 0, 0, false };
	struct index		 ix;
	const char		*bad = "标题\033]0;pwned\007\033[2J\302\233x";
	char			*row;

	a = article("evil.txt", bad, NULL, 20240101000000LL, 0);
	is_int(index_write(file, &a, 1, 0, &w), 0,
	    "an index with raw escapes in a title is written");
	is_int(index_open(&ix, file), 0, "  and opened: its sum is right");
	memset(&shown, 0, sizeof shown);
	shown.path = index_str(&ix, ix.e[0].relpath);
	shown.title = index_str(&ix, ix.e[0].title);
	shown.date = ix.e[0].date;
	row = view_list_row(&shown, 60, NULL, "%Y-%m-%d", 10);
	ok(strchr(row, '\033') == NULL && strchr(row, '\007') == NULL &&
	    strstr(row, "\302\233") == NULL,
	    "the list row has no ESC, BEL or C1 (%s)", row);
	ok(strstr(row, "pwned") != NULL, "  but shows the text");
	free(row);
	index_forget(&ix);
}

static void
test_stale(void)
{
	char		*old = xasprintf("%s/index-0123456789abcdef.Ab12Cd", dir);
	char		*young = xasprintf("%s/index-0123456789abcdef.Xy34Zw",
			    dir);
	char		*other = xasprintf("%s/index-notes.Ab12Cd", dir);
	char		*file = xasprintf("%s/index-0123456789abcdef", dir);
	struct timespec	 t[2] = { { 0, 0 }, { 0, 0 } };
	FILE		*f;

	f = fopen(old, "w");
	fclose(f);
	f = fopen(young, "w");
	fclose(f);
	f = fopen(other, "w");
	fclose(f);
	t[0].tv_sec = t[1].tv_sec = time(NULL) - 3600;
	utimensat(AT_FDCWD, old, t, 0);
	utimensat(AT_FDCWD, other, t, 0);
	is_int(index_clean_stale(file), 1, "one stale temporary file removed");
	ok(access(old, F_OK) != 0, "  the old one");
	ok(access(young, F_OK) == 0, "  not one being written now");
	ok(access(other, F_OK) == 0, "  nor another file");
	free(old);
	free(young);
	free(other);
	free(file);
}

int
main(void)
{
	char	*file, *rm;

	tap_locale();
	text_init();
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	file = xasprintf("%s/cache/index-test", dir);
	test_round_trip(file);
	test_damage(file);
	test_hostile_title(file);
	test_stale();
	free(file);
	rm = xasprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		return 99;
	free(rm);
	return tap_done();
}
