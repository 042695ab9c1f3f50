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
#   templates-*  corpus templates (tr_ecommerce_templates_*: reference groups, e-commerce
#                chapters by name, group means, closest group) on tests/fixtures/corpus/templates
#   similar-*    corpus similar: --top N of one unit (ties), all pairs streamed, --nonzero,
#                several IDs; similar-blocks.sha: all pairs of 1,030 articles (generated here,
#                deterministic), more than one block of rows, as sha256 and line count
#   code-compare-* code --summary --compare: the hand-coded agreement found by ToTA id and
#                the agree column (tr_coding_comparison_new())
#   indicators-* the --economy/--indicator/--year filter (tr_catalog_select_indicators())
#   timeline*    the spread column's change points (tr_timeline_change_count()/_at())
#   plot-input   plot matrix --input, the square CSV read by tr_plot_matrix_input_read_file()
#                (the chart's texts: labels and values, in cluster order)
#   plot-corpus-long  a corpus label cut at 40 characters (tr_plot_corpus_label())
#   panel-all.csv again with --period, panel's name for the panel's years
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
H="--no-default --catalog $FIX/tools/hand-coded.json"

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
# every text of a chart (labels, values, legend), in order, without positions (fonts differ)
texts() { grep -o '>[^<]*</text>' | sed 's/<\/text>$//; s/^>//'; }

# shellcheck disable=SC2086
{
  golden classify-csv cat $C classify ids=TPP ids=EU_JPN --min-categories 12 --format csv
  golden classify-table cat $C classify ids=TPP ids=EU_JPN --width 0
  golden classify-min0.md cat $C classify ids=TPP ids=EU_JPN --min-categories 0 --format markdown
  golden panel-all.csv cat $P panel --membership "$FIX/panel/membership.json" --no-default-membership \
    --economies all --years 2010-2013 --categories 1,2,3
  golden panel-all.csv cat $P panel --membership "$FIX/panel/membership.json" --no-default-membership \
    --economies all --period 2010-2013 --categories 1,2,3
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
  golden timeline.table cat $C timeline --width 0
  golden timeline-party.json cat $C timeline --party USA --format json
  golden code-compare.csv cat $H code --summary --compare "$FIX/corpus/good" --format csv
  golden code-compare.table cat $H code --summary --compare "$FIX/corpus/good" --width 0
  golden code-compare-text.csv cat $H code --summary --compare - --format csv <"$FIX/coder/source-code.txt"
  golden code-summary.csv cat $H code --summary "$FIX/corpus/good" --format csv
  golden indicators-usa-2016 cat $H indicators --economy USA --year 2016 --width 0
  golden indicators-name.csv cat $H indicators --indicator cloud_spending --format csv
  golden indicators-all.json cat $H indicators --format json
  golden indicators-none.csv cat $H indicators --economy XXX --format csv
  golden indicators-year.csv cat $H indicators --year 9999 --indicator big --economy CHN --format csv
}
T=$FIX/corpus/templates
# shellcheck disable=SC2086
{
  golden templates.table cat corpus templates "$T"
  golden templates.csv cat corpus templates "$T" --format csv
  golden templates-join.csv cat corpus templates "$T" --join-articles --format csv
  golden templates-char.json cat corpus templates "$T" --shingles char --format json
  golden templates-ascii3.md cat corpus templates "$T" --shingles ascii -n 3 --format markdown --threads 1
  golden templates-good.csv cat corpus templates "$FIX/corpus/good" -n 3 --format csv
  golden similar-top3.csv cat corpus similar "$T" 23 --top 3 --format csv
  golden similar-top100.json cat corpus similar "$T" 23 --top 100 --format json
  golden similar-chapter-top4.table cat corpus similar "$T" --unit chapter 2314 --top 4
  golden similar-article-top5.csv cat corpus similar "$T" --unit article 17131 --top 5 -n 3 --shingles ascii --format csv
  golden similar-article-top0.csv cat corpus similar "$T" --unit article 17131 --top 0 --format csv
  golden similar-default-top.csv cat corpus similar "$T" --unit article 392140 -n 2 --format csv
  golden similar-all.csv cat corpus similar "$T" --format csv
  golden similar-all-chapter.table cat corpus similar "$T" --unit chapter -n 3
  golden similar-all-article.csv cat corpus similar "$T" --unit article --format csv --threads 1
  golden similar-nonzero.csv cat corpus similar "$T" --unit article --nonzero --format csv
  golden similar-ids.csv cat corpus similar "$T" 17 23 37 501 --format csv
}
# 1,030 short articles in one agreement: the streamed all-pairs output comes in blocks of rows
mkdir -p "$TMP/big"
awk 'BEGIN {
  print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  print "<treaty><meta><name>Big</name><treaty_identifier>1</treaty_identifier><date_signed>2001-01-01</date_signed></meta><body><chapter chapter_identifier=\"1\">"
  split("goods services duties party customs trade origin rules data transfer", w, " ")
  x = 7
  for (i = 1; i <= 1030; i++) {
    t = ""
    for (k = 0; k < 12; k++) { x = (x * 1103515245 + 12345) % 2147483648; t = t " " w[int(x / 65536) % 10 + 1] }
    printf "<article number=\"%d\" article_identifier=\"a%d\">%s</article>\n", i, i, t
  }
  print "</chapter></body></treaty>"
}' >"$TMP/big/pta_1.xml"
shasum() { sha256sum | cut -d' ' -f1; }
count() { "$TR" "$@" | wc -l | tr -d ' '; }
cases=$((cases + 1))
got="$("$TR" corpus similar "$TMP/big" --unit article -n 2 --format csv | shasum) $(count corpus similar "$TMP/big" --unit article -n 2 --format csv --threads 1)"
if [ "${TR_GOLDEN_WRITE:-0}" = 1 ]; then
  echo "$got" >"$GOLD/similar-blocks.sha"
else
  [ "$got" = "$(cat "$GOLD/similar-blocks.sha")" ] || fail "similar-blocks: got '$got', expected '$(cat "$GOLD/similar-blocks.sha")'"
fi
if "$TR" plot matrix --corpus "$FIX/corpus/good" -o "$TMP/probe.svg" 2>/dev/null; then
  golden plot-corpus-party labels plot matrix --corpus "$FIX/corpus/good" --party BBB -o -
  golden plot-corpus-years labels plot matrix --corpus "$FIX/corpus/good" --years 2000- -o -
  golden plot-corpus-both labels plot matrix --corpus "$FIX/corpus/good" --party AAA --years -2001 -o -
  golden plot-corpus-long labels plot matrix --corpus "$FIX/tools/long-name" -o -
  golden plot-input texts plot matrix --input "$FIX/tools/matrix-input.csv" -o -
  golden plot-input-stdin texts plot matrix --input - -o - <"$FIX/tools/matrix-input.csv"
else
  echo "note: no charts in this build; the plot cases are skipped"
fi
echo "$cases case(s), $failures failure(s)"
[ "$failures" -eq 0 ]
