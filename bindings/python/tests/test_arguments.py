# SPDX-License-Identifier: MIT
"""Arguments the binding passes to C are checked, never silently changed (issue 16).

ctypes truncates an int to the C type (2**32 + 7 becomes 7 in a C int) and a
C string ends at its first NUL ('A\\x00B' becomes 'A'). The binding converts
every argument through one helper that refuses both with a ValueError (an
OverflowError too for a number out of range) naming the argument; the ctypes
declarations in traderules._ffi carry the same checks for every bound
function, so that no call can slip past (test_every_bound_function_*).
"""

import ctypes
import os
import tempfile
import unittest

import traderules as tr
from traderules import _ffi

INT_MAX = 2 ** 31 - 1


class PythonArguments(unittest.TestCase):
    """Representative public calls: each argument named in the error."""

    def assertRange(self, _arg, fn, *args, **kw):
        with self.assertRaises(OverflowError) as cm:
            fn(*args, **kw)
        e = cm.exception
        self.assertIsInstance(e, ValueError)
        self.assertIsInstance(e, tr.TradeRulesError)
        self.assertIn(_arg, str(e))
        self.assertRegex(str(e), r"-?\d+\.\.\d+")  # the range that is allowed
        return e

    def assertNul(self, _arg, fn, *args, **kw):
        with self.assertRaises(ValueError) as cm:
            fn(*args, **kw)
        e = cm.exception
        self.assertIsInstance(e, tr.TradeRulesError)
        self.assertIn(_arg, str(e))
        self.assertIn("NUL", str(e))
        return e

    def test_tota_id_out_of_int_range(self):
        # stored 7 before: the defect of issue 16
        self.assertRange("tota_id", tr.Agreement.new, "X", "X", tota_id=2 ** 32 + 7)
        self.assertRange("tota_id", tr.Agreement.new, "X", "X", tota_id=INT_MAX + 1)
        self.assertRange("wto_rta_id", tr.Agreement.new, "X", "X", wto_rta_id=-2 ** 31 - 1)
        a = tr.Agreement.new("X", "X", tota_id=INT_MAX)  # the edge itself is fine
        self.assertEqual(a.tota_id, INT_MAX)

    def test_non_integral_number_refused(self):
        with self.assertRaises(ValueError) as cm:
            tr.Agreement.new("X", "X", tota_id=7.5)
        self.assertIn("tota_id", str(cm.exception))
        self.assertEqual(tr.Agreement.new("X", "X", tota_id=7.0).tota_id, 7)

    def test_nul_in_strings(self):
        # became 'A' before
        self.assertNul("id", tr.Agreement.new, "A\x00B", "name")
        self.assertNul("name", tr.Agreement.new, "A", "n\x00ame")
        self.assertNul("name", tr.Agreement.new, "A", b"n\x00ame")  # bytes too
        self.assertNul("note", tr.Agreement.new, "A", "B", note="x\x00y")
        self.assertNul("parties", tr.Agreement.new, "A", "B", parties=["USA", "K\x00OR"])
        self.assertNul("date_signed", tr.Agreement.new, "A", "B", date_signed="2019\x00-01")
        self.assertNul("citation", tr.Agreement.new, "A", "B", provisions=[
            {"category": "source_code", "strength": "hard", "citation": "Art. 1\x00.2"}])
        e = self.assertNul("evidence span", tr.Agreement.new, "A", "B", provisions=[
            {"category": "source_code", "strength": "hard",
             "evidence": [{"tota_id": 1, "article": "1", "span": "a\x00b"}]}])
        self.assertIn("index 1", str(e))

    def test_evidence_numbers(self):
        self.assertRange("evidence tota_id", tr.Agreement.new, "A", "B", provisions=[
            {"category": "source_code", "strength": "hard",
             "evidence": [{"tota_id": 2 ** 40, "article": "1", "span": "ab"}]}])

    def test_catalog_calls(self):
        with tr.Catalog() as cat:
            self.assertNul("id", cat.__getitem__, "TP\x00P")
            self.assertNul("path", cat.load, "/tmp/x\x00y.json")
            self.assertNul("party", cat.select, party="US\x00A")
            self.assertRange("years", cat.select, years=(2 ** 32 + 2015, None))
            self.assertNul("name", cat.load_json, "{}", name="a\x00b")

    def test_category_number(self):
        a = tr.Agreement.new("X", "X", provisions=[{"category": 1, "strength": "hard"}])
        self.assertRange("category", a.provision, 2 ** 32 + 1)
        self.assertRange("category", tr.Agreement.new, "A", "B",
                         provisions=[{"category": 2 ** 32 + 1, "strength": "hard"}])

    def test_coder(self):
        if not tr._c.has("tr_coder_new"):
            self.skipTest("no coder")
        with tr.Coder() as c:
            self.assertNul("text", c.code, "The Parties shall\x00 not")
            self.assertNul("title", c.code, "text", title="ti\x00tle")
            self.assertRange("tota_id", c.code_agreement, "X", "X", [], tota_id=2 ** 32)
            self.assertNul("article text", c.code_agreement, "X", "X", [{"text": "a\x00b"}])
        self.assertNul("rules", tr.Coder, "rules\x00.json")

    def test_corpus_and_minhash(self):
        if not tr._c.has("tr_corpus_new"):
            self.skipTest("no corpus")
        self.assertRange("threads", tr.Corpus, threads=-1)    # 4294967295 threads before
        self.assertRange("threads", tr.Corpus, threads=2 ** 32 + 2)
        self.assertRange("n", tr.text_jaccard, "a b c", "a b d", n=-1)
        self.assertRange("n", tr.text_jaccard, "a b c", "a b d", n=2 ** 32 + 1)
        self.assertNul("first text", tr.text_jaccard, "a\x00b", "a b")
        self.assertNul("second text", tr.text_jaccard, "a b", "a\x00b")
        if tr._c.has("tr_minhash_new"):
            self.assertRange("k", tr.MinHash, "a b c d e f", k=-1)
            self.assertRange("seed", tr.MinHash, "a b c d e f", seed=2 ** 64)
            self.assertRange("seed", tr.MinHash, "a b c d e f", seed=-1)
            self.assertEqual(tr.MinHash("a b c d e f", k=4, seed=2 ** 64 - 1, n=2),
                             tr.MinHash("a b c d e f", k=4, seed=2 ** 64 - 1, n=2))
        with tr.Corpus() as c:
            self.assertNul("path", c.load, "x\x00.xml")
            self.assertNul("name", c.load_xml, "<treaty/>", name="a\x00b")
            self.assertNul("tota_id", c.articles, "1\x002")

    def test_panel_and_membership(self):
        if not tr._c.has("tr_panel_run"):
            self.skipTest("no panel")
        with tr.Catalog() as cat:
            self.assertRange("years", cat.panel, years=(2 ** 32 + 2000, 2001))
            self.assertNul("economies", cat.panel, years=(2000, 2001), economies=["US\x00A"])
        with tr.Membership() as m:
            self.assertNul("bloc", m.is_member, "E\x00U", "FRA", "2000-01-01")

    def test_plot_labels(self):
        self.assertNul("labels", tr.plot_matrix, ["a\x00b"], [[1.0]],
                       os.path.join(tempfile.gettempdir(), "unused.svg"))
        self.assertNul("path", tr.plot_heatmap, [], "x\x00.svg")

    def test_data_buffers_may_hold_nul(self):
        # A buffer passed with its length is the library's to judge (a located error).
        with tr.Catalog() as cat:
            with self.assertRaises(tr.TradeRulesError) as cm:
                cat.load_json(b'{"agreements": []}\x00trailing')
            self.assertNotIn("NUL character", str(cm.exception).split(":")[0])


