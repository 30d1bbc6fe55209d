/* Reading state on disk: snapshot plus journal. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileutil.h"
#include "persist.h"
#include "xmalloc.h"

#define STATE_FILE	"state"
#define JOURNAL_FILE	"journal"
#define LOCK_FILE	"lock"
#define BAD_SUFFIX	".bad"
#define MAX_BAD		100
#define STATE_MAGIC	"reader-state"
#define JOURNAL_MAGIC	"reader-journal"
/* A state file larger than this is not a state file. */
#define MAX_STATE_BYTES	(256L << 20)
/* Symbolic links followed to find where the state is written. */
#define MAX_LINKS	8

/* What load_file() found. */
enum load {
	LOAD_OK,		/* read; *bad says how many records were not */
	LOAD_FOREIGN,		/* not a reader file at all */
	LOAD_UNREADABLE		/* could not be read (errno) */
};

static int	snapshot(struct persist *, struct causes *);
static int	snapshot_locked(struct persist *, struct causes *);
static int	journal(struct persist *, const char *);

static char *
path_in(const struct persist *p, const char *name)
{
	return xasprintf("%s/%s", p->dir, name);
}

/* Returns where state lives: $XDG_STATE_HOME/reader, else
 * ~/.local/state/reader; NULL if neither can be known. Caller frees. */
char *
persist_default_dir(void)
{
	const char	*x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/reader", x);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.local/state/reader", home);
	return NULL;
}

static struct mark *
slot(struct persist *p, uint64_t id, bool create)
{
	size_t	i, mask;

	if (id == 0)
		id = 1;
	if (create && (p->n + 1) * 2 > p->cap) {
		struct mark	*old = p->v;
		size_t		 oldcap = p->cap, k;

		p->cap = oldcap ? oldcap * 2 : 256;
		p->v = xcalloc(p->cap, sizeof *p->v);
		p->n = 0;
		for (k = 0; k < oldcap; k++)
			if (old[k].id != 0)
				*slot(p, old[k].id, true) = old[k];
		free(old);
	}
	if (p->cap == 0)
		return NULL;
	mask = p->cap - 1;
	for (i = id & mask; p->v[i].id != 0; i = (i + 1) & mask)
		if (p->v[i].id == id)
			return &p->v[i];
	if (!create)
		return NULL;
	p->v[i].id = id;
	p->n++;
	return &p->v[i];
}

/* Returns what is remembered of article id, or NULL. */
const struct mark *
persist_get(const struct persist *p, uint64_t id)
{
	return slot((struct persist *) p, id, false);
}

/* Reads 1 to 16 hex digits at *s; -1 if there are none or too many. */
static int
scan_hex(const char **s, const char *end, uint64_t *v)
{
	const char	*q = *s;
	int		 d;

	*v = 0;
	for (; q < end && q - *s < 17; q++) {
		if (*q >= '0' && *q <= '9')
			d = *q - '0';
		else if (*q >= 'a' && *q <= 'f')
			d = *q - 'a' + 10;
		else
			break;
		*v = *v << 4 | (uint64_t) d;
	}
	if (q == *s || q - *s > 16)
		return -1;
	*s = q;
	return 0;
}

/* Reads a decimal number that fits 32 bits at *s. */
static int
scan_u32(const char **s, const char *end, uint32_t *v)
{
	const char	*q = *s;
	uint64_t	 n = 0;

	for (; q < end && *q >= '0' && *q <= '9'; q++) {
		n = n * 10 + (uint64_t) (*q - '0');
		if (n > UINT32_MAX)
			return -1;
	}
	if (q == *s)
		return -1;
	*v = (uint32_t) n;
	*s = q;
	return 0;
}

/* Takes the literal word w at *s. */
static int
scan_word(const char **s, const char *end, const char *w)
{
	size_t	len = strlen(w);

	if ((size_t) (end - *s) < len || memcmp(*s, w, len) != 0)
		return -1;
	*s += len;
	return 0;
}

/* Applies one record (len bytes, without its newline); -1 if it is not
 * exactly one of "last ID" and "m ID r|u [PARA CHR]". */
