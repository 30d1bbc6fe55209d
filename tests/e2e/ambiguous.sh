# The ambiguous width probe and the screen it gives, in a terminal emulator
# (pyte) that draws ambiguous characters one or two columns wide and
# answers the probe at once, late or never (ambiguous.py, pyterm.py).
. "$srcdir/tests/dump/lib.sh"

PY=
for p in ${PYTHON:-} python3 /usr/bin/python3; do
	if "$p" -c 'import pyte' > /dev/null 2>&1; then
		PY=$p
		break
	fi
done
if [ -z "$PY" ]; then
	echo "1..0 # SKIP pyte (python3-pyte) is not installed"
	exit 77
fi
mkdir -p "$XDG_STATE_HOME"
# xterm-color: no sequences pyte lacks (SU, SD, REP).
TERM=xterm-color NCURSES_NO_UTF8_ACS=1 SAMPLES=$SAMPLES DATA=$DATA READER=$READER \
    "$PY" "$srcdir/tests/e2e/ambiguous.py"
