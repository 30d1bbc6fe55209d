/* ftsfloor.c -- the least work any FTS5 index of a library takes, for
 * bench/run.
 *
 * Usage: ftsfloor DB DIR
 *
 * Reads every regular file under DIR whole and inserts it into a new FTS5 table in DB, in
 * one transaction, with the cheapest tokenizer that still finds a
 * two-character Chinese word: a term for each pair of characters next
 * to each other, cut by UTF-8 lead bytes alone (no decoding, folding or
 * normalising), and one for each run of ASCII letters and digits; and
 * the table as small as FTS5 makes it (contentless, no column sizes, no
 * positions: a phrase could not be found). reader's own
 * index does all of this and more, so its first build cannot take less
 * than this program on the same machine; bench/run shows the two side
 * by side. Prints nothing; exits 1 on an error. Symbolic links are not
 * followed.
 */
#define _XOPEN_SOURCE 700
#define _FILE_OFFSET_BITS 64

#include <fcntl.h>
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The length of the UTF-8 sequence that starts with byte b, 0 for an
 * ASCII byte. */
static int
seq_len(unsigned char b)
{
	if (b >= 0xf0)
		return 4;
	if (b >= 0xe0)
		return 3;
	if (b >= 0xc0)
		return 2;
	return b >= 0x80;	/* a stray continuation byte: alone */
}

static int
is_alnum(unsigned char b)
{
	return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') ||
	    (b >= 'A' && b <= 'Z');
}

static int
tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	static char	 one;	/* FTS5 takes NULL for its own tokenizer */

	(void) ctx;
	(void) argv;
	(void) argc;
	*out = (Fts5Tokenizer *) &one;
	return SQLITE_OK;
}

static void
tok_delete(Fts5Tokenizer *t)
{
	(void) t;
}

/* A term for each run of ASCII letters and digits, and one for each
 * other character with the next if that is one too; other ASCII bytes
 * are left out. A query leaves out a run's last character alone after a
 * pair (what it stands for is in the pair): "实验" is the one term 实验. */
static int
tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
    int (*token)(void *, int, const char *, int, int, int))
{
	const unsigned char	*u = (const unsigned char *) text;
	int			 i = 0, j, a, b, rc;
	int			 paired = 0;	/* the last term was a pair */

	(void) t;
	while (i < n) {
		if ((a = seq_len(u[i])) == 0) {
			for (j = i; j < n && is_alnum(u[j]); j++)
				;
			if (j > i && (rc = token(ctx, 0, text + i, j - i, i,
			    j)) != SQLITE_OK)
				return rc;
			i = j > i ? j : i + 1;
			paired = 0;
			continue;
		}
		if (i + a > n)
			a = n - i;
		b = i + a < n ? seq_len(u[i + a]) : 0;
		if (i + a + b > n)
			b = n - i - a;
		if (!(b == 0 && paired && (flags & FTS5_TOKENIZE_QUERY)) &&
		    (rc = token(ctx, 0, text + i, a + b, i, i + a + b)) !=
		    SQLITE_OK)
			return rc;
		paired = b > 0;
		i += a;
	}
	return SQLITE_OK;
}

static fts5_api *
get_api(sqlite3 *db)
{
	fts5_api	*api = NULL;
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

/* Reads a file whole, NUL-terminated; NULL with errno set on error. */
static char *
slurp(const char *path, size_t *len)
{
	struct stat	 st;
	char		*buf;
	ssize_t		 r = 1;
	size_t		 got = 0;
	int		 fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || (buf = malloc((size_t) st.st_size + 1)) ==
	    NULL) {
		close(fd);
		return NULL;
	}
	while (got < (size_t) st.st_size &&
	    (r = read(fd, buf + got, (size_t) st.st_size - got)) > 0)
		got += (size_t) r;
	close(fd);
	if (r < 0) {
		free(buf);
		return NULL;
	}
	buf[got] = '\0';
	*len = got;
	return buf;
}

static sqlite3		*db;
static sqlite3_stmt	*ins;
static sqlite3_int64	 rowid;

/* nftw: inserts one file. */
static int
insert(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	size_t	 len;
	char	*text;
	int	 rc;

	(void) ftw;
	if (type != FTW_F || !S_ISREG(st->st_mode))
		return 0;
	if ((text = slurp(path, &len)) == NULL) {
		perror(path);
		return 1;
	}
	sqlite3_bind_int64(ins, 1, ++rowid);
	sqlite3_bind_text64(ins, 2, text, len, SQLITE_STATIC, SQLITE_UTF8);
	rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	free(text);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "ftsfloor: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	fts5_tokenizer	 tok = { tok_create, tok_delete, tok_tokenize };
	fts5_api	*api;

	if (argc != 3) {
		fprintf(stderr, "usage: ftsfloor DB DIR\n");
		return 2;
	}
	if (sqlite3_open(argv[1], &db) != SQLITE_OK ||
	    (api = get_api(db)) == NULL ||
	    api->xCreateTokenizer(api, "pairs", NULL, &tok, NULL) !=
	    SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = NORMAL;"
	    "CREATE VIRTUAL TABLE t USING fts5(body, content='',"
	    " columnsize=0, detail=none, tokenize='pairs');"
	    "INSERT INTO t(t, rank) VALUES('automerge', 0);"
	    "INSERT INTO t(t, rank) VALUES('crisismerge', 1000);"
	    "INSERT INTO t(t, rank) VALUES('hashsize', 16777216);"
	    "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO t(rowid, body) VALUES(?, ?)",
	    -1, &ins, NULL) != SQLITE_OK) {
		fprintf(stderr, "ftsfloor: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	if (nftw(argv[2], insert, 64, FTW_PHYS) != 0)
		return 1;
	sqlite3_finalize(ins);
	/* It finds a two-character word (a query FTS5 takes, as the
	 * interface's would be). */
	if (sqlite3_exec(db, "COMMIT;"
	    "SELECT count(*) FROM t WHERE t MATCH '实验'", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "ftsfloor: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	return sqlite3_close(db) == SQLITE_OK ? 0 : 1;
}
