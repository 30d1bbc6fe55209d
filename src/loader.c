/* Walking paths, reading headers (or taking them from the index), and
 * merging what was found into list order, one time slice at a time. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "corpus.h"
#include "index.h"
#include "loader.h"
#include "parse.h"
#include "prefetch.h"
#include "text.h"
#include "thread.h"
#include "walk.h"
#include "xmalloc.h"

/* Lines of a file's start cleaned when the first is not enough. */
#define HEAD_LINES 8

static long
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

/* Where the k-th line ends (after its newline), or n. */
static size_t
after_lines(const char *s, size_t n, int k)
{
	const char	*nl;
	size_t		 i = 0;

	while (k-- > 0 && i < n) {
		if ((nl = memchr(s + i, '\n', n - i)) == NULL)
			return n;
		i = (size_t) (nl - s) + 1;
	}
	return i;
}

static bool
is_utf16(const char *s, size_t n)
{
	return n >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 ||
	    memcmp(s, "\xFE\xFF", 2) == 0);
}

/* Fills a's title, URL and date from the start of its file. Only what is
 * needed is cleaned: the header line alone names the title of most
 * articles, which keeps 100,000 headers cheap. */
static void
meta_from_head(struct corpus *c, struct article *a, const char *head,
    size_t n)
{
	struct meta	 m;
	char		*clean, *t;
	size_t		 len, cut;
	int		 pass;

	for (pass = 0; pass < 2; pass++) {
		cut = pass == 0 && !is_utf16(head, n) ? after_lines(head, n, 1) :
		    is_utf16(head, n) ? n & ~(size_t) 1 :
		    after_lines(head, n, HEAD_LINES);
		clean = text_clean(head, cut, &len, NULL);
		parse_meta(clean, len, &m);
		if (m.title.len > 0 || cut == n || pass == 1)
			break;
		free(clean);
	}
	a->date = m.date;
	if (m.title.len > 0)
		a->title = corpus_strndup(c, clean + m.title.off, m.title.len);
	else {
		t = corpus_title_from_name(a->path);
		a->title = corpus_strndup(c, t, strlen(t));
		free(t);
	}
	if (m.url.len > 0)
		a->url = corpus_strndup(c, clean + m.url.off, m.url.len);
	a->title_key = text_title_key(a->title, strlen(a->title));
	free(clean);
}

/* Whether a file whose first n bytes are head (all of it when whole)
 * looks binary, as less judges: a NUL among them, and no encoding that
 * decodes them cleanly: not UTF-16 (with its byte order mark), and more
 * than one byte in sixteen not UTF-8 (a hostile text file has a few bad
 * bytes, an image or a program most; a character cut at the end of a
 * head is not counted). Text has no NUL: most files cost one memchr(). */
static bool
looks_binary(const char *head, size_t n, bool whole)
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

/* Adds the file at path from the n bytes of its head. Returns the new
 * article, or NULL: a read that failed (read_errno) gets a cause, an empty
 * file, and one found in a directory that looks binary, are skipped with
 * a warning. */
static struct article *
add_from_head(struct corpus *c, const char *path, const char *rel,
    off_t size, time_t mtime, const char *head, size_t n, int read_errno,
    bool found, struct causes *cs)
{
	struct article	*a;
	const char	*nl;

	if (read_errno != 0 || n == 0) {
		corpus_tell(cs, path, read_errno != 0 ? strerror(read_errno) :
		    _("empty file, skipped"), read_errno != 0);
		return NULL;
	}
	/* A file named on its own was asked for: it is shown, as less
	 * shows one once told to. */
	if (found && looks_binary(head, n, size <= (off_t) n)) {
		corpus_tell(cs, path, _("looks like a binary file, skipped"),
		    false);
		return NULL;
	}
	a = corpus_append(c);
	a->path = corpus_strndup(c, rel, strlen(rel));
	a->size = size;
	a->mtime = mtime;
	a->id = corpus_hash(corpus_hash(0xcbf29ce484222325ULL, head, n),
	    &a->size, sizeof a->size);
	/* Cut a partial read at a line end: no character is split there. */
	if (n == CORPUS_HEAD_BYTES && size > (off_t) n &&
	    (nl = memrchr(head, '\n', n)) != NULL)
		n = (size_t) (nl - head) + 1;
	meta_from_head(c, a, head, n);
	return a;
}

