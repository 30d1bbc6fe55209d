/* Decoding, sanitizing and measuring text. The only user of libunistring. */
#include "system.h"

#include <locale.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>
#include <wchar.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>
#include <unicase.h>
#include <uniconv.h>
#include <uniwidth.h>

#include "text.h"
#include "xmalloc.h"

#define REPLACEMENT	0xFFFDu
#define ELLIPSIS	0x2026u
#define NO_BREAK_SPACE	0x00A0u

/* Keeps a rare case out of a hot loop, so as not to slow it down. */
#if defined(__GNUC__)
# define RARE __attribute__((noinline, cold))
#else
# define RARE
#endif

/* wcwidth() + 2 of every BMP code point, and whether it is ambiguous
 * (see cached_width()), filled in as they are met; 0 is not known yet.
 * Relaxed atomics: the loader's helper threads clean text too, and
 * threads may fill in the same entry (with the same value). */
static _Atomic signed char	width_cache[0x10000];
/* For each BMP code point past ASCII, whether sanitize() copies it as it
 * is (1) or must look closer (2); 0 is not known yet. Kept as widths are,
 * as it depends on them. */
static _Atomic unsigned char	plain_cache[0x10000];
static atomic_bool		width_cache_used;
/* Set once the terminal has said, while loading threads may be cutting
 * text: atomic (relaxed: no other memory hangs on it). */
static _Atomic int		ambiguous_width = 1;

/* Resets the width cache; call after setlocale(). (At start, when nothing
 * is cached yet, there is nothing to do: the loop would cost a tenth of a
 * millisecond of every start.) */
int
text_init(void)
{
	size_t	i;

	if (!atomic_exchange(&width_cache_used, false))
		return 0;
	for (i = 0; i < ARRAY_SIZE(width_cache); i++) {
		atomic_store_explicit(&width_cache[i], 0,
		    memory_order_relaxed);
		atomic_store_explicit(&plain_cache[i], 0,
		    memory_order_relaxed);
	}
	return 0;
}

/* Sets the width (1 or 2) of East Asian ambiguous characters. (The cache
 * holds what does not depend on it: loading threads may be filling it.) */
void
text_set_ambiguous_width(int w)
{
	atomic_store_explicit(&ambiguous_width, w == 2 ? 2 : 1,
	    memory_order_relaxed);
}

/* Returns the width of East Asian ambiguous characters. */
int
text_get_ambiguous_width(void)
{
	return atomic_load_explicit(&ambiguous_width, memory_order_relaxed);
}

static bool
is_ambiguous(uint32_t c)
{
	/* uc_width counts ambiguous characters as wide only in CJK
	 * encodings, so the difference between the two answers is the
	 * East Asian Width "A" class. U+FFFD, which stands for every bad
	 * byte, is in that class too, but uc_width leaves the specials
	 * block narrow in every encoding. */
	return c == REPLACEMENT ||
	    (uc_width(c, "GBK") == 2 && uc_width(c, "UTF-8") == 1);
}

static int
char_width_slow(uint32_t c)
{
	int	w = wcwidth((wchar_t) c);

	if (w == 1 && atomic_load_explicit(&ambiguous_width,
	    memory_order_relaxed) == 2 && is_ambiguous(c))
		w = 2;
	return w;
}

/* A cache entry: the locale's width + 2, with AMBIGUOUS when c is one of
 * the characters whose width the terminal decides (the entry is the same
 * whichever it decides). */
#define AMBIGUOUS	0x10

/* The width of c from the cache, in line: the hot path of sanitize(). */
static inline int
cached_width(uint32_t c)
{
	int	e, w;

	if (c >= 0x10000)
		return char_width_slow(c);
	e = atomic_load_explicit(&width_cache[c], memory_order_relaxed);
	if (e == 0) {
		w = wcwidth((wchar_t) c);
		/* In the program, wcwidth() is ui-width.c's, which comes
		 * back here for the C library's answer and fills the entry
		 * from that; its own answer already counts the setting. */
		e = atomic_load_explicit(&width_cache[c],
		    memory_order_relaxed);
	}
	if (e == 0) {
		e = (w + 2) | (w == 1 && is_ambiguous(c) ? AMBIGUOUS : 0);
		atomic_store_explicit(&width_cache[c], (signed char) e,
		    memory_order_relaxed);
		atomic_store_explicit(&width_cache_used, true,
		    memory_order_relaxed);
	}
	if ((e & AMBIGUOUS) && atomic_load_explicit(&ambiguous_width,
	    memory_order_relaxed) == 2)
		return 2;
	return (e & ~AMBIGUOUS) - 2;
}

/* Returns the columns c takes on screen, or -1 if it has no width. */
int
text_char_width(uint32_t c)
{
	if (c >= 0x20 && c < 0x7f)
		return 1;
	return cached_width(c);
}

/* Decodes one code point of valid UTF-8; returns its length in bytes. */
size_t
text_next_char(const char *s, size_t n, uint32_t *c)
{
	ucs4_t	uc;
	int	len = u8_mbtouc(&uc, (const uint8_t *) s, n);

	*c = uc;
	return len > 0 ? (size_t) len : 1;
}

/* Steps back over the code point that ends at byte i of valid UTF-8:
 * returns where it starts and stores it in *c (0 at the start). */
