#!/bin/sh
# The bash completion (tools/traderules.bash-completion): its syntax (bash -n)
# and real completion calls with the built command. Skips (77) without bash.
# Usage: test-completion.sh TRADERULES COMPLETION_FILE FIXTURES_DIR
set -u
command -v bash >/dev/null 2>&1 || { echo "bash not installed: skipped"; exit 77; }
TR=$1
COMP=$2
FIXTURES=$3
export FIXTURES
bash -n "$COMP" || { echo "FAIL: syntax error in $COMP"; exit 1; }

# complete WORDS... : runs _traderules with the last word being completed and
# prints COMPREPLY one per line
exec bash -c '
set -u
. "$1"
TR=$2
shift 2
failures=0
complete_words() {
  COMP_WORDS=("$TR" "$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _traderules
  printf "%s\n" "${COMPREPLY[@]}"
}
expect() { # expect WORD-THAT-MUST-BE-OFFERED -- WORDS...
  local want=$1
  shift 2
  local got
  got=$(complete_words "$@")
  if ! printf "%s\n" "$got" | grep -qx -- "$want"; then
    echo "FAIL: completing [$*] does not offer $want; got: $(printf "%s " $got)"
    failures=$((failures + 1))
  fi
}
refuse() { # refuse WORD-THAT-MUST-NOT-BE-OFFERED -- WORDS...
  local bad=$1
  shift 2
  if complete_words "$@" | grep -qx -- "$bad"; then
    echo "FAIL: completing [$*] offers $bad"
    failures=$((failures + 1))
  fi
}
complete -p traderules >/dev/null || { echo "FAIL: no completion registered for traderules"; exit 1; }
expect compare -- com
expect common-ground -- com
refuse list -- com
expect --format -- --for
expect json -- --format j
expect csv -- list --format ""
expect --diff -- compare --d
expect TPP -- compare TP
expect american -- compare TPP am
expect EU_JPN -- show EU_J
expect cross_border_data_flows -- panel --categories cross_border_d
expect pairs -- corpus pa
expect --wide -- export --w
expect european -- --family european compare american eu
# a --catalog file adds its agreements to the ids offered
expect ALPHA -- --no-default --catalog "$FIXTURES/model/small.json" show AL
refuse TPP -- --no-default --catalog "$FIXTURES/model/small.json" show TP
# the completion offers every option of every command, as its --help lists them
# (the GOption entries: hidden aliases and the common options excepted)
for cmd in $("$TR" --help | sed -n "/^Commands:/,/^\$/p" | awk "NR > 1 && NF { print \$1 }"); do
  expect "$cmd" -- "${cmd%"${cmd#??}"}"
  for opt in $("$TR" "$cmd" --help | sed -n "/^Application Options:/,/^\$/p" |
      grep -oE "^  (-[a-zA-Z], )?--[a-z-]+" | sed "s/^  //; s/^-., //" | grep -vx -- --help); do
    expect "$opt" -- "$cmd" "${opt%"${opt#???}"}"
  done
done
# an option value is not taken for the command
expect heatmap -- --width 60 plot h
expect ALPHA -- --no-default --catalog "$FIXTURES/model/small.json" --format csv compare AL
expect --min-categories -- classify --margin 0.2 --min
expect svg -- plot heatmap --chart-format s
expect svg -- plot heatmap --type s
expect char -- corpus pairs --shingles c
expect char -- plot matrix --kind c
expect bilateral -- list --kind bil
expect investment -- barriers --type inv
# each option name means one thing: the kept spellings are not offered where they
# would mean something else than in the other commands
refuse --kind -- corpus --ki
refuse --kind -- plot --ki
refuse --type -- plot --ty
refuse --min-overlap -- plot --min-o
refuse --width -- plot --wid
expect --page-width -- plot --page-w
expect count -- panel --measure c
expect matrix -- help mat
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
' completion-test "$COMP" "$TR"