/* Reads the header of the file open as fd, closes it and adds it, as
 * add_from_head() does. */
static struct article *
add_from_file(struct corpus *c, const char *path, const char *rel,
    struct stat *st, int fd, bool found, struct causes *cs)
{
	char		 head[CORPUS_HEAD_BYTES];
	ssize_t		 n;
	int		 err;

	/* Asking for no more than the file holds saves the read that would
	 * only say "end of file". */
	n = corpus_read(fd, head, st->st_size < (off_t) sizeof head ?
	    (size_t) st->st_size : sizeof head);
	err = n < 0 ? errno : 0;
	close(fd);
	return add_from_head(c, path, rel, st->st_size, st->st_mtime, head,
	    n < 0 ? 0 : (size_t) n, err, found, cs);
}

/* Adds an article from its index entry: the strings stay in the index. */
static struct article *
add_from_index(struct corpus *c, const struct index *ix,
    const struct index_entry *ie)
{
	struct article	*a = corpus_append(c);

	a->path = index_str(ix, ie->relpath);
	a->title = index_str(ix, ie->title);
	a->url = ie->url != 0 ? index_str(ix, ie->url) : NULL;
	a->date = ie->date;
	a->size = ie->size;
	a->mtime = ie->mtime;
	a->id = ie->id;
	a->title_key = ie->key;
	a->entry = (uint32_t) (ie - ix->e) + 1;
	return a;
}

/* Settles the file the walk found seq-th, which has an index entry (ie;
 * NULL: none) whose size and mtime it still has (same). Returns true if
 * the article the index gave stands, false if the file must be read. */
static bool
index_holds(struct loader *ld, struct root *r, const struct index_entry *ie,
    bool same, uint32_t seq)
{
	uint8_t	*seen;

	if (ie == NULL)
		return false;
	seen = index_seen(&r->ix, ie);
	if (same && *seen == INDEX_UNSEEN) {
		*seen = INDEX_SAME;
		r->walk_seq[ie - r->ix.e] = seq;
		r->hits++;
		ld->found++;
		return true;
	}
	*seen = INDEX_CHANGED;
	return false;
}

/* Counts article a (NULL: the file gave none), the walk's seq-th file,
 * as found. */
static void
count(struct loader *ld, struct article *a, uint32_t seq)
{
	if (a != NULL) {
		a->root = (uint16_t) ld->root;
		a->seq = seq;
		ld->found++;
	}
}

/* Adds one file found by the walk. */
static void
add_entry(struct loader *ld, struct corpus *c, struct walk_entry *e,
    struct causes *cs)
{
	struct root		*r = &c->roots[ld->root];
	const struct index_entry *ie = NULL;
	struct stat		 st;
	uint32_t		 seq = r->walked++;
	int			 fd;

	if (!corpus_first_sight(c, e->dev, e->ino)) {
		/* Already loaded through another path: still found here. */
		ld->found++;
		return;
	}
	if (r->dir && r->ix.n > 0 &&
	    (ie = index_find(&r->ix, e->path + r->prefix)) != NULL &&
	    !e->have_stat && fstatat(e->dirfd, e->name, &st, 0) == 0) {
		e->size = st.st_size;
		e->mtime = st.st_mtime;
		e->have_stat = true;
	}
	if (index_holds(ld, r, ie, ie != NULL && e->have_stat &&
	    ie->size == e->size && ie->mtime == e->mtime, seq))
		return;
	r->dirty = true;
	if ((fd = corpus_open_at(e->dirfd, e->name, e->path, &st, cs)) >= 0)
		count(ld, add_from_file(c, e->path, e->path + r->prefix, &st,
		    fd, r->dir, cs), seq);
}

