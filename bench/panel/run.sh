#!/bin/sh
# Panel benchmark: every pair of N economies (default 200: every economy of the
# embedded catalog, filled up with codes that have no agreement) x the years x
# all 35 categories, CSV out. libtraderules (`traderules panel`) against a
# straightforward pandas implementation of the same rules (reference.py),
# alternating runs, medians of wall time and peak RSS; the two outputs must be
# identical. Usage: bench/panel/run.sh [BUILD_DIR] [RUNS] [FIRST] [LAST] [N]
set -eu
cd "$(dirname "$0")/../.."
B=${1:-build}
RUNS=${2:-3}
FIRST=${3:-1995}
LAST=${4:-2024}
N=${5:-200}
T=$B/tools/traderules
PY=/usr/bin/python3
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
"$T" panel --economies all --years "$FIRST-$LAST" --categories 1 | tail -n +2 | cut -d, -f1,2 | tr ',' '\n' | sort -u > "$D/econ"
for a in Q R; do for b in A B C D E F G H I J K L M N O P Q R S T U V W X Y Z; do for c in A B C D E F G H I J K L M N O P Q R S T U V W X Y Z; do echo "$a$b$c"; done; done; done |
  head -n "$((N - $(wc -l < "$D/econ")))" >> "$D/econ"
n=$(sort -u "$D/econ" | wc -l)
econ=$(sort -u "$D/econ" | paste -sd, -)
# the embedded membership table, as a file for the reference
"$PY" -c 'import json,sys; print(open(sys.argv[1]).read())' lib/panel/data/membership.json > "$D/membership.json"
echo "economies: $n; years $FIRST-$LAST; categories: all"
for i in $(seq "$RUNS"); do
  /usr/bin/time -f "%e %M" -o "$D/t.lib.$i" "$T" panel --economies "$econ" --years "$FIRST-$LAST" -o "$D/lib.csv"
  /usr/bin/time -f "%e %M" -o "$D/t.ref.$i" "$PY" bench/panel/reference.py "$T" "$D/membership.json" "$FIRST" "$LAST" "$D/econ" "$D/ref.csv"
done
rows=$(($(wc -l < "$D/lib.csv") - 1))
if cmp -s "$D/lib.csv" "$D/ref.csv"; then same="identical"; else same="DIFFERENT"; fi
med() { cat "$D"/t."$1".* | awk -v k="$2" '{print $k}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
lw=$(med lib 1); rw=$(med ref 1); lm=$(med lib 2); rm=$(med ref 2)
printf 'rows: %s (%s output)\n' "$rows" "$same"
printf 'libtraderules: %s s wall, %s MiB peak (median of %s)\n' "$lw" "$((lm / 1024))" "$RUNS"
printf 'pandas reference: %s s wall, %s MiB peak\n' "$rw" "$((rm / 1024))"
awk -v a="$rw" -v b="$lw" 'BEGIN { if (b > 0) printf "ratio (wall): %.1fx\n", a / b }'
[ "$same" = identical ] || { diff "$D/lib.csv" "$D/ref.csv" | head -5; exit 1; }
