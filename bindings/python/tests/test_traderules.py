# SPDX-License-Identifier: MIT
"""Tests of the Python binding against the freshly built library.

Run by `meson test` (test 'python') with TRADERULES_LIBRARY pointing at the
build's libtraderules and PYTHONPATH at bindings/python; by hand:
  TRADERULES_LIBRARY=build/lib/libtraderules.so.0 PYTHONPATH=bindings/python \
    /usr/bin/python3 -m unittest discover -s bindings/python/tests
"""

import csv
import gc
import io
import math
import os
import pickle
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

import traderules as tr

SRC = os.environ.get("TR_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
FIXTURES = os.path.join(SRC, "tests", "fixtures")


def small_catalog():
    cat = tr.Catalog()
    cat.add(tr.Agreement.new(
        "US_X", "Fictional American-style agreement (test)", family="american",
        date_signed="2015-03", parties=["USA", "KOR"], sources=["test; with a semicolon"],
        provisions=[
            {"category": "cross_border_data_flows", "strength": "hard",
             "exceptions": ["lppo"], "citation": "Art. 1", "dispute_settlement": "yes"},
            {"category": "source_code", "strength": "hard"},
            {"category": "customs_duties_electronic_transmissions", "strength": "hard"},
        ]))
    cat.add(tr.Agreement.new(
        "EU_X", "Fictional European-style agreement, \"quoted\" (test)", family="european",
        date_signed="2019", parties=["EU", "JPN"], note="line one\nline two",
        provisions=[
            {"category": "cross_border_data_flows", "strength": "soft",
             "exceptions": ["privacy", "lppo"], "flags": ["uncertain"]},
            {"category": "source_code", "strength": "none"},
            {"category": "customs_duties_electronic_transmissions", "strength": "hard",
             "exceptions": ["audiovisual"]},
        ]))
    return cat


def has_numpy():
    try:
        import numpy  # noqa: F401
        return True
    except ImportError:
        return False


def has_pandas():
    try:
        import pandas  # noqa: F401
        return True
    except ImportError:
        return False


class TestErrors(unittest.TestCase):
    def test_exception_carries_code_message_location(self):
        with tr.Catalog() as cat:
            bad = b"agreement,name,category,strength\r\nA,Alpha,source_codes,hard\r\n"
            with self.assertRaises(tr.SchemaError) as cm:
                cat.read_csv_data(bad, name="bad.csv")
            e = cm.exception
            self.assertEqual(e.code, -6)
            self.assertEqual(e.status, "schema")
            self.assertEqual((e.file, e.line, e.column, e.field), ("bad.csv", 2, 9, "category"))
            self.assertIn("bad.csv:2:9", e.message)
            self.assertIn("source_codes", str(e))
            self.assertEqual(len(cat), 0)  # all or nothing

    def test_error_classes(self):
        with tr.Catalog() as cat:
            with self.assertRaises(tr.IOFailure) as cm:
                cat.read_csv("/nonexistent/x.csv")
            self.assertIsInstance(cm.exception, OSError)
            self.assertEqual(cm.exception.status, "io")
            with self.assertRaises(tr.EncodingError):
                cat.read_csv_data(b"agreement,name,category,strength\nA,Al\xe9,source_code,hard\n")
            with self.assertRaises(tr.EmptyError):
                cat.read_csv_data(b"")
            with self.assertRaises(KeyError):
                cat["NOPE"]
            with self.assertRaises(tr.InvalidArgumentError):
                tr.Agreement.new("bad id!", "x")
            with self.assertRaises(ValueError):  # InvalidArgumentError is a ValueError
                tr.Agreement.new("A", "x", family="asian")

    def test_closed_object(self):
        cat = tr.Catalog()
        cat.close()
        cat.close()  # twice is fine
        with self.assertRaises(tr.TradeRulesError):
            len(cat)


class TestCatalog(unittest.TestCase):
    def test_build_iterate_lookup(self):
        with small_catalog() as cat:
            self.assertEqual([a.id for a in cat], ["US_X", "EU_X"])
            self.assertIn("EU_X", cat)
            eu = cat["EU_X"]
            self.assertEqual(eu.family, "european")
            self.assertEqual(eu.year, 2019)
            self.assertEqual(eu.parties, ["EU", "JPN"])
            p = eu.provision("cross_border_data_flows")
            self.assertEqual(p.strength, "soft")
            self.assertEqual(sorted(p.exceptions), ["lppo", "privacy"])
            self.assertEqual(p.flags, ["uncertain"])
            self.assertIsNone(eu.provision("ict_cryptography"))
            self.assertEqual(len(eu), 3)
            self.assertEqual([x.category for x in eu][0], "customs_duties_electronic_transmissions")
            self.assertEqual([a.id for a in cat.select(family="american")], ["US_X"])
            self.assertEqual([a.id for a in cat.select(years=(2016, None))], ["EU_X"])
            self.assertEqual(cat.select(party="KOR")[0].id, "US_X")

    def test_views_keep_catalog_alive(self):
        a = small_catalog()["US_X"]  # the catalog has no other reference
        gc.collect()
        self.assertEqual(a.provision("source_code").strength, "hard")

    def test_view_after_close_raises(self):
        cat = small_catalog()
        a = cat["US_X"]
        p = a.provision("source_code")
        cat.close()
        with self.assertRaises(tr.InvalidArgumentError):
            a.name
        with self.assertRaises(tr.InvalidArgumentError):
            p.strength

    def test_ownership_moves_to_catalog(self):
        a = tr.Agreement.new("NEW", "New (test)")
        with tr.Catalog() as cat:
            cat.add(a)
            with self.assertRaises(tr.InvalidArgumentError):
                cat.add(a)  # already owned by the catalog
            with self.assertRaises(tr.DuplicateError):
                cat.add(tr.Agreement.new("NEW", "Again (test)"))
            self.assertEqual(len(cat), 1)

    def test_enumerations(self):
        cats = tr.categories()
        self.assertEqual(cats[0][0], "ecom_general")
        self.assertIn(("cross_border_data_flows", "Cross-border data flows"), cats)
        self.assertEqual(tr.strengths(), ["unknown", "none", "soft", "mixed", "hard"])
        self.assertTrue(tr.version())

    def test_default_catalog(self):
        with tr.Catalog.default() as cat:
            self.assertGreater(len(cat), 10)
            self.assertEqual(cat["TPP"].family, "american")
            rows = cat.to_rows(family="european")
            self.assertTrue(rows)
            self.assertTrue(all(r["family"] == "european" for r in rows))

    @unittest.skipUnless(has_pandas(), "pandas not installed")
    def test_to_frame(self):
        with tr.Catalog.default() as cat:
            df = cat.to_frame(family="european")
            rows = cat.to_rows(family="european")
            self.assertEqual(len(df), len(rows))
            self.assertEqual(list(df.columns), list(rows[0]))
            self.assertEqual(str(df["tota_id"].dtype), "Int64")
            self.assertEqual(df["agreement"].tolist(), [r["agreement"] for r in rows])
            self.assertEqual(df["parties"].tolist(), [r["parties"] for r in rows])

    def test_rows_keep_agreement_and_provision_notes_apart(self):
        with tr.Catalog() as cat:
            cat.add(tr.Agreement.new("N", "Notes (test)", note="agreement note",
                                     sources=["s1"], provisions=[
                                         {"category": "source_code", "strength": "hard",
                                          "note": "provision note"}]))
            (row,) = cat.to_rows()
            self.assertEqual(row["agreement_note"], "agreement note")
            self.assertEqual(row["note"], "provision note")
            self.assertEqual(row["agreement_sources"], ["s1"])
            header = cat.to_csv().splitlines()[0].split(",")
            self.assertFalse(set(row) - set(header), set(row) - set(header))


def csv_list(cell):
    """Items of a list cell of the long CSV (docs/csv-format.md: ';' joins, '\\;'
    and '\\\\' escape, a lone '\\' is one empty item)."""
    if cell == "":
        return []
    if cell == "\\":
        return [""]
    items, cur, esc = [], "", False
    for ch in cell:
        if esc:
            cur += ch
            esc = False
        elif ch == "\\":
            esc = True
        elif ch == ";":
            items.append(cur)
            cur = ""
        else:
            cur += ch
    items.append(cur)
    return items


class TestProvisionRecords(unittest.TestCase):
    def test_basis_draft_review_evidence_scope_round_trip(self):
        prov = {"category": "general_exceptions", "strength": "hard", "citation": "Art. 9",
                "basis": "coder_confirmed", "draft": "soft", "review": "corrected",
                "evidence": [{"tota_id": 9001, "article_id": 77, "article": "9", "paragraph": "2(b)",
                              "span": "nothing in this Chapter shall be construed",
                              "document": None, "url": None},
                             {"tota_id": 9001, "article_id": 78, "article": "10",
                              "paragraph": None, "span": "GATT Article XX is incorporated",
                              "document": None, "url": None},
                             {"tota_id": None, "article_id": None, "article": "XIV",
                              "paragraph": "(c)(ii)", "span": "the protection of the privacy",
                              "document": "GATS (WTO Agreement Annex 1B)",
                              "url": "https://www.wto.org/english/docs_e/legal_e/26-gats.pdf"},
                             {"tota_id": None, "article_id": None, "article": "XX",
                              "paragraph": None, "span": "nothing in this Agreement",
                              "document": "GATT 1994", "url": None}],
                "scope": {"breadth": "general", "form": "incorporated", "self_judging": False,
                          "incorporates": ["GATT XX", "GATS XIV"], "chapters": ["all"]}}
        with tr.Catalog() as cat, tr.Catalog() as back:
            cat.add(tr.Agreement.new("E", "Evidence (test)", provisions=[prov]))
            p = cat["E"].provision("general_exceptions")
            self.assertEqual({k: v for k, v in p.to_dict().items() if k in prov}, prov)
            self.assertIsNone(p.title)
            back.read_csv_data(cat.to_csv())
            self.assertEqual(back["E"].to_dict(), cat["E"].to_dict())
            back2 = tr.Catalog().load_json(cat.to_json())
            self.assertEqual(back2["E"].to_dict(), cat["E"].to_dict())
            (row,) = cat.to_rows()
            self.assertEqual(row["evidence_article"], ["9", "10", "XIV", "XX"])
            self.assertEqual(row["evidence_paragraph"], ["2(b)", None, "(c)(ii)", None])
            self.assertEqual(row["evidence_tota_id"], [9001, 9001, 0, 0])
            self.assertEqual(row["evidence_document"],
                             [None, None, "GATS (WTO Agreement Annex 1B)", "GATT 1994"])
            self.assertEqual(row["evidence_url"][:3], [None, None, prov["evidence"][2]["url"]])
            self.assertEqual(row["scope_incorporates"], ["GATT XX", "GATS XIV"])
            with self.assertRaises(tr.InvalidArgumentError):
                tr.Agreement.new("F", "f", provisions=[dict(prov, basis="hearsay")])
            with self.assertRaises(tr.TradeRulesError):
                tr.Agreement.new("F", "f", provisions=[dict(prov, evidence=[
                    dict(prov["evidence"][0], span=" ".join(["word"] * 41))])])
            # document evidence: the url must be http(s); not both tota_id and document
            with self.assertRaises(tr.InvalidArgumentError):
                tr.Agreement.new("F", "f", provisions=[dict(prov, evidence=[
                    dict(prov["evidence"][2], url="ftp://example.org/gats")])])
            with self.assertRaises(ValueError):
                tr.Agreement.new("F", "f", provisions=[dict(prov, evidence=[
                    dict(prov["evidence"][2], tota_id=5)])])
            with self.assertRaises(ValueError):
                tr.Agreement.new("F", "f", provisions=[dict(prov, evidence=[
                    dict(prov["evidence"][0], url="https://example.org")])])

    def test_rows_agree_with_the_long_csv(self):
        """to_rows() of the embedded catalog against the library's own CSV writer."""
        with tr.Catalog.default() as cat:
            rows = cat.to_rows()
            got = list(csv.DictReader(io.StringIO(cat.to_csv()), strict=True))
        self.assertEqual(len(rows), len(got))
        self.assertFalse(set(rows[0]) - set(got[0]), set(rows[0]) - set(got[0]))
        self.assertTrue(any(r["evidence_span"] for r in rows))
        self.assertTrue(any(r["scope_breadth"] for r in rows))
        plain = ("agreement", "category", "strength", "citation", "note", "agreement_note",
                 "basis", "draft", "review", "scope_breadth", "scope_form")
        lists = ("evidence_span", "evidence_tota_id", "evidence_article_id", "evidence_article",
                 "scope_incorporates", "scope_chapters", "exceptions", "flags")
        for r, g in zip(rows, got):
            for k in plain:
                self.assertEqual("" if r[k] is None else str(r[k]), g[k], (r["agreement"], k))
            for k in lists:
                self.assertEqual([str(x) for x in r[k] or []], csv_list(g[k]),
                                 (r["agreement"], r["category"], k))
            sj = r["scope_self_judging"]
            self.assertEqual("" if sj is None else ("true" if sj else "false"),
                             g["scope_self_judging"])
            for k in ("evidence_paragraph", "evidence_document", "evidence_url"):
                if g[k]:
                    self.assertEqual([x or "" for x in r[k]], csv_list(g[k]))
                else:
                    self.assertTrue(all(x is None for x in r[k]))


class TestCsv(unittest.TestCase):
    def test_round_trip(self):
        with small_catalog() as cat, tr.Catalog() as back:
            text = cat.to_csv()
            back.read_csv_data(text)
            self.assertEqual([a.to_dict() for a in cat], [a.to_dict() for a in back])
            self.assertEqual(back.to_csv(), text)

    def test_files_and_stdlib_reader(self):
        with small_catalog() as cat, tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "long.csv")
            cat.to_csv(path=path)
            with open(path, newline="", encoding="utf-8") as f:
                rows = list(csv.DictReader(f, strict=True))
            self.assertEqual(len(rows), 6)
            self.assertEqual(rows[3]["agreement_note"], "line one\nline two")
            self.assertEqual(rows[0]["agreement_sources"], "test\\; with a semicolon")
            wide = list(csv.reader(io.StringIO(cat.to_csv("wide")), strict=True))
            self.assertEqual(len(wide), 3)
            self.assertEqual(len(set(len(r) for r in wide)), 1)
            col = wide[0].index("cross_border_data_flows")
            self.assertEqual([wide[1][col], wide[2][col]], ["3", "1"])
            with tr.Catalog() as back:
                back.read_csv(path)
                self.assertEqual(len(back), 2)


