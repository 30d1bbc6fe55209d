# The ambiguous width probe and the screen it gives, in a terminal emulator
# (pyte) that draws ambiguous characters one or two columns wide and
# answers the probe at once, late or never (ambiguous.py, pyterm.py).
. "$srcdir/tests/e2e/pyte.sh"

pyte_run ambiguous.py
