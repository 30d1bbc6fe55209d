/* The action table and its handlers. */
#include "system.h"

#include <limits.h>

#include "action.h"
#include "state.h"
#include "text.h"
#include "xmalloc.h"

/* Moves by dir lines (or pages, with page set) in whatever has the
 * keys: the help screen, the text or the list. */
static int
move(struct state *st, long rows)
{
	if (st->help)
		return state_help_move(st, rows);
	if (state_in_reader(st))
		return state_scroll(st, rows);
	return state_list_move(st, rows);
}

static int
do_line(struct state *st, int dir)
{
	return move(st, dir);
}

/* Rows a page moves: the pane's height, less one row of context when
 * paging through text. */
static int
do_page(struct state *st, int dir)
{
	long	h = st->help ? st->help_h : state_in_reader(st) ?
		    st->rd.height : (long) st->nav.height;

	/* Paging on at the end of an article goes on to the next unread
	 * one, as in mutt and newsboat. */
	if (dir > 0 && !st->help && state_in_reader(st) && st->rd.has_page &&
	    !st->rd.partial && reading_at_end(&st->rd))
		return state_next_unread(st);

	if (h > 2 && state_in_reader(st) && !st->help)
		h--;
	return move(st, dir * h);
}

/* Goes to the first (dir -1) or last (1) line. */
static int
do_edge(struct state *st, int dir)
{
	size_t	n = nav_count(&st->nav);

	if (st->help)
		return state_help_move(st, dir < 0 ? LONG_MIN : LONG_MAX);
	if (state_in_reader(st))
		return dir < 0 ? state_reader_home(st) : state_reader_end(st);
	return state_list_to(st, dir < 0 || n == 0 ? 0 : n - 1);
}

static int
do_focus(struct state *st, int arg)
{
	(void) arg;
	if (st->zoom) {
		/* TRANSLATORS: %s is the name of a key, such as z. */
		state_message(st, false, _("only the reading pane is shown: "
		    "press %s to show the list too"),
		    state_key_hint(st, ACT_ZOOM));
		return RE_DRAW;
	}
	if (st->focus == PANE_LIST && !st->rd.has_page) {
		/* TRANSLATORS: %s is the name of a key, such as Enter. */
		state_message(st, false, _("no article open: press %s to "
		    "open one"), state_key_hint(st, ACT_OPEN));
		return RE_DRAW;
	}
	st->focus = st->focus == PANE_LIST ? PANE_READER : PANE_LIST;
	return RE_DRAW;
}

static int
do_open(struct state *st, int arg)
{
	(void) arg;
	if (state_in_reader(st))
		return state_follow(st);
	return state_open(st, nav_cursor_article(&st->nav), true);
}

static int
do_history(struct state *st, int dir)
{
	return dir < 0 ? state_back(st) : state_forward(st);
}

static int
do_search(struct state *st, int arg)
{
	(void) arg;
	return state_prompt_start(st);
}

static int
do_library_search(struct state *st, int arg)
{
	(void) arg;
	return state_library_search_start(st);
}

static int
do_toggle_read(struct state *st, int arg)
{
	(void) arg;
	return state_toggle_read(st);
}

static int
do_zoom(struct state *st, int arg)
{
	(void) arg;
	if (!st->rd.has_page) {
		/* TRANSLATORS: %s is the name of a key, such as Enter. */
		state_message(st, false, _("no article open: press %s to "
		    "open one"), state_key_hint(st, ACT_OPEN));
		return RE_DRAW;
	}
	st->zoom = !st->zoom;
	if (st->zoom)
		st->focus = PANE_READER;
	return RE_DRAW | RE_CLEAR;
}

static int
do_copy(struct state *st, int arg)
{
	const struct article	*a;

	(void) arg;
	if (!st->set->osc52) {
		state_message(st, true, "%s", _("copying is off: set osc52 = "
		    "true in [general] of reader.ini"));
		return RE_DRAW;
	}
	if (!st->rd.has_page || st->rd.open < 0) {
		state_message(st, false, "%s", _("no article open"));
		return RE_DRAW;
	}
	a = &st->corpus->v[st->rd.open];
	free(st->clipboard);
	if (a->url != NULL) {
		st->clipboard = xasprintf("%s\n%s", a->title, a->url);
		state_message(st, false, "%s", _("copied the title and URL"));
	} else {
		st->clipboard = xstrdup(a->title);
		state_message(st, false, "%s", _("copied the title (the "
		    "article has no URL)"));
	}
	return RE_DRAW | RE_CLIPBOARD;
}

