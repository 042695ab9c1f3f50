#!/bin/sh
# Tables that fit the width, JSON that is data, CSV headers that are R and Stata
# names. Runs the traderules command as a black box on the embedded catalog.
# Usage: test-output.sh TRADERULES FIXTURES_DIR
set -u
TR=$1
FIX=$2
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run ARGS... : stdout in $TMP/out; a non-zero exit is a failure
run() {
  "$TR" "$@" >"$TMP/out" 2>"$TMP/err" || fail "traderules $* exited $?: $(cat "$TMP/err")"
}
# widest line of $TMP/out in characters (UTF-8 aware)
widest() {
  $PY -c 'import sys; print(max([len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")] or [0]))' "$TMP/out"
}

# The tables this command prints. The width is 80 when neither --width nor
# COLUMNS is given and standard output is not a terminal (as here).
unset COLUMNS
TABLES="list|show TPP|show USMCA|coverage american|compare american european|compare TPP EU_JPN --diff|classify|timeline|common-ground american european|barriers|categories|indicators|matrix --family european|compare american european --summary"

IFS='|'
k=0
for cmd in $TABLES; do
  IFS=' '
  k=$((k + 1))
  # shellcheck disable=SC2086
  "$TR" $cmd >"$TMP/w80.$k" 2>"$TMP/err" || fail "$cmd: $(cat "$TMP/err")"
  # shellcheck disable=SC2086
  "$TR" $cmd --width 60 >"$TMP/w60.$k" 2>"$TMP/err" || fail "$cmd --width 60: $(cat "$TMP/err")"
  # shellcheck disable=SC2086
  COLUMNS=100 "$TR" $cmd >"$TMP/w100.$k" 2>"$TMP/err" || fail "COLUMNS=100 $cmd: $(cat "$TMP/err")"
  echo "$cmd" >"$TMP/cmd.$k"
  IFS='|'
done
IFS=' '
# every line within the width (characters, UTF-8), no trailing spaces, output not empty
$PY - "$TMP" "$k" <<'EOF' || fail "tables wider than the width (above)"
import sys
d, n = sys.argv[1], int(sys.argv[2])
bad = 0
for k in range(1, n + 1):
    cmd = open("%s/cmd.%d" % (d, k)).read().strip()
    for width in (80, 60, 100):
        lines = open("%s/w%d.%d" % (d, width, k), encoding="utf-8").read().splitlines()
        wide = [l for l in lines if len(l) > width]
        if not lines or wide:
            bad += 1
            print("'%s' at %d columns: %d lines, %d too wide, e.g. %r" % (cmd, width, len(lines), len(wide), wide[:1]))
        if any(l != l.rstrip() for l in lines):
            bad += 1
            print("'%s' at %d columns: trailing spaces" % (cmd, width))
sys.exit(1 if bad else 0)
EOF

# Nothing is lost by fitting.
"$TR" list --width 0 >"$TMP/wide" || fail "list --width 0"
"$TR" list >"$TMP/narrow" || fail "list"
grep -qF "North American Free Trade Agreement (NAFTA)" "$TMP/wide" || fail "list --width 0 lacks NAFTA's name"
# At 80 columns list is a record layout: one "column  value" line per field.
grep -qF "name        Trans-Pacific Partnership Agreement" "$TMP/narrow" ||
  fail "list at 80 columns: no record line for TPP's name: $(grep -n -A3 '^id  *TPP$' "$TMP/narrow" | head -12)"
# --width 0: one line per row plus header and rule (no wrapping at all).
n=$(wc -l <"$TMP/wide")
rows=$("$TR" list --format csv | $PY -c 'import csv,sys; print(sum(1 for _ in csv.reader(sys.stdin)) - 1)')
[ "$n" -eq $((rows + 2)) ] || fail "list --width 0 has $n lines for $rows rows (+2)"
# A wrapped cell keeps all its words: show TPP's note, joined again, is the note.
"$TR" show TPP --format json | $PY -c 'import json,sys; print(json.load(sys.stdin)["agreement"]["note"])' >"$TMP/note"
"$TR" show TPP | $PY -c '
import sys
lines = sys.stdin.read().split("\n")
i = [k for k, l in enumerate(lines) if l.startswith("note ")][0]
text = [lines[i][9:]]
for l in lines[i + 1:]:
    if not l.startswith("         ") or not l.strip():
        break
    text.append(l.strip())
print(" ".join(text))' >"$TMP/note2"
cmp -s "$TMP/note" "$TMP/note2" || fail "show TPP: wrapped note differs from the JSON note: $(diff "$TMP/note" "$TMP/note2")"

