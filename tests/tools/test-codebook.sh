#!/bin/sh
# docs/codebook.md documents every variable of every export and every id of the
# value sets: the headers come from the command itself, the ids from the public
# headers' documentation ("id": meaning) and from 'traderules categories'.
# Usage: test-codebook.sh TRADERULES SOURCE_ROOT
set -u
TR=$1
SRC=$2
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ok=1
"$TR" export >"$TMP/long.csv" && "$TR" export --wide >"$TMP/wide.csv" &&
  "$TR" compare american european --format csv >"$TMP/compare.csv" &&
  "$TR" compare american european --summary --format csv >"$TMP/summary.csv" &&
  "$TR" panel --years 2019-2020 >"$TMP/panel.csv" &&
  "$TR" classify --format csv >"$TMP/classify.csv" &&
  "$TR" timeline --format csv >"$TMP/timeline.csv" &&
  "$TR" coverage american --format csv >"$TMP/coverage.csv" &&
  "$TR" common-ground american european --format csv >"$TMP/common-ground.csv" &&
  "$TR" categories --format csv >"$TMP/categories.csv" || ok=0
[ $ok -eq 1 ] || { echo "FAIL: an export failed"; exit 1; }
exec "$PY" - "$TMP" "$SRC" <<'PYEOF'
import csv, re, sys
tmp, src = sys.argv[1], sys.argv[2]
book = open(src + "/docs/codebook.md", encoding="utf-8").read()
documented = set(re.findall(r"`([^`\s]+)`", book))
def header(name):
    with open("%s/%s.csv" % (tmp, name), newline="", encoding="utf-8") as f:
        return next(csv.reader(f))
cats = list(csv.DictReader(open(tmp + "/categories.csv", newline="", encoding="utf-8")))
wide_cols = header("wide")[11:]
assert len(wide_cols) == len(cats) == 35, (len(wide_cols), len(cats))
missing = []
# every category: number, id, wide column, by_NN and title in the category table
for c, col in zip(cats, wide_cols):
    row = "| %s | `%s` | `%s` | `by_%02d` | %s |" % (c["number"], c["id"], col, int(c["number"]), c["title"])
    if row not in book:
        missing.append("category row: " + row)
generic = set(wide_cols) | {"by_%02d" % k for k in range(1, 36)}
for name in ("long", "wide", "panel", "classify", "timeline", "coverage", "common-ground"):
    for h in header(name):
        if h in generic or h in documented:
            continue
        if name == "classify" and h.startswith("d_"):
            continue   # d_T per template: documented as d_T
        if name == "common-ground" and h in ("american", "european"):
            continue   # one column per template
        missing.append("%s column %s" % (name, h))
# compare: A, B and A_* / B_* stand for the two sides
for h in header("compare"):
    g = re.sub(r"^(american|european)(_|$)", r"A\2", h)
    if g not in documented and h not in documented:
        missing.append("compare column " + h)
for row in list(csv.reader(open(tmp + "/summary.csv", newline="", encoding="utf-8")))[1:]:
    g = re.sub(r"^(american|european)_", "A_", row[0])
    if g not in documented and row[0] not in documented:
        missing.append("compare --summary measure " + row[0])
# every id documented in the public headers' value sets
for hdr in ("model.h", "compare.h"):
    text = open("%s/include/traderules/%s" % (src, hdr), encoding="utf-8").read()
    for ident in re.findall(r'/\*\*<\s*"([a-z_0-9]+)"', text):
        if ident not in documented:
            missing.append("%s id %s" % (hdr, ident))
for m in missing:
    print("FAIL: not in docs/codebook.md:", m)
print("%d undocumented" % len(missing))
sys.exit(1 if missing else 0)
PYEOF
