/* Unit tests of query.c and fts.c: the query language, where matches are
 * in a text, and the index built on a thread of its own while queries
 * are made. */
#include "system.h"

#include <sqlite3.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "fts.h"
#include "query.h"
#include "tap.h"
#include "text.h"

/* Parses text and returns its terms as query_fts() writes them, by
 * spaces, each after - when it is left out and title: when it is to be in
 * the title; or "error: ..." with the first message. */
static const char *
fts_of(const char *text)
{
	static char	 buf[512];
	struct causes	 cs;
	struct query	 q;
	size_t		 i, len = 0;
	char		*e;

	causes_init(&cs);
	buf[0] = '\0';
	if (query_parse(&q, text, &cs) != 0)
		snprintf(buf, sizeof buf, "error: %s", cs.n ? cs.msg[0] : "");
	else
		for (i = 0; i < q.n && len < sizeof buf; i++) {
			e = query_fts(&q.t[i]);
			len += (size_t) snprintf(buf + len, sizeof buf - len,
			    "%s%s%s%s", i > 0 ? " " : "",
			    q.t[i].negated ? "-" : "",
			    q.t[i].title ? "title:" : "", e);
			free(e);
		}
	query_free(&q);
	causes_free(&cs);
	return buf;
}

/* Parses text and returns its dates and unread as "from until unread". */
static const char *
filters_of(const char *text)
{
	static char	buf[128];
	struct causes	cs;
	struct query	q;

	causes_init(&cs);
	if (query_parse(&q, text, &cs) != 0)
		snprintf(buf, sizeof buf, "error");
	else
		snprintf(buf, sizeof buf, "%lld %lld %d",
		    (long long) q.from, (long long) q.until, q.unread);
	query_free(&q);
	causes_free(&cs);
	return buf;
}

static void
test_query(void)
{
	is_str(fts_of("实验室"), "\"实验室\"", "a word");
	is_str(fts_of("实"), "\"实\"*", "a lone character is a prefix");
	is_str(fts_of("实验 linux*"), "\"实验\" \"linux\"*",
	    "words, and a prefix");
	is_str(fts_of("\"open source\" -\"closed\" -x"),
	    "\"open source\" -\"closed\" -\"x\"",
	    "a phrase, and words left out");
	is_str(fts_of("say \"a\"\"b\""), "\"say\" \"a\"",
	    "a quote ends a phrase");
	is_str(fts_of("x \"q\"\"\""), "\"x\" \"q\"",
	    "an empty phrase is nothing");
	is_str(fts_of("a\"b"), "\"a\"\"b\"", "a quote inside a word is escaped");
	is_str(fts_of("title:实验 科学"), "title:\"实验\" \"科学\"",
	    "a word in the title");
	is_str(fts_of("-title:实验 科学"), "-title:\"实验\" \"科学\"",
	    "  and one left out of it");
	is_str(fts_of("“全国 重点”"), "\"全国 重点\"",
	    "Chinese quotation marks");
	is_str(fts_of("\"open"),
	    "error: in the query, '\"open': a quotation mark is not closed",
	    "an open quote is an error");
	is_str(fts_of(""),
	    "error: the query is empty: type words to search for",
	    "an empty query is an error");
	is_str(fts_of("-x"),
	    "error: in the query, '-x': a query needs a word to find, not "
	    "only words to leave out", "only words left out is an error");
	is_str(fts_of("，。"),
	    "error: in the query, '，。': nothing to search for: no letters, "
	    "digits or characters", "punctuation alone is an error");
	ok(strncmp(fts_of("\"\033[31mx"), "error: ", 7) == 0 &&
	    strchr(fts_of("\"\033[31mx"), '\033') == NULL,
	    "a message has no control characters");
	is_str(filters_of("date:2024"), "20240101000000 20250101000000 0",
	    "a year");
	is_str(filters_of("date:2024-02"), "20240201000000 20240301000000 0",
	    "a month");
	is_str(filters_of("date:2024-12"), "20241201000000 20250101000000 0",
	    "December");
	is_str(filters_of("date:2024-02-29"),
	    "20240229000000 20240301000000 0", "a leap day");
	is_str(filters_of("date:2023-02-29"), "error", "not a leap year");
	is_str(filters_of("after:2024-04-30 unread"),
	    "20240501000000 0 1", "after a day, unread");
	is_str(filters_of("before:2024/04 -unread"), "1 20240401000000 -1",
	    "before a month (with a slash), read");
	is_str(filters_of("after:2024 before:2024-06"), "error",
	    "no date after 2024 and before June 2024");
	is_str(filters_of("date:24-04"), "error", "a short year");
	is_str(filters_of("date:2024-4"), "error", "a short month");
	is_str(filters_of("-date:2024"), "error", "a date left out");
}

