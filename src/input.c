/* Keys, mouse events, sizes and loading turned into state changes. */
#include "system.h"

#include <string.h>

#include "action.h"
#include "input.h"
#include "loader.h"
#include "persist.h"

/* Ends an event: the state is made ready to be shown and, in builds
 * with checks, its invariants are checked. */
static int
done(struct state *st, int re)
{
	if (st->persist->failed && !st->persist->told) {
		/* Say once that reading state is not being kept. */
		st->persist->told = true;
		state_message(st, true, _("cannot save reading state: %s"),
		    strerror(st->persist->err));
		re |= RE_DRAW;
	}
	state_prepare(st);
#ifdef READER_CHECKS
	state_check(st);
#endif
	return re;
}

/* Handles one key (not a resize or a mouse event). */
int
input_key(struct state *st, key_code k)
{
	int	re;

	if (st->prompt.active)
		return done(st, state_prompt_key(st, k));
	state_clear_message(st);
	re = action_run(st, keymap_lookup(st->keys, k)) | RE_DRAW;
	if (st->reload_asked)
		re |= input_reload(st);
	return done(st, re);
}

/* Handles text pasted at once (bracketed paste): inserted into the
 * prompt; outside one it runs nothing, and says so. */
int
input_paste(struct state *st, const char *s, size_t n)
{
	if (st->prompt.active)
		return done(st, state_prompt_paste(st, s, n));
	state_message(st, false, "%s", _("pasted text is ignored outside "
	    "the search prompt"));
	return done(st, RE_DRAW);
}

/* Handles a mouse event at screen cell y, x of the screen v shows. */
int
input_mouse(struct state *st, const struct vscreen *v, int y, int x,
    enum input_button b)
{
	const struct vrow	*vr;
	enum vpane_id		 id;
	int			 row, re = RE_NONE;
	long			 d;

	row = view_hit(v, y, x, &id);
	if (row < 0)
		return RE_NONE;
	state_clear_message(st);
	if (b == INPUT_WHEEL_UP || b == INPUT_WHEEL_DOWN) {
		d = b == INPUT_WHEEL_UP ? -INPUT_WHEEL_ROWS : INPUT_WHEEL_ROWS;
		if (id == VP_LIST)
			return done(st, state_list_move(st, d));
		if (id == VP_READER)
			return done(st, state_scroll(st, d));
		if (id == VP_HELP)
			return done(st, state_help_move(st, d));
		return RE_NONE;
	}
	vr = &v->rows[v->p[id].first + (uint32_t) row];
	if (id == VP_LIST || id == VP_LIST_HEAD) {
		if (st->help)
			return RE_NONE;
		st->focus = PANE_LIST;
		re = RE_DRAW;
		if (vr->item >= 0)
			re |= state_list_to(st, (size_t) vr->item);
		if (vr->item >= 0 && b == INPUT_DOUBLE_CLICK)
			re |= action_run(st, ACT_OPEN);
	} else if (id == VP_READER || id == VP_READER_HEAD) {
		if (!st->rd.has_page)
			return RE_NONE;
		st->focus = PANE_READER;
		re = RE_DRAW;
		if (vr->block >= 0 &&
		    st->rd.page.b[vr->block].related >= 0 &&
		    st->rd.missing < 0) {
			re |= state_select_related(st,
			    st->rd.page.b[vr->block].related);
			if (b == INPUT_DOUBLE_CLICK)
				re |= state_follow(st);
		}
	}
	return done(st, re);
}

/* Places the panes for a cols x lines screen and tells the state their
 * sizes (which re-wraps the open article around its top line). */
void
input_layout(struct vscreen *v, struct state *st, int cols, int lines)
{
	view_geometry(v, st, cols, lines);
	state_set_geometry(st, v->p[VP_LIST].r.h, v->p[VP_LIST].r.w,
	    v->p[VP_READER].r.h, v->p[VP_READER].r.w, v->p[VP_HELP].r.h,
	    st->help &&
	    v->p[VP_HELP].shown ? view_help_rows(st, v->p[VP_HELP].r.w) : 0);
	done(st, RE_NONE);
}

/* Says what loading met: one problem itself, more as how many and the
 * key that lists them all (each is kept for the messages screen). */
void
input_say_problems(struct state *st, const struct causes *cs)
{
	size_t	i;

	for (i = 0; i < cs->n; i++)
		state_log(st, cs->msg[i]);
	if (cs->n == 1)
		state_message(st, cs->nerrors > 0, "%s", cs->msg[0]);
	else if (cs->n > 1)
		/* TRANSLATORS: %zu problems, %s the key that shows them. */
		state_message(st, cs->nerrors > 0, ngettext(
		    "%zu problem while loading: press %s to read it",
		    "%zu problems while loading: press %s to read them",
		    cs->n), cs->n, state_key_hint(st, ACT_MESSAGES));
}

/* Loads a slice of us microseconds of the library (*ld is set to NULL
 * when it is all in), keeping the list cursor on its article. */
int
input_load(struct state *st, struct loader **ld, long us, struct causes *cs)
{
	uint64_t	id = state_cursor_id(st);
	int		more = loader_step(*ld, st->corpus, us, cs);

	state_library_changed(st, id);
	if (!more) {
		*ld = NULL;
		st->loading = false;
		input_say_problems(st, cs);
	}
	return done(st, RE_DRAW);
}

/* Reads the library again from its paths (with the header index, only
 * what changed is read) and shows it in place of the one shown. */
int
input_reload(struct state *st)
{
	struct corpus	c;
	struct loader	ld;
	struct causes	cs;

	st->reload_asked = false;
	if (st->paths == NULL || st->loading)
		return RE_NONE;
	corpus_init(&c);
	c.sort_key = st->corpus->sort_key;
	c.sort_asc = st->corpus->sort_asc;
	loader_start(&ld, st->paths, st->npaths, true);
	causes_init(&cs);
	loader_finish(&ld, &c, &cs);
	loader_stop(&ld);
	/* Both libraries' header indexes written: the threads writing them
	 * read them where they are, and they are about to move. */
	loader_settle(st->corpus);
	loader_settle(&c);
	state_library_replace(st, &c);
	corpus_free(&c);
	input_say_problems(st, &cs);
	causes_free(&cs);
	return done(st, RE_DRAW);
}

/* Reads the library again if its directories say it changed on disk
 * (and the settings let it). */
int
input_watch(struct state *st)
{
	if (!st->set->auto_reload || st->loading || st->prompt.active ||
	    !loader_changed(st->corpus))
		return RE_NONE;
	return input_reload(st);
}

/* Looks at the indexer's progress: RE_DRAW when the status line is to
 * say more. */
int
input_index_poll(struct state *st)
{
	int	re = state_index_poll(st);

	return re != RE_NONE ? done(st, re) : RE_NONE;
}

/* What the interface does when the user pauses: reads the rest of a
 * partly read article. */
int
input_idle(struct state *st)
{
	if (!st->rd.partial)
		return RE_NONE;
	return done(st, state_complete(st) | RE_DRAW);
}
