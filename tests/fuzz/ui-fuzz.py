#!/usr/bin/env python3
"""Fuzzes the interface through the headless replay: random keys, typed
and pasted text, mouse events, resizes from 1x1 to 200x60 and library
changes, over the test fixtures (hostile files included), with the
state's invariants checked after every event (--check-state).

Run it on a build with --enable-sanitizers to catch memory errors and
undefined behaviour too. Any run that exits other than 0, or writes to
standard error, is a finding: its command line is printed and kept in
DIR/findings, and the fuzzer stops.

usage: ui-fuzz.py READER DATA_DIR SAMPLES_DIR [SECONDS] [SEED]
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

KEYS = ("j k Space b g G Home End PageUp PageDown Up Down Left Right Tab "
        "S-Tab Enter BSpace J K ] [ L / n N m z y ? M q Esc C-l C-c C-g "
        "C-u C-f C-b C-n C-p F1 Hash S S R").split()
WORDS = ["获", "获悉", "实验室", "a", "the", "（第", "１００１", "AGV", "x",
         "重点", "京津冀", "\u202e", "e\u0301", "👨\u200d👩\u200d👧",
         "\"", "-", "title:", "date:2024", "after:2024-13", "unread", "*",
         "“实验”"]


def event(rng):
    r = rng.random()
    if r < 0.07:
        return "resize:%dx%d" % (rng.randint(1, 200), rng.randint(1, 60))
    if r < 0.11:
        return "text:" + rng.choice(WORDS)
    if r < 0.13:
        return "paste:" + rng.choice(WORDS) + rng.choice(WORDS)
    if r < 0.17:
        return "%s:%d,%d" % (rng.choice(["click", "dclick", "wheelup",
                                         "wheeldown"]),
                             rng.randint(1, 60), rng.randint(1, 200))
    if r < 0.19:
        return rng.choice(["wait", "idle"])
    return rng.choice(KEYS)


def library(rng, data, samples, work):
    """A library of a few fixtures and samples, sometimes changed
    between two runs that share the reading state."""
    lib = os.path.join(work, "lib")
    shutil.rmtree(lib, ignore_errors=True)
    os.makedirs(lib)
    pool = [os.path.join(data, f) for f in sorted(os.listdir(data))
            if os.path.isfile(os.path.join(data, f))]
    pool += [os.path.join(samples, f) for f in sorted(os.listdir(samples))]
    for i, f in enumerate(rng.sample(pool, rng.randint(1, min(12,
                                                              len(pool))))):
        shutil.copy(f, os.path.join(lib, "%02d-%s" % (i, os.path.basename(f))))
    return lib


def change(rng, lib):
    names = sorted(os.listdir(lib))
    if not names:
        return
    f = os.path.join(lib, rng.choice(names))
    r = rng.random()
    if r < 0.4:
        with open(f, "ab") as fh:
            fh.write("\n\n改过了 changed\n".encode())
    elif r < 0.7:
        os.unlink(f)
    else:
        shutil.copy(f, f + ".copy.txt")


def main():
    reader, data, samples = sys.argv[1:4]
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 60
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else int(time.time())
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="reader-ui-fuzz.")
    env = dict(os.environ, LC_ALL="C.UTF-8", HOME=work,
               XDG_STATE_HOME=os.path.join(work, "state"),
               XDG_CACHE_HOME=os.path.join(work, "cache"),
               XDG_CONFIG_HOME=os.path.join(work, "config"))
    start = time.time()
    runs = 0
    lib = library(rng, data, samples, work)
    while time.time() - start < seconds:
        if rng.random() < 0.1:
            lib = library(rng, data, samples, work)
            shutil.rmtree(env["XDG_STATE_HOME"], ignore_errors=True)
        elif rng.random() < 0.2:
            change(rng, lib)
        script = " ".join(event(rng) for _ in range(rng.randint(1, 80)))
        paths = [lib]
        names = sorted(os.listdir(lib))
        if names and rng.random() < 0.2:
            paths = [os.path.join(lib, rng.choice(names))]
        cmd = [reader, "--no-config", "--check-state",
               "--size=%dx%d" % (rng.randint(1, 200), rng.randint(1, 60)),
               "--keys", script] + (["--loading"] if rng.random() < 0.3
                                    else []) + paths
        p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=120)
        runs += 1
        if p.returncode == 1 and b"no articles found" in p.stderr:
            continue    # a library left empty: said, as it should be
        if p.returncode != 0 or p.stderr:
            keep = os.path.join(os.getcwd(), "ui-fuzz-finding")
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(lib, keep)
            print("FINDING after %d runs (seed %d): status %d" %
                  (runs, seed, p.returncode))
            print(" ".join(repr(c) for c in cmd))
            print(p.stderr.decode(errors="replace")[-4000:])
            print("the library is kept in %s" % keep)
            sys.exit(1)
    shutil.rmtree(work, ignore_errors=True)
    print("ui-fuzz: %d runs in %.0f s, seed %d: no finding" %
          (runs, time.time() - start, seed))


if __name__ == "__main__":
    main()
