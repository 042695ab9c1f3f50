#!/usr/bin/python3
"""Score the automatic coder against hand coding: the frozen held-out set and
the development set.

Usage:
  score.py heldout TRADERULES TOTA_XML_DIR [--gold DIR] [--md]
  score.py dev     TRADERULES TOTA_XML_DIR [--agreements DIR] [--catalog FILE] [--md]
  score.py check   TOTA_XML_DIR [--gold DIR]      validate the held-out files

heldout: the hand-coded e-commerce chapters in bench/coder/heldout/pta_N.json
  (format in bench/coder/heldout/README.md). For each, a copy of the ToTA text
  holding only the scoped articles (the e-commerce chapter and the exception
  articles named in the file) is written to a temporary directory and coded
  with `traderules code --summary`; all 35 categories are compared.

dev: every cell read from the text (basis `text` or `coder_confirmed`) of the
  per-agreement catalog files lib/model/data/agreements/*.json, plus the
  hand-coded provisions of lib/model/data/catalog.json for agreements with a
  ToTA text that have no per-agreement file, leaving out the held-out
  agreements. The whole ToTA text is coded.

Reported: per-category precision/recall/F1 for presence; macro-F1 (over the
categories with a positive on either side) and micro-F1; Cohen's kappa and the
confusion matrix of strength over the cells present on both sides; the list of
disagreements with the hand quote and the coder's evidence (sentence and
deciding cue).
"""
import glob, json, os, re, subprocess, sys, tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLD = os.path.join(ROOT, 'bench', 'coder', 'heldout')
LABELS = ['soft', 'mixed', 'hard', 'unknown']


def opt(name, default=None):
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return default


