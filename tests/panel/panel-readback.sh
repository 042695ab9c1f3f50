#!/bin/sh
# Write the panel, the tidy table and the wide matrix as CSV and as Stata .dta,
# then read each .dta back with R's haven and with pandas.read_stata and check
# it holds the same data as the CSV (rows, columns, every value), plus the
# value labels of strength codes and the variable labels.
# Skips (77) when the build has no Stata support; each reader is skipped alone
# when it is missing, and the test skips when neither is there.
# Usage: panel-readback.sh TRADERULES FIXTURES_DIR SCRIPT_DIR
set -eu
T=$1
F=$2/panel
S=$3
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
CAT="--no-default --catalog $F/catalog.json"
if ! $T $CAT panel --membership "$F/membership.json" --no-default-membership --dta -o "$D/panel.dta" 2>"$D/err"; then
  if grep -q "no Stata support" "$D/err"; then echo "built without ReadStat: skipped"; exit 77; fi
  cat "$D/err"; exit 1
fi
$T $CAT panel --membership "$F/membership.json" --no-default-membership -o "$D/panel.csv"
# the embedded catalog: a realistic size, long strings, unknown cells
$T panel --years 2000-2024 --categories 4,14,17,18,34,35 -o "$D/big.csv"
$T panel --years 2000-2024 --categories 4,14,17,18,34,35 --dta -o "$D/big.dta"
$T export -o "$D/long.csv"
$T export --dta -o "$D/long.dta"
$T export --wide -o "$D/wide.csv"
$T export --wide --dta -o "$D/wide.dta"
ran=0
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(haven)' >/dev/null 2>&1; then
  Rscript --vanilla "$S/readback.R" "$D"
  ran=1
else
  echo "R with haven not installed: R read skipped"
fi
PY=/usr/bin/python3
if [ -x "$PY" ] && "$PY" -c 'import pandas' >/dev/null 2>&1; then
  "$PY" "$S/readback.py" "$D"
  ran=1
else
  echo "pandas not installed: pandas read skipped"
fi
[ $ran -eq 1 ] || exit 77
