/* Loading articles: headers for the list, whole files when opened. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"
#include "index.h"
#include "parse.h"
#include "text.h"
#include "thread.h"
#include "walk.h"
#include "xmalloc.h"

#define POOL_CHUNK	65536
/* Articles are read in pieces of this size. */
#define LOAD_CHUNK	(256 * 1024)
/* A file this large is cleaned on two threads; they split it at a newline
 * found within SPLIT_LOOK bytes of its middle. */
#define SPLIT_MIN	(1024 * 1024)
#define SPLIT_LOOK	(16 * 1024)
/* Larger files are refused rather than read into memory. */
#define MAX_FILE_BYTES	((off_t) 1 << 30)

/* Starts an empty library. */
void
corpus_init(struct corpus *c)
{
	memset(c, 0, sizeof *c);
}

/* Frees the library and every string of its articles. */
void
corpus_free(struct corpus *c)
{
	size_t	i;

	if (c->saving)
		pthread_join(c->saver, NULL);
	for (i = 0; i < c->nroots; i++) {
		free(c->roots[i].path);
		free(c->roots[i].base);
		index_forget(&c->roots[i].ix);
		free(c->roots[i].walk_seq);
		walk_dirs_free(c->roots[i].dirs, c->roots[i].ndirs);
	}
	free(c->roots);
	for (i = 0; i < c->pool.nchunks; i++)
		free(c->pool.chunks[i]);
	free(c->pool.chunks);
	free(c->v);
	free(c->titles);
	free(c->seen);
	memset(c, 0, sizeof *c);
}

/* Copies n bytes of s into the library's string storage. */
const char *
corpus_strndup(struct corpus *c, const char *s, size_t n)
{
	struct pool	*p = &c->pool;
	char	*r;

	if (n + 1 > p->left) {
		size_t size = n + 1 > POOL_CHUNK ? n + 1 : POOL_CHUNK;
		p->chunks = xreallocarray(p->chunks, p->nchunks + 1,
		    sizeof *p->chunks);
		p->chunks[p->nchunks++] = p->cur = xmalloc(size);
		p->left = size;
	}
	r = p->cur;
	memcpy(r, s, n);
	r[n] = '\0';
	p->cur += n + 1;
	p->left -= n + 1;
	return r;
}

/* Returns a path in a form safe to print. Caller frees. */
char *
corpus_display_path(const char *path)
{
	return text_clean_str(path);
}

/* Hashes n bytes, continuing from h: eight bytes a step (a file's
 * identity is hashed from its first kilobyte, 100,000 times a load). */
uint64_t
corpus_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*b = p;
	uint64_t		 w;
	size_t			 i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, b + i, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

/* Makes room in the table of files seen for n more: growing it once
 * costs less than doubling it again and again. */
void
corpus_expect(struct corpus *c, size_t n)
{
	uint64_t	*old = c->seen;
	size_t		 oldcap = c->seen_cap, cap = oldcap ? oldcap : 1024, i, j;

	while ((c->seen_n + n) * 2 > cap)
		cap *= 2;
	if (cap == oldcap)
		return;
	c->seen_cap = cap;
	c->seen = xcalloc(cap, sizeof *c->seen);
	for (i = 0; i < oldcap; i++) {
		if (old[i] == 0)
			continue;
		for (j = old[i] & (cap - 1); c->seen[j] != 0;
		    j = (j + 1) & (cap - 1))
			;
		c->seen[j] = old[i];
	}
	free(old);
}

/* Remembers a file by device and inode; false if it was seen before. */
bool
corpus_first_sight(struct corpus *c, dev_t dev, ino_t ino)
{
	uint64_t	key = corpus_hash(corpus_hash(0xcbf29ce484222325ULL, &dev,
			    sizeof dev), &ino, sizeof ino) | 1;
	size_t		j;

	corpus_expect(c, 1);
	for (j = key & (c->seen_cap - 1); c->seen[j] != 0;
	    j = (j + 1) & (c->seen_cap - 1))
		if (c->seen[j] == key)
			return false;
	c->seen[j] = key;
	c->seen_n++;
	return true;
}

