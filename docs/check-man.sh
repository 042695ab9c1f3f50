#!/bin/sh
# The man page documents every command of 'traderules --help' and every option of
# 'traderules COMMAND --help' (in that command's paragraph), and formats
# without groff warnings. Usage: check-man.sh TRADERULES MANPAGE
set -eu
T=$1
MAN=$2
fail=0
for cmd in $("$T" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'); do
  # a command is documented as '.B cmd', '.BI cmd ...' or '.BI "cmd ...' (plot charts)
  grep -Eq "^\.BI? \"?$(printf '%s' "$cmd" | sed 's/-/\\\\-/g')( |\"|$)" "$MAN" ||
    { echo "FAIL: command '$cmd' is not in $MAN"; fail=1; }
done
# every option a command's --help lists (its GOption entries; hidden aliases and the
# common options excepted) is named in that command's paragraph, long or short form
for cmd in $("$T" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'); do
  re=$(printf '%s' "$cmd" | sed 's/-/\\\\-/g')
  para=$(C=$re awk '
    BEGIN { start = "^\\.BI? \"?" ENVIRON["C"] "( |\"|$)" }
    !on && prev == ".TP" && $0 ~ start { on = 1 }
    on && /^\.S[SH]/ { exit }
    on && prev == ".TP" && /^\.BI? / && $0 !~ start { exit }
    on { print }
    { prev = $0 }' "$MAN")
  [ -n "$para" ] || continue
  "$T" "$cmd" --help | sed -n '/^Application Options:/,/^$/p' | grep -oE '^  (-[a-zA-Z], )?--[a-z-]+' |
    sed 's/^  //' | grep -v -- '--help$' >"${TMPDIR:-/tmp}/check-man-opts.$$" || true
  while read -r spec; do
    long=${spec##*, }
    short=
    case $spec in -?,*) short=${spec%%,*} ;; esac
    found=0
    for o in $long $short; do
      pat="$(printf '%s' "$o" | sed 's/-/\\\\-/g')([^a-z\\]|$)"
      printf '%s\n' "$para" | grep -Eq -- "$pat" && found=1
    done
    [ $found -eq 1 ] || { echo "FAIL: option $long of '$cmd' is not in its paragraph of $MAN"; fail=1; }
  done <"${TMPDIR:-/tmp}/check-man-opts.$$"
  rm -f "${TMPDIR:-/tmp}/check-man-opts.$$"
done
for chart in heatmap compare matrix timeline; do
  grep -q "^\.BI \"plot $chart" "$MAN" || { echo "FAIL: chart '$chart' is not in $MAN"; fail=1; }
done
if command -v groff >/dev/null 2>&1; then
  out=$(groff -man -ww -z "$MAN" 2>&1) || true
  [ -z "$out" ] || { echo "FAIL: groff warnings:"; echo "$out"; fail=1; }
fi
[ $fail -eq 0 ] && echo "ok: $(grep -c '^\.TP' "$MAN") entries"
exit $fail
