#!/bin/sh
# Generate the seed corpus of one fuzz harness into OUTDIR, at run time (seeds
# are never committed: they come from the test fixtures, from the embedded
# data through the library, and from ../shared/data when it exists).
#
# Usage: make-seeds.sh HARNESS OUTDIR
# Environment: TR_SOURCE_ROOT (default: this script's repository),
#   TR_BUILD_ROOT (for helper programs such as tests/fuzz/dump-catalog),
#   TR_SHARED_DATA (default: the first of $TR_SOURCE_ROOT/../shared/data,
#   /work/shared/data that exists; optional).
set -eu
NAME=$1 OUT=$2
SRC=${TR_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${TR_BUILD_ROOT:-$SRC/build}
SHARED=${TR_SHARED_DATA:-}
if [ -z "$SHARED" ]; then
  for d in "$SRC/../shared/data" /work/shared/data; do
    [ -d "$d" ] && { SHARED=$d; break; }
  done
fi
mkdir -p "$OUT"
n=0
put() { # put NAME < content
  cat > "$OUT/$1"; n=$((n + 1))
}
copy_dir() { # copy_dir DIR GLOB [MAXBYTES]
  [ -d "$1" ] || return 0
  for f in "$1"/$2; do
    [ -f "$f" ] || continue
    if [ -n "${3:-}" ]; then head -c "$3" "$f" > "$OUT/$(basename "$f")"; else cp "$f" "$OUT/"; fi
    n=$((n + 1))
  done
}
PY=$(command -v python3 || command -v /usr/bin/python3)

case "$NAME" in
catalog-json)
  printf '{}' | put empty-object.json
  printf '{"format":"traderules-catalog","version":1}' | put header-only.json
  printf '{"format":"traderules-catalog","version":1,"agreements":[{"id":"A","name":"A","parties":["EU","JPN"],"date_signed":"2018-07-17","provisions":[{"category":"cross_border_data_flows","strength":"hard","exceptions":["lppo"],"dispute_settlement":"yes"}]}],"barriers":[{"id":"B1x","type":"data_localisation","name":"x","disciplined_by":["data_localisation"]}],"indicators":[{"economy":"USA","indicator":"x","year":2016,"value":1.5,"unit":"USD billion"}]}' | put small-valid.json
  copy_dir "$SRC/tests/fixtures/model" '*.json'
  copy_dir "$SRC/tests/fixtures/failure" '*.json'
  copy_dir "$SHARED/jsontestsuite/test_parsing" '*.json'
  if [ -x "$BUILD/tests/fuzz/dump-catalog" ] && "$BUILD/tests/fuzz/dump-catalog" > "$OUT/default-catalog.json" 2>/dev/null; then
    n=$((n + 1))
    # One small catalog per agreement of the embedded data, plus the barriers
    # and the indicators alone: small seeds fuzz faster than the whole file.
    "$PY" - "$OUT/default-catalog.json" "$OUT" <<'PYEOF' && n=$((n + $(ls "$OUT" | grep -c '^slice-')))
import json, sys
cat = json.load(open(sys.argv[1], encoding="utf-8"))
head = {k: v for k, v in cat.items() if k not in ("agreements", "barriers", "indicators")}
for i, a in enumerate(cat.get("agreements", [])):
    a = dict(a); a.pop("based_on", None)
    json.dump(dict(head, agreements=[a]), open(f"{sys.argv[2]}/slice-agreement-{i:03d}.json", "w"), indent=1)
json.dump(dict(head, barriers=cat.get("barriers", [])), open(f"{sys.argv[2]}/slice-barriers.json", "w"), indent=1)
json.dump(dict(head, indicators=cat.get("indicators", [])[:20]), open(f"{sys.argv[2]}/slice-indicators.json", "w"), indent=1)
PYEOF
  else
    rm -f "$OUT/default-catalog.json"
  fi
  ;;
coder-rules)
  copy_dir "$SRC/lib/coder/rules" '*.json'
  copy_dir "$SRC/tests/fixtures/coder" '*.json'
  printf '{"format":"traderules-coder-rules","version":1,"name":"s","cues":[{"id":"h","effect":"hard","patterns":["shall"]}],"categories":[{"category":"spam","text":["unsolicited"]}]}' | put small-rules.json
  copy_dir "$SHARED/jsontestsuite/test_parsing" 'n_structure_*.json'
  ;;
