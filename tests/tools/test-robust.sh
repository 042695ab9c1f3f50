#!/bin/sh
# Nothing lost on output, nothing unbounded on input (issue 16), run against the
# traderules binary. Every -o target is a path inside a temporary folder; the
# full standard output is /dev/full through a shell redirection (never -o).
# Usage: test-robust.sh TRADERULES FIXTURES_DIR
set -u
TR=$1
FIX=$2
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

S="--no-default --catalog $FIX/model/small.json"
XML="$FIX/corpus/good/pta_1.xml"
TXT="$FIX/coder/source-code.txt"
CSV="$FIX/csv/sample.csv"
HAS_PLOT=0
"$TR" plot --help 2>/dev/null | grep -q 'svg' && "$TR" $S plot heatmap -o "$TMP/probe.svg" 2>/dev/null && HAS_PLOT=1

# status CMD...: runs the command with stdout in $TMP/out, stderr in $TMP/err, prints the status
status() { "$@" >"$TMP/out" 2>"$TMP/err"; echo $?; }
expect() { # expect WANT CASE CMD...
  want=$1; case_=$2; shift 2
  got=$(status "$@")
  [ "$got" = "$want" ] || fail "$case_: status $got, expected $want: $(head -c 400 "$TMP/err")"
}
err_has() { grep -qF -- "$2" "$TMP/err" || fail "$1: stderr lacks '$2': $(head -c 400 "$TMP/err")"; }

# ---- 1. write errors on standard output: a full device, a closed descriptor ----
for args in "list" "categories" "barriers" "export" "export --wide" "show TPP --format json" \
    "matrix" "classify" "timeline" "compare american european" "coverage american" \
    "common-ground american european" "indicators"; do
  # shellcheck disable=SC2086
  "$TR" $args >/dev/full 2>"$TMP/err"; st=$?
  [ "$st" -eq 1 ] || fail "'$args >/dev/full' exited $st, expected 1"
  grep -q 'write error' "$TMP/err" || fail "'$args >/dev/full': no 'write error' message: $(cat "$TMP/err")"
  # shellcheck disable=SC2086
  "$TR" $args >&- 2>"$TMP/err"; st=$?
  [ "$st" -eq 1 ] || fail "'$args >&-' (closed stdout) exited $st, expected 1"
done
"$TR" import "$CSV" >/dev/full 2>"$TMP/err"; [ $? -eq 1 ] || fail "import >/dev/full: status 0"
"$TR" code "$TXT" >/dev/full 2>"$TMP/err"; [ $? -eq 1 ] || fail "code >/dev/full: status 0"
for sub in info "similar -n 3" "pairs -n 3 --threshold 0.1"; do
  # shellcheck disable=SC2086
  "$TR" corpus $sub "$FIX/corpus/good" >/dev/full 2>"$TMP/err"; st=$?
  [ "$st" -eq 1 ] || fail "corpus $sub >/dev/full exited $st"
done
# Nothing written: a closed stdout is not an error (as in coreutils).
"$TR" list $S --party NOBODY --format json >/dev/null 2>&1 || true

# ---- 2. full disk: RLIMIT_FSIZE of 1 KiB (SIGXFSZ ignored, so write() fails with EFBIG) ----
sh -c "trap '' XFSZ; ulimit -f 1; exec \"$TR\" export" >"$TMP/cut.csv" 2>"$TMP/err"; st=$?
[ "$st" -eq 1 ] || fail "export to stdout over the file-size limit exited $st (file cut at $(wc -c <"$TMP/cut.csv") bytes)"
echo "old content" >"$TMP/keep.csv"
sh -c "trap '' XFSZ; ulimit -f 1; exec \"$TR\" export -o \"$TMP/keep.csv\"" 2>"$TMP/err"; st=$?
[ "$st" -eq 1 ] || fail "export -o over the file-size limit exited $st"
[ "$(cat "$TMP/keep.csv")" = "old content" ] || fail "export -o over the file-size limit changed the old file"
ls -a "$TMP" | grep -q '^\.keep\.csv\.' && fail "export -o left a temporary file behind"
sh -c "trap '' XFSZ; ulimit -f 1; exec \"$TR\" import \"$CSV\" -o \"$TMP/keep.csv\"" 2>"$TMP/err"; st=$?
[ "$st" -eq 1 ] || fail "import -o over the file-size limit exited $st"
[ "$(cat "$TMP/keep.csv")" = "old content" ] || fail "import -o over the file-size limit changed the old file"

