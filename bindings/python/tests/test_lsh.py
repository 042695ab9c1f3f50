# SPDX-License-Identifier: MIT
"""traderules.lsh on one machine: signatures, band keys, S-curve, exact verification.
The Dask path is tested by lsh_dask.py (its own meson test, skipped without Dask)."""
import itertools
import pickle
import struct
import unittest

import traderules as tr
from traderules import lsh

import lsh_fixture

try:
    import pandas  # noqa: F401
    HAVE_PANDAS = True
except ImportError:
    HAVE_PANDAS = False

TEXT = ("The Parties shall not impose customs duties on electronic transmissions between a "
        "person of one Party and a person of the other Party.")
OTHER = ("Each Party shall adopt or maintain a legal framework that provides for the "
         "protection of the personal information of the users of electronic commerce.")


def slots_of(m):
    b = m.to_bytes()
    k = struct.unpack_from("<I", b, 8)[0]
    return list(struct.unpack_from("<%dQ" % k, b, 24))


def all_pair_values(rows, kind="word", n=5):
    """{(a, b): (j, i, u)} for every pair of the rows, a < b, by exact shingle sets."""
    cache = lsh._SetCache(kind, n)
    try:
        return {(min(a, b), max(a, b)): lsh._exact(cache, a, ta, b, tb)
                for (a, _, _, ta), (b, _, _, tb) in itertools.combinations(rows, 2)}
    finally:
        cache.close()


def brute_force(values, groups, threshold, across):
    """Every pair (a, b, j, i, u) with exact Jaccard >= threshold."""
    return sorted((a, b) + v for (a, b), v in values.items()
                  if v[2] and v[0] >= threshold and not (across and groups[a] == groups[b]))


class TestSignatures(unittest.TestCase):
    def test_signature_is_minhash(self):
        for k, seed in ((1, 0), (64, 7), (200, lsh.DEFAULT_SEED)):
            slots, count = lsh.signature(TEXT, k=k, seed=seed)
            self.assertEqual(slots, slots_of(tr.MinHash(TEXT, k=k, seed=seed)))
            self.assertEqual(len(slots), k)
        self.assertEqual(count, 19)  # 23 tokens: 19 5-grams, all distinct
        # other kinds and n reach the C function
        self.assertEqual(lsh.signature(TEXT, 32, 3, "char", 4)[0],
                         slots_of(tr.MinHash(TEXT, 32, 3, "char", 4)))

    def test_empty(self):
        slots, count = lsh.signature("too short", k=8)
        self.assertEqual(count, 0)
        self.assertEqual(slots, [2 ** 64 - 1] * 8)
        self.assertIsNone(lsh.text_band_keys("too short", lsh.LSHParams(0.5, 4, 2)))

    def test_merge_is_union(self):
        a, _ = lsh.signature(TEXT, 64, 5)
        b, _ = lsh.signature(OTHER, 64, 5)
        m = tr.MinHash(TEXT, 64, 5).merge(tr.MinHash(OTHER, 64, 5))
        self.assertEqual(lsh.merge_signatures(a, b), slots_of(m))
        with self.assertRaises(tr.InvalidArgumentError):
            lsh.merge_signatures(a, b[:-1])

    def test_band_keys(self):
        slots, _ = lsh.signature(TEXT, 60, 1)
        keys = lsh.band_keys(slots, 20, 3)
        self.assertEqual(len(keys), 20)
        self.assertEqual(len(set(keys)), 20)
        changed = list(slots)
        changed[31] ^= 1  # band 10
        keys2 = lsh.band_keys(changed, 20, 3)
        self.assertEqual([i for i in range(20) if keys[i] != keys2[i]], [10])
        # only the first bands x rows slots count
        self.assertEqual(lsh.band_keys(slots, 10, 3), keys[:10])
        p = lsh.LSHParams(0.5, 20, 3, seed=1)
        self.assertEqual(lsh.text_band_keys(TEXT, p), keys)
        with self.assertRaises(tr.InvalidArgumentError):
            lsh.band_keys(slots, 21, 3)
        with self.assertRaises(tr.InvalidArgumentError):
            lsh.band_keys(slots, 0, 3)

    def test_errors(self):
        with self.assertRaises(tr.InvalidArgumentError):
            lsh.signature(TEXT, k=0)
        with self.assertRaises(tr.InvalidArgumentError):
            lsh.signature(TEXT, kind="words")
        with self.assertRaises(tr.EncodingError):
            lsh.signature(b"a \xff b c d e f g", k=4)
        for bad in ({"threshold": 0}, {"threshold": 1.5}, {"bands": 3},
                    {"bands": 0, "rows": 2}, {"kind": "x"}, {"n": 0}):
            with self.assertRaises(tr.InvalidArgumentError, msg=str(bad)):
                lsh.LSHParams(**bad)


