#!/bin/sh
# One argument parser for every subcommand (issue 13): the same option spelled
# in its equivalent ways gives byte-identical output, and every mistake in an
# option is a usage error (status 2) whose one message names the option, found
# before any work (a --catalog that does not exist is never read).
# Usage: test-options.sh TRADERULES FIXTURES_DIR
set -u
TR=$1
FIX=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

S="--no-default --catalog $FIX/model/small.json"
MISSING="--catalog $TMP/missing.json" # never read when an option is wrong
CORPUS="$FIX/corpus/good"
PROFILE="$FIX/compare/profile-example.json"

# same CASE "ARGS A" "ARGS B": both succeed with byte-identical standard output
same() {
  case_=$1
  # shellcheck disable=SC2086
  "$TR" $2 >"$TMP/a" 2>"$TMP/ea"; sa=$?
  # shellcheck disable=SC2086
  "$TR" $3 >"$TMP/b" 2>"$TMP/eb"; sb=$?
  [ "$sa" -eq 0 ] || fail "$case_: '$2' exited $sa: $(head -c 300 "$TMP/ea")"
  [ "$sb" -eq 0 ] || fail "$case_: '$3' exited $sb: $(head -c 300 "$TMP/eb")"
  [ -s "$TMP/a" ] || fail "$case_: '$2' printed nothing"
  cmp -s "$TMP/a" "$TMP/b" || fail "$case_: '$2' and '$3' differ: $(diff "$TMP/a" "$TMP/b" | head -5)"
}

# usage NAME CMD...: status 2, a message on stderr that names NAME, one message
# (the message and the 'Try ... --help' line), nothing on stdout
usage() {
  name=$1
  shift
  "$TR" "$@" >"$TMP/out" 2>"$TMP/err"; st=$?
  [ "$st" -eq 2 ] || fail "'$*' exited $st, expected 2: $(head -c 300 "$TMP/err")"
  head -1 "$TMP/err" | grep -qF -- "$name" || fail "'$*': the message does not name '$name': $(head -c 300 "$TMP/err")"
  n=$(wc -l <"$TMP/err")
  [ "$n" -le 2 ] || fail "'$*': $n lines on stderr, expected one message: $(cat "$TMP/err")"
  [ -s "$TMP/out" ] && fail "'$*': printed on stdout: $(head -c 200 "$TMP/out")"
  return 0
}

# ---- 1. --opt=VALUE and --opt VALUE (and short forms) are the same option ----
same "list --years=" "$S list --format csv --years=2010-" "$S list --format csv --years 2010-"
same "list --party=" "$S list --format csv --party=EU" "$S list --format csv --party EU"
same "list --family=" "$S list --format csv --family=american" "$S list --format csv --family american"
same "list --kind=" "$S list --format csv --kind=bilateral" "$S list --format csv --kind bilateral"
same "list --status=" "$S list --format csv --status=in_force" "$S list --format csv --status in_force"
same "matrix --threads=" "matrix --format csv --threads=2" "matrix --format csv --threads 2"
same "matrix -t" "matrix --format csv -t 2" "matrix --format csv --threads 2"
same "matrix --years=" "matrix --format csv --years=2010-2020" "matrix --format csv --years 2010-2020"
same "matrix --family=" "matrix --format csv --family=european" "matrix --format csv --family european"
same "classify --margin=" "classify --format csv --margin=0.2" "classify --format csv --margin 0.2"
same "classify --min-categories=" "classify --format csv --min-categories=20" "classify --format csv --min-categories 20"
same "classify --party=" "classify --format csv --party=USA" "classify --format csv --party USA"
same "timeline --years=" "timeline --format csv --years=2000-" "timeline --format csv --years 2000-"
same "coverage --profile=" "coverage european --format csv --profile=$PROFILE" "coverage european --format csv --profile $PROFILE"
same "export --years=" "export --years=2015-2020" "export --years 2015-2020"
same "export --family=" "export --family=american" "export --family american"
same "panel --years=" "$S panel --years=2010-2012 --categories=source_code" "$S panel --years 2010-2012 --categories source_code"
same "panel --measure=" "$S panel --years 2010-2011 --measure=binary" "$S panel --years 2010-2011 --measure binary"
same "corpus -n" "corpus pairs $CORPUS --format csv -n 3 --threshold 0.1" "corpus pairs $CORPUS --format csv --n=3 --threshold=0.1"
same "corpus --unit" "corpus similar $CORPUS --format csv -u chapter -n 3" "corpus similar $CORPUS --format csv --unit=chapter -n 3"
same "corpus --threads" "corpus info $CORPUS --format csv -t 2" "corpus info $CORPUS --format csv --threads=2"
"$TR" $S export -o "$TMP/o1.csv" && "$TR" $S export --output="$TMP/o2.csv" ||
  fail "export -o / --output= failed"
