#!/bin/sh
# Fuzz every libFuzzer harness (or the ones named) for a chosen time each.
#
# Usage: bench/fuzz/run.sh [SECONDS] [HARNESS...]     (default 60 s, all harnesses)
#
# Builds build-fuzz (clang, -Dfuzzers=true, ASan+UBSan) if needed. For each
# harness NAME: seeds are generated into fuzz-out/NAME/seeds by
# tests/fuzz/make-seeds.sh, the growing corpus is kept in fuzz-out/NAME/corpus
# (reused by the next run; fuzz-out/ is not committed), crashing inputs land in
# fuzz-out/NAME/ as crash-*, leak-*, timeout-* or oom-*. The summary prints, per
# harness, the executions run and the crashes found.
#
# Input size: libFuzzer's -max_len is 64 KiB by default here, and 1 MiB for the
# harnesses whose bugs need size (barrier-profile, corpus-xml, catalog-json,
# csv: quadratic loads, deep nesting, long records). FUZZ_MAX_LEN overrides both.
#
# A long run (documented in bench/fuzz/README.md): on a shared machine,
#   nice -n 15 bench/fuzz/run.sh 1800        # 30 min per harness
#
# A crash becomes a regression: copy the input to
# tests/fuzz/regressions/NAME/<short-description>, fix the bug (or report it to
# the subsystem's owner), and the replay-NAME unit test runs it from then on.
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SECONDS_EACH=${1:-60}
[ $# -gt 0 ] && shift
BUILD=${FUZZ_BUILD:-build-fuzz}
[ -d "$BUILD" ] || CC=clang meson setup "$BUILD" -Dfuzzers=true -Db_sanitize=address,undefined \
  -Db_lundef=false -Dbuildtype=debugoptimized -Ddocs=disabled >/dev/null
# only the harnesses (the rest of the tree does not link with fuzzer instrumentation)
ninja -C "$BUILD" build.ninja >/dev/null
# shellcheck disable=SC2046
ninja -C "$BUILD" $(scripts/suite-targets "$BUILD" fuzz) >/dev/null
if [ $# -eq 0 ]; then
  # shellcheck disable=SC2046
  set -- $(cd "$BUILD/tests/fuzz" && for f in fuzz-*; do [ -f "$f" ] && [ -x "$f" ] && echo "${f#fuzz-}"; done)
fi
[ $# -gt 0 ] || { echo "no harnesses built in $BUILD/tests/fuzz"; exit 1; }
export TR_SOURCE_ROOT="$ROOT" TR_BUILD_ROOT="$ROOT/$BUILD"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
summary=""
status=0
for name in "$@"; do
  out=fuzz-out/$name
  mkdir -p "$out/corpus"
  rm -rf "$out/seeds"
  tests/fuzz/make-seeds.sh "$name" "$out/seeds"
  log=$out/last-run.log
  rc=0
  dirs="$out/corpus $out/seeds"
  [ -d "tests/fuzz/regressions/$name" ] && dirs="$dirs tests/fuzz/regressions/$name"
  case $name in
    barrier-profile|corpus-xml|catalog-json|csv) max_len=1048576 ;;
    *) max_len=65536 ;;
  esac
  max_len=${FUZZ_MAX_LEN:-$max_len}
  # shellcheck disable=SC2086
  "$BUILD/tests/fuzz/fuzz-$name" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$out/" $dirs >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  crashes=$(ls "$out" | grep -cE '^(crash|leak|timeout|oom|slow-unit)-' || true)
  line=$(printf '%-16s %10s executions in %ss (max_len %s), exit %d, %d crash files in %s' \
    "$name" "${runs:-?}" "$SECONDS_EACH" "$max_len" "$rc" "$crashes" "$out")
  echo "$line"
  summary="$summary$line
"
  [ $rc -ne 0 ] && { status=1; tail -n 30 "$log"; }
done
printf '\n%s' "$summary"
exit $status