class TestBands(unittest.TestCase):
    def test_choose_bands(self):
        self.assertEqual(lsh.choose_bands(0.5), (35, 3))
        self.assertEqual(lsh.choose_bands(0.8), (26, 8))
        self.assertEqual(lsh.choose_bands(1.0, max_k=16), (1, 16))
        for t in (0.3, 0.5, 0.7, 0.8, 0.9):
            for recall in (0.9, 0.99, 0.999):
                b, r = lsh.choose_bands(t, recall, 256)
                self.assertLessEqual(b * r, 256)
                self.assertGreaterEqual(lsh.s_curve(t, b, r), recall)
                if b > 1:  # the fewest bands for these rows
                    self.assertLess(lsh.s_curve(t, b - 1, r), recall)
                # no config with more rows fits in 256 slots
                for r2 in range(r + 1, 257):
                    self.assertTrue(all(lsh.s_curve(t, b2, r2) < recall
                                        for b2 in range(1, 256 // r2 + 1)), (t, recall, r2))

    def test_params(self):
        p = lsh.LSHParams(0.8)
        self.assertEqual((p.bands, p.rows, p.k), (26, 8, 208))
        self.assertAlmostEqual(p.expected_recall(0.8), lsh.s_curve(0.8, 26, 8))
        q = pickle.loads(pickle.dumps(p))
        self.assertEqual(p, q)
        self.assertIn("bands=26", repr(q))


class TestPairs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.corpus, cls.rows = lsh_fixture.corpus()
        cls.texts = [(i, t) for i, _, _, t in cls.rows]
        cls.groups = {i: g for i, g, _, _ in cls.rows}
        cls.label_id = {lab: i for i, _, lab, _ in cls.rows}
        cls.values = all_pair_values(cls.rows)

    def exact_library(self, threshold, across):
        """The library's exact join (Corpus.pairs) as (a, b, j, i, u) by article index."""
        out = []
        for p in self.corpus.pairs(threshold, unit="article", across_agreements=across):
            a, b = self.label_id[p["first"]], self.label_id[p["second"]]
            out.append((min(a, b), max(a, b), p["jaccard"], p["intersection"], p["union"]))
        return sorted(out)

    def test_exact_jaccard(self):
        j, i, u = lsh.exact_jaccard(TEXT, OTHER)
        self.assertEqual(j, tr.text_jaccard(TEXT, OTHER))
        self.assertEqual(lsh.exact_jaccard(TEXT, TEXT), (1.0, 19, 19))
        self.assertEqual(lsh.exact_jaccard("", "a b"), (0.0, 0, 0))

    def test_verified_pairs_are_exact(self):
        for threshold, across in ((0.5, False), (0.8, True), (0.3, False)):
            p = lsh.LSHParams(threshold)
            cand = set()
            got = lsh.lsh_pairs(self.texts, p, self.groups, across, candidates=cand)
            exact = self.exact_library(threshold, across)
            # the library's exact join equals brute force on the fixture
            self.assertEqual(exact, brute_force(self.values, self.groups, threshold, across))
            self.assertGreater(len(exact), 20)
            # verified = exact pairs that LSH proposed, with the same values
            self.assertEqual(got, [e for e in exact if (e[0], e[1]) in cand])
            self.assertTrue(all(a < b for a, b in cand))
            if across:
                self.assertTrue(all(self.groups[a] != self.groups[b] for a, b in cand))
            # with >= 0.99 recall at the threshold (fixed seed) nearly all are found
            self.assertGreaterEqual(len(got), 0.95 * len(exact), (threshold, len(got), len(exact)))
            # and the candidates are far fewer than all pairs
            self.assertLess(len(cand), len(self.rows) * (len(self.rows) - 1) // 4)

    def test_too_few_bands_miss_pairs(self):
        # one band of 20 rows: only near-duplicates collide, so recall at 0.5 drops
        p = lsh.LSHParams(0.5, bands=1, rows=20)
        got = lsh.lsh_pairs(self.texts, p)
        exact = self.exact_library(0.5, False)
        self.assertLess(len(got), len(exact))
        self.assertTrue(set(got) <= set(exact))

    def test_seed_changes_candidates_not_values(self):
        c1, c2 = set(), set()
        g1 = lsh.lsh_pairs(self.texts, lsh.LSHParams(0.5, 8, 4, seed=1), candidates=c1)
        g2 = lsh.lsh_pairs(self.texts, lsh.LSHParams(0.5, 8, 4, seed=2), candidates=c2)
        self.assertNotEqual(c1, c2)
        common = set(g1) & set(g2)
        self.assertEqual(common, {x for x in g1 if (x[0], x[1]) in c2})

    def test_across_needs_groups(self):
        with self.assertRaises(tr.InvalidArgumentError):
            lsh.lsh_pairs(self.texts, lsh.LSHParams(0.5), across=True)

    @unittest.skipUnless(HAVE_PANDAS, "pandas is not installed")
    def test_partition_functions(self):
        import pandas as pd
        p = lsh.LSHParams(0.5)
        frame = pd.DataFrame({"id": [i for i, _ in self.texts], "text": [t for _, t in self.texts],
                              "group": [self.groups[i] for i, _ in self.texts]})
        # the three steps on one partition give lsh_pairs()
        keys = lsh.partition_band_keys(frame, p)
        nonempty = sum(1 for _, t in self.texts if lsh.signature(t, 1)[1])
        self.assertEqual(len(keys), nonempty * p.bands)
        for across in (False, True):
            pairs = lsh.bucket_pairs(keys, across)
            cand = set()
            want = lsh.lsh_pairs(self.texts, p, self.groups, across, candidates=cand)
            self.assertEqual(set(pairs.itertuples(index=False, name=None)), cand)
            self.assertEqual(len(pairs), len(cand))
            text = dict(self.texts)
            pairs["text_a"] = [text[a] for a in pairs["a"]]
            pairs["text_b"] = [text[b] for b in pairs["b"]]
            got = lsh.verify_pairs(pairs, p).sort_values(["a", "b"])
            self.assertEqual(list(got.itertuples(index=False, name=None)), want)
        # bucket_pairs on hand-made keys: key 7 joins ids 1, 2, 3 (1 and 2 share group 0)
        keys = pd.DataFrame({"key": [7, 7, 7, 8, 9, 9], "id": [3, 1, 2, 4, 4, 5],
                             "group": [1, 0, 0, 2, 2, 2]})
        self.assertEqual(sorted(lsh.bucket_pairs(keys).itertuples(index=False, name=None)),
                         [(1, 2), (1, 3), (2, 3), (4, 5)])
        self.assertEqual(sorted(lsh.bucket_pairs(keys, True).itertuples(index=False, name=None)),
                         [(1, 3), (2, 3)])
        self.assertEqual(len(lsh.bucket_pairs(keys.iloc[3:4])), 0)


if __name__ == "__main__":
    unittest.main()