# A wrapped table: categories at 80 keeps category ids whole and wraps the titles.
run categories
grep -qE "^ +4  customs_duties_electronic_transmissions  No customs duties on electronic$" "$TMP/out" ||
  fail "categories at 80: row 4 not wrapped at a word: $(grep -n -A1 'customs_duties' "$TMP/out")"
grep -qE "^ {40,}transmissions$" "$TMP/out" || fail "categories at 80: continuation line not aligned"
# The text before and after a table is wrapped too, with an indent.
run compare american european
grep -q "^  chosen by:" "$TMP/out" || fail "compare: no 'chosen by' line"

# Bad --width values are usage errors.
for bad in -1 abc 12x 1000001; do
  "$TR" list --width "$bad" >/dev/null 2>"$TMP/err"
  [ $? -eq 2 ] || fail "list --width $bad: expected exit 2"
  grep -q "width" "$TMP/err" || fail "list --width $bad: message does not name --width"
done

# ---- JSON is data -----------------------------------------------------------
check_json() { # CMD... ; the python check reads $TMP/out
  "$TR" "$@" --format json >"$TMP/out" 2>"$TMP/err" || fail "traderules $* --format json failed: $(cat "$TMP/err")"
}
check_json compare american european
$PY - "$TMP/out" <<'EOF' || fail "compare american european --format json"
import json, re, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert set(d) == {"first", "second", "summary", "categories"}, sorted(d)
assert d["first"]["name"] == "american" and d["second"]["name"] == "european"
assert isinstance(d["first"]["members"], list) and "TPP" in d["first"]["members"], d["first"]
s = d["summary"]
assert isinstance(s["distance"], float) and 0 <= s["distance"] <= 1, s
assert isinstance(s["categories"], int) and s["categories"] == len(d["categories"]) == 35, s
assert sum(s["relations"].values()) == 35, s["relations"]
snake = re.compile(r"^[a-z][a-z0-9_]*$")
for row in d["categories"]:
    for k in list(row) + list(row["first"]) + list(row["second"]):
        assert snake.match(k), k
    for side in ("first", "second"):
        p = row[side]
        assert isinstance(p["exceptions"], list) and isinstance(p["flags"], list) and isinstance(p["citations"], list)
        assert p["strength_code"] is None or p["strength_code"] in (0, 1, 2, 3)
        assert (p["strength_code"] is None) == (p["strength"] == "unknown"), p
    assert isinstance(row["differs"], bool)
    assert row["differs"] == (row["relation"] not in ("same", "both_unknown")), row