static int
apply_line(struct persist *p, const char *s, size_t len)
{
	const char	*end = s + len;
	uint64_t	 id;
	struct place	 at = { 0, 0 };
	struct mark	*m;
	bool		 read, has_place = false;

	if (scan_word(&s, end, "last ") == 0) {
		if (scan_hex(&s, end, &id) != 0 || s != end)
			return -1;
		p->last = id;
		return 0;
	}
	if (scan_word(&s, end, "m ") != 0 || scan_hex(&s, end, &id) != 0 ||
	    end - s < 2 || s[0] != ' ' || (s[1] != 'r' && s[1] != 'u'))
		return -1;
	read = s[1] == 'r';
	s += 2;
	if (s != end) {
		if (scan_word(&s, end, " ") != 0 ||
		    scan_u32(&s, end, &at.para) != 0 ||
		    scan_word(&s, end, " ") != 0 ||
		    scan_u32(&s, end, &at.chr) != 0 || s != end)
			return -1;
		has_place = true;
	}
	m = slot(p, id, true);
	m->read = read;
	if (has_place) {
		m->at = at;
		m->has_place = true;
	}
	return 0;
}

/* Checks a first line: 1 if it is our header, -1 if it is ours but from
 * a newer version, 0 if it is not a header. */
static int
header(const char *s, size_t len, const char *magic)
{
	const char	*end = s + len;
	uint32_t	 v;

	if (scan_word(&s, end, magic) != 0 || scan_word(&s, end, " ") != 0 ||
	    scan_u32(&s, end, &v) != 0 || s != end || v < 1)
		return 0;
	return v > PERSIST_VERSION ? -1 : 1;
}

/* Loads one file into p, counting its records in *lines and the lines
 * that are not records in *bad: every record that can be read is kept,
 * whatever surrounds it. A last line without its newline is a journal
 * write cut short by a kill, dropped quietly; the state is written
 * whole, so there (whole) it is damage. A missing file is empty. */
static enum load
load_file(struct persist *p, const char *path, const char *magic,
    bool whole, size_t *lines, int *bad)
{
	enum slurp_refusal	 why;
	char			*buf;
	const char		*s, *nl, *end;
	size_t			 len, n, good = 0;
	bool			 ours = false;
	int			 h;

	*bad = 0;
	if ((buf = file_slurp(path, MAX_STATE_BYTES, &len, &why)) == NULL) {
		if (why == SLURP_TOO_LARGE)
			return LOAD_FOREIGN;
		/* No file, or no directory to hold one (persist_settle()
		 * says so when it cannot make it): nothing to load. */
		if (why == SLURP_ERRNO && (errno == ENOENT || errno == ENOTDIR))
			return LOAD_OK;
		if (why == SLURP_NOT_REGULAR)
			errno = 0;
		return LOAD_UNREADABLE;
	}
	end = buf + len;
	for (s = buf; s < end; s = nl + 1) {
		if ((nl = memchr(s, '\n', (size_t) (end - s))) == NULL) {
			if (whole)
				(*bad)++;
			break;
		}
		n = (size_t) (nl - s);
		/* A NUL anywhere in a line spoils that line only. */
		if (memchr(s, '\0', n) != NULL) {
			(*bad)++;
			continue;
		}
		if ((h = header(s, n, magic)) < 0 && s == buf) {
			free(buf);
			return LOAD_FOREIGN;
		}
		if (h > 0)
			/* Two instances starting a journal at once may each
			 * write the header: a second one is harmless. */
			ours = true;
		else if (apply_line(p, s, n) == 0)
			good++;
		else
			(*bad)++;
	}
	free(buf);
	/* Without a header and without one record, it is not ours. */
	if (!ours && good == 0 && len > 0)
		return LOAD_FOREIGN;
	*lines += good;
	return LOAD_OK;
}

/* Renames path to path.bad, or path.bad.1 and so on if that is taken:
 * an earlier damaged file is never written over. Returns the new name
 * (caller frees), or NULL with errno set. */
static char *
set_aside(const char *path)
{
	struct stat	 st;
	char		*to;
	int		 i;

	for (i = 0; i < MAX_BAD; i++) {
		if (i == 0)
			to = xasprintf("%s%s", path, BAD_SUFFIX);
		else
			to = xasprintf("%s%s.%d", path, BAD_SUFFIX, i);
		/* link() fails rather than replace an existing name. */
		if (link(path, to) == 0) {
			unlink(path);
			return to;
		}
		if (errno != EEXIST && lstat(to, &st) != 0 &&
		    errno == ENOENT) {
			/* A file system without hard links. */
			if (rename(path, to) == 0)
				return to;
			free(to);
			return NULL;
		}
		free(to);
	}
	errno = EEXIST;
	return NULL;
}