/* Opens name (relative to dirfd) for reading without blocking on a FIFO
 * or a device, and checks that it is a regular file of a size we are
 * willing to read. Returns the descriptor, or -1 with *why set to an
 * errno value or to CORPUS_NOT_REGULAR or CORPUS_TOO_LARGE (see
 * corpus_why()). Says nothing itself, so that a helper thread can use it. */
int
corpus_open_check(int dirfd, const char *name, struct stat *st, int *why)
{
	int	fd;

	fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, st) != 0)
		*why = errno;
	else if (!S_ISREG(st->st_mode))
		*why = CORPUS_NOT_REGULAR;
	else if (st->st_size > MAX_FILE_BYTES)
		*why = CORPUS_TOO_LARGE;
	else
		return fd;
	if (fd >= 0)
		close(fd);
	return -1;
}

/* What a why of corpus_open_check() means. */
const char *
corpus_why(int why)
{
	return why == CORPUS_NOT_REGULAR ? _("not a regular file") :
	    why == CORPUS_TOO_LARGE ? _("file too large") : strerror(why);
}

/* Adds "PATH: WHY" to cs, as an error or as a warning. */
void
corpus_tell(struct causes *cs, const char *path, const char *why,
    bool error)
{
	char	*shown = corpus_display_path(path);

	if (error)
		causes_add(cs, "%s: %s", shown, why);
	else
		causes_warn(cs, "%s: %s", shown, why);
	free(shown);
}

/* Opens as corpus_open_check() does; a failure becomes a cause naming
 * path. */
int
corpus_open_at(int dirfd, const char *name, const char *path,
    struct stat *st, struct causes *cs)
{
	int	fd, why;

	if ((fd = corpus_open_check(dirfd, name, st, &why)) < 0)
		corpus_tell(cs, path, corpus_why(why), true);
	return fd;
}

/* Opens path as corpus_open_at() does. */
int
corpus_open_file(const char *path, struct stat *st, struct causes *cs)
{
	return corpus_open_at(AT_FDCWD, path, path, st, cs);
}

/* Returns the full path of article a. Caller frees. */
char *
corpus_path(const struct corpus *c, const struct article *a)
{
	return xasprintf("%s%s", a->root < c->nroots ? c->roots[a->root].base :
	    "", a->path);
}

/* Reads up to max bytes from fd into buf; returns the count or -1. */
ssize_t
corpus_read(int fd, char *buf, size_t max)
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

static const char *
base_name(const char *path)
{
	const char	*s = strrchr(path, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : path;
}

/* The title of an article whose text has none: its file name. Caller
 * frees. */
char *
corpus_title_from_name(const char *path)
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

/* Forgets the title lookup table after articles moved or went. */
void
corpus_forget_titles(struct corpus *c)
{
	x_free(c->titles);
	c->tcap = 0;
}

/* Returns the index of the article with identity id, or -1. */
long
corpus_find_id(const struct corpus *c, uint64_t id)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		if (c->v[i].id == id)
			return (long) i;
	return -1;
}

/* Adds an empty article at the end (out of list order until merged). */
/* Makes room for n more articles at once. */
void
corpus_reserve(struct corpus *c, size_t n)
{
	if (c->cap - c->n >= n)
		return;
	c->cap = c->n + n;
	c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
}

struct article *
corpus_append(struct corpus *c)
{
	struct article	*a;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	a = &c->v[c->n++];
	memset(a, 0, sizeof *a);
	corpus_forget_titles(c);
	return a;
}

/* How to sort: key and direction (see corpus_sort). */
struct order {
	int	key;
	bool	ascending;
};

static int
by_date(const struct article *a, const struct article *b)
{
	if ((a->date == 0) != (b->date == 0))
		return a->date == 0 ? 1 : -1;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return 0;
}

