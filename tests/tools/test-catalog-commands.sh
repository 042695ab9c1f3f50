#!/bin/sh
# Runs the catalog subcommands of the traderules binary and checks output and exit status.
# Usage: test-catalog-commands.sh TRADERULES FIXTURES_DIR
set -u
TR=$1
FIX=$2
SMALL="$FIX/model/small.json"
BAD="$FIX/tools/bad.json"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run EXPECTED_STATUS ARGS... : stdout in $TMP/out, stderr in $TMP/err
run() {
  want=$1; shift
  "$TR" "$@" >"$TMP/out" 2>"$TMP/err"
  got=$?
  [ "$got" -eq "$want" ] || fail "traderules $* exited $got, expected $want; stderr: $(cat "$TMP/err")"
}
out_has() { grep -qF -- "$1" "$TMP/out" || fail "stdout lacks '$1' ($CASE)"; }
out_lacks() { ! grep -qF -- "$1" "$TMP/out" || fail "stdout has '$1' ($CASE)"; }
err_has() { grep -qF -- "$1" "$TMP/err" || fail "stderr lacks '$1' ($CASE): $(cat "$TMP/err")"; }
lines() { n=$(wc -l <"$TMP/out"); [ "$n" -eq "$1" ] || fail "$CASE: $n lines, expected $1"; }
err_empty() { [ ! -s "$TMP/err" ] || fail "$CASE: unexpected stderr: $(cat "$TMP/err")"; }

S="--no-default --catalog $SMALL"

CASE="categories csv"
run 0 categories --format csv
lines 36
out_has "17,cross_border_data_flows,"
out_has "1,ecom_general,"
out_has "35,audiovisual_cultural_exception,"
err_empty

CASE="list csv"
run 0 list $S --format csv
lines 3
out_has "id,name,kind,status,family,signed,in_force,parties,provisions"
out_has "ALPHA,Alpha–Beta Free Trade Agreement,bilateral,in_force,american,2007-06-30,2012-03,USA KOR,3"
out_has "BETA.2,Beta amended,unknown,unknown,unknown,2019,,EU,0"

CASE="list filters"
run 0 list $S --format csv --party EU;          lines 2; out_has "BETA.2,"; out_lacks "ALPHA,"
run 0 list $S --format csv --family american;   lines 2; out_has "ALPHA,"
run 0 list $S --format csv --kind bilateral;    lines 2; out_has "ALPHA,"
run 0 list $S --format csv --status in_force;   lines 2; out_has "ALPHA,"
run 0 list $S --format csv --from 2010;         lines 2; out_has "BETA.2,"
run 0 list $S --format csv --to=2010;           lines 2; out_has "ALPHA,"
run 0 list $S --format csv --from 2000 --to 2005; lines 1
run 0 list $S --format csv --party USA --family european; lines 1

CASE="list usage errors"
run 2 list $S --family asian;  err_has "asian"
run 2 list $S --party usa;     err_has "usa"
run 2 list $S --from 20x0
run 2 list $S --from 2020 --to 2010
run 2 list $S --colour red
run 2 list $S extra

CASE="list other formats"
run 0 list $S --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [r["id"] for r in d]==["ALPHA","BETA.2"], d; assert d[0]["provisions"]==3' "$TMP/out" \
  || fail "list json"
run 0 list $S --format markdown
out_has "| id | name |"
out_has "| ALPHA |"
run 0 list $S
out_has "ALPHA"
out_has "Alpha–Beta Free Trade Agreement"

CASE="show"
run 0 show ALPHA $S
out_has "Alpha–Beta Free Trade Agreement"
out_has "USA KOR"
out_has "source_code"
out_has "lppo, regulatory_access"
out_has "proposed, suspended"
run 0 show ALPHA $S --format csv
lines 4
out_has "category,strength,citation,exceptions,ds,flags,source"
out_has "source_code,hard,Art. 1,\"lppo, regulatory_access\",yes,uncertain,fixture"
out_has "cross_border_data_flows,unknown,,,no,\"proposed, suspended\","
run 0 show ALPHA $S --format json
python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
a=d["agreement"]; p=d["provisions"]
assert a["id"]=="ALPHA" and a["parties"]==["USA","KOR"] and a["tota_id"]==159, a
assert [x["category"] for x in p]==["ecom_general","cross_border_data_flows","source_code"], p
assert p[2]["exceptions"]==["lppo","regulatory_access"] and p[2]["summary"]=="No forced transfer", p[2]
assert p[1]["citation"] is None and p[1]["flags"]==["proposed","suspended"], p[1]
' "$TMP/out" || fail "show json"
run 0 show BETA.2 $S --format markdown
out_has "| based_on | ALPHA |"

CASE="show errors"
run 1 show NOPE $S;  err_has "NOPE"
run 2 show $S
run 2 show A B $S

CASE="barriers"
run 0 barriers $S --format csv
lines 3
out_has "B1a,data_localisation,Server localisation,data_localisation cross_border_data_flows,fixture"
run 0 barriers $S --format csv --type investment
lines 2
out_has "B6,investment,Equity caps,,"
run 2 barriers $S --type piracy

CASE="indicators"
run 0 indicators $S --format csv
lines 5
out_has "USA,cloud_spending,2016,0.1,,USD billion,fixture"
out_has "WLD,classification,,,digital content,,"
run 0 indicators $S --format csv --economy USA
lines 2
run 0 indicators $S --format csv --indicator big --year 9999
lines 2
out_has "CHN,big,9999,-1.2345678901234567e+300"
run 0 indicators $S --format json --economy JPN
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d==[{"economy":"JPN","indicator":"int_value","year":None,"value":42,"text":None,"unit":None,"source":None}], d' "$TMP/out" \
  || fail "indicators json"
