#!/bin/sh
# Export the embedded catalog plus the fixture as long and wide CSV, then read
# them with R's read.csv (tests/csv/read-in-r.R). Skips (77) without Rscript.
# Usage: csv-in-r.sh TRADERULES FIXTURES_DIR SCRIPT_DIR
set -eu
command -v Rscript >/dev/null 2>&1 || { echo "Rscript not installed: skipped"; exit 77; }
T=$1
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
"$T" --catalog "$2/csv/sample.csv" export -o "$D/long.csv"
"$T" --catalog "$2/csv/sample.csv" export --wide -o "$D/wide.csv"
Rscript --vanilla "$3/read-in-r.R" "$D/long.csv" "$D/wide.csv"
# R's write.csv() defaults (row names under "", text quoted, NA for missing)
# import as is, and the data survive the trip through R unchanged.
Rscript --vanilla -e 'a <- commandArgs(TRUE); write.csv(read.csv(a[1], encoding = "UTF-8"), a[2], fileEncoding = "UTF-8")' \
  "$D/long.csv" "$D/r.csv"
grep -q ',NA,' "$D/r.csv" || { echo "R wrote no NA: the test does not exercise NA"; exit 1; }
"$T" --no-default --catalog "$D/long.csv" export -o "$D/a.csv"
"$T" --no-default --catalog "$D/r.csv" export -o "$D/b.csv"
cmp "$D/a.csv" "$D/b.csv" || { echo "the long table written back by R's write.csv imports differently"; exit 1; }
echo "R write.csv round trip: identical"
