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


def is_emoji(ch):
    o = ord(ch)
    return o >= 0x1F000 or 0x2600 <= o <= 0x27BF


class Screen(pyte.Screen):
    """pyte's screen, but a character of no width joins the cell before
    it (pyte drops the rest of the text), and with joined=True emoji
    sequences take one cell pair each, as terminals that follow Unicode's
    emoji rules draw them: a ZWJ sequence, an emoji with its skin tone,
    a regional indicator pair, and a character with VS16 are two columns
    wide."""

    joined = False

    def __init__(self, *args):
        super().__init__(*args)
        self.last = ""
        self.last_cell = None

    def attach(self, ch):
        if self.last_cell is None:
            return
        y, x = self.last_cell
        cell = self.buffer[y][x]
        self.buffer[y][x] = cell._replace(data=cell.data + ch)

    def draw(self, data):
        data = data.translate(
            self.g1_charset if self.charset else self.g0_charset)
        for ch in data:
            w = pyte.screens.wcwidth(ch)
            prev = self.last
            if self.joined and self.last_cell is not None:
                o = ord(ch)
                if prev == "\u200d" and w > 0:
                    w = 0
                elif 0x1F3FB <= o <= 0x1F3FF and is_emoji(prev):
                    w = 0
                elif ((0x1F1E6 <= o <= 0x1F1FF and self.ri_open) or
                      ch == "\ufe0f") and self.last_width == 1:
                    self.ri_open = False
                    # A flag, or emoji presentation: the cell becomes wide.
                    self.attach(ch)
                    y, x = self.last_cell
                    if x + 1 < self.columns:
                        self.buffer[y][x + 1] = self.cursor.attrs._replace(
                            data="")
                        self.cursor.x = min(self.cursor.x + 1,
                                            self.columns)
                    self.last_width = 2
                    self.last = ch
                    continue
                if 0x1F1E6 <= o <= 0x1F1FF and w > 0:
                    self.ri_open = True
                elif w > 0:
                    self.ri_open = False
            if w <= 0:
                self.attach(ch)
                self.last = ch
                continue
            if self.cursor.x + w > self.columns:
                if pyte.modes.DECAWM in self.mode:
                    self.carriage_return()
                    self.linefeed()
                else:
                    self.cursor.x = self.columns - w
            if pyte.modes.IRM in self.mode:
                self.insert_characters(w)
            line = self.buffer[self.cursor.y]
            # As terminals do: overwriting half of a wide character
            # blanks its other half.
            x = self.cursor.x
            blank = self.cursor.attrs._replace(data=" ")
            if x > 0 and line[x].data == "":
                line[x - 1] = blank
            end = x + w
            if end < self.columns and line[end].data == "":
                line[end] = blank
            line[self.cursor.x] = self.cursor.attrs._replace(data=ch)
            if w == 2 and self.cursor.x + 1 < self.columns:
                line[self.cursor.x + 1] = self.cursor.attrs._replace(data="")
            self.last_cell = (self.cursor.y, self.cursor.x)
            self.last_width = w
            self.last = ch
            self.cursor.x = min(self.cursor.x + w, self.columns)
        self.dirty.add(self.cursor.y)

    ri_open = False
    last_width = 1

    def cursor_position(self, *args, **kw):
        self.last_cell = None
        super().cursor_position(*args, **kw)


class Term:
    """reader ARGS in a COLS x ROWS pty with a pyte screen."""

    def __init__(self, args, cols, rows, ambiguous=1, answer="now",
                 delay=0.3, joined=False):
        self.answer = answer
        self.delay = delay
        self.pending = []      # (time, bytes) of late answers
        self.raw = b""
        self.times = []        # (time, offset) of each read
        pyte.screens.wcwidth = make_width(ambiguous)
        self.screen = Screen(cols, rows)
        self.screen.joined = joined
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
            if any(text in line for line in self.lines()):
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
            # (A cell this screen joined may have been made wide.)
            wide = pyte.screens.wcwidth(ch[0]) == 2 or (
                len(ch) > 1 and x + 1 < self.screen.columns and
                line[x + 1].data == "")
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


class Tap:
    """Numbered results, as the shell tests print them."""

    def __init__(self):
        self.count = 0
        self.failures = 0

    def check(self, ok, what, detail=None):
        self.count += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.count, what))
        if not ok:
            self.failures += 1
            for line in detail or []:
                print("#   " + line)
        sys.stdout.flush()

    def finish(self):
        print("1..%d" % self.count)
        sys.exit(1 if self.failures else 0)
