#!/bin/sh
# The 'traderules plot' command: every chart as SVG and PNG from a CSV catalog.
# Usage: cmd-plot.sh TRADERULES FIXTURES_DIR
set -eu
T=$1
CAT=$2/csv/sample.csv
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
run() { "$T" --no-default --catalog "$CAT" plot "$@"; }
for chart in heatmap compare matrix timeline; do
  extra=""
  # the fixture has no member of the built-in templates: compare the two families
  [ "$chart" = compare ] && extra="--a family=american --b family=european"
  # shellcheck disable=SC2086
  run "$chart" $extra -o "$D/$chart.svg" >/dev/null
  # shellcheck disable=SC2086
  run "$chart" $extra -o "$D/$chart.png" >/dev/null
  head -c 8 "$D/$chart.png" | od -An -tx1 | tr -d ' \n' | grep -qx '89504e470d0a1a0a' ||
    { echo "$chart.png is not a PNG"; exit 1; }
  grep -q '<svg' "$D/$chart.svg" || { echo "$chart.svg has no <svg> root"; exit 1; }
  tail -c 20 "$D/$chart.svg" | grep -q '</svg>' || { echo "$chart.svg is not closed"; exit 1; }
  [ "$(wc -c < "$D/$chart.png")" -gt 5000 ] || { echo "$chart.png is too small"; exit 1; }
done
# two agreements against each other; a filter
run compare --a TEST_US1 --b TEST_EU2 -o "$D/pair.svg" >/dev/null
# a template group (the library's grammar): the members used are stated
run compare --a 'family=american+name=us' --b TEST_EU1,TEST_EU2 -o "$D/tmpl.svg" > "$D/out"
grep -q "^plot compare: us = majority of TEST_US1, TEST_US2 (2; chosen by: user-defined: family=american" "$D/out" ||
  { echo "template members not stated"; cat "$D/out"; exit 1; }
run heatmap --family european -o "$D/eu.png"
# a matrix from a file (R's write.csv layout)
printf '"","A","B","C"\n"A",1,0.2,NA\n"B",0.2,1,0.7\n"C",NA,0.7,1\n' > "$D/m.csv"
run matrix --input "$D/m.csv" --title "From R" -o "$D/m.png"
# text similarity of a ToTA corpus
"$T" plot matrix --corpus "$2/corpus/good" -o "$D/corpus.svg"
grep -q '<svg' "$D/corpus.svg" || { echo "corpus matrix missing"; exit 1; }
# errors: exit status 2 for usage, 1 for failures, message on stderr
set +e
run heatmap -o "$D/x.gif" 2>"$D/err"; [ $? -eq 2 ] || { echo "bad extension accepted"; exit 1; }
run nosuchchart -o "$D/x.png" 2>"$D/err"; [ $? -eq 2 ] || { echo "bad chart accepted"; exit 1; }
run compare --a NOPE --b TEST_EU1 -o "$D/x.png" 2>"$D/err"; [ $? -eq 2 ] || exit 1
grep -q "NOPE" "$D/err" || { echo "unknown id not named"; exit 1; }
run compare --a 'family=american+years=2020-2010' -o "$D/x.png" 2>"$D/err"; [ $? -eq 2 ] || exit 1
grep -q "FROM is after TO" "$D/err" || { echo "reversed years not refused"; exit 1; }
printf ',A,B\nA,1\n' > "$D/bad.csv"
run matrix --input "$D/bad.csv" -o "$D/x.png" 2>"$D/err"; [ $? -eq 1 ] || exit 1
grep -q "bad.csv:2" "$D/err" || { echo "matrix error without line"; cat "$D/err"; exit 1; }
# --input honours CSV quoting (issue 16: a quoted label with a comma was split in two,
# making the matrix look not square) and refuses NaN/inf (they were accepted)
printf '"","A,1","B ""x"""\n"A,1",1,0.5\n"B ""x""",0.5,1\n' > "$D/quoted.csv"
run matrix --input "$D/quoted.csv" -o "$D/quoted.svg" >/dev/null 2>"$D/err" ||
  { echo "a quoted label with a comma was refused"; cat "$D/err"; exit 1; }
grep -q '>A,1<' "$D/quoted.svg" || { echo "the quoted label 'A,1' is not drawn whole"; exit 1; }
for v in nan NaN inf -inf; do
  printf ',A,B\nA,1,%s\nB,0.5,1\n' "$v" > "$D/nan.csv"
  run matrix --input "$D/nan.csv" -o "$D/nan.svg" 2>"$D/err"; [ $? -eq 1 ] || { echo "--input accepted '$v'"; exit 1; }
  grep -q "nan.csv:2: field 3: not a number: '$v'" "$D/err" || { echo "'$v': no located message"; cat "$D/err"; exit 1; }
done
[ ! -e "$D/nan.svg" ] || { echo "a refused matrix left a chart"; exit 1; }
"$T" plot matrix --corpus "$2/corpus/bad" -o "$D/x.png" 2>"$D/err"; [ $? -eq 1 ] || exit 1
grep -q "corpus/bad/" "$D/err" || { echo "corpus error does not name the file"; cat "$D/err"; exit 1; }
"$T" plot matrix --corpus "$2/corpus/good" --kind words -o "$D/x.png" 2>"$D/err"; [ $? -eq 2 ] || exit 1
run heatmap --years 1900:1901 -o "$D/x.png" 2>"$D/err"; [ $? -eq 1 ] || exit 1
[ ! -e "$D/x.png" ] || { echo "a failed chart left a file"; exit 1; }
# the chart module (traderules-plot.so, opened on the first chart) missing: a clear failure
TR_MODULE_DIR="$D/no-module" run heatmap -o "$D/x.png" 2>"$D/err"; [ $? -eq 1 ] || { echo "no module: not exit 1"; exit 1; }
grep -q "no charts: .*$D/no-module/traderules-plot.so" "$D/err" || { echo "no module: path not named"; cat "$D/err"; exit 1; }
[ ! -e "$D/x.png" ] || { echo "no module: a chart was written"; exit 1; }
echo "ok"