size_t
text_prev(const char *s, size_t i, uint32_t *c)
{
	const uint8_t	*p;
	ucs4_t		 uc = 0;

	if (i == 0 || (p = u8_prev(&uc, (const uint8_t *) s + i,
	    (const uint8_t *) s)) == NULL) {
		*c = 0;
		return i > 0 ? i - 1 : 0;
	}
	*c = uc;
	return (size_t) (p - (const uint8_t *) s);
}

/* Returns the code point that ends at byte i of valid UTF-8, or 0. */
uint32_t
text_prev_char(const char *s, size_t i)
{
	uint32_t	c;

	text_prev(s, i, &c);
	return c;
}

/* Writes c as UTF-8 to buf (room for 4 bytes); returns the length. */
size_t
text_encode_char(uint32_t c, char *buf)
{
	int	n = u8_uctomb((uint8_t *) buf, c, 4);

	return n > 0 ? (size_t) n : 0;
}

/* Returns the display width of n bytes of clean text. */
int
text_width(const char *s, size_t n)
{
	size_t		i = 0;
	int		total = 0, w;
	uint32_t	c;

	while (i < n) {
		if ((unsigned char) s[i] < 0x80) {
			total++;
			i++;
			continue;
		}
		i += text_next_char(s + i, n - i, &c);
		w = text_char_width(c);
		if (w > 0)
			total += w;
	}
	return total;
}

static void
obuf_reserve(struct obuf *o, size_t more)
{
	if (o->n + more <= o->cap)
		return;
	o->cap = (o->cap + more) * 3 / 2 + 64;
	o->p = xreallocarray(o->p, o->cap, 1);
}

static void
obuf_putc(struct obuf *o, uint32_t c)
{
	int	len;

	obuf_reserve(o, 6);
	len = u8_uctomb((uint8_t *) o->p + o->n, c, 6);
	if (len > 0)
		o->n += (size_t) len;
}