run 2 indicators $S --year abc

CASE="bad catalog"
run 1 list --catalog "$BAD"
err_has "bad.json:7:61: field 'agreements[1].provisions[0].strength': unknown strength 'binding'"
[ ! -s "$TMP/out" ] || fail "bad catalog printed to stdout"
run 1 show OK --no-default --catalog "$BAD"
run 1 list --catalog "$TMP/missing.json"
err_has "missing.json"
printf '' >"$TMP/empty.json"
run 1 list --catalog "$TMP/empty.json"
err_has "empty"

CASE="embedded catalog"
run 0 list --format csv
n=$(wc -l <"$TMP/out")
[ "$n" -ge 2 ] || fail "embedded catalog lists no agreements"
run 0 list --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d)>=1 and all("id" in r for r in d)' "$TMP/out" \
  || fail "embedded list json"
id=$("$TR" list --format csv | sed -n 2p | cut -d, -f1)
run 0 show "$id"
out_has "$id"
run 0 barriers
run 0 indicators
# --catalog extends the embedded catalog
run 0 list --catalog "$FIX/tools/extra.json" --format csv
out_has "ZZ_TEST_EXTRA_2,"
n2=$(wc -l <"$TMP/out")
[ "$n2" -eq $((n + 2)) ] || fail "--catalog should add 2 agreements ($n -> $n2)"

CASE="help"
run 0 list --help
out_has "--party"
run 0 show --help
out_has "ID"


# show --evidence: basis, citation, ToTA id / article id and span of each cell
EV="--no-default --catalog $FIX/model/evidence.json"
CASE="show --evidence csv"
run 0 show $EV EVA --evidence --format csv
out_has "category,strength,basis,draft,review,citation,tota,article_id,article,paragraph,span,exception_scope,source"
out_has "customs_duties_electronic_transmissions,hard,coder_confirmed,hard,confirmed,Art. 16.3.1,pta_9001,77,16.3,1,A Party shall not apply customs duties on digital products transmitted electronically.,"
out_has "online_consumer_protection,mixed,text,soft,corrected,Art. 16.5,pta_9001,79,16.5,,the Parties shall endeavour to cooperate,"
out_has "general, incorporated (GATS XIV) over services, electronic_commerce"
out_has "security_exception,hard,secondary,,,Art. 22.2,,,,,,\"measure, standalone, self-judging over all\",\"A. Author, A Title, 2020\""
out_has ",document,url"
# evidence from a document outside ToTA: no ToTA id, the document and the URL of the copy read
out_has "ecom_general,hard,official,,,,,,16.1,1,The Parties shall adopt or maintain measures on electronic commerce,,\"Fixture Agreement Chapter 16 (official text, Official Journal L 1, 2004)\",\"Fixture Agreement (Official Journal L 1, 2004)\",https://example.org/oj/L1-2004.html#ch16"
out_has "ecom_general,hard,official,,,,,,16.2,,Each Party shall endeavour to cooperate,,,\"Fixture Agreement (Official Journal L 1, 2004)\","
lines 9
err_empty
CASE="show --evidence json"
run 0 show $EV EVA --evidence --format json
out_has '"basis": "coder_confirmed", "draft": "hard", "review": "confirmed", "evidence": [{"tota_id": 9001, "article_id": 77, "article": "16.3", "paragraph": "1", "span": "A Party shall not apply'
out_has '{"tota_id": null, "article_id": null, "article": "16.1", "paragraph": "1", "span": "The Parties shall adopt or maintain measures on electronic commerce", "document": "Fixture Agreement (Official Journal L 1, 2004)", "url": "https://example.org/oj/L1-2004.html#ch16"}'
out_has '"exception_scope": {"breadth": "measure", "form": "standalone", "incorporates": [], "self_judging": true, "chapters": ["all"]}'
CASE="show without --evidence keeps its columns"
run 0 show $EV EVA --format csv
out_has "category,strength,citation,exceptions,ds,flags,source"
out_lacks "coder_confirmed"


# audit: the library's figures through the command (tests/audit checks the figures themselves)
AU="--no-default --catalog $FIX/audit/catalog.json"
CASE="audit csv with corpus"
run 0 $AU audit --corpus "$FIX/audit/tota" --format csv
out_has "agreement,cells,not_coded,text,coder_confirmed,official,secondary,unknown,legacy,share_text,share_coder_confirmed,share_official,share_secondary,share_unknown,share_legacy,uncited,outside,spans,spans_not_found,spans_unchecked,inconsistent"
out_has "AUD_A,7,28,3,2,0,0,1,1,42.9,28.6,0.0,0.0,14.3,14.3,1,1,5,1,1,1"
out_has "(overall),12,93,3,5,1,1,1,1,25.0,41.7,8.3,8.3,8.3,8.3,1,1,8,1,1,1"
lines 5
err_empty
CASE="audit findings"
run 0 $AU audit --corpus "$FIX/audit/tota" --findings --format csv
out_has "span_not_found,AUD_A,paperless_trading,"
out_has "inconsistent,AUD_A,online_consumer_protection,AUD_B,1.000,"
out_lacks "span_unchecked"
out_lacks "cybersecurity_cooperation"
CASE="audit without corpus"
run 0 $AU audit
out_has "give --corpus DIR"
CASE="audit bad corpus"
run 1 $AU audit --corpus "$TMP/nonexistent"
err_has "not a directory"
CASE="audit --all without --findings"
run 2 $AU audit --all

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "all catalog command checks passed"
