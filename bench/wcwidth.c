/* wcwidth.c -- a bare loop that only measures character widths.
 *
 * Usage: wcwidth FILE
 *
 * Reads FILE whole, decodes it with mbrtowc(3) in the locale's encoding
 * (C.UTF-8 when the environment's locale is not a multibyte one) and adds
 * up wcwidth(3) of every character (control characters and invalid bytes
 * count 0).  Prints the total.  bench/run compares `reader --dump` with
 * this: laying an article out cannot be done without at least decoding it
 * and measuring every character, so this is a floor for the layout work.
 */
#define _XOPEN_SOURCE 700
#define _FILE_OFFSET_BITS 64

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

int
main(int argc, char **argv)
{
	struct stat	 st;
	mbstate_t	 ps;
	unsigned long long total = 0, chars = 0;
	char		*buf;
	size_t		 len = 0, i = 0, n;
	ssize_t		 r;
	wchar_t		 wc;
	int		 fd, w;

	if (argc != 2) {
		fprintf(stderr, "usage: wcwidth FILE\n");
		return 2;
	}
	if (setlocale(LC_ALL, "") == NULL || MB_CUR_MAX == 1)
		if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
			fprintf(stderr, "wcwidth: no UTF-8 locale\n");
			return 1;
		}
	if ((fd = open(argv[1], O_RDONLY)) < 0 || fstat(fd, &st) != 0) {
		fprintf(stderr, "wcwidth: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if ((buf = malloc((size_t) st.st_size + 1)) == NULL) {
		perror("wcwidth");
		return 1;
	}
	while (len < (size_t) st.st_size) {
		r = read(fd, buf + len, (size_t) st.st_size - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "wcwidth: %s: %s\n", argv[1],
			    strerror(errno));
			return 1;
		}
		if (r == 0)
			break;
		len += (size_t) r;
	}
	close(fd);

	memset(&ps, 0, sizeof ps);
	while (i < len) {
		n = mbrtowc(&wc, buf + i, len - i, &ps);
		if (n == (size_t) -2)		/* cut at the end of the file */
			break;
		if (n == (size_t) -1) {		/* invalid: skip one byte */
			memset(&ps, 0, sizeof ps);
			i++;
			continue;
		}
		if (n == 0)			/* a NUL character */
			n = 1;
		i += n;
		chars++;
		if ((w = wcwidth(wc)) > 0)
			total += (unsigned long long) w;
	}
	printf("%llu\n", total);
	if (getenv("WCWIDTH_VERBOSE") != NULL)
		fprintf(stderr, "%llu characters, %zu bytes\n", chars, len);
	free(buf);
	return 0;
}
