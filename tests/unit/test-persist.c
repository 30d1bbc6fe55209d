/* Unit tests of persist.c on a temporary state directory: what is read
 * back from damaged files, what is set aside, what is written, and two
 * instances sharing one directory. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "persist.h"
#include "tap.h"
#include "xmalloc.h"

/* How a problem that loses the reading state begins: with that. */
#define LOST "reading state will not be saved: "

static char	root[] = "/tmp/reader-test-persist-XXXXXX";

#define S "reader-state 1\n"
#define J "reader-journal 1\n"
#define M(x) "m 000000000000000" #x " r\n"

/* Writes len bytes of s (NULs allowed) to name in the state directory;
 * s NULL removes it. */
static void
put(const char *name, const char *s, size_t len)
{
	char	*p = xasprintf("%s/%s", root, name);
	FILE	*f;

	unlink(p);
	if (s != NULL) {
		if ((f = fopen(p, "w")) == NULL) {
			perror(p);
			exit(99);
		}
		fwrite(s, 1, len, f);
		fclose(f);
	}
	free(p);
}

/* Returns the contents of name (caller frees), or NULL. */
static char *
get(const char *name)
{
	char	*p = xasprintf("%s/%s", root, name), *buf;
	FILE	*f = fopen(p, "r");
	long	 n;

	free(p);
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc((size_t) n + 1);
	n = (long) fread(buf, 1, (size_t) n, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static bool
exists(const char *name)
{
	char		*p = xasprintf("%s/%s", root, name);
	struct stat	 st;
	bool		 yes = lstat(p, &st) == 0;

	free(p);
	return yes;
}

static void
clean(void)
{
	char	*c = xasprintf("rm -rf '%s'/* '%s'/.[!.]*", root, root);

	if (system(c) != 0)
		exit(99);
	free(c);
}

/* Returns the causes joined by " | ". Caller frees. */
static char *
said(const struct causes *cs)
{
	char	*s = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; i < cs->n; i++) {
		t = xasprintf("%s%s%s", s, i ? " | " : "", cs->msg[i]);
		free(s);
		s = t;
	}
	return s;
}

/* Describes the marks of p with ids 1 to 15, as "1r 2u:3.4 ...". */
static char *
marks(const struct persist *p)
{
	char			*s = xstrdup(""), *t;
	const struct mark	*m;
	uint64_t		 id;

	for (id = 1; id < 16; id++) {
		if ((m = persist_get(p, id)) == NULL)
			continue;
		if (m->has_place)
			t = xasprintf("%s%s%" PRIx64 "%c:%u.%u", s, *s ? " " : "",
			    id, m->read ? 'r' : 'u', m->at.para, m->at.chr);
		else
			t = xasprintf("%s%s%" PRIx64 "%c", s, *s ? " " : "", id,
			    m->read ? 'r' : 'u');
		free(s);
		s = t;
	}
	return s;
}

struct salvage_case {
	const char	*name;
	const char	*state;		/* NULL: no file */
	size_t		 state_len;
	const char	*journal;
	size_t		 journal_len;
	const char	*marks;		/* what is read back */
	const char	*warning;	/* part of the warning, or NULL: none */
	const char	*bad;		/* the file set aside, or NULL */
};

#define F(s) s, sizeof s - 1

static const struct salvage_case salvage_cases[] = {
	{ "clean files",
	  F(S M(1) M(2) "m 0000000000000003 u 3 4\n"), F(J M(4)),
	  "1r 2r 3u:3.4 4r", NULL, NULL },
	{ "a NUL in one record of seven loses that record only",
	  F(S M(1) M(2) "m 00000000\0\0000003 r\n" M(4) M(5) M(6) M(7)),
	  NULL, 0, "1r 2r 4r 5r 6r 7r", "1 damaged line skipped",
	  "state.bad" },
	{ "a NUL for a newline loses the two records it joins",
	  F(S M(1) "m 0000000000000002 r\0" M(3) M(4)), NULL, 0,
	  "1r 4r", "1 damaged line", "state.bad" },
	{ "a run of NULs (a block never written) between records",
	  F(S M(1) "\0\0\0\0\0\0\0\0\n" M(2)), NULL, 0, "1r 2r",
	  "1 damaged line", "state.bad" },
	{ "a NUL in the journal",
	  F(S M(1)), F(J M(2) "m 0\0000000000000003 r\n" M(4) M(5)),
	  "1r 2r 4r 5r", "1 damaged line", "journal.bad" },
	{ "a NUL in the header: the records are ours",
	  F("reader-st\0te 1\n" M(1) M(2)), NULL, 0, "1r 2r",
	  "1 damaged line", "state.bad" },
	{ "a state whose last record has no newline is damaged",
	  F(S M(1) M(2) "m 0000000000000003 r 12"), NULL, 0, "1r 2r",
	  "1 damaged line", "state.bad" },
	{ "a journal line cut short by a kill is dropped quietly",
	  F(S M(1)), F(J M(2) "m 00000000000"), "1r 2r", NULL, NULL },
	{ "a record with something after it is damaged",
	  F(S M(1) "m 0000000000000002 r 1 2x\n" "m 0000000000000003 q\n"
	  "last 0000000000000001 \n" M(4)), NULL, 0, "1r 4r",
	  "3 damaged lines", "state.bad" },
	{ "an id too long is damaged",
	  F(S "m 00000000000000001 r\n" M(2)), NULL, 0, "2r",
	  "1 damaged line", "state.bad" },
	{ "a place out of range is damaged",
	  F(S "m 0000000000000001 r 4294967296 0\n"
	  "m 0000000000000002 r 4294967295 0\n"), NULL, 0, "2r:4294967295.0",
	  "1 damaged line", "state.bad" },
	{ "a second journal header (two instances starting) is harmless",
	  F(S), F(J J M(1)), "1r", NULL, NULL },
	{ "the journal comes after the state",
	  F(S M(1) "m 0000000000000002 r 5 6\n"),
	  F(J "m 0000000000000001 u\n" "m 0000000000000002 r 7 8\n"),
	  "1u 2r:7.8", NULL, NULL },
	{ "empty files", "", 0, "", 0, "", NULL, NULL },
	{ "not a state file at all",
	  F("garbage\0\1\2 not a state file\n"), NULL, 0, "",
	  "not a reader state file", "state.bad" },
	{ "a state from a newer version is not read as this one",
	  F("reader-state 2\n" M(1)), NULL, 0, "",
	  "not a reader state file", "state.bad" },
};

/* Each case: what is read back, the warning, the file set aside, and
 * the new state, which holds every record read. */
static void
test_salvage(void)
{
	const struct salvage_case	*c;
	struct persist			 p, q;
	struct causes			 cs;
	char				*got, *again, *w;
	size_t				 i;

	for (i = 0; i < sizeof salvage_cases / sizeof *salvage_cases; i++) {
		c = &salvage_cases[i];
		clean();
		put("state", c->state, c->state_len);
		put("journal", c->journal, c->journal_len);
		causes_init(&cs);
		persist_open(&p, root, &cs);
		got = marks(&p);
		is_str(got, c->marks, "%s: records read", c->name);
		w = said(&cs);
		if (c->warning == NULL)
			is_str(w, "", "%s: no warning", c->name);
		else
			ok(strstr(w, c->warning) != NULL, "%s: warns '%s' (%s)",
			    c->name, c->warning, w);
		free(w);
		ok(c->bad == NULL ? !exists("state.bad") &&
		    !exists("journal.bad") : exists(c->bad),
		    "%s: %s", c->name, c->bad ? c->bad : "nothing set aside");
		persist_close(&p);
		causes_free(&cs);
		/* Read again: the same records, and no more warnings. */
		causes_init(&cs);
		persist_open(&q, root, &cs);
		again = marks(&q);
		is_str(again, c->marks, "%s: read back the same", c->name);
		is_int(cs.n, 0, "%s: and the next start finds nothing wrong",
		    c->name);
		persist_close(&q);
		causes_free(&cs);
		free(got);
		free(again);
	}
}

/* A second damaged file does not replace the first one set aside. */
static void
test_bad_numbered(void)
{
	struct persist	 p;
	struct causes	 cs;
	char		*first, *second;

	clean();
	put("state", F(S M(1) "\0\n"));
	causes_init(&cs);
	persist_open(&p, root, &cs);
	persist_close(&p);
	first = get("state.bad");
	put("state", F(S M(2) "\0\n"));
	persist_open(&p, root, &cs);
	persist_close(&p);
	put("state", F("junk\n"));
	persist_open(&p, root, &cs);
	persist_close(&p);
	second = get("state.bad");
	ok(first != NULL && second != NULL && strcmp(first, second) == 0,
	    "a second damaged state leaves state.bad as it was");
	ok(exists("state.bad.1") && exists("state.bad.2"),
	    "  and is kept as state.bad.1, then state.bad.2");
	ok(cs.n == 3 && strstr(cs.msg[1], "state.bad.1") != NULL,
	    "  and the warning names it");
	causes_free(&cs);
	free(first);
	free(second);
}

/* Opens the state as an unprivileged user (root reads anything), marks
 * something and saves; exits 0 if the state file was left alone and the
 * warning said why, 1 if not, 77 if the check cannot run. */
static int
unreadable_child(void)
{
	struct persist	 p;
	struct causes	 cs;
	struct passwd	*pw;
	char		*w;
	int		 rc;

	if (geteuid() == 0) {
		if ((pw = getpwnam("nobody")) == NULL ||
		    setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0)
			return 77;
	}
	if (access(root, W_OK) != 0)
		return 77;
	causes_init(&cs);
	persist_open(&p, root, &cs);
	persist_settle(&p, &cs);
	persist_set_read(&p, 9, true);
	rc = persist_save(&p, &cs);
	w = said(&cs);
	printf("# said: %s\n", w);
	rc = rc != 0 && strncmp(w, LOST, sizeof LOST - 1) == 0 &&
	    strstr(w, "state: Permission denied") != NULL &&
	    strstr(w, "not a reader") == NULL;
	free(w);
	persist_close(&p);
	causes_free(&cs);
	return rc ? 0 : 1;
}

/* An unreadable state is said to be unreadable, not set aside, and not
 * written over. */
static void
test_unreadable(void)
{
	char		*path = xasprintf("%s/state", root), *after;
	int		 status;
	pid_t		 pid;

	clean();
	put("state", F(S M(1) M(2)));
	chmod(path, 0);
	/* The directory must let the other user in (and could let it
	 * replace the file). */
	chmod(root, 0777);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		free(path);
		_exit(unreadable_child());
	}
	waitpid(pid, &status, 0);
	chmod(root, 0700);
	chmod(path, 0600);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
		tap_skip("cannot run as an unprivileged user: unreadable "
		    "state not checked");
	} else
		ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "an unreadable state is reported as unreadable");
	after = get("state");
	is_str(after, S M(1) M(2), "  and is not written over");
	ok(!exists("state.bad"), "  nor set aside");
	free(after);
	free(path);
	/* Not a regular file: the same. */
	clean();
	mkdir(path = xasprintf("%s/state", root), 0700);
	{
		struct persist	 p;
		struct causes	 cs;
		char		*w;

		causes_init(&cs);
		persist_open(&p, root, &cs);
		persist_set_read(&p, 1, true);
		ok(persist_save(&p, &cs) != 0, "a state that is a directory "
		    "is not saved over");
		w = said(&cs);
		ok(strncmp(w, LOST, sizeof LOST - 1) == 0 &&
		    strstr(w, "not a regular file") != NULL, "  and says so, "
		    "the consequence first (%s)", w);
		free(w);
		persist_close(&p);
		causes_free(&cs);
	}
	rmdir(path);
	free(path);
}

