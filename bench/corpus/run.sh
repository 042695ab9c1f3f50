#!/bin/sh
# Corpus benchmark: libtraderules vs a scikit-learn/lxml baseline on the full ToTA corpus,
# in the same run. Checks identical results, prints speed ratios and the peak RSS of every job.
# Usage: bench/corpus/run.sh [XMLDIR] [BUILDDIR]   (run by hand; needs /usr/bin/python3 with
#        sklearn, scipy, lxml and GNU time at /usr/bin/time)
set -eu
cd "$(dirname "$0")/../.."
XML=${1:-../shared/data/tota/xml}
BUILD=${2:-build}
TRB="$BUILD/bench/corpus/trbench"
PY=/usr/bin/python3
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
[ -x "$TRB" ] || { echo "build first: meson compile -C $BUILD" >&2; exit 1; }
[ -d "$XML" ] || { echo "no corpus at $XML" >&2; exit 1; }

# run NAME CMD...: wall time (s) and peak RSS (KiB) from GNU time, output kept in $OUT/NAME.log
run() {
  name=$1; shift
  /usr/bin/time -f '%e %M %U %S' -o "$OUT/$name.time" "$@" > "$OUT/$name.log" 2>&1 || {
    echo "FAILED: $name" >&2; cat "$OUT/$name.log" >&2; exit 1; }
  set -- $(cat "$OUT/$name.time")
  printf '%-22s %8.2f s %8.2f s  %7.1f MiB\n' "$name" "$1" "$(echo "$3 + $4" | bc -l)" \
    "$(echo "$2 / 1024" | bc -l)"
}
wall() { cut -d' ' -f1 "$OUT/$1.time"; }
rss() { cut -d' ' -f2 "$OUT/$1.time"; }
cpu() { echo "$(cut -d' ' -f3 "$OUT/$1.time") + $(cut -d' ' -f4 "$OUT/$1.time")" | bc -l; }

echo "corpus: $XML ($(ls "$XML"/*.xml | wc -l) files), $(nproc) processors"
echo "uptime: $(uptime)"
echo "job                        wall   CPU (user+sys)  peak RSS"
run lxml-ingest      $PY bench/corpus/baseline.py ingest "$XML" "$OUT/base_ingest.tsv"
run tr-ingest        "$TRB" ingest "$XML" "$OUT/tr_ingest.tsv"
run sklearn-matrix   $PY bench/corpus/baseline.py matrix "$XML" "$OUT/base_matrix.tsv"
run tr-matrix        "$TRB" matrix "$XML" "$OUT/tr_matrix.tsv"
run sklearn-pairs    $PY bench/corpus/baseline.py pairs "$XML" "$OUT/base_pairs.tsv"
run tr-pairs         "$TRB" pairs "$XML" "$OUT/tr_pairs.tsv"
run tr-matrix-1thr   "$TRB" matrix "$XML" "$OUT/tr_matrix1.tsv" 1
run tr-pairs-1thr    "$TRB" pairs "$XML" "$OUT/tr_pairs1.tsv" 1

echo
# identical results: the matrix (ids, intersections, unions exactly; Jaccard to 1e-9 as printed)
# and the pair list (ids, intersections, unions)
cmp -s "$OUT/base_matrix.tsv" "$OUT/tr_matrix.tsv" && echo "agreement matrix: identical ($(wc -l < "$OUT/tr_matrix.tsv") pairs)" \
  || { echo "agreement matrix: DIFFERENT"; diff "$OUT/base_matrix.tsv" "$OUT/tr_matrix.tsv" | head; exit 1; }
cmp -s "$OUT/base_pairs.tsv" "$OUT/tr_pairs.tsv" && echo "article pairs >= 0.5: identical ($(wc -l < "$OUT/tr_pairs.tsv") pairs)" \
  || { echo "article pairs: DIFFERENT"; diff "$OUT/base_pairs.tsv" "$OUT/tr_pairs.tsv" | head; exit 1; }
cmp -s "$OUT/tr_matrix.tsv" "$OUT/tr_matrix1.tsv" && cmp -s "$OUT/tr_pairs.tsv" "$OUT/tr_pairs1.tsv" \
  && echo "1 thread vs default threads: identical" || { echo "thread count changes results"; exit 1; }
echo
ratio() { echo "scale=1; $(wall "$1") / $(wall "$2")" | bc -l; }
# in-process time (without interpreter start-up and imports): the "total" / ingest seconds printed
inproc() { sed -n 's/.*total \([0-9.]*\) s.*/\1/p; s/^ingest:.* \([0-9.]*\) s$/\1/p' "$OUT/$1.log" | head -1; }
iratio() { echo "scale=1; $(inproc "$1") / $(inproc "$2")" | bc -l; }
cratio() { echo "scale=1; $(cpu "$1") / $(cpu "$2")" | bc -l; }
echo "speed-up (baseline / libtraderules)  wall-clock  in-process  CPU time"
echo "all-pairs agreement similarity:      $(ratio sklearn-matrix tr-matrix)x       $(iratio sklearn-matrix tr-matrix)x       $(cratio sklearn-matrix tr-matrix)x   (issue 12: >= 50x wall, >= 25x CPU)"
echo "article pairs at Jaccard >= 0.5:     $(ratio sklearn-pairs tr-pairs)x       $(iratio sklearn-pairs tr-pairs)x       $(cratio sklearn-pairs tr-pairs)x   (issue 12: >= 35x wall)"
echo "ingest vs lxml:                      $(ratio lxml-ingest tr-ingest)x       $(iratio lxml-ingest tr-ingest)x       $(cratio lxml-ingest tr-ingest)x   (target >= 2x)"
for j in lxml-ingest tr-ingest sklearn-matrix tr-matrix sklearn-pairs tr-pairs; do
  printf '  %-16s in-process %s s\n' "$j" "$(inproc $j)"
done
max=0
for j in tr-ingest tr-matrix tr-pairs tr-matrix-1thr tr-pairs-1thr; do
  r=$(rss $j); [ "$r" -gt "$max" ] && max=$r
done
echo
echo "phases (wall s / CPU s; library clocks, output = writing the TSV in trbench):"
printf '  %-16s' job; for ph in ingest tokenize intern sets join output; do printf ' %15s' $ph; done; echo
for j in tr-matrix tr-matrix-1thr tr-pairs tr-pairs-1thr; do
  printf '  %-16s' $j
  for ph in ingest tokenize intern sets join output; do
    printf ' %15s' "$(sed -n "s/^phase $ph *wall \([0-9.]*\) s\( cpu \([0-9.]*\) s\)\{0,1\}$/\1\/\3/p" "$OUT/$j.log")"
  done
  echo
done
echo "peak RSS of libtraderules jobs:  $(echo "scale=1; $max / 1024" | bc -l) MiB (issue 12: <= 200 MiB)"
echo "1 thread / default threads (wall): matrix $(ratio tr-matrix-1thr tr-matrix)x, pairs $(ratio tr-pairs-1thr tr-pairs)x (issue 12: >= 1.7x with 2 threads)"
