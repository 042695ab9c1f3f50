# SPDX-License-Identifier: MIT
"""Functions bound for issue 13 (binding coverage), each checked on the fixtures
under tests/fixtures or the embedded catalog. Where the command line shows the
same result, the test compares with it (tools/traderules, a client of the same
C API) rather than with numbers written here."""

import json
import math
import os
import subprocess
import tempfile
import unittest

import traderules as tr
from traderules import _ffi

SRC = os.environ.get("TR_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BUILD = os.environ.get("TR_BUILD_ROOT", os.path.join(SRC, "build"))
FIXTURES = os.path.join(SRC, "tests", "fixtures")
TOOL = os.path.join(BUILD, "tools", "traderules")


def fixture(*parts):
    return os.path.join(FIXTURES, *parts)


def read(*parts):
    with open(fixture(*parts), encoding="utf-8") as f:
        return f.read()


def run_tool(*args):
    """JSON output of the command, or None when the build has no command."""
    if not os.access(TOOL, os.X_OK):
        return None
    r = subprocess.run([TOOL, "--format", "json"] + list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, check=True, timeout=300)
    return json.loads(r.stdout.decode("utf-8"))


class Misc(unittest.TestCase):
    def test_error_cleared_after_raise(self):
        # the exception carries the library's message; the thread's error is then cleared
        with self.assertRaises(tr.ParseError) as cm:
            tr.Catalog().load_json('{"agreements": [', name="broken.json")
        self.assertIn("broken.json", str(cm.exception))
        self.assertEqual(_ffi.tr_error_code(), 0)
        self.assertEqual(_ffi.tr_error_message(), b"")

    def test_version_info_matches_version_string(self):
        self.assertEqual(".".join(map(str, tr.version_info())), tr.version())

    def test_exceptions_ids_and_titles(self):
        ex = tr.exceptions()
        self.assertEqual(len(ex), _ffi.tr_exception_count())
        self.assertEqual(ex[0][0], "lppo")
        self.assertTrue(all(title and title != eid for eid, title in ex))

    def test_strength_codes_and_csv_formats(self):
        self.assertEqual([tr.strength_code(s) for s in tr.strengths()], [None, 0, 1, 2, 3])
        with self.assertRaises(tr.InvalidArgumentError):
            tr.strength_code("strong")
        self.assertEqual(tr.csv_formats(), ["long", "wide"])

    def test_parse_years(self):
        self.assertEqual(tr.parse_years("2010-2015"), (2010, 2015))
        self.assertEqual(tr.parse_years("2016"), (2016, 2016))
        self.assertEqual(tr.parse_years("-2015"), (None, 2015))
        self.assertEqual(tr.parse_years("2010:"), (2010, None))
        with self.assertRaises(tr.InvalidArgumentError) as cm:
            tr.parse_years("2020-2010")
        self.assertIn("'2020-2010'", str(cm.exception))
        with self.assertRaises(tr.InvalidArgumentError):
            tr.parse_years("2010\x00-2015")

    def test_panel_measures(self):
        self.assertEqual(tr.panel_measures(), ["strength", "binary", "count"])
        with tr.Catalog().load(fixture("panel", "catalog.json")) as cat:
            with self.assertRaises(tr.InvalidArgumentError) as cm:
                cat.panel(years=2010, measure="mean",
                          membership=tr.Membership(fixture("panel", "membership.json"),
                                                   default=False))
            self.assertIn("strength, binary, count", str(cm.exception))
            rows = cat.panel(years=(2000, 2020), categories=["source_code"],
                             membership=tr.Membership(fixture("panel", "membership.json"),
                                                   default=False))
            self.assertTrue(len(rows) > 0)


class CatalogQueries(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cat = tr.Catalog.default()

    def test_years_filter_as_string_equals_tuple(self):
        a = [x.id for x in self.cat.select(party="KOR", years="2010-2015")]
        b = [x.id for x in self.cat.select(party="KOR", years=(2010, 2015))]
        self.assertEqual(a, b)
        self.assertTrue(a)
        self.assertTrue(all(2010 <= x.year <= 2015 for x in self.cat.select(years="2010-2015")))

    def test_has_party_and_matches_agree_with_select(self):
        selected = {a.id for a in self.cat.select(party="KOR", years="2010-2015")}
        for a in self.cat:
            self.assertEqual(a.matches(party="KOR", years="2010-2015"), a.id in selected, a.id)
            self.assertEqual(a.has_party("KOR"), "KOR" in a.parties, a.id)
        self.assertFalse(self.cat["TPP"].matches(family="european"))

    def test_barrier_lookup(self):
        by_id = {b["id"]: b for b in self.cat.barriers()}
        self.assertTrue(by_id)
        for bid, b in by_id.items():
            self.assertEqual(self.cat.barrier(bid), b)
        self.assertIsNone(self.cat.barrier("NO_SUCH"))

    def test_add_barrier_and_indicator(self):
        cat = tr.Catalog()
        cat.add_barrier("X1", "data_localisation", "Test barrier", description="d",
                        source="s", categories=["source_code", "cross_border_data_flows"])
        self.assertEqual(cat.barrier("X1"), {
            "id": "X1", "type": "data_localisation", "type_title": "Data localisation",
            "name": "Test barrier", "description": "d", "source": "s",
            "categories": ["source_code", "cross_border_data_flows"]})
        with self.assertRaises(tr.DuplicateError):
            cat.add_barrier("X1", "data_localisation", "Again")
        with self.assertRaises(tr.InvalidArgumentError):
            cat.add_barrier("X2", "no_such_type", "Bad")
        with self.assertRaises(tr.DuplicateError):  # the same category twice
            cat.add_barrier("X3", "data_localisation", "Bad", categories=["source_code"] * 2)
        self.assertEqual([b["id"] for b in cat.barriers()], ["X1"])
        cat.add_indicator("KOR", "ict_exports", 2020, 12.5, unit="USD billion", source="test")
        cat.add_indicator("KOR", "regime", text="open")
        rows = cat.indicators()
        self.assertEqual(rows[0], {"economy": "KOR", "indicator": "ict_exports", "year": 2020,
                                   "value": 12.5, "unit": "USD billion", "source": "test",
                                   "text": None})
        self.assertEqual(rows[1]["text"], "open")
        self.assertTrue(math.isnan(rows[1]["value"]))
        with self.assertRaises(tr.InvalidArgumentError):
            cat.add_indicator("KOR", "bad", 2020, float("inf"))
        self.assertEqual(len(cat.indicators()), 2)
        # they survive a round trip through the catalog's JSON
        again = tr.Catalog().load_json(cat.to_json())
        self.assertEqual(again.barriers(), cat.barriers())
        self.assertEqual(again.indicators()[0], rows[0])

    def test_to_stata_selects(self):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "kor.dta")
            self.cat.to_stata(p, party="KOR")
            with open(p, "rb") as f:
                data = f.read()
            self.assertTrue(data.startswith(b"<stata_dta>"))
            self.assertIn(b"KORUS", data)
            self.assertNotIn(b"EU_JPN", data)
            with self.assertRaises(tr.InvalidArgumentError):
                self.cat.to_stata(p, format="tall")


class Audits(unittest.TestCase):
    """tests/fixtures/audit: the counts documented by tests/audit/test-audit.c."""

    @classmethod
    def setUpClass(cls):
        cls.cat = tr.Catalog().load(fixture("audit", "catalog.json"))
        cls.corpus = tr.Corpus().load(fixture("audit", "tota"))

    def test_counts_and_findings(self):
        with tr.audit(self.cat, self.corpus) as a:
            self.assertTrue(a.has_corpus)
            self.assertEqual(a.agreements, ["AUD_A", "AUD_B", "AUD_C"])
            self.assertIn("official_no_words", a.measures.values())
            rows = {r["agreement"]: r for r in a.counts()}
            self.assertEqual((rows["AUD_A"]["cells"], rows["AUD_A"]["not_coded"],
                              rows["AUD_A"]["spans"], rows["AUD_A"]["spans_not_found"]),
                             (7, 28, 5, 1))
            self.assertEqual(rows["AUD_C"]["official_no_words"], 1)
            overall = a.overall()
            self.assertEqual(overall["cells"], 12)
            for m in a.measures.values():
                if m != "inconsistent":  # overall: the number of findings, not a sum
                    self.assertEqual(overall[m], sum(r[m] for r in rows.values()), m)
            f = a.findings()
            kinds = [x["kind"] for x in f]
            self.assertEqual(kinds.count("inconsistent"), 1)
            inc = f[kinds.index("inconsistent")]
            self.assertEqual((inc["agreement"], inc["other"], inc["category"]),
                             ("AUD_A", "AUD_B", "online_consumer_protection"))
            self.assertGreaterEqual(inc["similarity"], 0.8)
            nf = f[kinds.index("span_not_found")]
            self.assertEqual(nf["category"], "paperless_trading")
            self.assertIn("span not in the text", nf["detail"])

    def test_without_corpus(self):
        a = tr.Audit(self.cat)
        self.assertFalse(a.has_corpus)
        self.assertEqual(a.overall()["spans_not_found"], 0)
        self.assertNotIn("inconsistent", [x["kind"] for x in a.findings()])
        a.close()
        with self.assertRaises(tr.InvalidArgumentError):
            a.counts()

    def test_same_as_command(self):
        out = run_tool("--no-default", "--catalog", fixture("audit", "catalog.json"), "audit",
                       "--corpus", fixture("audit", "tota"))
        if out is None:
            self.skipTest("no traderules command in this build")
        a = tr.audit(self.cat, self.corpus)
        expect = a.counts() + [dict(agreement="(overall)", **a.overall())]
        self.assertEqual(len(out), len(expect))
        for got, want in zip(out, expect):  # the command adds share_* columns
            self.assertEqual({k: got[k] for k in want}, want)


class Coding(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.coder = tr.Coder()
        cls.text = read("coder", "source-code.txt")

    def test_categories_find_and_evidence(self):
        c = self.coder.code(self.text)
        cats = c.categories()
        self.assertEqual(cats, {a["category"]: a["strength"] for a in c.assignments})
        self.assertEqual(cats.get("source_code"), "hard")
        sc = c.find("source_code")
        self.assertEqual(sc["strength"], "hard")
        self.assertIsNone(c.find("paperless_trading"))
        self.assertGreaterEqual(sc["hard_paragraphs"], 1)
        raw = self.text.encode("utf-8")
        for e in sc["evidence"]:
            if e["field"] == "text":  # the span is where offset/length say
                self.assertEqual(raw[e["offset"]:e["offset"] + e["length"]].decode(), e["text"])
            if e["kind"] == "strength":
                self.assertEqual(e["strength"], "hard")
                self.assertIn(e["text"], e["sentence"])
                so = e["sentence_offset"]
                self.assertEqual(raw[so:so + e["sentence_length"]].decode(), e["sentence"])
            if e["kind"] == "category":
                self.assertIsNone(e["sentence"])
                self.assertIsNone(e["strength"])
        self.assertIsNone(c.number)
        self.assertEqual(c.exceptions, [])

    def test_paragraphs(self):
        c = self.coder.code(self.text)
        ps = c.paragraphs
        self.assertGreaterEqual(len(ps), 2)
        self.assertTrue(ps[0]["text"].startswith("1. No Party shall"))
        self.assertEqual(ps[0]["strength"], "hard")
        # every evidence paragraph index points at a paragraph holding the span
        for a in c.assignments:
            for e in a["evidence"]:
                if e["field"] == "text":
                    p = ps[e["paragraph"]]
                    self.assertTrue(p["offset"] <= e["offset"] < p["offset"] + p["length"])

    def test_exception_evidence(self):
        c = self.coder.code("Each Party shall allow the cross-border transfer of information "
                            "by electronic means. Nothing in this Article shall prevent a "
                            "Party from adopting measures to achieve a legitimate public "
                            "policy objective.")
        self.assertIn("lppo", c.exceptions)
        ex = [e for a in c.assignments for e in a["evidence"] if e["kind"] == "exception"]
        self.assertTrue(ex)
        self.assertEqual(ex[0]["exception"], "lppo")

    def test_coder_from_json(self):
        c = tr.Coder.from_json(read("coder", "minimal-rules.json"), name="mini.json")
        self.assertEqual((c.name, c.rule_count), ("minimal", 1))
        self.assertEqual(c.pattern_count, 3)  # "shall endeavour", "shall", "source code"
        self.assertGreater(self.coder.pattern_count, c.pattern_count)
        self.assertEqual(c.code(self.text).categories(), {"source_code": "hard"})
        with self.assertRaises(tr.TradeRulesError) as cm:
            tr.Coder.from_json(read("coder", "bad-syntax.json"), name="bad-syntax.json")
        self.assertIn("bad-syntax.json", str(cm.exception))
        self.assertGreater(cm.exception.line, 0)

    def test_agreement_coding(self):
        acc = self.coder.agreement_coding("X", "Test", tota_id=0)
        acc.add_article(self.text, number="Art. 1", title="Source Code")
        acc.add_article("The Parties shall endeavour to cooperate on paperless trading.",
                        number="Art. 2")
        self.assertEqual(len(acc), 2)
        arts = acc.articles
        self.assertEqual([a.number for a in arts], ["Art. 1", "Art. 2"])
        self.assertEqual(arts[0].categories()["source_code"], "hard")
        ag = acc.to_agreement()
        self.assertEqual(ag.provision("source_code").strength, "hard")
        arts[0].close()  # a borrowed coding: closing it frees nothing
        self.assertEqual(acc.articles[0].number, "Art. 1")
        acc.close()
        with self.assertRaises(tr.InvalidArgumentError):  # not a dangling pointer
            arts[1].categories()

    def test_corpus_agreement(self):
        corpus = tr.Corpus().load(fixture("audit", "tota"))
        acc = self.coder.code_corpus_agreement(corpus, 9101)
        n = len(corpus.articles(9101))
        self.assertEqual(len(acc), n)
        self.assertEqual([a.number for a in acc.articles],
                         [x["number"] for x in corpus.articles(9101)])
        ag = acc.to_agreement()
        self.assertEqual((ag.id, ag.tota_id), ("pta_9101", 9101))
        acc2 = self.coder.agreement_coding("pta_9101", "again", 9101)
        acc2.add_corpus(corpus, "9101")
        self.assertEqual([a.categories() for a in acc2.articles],
                         [a.categories() for a in acc.articles])
        with self.assertRaises(tr.NotFoundError):
            self.coder.code_corpus_agreement(corpus, 4242)


class Comparisons(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cat = tr.Catalog.default()

    def test_relations_and_avenues(self):
        rel = tr.relations()
        self.assertEqual(rel[0], ("both_unknown", "both unknown"))
        self.assertEqual(len(rel), 9)
        self.assertEqual(tr.wto_avenue("cross_border_data_flows")["id"], "data_flow_mechanism")
        self.assertEqual(tr.wto_avenue("paperless_trading")["id"], "none")
        self.assertEqual(tr.seed_paper_year(), 2016)

    def test_templates(self):
        am = tr.Template.builtin(self.cat, "american")
        want = tr.template(self.cat, "american")
        del want["positions"]
        self.assertEqual(am.info(), want)
        eu16 = tr.Template.builtin(self.cat, "european", until=2016)
        self.assertEqual(eu16.name, "european@2016")
        self.assertEqual(eu16.members, tr.Template.resolve(self.cat, "european@2016").members)
        self.assertTrue(all(y <= 2016 for _, y in eu16.members))
        mine = tr.Template.from_ids(self.cat, "mine", ["TPP", "USMCA"], rule="strongest")
        self.assertEqual(mine.info()["rule"], "strongest")
        self.assertEqual([m for m, _ in mine.members], ["TPP", "USMCA"])
        pos = mine.positions()
        self.assertEqual({k: {kk: vv for kk, vv in v.items() if kk != "scope"}
                          for k, v in pos.items()},
                         tr.template(self.cat, "ids=TPP,USMCA+rule=strongest")["positions"])
        kor = tr.Template.from_filter(self.cat, "kor", party="KOR", years="2010-2020")
        self.assertEqual([m for m, _ in kor.members],
                         [a.id for a in self.cat.select(party="KOR", years=(2010, 2020))])
        with self.assertRaises(tr.NotFoundError) as cm:
            tr.Template.from_ids(self.cat, "x", ["TPP", "NOPE"])
        self.assertIn("NOPE", str(cm.exception))
        with self.assertRaises(tr.InvalidArgumentError):
            tr.Template.from_ids(self.cat, "x", ["TPP"], rule="median")
        with self.assertRaises(tr.EmptyError):
            tr.Template.from_filter(self.cat, "none", party="ZZZ")
        with self.assertRaises(tr.NotFoundError):
            tr.Template.builtin(self.cat, "asian")

    def test_comparison_relations_and_carveouts(self):
        am, eu = tr.Template.builtin(self.cat, "american"), tr.Template.builtin(self.cat, "european")
        with tr.compare(self.cat, am, eu) as c:
            rel = c.relations()
            counts = c.relation_counts()
            self.assertEqual(sum(counts.values()), len(rel))
            for rid, n in counts.items():
                self.assertEqual(n, list(rel.values()).count(rid), rid)
            for cat_id, rid in rel.items():
                self.assertEqual(c.relation(cat_id), rid)
            co = c.carveouts()
            self.assertTrue(co)
            for cat_id, d in co.items():
                self.assertTrue(d["aspects"])
                self.assertTrue(d["description"].startswith(", ".join(d["aspects"])))
                # computed only where both sides hold a provision
                self.assertIn(rel[cat_id], ("same", "different_carveouts", "first_stronger",
                                            "second_stronger"))
        # the templates given by the caller stay usable after the comparison is closed
        self.assertEqual(am.name, "american")
        c = tr.compare(self.cat, am, eu)
        eu.close()
        with self.assertRaises(tr.InvalidArgumentError):  # it borrowed from eu
            c.relations()
        c.close()
        cat = tr.Catalog.default()
        t = tr.Template.builtin(cat, "american")
        cat.close()
        with self.assertRaises(tr.InvalidArgumentError):
            t.members

    def test_compare_agreements(self):
        a, b = self.cat["TPP"], self.cat["USMCA"]
        with tr.compare_agreements(a, b) as c1, tr.compare(self.cat, "TPP", "USMCA") as c2:
            self.assertEqual(c1.relations(), c2.relations())
            self.assertEqual(c1.distance, c2.distance)
            self.assertEqual(c1.first["name"], "TPP")

    def test_classify_comparable_and_members(self):
        rows = tr.classify(self.cat, party="USA")
        ids, _m, counts = tr.distance_matrix(self.cat, comparable=True, party="USA")
        am = dict(tr.template(self.cat, "american")["members"])
        for r in rows:
            self.assertEqual(r["member_american"], r["agreement"] in am)
            self.assertGreaterEqual(r["comparable_american"], 0)
            self.assertLessEqual(r["comparable_american"], _ffi.tr_category_count())
        for i in range(len(ids)):
            for j in range(len(ids)):
                self.assertEqual(counts[i][j], counts[j][i])
                self.assertLessEqual(counts[i][j], min(counts[i][i], counts[j][j]))

    def test_common_ground_details(self):
        cg = tr.common_ground(self.cat)
        self.assertEqual(cg.parties, ["american", "european"])
        self.assertEqual(sum(cg.counts.values()), _ffi.tr_category_count())
        for g, n in cg.counts.items():
            self.assertEqual(n, [v["ground"] for v in cg.values()].count(g), g)
        for v in cg.values():
            self.assertEqual(v["carveouts_differ"], "exceptions" in v["carveout_aspects"])
            if v["carveout_aspects"]:
                self.assertTrue(v["carveouts"])

    def test_coverage_details_and_profiles(self):
        cv = tr.coverage(self.cat, "american")
        self.assertEqual(cv.subject, "american")
        self.assertEqual(sum(cv.levels.values()), len(cv))
        for lv, n in cv.levels.items():
            self.assertEqual(n, [r["level"] for r in cv].count(lv))
        prof = tr.barrier_profile(self.cat, fixture("compare", "profile-example.json"))
        self.assertEqual(prof["name"], "Example economy")
        self.assertEqual([b["id"] for b in prof["barriers"]], ["B1a", "B2b", "X-VPN"])
        self.assertEqual(prof["barriers"][0]["note"], "servers must be located in the territory")
        self.assertEqual(prof["barriers"][2]["categories"], ["cross_border_data_flows",
                                                             "ict_cryptography"])
        from_data = tr.barrier_profile(self.cat,
                                       profile_data=read("compare", "profile-example.json"))
        self.assertEqual(from_data["barriers"], prof["barriers"])
        by_file = tr.coverage(self.cat, "american", profile=fixture("compare",
                                                                     "profile-example.json"))
        by_data = tr.coverage(self.cat, "american",
                              profile_data=read("compare", "profile-example.json"))
        self.assertEqual(list(by_file), list(by_data))
        chosen = tr.coverage(self.cat, "american", barriers={"B1a": "why"})
        self.assertEqual([(r["barrier"], r["note"]) for r in chosen], [("B1a", "why")])
        self.assertEqual(chosen[0], dict(cv[[r["barrier"] for r in cv].index("B1a")],
                                         note="why"))
        with self.assertRaises(tr.NotFoundError):
            tr.coverage(self.cat, "american", barriers=["NOPE"])
        with self.assertRaises(tr.ParseError) as cm:
            tr.barrier_profile(self.cat, profile_data='{"format": ')
        self.assertIn("<memory>", str(cm.exception))


class Corpora(unittest.TestCase):
    def test_progress_chapters_and_phases(self):
        calls = []
        co = tr.Corpus(progress=lambda st, d, t: calls.append((st, d, t)))
        co.load(fixture("corpus", "good"))
        self.assertTrue(calls)
        self.assertTrue(all(d <= t for _s, d, t in calls))
        self.assertEqual(calls[-1][1], calls[-1][2])
        ch = co.chapters()
        self.assertEqual(sum(c["articles"] for c in ch), len(co.articles()))
        arts = co.articles()
        for c in ch:
            for i in range(c["first_article"], c["first_article"] + c["articles"]):
                self.assertEqual(arts[i]["tota_id"], c["tota_id"])
                self.assertEqual(arts[i]["chapter_name"], c["name"])
        co.similarity_matrix()
        ph = co.phase_times()
        self.assertEqual(list(ph), ["ingest", "tokenize", "intern", "sets", "join"])
        self.assertTrue(all(v["wall"] >= 0 and v["cpu"] >= 0 for v in ph.values()))
        self.assertGreater(sum(v["wall"] for v in ph.values()), 0)

    def test_progress_exception_is_raised(self):
        def boom(*_a):
            raise KeyError("stop")
        co = tr.Corpus(progress=boom)
        with self.assertRaises(KeyError):
            co.load(fixture("corpus", "good"))
        # while an index is built or a job runs: raised by that call, not later
        stages = []

        def later(stage, _d, _t):
            stages.append(stage)
            if len(stages) == 4:  # the first call after the load
                raise KeyError(stage)
        co = tr.Corpus(progress=later).load(fixture("corpus", "good"))
        self.assertEqual(len(stages), 3)
        with self.assertRaises(KeyError):
            co.similarity_matrix("article")
        labels, m = co.similarity_matrix("article")  # the next call is not affected
        self.assertEqual(len(labels), len(co.articles()))
        self.assertGreater(len(stages), 4)

    def test_skip_errors(self):
        co = tr.Corpus().load(fixture("corpus", "mixed"), skip_errors=True)
        self.assertEqual(len(co.load_errors), 2)
        self.assertEqual(len(co), 2)
        statuses = sorted(e.status for e in co.load_errors)
        self.assertEqual(statuses, ["encoding", "parse"])
        for e in co.load_errors:
            self.assertTrue(e.file.endswith(".xml"))
            self.assertGreater(e.line, 0)
            self.assertIn(os.path.basename(e.file), str(e))
        with self.assertRaises(tr.TradeRulesError):
            tr.Corpus().load(fixture("corpus", "mixed"))

    def test_units_shingles_and_jaccard(self):
        co = tr.Corpus().load(fixture("corpus", "good"))
        labels, m = co.similarity_matrix("article")
        j = co.jaccard(1, 4)
        self.assertAlmostEqual(j["jaccard"], m[1][4])
        self.assertAlmostEqual(j["jaccard"], j["intersection"] / j["union"])
        s1, s4 = co.unit_shingles(1), co.unit_shingles(4)
        self.assertEqual(len(s1), co.unit_size(1))
        self.assertEqual(s1.intersection(s4), j["intersection"])
        self.assertEqual(len(s1 | s4), j["union"])
        self.assertAlmostEqual(s1.jaccard(s4), j["jaccard"])
        self.assertTrue(all(x in s1 for x in s1))
        # the vocabulary is the union of every article's shingles
        union = co.unit_shingles(0)
        for i in range(1, len(labels)):
            union = union | co.unit_shingles(i)
        self.assertEqual(len(union), co.vocabulary())
        mixed = co.jaccard(0, 0, unit="agreement", unit_b="article")
        self.assertEqual(mixed["intersection"], co.unit_size(0))
        with self.assertRaises(tr.InvalidArgumentError):
            co.unit_size(len(labels))
        with self.assertRaises(tr.InvalidArgumentError):
            co.jaccard(0, 10 ** 6)

    def test_overlaps_equal_pairs(self):
        co = tr.Corpus().load(fixture("corpus", "good"))
        ov = co.overlaps(0.1)
        pairs = co.pairs(0.1, across_agreements=False)
        self.assertEqual(len(ov), len(pairs))
        labels = [co._article_label(i) for i in range(len(co.articles()))]
        self.assertEqual([(labels[o["first"]], labels[o["second"]], o["intersection"], o["union"])
                          for o in ov],
                         [(p["first"], p["second"], p["intersection"], p["union"])
                          for p in pairs])
        opts = tr.AnalysisOptions(threads=1)
        self.assertEqual(co.overlaps(0.1, options=opts), ov)
        opts.cancel()
        with self.assertRaises(tr.CancelledError):
            co.overlaps(0.1, options=opts)

    def test_shingle_sets_and_tokens(self):
        a, b = tr.ShingleSet("a b c d e f", n=2), tr.ShingleSet("c d e f g h", n=2)
        self.assertEqual(list(a), ["a b", "b c", "c d", "d e", "e f"])
        self.assertIn("c d", a)
        self.assertNotIn("a c", a)
        self.assertEqual(len(a | b), 7)
        self.assertEqual(a.intersection(b), 3)
        self.assertAlmostEqual(a.jaccard(b), tr.text_jaccard("a b c d e f", "c d e f g h", n=2))
        self.assertEqual(tr.tokenize("Hello, World! Ça va?"), ["hello", "world", "ça", "va"])
        self.assertEqual(tr.tokenize("x", "char"), ["x"])
        with self.assertRaises(tr.EncodingError):
            tr.tokenize(b"ab\xffcd")
        self.assertRegex(tr.corpus_unicode_version(), r"^\d+\.\d+\.\d+$")


class OptionsCopy(unittest.TestCase):
    def test_copy_keeps_settings_and_callbacks(self):
        seen = []
        o = tr.AnalysisOptions(threads=2, ids=["TPP", "USMCA", "EU_JPN"],
                               progress=lambda d, t: seen.append(d))
        c = o.copy()
        self.assertEqual((c.threads, c.ids), (2, ["TPP", "USMCA", "EU_JPN"]))
        o.close()  # the copy is independent
        cat = tr.Catalog.default()
        ids, _m = tr.distance_matrix(cat, options=c)
        self.assertEqual(ids, [a.id for a in cat if a.id in ("TPP", "USMCA", "EU_JPN")])
        self.assertTrue(seen)
        c.cancel()
        d = c.copy()  # a copy is never cancelled (analysis.h)
        self.assertFalse(d.cancelled)
        self.assertTrue(c.cancelled)
        n = len(seen)
        tr.distance_matrix(cat, options=d)  # runs, with the copied progress callback
        self.assertGreater(len(seen), n)
        with self.assertRaises(tr.CancelledError):
            tr.distance_matrix(cat, options=c)


class Charts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not tr.plot_available():
            raise unittest.SkipTest("built without charts")
        cls.cat = tr.Catalog.default()

    def test_options_and_comparison_chart(self):
        with tempfile.TemporaryDirectory() as d:
            o = tr.PlotOptions(size=(400, 0), title="My own title")
            tr.plot_heatmap(self.cat.select(party="KOR"), os.path.join(d, "h.svg"), options=o)
            with open(os.path.join(d, "h.svg"), encoding="utf-8") as f:
                svg = f.read()
            self.assertIn("My own title", svg)
            self.assertRegex(svg, r'width="400(pt)?"')
            self.assertEqual(o.missing_glyphs, 0)
            with tr.compare(self.cat, "american", "european") as c:
                tr.plot_comparison(c, os.path.join(d, "c.svg"))
            with open(os.path.join(d, "c.svg"), encoding="utf-8") as f:
                self.assertIn("american", f.read())
            tr.plot_timeline(self.cat.select(party="KOR"), os.path.join(d, "t.svg"),
                             options=tr.PlotOptions())
            with open(os.path.join(d, "t.svg"), encoding="utf-8") as f:
                self.assertIn("KORUS", f.read())  # markers labelled with ids
            ids, m, counts = tr.distance_matrix(self.cat, comparable=True, party="KOR")
            sim = [[1 - x for x in row] for row in m]
            tr.plot_matrix(ids, sim, os.path.join(d, "m.svg"), overlap=counts.tolist()
                           if hasattr(counts, "tolist") else counts, min_overlap=20)
            self.assertGreater(os.path.getsize(os.path.join(d, "m.svg")), 1000)
            with self.assertRaises(tr.InvalidArgumentError):
                tr.PlotOptions(dpi=10)
            with self.assertRaises(tr.InvalidArgumentError):
                tr.plot_matrix(ids, sim, os.path.join(d, "m2.svg"), overlap=[[1]])
            self.assertFalse(os.path.exists(os.path.join(d, "m2.svg")))


class IndexOptions(unittest.TestCase):
    def test_build_index_with_options(self):
        co = tr.Corpus().load(fixture("corpus", "good"))
        before = co.similarity_matrix("article")
        seen = []
        opts = tr.AnalysisOptions(threads=2, progress=lambda d, t: seen.append((d, t)))
        co.build_index(options=opts)
        self.assertTrue(seen)
        self.assertEqual(seen[-1][0], seen[-1][1])
        after = co.similarity_matrix("article")
        self.assertEqual(after[0], before[0])
        self.assertEqual([list(r) for r in after[1]], [list(r) for r in before[1]])
        opts.cancel()
        with self.assertRaises(tr.CancelledError):
            co.build_index(kind="char", options=opts)
        self.assertEqual(co.vocabulary(), tr.Corpus().load(fixture("corpus", "good")).vocabulary())
        with self.assertRaises(tr.InvalidArgumentError):
            co.build_index(options=tr.AnalysisOptions(ids=["X"]))


class CommandDecisions(unittest.TestCase):
    """Functions that moved from the command into the library (cli13)."""

    def test_classes_and_class_column(self):
        self.assertEqual([c for c, _t in tr.classes()],
                         ["unclassified", "classified", "in_between", "too_few_categories"])
        cat = tr.Catalog.default()
        rows = tr.classify(cat, min_categories=20)
        for r in rows:
            near = r["nearest"]
            if near is None:
                want = "unclassified"
            elif r["comparable_" + near] < 20:
                want = "too_few_categories"
            elif r["in_between"]:
                want = "in_between"
            else:
                want = "classified"
            self.assertEqual(r["class"], want, r["agreement"])
        self.assertGreater(len({r["class"] for r in rows}), 1)
        only = tr.classify(cat, min_categories=20, only=["classified"])
        self.assertEqual(only, [r for r in rows if r["class"] == "classified"])
        with self.assertRaises(tr.InvalidArgumentError):
            tr.classify(cat, only=["sorted"])
        out = run_tool("classify")
        if out is not None:  # the command's default threshold is the binding's
            mine = {r["agreement"]: r["class"] for r in tr.classify(cat)}
            titles = dict(tr.classes())
            self.assertEqual(len(out), len(mine))
            for r in out:
                self.assertIn(r["class"], (mine[r["agreement"]], titles[mine[r["agreement"]]]))

    def test_panel_economies(self):
        with tr.Catalog().load(fixture("panel", "catalog.json")) as cat, \
                tr.Membership(fixture("panel", "membership.json"), default=False) as m:
            eco = cat.panel_economies((2015, 2016), membership=m)
            self.assertEqual(eco, sorted(eco))
            self.assertNotIn("EU", eco)
            self.assertNotIn("EFTA", eco)
            for code in ("KOR", "USA", "COL", "AUT", "GBR", "HRV", "ISL", "NOR", "LIE"):
                self.assertIn(code, eco)
            self.assertNotIn("FIN", eco)  # an EFTA member only until 1994
            self.assertIn("FIN", cat.panel_economies((1990, 1990), membership=m))
            self.assertNotIn("GBR", cat.panel_economies(2022, membership=m))
            with self.assertRaises(tr.InvalidArgumentError):
                cat.panel_economies((2016, 2015), membership=m)

    def test_corpus_select(self):
        co = tr.Corpus().load(fixture("corpus", "good"))
        ags = co.agreements()
        self.assertEqual(co.select(), list(range(len(ags))))
        for party in {p for a in ags for p in a["parties"]}:
            self.assertEqual(co.select(party=party.lower()),
                             [i for i, a in enumerate(ags) if party in a["parties"]])
        y = int(ags[0]["date_signed"][:4])
        self.assertEqual(co.select(years=(y, y)),
                         [i for i, a in enumerate(ags)
                          if a["date_signed"] and int(a["date_signed"][:4]) == y])
        self.assertEqual(co.select(years="%d-%d" % (y, y)), co.select(years=(y, y)))
        with self.assertRaises(tr.InvalidArgumentError):
            co.select(party="")


class CommandDecisions2(unittest.TestCase):
    def test_differences(self):
        cat = tr.Catalog.default()
        with tr.compare(cat, "TPP", "EU_JPN") as c:
            rel = c.relations()
            self.assertEqual(c.differences(), {k: r for k, r in rel.items()
                                               if r not in ("same", "both_unknown")})
            self.assertTrue(c.differences())

    def test_coverage_decided_by_and_binding(self):
        cat = tr.Catalog.default()
        strengths = {k: v["strength"] for k, v in tr.template(cat, "TPP")["positions"].items()}
        for r in tr.coverage(cat, "TPP"):
            cats = [c for c, _s in r["provisions"]]
            self.assertTrue(set(r["decided_by"]) <= set(cats))
            if r["level"] == "hard":
                self.assertEqual(r["decided_by"], [c for c in cats
                                                   if strengths[c] in ("hard", "mixed")])
            if r["level"] == "soft":
                self.assertEqual(r["decided_by"], cats)
            if r["level"] in ("none", "unknown"):
                self.assertEqual(r["decided_by"], [])
            b = cat.barrier(r["barrier"])
            self.assertEqual(r["binding"], sum(1 for c in b["categories"]
                                               if strengths[c] in ("hard", "mixed")))


if __name__ == "__main__":
    unittest.main()
