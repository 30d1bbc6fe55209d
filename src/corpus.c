/* The library's articles: their strings, list order and lookups. */
#include "system.h"

#include "corpus.h"
#include "docio.h"
#include "text.h"
#include "xmalloc.h"

#define POOL_CHUNK	65536

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

	if (c->backing_free != NULL)
		c->backing_free(c->backing);
	for (i = 0; i < c->nroots; i++) {
		free(c->roots[i].path);
		free(c->roots[i].base);
	}
	free(c->roots);
	for (i = 0; i < c->pool.nchunks; i++)
		free(c->pool.chunks[i]);
	free(c->pool.chunks);
	free(c->v);
	free(c->titles);
	memset(c, 0, sizeof *c);
}

/* Adds path (a directory with dir) to the paths the library was loaded
 * from. Returns its number, for article.root. */
size_t
corpus_add_root(struct corpus *c, const char *path, bool dir)
{
	struct corpus_root	*r;
	size_t			 len = strlen(path);
	bool			 slash = len > 0 && path[len - 1] == '/';

	c->roots = xreallocarray(c->roots, c->nroots + 1, sizeof *c->roots);
	r = &c->roots[c->nroots];
	r->path = xstrdup(path);
	r->dir = dir;
	r->base = dir ? xasprintf("%s%s", path, slash ? "" : "/") :
	    xstrdup("");
	return c->nroots++;
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

/* Returns the full path of article a. Caller frees. */
char *
corpus_path(const struct corpus *c, const struct article *a)
{
	return xasprintf("%s%s", a->root < c->nroots ? c->roots[a->root].base :
	    "", a->path);
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

/* Makes room for n more articles at once. */
void
corpus_reserve(struct corpus *c, size_t n)
{
	if (c->cap - c->n >= n)
		return;
	c->cap = c->n + n;
	c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
}

/* Adds an empty article at the end (out of list order until merged). */
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

/* Opens article i of the library and resolves its related items. */
int
corpus_open(struct corpus *c, size_t i, struct doc *d, struct causes *cs)
{
	char	*path = corpus_path(c, &c->v[i]);
	int	 rc = docio_load(path, d, cs);

	free(path);
	if (rc != 0)
		return -1;
	corpus_resolve(c, d);
	return 0;
}

/* As docio_load(). */
int
corpus_load_doc(const char *path, struct doc *d, struct causes *cs)
{
	return docio_load(path, d, cs);
}

/* As docio_load_part(). */
int
corpus_load_doc_part(const char *path, struct doc *d, struct causes *cs,
    size_t max, bool *complete)
{
	return docio_load_part(path, d, cs, max, complete);
}

/* As docio_load_tail(). */
int
corpus_load_doc_tail(const char *path, struct doc *d, struct causes *cs,
    size_t max, int64_t *skipped)
{
	return docio_load_tail(path, d, cs, max, skipped);
}