/* A write past the limit fails, and the limit goes: the failure is
 * transient, as on a disk where space is freed a moment later. */
static void
lift_limit(int sig)
{
	struct rlimit	rl = { RLIM_INFINITY, RLIM_INFINITY };

	(void) sig;
	setrlimit(RLIMIT_FSIZE, &rl);
}

/* Saves with a file size limit of limit bytes in a child (lifted after
 * the first failure if transient); returns its errno when saving failed
 * (0 if it worked). */
static int
limited_child(rlim_t limit, bool journal_only, bool transient)
{
	struct persist	 p;
	struct causes	 cs;
	struct rlimit	 rl = { limit, transient ? RLIM_INFINITY : limit };
	uint64_t	 id;
	int		 rc;

	signal(SIGXFSZ, transient ? lift_limit : SIG_IGN);
	causes_init(&cs);
	persist_open(&p, root, &cs);
	persist_settle(&p, &cs);
	if (journal_only) {
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			return 99;
		for (id = 100; id < 400; id++)
			persist_set_read(&p, id, true);
		return p.failed ? p.err : 0;
	}
	persist_set_read(&p, 100, true);
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 99;
	rc = persist_save(&p, &cs);
	return rc != 0 ? (p.err != 0 ? p.err : 98) : 0;
}

