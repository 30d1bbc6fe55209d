/* Reading state on disk: snapshot plus journal. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileutil.h"
#include "persist.h"
#include "xmalloc.h"

#define STATE_FILE	"state"
#define JOURNAL_FILE	"journal"
#define BAD_SUFFIX	".bad"
#define STATE_MAGIC	"reader-state"
#define JOURNAL_MAGIC	"reader-journal"
/* A state file larger than this is not a state file. */
#define MAX_STATE_BYTES	(256L << 20)

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

/* Applies one line of a state or journal file; -1 if it is damaged. */
static int
apply_line(struct persist *p, const char *line)
{
	uint64_t	 id;
	unsigned	 para, chr;
	char		 flag;
	int		 n;
	struct mark	*m;

	if (sscanf(line, "last %" SCNx64 "%n", &id, &n) == 1 &&
	    line[n] == '\0') {
		p->last = id;
		return 0;
	}
	n = sscanf(line, "m %" SCNx64 " %c %u %u", &id, &flag, &para, &chr);
	if ((n != 2 && n != 4) || (flag != 'r' && flag != 'u'))
		return -1;
	m = slot(p, id, true);
	m->read = flag == 'r';
	if (n == 4) {
		m->at.para = para;
		m->at.chr = chr;
		m->has_place = true;
	}
	return 0;
}

/* Loads one file; returns the number of damaged lines, or -1 if the
 * file is not one of ours at all. A last line without its newline is a
 * write cut short by a crash, and is dropped quietly. */
static int
load_file(struct persist *p, const char *path, const char *magic,
    size_t *lines)
{
	enum slurp_refusal	 why;
	char			*buf, *line, *nl;
	size_t			 len, mlen = strlen(magic);
	int	 bad = 0, version;

	/* No file, or no directory to hold one (persist_settle() says so
	 * when it cannot make it): nothing to load. */
	if ((buf = file_slurp(path, MAX_STATE_BYTES, &len, &why)) == NULL)
		return why == SLURP_ERRNO && (errno == ENOENT ||
		    errno == ENOTDIR) ? 0 : -1;
	if (len == 0) {
		free(buf);
		return 0;
	}
	if (strncmp(buf, magic, mlen) != 0 || sscanf(buf + mlen, " %d",
	    &version) != 1 || version < 1 || version > PERSIST_VERSION) {
		free(buf);
		return -1;
	}
	line = strchr(buf, '\n');
	for (line = line ? line + 1 : buf + len; *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			break;
		*nl = '\0';
		if (memchr(line, '\0', (size_t) (nl - line)) != NULL ||
		    apply_line(p, line) != 0)
			bad++;
		(*lines)++;
	}
	free(buf);
	return bad;
}

static void
keep_bad(struct persist *p, const char *name, int bad, struct causes *cs)
{
	char	*from = path_in(p, name), *to;

	to = xasprintf("%s%s", from, BAD_SUFFIX);
	if (rename(from, to) == 0) {
		if (bad < 0)
			causes_warn(cs, _("%s: not a reader state file; it "
			    "was kept as %s and a new one started"), from, to);
		else
			causes_warn(cs, ngettext("%s: %d damaged line skipped; "
			    "the file was kept as %s", "%s: %d damaged lines "
			    "skipped; the file was kept as %s", (unsigned long)
			    bad), from, bad, to);
	} else
		causes_warn(cs, "%s: %s", from, strerror(errno));
	free(from);
	free(to);
}

static int
open_journal(struct persist *p)
{
	char		*path = path_in(p, JOURNAL_FILE);
	struct stat	 st;
	int		 fd;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	free(path);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && st.st_size == 0) {
		char head[64];
		int n = snprintf(head, sizeof head, "%s %d\n", JOURNAL_MAGIC,
		    PERSIST_VERSION);
		if (write(fd, head, (size_t) n) != n) {
			close(fd);
			return -1;
		}
	}
	p->journal = fd;
	return 0;
}

/* Loads the state kept in dir; persist_settle() makes dir if missing and
 * starts a journal. Problems become warnings: reading goes on without
 * saved state. */
int
persist_open(struct persist *p, const char *dir, struct causes *cs)
{
	char	*path;
	size_t	 lines = 0;
	int	 bad_state, bad_journal;

	memset(p, 0, sizeof *p);
	p->journal = -1;
	if (dir == NULL) {
		causes_warn(cs, "%s", _("no HOME or XDG_STATE_HOME: reading "
		    "state will not be saved"));
		p->failed = p->told = true;
		return -1;
	}
	p->dir = xstrdup(dir);
	path = path_in(p, STATE_FILE);
	bad_state = load_file(p, path, STATE_MAGIC, &lines);
	free(path);
	path = path_in(p, JOURNAL_FILE);
	bad_journal = load_file(p, path, JOURNAL_MAGIC, &p->journal_lines);
	free(path);
	if (bad_state != 0)
		keep_bad(p, STATE_FILE, bad_state, cs);
	if (bad_journal != 0)
		keep_bad(p, JOURNAL_FILE, bad_journal, cs);
	p->fold = p->journal_lines != 0 || bad_state != 0 || bad_journal != 0;
	/* A damaged file was set aside: what could be read of it is written
	 * again at once, not left to a run that may end before its first
	 * screen. */
	if (bad_state != 0 || bad_journal != 0)
		persist_settle(p, cs);
	return 0;
}

