/* Reading and writing the header index. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileutil.h"
#include "index.h"
#include "xmalloc.h"

#define INDEX_MAGIC	"reader-index"
#define MAX_INDEX_BYTES	((off_t) 1 << 30)

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

static void
drop_entries(struct index *ix)
{
	if (ix->map != NULL)
		munmap(ix->map, ix->maplen);
	x_free(ix->e);
	x_free(ix->hash);
	ix->map = NULL;
	ix->maplen = 0;
	ix->n = 0;
	ix->hcap = 0;
}

/* Unmaps and frees the index. */
void
index_forget(struct index *ix)
{
	drop_entries(ix);
	free(ix->file);
	memset(ix, 0, sizeof *ix);
}

/* Reads one NUL-terminated field; NULL if the record is cut short. */
static const char *
field(const char **p, const char *end)
{
	const char	*s = *p, *z = memchr(s, '\0', (size_t) (end - s));

	if (z == NULL)
		return NULL;
	*p = z + 1;
	return s;
}

static int
parse_record(const char **p, const char *end, struct index_entry *e)
{
	char	*q;

	errno = 0;
	e->size = strtoll(*p, &q, 10);
	e->mtime = strtoll(q, &q, 10);
	e->date = strtoll(q, &q, 10);
	e->id = strtoull(q, &q, 16);
	e->key = strtoull(q, &q, 16);
	e->seen = INDEX_UNSEEN;
	if (errno != 0 || q >= end || *q != '\0')
		return -1;
	*p = q + 1;
	if ((e->relpath = field(p, end)) == NULL ||
	    (e->title = field(p, end)) == NULL ||
	    (e->url = field(p, end)) == NULL || *p >= end || **p != '\n')
		return -1;
	(*p)++;
	return 0;
}

static void
add_hash(struct index *ix, size_t i)
{
	uint64_t	h = hash_str(ix->e[i].relpath);
	size_t		j, mask = ix->hcap - 1;

	for (j = h & mask; ix->hash[j] != 0; j = (j + 1) & mask)
		;
	/* The hash is kept beside the entry number, so that a probe that
	 * does not match costs no string comparison. */
	ix->hash[j] = (h >> 32) << 32 | ((uint64_t) i + 1);
}

/* Maps the index file (set in ix->file) and reads its entries. Returns
 * -1, leaving the index empty, if it is missing or damaged. */
static int
map_file(struct index *ix)
{
	struct stat	 st;
	const char	*p, *end;
	size_t		 cap = 0, i;
	int		 fd;

	if ((fd = open(ix->file, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0 ||
	    st.st_size > MAX_INDEX_BYTES) {
		close(fd);
		return -1;
	}
	ix->maplen = (size_t) st.st_size;
	ix->map = mmap(NULL, ix->maplen, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (ix->map == MAP_FAILED) {
		ix->map = NULL;
		return -1;
	}
	/* The mapping ends with a newline, so strtoll never runs off it. */
	p = ix->map;
	end = p + ix->maplen;
	if (end[-1] != '\n' || strncmp(p, INDEX_MAGIC " 1\n",
	    strlen(INDEX_MAGIC " 1\n")) != 0)
		return -1;
	p += strlen(INDEX_MAGIC " 1\n");
	while (p < end) {
		if (ix->n == cap) {
			cap = cap ? cap * 2 : 1024;
			ix->e = xreallocarray(ix->e, cap, sizeof *ix->e);
		}
		if (parse_record(&p, end, &ix->e[ix->n]) != 0)
			return -1;
		ix->n++;
	}
	for (ix->hcap = 64; ix->hcap < ix->n * 2; ix->hcap *= 2)
		;
	ix->hash = xcalloc(ix->hcap, sizeof *ix->hash);
	for (i = 0; i < ix->n; i++)
		add_hash(ix, i);
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

/* Returns the entry whose relative path is the string at p (a pointer
 * into the mapped index, as an article from the index holds), or NULL. */
struct index_entry *
index_owner(const struct index *ix, const char *p)
{
	size_t	lo = 0, hi = ix->n, mid;

	if (ix->map == NULL || p < ix->map || p >= ix->map + ix->maplen)
		return NULL;
	/* Entries are in file order, so their paths' addresses ascend. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ix->e[mid].relpath < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && ix->e[lo].relpath == p ? &ix->e[lo] : NULL;
}

/* Returns the entry for relpath, or NULL. */
struct index_entry *
index_find(const struct index *ix, const char *relpath)
{
	uint64_t	h;
	size_t		j, k, mask;

	if (ix->hcap == 0)
		return NULL;
	h = hash_str(relpath);
	mask = ix->hcap - 1;
	for (j = h & mask; ix->hash[j] != 0; j = (j + 1) & mask) {
		k = (size_t) (ix->hash[j] & 0xFFFFFFFF) - 1;
		if ((ix->hash[j] >> 32) == (h >> 32) &&
		    strcmp(ix->e[k].relpath, relpath) == 0)
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

/* Writes the index of the articles of root number root (their paths are
 * relative to it), replacing file atomically.
 * Names with a newline are left out: they are read again each time. */
int
index_write(const char *file, const struct article *a, size_t n,
    uint16_t root)
{
	char	*tmp = xasprintf("%s.XXXXXX", file);
	FILE	*f;
	size_t	 i;
	int	 fd, rc = -1;

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
	fprintf(f, "%s %d\n", INDEX_MAGIC, INDEX_VERSION);
	for (i = 0; i < n; i++) {
		if (a[i].root != root || strchr(a[i].path, '\n'))
			continue;
		fprintf(f, "%" PRId64 " %" PRId64 " %" PRId64 " %" PRIx64 " %"
		    PRIx64, a[i].size, a[i].mtime, a[i].date, a[i].id,
		    a[i].title_key);
		putc('\0', f);
		fputs(a[i].path, f);
		putc('\0', f);
		fputs(a[i].title, f);
		putc('\0', f);
		fputs(a[i].url != NULL ? a[i].url : "", f);
		putc('\0', f);
		putc('\n', f);
	}
	if (fclose(f) == 0 && rename(tmp, file) == 0)
		rc = 0;
	else
		unlink(tmp);
	free(tmp);
	return rc;
}
