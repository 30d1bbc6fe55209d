# Helpers for the tests that run reader in a pyte terminal (pyterm.py).
# Sourced, not run: pyte_run SCRIPT runs tests/e2e/SCRIPT with a python3
# that has pyte, or skips the test (status 77) when there is none.
. "$srcdir/tests/dump/lib.sh"

pyte_run() {
	py=
	for p in ${PYTHON:-} python3 /usr/bin/python3; do
		if "$p" -c 'import pyte' > /dev/null 2>&1; then
			py=$p
			break
		fi
	done
	if [ -z "$py" ]; then
		echo "1..0 # SKIP pyte (python3-pyte) is not installed"
		exit 77
	fi
	mkdir -p "$XDG_STATE_HOME"
	# xterm-color: no sequences pyte lacks (SU, SD, REP).
	TERM=xterm-color NCURSES_NO_UTF8_ACS=1 SAMPLES=$SAMPLES DATA=$DATA \
	    READER=$READER "$py" "$srcdir/tests/e2e/$1"
}
