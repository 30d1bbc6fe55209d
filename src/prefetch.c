/* The helper threads that walk a directory and read its files' heads.
 *
 * One thread walks and fills batches with the files' names; PF_READERS
 * threads take walked batches and read the heads of their files; the
 * loader takes read batches in the order they were walked, so what it
 * sees (and says) does not depend on which thread was quicker. Given-back
 * batches are filled again: at most PF_MAX_BATCHES exist, so the walk
 * never runs more than that far ahead. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "docio.h"
#include "prefetch.h"
#include "thread.h"
#include "xmalloc.h"

#define PF_MAX_BATCHES	16
/* Opening and reading is most of the time, and each open waits on the
 * kernel alone: two readers keep two cores busy. */
#define PF_READERS	2
/* How old a batch may get while the loader waits for it. */
#define PF_PATIENCE_US	5000

struct prefetch {
	struct walk	*w;		/* NULL: the names are the index's */
	size_t		 entry;		/* then the next entry to take */
	int		 rootfd;	/* files are opened below it */
	const struct index *ix;		/* read-only while the threads run */
	const char	*base;		/* "ROOT/" */
	size_t		 prefix;	/* its length */
	pthread_t	 walker;
	pthread_t	 readers[PF_READERS];
	int		 nreaders;
	bool		 walking;	/* the walker was started */
	pthread_mutex_t	 lock;
	pthread_cond_t	 ready;		/* a batch was read, or the walk ended */
	pthread_cond_t	 walked;	/* a batch waits for a reader */
	pthread_cond_t	 emptied;	/* a batch was given back */
	struct pf_batch	*out;		/* walked, in walk order */
	struct pf_batch	*out_tail;
	struct pf_batch	*todo;		/* walked, not yet taken by a reader */
	struct pf_batch	*todo_tail;
	struct pf_batch	*free;
	size_t		 made;		/* batches in existence */
	bool		 ended;		/* the walker handed over its last */
	atomic_bool	 stop;
	/* The loader is waiting: the first batch is handed over before it
	 * is full, so that the first screen need not wait for 64 files, and
	 * later ones once they are a while old, so that a slow disk still
	 * shows progress. (Not at once: a hand-over for each file would cost
	 * more than reading it.) */
	atomic_bool	 hungry;
	bool		 handed;	/* the walker handed a batch over */
	/* What the walk found, once it ended. */
	struct walk_dir	*dirs;
	size_t		 ndirs;
	uint32_t	 nfiles;
	bool		 sound;		/* nothing to say, no file through a link */
};

static long
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

/* Returns the text of record r. */
const char *
pf_text(const struct pf_batch *b, const struct pf_record *r)
{
	return b->str + r->text;
}

/* Copies s into b's strings; returns its offset. */
static size_t
add_text(struct pf_batch *b, const char *s)
{
	size_t	len = strlen(s) + 1, at = b->slen;

	if (b->scap - b->slen < len) {
		b->scap = b->scap * 2 > b->slen + len ? b->scap * 2 :
		    b->slen + len + 4096;
		b->str = xreallocarray(b->str, b->scap, 1);
	}
	memcpy(b->str + at, s, len);
	b->slen += len;
	return at;
}

static void
append(struct pf_batch **head, struct pf_batch **tail, struct pf_batch *b)
{
	b->next = NULL;
	if (*tail != NULL)
		(*tail)->next = b;
	else
		*head = b;
	*tail = b;
}

static struct pf_batch *
pop(struct pf_batch **head, struct pf_batch **tail)
{
	struct pf_batch	*b = *head;

	if (b != NULL && (*head = b->next) == NULL)
		*tail = NULL;
	return b;
}

/* Waits for an empty batch. Returns NULL when told to stop. Called with
 * the lock held. */
static struct pf_batch *
empty_batch(struct prefetch *pf)
{
	struct pf_batch	*b;

	while (!atomic_load(&pf->stop) && pf->free == NULL &&
	    pf->made >= PF_MAX_BATCHES)
		pthread_cond_wait(&pf->emptied, &pf->lock);
	if (atomic_load(&pf->stop))
		return NULL;
	if ((b = pf->free) != NULL)
		pf->free = b->next;
	else {
		b = xcalloc(1, sizeof *b);
		pf->made++;
	}
	b->n = 0;
	b->slen = 0;
	b->next = b->out_next = NULL;
	b->read = false;
	return b;
}

/* Queues walked batch b (NULL: none) for the readers and the loader;
 * with last, says the walk has ended. Returns the next empty batch, or
 * NULL (stop, or last). */