static bool
is_bidi_control(uint32_t c)
{
	/* Embeddings, overrides and isolates can reorder what follows
	 * them on screen; marks (LRM, RLM, ALM) only affect one side. */
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Returns what stands on screen for code point c (at least 0x80): c
 * itself, or U+FFFD for a C1 control, a bidirectional embedding, override
 * or isolate, a surrogate or a character without a width. */
static uint32_t
substitute(uint32_t c)
{
	if (c < 0xA0 || is_bidi_control(c) || (c >= 0xD800 && c <= 0xDFFF) ||
	    (c >= 0xFFF9 && c <= 0xFFFB) || cached_width(c) < 0)
		return REPLACEMENT;
	return c;
}


/* Bidirectional marks steer nothing on a terminal worth trusting: they
 * are left out. */
static bool
is_bidi_mark(uint32_t c)
{
	return c == 0x200E || c == 0x200F || c == 0x061C;
}

/* Whether sanitize() copies c (a BMP code point, not ASCII) as it is: the
 * hot path, one look in a table for most characters. */
static inline bool
plain(uint32_t c)
{
	int	p = atomic_load_explicit(&plain_cache[c], memory_order_relaxed);

	if (p == 0) {
		p = c != REPLACEMENT && c != 0x2028 && c != 0x2029 &&
		    !is_bidi_mark(c) && substitute(c) == c &&
		    cached_width(c) != 0 ? 1 : 2;
		atomic_store_explicit(&plain_cache[c], (unsigned char) p,
		    memory_order_relaxed);
	}
	return p == 1;
}

/* How many bytes of s, which do not begin a valid character, stand for
 * one U+FFFD: Unicode's practice of one for each maximal subpart, the
 * longest start of a valid sequence (or else one byte). */
static RARE size_t
bad_length(const char *s, size_t n)
{
	ucs4_t	c;
	size_t	k;

	for (k = 1; k <= n && k < 4 &&
	    u8_mbtoucr(&c, (const uint8_t *) s, k) == -2; k++)
		;
	return k > 1 ? k - 1 : 1;
}

/* Whether c, a character of no width about to be written at o's end,
 * is kept. A cell carries at most TEXT_MARKS_MAX of them: thousands of
 * marks on one letter only hide the text. A combining mark that would
 * begin a line first gets a no-break space to sit on, or the terminal
 * would draw it on the last cell of the row above; any other character
 * of no width is left out there, as it has nothing to join. */
static RARE bool
keep_zero_width(struct obuf *o, size_t line_start, uint32_t c)
{
	const uint8_t	*start = (const uint8_t *) o->p + line_start;
	const uint8_t	*q = (const uint8_t *) o->p + o->n;
	ucs4_t		 prev;
	int		 k;

	if (o->n == line_start) {
		if (!uc_is_general_category(c, UC_CATEGORY_M))
			return false;
		obuf_putc(o, NO_BREAK_SPACE);
		return true;
	}
	for (k = 0; k < TEXT_MARKS_MAX; k++)
		if ((q = u8_prev(&prev, q, start)) == NULL || prev < 0x80 ||
		    cached_width(prev) != 0)
			return true;
	return false;
}

/* Copies one valid character of len bytes (2 to 4) to p; returns the end.
 * Written out, as a call to memcpy() costs more than the copy. */
static inline char *
copy_char(char *p, const char *s, size_t len)
{
	p[0] = s[0];
	p[1] = s[1];
	if (len > 2)
		p[2] = s[2];
	if (len > 3)
		p[3] = s[3];
	return p + len;
}

/* Expands a tab at the output's end: the column is measured back to the
 * start of the line only now, as tabs are rare and widths are not. */
static void
expand_tab(struct obuf *o, size_t line_start, size_t rest)
{
	unsigned	col = (unsigned) text_width(o->p + line_start,
			    o->n - line_start);
	unsigned	k = TEXT_TABSTOP - col % TEXT_TABSTOP;

	obuf_reserve(o, rest + k + 16);
	memset(o->p + o->n, ' ', k);
	o->n += k;
}

/* Copies s to o, replacing invalid bytes, controls and characters of no
 * width, expanding tabs and turning CR and CRLF into LF. The output is
 * never more than 3 bytes for each byte in, plus tabs, so room is made
 * only where a byte grows. The output position lives in a local between
 * those points: the compiler cannot keep o->n in a register across the
 * byte stores. */
static void
sanitize(struct obuf *o, const char *s, size_t n, bool multiline,
    struct tally *t, size_t *line_startp)
{
	size_t		i = 0, len, line_start = *line_startp;
	char		*p;
	uint32_t	c, out;
	unsigned char	b;
	int		l;

	obuf_reserve(o, n + 16);
	p = o->p + o->n;
	while (i < n) {
		b = (unsigned char) s[i];
		if (b >= 0x20 && b < 0x7F) {
			*p++ = (char) b;
			i++;
			continue;
		}
		if (b < 0x80) {
			if (multiline && (b == '\n' || b == '\r')) {
				*p++ = '\n';
				line_start = (size_t) (p - o->p);
				i += (b == '\r' && i + 1 < n && s[i + 1] == '\n') ?
				    2 : 1;
				continue;
			}
			o->n = (size_t) (p - o->p);
			if (b == '\t')
				expand_tab(o, line_start, n - i);
			else {
				obuf_reserve(o, n - i + 16);
				obuf_putc(o, b == 0x7F ? 0x2421 : 0x2400 + b);
			}
			p = o->p + o->n;
			i++;
			continue;
		}
		l = u8_mbtouc(&c, (const uint8_t *) s + i, n - i);
		len = l > 0 ? (size_t) l : 1;
		if (c < 0x10000 && plain(c)) {
			t->good++;
			p = copy_char(p, s + i, len);
			i += len;
			continue;
		}
		if (c == REPLACEMENT && !(len == 3 &&
		    memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)) {
			t->bad++;
			out = REPLACEMENT;
			len = bad_length(s + i, n - i);
		} else {
			t->good++;
			if (multiline && (c == 0x2028 || c == 0x2029)) {
				*p++ = '\n';
				line_start = (size_t) (p - o->p);
				i += len;
				continue;
			}
			if (is_bidi_mark(c)) {
				i += len;
				continue;
			}
			out = substitute(c);
			if (out == c && cached_width(c) == 0) {
				o->n = (size_t) (p - o->p);
				obuf_reserve(o, n - i + 16);
				if (keep_zero_width(o, line_start, c))
					obuf_putc(o, c);
				p = o->p + o->n;
				i += len;
				continue;
			}
			if (out == c) {
				p = copy_char(p, s + i, len);
				i += len;
				continue;
			}
		}
		o->n = (size_t) (p - o->p);
		obuf_reserve(o, n - i + 16);
		obuf_putc(o, out);
		p = o->p + o->n;
		i += len;
	}
	o->n = (size_t) (p - o->p);
	*line_startp = line_start;
}

static char *
convert(const char *from, const char *s, size_t n, size_t *outlen)
{
	size_t	 len = 0;
	uint8_t	*r;

	r = u8_conv_from_encoding(from, iconveh_error, s, n, NULL, NULL, &len);
	if (r == NULL)
		return NULL;
	*outlen = len;
	return (char *) r;
}

/* Turns the bytes of a file into clean UTF-8: the encoding is found (BOM,
 * UTF-8, GB18030), then sanitize() makes every character displayable.
 * Never fails. Caller frees; *outlen gets the length (the result is also
 * NUL-terminated). */
char *
text_clean(const char *raw, size_t n, size_t *outlen, enum text_encoding *encp)
{
	enum text_encoding	 enc = TEXT_UTF8;
	const char		*src = raw;
	size_t			 len = n;
	char			*conv = NULL;
	struct obuf		 o = { NULL, 0, 0 };
	struct tally		 t = { 0, 0 };
	size_t			 line_start = 0;

	if (n >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
		src += 3;
		len -= 3;
		enc = TEXT_UTF8_BOM;
	} else if (n >= 2 && (memcmp(raw, "\xFF\xFE", 2) == 0 ||
	    memcmp(raw, "\xFE\xFF", 2) == 0)) {
		bool le = raw[0] == '\xFF';

		conv = convert(le ? "UTF-16LE" : "UTF-16BE", raw + 2,
		    (n - 2) & ~(size_t) 1, &len);
		if (conv != NULL) {
			src = conv;
			enc = le ? TEXT_UTF16LE : TEXT_UTF16BE;
		} else
			enc = TEXT_UTF8_REPAIRED;
	}
	sanitize(&o, src, len, true, &t, &line_start);
	/* Bytes that are not UTF-8 are damaged UTF-8 when most multibyte
	 * sequences were valid; otherwise they may well be GB18030. */
	if (t.bad > 0 && conv == NULL && t.good * 2 <= t.bad &&
	    (conv = convert("GB18030", src, len, &len)) != NULL) {
		o.n = 0;
		line_start = 0;
		sanitize(&o, conv, len, true, &t, &line_start);
		enc = TEXT_GB18030;
	} else if (t.bad > 0)
		enc = TEXT_UTF8_REPAIRED;
	free(conv);
	obuf_reserve(&o, 1);
	o.p[o.n] = '\0';
	*outlen = o.n;
	if (encp != NULL)
		*encp = enc;
	return o.p;
}

/* Starts cleaning a file that comes in pieces (see text_stream_feed). */
void
text_stream_init(struct text_stream *ts)
{
	memset(ts, 0, sizeof *ts);
}

static void
stream_keep(struct text_stream *ts, const char *s, size_t n)
{
	if (ts->rawn + n > ts->rawcap) {
		ts->rawcap = (ts->rawn + n) * 2;
		ts->raw = xreallocarray(ts->raw, ts->rawcap, 1);
	}
	memcpy(ts->raw + ts->rawn, s, n);
	ts->rawn += n;
}

/* Where a piece can be cut without splitting a character or a CRLF: the
 * bytes after it wait for the next piece. A byte that is not a
 * continuation byte always begins a step of the decoder, so a cut before
 * one is safe; one is made before the last if it has fewer bytes after it
 * than its kind of sequence would take, valid or not, as the decoder may
 * take them all as one invalid sequence. */
static size_t
safe_end(const char *s, size_t n)
{
	size_t		i, have, need;
	unsigned char	b;

	if (n > 0 && s[n - 1] == '\r')
		return n - 1;
	for (i = n; i > 0 && n - i < 4; i--) {
		b = (unsigned char) s[i - 1];
		if ((b & 0xC0) == 0x80)
			continue;
		have = n - (i - 1);
		need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
		return have < need ? i - 1 : n;
	}
	return n;
}

static void
obuf_append(struct obuf *o, const char *s, size_t n)
{
	if (n == 0)
		return;
	obuf_reserve(o, n);
	memcpy(o->p + o->n, s, n);
	o->n += n;
}

/* Finishes what waits in the carry with the first bytes of the next
 * piece, which only a few bytes can finish (a character or a CRLF cut by
 * the end of the last). Returns how many bytes of s it took. */
static size_t
finish_carry(struct text_stream *ts, const char *s, size_t n)
{
	size_t	had = ts->carry.n, end, took = n < 8 ? n : 8;

	obuf_append(&ts->carry, s, took);
	end = safe_end(ts->carry.p, ts->carry.n);
	sanitize(&ts->o, ts->carry.p, end, true, &ts->t, &ts->line_start);
	if (end < had) {
		/* Still unfinished: all of s was taken, and waits too. */
		memmove(ts->carry.p, ts->carry.p + end, ts->carry.n - end);
		ts->carry.n -= end;
		return n;
	}
	ts->carry.n = 0;
	return end - had;
}

/* Whether a file that starts with these bytes is in UTF-16 (has its byte
 * order mark). */
bool
text_is_utf16(const char *s, size_t n)
{
	return n >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 ||
	    memcmp(s, "\xFE\xFF", 2) == 0);
}