/* Opens a damaged state while the disk is full, then saves once there is
 * room again. */
static int
salvage_child(void)
{
	struct persist	 p;
	struct causes	 cs;
	struct rlimit	 rl = { 10, RLIM_INFINITY };

	signal(SIGXFSZ, SIG_IGN);
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 99;
	causes_init(&cs);
	persist_open(&p, root, &cs);
	rl.rlim_cur = RLIM_INFINITY;
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 99;
	persist_settle(&p, &cs);
	return persist_save(&p, &cs) == 0 ? 0 : 1;
}

static int
run_limited(rlim_t limit, bool journal_only, bool transient)
{
	int	status;
	pid_t	pid;

	fflush(stdout);
	if ((pid = fork()) == 0)
		_exit(limited_child(limit, journal_only, transient));
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A snapshot that cannot be written whole replaces nothing; a journal
 * write cut short says why. */
static void
test_full_disk(void)
{
	char		 big[20000], *before, *after;
	size_t		 n = 0;
	int		 status;
	pid_t		 pid;
	uint64_t	 id;

	clean();
	n = (size_t) snprintf(big, sizeof big, "%s", S);
	for (id = 1; id < 500 && n + 40 < sizeof big; id++)
		n += (size_t) snprintf(big + n, sizeof big - n,
		    "m %016" PRIx64 " r 1 2\n", id + 1000);
	put("state", big, n);
	before = get("state");
	/* Larger than a stdio buffer, so part of it is written. */
	is_int(run_limited(6000, false, false), EFBIG,
	    "a snapshot cut short by a full disk fails with the reason");
	after = get("state");
	ok(before != NULL && after != NULL && strcmp(before, after) == 0,
	    "  and the good state is left as it was");
	free(after);
	after = xasprintf("ls '%s' | grep -q 'state\\.'", root);
	ok(system(after) != 0, "  and no temporary file is left");
	free(after);
	/* stdio drops a buffer it could not write; later writes work. */
	clean();
	put("state", big, n);
	is_int(run_limited(6000, false, true), EFBIG,
	    "a snapshot with a write that failed once fails");
	after = get("state");
	ok(before != NULL && after != NULL && strcmp(before, after) == 0,
	    "  and the good state is left as it was");
	free(after);
	free(before);

	clean();
	put("state", F(S M(1) M(2) "\0\n"));
	fflush(stdout);
	if ((pid = fork()) == 0)
		_exit(salvage_child());
	waitpid(pid, &status, 0);
	after = get("state");
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0 && after != NULL &&
	    strcmp(after, S M(1) M(2)) == 0, "what was read of a damaged "
	    "state that could not be written at once is written later");
	free(after);

	clean();
	is_int(run_limited(200, true, false), EFBIG,
	    "a journal write cut short says why (not \"Success\")");
}

