/* Checking that the terminal can run the interface. */
#ifndef READER_UI_TERM_H
#define READER_UI_TERM_H

#include "error.h"

int	ui_check_terminal(struct causes *);
int	ui_term_usable(const void *, struct causes *);

#endif