static int
do_help(struct state *st, int arg)
{
	(void) arg;
	st->help = !st->help || st->help_kind != HELP_KEYS;
	st->help_kind = HELP_KEYS;
	st->help_top = 0;
	return RE_DRAW | RE_CLEAR;
}

static int
do_messages(struct state *st, int arg)
{
	(void) arg;
	if (st->help && st->help_kind == HELP_MESSAGES)
		st->help = false;
	else {
		st->help = true;
		st->help_kind = HELP_MESSAGES;
		/* The newest at the bottom, in view. */
		st->help_top = HELP_TOP_MAX;
	}
	return RE_DRAW | RE_CLEAR;
}

static int
do_reload(struct state *st, int arg)
{
	(void) arg;
	if (st->loading) {
		state_message(st, false, "%s", _("the library is still "
		    "loading"));
		return RE_DRAW;
	}
	/* Read by input.c, which loads. */
	st->reload_asked = true;
	return RE_DRAW;
}

static int
do_redraw(struct state *st, int arg)
{
	(void) st;
	(void) arg;
	return RE_DRAW | RE_CLEAR;
}

static int
do_cancel(struct state *st, int arg)
{
	(void) arg;
	if (st->help) {
		st->help = false;
		return RE_DRAW | RE_CLEAR;
	}
	if (st->nav.filtered || search_match(&st->search, &st->rd))
		return state_clear_search(st);
	if (st->zoom && !st->pager) {
		st->zoom = false;
		return RE_DRAW | RE_CLEAR;
	}
	if (st->rd.rel_sel >= 0) {
		st->rd.rel_sel = -1;
		return RE_DRAW;
	}
	return RE_NONE;
}

static int
do_quit(struct state *st, int arg)
{
	(void) arg;
	/* From the help screen or a zoomed pane, q steps back first (but a
	 * lone article given by name reads like a pager: q quits). Help
	 * closes alone: zoom stays as it was. */
	if (st->help) {
		st->help = false;
		return RE_DRAW | RE_CLEAR;
	}
	if (st->zoom && !st->pager) {
		st->zoom = false;
		return RE_DRAW | RE_CLEAR;
	}
	return RE_QUIT;
}

