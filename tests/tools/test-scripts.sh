#!/bin/sh
# scripts/quickstart installs only what building and running need; scripts/test
# and .ci/run install the rest. Checks the package sets of scripts/install-deps
# and which set each script asks for; on Debian also that every library the
# build requires (meson.build) comes from a package of the build set.
# Usage: test-scripts.sh SOURCE_ROOT
set -u
SRC=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for s in install-deps quickstart test; do
  sh -n "$SRC/scripts/$s" || fail "scripts/$s: syntax error"
done
sh -n "$SRC/.ci/run" || fail ".ci/run: syntax error"

"$SRC/scripts/install-deps" --build --list >"$TMP/build" || fail "install-deps --build --list"
"$SRC/scripts/install-deps" --test --list >"$TMP/test" || fail "install-deps --test --list"
"$SRC/scripts/install-deps" --list >"$TMP/all" || fail "install-deps --list"
"$SRC/scripts/install-deps" --bogus >/dev/null 2>&1
[ $? -eq 2 ] || fail "install-deps --bogus: expected exit 2"

# the sets are disjoint and together are the default (everything)
sort "$TMP/build" "$TMP/test" >"$TMP/union"
sort "$TMP/all" >"$TMP/all.sorted"
cmp -s "$TMP/union" "$TMP/all.sorted" || fail "build + test sets differ from the default set"
[ -z "$(sort "$TMP/build" "$TMP/test" | uniq -d)" ] || fail "a package is in both sets: $(sort "$TMP/build" "$TMP/test" | uniq -d)"

# test tools stay out of the quick start; the build tools are in it
for p in clang valgrind r-base-core python3-scipy python3-sklearn libcmocka-dev doxygen abigail-tools; do
  ! grep -qx "$p" "$TMP/build" || fail "build set (quickstart) installs the test tool $p"
  grep -qx "$p" "$TMP/test" || fail "test set lacks $p"
done
for p in meson ninja-build gcc pkg-config libglib2.0-dev libxml2-dev python3; do
  grep -qx "$p" "$TMP/build" || fail "build set lacks $p"
done
# json-glib is only a benchmark baseline (the library does not link it): test set, not build set
! grep -qx libjson-glib-dev "$TMP/build" || fail "build set installs libjson-glib-dev (only benchmarks use it)"
grep -qx libjson-glib-dev "$TMP/test" || fail "test set lacks libjson-glib-dev (the benchmarks' baseline)"

# who installs what
grep -qx 'scripts/install-deps --build' "$SRC/scripts/quickstart" || fail "quickstart does not install just the build set"
grep -qx 'scripts/install-deps' "$SRC/scripts/test" || fail "scripts/test does not install everything"
grep -qx 'scripts/install-deps' "$SRC/.ci/run" || fail ".ci/run does not install everything"
grep -qx 'exec scripts/test' "$SRC/.ci/run" || fail ".ci/run does not run scripts/test"

# every required pkg-config dependency of meson.build is provided by a package of
# the build set; the optional json-glib (a benchmark baseline) and cmocka (a test
# tool) by a package of the test set
if command -v dpkg >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1; then
  for mod in $(sed -n "s/.*dependency('\([^']*\)'.*/\1/p" "$SRC/meson.build" | grep -v -e '^threads$' -e '^cmocka$' -e '^json-glib-1.0$'); do
    pc=$(pkg-config --variable=pcfiledir "$mod" 2>/dev/null)/$mod.pc
    [ -f "$pc" ] || { echo "note: $mod not installed here: not checked"; continue; }
    pkg=$(dpkg -S "$pc" 2>/dev/null | head -n 1 | cut -d: -f1)
    [ -n "$pkg" ] || { echo "note: $pc not from a package: not checked"; continue; }
    grep -qx "$pkg" "$TMP/build" || fail "meson.build needs $mod (package $pkg), not in the build set"
  done
  for mod in cmocka json-glib-1.0; do
    pkg=$(dpkg -S "$(pkg-config --variable=pcfiledir $mod 2>/dev/null)/$mod.pc" 2>/dev/null | head -n 1 | cut -d: -f1)
    [ -z "$pkg" ] || grep -qx "$pkg" "$TMP/test" || fail "$mod's package $pkg not in the test set"
  done
  # json-glib stays optional: meson.build must not require it
  grep -q "dependency('json-glib-1.0'.*required: false" "$SRC/meson.build" || fail "meson.build requires json-glib (only benchmarks use it)"
fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
