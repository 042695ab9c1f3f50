#!/bin/sh
# The outputs of the paths whose decisions moved from the command into the library
# (issue 13) stay byte-identical: each case's standard output is compared with a
# file written by the command before the move (tests/fixtures/tools/golden/).
#   classify-*   the class column (tr_classification_class_at(): classified, in between,
#                too few categories, unclassified) and its marks, three --min-categories
#   panel-all    panel --economies all (tr_panel_economies(): parties, bloc members per year)
#   plot-corpus-* the agreements a corpus matrix chart shows (tr_plot_corpus_agreements():
#                --party, --years), as the chart's labels
#   coverage-*   binding (tr_coverage_binding_count()) and disciplined by
#                (tr_coverage_provision_decides()) over an inline barrier profile
#   compare-*    --diff and JSON "differs" (tr_relation_differs())
#   matrix, timeline  built with one tr_analysis_options (threads 1 and the default)
# Inputs are fixtures only (never the embedded catalog, whose data changes).
# Usage: test-golden.sh TRADERULES FIXTURES_DIR   (TR_GOLDEN_WRITE=1: write the files instead)
set -u
TR=$1
FIX=$2
GOLD=$FIX/tools/golden
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
cases=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

C="--no-default --catalog $FIX/tools/classify-catalog.csv --catalog $FIX/panel/catalog.json"
P="--no-default --catalog $FIX/panel/catalog.json"

# golden NAME FILTER ARGS...: run, pass standard output through FILTER, compare with NAME
golden() {
  name=$1 filter=$2
  shift 2
  cases=$((cases + 1))
  "$TR" "$@" >"$TMP/raw" 2>"$TMP/err" || { fail "$name: exited $?: $(head -c 300 "$TMP/err")"; return; }
  $filter <"$TMP/raw" >"$TMP/out"
  if [ "${TR_GOLDEN_WRITE:-0}" = 1 ]; then
    cp "$TMP/out" "$GOLD/$name"
    return
  fi
  [ -s "$TMP/out" ] || fail "$name: empty output"
  cmp -s "$TMP/out" "$GOLD/$name" || fail "$name differs from $GOLD/$name: $(diff "$GOLD/$name" "$TMP/out" | head -8)"
}
# the labels of a chart, in order
labels() { grep -o '>pta_[^<]*<' | tr -d '<>'; }

# shellcheck disable=SC2086
{
  golden classify-csv cat $C classify ids=TPP ids=EU_JPN --min-categories 12 --format csv
  golden classify-table cat $C classify ids=TPP ids=EU_JPN --width 0
  golden classify-min0.md cat $C classify ids=TPP ids=EU_JPN --min-categories 0 --format markdown
  golden panel-all.csv cat $P panel --membership "$FIX/panel/membership.json" --no-default-membership \
    --economies all --years 2010-2013 --categories 1,2,3
  for s in TPP EU_JPN C_KOR_USA; do
    golden "coverage-$s.csv" cat $C coverage "$s" --profile "$FIX/tools/profile-inline.json" --format csv
  done
  golden coverage-TPP.table cat $C coverage TPP --profile "$FIX/tools/profile-inline.json" --width 0
  golden compare-diff.csv cat $C compare USMCA EU_JPN --diff --format csv
  golden compare.json cat $C compare USMCA C_KOR_USA --format json
  golden compare-diff.json cat $C compare USMCA C_KOR_USA --diff --format json
  golden matrix.csv cat $C matrix --format csv
  golden matrix.csv cat $C matrix --format csv --threads 1
  golden timeline.csv cat $C timeline --format csv
  golden timeline.csv cat $C timeline --format csv --threads 1
}
if "$TR" plot matrix --corpus "$FIX/corpus/good" -o "$TMP/probe.svg" 2>/dev/null; then
  golden plot-corpus-party labels plot matrix --corpus "$FIX/corpus/good" --party BBB -o -
  golden plot-corpus-years labels plot matrix --corpus "$FIX/corpus/good" --years 2000- -o -
  golden plot-corpus-both labels plot matrix --corpus "$FIX/corpus/good" --party AAA --years -2001 -o -
else
  echo "note: no charts in this build; the plot cases are skipped"
fi
echo "$cases case(s), $failures failure(s)"
[ "$failures" -eq 0 ]
