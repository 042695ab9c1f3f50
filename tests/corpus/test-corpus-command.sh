#!/bin/sh
# Runs 'traderules corpus' on the written fixtures and checks output and exit status.
# Usage: test-corpus-command.sh TRADERULES FIXTURES_DIR
set -u
TR=$1
FIX=$2/corpus
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
run() {
  want=$1; shift
  "$TR" "$@" >"$TMP/out" 2>"$TMP/err"
  got=$?
  [ "$got" -eq "$want" ] || fail "traderules $* exited $got, expected $want; stderr: $(cat "$TMP/err")"
}
out_has() { grep -qF -- "$1" "$TMP/out" || fail "stdout lacks '$1' ($CASE): $(cat "$TMP/out")"; }
err_has() { grep -qF -- "$1" "$TMP/err" || fail "stderr lacks '$1' ($CASE): $(cat "$TMP/err")"; }
err_empty() { [ ! -s "$TMP/err" ] || fail "$CASE: unexpected stderr (no terminal, so no progress): $(cat "$TMP/err")"; }
lines() { n=$(wc -l <"$TMP/out"); [ "$n" -eq "$1" ] || fail "$CASE: $n lines, expected $1"; }

CASE="info csv"
run 0 corpus info "$FIX/good" --format csv
lines 4; out_has "2,Gamma"; out_has "CCC;DDD;EEE"; err_empty

CASE="info one file, json"
run 0 --format json corpus info "$FIX/good/pta_10.xml"
out_has '"tota_id": "10"'; out_has '"articles": 1'

CASE="similar matrix"
run 0 corpus similar "$FIX/good" -n 3 --format csv
lines 4; out_has "1,Alpha - Beta,2,"; err_empty

CASE="similar --nonzero: the dense rows without the pairs sharing nothing, same order"
run 0 corpus similar "$FIX/good" -n 3 --unit article --format csv
awk -F, 'NR == 1 || $6 != 0' "$TMP/out" >"$TMP/dense_nonzero"
[ "$(wc -l <"$TMP/out")" -gt "$(wc -l <"$TMP/dense_nonzero")" ] || fail "$CASE: no zero pair to drop"
run 0 corpus similar "$FIX/good" -n 3 --unit article --format csv --nonzero
cmp -s "$TMP/out" "$TMP/dense_nonzero" || fail "$CASE: differs from the dense rows: $(cat "$TMP/out")"
lines 4; err_empty

CASE="similar two ids, articles"
run 0 corpus similar "$FIX/good" -n 3 --unit article 102 202 --format csv
lines 2; out_has "102,ARTICLE 1.1,202,ARTICLE 2,0.909091,20,22"

CASE="similar top"
run 0 corpus similar "$FIX/good" --unit agreement --top 1 1 --format csv
lines 2

CASE="pairs"
run 0 corpus pairs "$FIX/good" -n 3 --threshold 0.35 --format csv
lines 4; out_has ",0.909091,20,22"

CASE="pairs across, char shingles"
run 0 corpus pairs "$FIX/good" --kind char --threshold 0.3 --across --format csv
out_has "a_agreement"

CASE="trace"
run 0 corpus trace "$FIX/good" -n 3 --threshold 0.2 --format csv
lines 3; out_has "2,2005-11-20,202,ARTICLE 2,1,2001-05-03,102,ARTICLE 1.1,0.909091"

CASE="pairs and trace name the agreements (CSV adds names; the table shows names, not identifiers)"
run 0 corpus pairs "$FIX/good" -n 3 --threshold 0.35 --unit article --format csv
out_has "a_agreement,a,a_label,b_agreement,b,b_label,jaccard,intersection,union,a_name,b_name"
out_has "1,102,ARTICLE 1.1,2,202,ARTICLE 2,0.909091,20,22,Alpha - Beta,Gamma – Δelta"
run 0 corpus pairs "$FIX/good" -n 3 --threshold 0.35 --unit article --width 0
out_has "Alpha - Beta"; out_has "ARTICLE 1.1"
grep -qE '(^| )(102|202|1001)( |$)' "$TMP/out" && fail "pairs table shows internal article identifiers: $(cat "$TMP/out")"
run 0 corpus pairs "$FIX/good" -n 3 --threshold 0.1 --unit agreement --width 0
out_has "Alpha - Beta"; out_has "Epsilon - Zeta"
run 0 corpus trace "$FIX/good" -n 3 --threshold 0.2 --width 0
out_has "Gamma – Δelta"; out_has "ARTICLE 2"
grep -qE '(^| )(102|202|1001)( |$)' "$TMP/out" && fail "trace table shows internal article identifiers: $(cat "$TMP/out")"
run 0 corpus trace "$FIX/good" -n 3 --threshold 0.2 --format json
out_has '"name": "Gamma – Δelta"'; out_has '"source_name": "Alpha - Beta"'; out_has '"article": "202"'

