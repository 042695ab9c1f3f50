#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Where the Dask time of traderules.lsh goes on ToTA articles: band keys, then
candidates, then the whole pipeline, each computed from the persisted texts on a
LocalCluster of 2 worker processes (cumulative stages; wall and CPU of workers + client).

Usage: bench/corpus/dask/stages.py [THRESHOLD [XML_DIR]]   (from the source tree, after ninja -C build)
"""
import os
import resource
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main():
    threshold = float(sys.argv[1]) if len(sys.argv) > 1 else 0.5
    xml = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "..", "shared", "data", "tota", "xml")
    if not os.path.isdir(xml):
        print("stages: no ToTA XML directory at %s" % xml, file=sys.stderr)
        return 77
    os.environ.setdefault("TRADERULES_LIBRARY", os.path.join(ROOT, "build", "lib", "libtraderules.so.0"))
    os.environ["PYTHONPATH"] = os.path.join(ROOT, "bindings", "python")
    sys.path.insert(0, os.environ["PYTHONPATH"])
    import dask.dataframe as dd
    import distributed
    import pandas as pd
    import traderules as tr
    from traderules import lsh

    arts = tr.Corpus().load(xml).articles()
    frame = pd.DataFrame({"id": range(len(arts)), "text": [a["text"] for a in arts]})
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cl, distributed.Client(cl) as client:
        ddf = dd.from_pandas(frame, npartitions=16).persist()
        distributed.wait(ddf)
        p = lsh.LSHParams(threshold)
        stages = (("band keys", lambda: ddf[["id", "text"]].map_partitions(
                      lsh.partition_band_keys, p, meta=lsh._keys_meta())),
                  ("candidates", lambda: lsh.dask_candidates(ddf, p)),
                  ("all", lambda: lsh.dask_lsh_pairs(ddf, p)))
        for name, graph in stages:
            w0 = sum(client.run(cpu).values())
            c0 = cpu()
            t0 = time.perf_counter()
            rows = len(graph().compute())
            print("%-10s rows %8d wall %6.2f s CPU %6.2f s"
                  % (name, rows, time.perf_counter() - t0,
                     cpu() - c0 + sum(client.run(cpu).values()) - w0), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
