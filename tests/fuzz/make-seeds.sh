#!/bin/sh
# Generate the seed corpus of one fuzz harness into OUTDIR, at run time (seeds
# are never committed: they come from the test fixtures, from the embedded
# data through the library, and from ../shared/data when it exists).
#
# Usage: make-seeds.sh HARNESS OUTDIR
# Environment: TR_SOURCE_ROOT (default: this script's repository),
#   TR_BUILD_ROOT (for helper programs such as tests/fuzz/dump-catalog),
#   TR_SHARED_DATA (default: the first of $TR_SOURCE_ROOT/../shared/data,
#   /work/shared/data that exists; optional).
set -eu
NAME=$1 OUT=$2
SRC=${TR_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${TR_BUILD_ROOT:-$SRC/build}
SHARED=${TR_SHARED_DATA:-}
if [ -z "$SHARED" ]; then
  for d in "$SRC/../shared/data" /work/shared/data; do
    [ -d "$d" ] && { SHARED=$d; break; }
  done
fi
mkdir -p "$OUT"
n=0
put() { # put NAME < content
  cat > "$OUT/$1"; n=$((n + 1))
}
copy_dir() { # copy_dir DIR GLOB [MAXBYTES]
  [ -d "$1" ] || return 0
  for f in "$1"/$2; do
    [ -f "$f" ] || continue
    if [ -n "${3:-}" ]; then head -c "$3" "$f" > "$OUT/$(basename "$f")"; else cp "$f" "$OUT/"; fi
    n=$((n + 1))
  done
}
PY=$(command -v python3 || command -v /usr/bin/python3)

case "$NAME" in
catalog-json)
  printf '{}' | put empty-object.json
  printf '{"format":"traderules-catalog","version":1}' | put header-only.json
  printf '{"format":"traderules-catalog","version":1,"agreements":[{"id":"A","name":"A","parties":["EU","JPN"],"date_signed":"2018-07-17","provisions":[{"category":"cross_border_data_flows","strength":"hard","exceptions":["lppo"],"dispute_settlement":"yes"}]}],"barriers":[{"id":"B1x","type":"data_localisation","name":"x","disciplined_by":["data_localisation"]}],"indicators":[{"economy":"USA","indicator":"x","year":2016,"value":1.5,"unit":"USD billion"}]}' | put small-valid.json
  copy_dir "$SRC/tests/fixtures/model" '*.json'
  copy_dir "$SRC/tests/fixtures/failure" '*.json'
  copy_dir "$SHARED/jsontestsuite/test_parsing" '*.json'
  if [ -x "$BUILD/tests/fuzz/dump-catalog" ] && "$BUILD/tests/fuzz/dump-catalog" > "$OUT/default-catalog.json" 2>/dev/null; then
    n=$((n + 1))
    # One small catalog per agreement of the embedded data, plus the barriers
    # and the indicators alone: small seeds fuzz faster than the whole file.
    "$PY" - "$OUT/default-catalog.json" "$OUT" <<'PYEOF' && n=$((n + $(ls "$OUT" | grep -c '^slice-')))
import json, sys
cat = json.load(open(sys.argv[1], encoding="utf-8"))
head = {k: v for k, v in cat.items() if k not in ("agreements", "barriers", "indicators")}
for i, a in enumerate(cat.get("agreements", [])):
    a = dict(a); a.pop("based_on", None)
    json.dump(dict(head, agreements=[a]), open(f"{sys.argv[2]}/slice-agreement-{i:03d}.json", "w"), indent=1)
json.dump(dict(head, barriers=cat.get("barriers", [])), open(f"{sys.argv[2]}/slice-barriers.json", "w"), indent=1)
json.dump(dict(head, indicators=cat.get("indicators", [])[:20]), open(f"{sys.argv[2]}/slice-indicators.json", "w"), indent=1)
PYEOF
  else
    rm -f "$OUT/default-catalog.json"
  fi
  ;;
*)
  echo "make-seeds.sh: unknown harness '$NAME'" >&2
  exit 2
  ;;
esac
echo "$NAME: $(ls "$OUT" | wc -l) seeds in $OUT${SHARED:+ (shared data: $SHARED)}"
