# SPDX-License-Identifier: MIT
"""Functions that moved from the command into the library for issue 13 (the
command holds no domain logic), bound in Python and checked against the
command's output on the fixtures (tools/traderules is a client of the same API)."""

import csv
import io
import os
import subprocess
import unittest

import traderules as tr

SRC = os.environ.get("TR_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BUILD = os.environ.get("TR_BUILD_ROOT", os.path.join(SRC, "build"))
FIXTURES = os.path.join(SRC, "tests", "fixtures")
TOOL = os.path.join(BUILD, "tools", "traderules")
HAND = os.path.join(FIXTURES, "tools", "hand-coded.json")


def tool_csv(*args):
    """Rows of the command's CSV output, or None when the build has no command."""
    if not os.access(TOOL, os.X_OK):
        return None
    r = subprocess.run([TOOL, "--no-default", "--catalog", HAND, "--format", "csv"] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True, timeout=300)
    return list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8"))))


class CodingComparison(unittest.TestCase):
    def test_compare_with_hand_coding(self):
        coder = tr.Coder()
        corpus = tr.Corpus().load(os.path.join(FIXTURES, "corpus", "good"))
        hand = tr.Catalog().load(HAND)
        got = []
        for tota in (1, 2, 10):
            res = coder.code_corpus_agreement(corpus, tota).compare(hand)
            self.assertEqual(res["agreement"], "pta_%d" % tota)
            self.assertEqual(res["hand_coded"], {1: "FIX_ALPHA", 2: "FIX_GAMMA", 10: None}[tota])
            got += [(res["agreement"], r["category"], r["strength"],
                     r["hand_strength"] or ("(not coded)" if res["hand_coded"] else ""), r["agree"])
                    for r in res["rows"]]
        # pta_1 customs duties: hard by the coder, soft by hand
        self.assertIn(("pta_1", "customs_duties_electronic_transmissions", "hard", "soft", "no"), got)
        self.assertIn(("pta_1", "ecom_cooperation", "soft", "soft", "yes"), got)
        rows = tool_csv("code", "--summary", "--compare", os.path.join(FIXTURES, "corpus", "good"))
        if rows is not None:
            self.assertEqual(got, [(r["agreement"], r["category"], r["strength"], r["hand_coded"], r["agree"])
                                   for r in rows])

    def test_without_catalog(self):
        acc = tr.Coder().agreement_coding("text", "Text")
        acc.add_article("Each Party shall not impose customs duties on electronic transmissions.",
                        title="Customs Duties", chapter="Electronic Commerce")
        res = acc.compare()
        self.assertIsNone(res["hand_coded"])
        self.assertTrue(res["rows"])
        self.assertTrue(all(r["agree"] == "" and r["hand_strength"] is None for r in res["rows"]))


class IndicatorSelection(unittest.TestCase):
    def test_select_as_the_command(self):
        cat = tr.Catalog().load(HAND)
        cases = [dict(economy="USA", year=2016), dict(indicator="cloud_spending"), dict(economy="XXX"),
                 dict(economy="CHN", indicator="big", year=9999), dict(year=2017)]
        for kw in cases:
            got = cat.indicators(**kw)
            want = [r for r in cat.indicators()
                    if all(r[k] == v for k, v in kw.items())]
            self.assertEqual(got, want, kw)
            args = []
            for k, v in kw.items():
                args += ["--" + k, str(v)]
            rows = tool_csv("indicators", *args)
            if rows is not None:
                self.assertEqual([(r["economy"], r["indicator"]) for r in rows],
                                 [(r["economy"], r["indicator"]) for r in got], kw)
        self.assertEqual(len(cat.indicators(economy="USA", year=2016)), 2)
        with self.assertRaises(tr.InvalidArgumentError):
            cat.indicators(year=10000)


class TimelineSpread(unittest.TestCase):
    def test_spread_as_the_command(self):
        cat = tr.Catalog().load(os.path.join(FIXTURES, "panel", "catalog.json"))
        res = tr.timeline(cat)
        # the cumulative counts of 'rows' change exactly at the spread's years
        soft = {(r["category"], r["year"]): r["count"] for r in res["rows"]}
        for cid, changes in res["spread"].items():
            years = [c["year"] for c in changes]
            prev = 0
            for y in range(res["first_year"], res["last_year"] + 1):
                if soft[(cid, y)] != prev:
                    self.assertIn(y, years, cid)
                prev = soft[(cid, y)]
            for c in changes:
                self.assertEqual(c["with_provision"], soft[(cid, c["year"])])
        if os.access(TOOL, os.X_OK):
            r = subprocess.run([TOOL, "--no-default", "--catalog", os.path.join(FIXTURES, "panel", "catalog.json"),
                                "--format", "csv", "timeline"], stdout=subprocess.PIPE, check=True, timeout=300)
            rows = list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8"))))
            for row in rows:
                want = ", ".join("%d: %d/%d" % (c["year"], c["with_provision"], c["hard"])
                                 for c in res["spread"][row["category"]])
                self.assertEqual(row["spread"], want, row["category"])


class PlotInputs(unittest.TestCase):
    def test_read_matrix_csv(self):
        path = os.path.join(FIXTURES, "tools", "matrix-input.csv")
        labels, rows = tr.read_matrix_csv(path)
        self.assertEqual(labels, ["Alpha, first", "Beta", 'Gamma "q"', "Delta"])
        self.assertEqual(rows[0], [1.0, 0.5, None, 0.25])
        self.assertEqual(rows[2], [None, None, 1.0, 0.1])
        with open(path, "rb") as f:
            self.assertEqual(tr.read_matrix_csv(data=f.read()), (labels, rows))
        with self.assertRaises(tr.ParseError) as e:
            tr.read_matrix_csv(data=",A,B\nA,1,x\nB,1,1\n", name="m.csv")
        self.assertIn("m.csv:2: field 3: not a number: 'x'", str(e.exception))
        with self.assertRaises(tr.InvalidArgumentError):
            tr.read_matrix_csv()

    def test_corpus_label(self):
        corpus = tr.Corpus().load(os.path.join(FIXTURES, "tools", "long-name"))
        self.assertEqual(corpus.plot_label(7), "pta_7 Accord de libre-\u00e9change entre l\u2019U\u2026")
        self.assertEqual(corpus.plot_label(2), "pta_2 Gamma \u2013 \u0394elta")


if __name__ == "__main__":
    unittest.main()