/* Cleans the next piece of a file, as text_clean() would the whole. A
 * file in UTF-16 is kept whole and converted at the end. */
void
text_stream_feed(struct text_stream *ts, const char *s, size_t n)
{
	size_t	end;

	if (!ts->started) {
		ts->started = true;
		if (text_is_utf16(s, n))
			ts->utf16 = true;
		else if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
	}
	if (ts->utf16) {
		stream_keep(ts, s, n);
		return;
	}
	if (ts->carry.n > 0) {
		end = finish_carry(ts, s, n);
		s += end;
		n -= end;
	}
	end = safe_end(s, n);
	sanitize(&ts->o, s, end, true, &ts->t, &ts->line_start);
	obuf_append(&ts->carry, s + end, n - end);
}

/* Starts cleaning the part of a file after a newline, to be appended to
 * the stream of the part before it (text_stream_append). */
void
text_stream_init_rest(struct text_stream *ts)
{
	text_stream_init(ts);
	ts->started = true;
}

/* Appends what rest made of the bytes that follow ts's, and ends rest:
 * the two parts of a file cleaned apart, each on its own thread, become
 * one stream. ts must end after a newline, where rest begins. */
void
text_stream_append(struct text_stream *ts, struct text_stream *rest)
{
	sanitize(&ts->o, ts->carry.p, ts->carry.n, true, &ts->t,
	    &ts->line_start);
	ts->carry.n = 0;
	obuf_append(&ts->o, rest->o.p, rest->o.n);
	ts->line_start = ts->o.n - rest->o.n + rest->line_start;
	ts->t.good += rest->t.good;
	ts->t.bad += rest->t.bad;
	obuf_append(&ts->carry, rest->carry.p, rest->carry.n);
	free(rest->o.p);
	free(rest->carry.p);
	free(rest->raw);
	memset(rest, 0, sizeof *rest);
}

/* Ends a stream and returns the clean text (caller frees), or NULL when
 * the bytes were not UTF-8 at all: then the caller reads the file again
 * for text_clean(), which can tell GB18030. */
