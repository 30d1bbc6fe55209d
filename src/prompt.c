/* Editing the search prompt's line. */
#include "system.h"

#include "prompt.h"
#include "text.h"

/* Starts an empty prompt in pane, remembering the list's article and
 * the reading pane's place to go back to. */
void
prompt_start(struct prompt *p, int pane, long saved, const struct place *at)
{
	p->active = true;
	p->library = false;
	p->pane = pane;
	p->len = 0;
	p->buf[0] = '\0';
	p->saved = saved;
	p->saved_at = *at;
}

/* Inserts character c if it is printable and fits. */
static bool
insert_char(struct prompt *p, uint32_t c)
{
	char	buf[8];
	size_t	n;

	char	*clean;
	size_t	 cn;
	bool	 same;

	if (c >= KEYC_BASE || c < ' ' || (c >= 0x7f && c < 0xa0) ||
	    text_char_width(c) < 0)
		return false;
	n = text_encode_char(c, buf);
	/* What the rest of the program would not show as it is (bidi
	 * overrides and isolates, annotations) is not taken either: the
	 * prompt is drawn, and quoted in messages. */
	clean = text_clean_str_n(buf, n, &cn);
	same = cn == n && memcmp(clean, buf, n) == 0;
	free(clean);
	if (!same)
		return false;
	if (p->len + n >= sizeof p->buf)
		return false;
	memcpy(p->buf + p->len, buf, n);
	p->len += n;
	p->buf[p->len] = '\0';
	return true;
}

/* Deletes the last character; on an empty line, cancels. */
enum prompt_result
prompt_erase(struct prompt *p)
{
	uint32_t	c;

	if (p->len == 0)
		return PROMPT_CANCEL;
	p->len = text_prev(p->buf, p->len, &c);
	p->buf[p->len] = '\0';
	return PROMPT_EDITED;
}

/* Deletes the whole line. */
enum prompt_result
prompt_clear(struct prompt *p)
{
	if (p->len == 0)
		return PROMPT_IGNORED;
	p->len = 0;
	p->buf[0] = '\0';
	return PROMPT_EDITED;
}

/* Types key k: a printable character is inserted, anything else is
 * ignored. */
enum prompt_result
prompt_type(struct prompt *p, key_code k)
{
	if (k == KEYC_SPACE)
		k = ' ';
	return insert_char(p, k) ? PROMPT_EDITED : PROMPT_IGNORED;
}

/* Feeds a key to the prompt as the default keys have it (Enter accepts;
 * Esc, C-c and C-g cancel; Backspace erases; C-u clears); the interface
 * takes those from the key table (the prompt_ actions) instead. */
enum prompt_result
prompt_key(struct prompt *p, key_code k)
{
	switch (k) {
	case KEYC_ENTER:
		return PROMPT_ACCEPT;
	case KEYC_ESC:
	case 3:		/* C-c */
	case 7:		/* C-g */
		return PROMPT_CANCEL;
	case KEYC_BSPACE:
		return prompt_erase(p);
	case 21:	/* C-u */
		return prompt_clear(p);
	}
	return prompt_type(p, k);
}

/* Inserts pasted text: its printable characters, as far as they fit (a
 * line break or a tab becomes a space). */
enum prompt_result
prompt_insert(struct prompt *p, const char *s, size_t n)
{
	size_t		i, len;
	uint32_t	c;
	bool		any = false;

	for (i = 0; i < n; i += len) {
		len = text_next_char(s + i, n - i, &c);
		if (c == '\n' || c == '\r' || c == '\t')
			c = ' ';
		any |= insert_char(p, c);
	}
	return any ? PROMPT_EDITED : PROMPT_IGNORED;
}

/* Checks the invariants in prompt.h; returns the first one broken, or
 * NULL. */
const char *
prompt_check(const struct prompt *p)
{
	if (p->len >= sizeof p->buf || p->buf[p->len] != '\0')
		return "prompt text not terminated";
	if (!text_valid_utf8(p->buf, p->len, NULL))
		return "prompt text not UTF-8";
	return NULL;
}
