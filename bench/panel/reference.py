"""A straightforward pandas implementation of the panel rules of docs/panel.md:
the baseline of bench/panel/run.sh and an independent check of the library's
output (same rows, same values, same agreement lists).

Usage: reference.py TRADERULES MEMBERSHIP_JSON FIRST LAST ECONOMIES_FILE OUT_CSV
(ECONOMIES_FILE: one ISO3 per line, the balanced panel's economies.)
"""
import io
import itertools
import json
import subprocess
import sys

import pandas as pd

T, MEMB, FIRST, LAST, ECON, OUT = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
OPEN = 99991231


def first_day(s):
    p = s.split("-")
    return int(p[0]) * 10000 + (int(p[1]) if len(p) > 1 else 1) * 100 + (int(p[2]) if len(p) > 2 else 1)


def last_day(s):
    import calendar
    p = s.split("-")
    y = int(p[0])
    m = int(p[1]) if len(p) > 1 else 12
    d = int(p[2]) if len(p) > 2 else calendar.monthrange(y, m)[1]
    return y * 10000 + m * 100 + d


long = pd.read_csv(io.StringIO(subprocess.run([T, "export"], check=True, capture_output=True, text=True).stdout),
                   dtype=str, keep_default_na=False)
cats = [c for c in subprocess.run([T, "categories", "--format", "csv"], check=True, capture_output=True,
                                  text=True).stdout.splitlines()[1:]]
cat_ids = [line.split(",")[1] for line in cats]
wide_cols = subprocess.run([T, "export", "--wide"], check=True, capture_output=True, text=True).stdout.splitlines()[0].split(",")[-len(cat_ids):]
memb = json.load(open(MEMB))
blocs = {b["id"]: b["members"] for b in memb["blocs"]}
records = {(r["agreement"], r["party"]): r for r in memb["application"]}
econ = sorted(set(open(ECON).read().split()))

ags = long.drop_duplicates("agreement").set_index("agreement")
codes = {}  # (agreement, category) -> code or -1
for r in long.itertuples():
    if r.category:
        codes[(r.agreement, r.category)] = int(r.strength_code) if r.strength_code != "" else -1

pairs = {}  # (a, b) sorted -> list of (agreement, first, last) or (agreement, None, None) undated
for ag, a in ags.iterrows():
    if a.status not in ("in_force", "superseded", "expired"):
        continue
    parties = [p for p in a.parties.split(";") if p]
    if len(parties) < 2:
        continue
    entries = []
    for side, p in enumerate(parties):
        def interval(state, party):
            r = records.get((ag, state)) or (records.get((ag, party)) if party else None) or records.get((ag, "*"))
            if r:
                if r["from"] is None:
                    return None
                return first_day(r["from"]), last_day(r["to"]) if r["to"] else OPEN
            if not a.date_in_force:
                return None
            return first_day(a.date_in_force), OPEN
        if p not in blocs:
            entries.append((p, side, interval(p, None)))
            continue
        for m in blocs[p]:
            if m["from"] is None:
                continue
            iv = interval(m["state"], p)
            mlo, mhi = first_day(m["from"]), last_day(m["to"]) if m["to"] else OPEN
            if iv is None:
                if mlo > LAST * 10000 + 1231 or mhi < FIRST * 10000 + 101:
                    continue
                entries.append((m["state"], side, None))
            else:
                lo, hi = max(iv[0], mlo), min(iv[1], mhi)
                if lo <= hi:
                    entries.append((m["state"], side, (lo, hi)))
    for (s1, d1, i1), (s2, d2, i2) in itertools.combinations(entries, 2):
        if d1 == d2 or s1 == s2:
            continue
        key = tuple(sorted((s1, s2)))
        if i1 is None or i2 is None:
            pairs.setdefault(key, []).append((ag, None, None))
            continue
        lo = max(i1[0], i2[0], FIRST * 10000 + 101)
        hi = min(i1[1], i2[1], LAST * 10000 + 1231)
        if lo <= hi:
            pairs.setdefault(key, []).append((ag, lo // 10000, hi // 10000))

rows = []
for a, b in itertools.combinations(econ, 2):
    ent = pairs.get((a, b), [])
    seen = []
    for e in ent:  # one entry per agreement (widened), undated apart
        for s in seen:
            if s[0] == e[0] and (s[1] is None) == (e[1] is None):
                if e[1] is not None:
                    s[1], s[2] = min(s[1], e[1]), max(s[2], e[2])
                break
        else:
            seen.append(list(e))
    for y in range(FIRST, LAST + 1):
        inforce = [s[0] for s in seen if s[1] is not None and s[1] <= y <= s[2]]
        undated = [s[0] for s in seen if s[1] is None]
        row = [a, b, y, len(inforce), ";".join(inforce), ";".join(undated)]
        for cid in cat_ids:
            cs = [codes.get((g, cid), -1) for g in inforce]
            known = [c for c in cs if c >= 0]
            best = max(known, default=0)
            unknown = any(c < 0 for c in cs)
            row.append("" if (unknown and best < 3) else str(best))
            row.append(";".join(g for g, c in zip(inforce, cs) if best >= 1 and c == best))
        rows.append(row)
cols = ["iso3_i", "iso3_j", "year", "n_agreements", "agreements", "undated"]
for k, col in enumerate(wide_cols, 1):
    cols += [col, f"by_{k:02d}"]
pd.DataFrame(rows, columns=cols).to_csv(OUT, index=False, lineterminator="\r\n")