char *
text_stream_finish(struct text_stream *ts, size_t *len)
{
	char	*r;

	if (ts->utf16) {
		r = text_clean(ts->raw, ts->rawn, len, NULL);
		free(ts->raw);
		free(ts->o.p);
		return r;
	}
	sanitize(&ts->o, ts->carry.p, ts->carry.n, true, &ts->t,
	    &ts->line_start);
	free(ts->carry.p);
	if (ts->t.bad > 0 && ts->t.good * 2 <= ts->t.bad) {
		free(ts->o.p);
		return NULL;
	}
	obuf_reserve(&ts->o, 1);
	ts->o.p[ts->o.n] = '\0';
	*len = ts->o.n;
	return ts->o.p;
}

/* Cleans n bytes as one line (see text_clean_str), NULs included. Caller
 * frees; *outlen gets the length. */
char *
text_clean_str_n(const char *s, size_t n, size_t *outlen)
{
	struct obuf	o = { NULL, 0, 0 };
	struct tally	t = { 0, 0 };
	size_t		line_start = 0;

	sanitize(&o, s, n, false, &t, &line_start);
	obuf_reserve(&o, 1);
	o.p[o.n] = '\0';
	*outlen = o.n;
	return o.p;
}

/* Cleans a one-line string (a file name, a config value): a newline in it
 * is shown, not obeyed. Caller frees. */
char *
text_clean_str(const char *s)
{
	size_t	len;

	return text_clean_str_n(s, strlen(s), &len);
}

static int
cluster_width(const char *s, size_t n)
{
	return text_width(s, n);
}

/* Walks the grapheme clusters of s (n bytes) while they fit in cols
 * columns: returns the bytes that do, *width (may be NULL) their width.
 * With room >= 0, *keep and *kwidth get the same for room columns, on
 * the way (widths only grow along the walk). */
static size_t
fit_walk(const char *s, size_t n, int cols, int room, size_t *keep,
    int *kwidth, int *width)
{
	const uint8_t	*p = (const uint8_t *) s, *end = p + n, *next;
	int		 w = 0, cw;

	if (room >= 0) {
		*keep = 0;
		*kwidth = 0;
	}
	while (p < end) {
		next = u8_grapheme_next(p, end);
		if (next == NULL)
			next = end;
		cw = cluster_width((const char *) p, (size_t) (next - p));
		if (w + cw > cols)
			break;
		w += cw;
		p = next;
		if (w <= room) {
			*keep = (size_t) (p - (const uint8_t *) s);
			*kwidth = w;
		}
	}
	if (width != NULL)
		*width = w;
	return (size_t) (p - (const uint8_t *) s);
}

/* Returns how many bytes of s fit in cols columns without splitting a
 * grapheme cluster; *width gets their width. */
size_t
text_fit(const char *s, size_t n, int cols, int *width)
{
	return fit_walk(s, n, cols, -1, NULL, NULL, width);
}

/* Whether s (n bytes) is all printable ASCII, which cleaning leaves as
 * it is. */
bool
text_is_plain_ascii(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if ((unsigned char) s[i] < 0x20 || (unsigned char) s[i] >= 0x7F)
			return false;
	return true;
}

/* Returns how many bytes of s (n bytes) its first max grapheme clusters
 * take: a cut that does not depend on widths. */
size_t
text_fit_clusters(const char *s, size_t n, size_t max)
{
	const uint8_t	*p = (const uint8_t *) s, *end = p + n, *next;

	for (; p < end && max > 0; max--) {
		next = u8_grapheme_next(p, end);
		p = next != NULL ? next : end;
	}
	return (size_t) (p - (const uint8_t *) s);
}

/* Returns s shortened to cols columns, ending in an ellipsis when
 * something was cut. Caller frees; *width gets the result's width. */
char *
text_ellipsize(const char *s, size_t n, int cols, int *width)
{
	int	 ew = text_char_width(ELLIPSIS), w, kw;
	size_t	 fit, keep;
	char	*r;

	if (cols < 0)
		cols = 0;
	/* Most rows fit: measuring is cheaper than walking clusters. */
	if ((w = text_width(s, n)) <= cols) {
		if (width != NULL)
			*width = w;
		return xstrndup(s, n);
	}
	/* One walk: how much fits in cols, and how much leaves room for
	 * the ellipsis. */
	fit = fit_walk(s, n, cols, cols - ew, &keep, &kw, &w);
	if (fit == n || cols < ew) {
		if (width != NULL)
			*width = w;
		return xstrndup(s, fit);
	}
	r = xmalloc(keep + 4);
	memcpy(r, s, keep);
	memcpy(r + keep, "\xE2\x80\xA6", 4);
	if (width != NULL)
		*width = kw + ew;
	return r;
}

static bool
ascii_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* Rule LB29 at byte i, just after a '.' or ',': no break inside a Latin
 * word. */
static void
lb29(const char *s, size_t n, char *brk, size_t i)
{
	if (i >= 2 && i < n && ascii_alnum(s[i - 2]) && ascii_alnum(s[i]))
		brk[i] = 0;
}

/* Turns 8 of libunistring's break values into 1 where a line may break
 * (UC_BREAK_POSSIBLE, 2, or UC_BREAK_HYPHENATION, 4) and 0 elsewhere (0,
 * 1 or 3), all 8 at once: every byte of every paragraph passes here. Bit
 * 0 of each result is (bit 1 or bit 2) and not bit 0 of the value; bits
 * shifted in from the next byte land above bit 0 and are masked off. */
