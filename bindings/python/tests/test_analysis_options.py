# SPDX-License-Identifier: MIT
"""The binding's AnalysisOptions (analysis.h): settings, the same results as
without options, ids and filters, progress, cancellation (cancel(),
should_cancel, an exception in a callback) and thread-count invariance."""

import math
import os
import unittest

import traderules as tr

SRC = os.environ.get("TR_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
FIXTURES = os.path.join(SRC, "tests", "fixtures")


def same(a, b):
    return a == b or (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b))


def nan_free(rows):
    """Dicts with NaN replaced by a marker (NaN != NaN would fail the comparison)."""
    return [{k: ("NaN" if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
            for r in rows]


def rows_of(matrix):
    return [[float(x) for x in row] for row in matrix]


@unittest.skipUnless(tr._c.has("tr_analysis_options_new"), "no analysis options")
class TestAnalysisOptions(unittest.TestCase):
    def test_settings(self):
        o = tr.AnalysisOptions()
        self.assertEqual((o.threads, o.ids, o.cancelled), (0, [], False))
        o = tr.AnalysisOptions(threads=2, ids=["TPP", "USMCA"])
        self.assertEqual((o.threads, o.ids), (2, ["TPP", "USMCA"]))
        o.cancel()
        self.assertTrue(o.cancelled)
        o.reset_cancel()
        self.assertFalse(o.cancelled)
        with self.assertRaises(tr.InvalidArgumentError):
            tr.AnalysisOptions(threads=65)
        with self.assertRaises(tr.InvalidArgumentError):
            tr.AnalysisOptions(ids="TPP")
        with self.assertRaises(tr.InvalidArgumentError):
            tr.AnalysisOptions(ids=[""])
        with self.assertRaises(tr.InvalidArgumentError):
            tr.AnalysisOptions(family="martian")
        o.close()
        o.close()  # freed once

    def test_same_results_and_selection(self):
        with tr.Catalog.default() as cat:
            ids, m = tr.distance_matrix(cat, family="american")
            with tr.AnalysisOptions(family="american") as o:
                ids2, m2 = tr.distance_matrix(cat, options=o)
                self.assertEqual(ids, ids2)
                a, b = rows_of(m), rows_of(m2)
                self.assertTrue(all(same(x, y) for r, s in zip(a, b) for x, y in zip(r, s)))
                self.assertEqual(nan_free(tr.classify(cat, family="american")),
                                 nan_free(tr.classify(cat, options=o)))
                self.assertEqual(tr.timeline(cat, family="american"), tr.timeline(cat, options=o))
                with self.assertRaises(tr.InvalidArgumentError):
                    tr.distance_matrix(cat, options=o, family="european")  # both ways at once
            pick = [ids[3], ids[0], ids[2]]
            with tr.AnalysisOptions(ids=pick) as o:
                ids3, _ = tr.distance_matrix(cat, options=o)
                self.assertEqual(ids3, sorted(pick, key=ids.index))  # catalog order
            with tr.AnalysisOptions(ids=["NO_SUCH_AGREEMENT"]) as o:
                with self.assertRaises(tr.NotFoundError):
                    tr.timeline(cat, options=o)

    def test_progress_and_cancel(self):
        with tr.Catalog.default() as cat:
            n = len(tr.distance_matrix(cat)[0])
            calls = []
            with tr.AnalysisOptions(threads=2, progress=lambda d, t: calls.append((d, t))) as o:
                tr.timeline(cat, options=o)
            self.assertGreaterEqual(len(calls), 2)
            self.assertEqual(calls[0], (0, n))
            self.assertEqual(calls[-1], (n, n))
            self.assertEqual([d for d, _ in calls], sorted(d for d, _ in calls))
            self.assertEqual({t for _, t in calls}, {n})

            with tr.AnalysisOptions(should_cancel=lambda: True) as o:
                with self.assertRaises(tr.CancelledError):
                    tr.classify(cat, options=o)
            with tr.AnalysisOptions() as o:
                o.cancel()
                with self.assertRaises(tr.CancelledError) as e:
                    tr.distance_matrix(cat, options=o)
                self.assertEqual(e.exception.status, "cancelled")
                o.reset_cancel()
                self.assertEqual(len(tr.distance_matrix(cat, options=o)[0]), n)

            def boom(done, total):
                if done > 0:
                    raise KeyError("from the progress callback")
            with tr.AnalysisOptions(threads=1, progress=boom) as o:
                with self.assertRaises(KeyError):
                    tr.classify(cat, options=o)
                # the error is raised once; the options work again
                o._state.progress = None
                self.assertTrue(tr.classify(cat, options=o))

    def test_corpus_jobs(self):
        good = os.path.join(FIXTURES, "corpus", "good")
        with tr.Corpus(threads=1) as corpus:
            corpus.load(good)
            base = corpus.pairs(threshold=0.1)
            labels, m = corpus.similarity_matrix()
            trace = corpus.trace(threshold=0.1)
            for threads in (1, 2):
                seen = []
                with tr.AnalysisOptions(threads=threads,
                                        progress=lambda d, t: seen.append((d, t))) as o:
                    self.assertEqual(corpus.pairs(threshold=0.1, options=o), base)
                    self.assertTrue(seen and seen[-1][0] == seen[-1][1])
                    labels2, m2 = corpus.similarity_matrix(options=o)
                    self.assertEqual((labels2, rows_of(m2)), (labels, rows_of(m)))
                    self.assertEqual(corpus.trace(threshold=0.1, options=o), trace)
                    o.cancel()
                    with self.assertRaises(tr.CancelledError):
                        corpus.pairs(threshold=0.1, options=o)
            with tr.AnalysisOptions(ids=["1"]) as o:
                with self.assertRaises(tr.InvalidArgumentError):
                    corpus.pairs(options=o)


if __name__ == "__main__":
    unittest.main()
