#!/usr/bin/python3
"""ptyprobe.py -- time a full-screen program in a pseudo-terminal.

Usage: ptyprobe.py [OPTION]... -- COMMAND [ARG]...

Starts COMMAND as the leader of a new session whose controlling terminal
is a pseudo-terminal of --cols x --rows, with TERM=xterm-256color and
LANG=--lang (the LC_* variables, LANGUAGE, COLUMNS, LINES, LESS, LESSOPEN
and LESSCLOSE are removed from its environment; --env K=V adds to it).
Its output is read as it comes, each read stamped with the monotonic
clock, and fed to a pyte screen (python3-pyte) when the screen is needed.

  first frame  ends when the output has been quiet for --quiet ms; its
               time is that of the last byte before the gap.  With
               --wait-for TEXT, only a gap that comes after TEXT is on the
               screen counts, and t_marker is the time of the last byte of
               the burst that put it there.
  keys         --keys 'G,j*20,SPACE*8' sends G, then j 20 times, then SPACE
               8 times, one at a time: each key is written after the
               answer to the one before has been followed by --key-quiet
               ms of quiet.  Per key: the bytes written in answer and the
               latency (key written to the answer's last byte).  A key
               with no answer within --key-first-timeout ms counts 0 bytes
               and no latency.  Per group: n, median, min, max, sum.
               Names: SPACE ENTER TAB ESC BS UP DOWN LEFT RIGHT, C-x for a
               control key, COMMA and STAR, or the text itself (UTF-8).
  replies      requests for the cursor position or the terminal's type
               are answered as the screen would, --answer-delay ms later
               (0: at once): a terminal at the end of a remote link.
  peak RSS     VmHWM of the program (/proc/PID/status), read after the
               first frame, after each key and until it exits.
  exit         --quit-keys are sent last; then the program has
               --exit-timeout s to exit before it gets SIGTERM, and SIGKILL
               a second after that (to its pid only).

Prints a summary, or with --json one object: first_frame {t_first_byte,
t_last_byte, t_marker, bytes, timed_out}, keys [{key, summary {bytes,
latency}, timeouts}], peak_rss_kb, exit {status, how}, total_bytes.  Times
are seconds from the spawn.  Exit status 0, 2 when the first frame timed
out, 127 when COMMAND cannot be started.  Without pyte, --wait-for looks
for TEXT in the raw output instead of on the screen.
"""
import argparse
import json
import os
import re
import select
import signal
import statistics
import struct
import sys
import time
import fcntl
import termios

try:
    import pyte
except ImportError:
    pyte = None

KEYS = {"SPACE": b" ", "ENTER": b"\r", "TAB": b"\t", "ESC": b"\x1b",
        "BS": b"\x7f", "COMMA": b",", "STAR": b"*"}
CURSOR = {"UP": b"A", "DOWN": b"B", "RIGHT": b"C", "LEFT": b"D"}
# Device status and attribute requests: answered through the screen.
REQUEST = re.compile(rb"\x1b\[[>=]?\d*c|\x1b\[[56]n")
DROP = ("LANG", "LANGUAGE", "COLUMNS", "LINES", "LESS", "LESSOPEN",
        "LESSCLOSE", "TMUX")


def key_groups(spec):
    """The groups of a --keys value: [(label, name, count)]."""
    out = []
    for item in filter(None, spec.split(",")):
        name, sep, n = item.rpartition("*")
        if sep and name and n.isdigit():
            out.append((item, name, int(n)))
        else:
            out.append((item, item, 1))
    return out


def stats(values):
    """n, median, min, max and sum of the values that are not None."""
    v = [x for x in values if x is not None]
    if not v:
        return {"n": 0}
    return {"n": len(v), "median": statistics.median(v), "min": min(v),
            "max": max(v), "sum": sum(v)}