_Static_assert(UC_BREAK_PROHIBITED == 1 && UC_BREAK_POSSIBLE == 2 &&
    UC_BREAK_MANDATORY == 3 && UC_BREAK_HYPHENATION == 4 &&
    UC_BREAK_CR_BEFORE_LF == 5, "libunistring's break values");

static inline void
may_break8(char *b)
{
	uint64_t	w;

	memcpy(&w, b, 8);
	w = ((w >> 1) | (w >> 2)) & ~w & UINT64_C(0x0101010101010101);
	memcpy(b, &w, 8);
}

/* Tailors the break after a run of spaces, where UAX #14 allows one
 * before anything (LB18) and the Chinese rules do not: not before a
 * closing mark that only LB19 or LB22 would keep off a line's start (” ’
 * …), nor after an opening one (“ ‘). And a space that carries a
 * combining mark is one cluster: UAX #14 (LB9, LB10) lets a line break
 * between the two, which would leave the mark at the start of a line with
 * nothing to sit on; the break goes before the space instead. Marks and
 * quotes are not ASCII, so most spaces need one look. */
static void
after_spaces(const char *s, size_t n, char *brk)
{
	const char	*p;
	size_t		 i, a;
	uint32_t	 c;

	for (p = s; n > 1 && (p = memchr(p, ' ', n - 1 - (size_t) (p - s))) !=
	    NULL; p++) {
		i = (size_t) (p - s) + 1;
		if ((unsigned char) s[i] == ' ' || !brk[i])
			continue;
		if ((unsigned char) s[i] >= 0x80) {
			text_next_char(s + i, n - i, &c);
			if (text_char_width(c) == 0) {
				brk[i] = 0;
				brk[i - 1] = i > 1;
				continue;
			}
			if (text_no_line_start(c)) {
				brk[i] = 0;
				continue;
			}
		}
		/* Other opening marks are of class OP, which UAX #14 keeps
		 * off a line's end even before spaces (LB14). */
		for (a = i - 1; a > 0 && s[a - 1] == ' '; a--)
			;
		if (a >= 3 && memcmp(s + a - 3, "\xE2\x80", 2) == 0 &&
		    (s[a - 1] == '\x9C' || s[a - 1] == '\x98'))
			brk[i] = 0;
	}
}

/* Sets brk[i] to 1 where a line may break before byte i: UAX #14 as
 * libunistring finds it, tailored by rule LB29 (which libunistring 1.0
 * does not apply): no break after '.' or ',' inside a Latin word, so
 * "reader.ini", "e.g." and "example.com" stay whole; and after spaces as
 * after_spaces() says. */
void
text_line_breaks(const char *s, size_t n, char *brk)
{
	const char	*p;
	size_t		 i;

	u8_possible_linebreaks((const uint8_t *) s, n, "UTF-8", brk);
	for (i = 0; i + 8 <= n; i += 8)
		may_break8(brk + i);
	for (; i < n; i++)
		brk[i] = (brk[i] == UC_BREAK_POSSIBLE) |
		    (brk[i] == UC_BREAK_HYPHENATION);
	for (p = s; n > 2 && (p = memchr(p, '.', n - 1 - (size_t) (p - s))) !=
	    NULL; p++)
		lb29(s, n, brk, (size_t) (p - s) + 1);
	for (p = s; n > 2 && (p = memchr(p, ',', n - 1 - (size_t) (p - s))) !=
	    NULL; p++)
		lb29(s, n, brk, (size_t) (p - s) + 1);
	after_spaces(s, n, brk);
}

/* Sets gb[i] to 1 where a grapheme cluster starts at byte i. */
void
text_cluster_starts(const char *s, size_t n, char *gb)
{
	u8_grapheme_breaks((const uint8_t *) s, n, gb);
}

/* Whether c never joins a neighbour into one grapheme cluster: its
 * Grapheme_Cluster_Break property (libunistring's) is Other, Control, CR
 * or LF. Cached for the BMP, as most text asks about few characters. */
static bool
never_joins(uint32_t c)
{
	/* 0 unknown, 1 never joins, 2 may; atomic as width_cache is. */
	static _Atomic uint8_t	cache[0x10000];
	int			p;

	if (c < 0x10000 && (p = atomic_load_explicit(&cache[c],
	    memory_order_relaxed)) != 0)
		return p == 1;
	p = uc_graphemeclusterbreak_property(c);
	p = p == GBP_OTHER || p == GBP_CONTROL || p == GBP_CR || p == GBP_LF;
	if (c < 0x10000)
		atomic_store_explicit(&cache[c], p ? 1 : 2,
		    memory_order_relaxed);
	return p;
}

/* Finds the grapheme clusters of n bytes of clean text and their widths,
 * in one pass: where a cluster starts, gb[i] is its length in bytes (or
 * TEXT_CLUSTER_LONG for any longer) and cw[i] its width; elsewhere gb[i]
 * is 0. libunistring segments only text in which some character can join
 * another; elsewhere every character is a cluster. */
