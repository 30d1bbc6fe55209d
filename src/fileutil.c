/* Reading small files whole and making directories. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileutil.h"
#include "xmalloc.h"

/* Reads the whole of a regular file of at most max bytes, without
 * blocking on a FIFO or a device. Returns it NUL-terminated (caller
 * frees) with its length in *len, or NULL with the reason in *why. */
char *
file_slurp(const char *path, size_t max, size_t *len,
    enum slurp_refusal *why)
{
	struct stat	 st;
	char		*buf;
	ssize_t		 r;
	size_t		 got = 0;
	int		 fd;

	*why = SLURP_ERRNO;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	if (!S_ISREG(st.st_mode) || (size_t) st.st_size > max) {
		*why = S_ISREG(st.st_mode) ? SLURP_TOO_LARGE : SLURP_NOT_REGULAR;
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	buf = xmalloc((size_t) st.st_size + 1);
	while (got < (size_t) st.st_size) {
		r = read(fd, buf + got, (size_t) st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t) r;
	}
	close(fd);
	buf[got] = '\0';
	*len = got;
	*why = SLURP_OK;
	return buf;
}

/* Makes dir and its missing parents (mode 0700). Returns -1 (errno set)
 * if one cannot be made. */
int
file_mkdirs(const char *dir)
{
	struct stat	 st;
	char		*p = xstrdup(dir), *s;
	int		 rc = 0;

	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = -1;
	else if (rc == 0 && (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))) {
		/* A file where the directory should be. */
		errno = ENOTDIR;
		rc = -1;
	}
	free(p);
	return rc;
}
