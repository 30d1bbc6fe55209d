/* The back and forward stacks. */
#include "system.h"

#include "history.h"
#include "xmalloc.h"

/* Frees both stacks. */
void
history_free(struct history *h)
{
	free(h->back);
	free(h->fwd);
	memset(h, 0, sizeof *h);
}

static void
push(struct hist **v, size_t *n, const struct hist *h)
{
	if (*n == HISTORY_MAX) {
		memmove(*v, *v + 1, (*n - 1) * sizeof **v);
		(*n)--;
	}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = *h;
}

/* Records that the user went on from step `from`: it goes on the back
 * stack, and the forward stack is dropped. */
void
history_visit(struct history *h, const struct hist *from)
{
	push(&h->back, &h->nback, from);
	h->nfwd = 0;
}

/* Takes one step back (dir -1) or forward (1) from step cur, which goes
 * on the other stack; the step taken is put in *to. Returns false, with
 * nothing changed, when there is no step that way. */
bool
history_step(struct history *h, int dir, const struct hist *cur,
    struct hist *to)
{
	struct hist	**from = dir < 0 ? &h->back : &h->fwd;
	size_t		 *nfrom = dir < 0 ? &h->nback : &h->nfwd;

	if (*nfrom == 0)
		return false;
	*to = (*from)[--*nfrom];
	if (dir < 0)
		push(&h->fwd, &h->nfwd, cur);
	else
		push(&h->back, &h->nback, cur);
	return true;
}

/* Makes the steps at article old point at new (its file changed). */
void
history_repoint(struct history *h, uint64_t old, uint64_t new)
{
	size_t	i;

	for (i = 0; i < h->nback; i++)
		if (h->back[i].id == old)
			h->back[i].id = new;
	for (i = 0; i < h->nfwd; i++)
		if (h->fwd[i].id == old)
			h->fwd[i].id = new;
}

/* Checks the invariants in history.h; returns the first one broken, or
 * NULL. */
const char *
history_check(const struct history *h)
{
	size_t	i;

	if (h->nback > HISTORY_MAX || h->nfwd > HISTORY_MAX)
		return "history too long";
	for (i = 0; i < h->nback; i++)
		if (h->back[i].id == 0)
			return "history step without an article";
	for (i = 0; i < h->nfwd; i++)
		if (h->fwd[i].id == 0)
			return "history step without an article";
	return NULL;
}
