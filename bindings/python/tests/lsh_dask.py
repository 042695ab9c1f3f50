#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""traderules.lsh on a distributed.LocalCluster equals the single-machine result.

On the synthetic fixture (lsh_fixture.py, no ToTA): the Dask candidate pairs
equal lsh_pairs()'s candidates, the Dask verified pairs equal lsh_pairs()'s
rows, and both equal the library's exact pair list (Corpus.pairs) restricted
to the pairs LSH proposed, with identical Jaccard, intersection and union.
Run as its own test: exits 77 (skipped) when dask, distributed or pandas
cannot be imported. The cluster runs in this process (processes=False, two
workers of one thread: the C calls release the GIL) to stay small and fast.
"""
import os
import sys
import unittest

try:
    import dask
    import dask.dataframe as dd
    import distributed
    import pandas as pd
except ImportError as e:  # not installed: skip (meson: exit code 77)
    print("SKIP: %s (install python3-dask python3-distributed python3-pandas)" % e)
    sys.exit(77)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsh_fixture  # noqa: E402
from traderules import lsh  # noqa: E402


def tuples(frame, cols):
    return list(frame[cols].itertuples(index=False, name=None))


class TestDaskLSH(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.corpus, rows = lsh_fixture.corpus()
        cls.texts = [(i, t) for i, _, _, t in rows]
        cls.groups = {i: g for i, g, _, _ in rows}
        cls.label_id = {lab: i for i, _, lab, _ in rows}
        frame = pd.DataFrame({"id": [r[0] for r in rows], "group": [r[1] for r in rows],
                              "text": [r[3] for r in rows]})
        # uneven partitions: pairs must be found across partition boundaries
        cls.ddf = dd.from_pandas(frame, npartitions=5)
        cls.cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                               processes=False, dashboard_address=None)
        cls.client = distributed.Client(cls.cluster)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()

    def exact(self, threshold, across):
        out = []
        for p in self.corpus.pairs(threshold, unit="article", across_agreements=across):
            a, b = self.label_id[p["first"]], self.label_id[p["second"]]
            out.append((min(a, b), max(a, b), p["jaccard"], p["intersection"], p["union"]))
        return sorted(out)

    def check(self, params, across):
        cand = set()
        single = lsh.lsh_pairs(self.texts, params, self.groups, across, candidates=cand)
        dcand = lsh.dask_candidates(self.ddf, params, across, npartitions=3)
        verified = lsh.dask_verify(dcand, self.ddf, params)
        dc, dv = dask.compute(dcand, verified)
        # the computation ran on the cluster's workers
        self.assertTrue(self.client.run(lambda: True))
        got_cand = tuples(dc, ["a", "b"])
        self.assertEqual(len(got_cand), len(set(got_cand)), "a candidate pair appears twice")
        self.assertEqual(set(got_cand), cand)
        got = sorted(tuples(dv, ["a", "b", "jaccard", "intersection", "union"]))
        self.assertEqual(got, single)
        exact = self.exact(params.threshold, across)
        self.assertEqual(got, [e for e in exact if (e[0], e[1]) in cand])
        self.assertGreaterEqual(len(got), 0.95 * len(exact))
        return got

    def test_threshold_05(self):
        got = self.check(lsh.LSHParams(0.5), across=False)
        self.assertGreater(len(got), 100)

    def test_threshold_08_across(self):
        got = self.check(lsh.LSHParams(0.8), across=True)
        self.assertTrue(all(self.groups[a] != self.groups[b] for a, b, *_ in got))

    def test_lossy_bands_same_as_single(self):
        # few bands: recall < 1, and Dask still misses exactly what one machine misses
        p = lsh.LSHParams(0.5, bands=2, rows=6, seed=11)
        got = sorted(tuples(lsh.dask_lsh_pairs(self.ddf, p).compute(),
                            ["a", "b", "jaccard", "intersection", "union"]))
        self.assertEqual(got, lsh.lsh_pairs(self.texts, p))
        self.assertLess(len(got), len(self.exact(0.5, False)))


if __name__ == "__main__":
    unittest.main(verbosity=2)
