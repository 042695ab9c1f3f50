#!/bin/sh
# CPU time of coding the whole ToTA corpus, new build against an old one, in
# the same run, alternating, median of N runs each.
#   bench/coder/cpu.sh NEW_BUILD OLD_BUILD [TOTA_XML_DIR] [N]
# Two measures per binary:
#   whole: /usr/bin/time user+sys of `traderules code --summary DIR` (XML loading,
#          coding every article, the agreement records, the table)
#   code:  the coding alone, CPU seconds reported by bench-coder (1 thread)
# OLD_BUILD is a build directory of the commit to compare with, e.g. made by
#   git archive bff262d | tar -x -C /tmp/old && meson setup /tmp/old/build /tmp/old && ninja -C /tmp/old/build
set -eu
NEW=$1
OLD=$2
XML=${3:-../shared/data/tota/xml}
N=${4:-5}
[ -d "$XML" ] || { echo "cpu.sh: no ToTA directory $XML" >&2; exit 2; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
i=0
while [ $i -lt "$N" ]; do
  for which in old new; do
    if [ $which = old ]; then B=$OLD; else B=$NEW; fi
    /usr/bin/time -f "%U %S" -o "$OUT/t" "$B/tools/traderules" code --summary "$XML" >/dev/null
    awk '{print $1 + $2}' "$OUT/t" >> "$OUT/whole.$which"
    "$B/bench/coder/bench-coder" "$XML" 1 | sed -n 's/.*(cpu \([0-9.]*\) s).*/\1/p' >> "$OUT/code.$which"
  done
  i=$((i + 1))
done
/usr/bin/python3 - "$OUT" "$N" <<'PY'
import statistics, sys
d, n = sys.argv[1], sys.argv[2]
for m in ('whole', 'code'):
    o = [float(x) for x in open(d + '/' + m + '.old')]
    w = [float(x) for x in open(d + '/' + m + '.new')]
    print('%-5s CPU s, median of %s: old %.3f  new %.3f  new/old %.2f   (old %s; new %s)' % (
        m, n, statistics.median(o), statistics.median(w), statistics.median(w) / statistics.median(o),
        ' '.join('%.2f' % x for x in o), ' '.join('%.2f' % x for x in w)))
PY
