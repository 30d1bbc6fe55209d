/* Checking that the terminal can run the interface, and asking it how
 * wide it draws ambiguous characters (ui-probe.c). */
#ifndef READER_UI_TERM_H
#define READER_UI_TERM_H

#include "error.h"

int	ui_check_terminal(struct causes *);
int	ui_term_usable(const void *, struct causes *);

bool	ui_probe_ask(void);
int	ui_probe_answer(void);
int	ui_probe_ambiguous_width(void);
size_t	ui_probe_kept(const char **);
bool	ui_probe_late_reply(void);
void	ui_probe_answered(void);

#endif