/* Notes that writing failed, with the reason (never "Success"). */
static void
failed(struct persist *p, int err)
{
	if (p->failed)
		return;
	p->failed = true;
	p->err = err != 0 ? err : EIO;
}

/* Gives up on saving state, saying so once: the files on disk stay as
 * they are. */
static void
cannot_save(struct persist *p, const char *what, int err,
    struct causes *cs)
{
	bool	first = !p->failed;

	failed(p, err);
	p->keep = p->journal_dead = true;
	if (first && cs != NULL) {
		/* The consequence first: a cut line still says it. */
		causes_warn(cs, _("reading state will not be saved: %s: %s"),
		    what, err != 0 ? strerror(err) : _("not a regular file"));
		p->told = true;
	}
}

/* Deals with what load_file() found in name: a file that cannot be read
 * stops all saving (writing a new one would lose it); a damaged one is
 * set aside. Returns true if records may have been lost from the files
 * on disk, which must then be written again from what was read. */
static bool
after_load(struct persist *p, const char *name, enum load r, int bad,
    int err, struct causes *cs)
{
	char	*from = path_in(p, name), *to;

	if (r == LOAD_OK && bad == 0) {
		free(from);
		return false;
	}
	if (r == LOAD_UNREADABLE) {
		cannot_save(p, from, err, cs);
		free(from);
		return false;
	}
	if ((to = set_aside(from)) == NULL) {
		cannot_save(p, from, errno, cs);
		free(from);
		return false;
	}
	if (cs == NULL)
		;
	else if (r == LOAD_FOREIGN)
		causes_warn(cs, _("%s: not a reader state file; it was kept "
		    "as %s and a new one started"), from, to);
	else
		causes_warn(cs, ngettext("%s: %d damaged line skipped; the "
		    "file was kept as %s", "%s: %d damaged lines skipped; the "
		    "file was kept as %s", (unsigned long) bad), from, bad, to);
	free(from);
	free(to);
	return true;
}

/* Opens the lock file, making it if the directory is there. */
static void
open_lock(struct persist *p)
{
	char	*path;

	if (p->lock >= 0 || p->dir == NULL)
		return;
	path = path_in(p, LOCK_FILE);
	p->lock = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (p->lock < 0)
		p->lock = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
}

/* Takes (LOCK_SH, LOCK_EX) or drops (LOCK_UN) the lock; without a lock
 * file, goes on unlocked. Keeps errno. */
static void
lock(struct persist *p, int how)
{
	int	e = errno;

	if (p->lock >= 0)
		while (flock(p->lock, how) != 0 && errno == EINTR)
			continue;
	errno = e;
}

/* Writes all of s; a write that makes no progress is a full disk. */
static int
write_all(int fd, const char *s, size_t len)
{
	ssize_t	w;

	while (len > 0) {
		if ((w = write(fd, s, len)) < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == 0) {
			errno = ENOSPC;
			return -1;
		}
		s += w;
		len -= (size_t) w;
	}
	return 0;
}

/* Opens the journal for appending (flags may add O_TRUNC), starting it
 * with its header if it is empty. */
static int
open_journal(struct persist *p, int flags)
{
	char		*path = path_in(p, JOURNAL_FILE), head[64];
	struct stat	 st;
	int		 fd, n, e;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | flags,
	    0600);
	free(path);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && st.st_size == 0) {
		n = snprintf(head, sizeof head, "%s %d\n", JOURNAL_MAGIC,
		    PERSIST_VERSION);
		if (write_all(fd, head, (size_t) n) != 0) {
			e = errno;
			close(fd);
			errno = e;
			return -1;
		}
	}
	if (p->journal >= 0)
		close(p->journal);
	p->journal = fd;
	return 0;
}

/* Marks everything read so far as not on disk. */
static void
all_unsaved(struct persist *p, bool unsaved)
{
	size_t	i;

	for (i = 0; i < p->cap; i++)
		p->v[i].unsaved = unsaved;
	p->last_unsaved = unsaved && p->last != 0;
}

