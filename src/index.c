/* Reading and writing the header index. */
#include "system.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fileutil.h"
#include "index.h"
#include "xmalloc.h"

/* 16 bytes with its NULs: "head -c 15" of the file says what it is. */
#define INDEX_MAGIC	"reader-index 6\n"
/* The list order: a number for each entry, padded to 8 bytes. */
#define ORDER_BYTES(n)	(((uint64_t) (n) + 1) / 2 * 8)
#define ORDER_MARK	0x01020304u
#define MAX_INDEX_BYTES	((off_t) 1 << 30)
/* Pieces in which a written index is read back for its checksum: a
 * multiple of 32, the checksum's step. */
#define SEAL_CHUNK	(256 * 1024)
/* A temporary index file untouched for this long was left by a program
 * that ended while writing it: one being written is younger. */
#define STALE_TMP_SECS	(10 * 60)

static uint64_t
hash_str(const char *s)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	while (*s != '\0')
		h = (h ^ (unsigned char) *s++) * 0x100000001b3ULL;
	return h;
}

/* Returns the index file for a library directory (its real path), in
 * $XDG_CACHE_HOME/reader or ~/.cache/reader; NULL if there is no home.
 * Caller frees. */
char *
index_file_for(const char *realdir)
{
	const char	*x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	uint64_t	 h = hash_str(realdir);

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/reader/index-%016" PRIx64, x, h);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.cache/reader/index-%016" PRIx64, home,
		    h);
	return NULL;
}

/* The file's first bytes. */
struct index_header {
	char		magic[16];	/* INDEX_MAGIC, NUL-padded */
	uint32_t	order;		/* ORDER_MARK as this machine writes it */
	uint32_t	entry_size;	/* sizeof (struct index_entry) */
	uint64_t	n;
	uint64_t	hcap;		/* a power of two, or 0 when n is */
	uint64_t	ndirs;
	uint64_t	flags;		/* INDEX_COMPLETE */
	uint64_t	slen;
	uint64_t	sum;		/* checksum() of the rest of the file */
};

#define INDEX_COMPLETE	1

/* A checksum, made a piece at a time: four lanes of eight bytes a step,
 * each a multiplication and a rotation, so that checking a 16 MB index
 * costs about a millisecond and a half. Every step of a lane is a
 * bijection of its state, so a change of one byte (a flipped bit in a
 * cached title) always changes the sum. */
struct sum {
	uint64_t	h[4];
	uint64_t	n;
};

#define SUM_MUL		0x9E3779B97F4A7C15ULL
#define SUM_STEP(x, w)	((x) = ((x) ^ (w)) * SUM_MUL, \
			    (x) = (x) << 31 | (x) >> 33)

static void
sum_init(struct sum *s)
{
	s->h[0] = 1;
	s->h[1] = 2;
	s->h[2] = 3;
	s->h[3] = 4;
	s->n = 0;
}

/* Adds the first n / 32 * 32 bytes of p; returns how many that is. */
static size_t
sum_blocks(struct sum *s, const char *p, size_t n)
{
	uint64_t	a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], w[4];
	size_t		i;

	for (i = 0; i + 32 <= n; i += 32) {
		memcpy(w, p + i, 32);
		SUM_STEP(a, w[0]);
		SUM_STEP(b, w[1]);
		SUM_STEP(c, w[2]);
		SUM_STEP(d, w[3]);
	}
	s->h[0] = a;
	s->h[1] = b;
	s->h[2] = c;
	s->h[3] = d;
	s->n += i;
	return i;
}

/* Adds the last n bytes (fewer than 32) and returns the sum. */
static uint64_t
sum_end(struct sum *s, const char *p, size_t n)
{
	uint64_t	a = s->h[0];
	size_t		i;

	for (i = 0; i < n; i++)
		SUM_STEP(a, (unsigned char) p[i]);
	a ^= (s->h[1] << 16 | s->h[1] >> 48) ^ (s->h[2] << 32 |
	    s->h[2] >> 32) ^ (s->h[3] << 48 | s->h[3] >> 16) ^ (s->n + n);
	a = (a ^ a >> 31) * SUM_MUL;
	return a ^ a >> 29;
}

/* The sum of n bytes at p. */
static uint64_t
checksum(const char *p, size_t n)
{
	struct sum	s;
	size_t		done;

	sum_init(&s);
	done = sum_blocks(&s, p, n);
	return sum_end(&s, p + done, n - done);
}

/* The checksum of an index file: of its header with its own field taken
 * as zero, and of body, the rest. */
