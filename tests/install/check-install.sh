#!/bin/sh
# Install test: `meson install --destdir` into a temporary directory, then
# build every program of examples/ against the installed copy with nothing but
# `pkg-config --cflags --libs traderules`, check it links to the installed
# library (not the build tree's), and run it. Also compiles the umbrella header
# as strict C99 and as C++ to show the public headers need no GLib and no GNU C.
#
# Usage: check-install.sh BUILD_ROOT SANITIZE EXAMPLE.c...
#   SANITIZE is the build's b_sanitize value ('none', 'address,undefined', ...);
#   a sanitized library can only be loaded by a sanitized program.
set -eu
BUILD=$1 SANITIZE=$2
shift 2
CC=${CC:-cc}
command -v pkg-config >/dev/null || { echo "pkg-config not installed: skipped"; exit 77; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tr-install.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
DEST=$TMP/dest
meson install -C "$BUILD" --no-rebuild --destdir "$DEST" --quiet >"$TMP/install.log" 2>&1 || {
  cat "$TMP/install.log"; echo "FAIL: meson install"; exit 1; }

pc=$(find "$DEST" -name traderules.pc | head -n 1)
[ -n "$pc" ] || { echo "FAIL: no traderules.pc installed"; find "$DEST" -type f; exit 1; }
for f in traderules.h common.h error.h version.h; do
  find "$DEST" -path "*/include/traderules/$f" | grep -q . || { echo "FAIL: header $f not installed"; exit 1; }
done
so=$(find "$DEST" -name 'libtraderules.so.0' | head -n 1)
[ -n "$so" ] || { echo "FAIL: libtraderules.so.0 not installed"; exit 1; }
find "$DEST" -name 'libtraderules.so' | grep -q . || { echo "FAIL: development symlink libtraderules.so not installed"; exit 1; }
if [ -f "$BUILD/docs/html/index.html" ]; then
  find "$DEST" -path '*/doc/libtraderules/html/index.html' | grep -q . || {
    echo "FAIL: API reference built but not installed"; exit 1; }
fi
# the .pc file has no placeholder URL (a URL line only if it is the project's real one)
! grep -q 'example\.invalid' "$pc" || { echo "FAIL: placeholder URL in $pc"; exit 1; }
# bash completion where the bash-completion package loads it on demand
comp=$(find "$DEST" -path '*/share/bash-completion/completions/traderules' | head -n 1)
[ -n "$comp" ] || { echo "FAIL: bash completion not installed"; exit 1; }
if command -v bash >/dev/null; then bash -n "$comp" || { echo "FAIL: installed completion has a syntax error"; exit 1; }; fi
# the ThreadSanitizer suppressions for applications (issue 16; docs/io.md), and each
# function they name still exists in the library (a stale entry would hide nothing)
supp=$(find "$DEST" -path '*/doc/libtraderules/tsan.supp' | head -n 1)
[ -n "$supp" ] || { echo "FAIL: tsan.supp not installed in share/doc/libtraderules"; exit 1; }
grep -q '^race:' "$supp" || { echo "FAIL: installed tsan.supp has no race: entry"; exit 1; }
if [ -n "${TR_SOURCE_ROOT:-}" ]; then
  for fn in $(sed -n 's/^race:\([A-Za-z_0-9]*\)$/\1/p' "$supp"); do
    grep -rqE "[^A-Za-z_0-9]$fn\(" "$TR_SOURCE_ROOT/lib" || { echo "FAIL: tsan.supp names $fn, no longer in lib/"; exit 1; }
  done
fi
echo "installed: $(cd "$DEST" && find . -type f | wc -l) files, pc file ${pc#"$DEST"}"

# The .pc file names the configured prefix; the sysroot maps it into DEST (it
# also maps the -I of glib & co. from Requires.private to paths that do not
# exist there, which proves the public headers need none of them).
export PKG_CONFIG_SYSROOT_DIR="$DEST"
export PKG_CONFIG_PATH="$(dirname "$pc")"
cflags=$(pkg-config --cflags traderules)
libs=$(pkg-config --libs traderules)
echo "pkg-config --cflags: $cflags"
echo "pkg-config --libs:   $libs"
pkg-config --modversion traderules
libdir=$(dirname "$so")

san=""
[ "$SANITIZE" != "none" ] && [ -n "$SANITIZE" ] && san="-fsanitize=$SANITIZE"

# The public headers are plain C99 and C++ (no GLib, no GNU extensions needed).
printf '#include <traderules/traderules.h>\nint main(void) { return tr_version() ? 0 : 1; }\n' > "$TMP/c99.c"
# shellcheck disable=SC2086
$CC -std=c99 -pedantic-errors -Wall -Wextra -Werror $cflags -c "$TMP/c99.c" -o "$TMP/c99.o"
if command -v c++ >/dev/null; then
  cp "$TMP/c99.c" "$TMP/cxx.cc"
  # shellcheck disable=SC2086
  c++ -std=c++11 -pedantic-errors -Wall -Wextra -Werror $cflags $san "$TMP/cxx.cc" $libs -o "$TMP/cxx"
  LD_LIBRARY_PATH="$libdir" "$TMP/cxx" || { echo "FAIL: C++ program"; exit 1; }
fi

fail=0
for src in "$@"; do
  name=$(basename "$src" .c)
  # shellcheck disable=SC2086
  $CC -std=gnu11 -Wall -Wextra -Werror $san $cflags "$src" -o "$TMP/$name" $libs
  resolved=$(LD_LIBRARY_PATH="$libdir" ldd "$TMP/$name" | sed -n 's/.*libtraderules\.so\.0 => \([^ ]*\).*/\1/p')
  case "$resolved" in
    "$DEST"/*) ;;
    *) echo "FAIL: $name resolves libtraderules.so.0 to '$resolved', not the installed copy"; fail=1; continue ;;
  esac
  echo "--- $name (libtraderules from ${resolved#"$DEST"})"
  if ! LD_LIBRARY_PATH="$libdir" "$TMP/$name"; then
    echo "FAIL: $name exited with status $?"; fail=1
  fi
done
exit $fail
