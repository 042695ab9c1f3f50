#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Load libtraderules output into plain Python structures ready for pandas.

Nothing here needs pandas; with it installed, each structure becomes a
DataFrame in one line (shown in the comments).

Run from a build tree:
  TRADERULES_LIBRARY=build/lib/libtraderules.so.0 PYTHONPATH=bindings/python \
    python3 bindings/python/examples/to_pandas.py
"""
import csv
import io

import traderules as tr

with tr.Catalog.default() as cat:
    # 1. Long table: one dict per agreement x coded category.
    #    pandas.DataFrame(rows)
    rows = cat.to_rows()

    # 2. Wide matrix: agreement -> {category: strength code 0..3 or None}.
    #    pandas.DataFrame.from_dict(wide, orient="index")
    wide = {}
    for rec in csv.DictReader(io.StringIO(cat.to_csv("wide"))):
        wide[rec["agreement"]] = {k: (int(v) if v else None) for k, v in rec.items()
                                  if k not in ("agreement", "name", "kind", "status", "family",
                                               "parties", "date_signed", "year", "tota_id",
                                               "wto_rta_id", "dispute_settlement")}

    # 3. Comparison of the two templates: category -> relation.
    #    pandas.Series(relations)
    relations = {}
    if tr._c.has("tr_comparison_new"):
        with tr.compare(cat, "american", "european") as cmp:
            relations = cmp.relations()
            distance = cmp.distance

columns = sorted({k for r in rows for k in r})
print("long table: %d rows, %d columns" % (len(rows), len(columns)))
print("wide matrix: %d rows x %d category columns" % (len(wide), len(next(iter(wide.values())))
                                                        if wide else 0))
if relations:
    same = sum(1 for v in relations.values() if v == "same")
    print("american vs european: %d categories, %d the same, distance %.3f"
          % (len(relations), same, distance))
print("first row:", {k: rows[0][k] for k in ("agreement", "category", "strength")})
