/* Cutting text into the terms of the full-text index; see ftstok.h. */
#include "system.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unictype.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>
#ifdef HAVE_OPENCC
# include <dlfcn.h>
# include <stdio.h>
# include <opencc/opencc.h>
#endif

#include "ftstok.h"

/* What a character is to the cut. */
enum { SEP, WORD, CJK };

/* A character waiting to be paired with the next of its run: its folded
 * bytes are p, either s or, when folding left them as they were, the
 * text's own. */
struct pending {
	const char	*p;
	char		 s[8];
	size_t		 len;
	size_t		 start;
	size_t		 end;
};

struct cut {
	int		 flags;
	ftstok_fn	 fn;
	void		*arg;
	int		 stop;
	/* The word being gathered. */
	char		 w[FTSTOK_MAX + 8];
	size_t		 wlen;
	size_t		 wstart;
	size_t		 wend;
	/* The run of CJK characters. */
	struct pending	 prev;
	size_t		 run;		/* characters in it so far */
	struct pending	 tail;		/* a query run's last character */
	bool		 has_tail;
};

static pthread_once_t	 scripts_once = PTHREAD_ONCE_INIT;
static const uc_script_t *script_han, *script_hiragana, *script_katakana,
			 *script_hangul;

/* Looks the scripts up once. */
static void
scripts_init(void)
{
	script_han = uc_script_byname("Han");
	script_hiragana = uc_script_byname("Hiragana");
	script_katakana = uc_script_byname("Katakana");
	script_hangul = uc_script_byname("Hangul");
}

/* Whether c is cut in pairs: Han, kana, Hangul (and the kana length
 * mark, which belongs to the word it is in). */
bool
ftstok_is_cjk(uint32_t c)
{
	const uc_script_t	*s;

	if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3041 && c <= 0x3096) ||
	    (c >= 0x30a1 && c <= 0x30fa) || (c >= 0xac00 && c <= 0xd7a3) ||
	    c == 0x30fc)
		return true;
	if (c < 0x1100)
		return false;
	pthread_once(&scripts_once, scripts_init);
	s = uc_script(c);
	return s != NULL && (s == script_han || s == script_hiragana ||
	    s == script_katakana || s == script_hangul);
}

/* Whether c needs no folding and is of the given class: the common case
 * of plain text, decided without asking the tables. */
static bool
plain(uint32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3041 && c <= 0x3096) ||
	    (c >= 0x30a1 && c <= 0x30fa) || (c >= 0xac00 && c <= 0xd7a3) ||
	    c == 0x30fc || (c >= 0x3000 && c <= 0x3003);
}

/* Whether c is a mark that belongs to the character before it. */
static bool
joins(uint32_t c)
{
	if (c < 0x300)
		return false;
	if (c == 0xff9e || c == 0xff9f)	/* half-width voicing marks */
		return true;
	if (plain(c))
		return false;
	return uc_is_general_category(c, UC_CATEGORY_M);
}

#ifdef HAVE_OPENCC
static pthread_once_t	 opencc_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t	 opencc_lock = PTHREAD_MUTEX_INITIALIZER;
static opencc_t		 opencc;
static bool		 opencc_ok;
/* Simplified form + 1 of each character of the main Han blocks, 0 until
 * asked. */
#define VAR_FIRST 0x3400
#define VAR_LAST 0x9fff
static _Atomic uint32_t	 variant[VAR_LAST - VAR_FIRST + 1];

/* OpenCC's functions. The program is not linked with OpenCC, which is C++
 * (loading it and its runtime took a millisecond of every start): it is
 * loaded when variants are first asked for, and kept. */
static opencc_t	(*cc_open)(const char *);
static char	*(*cc_convert)(opencc_t, const char *, size_t);
static void	 (*cc_free)(char *);
/* Why OpenCC could not be used. */
static char	 opencc_why[256];

/* Points *fn at OpenCC's function name; false if there is none. */
static bool
cc_find(void *lib, const char *name, void *fn, size_t size)
{
	void	*p = dlsym(lib, name);

	/* (POSIX makes a function's address from dlsym() this way.) */
	memcpy(fn, &p, size);
	return p != NULL;
}

