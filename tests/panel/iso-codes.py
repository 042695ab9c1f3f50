"""Every party of the embedded catalog and every member of the embedded bloc
table is an ISO 3166-1 alpha-3 code (Debian's iso-codes list) or a bloc id.
Skips (77) without the iso-codes package.
Usage: iso-codes.py TRADERULES MEMBERSHIP_JSON"""
import csv
import io
import json
import subprocess
import sys

ISO = "/usr/share/iso-codes/json/iso_3166-1.json"
try:
    codes = {c["alpha_3"] for c in json.load(open(ISO))["3166-1"]}
except OSError:
    print(f"{ISO} not installed (Debian package iso-codes): skipped")
    sys.exit(77)
codes.add("XKX")  # Kosovo: user-assigned code in common use, not in ISO 3166-1
memb = json.load(open(sys.argv[2]))
blocs = {b["id"] for b in memb["blocs"]}
bad = []
for b in memb["blocs"]:
    for m in b["members"]:
        if m["state"] not in codes:
            bad.append(f"bloc {b['id']}: member {m['state']}")
out = subprocess.run([sys.argv[1], "export"], check=True, capture_output=True, text=True).stdout
for row in csv.DictReader(io.StringIO(out)):
    for p in filter(None, row["parties"].split(";")):
        if p not in codes and p not in blocs:
            bad.append(f"agreement {row['agreement']}: party {p}")
for r in memb["application"]:
    if r["party"] not in ("*",) and r["party"] not in codes and r["party"] not in blocs:
        bad.append(f"application record {r['agreement']}: party {r['party']}")
for b in sorted(set(bad)):
    print("not an ISO 3166-1 alpha-3 code or a bloc:", b)
print(f"checked {len(blocs)} blocs and the catalog's parties against {len(codes)} codes")
sys.exit(1 if bad else 0)