@unittest.skipUnless(tr.plot_available(), "library built without charts")
class TestPlot(unittest.TestCase):
    def test_charts(self):
        with small_catalog() as cat, tempfile.TemporaryDirectory() as d:
            ags = list(cat)
            tr.plot_heatmap(ags, os.path.join(d, "h.png"))
            tr.plot_timeline(ags, os.path.join(d, "t.svg"))
            tr.plot_compare(cat.select(family="american"), cat.select(family="european"),
                            os.path.join(d, "c.png"), "US", "EU")
            tr.plot_matrix(["a", "b", "c"], [[1, 0.2, None], [0.2, 1, 0.9], [None, 0.9, 1]],
                           os.path.join(d, "m.png"), title="test")
            for name in ("h.png", "c.png", "m.png"):
                with open(os.path.join(d, name), "rb") as f:
                    head = f.read(24)
                self.assertEqual(head[:8], b"\x89PNG\r\n\x1a\n")
                w, h = struct.unpack(">II", head[16:24])
                self.assertGreater(w, 300)
                self.assertGreater(h, 200)
            with open(os.path.join(d, "t.svg"), encoding="utf-8") as f:
                self.assertIn("<svg", f.read())
            tr.plot_heatmap(ags, os.path.join(d, "h.pdf"))
            with open(os.path.join(d, "h.pdf"), "rb") as f:
                self.assertEqual(f.read(5), b"%PDF-")
            with self.assertRaises(tr.EmptyError):
                tr.plot_heatmap([], os.path.join(d, "e.png"))
            with self.assertRaises(tr.NotFoundError):
                tr.plot_heatmap(ags, os.path.join(d, "e.gif"))  # .pdf is a chart format since issue 14

    def test_cluster_order(self):
        m = [[1, 0.1, 0.9, 0.1], [0.1, 1, 0.1, 0.8], [0.9, 0.1, 1, 0.1], [0.1, 0.8, 0.1, 1]]
        order = tr.cluster_order(m)
        self.assertEqual(sorted(order), [0, 1, 2, 3])
        pos = {v: i for i, v in enumerate(order)}
        self.assertEqual(abs(pos[0] - pos[2]), 1)
        self.assertEqual(abs(pos[1] - pos[3]), 1)
        with self.assertRaises(tr.InvalidArgumentError):
            tr.cluster_order([[1, 2], [3]])