cmp -s "$TMP/o1.csv" "$TMP/o2.csv" || fail "export -o FILE and --output=FILE differ"

# ---- 2. the same option has the same name in every subcommand ----
for cmd in list matrix classify timeline export; do
  same "$cmd --years YEAR" "$cmd --format csv --years 2016" "$cmd --format csv --years 2016-2016"
  same "$cmd --years A:B" "$cmd --format csv --years 2010:2020" "$cmd --format csv --years 2010-2020"
  same "$cmd --party" "$cmd --format csv --party=USA" "$cmd --format csv --party USA"
  same "$cmd --family" "$cmd --format csv --family=european" "$cmd --format csv --family european"
done

# ---- 2b. one name, one meaning: an option name that several commands list (their
# --help; hidden aliases excepted) means the same thing in each. Each shared name is
# below with the one thing it means; any other name listed by two commands, or a
# name listed by a command not named here, fails (as --kind did: an agreement kind
# in list, a shingle kind in corpus and plot; --type: a barrier type in barriers, a
# file format in plot; --title: an article title in code, a chart title in plot;
# --width: the table width, but the page width in plot).
SHARED="
--party:list classify matrix timeline export plot:agreements with this party
--family:list classify matrix timeline export plot:agreements of this family
--years:list classify matrix timeline export plot:agreements signed in a year range FROM-TO
--threads:classify matrix timeline corpus:worker threads, 0 = one per processor
--min-categories:classify plot:the fewest categories a distance may rest on
--output:export import panel plot:the output FILE
--dta:export panel:a Stata file instead of CSV
--corpus:audit plot:a ToTA XML file or directory
--evidence:show code:the evidence behind each finding
--summary:compare code:the summary instead of the detail rows
--n:corpus plot:the shingle length
--shingles:corpus plot:the shingle kind word, ascii or char
--kind:list:an agreement kind
--type:barriers:a barrier type
--title:plot:a chart title
--help:*:this help
"
: >"$TMP/listed"
for cmd in $("$TR" --help | sed -n "/^Commands:/,/^\$/p" | awk 'NR > 1 && NF { print $1 }'); do
  "$TR" "$cmd" --help | sed -n "/^Application Options:/,/^\$/p" | grep -oE "^  (-[a-zA-Z], )?--[a-z-]+" |
    sed "s/^  //; s/^-., //; s/\$/ $cmd/" >>"$TMP/listed"
done
[ -s "$TMP/listed" ] || fail "no option found in the commands' --help"
# the common --width is the table width: no command lists a --width of its own
grep -q "^--width " "$TMP/listed" && fail "a command lists its own --width: $(grep "^--width " "$TMP/listed" | tr '\n' ' ')"
for name in $(cut -d' ' -f1 "$TMP/listed" | sort | uniq -d); do
  entry=$(printf '%s\n' "$SHARED" | grep -- "^$name:") ||
    { fail "$name is listed by $(grep -- "^$name " "$TMP/listed" | cut -d' ' -f2 | tr '\n' ' ')with no one meaning (add it to SHARED or rename it)"; continue; }
  allowed=$(printf '%s' "$entry" | cut -d: -f2)
  [ "$allowed" = "*" ] && continue
  for cmd in $(grep -- "^$name " "$TMP/listed" | cut -d' ' -f2); do
    case " $allowed " in *" $cmd "*) ;; *) fail "$name in '$cmd': it means '$(printf '%s' "$entry" | cut -d: -f3)' ($allowed) elsewhere" ;; esac
  done
done
# names with one meaning that only some commands take: nowhere else, even when listed once
for entry in "--kind:list" "--type:barriers" "--title:plot" "--shingles:corpus plot" "--period:panel"; do
  name=${entry%%:*} allowed=${entry#*:}
  for cmd in $(grep -- "^$name " "$TMP/listed" | cut -d' ' -f2); do
    case " $allowed " in *" $cmd "*) ;; *) fail "$name in '$cmd' (only $allowed)" ;; esac
  done
done
# the value each name takes is accepted wherever it is listed
same "plot --min-categories = classify's" "plot matrix --min-categories 5 -o - --chart-format svg" \
  "plot matrix --min-overlap 5 -o - --type svg"
usage --min-categories $MISSING plot matrix --min-categories 99 -o "$TMP/x.svg"
usage --min-categories $MISSING classify --min-categories 99

