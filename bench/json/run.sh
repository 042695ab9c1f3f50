#!/bin/sh
# Before/after benchmark of the JSON loaders: bench-json-load.c built against two builds of
# the library (e.g. a worktree of the commit before a change, and this tree), run in
# alternation (the order flips every run), CPU-time medians and their ratio per loader.
# Usage: bench/json/run.sh BASE_SRC BASE_BUILD [NEW_BUILD [RUNS [MIB]]]
#   BASE_SRC/BASE_BUILD: source tree and build directory of the baseline;
#   NEW_BUILD: build directory of this tree (default build-rel; use the same buildtype
#   for both); RUNS: runs per loader and build (default 5); MIB: profile size (default 64).
# Example (results in bench/json/README.md):
#   git worktree add --detach ../base 9777075 && (cd ../base && meson setup build-rel \
#     -Dbuildtype=release && ninja -C build-rel)
#   meson setup build-rel -Dbuildtype=release && ninja -C build-rel
#   bench/json/run.sh ../base ../base/build-rel build-rel 5
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BASE_SRC=$(cd "$1" && pwd)
BASE_BUILD=$(cd "$2" && pwd)
NEW_BUILD=$(cd "${3:-$ROOT/build-rel}" && pwd)
RUNS=${4:-5}
MIB=${5:-64}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

build() { # build NAME SRC BUILD
  # shellcheck disable=SC2046
  cc -O2 -o "$TMP/$1" "$ROOT/bench/json/bench-json-load.c" -I"$2/include" -I"$3/include" \
    $(pkg-config --cflags --libs glib-2.0) -L"$3/lib" -ltraderules -Wl,-rpath,"$3/lib"
}
build before "$BASE_SRC" "$BASE_BUILD"
build after "$ROOT" "$NEW_BUILD"

for what in catalog rules membership profile; do
  r=1
  while [ "$r" -le "$RUNS" ]; do
    if [ $((r % 2)) -eq 1 ]; then order="before after"; else order="after before"; fi
    for b in $order; do
      "$TMP/$b" "$what" "$MIB" >> "$TMP/$what.$b"
    done
    r=$((r + 1))
  done
done

/usr/bin/python3 - "$TMP" "$RUNS" <<'PY'
import statistics, sys
tmp, runs = sys.argv[1], sys.argv[2]
print(f"{'loader':<11} {'before_s':>9} {'after_s':>9} {'ratio':>6} {'before_rss_MiB':>14} {'after_rss_MiB':>13}  (medians of {runs} alternating runs)")
for what in ("catalog", "rules", "membership", "profile"):
    rows = {}
    for b in ("before", "after"):
        vals = [line.split() for line in open(f"{tmp}/{what}.{b}")]
        rows[b] = (statistics.median(float(v[1]) for v in vals), statistics.median(int(v[2]) for v in vals) / 1024)
    (tb, mb), (ta, ma) = rows["before"], rows["after"]
    print(f"{what:<11} {tb:9.4f} {ta:9.4f} {ta / tb:6.2f} {mb:14.0f} {ma:13.0f}")
PY
