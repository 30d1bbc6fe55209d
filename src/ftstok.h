/* Cutting text into the terms of the full-text index.
 *
 * Text is folded before it is cut: compatibility forms to their plain
 * ones (NFKC, so full-width ＡＢ１ is AB1 and half-width ｶ is カ), letters
 * to lower case, and, with FTSTOK_VARIANTS, traditional Chinese to
 * simplified. Then:
 * - a run of letters and digits (of any script but the ones below) is one
 *   term, as folded;
 * - in a run of Chinese, Japanese or Korean characters every pair of
 *   neighbours is a term, at the position of its first character, and the
 *   last character of the run is a term of its own: "实验室" is 实验, 验室,
 *   室. Every character is thus at the start of a term where it stands.
 * A query of N >= 2 such characters (FTSTOK_QUERY) is cut into its N - 1
 * pairs, which as a phrase are found only where the N characters are; a
 * query of one character is that character, to be searched as a prefix
 * (ftstok_open_end() says when). When more terms follow in the same query
 * text, the last character of the run is added too, as the document has
 * it where its run ends, so that the positions of a phrase that goes on
 * in another script line up.
 *
 * No SQLite here: the index module registers this as an FTS5 tokenizer.
 * Invalid UTF-8 is read as U+FFFD, which separates terms. Safe to use
 * from several threads at once.
 */
#ifndef READER_FTSTOK_H
#define READER_FTSTOK_H

#include <stddef.h>

#include "system.h"

/* Longest term, in bytes: longer runs are cut there. */
#define FTSTOK_MAX 64

/* Flags. */
#define FTSTOK_QUERY	0x1	/* cut query text, not a document */
#define FTSTOK_VARIANTS	0x2	/* fold traditional Chinese to simplified */
#define FTSTOK_SLOW	0x4	/* for the tests: fold every character with
				 * the tables, no shortcuts (the same terms) */

struct ftstok_term {
	const char	*s;		/* folded; not NUL-terminated */
	size_t		 len;
	size_t		 start;		/* bytes [start, end) of the input */
	size_t		 end;
};

/* Called for each term; returning non-zero stops the cut. */
typedef int (*ftstok_fn)(void *, const struct ftstok_term *);

int	ftstok_cut(const char *, size_t, int, ftstok_fn, void *);
bool	ftstok_have_variants(const char **);
bool	ftstok_open_end(const char *, size_t, int);
bool	ftstok_is_cjk(uint32_t);

#endif