/* Loads the state kept in dir; persist_settle() makes dir if missing and
 * starts a journal. Problems become warnings: reading goes on without
 * saved state. */
int
persist_open(struct persist *p, const char *dir, struct causes *cs)
{
	char		*path;
	size_t		 lines = 0;
	int		 bad_state, bad_journal, err_state, err_journal;
	enum load	 r_state, r_journal;
	bool		 lost;

	memset(p, 0, sizeof *p);
	p->journal = p->lock = -1;
	if (dir == NULL) {
		causes_warn(cs, "%s", _("no HOME or XDG_STATE_HOME: reading "
		    "state will not be saved"));
		p->failed = p->told = p->keep = true;
		p->err = ENOENT;
		return -1;
	}
	p->dir = xstrdup(dir);
	/* Under the lock, so that no snapshot of another instance comes
	 * between reading the state and reading the journal. */
	open_lock(p);
	lock(p, LOCK_EX);
	path = path_in(p, STATE_FILE);
	r_state = load_file(p, path, STATE_MAGIC, true, &lines, &bad_state);
	err_state = errno;
	free(path);
	path = path_in(p, JOURNAL_FILE);
	r_journal = load_file(p, path, JOURNAL_MAGIC, false, &p->journal_lines,
	    &bad_journal);
	err_journal = errno;
	free(path);
	lost = after_load(p, STATE_FILE, r_state, bad_state, err_state, cs);
	lost |= after_load(p, JOURNAL_FILE, r_journal, bad_journal,
	    err_journal, cs);
	p->fold = p->journal_lines != 0;
	/* A damaged file was set aside: what could be read of it is written
	 * again at once, not left to a run that may end before its first
	 * screen. */
	if (lost && !p->keep) {
		all_unsaved(p, true);
		/* If that fails, persist_settle() tries again. */
		if (snapshot_locked(p, cs) != 0)
			p->fold = true;
	}
	lock(p, LOCK_UN);
	return 0;
}

/* Makes the state directory and writes the journal lines held till now,
 * then folds a journal with something in it into a fresh snapshot. Done
 * once the first screen is out: it should wait for neither mkdir nor
 * fsync. */
void
persist_settle(struct persist *p, struct causes *cs)
{
	char	*held = p->held;
	size_t	 nheld = p->nheld, i;
	bool	 all = true;

	if (p->settled)
		return;
	p->settled = true;
	p->held = NULL;
	p->nheld = p->heldcap = 0;
	if (p->dir != NULL && !p->keep) {
		if (file_mkdirs(p->dir) != 0)
			cannot_save(p, p->dir, errno, cs);
		else
			open_lock(p);
	}
	for (i = 0; i < nheld; i += strlen(held + i) + 1)
		if (journal(p, held + i) != 0)
			all = false;
	free(held);
	/* The held lines were all that was not on disk, unless a damaged
	 * file set aside could not be written again (then fold is set, and
	 * the snapshot below adds what was read of it). */
	if (all && !p->fold)
		all_unsaved(p, false);
	if (p->fold && !p->keep)
		snapshot(p, cs);
}

/* Keeps a line for the journal until it is started. */
static void
hold(struct persist *p, const char *line)
{
	size_t	len = strlen(line) + 1;

	if (p->nheld + len > p->heldcap) {
		p->heldcap = (p->nheld + len) * 2;
		p->held = xreallocarray(p->held, p->heldcap, 1);
	}
	memcpy(p->held + p->nheld, line, len);
	p->nheld += len;
}

/* Appends a line to the journal, or holds it until persist_settle().
 * Returns 0 once it is written, 1 while it is held, -1 if it could not
 * be (it is then written with the next snapshot). */