void
text_measure(const char *s, size_t n, char *gb, uint16_t *cw)
{
	size_t		i = 0, start, len;
	uint32_t	c;
	unsigned	total;
	int		w;
	bool		simple = true;

	while (i < n) {
		if ((unsigned char) s[i] < 0x80) {
			gb[i] = 1;
			cw[i++] = 1;
			continue;
		}
		len = text_next_char(s + i, n - i, &c);
		gb[i] = (char) len;
		w = text_char_width(c);
		cw[i] = (uint16_t) (w > 0 ? w : 0);
		if (simple && !never_joins(c))
			simple = false;
		/* len is 2 to 4; written out, as a loop becomes memset(). */
		gb[i + 1] = 0;
		if (len > 2)
			gb[i + 2] = 0;
		if (len > 3)
			gb[i + 3] = 0;
		i += len;
	}
	if (simple)
		return;
	u8_grapheme_breaks((const uint8_t *) s, n, gb);
	for (i = 0; i < n;) {
		start = i;
		total = 0;
		do {
			total += cw[i];
			i += text_next_char(s + i, n - i, &c);
		} while (i < n && !gb[i]);
		cw[start] = (uint16_t) (total < 0xFFFF ? total : 0xFFFF);
		gb[start] = (char) (i - start < TEXT_CLUSTER_LONG ? i - start :
		    TEXT_CLUSTER_LONG);
	}
}

static bool
in_set(uint32_t c, const uint32_t *set, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (set[i] == c)
			return true;
	return false;
}

/* Closing and trailing marks that must not begin a line (Chinese rules). */
bool
text_no_line_start(uint32_t c)
{
	static const uint32_t set[] = {
		0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01,
		0xFF09, 0x300D, 0x300F, 0x3011, 0x300B, 0x3015, 0x3009, 0x3017,
		0xFF3D, 0xFF5D, 0x201D, 0x2019, 0x2026, 0xFF61, 0xFF63, 0xFF64,
		',', '.', ';', ':', '?', '!', ')', ']', '}'
	};

	return in_set(c, set, ARRAY_SIZE(set));
}

/* Opening marks that must not end a line (Chinese rules). */
bool
text_no_line_end(uint32_t c)
{
	static const uint32_t set[] = {
		0xFF08, 0x300C, 0x300E, 0x3010, 0x300A, 0x3014, 0x3008, 0x3016,
		0xFF3B, 0xFF5B, 0x201C, 0x2018, 0xFF62, '(', '[', '{'
	};

	return in_set(c, set, ARRAY_SIZE(set));
}

/* Whether a line that ends in a and one that begins with b are joined
 * with no space between them: where a Chinese or Japanese character (or
 * full-width punctuation) meets another, or a digit or a mark that is
 * not a letter ("2024年", "“好”"); not where one meets a Latin letter,
 * nor between two narrow characters. The same whatever the width of
 * ambiguous characters. */
bool
text_joins_tight(uint32_t a, uint32_t b)
{
	bool	wa = uc_width(a, "UTF-8") == 2, wb = uc_width(b, "UTF-8") == 2;

	if (wa == wb)
		return wa;
	return !uc_is_general_category(wa ? b : a, UC_CATEGORY_L);
}