/* Adds one record the helper threads made, as add_entry() adds a file. */
static void
add_fetched(struct loader *ld, struct corpus *c, const struct pf_batch *b,
    const struct pf_record *f, struct causes *cs)
{
	struct root	*r = &c->roots[ld->root];
	const char	*path = pf_text(b, f);
	struct stat	 st;
	int		 fd;

	if (f->kind != PF_FILE) {
		if (f->kind == PF_ERROR)
			causes_add(cs, "%s", path);
		else
			causes_warn(cs, "%s", path);
		return;
	}
	if (f->why != 0) {
		/* Never opened: who it is is not known. */
		r->dirty = true;
		corpus_tell(cs, path, corpus_why(f->why), true);
		return;
	}
	if (!ld->unique && !corpus_first_sight(c, f->dev, f->ino)) {
		ld->found++;
		return;
	}
	if (index_holds(ld, r, f->entry, f->same, f->seq))
		return;
	r->dirty = true;
	if (f->same) {
		/* The reader trusted an entry that was used up since: the
		 * file was never read. */
		if ((fd = corpus_open_file(path, &st, cs)) >= 0)
			count(ld, add_from_file(c, path, path + r->prefix, &st,
			    fd, r->dir, cs), f->seq);
	} else
		count(ld, add_from_head(c, path, path + r->prefix, f->size,
		    f->mtime, f->head, f->n, f->read_errno, r->dir, cs),
		    f->seq);
}

/* Begins loading paths. With use_index, directories' headers are taken
 * from (and saved to) the header index. */
void
loader_start(struct loader *ld, char **paths, int n, bool use_index)
{
	memset(ld, 0, sizeof *ld);
	ld->paths = paths;
	ld->npaths = n;
	ld->use_index = use_index;
}

static void
open_root(struct loader *ld, struct corpus *c, const char *path)
{
	struct root	*r;
	struct stat	 st;
	char		 real[PATH_MAX], *file;
	size_t		 len = strlen(path);

	c->roots = xreallocarray(c->roots, c->nroots + 1, sizeof *c->roots);
	r = &c->roots[c->nroots];
	memset(r, 0, sizeof *r);
	r->path = xstrdup(path);
	r->dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	r->prefix = r->dir ? len + (len > 0 && path[len - 1] != '/') : 0;
	r->base = r->dir ? xasprintf("%s%s", path, len > 0 &&
	    path[len - 1] != '/' ? "/" : "") : xstrdup("");
	if (r->dir && ld->use_index && realpath(path, real) != NULL &&
	    (file = index_file_for(real)) != NULL) {
		index_open(&r->ix, file);
		free(file);
	}
	ld->root = c->nroots++;
	ld->found = 0;
}

/* Adds the articles of root r's index, in list order: they are shown at
 * once, and the walk then checks each against its file and replaces what
 * changed. */
/* How many entries ahead add_indexed() asks for. */
#define INDEX_AHEAD 16
/* How many articles add_indexed() adds between looks at the threads. */
#define INDEX_SETTLE_EVERY 4096

/* Whether every file of batch b still has its index entry. */
static bool
all_same(const struct pf_batch *b)
{
	size_t	i;

	for (i = 0; i < b->n; i++)
		if (b->r[i].kind != PF_FILE || b->r[i].why != 0 ||
		    !b->r[i].same)
			return false;
	return true;
}

/* Takes in, while the index's articles are still being added, what the
 * threads have read, as long as each file still has its index entry: that
 * only marks entries, and gives the threads their batches back to go on
 * with. The first batch with anything else waits in ld->pending. */
static void
settle_early(struct loader *ld, struct corpus *c, struct causes *cs)
{
	struct pf_batch	*b;
	bool		 ended;
	size_t		 i;

	while (ld->pending == NULL &&
	    (b = prefetch_take(ld->pf, 0, &ended)) != NULL) {
		if (!all_same(b)) {
			ld->pending = b;
			break;
		}
		for (i = 0; i < b->n; i++)
			add_fetched(ld, c, b, &b->r[i], cs);
		prefetch_give_back(ld->pf, b);
	}
}

