#!/bin/sh
# The man page documents every command of 'traderules --help' and formats
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
for chart in heatmap compare matrix timeline; do
  grep -q "^\.BI \"plot $chart" "$MAN" || { echo "FAIL: chart '$chart' is not in $MAN"; fail=1; }
done
if command -v groff >/dev/null 2>&1; then
  out=$(groff -man -ww -z "$MAN" 2>&1) || true
  [ -z "$out" ] || { echo "FAIL: groff warnings:"; echo "$out"; fail=1; }
fi
[ $fail -eq 0 ] && echo "ok: $(grep -c '^\.TP' "$MAN") entries"
exit $fail