/* The state is a symbolic link: it is written through. */
static void
test_symlink(void)
{
	struct persist	 p;
	struct causes	 cs;
	char		*target = xasprintf("%s/elsewhere", root), *link_,
			*got;
	struct stat	 st;

	clean();
	mkdir(target, 0700);
	free(target);
	target = xasprintf("%s/elsewhere/state", root);
	link_ = xasprintf("%s/state", root);
	put("elsewhere/state", F(S M(1)));
	if (symlink("elsewhere/state", link_) != 0)
		exit(99);
	causes_init(&cs);
	persist_open(&p, root, &cs);
	persist_settle(&p, &cs);
	persist_set_read(&p, 2, true);
	ok(persist_save(&p, &cs) == 0, "a state that is a link is saved");
	ok(lstat(link_, &st) == 0 && S_ISLNK(st.st_mode),
	    "  and is still a link");
	got = get("elsewhere/state");
	is_str(got, S M(1) M(2), "  to a file that has the new marks");
	persist_close(&p);
	causes_free(&cs);
	free(got);
	free(target);
	free(link_);
}

/* Two instances on one directory lose nothing of each other's. */
static void
test_two(void)
{
	struct persist	 a, b, c;
	struct causes	 cs;
	struct place	 at = { 3, 4 };
	char		*got;

	clean();
	put("state", F(S M(1)));
	causes_init(&cs);
	persist_open(&a, root, &cs);
	persist_open(&b, root, &cs);
	persist_settle(&a, &cs);
	persist_settle(&b, &cs);
	persist_set_read(&a, 2, true);
	persist_set_read(&b, 3, true);
	persist_save(&a, &cs);		/* a snapshot while b runs */
	persist_set_read(&b, 4, true);
	persist_set_place(&b, 5, &at);
	persist_set_read(&a, 6, true);
	/* b is killed: it never saves. */
	persist_open(&c, root, &cs);
	got = marks(&c);
	is_str(got, "1r 2r 3r 4r 5u:3.4 6r",
	    "a snapshot of one instance keeps the other's changes, before "
	    "and after it");
	free(got);
	persist_close(&c);
	persist_save(&a, &cs);
	persist_set_read(&b, 7, true);
	persist_save(&b, &cs);		/* b knows nothing of 2 and 6 */
	persist_open(&c, root, &cs);
	got = marks(&c);
	is_str(got, "1r 2r 3r 4r 5u:3.4 6r 7r",
	    "  and the other's snapshot keeps the first one's");
	free(got);
	is_int(cs.n, 0, "  with nothing damaged");
	persist_close(&a);
	persist_close(&b);
	persist_close(&c);
	causes_free(&cs);
}

