#!/usr/bin/python3
"""Before/after benchmark of the long-CSV reader (tr_csv_read_file), with Python's csv
module and pandas.read_csv as baselines in the same run.

bench-csv-read.c is built against two builds of the library (BASE: e.g. a worktree of
the commit before a change; NEW: this tree), each once per round; every round also runs
csv.reader (list of rows) and pandas.read_csv (dtype=str, no NA conversion) on the same
file. The order of the four rotates every round. Per program: medians of wall time,
process CPU time (os.wait4), peak RSS (ru_maxrss, os.wait4) and the CPU time of the read
alone (printed by the program), then ratios. The load average is printed before and after.

The baselines only tokenize (rows of strings, a DataFrame of strings); the library also
validates every cell and builds the catalog objects, so the ratio to them is the cost of
that work, not of lexing alone.

Usage: bench/csv/run.py BASE_SRC BASE_BUILD [NEW_BUILD] [--runs N] [--mib M] [--csv FILE]
  BASE_BUILD/NEW_BUILD: build directories of the same buildtype (release recommended);
  NEW_BUILD defaults to build-rel of this tree. The input is --csv FILE or, by default,
  made by gen.py from this tree's `traderules export` (NEW_BUILD/tools/traderules) to
  about M MiB (default 40).
Example (results in bench/csv/README.md):
  git worktree add --detach /tmp/base main && (cd /tmp/base && meson setup build-rel \\
    -Dbuildtype=release && ninja -C build-rel lib/libtraderules.so)
  meson setup build-rel -Dbuildtype=release && ninja -C build-rel
  nice -n 10 bench/csv/run.py /tmp/base /tmp/base/build-rel build-rel --runs 5
SPDX-License-Identifier: MIT
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PY = "/usr/bin/python3"
PYCSV = ("import csv, sys, time\n"
         "t = time.process_time()\n"
         "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
         "    rows = list(csv.reader(f))\n"
         "print('pycsv', round(time.process_time() - t, 4), len(rows) - 1)\n")
PANDAS = ("import sys, time\n"
          "import pandas as pd\n"
          "t = time.process_time()\n"
          "df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)\n"
          "print('pandas', round(time.process_time() - t, 4), len(df))\n")


def build(name, src, builddir, tmp):
    exe = os.path.join(tmp, name)
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "glib-2.0"], check=True,
                           capture_output=True, text=True).stdout.split()
    subprocess.run(["cc", "-O2", "-o", exe, os.path.join(ROOT, "bench/csv/bench-csv-read.c"),
                    f"-I{src}/include", f"-I{builddir}/include", *flags, f"-L{builddir}/lib",
                    "-ltraderules", f"-Wl,-rpath,{builddir}/lib"], check=True)
    return [exe]


def run_one(cmd):
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.monotonic() - t0
    if status != 0:
        sys.exit(f"{' '.join(cmd)} failed: {err.decode()[:400]}")
    fields = out.decode().split()
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mib": ru.ru_maxrss / 1024,
            "read_cpu": float(fields[1]), "rows": int(fields[2])}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base_src")
    ap.add_argument("base_build")
    ap.add_argument("new_build", nargs="?", default=os.path.join(ROOT, "build-rel"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--mib", type=float, default=40)
    ap.add_argument("--csv")
    ap.add_argument("--no-pandas", action="store_true")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="tr-bench-csv-")
    try:
        progs = {"before": build("before", os.path.abspath(a.base_src), os.path.abspath(a.base_build), tmp),
                 "after": build("after", ROOT, os.path.abspath(a.new_build), tmp)}
        path = a.csv
        if not path:
            src = os.path.join(tmp, "embedded.csv")
            with open(src, "wb") as f:
                subprocess.run([os.path.join(a.new_build, "tools/traderules"), "export"], stdout=f, check=True)
            path = os.path.join(tmp, "big.csv")
            subprocess.run([PY, os.path.join(ROOT, "bench/csv/gen.py"), src, path, str(a.mib)], check=True,
                           stdout=subprocess.DEVNULL)
        progs["python-csv"] = [PY, "-c", PYCSV]
        if not a.no_pandas:
            try:
                subprocess.run([PY, "-c", "import pandas"], check=True, capture_output=True)
                progs["pandas"] = [PY, "-c", PANDAS]
            except subprocess.CalledProcessError:
                print("pandas not installed: its baseline skipped")
        size = os.path.getsize(path)
        names = list(progs)
        print(f"input {size / 1048576:.1f} MiB ({path}); load average before: "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        res = {n: [] for n in names}
        for r in range(a.runs):
            order = names[r % len(names):] + names[:r % len(names)]
            for n in order:
                res[n].append(run_one(progs[n] + [path]))
        rows = {n: {k: statistics.median(x[k] for x in res[n]) for k in res[n][0]} for n in names}
        if rows["before"]["rows"] != rows["after"]["rows"]:
            sys.exit(f"before loaded {rows['before']['rows']} agreements, after {rows['after']['rows']}")
        print(f"{'program':<11} {'wall_s':>8} {'cpu_s':>8} {'read_cpu_s':>10} {'peak_MiB':>9} "
              f"{'x_input':>8} {'rows':>8}   (medians of {a.runs} alternating runs)")
        for n in names:
            m = rows[n]
            print(f"{n:<11} {m['wall']:8.3f} {m['cpu']:8.3f} {m['read_cpu']:10.3f} {m['rss_mib']:9.1f} "
                  f"{m['rss_mib'] * 1048576 / size:8.2f} {m['rows']:8d}")
        b, n = rows["before"], rows["after"]
        print(f"after/before: wall {n['wall'] / b['wall']:.3f}, CPU {n['cpu'] / b['cpu']:.3f}, "
              f"read CPU {n['read_cpu'] / b['read_cpu']:.3f}, peak RSS {n['rss_mib'] / b['rss_mib']:.3f}")
        for base in names[2:]:
            m = rows[base]
            print(f"after/{base}: wall {n['wall'] / m['wall']:.3f}, CPU {n['cpu'] / m['cpu']:.3f}, "
                  f"read CPU {n['read_cpu'] / m['read_cpu']:.3f}, peak RSS {n['rss_mib'] / m['rss_mib']:.3f}")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