static uint64_t
file_sum(const struct index_header *header, uint64_t body)
{
	struct index_header	h = *header;

	h.sum = 0;
	return checksum((const char *) &h, sizeof h) ^ body * 3;
}

static void
drop_entries(struct index *ix)
{
	if (ix->map != NULL)
		munmap(ix->map, ix->maplen);
	x_free(ix->seen);
	ix->map = NULL;
	ix->maplen = 0;
	ix->e = NULL;
	ix->order = NULL;
	ix->n = 0;
	ix->hash = NULL;
	ix->hcap = 0;
	ix->dirs = NULL;
	ix->ndirs = 0;
	ix->complete = false;
	ix->str = NULL;
	ix->slen = 0;
}

/* Unmaps and frees the index. */
void
index_forget(struct index *ix)
{
	drop_entries(ix);
	free(ix->file);
	memset(ix, 0, sizeof *ix);
}

/* Whether the mapped file's header describes it; sets ix's parts. */
static bool
read_header(struct index *ix)
{
	struct index_header	h;
	size_t			left;

	if (ix->maplen < sizeof h)
		return false;
	memcpy(&h, ix->map, sizeof h);
	if (memcmp(h.magic, INDEX_MAGIC, sizeof h.magic) != 0 ||
	    h.order != ORDER_MARK || h.entry_size != sizeof *ix->e)
		return false;
	/* A damaged index is rebuilt, whatever the damage: a title it
	 * would show wrongly run after run, too. */
	if (h.sum != file_sum(&h, checksum(ix->map + sizeof h,
	    ix->maplen - sizeof h)))
		return false;
	left = ix->maplen - sizeof h;
	if (h.n > left / sizeof *ix->e)
		return false;
	left -= h.n * sizeof *ix->e;
	if (ORDER_BYTES(h.n) > left)
		return false;
	left -= ORDER_BYTES(h.n);
	if (h.hcap > left / sizeof *ix->hash || (h.hcap & (h.hcap - 1)) != 0 ||
	    h.hcap < h.n)
		return false;
	left -= h.hcap * sizeof *ix->hash;
	if (h.ndirs > left / sizeof *ix->dirs)
		return false;
	left -= h.ndirs * sizeof *ix->dirs;
	if (h.slen != left || h.slen == 0 || h.slen > UINT32_MAX)
		return false;
	ix->n = h.n;
	ix->e = (const struct index_entry *) (ix->map + sizeof h);
	ix->order = (const uint32_t *) (ix->e + ix->n);
	ix->hcap = h.hcap;
	ix->hash = (const uint64_t *) ((const char *) ix->order +
	    ORDER_BYTES(ix->n));
	ix->dirs = (const struct index_dir *) (ix->hash + ix->hcap);
	ix->ndirs = h.ndirs;
	ix->complete = (h.flags & INDEX_COMPLETE) != 0;
	ix->str = (const char *) (ix->dirs + ix->ndirs);
	ix->slen = h.slen;
	return ix->str[ix->slen - 1] == '\0';
}

/* Whether every entry's strings lie in the string area and the list
 * order names each entry once. As the area ends with a NUL, every string
 * then ends inside it. */
static bool
entries_sound(const struct index *ix)
{
	const struct index_entry	*e;
	uint8_t				*taken;
	size_t				 i;
	bool				 ok = true;

	for (i = 0; i < ix->n; i++) {
		e = &ix->e[i];
		if (e->relpath >= ix->slen || e->title >= ix->slen ||
		    e->url >= ix->slen || e->date_text >= ix->slen)
			return false;
	}
	for (i = 0; i < ix->ndirs; i++)
		if (ix->dirs[i].relpath >= ix->slen)
			return false;
	taken = xcalloc(ix->n / 8 + 1, 1);
	for (i = 0; i < ix->n && ok; i++) {
		ok = ix->order[i] < ix->n &&
		    !(taken[ix->order[i] / 8] & 1 << ix->order[i] % 8);
		if (ok)
			taken[ix->order[i] / 8] |= (uint8_t) (1 <<
			    ix->order[i] % 8);
	}
	free(taken);
	return ok;
}

/* Maps the index file (set in ix->file). Returns -1, leaving the index
 * empty, if it is missing or damaged. */
