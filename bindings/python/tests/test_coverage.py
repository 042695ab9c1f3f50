# SPDX-License-Identifier: MIT
"""Coverage of the public C API by the Python binding (issue 13).

Every function declared TR_EXTERN in include/traderules/*.h (and the generated
version.h) must be either

* bound: declared with ctypes in traderules._ffi and called from the public
  modules of the package (traderules/__init__.py, traderules/lsh.py, ...), or
* listed in bindings/python/unbound.txt with the reason it is not bound.

A new public function that is neither fails test_every_function_is_bound_or_listed,
so coverage cannot regress silently. A listed function that is in fact bound,
or that no header declares any more, fails too (the list stays true).

The signatures themselves (argument and return types) are checked by
tests/abi/check-python-binding.py (test python-binding-decls).

Run as a script for the report: ``python3 test_coverage.py [--markdown]``
(TRADERULES_LIBRARY, TR_SOURCE_ROOT and TR_BUILD_ROOT as for the tests).
"""

import glob
import importlib.util
import os
import re
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("TR_SOURCE_ROOT", os.path.join(HERE, "..", "..", ".."))
BUILD = os.environ.get("TR_BUILD_ROOT", os.path.join(SRC, "build"))
PKG = os.path.join(HERE, "..", "traderules")
UNBOUND = os.path.join(HERE, "..", "unbound.txt")


def _checker():
    """tests/abi/check-python-binding.py, whose header parser this reuses."""
    path = os.path.join(SRC, "tests", "abi", "check-python-binding.py")
    spec = importlib.util.spec_from_file_location("check_python_binding", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def public_functions():
    """{name: header} of every TR_EXTERN function."""
    chk = _checker()
    out = {}
    for d in (os.path.join(SRC, "include", "traderules"),
              os.path.join(BUILD, "include", "traderules")):
        for name, (header, _ret, _args) in chk.read_headers(d)[3].items():
            out[name] = header
    return out


def declared_functions():
    """Names declared with ctypes in traderules._ffi (present in the loaded library)."""
    from traderules import _ffi
    return {n for n, v in vars(_ffi).items()
            if n.startswith("tr_") and v is not None
            and getattr(v, "__name__", None) == n}


def called_functions():
    """Names the public modules call through _ffi (``_c.tr_x`` or ``_ffi.tr_x``)."""
    out = set()
    for path in glob.glob(os.path.join(PKG, "*.py")):
        if os.path.basename(path) == "_ffi.py":
            continue
        with open(path, encoding="utf-8") as f:
            out |= set(re.findall(r"\b_(?:c|ffi)\.(tr_\w+)", f.read()))
    return out


def unbound_list():
    """{name: reason} from unbound.txt ('name: reason' lines; # comments)."""
    out = {}
    with open(UNBOUND, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, reason = line.partition(":")
            if not sep or not reason.strip() or not re.fullmatch(r"tr_\w+", name.strip()):
                raise ValueError("%s:%d: expected 'tr_name: reason', got %r" % (UNBOUND, n, line))
            if name.strip() in out:
                raise ValueError("%s:%d: %s listed twice" % (UNBOUND, n, name.strip()))
            out[name.strip()] = reason.strip()
    return out


def status():
    pub = public_functions()
    bound = declared_functions() & called_functions()
    listed = unbound_list()
    return pub, bound, listed


class Coverage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pub, cls.bound, cls.listed = status()

    def test_headers_parsed(self):
        # the parser must see the API (a broken parser would make the test vacuous)
        self.assertGreater(len(self.pub), 400)
        for n in ("tr_catalog_new", "tr_version", "tr_version_num", "tr_audit_run"):
            self.assertIn(n, self.pub)

    def test_every_function_is_bound_or_listed(self):
        missing = sorted(n for n in self.pub if n not in self.bound and n not in self.listed)
        self.assertEqual(missing, [], "public functions neither bound by the Python binding nor "
                         "listed with a reason in bindings/python/unbound.txt")

    def test_listed_functions_exist_and_are_not_bound(self):
        stale = sorted(n for n in self.listed if n not in self.pub)
        self.assertEqual(stale, [], "unbound.txt lists functions no header declares")
        bound = sorted(n for n in self.listed if n in self.bound)
        self.assertEqual(bound, [], "unbound.txt lists functions the binding calls")

    def test_called_functions_are_declared(self):
        from traderules import _ffi
        for n in sorted(called_functions()):
            self.assertTrue(hasattr(_ffi, n), "%s called but not declared in _ffi" % n)
            self.assertIn(n, self.pub, "%s called but not TR_EXTERN" % n)

    @classmethod
    def tearDownClass(cls):
        print("\npython binding coverage: %d of %d public functions bound, %d listed unbound"
              % (len(cls.bound & set(cls.pub)), len(cls.pub), len(cls.listed)), file=sys.stderr)


def report(markdown=False):
    pub, bound, listed = status()
    by_header = {}
    for n in sorted(pub):
        if n not in bound:
            by_header.setdefault(pub[n], []).append(n)
    print("%d of %d public functions bound; %d listed unbound; %d neither"
          % (len(bound & set(pub)), len(pub), len(listed),
             len([n for n in pub if n not in bound and n not in listed])))
    for h in sorted(by_header):
        print(("\n### %s (%d)\n" if markdown else "%s (%d)") % (h, len(by_header[h])))
        for n in by_header[h]:
            why = listed.get(n, "NEITHER BOUND NOR LISTED")
            print(("- `%s`: %s" if markdown else "  %s: %s") % (n, why))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("--markdown", "--report"):
        sys.path.insert(0, os.path.join(HERE, ".."))
        report(sys.argv[1] == "--markdown")
    else:
        unittest.main()