/* True for the white space that separates paragraphs and indents them. */
bool
text_is_blank(uint32_t c)
{
	return c == ' ' || c == 0x3000 || c == 0xA0 ||
	    (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}

/* Maps full-width and half-width forms to one spelling for comparison. */
static uint32_t
fold_width_variant(uint32_t c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		return c - 0xFEE0;
	switch (c) {
	case 0xFF61: return 0x3002;
	case 0xFF62: return 0x300C;
	case 0xFF63: return 0x300D;
	case 0xFF64: return 0x3001;
	case 0x3002: return 0x3002;
	}
	return c;
}

/* Hashes a title so that titles differing only in white space or in
 * full-width versus half-width forms get the same key. */
uint64_t
text_title_key(const char *s, size_t n)
{
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		i = 0;
	uint32_t	c;

	while (i < n) {
		i += text_next_char(s + i, n - i, &c);
		if (text_is_blank(c) || c == '\t' || c == 0x200B)
			continue;
		c = fold_width_variant(c);
		h = (h ^ c) * 0x100000001b3ULL;
	}
	return h;
}

/* Returns the number of code points in n bytes of valid UTF-8. */
size_t
text_count_chars(const char *s, size_t n)
{
	return u8_mbsnlen((const uint8_t *) s, n);
}

/* Returns the byte offset of code point number chars (or n). */
size_t
text_char_offset(const char *s, size_t n, size_t chars)
{
	size_t		i = 0;
	uint32_t	c;

	while (chars-- > 0 && i < n)
		i += text_next_char(s + i, n - i, &c);
	return i < n ? i : n;
}

/* Whether a search for needle can use a plain byte comparison: true
 * when none of its characters has another case. */
static bool
caseless(const char *s, size_t n)
{
	size_t		i = 0;
	uint32_t	c;

	while (i < n) {
		i += text_next_char(s + i, n - i, &c);
		if (uc_tolower(c) != c || uc_toupper(c) != c)
			return false;
	}
	return true;
}

/* Whether c has a full-width or half-width twin that
 * fold_width_variant() maps to it. */
static bool
has_width_twin(uint32_t c)
{
	return (c >= 0x21 && c <= 0x7E) || c == 0x3001 || c == 0x3002 ||
	    c == 0x300C || c == 0x300D;
}

/* Matches needle at hay[i], ignoring case, and with fold (needle then
 * already folded) hay's full-width and half-width forms too; returns the
 * length matched in hay, or 0. */
static size_t
match_at(const char *hay, size_t hn, size_t i, const char *needle,
    size_t nn, bool fold)
{
	size_t		j = 0, start = i;
	uint32_t	a, b;

	while (j < nn) {
		if (i >= hn)
			return 0;
		i += text_next_char(hay + i, hn - i, &a);
		j += text_next_char(needle + j, nn - j, &b);
		if (fold)
			a = fold_width_variant(a);
		if (a != b && uc_tolower(a) != uc_tolower(b))
			return 0;
	}
	return i - start;
}

/* Finds folded needle in hay as text_find() does, for a needle with a
 * character that has a full-width or half-width twin. */
static long
find_folded(const char *hay, size_t hn, size_t from, const char *needle,
    size_t nn, size_t *mlen)
{
	size_t		i, m;
	uint32_t	f, c;
	unsigned char	b, lo = 0, up = 0;

	text_next_char(needle, nn, &f);
	if (f < 0x80) {
		lo = (unsigned char) uc_tolower(f);
		up = (unsigned char) uc_toupper(f);
	}
	for (i = from; i < hn; ) {
		b = (unsigned char) hay[i];
		/* An ASCII first character begins a match only at itself or
		 * at a full-width form (all of which begin with 0xEF). */
		if (f < 0x80 && b != lo && b != up && b != 0xEF) {
			i++;
			continue;
		}
		if ((m = match_at(hay, hn, i, needle, nn, true)) > 0) {
			*mlen = m;
			return (long) i;
		}
		i += text_next_char(hay + i, hn - i, &c);
	}
	return -1;
}

/* Finds needle in hay from byte from on: case-insensitively for letters
 * that have case, exactly otherwise (Chinese needs no word boundaries),
 * and with full-width and half-width forms alike (（第 is (第, １００１
 * is 1001). Returns the offset, or -1; *mlen gets the length matched. */
long
text_find(const char *hay, size_t hn, size_t from, const char *needle,
    size_t nn, size_t *mlen)
{
	const char	*p;
	char		*folded = NULL;
	size_t		 i, m, fn = 0;
	uint32_t	 c, f;
	bool		 twins = false, wide = false;
	long		 at = -1;

	if (nn == 0 || from > hn)
		return -1;
	for (i = 0; i < nn; ) {
		i += text_next_char(needle + i, nn - i, &c);
		f = fold_width_variant(c);
		wide |= f != c;
		twins |= has_width_twin(f);
	}
	if (wide) {
		/* The needle spelled with the plain forms. */
		folded = xmalloc(nn + 1);
		for (i = 0; i < nn; ) {
			i += text_next_char(needle + i, nn - i, &c);
			fn += text_encode_char(fold_width_variant(c),
			    folded + fn);
		}
		needle = folded;
		nn = fn;
	}
	if (twins)
		at = find_folded(hay, hn, from, needle, nn, mlen);
	else if (caseless(needle, nn)) {
		p = memmem(hay + from, hn - from, needle, nn);
		if (p != NULL) {
			*mlen = nn;
			at = p - hay;
		}
	} else
		for (i = from; i < hn; i += text_next_char(hay + i, hn - i,
		    &c))
			if ((m = match_at(hay, hn, i, needle, nn, false)) > 0) {
				*mlen = m;
				at = (long) i;
				break;
			}
	free(folded);
	return at;
}

/* Whether n bytes are valid UTF-8; if not, *bad gets the offset of the
 * first invalid byte. */
bool
text_valid_utf8(const char *s, size_t n, size_t *bad)
{
	const uint8_t	*p = u8_check((const uint8_t *) s, n);

	if (p == NULL)
		return true;
	if (bad != NULL)
		*bad = (size_t) (p - (const uint8_t *) s);
	return false;
}

/* strftime() with a format from the user (reader.ini), the one place
 * where a format string cannot be a literal. Returns 0 if the result is
 * empty or does not fit. */
size_t
text_strftime(char *buf, size_t size, const char *fmt, const struct tm *tm)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	return strftime(buf, size, fmt, tm);
#pragma GCC diagnostic pop
}

/* Returns a key that sorts s as a person would: case folded, then in the
 * order of the locale's collation (LC_COLLATE; glibc's zh_CN orders
 * Chinese by pinyin), or by code point when the locale sets none.
 * Compare keys with strcmp(); *len is the key's length. Caller frees. */
char *
text_sort_key(const char *s, size_t n, size_t *len)
{
	const char	*coll = setlocale(LC_COLLATE, NULL);
	uint8_t		*f;
	char		*r;
	size_t		 fl = 0;

	if (coll != NULL && strcmp(coll, "C") != 0 &&
	    strcmp(coll, "POSIX") != 0 && strncmp(coll, "C.", 2) != 0) {
		*len = 0;
		/* NULL when a character has no place in the locale's
		 * character set: then code point order, as below. */
		r = u8_casexfrm((const uint8_t *) s, n, uc_locale_language(),
		    NULL, NULL, len);
		if (r != NULL && memchr(r, '\0', *len) == NULL) {
			r = xreallocarray(r, *len + 1, 1);
			r[*len] = '\0';
			return r;
		}
		free(r);
	}
	/* UTF-8 bytes compare in code point order. */
	f = u8_casefold((const uint8_t *) s, n, NULL, NULL, NULL, &fl);
	if (f == NULL) {
		*len = n;
		return xstrndup(s, n);
	}
	r = xreallocarray(f, fl + 1, 1);
	r[fl] = '\0';
	*len = strnlen(r, fl);
	return r;
}
