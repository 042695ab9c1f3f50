#!/usr/bin/env python3
"""Exports test: the dynamic symbols of the built libtraderules.so are exactly
the functions declared with TR_EXTERN in include/traderules/*.h.

Checks, and fails on any violation:
  * every TR_EXTERN function of the public headers is exported (nothing missing);
  * every exported symbol is declared in a public header (nothing leaks);
  * every exported symbol starts with tr_ and carries a version node (@@TR_x.y)
    that lib/libtraderules.map defines;
  * no exported data objects (the API is functions only);
  * the SONAME is libtraderules.so.<soversion>;
  * the version script names every exported function explicitly: no glob
    (tr_*) in a global: section, every TR_EXTERN function listed, every
    listed name declared (so an internal function cannot be exported by
    accident, and a public one cannot be forgotten);
  * with --sources DIR: every function with external linkage defined in the
    library's C sources whose name starts with tr_ is a public one; internal
    functions shared between files are named tri_ (so no version-script
    pattern tr_* could ever export them).

Usage: check-exports.py LIBRARY HEADER_DIR [HEADER_DIR...] --map MAP --soname SONAME
       [--pending FILE]
The pending file (optional) lists symbols declared in a header but not yet
implemented by their subsystem; they may be missing (a note is printed), and a
note says when an entry has become stale. It must be empty at a release.
"""
import argparse
import glob
import os
import re
import subprocess
import sys


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def declared_functions(header_dirs):
    names = {}
    for d in header_dirs:
        for path in sorted(glob.glob(os.path.join(d, "*.h"))):
            text = strip_comments(open(path, encoding="utf-8").read())
            # Drop the preprocessor lines (the TR_EXTERN definition itself).
            text = "\n".join(l for l in text.split("\n") if not l.lstrip().startswith("#"))
            for m in re.finditer(r"\bTR_EXTERN\b([^;{]*)[;{]", text):
                decl = m.group(1)
                f = re.search(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(", decl)
                if not f:
                    print(f"{path}: TR_EXTERN on something that is not a function: {decl.strip()!r}")
                    names.setdefault("<bad declaration>", path)
                    continue
                names[f.group(1)] = os.path.basename(path)
    return names


def exported_symbols(lib):
    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True,
                         capture_output=True, text=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        kind, sym = parts[1], parts[2]
        syms.append((kind, sym))
    return syms


def map_globs(map_path):
    """Wildcard patterns in global: sections (an explicit script has none)."""
    text = strip_comments(open(map_path, encoding="utf-8").read())
    globs = []
    for m in re.finditer(r"global\s*:(.*?)(?:local\s*:|\})", text, flags=re.S):
        for item in m.group(1).split(";"):
            item = item.strip()
            if item and any(c in item for c in "*?["):
                globs.append(item)
    return globs


def map_nodes(map_path):
    """Version nodes of the script and, per node, the symbols it names explicitly."""
    text = strip_comments(open(map_path, encoding="utf-8").read())
    nodes = {}
    for m in re.finditer(r"([A-Za-z_][A-Za-z0-9_.]*)\s*\{(.*?)\}", text, flags=re.S):
        body = m.group(2)
        g = re.search(r"global\s*:(.*?)(?:local\s*:|$)", body, flags=re.S)
        names = set()
        if g:
            for item in g.group(1).split(";"):
                item = item.strip()
                if item and not any(c in item for c in "*?["):
                    names.add(item)
        nodes[m.group(1)] = names
    return nodes


def internal_tr_definitions(src_dir):
    """(name, file:line) of every non-static function definition named tr_* in src_dir."""
    found = []
    pat = re.compile(r"^(?!static\b)(?:[A-Za-z_][A-Za-z0-9_ \t*]*?[ \t*])?(tr_[A-Za-z0-9_]*)\s*\([^;]*$")
    for path in sorted(glob.glob(os.path.join(src_dir, "**", "*.c"), recursive=True)):
        lines = strip_comments(open(path, encoding="utf-8").read()).split("\n")
        for i, line in enumerate(lines):
            if not line or line[0] in " \t#}{":
                continue
            m = pat.match(line)
            if m:
                found.append((m.group(1), f"{os.path.relpath(path, src_dir)}:{i + 1}"))
    return found


def soname(lib):
    out = subprocess.run(["readelf", "-d", lib], check=True, capture_output=True, text=True).stdout
    m = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", out)
    return m.group(1) if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("library")
    ap.add_argument("header_dirs", nargs="+")
    ap.add_argument("--map", required=True)
    ap.add_argument("--soname", required=True)
    ap.add_argument("--pending")
    ap.add_argument("--sources", help="library source tree: internal functions must not be named tr_")
    a = ap.parse_args()

    errors = []
    declared = declared_functions(a.header_dirs)
    if "<bad declaration>" in declared:
        errors.append("a TR_EXTERN declaration is not a function declaration")
        del declared["<bad declaration>"]
    if not declared:
        errors.append("no TR_EXTERN declarations found in " + " ".join(a.header_dirs))
    pending = set()
    if a.pending and os.path.exists(a.pending):
        for line in open(a.pending, encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            if line:
                pending.add(line)

    nodes = map_nodes(a.map)
    if not nodes:
        errors.append(f"{a.map}: no version node found")
    for n in nodes:
        if not re.fullmatch(r"TR_\d+\.\d+", n):
            errors.append(f"{a.map}: version node {n} is not named TR_<major>.<minor>")

    mapname = os.path.basename(a.map)
    for g in map_globs(a.map):
        errors.append(f"{mapname}: global pattern {g!r}: list exported functions by name")
    listed = set().union(*nodes.values()) if nodes else set()
    for name in sorted(set(declared) - listed):
        errors.append(f"{mapname}: {name} (TR_EXTERN in {declared[name]}) is not listed")
    for name in sorted(listed - set(declared)):
        errors.append(f"{mapname}: lists {name}, which no public header declares with TR_EXTERN")

    exported = {}
    for kind, sym in exported_symbols(a.library):
        if kind == "A" and sym in nodes:
            continue  # the version node's own absolute symbol
        name, sep, node = sym.partition("@")
        node = node.lstrip("@")
        if not name.startswith("tr_"):
            errors.append(f"leak: exported symbol {sym} ({kind}) does not start with tr_")
            continue
        if not sep or node not in nodes:
            errors.append(f"unversioned: {sym} carries no version node of {os.path.basename(a.map)}")
        if kind not in ("T", "W", "i"):
            errors.append(f"data export: {sym} has nm type {kind}; only functions may be exported")
        exported[name] = node

    for node, names in sorted(nodes.items()):
        for name in sorted(names):
            if name not in exported:
                errors.append(f"{os.path.basename(a.map)}: node {node} names {name}, which is not exported")
            elif exported[name] != node:
                errors.append(f"{name} carries node {exported[name]}, but {os.path.basename(a.map)} lists it in {node}")

    for name in sorted(set(exported) - set(declared)):
        errors.append(f"leak: {name} is exported but declared with TR_EXTERN in no public header")
    waiting = []
    for name in sorted(set(declared) - set(exported)):
        if name in pending:
            waiting.append(name)
        else:
            errors.append(f"missing: {name} is declared TR_EXTERN in {declared[name]} but not exported")
    if waiting:
        print(f"note: {len(waiting)} declared symbols not implemented yet (pending list), e.g. "
              + ", ".join(waiting[:5]))
    for name in sorted(pending & set(exported)):
        print(f"note: {name} is exported now; remove it from {a.pending}")
    for name in sorted(pending - set(declared)):
        print(f"note: pending entry {name} is not declared in any public header; remove it")

    if a.sources:
        for name, where in internal_tr_definitions(a.sources):
            if name not in declared:
                errors.append(f"{where}: internal function {name} is named tr_; "
                              "name it tri_ (tr_ is the public prefix)")

    so = soname(a.library)
    if so != a.soname:
        errors.append(f"SONAME is {so!r}, expected {a.soname!r}")

    print(f"{len(declared)} declared, {len(exported)} exported, {len(pending)} pending, "
          f"nodes {sorted(nodes)}, SONAME {so}")
    for e in errors:
        print("FAIL: " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
