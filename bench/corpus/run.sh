#!/bin/sh
# Corpus benchmark: libtraderules vs scikit-learn (CountVectorizer) and lxml on the full
# ToTA corpus, in the same run: alternating rounds, medians, ratios, peak RSS, the
# library's phase times, 1 thread vs the default thread count, and the load average
# (the machine is shared). Checks that the outputs are identical byte for byte.
# Usage: bench/corpus/run.sh [XMLDIR] [BUILDDIR]   (run by hand, never a test; needs
#        /usr/bin/python3 with sklearn, scipy and lxml)
# Environment: RUNS (default 3) rounds, SK_RUNS (default RUNS) of them with the
#        baselines (scikit-learn takes 30 s of CPU per job), JOBS (default
#        ingest,matrix,pairs,trace,templates).
set -eu
cd "$(dirname "$0")/../.."
XML=${1:-../shared/data/tota/xml}
BUILD=${2:-build}
[ -x "$BUILD/bench/corpus/trbench" ] || { echo "build first: meson compile -C $BUILD" >&2; exit 1; }
[ -d "$XML" ] || { echo "no corpus at $XML" >&2; exit 1; }
RUNS=${RUNS:-3}
exec /usr/bin/python3 bench/corpus/bench.py --runs "$RUNS" --sk-runs "${SK_RUNS:-$RUNS}" \
  --jobs "${JOBS:-ingest,matrix,pairs,trace,templates}" "$XML" "$BUILD/bench/corpus/trbench" \
  "$BUILD/tools/traderules"