# R and pandas read the pairs and trace CSV with their names unchanged
run 0 corpus pairs "$FIX/good" -n 3 --threshold 0.35 --unit article --format csv
cp "$TMP/out" "$TMP/pairs.csv"
run 0 corpus trace "$FIX/good" -n 3 --threshold 0.2 --format csv
cp "$TMP/out" "$TMP/trace.csv"
for f in pairs trace; do
  if /usr/bin/python3 -c "import pandas" 2>/dev/null; then
    /usr/bin/python3 -c "import pandas, sys; d = pandas.read_csv(sys.argv[1]); assert len(d) >= 2 and 'jaccard' in d and d['jaccard'].dtype.kind == 'f'" "$TMP/$f.csv" ||
      fail "pandas cannot read corpus $f CSV"
  fi
  if command -v Rscript >/dev/null 2>&1; then
    Rscript --vanilla -e 'f <- commandArgs(TRUE)[1]; d <- read.csv(f, encoding = "UTF-8")
      stopifnot(nrow(d) >= 2, is.numeric(d$jaccard), identical(names(d), strsplit(readLines(f, n = 1), ",")[[1]]))' \
      "$TMP/$f.csv" >/dev/null 2>&1 || fail "R cannot read corpus $f CSV unchanged"
  fi
done

CASE="templates on a corpus without the reference agreements"
run 0 corpus templates "$FIX/good" --format csv
out_has "within US,0,"; out_has "Alpha - Beta"; out_has "Gamma"

CASE="timings"
run 0 corpus pairs "$FIX/good" -n 3 --threshold 0.35 --format csv --timings
lines 4; for ph in ingest tokenize intern sets join output total; do err_has "$ph "; done
TR_TIMINGS=1 "$TR" corpus similar "$FIX/good" -n 3 --format csv >"$TMP/out" 2>"$TMP/err" || fail "TR_TIMINGS=1 similar failed"
lines 4; err_has "intern "; err_has "output "

CASE="region trace (TR_TRACE_PARALLEL=1): lines on stderr, the same stdout"
"$TR" --format csv corpus pairs "$FIX/good" -n 3 --threshold 0.2 --threads 2 >"$TMP/plain" 2>/dev/null || fail "$CASE: plain run"
TR_TRACE_PARALLEL=1 "$TR" --format csv corpus pairs "$FIX/good" -n 3 --threshold 0.2 --threads 2 >"$TMP/out" 2>"$TMP/err" || fail "$CASE: traced run"
cmp -s "$TMP/plain" "$TMP/out" || fail "$CASE: stdout differs with the trace"
grep -Eq '^tr-parallel: [a-z_]+ +n=[0-9]+ +threads=2 +gap= *[0-9.]+ wall= *[0-9.]+ tail= *[0-9.]+ start= *[0-9.]+$' "$TMP/err" ||
  fail "$CASE: no region line: $(cat "$TMP/err")"
TR_TRACE_PARALLEL=0 "$TR" --format csv corpus pairs "$FIX/good" -n 3 --threshold 0.2 --threads 2 >"$TMP/out" 2>"$TMP/err" || fail "$CASE: TR_TRACE_PARALLEL=0 run"
grep -q 'tr-parallel' "$TMP/err" && fail "$CASE: TR_TRACE_PARALLEL=0 traced"

CASE="1 thread and 2 threads: the same bytes"
for sub in "similar" "pairs --threshold 0.2" "trace --threshold 0.2" "similar --unit chapter"; do
  # shellcheck disable=SC2086
  "$TR" --format csv corpus $sub "$FIX/good" -n 3 --threads 1 >"$TMP/t1" 2>&1 || fail "$sub --threads 1"
  # shellcheck disable=SC2086
  "$TR" --format csv corpus $sub "$FIX/good" -n 3 --threads 2 >"$TMP/t2" 2>&1 || fail "$sub --threads 2"
  cmp -s "$TMP/t1" "$TMP/t2" || fail "$sub: 1 and 2 threads differ"
  [ -s "$TMP/t1" ] || fail "$sub: no output"
done

CASE="bad file names file and line"
run 1 corpus info "$FIX/mixed"
err_has "pta_2.xml:27:"; err_has "(parse)"

CASE="skip errors"
run 0 corpus info "$FIX/mixed" --skip-errors --format csv
lines 3; err_has "skipped"; err_has "pta_4.xml:28:"

CASE="usage errors"
run 2 corpus
run 2 corpus bogus "$FIX/good"
run 2 corpus pairs "$FIX/good" --threshold 2
run 2 corpus pairs "$FIX/good" --kind nope
run 2 corpus similar "$FIX/good" 999
run 1 corpus info "$FIX/does-not-exist"
err_has "does-not-exist"

[ $failures -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "all corpus command checks passed"