/* Returns the matches of query in text as "off+len ...". */
static const char *
spans_of(const char *text, const char *query)
{
	static char	 buf[256];
	struct causes	 cs;
	struct query	 q;
	struct span	*sp;
	size_t		 n, i, len = 0;

	causes_init(&cs);
	buf[0] = '\0';
	if (query_parse(&q, query, &cs) == 0) {
		fts_find(text, strlen(text), &q, 0, false, &sp, &n);
		for (i = 0; i < n; i++)
			len += (size_t) snprintf(buf + len, sizeof buf - len,
			    "%s%u+%u", i ? " " : "", sp[i].off, sp[i].len);
		free(sp);
	}
	query_free(&q);
	causes_free(&cs);
	return buf;
}

static void
test_find(void)
{
	is_str(spans_of("实验室的实验", "实验"), "0+6 12+6",
	    "every match of a word");
	is_str(spans_of("实验室", "实"), "0+3", "a lone character");
	is_str(spans_of("实验室", "室"), "6+3", "  at the end of a run");
	is_str(spans_of("重点实验室", "点实验"), "3+9", "three characters");
	is_str(spans_of("实验 室", "实室"), "", "not characters apart");
	is_str(spans_of("Open SOURCE, open-source", "\"open source\""),
	    "0+11 13+11", "a phrase, whatever its case");
	is_str(spans_of("ＡＢＣ公司", "abc"), "0+9",
	    "full-width letters, by their bytes");
	is_str(spans_of("reader readers", "read*"), "0+6 7+7", "a prefix");
	is_str(spans_of("猫和狗", "猫 狗 -和"), "0+3 6+3",
	    "words left out are not marked");
}

/* Articles in the library of test_background(): enough for a bulk
 * update, which leaves its segments to be merged after. */
#define NART 1200

/* FTS5's automerge setting in the index db: 0 while a bulk update's
 * segments wait to be merged. */