static int
journal(struct persist *p, const char *line)
{
	struct stat	st;
	int		rc = 0;

	if (!p->settled) {
		hold(p, line);
		return 1;
	}
	if (p->dir == NULL || p->keep || p->journal_dead)
		return -1;
	lock(p, LOCK_SH);
	/* A journal removed under us (by hand, say) is started again. */
	if (p->journal >= 0 && fstat(p->journal, &st) == 0 &&
	    st.st_nlink == 0) {
		close(p->journal);
		p->journal = -1;
	}
	/* One write per line keeps lines whole, and once written a line
	 * survives the process being killed. It is not synced to disk: a
	 * keystroke should not wait for the disk, and the snapshot written
	 * on the way out is. */
	if ((p->journal < 0 && open_journal(p, 0) != 0) ||
	    write_all(p->journal, line, strlen(line)) != 0) {
		failed(p, errno);
		p->journal_dead = true;
		rc = -1;
	}
	lock(p, LOCK_UN);
	return rc;
}

static void
log_mark(struct persist *p, struct mark *m)
{
	char	line[96];

	if (m->has_place)
		snprintf(line, sizeof line, "m %016" PRIx64 " %c %u %u\n",
		    m->id, m->read ? 'r' : 'u', m->at.para, m->at.chr);
	else
		snprintf(line, sizeof line, "m %016" PRIx64 " %c\n", m->id,
		    m->read ? 'r' : 'u');
	m->unsaved = journal(p, line) != 0;
}

/* Marks article id read or unread. */
void
persist_set_read(struct persist *p, uint64_t id, bool read)
{
	struct mark	*m = slot(p, id, true);

	if (m->read == read)
		return;
	m->read = read;
	log_mark(p, m);
}

/* Remembers where article id was left. */
void
persist_set_place(struct persist *p, uint64_t id, const struct place *at)
{
	struct mark	*m = slot(p, id, true);

	if (m->has_place && m->at.para == at->para && m->at.chr == at->chr)
		return;
	m->at = *at;
	m->has_place = true;
	log_mark(p, m);
}

/* Remembers which article is open. */
void
persist_set_last(struct persist *p, uint64_t id)
{
	char	line[64];

	if (p->last == id)
		return;
	p->last = id;
	snprintf(line, sizeof line, "last %016" PRIx64 "\n", id);
	p->last_unsaved = journal(p, line) != 0;
}

