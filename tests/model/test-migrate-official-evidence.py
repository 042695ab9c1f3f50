#!/usr/bin/python3
"""scripts/migrate-official-evidence on a fixture: quotes with a URL and an article
become evidence records, verbatim; a description, a quote without URL and a cell
without quote are left as they were; a second run changes nothing; the result
loads through the strict loader (traderules show --evidence).
Usage: test-migrate-official-evidence.py SOURCE_ROOT TRADERULES"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

src, tr = sys.argv[1], sys.argv[2]
script = os.path.join(src, "scripts", "migrate-official-evidence")
fixture = os.path.join(src, "tests", "fixtures", "migrate", "GATS.json")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "GATS.json")
    shutil.copy(fixture, path)
    before = json.load(open(path, encoding="utf-8"))
    dry = subprocess.run([sys.executable, script, path], capture_output=True, text=True)
    check(dry.returncode == 0, "dry run exit %d: %s" % (dry.returncode, dry.stderr))
    check(open(path, encoding="utf-8").read() == open(fixture, encoding="utf-8").read(),
          "dry run wrote the file")
    check("3 cell(s) migrated, 4 evidence record(s); 2 official cell(s) with a quotation left" in dry.stdout,
          "dry-run summary: " + dry.stdout[-300:])
    run = subprocess.run([sys.executable, script, "--write", path], capture_output=True, text=True)
    check(run.returncode == 0, "write exit %d" % run.returncode)
    after = json.load(open(path, encoding="utf-8"))
    p = {x["category"]: x for x in after["agreements"][0]["provisions"]}
    b = {x["category"]: x for x in before["agreements"][0]["provisions"]}

    ev = p["privacy_data_protection_carveout"]["evidence"]
    check(ev == [{"document": "GATS (WTO Agreement Annex 1B)", "url": "https://example.org/gats-xiv.html",
                  "article": "XIV", "paragraph": "(c)(ii)",
                  "span": "(c) necessary to secure compliance with laws or regulations ... relating to: ... "
                          "(ii) the protection of the privacy of individuals"}], "XIV(c)(ii): %r" % ev)
    check(p["privacy_data_protection_carveout"]["source"] == "GATS Art. XIV(c)(ii), read in the copy of the WTO text",
          "XIV source: %r" % p["privacy_data_protection_carveout"]["source"])
    # German text; the parenthesis keeps its remark; evidence before exception_scope
    sec = p["security_exception"]
    check(sec["evidence"][0]["document"] == "GATS (WTO Agreement Annex 1B), German text", "German document")
    check(sec["evidence"][0]["article"] == "XIV bis" and sec["evidence"][0]["paragraph"] == "1(b)",
          "XIV bis:1(b): %r" % sec["evidence"])
    check(sec["source"] == "GATS Art. XIV bis:1(b), read in the German text (no English copy found)",
          "XIV bis source: %r" % sec["source"])
    check(list(sec).index("evidence") < list(sec).index("exception_scope"), "member order")
    # two documents in one cell
    tel = p["telecom_services"]["evidence"]
    check([(e["article"], e.get("paragraph"), e["url"]) for e in tel] ==
          [("Annex on Telecommunications", "5(a)", "https://example.org/annex.htm"),
           ("s. 2.2", None, "https://example.org/refpaper.htm")], "telecom: %r" % tel)
    check(tel[1]["document"].startswith("Reference Paper"), "Reference Paper document")
    # left as they were: a description, a quote without URL, a none cell without quote
    for cat in ("dispute_settlement_coverage", "computer_related_services", "ecom_general"):
        check(p[cat] == b[cat], "%s changed" % cat)
    # every span occurs verbatim in the old source (nothing invented)
    for cat, cell in p.items():
        for e in cell.get("evidence", []):
            check(e["span"] in b[cat]["source"], "%s: span not in the old source" % cat)
            check(e["url"] in b[cat]["source"], "%s: url not in the old source" % cat)
    again = subprocess.run([sys.executable, script, "--write", path], capture_output=True, text=True)
    check("0 cell(s) migrated" in again.stdout, "second run: " + again.stdout[-200:])
    shown = subprocess.run([tr, "--no-default", "--catalog", path, "show", "GATS", "--evidence",
                            "--format", "csv"], capture_output=True, text=True)
    check(shown.returncode == 0, "the migrated file does not load: " + shown.stderr)
    check("https://example.org/refpaper.htm" in shown.stdout, "show --evidence lacks the url")

print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
