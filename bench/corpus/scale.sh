#!/bin/sh
# Scaling table: time, CPU, peak memory and output size of the corpus commands against
# corpus size. Corpora from bench/corpus/gen.py (made here when missing, under $GEN).
# Usage: bench/corpus/scale.sh [XMLDIR] [TRADERULES] [GEN]   (run by hand; long: minutes)
# Prints one line per (corpus, job): files, XML MiB, articles, wall s, CPU s, peak MiB,
# output lines, and the library's phase times (--timings).
set -eu
cd "$(dirname "$0")/../.."
XML=${1:-../shared/data/tota/xml}
TR=${2:-build/tools/traderules}
GEN=${3:-/tmp/tr-scale}
PY=/usr/bin/python3
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
JOBS=${JOBS:-"similar similar-nz pairs trace templates"}
CORPORA=${CORPORA:-"x1 x2 x5 x10 s10k s100k"}

mk() { # mk NAME: the corpus directory
  case $1 in
    x1) echo "$XML" ;;
    x*) [ -d "$GEN/$1" ] || $PY bench/corpus/gen.py scale "$XML" "$GEN/$1" "${1#x}" >&2; echo "$GEN/$1" ;;
    s*) n=$(echo "${1#s}" | sed 's/k$/000/'); [ -d "$GEN/$1" ] || $PY bench/corpus/gen.py short "$XML" "$GEN/$1" "$n" >&2; echo "$GEN/$1" ;;
  esac
}

printf '%-6s %-9s %7s %8s %9s %8s %8s %9s %10s  %s\n' corpus job files "XML MiB" articles "wall s" "CPU s" "peak MiB" "out lines" "phases wall/CPU s: ingest tokenize intern sets join output"
for c in $CORPORA; do
  dir=$(mk "$c")
  files=$(ls "$dir" | grep -c '\.xml$')
  for job in $JOBS; do
    case $job in
      similar) args="corpus similar $dir" ;;            # agreement x agreement, every pair
      similar-nz) args="corpus similar $dir --nonzero" ;; # only the pairs sharing a shingle, streamed
      pairs) args="corpus pairs $dir --threshold 0.5" ;; # article pairs at J >= 0.5
      trace) args="corpus trace $dir --threshold 0.5" ;;
      templates) args="corpus templates $dir" ;;
    esac
    # short texts: every pair (n^2/2 rows, mostly zeros) only when asked; the pairs that
    # share a shingle (similar-nz) always. Long texts: the dense matrix (similar-nz: JOBS=...)
    case "$c:$job" in s*:similar) [ "${SHORT_SIMILAR:-0}" = 1 ] || continue ;; esac
    case "$c:$job" in x*:similar-nz) [ "${LONG_NONZERO:-0}" = 1 ] || continue ;; esac
    # shellcheck disable=SC2086
    /usr/bin/time -f '%e %U %S %M' -o "$OUT/time" "$TR" --format csv $args --timings >"$OUT/out" 2>"$OUT/err" || {
      echo "FAILED: $args" >&2; tail -3 "$OUT/err" >&2; continue; }
    set -- $(tail -1 "$OUT/time")
    ph=$(awk '$1 ~ /^(ingest|tokenize|intern|sets|join|output)$/ { printf "%s/%s ", $2, $3 }' "$OUT/err")
    mib=$(awk '$1 == "ingest" {}' "$OUT/err")
    printf '%-6s %-9s %7s %8s %9s %8.2f %8.2f %9.1f %10s  %s\n' "$c" "$job" "$files" \
      "$(du -sm --apparent-size "$dir" | cut -f1)" "$(find "$dir" -name '*.xml' -exec cat {} + | grep -o '<article ' | wc -l)" \
      "$1" "$(echo "$2 + $3" | bc -l)" "$(echo "$4 / 1024" | bc -l)" "$(($(wc -l < "$OUT/out") - 1))" "$ph"
  done
done
