/* Reading article files; see docio.h for who may call what from where. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docio.h"
#include "parse.h"
#include "text.h"
#include "thread.h"
#include "xmalloc.h"

/* Articles are read in pieces of this size. */
#define LOAD_CHUNK	(256 * 1024)
/* A file this large is cleaned on two threads; they split it at a newline
 * found within SPLIT_LOOK bytes of its middle. */
#define SPLIT_MIN	(1024 * 1024)
#define SPLIT_LOOK	(16 * 1024)
/* Larger files are refused rather than read into memory. */
#define MAX_FILE_BYTES	((off_t) 1 << 30)

/* Opens name (relative to dirfd) for reading without blocking on a FIFO
 * or a device, and checks that it is a regular file of a size we are
 * willing to read. Returns the descriptor, or -1 with *why set to an
 * errno value or to DOCIO_NOT_REGULAR or DOCIO_TOO_LARGE (see
 * docio_strerror()). Says nothing itself, so that a helper thread can use it. */
int
docio_open_check(int dirfd, const char *name, struct stat *st, int *why)
{
	int	fd;

	fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, st) != 0)
		*why = errno;
	else if (!S_ISREG(st->st_mode))
		*why = DOCIO_NOT_REGULAR;
	else if (st->st_size > MAX_FILE_BYTES)
		*why = DOCIO_TOO_LARGE;
	else
		return fd;
	if (fd >= 0)
		close(fd);
	return -1;
}

/* What a why of docio_open_check() (an errno value, or DOCIO_...)
 * means, in buf (size bytes, DOCIO_ERRBUF will do) or in static text.
 * Thread-safe, unlike strerror(). */
const char *
docio_strerror(int why, char *buf, size_t size)
{
	if (why == DOCIO_NOT_REGULAR)
		return _("not a regular file");
	if (why == DOCIO_TOO_LARGE)
		return _("file too large");
	/* The GNU strerror_r(): it returns the message, in buf or not. */
	return strerror_r(why, buf, size);
}

/* Adds "PATH: WHY" to cs, as an error or as a warning. */
void
docio_tell(struct causes *cs, const char *path, const char *why,
    bool error)
{
	char	*shown = text_clean_str(path);

	if (error)
		causes_add(cs, "%s: %s", shown, why);
	else
		causes_warn(cs, "%s: %s", shown, why);
	free(shown);
}

/* Adds "PATH: " and what why (as docio_strerror() takes it) means to cs,
 * as an error or as a warning. */
void
docio_tell_errno(struct causes *cs, const char *path, int why, bool error)
{
	char	buf[DOCIO_ERRBUF];

	docio_tell(cs, path, docio_strerror(why, buf, sizeof buf), error);
}

/* Opens as docio_open_check() does; a failure becomes a cause naming
 * path. */
int
docio_open_at(int dirfd, const char *name, const char *path,
    struct stat *st, struct causes *cs)
{
	int	fd, why;

	if ((fd = docio_open_check(dirfd, name, st, &why)) < 0)
		docio_tell_errno(cs, path, why, true);
	return fd;
}

/* Opens path as docio_open_at() does. */
int
docio_open_file(const char *path, struct stat *st, struct causes *cs)
{
	return docio_open_at(AT_FDCWD, path, path, st, cs);
}

/* Reads up to max bytes from fd into buf; returns the count or -1. */
ssize_t
docio_read(int fd, char *buf, size_t max)
{
	size_t	got = 0;
	ssize_t	r;

	while (got < max) {
		r = read(fd, buf + got, max - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t) r;
	}
	return (ssize_t) got;
}

/* Whether a file whose first n bytes are head (all of it when whole)
 * looks binary, as less judges: a NUL among them, and no encoding that
 * decodes them cleanly: not UTF-16 (with its byte order mark), and more
 * than one byte in sixteen not UTF-8 (a hostile text file has a few bad
 * bytes, an image or a program most; a character cut at the end of a
 * head is not counted). Text has no NUL: most files cost one memchr(). */
bool
docio_looks_binary(const char *head, size_t n, bool whole)
{
	size_t	at = 0, bad, invalid = 0;

	if (memchr(head, '\0', n) == NULL || text_is_utf16(head, n))
		return false;
	while (at < n && !text_valid_utf8(head + at, n - at, &bad)) {
		at += bad + 1;
		if (whole || at + 3 <= n)
			invalid++;
	}
	return invalid > n / 16;
}