@unittest.skipUnless(tr._c.has("tr_comparison_new"), "no comparison engine")
class TestCompare(unittest.TestCase):
    def test_two_agreements(self):
        with small_catalog() as cat:
            with tr.compare(cat, "US_X", cat["EU_X"]) as cmp:
                rel = cmp.relations()
                self.assertEqual(rel["source_code"], "only_first")
                self.assertEqual(rel["cross_border_data_flows"], "first_stronger")
                self.assertEqual(rel["customs_duties_electronic_transmissions"],
                                 "different_carveouts")
                self.assertTrue(0 < cmp.distance < 1)
                self.assertAlmostEqual(cmp.similarity, 1 - cmp.distance)
            with self.assertRaises(tr.NotFoundError):
                tr.compare(cat, "US_X", "NOPE")

    def test_rows_sides_and_weights(self):
        with small_catalog() as cat, tr.compare(cat, "US_X", "EU_X") as cmp:
            self.assertEqual(cmp.first["kind"], "agreement")
            self.assertEqual(cmp.first["members"], [("US_X", 2015)])
            self.assertEqual(cmp.second["name"], "EU_X")
            rows = {r["category"]: r for r in cmp.rows(as_frame=False)}
            self.assertEqual(len(rows), len(tr.categories()))
            flows = rows["cross_border_data_flows"]
            self.assertEqual(flows["relation"], "first_stronger")
            self.assertEqual((flows["first_strength"], flows["second_strength"]), ("hard", "soft"))
            self.assertEqual(flows["first_exceptions"], ["lppo"])
            self.assertEqual(sorted(flows["second_exceptions"]), ["lppo", "privacy"])
            self.assertEqual(flows["second_flags"], ["uncertain"])
            self.assertEqual(flows["first_support"], [("US_X", "Art. 1")])
            self.assertEqual(flows["first_citations"], "Art. 1")
            self.assertEqual(flows["first_coded"], 1)
            self.assertEqual(rows["ict_cryptography"]["first_strength"], "unknown")
            self.assertEqual(rows["ict_cryptography"]["first_support"], [])
            self.assertEqual(dict(cmp), {k: r["relation"] for k, r in rows.items()})
            self.assertAlmostEqual(cmp.weighted_distance({}), cmp.distance)
            self.assertAlmostEqual(cmp.weighted_distance([1.0] * len(tr.categories())),
                                   cmp.distance)
            # only source_code counts: hard vs none, the maximal distance
            only = {c: 0 for c, _ in tr.categories()}
            only["source_code"] = 1
            self.assertEqual(cmp.weighted_distance(only), 1.0)
            with self.assertRaises(tr.InvalidArgumentError):
                cmp.weighted_distance({"source_code": -1})
            if has_pandas():
                df = cmp.rows()
                self.assertEqual(list(df["category"]), list(rows))

    def test_timeline(self):
        if not tr._c.has("tr_timeline_new"):
            self.skipTest("no timeline")
        with small_catalog() as cat:
            t = tr.timeline(cat)
            self.assertEqual((t["first_year"], t["last_year"], t["dated"], t["undated"]),
                             (2015, 2019, 2, 0))
            self.assertEqual(t["first"]["cross_border_data_flows"],
                             {"year": 2015, "agreement": "US_X"})
            self.assertEqual(t["first"]["ict_cryptography"], {"year": None, "agreement": None})
            rows = {(r["year"], r["category"]): r for r in t["rows"]}
            self.assertEqual(len(rows), 5 * len(tr.categories()))
            self.assertEqual(rows[2015, "cross_border_data_flows"]["total"], 1)
            self.assertEqual(rows[2019, "cross_border_data_flows"]["count"], 2)  # hard + soft
            self.assertEqual(rows[2019, "source_code"]["count"], 1)  # EU_X: none
            hard = tr.timeline(cat, "hard")
            self.assertEqual({(r["year"], r["category"]): r["count"] for r in hard["rows"]}[
                2019, "cross_border_data_flows"], 1)
            eu = tr.timeline(cat, family="european")
            self.assertEqual((eu["first_year"], eu["dated"]), (2019, 1))
            with self.assertRaises(tr.InvalidArgumentError):
                tr.timeline(cat, "strongish")

    def test_coverage(self):
        if not tr._c.has("tr_coverage_new"):
            self.skipTest("no coverage")
        profile = os.path.join(FIXTURES, "compare", "profile-example.json")
        with tr.Catalog.default() as cat:
            rows = tr.coverage(cat, "american")
            self.assertGreater(len(rows), 5)
            for r in rows:
                levels = {s for _, s in r["provisions"]}
                self.assertEqual(r["level"] == "hard", bool(levels & {"hard", "mixed"}), r)
                if r["level"] == "soft":
                    self.assertEqual(levels, {"soft"})
                self.assertIn(r["level"], ("hard", "soft", "none", "unknown"))
            b1a = {r["barrier"]: r for r in rows}["B1a"]
            self.assertIn(("cross_border_data_flows",
                           cat["TPP"].provision("cross_border_data_flows").strength),
                          b1a["provisions"])
            rows = tr.coverage(cat, "TPP", profile=profile)
            self.assertEqual([r["barrier"] for r in rows], ["B1a", "B2b", "X-VPN"])
            self.assertEqual(rows[0]["note"], "servers must be located in the territory")
            self.assertEqual({c for c, _ in rows[2]["provisions"]} - {
                "cross_border_data_flows", "ict_cryptography"}, set())
            with self.assertRaises(tr.TradeRulesError) as cm:
                tr.coverage(cat, "TPP", profile=os.path.join(FIXTURES, "compare",
                                                             "profile-bad.json"))
            self.assertIn("B7z", cm.exception.message)

    def test_minhash(self):
        if not tr._c.has("tr_minhash_new"):
            self.skipTest("no MinHash")
        a_text = "the parties shall cooperate on electronic commerce and paperless trading " * 3
        b_text = a_text + "and recognise the importance of interoperable electronic invoicing"
        a, b = tr.MinHash(a_text, k=1024, seed=7), tr.MinHash(b_text, k=1024, seed=7)
        exact = tr.text_jaccard(a_text, b_text)
        self.assertLess(abs(a.estimate(b) - exact), 0.1)  # k = 1024: P(error >= 0.1) < 1e-8
        self.assertEqual(a.estimate(a), 1.0)
        with self.assertRaises(tr.InvalidArgumentError):
            a.estimate(tr.MinHash(a_text, k=1024, seed=8))
        back = pickle.loads(pickle.dumps(a))  # by value
        self.assertEqual(back, a)
        self.assertEqual(back.to_bytes(), a.to_bytes())
        self.assertEqual(len(a.to_bytes()), 24 + 8 * 1024)
        self.assertEqual(back.estimate(b), a.estimate(b))
        union = tr.MinHash(a_text, k=1024, seed=7).merge(tr.MinHash(b_text, k=1024, seed=7))
        # a's shingles are all in b (b extends a): the union's signature is b's, exactly
        self.assertEqual(union, b)
        self.assertNotEqual(a, b)
        with self.assertRaises(tr.ParseError):
            tr.MinHash.from_bytes(b"TRMH broken")

    def test_templates(self):
        self.assertIn("american", tr.templates())
        self.assertIn("european", tr.templates())
        with small_catalog() as cat:
            strongest = tr.template(cat, "ids=US_X,EU_X+rule=strongest")
            self.assertEqual(strongest["rule"], "strongest")
            self.assertEqual(strongest["kind"], "user")
            self.assertEqual([m for m, _ in strongest["members"]], ["US_X", "EU_X"])
            flows = strongest["positions"]["cross_border_data_flows"]
            self.assertEqual(flows["strength"], "hard")
            self.assertEqual(flows["support"], [("US_X", "Art. 1")])
            self.assertEqual(flows["coded"], 2)
            weakest = tr.template(cat, "ids=US_X,EU_X+rule=weakest")
            self.assertEqual(weakest["positions"]["cross_border_data_flows"]["strength"], "soft")
            self.assertEqual(weakest["positions"]["source_code"]["strength"], "none")
            single = tr.template(cat, cat["EU_X"])
            self.assertEqual((single["kind"], single["name"]), ("agreement", "EU_X"))
            with self.assertRaises(tr.NotFoundError):
                tr.template(cat, "ids=US_X,NOPE")

    def test_barriers_and_indicators(self):
        with tr.Catalog.default() as cat:
            barriers = {b["id"]: b for b in cat.barriers()}
            self.assertIn("B1a", barriers)
            self.assertIn("cross_border_data_flows", barriers["B1a"]["categories"])
            self.assertEqual(barriers["B1a"]["type"], "data_localisation")
            if tr._c.has("tr_coverage_new"):
                for r in tr.coverage(cat, "american"):
                    self.assertLessEqual({c for c, _ in r["provisions"]},
                                         set(barriers[r["barrier"]]["categories"]), r)
            indicators = cat.indicators()
            self.assertTrue(indicators)
            for x in indicators:
                self.assertRegex(x["economy"], r"^[A-Z]{2,3}$")
                self.assertIsInstance(x["value"], float)
                self.assertGreater(x["year"], 1900)
        with small_catalog() as cat:
            self.assertEqual(cat.barriers(), [])

    def test_matrix(self):
        with small_catalog() as cat:
            ids, rows = tr.distance_matrix(cat)
            self.assertEqual(ids, ["US_X", "EU_X"])
            if has_numpy():
                import numpy
                self.assertIsInstance(rows, numpy.ndarray)
                self.assertEqual(rows.shape, (2, 2))
            else:
                self.assertIsInstance(rows, list)
            self.assertEqual(rows[0][0], 0)
            self.assertEqual(rows[0][1], rows[1][0])
            with tr.compare(cat, "US_X", "EU_X") as cmp:
                self.assertAlmostEqual(rows[0][1], cmp.distance, places=2)


    def test_classify_and_common_ground(self):
        with small_catalog() as cat:
            rows = tr.classify(cat, ["US_X", "EU_X"], margin=0.0)
            self.assertEqual([r["agreement"] for r in rows], ["US_X", "EU_X"])
            self.assertEqual([r["nearest"] for r in rows], ["US_X", "EU_X"])
            self.assertEqual(rows[0]["distance_US_X"], 0)
            self.assertGreater(rows[0]["margin"], 0)
            with self.assertRaises(tr.InvalidArgumentError):
                tr.classify(cat, ["US_X"])
            cg = tr.common_ground(cat, ["US_X", "EU_X"])
            self.assertEqual(len(cg), len(tr.categories()))
            self.assertEqual(cg["customs_duties_electronic_transmissions"]["floor"], "hard")
            self.assertEqual(cg["source_code"]["ground"], "diverge")  # hard vs none
            self.assertEqual(cg["ict_cryptography"]["ground"], "unknown")
        with tr.Catalog.default() as cat:
            rows = tr.classify(cat, family="american")
            self.assertTrue(rows)
            self.assertTrue(any(r["nearest"] == "american" for r in rows))


