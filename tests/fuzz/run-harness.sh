#!/bin/sh
# Run one libFuzzer harness for a fixed number of executions over a freshly
# generated seed corpus (the 'fuzz' test suite). New inputs go to a temporary
# directory, never into the repository. Prints libFuzzer's own summary
# ("Done N runs in S second(s)").
# Usage: run-harness.sh HARNESS_BINARY NAME RUNS [REGRESSION_DIR]
set -eu
BIN=$1 NAME=$2 RUNS=$3 REGRESS=${4:-}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tr-fuzz-$NAME.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
"$(dirname "$0")/make-seeds.sh" "$NAME" "$TMP/seeds"
mkdir -p "$TMP/new"
set -- "$TMP/new" "$TMP/seeds"
[ -n "$REGRESS" ] && [ -d "$REGRESS" ] && set -- "$@" "$REGRESS"
# -max_len caps generated inputs (seeds may be larger); -timeout flags hangs;
# -rss_limit_mb flags runaway memory; a crashing input (crash-*, oom-*,
# timeout-*, leak-*) is kept in BUILD/fuzz-artifacts/ to become a regression.
ART=${TR_BUILD_ROOT:-.}/fuzz-artifacts
mkdir -p "$ART"
rc=0
"$BIN" -runs="$RUNS" -seed=1 -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$ART/$NAME-" "$@" || rc=$?
[ $rc -ne 0 ] && echo "FAIL: $NAME exited $rc; artifacts in $ART"
exit $rc