/* Loads OpenCC and opens the traditional-to-simplified conversion, once;
 * without it, nothing is folded and opencc_why says why. */
static void
opencc_init(void)
{
	void	*lib;

	/* The pointers have the types of the header's functions (checked
	 * here, not called). */
	(void) sizeof (cc_open = opencc_open);
	(void) sizeof (cc_convert = opencc_convert_utf8);
	(void) sizeof (cc_free = opencc_convert_utf8_free);
	if ((lib = dlopen(OPENCC_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(opencc_why, sizeof opencc_why, "%s", dlerror());
		return;
	}
	if (!cc_find(lib, "opencc_open", &cc_open, sizeof cc_open) ||
	    !cc_find(lib, "opencc_convert_utf8", &cc_convert,
	    sizeof cc_convert) ||
	    !cc_find(lib, "opencc_convert_utf8_free", &cc_free,
	    sizeof cc_free)) {
		snprintf(opencc_why, sizeof opencc_why, "%s", dlerror());
		dlclose(lib);
		return;
	}
	opencc = cc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
	opencc_ok = opencc != (opencc_t) -1;
	if (!opencc_ok)
		snprintf(opencc_why, sizeof opencc_why, "%s",
		    OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
}

/* Returns the simplified form of Han character c (c itself when it has
 * none, or it is not one character). */
static uint32_t
simplify(uint32_t c)
{
	uint8_t		 in[8];
	char		*out;
	uint32_t	 v, r;
	int		 n;

	if (c < VAR_FIRST || c > VAR_LAST)
		return c;
	v = atomic_load_explicit(&variant[c - VAR_FIRST],
	    memory_order_relaxed);
	if (v != 0)
		return v - 1;
	pthread_once(&opencc_once, opencc_init);
	if (!opencc_ok)
		return c;
	n = u8_uctomb(in, c, sizeof in);
	r = c;
	pthread_mutex_lock(&opencc_lock);
	out = cc_convert(opencc, (const char *) in, (size_t) n);
	pthread_mutex_unlock(&opencc_lock);
	if (out != NULL) {
		size_t	len = strlen(out);
		int	k = u8_mbtouc(&v, (const uint8_t *) out, len);

		if (len > 0 && (size_t) k == len && v != 0xfffd)
			r = v;
		cc_free(out);
	}
	atomic_store_explicit(&variant[c - VAR_FIRST], r + 1,
	    memory_order_relaxed);
	return r;
}
#endif

/* Notes whether a term is one CJK character. */
static int
last_term(void *arg, const struct ftstok_term *t)
{
	uint32_t	c;

	*(bool *) arg = u8_mbtouc(&c, (const uint8_t *) t->s, t->len) ==
	    (int) t->len && ftstok_is_cjk(c);
	return 0;
}

/* Whether query text ends in a lone CJK character, which the index has
 * as the first of a pair (or alone at the end of a run): it is to be
 * found as a prefix. */
bool
ftstok_open_end(const char *text, size_t n, int flags)
{
	bool	lone = false;

	ftstok_cut(text, n, flags | FTSTOK_QUERY, last_term, &lone);
	return lone;
}

/* Whether traditional Chinese can be folded to simplified; if not, and
 * why is not NULL, *why says why (a static string, not translated: it
 * comes from the system). */
bool
ftstok_have_variants(const char **why)
{
#ifdef HAVE_OPENCC
	pthread_once(&opencc_once, opencc_init);
	if (why != NULL)
		*why = opencc_ok ? NULL : opencc_why;
	return opencc_ok;
#else
	if (why != NULL)
		*why = NULL;
	return false;
#endif
}

/* Hands one term to the caller. */
static void
emit(struct cut *k, const char *s, size_t len, size_t start, size_t end)
{
	struct ftstok_term	t;

	if (k->stop)
		return;
	if (k->has_tail) {
		/* A term follows a query run: its last character counts. */
		k->has_tail = false;
		t.s = k->tail.p;
		t.len = k->tail.len;
		t.start = k->tail.start;
		t.end = k->tail.end;
		if ((k->stop = k->fn(k->arg, &t)) != 0)
			return;
	}
	t.s = s;
	t.len = len;
	t.start = start;
	t.end = end;
	k->stop = k->fn(k->arg, &t);
}

/* Ends the word being gathered. */
static void
end_word(struct cut *k)
{
	if (k->wlen == 0)
		return;
	emit(k, k->w, k->wlen, k->wstart, k->wend);
	k->wlen = 0;
}

/* Ends the run of CJK characters. */
static void
end_run(struct cut *k)
{
	if (k->run == 0)
		return;
	if (!(k->flags & FTSTOK_QUERY) || k->run == 1)
		emit(k, k->prev.p, k->prev.len, k->prev.start, k->prev.end);
	else {
		k->tail = k->prev;
		if (k->prev.p == k->prev.s)
			k->tail.p = k->tail.s;
		k->has_tail = true;
	}
	k->run = 0;
}

/* Takes in one folded character, found at bytes [start, end). */
static void
add(struct cut *k, uint32_t c, int cls, size_t start, size_t end)
{
	char	pair[16];
	uint8_t	b[8];
	int	n;

	n = u8_uctomb(b, c, sizeof b);
	if (n <= 0)
		return;
	if (cls == WORD) {
		end_run(k);
		if (k->wlen == 0)
			k->wstart = start;
		if (k->wlen + (size_t) n <= FTSTOK_MAX) {
			memcpy(k->w + k->wlen, b, (size_t) n);
			k->wlen += (size_t) n;
		}
		k->wend = end;
		return;
	}
	end_word(k);
	if (cls == SEP) {
		end_run(k);
		return;
	}
	if (k->run > 0) {
		memcpy(pair, k->prev.p, k->prev.len);
		memcpy(pair + k->prev.len, b, (size_t) n);
		emit(k, pair, k->prev.len + (size_t) n, k->prev.start, end);
	}
	memcpy(k->prev.s, b, (size_t) n);
	k->prev.p = k->prev.s;
	k->prev.len = (size_t) n;
	k->prev.start = start;
	k->prev.end = end;
	k->run++;
}

/* Folds and takes in a character that needed the tables (with the marks
 * that join it), found at bytes [start, end). */
static void
add_folded(struct cut *k, const uint8_t *s, size_t n, size_t start,
    size_t end)
{
	uint8_t		 buf[64], *out;
	size_t		 len = sizeof buf, i;
	uint32_t	 c;
	int		 m, cls;

	out = u8_normalize(UNINORM_NFKC, s, n, buf, &len);
	if (out == NULL) {
		add(k, 0x20, SEP, start, end);
		return;
	}
	for (i = 0; i < len; i += (size_t) m) {
		m = u8_mbtouc(&c, out + i, len - i);
		if (ftstok_is_cjk(c)) {
#ifdef HAVE_OPENCC
			if (k->flags & FTSTOK_VARIANTS)
				c = simplify(c);
#endif
			cls = CJK;
		} else if (uc_is_alnum(c) ||
		    (k->wlen > 0 && uc_is_general_category(c, UC_CATEGORY_M)))
		{
			c = uc_tolower(c);
			cls = WORD;
		} else
			cls = SEP;
		add(k, c, cls, start, end);
	}
	if (out != buf)
		free(out);
}

/* Takes in the character c found at bytes [i, alone) of s, with the marks
 * that join it up to j, as the tables fold it. */
static void
add_slow(struct cut *k, const uint8_t *s, uint32_t c, size_t i,
    size_t alone, size_t j)
{
	if (plain(c) && j == alone) {
#ifdef HAVE_OPENCC
		if ((k->flags & FTSTOK_VARIANTS) && c >= 0x4e00 &&
		    c <= 0x9fff)
			c = simplify(c);
#endif
		add(k, c, c >= 0x3000 && c <= 0x3003 ? SEP : CJK, i, j);
	} else if (c == 0xfffd)
		add(k, c, SEP, i, j);
	else
		add_folded(k, s + i, j - i, i, j);
}

/* The cut of text with no shortcuts: every character other than ASCII
 * is folded by add_slow(). */
static void
cut_slow(struct cut *k, const uint8_t *s, size_t n)
{
	size_t		 i = 0, j, alone;
	uint32_t	 c, d;
	int		 m;

	while (i < n && !k->stop) {
		if (s[i] < 0x80) {
			c = s[i];
			if (c >= 'A' && c <= 'Z')
				add(k, c + 32, WORD, i, i + 1);
			else if ((c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9'))
				add(k, c, WORD, i, i + 1);
			else
				add(k, c, SEP, i, i + 1);
			i++;
			continue;
		}
		m = u8_mbtouc(&c, s + i, n - i);
		alone = i + (size_t) m;
		/* The marks that belong to it are folded with it. */
		for (j = alone; j < n && s[j] >= 0x80; j += (size_t) m) {
			m = u8_mbtouc(&d, s + j, n - j);
			if (!joins(d))
				break;
		}
		add_slow(k, s, c, i, alone, j);
		i = j;
	}
}

/*
 * What add_slow() makes of a character alone, asked of the tables once
 * per code point (for the first CHARS_CACHED, every time above):
 * E_DONE, E_JOINS if it is a mark that joins the character before it,
 * the kind of what it folds to and that folded character, and E_SAME if
 * that is the character itself. Kind K_SLOW: anything else (several
 * characters, or a mark, whose kind depends on what comes before).
 */
#define E_DONE		0x80000000u
#define E_JOINS		0x40000000u
#define E_SAME		0x20000000u
#define E_KIND(e)	(((e) >> 24) & 3u)
#define E_CHAR(e)	((e) & 0x1fffffu)
enum { K_SEP, K_WORD, K_CJK, K_SLOW };
#define CHARS_CACHED	0x20000
static _Atomic uint32_t	 chars[CHARS_CACHED];

static uint32_t
char_fold(uint32_t c)
{
	uint8_t		 in[8], buf[64], *out;
	size_t		 len = sizeof buf, i;
	uint32_t	 e = E_DONE, d, f = 0;
	unsigned	 kind = K_SEP, nc = 0;
	int		 m;

	if (joins(c))
		e |= E_JOINS;
	if (plain(c)) {
		kind = c >= 0x3000 && c <= 0x3003 ? K_SEP : K_CJK;
		return e | E_SAME | kind << 24 | c;
	}
	if (c == 0xfffd)
		return e | (unsigned) K_SEP << 24;
	if ((m = u8_uctomb(in, c, sizeof in)) <= 0 ||
	    (out = u8_normalize(UNINORM_NFKC, in, (size_t) m, buf, &len)) ==
	    NULL)
		return e | (unsigned) K_SLOW << 24;
	for (i = 0; i < len && kind != K_SLOW; i += (size_t) m, nc++) {
		m = u8_mbtouc(&d, out + i, len - i);
		if (ftstok_is_cjk(d)) {
			kind = nc == 0 ? K_CJK : K_SLOW;
			f = d;
		} else if (uc_is_alnum(d)) {
			kind = nc == 0 ? K_WORD : K_SLOW;
			f = uc_tolower(d);
		} else if (uc_is_general_category(d, UC_CATEGORY_M))
			kind = K_SLOW;
		else if (kind != K_SEP)
			kind = K_SLOW;
	}
	if (out != buf)
		free(out);
	if (kind == K_SEP || kind == K_SLOW)
		return e | kind << 24;
	return e | kind << 24 | (f == c ? E_SAME : 0) | f;
}

/* The fold of c, as char_fold() says. */
static inline uint32_t
char_entry(uint32_t c)
{
	uint32_t	e;

	if (c >= CHARS_CACHED)
		return char_fold(c);
	e = atomic_load_explicit(&chars[c], memory_order_relaxed);
	if (e == 0) {
		e = char_fold(c);
		atomic_store_explicit(&chars[c], e, memory_order_relaxed);
	}
	return e;
}

/* Takes in a CJK character that folds to itself, the text's bytes
 * [start, end) of s: a pair with the one before is the text's own bytes
 * when the two are neighbours in it. */
static void
add_same_cjk(struct cut *k, const uint8_t *s, size_t start, size_t end)
{
	const char	*p = (const char *) s + start;
	char		 pair[16];

	end_word(k);
	if (k->run > 0) {
		if (k->prev.p + k->prev.len == p)
			emit(k, k->prev.p, k->prev.len + (end - start),
			    k->prev.start, end);
		else {
			memcpy(pair, k->prev.p, k->prev.len);
			memcpy(pair + k->prev.len, p, end - start);
			emit(k, pair, k->prev.len + (end - start),
			    k->prev.start, end);
		}
	}
	k->prev.p = p;
	k->prev.len = end - start;
	k->prev.start = start;
	k->prev.end = end;
	k->run++;
}

/* The cut: what add_slow() would do, with the fold of each character
 * looked up (char_entry()) and every character decoded once. */
static void
cut_fast(struct cut *k, const uint8_t *s, size_t n)
{
	size_t		 i = 0, j, alone, next = SIZE_MAX;
	uint32_t	 c, d, e, f, nextc = 0;
	int		 m, nextm = 0;

	while (i < n && !k->stop) {
		if (s[i] < 0x80) {
			c = s[i];
			if ((c | 0x20) - 'a' < 26 || c - '0' < 10) {
				end_run(k);
				if (k->wlen == 0)
					k->wstart = i;
				do {
					if (k->wlen < FTSTOK_MAX)
						k->w[k->wlen++] = (char)
						    (c - 'A' < 26 ? c + 32 :
						    c);
					if (++i == n)
						break;
					c = s[i];
				} while ((c | 0x20) - 'a' < 26 ||
				    c - '0' < 10);
				k->wend = i;
			} else {
				end_word(k);
				end_run(k);
				i++;
			}
			continue;
		}
		if (i == next) {
			c = nextc;
			m = nextm;
		} else
			m = u8_mbtouc(&c, s + i, n - i);
		e = char_entry(c);
		alone = i + (size_t) m;
		for (j = alone; j < n && s[j] >= 0x80; j += (size_t) m) {
			m = u8_mbtouc(&d, s + j, n - j);
			if (!(char_entry(d) & E_JOINS)) {
				next = j;
				nextc = d;
				nextm = m;
				break;
			}
		}
		if (j != alone || E_KIND(e) == K_SLOW) {
			add_slow(k, s, c, i, alone, j);
			i = j;
			continue;
		}
		switch (E_KIND(e)) {
		case K_SEP:
			end_word(k);
			end_run(k);
			break;
		case K_WORD:
			if (!(e & E_SAME))
				add(k, E_CHAR(e), WORD, i, j);
			else {
				end_run(k);
				if (k->wlen == 0)
					k->wstart = i;
				if (k->wlen + (j - i) <= FTSTOK_MAX) {
					memcpy(k->w + k->wlen, s + i, j - i);
					k->wlen += j - i;
				}
				k->wend = j;
			}
			break;
		case K_CJK:
			f = E_CHAR(e);
#ifdef HAVE_OPENCC
			if (k->flags & FTSTOK_VARIANTS)
				f = simplify(f);
#endif
			if (f == c)
				add_same_cjk(k, s, i, j);
			else
				add(k, f, CJK, i, j);
			break;
		}
		i = j;
	}
}

/* Cuts n bytes of text into terms, calling fn(arg, term) for each in
 * order; flags are FTSTOK_QUERY, FTSTOK_VARIANTS and FTSTOK_SLOW.
 * Returns what fn returned to stop it, else 0. */
int
ftstok_cut(const char *text, size_t n, int flags, ftstok_fn fn, void *arg)
{
	struct cut	 k;

	memset(&k, 0, sizeof k);
	k.flags = flags;
	k.fn = fn;
	k.arg = arg;
	if (flags & FTSTOK_SLOW)
		cut_slow(&k, (const uint8_t *) text, n);
	else
		cut_fast(&k, (const uint8_t *) text, n);
	end_word(&k);
	end_run(&k);
	return k.stop;
}