static void
add_indexed(struct loader *ld, struct corpus *c, struct root *r,
    struct causes *cs)
{
	size_t	i;

	if (r->ix.n == 0)
		return;
	r->walk_seq = xcalloc(r->ix.n, sizeof *r->walk_seq);
	corpus_expect(c, r->ix.n);
	corpus_reserve(c, r->ix.n);
	for (i = 0; i < r->ix.n; i++) {
		/* The entries are in walk order, taken here in list order:
		 * each is far from the last, so ask for it ahead of time. */
		if (i + INDEX_AHEAD < r->ix.n)
			PREFETCH(&r->ix.e[r->ix.order[i +
			    INDEX_AHEAD]]);
		add_from_index(c, &r->ix, &r->ix.e[r->ix.order[i]])->root =
		    (uint16_t) ld->root;
		if (ld->pf != NULL && (i + 1) % INDEX_SETTLE_EVERY == 0)
			settle_early(ld, c, cs);
	}
}

/* Drops the articles of root r whose index entry the walk did not find
 * unchanged (the file was removed, changed or reached another way); the
 * others learn where the walk found them. */
static void
drop_stale(struct loader *ld, struct corpus *c, struct root *r)
{
	const struct index_entry *ie;
	size_t			 i, w = 0, gone_sorted = 0;

	for (i = 0; i < c->n; i++) {
		if (c->v[i].root == ld->root && c->v[i].entry != 0) {
			ie = &r->ix.e[c->v[i].entry - 1];
			if (*index_seen(&r->ix, ie) != INDEX_SAME) {
				/* Only what was reported as arrived can
				 * leave. */
				if (i < ld->sorted) {
					gone_sorted++;
					if (ld->left != NULL)
						ld->left(ld->watcher, &c->v[i]);
				}
				continue;
			}
			c->v[i].seq = r->walk_seq[ie - r->ix.e];
		}
		c->v[w++] = c->v[i];
	}
	if (w != c->n) {
		r->dirty = true;
		c->n = w;
		ld->sorted -= gone_sorted;
		corpus_forget_titles(c);
	}
}

/* How long after a change a directory's times are trusted to show the
 * next: longer than any file system's step (FAT's is 2 seconds). */
#define SETTLED_SECS 3

/* Whether a walk of root r (number root) met every file of its
 * directories as an article, had nothing to say, and saw each directory
 * long enough after its last change: then the next start may take the
 * names from the index while the directories' times stay the same. */
static bool
complete_walk(const struct corpus *c, const struct root *r, size_t root)
{
	const struct walk_dir	*d;
	size_t			 i, n = 0;
	time_t			 last;

	if (!r->sound || r->ndirs == 0)
		return false;
	for (i = 0; i < r->ndirs; i++) {
		d = &r->dirs[i];
		last = d->mtime.tv_sec > d->ctime.tv_sec ? d->mtime.tv_sec :
		    d->ctime.tv_sec;
		if (d->seen - last < SETTLED_SECS)
			return false;
	}
	for (i = 0; i < c->n; i++)
		n += c->v[i].root == root;
	return n == r->nfiles;
}

static bool
same_time(const struct timespec *t, int64_t sec, int64_t nsec)
{
	return (int64_t) t->tv_sec == sec && (int64_t) t->tv_nsec == nsec;
}

/* Whether every directory the index of r names is as the walk that wrote
 * it saw it. */
static bool
dirs_unchanged(const struct root *r)
{
	const struct index_dir	*d;
	struct stat		 st;
	char			*path;
	size_t			 i;
	int			 rc;

	if (!r->ix.complete || r->ix.ndirs == 0)
		return false;
	for (i = 0; i < r->ix.ndirs; i++) {
		d = &r->ix.dirs[i];
		path = xasprintf("%s%s", r->base, index_str(&r->ix,
		    d->relpath));
		rc = stat(path, &st);
		free(path);
		if (rc != 0 || !S_ISDIR(st.st_mode) ||
		    (uint64_t) st.st_dev != d->dev ||
		    (uint64_t) st.st_ino != d->ino ||
		    !same_time(&st.st_mtim, d->mtime_sec, d->mtime_nsec) ||
		    !same_time(&st.st_ctim, d->ctime_sec, d->ctime_nsec))
			return false;
	}
	return true;
}