static long
ms_since(const struct timespec *t)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long) (now.tv_sec - t->tv_sec) * 1000 +
	    (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* Notes that the reading position may have moved: it is to be saved
 * once it has stayed put PERSIST_SETTLE_MS (see persist_place_due). */
void
persist_moved(struct persist *p)
{
	p->moved = true;
	clock_gettime(CLOCK_MONOTONIC, &p->moved_at);
}

/* Returns how long an idle wait of ms (negative: for ever) may last so
 * as not to pass the moment a moved position settles. */
int
persist_wait_ms(const struct persist *p, int ms)
{
	long	left;

	if (!p->moved)
		return ms;
	left = PERSIST_SETTLE_MS - ms_since(&p->moved_at);
	if (left < 0)
		left = 0;
	return ms >= 0 && ms < left ? ms : (int) left;
}

/* Returns true, once, when a moved position has stayed put long enough:
 * the caller then saves it (persist_set_place journals it if it
 * changed). */
bool
persist_place_due(struct persist *p)
{
	if (!p->moved || ms_since(&p->moved_at) < PERSIST_SETTLE_MS)
		return false;
	p->moved = false;
	return true;
}

/* Writes the marks of p as a state file to fd, and closes it. */
static int
write_snapshot(const struct persist *p, int fd)
{
	FILE	*f = fdopen(fd, "w");
	size_t	 i;
	int	 e;

	if (f == NULL) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	errno = 0;
	fprintf(f, "%s %d\n", STATE_MAGIC, PERSIST_VERSION);
	if (p->last != 0)
		fprintf(f, "last %016" PRIx64 "\n", p->last);
	for (i = 0; i < p->cap; i++) {
		const struct mark *m = &p->v[i];

		if (m->id == 0 || (!m->read && !m->has_place))
			continue;
		if (m->has_place)
			fprintf(f, "m %016" PRIx64 " %c %u %u\n", m->id,
			    m->read ? 'r' : 'u', m->at.para, m->at.chr);
		else
			fprintf(f, "m %016" PRIx64 " %c\n", m->id,
			    m->read ? 'r' : 'u');
	}
	/* A write that failed on the way (a full disk) leaves the error
	 * flag set, whatever later ones did. */
	if (ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0) {
		e = errno != 0 ? errno : EIO;
		fclose(f);
		errno = e;
		return -1;
	}
	return fclose(f);
}

/* Returns the file "state" stands for: itself, or where its symbolic
 * links lead, so that a link is written through. Caller frees. */
static char *
state_target(const struct persist *p)
{
	char		*path = path_in(p, STATE_FILE), *next, *slash;
	char		 buf[PATH_MAX];
	ssize_t		 n;
	int		 i;

	for (i = 0; i < MAX_LINKS; i++) {
		if ((n = readlink(path, buf, sizeof buf - 1)) <= 0)
			break;
		buf[n] = '\0';
		slash = strrchr(path, '/');
		if (buf[0] == '/' || slash == NULL)
			next = xstrdup(buf);
		else
			next = xasprintf("%.*s/%s", (int) (slash - path), path,
			    buf);
		free(path);
		path = next;
	}
	return path;
}

/* Syncs the directory holding path, so that a rename in it lasts. */
static void
sync_dir_of(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 fd;

	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xasprintf("%.*s", (int) (slash - path), path);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Writes a new snapshot atomically and empties the journal. On failure
 * the old files are left as they were. */
int
persist_save(struct persist *p, struct causes *cs)
{
	persist_settle(p, cs);
	return snapshot(p, cs);
}

static int
snapshot(struct persist *p, struct causes *cs)
{
	int	rc;

	if (p->dir == NULL || p->keep)
		return -1;
	lock(p, LOCK_EX);
	rc = snapshot_locked(p, cs);
	lock(p, LOCK_UN);
	return rc;
}

/* Makes the snapshot, under the exclusive lock: what is on disk (the
 * state, then the journal, which has the changes of every instance in
 * the order they were made), plus the changes of this one that did not
 * reach the journal. */
static int
snapshot_locked(struct persist *p, struct causes *cs)
{
	struct persist	 disk;
	char		*target, *tmp, *path;
	size_t		 i, lines = 0;
	int		 fd, bad, err = 0;
	enum load	 r;

	memset(&disk, 0, sizeof disk);
	target = state_target(p);
	path = path_in(p, JOURNAL_FILE);
	/* A file that became unreadable is not to be replaced by what this
	 * instance knows; one damaged since it was read is set aside. */
	r = load_file(&disk, target, STATE_MAGIC, true, &lines, &bad);
	after_load(p, STATE_FILE, r, bad, errno, cs);
	r = load_file(&disk, path, JOURNAL_MAGIC, false, &lines, &bad);
	after_load(p, JOURNAL_FILE, r, bad, errno, cs);
	if (p->keep)
		goto out;
	for (i = 0; i < p->cap; i++) {
		const struct mark *m = &p->v[i];
		struct mark *d;

		if (m->id == 0 || !m->unsaved)
			continue;
		d = slot(&disk, m->id, true);
		d->read = m->read;
		d->at = m->at;
		d->has_place = m->has_place;
	}
	if (p->last_unsaved)
		disk.last = p->last;
	tmp = xasprintf("%s.XXXXXX", target);
	if ((fd = mkstemp(tmp)) < 0 || write_snapshot(&disk, fd) != 0 ||
	    rename(tmp, target) != 0) {
		err = errno;
		if (fd >= 0)
			unlink(tmp);
	}
	free(tmp);
	if (err != 0) {
		if (!p->failed && cs != NULL) {
			causes_warn(cs, _("cannot save reading state: %s: %s"),
			    p->dir, strerror(err));
			p->told = true;
		}
		failed(p, err);
		goto out;
	}
	sync_dir_of(target);
	/* Emptied in place: another instance appending to it (O_APPEND)
	 * goes on writing into the same file. */
	if (open_journal(p, O_TRUNC) == 0)
		p->journal_dead = false;
	all_unsaved(p, false);
	p->journal_lines = 0;
	p->fold = false;
out:
	free(disk.v);
	free(target);
	free(path);
	return err != 0 || p->keep ? -1 : 0;
}

/* Closes the journal and frees everything; does not save. */
void
persist_close(struct persist *p)
{
	if (p->journal >= 0)
		close(p->journal);
	if (p->lock >= 0)
		close(p->lock);
	free(p->v);
	free(p->dir);
	free(p->held);
	memset(p, 0, sizeof *p);
	p->journal = p->lock = -1;
}
