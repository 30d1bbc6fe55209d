/* ftsquery.c -- times the search index in-process, for bench/run.
 *
 * Usage: ftsquery DB DIR REPS QUERY...
 *        ftsquery --reindex DB FILE REPS
 *
 * The first form opens the search index DB (made by `reader --search`
 * over the library DIR), runs each QUERY once untimed and then REPS
 * times as the interface would (parse, match, rank: fts_query()), and
 * prints one line per query: the query, the number of matches, the
 * median and the 95th percentile in milliseconds, by tabs.
 *
 * The second form changes FILE (an article of the library) REPS times,
 * each time appending or removing a byte at its end, and times bringing
 * the index up to date with it (fts_update() for that one file); it
 * prints the median and the 95th percentile in milliseconds.
 *
 * Built by `make bench/ftsquery` (bench/run does it), against the
 * library of the tree.
 */
#include "system.h"

#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fts.h"
#include "query.h"
#include "text.h"

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
by_value(const void *a, const void *b)
{
	double	x = *(const double *) a, y = *(const double *) b;

	return x < y ? -1 : x > y;
}

/* Prints the median and the 95th percentile of n times. */
static void
print_stats(double *t, int n)
{
	qsort(t, (size_t) n, sizeof *t, by_value);
	printf("%.3f\t%.3f\n", t[n / 2], t[(n * 95 + 99) / 100 - 1]);
}

static int
usage(void)
{
	fprintf(stderr, "usage: ftsquery DB DIR REPS QUERY...\n"
	    "       ftsquery --reindex DB FILE REPS\n");
	return 2;
}

/* Times the re-indexing of one changed file. */
static int
reindex(const char *db, const char *file, int reps)
{
	struct causes		 cs;
	struct fts		*f;
	struct fts_library	 lib;
	struct fts_file		 one;
	struct stat		 st;
	double			*t, t0;
	char			*path;
	FILE			*fp;
	int			 i;

	causes_init(&cs);
	if ((f = fts_open(db, 0, &cs)) == NULL) {
		causes_print(&cs, stderr);
		return 1;
	}
	path = realpath(file, NULL);
	t = calloc((size_t) reps, sizeof *t);
	if (path == NULL || t == NULL)
		return 1;
	memset(&lib, 0, sizeof lib);
	lib.f = &one;
	lib.n = 1;
	lib.roots = &path;
	lib.nroots = 1;
	for (i = 0; i < reps; i++) {
		/* A byte more, then a byte less: a new size each time. */
		if (i % 2 == 0) {
			if ((fp = fopen(path, "a")) == NULL)
				return 1;
			fputc('\n', fp);
			fclose(fp);
		} else if (stat(path, &st) != 0 ||
		    truncate(path, st.st_size - 1) != 0)
			return 1;
		if (stat(path, &st) != 0)
			return 1;
		one.path = path;
		one.size = st.st_size;
		one.mtime = st.st_mtime * 1000000000LL + st.st_mtim.tv_nsec +
		    i;
		one.id = 1;
		t0 = now_ms();
		if (fts_update(f, &lib, &cs) != 0) {
			causes_print(&cs, stderr);
			return 1;
		}
		t[i] = now_ms() - t0;
	}
	print_stats(t, reps);
	free(t);
	free(path);
	fts_close(f);
	causes_free(&cs);
	return 0;
}

int
main(int argc, char **argv)
{
	struct causes		 cs;
	struct fts		*f;
	struct fts_library	 lib;
	struct fts_hit		*h;
	struct query		 q;
	double			*t, t0;
	char			*root;
	size_t			 n = 0;
	int			 reps, i, k;

	text_init();
	if (argc == 5 && strcmp(argv[1], "--reindex") == 0)
		return reindex(argv[2], argv[3], atoi(argv[4]));
	if (argc < 5 || (reps = atoi(argv[3])) < 1)
		return usage();
	causes_init(&cs);
	if ((f = fts_open(argv[1], 0, &cs)) == NULL) {
		causes_print(&cs, stderr);
		return 1;
	}
	if ((root = realpath(argv[2], NULL)) == NULL) {
		perror(argv[2]);
		return 1;
	}
	memset(&lib, 0, sizeof lib);
	lib.roots = calloc(1, sizeof *lib.roots);
	lib.roots[0] = malloc(strlen(root) + 2);
	sprintf(lib.roots[0], "%s/", root);
	lib.nroots = 1;
	t = calloc((size_t) reps, sizeof *t);
	for (k = 4; k < argc; k++) {
		for (i = -1; i < reps; i++) {
			t0 = now_ms();
			if (query_parse(&q, argv[k], &cs) != 0 ||
			    fts_query(f, &q, &lib, NULL, NULL, &h, &n, &cs) !=
			    0) {
				causes_print(&cs, stderr);
				return 1;
			}
			free(h);
			query_free(&q);
			if (i >= 0)
				t[i] = now_ms() - t0;
		}
		printf("%s\t%zu\t", argv[k], n);
		print_stats(t, reps);
	}
	free(t);
	free(root);
	fts_library_free(&lib);
	fts_close(f);
	causes_free(&cs);
	return 0;
}
