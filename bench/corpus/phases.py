#!/usr/bin/python3
"""Per-phase medians of trbench runs, alternating thread counts (and builds).

Usage: bench/corpus/phases.py [--runs 5] [--job matrix|pairs|trace] XMLDIR TRBENCH[:LABEL]... 
Every run is one whole trbench process; for each (build, threads) the median wall and CPU
time of every phase (the library's clocks, tr_corpus_phase_time) and of the process
(GNU-time-like: wall, user+sys from os.wait4) are printed, then the 1-vs-2-thread ratio.
"""
import argparse, os, re, statistics, subprocess, sys, tempfile, time

PH = ["ingest", "tokenize", "intern", "sets", "join", "output"]

def run(trb, job, xml, threads, out):
    t0 = time.monotonic()
    p = subprocess.Popen([trb, job, xml, out, str(threads)], stdout=subprocess.PIPE, text=True)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    text = p.stdout.read()
    if status != 0:
        sys.exit(f"{trb} {job} failed")
    r = {"process": (wall, ru.ru_utime + ru.ru_stime), "rss": ru.ru_maxrss / 1024}
    for m in re.finditer(r"^phase (\w+)\s+wall ([0-9.]+) s(?: cpu ([0-9.]+) s)?", text, re.M):
        r[m.group(1)] = (float(m.group(2)), float(m.group(3) or 0))
    return r

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--job", default="matrix")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("xml")
    ap.add_argument("builds", nargs="+")
    a = ap.parse_args()
    threads = [int(t) for t in a.threads.split(",")]
    builds = [(b.split(":")[0], b.split(":")[1] if ":" in b else b) for b in a.builds]
    res = {}
    outs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(a.runs):
            for bi, (trb, label) in enumerate(builds):
                for t in threads:
                    out = os.path.join(tmp, f"{bi}-{t}.tsv")
                    res.setdefault((label, t), []).append(run(trb, a.job, a.xml, t, out))
                    outs[(label, t)] = open(out, "rb").read()
        ref = next(iter(outs.values()))
        same = all(v == ref for v in outs.values())
    print(f"job {a.job}, {a.runs} alternating runs, medians; load average {os.getloadavg()[0]:.1f}")
    print(f"{'build/threads':<22}" + "".join(f"{p:>16}" for p in PH + ["process"]) + f"{'peak MiB':>10}")
    med = {}
    for key, rs in res.items():
        row = {}
        for p in PH + ["process"]:
            ws = [r[p][0] for r in rs if p in r]
            cs = [r[p][1] for r in rs if p in r]
            row[p] = (statistics.median(ws), statistics.median(cs)) if ws else (0, 0)
        med[key] = row
        rss = max(r["rss"] for r in rs)
        print(f"{key[0] + ' x' + str(key[1]):<22}" + "".join(f"{row[p][0]:>8.3f}/{row[p][1]:<7.3f}" for p in PH + ["process"]) + f"{rss:>10.1f}")
    print("(wall s / CPU s; output has no CPU clock)")
    for label in dict.fromkeys(l for l, _ in res):
        if (label, 1) in med and (label, 2) in med:
            w1, w2 = med[(label, 1)]["process"][0], med[(label, 2)]["process"][0]
            print(f"{label}: 1 thread / 2 threads, process wall: {w1 / w2:.2f}x")
    print("outputs of every build and thread count identical:", "yes" if same else "NO")
    return 0 if same else 1

if __name__ == "__main__":
    sys.exit(main())
