"""Emoji sequences whose width terminals dispute (ZWJ sequences, flags,
VS16, skin tones, keycaps), in two terminals: one that draws them
character by character (as tmux 3.3 does), one that joins them as
Unicode's emoji rules say. In both, after scrolls and resizes, the screen
equals a redraw (Ctrl-L) and no wide character is left broken."""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyterm  # noqa: E402

FILE = os.path.join(os.environ["DATA"], "emoji.txt")
STEPS = ["jj", " ", "k", (33, 10), (47, 14), " ", "g", (29, 9), "G", "k"]
tap = pyterm.Tap()
check = tap.check


def session(joined):
    name = "a terminal that %s emoji sequences" % (
        "joins" if joined else "does not join")
    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(
        dir=os.environ["XDG_STATE_HOME"])
    term = pyterm.Term([FILE], 40, 12, answer="now", joined=joined)
    check(term.wait("2024-08-08"), "%s: the article shows" % name)
    bad = []
    for step in STEPS:
        if isinstance(step, tuple):
            term.resize(*step)
            end = time.monotonic() + 10
            while "%" not in term.lines()[0] and time.monotonic() < end:
                term.pump(0.05)
            term.settle()
        else:
            term.keys(step)
        now = term.lines()
        debris = [y + 1 for y, line in enumerate(now) if "\0" in line]
        term.keys("\x0c")
        after = term.lines()
        rows = [y + 1 for y in range(len(now)) if now[y] != after[y]]
        if debris or rows:
            bad.append("after %r: rows %s differ from a redraw, rows %s "
                       "hold half a wide character" % (step, rows, debris))
            for y in rows[:1]:
                bad += ["  screen |%s|" % now[y - 1],
                        "  redraw |%s|" % after[y - 1]]
    check(not bad, "%s: after %d scrolls and resizes the screen always "
          "equals a redraw" % (name, len(STEPS)), bad)
    term.keys("q")
    term.close()


session(False)
session(True)
tap.finish()
