/* The action table and its handlers. */
#include "system.h"

#include "action.h"
#include "state.h"
#include "text.h"
#include "xmalloc.h"

static bool
in_reader(const struct state *st)
{
	return st->focus == PANE_READER || st->zoom;
}

static int
move(struct state *st, long rows)
{
	if (st->help) {
		long t = (long) st->help_top + rows;
		st->help_top = t < 0 ? 0 : (size_t) t;
		return RE_ALL;
	}
	if (in_reader(st))
		return state_scroll(st, rows);
	return state_list_move(st, rows);
}

static long
page_rows(const struct state *st)
{
	int	h = st->help ? st->help_h : in_reader(st) ? st->reader_h :
		    st->list_h;

	/* Keep one row of context when paging through text. */
	return h > 2 && in_reader(st) && !st->help ? h - 1 : h;
}

static int
do_down(struct state *st)
{
	return move(st, 1);
}

static int
do_up(struct state *st)
{
	return move(st, -1);
}

static int
do_page_down(struct state *st)
{
	return move(st, page_rows(st));
}

static int
do_page_up(struct state *st)
{
	return move(st, -page_rows(st));
}

static int
do_top(struct state *st)
{
	if (st->help) {
		st->help_top = 0;
		return RE_ALL;
	}
	if (in_reader(st))
		return state_reader_home(st);
	return state_list_to(st, 0);
}

static int
do_bottom(struct state *st)
{
	size_t	n = state_list_count(st);

	if (st->help) {
		st->help_top = (size_t) -1 / 2;
		return RE_ALL;
	}
	if (in_reader(st))
		return state_reader_end(st);
	return state_list_to(st, n > 0 ? n - 1 : 0);
}

static int
do_focus(struct state *st)
{
	if (st->zoom)
		return RE_NONE;
	if (st->focus == PANE_LIST && !st->has_page) {
		/* TRANSLATORS: %s is the name of a key, such as Enter. */
		state_message(st, false, _("no article open: press %s to "
		    "open one"), state_key_hint(st, ACT_OPEN));
		return RE_STATUS;
	}
	st->focus = st->focus == PANE_LIST ? PANE_READER : PANE_LIST;
	return RE_ALL;
}

static int
do_open(struct state *st)
{
	if (in_reader(st))
		return state_follow(st);
	return state_open(st, state_list_article(st, st->cursor), true);
}

static int
do_next_article(struct state *st)
{
	return state_step_article(st, 1);
}

static int
do_prev_article(struct state *st)
{
	return state_step_article(st, -1);
}

static int
do_next_related(struct state *st)
{
	return state_related_step(st, 1);
}

static int
do_prev_related(struct state *st)
{
	return state_related_step(st, -1);
}

static int
do_back(struct state *st)
{
	return state_back(st);
}

static int
do_forward(struct state *st)
{
	return state_forward(st);
}

static int
do_search(struct state *st)
{
	if (in_reader(st) && !st->has_page)
		return RE_NONE;
	state_prompt_start(st);
	return RE_STATUS;
}

static int
do_search_next(struct state *st)
{
	return state_search_step(st, 1);
}

static int
do_search_prev(struct state *st)
{
	return state_search_step(st, -1);
}

static int
do_toggle_read(struct state *st)
{
	return state_toggle_read(st);
}

static int
do_zoom(struct state *st)
{
	if (!st->has_page) {
		/* TRANSLATORS: %s is the name of a key, such as Enter. */
		state_message(st, false, _("no article open: press %s to "
		    "open one"), state_key_hint(st, ACT_OPEN));
		return RE_STATUS;
	}
	st->zoom = !st->zoom;
	if (st->zoom)
		st->focus = PANE_READER;
	return RE_ALL | RE_CLEAR;
}

static int
do_copy(struct state *st)
{
	const struct article	*a;

	if (!st->set->osc52) {
		state_message(st, true, "%s", _("copying is off: set osc52 = "
		    "true in [general] of reader.ini"));
		return RE_STATUS;
	}
	if (!st->has_page || st->open < 0) {
		state_message(st, false, "%s", _("no article open"));
		return RE_STATUS;
	}
	a = &st->corpus->v[st->open];
	free(st->clipboard);
	st->clipboard = a->url != NULL ? xasprintf("%s\n%s", a->title,
	    a->url) : xstrdup(a->title);
	state_message(st, false, "%s", _("copied the title and URL"));
	return RE_STATUS | RE_CLIPBOARD;
}

static int
do_help(struct state *st)
{
	st->help = !st->help;
	st->help_top = 0;
	return RE_ALL | RE_CLEAR;
}

static int
do_redraw(struct state *st)
{
	(void) st;
	return RE_ALL | RE_CLEAR;
}