static int
map_file(struct index *ix)
{
	struct stat	 st;
	int		 fd;

	if ((fd = open(ix->file, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0 ||
	    st.st_size > MAX_INDEX_BYTES) {
		close(fd);
		return -1;
	}
	ix->maplen = (size_t) st.st_size;
	/* Every page is read at once anyway: ask for them together. */
	ix->map = mmap(NULL, ix->maplen, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
	    fd, 0);
	close(fd);
	if (ix->map == MAP_FAILED) {
		ix->map = NULL;
		return -1;
	}
	if (!read_header(ix) || !entries_sound(ix))
		return -1;
	ix->seen = xcalloc(ix->n > 0 ? ix->n : 1, 1);
	return 0;
}

/* Opens the index kept in file. A missing or damaged index leaves ix
 * empty (but knowing its file, to write it again) and returns -1. */
int
index_open(struct index *ix, const char *file)
{
	memset(ix, 0, sizeof *ix);
	ix->file = xstrdup(file);
	if (map_file(ix) == 0)
		return 0;
	drop_entries(ix);
	return -1;
}

/* Returns the string at offset off of the string area. */
const char *
index_str(const struct index *ix, uint32_t off)
{
	return ix->str + off;
}

/* Returns what the walk found of entry e's file: INDEX_UNSEEN... */
uint8_t *
index_seen(const struct index *ix, const struct index_entry *e)
{
	return &ix->seen[e - ix->e];
}

/* Returns the entry for relpath, or NULL. */
const struct index_entry *
index_find(const struct index *ix, const char *relpath)
{
	uint64_t	h;
	size_t		j, k, mask, probes;

	if (ix->hcap == 0)
		return NULL;
	h = hash_str(relpath);
	mask = ix->hcap - 1;
	/* Bounded: a damaged table may have no empty slot. */
	for (j = h & mask, probes = 0; ix->hash[j] != 0 && probes < ix->hcap;
	    j = (j + 1) & mask, probes++) {
		k = (size_t) (ix->hash[j] & 0xFFFFFFFF) - 1;
		if ((ix->hash[j] >> 32) == (h >> 32) && k < ix->n &&
		    strcmp(ix->str + ix->e[k].relpath, relpath) == 0)
			return &ix->e[k];
	}
	return NULL;
}

static int
mkdir_parent(const char *file)
{
	char	*dir = xstrdup(file), *slash = strrchr(dir, '/');
	int	 rc;

	if (slash != NULL)
		*slash = '\0';
	rc = file_mkdirs(dir);
	free(dir);
	return rc;
}

/* Appends s and its NUL to the string area being written; returns its
 * offset there. */
static uint32_t
put_str(FILE *f, const char *s, uint64_t *slen)
{
	size_t		len = strlen(s) + 1;
	uint32_t	at = (uint32_t) *slen;

	if (f != NULL)
		fwrite(s, 1, len, f);
	*slen += len;
	return at;
}

/* An entry to be: where the walk found its file, where the list has it. */
struct slot {
	uint32_t	seq;
	uint32_t	rank;
};

static int
by_seq(const void *pa, const void *pb)
{
	const struct slot	*a = pa, *b = pb;

	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return a->rank < b->rank ? -1 : a->rank > b->rank;
}

/* What is written: root's articles (of the list a) in list order, and
 * the entries in walk order. */
struct plan {
	const struct article	**ranked;	/* in list order */
	struct slot		 *walked;	/* in walk order */
	uint32_t		 *order;	/* list rank -> entry */
	uint32_t		 *title;	/* list rank -> title's offset */
	uint32_t		 *url;		/* list rank -> url's offset */
	uint32_t		 *when;		/* list rank -> date text's, or 0 */
	size_t			  n;
	const struct index_walk	 *walk;
	uint32_t		 *dir;		/* directory -> path's offset */
	uint64_t		  slen;		/* the string area's bytes */
};

/* The path of directory d relative to the library's. */
static const char *
dir_relpath(const struct index_walk *w, const struct walk_dir *d)
{
	return strlen(d->path) > w->prefix ? d->path + w->prefix : "";
}

/* Lays out the string area: "" first (the URL of articles without one),
 * relative paths in walk order (as the next walk asks for them), the
 * directories', then titles and URLs in list order (as the list and
 * searches read them). */
static void
lay_out_strings(struct plan *p, FILE *f)
{
	size_t	i;

	p->slen = 0;
	put_str(f, "", &p->slen);
	for (i = 0; i < p->n && p->slen <= MAX_INDEX_BYTES; i++)
		put_str(f, p->ranked[p->walked[i].rank]->path, &p->slen);
	for (i = 0; i < p->walk->ndirs && p->slen <= MAX_INDEX_BYTES; i++)
		p->dir[i] = put_str(f, dir_relpath(p->walk, &p->walk->dirs[i]),
		    &p->slen);
	for (i = 0; i < p->n && p->slen <= MAX_INDEX_BYTES; i++) {
		p->title[i] = put_str(f, p->ranked[i]->title, &p->slen);
		p->url[i] = p->ranked[i]->url != NULL &&
		    p->ranked[i]->url[0] != '\0' ?
		    put_str(f, p->ranked[i]->url, &p->slen) : 0;
		p->when[i] = p->ranked[i]->date_text != NULL &&
		    p->ranked[i]->date_text[0] != '\0' ?
		    put_str(f, p->ranked[i]->date_text, &p->slen) : 0;
	}
}

static void *
plan_array(size_t n, size_t size)
{
	return xreallocarray(NULL, n > 0 ? n : 1, size);
}

static void
make_plan(struct plan *p, const struct article *a, size_t n, uint16_t root,
    const struct index_walk *w)
{
	size_t	i;

	memset(p, 0, sizeof *p);
	p->walk = w;
	p->dir = plan_array(w->ndirs, sizeof *p->dir);
	p->ranked = plan_array(n, sizeof *p->ranked);
	for (i = 0; i < n; i++)
		if (a[i].root == root)
			p->ranked[p->n++] = &a[i];
	p->walked = plan_array(p->n, sizeof *p->walked);
	for (i = 0; i < p->n; i++) {
		p->walked[i].seq = p->ranked[i]->seq;
		p->walked[i].rank = (uint32_t) i;
	}
	qsort(p->walked, p->n, sizeof *p->walked, by_seq);
	p->order = plan_array(p->n, sizeof *p->order);
	for (i = 0; i < p->n; i++)
		p->order[p->walked[i].rank] = (uint32_t) i;
	p->title = plan_array(p->n, sizeof *p->title);
	p->url = plan_array(p->n, sizeof *p->url);
	p->when = plan_array(p->n, sizeof *p->when);
	lay_out_strings(p, NULL);
}

static void
free_plan(struct plan *p)
{
	free(p->ranked);
	free(p->walked);
	free(p->order);
	free(p->title);
	free(p->url);
	free(p->when);
	free(p->dir);
}

/* Writes the directories of the walk. */
static void
put_dirs(FILE *f, const struct plan *p)
{
	const struct walk_dir	*d;
	struct index_dir	 x;
	size_t			 i;

	memset(&x, 0, sizeof x);
	for (i = 0; i < p->walk->ndirs; i++) {
		d = &p->walk->dirs[i];
		x.dev = (uint64_t) d->dev;
		x.ino = (uint64_t) d->ino;
		x.mtime_sec = (int64_t) d->mtime.tv_sec;
		x.mtime_nsec = (int64_t) d->mtime.tv_nsec;
		x.ctime_sec = (int64_t) d->ctime.tv_sec;
		x.ctime_nsec = (int64_t) d->ctime.tv_nsec;
		x.relpath = p->dir[i];
		fwrite(&x, sizeof x, 1, f);
	}
}

/* Writes all but the strings. Returns -1 if the index would be too big. */
static int
put_entries(FILE *f, const struct plan *p)
{
	struct index_header	 h;
	struct index_entry	 e;
	const struct article	*a;
	uint64_t		*hash, hv, at = 1;
	size_t			 i, j;

	memset(&h, 0, sizeof h);
	memcpy(h.magic, INDEX_MAGIC, sizeof h.magic);
	h.order = ORDER_MARK;
	h.entry_size = sizeof e;
	h.n = p->n;
	h.ndirs = p->walk->ndirs;
	h.flags = p->walk->complete ? INDEX_COMPLETE : 0;
	h.slen = p->slen;
	for (h.hcap = h.n > 0 ? 64 : 0; h.hcap < h.n * 2; h.hcap *= 2)
		;
	if (sizeof h + h.n * sizeof e + ORDER_BYTES(h.n) + h.hcap *
	    sizeof *hash + h.ndirs * sizeof (struct index_dir) + h.slen >
	    (uint64_t) MAX_INDEX_BYTES)
		return -1;
	hash = xcalloc(h.hcap > 0 ? h.hcap : 1, sizeof *hash);
	fwrite(&h, sizeof h, 1, f);
	memset(&e, 0, sizeof e);
	for (i = 0; i < p->n; i++) {
		a = p->ranked[p->walked[i].rank];
		e.size = a->size;
		e.mtime = a->mtime;
		e.date = a->date;
		e.id = a->id;
		e.key = a->title_key;
		e.relpath = put_str(NULL, a->path, &at);
		e.title = p->title[p->walked[i].rank];
		e.url = p->url[p->walked[i].rank];
		e.date_text = p->when[p->walked[i].rank];
		fwrite(&e, sizeof e, 1, f);
		hv = hash_str(a->path);
		for (j = hv & (h.hcap - 1); hash[j] != 0; j = (j + 1) &
		    (h.hcap - 1))
			;
		hash[j] = (hv >> 32) << 32 | ((uint64_t) i + 1);
	}
	fwrite(p->order, sizeof *p->order, p->n, f);
	if (p->n % 2 != 0)
		fwrite("\0\0\0\0", 4, 1, f);
	fwrite(hash, sizeof *hash, h.hcap, f);
	free(hash);
	put_dirs(f, p);
	return 0;
}

/* Writes the checksum of the index file written to fd, reading it back
 * a piece at a time (a mapping of it would count as the program's
 * memory, 16 MB for 100,000 articles). */
static int
seal(int fd)
{
	struct index_header	 h;
	struct sum		 s;
	char			*buf = xmalloc(SEAL_CHUNK);
	off_t			 at = sizeof h;
	ssize_t			 n;
	size_t			 done = 0;
	uint64_t		 sum;

	sum_init(&s);
	if (pread(fd, &h, sizeof h, 0) != (ssize_t) sizeof h) {
		free(buf);
		return -1;
	}
	while ((n = pread(fd, buf, SEAL_CHUNK, at)) > 0) {
		done = sum_blocks(&s, buf, (size_t) n);
		at += (off_t) done;
		if (done < (size_t) n)
			break;
	}
	if (n < 0) {
		free(buf);
		return -1;
	}
	/* The last piece: what sum_blocks() left of it. */
	sum = file_sum(&h, sum_end(&s, buf + done, n > 0 ? (size_t) n - done :
	    0));
	free(buf);
	if (pwrite(fd, &sum, sizeof sum, offsetof(struct index_header,
	    sum)) != (ssize_t) sizeof sum)
		return -1;
	return 0;
}

/* Writes the index of the articles of root number root (their paths are
 * relative to it) and the directories its walk w entered, replacing file
 * atomically. The entries go in the order the walk found their files
 * (article.seq), which the next walk is likely to repeat, and the list
 * order beside them. Returns -1 if it could not. */
int
index_write(const char *file, const struct article *a, size_t n,
    uint16_t root, const struct index_walk *w)
{
	char		*tmp = xasprintf("%s.XXXXXX", file);
	struct plan	 p;
	FILE		*f;
	int		 fd, rc = -1;

	if (mkdir_parent(file) != 0 || (fd = mkstemp(tmp)) < 0) {
		free(tmp);
		return -1;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	make_plan(&p, a, n, root, w);
	if (put_entries(f, &p) == 0) {
		lay_out_strings(&p, f);
		rc = fflush(f) != 0 || ferror(f) ? -1 : seal(fileno(f));
	}
	free_plan(&p);
	if (fclose(f) != 0 || rc != 0 || rename(tmp, file) != 0) {
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

/* Whether name is that of a temporary index file: "index-", 16 hex
 * digits, "." and mkstemp()'s six characters. */
static bool
temporary_name(const char *name)
{
	size_t	i;

	if (strncmp(name, "index-", 6) != 0 || strlen(name) != 6 + 16 + 7 ||
	    name[22] != '.')
		return false;
	for (i = 6; i < 22; i++)
		if (name[i] == '\0' || strchr("0123456789abcdef", name[i]) == NULL)
			return false;
	return true;
}

/* Removes the temporary index files in the directory of file that a
 * program ending while it wrote them left behind (they are as large as
 * an index). One written now by another reader is younger than
 * STALE_TMP_SECS and stays. Returns how many were removed. */
int
index_clean_stale(const char *file)
{
	char		*dir = xstrdup(file), *slash = strrchr(dir, '/');
	struct dirent	*de;
	struct stat	 st;
	time_t		 now = time(NULL);
	DIR		*d;
	int		 fd, removed = 0;

	if (slash != NULL)
		*slash = '\0';
	d = opendir(slash != NULL ? dir : ".");
	free(dir);
	if (d == NULL)
		return 0;
	fd = dirfd(d);
	while ((de = readdir(d)) != NULL)
		if (temporary_name(de->d_name) &&
		    fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && now - st.st_mtime > STALE_TMP_SECS &&
		    unlinkat(fd, de->d_name, 0) == 0)
			removed++;
	closedir(d);
	return removed;
}
