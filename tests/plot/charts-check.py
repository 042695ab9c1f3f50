#!/usr/bin/python3
"""Read the text of charts written by 'traderules plot' (SVG <text> elements) and
check it against what the other commands print.

  charts-check.py texts SVG                 every text element, one a line
  charts-check.py compare SVG JSON A B      the compare chart's rows equal 'compare --format json'
  charts-check.py timeline SVG ID...        every ID labels a marker; labels in one lane do not overlap
"""
import json
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def texts(path):
    """(x, y, size, anchor, transform, text) of every <text> element, in document order."""
    root = ET.parse(path).getroot()
    out = []
    for t in root.iter(NS + "text"):
        out.append((float(t.get("x")), float(t.get("y")), float(t.get("font-size")),
                    t.get("text-anchor", "start"), t.get("transform"), "".join(t.itertext())))
    if root.iter(NS + "symbol") and any(True for _ in root.iter(NS + "symbol")):
        sys.exit(f"{path}: glyph outlines (<symbol>) found; text must be <text>")
    return out


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def check_compare(svg, js, name_a, name_b):
    doc = json.load(open(js, encoding="utf-8"))
    if isinstance(doc, dict):
        # {"first": {name, members, ...}, "second": ..., "summary": ..., "categories": [...]}
        if doc["first"]["name"] != name_a or doc["second"]["name"] != name_b:
            fail(f"compare compared {doc['first']['name']} and {doc['second']['name']}")
        rows = [{"category": r["category"], "relation": r["relation"],
                 name_a: r["first"]["strength"], name_b: r["second"]["strength"]}
                for r in doc["categories"]]
        members = {name_a: doc["first"]["members"], name_b: doc["second"]["members"]}
        summary = doc.get("summary")
    else:  # the older list of display rows
        rows = doc
        members = {side: [m for m in (doc[0].get(side + " members") or "").split(",") if m]
                   for side in (name_a, name_b)}
        summary = None
    relations = {r["relation"] for r in rows} | {
        "same", "both_unknown", "first_stronger", "second_stronger", "only_first", "only_second",
        "different_carveouts", "first_unknown", "second_unknown"}
    ts = texts(svg)
    # chart rows: texts sharing a baseline whose right-most text is a relation id
    by_y = {}
    for x, y, size, anchor, tr, s in ts:
        if tr is None:
            by_y.setdefault(y, []).append((x, s))
    chart = []
    for y in sorted(by_y):
        cells = [s for x, s in sorted(by_y[y])]
        if len(cells) >= 4 and cells[-1] in relations:
            chart.append(tuple(cells[-3:]))
    want = [(r[name_a], r[name_b], r["relation"]) for r in rows]
    if len(chart) != len(want):
        fail(f"chart has {len(chart)} rows, compare {len(want)}")
    for i, (c, w) in enumerate(zip(chart, want)):
        if c != w:
            fail(f"row {i + 1} ({rows[i]['category']}): chart {c}, compare {w}")
    title = ts[0][5]
    if name_a not in title or name_b not in title:
        fail(f"title '{title}' does not name {name_a} and {name_b}")
    alltext = " ".join(t[5] for t in ts)
    for side in (name_a, name_b):
        for m in members[side]:
            if m not in alltext:
                fail(f"member {m} of {side} is not in the chart")
    if summary:
        want = f"{summary['comparable_categories']} of {summary['categories']} categories comparable"
        if want not in alltext:
            fail(f"the chart does not say '{want}'")
        if summary.get("distance") is not None and f"distance {summary['distance']:.3f}" not in alltext:
            fail(f"the chart does not give the distance {summary['distance']:.3f}")
    print(f"ok: {len(chart)} rows equal to compare; title and members named")


def check_timeline(svg, ids):
    ts = texts(svg)
    labels = [(x, y, size, s) for x, y, size, anchor, tr, s in ts if s in ids and anchor == "middle"]
    seen = {s for _, _, _, s in labels}
    missing = set(ids) - seen
    if missing:
        fail(f"no label for {sorted(missing)}")
    # a lower bound of each label's width (DejaVu Sans capitals and digits are wider)
    for i, (x1, y1, s1, t1) in enumerate(labels):
        for x2, y2, s2, t2 in labels[i + 1:]:
            if abs(y1 - y2) < 0.5 * max(s1, s2):
                half = 0.25 * s1 * len(t1) + 0.25 * s2 * len(t2)
                if abs(x1 - x2) < half:
                    fail(f"labels {t1} at {x1:.1f} and {t2} at {x2:.1f} overlap (y {y1:.1f})")
    print(f"ok: {len(labels)} labels, {len(seen)} agreements, no overlap in a lane")


def main():
    cmd = sys.argv[1]
    if cmd == "texts":
        for t in texts(sys.argv[2]):
            print(t[5])
    elif cmd == "compare":
        check_compare(*sys.argv[2:6])
    elif cmd == "timeline":
        check_timeline(sys.argv[2], sys.argv[3:])
    else:
        sys.exit("unknown check " + cmd)


if __name__ == "__main__":
    main()