coder-text)
  printf 'Source Code\nElectronic Commerce\n1. No Party shall require the transfer of, or access to, source code of software owned by a person of another Party.\n\n2. Nothing in this Article shall prevent a Party from adopting measures to achieve a legitimate public policy objective.' | put synthetic-source-code.txt
  printf '\n\nThe Parties shall endeavour to cooperate on spam, consumer protection and paperless trading.' | put synthetic-soft.txt
  printf 'Título\nComercio electrónico\nLas Partes procurarán cooperar. Ünïcödé «text» 数据.' | put synthetic-unicode.txt
  if [ -d "$SHARED/tota/xml" ]; then
    # Articles of a few ToTA treaties (English and Spanish): those of chapters
    # on electronic commerce, plus the first articles of each; one seed per
    # article as "title\nchapter\ntext", at most 4 KiB.
    "$PY" - "$SHARED/tota/xml" "$OUT" <<'PYEOF' && n=$((n + $(ls "$OUT" | grep -c '^tota-')))
import os, re, sys
import xml.etree.ElementTree as ET
src, out = sys.argv[1], sys.argv[2]
count = 0
for pta in ("pta_449.xml", "pta_159.xml", "pta_450.xml", "pta_53.xml"):
    path = os.path.join(src, pta)
    if not os.path.exists(path):
        continue
    body = ET.parse(path).getroot().find("body")
    if body is None:
        continue
    for ci, ch in enumerate(body.findall("chapter")):
        cname = ch.get("name") or ""
        ecom = re.search(r"electr|digital|comercio", cname, re.I)
        for ai, art in enumerate(ch.findall("article")):
            if not ecom and (ci > 1 or ai > 3):
                continue
            text = (art.text or "").strip()
            seed = f"{art.get('name') or ''}\n{cname}\n{text}".encode("utf-8")[:4096]
            with open(os.path.join(out, f"tota-{pta[:-4]}-{ci:02d}-{ai:02d}.txt"), "wb") as f:
                f.write(seed)
            count += 1
PYEOF
  fi
  ;;
barrier-profile)
  copy_dir "$SRC/tests/fixtures/compare" '*.json'
  printf '{"format":"traderules-barrier-profile","version":1,"name":"s","barriers":[{"id":"B1a"}]}' | put small-profile.json
  printf '{"format":"traderules-barrier-profile","version":1,"economy":"XXX","barriers":[{"id":"X1","type":"investment","name":"n","disciplined_by":["source_code"],"note":"n"}]}' | put inline-profile.json
  copy_dir "$SHARED/jsontestsuite/test_parsing" 'n_structure_*.json'
  ;;
csv)
  copy_dir "$SRC/tests/fixtures/csv" '*.csv'
  printf 'agreement,name\r\nX,"a ""quoted"", name"\r\n' | put small.csv
  if [ -x "$BUILD/tests/fuzz/dump-catalog" ] && "$BUILD/tests/fuzz/dump-catalog" csv > "$OUT/default-long.csv" 2>/dev/null; then
    n=$((n + 1))
    # Header plus the rows of a few agreements at a time: small seeds.
    "$PY" - "$OUT/default-long.csv" "$OUT" <<'PYEOF' && n=$((n + $(ls "$OUT" | grep -c '^slice-')))
