#!/bin/sh
# 'traderules export' / 'import': round trip through files, errors with line and column.
# Usage: cmd-csv.sh TRADERULES FIXTURES_DIR
set -eu
T=$1
CAT=$2/csv/sample.csv
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
"$T" --no-default --catalog "$CAT" export -o "$D/a.csv"
"$T" --no-default --catalog "$D/a.csv" export > "$D/b.csv"
cmp "$D/a.csv" "$D/b.csv" || { echo "export of an imported export differs"; exit 1; }
[ "$(grep -c TEST_ "$D/a.csv")" -eq 11 ] || { echo "expected 11 rows"; exit 1; }
"$T" --no-default --catalog "$CAT" export --wide > "$D/w.csv"
[ "$(wc -l < "$D/w.csv")" -eq 5 ] || { echo "wide: expected header + 4 rows"; exit 1; }
head -1 "$D/w.csv" | grep -q '^agreement,name,kind,status,family,parties,date_signed,year,tota_id,wto_rta_id,dispute_settlement,ecom_general,' ||
  { echo "wide header"; exit 1; }
"$T" --no-default --catalog "$CAT" export --family european > "$D/eu.csv"
! grep -q TEST_US "$D/eu.csv" || { echo "filter ignored"; exit 1; }
# a bad file: exit status 1, message with file:line:column and field
sed 's/,hard,Art. 4,/,binding,Art. 4,/' "$CAT" > "$D/bad.csv"
set +e
"$T" --no-default import "$D/bad.csv" > "$D/out" 2> "$D/err"
rc=$?
set -e
[ $rc -eq 1 ] || { echo "import of a bad file returned $rc"; exit 1; }
grep -q "bad.csv:6:[0-9]*: field 'strength': unknown strength 'binding'" "$D/err" ||
  { echo "message lacks the location:"; cat "$D/err"; exit 1; }
[ ! -s "$D/out" ] || { echo "output written despite the error"; exit 1; }
# pandas: read both exports, write the long one back with pandas' defaults
# (index column under an empty name, NaN as empty) and import it unchanged.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
if "$PY" -c "import pandas" 2>/dev/null; then
  "$PY" - "$D/a.csv" "$D/w.csv" "$D/pd.csv" <<'EOF' || { echo "pandas could not read the exports"; exit 1; }
import sys, pandas as pd
long = pd.read_csv(sys.argv[1])
wide = pd.read_csv(sys.argv[2])
assert list(wide.columns[8:11]) == ["tota_id", "wto_rta_id", "dispute_settlement"], list(wide.columns[:12])
assert wide["dispute_settlement"].dropna().isin([0, 1]).all()
assert long["strength_code"].dropna().isin([0, 1, 2, 3]).all()
long.to_csv(sys.argv[3])
EOF
  "$T" --no-default --catalog "$D/pd.csv" export > "$D/pd2.csv" || { echo "import of pandas' to_csv failed"; exit 1; }
  cmp "$D/a.csv" "$D/pd2.csv" || { echo "pandas round trip changed the data"; exit 1; }
else
  echo "pandas not installed: pandas reads skipped"
fi
# trailing empty lines (an editor's extra line breaks) are accepted
printf '\r\n\n' | cat "$D/a.csv" - > "$D/trail.csv"
"$T" --no-default --catalog "$D/trail.csv" export > "$D/trail2.csv" || { echo "trailing empty lines rejected"; exit 1; }
cmp "$D/a.csv" "$D/trail2.csv" || { echo "trailing empty lines changed the data"; exit 1; }
echo ok