# ---- 2c. the renamed options' old spellings are kept, with the same results ----
same "plot --type = --chart-format" "$S plot heatmap -o - --type svg" "$S plot heatmap -o - --chart-format svg"
same "plot --width = --page-width" "$S plot heatmap -o - --width 6in --height 4in" \
  "$S plot heatmap -o - --page-width 6in --page-height 4in"
same "plot --min-overlap = --min-categories" "plot matrix -o - --min-overlap 0 --family american" \
  "plot matrix -o - --min-categories 0 --family american"
same "plot --kind = --shingles" "plot matrix --corpus $CORPUS --kind char -n 4 -o -" \
  "plot matrix --corpus $CORPUS --shingles char -n 4 -o -"
same "corpus --kind = --shingles" "corpus pairs $CORPUS --format csv --kind ascii -n 3 --threshold 0.1" \
  "corpus pairs $CORPUS --format csv --shingles ascii -n 3 --threshold 0.1"
same "corpus -k = --shingles" "corpus similar $CORPUS --format csv -k char -n 4" \
  "corpus similar $CORPUS --format csv --shingles=char -n 4"
# panel's --years named the panel's rows (elsewhere --years selects agreements): now --period
same "panel --years = --period" "$S panel --years 2010-2012 --categories source_code" \
  "$S panel --period 2010-2012 --categories source_code"
same "panel --period=" "$S panel --period=2010-2012 --measure binary" "$S panel --period 2010-2012 --measure binary"
same "panel --period YEAR" "$S panel --period 2011 --measure binary" "$S panel --years 2011-2011 --measure binary"
same "code --title = --article-title" "code --format csv --title Cooperation $FIX/coder/source-code.txt" \
  "code --format csv --article-title Cooperation $FIX/coder/source-code.txt"
for pair in "plot:--type" "plot:--width" "plot:--height" "plot:--min-overlap" "plot:--kind" "corpus:--kind" "code:--title" "panel:--years"; do
  "$TR" "${pair%%:*}" --help | grep -q -- "^  ${pair#*:}[ =]" && fail "${pair%%:*} --help shows the kept spelling ${pair#*:}"
done
usage --shingles corpus similar --shingles bogus "$TMP/nonexistent"
usage --chart-format $MISSING plot heatmap --chart-format gif -o "$TMP/x"
usage --page-width $MISSING plot heatmap --page-width 5parsecs -o "$TMP/x.svg"

# ---- 3. the common options before or after COMMAND ----
same "--format before/after" "--format csv list" "list --format csv"
same "--format=" "list --format=csv" "list --format csv"
same "--catalog before/after" "$S list --format csv" "list $S --format csv"
same "--catalog between arguments" "$S compare ALPHA --format csv BETA.2" "$S --format csv compare ALPHA BETA.2"
same "--width before/after" "--width 60 categories" "categories --width=60"
same "two --catalog after COMMAND" "--no-default --catalog $FIX/model/small.json --catalog $FIX/tools/extra.json list --format csv" \
  "list --format csv --no-default --catalog $FIX/model/small.json --catalog=$FIX/tools/extra.json"

# ---- 4. old spellings kept as aliases ----
same "list --from = --years FROM-" "$S list --format csv --from 2010" "$S list --format csv --years 2010-"
same "list --to = --years -TO" "$S list --format csv --to=2010" "$S list --format csv --years -2010"
same "list --from --to = --years" "$S list --format csv --from 2000 --to 2020" "$S list --format csv --years 2000-2020"
same "export --long (default)" "export --wide --long" "export"
same "export --wide last" "export --long --wide" "export --wide"
"$TR" list --help >"$TMP/h" 2>&1
grep -q -- '--years' "$TMP/h" || fail "list --help does not show --years"
grep -q -- '--from' "$TMP/h" && fail "list --help shows the hidden alias --from"

# ---- 5. help: -h, --help and 'help COMMAND' ----
for cmd in list show barriers indicators categories code compare classify matrix coverage \
    common-ground timeline export import plot corpus audit panel; do
  same "$cmd -h" "$cmd -h" "$cmd --help"
  same "help $cmd" "help $cmd" "$cmd --help"
  grep -q "traderules $cmd" "$TMP/a" || fail "$cmd --help: the usage line does not name the command"
  grep -q "Common options" "$TMP/a" || fail "$cmd --help does not mention the common options"
  "$TR" "$cmd" --help >/dev/full 2>/dev/null && fail "$cmd --help >/dev/full exited 0"