const struct action_desc action_table[ACT_COUNT] = {
	[ACT_NONE] = { "none", "", 0, NULL, 0 },
	/* TRANSLATORS: the help screen's descriptions of the actions; they
	   follow the keys, in about 55 columns at 80. */
	[ACT_DOWN] = { "down", N_("Move down one line"), CTX_ANY, do_line, 1 },
	[ACT_UP] = { "up", N_("Move up one line"), CTX_ANY, do_line, -1 },
	[ACT_PAGE_DOWN] = { "page_down", N_("Move down one page"), CTX_ANY,
	    do_page, 1 },
	[ACT_PAGE_UP] = { "page_up", N_("Move up one page"), CTX_ANY,
	    do_page, -1 },
	[ACT_TOP] = { "top", N_("Go to the first line"), CTX_ANY, do_edge,
	    -1 },
	[ACT_BOTTOM] = { "bottom", N_("Go to the last line"), CTX_ANY,
	    do_edge, 1 },
	[ACT_FOCUS] = { "focus", N_("Switch between the list and the "
	    "reading pane"), CTX_LIST | CTX_READER, do_focus, 0 },
	[ACT_OPEN] = { "open", N_("Open the article; in the reading pane, "
	    "follow the selected related item"), CTX_LIST | CTX_READER,
	    do_open, 0 },
	[ACT_NEXT_ARTICLE] = { "next_article", N_("Open the next article in "
	    "the list"), CTX_LIST | CTX_READER, state_step_article,
	    1 },
	[ACT_PREV_ARTICLE] = { "prev_article", N_("Open the previous article "
	    "in the list"), CTX_LIST | CTX_READER,
	    state_step_article, -1 },
	[ACT_NEXT_RELATED] = { "next_related", N_("Select the next related "
	    "item"), CTX_READER, state_related_step, 1 },
	[ACT_PREV_RELATED] = { "prev_related", N_("Select the previous "
	    "related item"), CTX_READER, state_related_step, -1 },
	[ACT_BACK] = { "back", N_("Go back to the previous article"),
	    CTX_LIST | CTX_READER, do_history, -1 },
	[ACT_FORWARD] = { "forward", N_("Go forward again"),
	    CTX_LIST | CTX_READER, do_history, 1 },
	[ACT_SEARCH] = { "search", N_("Search titles in the list, or the "
	    "text in the reading pane"), CTX_LIST | CTX_READER, do_search,
	    0 },
	[ACT_SEARCH_NEXT] = { "search_next", N_("Go to the next match"),
	    CTX_LIST | CTX_READER, state_search_step, 1 },
	[ACT_SEARCH_PREV] = { "search_prev", N_("Go to the previous match"),
	    CTX_LIST | CTX_READER, state_search_step, -1 },
	[ACT_LIBRARY_SEARCH] = { "library_search", N_("Search the text of "
	    "every article; the list shows what matches, best first"),
	    CTX_LIST | CTX_READER, do_library_search, 0 },
	[ACT_TOGGLE_READ] = { "toggle_read", N_("Mark the article read or "
	    "unread"), CTX_LIST | CTX_READER, do_toggle_read,
	    0 },
	[ACT_ZOOM] = { "zoom", N_("Show the reading pane alone, or both "
	    "panes"), CTX_LIST | CTX_READER, do_zoom, 0 },
	[ACT_COPY] = { "copy", N_("Copy the title and URL to the clipboard "
	    "(through the terminal)"), CTX_LIST | CTX_READER,
	    do_copy, 0 },
	[ACT_HELP] = { "help", N_("Show or hide this help"), CTX_ANY,
	    do_help, 0 },
	[ACT_MESSAGES] = { "messages", N_("Show or hide the messages of this "
	    "session"), CTX_ANY, do_messages, 0 },
	[ACT_RELOAD] = { "reload", N_("Read the library again: new, changed "
	    "and removed files"), CTX_LIST | CTX_READER, do_reload, 0 },
	[ACT_REDRAW] = { "redraw", N_("Redraw the screen"), CTX_ANY,
	    do_redraw, 0 },
	[ACT_CANCEL] = { "cancel", N_("Close help, clear the search (the "
	    "whole list again after a library search), leave zoom"), CTX_ANY,
	    do_cancel, 0 },
	/* The prompt's keys have no handler here: state_prompt_key() looks
	 * them up in a layer of their own, so that Enter can open an article
	 * and accept a search. */
	/* TRANSLATORS: the search prompt's own keys, in the help screen. */
	[ACT_PROMPT_ACCEPT] = { "prompt_accept", N_("In the search prompt: "
	    "search for what was typed"), CTX_PROMPT, NULL, 0 },
	[ACT_PROMPT_CANCEL] = { "prompt_cancel", N_("In the search prompt: "
	    "cancel, back to where the search started"), CTX_PROMPT, NULL,
	    0 },
	[ACT_PROMPT_ERASE] = { "prompt_erase", N_("In the search prompt: "
	    "delete the last character (on an empty line, cancel)"),
	    CTX_PROMPT, NULL, 0 },
	[ACT_PROMPT_CLEAR] = { "prompt_clear", N_("In the search prompt: "
	    "delete the whole line"), CTX_PROMPT, NULL, 0 },
	[ACT_QUIT] = { "quit", N_("Quit (from help or zoom: go back)"),
	    CTX_ANY, do_quit, 0 },
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
	int	ctx = st->help ? CTX_HELP : state_in_reader(st) ? CTX_READER :
		    CTX_LIST;

	if (a <= ACT_NONE || a >= ACT_COUNT || action_table[a].fn == NULL)
		return RE_NONE;
	if (!(action_table[a].contexts & ctx)) {
		/* Say where it works rather than do nothing. */
		if (ctx == CTX_HELP)
			/* TRANSLATORS: %s is the name of a key, such as q. */
			state_message(st, false, _("this is the help screen: "
			    "press %s to close it"), state_key_hint(st, ACT_QUIT));
		else if (ctx == CTX_LIST && (action_table[a].contexts &
		    CTX_READER))
			/* TRANSLATORS: the first %s is an action's name, the
			   second the name of a key, such as Tab. */
			state_message(st, false, _("%s works in the reading "
			    "pane: press %s to go there"), action_table[a].name,
			    state_key_hint(st, ACT_FOCUS));
		return RE_DRAW;
	}
	return action_table[a].fn(st, action_table[a].arg);
}
