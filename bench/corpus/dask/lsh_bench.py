#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""MinHash LSH (traderules.lsh) on ToTA articles: recall against the exact pair
list of `traderules corpus pairs`, identical verified pairs, and wall time on a
Dask LocalCluster of 2 worker processes against the same job on one machine.

Usage (from the source tree, after `ninja -C build`):
    bench/corpus/dask/lsh_bench.py [--xml DIR] [--threshold 0.5 --threshold 0.8]
        [--repeat 3] [--partitions 16] [--workers 2] [--build build]

For each threshold t:
  exact    `traderules corpus pairs DIR --unit article --threshold t --format csv`
           (word 5-grams, scikit-learn tokens; whole process, 2 threads); its
           pairs (article indexes a < b, intersection, union) are the reference.
  single   traderules.lsh.lsh_pairs() in this process (one core): signatures,
           band keys, buckets, exact verification.
  dask     traderules.lsh.dask_lsh_pairs() on distributed.LocalCluster(
           n_workers=2, threads_per_worker=1, processes=True), texts in
           --partitions partitions; the cluster is started once, outside the timing.
Bands and rows come from traderules.lsh.choose_bands(t, recall=0.99, max_k=256);
the expected recall is the mean S-curve value 1 - (1 - J^r)^b over the exact
pairs' Jaccard values. Timed runs alternate single, dask, single, dask, ...;
medians are printed. Articles are read once (not timed; printed).
"""
import argparse
import csv
import io
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--xml", default=os.path.join(ROOT, "..", "shared", "data", "tota", "xml"))
    ap.add_argument("--threshold", type=float, action="append")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--partitions", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--recall", type=float, default=0.99)
    return ap.parse_args()


def exact_pairs(cmd, xml, t, index_of):
    """{(a, b): (jaccard, intersection, union)} from the command, and its wall time.
    The CSV names articles by ToTA id (a_agreement) and article identifier (a);
    index_of maps the label "tota_id:identifier" to the article's index."""
    t0 = time.perf_counter()
    out = subprocess.run([cmd, "corpus", "pairs", xml, "--unit", "article", "--threshold",
                          repr(t), "--threads", "2", "--format", "csv"],
                         check=True, stdout=subprocess.PIPE).stdout.decode("utf-8")
    wall = time.perf_counter() - t0
    pairs = {}
    for row in csv.DictReader(io.StringIO(out)):
        a = index_of["%s:%s" % (row["a_agreement"], row["a"])]
        b = index_of["%s:%s" % (row["b_agreement"], row["b"])]
        pairs[(min(a, b), max(a, b))] = (float(row["jaccard"]), int(row["intersection"]),
                                         int(row["union"]))
    return pairs, wall


def _cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main():
    args = parse_args()
    lib = os.path.join(args.build, "lib", "libtraderules.so.0")
    os.environ.setdefault("TRADERULES_LIBRARY", lib)
    sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
    # the workers inherit the environment: they find the same library and package
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [os.path.join(ROOT, "bindings", "python")] + os.environ.get("PYTHONPATH", "").split(os.pathsep))
    import dask.dataframe as dd
    import distributed
    import pandas as pd
    import traderules as tr
    from traderules import lsh

    if not os.path.isdir(args.xml):
        print("lsh_bench: no ToTA XML directory at %s (--xml)" % args.xml, file=sys.stderr)
        return 77
    cmd = os.path.join(args.build, "tools", "traderules")
    thresholds = args.threshold or [0.5, 0.8]

    t0 = time.perf_counter()
    corpus = tr.Corpus().load(args.xml)
    arts = corpus.articles()
    texts = [(i, a["text"]) for i, a in enumerate(arts)]
    frame = pd.DataFrame({"id": [i for i, _ in texts], "text": [t for _, t in texts]})
    corpus.close()
    index_of = {a["label"]: i for i, a in enumerate(arts)}
    if len(index_of) != len(arts):
        print("lsh_bench: article labels are not unique", file=sys.stderr)
        return 1
    print("ToTA: %d agreements' %d articles read in %.2f s (not timed below)"
          % (len(set(a["tota_id"] for a in arts)), len(texts), time.perf_counter() - t0))

    cluster = distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1,
                                       processes=True, dashboard_address=None)
    client = distributed.Client(cluster)
    try:
        t0 = time.perf_counter()
        ddf = dd.from_pandas(frame, npartitions=args.partitions).persist()
        distributed.wait(ddf)
        print("LocalCluster: %d worker processes x 1 thread; texts scattered in %.2f s "
              "(%d partitions)" % (args.workers, time.perf_counter() - t0, args.partitions))
        for t in thresholds:
            params = lsh.LSHParams(t, recall=args.recall)
            exact, exact_wall = exact_pairs(cmd, args.xml, t, index_of)
            expected = (statistics.fmean(params.expected_recall(v[0]) for v in exact.values())
                        if exact else 1.0)
            single_times, dask_times, single_cpu, dask_cpu = [], [], [], []
            single = dask_rows = None
            cand = set()
            for r in range(args.repeat):
                c = set()
                c0 = _cpu()
                s0 = time.perf_counter()
                single = lsh.lsh_pairs(texts, params, candidates=c)
                single_times.append(time.perf_counter() - s0)
                single_cpu.append(_cpu() - c0)
                cand = c
                w0 = sum(client.run(_cpu).values())
                c0 = _cpu()
                d0 = time.perf_counter()
                got = lsh.dask_lsh_pairs(ddf, params).compute()
                dask_times.append(time.perf_counter() - d0)
                dask_cpu.append(_cpu() - c0 + sum(client.run(_cpu).values()) - w0)
                dask_rows = sorted(got[["a", "b", "jaccard", "intersection", "union"]]
                                   .itertuples(index=False, name=None))
            found = {(a, b): (i, u) for a, b, _, i, u in single}
            recalled = sum(1 for k in exact if k in found)
            same_values = all(k in exact and exact[k][1:] == v for k, v in found.items())
            print()
            print("threshold %.2f: bands %d x rows %d (k = %d), S-curve at t = %.4f, "
                  "expected recall over the exact pairs %.4f"
                  % (t, params.bands, params.rows, params.k, params.expected_recall(t), expected))
            print("  exact pairs (traderules corpus pairs): %d in %.2f s (whole process, 2 threads)"
                  % (len(exact), exact_wall))
            print("  LSH candidates %d, verified pairs %d: recall %.4f (%d missed)"
                  % (len(cand), len(single), recalled / len(exact) if exact else 1.0,
                     len(exact) - recalled))
            print("  verified pairs all in the exact list with identical intersection and union: %s"
                  % ("yes" if same_values and len(found) == recalled else "NO"))
            print("  dask result identical to the single-machine result: %s"
                  % ("yes" if dask_rows == single else "NO"))
            print("  wall time, median of %d (alternating): single machine %.2f s, "
                  "dask LocalCluster %d workers %.2f s, ratio single/dask %.2f"
                  % (args.repeat, statistics.median(single_times), args.workers,
                     statistics.median(dask_times),
                     statistics.median(single_times) / statistics.median(dask_times)))
            print("  CPU time, median: single machine %.2f s, dask %.2f s (workers + client)"
                  % (statistics.median(single_cpu), statistics.median(dask_cpu)))
            print("    runs single: %s; dask: %s"
                  % (" ".join("%.2f" % x for x in single_times),
                     " ".join("%.2f" % x for x in dask_times)))
    finally:
        client.close()
        cluster.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