@unittest.skipUnless(tr._c.has("tr_coder_new"), "no coder")
class TestCoder(unittest.TestCase):
    def test_code_article_and_agreement(self):
        text = ("No Party shall impose customs duties on electronic transmissions, "
                "including content transmitted electronically.")
        with tr.Coder() as coder:
            self.assertGreater(coder.rule_count, 0)
            with coder.code(text, title="Customs Duties", chapter="Electronic Commerce") as coding:
                got = coding.categories()
                self.assertEqual(got.get("customs_duties_electronic_transmissions"), "hard")
                ev = coding.assignments[0]["evidence"]
                self.assertTrue(all(e["text"] for e in ev))
                self.assertTrue(any(e["text"] in text or e["field"] != "text" for e in ev))
            a = coder.code_agreement("CODED", "Coded (test)", [
                {"number": "Art. 1", "title": "Customs Duties", "chapter": "Electronic Commerce",
                 "text": text}])
            self.assertEqual(a.provision("customs_duties_electronic_transmissions").strength,
                             "hard")
            with tr.Catalog() as cat:
                cat.add(a)
                self.assertIn("CODED", cat)
            with self.assertRaises(tr.EncodingError):
                coder.code(b"bad \xff text")


@unittest.skipUnless(tr._c.has("tr_corpus_new"), "no corpus module")
class TestCorpus(unittest.TestCase):
    def test_similarity(self):
        same = "the parties shall cooperate on electronic commerce and paperless trading"
        self.assertEqual(tr.text_jaccard(same, same), 1.0)
        self.assertEqual(tr.text_jaccard(same, "completely different words in this one here"), 0.0)
        good = os.path.join(FIXTURES, "corpus", "good")
        with tr.Corpus(threads=1) as corpus:
            corpus.load(good)
            self.assertEqual(len(corpus), 3)
            labels, rows = corpus.similarity_matrix()
            self.assertEqual(len(labels), 3)
            self.assertTrue(all(isinstance(x, int) for x in labels), labels)
            self.assertEqual(labels, [a["tota_id"] for a in corpus.agreements()])
            if has_numpy():
                self.assertEqual(rows.shape, (3, 3))
            for i in range(3):
                self.assertEqual(rows[i][i], 1.0)
                for j in range(3):
                    self.assertEqual(rows[i][j], rows[j][i])
                    self.assertTrue(0 <= rows[i][j] <= 1)
            pairs = corpus.pairs(threshold=0.2, unit="agreement")
            want = [(labels[i], labels[j], rows[i][j]) for i in range(3) for j in range(i + 1, 3)
                    if rows[i][j] >= 0.2]
            self.assertTrue(want)
            self.assertEqual([(p["first"], p["second"], p["jaccard"]) for p in pairs], want)
            for p in pairs:
                self.assertAlmostEqual(p["jaccard"], p["intersection"] / p["union"])
            articles = corpus.pairs(threshold=0.1)
            self.assertTrue(articles)
            for p in articles:
                self.assertNotEqual(p["first"].split(":")[0], p["second"].split(":")[0])
                self.assertGreaterEqual(p["jaccard"], 0.1)
            with self.assertRaises(tr.InvalidArgumentError):
                corpus.pairs(unit="chapter")
            meta = {a["tota_id"]: a for a in corpus.agreements()}
            self.assertEqual(meta[2]["name"], "Gamma \u2013 \u0394elta")
            self.assertEqual((meta[2]["language"], meta[2]["wto_rta_id"]), ("es", 1002))
            self.assertEqual(meta[2]["parties"], ["CCC", "DDD", "EEE"])
            self.assertEqual(meta[1]["date_signed"], "2001-05-03")
            arts = corpus.articles()
            self.assertEqual(len(arts), sum(a["articles"] for a in meta.values()))
            self.assertEqual([a["label"] for a in corpus.articles(2)], ["2:201", "2:202"])
            self.assertEqual(corpus.articles("2"), corpus.articles(2))
            self.assertTrue(all(a["text"] for a in arts if a["tota_id"] == 2))
            self.assertLessEqual({p["first"] for p in articles}, {a["label"] for a in arts})
            with self.assertRaises(tr.NotFoundError):
                corpus.articles(999)
            traced = corpus.trace(threshold=0.3)
            for t in traced:
                self.assertGreaterEqual(t["jaccard"], 0.3)
            with self.assertRaises(tr.TradeRulesError) as cm:
                corpus.load_xml(b"<treaty><meta>", name="broken.xml")
            self.assertEqual(cm.exception.file, "broken.xml")