static struct pf_batch *
hand_over(struct prefetch *pf, struct pf_batch *b, bool last)
{
	struct pf_batch	*next = NULL;

	pthread_mutex_lock(&pf->lock);
	if (b != NULL) {
		b->out_next = NULL;
		if (pf->out_tail != NULL)
			pf->out_tail->out_next = b;
		else
			pf->out = b;
		pf->out_tail = b;
		append(&pf->todo, &pf->todo_tail, b);
		pthread_cond_signal(&pf->walked);
	}
	if (last) {
		pf->ended = true;
		pthread_cond_broadcast(&pf->walked);
		pthread_cond_signal(&pf->ready);
	} else
		next = empty_batch(pf);
	pthread_mutex_unlock(&pf->lock);
	return next;
}

/* Turns what the walk said into records; returns the batch to go on
 * with (NULL: stop). */
static struct pf_batch *
add_causes(struct prefetch *pf, struct pf_batch *b, struct causes *cs)
{
	size_t	i;

	for (i = 0; i < cs->n; i++) {
		if (b->n == PF_BATCH && (b = hand_over(pf, b, false)) == NULL)
			break;
		b->r[b->n].kind = cs->error[i] ? PF_ERROR : PF_WARNING;
		b->r[b->n].text = add_text(b, cs->msg[i]);
		b->n++;
	}
	causes_clear(cs);
	return b;
}

/* Whether the batch being walked (n records, begun at started) should go
 * to the readers now. */
static bool
due(struct prefetch *pf, size_t n, long started)
{
	if (n == PF_BATCH)
		return true;
	if (n == 0 || !atomic_load(&pf->hungry))
		return false;
	return !pf->handed || now_us() - started >= PF_PATIENCE_US;
}

/* Whether rel is a path below the library's directory: not empty, not
 * absolute, without a "." or ".." part. */
static bool
relative_path(const char *rel)
{
	const char	*p = rel, *end;
	size_t		 len;

	if (*rel == '\0' || *rel == '/')
		return false;
	for (; *p != '\0'; p = *end == '/' ? end + 1 : end) {
		end = strchrnul(p, '/');
		len = (size_t) (end - p);
		if (len == 0 || (p[0] == '.' && (len == 1 ||
		    (len == 2 && p[1] == '.'))))
			return false;
	}
	return true;
}

/* Gives the next file's path in e, with what the walk knows of it: from
 * the walk, or the next of the index (its names are the directories'
 * while they stay as they were). Returns 0 at the end. */
static int
next_file(struct prefetch *pf, struct walk_entry *e, struct causes *cs,
    char **path, size_t *cap)
{
	const char	*rel;
	size_t		 len;

	if (pf->w != NULL)
		return walk_next(pf->w, e, cs);
	for (;;) {
		if (pf->ix == NULL || pf->entry >= pf->ix->n)
			return 0;
		rel = index_str(pf->ix, pf->ix->e[pf->entry++].relpath);
		if (relative_path(rel))
			break;
		/* Only a damaged index has such a name: it is not followed
		 * out of the library. */
		docio_tell(cs, rel, _("not a path in the library (a damaged "
		    "header index?), skipped"), true);
	}
	len = strlen(rel) + 1;
	if (pf->prefix + len > *cap) {
		*cap = (pf->prefix + len) * 2;
		*path = xreallocarray(*path, *cap, 1);
	}
	memcpy(*path, pf->base, pf->prefix);
	memcpy(*path + pf->prefix, rel, len);
	memset(e, 0, sizeof *e);
	e->path = *path;
	return 1;
}

/* Keeps what the walk found: its directories, for the index. */
static void
keep_result(struct prefetch *pf, uint32_t nfiles, bool sound)
{
	bool	own;

	pf->nfiles = nfiles;
	pf->sound = sound;
	if (pf->w == NULL)
		return;
	pf->ndirs = walk_take_dirs(pf->w, &pf->dirs, &own);
	pf->sound = sound && own;
}