static int
do_cancel(struct state *st)
{
	if (st->help) {
		st->help = false;
		return RE_ALL | RE_CLEAR;
	}
	if (st->filtered || st->has_match)
		return state_clear_search(st);
	if (st->zoom) {
		st->zoom = false;
		return RE_ALL | RE_CLEAR;
	}
	if (st->rel_sel >= 0) {
		st->rel_sel = -1;
		return RE_READER;
	}
	return RE_NONE;
}

static int
do_quit(struct state *st)
{
	/* From the help screen or a zoomed pane, q steps back first (but a
	 * lone article given by name reads like a pager: q quits). */
	if (st->help || (st->zoom && !st->pager)) {
		st->help = st->zoom = false;
		return RE_ALL | RE_CLEAR;
	}
	return RE_QUIT | RE_SAVE;
}

const struct action_desc action_table[ACT_COUNT] = {
	[ACT_NONE] = { "none", "", 0, NULL },
	/* TRANSLATORS: the help screen's descriptions of the actions; they
	   follow the keys, in about 55 columns at 80. */
	[ACT_DOWN] = { "down", N_("Move down one line"), CTX_ANY, do_down },
	[ACT_UP] = { "up", N_("Move up one line"), CTX_ANY, do_up },
	[ACT_PAGE_DOWN] = { "page_down", N_("Move down one page"), CTX_ANY,
	    do_page_down },
	[ACT_PAGE_UP] = { "page_up", N_("Move up one page"), CTX_ANY,
	    do_page_up },
	[ACT_TOP] = { "top", N_("Go to the first line"), CTX_ANY, do_top },
	[ACT_BOTTOM] = { "bottom", N_("Go to the last line"), CTX_ANY,
	    do_bottom },
	[ACT_FOCUS] = { "focus", N_("Switch between the list and the "
	    "reading pane"), CTX_LIST | CTX_READER, do_focus },
	[ACT_OPEN] = { "open", N_("Open the article; in the reading pane, "
	    "follow the selected related item"), CTX_LIST | CTX_READER,
	    do_open },
	[ACT_NEXT_ARTICLE] = { "next_article", N_("Open the next article in "
	    "the list"), CTX_LIST | CTX_READER, do_next_article },
	[ACT_PREV_ARTICLE] = { "prev_article", N_("Open the previous article "
	    "in the list"), CTX_LIST | CTX_READER, do_prev_article },
	[ACT_NEXT_RELATED] = { "next_related", N_("Select the next related "
	    "item"), CTX_READER, do_next_related },
	[ACT_PREV_RELATED] = { "prev_related", N_("Select the previous "
	    "related item"), CTX_READER, do_prev_related },
	[ACT_BACK] = { "back", N_("Go back to the previous article"),
	    CTX_LIST | CTX_READER, do_back },
	[ACT_FORWARD] = { "forward", N_("Go forward again"),
	    CTX_LIST | CTX_READER, do_forward },
	[ACT_SEARCH] = { "search", N_("Search titles in the list, or the "
	    "text in the reading pane"), CTX_LIST | CTX_READER, do_search },
	[ACT_SEARCH_NEXT] = { "search_next", N_("Go to the next match"),
	    CTX_LIST | CTX_READER, do_search_next },
	[ACT_SEARCH_PREV] = { "search_prev", N_("Go to the previous match"),
	    CTX_LIST | CTX_READER, do_search_prev },
	[ACT_TOGGLE_READ] = { "toggle_read", N_("Mark the article read or "
	    "unread"), CTX_LIST | CTX_READER, do_toggle_read },
	[ACT_ZOOM] = { "zoom", N_("Show the reading pane alone, or both "
	    "panes"), CTX_LIST | CTX_READER, do_zoom },
	[ACT_COPY] = { "copy", N_("Copy the title and URL to the clipboard "
	    "(through the terminal)"), CTX_LIST | CTX_READER, do_copy },
	[ACT_HELP] = { "help", N_("Show or hide this help"), CTX_ANY,
	    do_help },
	[ACT_REDRAW] = { "redraw", N_("Redraw the screen"), CTX_ANY,
	    do_redraw },
	[ACT_CANCEL] = { "cancel", N_("Close help, clear the search, leave "
	    "zoom"), CTX_ANY, do_cancel },
	[ACT_QUIT] = { "quit", N_("Quit (from help or zoom: go back)"),
	    CTX_ANY, do_quit },
};

/* Returns the action called name, or ACT_NONE. */
enum action
action_from_name(const char *name)
{
	size_t	i;

	for (i = 1; i < ACT_COUNT; i++)
		if (strcmp(action_table[i].name, name) == 0)
			return (enum action) i;
	return ACT_NONE;
}

/* Runs action a if it works where the user is; returns redraw flags. */
int
action_run(struct state *st, enum action a)
{
	int	ctx = st->help ? CTX_HELP : in_reader(st) ? CTX_READER :
		    CTX_LIST;

	if (a <= ACT_NONE || a >= ACT_COUNT || action_table[a].fn == NULL)
		return RE_NONE;
	if (!(action_table[a].contexts & ctx))
		return RE_NONE;
	return action_table[a].fn(st);
}
