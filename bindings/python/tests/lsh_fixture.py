# SPDX-License-Identifier: MIT
"""A small synthetic treaty corpus for the LSH tests (no ToTA needed).

Ten "template" articles of 40 to 80 words; each agreement copies some of
them with a share of the words replaced (0 % to 90 %, mostly under 10 %, so the Jaccard of two
copies spans the whole range around the thresholds 0.5 and 0.8), plus articles
of its own, a verbatim duplicate, a text too short to have 5-word shingles, an
empty article and a non-ASCII article. Generated from a fixed seed, so every
run builds the same texts.
"""
import random
from xml.sax.saxutils import escape

WORDS = ("party parties shall measure trade electronic commerce data transfer person "
         "service supplier customs duty transmission consumer protection privacy "
         "information cross border computing facility location source code software "
         "agreement chapter article paragraph provided that nothing prevent adopting "
         "maintaining legitimate public policy objective arbitrary unjustifiable "
         "discrimination disguised restriction government authority digital product "
         "non-discriminatory treatment like authentication signature paperless "
         "cooperation small medium enterprise cybersecurity spam unsolicited message "
         "internet access use network interconnection charge sharing open data "
         "innovation standard conformity assessment transparency review committee").split()


def _mutate(rng, words, rate):
    return [rng.choice(WORDS) if rng.random() < rate else w for w in words]


def agreements(n_agreements=16, seed=20261201):
    """[(tota_id, [(article_identifier, text), ...]), ...]"""
    rng = random.Random(seed)
    templates = [[rng.choice(WORDS) for _ in range(rng.randint(40, 80))] for _ in range(10)]
    out = []
    for ag in range(n_agreements):
        arts = []
        for t, words in enumerate(templates):
            if rng.random() < 0.7:
                rate = rng.choice((0.0, 0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.07, 0.1, 0.15, 0.3, 0.9))
                arts.append(" ".join(_mutate(rng, words, rate)))
        for _ in range(rng.randint(1, 3)):
            arts.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 50))))
        if ag % 4 == 0:
            arts.append(arts[0])              # the same text twice in one agreement
        if ag % 5 == 1:
            arts.append("Entry into force.")  # fewer than 5 tokens: no shingles
        if ag % 6 == 2:
            arts.append("")                   # an empty article
        if ag % 3 == 0:
            arts.append("Las Partes reconocen la importancia del comercio electrónico "
                        "y de la protección de los consumidores en línea Ünïcödé")
        out.append((str(100 + ag), [("%d%02d" % (100 + ag, i), a) for i, a in enumerate(arts)]))
    return out


def tota_xml(tota_id, articles):
    """A ToTA XML document with one chapter holding the articles."""
    arts = "\n".join('      <article number="%d" article_identifier="%s">%s</article>'
                     % (i + 1, ident, escape(text)) for i, (ident, text) in enumerate(articles))
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<treaty>\n  <meta>\n"
            "    <name>Synthetic %s</name>\n    <treaty_identifier>%s</treaty_identifier>\n"
            "    <date_signed>2000-01-01</date_signed>\n    <language>en</language>\n"
            "  </meta>\n  <body>\n    <chapter chapter_identifier=\"%s0\">\n%s\n"
            "    </chapter>\n  </body>\n</treaty>\n" % (tota_id, tota_id, tota_id, arts))


def corpus():
    """(Corpus, articles): the fixture loaded from XML in memory, and its
    articles as (id = global article index, group = agreement index, label, text)."""
    import traderules as tr
    c = tr.Corpus(threads=1)
    for tota_id, arts in agreements():
        c.load_xml(tota_xml(tota_id, arts), name="pta_%s.xml" % tota_id)
    groups = {}
    rows = []
    for i, a in enumerate(c.articles()):
        g = groups.setdefault(a["tota_id"], len(groups))
        rows.append((i, g, a["label"], a["text"]))
    return c, rows
