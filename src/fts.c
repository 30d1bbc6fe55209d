/* The full-text index of the library; see fts.h. */
#include "system.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "corpus.h"
#include "fileutil.h"
#include "fts.h"
#include "ftstok.h"
#include "text.h"
#include "thread.h"
#include "xmalloc.h"

/* The format of the database, kept in its header (user_version) and in
 * its metadata; another is made again. */
#define FTS_FORMAT	3
#define FTS_APP_ID	0x52445246	/* "RDRF" */
#define FTS_MAGIC	"reader full-text index"

/* Most of a file that is indexed (the start of a larger one is). */
#define FTS_MAX_BYTES	(8 << 20)

/* A write transaction is committed after this many files or this long,
 * so that another program waiting to write, and readers of progress, do
 * not wait long. */
#define BATCH_FILES	2000
#define BATCH_NSEC	500000000L

/* Terms gathered in memory before they are written as a segment (more
 * made no build faster), and SQLite's page cache: segments are written
 * in order and read through the system's cache, so a larger one made
 * neither builds nor queries faster, only the memory larger. */
#define FTS_HASH_BYTES	(16 << 20)
#define FTS_CACHE_KIB	"4096"

/* The pages of a new database (an index made before keeps its own), and
 * FTS5's leaves, which fill one each less what SQLite keeps in a page (as
 * FTS5's default of 4050 does with pages of 4096): half as many leaves
 * and rows to write, read and merge as with 4096. */
#define FTS_PAGE_BYTES	"8192"
#define FTS_LEAF_BYTES	8146

/* While files are inserted, the next ones are read and cut into terms on
 * another thread (the cut is about a third of the work, the rest is
 * SQLite's): at most AHEAD_FILES files and about AHEAD_BYTES bytes
 * ahead. A body larger than AHEAD_MAX_BODY is cut as it is inserted, as
 * its terms take several times its size. With fewer than AHEAD_MIN
 * files to index, no thread is worth starting. */
#define AHEAD_FILES	128
#define AHEAD_BYTES	(4 << 20)
#define AHEAD_MAX_BODY	(1 << 20)
#define AHEAD_MIN	8

/* Files indexed in one update from which the index is left unmerged.
 * Such an update merges nothing as it goes (FTS5 would write the terms
 * again at each level, about as much work as the insertion): automerge
 * is off and crisismerge high while it runs, and stay so afterwards, so
 * that the index is searchable as soon as the terms are in. The segments
 * (some fifty for 100,000 articles, which queries hardly notice) are then
 * merged into one by the background indexer, FTS_MERGE_PAGES at a time,
 * in transactions short enough for another program's write to wait
 * little and for a quit to be prompt; merging is set back on when that
 * is done. So that segments never pile up where no interface runs long
 * enough, an update in the caller's thread (reader --search) that finds
 * the index still unmerged merges it all at its end if it is a bulk
 * itself, and takes a step of the merge if not. */
#define FTS_BULK_MIN	1000
#define FTS_MERGE_PAGES	1000	/* about 0.1 s of work */
#define MERGE_BUSY_MS	100	/* a step waits this long for the lock */
#define MERGE_TRIES	600	/* then tries again, this many times */
#define MERGE_STEP_NS	100000000L	/* merging after a small update */
#define FTS_AUTOMERGE	4	/* FTS5's defaults */
#define FTS_CRISISMERGE	16
#define FTS_NO_CRISIS	1000	/* segments of a level: about 50 is usual */

/* How long a program waits for another's write to end, in ms. */
#define BUSY_MS		30000

/* The index is made again when more rows are stale than this share of the
 * live ones (and at least FTS_STALE_MIN). */
#define FTS_STALE_MIN	2000
#define FTS_STALE_DIV	2

/* The rows of the index, in memory for queries: a hit's row, date and
 * article, and (in_title) whether its file is in the library. */
struct rowcache {
	struct fts_hit	*v;		/* by row */
	size_t		 n;
	uint32_t	*order;		/* v's indices, newest first */
	uint8_t		*mark;		/* for a query: MARK_... for each */
	int64_t		 version;	/* PRAGMA data_version when read */
	int64_t		 gen;		/* the index's 'gen' then: it changes
					 * with the rows, not with a merge */
	const struct fts_library *lib;
	bool		 valid;
};

struct fts {
	sqlite3		*db;
	struct rowcache	 rc;
	char		*file;
	int		 flags;
	/* The indexer. */
	pthread_t	 thread;
	bool		 running;
	struct fts_library lib;
	_Atomic size_t	 done;
	_Atomic size_t	 total;
	_Atomic bool	 stop;
	_Atomic bool	 busy;
	_Atomic bool	 damaged;	/* SQLite found it damaged in use */
	_Atomic bool	 finished;	/* the thread, merge and all */
	struct causes	 tcs;		/* what the indexer had to say */
};

/* The tokenizer as FTS5 sees it. */
struct tok {
	int	flags;
};

struct tok_call {
	void	*ctx;
	int	(*token)(void *, int, const char *, int, int, int);
};

/* A term of a text as the index sees it, its folded form in the arena of
 * struct positions. */
struct pos {
	uint32_t	off;
	uint32_t	len;
	uint32_t	start;
	uint32_t	end;
};

struct positions {
	struct pos	*v;
	size_t		 n;
	size_t		 cap;
	char		*arena;
	size_t		 alen;
	size_t		 acap;
};

/* Adds a term of a text to its positions. */
static int
add_position(void *arg, const struct ftstok_term *t)
{
	struct positions	*ps = arg;
	struct pos		*p;

	if (ps->n == ps->cap)
		ps->v = xreallocarray(ps->v, ps->cap = ps->cap ? 2 * ps->cap :
		    256, sizeof *ps->v);
	if (ps->alen + t->len > ps->acap)
		ps->arena = xreallocarray(ps->arena, ps->acap = (ps->alen +
		    t->len) * 2 + 256, 1);
	p = &ps->v[ps->n++];
	memcpy(ps->arena + ps->alen, t->s, t->len);
	p->off = (uint32_t) ps->alen;
	p->len = (uint32_t) t->len;
	p->start = (uint32_t) t->start;
	p->end = (uint32_t) t->end;
	ps->alen += t->len;
	return 0;
}

static void
positions_free(struct positions *ps)
{
	free(ps->v);
	free(ps->arena);
}

/* A file read, and its title and body cut into terms, ahead of its
 * insertion. */
struct ahead {
	bool		 ok;		/* it could be read */
	struct doc	 d;
	char		*body;
	size_t		 blen;
	bool		 cut;		/* col[] has the terms */
	int		 tflags;	/* of the cut: FTSTOK_VARIANTS */
	struct positions col[2];	/* of the title and of the body */
	size_t		 bytes;		/* held, roughly */
};

/* The file whose row this thread is inserting, if its terms were cut
 * ahead: the tokenizer hands them over instead of cutting the text
 * again (it checks that the text is the one that was cut). */
static _Thread_local const struct ahead *replay;

/* Returns the database file, in $XDG_CACHE_HOME/reader or
 * ~/.cache/reader; NULL if there is no home. Caller frees. */
char *
fts_default_file(void)
{
	const char	*x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/reader/search.db", x);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.cache/reader/search.db", home);
	return NULL;
}

/* FTS5: makes a tokenizer; "variants" among the arguments folds Chinese
 * variants. */
static int
tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct tok	*t = xcalloc(1, sizeof *t);
	int		 i;

	(void) ctx;
	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "variants") == 0)
			t->flags |= FTSTOK_VARIANTS;
	*out = (Fts5Tokenizer *) t;
	return SQLITE_OK;
}

/* FTS5: frees a tokenizer. */
static void
tok_delete(Fts5Tokenizer *t)
{
	free(t);
}

/* Passes one term on to FTS5. */
static int
tok_term(void *arg, const struct ftstok_term *t)
{
	struct tok_call	*c = arg;

	return c->token(c->ctx, 0,
	    t->s, (int) t->len, (int) t->start, (int) t->end);
}

