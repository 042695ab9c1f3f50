#!/bin/sh
# ABI guard: compare the committed baseline (the last released ABI) with the
# freshly built library. Pure additions pass; any incompatible change fails.
#
# abidiff's exit status is a bit field: 1 error, 2 usage error, 4 ABI change,
# 8 incompatible ABI change. We fail on 1, 2 and 8. Bit 4 alone also covers
# changes that break callers but that libabigail does not class as
# incompatible (a return type long -> int, an enumerator whose value changes),
# so with bit 4 we also fail when the report counts any removed or changed
# function or variable; only additions (and changes libabigail filters out as
# harmless, such as a new enumerator) pass.
# Exit 77 (meson: skipped) when abidiff is not installed.
# Usage: check-abi.sh [--expect-break] BASELINE LIBRARY HEADERS_DIR GENERATED_HEADERS_DIR
# --expect-break (the gate's self-test, tests/abi/mutant): succeed only when
# the library is refused for an ABI break (removed or changed function or
# type); an accepted library or a comparison that could not run fails.
set -u
EXPECT_BREAK=0
[ "${1:-}" = --expect-break ] && { EXPECT_BREAK=1; shift; }
BASELINE=$1 LIB=$2 HDRS=$3 GEN=$4
command -v abidiff >/dev/null 2>&1 || { echo "abidiff not installed (abigail-tools): skipped"; exit 77; }
[ -f "$BASELINE" ] || { echo "no baseline $BASELINE: run scripts/update-abi-baseline"; exit 1; }
report=$(abidiff --headers-dir2 "$HDRS" --header-file2 "$GEN/version.h" \
        --no-corpus-path --no-show-locs "$BASELINE" "$LIB" 2>&1)
rc=$?
printf '%s\n' "$report"
fail() {
  if [ $EXPECT_BREAK -eq 1 ]; then
    echo "expected break detected: $* (abidiff exit $rc)"
    exit 0
  fi
  echo "FAIL: $* (abidiff exit $rc) against $BASELINE."
  echo "Within 0.x functions may only be added (in a new version node); see docs/stability.md."
  echo "A deliberate break needs a SONAME bump and a new baseline (scripts/update-abi-baseline) in its own commit."
  exit 1
}
[ $((rc & 3)) -ne 0 ] && { echo "FAIL: abidiff could not compare (exit $rc)"; exit 1; }
[ $((rc & 8)) -ne 0 ] && fail "incompatible ABI change"
if [ $((rc & 4)) -ne 0 ]; then
  printf '%s\n' "$report" | grep -Eq '^(Functions|Variables) changes summary: ([1-9][0-9]* Removed|[0-9]+ Removed(,| \([0-9]+ filtered out\),) [1-9][0-9]* Changed)' \
    && fail "a function or variable of the baseline was removed or changed"
  echo "compatible ABI change (additions only)"
fi
echo "abi: ok (abidiff exit $rc)"
if [ $EXPECT_BREAK -eq 1 ]; then
  echo "FAIL: --expect-break: this deliberately changed library was accepted"
  exit 1
fi
exit 0
