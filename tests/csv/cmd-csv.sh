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
head -1 "$D/w.csv" | grep -q '^agreement,name,kind,status,family,parties,date_signed,year,ecom_general,' ||
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
echo ok