/* Changes before persist_settle() wait; a moved position is due once it
 * has stayed put. */
static void
test_timing(void)
{
	struct persist	 p;
	struct causes	 cs;
	struct timespec	 ts = { 0, (PERSIST_SETTLE_MS + 50) * 1000000L };
	char		*j;

	clean();
	causes_init(&cs);
	persist_open(&p, root, &cs);
	persist_set_read(&p, 1, true);
	ok(!exists("journal"), "nothing is written before the first screen");
	persist_settle(&p, &cs);
	j = get("journal");
	is_str(j, J M(1), "  and then the journal has it");
	free(j);
	is_int(persist_wait_ms(&p, 1000), 1000, "no move: the wait is as long "
	    "as asked");
	persist_moved(&p);
	ok(!persist_place_due(&p), "a moved position is not due at once");
	ok(persist_wait_ms(&p, 1000) <= PERSIST_SETTLE_MS &&
	    persist_wait_ms(&p, -1) >= 0, "  and the wait ends when it is");
	nanosleep(&ts, NULL);
	ok(persist_place_due(&p), "  it is due once it has stayed put");
	ok(!persist_place_due(&p), "  once");
	persist_close(&p);
	causes_free(&cs);
}

int
main(void)
{
	tap_locale();
	if (mkdtemp(root) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	test_salvage();
	test_bad_numbered();
	test_unreadable();
	test_full_disk();
	test_symlink();
	test_two();
	test_timing();
	clean();
	rmdir(root);
	return tap_done();
}
