#!/bin/sh
# Coder benchmark: code the whole ToTA corpus with the library (1 and 2
# threads) and with the naive Python regex baseline (same rules file), in the
# same run, and print the ratios. Then the evaluation against the hand coding
# (held-out set and development set, bench/coder/score.py).
# Usage: bench/coder/run.sh [BUILD_DIR] [TOTA_XML_DIR]
set -eu
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
XML=${2:-../shared/data/tota/xml}
[ -d "$XML" ] || XML=/work/shared/data/tota/xml
[ -d "$XML" ] || { echo "run.sh: no ToTA directory (give it as the 2nd argument)" >&2; exit 2; }
meson compile -C "$BUILD" bench/coder/bench-coder tools/traderules >/dev/null
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
"$BUILD/bench/coder/bench-coder" "$XML" 1 "$OUT/c.tsv" | tee "$OUT/c1.txt"
"$BUILD/bench/coder/bench-coder" "$XML" 2 | tee "$OUT/c2.txt"
/usr/bin/python3 bench/coder/baseline.py lib/coder/rules/default-rules.json "$XML" "$OUT/py.tsv" | tee "$OUT/py.txt"
/usr/bin/python3 - "$OUT" <<'PY'
import re, sys
d = sys.argv[1]
def num(f, key):
    return float(re.search(key + r' ([0-9.]+) s', open(f).read()).group(1))
c1, c2 = num(d + '/c1.txt', 'code'), num(d + '/c2.txt', 'code')
cc1, cc2 = num(d + '/c1.txt', 'cpu'), num(d + '/c2.txt', 'cpu')
l1, l2 = num(d + '/c1.txt', 'load'), num(d + '/c2.txt', 'load')
py, pyc, pyp = num(d + '/py.txt', 'code'), num(d + '/py.txt', 'cpu'), num(d + '/py.txt', 'parse')
print('coding, wall:  python %.2f s / C 1 thread %.3f s = %.0fx; / C 2 threads %.3f s = %.0fx' % (py, c1, py / c1, c2, py / c2))
print('coding, cpu:   python %.2f s / C 1 thread %.3f s = %.0fx' % (pyc, cc1, pyc / cc1))
print('load + code:   python %.2f s / C 2 threads %.3f s = %.0fx (wall)' % (py + pyp, l2 + c2, (py + pyp) / (l2 + c2)))
a = open(d + '/c.tsv').read().splitlines(); b = open(d + '/py.tsv').read().splitlines()
same = sum(1 for x, y in zip(a, b) if x == y)
print('same category sets per article (C vs python): %d / %d (%.1f%%)' % (same, len(a), 100.0 * same / max(1, len(a))))
PY
/usr/bin/python3 bench/coder/score.py heldout "$BUILD/tools/traderules" "$XML"
/usr/bin/python3 bench/coder/score.py dev "$BUILD/tools/traderules" "$XML"
