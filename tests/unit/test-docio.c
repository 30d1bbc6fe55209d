/* Unit tests of docio.c: reading article files whole, in part and their
 * tails; every read error is reported, never an empty article. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"
#include "docio.h"
#include "files.h"
#include "tap.h"
#include "text.h"
#include "xmalloc.h"

static char	dir[] = "/tmp/reader-test-docio-XXXXXX";

static char *
put(const char *name, const char *content, size_t n)
{
	files_put(dir, name, content, n);
	return xasprintf("%s/%s", dir, name);
}

static char *
span(const struct doc *d, struct span s)
{
	return xstrndup(d->text + s.off, s.len);
}

/* A file read whole, in part and by its tail. */
static void
test_reads(void)
{
	struct causes	 cs;
	struct doc	 d;
	char		*big, *path, *t;
	size_t		 i, n = 0;
	int64_t		 skipped = -1;
	bool		 whole = true;

	causes_init(&cs);
	big = xmalloc(64 * 1024);
	n += (size_t) sprintf(big, "发布时间:2024-01-02 03:04 原文链接: 长文章\n\n");
	for (i = 0; n < 60000; i++)
		n += (size_t) sprintf(big + n, "第%zu段。\n\n", i);
	path = put("long.txt", big, n);

	is_int(docio_load(path, &d, &cs), 0, "a file is read whole");
	t = span(&d, d.title);
	is_str(t, "长文章", "  with its title");
	free(t);
	is_int(d.npara, i, "  and every paragraph");
	doc_free(&d);

	is_int(docio_load_part(path, &d, &cs, 4096, &whole), 0,
	    "its first part is read");
	ok(!whole, "  and said not to be whole");
	ok(d.npara > 10 && d.npara < i, "  a part of it (%zu paragraphs)",
	    d.npara);
	doc_free(&d);

	is_int(docio_load_tail(path, &d, &cs, 4096, &skipped), 0,
	    "its tail is read");
	ok(skipped > 0 && skipped <= (int64_t) n - 4096 + 20,
	    "  from a paragraph near the end (%lld)", (long long) skipped);
	t = span(&d, d.paras[d.npara - 1].text);
	ok(strncmp(t, "第", strlen("第")) == 0, "  whole paragraphs (%s)", t);
	free(t);
	doc_free(&d);
	is_int((int) cs.n, 0, "nothing to say about any of it");
	causes_free(&cs);
	free(path);
	free(big);
}

/* Read errors: each is a cause, never an empty article. */
static void
test_errors(void)
{
	struct causes	 cs;
	struct doc	 d;
	struct stat	 st;
	char		*path, *text;
	size_t		 len;
	int64_t		 skipped;
	int		 fd;

	causes_init(&cs);
	path = xasprintf("%s/missing.txt", dir);
	is_int(docio_load(path, &d, &cs), -1, "a missing file fails");
	ok(files_has_cause(&cs, "missing.txt: No such file or directory"),
	    "  with the reason");
	free(path);
	causes_clear(&cs);

	/* A regular file of size 0 whose reads fail (EIO at address 0). */
	if (stat("/proc/self/mem", &st) == 0 && S_ISREG(st.st_mode)) {
		is_int(corpus_load_doc_tail("/proc/self/mem", &d, &cs, 4096,
		    &skipped), -1, "a tail whose read fails is an error");
		ok(files_has_cause(&cs, "/proc/self/mem: "),
		    "  named, not an empty article");
		causes_clear(&cs);
		is_int(docio_load("/proc/self/mem", &d, &cs), -1,
		    "so is a whole file whose read fails");
		causes_clear(&cs);
	} else {
		tap_skip("no /proc/self/mem: failing reads not checked");
	}

	/* A first part whose read fails: a descriptor not open to read. */
	path = put("part.txt", "标题\n\n正文。\n", strlen("标题\n\n正文。\n"));
	fd = open(path, O_WRONLY | O_CLOEXEC);
	text = docio_read_part(fd, path, 4096, &len, &cs);
	ok(text == NULL, "a first part whose read fails is an error");
	ok(files_has_cause(&cs, "part.txt: Bad file descriptor"), "  named");
	free(text);
	close(fd);
	causes_clear(&cs);

	fd = docio_open_file(dir, &st, &cs);
	ok(fd < 0 && files_has_cause(&cs, "not a regular file"),
	    "a directory is not read as an article");
	causes_clear(&cs);
	free(path);
	causes_free(&cs);
}

/* Messages from helper threads: strerror_r(), not strerror(). */
static void
test_strerror(void)
{
	char	buf[DOCIO_ERRBUF];

	is_str(docio_strerror(ENOENT, buf, sizeof buf),
	    "No such file or directory", "an errno value's message");
	is_str(docio_strerror(DOCIO_NOT_REGULAR, buf, sizeof buf),
	    "not a regular file", "and the walk's own");
	is_str(docio_strerror(DOCIO_TOO_LARGE, buf, sizeof buf),
	    "file too large", "  both");
}

/* Which heads look binary. */
static void
test_binary(void)
{
	static const char	png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
	    "\0\0\x01\x90\0\0\x01\x2c\x08\x06\0\0\0\xb4\xf5\x8c\x97\xe2\x80"
	    "\xff\xfe\x91\x92\xc3\xd4\xe5\xf6\x87\x98\xa9";
	static const char	text[] = "标题\n\n正文\0还有\x9b一些。\n";
	static const char	utf16[] = "\xff\xfe\x07\x68\x98\x98";
	char			cut[] = "标题\0正文";

	ok(docio_looks_binary(png, sizeof png - 1, true), "a PNG is binary");
	ok(!docio_looks_binary(text, sizeof text - 1, true),
	    "text with a NUL and a bad byte is not");
	ok(!docio_looks_binary(utf16, sizeof utf16 - 1, true),
	    "UTF-16 with its byte order mark is not");
	ok(!docio_looks_binary("plain text", 10, true), "plain text is not");
	/* A head that ends inside a character. */
	ok(!docio_looks_binary(cut, sizeof cut - 3, false),
	    "a head cut inside a character is not");
}

int
main(void)
{
	char	*rm;

	tap_locale();
	text_init();
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	test_reads();
	test_errors();
	test_strerror();
	test_binary();
	rm = xasprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		return 99;
	free(rm);
	return tap_done();
}
