/* reader --search: matches printed one a line; see ftscli.h. */
#include "system.h"

#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#ifdef HAVE_SYS_PRCTL_H
# include <sys/prctl.h>
#endif

#include "corpus.h"
#include "fts.h"
#include "ftscli.h"
#include "persist.h"
#include "query.h"
#include "text.h"
#include "xmalloc.h"

/* Columns of the snippet. */
#define SNIPPET_COLUMNS 60

/* Whether article id has been read, by the marks in arg. */
static bool
is_read(void *arg, uint64_t id)
{
	const struct mark	*m = persist_get(arg, id);

	return m != NULL && m->read;
}

/* Opens the index, brings it up to date with lib and finds the matches
 * of q (with q NULL, merges it into one segment instead); an index that
 * SQLite finds damaged on the way is removed and made again once, with a
 * warning. Returns the index (to fts_close()), or NULL with an error in
 * cs. */
static struct fts *
find(const struct query *q, const struct fts_library *lib, int flags,
    struct persist *p, struct fts_hit **h, size_t *n, struct causes *cs)
{
	struct causes	 mine;
	struct fts	*f;
	size_t		 i;
	int		 tries, rc;

	for (tries = 0; tries < 2; tries++) {
		if ((f = fts_open(NULL, flags, cs)) == NULL)
			return NULL;
		causes_init(&mine);
		rc = fts_update(f, lib, &mine);
		if (rc == 0 && q == NULL)
			rc = fts_compact(f, &mine);
		else if (rc == 0)
			rc = fts_query(f, q, lib, p != NULL ? is_read : NULL,
			    p, h, n, &mine);
		if (rc != 0 && fts_damaged(f) && tries == 0) {
			/* (Closing removes it.) */
			fts_close(f);
			causes_free(&mine);
			causes_warn(cs, "%s", _("the search index is damaged: "
			    "it is made again"));
			continue;
		}
		for (i = 0; i < mine.n; i++)
			if (mine.error[i])
				causes_add(cs, "%s", mine.msg[i]);
			else
				causes_warn(cs, "%s", mine.msg[i]);
		causes_free(&mine);
		if (rc == 0)
			return f;
		fts_close(f);
		return NULL;
	}
	return NULL;
}

/* Prints s with every control character, tab and line end as a space:
 * fields are separated by tabs and matches by lines. */
static void
put_field(FILE *out, const char *s)
{
	char		*clean = text_clean_str(s);
	const char	*p;

	for (p = clean; *p != '\0'; p++)
		putc((unsigned char) *p < 0x20 || *p == 0x7f ? ' ' : *p, out);
	free(clean);
}

/* Prints a date YYYYMMDDhhmmss as YYYY-MM-DD, or "-". */
static void
put_date(FILE *out, int64_t d)
{
	if (d <= 0) {
		fputs("-", out);
		return;
	}
	fprintf(out, "%04d-%02d-%02d", (int) (d / 10000000000),
	    (int) (d / 100000000 % 100), (int) (d / 1000000 % 100));
}

/* Brings the index up to date with corpus c and prints the articles that
 * match text, best first: date, title, path and a line of the matched
 * text, separated by tabs; with variants, traditional and simplified
 * Chinese alike. Returns 0, FTSCLI_NONE when nothing matched (or there
 * is no index), FTSCLI_BAD when the query is malformed (with a message
 * in cs). */
int
ftscli_run(FILE *out, const char *text, const struct corpus *c,
    bool variants, struct causes *cs)
{
	struct query		 q;
	struct fts		*f;
	struct fts_library	 lib;
	struct fts_hit		*h;
	struct persist		 p;
	char			*dir, *snip, *path, *title;
	size_t			 n, i;
	bool			 marks = false;
	int			 rc, flags = variants ? FTS_VARIANTS : 0;

	if (query_parse(&q, text, cs) != 0) {
		query_free(&q);
		return FTSCLI_BAD;
	}
	if (q.unread != 0 && (dir = persist_default_dir()) != NULL) {
		marks = persist_open(&p, dir, cs) == 0;
		free(dir);
	}
	fts_library_from_corpus(&lib, c);
	f = find(&q, &lib, flags, marks ? &p : NULL, &h, &n, cs);
	if (f != NULL) {
		for (i = 0; i < n; i++) {
			if ((path = fts_hit_path(f, &h[i])) == NULL)
				continue;
			title = NULL;
			snip = fts_snippet(path, &q, flags, SNIPPET_COLUMNS,
			    &title);
			put_date(out, h[i].date);
			putc('\t', out);
			put_field(out, title != NULL ? title : "");
			putc('\t', out);
			put_field(out, path);
			putc('\t', out);
			if (snip != NULL)
				put_field(out, snip);
			putc('\n', out);
			free(snip);
			free(path);
			free(title);
		}
		free(h);
		rc = n > 0 ? 0 : FTSCLI_NONE;
	} else
		rc = FTSCLI_NONE;
	if (marks)
		persist_close(&p);
	fts_library_free(&lib);
	fts_close(f);
	query_free(&q);
	return rc;
}

