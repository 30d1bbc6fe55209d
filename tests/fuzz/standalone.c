/* A main() for the fuzz targets without libFuzzer: runs each file named
 * on the command line through the target once. make check uses it to
 * replay the seeds and every input a fuzzer ever found a fault with. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char **argv)
{
	FILE	*f;
	char	*buf;
	long	 n;
	int	 i;

	for (i = 1; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL ||
		    fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
		    fseek(f, 0, SEEK_SET) != 0) {
			perror(argv[i]);
			return 99;
		}
		buf = malloc((size_t) n + 1);
		if (buf == NULL || fread(buf, 1, (size_t) n, f) != (size_t) n) {
			perror(argv[i]);
			return 99;
		}
		fclose(f);
		LLVMFuzzerTestOneInput((const uint8_t *) buf, (size_t) n);
		free(buf);
	}
	return 0;
}
