#!/usr/bin/python3
"""The corpus benchmark (run by bench/corpus/run.sh; by hand, never a test).

Usage: bench.py [--runs 3] [--sk-runs N] [--jobs ingest,matrix,pairs,trace,templates]
                XMLDIR TRBENCH TRADERULES

Alternating runs: in each round, every job runs as scikit-learn (baseline.py; matrix,
pairs and trace; lxml for ingest), libtraderules with the default threads (2 on the project
machine) and with 1 thread, one after the other, so a change in the machine's load
hits all of them alike. Every run is one whole process (XML files to output file);
wall, CPU (user + sys) and peak RSS come from os.wait4. Printed: per job and variant
the medians (and the range), the ratios of the medians (scikit-learn / libtraderules
in wall and CPU time; 1 thread / default threads in wall time), the library's phase
times (medians), the load average before and after, and whether the outputs are
identical (scikit-learn = libtraderules = libtraderules with 1 thread, byte for byte).
`templates` has no scikit-learn counterpart: `traderules corpus templates` (the
library's index plus the e-commerce chapters' matrix) with --threads.
"""
import argparse, os, re, statistics, subprocess, sys, tempfile, time

PH = ["ingest", "tokenize", "intern", "sets", "join", "output"]
HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, out):
    t0 = time.monotonic()
    with open(out + ".log", "w") as log:
        p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    text = open(out + ".log").read()
    if status != 0:
        sys.exit("FAILED: %s\n%s" % (" ".join(cmd), text[-2000:]))
    r = {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss": ru.ru_maxrss / 1024}
    # trbench: "phase NAME wall W s cpu C s"; traderules --timings: "NAME  W  C" lines
    for m in re.finditer(r"^phase (\w+)\s+wall ([0-9.]+) s(?: cpu ([0-9.]+) s)?", text, re.M):
        r[m.group(1)] = (float(m.group(2)), float(m.group(3) or 0))
    for m in re.finditer(r"^\s*(\w+)\s+([0-9.]+)\s+s?\s*([0-9.]+)", text, re.M):
        if m.group(1) in PH and m.group(1) not in r:
            r[m.group(1)] = (float(m.group(2)), float(m.group(3)))
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sk-runs", type=int, default=None, help="scikit-learn runs (default: --runs)")
    ap.add_argument("--jobs", default="ingest,matrix,pairs,trace,templates")
    ap.add_argument("xml")
    ap.add_argument("trbench")
    ap.add_argument("traderules")
    a = ap.parse_args()
    skruns = a.runs if a.sk_runs is None else a.sk_runs
    jobs = a.jobs.split(",")
    py = "/usr/bin/python3"
    load0 = os.getloadavg()
    print(f"corpus: {a.xml} ({len([f for f in os.listdir(a.xml) if f.endswith('.xml')])} files), "
          f"{os.cpu_count()} processors; {a.runs} alternating rounds ({skruns} with scikit-learn)")
    print(f"load average at the start: {load0[0]:.1f} {load0[1]:.1f} {load0[2]:.1f}")
    res, outs = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(a.runs):
            for job in jobs:
                variants = []
                if job != "templates":
                    if i < skruns:
                        variants.append(("sklearn", [py, os.path.join(HERE, "baseline.py"), job, a.xml]))
                    variants.append(("tr", [a.trbench, job, a.xml]))
                    variants.append(("tr-1thr", [a.trbench, job, a.xml]))
                else:
                    variants.append(("tr", [a.traderules, "--format", "csv", "corpus", "templates",
                                            a.xml, "--timings"]))
                    variants.append(("tr-1thr", variants[-1][1] + ["--threads", "1"]))
                for name, cmd in variants:
                    out = os.path.join(tmp, f"{job}-{name}.tsv")
                    if job == "templates":
                        full = ["sh", "-c", 'exec "$0" "$@" > "%s"' % out] + cmd
                    else:
                        full = cmd + [out] + (["1"] if name == "tr-1thr" else [])
                    res.setdefault((job, name), []).append(run(full, out))
                    data = open(out, "rb").read() if os.path.exists(out) else b""
                    key = (job, name)
                    if key in outs and outs[key] != data:
                        print(f"WARNING: {job} {name}: output changed between rounds")
                    outs[key] = data
        load1 = os.getloadavg()

    print()
    print(f"{'job':<10}{'variant':<10}{'wall s (median, range)':>28}{'CPU s (median, range)':>28}{'peak MiB':>10}")
    med = {}
    for (job, name), rs in res.items():
        w = [r["wall"] for r in rs]
        c = [r["cpu"] for r in rs]
        med[(job, name)] = (statistics.median(w), statistics.median(c), max(r["rss"] for r in rs))
        print(f"{job:<10}{name:<10}{statistics.median(w):>10.2f} ({min(w):7.2f}-{max(w):7.2f})"
              f"{statistics.median(c):>10.2f} ({min(c):7.2f}-{max(c):7.2f}){med[(job, name)][2]:>10.1f}")
    print()
    print("ratios of the medians:")
    for job in jobs:
        line = f"  {job:<10}"
        if (job, "sklearn") in med:
            sw, sc, _ = med[(job, "sklearn")]
            tw, tc, _ = med[(job, "tr")]
            line += f"scikit-learn / libtraderules: wall {sw / tw:6.1f}x, CPU {sc / tc:6.1f}x;  "
        line += f"1 thread / default threads (wall): {med[(job, 'tr-1thr')][0] / med[(job, 'tr')][0]:.2f}x"
        print(line)
    print()
    print("identical outputs:")
    ok = True
    for job in jobs:
        same_thr = outs[(job, "tr")] == outs[(job, "tr-1thr")]
        line = f"  {job:<10}1 thread = default threads: {'yes' if same_thr else 'NO'}"
        ok = ok and same_thr
        if (job, "sklearn") in outs and job != "ingest":
            same_sk = outs[(job, "sklearn")] == outs[(job, "tr")]
            ok = ok and same_sk
            line += f"; scikit-learn = libtraderules: {'yes' if same_sk else 'NO'}"
        nl = outs[(job, "tr")].count(b"\n")
        line += f" ({nl} lines)"
        print(line)
    print()
    print("library phases, medians (wall s / CPU s; output: writing the results, wall):")
    print(f"  {'job, variant':<20}" + "".join(f"{p:>15}" for p in PH))
    for (job, name), rs in res.items():
        if name == "sklearn":
            continue
        row = f"  {job + ' ' + name:<20}"
        for p in PH:
            ws = [r[p][0] for r in rs if p in r]
            cs = [r[p][1] for r in rs if p in r]
            row += f"{statistics.median(ws):>8.3f}/{statistics.median(cs):<6.3f}" if ws else f"{'-':>15}"
        print(row)
    peak = max(v[2] for (j, n), v in med.items() if n != "sklearn")
    print()
    print(f"peak RSS of every libtraderules run: {peak:.1f} MiB")
    print(f"load average at the end: {load1[0]:.1f} {load1[1]:.1f} {load1[2]:.1f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
