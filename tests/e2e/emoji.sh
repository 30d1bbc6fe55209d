# Emoji sequences of disputed width leave no stale cell, in a terminal
# emulator (pyte) that draws them apart or joined (emoji.py, pyterm.py).
. "$srcdir/tests/e2e/pyte.sh"

pyte_run emoji.py