PKG_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def run_python(code, env, cwd=None, python=None):
    """Run @code in a new interpreter; returns the CompletedProcess (text)."""
    return subprocess.run([python or sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


def env_without_library(**extra):
    env = dict(os.environ)
    for k in ("TRADERULES_LIBRARY", "LD_LIBRARY_PATH", "PKG_CONFIG_PATH"):
        env.pop(k, None)
    env.update(extra)
    return env


class TestWithoutNumpy(unittest.TestCase):
    def test_plain_lists_without_numpy_and_pandas(self):
        code = ("import sys\n"
                "sys.modules['numpy'] = None; sys.modules['pandas'] = None\n"
                "import traderules as tr\n"
                "cat = tr.Catalog.default()\n"
                "ids, m = tr.distance_matrix(cat, family='european')\n"
                "assert type(m) is list and len(m) == len(ids) and type(m[0]) is list, type(m)\n"
                "p = cat.panel(years=2012, economies=['USA', 'KOR'], categories=[1])\n"
                "assert type(p) is list and p[0]['agreements'] == 'KORUS', p\n"
                "try:\n"
                "    cat.panel(years=2012, as_frame=True)\n"
                "except ImportError:\n"
                "    print('ok')\n")
        if not tr._c.has("tr_matrix_new") or not tr._c.has("tr_panel_run"):
            self.skipTest("no comparison engine or panel module")
        r = run_python(code, dict(os.environ))
        self.assertEqual((r.returncode, r.stdout.strip()), (0, "ok"), r.stderr)


class TestPackaging(unittest.TestCase):
    def test_versions_agree(self):
        self.assertEqual(tr.__version__, tr.version())
        self.assertIn("__version__", tr.__all__)
        with open(os.path.join(PKG_DIR, "pyproject.toml"), encoding="utf-8") as f:
            m = re.search(r'^version = "([^"]+)"', f.read(), re.M)
        self.assertEqual(m.group(1), tr.__version__)
        with open(os.path.join(SRC, "meson.build"), encoding="utf-8") as f:
            m = re.search(r"^\s*version: '([^']+)'", f.read(), re.M)
        self.assertEqual(m.group(1), tr.__version__)

    def test_type_hints(self):
        """Every public function, method and property has annotations that resolve,
        including a return type; the package ships py.typed (PEP 561)."""
        import inspect
        import typing
        missing = []
        for name in tr.__all__:
            obj = getattr(tr, name)
            members = [(name, obj)]
            if inspect.isclass(obj):
                if issubclass(obj, BaseException) and obj is not tr.TradeRulesError:
                    continue
                members = [(name + "." + k, v) for k, v in vars(obj).items()
                           if not k.startswith("_") or k in ("__init__", "__iter__", "__len__",
                                                             "__getitem__", "__contains__")]
            for label, member in members:
                if isinstance(member, property):
                    member = member.fget
                if isinstance(member, (classmethod, staticmethod)):
                    member = member.__func__
                if not callable(member) or inspect.isclass(member):
                    continue
                try:
                    hints = typing.get_type_hints(member)
                except Exception as e:  # an annotation that does not resolve
                    missing.append("%s: %r" % (label, e))
                    continue
                if "return" not in hints:
                    missing.append(label + ": no return type")
        self.assertEqual(missing, [])
        self.assertGreater(len(tr.__all__), 20)
        self.assertTrue(os.path.exists(os.path.join(PKG_DIR, "traderules", "py.typed")))

    def test_pip_install_offline_into_fresh_venv(self):
        """pip install --no-index --no-build-isolation of a copy of the source tree
        into a new virtual environment; the installed package imports and works."""
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "src")
            shutil.copytree(PKG_DIR, src, ignore=shutil.ignore_patterns(
                "build", "*.egg-info", "__pycache__", "tests"))
            venv = os.path.join(d, "venv")
            r = subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", venv],
                               capture_output=True, text=True, timeout=300)
            py = os.path.join(venv, "bin", "python")
            if r.returncode != 0 or not os.path.exists(py):
                self.skipTest("cannot create a virtual environment with pip (venv/ensurepip "
                              "unavailable): " + r.stderr.strip()[-300:])
            env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
                       PIP_NO_CACHE_DIR="1")
            env.pop("PYTHONPATH", None)
            r = subprocess.run([py, "-m", "pip", "install", "--no-index", "--no-build-isolation",
                                src], capture_output=True, text=True, env=env, timeout=600)
            self.assertEqual(r.returncode, 0, r.stdout[-2000:] + r.stderr[-2000:])
            r = run_python("import traderules as tr, os\n"
                           "assert os.path.exists(os.path.join(os.path.dirname(tr.__file__),"
                           " 'py.typed'))\n"
                           "print(tr.__file__)\n"
                           "print(tr.__version__)\n"
                           "print(tr.Catalog.default()['TPP'].family)\n", env, cwd=d, python=py)
            self.assertEqual(r.returncode, 0, r.stderr)
            where, version, family = r.stdout.split()
            self.assertTrue(where.startswith(os.path.join(venv, "lib")), where)
            self.assertEqual(version, tr.__version__)
            self.assertEqual(family, "american")