cbdf = [r for r in d["categories"] if r["category"] == "cross_border_data_flows"][0]
assert any(c["agreement"] == "TPP" for c in cbdf["first"]["citations"]), cbdf
EOF
check_json compare TPP EU_JPN --diff
$PY - "$TMP/out" <<'EOF' || fail "compare --diff --format json"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["categories"] and all(r["differs"] for r in d["categories"])
assert len(d["categories"]) == 35 - d["summary"]["relations"]["same"] - d["summary"]["relations"]["both_unknown"]
EOF
check_json compare TPP EU_JPN --summary
$PY - "$TMP/out" <<'EOF' || fail "compare --summary --format json"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert "categories" not in d and d["summary"]["comparable_categories"] <= 35
EOF
# Generic tables: keys snake_case (no spaces, no display headers), numbers as
# numbers, list columns as arrays.
for spec in "list:parties:provisions" "classify:member_of:year" "timeline:spread:first" \
            "coverage american:disciplined_by:" "common-ground american european:citations:" \
            "barriers:disciplined_by:" "categories::number" "indicators::year"; do
  cmd=${spec%%:*}; rest=${spec#*:}; listcol=${rest%%:*}; numcol=${rest#*:}
  # shellcheck disable=SC2086
  check_json $cmd
  $PY - "$TMP/out" "$listcol" "$numcol" <<'EOF' || fail "$cmd --format json"
import json, re, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
listcol, numcol = sys.argv[2], sys.argv[3]
assert isinstance(rows, list) and rows
for r in rows:
    for k in r:
        assert re.match(r"^[A-Za-z][A-Za-z0-9_]*$", k) and len(k) <= 32, "bad key %r" % k
    if listcol:
        assert isinstance(r[listcol], list), (listcol, r[listcol])
    if numcol:
        assert r[numcol] is None or isinstance(r[numcol], (int, float)), (numcol, r[numcol])
EOF
done
# classify: the distances are numbers in JSON (the table appends "(member)")
check_json classify
$PY - "$TMP/out" <<'EOF' || fail "classify distances"
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
tpp = [r for r in rows if r["agreement"] == "TPP"][0]
assert isinstance(tpp["d_american"], float) and "american" in tpp["member_of"], tpp
EOF
"$TR" classify | grep -q "(member)" || fail "classify table lost '(member)'"

# ---- CSV headers are R and Stata names, and R and pandas read them --------
for cmd in "compare american european" "compare american@2016 european@2016" "compare TPP EU_JPN --summary" \
           "classify" "timeline" "coverage american" "common-ground american european" "list" "matrix --family european"; do
  f="$TMP/$(echo "$cmd" | tr -c 'A-Za-z0-9\n' '_').csv"
  # shellcheck disable=SC2086
  "$TR" $cmd --format csv >"$f" || fail "$cmd --format csv"
  $PY - "$f" <<'EOF' || fail "$cmd --format csv: header"
import csv, re, sys
with open(sys.argv[1], newline="", encoding="utf-8") as fh:
    header = next(csv.reader(fh, strict=True))
assert len(set(header)) == len(header), header
for h in header:
    assert re.match(r"^[A-Za-z][A-Za-z0-9_]{0,31}$", h), "not an R/Stata name: %r" % h
EOF
  if $PY -c "import pandas" 2>/dev/null; then
    $PY -c "import pandas, sys; d = pandas.read_csv(sys.argv[1]); assert len(d) > 0" "$f" ||
      fail "pandas cannot read $cmd --format csv"
  fi
  if command -v Rscript >/dev/null 2>&1; then
    Rscript --vanilla -e 'f <- commandArgs(TRUE)[1]; d <- read.csv(f, encoding = "UTF-8", check.names = TRUE)
      h <- readLines(f, n = 1, encoding = "UTF-8")
      stopifnot(nrow(d) > 0, identical(names(d), strsplit(h, ",")[[1]]))' "$f" >/dev/null 2>"$TMP/rerr" ||
      fail "R: $cmd --format csv: names changed by read.csv or unreadable: $(cat "$TMP/rerr")"
  fi
done
grep -q "^category,american,european,relation,american_exceptions,european_exceptions" \
  "$TMP/compare_american_european.csv" || fail "compare csv header: $(head -1 "$TMP/compare_american_european.csv")"
head -1 "$TMP/compare_american_2016_european_2016.csv" | grep -q "^category,american_2016,european_2016,relation," ||
  fail "compare @2016 csv header: $(head -1 "$TMP/compare_american_2016_european_2016.csv")"

# ---- "did you mean" for unknown ids, across commands -------------------------
hint() { # hint EXPECTED-SUGGESTION STATUS ARGS...
  want=$1 st=$2
  shift 2
  "$TR" "$@" >/dev/null 2>"$TMP/err"
  got=$?
  [ "$got" -eq "$st" ] || fail "traderules $*: exit $got, expected $st"
  grep -qF "did you mean '$want'?" "$TMP/err" || fail "traderules $*: no suggestion '$want': $(cat "$TMP/err")"
}
hint TPP 1 show TTP
hint TPP 1 show tpp
hint USMCA 1 compare USMAC european
hint american 1 compare amercan european
hint european@2016 1 compare american@2016 europaen@2016
hint TPP 1 coverage TTP
hint EU_JPN 1 common-ground american EU_JNP
hint compare 2 comapre american european
hint cross_border_data_flows 2 panel --categories cross_border_dataflows
# nothing close: no suggestion
"$TR" compare zzzzzzzz european >/dev/null 2>"$TMP/err"
! grep -q "did you mean" "$TMP/err" || fail "compare zzzzzzzz: suggested $(cat "$TMP/err")"

# Invalid UTF-8 from the command line (a template's name) is measured and
# wrapped safely (U+FFFD), not read past its end.
"$TR" compare "ids=TPP,USMCA+name=$(printf 'caf\351 x')" european --width 60 >"$TMP/out" 2>"$TMP/err" ||
  fail "compare with a non-UTF-8 name: $(cat "$TMP/err")"
$PY -c 'import sys; l = open(sys.argv[1], "rb").read().decode("utf-8").splitlines(); sys.exit(0 if l and max(map(len, l)) <= 60 else 1)' "$TMP/out" ||
  fail "compare with a non-UTF-8 name: not valid UTF-8 within 60 columns"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