import sys
lines = open(sys.argv[1], encoding="utf-8", newline="").read().split("\r\n")
head, rows = lines[0], [l for l in lines[1:] if l]
for i in range(0, min(len(rows), 240), 12):
    with open(f"{sys.argv[2]}/slice-{i:03d}.csv", "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join([head] + rows[i:i + 12]) + "\r\n")
PYEOF
  else
    rm -f "$OUT/default-long.csv"
  fi
  ;;
corpus-xml)
  for d in good bad mixed; do
    for f in "$SRC/tests/fixtures/corpus/$d"/*.xml; do
      [ -f "$f" ] && cp "$f" "$OUT/fixture-$d-$(basename "$f")" && n=$((n + 1))
    done
  done
  # The fast scanner's subset and its edges (entities, references, CDATA, comments,
  # attributes, ignored elements) and what it declines (DOCTYPE, CR, PI, namespaces).
  H='<?xml version="1.0" encoding="UTF-8"?>
<treaty><meta><name> A &amp; B </name><treaty_identifier>7</treaty_identifier>'
  printf '%s<parties><partyisocode>AAA</partyisocode><x a="1"><y/></x></parties><source/></meta><body><chapter name="S &amp; T &#38; &quot;q&quot;" number='"'"'1'"'"'><article name="a" article_identifier="2">x &lt;y&gt; &#65;&#x20AC;&#128512; <![CDATA[ <c> ]] ]]> z<!-- c - d --> ] ]]</article><article/></chapter></body></treaty>\n<!-- end -->\n' "$H" | put scan-refs.xml
  printf '%s</meta><body><chapter>\n\t<article\n name = "x"\t>a\r\nb &#13; &#xD;</article ></chapter></body></treaty>' "$H" | put scan-ws-cr.xml
  printf '<?xml version="1.0"?>\n<!DOCTYPE treaty [<!ENTITY e "EEE">]>\n<treaty><meta><treaty_identifier>&e;</treaty_identifier></meta><body><chapter><article>a<?pi x?>b</article></chapter></body></treaty>' | put scan-doctype.xml
  printf '<treaty xmlns:t="urn:t"><t:meta><treaty_identifier>1</treaty_identifier></t:meta><body><chapter name="a\tb&#10;"><article xml:lang="en">t</article></chapter></body></treaty>' | put scan-ns.xml
  if [ -d "$SHARED/tota/xml" ]; then
    # Slices of ToTA: the meta and the first chapters of a few treaties (at
    # most three articles each, texts cut at 600 bytes), plus the smallest files whole.
    "$PY" - "$SHARED/tota/xml" "$OUT" <<'PYEOF' && n=$((n + $(ls "$OUT" | grep -c '^tota-')))
import os, sys
import xml.etree.ElementTree as ET
src, out = sys.argv[1], sys.argv[2]
files = sorted(os.listdir(src), key=lambda f: os.path.getsize(os.path.join(src, f)))
for f in files[:3]:
    with open(os.path.join(src, f), "rb") as i, open(os.path.join(out, "tota-whole-" + f), "wb") as o:
        o.write(i.read())
for f in ("pta_449.xml", "pta_450.xml", "pta_159.xml", "pta_53.xml", "pta_1.xml", "pta_100.xml"):
    path = os.path.join(src, f)
    if not os.path.exists(path):
        continue
    root = ET.parse(path).getroot()
    body = root.find("body")
    if body is None:
        continue
    for ch in list(body)[2:]:
        body.remove(ch)
    for ch in body:
        for art in list(ch)[3:]:
            ch.remove(art)
        for art in ch:
            art.text = (art.text or "")[:600]
    ET.ElementTree(root).write(os.path.join(out, "tota-slice-" + f), encoding="UTF-8", xml_declaration=True)
PYEOF
  fi
  ;;
text)
  printf '\005The Parties shall endeavour to cooperate. Ünïcödé «text» 数据 — emoji 🙂.' | put synthetic.txt
  printf '\001a b c d e f g' | put short.txt
  printf '\003Each Party shall allow the cross-border transfer of information by electronic means.\nLas Partes procurarán cooperar.' | put mixed.txt
  if [ -d "$SHARED/tota/xml" ]; then
    "$PY" - "$SHARED/tota/xml" "$OUT" <<'PYEOF' && n=$((n + $(ls "$OUT" | grep -c '^tota-')))
import os, sys
import xml.etree.ElementTree as ET
src, out = sys.argv[1], sys.argv[2]
for pta in ("pta_449.xml", "pta_450.xml", "pta_159.xml"):
    path = os.path.join(src, pta)
    if not os.path.exists(path):
        continue
    body = ET.parse(path).getroot().find("body")
    arts = [a for ch in (body if body is not None else []) for a in ch][:40:4]
    for i, art in enumerate(arts):
        with open(os.path.join(out, f"tota-{pta[:-4]}-{i:02d}.txt"), "wb") as f:
            f.write(bytes([5]) + (art.text or "").encode("utf-8")[:2048])
PYEOF
  fi
  ;;
minhash)
  # Serialised signatures ("TRMH", u32 version 1, u32 k, u32 0, u64 seed, k u64
  # slots, little-endian), some valid and some cut or with a wrong header.
  "$PY" - "$OUT" <<'PYEOF' && n=$((n + $(ls "$OUT" | wc -l)))
import struct, sys
out = sys.argv[1]
for k in (1, 4, 16):
    blob = b"TRMH" + struct.pack("<III", 1, k, 0) + struct.pack("<Q", 42) + b"".join(
        struct.pack("<Q", (i * 0x9E3779B97F4A7C15) & (2**64 - 1)) for i in range(k))
    open(f"{out}/k{k}.bin", "wb").write(blob)
    open(f"{out}/k{k}-cut.bin", "wb").write(blob[:-3])
open(f"{out}/version2.bin", "wb").write(b"TRMH" + struct.pack("<III", 2, 1, 0) + bytes(16))
open(f"{out}/k0.bin", "wb").write(b"TRMH" + struct.pack("<III", 1, 0, 0) + bytes(8))
PYEOF
  ;;
*)
  echo "make-seeds.sh: unknown harness '$NAME'" >&2
  exit 2
  ;;
esac
echo "$NAME: $(ls "$OUT" | wc -l) seeds in $OUT${SHARED:+ (shared data: $SHARED)}"