# ---- 3. -o FILE: symlink followed, dangling link refused, FIFO written, read-only refused ----
expect 0 "export -o new file" "$TR" $S export -o "$TMP/new.csv"
[ -f "$TMP/new.csv" ] && grep -q '^agreement_id\|ALPHA' "$TMP/new.csv" || fail "export -o did not write the file"
cp "$TMP/new.csv" "$TMP/real.csv"; echo stale >"$TMP/real.csv"
ln -s real.csv "$TMP/link.csv"
expect 0 "export -o symlink" "$TR" $S export -o "$TMP/link.csv"
[ -L "$TMP/link.csv" ] || fail "export -o replaced the symlink by a regular file"
cmp -s "$TMP/real.csv" "$TMP/new.csv" || fail "export -o through a symlink did not update its target"
ln -s nowhere.csv "$TMP/dangling.csv"
expect 1 "export -o dangling symlink" "$TR" $S export -o "$TMP/dangling.csv"
err_has "dangling" "does not exist"
[ -L "$TMP/dangling.csv" ] || fail "the dangling link was replaced"
echo "read-only" >"$TMP/ro.csv"; chmod 0444 "$TMP/ro.csv"
expect 1 "export -o read-only" "$TR" $S export -o "$TMP/ro.csv"
err_has "read-only" "read-only"
[ "$(cat "$TMP/ro.csv")" = "read-only" ] || fail "a read-only target was replaced"
expect 1 "import -o read-only" "$TR" $S import "$CSV" -o "$TMP/ro.csv"
[ "$(cat "$TMP/ro.csv")" = "read-only" ] || fail "import replaced a read-only target"
mkdir "$TMP/dir.csv"
expect 1 "export -o directory" "$TR" $S export -o "$TMP/dir.csv"
echo keep >"$TMP/mode.csv"; chmod 0640 "$TMP/mode.csv"
expect 0 "export -o keeps the mode" "$TR" $S export -o "$TMP/mode.csv"
[ "$(stat -c %a "$TMP/mode.csv")" = 640 ] || fail "export -o changed the mode to $(stat -c %a "$TMP/mode.csv")"
if mkfifo "$TMP/fifo"; then
  timeout 30 cat "$TMP/fifo" >"$TMP/from-fifo" &
  reader=$!
  expect 0 "export -o FIFO" "$TR" $S export -o "$TMP/fifo"
  wait $reader
  [ -p "$TMP/fifo" ] || fail "export -o replaced the FIFO by a regular file"
  cmp -s "$TMP/from-fifo" "$TMP/new.csv" || fail "the FIFO's reader did not get the CSV"
  timeout 30 cat "$TMP/fifo" >"$TMP/from-fifo" &
  reader=$!
  expect 0 "import -o FIFO" "$TR" $S import "$CSV" -o "$TMP/fifo"
  wait $reader
  grep -q traderules-catalog "$TMP/from-fifo" || fail "import -o FIFO: the reader got nothing"
fi
if [ $HAS_PLOT -eq 1 ]; then
  echo "read-only" >"$TMP/ro.svg"; chmod 0444 "$TMP/ro.svg"
  expect 1 "plot -o read-only" "$TR" $S plot heatmap -o "$TMP/ro.svg"
  [ "$(cat "$TMP/ro.svg")" = "read-only" ] || fail "plot replaced a read-only target"
fi