class TestDiscovery(unittest.TestCase):
    CODE = ("import traderules as tr\n"
            "print(tr._c.found_by, tr._c.path, tr.__version__)\n")

    def test_environment_variable(self):
        r = run_python(self.CODE, dict(os.environ))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.split()[:2], ["TRADERULES_LIBRARY", tr._c.path])

    def test_pkg_config(self):
        if not shutil.which("pkg-config"):
            self.skipTest("no pkg-config")
        libdir = os.path.dirname(os.path.abspath(tr._c.path))
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "traderules.pc"), "w", encoding="utf-8") as f:
                f.write("prefix=%s\nlibdir=%s\nName: traderules\nDescription: test\n"
                        "Version: %s\nLibs: -L${libdir} -ltraderules\n"
                        % (d, libdir, tr.__version__))
            r = run_python(self.CODE, env_without_library(PKG_CONFIG_PATH=d))
        self.assertEqual(r.returncode, 0, r.stderr)
        how, path, version = r.stdout.split()
        self.assertEqual(how, "pkg-config")
        self.assertEqual(os.path.dirname(path), libdir)
        self.assertEqual(version, tr.__version__)

    def test_not_found_is_an_import_error_that_says_how_to_fix(self):
        code = ("try:\n    import traderules\n"
                "except ImportError as e:\n    print('IMPORTERROR', e)\n")
        with tempfile.TemporaryDirectory() as d:
            env = env_without_library(PKG_CONFIG_LIBDIR=d, PKG_CONFIG_PATH=d)
            probe = run_python("import ctypes, ctypes.util\n"
                               "print(ctypes.util.find_library('traderules'))\n"
                               "try:\n    ctypes.CDLL('libtraderules.so.0'); print('loads')\n"
                               "except OSError:\n    print('absent')\n", env)
            if probe.stdout.split() != ["None", "absent"]:
                self.skipTest("libtraderules is installed system-wide: " + probe.stdout)
            r = run_python(code, env)
            self.assertEqual(r.returncode, 0, r.stderr)  # not a bare OSError
            self.assertTrue(r.stdout.startswith("IMPORTERROR"), r.stdout)
            for word in ("TRADERULES_LIBRARY", "pkg-config", "find_library", "To fix"):
                self.assertIn(word, r.stdout)
            env["TRADERULES_LIBRARY"] = os.path.join(d, "missing.so")
            r = run_python(code, env)
            self.assertTrue(r.stdout.startswith("IMPORTERROR"), r.stdout + r.stderr)
            self.assertIn("missing.so", r.stdout)