/* The directories of a walk that took its names from the index: the
 * index's, as they still are. */
static void
dirs_from_index(struct root *r)
{
	const struct index_dir	*d;
	struct walk_dir		*w;
	size_t			 i;

	r->dirs = xreallocarray(NULL, r->ix.ndirs + 1, sizeof *r->dirs);
	for (i = 0; i < r->ix.ndirs; i++) {
		d = &r->ix.dirs[i];
		w = &r->dirs[i];
		w->path = xasprintf("%s%s", r->base, index_str(&r->ix,
		    d->relpath));
		w->dev = (dev_t) d->dev;
		w->ino = (ino_t) d->ino;
		w->mtime.tv_sec = (time_t) d->mtime_sec;
		w->mtime.tv_nsec = (long) d->mtime_nsec;
		w->ctime.tv_sec = (time_t) d->ctime_sec;
		w->ctime.tv_nsec = (long) d->ctime_nsec;
		w->seen = time(NULL);
	}
	r->ndirs = r->ix.ndirs;
}

/* Ends the walk of one path: reports a path without articles and saves
 * the header index if it changed. */
static void
close_root(struct loader *ld, struct corpus *c, struct causes *cs)
{
	struct root	*r = &c->roots[ld->root];
	char		*shown;

	walk_close(ld->w);
	ld->w = NULL;
	if (ld->pf != NULL)
		r->sound = prefetch_result(ld->pf, &r->dirs, &r->ndirs,
		    &r->nfiles);
	prefetch_stop(ld->pf);
	ld->pf = NULL;
	if (r->replayed)
		dirs_from_index(r);
	if (r->ix.n > 0)
		drop_stale(ld, c, r);
	/* Written again once it can spare the next start the directories'
	 * names (they were read, so it could not this time): not when the
	 * walk was just after a change, which their times might not show. */
	r->complete = complete_walk(c, r, ld->root);
	if (!r->replayed && r->complete)
		r->dirty = true;
	if (ld->found == 0) {
		shown = corpus_display_path(r->path);
		causes_add(cs, "%s: %s", shown, _("no articles found"));
		free(shown);
	}
}

static bool
needs_saving(const struct root *r)
{
	return r->dir && r->ix.file != NULL && (r->dirty || r->hits != r->ix.n);
}

/* The saving thread. It only reads the library, which nothing changes
 * once it is complete; corpus_free() waits for it. */
static void *
save_all(void *arg)
{
	struct corpus		*c = arg;
	struct index_walk	 w;
	struct root		*r;
	size_t			 i;
	bool			 cleaned = false;

	for (i = 0; i < c->nroots; i++) {
		r = &c->roots[i];
		if (!needs_saving(r))
			continue;
		/* A program killed while writing an index leaves its
		 * temporary file: one as large as the index, for ever. */
		if (!cleaned) {
			index_clean_stale(r->ix.file);
			cleaned = true;
		}
		w.dirs = r->dirs;
		w.ndirs = r->ndirs;
		w.prefix = r->prefix;
		w.complete = r->complete;
		index_write(r->ix.file, c->v, c->n, (uint16_t) i, &w);
	}
	return NULL;
}

/* Saves the header index of every directory whose articles changed, on a
 * thread of its own: writing 100,000 entries takes longer than showing
 * them. (Without a thread, here and now.) */
static void
save_indexes(struct corpus *c)
{
	size_t	i;

	for (i = 0; i < c->nroots && !needs_saving(&c->roots[i]); i++)
		;
	if (i == c->nroots)
		return;
	c->saving = thread_start(&c->saver, save_all, c) == 0;
	if (!c->saving)
		save_all(c);
}