/* The walker: names only; the readers open the files. */
static void *
walk_all(void *arg)
{
	struct prefetch		*pf = arg;
	struct pf_batch		*b;
	struct pf_record	*r;
	struct walk_entry	 e;
	struct causes		 cs;
	char			*path = NULL;
	size_t			 cap = 0;
	long			 started = 0;
	uint32_t		 seq = 0;
	bool			 sound = true;

	causes_init(&cs);
	pthread_mutex_lock(&pf->lock);
	b = empty_batch(pf);
	pthread_mutex_unlock(&pf->lock);
	while (b != NULL && !atomic_load(&pf->stop)) {
		if (b->n == 0)
			started = now_us();
		else if (due(pf, b->n, started)) {
			pf->handed = true;
			if ((b = hand_over(pf, b, false)) == NULL)
				break;
			started = now_us();
		}
		if (!next_file(pf, &e, &cs, &path, &cap)) {
			sound = sound && cs.n == 0;
			if ((b = add_causes(pf, b, &cs)) != NULL)
				keep_result(pf, seq, sound);
			break;
		}
		sound = sound && cs.n == 0;
		if (cs.n > 0 && (b = add_causes(pf, b, &cs)) == NULL)
			break;
		if (b->n == PF_BATCH && (b = hand_over(pf, b, false)) == NULL)
			break;
		r = &b->r[b->n++];
		r->kind = PF_FILE;
		r->seq = seq++;
		r->text = add_text(b, e.path);
		r->dev = e.dev;
		r->ino = e.ino;
	}
	causes_free(&cs);
	free(path);
	hand_over(pf, b, true);
	return NULL;
}

/* Returns the index entry for rel, the walk's seq-th file: first where the
 * last walk found it, which costs nothing when the directory is as it
 * was; else from the hash table. */
static const struct index_entry *
expected(const struct index *ix, uint32_t seq, const char *rel)
{
	if (seq < ix->n && strcmp(index_str(ix, ix->e[seq].relpath), rel) == 0)
		return &ix->e[seq];
	return index_find(ix, rel);
}

/* Opens and reads the head of the file r names, unless its index entry
 * still holds. */
static void
read_head(struct prefetch *pf, const struct pf_batch *b,
    struct pf_record *r)
{
	const char	*rel = pf_text(b, r) + pf->prefix;
	struct stat	 st;
	ssize_t		 n;
	int		 fd;

	r->why = 0;
	r->read_errno = 0;
	r->n = 0;
	r->same = false;
	r->entry = pf->ix != NULL ? expected(pf->ix, r->seq, rel) : NULL;
	if (r->entry != NULL && fstatat(pf->rootfd, rel, &st, 0) == 0) {
		r->dev = st.st_dev;
		r->ino = st.st_ino;
		if (st.st_size == r->entry->size &&
		    st.st_mtime == r->entry->mtime) {
			r->same = true;
			return;
		}
	}
	if ((fd = docio_open_check(pf->rootfd, rel, &st, &r->why)) < 0)
		return;
	r->dev = st.st_dev;
	r->ino = st.st_ino;
	r->size = st.st_size;
	r->mtime = st.st_mtime;
	/* No more than the file holds: that saves the read that would only
	 * say "end of file". */
	n = docio_read(fd, r->head, st.st_size < (off_t) sizeof r->head ?
	    (size_t) st.st_size : sizeof r->head);
	if (n < 0)
		r->read_errno = errno;
	else
		r->n = (size_t) n;
	close(fd);
}

/* A reader: reads the files of walked batches. */
static void *
read_all(void *arg)
{
	struct prefetch	*pf = arg;
	struct pf_batch	*b;
	size_t		 i;

	for (;;) {
		pthread_mutex_lock(&pf->lock);
		while (pf->todo == NULL && !pf->ended &&
		    !atomic_load(&pf->stop))
			pthread_cond_wait(&pf->walked, &pf->lock);
		b = pop(&pf->todo, &pf->todo_tail);
		pthread_mutex_unlock(&pf->lock);
		if (b == NULL)
			return NULL;
		for (i = 0; i < b->n && !atomic_load(&pf->stop); i++)
			if (b->r[i].kind == PF_FILE)
				read_head(pf, b, &b->r[i]);
		pthread_mutex_lock(&pf->lock);
		b->read = true;
		pthread_cond_signal(&pf->ready);
		pthread_mutex_unlock(&pf->lock);
	}
}

static void
destroy(struct prefetch *pf)
{
	pthread_cond_destroy(&pf->ready);
	pthread_cond_destroy(&pf->walked);
	pthread_cond_destroy(&pf->emptied);
	pthread_mutex_destroy(&pf->lock);
	if (pf->rootfd >= 0)
		close(pf->rootfd);
	free(pf);
}

static void
free_list(struct pf_batch *b, bool out)
{
	struct pf_batch	*next;

	for (; b != NULL; b = next) {
		next = out ? b->out_next : b->next;
		free(b->str);
		free(b);
	}
}

/* Starts walking w (which is the helpers' until prefetch_stop()) on
 * helper threads: w walks the library directory path ("base" is "path/",
 * prefix its length), whose header index ix (if it has entries) says
 * which files are unchanged. With w NULL, the files are the index's, in
 * its order: only while no directory has changed. The strings and the
 * index must stay where they are until prefetch_stop(). Returns NULL if
 * the threads could not be made: w is still the caller's then. */
