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
#ifdef HAVE_SYS_INOTIFY_H
# include <sys/inotify.h>
#endif

#include "corpus.h"
#include "docio.h"
#include "index.h"
#include "loader.h"
#include "parse.h"
#include "prefetch.h"
#include "text.h"
#include "thread.h"
#include "walk.h"
#include "xmalloc.h"

/* The loader's own record of a PATH (the corpus knows it as
 * corpus->roots[number]): its header index, and what the walk found, for
 * the next index. Each is allocated on its own and never moves: helper
 * threads hold pointers into it (prefetch_start() is given its index)
 * while other roots are added. */
struct lroot {
	const char	*path;		/* the corpus root's strings */
	const char	*base;
	bool		 dir;
	size_t		 prefix;	/* bytes before a file's relative path */
	struct index	 ix;
	bool		 dirty;		/* the index must be written again */
	size_t		 hits;		/* index entries that were still right */
	uint32_t	 walked;	/* files the walk found so far */
	uint32_t	*walk_seq;	/* for each index entry: where this walk
					 * found its file */
	struct walk_dir	*dirs;		/* the directories the walk entered */
	size_t		 ndirs;
	uint32_t	 nfiles;	/* files in them */
	bool		 sound;		/* nothing to say, no file through a link */
	bool		 replayed;	/* the names were the index's */
	bool		 complete;	/* see complete_walk() */
};

/* What the loader keeps while the library lives: the articles of an
 * index point into its mapping. The corpus holds it as its backing and
 * frees it with store_free(), which first waits for the saving thread;
 * every loader of one corpus uses the same store. */
struct loader_store {
	struct lroot	**roots;	/* by corpus root number */
	size_t		  nroots;
	uint64_t	 *seen;		/* open hash of files already loaded */
	size_t		  seen_n;
	size_t		  seen_cap;
	const struct corpus *c;		/* what the saving thread writes */
	pthread_t	  saver;	/* writing the header indexes */
	bool		  saving;
	/* The kernel's word on the directories walked (inotify): a file
	 * written again in place changes no directory's times. -1 when
	 * there is none (a watch could not be added: then only the times
	 * are looked at). */
	int		  notify;
	bool		  notified;	/* it said something changed */
};

/* Frees the loader's store (the corpus's backing), once the thread
 * saving the indexes, if any, has ended. */
static void
store_free(void *arg)
{
	struct loader_store	*ls = arg;
	struct lroot		*r;
	size_t			 i;

	if (ls->saving)
		pthread_join(ls->saver, NULL);
	for (i = 0; i < ls->nroots; i++) {
		r = ls->roots[i];
		index_forget(&r->ix);
		free(r->walk_seq);
		walk_dirs_free(r->dirs, r->ndirs);
		free(r);
	}
	free(ls->roots);
	free(ls->seen);
	if (ls->notify >= 0)
		close(ls->notify);
	free(ls);
}

/* Asks the kernel to tell of files written, added, removed or renamed in
 * the directories of r. Without inotify, or when the user's watches run
 * out, there is no telling (loader_changed() still looks at times); a
 * directory gone or unreadable meanwhile is left to its times alone. */
static void
watch_dirs(struct loader_store *ls, const struct lroot *r)
{
#ifdef HAVE_SYS_INOTIFY_H
	size_t	i;

	if (ls->notify == -2)
		ls->notify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	for (i = 0; ls->notify >= 0 && i < r->ndirs; i++)
		if (inotify_add_watch(ls->notify, r->dirs[i].path,
		    IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM |
		    IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF |
		    IN_ONLYDIR) < 0 && (errno == ENOSPC || errno == ENOMEM)) {
			close(ls->notify);
			ls->notify = -1;
		}
#else
	(void) r;
	ls->notify = -1;
#endif
}

/* Whether the kernel said something changed since the store was made. */
static bool
notified(struct loader_store *ls)
{
#ifdef HAVE_SYS_INOTIFY_H
	char	buf[4096] __attribute__((aligned(8)));

	/* Every event means a change: the ones asked for are writes, and
	 * the others (an overflow, a watch gone) lose track. */
	while (ls->notify >= 0 && !ls->notified &&
	    read(ls->notify, buf, sizeof buf) > 0)
		ls->notified = true;
#endif
	return ls->notified;
}

/* Makes room in the table of files seen for n more: growing it once
 * costs less than doubling it again and again. */
static void
expect(struct loader_store *ls, size_t n)
{
	uint64_t	*old = ls->seen;
	size_t		 oldcap = ls->seen_cap, cap = oldcap ? oldcap : 1024, i, j;

	while ((ls->seen_n + n) * 2 > cap)
		cap *= 2;
	if (cap == oldcap)
		return;
	ls->seen_cap = cap;
	ls->seen = xcalloc(cap, sizeof *ls->seen);
	for (i = 0; i < oldcap; i++) {
		if (old[i] == 0)
			continue;
		for (j = old[i] & (cap - 1); ls->seen[j] != 0;
		    j = (j + 1) & (cap - 1))
			;
		ls->seen[j] = old[i];
	}
	free(old);
}

