#!/usr/bin/python3
"""genlib.py -- a library of generated articles for bench/run.

Usage: genlib.py OUT COUNT [SEED]

Writes COUNT articles into the directory OUT (which must not exist yet; it
is made under another name and renamed when complete), in the format of
the articles in samples/:

    发布时间:YYYY-MM-DD HH:MM 原文链接: TITLE
    <blank>
    <paragraphs, indented with two spaces, blank-separated>
    <blank>
    相关文章
    <blank>
    TITLE / <blank> / EXCERPT......  pairs

The text is made of the clauses of the sample articles next to this
script (../samples/*.txt), shuffled and joined again, with now and then a
Latin word, a number in full-width digits or a quoted phrase, so that
searches for Chinese words of one to four characters, Latin words and
phrases all have answers; the first article alone has the word
"Zebrafish". Dates are spread over 2015..2024. Files go into
100 subdirectories (NN/NNNNNN.txt). Everything is a function of COUNT and
SEED: the same arguments give the same files.
"""
import datetime
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "samples")
LATIN = ["Linux", "GDP", "iPhone", "AI", "5G", "CPU", "Python", "Wi-Fi",
         "OpenAI", "Tesla", "NASA", "USB", "ChatGPT", "Android", "HTML"]
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def clauses():
    """The clauses of the samples' bodies, and their titles."""
    out, titles = [], []
    for name in sorted(os.listdir(SAMPLES)):
        if not name.endswith(".txt"):
            continue
        text = open(os.path.join(SAMPLES, name), encoding="utf-8").read()
        lines = text.split("\n")
        m = re.match(r"发布时间:\S+ \S+ 原文链接: (.*)$", lines[0])
        if m:
            titles.append(m.group(1).strip())
        for line in lines[1:]:
            for c in re.split(r"[，,。；;！!？?\s]+", line.strip()):
                if 3 <= len(c) <= 40:
                    out.append(c)
    return sorted(set(out)), titles


def sentence(rng, pool):
    n = rng.choice((1, 2, 2, 3, 3, 4))
    parts = [rng.choice(pool) for _ in range(n)]
    r = rng.random()
    if r < 0.08:
        parts.insert(rng.randrange(len(parts) + 1),
                     rng.choice(LATIN) + rng.choice(("发布", "增长", "项目", "")))
    elif r < 0.12:
        parts.append("第" + str(rng.randint(1, 9999)).translate(FULLWIDTH) + "号")
    elif r < 0.15:
        parts.append("“" + rng.choice(pool) + "”")
    return "，".join(parts) + "。"


def article(rng, pool, titles, start):
    when = start + datetime.timedelta(minutes=rng.randrange(10 * 365 * 1440))
    if rng.random() < 0.1:
        title = rng.choice(titles)
    else:
        title = rng.choice(pool) + (("，" + rng.choice(pool))
                                    if rng.random() < 0.4 else "")
    title = title[:48]
    out = ["发布时间:%s 原文链接: %s" % (when.strftime("%Y-%m-%d %H:%M"), title),
           ""]
    for _ in range(rng.choice((1, 2, 3, 3, 4, 4, 5, 6, 8))):
        out += ["  " + "".join(sentence(rng, pool)
                               for _ in range(rng.randint(1, 5))), ""]
    nrel = rng.choice((0, 1, 2, 3))
    if nrel:
        out += ["", "相关文章", ""]
        for _ in range(nrel):
            out += [rng.choice(pool), "", sentence(rng, pool)[:60] + "......",
                    ""]
    return "\n".join(out)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.split("\n\n")[1])
    out, count = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) == 4 else 1
    if os.path.exists(out):
        sys.exit("genlib.py: %s exists" % out)
    pool, titles = clauses()
    tmp = "%s.tmp%d" % (out, os.getpid())
    start = datetime.datetime(2015, 1, 1)
    for d in range(100):
        os.makedirs(os.path.join(tmp, "%02d" % d))
    for i in range(count):
        rng = random.Random(seed * 1000003 + i)
        with open(os.path.join(tmp, "%02d" % (i % 100), "%06d.txt" % i),
                  "w", encoding="utf-8") as f:
            text = article(rng, pool, titles, start)
            if i == 0:
                # One word found in one article only.
                text += "\n\n  Zebrafish。"
            f.write(text)
    os.rename(tmp, out)


if __name__ == "__main__":
    main()