def _int_kinds():
    """ctypes integer types -> (low, high) of the C type."""
    out = {}
    for t in (ctypes.c_int, ctypes.c_uint, ctypes.c_long, ctypes.c_ulong, ctypes.c_size_t,
              ctypes.c_int64, ctypes.c_uint64, ctypes.c_int32, ctypes.c_uint32):
        bits = 8 * ctypes.sizeof(t)
        signed = t(-1).value == -1
        out[t] = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    return out


class _WrongType:
    """Not convertible by ctypes: if the checks let a call through, ctypes stops it
    at this argument (ctypes.ArgumentError) before C is entered."""


def _bound():
    for name in sorted(dir(_ffi)):
        if not name.startswith("tr_"):
            continue
        f = getattr(_ffi, name)
        argtypes = getattr(f, "argtypes", None)
        if f is None or not argtypes:
            continue
        yield name, f, list(argtypes)


class EveryBoundFunction(unittest.TestCase):
    """Every function declared in _ffi refuses an out-of-range integer and a
    NUL inside a C string (not a buffer passed with its length), whatever the
    call site in the binding does."""

    def test_every_bound_function_checks_integers(self):
        kinds = _int_kinds()
        checked = 0
        for name, f, argtypes in _bound():
            for i, t in enumerate(argtypes):
                if t not in kinds:
                    continue
                lo, hi = kinds[t]
                for bad in (hi + 1, lo - 1):
                    args = [_WrongType()] * len(argtypes)
                    args[i] = bad
                    with self.subTest(function=name, argument=i + 1, value=bad):
                        with self.assertRaises(OverflowError) as cm:
                            f(*args)
                        self.assertNotIsInstance(cm.exception, ctypes.ArgumentError)
                        self.assertIsInstance(cm.exception, ValueError)
                        msg = str(cm.exception)
                        self.assertIn(name, msg)
                        self.assertIn("argument %d" % (i + 1), msg)
                        self.assertIn("%d..%d" % (lo, hi), msg)
                checked += 1
        self.assertGreater(checked, 100)

    def test_every_bound_function_checks_strings(self):
        checked = 0
        for name, f, argtypes in _bound():
            for i, t in enumerate(argtypes):
                if t is not ctypes.c_char_p:
                    continue
                if i + 1 < len(argtypes) and argtypes[i + 1] is ctypes.c_size_t:
                    continue  # a buffer with its length: NULs are the library's to judge
                args = [_WrongType()] * len(argtypes)
                args[i] = b"A\x00B"
                with self.subTest(function=name, argument=i + 1):
                    with self.assertRaises(ValueError) as cm:
                        f(*args)
                    self.assertNotIsInstance(cm.exception, ctypes.ArgumentError)
                    self.assertIn(name, str(cm.exception))
                    self.assertIn("argument %d" % (i + 1), str(cm.exception))
                    self.assertIn("NUL", str(cm.exception))
                checked += 1
        self.assertGreater(checked, 50)

    def test_in_range_values_still_reach_c(self):
        self.assertEqual(_ffi.tr_category_id(1), tr.categories()[0][0].encode())
        self.assertEqual(_ffi.tr_strength_id(4), b"hard")
        self.assertIsNone(_ffi.tr_strength_id(2 ** 31 - 1))


if __name__ == "__main__":
    unittest.main()
