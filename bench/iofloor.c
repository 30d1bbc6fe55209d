/* iofloor.c -- the I/O floor for listing a library of article files.
 *
 * Usage: iofloor [--full] DIR
 *
 * Walks DIR recursively, reads the first HEAD_BYTES bytes of every regular
 * file, sorts the files by those bytes with qsort(3) and prints how many
 * files there were.  This is about the least work any program can do to
 * show a sorted list of a library's articles (each one needs at least an
 * open, a read of its header and a close), so bench/run compares
 * `reader --list` against it.
 *
 * With --full every file is read to its end (into a buffer that is
 * reused): the least a program that indexes every word must do, the
 * floor bench/run holds the search index's first build against.
 *
 * Directory entries whose d_type is DT_UNKNOWN are classified with
 * fstatat(2); symbolic links are not followed.  Exit status: 0 on success,
 * 1 if anything could not be read (a message goes to stderr).
 */
#define _DEFAULT_SOURCE
#define _FILE_OFFSET_BITS 64

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEAD_BYTES 512

struct entry {
	char		*path;
	size_t		 len;		/* bytes of head[] that were read */
	unsigned char	 head[HEAD_BYTES];
};

static struct entry	*entries;
static size_t		 n_entries, cap_entries;
static int		 status;
static int		 full;

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL) {
		perror("iofloor");
		exit(1);
	}
	return p;
}

static char *
join(const char *dir, const char *name)
{
	size_t	 a = strlen(dir), b = strlen(name);
	char	*s = xrealloc(NULL, a + b + 2);

	memcpy(s, dir, a);
	s[a] = '/';
	memcpy(s + a + 1, name, b + 1);
	return s;
}

/* Reads the head of one regular file (dirfd/name) and records it; keeps
 * path (malloc'd) or frees it. */
static void
add_file(int dirfd, const char *name, char *path)
{
	struct entry	*e;
	ssize_t		 r;
	size_t		 got = 0;
	int		 fd;

	if ((fd = openat(dirfd, name, O_RDONLY | O_NOCTTY | O_CLOEXEC)) < 0) {
		fprintf(stderr, "iofloor: %s: %s\n", path, strerror(errno));
		status = 1;
		free(path);
		return;
	}
	if (n_entries == cap_entries) {
		cap_entries = cap_entries ? 2 * cap_entries : 1024;
		entries = xrealloc(entries, cap_entries * sizeof *entries);
	}
	e = &entries[n_entries];
	while (got < HEAD_BYTES) {
		r = read(fd, e->head + got, HEAD_BYTES - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "iofloor: %s: %s\n", path,
			    strerror(errno));
			status = 1;
			close(fd);
			free(path);
			return;
		}
		if (r == 0)
			break;
		got += (size_t) r;
	}
	/* The rest of the file, with --full. */
	while (full && got == HEAD_BYTES) {
		static unsigned char	buf[1 << 16];

		r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
	}
	close(fd);
	e->len = got;
	e->path = path;
	n_entries++;
}

static void
walk(const char *path)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		*sub;
	int		 type;

	if ((d = opendir(path)) == NULL) {
		fprintf(stderr, "iofloor: %s: %s\n", path, strerror(errno));
		status = 1;
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' && (de->d_name[1] == '\0' ||
		    (de->d_name[1] == '.' && de->d_name[2] == '\0')))
			continue;
		type = de->d_type;
		if (type == DT_UNKNOWN) {
			if (fstatat(dirfd(d), de->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) != 0)
				continue;
			type = S_ISREG(st.st_mode) ? DT_REG :
			    S_ISDIR(st.st_mode) ? DT_DIR : DT_UNKNOWN;
		}
		if (type != DT_REG && type != DT_DIR)
			continue;
		sub = join(path, de->d_name);
		if (type == DT_DIR) {
			walk(sub);
			free(sub);
		} else
			add_file(dirfd(d), de->d_name, sub);
	}
	closedir(d);
}

static int
by_head(const void *a, const void *b)
{
	const struct entry	*x = a, *y = b;
	size_t			 n = x->len < y->len ? x->len : y->len;
	int			 c = memcmp(x->head, y->head, n);

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return strcmp(x->path, y->path);
}

int
main(int argc, char **argv)
{
	size_t	i;

	if (argc == 3 && strcmp(argv[1], "--full") == 0) {
		full = 1;
		argv++;
		argc--;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: iofloor [--full] DIR\n");
		return 2;
	}
	walk(argv[1]);
	if (n_entries > 1)
		qsort(entries, n_entries, sizeof *entries, by_head);
	printf("%zu\n", n_entries);
	for (i = 0; i < n_entries; i++)
		free(entries[i].path);
	free(entries);
	return status;
}
