/* Built-in settings. */
#include "system.h"

#include "settings.h"
#include "xmalloc.h"

/* Fills s with the defaults (what an empty reader.ini means). */
void
settings_defaults(struct settings *s)
{
	memset(s, 0, sizeof *s);
	s->sort = SORT_DATE;
	s->sort_ascending = false;
	s->mark_read_on_open = true;
	s->mouse = true;
	s->restore_position = true;
	s->osc52 = false;
	s->split = SPLIT_AUTO;
	s->list_pct = 33;
	s->show_related = true;
	s->status_line = STATUS_AUTO;
	s->ambiguous_width = 1;
	s->text_width = 0;
	s->date_format = xstrdup("%Y-%m-%d");
	s->unread_mark = xstrdup("N");
}

/* Frees what the settings own. */
void
settings_free(struct settings *s)
{
	size_t	i;

	for (i = 0; s->library != NULL && s->library[i] != NULL; i++)
		free(s->library[i]);
	free(s->library);
	free(s->date_format);
	free(s->unread_mark);
	memset(s, 0, sizeof *s);
}
