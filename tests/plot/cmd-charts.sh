#!/bin/sh
# Charts for their readers (issue 14): SVG text is <text>, a CJK label, PDF, --width/--height/--dpi,
# the compare chart equals 'compare', labelled timeline, the matrix's masks, filters and size bound,
# classify's minimum overlap.
# Usage: cmd-charts.sh TRADERULES FIXTURES_DIR CHECK.py HAVE_PANGO(yes|no)
set -eu
T=$1
FIX=$2
CHECK="/usr/bin/python3 $3"
PANGO=$4
CAT=$FIX/csv/sample.csv
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
run() { "$T" --no-default --catalog "$CAT" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

# 1. text is <text> in every chart's SVG, no glyph outlines
for chart in heatmap matrix timeline; do
  run plot "$chart" -o "$D/$chart.svg"
  grep -q '<text ' "$D/$chart.svg" || fail "$chart.svg has no <text>"
  ! grep -q '<symbol' "$D/$chart.svg" || fail "$chart.svg has glyph outlines"
done

# 2. the compare chart shows what 'compare' shows (rows, cells, relation, title, members)
run plot compare --a family=american --b family=european -o "$D/cmp.svg" > "$D/members"
run compare family=american family=european --format json > "$D/cmp.json"
$CHECK compare "$D/cmp.svg" "$D/cmp.json" family=american family=european
# ... and the check fails on a chart of the other comparison
run compare family=european family=american --format json > "$D/rev.json"
if $CHECK compare "$D/cmp.svg" "$D/rev.json" family=european family=american > "$D/out"; then
  fail "the compare check accepts a different comparison"
fi
grep -q "^plot compare: family=american = majority of TEST_US1, TEST_US2 (2; chosen by:" "$D/members" ||
  fail "members not printed"
# single agreements, as 'compare TEST_US1 TEST_EU2'
run plot compare --a TEST_US1 --b TEST_EU2 -o "$D/pair.svg" > /dev/null
run compare TEST_US1 TEST_EU2 --format json > "$D/pair.json"
$CHECK compare "$D/pair.svg" "$D/pair.json" TEST_US1 TEST_EU2

# 3. labelled timeline: every adopting dated agreement labels its markers, no overlap in a lane
$CHECK timeline "$D/timeline.svg" TEST_US1 TEST_US2 TEST_EU1 TEST_EU2
grep -q "labelled, 0 left out" "$D/timeline.svg" || fail "timeline footer does not count labels"

# 4. PDF output; size and resolution
run plot heatmap -o "$D/h.pdf"
head -c 5 "$D/h.pdf" | grep -q '%PDF-' || fail "h.pdf is not a PDF"
tail -c 8 "$D/h.pdf" | grep -q '%%EOF' || fail "h.pdf is not closed"
grep -aq '/FontFile' "$D/h.pdf" || fail "h.pdf embeds no font (text drawn as outlines?)"
run plot compare --a family=american --b family=european -o "$D/c.pdf" > /dev/null
run plot heatmap --width 17cm -o "$D/w.svg"
grep -q 'width="481.88[0-9]*pt"' "$D/w.svg" || fail "--width 17cm: $(grep -o 'width="[^"]*"' "$D/w.svg" | head -1)"
run plot heatmap --width 6in --height 4in -o "$D/wh.pdf"
grep -aq 'MediaBox \[ *0 0 432 288 *\]' "$D/wh.pdf" || fail "--width 6in --height 4in: $(grep -ao 'MediaBox[^]]*]' "$D/wh.pdf")"
run plot heatmap --width 400pt --dpi 300 -o "$D/d.png"
/usr/bin/python3 - "$D/d.png" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
w, h = struct.unpack(">II", d[16:24])
assert w == 1667, f"400 pt at 300 dpi is 1667 pixels wide, got {w}"
i = d.find(b"pHYs")
assert i > 0, "no pHYs chunk"
x, y, unit = struct.unpack(">IIB", d[i + 4:i + 13])
assert (x, y, unit) == (11811, 11811, 1), (x, y, unit)
print("ok: 1667 pixels, pHYs 11811 per metre (300 dpi)")
PY
set +e
for bad in "--dpi 10" "--dpi 3000" "--dpi x" "--width 0" "--width -3cm" "--width 5furlongs" \
           "--width 300in" "--height 0.1in"; do
  # shellcheck disable=SC2086
  run plot heatmap $bad -o "$D/bad.png" 2>"$D/err"
  [ $? -eq 2 ] || fail "'$bad' accepted"
  [ -s "$D/err" ] || fail "'$bad' without a message"
done
run plot heatmap --dpi 300 -o "$D/bad.svg" 2>"$D/err"; [ $? -eq 2 ] || fail "--dpi with SVG accepted"
grep -q "PNG" "$D/err" || fail "--dpi with SVG: unclear message"
run plot heatmap --width 200in --dpi 2400 -o "$D/bad.png" 2>"$D/err"; [ $? -eq 1 ] || fail "huge PNG accepted"
grep -q "too large" "$D/err" || fail "huge PNG: unclear message"
[ ! -e "$D/bad.png" ] && [ ! -e "$D/bad.svg" ] || fail "a refused chart left a file"
set -e

# 5. matrix: diagonal masked, minimum overlap, corpus filters, size bound
grep -q 'diagonal (an item with itself)' "$D/matrix.svg" || fail "diagonal not masked"
# the fixture's agreements share 2 or 3 categories: all masked at the default 10, none at 0
grep -q 'fewer than 10 shared categories (12 cells)' "$D/matrix.svg" || fail "overlap mask: $($CHECK texts "$D/matrix.svg" | grep shared)"
run plot matrix --min-overlap 0 -o "$D/m0.svg"
! grep -q 'shared categories' "$D/m0.svg" || fail "--min-overlap 0 still masks"
"$T" plot matrix --corpus "$FIX/corpus/good" -o "$D/all.svg"
"$T" plot matrix --corpus "$FIX/corpus/good" --party DDD -o "$D/ddd.svg"
[ "$($CHECK texts "$D/all.svg" | grep -c '^pta_')" -eq 6 ] || fail "corpus matrix: 3 agreements, 6 labels expected"
[ "$($CHECK texts "$D/ddd.svg" | grep -c '^pta_')" -eq 2 ] || fail "--party DDD: one agreement, 2 labels expected"
set +e
"$T" plot matrix --corpus "$FIX/corpus/good" --max 2 -o "$D/big.svg" 2>"$D/err"
[ $? -eq 1 ] && grep -q "3 agreements selected; a matrix chart shows at most 2" "$D/err" || fail "--max not enforced"
"$T" plot matrix --corpus "$FIX/corpus/good" --party ZZZ -o "$D/none.svg" 2>"$D/err"
[ $? -eq 1 ] && grep -q "no agreement" "$D/err" || fail "empty corpus selection"
"$T" plot matrix --corpus "$FIX/corpus/good" --family american -o "$D/x.svg" 2>"$D/err"
[ $? -eq 2 ] || fail "--family with --corpus accepted"
set -e

# 6. classify: the same minimum overlap
run classify family=american family=european > "$D/cls"
[ "$(grep -c 'too few categories' "$D/cls")" -eq 4 ] || fail "classify ignores the overlap"
run classify family=american family=european --min-categories 0 > "$D/cls0"
! grep -q 'too few categories' "$D/cls0" || fail "--min-categories 0 still flags"

# 7. a Chinese label: SVG text, and real glyphs in PNG/PDF when a CJK font is installed
printf ',中文标签,B\n中文标签,1,0.5\nB,0.5,1\n' > "$D/cjk.csv"
"$T" plot matrix --input "$D/cjk.csv" --title '数字贸易 similarity' -o "$D/cjk.svg"
grep -q '>中文标签</text>' "$D/cjk.svg" || fail "the CJK label is not SVG text"
grep -q '>数字贸易 similarity</text>' "$D/cjk.svg" || fail "the CJK title is not SVG text"
if [ "$PANGO" != yes ]; then
  echo "ok (built without Pango: PNG/PDF glyph check skipped)"
  exit 0
fi
# the glyph count works: a private-use character has no glyph anywhere
printf ',\356\200\200x,B\n\356\200\200x,1,0.5\nB,0.5,1\n' > "$D/pua.csv"
"$T" plot matrix --input "$D/pua.csv" -o "$D/pua.png" 2>"$D/err"
grep -q "no glyph" "$D/err" || fail "a character without a glyph is not reported"
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  echo "SKIP: no CJK font installed (fonts-noto-cjk or fonts-wqy-zenhei)"
  exit 77
fi
for f in png pdf; do
  "$T" plot matrix --input "$D/cjk.csv" --title '数字贸易 similarity' -o "$D/cjk.$f" 2>"$D/err"
  ! grep -q "no glyph" "$D/err" || fail "CJK label drawn as boxes in $f: $(cat "$D/err")"
done
echo "ok"