static int
compare_articles(const void *pa, const void *pb, void *po)
{
	const struct article	*a = pa, *b = pb;
	const struct order	*o = po;
	int			 r = 0, sign = o->ascending ? 1 : -1;

	switch (o->key) {
	case CORPUS_SORT_DATE:
		/* Undated articles stay last in either direction. */
		if ((a->date == 0) != (b->date == 0))
			return a->date == 0 ? 1 : -1;
		r = sign * by_date(a, b);
		break;
	case CORPUS_SORT_TITLE:
		/* Folded and collated: see corpus_merge(). */
		r = sign * strcmp(a->title_order, b->title_order);
		break;
	case CORPUS_SORT_PATH:
		r = a->root != b->root ? a->root - b->root :
		    strcmp(a->path, b->path);
		r *= sign;
		break;
	}
	if (r == 0)
		r = -by_date(a, b);
	if (r == 0)
		r = strcmp(a->title, b->title);
	if (r == 0)
		r = a->root - b->root;
	return r != 0 ? r : strcmp(a->path, b->path);
}

/* Sets the list order: by date (undated last, by title), by title or by
 * path, ascending or descending; then sorts. */
void
corpus_sort(struct corpus *c, int key, bool ascending)
{
	c->sort_key = key;
	c->sort_asc = ascending;
	corpus_merge(c, 0);
}

/* Compares two articles in list order (negative: a first). */
int
corpus_compare(const struct corpus *c, const struct article *a,
    const struct article *b)
{
	struct order	o = { c->sort_key, c->sort_asc };

	return compare_articles(a, b, &o);
}

/* Puts articles [sorted, n), added since the last merge, in list order
 * among the first sorted ones: sorts the new ones, then merges from the
 * back, so the cost is the new ones' sort plus one pass. */
void
corpus_merge(struct corpus *c, size_t sorted)
{
	struct order	 o = { c->sort_key, c->sort_asc };
	struct article	*fresh;
	size_t		 k = c->n - sorted, i = sorted, j = k, w = c->n;

	if (k == 0)
		return;
	/* Each title's sort key is made once, not in every comparison. */
	for (i = sorted; i < c->n && o.key == CORPUS_SORT_TITLE; i++)
		if (c->v[i].title_order == NULL) {
			const char *t = c->v[i].title;
			size_t tl = strlen(t), kl;
			char *key = text_sort_key(t, tl, &kl);

			/* Most Chinese titles are their own key. */
			c->v[i].title_order = kl == tl && memcmp(key, t, tl)
			    == 0 ? t : corpus_strndup(c, key, kl);
			free(key);
		}
	/* The header index is written in list order: a library read from it
	 * is sorted already, and checking costs one comparison an article. */
	for (i = sorted + 1; i < c->n; i++)
		if (compare_articles(&c->v[i - 1], &c->v[i], &o) > 0)
			break;
	if (i < c->n)
		qsort_r(c->v + sorted, k, sizeof *c->v, compare_articles, &o);
	i = sorted;
	if (sorted > 0) {
		fresh = xreallocarray(NULL, k, sizeof *fresh);
		memcpy(fresh, c->v + sorted, k * sizeof *fresh);
		while (j > 0) {
			if (i > 0 && compare_articles(&c->v[i - 1],
			    &fresh[j - 1], &o) > 0)
				c->v[--w] = c->v[--i];
			else
				c->v[--w] = fresh[--j];
		}
		free(fresh);
	}
	x_free(c->titles);
	c->tcap = 0;
}

static void
index_titles(struct corpus *c)
{
	size_t	i, j, mask;

	c->tcap = 64;
	while (c->tcap < c->n * 2)
		c->tcap *= 2;
	mask = c->tcap - 1;
	c->titles = xcalloc(c->tcap, sizeof *c->titles);
	for (i = 0; i < c->n; i++) {
		for (j = c->v[i].title_key & mask; c->titles[j] != 0;
		    j = (j + 1) & mask)
			if (c->v[c->titles[j] - 1].title_key ==
			    c->v[i].title_key)
				break;
		if (c->titles[j] == 0)
			c->titles[j] = (uint32_t) i + 1;
	}
}

/* Returns the index of the first article in list order whose title has
 * the given key, or -1. */
long
corpus_find_title(struct corpus *c, uint64_t key)
{
	size_t	j, mask;

	if (c->n == 0)
		return -1;
	if (c->titles == NULL)
		index_titles(c);
	mask = c->tcap - 1;
	for (j = key & mask; c->titles[j] != 0; j = (j + 1) & mask)
		if (c->v[c->titles[j] - 1].title_key == key)
			return (long) c->titles[j] - 1;
	return -1;
}