/* Starts walking the next path: a directory on helper threads. */
static void
next_root(struct loader *ld, struct corpus *c, struct causes *cs)
{
	struct root	*r;

	open_root(ld, c, ld->paths[ld->next]);
	r = &c->roots[ld->root];
	/* Unchanged directories need not be read again. */
	if (dirs_unchanged(r) && (ld->pf = prefetch_start(NULL, r)) != NULL) {
		r->replayed = true;
		/* An index is complete only if its walk met no file twice;
		 * with no other path, no file can be met twice now. */
		ld->unique = ld->npaths == 1 && c->nroots == 1;
		ld->next++;
	} else {
		ld->w = walk_open(ld->paths[ld->next++], cs);
		if (ld->w != NULL && r->dir &&
		    (ld->pf = prefetch_start(ld->w, r)) != NULL)
			ld->w = NULL;
	}
	/* With the threads under way. */
	add_indexed(ld, c, r, cs);
}

/* Adds a batch of what the helper thread read, waiting for it until
 * deadline (negative: as long as it takes). Returns false if none came
 * in time. */
static bool
add_batch(struct loader *ld, struct corpus *c, long deadline,
    struct causes *cs)
{
	struct pf_batch	*b;
	bool		 ended;
	size_t		 i;

	if ((b = ld->pending) != NULL)
		ld->pending = NULL;
	else if ((b = prefetch_take(ld->pf, deadline, &ended)) == NULL) {
		if (ended)
			close_root(ld, c, cs);
		return ended;
	}
	for (i = 0; i < b->n; i++)
		add_fetched(ld, c, b, &b->r[i], cs);
	prefetch_give_back(ld->pf, b);
	return true;
}

/* Loads for about budget microseconds (negative: until done), then
 * merges what was found into list order. Returns 1 while there is more
 * to load, 0 when the library is complete. */
int
loader_step(struct loader *ld, struct corpus *c, long budget,
    struct causes *cs)
{
	struct walk_entry	e;
	long			deadline = now_us() + budget;
	unsigned		k = 0;
	size_t			i;

	while (!ld->done) {
		if (budget >= 0 && (++k & 31) == 0 && now_us() >= deadline)
			break;
		if (ld->pf != NULL) {
			if (!add_batch(ld, c, budget >= 0 ? deadline : -1, cs))
				break;
			k = 31;	/* a batch is many files: look at the time */
			continue;
		}
		if (ld->w == NULL) {
			if (ld->next >= ld->npaths) {
				ld->done = true;
				break;
			}
			next_root(ld, c, cs);
			continue;
		}
		if (walk_next(ld->w, &e, cs))
			add_entry(ld, c, &e, cs);
		else
			close_root(ld, c, cs);
	}
	if (ld->arrived != NULL)
		for (i = ld->sorted; i < c->n; i++)
			ld->arrived(ld->watcher, &c->v[i]);
	corpus_merge(c, ld->sorted);
	ld->sorted = c->n;
	if (ld->done)
		save_indexes(c);
	return ld->done ? 0 : 1;
}

/* Abandons loading (the program is ending before the library is
 * complete): ends the helper threads and the walk. */
void
loader_stop(struct loader *ld)
{
	if (ld->done)
		return;
	walk_close(ld->w);
	ld->w = NULL;
	if (ld->pending != NULL)
		prefetch_give_back(ld->pf, ld->pending);
	ld->pending = NULL;
	prefetch_stop(ld->pf);
	ld->pf = NULL;
	ld->done = true;
}

/* Loads whatever is left. */
void
loader_finish(struct loader *ld, struct corpus *c, struct causes *cs)
{
	while (loader_step(ld, c, -1, cs) != 0)
		;
}

/* Adds every article found at path (a file or a directory), without the
 * header index. Returns -1 if anything could not be read; what could be
 * read is added anyway. */
int
corpus_add_path(struct corpus *c, const char *path, struct causes *cs)
{
	struct loader	 ld;
	char		*p = (char *) path;
	size_t		 before = cs->nerrors;

	loader_start(&ld, &p, 1, false);
	loader_finish(&ld, c, cs);
	return cs->nerrors > before ? -1 : 0;
}
