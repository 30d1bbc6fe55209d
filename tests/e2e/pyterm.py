"""A terminal emulator for tests: reader runs in a pseudo-terminal whose
output feeds a pyte screen. The screen draws East Asian ambiguous
characters one or two columns wide, as a terminal set up for Chinese does,
and answers cursor position requests at once, late, or never.

Used by ambiguous.sh; run with a python3 that has pyte.
"""

import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import fcntl
import time
import unicodedata

import pyte
import pyte.screens

READER = os.environ["READER"]


BASE_WIDTH = pyte.screens.wcwidth


def make_width(ambiguous):
    base = BASE_WIDTH

    def width(ch):
        w = base(ch)
        if w == 1 and ambiguous == 2 and (
                unicodedata.east_asian_width(ch) == "A"):
            return 2
        return w
    return width


class Term:
    """reader ARGS in a COLS x ROWS pty with a pyte screen."""

    def __init__(self, args, cols, rows, ambiguous=1, answer="now",
                 delay=0.3):
        self.answer = answer
        self.delay = delay
        self.pending = []      # (time, bytes) of late answers
        self.raw = b""
        self.times = []        # (time, offset) of each read
        pyte.screens.wcwidth = make_width(ambiguous)
        self.screen = pyte.Screen(cols, rows)
        self.screen.write_process_input = self.reply
        self.stream = pyte.ByteStream(self.screen)
        self.start = time.monotonic()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execv(READER, [READER] + args)
        self.resize(cols, rows, signal_child=False)

    def reply(self, data):
        if self.answer == "never":
            return
        when = time.monotonic() + (self.delay if self.answer == "slow"
                                   else 0)
        self.pending.append((when, data.encode()))

    def resize(self, cols, rows, signal_child=True):
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))
        self.screen.resize(rows, cols)
        if signal_child:
            os.kill(self.pid, signal.SIGWINCH)

    def pump(self, timeout):
        """Reads output (and sends due answers) for up to timeout s.
        Returns whether anything was read."""
        got = False
        end = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            for item in [p for p in self.pending if p[0] <= now]:
                self.pending.remove(item)
                os.write(self.fd, item[1])
            left = end - now
            if self.pending:
                left = min(left, max(0, min(p[0] for p in self.pending)
                                     - now))
            if left <= 0 and now >= end:
                return got
            r, _, _ = select.select([self.fd], [], [], max(left, 0))
            if not r:
                if time.monotonic() >= end:
                    return got
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return got
            if not data:
                return got
            self.times.append((time.monotonic() - self.start,
                               len(self.raw)))
            self.raw += data
            self.stream.feed(data)
            got = True

    def settle(self, quiet=0.12, limit=10):
        """Waits until the output has been quiet for quiet s."""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if not self.pump(quiet):
                return

    def wait(self, text, limit=10):
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if any(text in line for line in self.screen.display):
                self.settle()
                return True
            self.pump(0.05)
        return False

    def keys(self, data):
        os.write(self.fd, data.encode())
        self.settle()

    def cells(self, y):
        """Row y as cells: a wide character's second cell is None; a
        second cell with no wide character before it is debris, "\0"."""
        out = []
        wide = False
        line = self.screen.buffer[y]
        for x in range(self.screen.columns):
            ch = line[x].data
            if wide:
                out.append(None if ch == "" else "\0")
                wide = False
                continue
            if ch == "":
                out.append("\0")
                continue
            out.append(ch)
            wide = pyte.screens.wcwidth(ch[0]) == 2
        return out

    def lines(self):
        return ["".join(c for c in self.cells(y) if c is not None).rstrip()
                for y in range(self.screen.lines)]

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self.pump(0.5)
        os.waitpid(self.pid, 0)


def replay(args, keys, cols, rows, ambiguous):
    """What reader means to show: its headless replay."""
    out = subprocess.run([READER, "--ambiguous-width=%d" % ambiguous,
                          "--keys", keys, "--size", "%dx%d" % (cols, rows)]
                         + args, capture_output=True, check=True).stdout
    lines = out.decode().split("\n")[:rows]
    lines += [""] * (rows - len(lines))
    return [line.rstrip() for line in lines]