/* Points each related item of d at the article it names, if loaded. */
void
corpus_resolve(struct corpus *c, struct doc *d)
{
	size_t	i;

	for (i = 0; i < d->nrel; i++)
		d->rel[i].target = corpus_find_title(c, d->rel[i].key);
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
		corpus_tell(cs, path, strerror(first.err), true);
		free(text_stream_finish(&first.ts, len));
		return NULL;
	}
	if ((clean = text_stream_finish(&first.ts, len)) != NULL)
		return clean;
	/* Not UTF-8: read it whole, for text_clean() to tell GB18030. */
	buf = xmalloc(size + 1);
	if (lseek(fd, 0, SEEK_SET) != 0 ||
	    (n = corpus_read(fd, buf, size)) < 0) {
		corpus_tell(cs, path, strerror(errno), true);
		free(buf);
		return NULL;
	}
	clean = text_clean(buf, (size_t) n, len, NULL);
	free(buf);
	return clean;
}

/* Reads the first max bytes of a file, cut after its last whole
 * paragraph, and cleans them. Caller frees. */
static char *
read_clean_part(int fd, size_t max, size_t *len)
{
	char	*buf = xmalloc(max), *clean;
	ssize_t	 n = corpus_read(fd, buf, max);
	size_t	 cut;

	if (n < 0)
		n = 0;
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

/* Reads and parses the file at path; with max > 0 and a larger file, only
 * its start (about max bytes, whole paragraphs), so that a huge article
 * shows at once. *complete (if not NULL) says whether all was read.
 * Returns -1 with a cause. */
int
corpus_load_doc_part(const char *path, struct doc *d, struct causes *cs,
    size_t max, bool *complete)
{
	struct stat	 st;
	char		*clean;
	size_t		 len;
	int		 fd;
	bool		 whole;

	memset(d, 0, sizeof *d);
	if ((fd = corpus_open_file(path, &st, cs)) < 0)
		return -1;
	whole = max == 0 || (size_t) st.st_size <= max;
	clean = whole ? read_clean(fd, &st, path, &len, cs) :
	    read_clean_part(fd, max, &len);
	close(fd);
	if (clean == NULL)
		return -1;
	if (complete != NULL)
		*complete = whole;
	parse_doc(clean, len, d);
	if (d->title.len == 0) {
		char *t = corpus_title_from_name(path);
		size_t tl = strlen(t);

		d->text = xreallocarray(d->text, d->len + tl + 1, 1);
		memcpy(d->text + d->len, t, tl + 1);
		d->title.off = (uint32_t) d->len;
		d->title.len = (uint32_t) tl;
		d->len += tl;
		free(t);
	}
	return 0;
}

/* Reads and parses only the end of a large file: about max bytes, from
 * the first paragraph that starts in them. *skipped gets the bytes of
 * the file before that. Returns -1 with a cause. */
int
corpus_load_doc_tail(const char *path, struct doc *d, struct causes *cs,
    size_t max, int64_t *skipped)
{
	struct stat	 st;
	char		*buf, *clean, *nl;
	off_t		 from;
	ssize_t		 n;
	size_t		 len, start = 0;
	int		 fd;

	memset(d, 0, sizeof *d);
	if ((fd = corpus_open_file(path, &st, cs)) < 0)
		return -1;
	from = st.st_size > (off_t) max ? st.st_size - (off_t) max : 0;
	buf = xmalloc(max + 1);
	n = lseek(fd, from, SEEK_SET) == from ? corpus_read(fd, buf, max) : -1;
	close(fd);
	if (n < 0)
		n = 0;
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
corpus_load_doc(const char *path, struct doc *d, struct causes *cs)
{
	return corpus_load_doc_part(path, d, cs, 0, NULL);
}

/* Opens article i of the library and resolves its related items. */
int
corpus_open(struct corpus *c, size_t i, struct doc *d, struct causes *cs)
{
	char	*path = corpus_path(c, &c->v[i]);
	int	 rc = corpus_load_doc(path, d, cs);

	free(path);
	if (rc != 0)
		return -1;
	corpus_resolve(c, d);
	return 0;
}