static const char *
base_name(const char *path)
{
	const char	*s = strrchr(path, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : path;
}

/* The title of an article whose text has none: its file name. Caller
 * frees. */
char *
docio_title_from_name(const char *path)
{
	const char	*b = base_name(path);
	const char	*dot = strrchr(b, '.');
	char		*raw, *clean;

	raw = xstrndup(b, dot != NULL && dot != b ? (size_t) (dot - b) :
	    strlen(b));
	clean = text_clean_str(raw);
	free(raw);
	return clean;
}

/* A part of a file to read and clean: from..to, or to its end when to
 * is -1. */
struct part {
	int			 fd;
	off_t			 from;
	off_t			 to;
	struct text_stream	 ts;
	int			 err;	/* errno of a failed read, or 0 */
};

static void
part_init(struct part *p, int fd, off_t from)
{
	memset(p, 0, sizeof *p);
	p->fd = fd;
	p->from = from;
	p->to = -1;
}

/* Reads and cleans a part in pieces, so that a large article is never
 * held twice. pread() lets two parts be read at once from one file. */
static void
clean_part(struct part *p)
{
	char	*buf = xmalloc(LOAD_CHUNK);
	off_t	 at = p->from;
	size_t	 want;
	ssize_t	 n;

	for (;;) {
		want = LOAD_CHUNK;
		if (p->to >= 0 && p->to - at < (off_t) want)
			want = (size_t) (p->to - at);
		if (want == 0)
			break;
		if ((n = pread(p->fd, buf, want, at)) < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			p->err = n < 0 ? errno : 0;
			break;
		}
		text_stream_feed(&p->ts, buf, (size_t) n);
		at += n;
	}
	free(buf);
}

static void *
clean_part_thread(void *arg)
{
	clean_part(arg);
	return NULL;
}

/* Where a large file splits into two parts to clean on two threads: after
 * the first newline past its middle. 0 if it does not: it is small, in
 * UTF-16, or has no newline near the middle. */
static off_t
split_point(int fd, size_t size)
{
	char	buf[SPLIT_LOOK];
	ssize_t	n;
	char	*nl;

	if (size < SPLIT_MIN || pread(fd, buf, 2, 0) != 2 ||
	    text_is_utf16(buf, 2))
		return 0;
	n = pread(fd, buf, sizeof buf, (off_t) (size / 2));
	if (n <= 0 || (nl = memchr(buf, '\n', (size_t) n)) == NULL)
		return 0;
	return (off_t) (size / 2) + (nl - buf) + 1;
}

/* Reads and cleans a whole file; a large one in two parts at once.
 * Returns the clean text (caller frees), or NULL with a cause. */
static char *
read_clean(int fd, const struct stat *st, const char *path, size_t *len,
    struct causes *cs)
{
	struct part	 first, rest;
	pthread_t	 thread;
	size_t		 size = (size_t) st->st_size;
	off_t		 middle = split_point(fd, size);
	bool		 helped = false;
	char		*buf, *clean;
	ssize_t		 n;

	part_init(&first, fd, 0);
	text_stream_init(&first.ts);
	if (middle > 0) {
		part_init(&rest, fd, middle);
		text_stream_init_rest(&rest.ts);
		helped = thread_start(&thread, clean_part_thread, &rest) == 0;
		if (helped)
			first.to = middle;
	}
	clean_part(&first);
	if (helped) {
		pthread_join(thread, NULL);
		text_stream_append(&first.ts, &rest.ts);
		if (first.err == 0)
			first.err = rest.err;
	}
	if (first.err != 0) {
		docio_tell_errno(cs, path, first.err, true);
		free(text_stream_finish(&first.ts, len));
		return NULL;
	}
	if ((clean = text_stream_finish(&first.ts, len)) != NULL)
		return clean;
	/* Not UTF-8: read it whole, for text_clean() to tell GB18030. */
	buf = xmalloc(size + 1);
	if (lseek(fd, 0, SEEK_SET) != 0 ||
	    (n = docio_read(fd, buf, size)) < 0) {
		docio_tell_errno(cs, path, errno, true);
		free(buf);
		return NULL;
	}
	clean = text_clean(buf, (size_t) n, len, NULL);
	free(buf);
	return clean;
}

/* Reads the first max bytes of the file open as fd (path names it),
 * cut after its last whole paragraph, and cleans them. Returns the clean
 * text (caller frees), or NULL with a cause if it could not be read. */
char *
docio_read_part(int fd, const char *path, size_t max, size_t *len,
    struct causes *cs)
{
	char	*buf = xmalloc(max > 0 ? max : 1), *clean;
	ssize_t	 n = docio_read(fd, buf, max);
	size_t	 cut;

	if (n < 0) {
		docio_tell_errno(cs, path, errno, true);
		free(buf);
		return NULL;
	}
	for (cut = (size_t) n; cut > 1; cut--)
		if (buf[cut - 1] == '\n' && buf[cut - 2] == '\n')
			break;
	if (cut <= 1 && (cut = (size_t) n) > 0)
		while (cut > 0 && buf[cut - 1] != '\n')
			cut--;
	clean = text_clean(buf, cut > 0 ? cut : (size_t) n, len, NULL);
	free(buf);
	return clean;
}

/* Appends t to d's text; returns where it is. */
static struct span
give(struct doc *d, const char *t)
{
	struct span	sp;
	size_t		tl = strlen(t);

	d->text = xreallocarray(d->text, d->len + tl + 1, 1);
	memcpy(d->text + d->len, t, tl + 1);
	sp.off = (uint32_t) d->len;
	sp.len = (uint32_t) tl;
	d->len += tl;
	return sp;
}

/* Gives d, whose text has no title, the title t (clean UTF-8): a file's
 * name, or what stands for a file without one. */
void
docio_give_title(struct doc *d, const char *t)
{
	d->title = give(d, t);
}

/* Gives d (a part of an article without its header) the article's date,
 * and with date 0 the date as written (clean UTF-8, or NULL). */
void
docio_give_date(struct doc *d, int64_t date, const char *text)
{
	d->date = date;
	if (date == 0 && text != NULL)
		d->date_text = give(d, text);
}

/* Reads and parses the file at path; with max > 0 and a larger file, only
 * its start (about max bytes, whole paragraphs), so that a huge article
 * shows at once. *complete (if not NULL) says whether all was read.
 * Returns -1 with a cause. */
int
docio_load_part(const char *path, struct doc *d, struct causes *cs,
    size_t max, bool *complete)
{
	struct stat	 st;
	char		*clean;
	size_t		 len;
	int		 fd;
	bool		 whole;

	memset(d, 0, sizeof *d);
	if ((fd = docio_open_file(path, &st, cs)) < 0)
		return -1;
	whole = max == 0 || (size_t) st.st_size <= max;
	clean = whole ? read_clean(fd, &st, path, &len, cs) :
	    docio_read_part(fd, path, max, &len, cs);
	close(fd);
	if (clean == NULL)
		return -1;
	if (complete != NULL)
		*complete = whole;
	parse_doc(clean, len, d);
	if (d->title.len == 0) {
		char *t = docio_title_from_name(path);

		docio_give_title(d, t);
		free(t);
	}
	return 0;
}

/* Reads and parses only the end of a large file: about max bytes, from
 * the first paragraph that starts in them. *skipped gets the bytes of
 * the file before that. Returns -1 with a cause. */
int
docio_load_tail(const char *path, struct doc *d, struct causes *cs,
    size_t max, int64_t *skipped)
{
	struct stat	 st;
	char		*buf, *clean, *nl;
	off_t		 from;
	ssize_t		 n;
	size_t		 len, start = 0;
	int		 fd;

	memset(d, 0, sizeof *d);
	if ((fd = docio_open_file(path, &st, cs)) < 0)
		return -1;
	from = st.st_size > (off_t) max ? st.st_size - (off_t) max : 0;
	buf = xmalloc(max + 1);
	n = lseek(fd, from, SEEK_SET) == from ? docio_read(fd, buf, max) : -1;
	if (n < 0) {
		/* Said, not shown as an empty article. */
		docio_tell_errno(cs, path, errno, true);
		close(fd);
		free(buf);
		return -1;
	}
	close(fd);
	/* Start at a paragraph: after a blank line, else after a newline. */
	if (from > 0) {
		nl = memmem(buf, (size_t) n, "\n\n", 2);
		if (nl == NULL)
			nl = memchr(buf, '\n', (size_t) n);
		if (nl != NULL)
			start = (size_t) (nl - buf) + 1;
	}
	clean = text_clean(buf + start, (size_t) n - start, &len, NULL);
	free(buf);
	parse_doc_part(clean, len, d, true);
	*skipped = (int64_t) from + (int64_t) start;
	return 0;
}

/* Reads and parses the whole file at path. Returns -1 with a cause. */
int
docio_load(const char *path, struct doc *d, struct causes *cs)
{
	return docio_load_part(path, d, cs, 0, NULL);
}