struct prefetch *
prefetch_start(struct walk *w, const char *path, const char *base,
    size_t prefix, const struct index *ix)
{
	struct prefetch		*pf = xcalloc(1, sizeof *pf);
	pthread_condattr_t	 ca;
	bool			 walking;

	pf->w = w;
	pf->base = base;
	pf->prefix = prefix;
	pf->ix = ix != NULL && ix->n > 0 ? ix : NULL;
	pf->rootfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	pthread_mutex_init(&pf->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&pf->ready, &ca);
	pthread_condattr_destroy(&ca);
	pthread_cond_init(&pf->walked, NULL);
	pthread_cond_init(&pf->emptied, NULL);
	atomic_init(&pf->hungry, false);
	atomic_init(&pf->stop, false);
	if (pf->rootfd < 0) {
		destroy(pf);
		return NULL;
	}
	while (pf->nreaders < PF_READERS && thread_start(
	    &pf->readers[pf->nreaders], read_all, pf) == 0)
		pf->nreaders++;
	walking = pf->nreaders > 0 &&
	    thread_start(&pf->walker, walk_all, pf) == 0;
	if (!walking) {
		/* Nothing was walked: the walk is still the caller's. */
		pf->w = NULL;
		prefetch_stop(pf);
		return NULL;
	}
	pf->walking = true;
	return pf;
}

/* Returns the oldest batch, once read, waiting for it until deadline (a
 * CLOCK_MONOTONIC time in microseconds; negative: as long as it takes).
 * Returns NULL when none came in time, with *ended set if none will. */
struct pf_batch *
prefetch_take(struct prefetch *pf, long deadline, bool *ended)
{
	struct pf_batch	*b;
	struct timespec	 ts;

	ts.tv_sec = deadline / 1000000;
	ts.tv_nsec = deadline % 1000000 * 1000;
	pthread_mutex_lock(&pf->lock);
	while (!(pf->out != NULL ? pf->out->read : pf->ended)) {
		atomic_store(&pf->hungry, true);
		if (deadline < 0)
			pthread_cond_wait(&pf->ready, &pf->lock);
		else if (pthread_cond_timedwait(&pf->ready, &pf->lock,
		    &ts) == ETIMEDOUT)
			break;
	}
	atomic_store(&pf->hungry, false);
	b = pf->out;
	if (b != NULL && b->read) {
		if ((pf->out = b->out_next) == NULL)
			pf->out_tail = NULL;
	} else
		b = NULL;
	*ended = b == NULL && pf->out == NULL && pf->ended;
	pthread_mutex_unlock(&pf->lock);
	return b;
}

/* Gives a batch taken back to be filled again. */
void
prefetch_give_back(struct prefetch *pf, struct pf_batch *b)
{
	pthread_mutex_lock(&pf->lock);
	b->next = pf->free;
	pf->free = b;
	pthread_cond_signal(&pf->emptied);
	pthread_mutex_unlock(&pf->lock);
}

/* Once the walk has ended (prefetch_take() said so): gives the
 * directories it entered (none if the names were the index's; the
 * caller's to free) and how many files it found. Returns whether it is
 * sound: it had nothing to say (no errors, no warnings) and met no file
 * through a symbolic link. */
bool
prefetch_result(struct prefetch *pf, struct walk_dir **dirs, size_t *ndirs,
    uint32_t *nfiles)
{
	bool	sound;

	pthread_mutex_lock(&pf->lock);
	*dirs = pf->dirs;
	*ndirs = pf->ndirs;
	*nfiles = pf->nfiles;
	sound = pf->sound;
	pf->dirs = NULL;
	pf->ndirs = 0;
	pthread_mutex_unlock(&pf->lock);
	return sound;
}

/* Stops the threads, whether or not they are done, and frees everything:
 * the walk too. */
void
prefetch_stop(struct prefetch *pf)
{
	int	i;

	if (pf == NULL)
		return;
	pthread_mutex_lock(&pf->lock);
	atomic_store(&pf->stop, true);
	pthread_cond_broadcast(&pf->emptied);
	pthread_cond_broadcast(&pf->walked);
	pthread_mutex_unlock(&pf->lock);
	if (pf->walking)
		pthread_join(pf->walker, NULL);
	for (i = 0; i < pf->nreaders; i++)
		pthread_join(pf->readers[i], NULL);
	/* Every batch not free is on the walk-order list by now. */
	free_list(pf->out, true);
	free_list(pf->free, false);
	walk_close(pf->w);
	walk_dirs_free(pf->dirs, pf->ndirs);
	destroy(pf);
}
