/* Unit tests of history.c: back and forward stacks, their limit, steps
 * with nothing to step to, and repointing after a file changed.
 * history_check() is asserted after every step. */
#include "system.h"

#include <stdio.h>

#include "history.h"
#include "tap.h"

#define CHECK(h, ...) do {						\
	const char *why_ = history_check(h);				\
	ok(why_ == NULL, __VA_ARGS__);					\
	if (why_ != NULL)						\
		printf("#   broken: %s\n", why_);			\
} while (0)

static struct hist
step(uint64_t id)
{
	struct hist	h;

	memset(&h, 0, sizeof h);
	h.id = id;
	h.missing = -1;
	h.rel_sel = -1;
	h.at.para = (uint32_t) id;
	h.at.chr = (uint32_t) id * 2;
	return h;
}

static void
test_empty(void)
{
	struct history	h;
	struct hist	cur = step(7), to = step(99);
	int		dir;

	memset(&h, 0, sizeof h);
	CHECK(&h, "empty history holds");
	for (dir = -1; dir <= 1; dir += 2) {
		ok(!history_step(&h, dir, &cur, &to), "empty: no step %s",
		    dir < 0 ? "back" : "forward");
		ok(h.nback == 0 && h.nfwd == 0, "  nothing pushed");
		is_int(to.id, 99, "  nothing taken");
		CHECK(&h, "  holds");
	}
	history_repoint(&h, 1, 2);
	CHECK(&h, "empty: repoint is harmless");
	history_free(&h);
	history_free(&h);
	ok(h.back == NULL && h.nback == 0, "freed twice");
}

/* A browser's walk: visit 1, 2, 3; back twice; forward once; a new
 * visit drops what was forward. */
static void
test_walk(void)
{
	struct history	h;
	struct hist	cur, to, s;

	memset(&h, 0, sizeof h);
	s = step(1);
	history_visit(&h, &s);
	s = step(2);
	history_visit(&h, &s);
	cur = step(3);
	is_int(h.nback, 2, "two steps back");
	CHECK(&h, "holds");
	ok(history_step(&h, -1, &cur, &to) && to.id == 2, "back to 2");
	ok(to.at.para == 2 && to.at.chr == 4 && to.rel_sel == -1 &&
	    to.missing == -1, "  with its place");
	ok(h.nback == 1 && h.nfwd == 1 && h.fwd[0].id == 3, "  3 is forward");
	CHECK(&h, "holds");
	cur = to;
	ok(history_step(&h, -1, &cur, &to) && to.id == 1, "back to 1");
	cur = to;
	ok(!history_step(&h, -1, &cur, &to) && to.id == 1, "nothing before 1");
	is_int(h.nfwd, 2, "  forward untouched");
	ok(history_step(&h, 1, &cur, &to) && to.id == 2, "forward to 2");
	cur = to;
	ok(h.nback == 1 && h.nfwd == 1, "  one each way");
	CHECK(&h, "holds");
	history_visit(&h, &cur);
	ok(h.nback == 2 && h.nfwd == 0, "a new visit drops forward");
	cur = step(4);
	ok(!history_step(&h, 1, &cur, &to), "nothing forward");
	CHECK(&h, "holds");

	history_repoint(&h, 2, 20);
	ok(h.back[0].id == 1 && h.back[1].id == 20, "repointed 2 to 20");
	ok(history_step(&h, -1, &cur, &to) && to.id == 20, "back to the "
	    "new version");
	history_repoint(&h, 4, 40);
	is_int(h.fwd[0].id, 40, "repoint reaches the forward stack");
	CHECK(&h, "holds");
	history_free(&h);
}

/* Past HISTORY_MAX steps the oldest are forgotten, each way. */
static void
test_limit(void)
{
	struct history	h;
	struct hist	cur, to, s;
	uint64_t	i;
	size_t		n;
	bool		good = true;

	memset(&h, 0, sizeof h);
	for (i = 1; i <= HISTORY_MAX + 10; i++) {
		s = step(i);
		history_visit(&h, &s);
		if (h.nback > HISTORY_MAX)
			good = false;
	}
	ok(good, "never more than HISTORY_MAX steps back");
	is_int(h.nback, HISTORY_MAX, "HISTORY_MAX steps back");
	is_int(h.back[0].id, 11, "the oldest ten forgotten");
	is_int(h.back[HISTORY_MAX - 1].id, HISTORY_MAX + 10, "the newest "
	    "last");
	CHECK(&h, "holds at the limit");
	cur = step(HISTORY_MAX + 11);
	for (n = 0; history_step(&h, -1, &cur, &to); n++) {
		if (to.id != HISTORY_MAX + 10 - n)
			good = false;
		cur = to;
	}
	ok(good, "back steps in order");
	is_int(n, HISTORY_MAX, "HISTORY_MAX steps back taken");
	is_int(h.nfwd, HISTORY_MAX, "HISTORY_MAX steps forward");
	is_int(h.fwd[0].id, HISTORY_MAX + 11, "  where the walk back "
	    "started, furthest");
	is_int(cur.id, 11, "at the oldest kept");
	CHECK(&h, "holds");
	for (n = 0; history_step(&h, 1, &cur, &to); n++)
		cur = to;
	is_int(n, HISTORY_MAX, "all forward again");
	is_int(cur.id, HISTORY_MAX + 11, "back where the walk started");
	CHECK(&h, "holds");
	history_free(&h);
}

/* The check is not blind. */
static void
test_check_catches(void)
{
	struct history	h;
	struct hist	s = step(5), zero = step(0);

	memset(&h, 0, sizeof h);
	history_visit(&h, &zero);
	ok(history_check(&h) != NULL, "caught: a step without an article");
	h.back[0] = s;
	ok(history_check(&h) == NULL, "  and whole again");
	h.nfwd = HISTORY_MAX + 1;
	ok(history_check(&h) != NULL, "caught: too long");
	h.nfwd = 0;
	history_free(&h);
}

int
main(void)
{
	tap_locale();
	test_empty();
	test_walk();
	test_limit();
	test_check_catches();
	return tap_done();
}
