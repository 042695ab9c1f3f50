#!/usr/bin/python3
"""Synthetic corpora for the scaling table (bench/corpus/README.md), made from ToTA.

  gen.py scale XMLDIR OUTDIR K [--rate 0.05] [--seed 1]
      K copies of every ToTA treaty: copy 0 is the original file, copy c >= 1 has the
      ToTA id id + 100000 * c, article identifiers suffixed "-c", and every article's text
      mutated word by word (each word with probability RATE replaced by a random corpus
      word, deleted, or followed by an inserted one; equal odds). Copies of one article
      stay near-duplicates (word 5-gram Jaccard about (1 - RATE)^5 to their original), so
      the pair list grows with K^2 while the corpus grows with K: output size and corpus
      size are both varied.
  gen.py short XMLDIR OUTDIR N [--bytes 250] [--rate 0.1] [--seed 1]
      N one-article treaties of about BYTES bytes of text: a random window of a random
      ToTA article, mutated at RATE (many small texts, as for case-law headnotes).

Deterministic for a given seed. Only the standard library (xml.etree).
"""
import argparse
import os
import random
import re
import sys
import xml.etree.ElementTree as ET

WORD = re.compile(r"\S+")


def natural(name):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def files(xmldir):
    return sorted((f for f in os.listdir(xmldir) if f.endswith(".xml")), key=natural)


def mutate(text, rate, rnd, vocab):
    out = []
    for w in WORD.findall(text):
        r = rnd.random()
        if r >= rate:
            out.append(w)
            continue
        kind = rnd.randrange(3)
        if kind == 0:
            out.append(rnd.choice(vocab))
        elif kind == 2:
            out.append(w)
            out.append(rnd.choice(vocab))
        # kind 1: deleted
    return " ".join(out)


def vocabulary(trees, rnd, size=20000):
    words = []
    for t in trees[:50]:
        for a in t.iter("article"):
            words.extend(WORD.findall(a.text or ""))
    rnd.shuffle(words)
    return sorted(set(words[: size * 4]))[:size] or ["word"]


def write(tree, path):
    tree.write(path, encoding="UTF-8", xml_declaration=True)


def cmd_scale(a):
    rnd = random.Random(a.seed)
    names = files(a.xmldir)
    os.makedirs(a.outdir, exist_ok=True)
    trees = [ET.parse(os.path.join(a.xmldir, n)) for n in names]
    vocab = vocabulary(trees, rnd)
    for c in range(a.k):
        for n, tree in zip(names, trees):
            out = os.path.join(a.outdir, n if c == 0 else n.replace(".xml", f"_{c}.xml"))
            if c == 0:
                write(tree, out)
                continue
            t = ET.ElementTree(ET.fromstring(ET.tostring(tree.getroot())))
            meta = t.getroot().find("meta")
            tid = meta.find("treaty_identifier")
            tid.text = str(int(tid.text) + 100000 * c)
            for el in t.iter():
                for attr in ("article_identifier", "chapter_identifier"):
                    if attr in el.attrib:
                        el.attrib[attr] = f"{el.attrib[attr]}-{c}"
                if el.tag == "article" and el.text:
                    el.text = mutate(el.text, a.rate, rnd, vocab)
            write(t, out)
    print(f"{len(names) * a.k} treaties in {a.outdir}")


SHORT = """<?xml version="1.0" encoding="UTF-8"?>
<treaty><meta><name>Short text {i}</name><type>Synthetic</type><treaty_identifier>{i}</treaty_identifier>
<date_signed>{date}</date_signed><parties><partyisocode n="1">AAA</partyisocode><partyisocode n="2">BBB</partyisocode></parties>
<language>en</language></meta>
<body><chapter chapter_identifier="{i}00"><article number="1" article_identifier="{i}001">{text}</article></chapter></body></treaty>
"""


def cmd_short(a):
    rnd = random.Random(a.seed)
    names = files(a.xmldir)
    texts = []
    for n in names:
        for art in ET.parse(os.path.join(a.xmldir, n)).iter("article"):
            ws = WORD.findall(art.text or "")
            if len(ws) >= 80:
                texts.append(ws)
    vocab = sorted({w for ws in texts[:2000] for w in ws})
    os.makedirs(a.outdir, exist_ok=True)
    for i in range(1, a.n + 1):
        ws = rnd.choice(texts)
        nw = max(5, a.bytes // 6)
        s = rnd.randrange(0, max(1, len(ws) - nw))
        text = mutate(" ".join(ws[s : s + nw]), a.rate, rnd, vocab)
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        date = f"{1990 + i % 30}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        with open(os.path.join(a.outdir, f"pta_{i}.xml"), "w", encoding="utf-8") as f:
            f.write(SHORT.format(i=i, date=date, text=text))
    print(f"{a.n} short treaties in {a.outdir}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("scale")
    s.add_argument("xmldir")
    s.add_argument("outdir")
    s.add_argument("k", type=int)
    s.add_argument("--rate", type=float, default=0.05)
    s.add_argument("--seed", type=int, default=1)
    s = sub.add_parser("short")
    s.add_argument("xmldir")
    s.add_argument("outdir")
    s.add_argument("n", type=int)
    s.add_argument("--bytes", type=int, default=250)
    s.add_argument("--rate", type=float, default=0.1)
    s.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    return cmd_scale(a) if a.cmd == "scale" else cmd_short(a)


if __name__ == "__main__":
    sys.exit(main())