/* Hands the terms of a text cut ahead to FTS5. */
static int
tok_replay(const struct positions *ps, void *ctx,
    int (*token)(void *, int, const char *, int, int, int))
{
	const struct pos	*p;
	size_t			 i;
	int			 rc;

	for (i = 0; i < ps->n; i++) {
		p = &ps->v[i];
		if ((rc = token(ctx, 0, ps->arena + p->off, (int) p->len,
		    (int) p->start, (int) p->end)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* FTS5: cuts text into terms. */
static int
tok_tokenize(Fts5Tokenizer *tk, void *ctx, int flags, const char *text,
    int n, int (*token)(void *, int, const char *, int, int, int))
{
	struct tok		*t = (struct tok *) tk;
	struct tok_call		 c = { ctx, token };
	const struct ahead	*a = replay;
	int			 f = t->flags;

	if (flags & FTS5_TOKENIZE_QUERY)
		f |= FTSTOK_QUERY;
	else if (a != NULL && a->tflags == f && n >= 0) {
		if ((size_t) n == a->d.title.len && memcmp(text,
		    a->d.text + a->d.title.off, (size_t) n) == 0)
			return tok_replay(&a->col[0], ctx, token);
		if ((size_t) n == a->blen && memcmp(text, a->body,
		    (size_t) n) == 0)
			return tok_replay(&a->col[1], ctx, token);
	}
	return ftstok_cut(text, n > 0 ? (size_t) n : 0, f, tok_term, &c);
}

/* reader_ids() is not for the schema or triggers (SQLite 3.30 on). */
#ifdef SQLITE_DIRECTONLY
# define IDS_FLAGS	SQLITE_DIRECTONLY
#else
# define IDS_FLAGS	0
#endif

/* Row ids gathered by reader_ids(). */
struct idbuf {
	int64_t	*v;
	size_t	 n, cap;
};

/* The aggregate reader_ids(rowid): the rowids, as a blob of int64_t in
 * the machine's order. Rows come to C this way at a sixth less cost than
 * with one sqlite3_step() and sqlite3_column_int64() each, which counts
 * when a word is in nearly every article. */
static void
ids_step(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	struct idbuf	*b = sqlite3_aggregate_context(ctx, sizeof *b);

	(void) nval;
	if (b == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (b->n == b->cap)
		b->v = xreallocarray(b->v, b->cap = b->cap ? 2 * b->cap : 256,
		    sizeof *b->v);
	b->v[b->n++] = sqlite3_value_int64(val[0]);
}

static void
ids_final(sqlite3_context *ctx)
{
	struct idbuf	*b = sqlite3_aggregate_context(ctx, 0);

	if (b == NULL || b->n == 0)
		sqlite3_result_zeroblob(ctx, 0);
	else
		sqlite3_result_blob64(ctx, b->v, b->n * sizeof *b->v, free);
}

/* Registers the tokenizer "reader" and the function reader_ids() with a
 * connection. */
static int
register_tokenizer(sqlite3 *db)
{
	static fts5_tokenizer	 tk = { tok_create, tok_delete,
				     tok_tokenize };
	sqlite3_stmt		*st;
	fts5_api		*api = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(st, 1, (void *) &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL || api->iVersion < 2)
		return -1;
	if (api->xCreateTokenizer(api, "reader", NULL, &tk, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_create_function(db, "reader_ids", 1, SQLITE_UTF8 |
	    IDS_FLAGS, NULL, NULL, ids_step, ids_final) != SQLITE_OK)
		return -1;
	return 0;
}

/* Returns the one value of a query as an integer, or -1. */
static int64_t
get_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Returns the metadata value of key (caller frees), or NULL. */
static char *
get_meta(sqlite3 *db, const char *key)
{
	sqlite3_stmt	*st;
	char		*v = NULL;

	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) != NULL)
		v = xstrdup((const char *) sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

/* The metadata that must be found: what made the index, and how. */
static char *
meta_format(int flags)
{
	return xasprintf("%s %d %s", FTS_MAGIC, FTS_FORMAT,
	    (flags & FTS_VARIANTS) ? "variants" : "plain");
}

/* A check of the metadata, so that a damaged table is not believed. */
static char *
meta_check(const char *format)
{
	uint64_t	h = corpus_hash(0x6a09e667f3bcc908ULL, format,
			    strlen(format));

	return xasprintf("%016llx", (unsigned long long) h);
}

/* Makes the tables of a new index: doc, a row for each file; text, the
 * terms of its body and related items, and titles, those of its title,
 * under the same row number. Apart, each table has one column, and FTS5
 * spends no byte on which column a term is in (a third of the index for
 * text whose terms are mostly once in an article), and which articles
 * have a word in the title is found from the titles alone. */
static int
create_schema(sqlite3 *db, int flags)
{
	char	*format = meta_format(flags), *check = meta_check(format);
	char	*sql;
	int	 rc;

	sql = sqlite3_mprintf(
	    "BEGIN IMMEDIATE;"
	    "PRAGMA application_id = %d;"
	    "PRAGMA user_version = %d;"
	    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	    "CREATE TABLE doc(id INTEGER PRIMARY KEY AUTOINCREMENT,"
	    " key INTEGER NOT NULL, path BLOB NOT NULL,"
	    " size INTEGER NOT NULL, mtime INTEGER NOT NULL,"
	    " date INTEGER NOT NULL, aid INTEGER NOT NULL);"
	    "CREATE INDEX doc_key ON doc(key);"
	    "CREATE VIRTUAL TABLE text USING fts5(body, content='',"
	    " columnsize=0, tokenize='reader%s');"
	    "CREATE VIRTUAL TABLE titles USING fts5(title, content='',"
	    " columnsize=0, tokenize='reader%s');"
	    "INSERT INTO text(text, rank) VALUES('hashsize', %d);"
	    "INSERT INTO text(text, rank) VALUES('pgsz', %d);"
	    "INSERT INTO titles(titles, rank) VALUES('pgsz', %d);"
	    "INSERT INTO meta VALUES('format', %Q), ('check', %Q),"
	    " ('stale', '0'), ('gen', '0');"
	    "COMMIT;", FTS_APP_ID, FTS_FORMAT,
	    (flags & FTS_VARIANTS) ? " variants" : "",
	    (flags & FTS_VARIANTS) ? " variants" : "", FTS_HASH_BYTES,
	    FTS_LEAF_BYTES, FTS_LEAF_BYTES, format, check);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	free(format);
	free(check);
	return rc == SQLITE_OK ? 0 : -1;
}

/* Whether db is an index of ours, of this format and folding, with sound
 * metadata. */
static bool
sound(sqlite3 *db, int flags)
{
	char	*format = meta_format(flags), *check = meta_check(format);
	char	*f, *c;
	bool	 ok;

	f = get_meta(db, "format");
	c = get_meta(db, "check");
	ok = get_int(db, "PRAGMA application_id") == FTS_APP_ID &&
	    get_int(db, "PRAGMA user_version") == FTS_FORMAT &&
	    f != NULL && c != NULL && strcmp(f, format) == 0 &&
	    strcmp(c, check) == 0 &&
	    get_int(db, "SELECT count(*) FROM sqlite_master WHERE "
	    "name IN ('doc', 'text', 'titles')") == 3;
	free(f);
	free(c);
	free(format);
	free(check);
	return ok;
}

/* Removes the database file and its log. */
static void
remove_db(const char *file)
{
	char	*s;

	unlink(file);
	s = xasprintf("%s-wal", file);
	unlink(s);
	free(s);
	s = xasprintf("%s-shm", file);
	unlink(s);
	free(s);
}

/* Whether the last error on db says the file is damaged. */
static bool
damaged(sqlite3 *db)
{
	int	e = sqlite3_errcode(db) & 0xff;

	return e == SQLITE_CORRUPT || e == SQLITE_NOTADB;
}

/* Opens a connection to file with the tokenizer and the settings every
 * connection needs. Returns NULL (and sets *err) on failure. */
static sqlite3 *
connect(const char *file, int *err)
{
	sqlite3	*db = NULL;

	*err = sqlite3_open_v2(file, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (*err == SQLITE_OK) {
		sqlite3_busy_timeout(db, BUSY_MS);
		/* (page_size and auto_vacuum count only before the first
		 * table.) */
		*err = sqlite3_exec(db, "PRAGMA page_size = " FTS_PAGE_BYTES ";"
		    "PRAGMA auto_vacuum = INCREMENTAL;"
		    "PRAGMA journal_mode = WAL;"
		    "PRAGMA synchronous = NORMAL;"
		    "PRAGMA cache_size = -" FTS_CACHE_KIB ";", NULL, NULL,
		    NULL);
	}
	if (*err == SQLITE_OK && register_tokenizer(db) != 0)
		*err = SQLITE_ERROR;
	if (*err != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* Opens the index in file (NULL: the default one), making it if it does
 * not exist and again if it cannot be trusted (with a warning in cs).
 * flags: FTS_VARIANTS (ignored when OpenCC is not there). Returns NULL
 * with an error in cs when there can be no index. fts_close() it. */
struct fts *
fts_open(const char *file, int flags, struct causes *cs)
{
	struct fts	*f;
	sqlite3		*db;
	char		*dir, *slash, *shown;
	const char	*why;
	int		 err, tries;

	/* (OpenCC is loaded only when it is asked for: it is C++, and
	 * slowed every start.) */
	if ((flags & FTS_VARIANTS) && !ftstok_have_variants(&why)) {
		flags &= ~FTS_VARIANTS;
		if (why != NULL)
			causes_warn(cs, _("search_variants: OpenCC cannot be "
			    "used (%s): traditional and simplified Chinese "
			    "are found apart"), why);
		else
			causes_warn(cs, "%s", _("search_variants: this reader "
			    "was built without OpenCC: traditional and "
			    "simplified Chinese are found apart"));
	}
	f = xcalloc(1, sizeof *f);
	f->file = file != NULL ? xstrdup(file) : fts_default_file();
	f->flags = flags;
	causes_init(&f->tcs);
	if (f->file == NULL) {
		causes_add(cs, "%s", _("no place for the search index: "
		    "neither XDG_CACHE_HOME nor HOME is set"));
		goto fail;
	}
	dir = xstrdup(f->file);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		file_mkdirs(dir);
	}
	free(dir);
	shown = corpus_display_path(f->file);
	for (tries = 0; tries < 2; tries++) {
		db = connect(f->file, &err);
		if (db != NULL && get_int(db, "SELECT count(*) FROM "
		    "sqlite_master") == 0 && create_schema(db, flags) != 0 &&
		    get_int(db, "SELECT count(*) FROM sqlite_master") == 0)
			err = sqlite3_errcode(db);
		else if (db != NULL && sound(db, flags))
			break;
		else if (db != NULL)
			err = SQLITE_NOTADB;
		if (err == SQLITE_CANTOPEN || err == SQLITE_PERM ||
		    err == SQLITE_READONLY || err == SQLITE_IOERR ||
		    err == SQLITE_FULL) {
			causes_add(cs, _("%s: cannot open the search index: "
			    "%s"), shown, sqlite3_errstr(err));
			sqlite3_close(db);
			db = NULL;
			break;
		}
		sqlite3_close(db);
		db = NULL;
		if (tries == 0) {
			causes_warn(cs, _("%s: the search index is damaged, "
			    "not reader's, or of another version or other "
			    "settings: it is made again"), shown);
			remove_db(f->file);
		}
	}
	free(shown);
	if (db == NULL)
		goto fail;
	f->db = db;
	return f;
fail:
	causes_free(&f->tcs);
	free(f->file);
	free(f);
	return NULL;
}

/* Stops the indexer and closes the index. */
void
fts_close(struct fts *f)
{
	if (f == NULL)
		return;
	fts_index_stop(f, NULL);
	free(f->rc.v);
	free(f->rc.order);
	free(f->rc.mark);
	sqlite3_close(f->db);
	/* Found damaged in use: made again the next time. */
	if (f->damaged)
		remove_db(f->file);
	causes_free(&f->tcs);
	free(f->file);
	free(f);
}

/* Returns path made absolute (not resolved: as the user gave it, after
 * the current directory). Caller frees. */
static char *
absolute(const char *path)
{
	char	*cwd, *s;

	if (path[0] == '/')
		return xstrdup(path);
	cwd = getcwd(NULL, 0);
	if (cwd == NULL)
		return xstrdup(path);
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	s = xasprintf("%s/%s", cwd, strcmp(path, ".") == 0 ? "" : path);
	free(cwd);
	return s;
}

/* Fills lib with the articles of corpus c: their absolute paths, sizes
 * and times. fts_library_free() it. */
void
fts_library_from_corpus(struct fts_library *lib, const struct corpus *c)
{
	char	**base;
	size_t	  i, blen;

	memset(lib, 0, sizeof *lib);
	lib->roots = xcalloc(c->nroots + 1, sizeof *lib->roots);
	base = xcalloc(c->nroots + 1, sizeof *base);
	for (i = 0; i < c->nroots; i++) {
		base[i] = absolute(c->roots[i].path);
		blen = strlen(base[i]);
		if (c->roots[i].dir && (blen == 0 || base[i][blen - 1] != '/'))
		{
			lib->roots[i] = xasprintf("%s/", base[i]);
			free(base[i]);
			base[i] = xstrdup(lib->roots[i]);
		} else
			lib->roots[i] = xstrdup(base[i]);
	}
	lib->nroots = c->nroots;
	lib->f = xcalloc(c->n + 1, sizeof *lib->f);
	for (i = 0; i < c->n; i++) {
		const struct article	*a = &c->v[i];
		struct fts_file		*f = &lib->f[lib->n];

		if (a->root >= c->nroots)
			continue;
		f->path = c->roots[a->root].dir ?
		    xasprintf("%s%s", base[a->root], a->path) :
		    xstrdup(base[a->root]);
		f->size = a->size;
		f->mtime = a->mtime;
		f->id = a->id;
		lib->n++;
	}
	for (i = 0; i < c->nroots; i++)
		free(base[i]);
	free(base);
}

/* Frees what lib holds. */
void
fts_library_free(struct fts_library *lib)
{
	size_t	i;

	for (i = 0; i < lib->n; i++)
		free(lib->f[i].path);
	for (i = 0; i < lib->nroots; i++)
		free(lib->roots[i]);
	free(lib->f);
	free(lib->roots);
	memset(lib, 0, sizeof *lib);
}

/* Whether path is in one of the library's roots. */
static bool
in_library(const struct fts_library *lib, const char *path)
{
	size_t	i, n;

	for (i = 0; i < lib->nroots; i++) {
		n = strlen(lib->roots[i]);
		if (n > 0 && lib->roots[i][n - 1] == '/' ?
		    strncmp(path, lib->roots[i], n) == 0 :
		    strcmp(path, lib->roots[i]) == 0)
			return true;
	}
	return false;
}

/* Returns the text of a parsed article that is indexed as its body: its
 * paragraphs and its related items, a line each. Caller frees. */
char *
fts_body(const struct doc *d, size_t *len)
{
	char	*b;
	size_t	 i, n = 0, cap = 1;

	for (i = 0; i < d->npara; i++)
		cap += d->paras[i].text.len + 1;
	for (i = 0; i < d->nrel; i++)
		cap += d->rel[i].title.len + d->rel[i].excerpt.len + 2;
	b = xmalloc(cap);
	for (i = 0; i < d->npara; i++) {
		memcpy(b + n, d->text + d->paras[i].text.off,
		    d->paras[i].text.len);
		n += d->paras[i].text.len;
		b[n++] = '\n';
	}
	for (i = 0; i < d->nrel; i++) {
		memcpy(b + n, d->text + d->rel[i].title.off,
		    d->rel[i].title.len);
		n += d->rel[i].title.len;
		b[n++] = ' ';
		memcpy(b + n, d->text + d->rel[i].excerpt.off,
		    d->rel[i].excerpt.len);
		n += d->rel[i].excerpt.len;
		b[n++] = '\n';
	}
	b[n] = '\0';
	*len = n;
	return b;
}

/* An index row, as the update compares it with a file. */
struct row {
	char		*path;
	int64_t		 id;
	int64_t		 size;
	int64_t		 mtime;
	bool		 seen;
};

/* Open hash of rows by path. */
struct rows {
	struct row	*v;
	size_t		 n;
	size_t		 cap;		/* a power of two */
};

static uint64_t
hash_path(const char *s)
{
	return corpus_hash(0xcbf29ce484222325ULL, s, strlen(s));
}

/* Returns the slot of path in rs (an empty one if it is not there). */
static struct row *
rows_slot(struct rows *rs, const char *path)
{
	size_t	i = hash_path(path) & (rs->cap - 1);

	while (rs->v[i].path != NULL && strcmp(rs->v[i].path, path) != 0)
		i = (i + 1) & (rs->cap - 1);
	return &rs->v[i];
}

/* Whether every root of lib is a file (no directory): then its rows are
 * those of its roots, found one by one. */
static bool
files_only(const struct fts_library *lib)
{
	size_t	i, n;

	for (i = 0; i < lib->nroots; i++)
		if ((n = strlen(lib->roots[i])) == 0 ||
		    lib->roots[i][n - 1] == '/')
			return false;
	return true;
}

/* Reads the rows of the roots of lib (all files) one by one: for a file
 * or two, reading every row of the index is not worth it. */
static int
rows_load_files(sqlite3 *db, const struct fts_library *lib,
    struct rows *rs)
{
	sqlite3_stmt	*st;
	struct row	*r;
	size_t		 i;
	int		 rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(db, "SELECT id, size, mtime FROM doc WHERE "
	    "key = ?1 AND path = ?2", -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (i = 0; i < lib->nroots; i++) {
		r = rows_slot(rs, lib->roots[i]);
		if (r->path != NULL)
			continue;
		sqlite3_bind_int64(st, 1, (sqlite3_int64)
		    hash_path(lib->roots[i]));
		sqlite3_bind_text(st, 2, lib->roots[i], -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			r->path = xstrdup(lib->roots[i]);
			r->id = sqlite3_column_int64(st, 0);
			r->size = sqlite3_column_int64(st, 1);
			r->mtime = sqlite3_column_int64(st, 2);
			rs->n++;
			rc = SQLITE_DONE;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Reads the rows of the index under the library's roots. */
static int
rows_load(sqlite3 *db, const struct fts_library *lib, struct rows *rs)
{
	sqlite3_stmt	*st;
	struct row	*r;
	const char	*path;
	size_t		 want = 1024;
	int		 rc;

	while (want < 2 * (lib->n + lib->nroots + 16))
		want *= 2;
	memset(rs, 0, sizeof *rs);
	rs->cap = want;
	rs->v = xcalloc(rs->cap, sizeof *rs->v);
	if (files_only(lib))
		return rows_load_files(db, lib, rs);
	if (sqlite3_prepare_v2(db, "SELECT id, path, size, mtime FROM doc",
	    -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		path = (const char *) sqlite3_column_text(st, 1);
		if (path == NULL || !in_library(lib, path))
			continue;
		if (rs->n + 1 >= rs->cap / 2) {
			struct rows	old = *rs;
			size_t		i;

			rs->cap *= 2;
			rs->v = xcalloc(rs->cap, sizeof *rs->v);
			for (i = 0; i < old.cap; i++)
				if (old.v[i].path != NULL)
					*rows_slot(rs, old.v[i].path) =
					    old.v[i];
			free(old.v);
		}
		r = rows_slot(rs, path);
		if (r->path != NULL)
			continue;
		r->path = xstrdup(path);
		r->id = sqlite3_column_int64(st, 0);
		r->size = sqlite3_column_int64(st, 2);
		r->mtime = sqlite3_column_int64(st, 3);
		rs->n++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void
rows_free(struct rows *rs)
{
	size_t	i;

	for (i = 0; i < rs->cap; i++)
		free(rs->v[i].path);
	free(rs->v);
}

/* The statements of an update. */
struct writer {
	sqlite3		*db;
	sqlite3_stmt	*find;
	sqlite3_stmt	*del;
	sqlite3_stmt	*add;
	sqlite3_stmt	*addtext;
	sqlite3_stmt	*addtitle;
	int64_t		 stale;		/* rows left behind */
};

static int
writer_init(struct writer *w, sqlite3 *db)
{
	memset(w, 0, sizeof *w);
	w->db = db;
	if (sqlite3_prepare_v2(db, "SELECT size, mtime FROM doc WHERE key = "
	    "?1 AND path = ?2", -1, &w->find, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "DELETE FROM doc WHERE key = ?1 AND path "
	    "= ?2", -1, &w->del, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO doc(key, path, size, mtime, "
	    "date, aid) VALUES(?1, ?2, ?3, ?4, ?5, ?6)", -1, &w->add, NULL)
	    != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO text(rowid, body) "
	    "VALUES(?1, ?2)", -1, &w->addtext, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO titles(rowid, title) "
	    "VALUES(?1, ?2)", -1, &w->addtitle, NULL) != SQLITE_OK)
		return -1;
	return 0;
}

static void
writer_free(struct writer *w)
{
	sqlite3_finalize(w->find);
	sqlite3_finalize(w->del);
	sqlite3_finalize(w->add);
	sqlite3_finalize(w->addtext);
	sqlite3_finalize(w->addtitle);
}

/* Forgets the row of path, if there is one. */
static int
forget(struct writer *w, const char *path)
{
	int	rc;

	sqlite3_bind_int64(w->del, 1, (sqlite3_int64) hash_path(path));
	sqlite3_bind_text(w->del, 2, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(w->del);
	sqlite3_reset(w->del);
	if (rc != SQLITE_DONE)
		return -1;
	w->stale += sqlite3_changes(w->db);
	return 0;
}

/* Reads file f into a (ahead_free() it); with cut, cuts its title and
 * body into terms too, unless the body is too large to hold them. A file
 * that cannot be read is !a->ok. */
static void
ahead_read(struct ahead *a, const struct fts_file *f, int tflags, bool cut)
{
	struct causes	cs;
	size_t		i;
	bool		complete;

	memset(a, 0, sizeof *a);
	a->tflags = tflags;
	causes_init(&cs);
	a->ok = corpus_load_doc_part(f->path, &a->d, &cs, FTS_MAX_BYTES,
	    &complete) == 0;
	causes_free(&cs);
	if (!a->ok)
		return;
	a->body = fts_body(&a->d, &a->blen);
	a->bytes = a->d.len + a->blen;
	if (!cut || a->blen > AHEAD_MAX_BODY)
		return;
	ftstok_cut(a->d.text + a->d.title.off, a->d.title.len, tflags,
	    add_position, &a->col[0]);
	ftstok_cut(a->body, a->blen, tflags, add_position, &a->col[1]);
	for (i = 0; i < 2; i++)
		a->bytes += a->col[i].cap * sizeof *a->col[i].v +
		    a->col[i].acap;
	a->cut = true;
}

/* Frees what a holds. */
static void
ahead_free(struct ahead *a)
{
	if (a->ok)
		doc_free(&a->d);
	free(a->body);
	positions_free(&a->col[0]);
	positions_free(&a->col[1]);
	memset(a, 0, sizeof *a);
}

/* Inserts the rows of file f, read into a. */
static int
index_read(struct writer *w, const struct fts_file *f, const struct ahead *a)
{
	sqlite3_int64	row;
	int		rc;

	if (!a->ok)
		return 0;
	sqlite3_bind_int64(w->add, 1, (sqlite3_int64) hash_path(f->path));
	sqlite3_bind_text(w->add, 2, f->path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(w->add, 3, f->size);
	sqlite3_bind_int64(w->add, 4, f->mtime);
	sqlite3_bind_int64(w->add, 5, a->d.date);
	sqlite3_bind_int64(w->add, 6, (sqlite3_int64) f->id);
	rc = sqlite3_step(w->add);
	sqlite3_reset(w->add);
	if (rc == SQLITE_DONE) {
		row = sqlite3_last_insert_rowid(w->db);
		sqlite3_bind_int64(w->addtext, 1, row);
		sqlite3_bind_text(w->addtext, 2, a->body, (int) a->blen,
		    SQLITE_STATIC);
		replay = a->cut ? a : NULL;
		rc = sqlite3_step(w->addtext);
		sqlite3_reset(w->addtext);
		/* The title in a table of its own: see fts_query(). */
		if (rc == SQLITE_DONE) {
			sqlite3_bind_int64(w->addtitle, 1, row);
			sqlite3_bind_text(w->addtitle, 2, a->d.text +
			    a->d.title.off, (int) a->d.title.len,
			    SQLITE_STATIC);
			rc = sqlite3_step(w->addtitle);
			sqlite3_reset(w->addtitle);
		}
		replay = NULL;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Indexes file f, unless the index has it as it is now (another program
 * may have done it). a is the file read (and cut) ahead, or NULL: then
 * it is read here, with flags of the cut tflags. A file that cannot be
 * read is left out. */
static int
index_file(struct writer *w, const struct fts_file *f, struct ahead *a,
    int tflags)
{
	struct ahead	 mine;
	int		 rc, same = 0;

	sqlite3_bind_int64(w->find, 1, (sqlite3_int64) hash_path(f->path));
	sqlite3_bind_text(w->find, 2, f->path, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(w->find)) == SQLITE_ROW)
		same = sqlite3_column_int64(w->find, 0) == f->size &&
		    sqlite3_column_int64(w->find, 1) == f->mtime ? 1 : -1;
	sqlite3_reset(w->find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	if (same == 1)
		return 0;
	if (same == -1 && forget(w, f->path) != 0)
		return -1;
	if (a == NULL) {
		memset(&mine, 0, sizeof mine);
		ahead_read(&mine, f, tflags, false);
	}
	rc = index_read(w, f, a != NULL ? a : &mine);
	if (a == NULL)
		ahead_free(&mine);
	return rc;
}

/* The thread that reads and cuts files ahead of their insertion: it
 * fills the slots of todo[i] in order, i % AHEAD_FILES, and the inserting
 * thread empties them in the same order. */
struct cutter {
	const struct fts_file *const *todo;
	size_t		 n;
	int		 tflags;
	struct ahead	 slot[AHEAD_FILES];
	size_t		 head;		/* the next to be taken */
	size_t		 tail;		/* the next to be filled */
	size_t		 bytes;		/* held by the filled ones */
	bool		 stop;
	bool		 running;
	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;
	pthread_t	 thread;
};

static void *
cutter_main(void *arg)
{
	struct cutter	*k = arg;
	struct ahead	*a;
	size_t		 i;

	for (i = 0; i < k->n; i++) {
		pthread_mutex_lock(&k->lock);
		while (!k->stop && (i - k->head >= AHEAD_FILES ||
		    (i > k->head && k->bytes > AHEAD_BYTES)))
			pthread_cond_wait(&k->cond, &k->lock);
		pthread_mutex_unlock(&k->lock);
		if (k->stop)
			break;
		a = &k->slot[i % AHEAD_FILES];
		ahead_read(a, k->todo[i], k->tflags, true);
		pthread_mutex_lock(&k->lock);
		k->tail = i + 1;
		k->bytes += a->bytes;
		pthread_cond_broadcast(&k->cond);
		pthread_mutex_unlock(&k->lock);
	}
	return NULL;
}

/* Starts cutting the n files of todo ahead. Returns -1 if it could not
 * (the files are then read as they are inserted). */
static int
cutter_start(struct cutter *k, const struct fts_file *const *todo, size_t n,
    int tflags)
{
	memset(k, 0, sizeof *k);
	if (n < AHEAD_MIN)
		return -1;
	k->todo = todo;
	k->n = n;
	k->tflags = tflags;
	pthread_mutex_init(&k->lock, NULL);
	pthread_cond_init(&k->cond, NULL);
	if (thread_start(&k->thread, cutter_main, k) != 0) {
		pthread_mutex_destroy(&k->lock);
		pthread_cond_destroy(&k->cond);
		return -1;
	}
	k->running = true;
	return 0;
}

/* Waits for todo[i], the next file, to be read ahead, and returns it
 * (cutter_done() it), or NULL when no thread reads ahead. */
static struct ahead *
cutter_take(struct cutter *k, size_t i)
{
	if (!k->running)
		return NULL;
	pthread_mutex_lock(&k->lock);
	while (k->tail <= i)
		pthread_cond_wait(&k->cond, &k->lock);
	pthread_mutex_unlock(&k->lock);
	return &k->slot[i % AHEAD_FILES];
}

/* Gives back the slot of todo[i], inserted. */
static void
cutter_done(struct cutter *k, size_t i)
{
	struct ahead	*a = &k->slot[i % AHEAD_FILES];
	size_t		 bytes = a->bytes;

	ahead_free(a);
	pthread_mutex_lock(&k->lock);
	k->head = i + 1;
	k->bytes -= bytes;
	pthread_cond_broadcast(&k->cond);
	pthread_mutex_unlock(&k->lock);
}

/* Stops the thread and frees what it read that was not taken. */
static void
cutter_end(struct cutter *k)
{
	size_t	i;

	if (!k->running)
		return;
	pthread_mutex_lock(&k->lock);
	k->stop = true;
	pthread_cond_broadcast(&k->cond);
	pthread_mutex_unlock(&k->lock);
	pthread_join(k->thread, NULL);
	for (i = 0; i < AHEAD_FILES; i++)
		ahead_free(&k->slot[i]);
	pthread_mutex_destroy(&k->lock);
	pthread_cond_destroy(&k->cond);
	k->running = false;
}

static int	update_files(sqlite3 *, const struct fts_library *, int,
		    _Atomic size_t *, _Atomic size_t *, _Atomic bool *,
		    struct causes *);

static int64_t
now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Says that the rows of doc changed (see rows_refresh()); every
 * transaction of an update that changes them ends with settle_stale(). */
#define GEN_BUMP "UPDATE meta SET value = CAST(value AS INTEGER) + 1 " \
	"WHERE key = 'gen';"

/* Writes the count of stale rows, and empties the index when they have
 * become too many (the caller then indexes everything). Returns 1 when it
 * emptied it. */
static int
settle_stale(struct writer *w, size_t live)
{
	char	*sql;
	int64_t	 stale = get_int(w->db, "SELECT CAST(value AS INTEGER) FROM "
		    "meta WHERE key = 'stale'");
	int	 rc;

	if (stale < 0)
		stale = 0;
	stale += w->stale;
	w->stale = 0;
	if (stale > FTS_STALE_MIN && (size_t) stale > live / FTS_STALE_DIV) {
		rc = sqlite3_exec(w->db, GEN_BUMP "DELETE FROM doc;"
		    "DELETE FROM meta WHERE key LIKE 'lib-%';"
		    "INSERT INTO text(text) VALUES('delete-all');"
		    "INSERT INTO titles(titles) VALUES('delete-all');"
		    "UPDATE meta SET value = '0' WHERE key = 'stale';", NULL,
		    NULL, NULL);
		return rc == SQLITE_OK ? 1 : -1;
	}
	sql = sqlite3_mprintf("UPDATE meta SET value = '%lld' WHERE key = "
	    "'stale';" GEN_BUMP, (long long) stale);
	rc = sqlite3_exec(w->db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	return rc == SQLITE_OK ? 0 : -1;
}

/* Turns FTS5's merging as it goes on or off (in the transaction open). */
static int
merging(sqlite3 *db, bool on)
{
	char	*sql;
	int	 rc;

	sql = sqlite3_mprintf("INSERT INTO text(text, rank) VALUES"
	    "('automerge', %d);"
	    "INSERT INTO text(text, rank) VALUES('crisismerge', %d);"
	    "INSERT INTO titles(titles, rank) VALUES('automerge', %d);"
	    "INSERT INTO titles(titles, rank) VALUES('crisismerge', %d);",
	    on ? FTS_AUTOMERGE : 0, on ? FTS_CRISISMERGE : FTS_NO_CRISIS,
	    on ? FTS_AUTOMERGE : 0, on ? FTS_CRISISMERGE : FTS_NO_CRISIS);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	return rc == SQLITE_OK ? 0 : -1;
}

/* Whether a bulk update left the index unmerged (see FTS_BULK_MIN). */
static bool
is_unmerged(sqlite3 *db)
{
	return get_int(db, "SELECT v FROM text_config WHERE k = "
	    "'automerge'") == 0;
}

/* Merges the segments of an index left unmerged by a bulk update, a step
 * of about FTS_MERGE_PAGES pages written. Returns 1 while there is more
 * to do, 0 when it is one segment (and merging as it goes is back on),
 * -1 on an error (the transaction undone: a later step tries again). */
static int
merge_step(sqlite3 *db)
{
	static const char *const table[] = { "titles", "text" };
	unsigned	before;
	char		sql[80];
	int		more = 0;
	size_t		i;

	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return -1;
	if (!is_unmerged(db)) {
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		return 0;
	}
	/* Negative: all segments into one, whatever their levels. FTS5
	 * changes fewer than two rows when there is nothing left to do.
	 * The small table of titles first. */
	for (i = 0; i < ARRAY_SIZE(table) && !more; i++) {
		before = (unsigned) sqlite3_total_changes(db);
		snprintf(sql, sizeof sql, "INSERT INTO %s(%s, rank) VALUES"
		    "('merge', %d)", table[i], table[i], -FTS_MERGE_PAGES);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
			goto undo;
		more = (unsigned) sqlite3_total_changes(db) - before >= 2;
	}
	if (!more && merging(db, true) != 0)
		goto undo;
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto undo;
	if (!more)
		sqlite3_exec(db, "PRAGMA incremental_vacuum", NULL, NULL,
		    NULL);
	return more;
undo:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* The metadata key and value that say the index was last brought up to
 * date with a library of these files, sizes and times (in any order):
 * then nothing need be compared. Caller frees both. */
static void
fingerprint(const struct fts_library *lib, char **key, char **value)
{
	uint64_t	h = 0, r = 0x9e3779b97f4a7c15ULL, x;
	size_t		i;

	for (i = 0; i < lib->nroots; i++)
		r = corpus_hash(r, lib->roots[i], strlen(lib->roots[i]) + 1);
	for (i = 0; i < lib->n; i++) {
		x = corpus_hash(0x2545f4914f6cdd1dULL, lib->f[i].path,
		    strlen(lib->f[i].path));
		x = corpus_hash(x, &lib->f[i].size, sizeof lib->f[i].size);
		x = corpus_hash(x, &lib->f[i].mtime, sizeof lib->f[i].mtime);
		h += x;
	}
	*key = xasprintf("lib-%016llx", (unsigned long long) r);
	*value = xasprintf("%016llx %zu", (unsigned long long) h, lib->n);
}

/* Merges the segments of an index left unmerged into one, in one
 * transaction. Returns -1 on an error, said in cs (may be NULL), *bad
 * telling whether the index is damaged. */
static int
compact(sqlite3 *db, struct causes *cs, bool *bad)
{
	bool	begun = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL,
		    NULL) == SQLITE_OK;

	if (begun && (!is_unmerged(db) || (sqlite3_exec(db, "INSERT INTO "
	    "text(text) VALUES('optimize');INSERT INTO titles(titles) "
	    "VALUES('optimize')", NULL, NULL, NULL) == SQLITE_OK &&
	    merging(db, true) == 0)) &&
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) {
		sqlite3_exec(db, "PRAGMA incremental_vacuum", NULL, NULL,
		    NULL);
		return 0;
	}
	if (cs != NULL)
		causes_add(cs, _("cannot update the search index: %s"),
		    sqlite3_errmsg(db));
	*bad = damaged(db);
	if (begun)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Brings the index up to date with lib on connection db, whose tokenizer
 * cuts with tflags (FTSTOK_VARIANTS): files new or
 * changed are indexed, rows of files gone are forgotten. done and total
 * (may be NULL) count the files to index; stop (may be NULL) ends it
 * early, after a commit. */
static int
update(sqlite3 *db, const struct fts_library *lib, int tflags,
    _Atomic size_t *done, _Atomic size_t *total, _Atomic bool *stop,
    struct causes *cs)
{
	char	*key, *value, *was, *sql;
	int	 rc;

	/* The library as it was last time: nothing to compare. */
	fingerprint(lib, &key, &value);
	was = get_meta(db, key);
	if (was != NULL && strcmp(was, value) == 0) {
		free(was);
		free(key);
		free(value);
		return 0;
	}
	free(was);
	sql = sqlite3_mprintf("INSERT OR REPLACE INTO meta VALUES(%Q, %Q)",
	    key, value);
	free(key);
	free(value);
	rc = update_files(db, lib, tflags, done, total, stop, cs);
	if (rc == 0 && (stop == NULL || !*stop))
		sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	return rc;
}

/* Compares the files of lib with the rows of the index and brings them up
 * to date, as update() says. */
static int
update_files(sqlite3 *db, const struct fts_library *lib, int tflags,
    _Atomic size_t *done, _Atomic size_t *total, _Atomic bool *stop,
    struct causes *cs)
{
	struct rows	  rs;
	struct writer	  w;
	struct cutter	  cut;
	struct row	 *r;
	const struct fts_file **todo;
	size_t		  ntodo = 0, i, k, ngone = 0;
	int64_t		  t0;
	int		  rc = 0, again;
	bool		  bad, fresh = false, unmerged = false, bulk_before;

	memset(&cut, 0, sizeof cut);
	if (rows_load(db, lib, &rs) != 0) {
		rows_free(&rs);
		causes_add(cs, _("cannot read the search index: %s"),
		    sqlite3_errmsg(db));
		return damaged(db) ? -2 : -1;
	}
	todo = xcalloc(lib->n + 1, sizeof *todo);
	for (i = 0; i < lib->n; i++) {
		r = rows_slot(&rs, lib->f[i].path);
		if (r->path != NULL) {
			if (r->seen)
				continue;	/* the same file twice */
			r->seen = true;
			if (r->size == lib->f[i].size &&
			    r->mtime == lib->f[i].mtime)
				continue;
		}
		todo[ntodo++] = &lib->f[i];
	}
	for (i = 0; i < rs.cap; i++)
		if (rs.v[i].path != NULL && !rs.v[i].seen)
			ngone++;
	if (total != NULL)
		*total = ntodo;
	if (ntodo == 0 && ngone == 0) {
		rows_free(&rs);
		free(todo);
		return 0;
	}
	if (writer_init(&w, db) != 0)
		goto fail;
	/* A brand new index need not wait for the disk while it is made: a
	 * crash of the program leaves it sound all the same, one of the
	 * system may damage it, and it is then made again. */
	fresh = ntodo >= FTS_BULK_MIN &&
	    get_int(db, "SELECT EXISTS (SELECT 1 FROM doc)") == 0;
	if (fresh)
		sqlite3_exec(db, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	/* Merging left off by an update that was interrupted. */
	unmerged = bulk_before = is_unmerged(db);
	/* Files gone first, then the rest in batches. */
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		goto fail;
	for (i = 0; i < rs.cap; i++)
		if (rs.v[i].path != NULL && !rs.v[i].seen &&
		    forget(&w, rs.v[i].path) != 0)
			goto rollback;
	again = settle_stale(&w, lib->n);
	if (again < 0)
		goto rollback;
	if (again == 1) {
		/* Everything is to be indexed again. */
		for (i = 0; i < lib->n; i++)
			todo[i] = &lib->f[i];
		ntodo = lib->n;
		if (total != NULL)
			*total = ntodo;
	}
	if (ntodo >= FTS_BULK_MIN && !unmerged) {
		if (merging(db, false) != 0)
			goto rollback;
		unmerged = true;
	}
	cutter_start(&cut, todo, ntodo, tflags);
	for (i = 0; i < ntodo; ) {
		t0 = now_ns();
		for (k = 0; i < ntodo && k < BATCH_FILES &&
		    now_ns() - t0 < BATCH_NSEC; k++, i++) {
			if (stop != NULL && *stop)
				break;
			rc = index_file(&w, todo[i], cutter_take(&cut, i),
			    tflags);
			if (cut.running)
				cutter_done(&cut, i);
			if (rc != 0)
				goto rollback;
			if (done != NULL)
				(*done)++;
		}
		if (settle_stale(&w, lib->n) < 0 ||
		    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			goto rollback;
		if (i >= ntodo || (stop != NULL && *stop))
			break;
		if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
		    SQLITE_OK)
			goto fail;
	}
	cutter_end(&cut);
	writer_free(&w);
	/* A second bulk on an index not yet merged: one segment now (on
	 * an error, the next update tries again). */
	if (bulk_before && ntodo >= FTS_BULK_MIN && stop == NULL)
		compact(db, NULL, &bad);
	else if (stop == NULL && ntodo < FTS_BULK_MIN && unmerged) {
		/* A small update in this thread (reader --search) on an
		 * index a bulk left unmerged: some of the merge, so that
		 * segments do not pile up where the interface never runs
		 * long enough to merge them. */
		t0 = now_ns();
		while (merge_step(db) == 1 && now_ns() - t0 < MERGE_STEP_NS)
			continue;
	}
	if (fresh)
		sqlite3_exec(db, "PRAGMA synchronous = NORMAL", NULL, NULL,
		    NULL);
	rows_free(&rs);
	free(todo);
	return rc;
rollback:
	causes_add(cs, _("cannot update the search index: %s"),
	    sqlite3_errmsg(db));
	bad = damaged(db);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	if (fresh)
		sqlite3_exec(db, "PRAGMA synchronous = NORMAL", NULL, NULL,
		    NULL);
	cutter_end(&cut);
	writer_free(&w);
	rows_free(&rs);
	free(todo);
	return bad ? -2 : -1;
fail:
	causes_add(cs, _("cannot update the search index: %s"),
	    sqlite3_errmsg(db));
	bad = damaged(db);
	if (fresh)
		sqlite3_exec(db, "PRAGMA synchronous = NORMAL", NULL, NULL,
		    NULL);
	cutter_end(&cut);
	writer_free(&w);
	rows_free(&rs);
	free(todo);
	return bad ? -2 : -1;
}

/* The flags of the cut of f's tokenizer. */
static int
tok_flags(const struct fts *f)
{
	return (f->flags & FTS_VARIANTS) ? FTSTOK_VARIANTS : 0;
}

/* Brings the index up to date with lib, in this thread. Returns -1 with
 * an error in cs if it could not. */
int
fts_update(struct fts *f, const struct fts_library *lib, struct causes *cs)
{
	int	rc = update(f->db, lib, tok_flags(f), &f->done, &f->total, NULL,
		    cs);

	if (rc == -2)
		f->damaged = true;
	return rc < 0 ? -1 : 0;
}

/* Merges what bulk updates left unmerged into one segment, in this
 * thread and in one transaction (a third faster than in steps; another
 * program's write waits). Returns -1 with an error in cs if it could
 * not. */
int
fts_compact(struct fts *f, struct causes *cs)
{
	bool	bad = false;

	if (compact(f->db, cs, &bad) == 0)
		return 0;
	if (bad)
		f->damaged = true;
	return -1;
}

/* Whether SQLite found the index damaged while it was in use: then
 * fts_close() removes it, and it is made again when next opened. */
bool
fts_damaged(const struct fts *f)
{
	return f->damaged;
}

/* The indexer thread: an update on a connection of its own, then, once
 * it is said to be done (queries find everything), the merge a bulk
 * update left to do, until it is done or the thread is stopped. */
static void *
indexer(void *arg)
{
	struct fts	*f = arg;
	sqlite3		*db;
	int		 err, rc = -1, step, tries = 0;

	db = connect(f->file, &err);
	if (db == NULL)
		causes_add(&f->tcs, _("cannot open the search index: %s"),
		    sqlite3_errstr(err));
	else if ((rc = update(db, &f->lib, tok_flags(f), &f->done, &f->total,
	    &f->stop, &f->tcs)) == -2)
		f->damaged = true;
	/* What it had to say is all in f->tcs before this. */
	f->busy = false;
	/* Waiting for another program's write a little at a time, so that
	 * a stop is not kept waiting; an error that stays is left for the
	 * next time (queries find the index damaged, if it is, and say
	 * so). */
	if (rc == 0)
		sqlite3_busy_timeout(db, MERGE_BUSY_MS);
	while (rc == 0 && !f->stop && tries < MERGE_TRIES) {
		step = merge_step(db);
		if (step == 0)
			break;
		if (step < 0)
			tries++;
	}
	sqlite3_close(db);
	f->finished = true;
	return NULL;
}

/* Starts bringing the index up to date with lib in the background; the
 * index takes lib (and frees it). Queries meanwhile see what is done. */
void
fts_index_start(struct fts *f, struct fts_library *lib)
{
	fts_index_stop(f, NULL);
	f->lib = *lib;
	memset(lib, 0, sizeof *lib);
	f->done = 0;
	f->total = 0;
	f->stop = false;
	f->busy = true;
	f->finished = false;
	if (thread_start(&f->thread, indexer, f) != 0) {
		f->busy = false;
		fts_library_free(&f->lib);
		return;
	}
	f->running = true;
}

/* Says how far the indexer is: files indexed of those to index. Returns
 * whether it is still at work. */
bool
fts_index_progress(struct fts *f, size_t *done, size_t *total)
{
	if (done != NULL)
		*done = f->done;
	if (total != NULL)
		*total = f->total;
	return f->busy;
}

/* Whether the indexer's thread is still at work, merging after it is
 * done (fts_index_progress()) included. */
bool
fts_index_running(const struct fts *f)
{
	return f->running && !f->finished;
}

/* Once the indexer is done (fts_index_progress() says so), hands on what
 * it had to say to cs (may be NULL: forgotten), and leaves it to merge
 * what it added in the background, until the next start or fts_close(). */
void
fts_index_done(struct fts *f, struct causes *cs)
{
	size_t	i;

	for (i = 0; cs != NULL && i < f->tcs.n; i++)
		if (f->tcs.error[i])
			causes_add(cs, "%s", f->tcs.msg[i]);
		else
			causes_warn(cs, "%s", f->tcs.msg[i]);
	causes_clear(&f->tcs);
}

/* Stops the indexer (what it has done is kept) and hands on what it had to
 * say to cs (may be NULL). */
void
fts_index_stop(struct fts *f, struct causes *cs)
{
	if (!f->running)
		return;
	f->stop = true;
	pthread_join(f->thread, NULL);
	f->running = false;
	fts_index_done(f, cs);
	fts_library_free(&f->lib);
}

static int
id_order(const void *a, const void *b)
{
	const int64_t	*x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* Row ids, ascending. */
struct idset {
	int64_t	*v;
	size_t	 n;
};

/* Reads the row ids an FTS5 expression finds in table (text or titles)
 * into *ids. */
static int
match_ids(sqlite3 *db, const char *table, const char *expr,
    struct idset *ids)
{
	char		 sql[96];
	sqlite3_stmt	*st;
	size_t		 i, bytes;
	int		 rc;

	ids->v = xmalloc(sizeof *ids->v);
	ids->n = 0;
	snprintf(sql, sizeof sql, "SELECT reader_ids(rowid) FROM %s WHERE %s "
	    "MATCH ?1", table, table);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		bytes = (size_t) sqlite3_column_bytes(st, 0);
		if (bytes > 0) {
			free(ids->v);
			ids->v = xmalloc(bytes);
			memcpy(ids->v, sqlite3_column_blob(st, 0), bytes);
			ids->n = bytes / sizeof *ids->v;
		}
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	/* (FTS5 gives them in order; sorted only if it did not.) */
	for (i = 1; i < ids->n; i++)
		if (ids->v[i - 1] > ids->v[i]) {
			qsort(ids->v, ids->n, sizeof *ids->v, id_order);
			break;
		}
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The rows whose title has term t, into *title, and those whose text
 * has it, into *text (none for a word to be in the title only). Both are
 * to be freed, whatever is returned. */
static int
term_ids(sqlite3 *db, const struct query_term *t, struct idset *title,
    struct idset *text)
{
	char	*expr = query_fts(t);
	int	 rc;

	text->v = NULL;
	text->n = 0;
	rc = match_ids(db, "titles", expr, title);
	if (rc == 0 && !t->title)
		rc = match_ids(db, "text", expr, text);
	free(expr);
	return rc;
}

/* Adds the ids of b to a (b is left as it was). */
static void
ids_union(struct idset *a, const struct idset *b)
{
	int64_t	*v;
	size_t	 i = 0, j = 0, k = 0;

	if (b->n == 0)
		return;
	v = xreallocarray(NULL, a->n + b->n, sizeof *v);
	while (i < a->n || j < b->n) {
		if (j == b->n || (i < a->n && a->v[i] < b->v[j]))
			v[k++] = a->v[i++];
		else if (i == a->n || b->v[j] < a->v[i])
			v[k++] = b->v[j++];
		else {
			v[k++] = a->v[i++];
			j++;
		}
	}
	free(a->v);
	a->v = v;
	a->n = k;
}

/* Keeps in a only the ids also in b; nothing when a is NULL. */
static void
ids_meet(struct idset *a, const struct idset *b)
{
	size_t	i = 0, j = 0, k = 0;

	if (a == NULL)
		return;
	while (i < a->n && j < b->n) {
		if (a->v[i] < b->v[j])
			i++;
		else if (a->v[i] > b->v[j])
			j++;
		else {
			a->v[k++] = a->v[i++];
			j++;
		}
	}
	a->n = k;
}

/* The rows being ordered by newest_first() (qsort has no argument). */
static const struct fts_hit *order_of;

/* Orders rows (indices into order_of): the newest first, then the first
 * indexed. */
static int
newest_first(const void *a, const void *b)
{
	const struct fts_hit	*x = &order_of[*(const uint32_t *) a];
	const struct fts_hit	*y = &order_of[*(const uint32_t *) b];

	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* Marks of rows for a query. */
#define MARK_HIT	1
#define MARK_TITLE	2
#define MARK_OUT	4	/* it has a word to leave out */

/* Marks the rows of ids (ascending) with m; returns how many there were. */
static size_t
mark_rows(struct rowcache *rc, const int64_t *ids, size_t n, uint8_t m)
{
	size_t	i = 0, j = 0, k = 0;

	while (i < n && j < rc->n) {
		if (ids[i] < rc->v[j].row)
			i++;
		else if (ids[i] > rc->v[j].row)
			j++;
		else {
			rc->mark[j++] |= m;
			i++;
			k++;
		}
	}
	return k;
}

/* Reads the rows of the index into memory, unless they are there and
 * nothing has changed since (by this or another connection) and the
 * library is the same. */
static int
rows_refresh(struct fts *f, const struct fts_library *lib)
{
	struct rowcache	*rc = &f->rc;
	sqlite3_stmt	*st;
	const char	*path;
	int64_t		 v = get_int(f->db, "PRAGMA data_version"), g;
	size_t		 cap = rc->n, i;
	int		 r;

	if (rc->valid && v == rc->version && lib == rc->lib)
		return 0;
	/* Something was written: the rows, or only a step of a merge,
	 * which leaves them as they were (read before the rows: a change
	 * in between is seen the next time). */
	g = get_int(f->db, "SELECT CAST(value AS INTEGER) FROM meta WHERE "
	    "key = 'gen'");
	if (rc->valid && lib == rc->lib && g >= 0 && g == rc->gen) {
		rc->version = v;
		return 0;
	}
	rc->gen = g;
	free(rc->order);
	free(rc->mark);
	rc->order = NULL;
	rc->mark = NULL;
	rc->valid = false;
	rc->n = 0;
	if (sqlite3_prepare_v2(f->db, "SELECT id, date, aid, path FROM doc "
	    "ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (rc->n == cap) {
			cap = cap ? 2 * cap : 1024;
			rc->v = xreallocarray(rc->v, cap, sizeof *rc->v);
		}
		path = (const char *) sqlite3_column_text(st, 3);
		rc->v[rc->n].row = sqlite3_column_int64(st, 0);
		rc->v[rc->n].date = sqlite3_column_int64(st, 1);
		rc->v[rc->n].id = (uint64_t) sqlite3_column_int64(st, 2);
		rc->v[rc->n].in_title = path != NULL && in_library(lib, path);
		rc->n++;
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return -1;
	/* The order of matches, made once: a query only picks from it. */
	rc->order = xcalloc(rc->n + 1, sizeof *rc->order);
	rc->mark = xcalloc(rc->n + 1, sizeof *rc->mark);
	for (i = 0; i < rc->n; i++)
		rc->order[i] = (uint32_t) i;
	order_of = rc->v;
	if (rc->n > 1)
		qsort(rc->order, rc->n, sizeof *rc->order, newest_first);
	rc->version = v;
	rc->lib = lib;
	rc->valid = true;
	return 0;
}

/* Whether row r is to be shown for q: in the library, of its dates, and
 * read or unread as it asks. */
static bool
keep_row(const struct fts_hit *r, const struct query *q, fts_read_fn is_read,
    void *arg)
{
	bool	read;

	if (!r->in_title)	/* (in the cache: whether in the library) */
		return false;
	if (r->date < q->from || (q->until != 0 && r->date >= q->until))
		return false;
	if (q->unread != 0) {
		read = is_read != NULL && is_read(arg, r->id);
		if (read != (q->unread < 0))
			return false;
	}
	return true;
}

/* Finds the articles of lib that match q, best first, into *hits (*n of
 * them; free() them; fts_hit_path() gives their paths).
 * is_read (may be NULL: nothing is read) answers for unread. Returns -1
 * with an error in cs. */
int
fts_query(struct fts *f, const struct query *q, const struct fts_library *lib,
    fts_read_fn is_read, void *arg, struct fts_hit **hits, size_t *n,
    struct causes *cs)
{
	struct rowcache	*rc = &f->rc;
	struct fts_hit	*h = NULL, *r;
	struct idset	 all = { NULL, 0 }, titles = { NULL, 0 }, t, b;
	size_t		 i, k, found = 0;
	uint8_t		 want;
	int		 pass;
	bool		 first = true;

	*hits = NULL;
	*n = 0;
	if (rows_refresh(f, lib) != 0)
		goto fail;
	memset(rc->mark, q->npositive > 0 ? 0 : MARK_HIT, rc->n);
	/* Each word is looked up in the titles, and unless it is to be in
	 * the title, in the text: an article has every word, each in one or
	 * the other, and has them all in its title, or not. */
	for (i = 0; i < q->n; i++) {
		if (q->t[i].negated || (!first && all.n == 0))
			continue;
		if (term_ids(f->db, &q->t[i], &t, &b) != 0) {
			free(t.v);
			free(b.v);
			goto fail;
		}
		ids_union(&b, &t);
		ids_meet(first ? NULL : &all, &b);
		ids_meet(first ? NULL : &titles, &t);
		if (first) {
			all = b;
			titles = t;
		} else {
			free(b.v);
			free(t.v);
		}
		first = false;
	}
	if (q->npositive > 0) {
		found = mark_rows(rc, all.v, all.n, MARK_HIT);
		mark_rows(rc, titles.v, titles.n, MARK_TITLE);
	} else
		found = rc->n;	/* dates, unread, words to leave out */
	for (i = 0; i < q->n && found > 0; i++) {
		if (!q->t[i].negated)
			continue;
		if (term_ids(f->db, &q->t[i], &t, &b) != 0) {
			free(t.v);
			free(b.v);
			goto fail;
		}
		mark_rows(rc, t.v, t.n, MARK_OUT);
		mark_rows(rc, b.v, b.n, MARK_OUT);
		free(t.v);
		free(b.v);
	}
	/* In the order made once: those with the words in the title, then
	 * the rest. */
	h = xcalloc(found + 1, sizeof *h);
	for (pass = 0; pass < 2 && found > 0; pass++) {
		want = pass == 0 ? MARK_HIT | MARK_TITLE : MARK_HIT;
		for (k = 0; k < rc->n; k++) {
			i = rc->order[k];
			if (rc->mark[i] != want)
				continue;
			r = &rc->v[i];
			if (!keep_row(r, q, is_read, arg) || *n >= found)
				continue;
			h[*n] = *r;
			h[(*n)++].in_title = pass == 0;
		}
	}
	*hits = h;
	free(all.v);
	free(titles.v);
	return 0;
fail:
	causes_add(cs, _("cannot search the index: %s"),
	    sqlite3_errmsg(f->db));
	if (damaged(f->db))
		f->damaged = true;
	free(h);
	*n = 0;
	free(all.v);
	free(titles.v);
	return -1;
}

/* Returns the path of the file of a match (caller frees), or NULL if the
 * index no longer has it. */
char *
fts_hit_path(struct fts *f, const struct fts_hit *h)
{
	sqlite3_stmt	*st;
	const char	*p;
	char		*path = NULL;

	if (sqlite3_prepare_v2(f->db, "SELECT path FROM doc WHERE id = ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_int64(st, 1, h->row);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (p = (const char *) sqlite3_column_text(st, 0)) != NULL)
		path = xstrdup(p);
	sqlite3_finalize(st);
	return path;
}

/* Whether the term of the text at p is the query's at qp (or begins with
 * it, with prefix). */
static bool
term_at(const struct positions *ps, const struct pos *p,
    const struct positions *qs, const struct pos *qp, bool prefix)
{
	if (prefix ? p->len < qp->len : p->len != qp->len)
		return false;
	return memcmp(ps->arena + p->off, qs->arena + qp->off, qp->len) == 0;
}

static int
span_order(const void *a, const void *b)
{
	const struct span	*x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->len > y->len ? -1 : x->len < y->len;
}

/* Finds where the words of q (those not left out) are in len bytes of
 * text, as the index would: *spans gets *n byte ranges, in order, none
 * overlapping (caller frees). flags: FTS_VARIANTS as the index was
 * opened with. With first, only the first match of each word is looked
 * for. Returns the count. */
int
fts_find(const char *text, size_t len, const struct query *q, int flags,
    bool first, struct span **spans, size_t *n)
{
	struct positions	 ps, qs;
	struct span		*v = NULL;
	size_t			 cap = 0, i, j, p, k, tl;
	uint32_t		 end, c;
	int			 tf;
	bool			 open;

	*spans = NULL;
	*n = 0;
	tf = (flags & FTS_VARIANTS) ? FTSTOK_VARIANTS : 0;
	memset(&ps, 0, sizeof ps);
	ftstok_cut(text, len, tf, add_position, &ps);
	for (i = 0; i < q->n; i++) {
		if (q->t[i].negated)
			continue;
		memset(&qs, 0, sizeof qs);
		tl = strlen(q->t[i].text);
		ftstok_cut(q->t[i].text, tl, tf | FTSTOK_QUERY, add_position,
		    &qs);
		open = q->t[i].prefix || ftstok_open_end(q->t[i].text, tl, tf);
		for (p = 0; qs.n > 0 && p + qs.n <= ps.n; p++) {
			for (j = 0; j < qs.n; j++)
				if (!term_at(&ps, &ps.v[p + j], &qs, &qs.v[j],
				    open && j + 1 == qs.n))
					break;
			if (j < qs.n)
				continue;
			if (*n == cap)
				v = xreallocarray(v, cap = cap ? 2 * cap : 16,
				    sizeof *v);
			end = ps.v[p + qs.n - 1].end;
			/* A lone character is all that was asked for. */
			if (open && !q->t[i].prefix) {
				k = ps.v[p + qs.n - 1].start;
				end = (uint32_t) (k + text_next_char(text + k,
				    len - k, &c));
			}
			v[*n].off = ps.v[p].start;
			v[*n].len = end - ps.v[p].start;
			(*n)++;
			if (first)
				break;
		}
		positions_free(&qs);
	}
	positions_free(&ps);
	if (*n > 1)
		qsort(v, *n, sizeof *v, span_order);
	/* Overlapping matches become one. */
	for (i = 0, k = 0; i < *n; i++) {
		if (k > 0 && v[i].off <= v[k - 1].off + v[k - 1].len) {
			end = v[i].off + v[i].len;
			if (end > v[k - 1].off + v[k - 1].len)
				v[k - 1].len = end - v[k - 1].off;
			continue;
		}
		v[k++] = v[i];
	}
	*n = k;
	*spans = v;
	return (int) k;
}

/* Appends len bytes of s to buf at *n, with every space, line end or
 * other control as one space. */
static void
append_line(char *buf, size_t *n, const char *s, size_t len)
{
	size_t		i, m;
	uint32_t	c;

	for (i = 0; i < len; i += m) {
		m = text_next_char(s + i, len - i, &c);
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
		    c == 0x2028 || c == 0x2029) {
			if (*n > 0 && buf[*n - 1] != ' ')
				buf[(*n)++] = ' ';
			continue;
		}
		memcpy(buf + *n, s + i, m);
		*n += m;
	}
}

/* Returns one line of the text of the article at path around the first
 * match of q, about width columns wide, with "…" where it was cut; the
 * title around them when the words are only in the title; NULL when the
 * file cannot be read. The line has no control characters. flags as for
 * fts_find(). *title (if not NULL) gets the article's title. Caller
 * frees both. */
char *
fts_snippet(const char *path, const struct query *q, int flags,
    size_t width, char **title)
{
	struct causes	 cs;
	struct doc	 d;
	struct span	*sp;
	char		*body, *out, *t;
	size_t		 blen, ns, at = 0, a, b, n = 0, m;
	uint32_t	 c;
	int		 cols = 0, w;

	causes_init(&cs);
	if (corpus_load_doc_part(path, &d, &cs, FTS_MAX_BYTES, NULL) != 0) {
		causes_free(&cs);
		return NULL;
	}
	causes_free(&cs);
	body = fts_body(&d, &blen);
	t = xstrndup(d.text + d.title.off, d.title.len);
	doc_free(&d);
	if (fts_find(body, blen, q, flags, true, &sp, &ns) > 0)
		at = sp[0].off;
	else {
		/* The words are in the title only: its row in the list may
		 * not reach them, so the line shows them there. */
		free(sp);
		if (fts_find(t, strlen(t), q, flags, true, &sp, &ns) > 0) {
			free(body);
			body = xstrdup(t);
			blen = strlen(t);
			at = sp[0].off;
		}
	}
	free(sp);
	if (title != NULL)
		*title = t;
	else
		free(t);
	/* Back to a third of the width before the match, within its line. */
	a = at;
	while (a > 0 && body[a - 1] != '\n' && cols < (int) width / 3) {
		a = text_prev(body, a, &c);
		w = text_char_width(c);
		cols += w > 0 ? w : 0;
	}
	b = at;
	while (b < blen && body[b] != '\n' && cols < (int) width) {
		m = text_next_char(body + b, blen - b, &c);
		w = text_char_width(c);
		cols += w > 0 ? w : 0;
		b += m;
	}
	out = xmalloc(b - a + 16);
	if (a > 0 && body[a - 1] != '\n') {
		memcpy(out, "\xe2\x80\xa6", 3);
		n = 3;
	}
	append_line(out, &n, body + a, b - a);
	while (n > 0 && out[n - 1] == ' ')
		n--;
	if (b < blen && body[b] != '\n') {
		memcpy(out + n, "\xe2\x80\xa6", 3);
		n += 3;
	}
	out[n] = '\0';
	free(body);
	return out;
}