def peak_rss(pid):
    """VmHWM of PID in KiB, or None once it is gone."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


class Session:
    """One run of the program: its pty, its output and its screen."""

    def __init__(self, opt):
        self.opt = opt
        self.out = bytearray()
        self.unfed = bytearray()
        self.closed = False
        self.hwm = None
        self.pending = []      # (due time, bytes): the terminal's replies
        self.screen = None
        if pyte is not None:
            session = self

            class Screen(pyte.Screen):
                def write_process_input(self, data):
                    session.reply(data.encode())

            self.screen = Screen(opt.cols, opt.rows)
            self.stream = pyte.ByteStream(self.screen)

    def start(self):
        env = dict((k, v) for k, v in os.environ.items()
                   if not k.startswith("LC_") and k not in DROP)
        env["TERM"] = self.opt.term
        env["LANG"] = self.opt.lang
        for kv in self.opt.env:
            k, _, v = kv.partition("=")
            env[k] = v
        master, slave = os.openpty()
        fcntl.ioctl(master, termios.TIOCSWINSZ,
                    struct.pack("HHHH", self.opt.rows, self.opt.cols, 0, 0))
        tty = os.ttyname(slave)
        # setsid comes before the file actions, so opening the terminal
        # makes it the new session's controlling terminal (less reads
        # its keys from /dev/tty).
        actions = [(os.POSIX_SPAWN_OPEN, 0, tty, os.O_RDWR, 0),
                   (os.POSIX_SPAWN_DUP2, 0, 1),
                   (os.POSIX_SPAWN_DUP2, 0, 2)]
        self.t0 = time.monotonic()
        self.pid = os.posix_spawnp(
            self.opt.cmd[0], self.opt.cmd, env, file_actions=actions,
            setsid=True, setsigdef=(signal.SIGINT, signal.SIGQUIT,
                                    signal.SIGPIPE))
        os.close(slave)
        self.fd = master

    def answer(self, data):
        try:
            os.write(self.fd, data)
        except OSError:
            pass

    def reply(self, data):
        """The terminal's reply to a request: --answer-delay ms later."""
        self.pending.append((time.monotonic() + self.opt.answer_delay / 1000,
                             data))
        self.send_due()

    def send_due(self):
        now = time.monotonic()
        while self.pending and self.pending[0][0] <= now:
            self.answer(self.pending.pop(0)[1])

    def feed(self):
        """Brings the screen up to date with the output."""
        if self.screen is not None and self.unfed:
            try:
                self.stream.feed(bytes(self.unfed))
            except TypeError:
                # pyte 0.8 passes private=True to handlers that do not
                # take it ("CSI ? r"): a new parser, the same screen.
                self.stream = pyte.ByteStream(self.screen)
        self.unfed.clear()

    def shows(self, text):
        if self.screen is None:
            return text in self.out.decode("utf-8", "replace")
        self.feed()
        return any(text in row for row in self.screen.display)

    def read(self, wait):
        """Reads what comes within WAIT s: (time of the read, bytes)."""
        if self.closed:
            time.sleep(max(wait, 0))
            return None, 0
        end = time.monotonic() + max(wait, 0)
        while True:
            self.send_due()
            now = time.monotonic()
            t = end - now
            if self.pending:
                t = min(t, self.pending[0][0] - now)
            ready, _, _ = select.select([self.fd], [], [], max(t, 0))
            if ready:
                break
            if time.monotonic() >= end:
                return None, 0
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            self.closed = True
            return None, 0
        t = time.monotonic()
        self.out += data
        self.unfed += data
        if REQUEST.search(data):
            self.feed()
        return t, len(data)

    def until_quiet(self, quiet, limit, first_limit=None, marker=None):
        """Reads until QUIET s without output (after MARKER is shown).

        Gives up after LIMIT s, or FIRST_LIMIT s if nothing comes.  Returns
        (time of the first byte, of the last, of the marker's burst, bytes,
        timed out)."""
        start = time.monotonic()
        end = start + limit
        first_end = end if first_limit is None else min(end, start + first_limit)
        first = last = mark = None
        n = 0
        seen = marker is None
        unchecked = False
        while True:
            now = time.monotonic()
            if last is None and now >= first_end:
                return first, last, mark, n, now >= end
            if now >= end:
                return first, last, mark, n, True
            if seen and last is not None and now - last >= quiet:
                return first, last, mark, n, False
            if self.closed:
                if not seen and self.shows(marker):
                    mark = last
                return first, last, mark, n, not seen
            if last is None:
                wait = first_end - now
            elif seen:
                wait = min(end, last + quiet) - now
            else:
                wait = end - now
            if unchecked:
                wait = min(wait, 0.01)
            t, got = self.read(wait)
            if got:
                first = first if first is not None else t
                last = t
                n += got
                unchecked = not seen
            elif unchecked:
                unchecked = False
                if self.shows(marker):
                    seen, mark = True, last

    def sample(self):
        v = peak_rss(self.pid)
        if v is not None:
            self.hwm = max(self.hwm or 0, v)

    def key(self, name):
        if name in KEYS:
            return KEYS[name]
        if name in CURSOR:
            app = self.screen is not None and (1 << 5) in self.screen.mode
            return (b"\x1bO" if app else b"\x1b[") + CURSOR[name]
        if len(name) == 3 and name.startswith("C-"):
            return bytes([ord(name[2].upper()) & 0x1f])
        return name.encode()

    def finish(self, wait):
        """Waits WAIT s for the exit, then ends the program."""
        for sig, grace in ((None, wait), (signal.SIGTERM, 1.0),
                           (signal.SIGKILL, 10.0)):
            if sig is not None:
                try:
                    os.kill(self.pid, sig)
                except ProcessLookupError:
                    pass
            end = time.monotonic() + grace
            while True:
                self.sample()
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    how = "exited" if sig is None else "killed"
                    return os.waitstatus_to_exitcode(status), how
                if time.monotonic() >= end:
                    break
                self.read(0.01)
        pid, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status), "killed"

    def run(self):
        opt = self.opt
        res = {"cmd": opt.cmd, "cols": opt.cols, "rows": opt.rows}
        self.start()
        try:
            first, last, mark, n, late = self.until_quiet(
                opt.quiet / 1000, opt.timeout, marker=opt.wait_for)
            since = lambda t: None if t is None else t - self.t0  # noqa
            res["first_frame"] = {"t_first_byte": since(first),
                                  "t_last_byte": since(last),
                                  "t_marker": since(mark), "bytes": n,
                                  "timed_out": late}
            self.sample()
            res["keys"] = []
            for label, name, count in key_groups(opt.keys):
                sizes, lat, late = [], [], 0
                for _ in range(count):
                    if self.closed:
                        break
                    self.feed()
                    t = time.monotonic()
                    self.answer(self.key(name))
                    _, last, _, n, timed_out = self.until_quiet(
                        opt.key_quiet / 1000, opt.key_timeout,
                        first_limit=opt.key_first_timeout / 1000)
                    sizes.append(n)
                    lat.append(None if last is None else last - t)
                    late += timed_out
                    self.sample()
                res["keys"].append({"key": label, "timeouts": late,
                                    "summary": {"bytes": stats(sizes),
                                                "latency": stats(lat)}})
            if opt.dump_screen:
                self.feed()
                res["screen"] = [r.rstrip() for r in self.screen.display] \
                    if self.screen is not None else None
            for _, name, count in key_groups(opt.quit_keys):
                for _ in range(count):
                    if self.closed:
                        break
                    self.answer(self.key(name))
                    self.until_quiet(0.05, 2.0, first_limit=0.5)
        finally:
            code, how = self.finish(opt.exit_timeout if opt.quit_keys else 0)
            os.close(self.fd)
        res["exit"] = {"status": code, "how": how}
        res["peak_rss_kb"] = self.hwm
        res["total_bytes"] = len(self.out)
        return res


