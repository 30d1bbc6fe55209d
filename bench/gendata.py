#!/usr/bin/python3
"""gendata.py -- the articles of bench/run's rows (but the search rows').

Usage: gendata.py big OUT MIB       one article of MIB MiB, the file OUT
       gendata.py lib OUT COUNT     COUNT articles in the directory OUT

Both are made from the articles in samples/ (next to this directory), under
another name, and renamed to OUT when complete, so an OUT that exists is
whole.  OUT must not exist yet.  The output is a function of the arguments
alone: the same arguments give the same bytes.

big: the header line of the first sample, a line of two spaces, then the
paragraphs of all the samples over and over, each indented and numbered
("  第123段 ...") so that no two lines are equal, blank-separated, until
the file has MIB MiB; then the first sample's related-articles section.

lib: articles in the samples' format (a header line "发布时间:DATE TIME
原文链接: TITLE", paragraphs indented with two spaces and blank-separated,
sometimes a section of related articles), each one to six runs of
sentences cut from the samples' paragraphs (about 0.3 to 5 KB), dated
2015..2024 at random.  All in OUT itself, named NNNNNN_CRC.txt (CRC: of
the content), so the order of the names is not that of the dates.
"""
import datetime
import os
import random
import re
import sys
import zlib

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                       "samples")
HEAD = re.compile(r"发布时间:\S+ \S+ 原文链接: (.*)$")
RELATED = "相关文章"


def samples():
    """[(header, title, paragraphs, related lines)] of samples/*.txt."""
    out = []
    for name in sorted(os.listdir(SAMPLES)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
            lines = f.read().split("\n")
        m = HEAD.match(lines[0])
        cut = lines.index(RELATED) if RELATED in lines else len(lines)
        body = [l.strip() for l in lines[1:cut] if l.strip()]
        rel = [l.strip() for l in lines[cut + 1:] if l.strip()]
        out.append((lines[0], m.group(1).strip() if m else lines[0], body,
                    rel))
    if not out:
        sys.exit("gendata.py: no articles in %s" % SAMPLES)
    return out


def big(path, mib):
    arts = samples()
    paras = [p for _, _, body, _ in arts for p in body]
    limit = int(mib * 1048576)
    with open(path, "w", encoding="utf-8") as f:
        size = f.write(arts[0][0] + "\n\n  \n")
        n = 0
        while size < limit:
            n += 1
            size += len(("\n  第%d段 %s\n" % (n, paras[(n - 1) % len(paras)]))
                        .encode())
            f.write("\n  第%d段 %s\n" % (n, paras[(n - 1) % len(paras)]))
        f.write("\n\n" + RELATED + "\n\n" + "\n\n".join(arts[0][3]))


def sentences(text):
    """TEXT cut after each 。！？; (full-width or not)."""
    return re.findall(r"[^。！？!?;；]+[。！？!?;；]?", text)


def lib(path, count):
    arts = samples()
    sents = [sentences(p) for _, _, body, _ in arts for p in body]
    sents = [s for s in sents if s]
    titles = [t for _, t, _, _ in arts]
    related = [(rel[i], rel[i + 1]) for _, _, _, rel in arts
               for i in range(0, len(rel) - 1, 2)]
    phrases = sorted(set(c for s in sents for x in s
                         for c in re.split(r"[，,。、：:“”《》（）()\s]+", x)
                         if 5 <= len(c) <= 20))
    rng = random.Random(20261202)
    start = datetime.datetime(2015, 1, 1)
    os.makedirs(path)
    for i in range(count):
        when = start + datetime.timedelta(
            minutes=rng.randrange(10 * 365 * 24 * 60))
        if rng.random() < 0.1:
            title = rng.choice(titles)
        else:
            title = "，".join(rng.sample(phrases, rng.choice((1, 1, 2))))
        text = "发布时间:%s 原文链接: %s\n" % (when.strftime("%Y-%m-%d %H:%M"),
                                           title[:48])
        for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5, 6))):
            s = rng.choice(sents)
            a = rng.randrange(len(s))
            text += "\n  %s\n" % "".join(s[a:rng.randint(a + 1, len(s))])
        if related and rng.random() < 0.7:
            text += "\n\n" + RELATED + "\n"
            for t, ex in rng.sample(related, min(len(related),
                                                 rng.randint(1, 4))):
                text += "\n%s\n\n%s\n" % (t, ex)
        data = text.encode()
        name = "%06d_%08x.txt" % (i, zlib.crc32(data))
        with open(os.path.join(path, name), "wb") as f:
            f.write(data)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("big", "lib"):
        sys.exit(__doc__.split("\n\n")[1])
    what, out, n = sys.argv[1:]
    if os.path.lexists(out):
        sys.exit("gendata.py: %s exists" % out)
    tmp = "%s.tmp%d" % (out, os.getpid())
    try:
        if what == "big":
            big(tmp, float(n))
        else:
            lib(tmp, int(n))
    except BaseException:
        if os.path.isdir(tmp):
            import shutil
            shutil.rmtree(tmp)
        elif os.path.exists(tmp):
            os.unlink(tmp)
        raise
    os.rename(tmp, out)


if __name__ == "__main__":
    main()