/* Remembers a file by device and inode; false if it was seen before. */
static bool
first_sight(struct loader_store *ls, dev_t dev, ino_t ino)
{
	uint64_t	key = corpus_hash(corpus_hash(0xcbf29ce484222325ULL, &dev,
			    sizeof dev), &ino, sizeof ino) | 1;
	size_t		j;

	expect(ls, 1);
	for (j = key & (ls->seen_cap - 1); ls->seen[j] != 0;
	    j = (j + 1) & (ls->seen_cap - 1))
		if (ls->seen[j] == key)
			return false;
	ls->seen[j] = key;
	ls->seen_n++;
	return true;
}

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
	if (m.date == 0 && m.date_text.len > 0)
		a->date_text = corpus_strndup(c, clean + m.date_text.off,
		    m.date_text.len);
	if (m.title.len > 0)
		a->title = corpus_strndup(c, clean + m.title.off, m.title.len);
	else {
		t = docio_title_from_name(a->path);
		a->title = corpus_strndup(c, t, strlen(t));
		free(t);
	}
	if (m.url.len > 0)
		a->url = corpus_strndup(c, clean + m.url.off, m.url.len);
	a->title_key = text_title_key(a->title, strlen(a->title));
	free(clean);
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
		if (read_errno != 0)
			docio_tell_errno(cs, path, read_errno, true);
		else
			docio_tell(cs, path, _("empty file, skipped"), false);
		return NULL;
	}
	/* A file named on its own was asked for: it is shown, as less
	 * shows one once told to. */
	if (found && docio_looks_binary(head, n, size <= (off_t) n)) {
		docio_tell(cs, path, _("looks like a binary file, skipped"),
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
	if (n == DOCIO_HEAD_BYTES && size > (off_t) n &&
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
	char		 head[DOCIO_HEAD_BYTES];
	ssize_t		 n;
	int		 err;

	/* Asking for no more than the file holds saves the read that would
	 * only say "end of file". */
	n = docio_read(fd, head, st->st_size < (off_t) sizeof head ?
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
	a->date_text = ie->date_text != 0 ? index_str(ix, ie->date_text) :
	    NULL;
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
index_holds(struct loader *ld, struct lroot *r, const struct index_entry *ie,
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
	struct lroot		*r = ld->store->roots[ld->root];
	const struct index_entry *ie = NULL;
	struct stat		 st;
	uint32_t		 seq = r->walked++;
	int			 fd;

	if (!first_sight(ld->store, e->dev, e->ino)) {
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
	if ((fd = docio_open_at(e->dirfd, e->name, e->path, &st, cs)) >= 0)
		count(ld, add_from_file(c, e->path, e->path + r->prefix, &st,
		    fd, r->dir, cs), seq);
}

/* Adds one record the helper threads made, as add_entry() adds a file. */
static void
add_fetched(struct loader *ld, struct corpus *c, const struct pf_batch *b,
    const struct pf_record *f, struct causes *cs)
{
	struct lroot	*r = ld->store->roots[ld->root];
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
		docio_tell_errno(cs, path, f->why, true);
		return;
	}
	if (!ld->unique && !first_sight(ld->store, f->dev, f->ino)) {
		ld->found++;
		return;
	}
	if (index_holds(ld, r, f->entry, f->same, f->seq))
		return;
	r->dirty = true;
	if (f->same) {
		/* The reader trusted an entry that was used up since: the
		 * file was never read. */
		if ((fd = docio_open_file(path, &st, cs)) >= 0)
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

/* Adds path as the next root of the library, and opens its header index.
 * The first makes the loader's store, which the corpus keeps. */
static void
open_root(struct loader *ld, struct corpus *c, const char *path)
{
	struct loader_store	*ls = ld->store;
	struct lroot		*r;
	struct stat		 st;
	char			 real[PATH_MAX], *file;
	size_t			 len = strlen(path), n;

	/* One store a corpus: a file added by a later loader is still
	 * known if an earlier one added it. */
	if (ls == NULL && c->backing_free == store_free)
		ls = ld->store = c->backing;
	else if (ls == NULL) {
		ls = ld->store = xcalloc(1, sizeof *ls);
		ls->notify = -2;	/* not yet asked for */
		c->backing = ls;
		c->backing_free = store_free;
	}
	n = corpus_add_root(c, path, stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode));
	ls->roots = xreallocarray(ls->roots, n + 1, sizeof *ls->roots);
	r = ls->roots[n] = xcalloc(1, sizeof *r);
	ls->nroots = n + 1;
	r->path = c->roots[n].path;
	r->base = c->roots[n].base;
	r->dir = c->roots[n].dir;
	r->prefix = r->dir ? len + (len > 0 && path[len - 1] != '/') : 0;
	if (r->dir && ld->use_index && realpath(path, real) != NULL &&
	    (file = index_file_for(real)) != NULL) {
		index_open(&r->ix, file);
		free(file);
	}
	ld->root = n;
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
add_indexed(struct loader *ld, struct corpus *c, struct lroot *r,
    struct causes *cs)
{
	size_t	i;

	if (r->ix.n == 0)
		return;
	r->walk_seq = xcalloc(r->ix.n, sizeof *r->walk_seq);
	expect(ld->store, r->ix.n);
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
drop_stale(struct loader *ld, struct corpus *c, struct lroot *r)
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
complete_walk(const struct corpus *c, const struct lroot *r, size_t root)
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
dirs_unchanged(const struct lroot *r)
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
dirs_from_index(struct lroot *r)
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
	struct lroot	*r = ld->store->roots[ld->root];
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
	watch_dirs(ld->store, r);
	if (r->ix.n > 0)
		drop_stale(ld, c, r);
	/* Written again once it can spare the next start the directories'
	 * names (they were read, so it could not this time): not when the
	 * walk was just after a change, which their times might not show. */
	r->complete = complete_walk(c, r, ld->root);
	if (!r->replayed && r->complete)
		r->dirty = true;
	if (ld->found == 0) {
		shown = text_clean_str(r->path);
		causes_add(cs, "%s: %s", shown, _("no articles found"));
		free(shown);
	}
}

static bool
needs_saving(const struct lroot *r)
{
	return r->dir && r->ix.file != NULL && (r->dirty || r->hits != r->ix.n);
}

/* The saving thread. It only reads the library, which nothing changes
 * once it is complete; corpus_free() waits for it (store_free()). */
static void *
save_all(void *arg)
{
	struct loader_store	*ls = arg;
	const struct corpus	*c = ls->c;
	struct index_walk	 w;
	struct lroot		*r;
	size_t			 i;
	bool			 cleaned = false;

	for (i = 0; i < ls->nroots; i++) {
		r = ls->roots[i];
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
save_indexes(struct loader_store *ls, const struct corpus *c)
{
	size_t	i;

	if (ls == NULL || ls->saving)
		return;
	for (i = 0; i < ls->nroots && !needs_saving(ls->roots[i]); i++)
		;
	if (i == ls->nroots)
		return;
	ls->c = c;
	ls->saving = thread_start(&ls->saver, save_all, ls) == 0;
	if (!ls->saving)
		save_all(ls);
}

/* Whether the library c has changed on disk since it was loaded: the
 * kernel said a file in one of its directories was written, added,
 * removed or renamed, or a directory's times say so (a file added,
 * removed or renamed changes them), or a file given by name is not as it
 * was. Costs a read() and a stat() a directory. */
bool
loader_changed(const struct corpus *c)
{
	struct loader_store	*ls;
	const struct lroot	*r;
	const struct walk_dir	*d;
	struct stat		 st;
	size_t			 i, k;

	if (c->backing_free != store_free)
		return false;
	ls = c->backing;
	if (notified(ls))
		return true;
	for (i = 0; i < ls->nroots; i++) {
		r = ls->roots[i];
		if (!r->dir) {
			for (k = 0; k < c->n && c->v[k].root != i; k++)
				continue;
			if (stat(r->path, &st) != 0)
				return k < c->n;
			if (k == c->n || (int64_t) st.st_size != c->v[k].size ||
			    (int64_t) st.st_mtime != c->v[k].mtime)
				return true;
			continue;
		}
		for (k = 0; k < r->ndirs; k++) {
			d = &r->dirs[k];
			if (stat(d->path, &st) != 0 || !S_ISDIR(st.st_mode) ||
			    st.st_dev != d->dev || st.st_ino != d->ino ||
			    !same_time(&st.st_mtim, d->mtime.tv_sec,
			    d->mtime.tv_nsec) ||
			    !same_time(&st.st_ctim, d->ctime.tv_sec,
			    d->ctime.tv_nsec))
				return true;
		}
	}
	return false;
}

/* Waits until the header indexes of the library c are written: the
 * thread writing them reads c where it is, so c must not be moved or
 * changed before. */
void
loader_settle(struct corpus *c)
{
	struct loader_store	*ls;

	if (c->backing_free != store_free)
		return;
	ls = c->backing;
	if (ls->saving) {
		pthread_join(ls->saver, NULL);
		ls->saving = false;
	}
}

/* Starts walking the next path: a directory on helper threads. */
static void
next_root(struct loader *ld, struct corpus *c, struct causes *cs)
{
	struct lroot	*r;

	open_root(ld, c, ld->paths[ld->next]);
	r = ld->store->roots[ld->root];
	/* Unchanged directories need not be read again. */
	if (dirs_unchanged(r) && (ld->pf = prefetch_start(NULL, r->path,
	    r->base, r->prefix, &r->ix)) != NULL) {
		r->replayed = true;
		/* An index is complete only if its walk met no file twice;
		 * with no other path, no file can be met twice now. */
		ld->unique = ld->npaths == 1 && c->nroots == 1;
		ld->next++;
	} else {
		ld->w = walk_open(ld->paths[ld->next++], cs);
		if (ld->w != NULL && r->dir && (ld->pf = prefetch_start(ld->w,
		    r->path, r->base, r->prefix, &r->ix)) != NULL)
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
		save_indexes(ld->store, c);
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
