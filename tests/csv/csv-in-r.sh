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