class TestIdentityAndPickling(unittest.TestCase):
    def test_equality_and_hash(self):
        with tr.Catalog.default() as cat:
            self.assertTrue(cat["TPP"] == cat["TPP"])
            self.assertFalse(cat["TPP"] != cat["TPP"])
            self.assertEqual(hash(cat["TPP"]), hash(cat["TPP"]))
            self.assertNotEqual(cat["TPP"], cat["CPTPP"])
            self.assertIn(cat["TPP"], list(cat))
            self.assertEqual(len({cat["TPP"], cat["TPP"], cat["CPTPP"]}), 2)
            self.assertEqual(cat["TPP"].provision("source_code"),
                             cat["TPP"].provision("source_code"))
            self.assertNotEqual(cat["TPP"], "TPP")
            with tr.Catalog.default() as other:  # same id, other catalog
                self.assertNotEqual(cat["TPP"], other["TPP"])
        a = tr.Agreement.new("NEW", "New (test)")
        self.assertEqual(a, a)
        self.assertNotEqual(a, tr.Agreement.new("NEW", "New (test)"))
        with tr.Catalog() as cat:
            h = hash(a)
            cat.add(a)
            self.assertEqual(a, cat["NEW"])
            self.assertEqual(hash(cat["NEW"]), h)

    def test_multiprocessing_spawn_pool(self):
        """What multiprocessing and joblib users do: a catalog sent to spawned
        workers (by value) works there; an agreement view is refused up front."""
        script = (
            "import multiprocessing as mp, traderules as tr\n"
            "def work(args):\n"
            "    cat, id = args\n"
            "    return id, cat[id].name, cat[id].provision('source_code').strength\n"
            "if __name__ == '__main__':\n"
            "    cat = tr.Catalog.default()\n"
            "    with mp.get_context('spawn').Pool(2) as pool:\n"
            "        for row in pool.map(work, [(cat, 'TPP'), (cat, 'USMCA')]):\n"
            "            print('|'.join(row))\n"
            "        try:\n"
            "            pool.map(len, [cat['TPP']])\n"
            "        except TypeError as e:\n"
            "            print('REFUSED', e)\n")
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "pool.py")
            with open(path, "w", encoding="utf-8") as f:
                f.write(script)
            r = subprocess.run([sys.executable, path], capture_output=True, text=True,
                               timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr[-3000:])
        lines = r.stdout.splitlines()
        with tr.Catalog.default() as cat:
            want = ["%s|%s|%s" % (i, cat[i].name, cat[i].provision("source_code").strength)
                    for i in ("TPP", "USMCA")]
        self.assertEqual(lines[:2], want)
        self.assertTrue(lines[2].startswith("REFUSED cannot pickle a traderules.Agreement"),
                        r.stdout)

    def test_pickling_in_subprocesses(self):
        """Views refuse pickling with a clear TypeError; a Catalog travels by value
        and is usable in another process (this used to end in a segfault)."""
        dump = (
            "import pickle, sys, traderules as tr\n"
            "cat = tr.Catalog.default()\n"
            "for obj in (cat['TPP'], cat['TPP'].provision('source_code'),\n"
            "            tr.Agreement.new('N', 'n')):\n"
            "    try:\n"
            "        pickle.dumps(obj)\n"
            "        print('PICKLED', type(obj).__name__)\n"
            "    except TypeError as e:\n"
            "        print('REFUSED', type(obj).__name__, '|', e)\n"
            "if tr._c.has('tr_comparison_new'):\n"
            "    try:\n"
            "        pickle.dumps(tr.compare(cat, 'american', 'european'))\n"
            "        print('PICKLED Comparison')\n"
            "    except TypeError as e:\n"
            "        print('REFUSED Comparison |', e)\n"
            "open(sys.argv[1] if len(sys.argv) > 1 else 'x', 'wb').write(pickle.dumps(cat))\n")
        load = (
            "import pickle, sys, traderules as tr\n"
            "cat = pickle.loads(open(sys.argv[1], 'rb').read())\n"
            "print(len(cat), cat['TPP'].name, cat['TPP'].provision('source_code').strength)\n")
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "cat.pickle")
            r = subprocess.run([sys.executable, "-c", dump, path], capture_output=True, text=True,
                               timeout=120)
            self.assertEqual(r.returncode, 0, r.stderr)
            lines = r.stdout.splitlines()
            self.assertFalse([l for l in lines if l.startswith("PICKLED")], r.stdout)
            self.assertEqual(sum(l.startswith("REFUSED") for l in lines),
                             4 if tr._c.has("tr_comparison_new") else 3)
            self.assertIn("cannot pickle a traderules.Agreement", r.stdout)
            self.assertIn("pickle its id", r.stdout)
            r = subprocess.run([sys.executable, "-c", load, path], capture_output=True, text=True,
                               timeout=120)
            self.assertEqual(r.returncode, 0, r.stderr)  # a crash gives a negative code
        with tr.Catalog.default() as cat:
            tpp = cat["TPP"]
            self.assertEqual(r.stdout.strip(), "%d %s %s" % (
                len(cat), tpp.name, tpp.provision("source_code").strength))