static int
automerge(const char *db)
{
	sqlite3		*c;
	sqlite3_stmt	*st;
	int		 v = -1;

	if (sqlite3_open_v2(db, &c, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(c, "SELECT v FROM text_config WHERE k = "
	    "'automerge'", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(c);
	return v;
}

/* Writes an article. */
static void
write_article(const char *dir, int i, const char *body)
{
	char	path[512];
	FILE	*f;

	snprintf(path, sizeof path, "%s/a%04d.txt", dir, i);
	f = fopen(path, "w");
	fprintf(f, "发布时间:2024-04-%02d 10:00 原文链接: 第%d篇\n\n  %s\n",
	    i % 28 + 1, i, body);
	fclose(f);
}

/* The library of the NART articles in dir, with roots' root. */
static void
fts_library_from_files(struct fts_library *lib,
    const struct fts_library *roots, const char *dir)
{
	char		path[600];
	struct stat	st;
	int		k;

	memset(lib, 0, sizeof *lib);
	lib->f = calloc(NART, sizeof *lib->f);
	for (k = 0; k < NART; k++) {
		snprintf(path, sizeof path, "%s/a%04d.txt", dir, k);
		stat(path, &st);
		lib->f[k].path = strdup(path);
		lib->f[k].size = st.st_size;
		lib->f[k].mtime = st.st_mtime;
		lib->f[k].id = (uint64_t) k + 1;
	}
	lib->n = NART;
	lib->roots = calloc(1, sizeof *lib->roots);
	lib->roots[0] = strdup(roots->roots[0]);
	lib->nroots = 1;
}

static void
test_background(void)
{
	char			 dir[] = "/tmp/reader-fts-XXXXXX", db[100];
	char			 path[600];
	struct causes		 cs;
	struct fts		*f;
	struct fts_library	 lib, roots;
	struct fts_hit		*h;
	struct query		 q;
	struct timespec		 ts = { 0, 10000000 };
	size_t			 n, i, done, total;
	int			 k, wrong;

	if (mkdtemp(dir) == NULL) {
		ok(0, "a temporary directory");
		return;
	}
	for (k = 0; k < NART; k++)
		write_article(dir, k, k % 10 == 3 ? "河马在河边。" :
		    "大象在草原上。");
	snprintf(db, sizeof db, "%s/search.db", dir);
	causes_init(&cs);
	f = fts_open(db, 0, &cs);
	ok(f != NULL, "an index is made");
	/* The indexer takes lib; the queries have the roots of their own. */
	memset(&roots, 0, sizeof roots);
	roots.roots = calloc(1, sizeof *roots.roots);
	snprintf(path, sizeof path, "%s/", dir);
	roots.roots[0] = strdup(path);
	roots.nroots = 1;
	fts_library_from_files(&lib, &roots, dir);
	fts_index_start(f, &lib);
	ok(lib.f == NULL, "the indexer takes the library");
	query_parse(&q, "河马", &cs);
	for (k = 0; k < 1000 && fts_index_progress(f, &done, &total); k++) {
		/* Queries go on while it works. */
		if (fts_query(f, &q, &roots, NULL, NULL, &h, &n, &cs) == 0)
			free(h);
		nanosleep(&ts, NULL);
	}
	fts_index_progress(f, &done, &total);
	is_int(done, NART, "the indexer indexes every file");
	is_int(total, NART, "  of those it had to");
	ok(fts_query(f, &q, &roots, NULL, NULL, &h, &n, &cs) == 0,
	    "a query after it");
	is_int(n, NART / 10, "  finds every match");
	for (i = 1; i < n; i++)
		if (h[i].date > h[i - 1].date)
			break;
	is_int(i, n, "  newest first");
	free(h);
	fts_index_done(f, &cs);
	is_int(cs.n, 0, "nothing to say");
	/* Its segments are merged after, while queries go on. */
	for (k = 0, wrong = 0; k < 6000 && automerge(db) == 0; k++) {
		if (fts_query(f, &q, &roots, NULL, NULL, &h, &n, &cs) != 0 ||
		    n != NART / 10)
			wrong++;
		free(h);
		nanosleep(&ts, NULL);
	}
	is_int(automerge(db), 4, "then the indexer merges what it added");
	is_int(wrong, 0, "  queries meanwhile find every match");
	ok(fts_query(f, &q, &roots, NULL, NULL, &h, &n, &cs) == 0 &&
	    n == NART / 10, "  and the same is found");
	free(h);
	fts_index_stop(f, &cs);
	is_int(cs.n, 0, "  with nothing to say");
	fts_close(f);

	/* In this thread (reader --search): left unmerged, and merged by
	 * fts_compact() (reader --index). */
	unlink(db);
	f = fts_open(db, 0, &cs);
	fts_library_from_files(&lib, &roots, dir);
	ok(fts_update(f, &lib, &cs) == 0, "an update in this thread");
	is_int(automerge(db), 0, "  leaves a bulk's segments unmerged");
	ok(fts_query(f, &q, &roots, NULL, NULL, &h, &n, &cs) == 0 &&
	    n == NART / 10, "  and finds every match");
	free(h);
	ok(fts_compact(f, &cs) == 0, "fts_compact() merges them");
	is_int(automerge(db), 4, "  into one, merging as it goes again");
	ok(fts_query(f, &q, &roots, NULL, NULL, &h, &n, &cs) == 0 &&
	    n == NART / 10, "  and the same is found");
	free(h);
	ok(fts_compact(f, &cs) == 0, "  again: nothing to do");
	is_int(cs.n, 0, "nothing to say");
	fts_library_free(&lib);

	/* Left unmerged, then a small update in this thread: it takes a
	 * step of the merge (here, all of it). */
	fts_close(f);
	unlink(db);
	f = fts_open(db, 0, &cs);
	fts_library_from_files(&lib, &roots, dir);
	fts_update(f, &lib, &cs);
	fts_library_free(&lib);
	is_int(automerge(db), 0, "a bulk update leaves its segments");
	write_article(dir, 7, "河马又来了。");
	fts_library_from_files(&lib, &roots, dir);
	lib.f[7].mtime += 10;
	ok(fts_update(f, &lib, &cs) == 0, "  a small update after it");
	is_int(automerge(db), 4, "  merges them on its way");
	ok(fts_query(f, &q, &roots, NULL, NULL, &h, &n, &cs) == 0 &&
	    n == NART / 10 + 1, "  and finds the changed file");
	free(h);
	is_int(cs.n, 0, "nothing to say");
	fts_library_free(&lib);

	/* The indexer cannot open the index (its directory gone): it says
	 * so, and queries go on with the connection they have. */
	snprintf(path, sizeof path, "%s.gone", dir);
	fts_library_from_files(&lib, &roots, dir);
	rename(dir, path);
	fts_index_start(f, &lib);
	for (k = 0; k < 6000 && fts_index_progress(f, NULL, NULL); k++)
		nanosleep(&ts, NULL);
	fts_index_done(f, &cs);
	ok(cs.n == 1 && strstr(cs.msg[0], "cannot open the search index") !=
	    NULL, "an indexer that cannot open the index says so");
	causes_clear(&cs);
	fts_index_stop(f, &cs);
	rename(path, dir);
	query_free(&q);
	fts_close(f);
	causes_free(&cs);
	fts_library_free(&roots);
	for (k = 0; k < NART; k++) {
		snprintf(path, sizeof path, "%s/a%04d.txt", dir, k);
		unlink(path);
	}
	unlink(db);
	snprintf(path, sizeof path, "%s-wal", db);
	unlink(path);
	snprintf(path, sizeof path, "%s-shm", db);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	tap_locale();
	text_init();
	test_query();
	test_find();
	test_background();
	return tap_done();
}
