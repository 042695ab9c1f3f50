#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Catalog.panel() as a pandas DataFrame: through the library's CSV writer (what
panel() does) against one Python callback per row (the baseline: what
panel(as_frame=False) does, then pandas.DataFrame.from_records).

Alternating runs in fresh processes, medians and their ratio; checks that both
give the same table. Run from the source tree after `ninja -C build`:
  bench/python/panel-frame.py [RUNS] [FIRST-LAST]
"""
import os
import statistics
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
ENV = dict(os.environ,
           TRADERULES_LIBRARY=os.environ.get("TRADERULES_LIBRARY",
                                             os.path.join(ROOT, "build", "lib",
                                                          "libtraderules.so.0")),
           PYTHONPATH=os.path.join(ROOT, "bindings", "python"))
ONE = r"""
import sys, time, hashlib
import pandas
import traderules as tr
first, last = map(int, sys.argv[2].split("-"))
cat = tr.Catalog.default()
t = time.perf_counter()
if sys.argv[1] == "frame":
    df = cat.panel(years=(first, last))
else:
    cols, rows = cat._panel_rows((first, last), None, "strength", False, None, None)
    df = pandas.DataFrame.from_records(rows, columns=cols)
    for c in cols[2:4] + [c for c in cols[6:] if not c.startswith("by_")]:
        df[c] = df[c].astype("Int64")
dt = time.perf_counter() - t
digest = hashlib.sha256(df.to_csv(index=False).encode()).hexdigest()[:16]
print(dt, len(df), digest)
"""


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    years = sys.argv[2] if len(sys.argv) > 2 else "1995-2024"
    times = {"callback": [], "frame": []}
    seen = {}
    for _ in range(runs):
        for mode in ("callback", "frame"):
            out = subprocess.run([sys.executable, "-c", ONE, mode, years], env=ENV, check=True,
                                 capture_output=True, text=True).stdout.split()
            times[mode].append(float(out[0]))
            seen.setdefault(mode, set()).add((out[1], out[2]))
    if seen["callback"] != seen["frame"] or len(seen["frame"]) != 1:
        sys.exit("the two ways gave different tables: %r" % seen)
    rows = next(iter(seen["frame"]))[0]
    base, new = statistics.median(times["callback"]), statistics.median(times["frame"])
    print("panel %s, %s rows, %d alternating runs each" % (years, rows, runs))
    print("callback per row (baseline): median %.3f s  %s" % (base, times["callback"]))
    print("CSV writer + read_csv:       median %.3f s  %s" % (new, times["frame"]))
    print("ratio baseline/new: %.2f" % (base / new))


if __name__ == "__main__":
    main()
