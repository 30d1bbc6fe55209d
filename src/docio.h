/* Reading article files: the head of a file for the list, the whole of
 * it, its first part or its tail for the reading pane. The only module
 * that reads an article's bytes.
 *
 * Every failure is reported: a function that can fail returns -1 (or
 * NULL) and adds a cause naming the file to a caller-owned struct causes;
 * a read error never becomes an empty article.
 *
 * Thread safety: docio_open_check(), docio_read(), docio_looks_binary()
 * and docio_strerror() say nothing and may run on helper threads (the
 * walk and the readers of prefetch.c). docio_tell() and docio_tell_errno()
 * only add to the struct causes they are given, which the caller owns:
 * a thread may use them on causes of its own. No function here calls
 * strerror(), which is not thread-safe. */
#ifndef READER_DOCIO_H
#define READER_DOCIO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "article.h"
#include "error.h"

/* Bytes read from the start of each file to find its header. */
#define DOCIO_HEAD_BYTES 1024

/* Whys of docio_open_check() that are not errno values. */
#define DOCIO_NOT_REGULAR	(-1)
#define DOCIO_TOO_LARGE		(-2)

/* Room for a message of docio_strerror(). */
#define DOCIO_ERRBUF 128

int		 docio_open_check(int, const char *, struct stat *, int *);
const char	*docio_strerror(int, char *, size_t);
void		 docio_tell(struct causes *, const char *, const char *, bool);
void		 docio_tell_errno(struct causes *, const char *, int, bool);
int		 docio_open_at(int, const char *, const char *, struct stat *,
		     struct causes *);
int		 docio_open_file(const char *, struct stat *, struct causes *);
ssize_t		 docio_read(int, char *, size_t);
bool		 docio_looks_binary(const char *, size_t, bool);
char		*docio_title_from_name(const char *);
void		 docio_give_title(struct doc *, const char *);
void		 docio_give_date(struct doc *, int64_t, const char *);
char		*docio_read_part(int, const char *, size_t, size_t *,
		     struct causes *);
int		 docio_load(const char *, struct doc *, struct causes *);
int		 docio_load_part(const char *, struct doc *, struct causes *,
		     size_t, bool *);
int		 docio_load_tail(const char *, struct doc *, struct causes *,
		     size_t, int64_t *);

#endif