/* Brings the index up to date with corpus c and merges it into one
 * segment, for a job run ahead of searches (after the library is
 * synchronised, say). Returns 0, or 1 with an error in cs. */
int
ftscli_index(const struct corpus *c, bool variants, struct causes *cs)
{
	struct fts_library	 lib;
	struct fts		*f;

	fts_library_from_corpus(&lib, c);
	f = find(NULL, &lib, variants ? FTS_VARIANTS : 0, NULL, NULL, NULL,
	    cs);
	fts_library_free(&lib);
	fts_close(f);
	return f != NULL ? 0 : 1;
}

static volatile sig_atomic_t worker_stop;

static void
on_worker_signal(int sig)
{
	(void) sig;
	worker_stop = 1;
}

/* Writes one line of the worker's protocol and sends it at once. */
static void
say(FILE *out, char kind, const char *text)
{
	const char	*p;

	putc(kind, out);
	putc(' ', out);
	for (p = text; *p != '\0'; p++)
		putc(*p == '\n' ? ' ' : *p, out);
	putc('\n', out);
	fflush(out);
}

/* The interface's indexer, in a process of its own (reader
 * --index-worker, which the interface starts): its memory and its work
 * are not the interface's, and it runs at a lower priority. It brings
 * the index up to date with corpus c and tells out, one line each:
 * "p DONE TOTAL" as it goes, "w TEXT" and "e TEXT" for what it has to
 * say, "d" once the index has the whole library (queries see it all),
 * or "x" when SQLite found it damaged; then it merges what it added, and
 * ends. A TERM, INT or HUP, or the end
 * of the interface, stops it; what it did is kept. Returns 0, or 1 when
 * the index could not be opened. */
int
ftscli_index_worker(FILE *out, const struct corpus *c, bool variants,
    struct causes *cs)
{
	struct sigaction	 sa;
	struct timespec		 ts = { 0, 50000000 };
	struct fts_library	 lib;
	struct fts		*f;
	size_t			 done, total, i, last_done = (size_t) -1,
				 last_total = (size_t) -1;
	pid_t			 parent = getppid();
	char			 line[64];

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_worker_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
#if defined(HAVE_SYS_PRCTL_H) && defined(PR_SET_PDEATHSIG)
	prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
	/* (The interface may have gone before that took hold.) */
	if (getppid() != parent)
		return 0;
	setpriority(PRIO_PROCESS, 0, 10);
	if ((f = fts_open(NULL, variants ? FTS_VARIANTS : 0, cs)) == NULL)
		return 1;
	fts_library_from_corpus(&lib, c);
	fts_index_start(f, &lib);
	while (!worker_stop && fts_index_progress(f, &done, &total)) {
		if (done != last_done || total != last_total) {
			snprintf(line, sizeof line, "%zu %zu", done, total);
			say(out, 'p', line);
			last_done = done;
			last_total = total;
		}
		nanosleep(&ts, NULL);
	}
	if (!worker_stop) {
		fts_index_done(f, cs);
		for (i = 0; i < cs->n; i++)
			say(out, cs->error[i] ? 'e' : 'w', cs->msg[i]);
		causes_clear(cs);
		/* Damaged: the interface makes it again (closing removes
		 * it). */
		say(out, fts_damaged(f) ? 'x' : 'd', "");
		while (!worker_stop && fts_index_running(f))
			nanosleep(&ts, NULL);
	}
	fts_close(f);
	return 0;
}
