"""reader in a terminal that draws ambiguous characters two columns wide
(and one that draws them one wide), which answers the width probe at once,
late, or never: what is on the emulated screen must be what reader meant,
its headless replay at the width the probe found, after opening, scrolling,
searching and resizing."""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyterm  # noqa: E402

SAMPLES = os.environ["SAMPLES"]
tap = pyterm.Tap()
check = tap.check


# Each step: bytes to type, or a new size.
STEPS = [
    ("   ", None),
    (None, (71, 19)),
    ("/实验室\r", None),
    ("n", None),
    (None, (123, 33)),
    ("\tG", None),
    (None, (47, 15)),
    ("\t[[", None),
    (None, (140, 20)),
    ("g", None),
]


def compare(got, want, what):
    bad = [i for i in range(len(want)) if got[i] != want[i]]
    detail = []
    for i in bad[:3]:
        detail += ["row %d: screen |%s|" % (i + 1, got[i]),
                   "       wanted |%s|" % want[i]]
    check(not bad, what, detail)


def border_column(term):
    """The column of the panes' border in every row that has one; None
    when rows disagree (a row drawn too wide or too narrow)."""
    cols = set()
    for y in range(term.screen.lines - 1):
        cells = term.cells(y)
        at = [x for x, c in enumerate(cells) if c == "│"]
        if at:
            cols.add(at[0])
    return cols


def session(amb, answer, want_width, steps=STEPS):
    cols, rows = 60, 16
    state = tempfile.mkdtemp(dir=os.environ["XDG_STATE_HOME"])
    os.environ["XDG_STATE_HOME"] = state
    term = pyterm.Term([SAMPLES], cols, rows, ambiguous=amb,
                       answer=answer)
    name = "ambiguous %d, answer %s" % (amb, answer)
    ok = term.wait("Articles: 7")
    check(ok, "%s: the first screen comes" % name, term.lines()[:3])
    # The probe: from its question to the next output.
    ask = term.raw.find(b"\033[6n")
    before = [t for t, off in term.times if off <= ask]
    after = [t for t, off in term.times if off > ask]
    if ask >= 0 and before and after:
        spent = (after[0] - before[-1]) * 1000
        print("# probe to next output: %.0f ms" % spent)
        check(spent < 100 + 150, "%s: the probe costs at most 100 ms "
              "(%.0f ms, with 150 ms for a busy machine)" % (name, spent))
    else:
        check(False, "%s: the probe asks" % name)
    # What reader means to show, before any scrolling: its replay.
    fresh = tempfile.mkdtemp(dir=os.environ["XDG_STATE_HOME"])
    os.environ["XDG_STATE_HOME"] = fresh
    compare(term.lines(), pyterm.replay([SAMPLES], "", cols, rows,
                                        want_width),
            "%s: the first screen is what reader meant, at width %d"
            % (name, want_width))
    term.keys("j\r")
    fresh = tempfile.mkdtemp(dir=state)
    os.environ["XDG_STATE_HOME"] = fresh
    compare(term.lines(), pyterm.replay([SAMPLES], "j Enter", cols, rows,
                                        want_width),
            "%s: an article is shown as reader meant" % name)
    os.environ["XDG_STATE_HOME"] = state
    # Then every step leaves the screen as a full redraw (Ctrl-L) draws
    # it: no cell left over, none shifted.
    for typed, size in steps:
        if size:
            term.resize(*size)
            cols, rows = size
            # Redrawn at the new size: the status line is on the last row.
            end = time.monotonic() + 10
            while "/7 " not in term.lines()[-1] and time.monotonic() < end:
                term.pump(0.05)
            term.settle()
            what = "resize to %dx%d" % size
        else:
            term.keys(typed)
            what = "typing %r" % typed
        now = term.lines()
        debris = [y + 1 for y in range(rows) if "\0" in now[y]]
        term.keys("\x0c")
        # (Ctrl-L also clears a message from the status line.)
        compare(now[:-1], term.lines()[:-1], "%s: after %s the screen "
                "equals a redraw" % (name, what))
        check(not debris and len(border_column(term)) <= 1,
              "%s:   no broken cell, the border straight" % name,
              ["rows with debris: %s, border at %s"
               % (debris, sorted(border_column(term)))])
    term.keys("q")
    term.close()


def typed_early():
    """Keys typed while the probe waits are not lost."""
    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(
        dir=os.environ["XDG_STATE_HOME"])
    term = pyterm.Term([SAMPLES], 60, 16, answer="slow")
    os.write(term.fd, b"jj")
    ok = term.wait("3/7 ")
    check(ok, "keys typed while the probe waits are kept",
          term.lines()[-1:])
    term.keys("q")
    term.close()


def replacement():
    """U+FFFD, which stands for bad bytes, is ambiguous too."""
    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(
        dir=os.environ["XDG_STATE_HOME"])
    path = os.path.join(os.environ["DATA"], "invalid-utf8.txt")
    term = pyterm.Term([path], 30, 10, ambiguous=2, answer="now")
    term.settle(0.3)
    lines = term.lines()
    fresh = tempfile.mkdtemp(dir=os.environ["XDG_STATE_HOME"])
    os.environ["XDG_STATE_HOME"] = fresh
    want = pyterm.replay([path], "", 30, 10, 2)
    compare(lines, want, "U+FFFD at width 2: the screen is what reader "
            "meant, nothing past the edge")
    term.keys("q")
    term.close()


session(2, "now", 2)
session(1, "now", 1, STEPS[:2])
# A terminal that answers too late, or never: reader takes 1 (so the
# terminal must draw them one wide), and the late answer is no keys.
session(1, "slow", 1, STEPS[:2])
session(1, "never", 1, STEPS[:2])

typed_early()
replacement()
tap.finish()