def ms(v):
    return "-" if v is None else "%.1f ms" % (v * 1000)


def report(res):
    ff = res["first_frame"]
    print("first frame: %s (marker %s), %d bytes%s" % (
        ms(ff["t_last_byte"]), ms(ff["t_marker"]), ff["bytes"],
        ", timed out" if ff["timed_out"] else ""))
    for g in res["keys"]:
        b, lat = g["summary"]["bytes"], g["summary"]["latency"]
        print("%s: %s bytes a key (median), latency %s (median), %d "
              "timed out" % (g["key"], b.get("median", "-"),
                             ms(lat.get("median")), g["timeouts"]))
    print("peak RSS %s KiB; %s with status %d; %d bytes in all" % (
        res["peak_rss_kb"], res["exit"]["how"], res["exit"]["status"],
        res["total_bytes"]))
    for row in res.get("screen") or []:
        print("|" + row)


def main():
    ap = argparse.ArgumentParser(
        usage="%(prog)s [OPTION]... -- COMMAND [ARG]...",
        description="Time a full-screen program in a pseudo-terminal.")
    ap.add_argument("--cols", type=int, default=80)
    ap.add_argument("--rows", type=int, default=24)
    ap.add_argument("--term", default="xterm-256color")
    ap.add_argument("--lang", default="C.UTF-8")
    ap.add_argument("--env", action="append", default=[], metavar="K=V")
    ap.add_argument("--quiet", type=float, default=150,
                    help="ms of quiet that end the first frame")
    ap.add_argument("--key-quiet", type=float,
                    help="ms of quiet that end a key's answer (--quiet)")
    ap.add_argument("--wait-for", metavar="TEXT")
    ap.add_argument("--timeout", type=float, default=60,
                    help="s for the first frame")
    ap.add_argument("--key-timeout", type=float, default=10,
                    help="s for one key's answer")
    ap.add_argument("--key-first-timeout", type=float, default=2000,
                    help="ms for the first byte of a key's answer")
    ap.add_argument("--exit-timeout", type=float, default=3,
                    help="s to exit after the quit keys")
    ap.add_argument("--answer-delay", type=float, default=0,
                    help="ms before the terminal replies to a request "
                    "(a remote link's round trip)")
    ap.add_argument("--keys", default="")
    ap.add_argument("--quit-keys", default="")
    ap.add_argument("--dump-screen", action="store_true",
                    help="the screen after the keys")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    opt = ap.parse_args()
    if opt.cmd[:1] == ["--"]:
        opt.cmd = opt.cmd[1:]
    if not opt.cmd:
        ap.error("no command (give it after --)")
    if opt.key_quiet is None:
        opt.key_quiet = opt.quiet
    try:
        res = Session(opt).run()
    except FileNotFoundError as e:
        print("ptyprobe.py: cannot run %s: %s" % (opt.cmd[0], e.strerror),
              file=sys.stderr)
        return 127
    if opt.json:
        print(json.dumps(res, ensure_ascii=False))
    else:
        report(res)
    return 2 if res["first_frame"]["timed_out"] else 0


if __name__ == "__main__":
    sys.exit(main())
