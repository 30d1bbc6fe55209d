/* Text primitives: decoding, display widths, clusters, break opportunities.
 *
 * Every column count in the program comes from here. Widths follow the C
 * library's wcwidth(), because that is how ncursesw places characters;
 * libunistring supplies grapheme clusters, line-break opportunities and
 * encoding conversion. Text handed out by text_clean() is valid UTF-8 in
 * which every code point has a defined width and none is a control, no
 * line begins with a character of no width, and no cell carries more than
 * TEXT_MARKS_MAX of them.
 */
#ifndef READER_TEXT_H
#define READER_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "system.h"

/* How text_clean() found the bytes encoded. */
enum text_encoding {
	TEXT_UTF8,
	TEXT_UTF8_BOM,
	TEXT_UTF16LE,
	TEXT_UTF16BE,
	TEXT_GB18030,
	TEXT_UTF8_REPAIRED	/* invalid bytes were replaced by U+FFFD */
};

#define TEXT_TABSTOP 8
/* Characters of no width (combining marks ...) kept on one cell; more
 * are left out. */
#define TEXT_MARKS_MAX 16

/* Growing output buffer used while cleaning text. */
struct obuf {
	char	*p;
	size_t	 n;
	size_t	 cap;
};

/* How bytes fared as UTF-8 while being cleaned. */
struct tally {
	size_t	good;		/* valid multibyte sequences */
	size_t	bad;		/* invalid sequences */
};

/* A file being cleaned piece by piece, so it is never held twice. Two
 * parts of a file can be cleaned apart and joined. */
struct text_stream {
	struct obuf	o;
	struct tally	t;
	struct obuf	carry;		/* bytes waiting for the next piece */
	size_t		line_start;	/* for tabs */
	bool		started;
	bool		utf16;
	char		*raw;		/* UTF-16 waits for the whole file */
	size_t		rawn, rawcap;
};

int	 text_init(void);
void	 text_set_ambiguous_width(int);
int	 text_get_ambiguous_width(void);

char	*text_clean(const char *, size_t, size_t *, enum text_encoding *);
char	*text_clean_str(const char *);
char	*text_clean_str_n(const char *, size_t, size_t *);
void	 text_stream_init(struct text_stream *);
void	 text_stream_init_rest(struct text_stream *);
void	 text_stream_append(struct text_stream *, struct text_stream *);
bool	 text_is_utf16(const char *, size_t);
void	 text_stream_feed(struct text_stream *, const char *, size_t);
char	*text_stream_finish(struct text_stream *, size_t *);
void	 text_fold_lines(char *, size_t *);

int	 text_char_width(uint32_t);
int	 text_width(const char *, size_t);
size_t	 text_next_char(const char *, size_t, uint32_t *);
uint32_t text_prev_char(const char *, size_t);
size_t	 text_prev(const char *, size_t, uint32_t *);
size_t	 text_encode_char(uint32_t, char *);
size_t	 text_fit(const char *, size_t, int, int *);
size_t	 text_fit_clusters(const char *, size_t, size_t);
bool	 text_is_plain_ascii(const char *, size_t);
char	*text_ellipsize(const char *, size_t, int, int *);

void	 text_line_breaks(const char *, size_t, char *);
void	 text_cluster_starts(const char *, size_t, char *);
void	 text_measure(const char *, size_t, char *, uint16_t *);
/* text_measure()'s length of a cluster of this many bytes or more. */
#define TEXT_CLUSTER_LONG 127

bool	 text_no_line_start(uint32_t);
bool	 text_no_line_end(uint32_t);
bool	 text_is_blank(uint32_t);
bool	 text_joins_tight(uint32_t, uint32_t);

uint64_t text_title_key(const char *, size_t);
char	*text_sort_key(const char *, size_t, size_t *);
size_t	 text_count_chars(const char *, size_t);
bool	 text_valid_utf8(const char *, size_t, size_t *);
struct tm;
size_t	 text_strftime(char *, size_t, const char *, const struct tm *);
size_t	 text_char_offset(const char *, size_t, size_t);
long	 text_find(const char *, size_t, size_t, const char *, size_t,
	     size_t *);

#endif