def run_json(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def categories(tool):
    out = subprocess.run([tool, 'categories', '--format', 'csv'], check=True,
                         capture_output=True, text=True).stdout.splitlines()
    return [l.split(',')[1] for l in out[1:] if l]


def norm_num(s):
    s = (s or '').strip().upper()
    s = re.sub(r'^(ARTICLE|ART\.?)\s*', '', s)
    return s.rstrip('.:')


def ws(s):
    return re.sub(r'\s+', ' ', s or '').strip()


def kappa(pairs, labels):
    n = len(pairs)
    if n == 0:
        return float('nan')
    po = sum(1 for a, b in pairs if a == b) / n
    pe = sum((sum(1 for a, _ in pairs if a == l) / n) * (sum(1 for _, b in pairs if b == l) / n)
             for l in labels)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


# ---------------------------------------------------------------- held-out

def load_gold(gold_dir, cats):
    golds = []
    for path in sorted(glob.glob(os.path.join(gold_dir, 'pta_*.json'))):
        g = json.load(open(path))
        if g.get('format') != 'traderules-coder-heldout' or g.get('version') != 1:
            sys.exit('%s: not a traderules-coder-heldout version 1 file' % path)
        seen = {}
        for c in g['cells']:
            if c['category'] in seen:
                sys.exit('%s: category %s coded twice' % (path, c['category']))
            if c['strength'] not in ('soft', 'mixed', 'hard'):
                sys.exit('%s: %s: strength %r (cells hold soft, mixed or hard)' % (path, c['category'], c['strength']))
            seen[c['category']] = c['strength']
        for cat in g['none']:
            if cat in seen:
                sys.exit('%s: category %s both coded and none' % (path, cat))
            seen[cat] = 'none'
        missing = [c for c in cats if c not in seen]
        unknown = [c for c in seen if c not in cats]
        if missing or unknown:
            sys.exit('%s: categories missing %s, unknown %s' % (path, missing, unknown))
        g['_path'] = path
        g['_strength'] = seen
        golds.append(g)
    return golds


def scoped_tree(xmldir, g):
    """The ToTA tree of g's agreement with only the scoped articles kept."""
    tree = ET.parse(os.path.join(xmldir, 'pta_%s.xml' % g['tota_id']))
    keep = set(g['scope']['articles']) | set(g['scope'].get('exception_articles', []))
    found = set()
    for parent in list(tree.getroot().iter()):
        for art in [a for a in list(parent) if a.tag == 'article']:
            n = norm_num(art.get("number"))
            if n in keep and n not in found:
                found.add(n)
            else:
                parent.remove(art)
    if found != keep:
        sys.exit('%s: scoped articles not found in pta_%s: %s' % (g['_path'], g['tota_id'], sorted(keep - found)))
    return tree


def article_texts(tree):
    out = {}
    for art in tree.getroot().iter('article'):
        out[norm_num(art.get('number'))] = ws((art.get('name') or '') + ' ' + (art.text or ''))
    return out


def check(xmldir, gold_dir, cats):
    bad = 0
    for g in load_gold(gold_dir, cats):
        texts = article_texts(scoped_tree(xmldir, g))
        for c in g['cells']:
            art = c['article']
            cands = [n for n in texts if art == n or art.startswith(n + '.') or art.startswith(n + '(')
                     or art.startswith(n + '-')]
            if not cands:
                print('%s: %s: article %s not in scope' % (g['_path'], c['category'], art))
                bad += 1
                continue
            n = max(cands, key=len)
            if ws(c['quote']) not in texts[n]:
                print('%s: %s: quote not verbatim in article %s: %r' % (g['_path'], c['category'], n, c['quote']))
                bad += 1
    print('held-out files checked: %s' % ('ok' if not bad else '%d problem(s)' % bad))
    return bad == 0


def heldout(tool, xmldir, gold_dir, cats):
    golds = load_gold(gold_dir, cats)
    rows = []
    evidence = {}
    with tempfile.TemporaryDirectory() as tmp:
        for g in golds:
            path = os.path.join(tmp, 'pta_%s.xml' % g['tota_id'])
            scoped_tree(xmldir, g).write(path, encoding='UTF-8', xml_declaration=True)
            auto = {r['category']: r for r in run_json([tool, 'code', '--summary', '--format', 'json', path])}
            for r in run_json([tool, 'code', '--evidence', '--format', 'json', path]):
                evidence.setdefault(('pta_' + g['tota_id'], r['category']), []).append(r)
            quotes = {c['category']: (c['article'], c['quote']) for c in g['cells']}
            for cat in cats:
                a = auto.get(cat)
                rows.append(('pta_' + g['tota_id'], cat, g['_strength'][cat], a['strength'] if a else 'none',
                             quotes.get(cat), a['citation'] if a else ''))
    print('held-out agreements: ' + '; '.join('pta_%s %s' % (g['tota_id'], g['agreement']) for g in golds))
    return rows, evidence


# ---------------------------------------------------------------- development

def dev(tool, xmldir, agreements_dir, catalog_path, gold_dir):
    held = {str(json.load(open(p))['tota_id']) for p in glob.glob(os.path.join(gold_dir, 'pta_*.json'))}
    cells = {}     # tota id -> {category: (strength, citation, quote)}
    names = {}
    for p in sorted(glob.glob(os.path.join(agreements_dir, '*.json'))):
        for ag in json.load(open(p)).get('agreements', []):
            tid = str(ag.get('tota_id') or '')
            if not tid or tid in held:
                continue
            provs = ag.get('provisions', [])
            # Cells read from the text; an agreement none of whose cells has a
            # basis yet is the older hand coding (the existing dev data).
            legacy = not any('basis' in pr for pr in provs)
            for pr in provs:
                if not legacy and pr.get('basis') not in ('text', 'coder_confirmed'):
                    continue
                if pr.get('strength') not in ('none', 'soft', 'mixed', 'hard'):
                    continue
                ev = pr.get('evidence') or []
                q = '; '.join(e.get('span', '') for e in ev[:2]) if ev else None
                cells.setdefault(tid, {})[pr['category']] = (pr['strength'], pr.get('citation') or '', q)
                names[tid] = ag['id']
    if catalog_path and os.path.exists(catalog_path):
        for ag in json.load(open(catalog_path)).get('agreements', []):
            tid = str(ag.get('tota_id') or '')
            if not tid or tid in held or tid in cells:
                continue
            for pr in ag.get('provisions', []):
                if pr.get('strength') in ('none', 'soft', 'mixed', 'hard'):
                    cells.setdefault(tid, {})[pr['category']] = (pr['strength'], pr.get('citation') or '', None)
                    names[tid] = ag['id']
    rows, evidence = [], {}
    used = []
    for tid in sorted(cells, key=lambda t: int(t)):
        path = os.path.join(xmldir, 'pta_%s.xml' % tid)
        if not os.path.exists(path):
            continue
        used.append('%s (pta_%s, %d cells)' % (names[tid], tid, len(cells[tid])))
        auto = {r['category']: r for r in run_json([tool, 'code', '--summary', '--format', 'json', path])}
        for r in run_json([tool, 'code', '--evidence', '--format', 'json', path]):
            evidence.setdefault(('pta_' + tid, r['category']), []).append(r)
        for cat, (s, cit, q) in sorted(cells[tid].items()):
            a = auto.get(cat)
            rows.append(('pta_' + tid, cat, s, a['strength'] if a else 'none', (cit, q) if q or cit else None,
                         a['citation'] if a else ''))
    print('development agreements: ' + '; '.join(used))
    return rows, evidence


# ---------------------------------------------------------------- report

def report(rows, evidence, md):
    stats = defaultdict(lambda: [0, 0, 0])
    for ag, cat, hand, auto, *_ in rows:
        h, a = hand != 'none', auto != 'none'
        if h and a:
            stats[cat][0] += 1
        elif a:
            stats[cat][1] += 1
        elif h:
            stats[cat][2] += 1
    print('\ncells: %d (%d agreements)' % (len(rows), len({r[0] for r in rows})))
    print('\npresence per category:')
    f1s = []
    for cat in sorted(stats):
        tp, fp, fn = stats[cat]
        if tp + fp + fn == 0:
            continue
        p = '%.2f' % (tp / (tp + fp)) if tp + fp else '-'
        r = '%.2f' % (tp / (tp + fn)) if tp + fn else '-'
        f = 2 * tp / (2 * tp + fp + fn)
        f1s.append(f)
        print('  %-40s P %4s  R %4s  F1 %.2f  (tp %d fp %d fn %d)' % (cat, p, r, f, tp, fp, fn))
    TP = sum(s[0] for s in stats.values())
    FP = sum(s[1] for s in stats.values())
    FN = sum(s[2] for s in stats.values())
    micro = 2 * TP / max(1, 2 * TP + FP + FN)
    print('presence: macro-F1 %.3f over %d categories; micro-F1 %.3f (P %.3f R %.3f; tp %d fp %d fn %d)' % (
        sum(f1s) / max(1, len(f1s)), len(f1s), micro, TP / max(1, TP + FP), TP / max(1, TP + FN), TP, FP, FN))
    pairs = [(h, a) for _, _, h, a, *_ in rows if h != 'none' and a != 'none']
    k = kappa(pairs, LABELS)
    print('strength: Cohen kappa %.3f on %d cells present on both sides (%d identical)' % (
        k, len(pairs), sum(1 for h, a in pairs if h == a)))
    print('confusion (rows hand, columns coder):')
    print('  %-8s' % '' + ''.join('%8s' % l for l in LABELS))
    for h in ['soft', 'mixed', 'hard']:
        print('  %-8s' % h + ''.join('%8d' % sum(1 for x, y in pairs if x == h and y == l) for l in LABELS))
    print('\ndisagreements:')
    for ag, cat, hand, auto, quote, acit in rows:
        if hand == auto:
            continue
        kind = 'missed' if auto == 'none' else 'extra' if hand == 'none' else 'strength'
        print('- [%s] %s %s: hand %s, coder %s (%s)' % (kind, ag, cat, hand, auto, acit or '-'))
        if quote:
            print('    hand: Art. %s "%s"' % (quote[0], ws(quote[1] or '')[:240]))
        for e in [e for e in evidence.get((ag, cat), []) if e.get('kind') in ('strength', 'scope', 'category')][:4]:
            print('    coder: Art. %s %s %s "%s"%s' % (
                norm_num(e.get('article')), e.get('kind'), e.get('rule') or '', ws(e.get('text'))[:80],
                (' in: "%s"' % ws(e.get('sentence'))[:220]) if e.get('sentence') else ''))
    return micro, k


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ''
    args = [a for i, a in enumerate(sys.argv[2:]) if not a.startswith('--')
            and not (i > 0 and sys.argv[2:][i - 1] in ('--gold', '--agreements', '--catalog'))]
    gold_dir = opt('--gold', GOLD)
    if mode == 'check':
        tool = os.path.join(ROOT, 'build', 'tools', 'traderules')
        sys.exit(0 if check(args[0], gold_dir, categories(tool)) else 1)
    if mode not in ('heldout', 'dev') or len(args) < 2:
        sys.exit(__doc__)
    tool, xmldir = args[0], args[1]
    cats = categories(tool)
    if mode == 'heldout':
        if not check(xmldir, gold_dir, cats):
            sys.exit(1)
        rows, evidence = heldout(tool, xmldir, gold_dir, cats)
    else:
        rows, evidence = dev(tool, xmldir, opt('--agreements', os.path.join(ROOT, 'lib/model/data/agreements')),
                             opt('--catalog', os.path.join(ROOT, 'lib/model/data/catalog.json')), gold_dir)
    report(rows, evidence, '--md' in sys.argv)


if __name__ == '__main__':
    main()