# ---- 4. '-' is standard input / output for every file argument ----
expect 0 "export -o -" "$TR" $S export -o -
cmp -s "$TMP/out" "$TMP/new.csv" || fail "export -o - differs from export -o FILE"
[ -e ./- ] && fail "export -o - created a file named '-'"
"$TR" $S import - <"$CSV" >"$TMP/out" 2>"$TMP/err" || fail "import - failed: $(cat "$TMP/err")"
grep -q traderules-catalog "$TMP/out" || fail "import - wrote no catalog"
"$TR" $S import "$CSV" -o - >"$TMP/out" 2>"$TMP/err" || fail "import -o - failed: $(cat "$TMP/err")"
grep -q traderules-catalog "$TMP/out" || fail "import -o - wrote no catalog to stdout"
"$TR" code "$TXT" >"$TMP/code-file" 2>&1
"$TR" code - <"$TXT" >"$TMP/out" 2>"$TMP/err" || fail "code - failed: $(cat "$TMP/err")"
grep -q source_code "$TMP/out" || fail "code - did not code standard input: $(head -3 "$TMP/out")"
"$TR" corpus info - <"$XML" >"$TMP/out" 2>"$TMP/err" || fail "corpus info - failed: $(cat "$TMP/err")"
grep -q '1' "$TMP/out" || fail "corpus info - printed nothing"
"$TR" $S --catalog - list --format csv <"$FIX/tools/extra.json" >"$TMP/out" 2>"$TMP/err" ||
  fail "--catalog - failed: $(cat "$TMP/err")"
grep -q ZZ_TEST_EXTRA_1 "$TMP/out" || fail "--catalog - did not read standard input"
if [ $HAS_PLOT -eq 1 ]; then
  "$TR" $S plot heatmap -o - --type svg >"$TMP/out" 2>"$TMP/err" || fail "plot -o - failed: $(cat "$TMP/err")"
  grep -q '<svg' "$TMP/out" || fail "plot -o - wrote no SVG to stdout"
  "$TR" $S plot heatmap -o - --type svg >/dev/full 2>/dev/null && fail "plot -o - >/dev/full exited 0"
fi
"$TR" $S export -o - >/dev/full 2>/dev/null && fail "export -o - >/dev/full exited 0"

# ---- 5. option values checked where parsed ----
for cmd in matrix classify timeline export; do
  expect 2 "$cmd --years 2020-2010" "$TR" $cmd --years 2020-2010
  expect 2 "$cmd --years=2020-2010" "$TR" $cmd --years=2020-2010
done
expect 2 "plot --years 2020-2010" "$TR" plot heatmap --years 2020-2010 -o "$TMP/y.svg"
expect 0 "matrix --years 2010-2020" "$TR" matrix --years 2010-2020 --format csv
expect 0 "matrix --threads=2" "$TR" matrix --threads=2 --format csv
cp "$TMP/out" "$TMP/matrix-eq"
expect 0 "matrix --threads 2" "$TR" matrix --threads 2 --format csv
cmp -s "$TMP/out" "$TMP/matrix-eq" || fail "--threads=2 and --threads 2 differ"
for v in -5 1000000 x 2x ""; do
  expect 2 "matrix --threads '$v'" "$TR" matrix --threads "$v"
  expect 2 "corpus info --threads '$v'" "$TR" corpus info --threads "$v" "$FIX/corpus/good"
done
expect 2 "corpus --unit bogus (before any work)" "$TR" corpus similar --unit bogus /nonexistent
err_has "--unit bogus" "unit"
# Every --catalog adds its agreements (help and man page say so).
expect 0 "two --catalog" "$TR" --no-default --catalog "$FIX/model/small.json" --catalog "$FIX/tools/extra.json" list --format csv
grep -q ALPHA "$TMP/out" || fail "two --catalog: the first catalog's agreements are missing"
grep -q ZZ_TEST_EXTRA_1 "$TMP/out" || fail "two --catalog: the second catalog's agreements are missing"