static int	snapshot(struct persist *, struct causes *);
static void	journal(struct persist *, const char *);

/* Gives up on saving state, saying so once. */
static void
cannot_save(struct persist *p, struct causes *cs)
{
	if (!p->failed && cs != NULL)
		causes_warn(cs, _("%s: %s; reading state will not be saved"),
		    p->dir, strerror(errno));
	p->failed = p->told = true;
}

/* Makes the state directory and starts the journal, folding one with
 * something in it into a fresh snapshot (if the disk will not take one,
 * the old journal goes on), then writes the lines held till now. Done
 * once the first screen is out: it should wait for neither mkdir nor
 * fsync. */
void
persist_settle(struct persist *p, struct causes *cs)
{
	char	*held = p->held;
	size_t	 nheld = p->nheld, i;

	if (p->settled)
		return;
	p->settled = true;
	p->held = NULL;
	p->nheld = p->heldcap = 0;
	if (p->dir != NULL) {
		if (file_mkdirs(p->dir) != 0)
			cannot_save(p, cs);
		else if (p->fold && snapshot(p, cs) == 0)
			/* The snapshot has what the held lines say. */
			nheld = 0;
		else if (open_journal(p) != 0)
			cannot_save(p, cs);
		else
			p->failed = false;
	}
	/* (With no journal, journal() drops them.) */
	for (i = 0; i < nheld; i += strlen(held + i) + 1)
		journal(p, held + i);
	free(held);
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

static void
journal(struct persist *p, const char *line)
{
	size_t	len = strlen(line);

	if (!p->settled) {
		hold(p, line);
		return;
	}
	if (p->journal < 0)
		return;
	/* One write per line keeps lines whole, and once written a line
	 * survives the process being killed. It is not synced to disk: a
	 * keystroke should not wait for the disk, and the snapshot written
	 * on the way out is. */
	if (write(p->journal, line, len) != (ssize_t) len) {
		p->err = errno;
		close(p->journal);
		p->journal = -1;
		p->failed = true;
	}
}

static void
log_mark(struct persist *p, const struct mark *m)
{
	char	line[96];

	if (m->has_place)
		snprintf(line, sizeof line, "m %016" PRIx64 " %c %u %u\n",
		    m->id, m->read ? 'r' : 'u', m->at.para, m->at.chr);
	else
		snprintf(line, sizeof line, "m %016" PRIx64 " %c\n", m->id,
		    m->read ? 'r' : 'u');
	journal(p, line);
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
	journal(p, line);
}

static int
write_snapshot(struct persist *p, int fd)
{
	FILE	*f = fdopen(fd, "w");
	size_t	 i;

	if (f == NULL)
		return -1;
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
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		fclose(f);
		return -1;
	}
	return fclose(f);
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
	char	*tmp, *path;
	int	 fd, rc = -1, dfd;

	if (p->dir == NULL)
		return -1;
	tmp = path_in(p, STATE_FILE ".XXXXXX");
	path = path_in(p, STATE_FILE);
	if ((fd = mkstemp(tmp)) >= 0) {
		if (write_snapshot(p, fd) == 0 && rename(tmp, path) == 0)
			rc = 0;
		else
			unlink(tmp);
	}
	if (rc == 0) {
		if ((dfd = open(p->dir, O_RDONLY | O_DIRECTORY)) >= 0) {
			fsync(dfd);
			close(dfd);
		}
		free(path);
		path = path_in(p, JOURNAL_FILE);
		if (p->journal >= 0) {
			close(p->journal);
			p->journal = -1;
		}
		unlink(path);
		p->journal_lines = 0;
		if (open_journal(p) != 0)
			rc = -1;
	} else if (!p->failed && cs != NULL)
		causes_warn(cs, _("%s: cannot save reading state: %s"),
		    p->dir, strerror(errno));
	if (rc != 0) {
		if (!p->failed)
			p->err = errno;
		p->failed = true;
	}
	free(tmp);
	free(path);
	return rc;
}

/* Closes the journal and frees everything; does not save. */
void
persist_close(struct persist *p)
{
	if (p->journal >= 0)
		close(p->journal);
	free(p->v);
	free(p->dir);
	free(p->held);
	memset(p, 0, sizeof *p);
	p->journal = -1;
}
