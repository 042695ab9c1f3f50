# SPDX-License-Identifier: MIT
"""The e-commerce templates and the similarity searches moved from the command
into the library (issue 13): Corpus.ecommerce_templates(), most_similar(),
all_pairs(), is_ecommerce_chapter() and is_ecommerce_chapter_name(), on the
fixture corpus tests/fixtures/corpus/templates, compared with what
`traderules corpus templates|similar` prints (a client of the same C API)."""

import json
import os
import subprocess
import unittest

import traderules as tr

SRC = os.environ.get("TR_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BUILD = os.environ.get("TR_BUILD_ROOT", os.path.join(SRC, "build"))
FIX = os.path.join(SRC, "tests", "fixtures", "corpus", "templates")
TOOL = os.path.join(BUILD, "tools", "traderules")


def tool_json(*args):
    """The command's JSON documents (templates prints two, separated by a blank line)."""
    r = subprocess.run([TOOL, "--format", "json"] + list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, check=True, timeout=300)
    return [json.loads(part) for part in r.stdout.decode("utf-8").split("\n\n") if part.strip()]


@unittest.skipUnless(tr._c.has("tr_ecommerce_templates_new"), "no templates in this library")
class TestTemplates(unittest.TestCase):
    def setUp(self):
        self.corpus = tr.Corpus(threads=1).load(FIX)

    def tearDown(self):
        self.corpus.close()

    def test_names(self):
        self.assertTrue(tr.is_ecommerce_chapter_name("Comercio Electrónico"))
        self.assertTrue(tr.is_ecommerce_chapter_name("E-COMMERCE"))
        self.assertFalse(tr.is_ecommerce_chapter_name("Electronic Commerce and Digital Trade"))
        with self.assertRaises(tr.InvalidArgumentError):
            tr.is_ecommerce_chapter_name("Electronic\0Commerce")
        flags = [self.corpus.is_ecommerce_chapter(i) for i in range(13)]
        self.assertEqual(flags[:3], [False, True, True])  # pta_17: Preamble, Electronic Commerce, E-Commerce

    @unittest.skipUnless(os.access(TOOL, os.X_OK), "no command in this build")
    def test_same_as_command(self):
        for kind, n, join, args in (("word", 5, False, []),
                                    ("word_ascii", 3, True, ["--shingles", "ascii", "-n", "3",
                                                             "--join-articles"])):
            got = self.corpus.ecommerce_templates(kind=kind, n=n, join_articles=join)
            groups, units = tool_json("corpus", "templates", FIX, *args)
            self.assertEqual(len(got["groups"]), len(groups))
            for g, want in zip(got["groups"], groups):
                self.assertEqual(g["comparison"], want["comparison"])
                self.assertEqual(g["pairs"], want["pairs"])
                for k in ("mean", "min", "max"):
                    self.assertEqual("%.6f" % g[k], "%.6f" % want[k])
            self.assertEqual(len(got["units"]), len(units))
            for u, want in zip(got["units"], units):
                self.assertEqual(u["tota_id"], want["tota_id"])
                self.assertEqual(u["name"], want["agreement"])
                self.assertEqual(u["unit"], want["unit"])
                self.assertEqual(u["reference_group"] or "", want["reference_group"])
                self.assertEqual(u["closest"] or "neither", want["closest"])
                self.assertEqual("%.6f" % u["mean_us"], "%.6f" % want["mean_us"])
                self.assertEqual("%.6f" % u["mean_eu"], "%.6f" % want["mean_eu"])
                self.assertTrue(u["articles"] and u["shingles"] > 0)

    @unittest.skipUnless(os.access(TOOL, os.X_OK), "no command in this build")
    def test_similar_same_as_command(self):
        ids = [a["tota_id"] for a in self.corpus.agreements()]
        a23 = ids.index(23)
        got = self.corpus.most_similar(a23, top=3)
        want = tool_json("corpus", "similar", FIX, "23", "--top", "3")[0]
        self.assertEqual([str(ids[r["second"]]) for r in got], [w["b"] for w in want])
        self.assertEqual([r["intersection"] for r in got], [w["intersection"] for w in want])
        self.assertEqual(self.corpus.most_similar([a23], top=0), [])
        pairs = self.corpus.all_pairs(unit="chapter", n=3)
        want = tool_json("corpus", "similar", FIX, "--unit", "chapter", "-n", "3")[0]
        self.assertEqual(len(pairs), len(want))
        self.assertEqual([(p["intersection"], p["union"]) for p in pairs],
                         [(w["intersection"], w["union"]) for w in want])
        with self.assertRaises(tr.InvalidArgumentError):
            self.corpus.most_similar(10 ** 6)

    def test_units(self):
        c = self.corpus
        self.assertEqual(c.unit_count("agreement"), len(c.agreements()))
        ch = c.find_unit("50001", unit="chapter")
        self.assertEqual(c.unit(ch, unit="chapter")["label"], "Comercio Electrónico")
        a = c.find_unit("501")
        self.assertEqual(c.unit(a), {"identifier": "501", "label": "Canada - Korea", "agreement": a})
        art = c.find_unit("501151", unit="article")
        self.assertEqual(c.unit(art, unit="article"),
                         {"identifier": "501151", "label": "ARTICLE 15.1", "agreement": a})
        self.assertIsNone(c.unit(c.find_unit("17001", unit="article"), unit="article")["label"])
        with self.assertRaises(tr.NotFoundError):
            c.find_unit("nope", unit="chapter")
        with self.assertRaises(tr.InvalidArgumentError):
            c.unit(c.unit_count("article"), unit="article")

    def test_options(self):
        opts = tr.AnalysisOptions(threads=1)
        self.assertEqual(self.corpus.ecommerce_templates(options=opts),
                         self.corpus.ecommerce_templates())
        opts.cancel()
        with self.assertRaises(tr.CancelledError):
            self.corpus.ecommerce_templates(options=opts)


if __name__ == "__main__":
    unittest.main()