@unittest.skipUnless(tr._c.has("tr_panel_run"), "no panel module")
class TestPanel(unittest.TestCase):
    def korus_rows(self, rows):
        return {r["year"]: r for r in rows if (r["iso3_i"], r["iso3_j"]) == ("KOR", "USA")}

    def test_korus_in_force_2012_not_2011(self):
        with tr.Catalog.default() as cat:
            self.assertEqual(cat["KORUS"].date_in_force, "2012-03-15")
            for economies in (["USA", "KOR"], None):  # balanced, and pairs with an agreement
                rows = cat.panel(years=(2010, 2013), economies=economies, as_frame=False)
                self.assertIsInstance(rows, list)
                by_year = self.korus_rows(rows)
                if economies:
                    self.assertEqual(sorted(by_year), [2010, 2011, 2012, 2013])
                    self.assertEqual(len(rows), 4)  # one undirected pair
                self.assertNotIn("KORUS", by_year[2011]["agreements"].split(";"))
                self.assertEqual(by_year[2011]["n_agreements"], 0)
                self.assertIn("KORUS", by_year[2012]["agreements"].split(";"))
                self.assertIn("KORUS", by_year[2013]["agreements"].split(";"))
                self.assertEqual(by_year[2011]["cross_border_data_flows"], 0)
                self.assertIn(by_year[2012]["cross_border_data_flows"], (1, 2, 3))
                self.assertIn("KORUS", by_year[2012]["by_17"].split(";"))
                self.assertEqual(by_year[2011]["by_17"], "")
            # EU-Korea from 2011 (a bloc expands to its member states)
            rows = cat.panel(years=(2010, 2011), economies=["DEU", "KOR"], categories=[1],
                             as_frame=False)
            self.assertEqual([("EU_KOR" in r["agreements"].split(";")) for r in rows],
                             [False, True])

    def test_options(self):
        with tr.Catalog.default() as cat:
            rows = cat.panel(years=2012, economies=["USA", "KOR", "BRA"], directed=True,
                             categories=["cross_border_data_flows", 1], measure="binary",
                             as_frame=False)
            self.assertEqual(len(rows), 6)  # 3 economies, both directions, one year
            self.assertEqual(list(rows[0])[6:], ["cross_border_data_flows", "by_17",
                                                 "ecom_general", "by_01"])
            pairs = {(r["iso3_i"], r["iso3_j"]): r for r in rows}
            self.assertEqual(pairs["USA", "KOR"]["agreements"], pairs["KOR", "USA"]["agreements"])
            self.assertEqual(pairs["USA", "KOR"]["cross_border_data_flows"], 1)
            for r in rows:
                self.assertIn(r["ecom_general"], (0, 1, None))
            counts = cat.panel(years=2012, economies=["USA", "KOR"], measure="count",
                               categories=[1], as_frame=False)
            self.assertEqual(counts[0]["ecom_general"], 1)
            with self.assertRaises(tr.InvalidArgumentError):
                cat.panel(measure="nope")
            with self.assertRaises(tr.InvalidArgumentError):
                cat.panel(categories=["no_such_category"])
            with self.assertRaises(tr.InvalidArgumentError):
                cat.panel(economies="USA")
            with self.assertRaises(tr.TradeRulesError):
                cat.panel(years=(2020, 2010))

    def test_same_as_the_csv_writer(self):
        with tr.Catalog.default() as cat, tempfile.TemporaryDirectory() as d:
            opts = dict(years=(2009, 2013), categories=[1, 17, "source_code"])
            rows = cat.panel(as_frame=False, **opts)
            path = os.path.join(d, "panel.csv")
            cat.write_panel(path, **opts)
            with open(path, newline="", encoding="utf-8") as f:
                got = list(csv.DictReader(f, strict=True))
            self.assertGreater(len(rows), 100)
            self.assertEqual(len(got), len(rows))
            self.assertEqual(list(got[0]), list(rows[0]))
            want = [{k: "" if v is None else str(v) for k, v in r.items()} for r in rows]
            self.assertEqual(got, want)

    def test_callback_exception_propagates(self):
        calls = []
        real = tr._c.tr_panel_row_year

        def failing(row):
            calls.append(row)
            if len(calls) == 3:
                raise RuntimeError("stop here")
            return real(row)

        tr._c.tr_panel_row_year = failing
        try:
            with tr.Catalog.default() as cat:
                with self.assertRaisesRegex(RuntimeError, "stop here"):
                    cat.panel(years=(2000, 2020), as_frame=False)
        finally:
            tr._c.tr_panel_row_year = real
        self.assertEqual(len(calls), 3)  # the run stopped at the failing row

    @unittest.skipUnless(has_pandas(), "pandas not installed")
    def test_dataframe(self):
        import pandas
        with tr.Catalog.default() as cat:
            df = cat.panel(years=(2010, 2013), economies=["USA", "KOR"])
            self.assertIsInstance(df, pandas.DataFrame)
            self.assertEqual(len(df), 4)
            self.assertEqual(str(df["cross_border_data_flows"].dtype), "Int64")
            korus = df[df["agreements"].str.split(";").apply(lambda a: "KORUS" in a)]
            self.assertEqual(sorted(korus["year"].tolist()), [2012, 2013])
            rows = cat.panel(years=(2010, 2013), economies=["USA", "KOR"], as_frame=False)
            self.assertEqual(df.astype(object).where(df.notna(), None).to_dict("records"), rows)
            # The DataFrame (read from the library's CSV writer) and the rows (one
            # callback per row) agree on a panel with missing cells and undated agreements.
            df = cat.panel(years=(2009, 2013))
            rows = cat.panel(years=(2009, 2013), as_frame=False)
            self.assertTrue(any(v is None for r in rows for v in r.values()))
            self.assertTrue(any(r["undated"] for r in rows))
            self.assertEqual(list(df.columns), list(rows[0]))
            for c in df.columns:
                self.assertIn(str(df[c].dtype), ("Int64", "object"), c)
            self.assertEqual(df.astype(object).where(df.notna(), None).to_dict("records"), rows)

    def test_fixture_catalog_and_membership_file(self):
        """The panel fixtures of the C tests (tests/fixtures/panel), read from files."""
        d = os.path.join(FIXTURES, "panel")
        with tr.Catalog().load(os.path.join(d, "catalog.json")) as cat, \
                tr.Membership(os.path.join(d, "membership.json"), default=False) as m:
            self.assertEqual(m.blocs, ["EU", "EFTA"])
            self.assertIsNone(m.is_member("EU", "XKX", "2015-01-01"))  # unknown stays unknown
            rows = cat.panel(years=(2011, 2021), membership=m, as_frame=False)
            got = {(r["iso3_i"], r["iso3_j"], r["year"]): r for r in rows}
            self.assertEqual(got["KOR", "USA", 2011]["agreements"], "")
            self.assertEqual(got["KOR", "USA", 2011]["undated"], "D_UNDATED")
            self.assertEqual(got["KOR", "USA", 2012]["agreements"], "C_KOR_USA")
            self.assertEqual(got["KOR", "USA", 2012]["customs_duties_e_transmissions"], 3)  # CSV name
            self.assertEqual(got["KOR", "USA", 2020]["agreements"], "")  # terminated in 2019
            self.assertEqual(got["HRV", "KOR", 2012]["agreements"], "")
            self.assertEqual(got["HRV", "KOR", 2013]["agreements"], "A_EU_KOR")
            self.assertEqual(got["GBR", "KOR", 2021]["agreements"], "")
            self.assertNotIn(("KOR", "XKX", 2015), got)
            self.assertNotIn(("AUT", "GBR", 2015), got)  # members of one side are not paired
            # the same file by path, on top of the embedded table: its blocs clash
            with self.assertRaises(tr.TradeRulesError) as cm:
                cat.panel(membership=os.path.join(d, "membership.json"), as_frame=False)
            self.assertIn("membership.json", str(cm.exception))

    def test_membership(self):
        with tr.Membership() as m:
            self.assertIn("EU", m.blocs)
            self.assertTrue(m.is_bloc("EU"))
            self.assertFalse(m.is_bloc("USA"))
            self.assertTrue(m.is_member("EU", "GBR", "2020-06-01"))
            self.assertFalse(m.is_member("EU", "GBR", "2021-06-01"))
            self.assertIn("HRV", m.members("EU", "2013-07-01"))
            self.assertNotIn("HRV", m.members("EU", "2013-06-30"))
            with self.assertRaises(tr.NotFoundError):
                m.members("NOPE", "2020-01-01")
            with self.assertRaises(TypeError):
                pickle.dumps(m)
            with tr.Catalog.default() as cat:
                rows = cat.panel(years=2012, economies=["USA", "KOR"], membership=m,
                                 as_frame=False)
                self.assertEqual(rows[0]["agreements"], "KORUS")
        with tr.Membership(default=False) as empty:
            self.assertEqual(empty.blocs, [])


class TestExample(unittest.TestCase):
    def test_to_pandas_example_runs(self):
        example = os.path.join(os.path.dirname(__file__), "..", "examples", "to_pandas.py")
        out = subprocess.run([sys.executable, example], capture_output=True, text=True,
                             env=dict(os.environ), check=True).stdout
        self.assertIn("rows", out)
        self.assertIn("columns", out)


if __name__ == "__main__":
    unittest.main()
