#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Check the Python binding's ctypes declarations against the public headers.

Every function the binding declares (bindings/python/traderules/_ffi.py, each
a ctypes function with restype and argtypes) must be declared TR_EXTERN in
include/traderules/*.h (or the generated version.h) with the same name, the same number of arguments, and
argument and return types of the same ABI class:

  * integers: same size and signedness (an enum is an int);
  * double;
  * pointers: a string (const char *) is c_char_p; a handle or void * is
    c_void_p; a pointer to a scalar (size_t *, double *, int *, an enum *) is
    POINTER of that scalar; a pointer to a pointer (tr_x **, char **) is
    POINTER(c_void_p) or POINTER(c_char_p); a function pointer typedef is a
    CFUNCTYPE type (or c_void_p); a returned char * the caller frees may be
    c_void_p (read with ctypes.string_at); a const void * byte buffer may be
    c_char_p (passed as bytes).

Prints how many of the exported functions the binding covers. Exit 1 on any
mismatch (each printed as FAIL: header:function: what), 0 otherwise.
Usage: check-python-binding.py [--expect-mismatches N] HEADERS_DIR GENERATED_HEADERS_DIR BINDING_DIR
(TRADERULES_LIBRARY set to the library to load). --expect-mismatches N (the
checker's self-test on a deliberately wrong binding): exit 0 only when exactly
N mismatches are found.
"""
import ctypes
import glob
import os
import re
import sys


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def split_args(args):
    parts, depth, cur = [], 0, ""
    for ch in args:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [" ".join(p.split()) for p in parts]


def param_type(p):
    """The type of a parameter declaration 'const char *name' -> 'const char *'."""
    p = re.sub(r"\[\s*\]$", " *", p)  # T name[] -> T *
    m = re.match(r"^(.*?[\s*])([A-Za-z_]\w*)$", p)
    if m and m.group(2) not in ("int", "double", "long", "unsigned", "size_t", "char", "void"):
        p = m.group(1)
    return " ".join(p.replace("*", " * ").split()).replace("* *", "**").replace("* *", "**")


def read_headers(hdir):
    enums, handles, fnptrs, decls = set(), set(), set(), {}
    for path in sorted(glob.glob(os.path.join(hdir, "*.h"))):
        with open(path, encoding="utf-8") as f:
            text = strip_comments(f.read())
        text = "\n".join(l for l in text.split("\n") if not l.lstrip().startswith("#"))
        enums.update(re.findall(r"typedef\s+enum\s*\w*\s*\{[^}]*\}\s*(\w+)\s*;", text))
        handles.update(re.findall(r"typedef\s+struct\s+\w+\s+(\w+)\s*;", text))
        fnptrs.update(re.findall(r"typedef\s+[^;(]*\(\s*\*\s*(\w+)\s*\)\s*\(", text))
        for m in re.finditer(r"\bTR_EXTERN\b([^;{]*?)\b(tr_\w+)\s*\((.*?)\)\s*[A-Z_]*\s*;", text, re.S):
            ret = param_type(" ".join(m.group(1).split()) + " x")
            args = m.group(3).strip()
            argl = [] if args in ("", "void") else [param_type(a) for a in split_args(args)]
            decls[m.group(2)] = (os.path.basename(path), ret, argl)
    return enums, handles, fnptrs, decls


INT_TYPES = {
    "int": ctypes.c_int, "unsigned": ctypes.c_uint, "unsigned int": ctypes.c_uint,
    "long": ctypes.c_long, "unsigned long": ctypes.c_ulong, "size_t": ctypes.c_size_t,
    "uint64_t": ctypes.c_uint64, "int64_t": ctypes.c_int64, "uint32_t": ctypes.c_uint32,
    "int32_t": ctypes.c_int32, "bool": ctypes.c_bool,
}
SIGNED = {ctypes.c_int, ctypes.c_long, ctypes.c_int64, ctypes.c_int32, ctypes.c_byte,
          ctypes.c_short, ctypes.c_longlong}


def int_class(ct):
    """(size, signed) of a ctypes integer type, or None."""
    if ct in (ctypes.c_bool,):
        return (1, False)
    if isinstance(ct, type) and issubclass(ct, ctypes._SimpleCData) and ct._type_ in "bBhHiIlLqQ":
        return (ctypes.sizeof(ct), ct._type_ in "bhilq")
    return None


def is_pointer_to(ct, target_ok):
    return (isinstance(ct, type) and issubclass(ct, ctypes._Pointer) and target_ok(ct._type_))


def check(ctype_t, c, enums, handles, fnptrs, is_return):
    """None if the ctypes type @ctype_t matches the C type @c, else a reason."""
    base = c.replace("const ", "").replace(" const", "").strip()
    stars = base.count("*")
    core = base.replace("*", "").strip()
    if c == "void":
        return None if ctype_t is None else "void, not %s" % ctype_t.__name__
    if ctype_t is None:
        return "%s, declared void" % c
    if stars == 0:
        if core in fnptrs:
            ok = (ctype_t is ctypes.c_void_p or
                  (isinstance(ctype_t, type) and issubclass(ctype_t, ctypes._CFuncPtr)))
            return None if ok else "function pointer %s, not %s" % (core, ctype_t.__name__)
        want = ctypes.c_int if core in enums else INT_TYPES.get(core)
        if core == "double":
            return None if ctype_t is ctypes.c_double else "double, not %s" % ctype_t.__name__
        if want is None:
            return "C type %r not known to this checker" % c
        got = int_class(ctype_t)
        if got != int_class(want):
            return "%s (%d bytes, %s), not %s" % (c, ctypes.sizeof(want),
                                                 "signed" if int_class(want)[1] else "unsigned",
                                                 ctype_t.__name__)
        return None
    if stars == 1:
        if core == "char":
            ok = ctype_t is ctypes.c_char_p or (is_return and ctype_t is ctypes.c_void_p)
            return None if ok else "%s, not %s" % (c, ctype_t.__name__)
        if core == "void" and "const" in c and not is_return and ctype_t is ctypes.c_char_p:
            return None  # a byte buffer passed as bytes
        if core == "void" or core in handles:
            return None if ctype_t is ctypes.c_void_p else "%s (a handle), not %s" % (c, ctype_t.__name__)
        if core == "double":
            ok = is_pointer_to(ctype_t, lambda t: t is ctypes.c_double)
            return None if ok else "%s, not %s" % (c, ctype_t.__name__)
        want = ctypes.c_int if core in enums else INT_TYPES.get(core)
        if want is None:
            return "C type %r not known to this checker" % c
        ok = is_pointer_to(ctype_t, lambda t: int_class(t) == int_class(want))
        return None if ok else "%s, not %s" % (c, ctype_t.__name__)
    if stars == 2:
        if core in handles or core in ("void", "char"):
            ok = is_pointer_to(ctype_t, lambda t: t in (ctypes.c_void_p, ctypes.c_char_p))
            return None if ok else "%s, not %s" % (c, ctype_t.__name__)
        if core in INT_TYPES:  # an array the callee allocates (size_t **out)
            want = int_class(INT_TYPES[core])
            ok = is_pointer_to(ctype_t, lambda t: is_pointer_to(t, lambda u: int_class(u) == want))
            return None if ok else "%s, not %s" % (c, ctype_t.__name__)
    if stars == 3 and core == "char":
        ok = is_pointer_to(ctype_t, lambda t: is_pointer_to(t, lambda u: u in (ctypes.c_char_p, ctypes.c_void_p)))
        return None if ok else "%s, not %s" % (c, ctype_t.__name__)
    return "C type %r not known to this checker" % c


def main():
    argv = sys.argv[1:]
    expect = None
    if argv[:1] == ["--expect-mismatches"] and len(argv) > 1:
        expect = int(argv[1])
        argv = argv[2:]
    if len(argv) != 3:
        print(__doc__)
        return 2
    hdir, gdir, bdir = argv
    enums, handles, fnptrs, decls = read_headers(hdir)
    for i, part in enumerate(read_headers(gdir)):
        (enums, handles, fnptrs, decls)[i].update(part)
    sys.path.insert(0, bdir)
    from traderules import _ffi  # loads TRADERULES_LIBRARY
    funcptr = type(_ffi.lib.tr_free)
    bound = {}
    fails = 0
    for name, v in vars(_ffi).items():
        # _ffi wraps a function with integer or string arguments in a checking
        # Python function (_ffi._guard) that keeps the ctypes one as __wrapped__
        v = getattr(v, "__wrapped__", v)
        if isinstance(v, funcptr) and v.__name__.startswith("tr_"):
            if name != v.__name__:
                print("FAIL: _ffi.%s is the C function %s" % (name, v.__name__))
                fails += 1
            bound[v.__name__] = v
    for name in sorted(bound):
        if name not in decls:
            print("FAIL: %s: declared by the binding but not TR_EXTERN in %s" % (name, hdir))
            fails += 1
            continue
        header, ret, args = decls[name]
        f = bound[name]
        if f.argtypes is None:
            print("FAIL: %s:%s: no argtypes in the binding" % (header, name))
            fails += 1
            continue
        if len(f.argtypes) != len(args):
            print("FAIL: %s:%s: %d arguments in the header, %d in the binding"
                  % (header, name, len(args), len(f.argtypes)))
            fails += 1
            continue
        why = check(f.restype, ret, enums, handles, fnptrs, True)
        if why:
            print("FAIL: %s:%s: return type: %s" % (header, name, why))
            fails += 1
        for i, (ct, c) in enumerate(zip(f.argtypes, args)):
            why = check(ct, c, enums, handles, fnptrs, False)
            if why:
                print("FAIL: %s:%s: argument %d: %s" % (header, name, i + 1, why))
                fails += 1
    missing = sorted(set(decls) - set(bound))
    print("python binding: %d of %d TR_EXTERN functions declared with ctypes (%d not bound); "
          "%d mismatches" % (len(set(bound) & set(decls)), len(decls), len(missing), fails))
    by_header = {}
    for n in missing:
        by_header.setdefault(decls[n][0], []).append(n)
    for h in sorted(by_header):
        print("  not bound, %s: %d" % (h, len(by_header[h])))
    if expect is not None:
        print("expected %d mismatches, found %d" % (expect, fails))
        return 0 if fails == expect else 1
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