done
same "-- ends the options" "$S show -- ALPHA" "$S show ALPHA"

# ---- 6. usage errors: status 2, one message naming the option, before any work ----
# the common options
usage --format $MISSING --format xml list
usage --format $MISSING list --format=xml
usage --width $MISSING list --width -1
usage --width $MISSING --width wide list
usage --catalog list --catalog ""
usage --catalog list --catalog
usage --colour $MISSING list --colour red
usage --no-default $MISSING list --no-default=yes
usage --no-default --no-default=yes $MISSING list
usage --summary $MISSING compare --summary=no american european
# the selection
for cmd in list matrix classify timeline export; do
  usage --years $MISSING $cmd --years 2020-2010
  usage --years $MISSING $cmd --years=20x0
  usage --years $MISSING $cmd --years ""
  usage --years $MISSING $cmd --years -
  usage --years $MISSING $cmd --years 10000
  usage --years $MISSING $cmd --years
  usage --party $MISSING $cmd --party usa
  usage --party $MISSING $cmd --party ""
  usage --family $MISSING $cmd --family asian
done
usage --kind $MISSING list --kind treaty
usage --status $MISSING list --status alive
usage --from $MISSING list --from 20x0
usage --to $MISSING list --to 2010-2020
usage "FROM is after TO" $MISSING list --from 2020 --to 2010
usage "list" $MISSING list extra
# subcommand options
usage --threads $MISSING matrix --threads -5
usage --threads $MISSING matrix --threads=65
usage -t $MISSING matrix -t x
usage --margin $MISSING classify --margin -1
usage --margin $MISSING classify --margin=x
usage --min-categories $MISSING classify --min-categories 99
usage --min-categories $MISSING classify --min-categories 1.5
usage --diff $MISSING compare --diff=yes american european
usage --bogus $MISSING compare --bogus american european
usage compare $MISSING compare american
usage --profile $MISSING coverage american --profile ""
usage --profile $MISSING coverage american --profile
usage --type $MISSING barriers --type tariffs
usage --year $MISSING indicators --year 20x0
usage show $MISSING show
usage -o $MISSING export -o ""
usage --output $MISSING export --output
usage -o $MISSING import "$FIX/csv/sample.csv" -o ""
usage --years $MISSING panel --years 2000-
usage --years $MISSING panel --years 2010-2000
usage --period $MISSING panel --period 2000-
usage --period $MISSING panel --period 2010-2000
usage --period $MISSING panel --period bogus
usage --categories $MISSING panel --categories bogus_category
usage --measure $MISSING panel --measure share
usage --type $MISSING plot heatmap --type gif -o "$TMP/x"
usage --kind $MISSING plot matrix --corpus "$CORPUS" --kind words -o "$TMP/x.svg"
usage --n $MISSING plot matrix --corpus "$CORPUS" --n 0 -o "$TMP/x.svg"
usage --max $MISSING plot matrix --max 1 -o "$TMP/x.svg"
usage --min-overlap $MISSING plot matrix --min-overlap 99 -o "$TMP/x.svg"
usage --width $MISSING plot heatmap --width 5parsecs -o "$TMP/x.svg"
usage --dpi $MISSING plot heatmap --dpi 1 -o "$TMP/x.png"
usage --years $MISSING plot heatmap --years 2020-2010 -o "$TMP/x.svg"
usage --threads corpus info --threads x "$TMP/nonexistent"
usage -n corpus similar -n 0 "$TMP/nonexistent"
usage --n corpus similar --n=x "$TMP/nonexistent"
usage --unit corpus similar --unit bogus "$TMP/nonexistent"
usage --kind corpus similar --kind bogus "$TMP/nonexistent"
usage --threshold corpus pairs --threshold 2 "$TMP/nonexistent"
usage --top corpus similar --top -1 "$TMP/nonexistent"
usage --rules code --rules "" "$FIX/coder/source-code.txt"
usage --colour code --colour "$FIX/coder/source-code.txt"
usage --all $MISSING audit --all
usage --corpus $MISSING audit --corpus
# a usage error points to the command's own help
for args in "timeline extra" "matrix --threads x" "show" "classify --margin=-1"; do
  # shellcheck disable=SC2086
  "$TR" $args >/dev/null 2>"$TMP/err"
  grep -qF "Try 'traderules ${args%% *} --help'." "$TMP/err" || fail "'$args': no pointer to its --help: $(cat "$TMP/err")"
done
[ -e "$TMP/x" ] || [ -e "$TMP/x.svg" ] || [ -e "$TMP/x.png" ] && fail "a usage error wrote a chart"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "all option checks passed"