# ---- 6. one size limit before reading, for every input including standard input ----
# 65 MiB of zeros through a pipe: refused at the limit (no unbounded read, no abort)
head -c 68157440 /dev/zero | "$TR" $S import - >/dev/null 2>"$TMP/err"; st=$?
[ "$st" -eq 1 ] || fail "import - of 65 MiB exited $st"
err_has "import - 65 MiB" "limit"
# AddressSanitizer reserves terabytes of shadow address space at start, so the
# address-space limits below cannot be tested on a sanitizer build (they are
# tested by the plain build of the same suite).
asan=0
if ldd "$TR" 2>/dev/null | grep -q 'libasan'; then asan=1; echo "ASan build: ulimit -v checks skipped"; fi
# /dev/zero under a 512 MiB address-space limit: a clean error, not SIGTRAP from GLib
PLOT_ZERO=""
[ $HAS_PLOT -eq 1 ] && PLOT_ZERO="plot matrix --input /dev/zero -o $TMP/zero.svg"
# (rules files, barrier profiles and plot --input too: each was read whole first)
[ $asan -eq 1 ] || for args in "corpus info /dev/zero" "code /dev/zero" "$S import /dev/zero" "--catalog /dev/zero list" \
    "code --rules /dev/zero $TXT" "coverage american --profile /dev/zero" ${PLOT_ZERO:+"$PLOT_ZERO"}; do
  sh -c "ulimit -v 524288; exec \"$TR\" $args" >/dev/null 2>"$TMP/err"; st=$?
  [ "$st" -eq 1 ] || fail "$args under ulimit -v exited $st: $(head -c 300 "$TMP/err")"
  grep -q 'limit' "$TMP/err" || fail "$args: no limit message: $(head -c 300 "$TMP/err")"
done
truncate -s 70M "$TMP/big.xml"
expect 1 "corpus info on a 70 MiB file" "$TR" corpus info "$TMP/big.xml"
err_has "big.xml" "limit"

# ---- 8. smaller items: silent acceptance turned into clear errors ----
printf 'agreement,name,tota_id,category,strength\nT1,N,0,cross_border_data_flows,soft\n' >"$TMP/zero.csv"
expect 1 "CSV tota_id 0" "$TR" --no-default import "$TMP/zero.csv"
err_has "CSV tota_id 0" "tota_id"
sed 's|<treaty_identifier>1</treaty_identifier>|<treaty_identifier>1</treaty_identifier><treaty_identifier>7</treaty_identifier>|' \
  "$XML" >"$TMP/dup-id.xml"
expect 1 "second <treaty_identifier>" "$TR" corpus info "$TMP/dup-id.xml"
err_has "second <treaty_identifier>" "second <treaty_identifier>"
mkdir "$TMP/withlink"; cp "$XML" "$TMP/withlink/pta_1.xml"; ln -s missing.xml "$TMP/withlink/pta_2.xml"
expect 1 "dangling *.xml link in a corpus folder" "$TR" corpus info "$TMP/withlink"
err_has "dangling *.xml link" "pta_2.xml"
if [ -n "${TR_SOURCE_ROOT:-}" ]; then
  implicit=$(sed -n '/typedef enum tr_corpus_field/,/} tr_corpus_field;/p' "$TR_SOURCE_ROOT/include/traderules/corpus.h" |
    grep 'TR_CORPUS_FIELD_' | grep -vc ' = [0-9]')
  [ "$implicit" -eq 0 ] || fail "tr_corpus_field: $implicit enumerators without an explicit value"
fi

# ---- 7. corpus similar streams: memory for 2,000 small texts (2 million rows) stays far
# below the rows' size (MALLOC_ARENA_MAX=1 keeps the address space close to the heap) ----
mkdir "$TMP/small"
i=1
while [ $i -le 2000 ]; do
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<treaty><meta><name>T%d</name><treaty_identifier>%d</treaty_identifier></meta><body><chapter name="C" chapter_identifier="c%d"><article article_identifier="a%d">party %d shall cooperate on data %d and trade %d in services %d</article></chapter></body></treaty>\n' \
    $i $i $i $i $((i % 7)) $((i % 11)) $((i % 13)) $((i % 17)) >"$TMP/small/pta_$i.xml"
  i=$((i + 1))
done
if [ $asan -eq 1 ]; then
  "$TR" corpus similar "$TMP/small" -n 2 --format csv >"$TMP/out" 2>"$TMP/err"
else
  MALLOC_ARENA_MAX=1 sh -c "ulimit -v 400000; exec \"$TR\" corpus similar \"$TMP/small\" -n 2 --format csv" >"$TMP/out" 2>"$TMP/err"
fi
st=$?
[ "$st" -eq 0 ] || fail "corpus similar on 2,000 small texts under 400 MB of address space exited $st: $(head -c 300 "$TMP/err")"
n=$(wc -l <"$TMP/out")
[ "$n" -eq 1999001 ] || fail "corpus similar on 2,000 texts printed $n lines, expected 1999001"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "all robustness checks passed"
