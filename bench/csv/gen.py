#!/usr/bin/python3
"""Make a large long-format CSV for bench/csv: K copies of a long CSV (by default the
embedded catalog, `traderules export`), each copy's agreement ids (and the based_on
references between them) suffixed with _K so that every copy is a new agreement.

Usage: gen.py SOURCE.csv OUT.csv MIB   (copies until OUT is about MIB MiB, below 64)
SPDX-License-Identifier: MIT
"""
import csv
import sys


def main():
    src, out, mib = sys.argv[1], sys.argv[2], float(sys.argv[3])
    with open(src, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    ia, ib = header.index("agreement"), header.index("based_on")
    ids = {r[ia] for r in body}
    size_one = len(open(src, "rb").read())
    copies = max(1, int(mib * 1048576 / size_one))
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for k in range(copies):
            for r in body:
                r = list(r)
                r[ia] = f"{r[ia]}_{k}"
                if r[ib] in ids:
                    r[ib] = f"{r[ib]}_{k}"
                w.writerow(r)
    print(f"{out}: {copies} copies of {src}")


if __name__ == "__main__":
    main()
