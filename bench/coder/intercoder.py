#!/usr/bin/python3
"""Inter-coder agreement between the frozen held-out gold (bench/coder/heldout/)
and the catalog cells other helpers coded independently for the same
agreements (lib/model/data/agreements/*.json, matched by ToTA id).

Usage: intercoder.py [--gold DIR] [--agreements DIR]

Two views: all 35 categories, and the e-commerce chapter scope of the gold
(leaving out dispute settlement, telecom, computer services, ICT tariffs and
IP, which the gold codes from the chapter text only while the catalog reads
the whole agreement). Catalog cells `unknown` are left out.
"""
import glob, json, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUTSIDE = {'dispute_settlement_coverage', 'telecom_services', 'computer_related_services',
           'ict_goods_tariffs', 'ip_copyright_digital', 'ip_geographical_indications'}


def opt(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def kappa(pairs, labels):
    n = len(pairs)
    if not n:
        return float('nan')
    po = sum(a == b for a, b in pairs) / n
    pe = sum((sum(a == l for a, _ in pairs) / n) * (sum(b == l for _, b in pairs) / n) for l in labels)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def main():
    gold_dir = opt('--gold', os.path.join(ROOT, 'bench', 'coder', 'heldout'))
    ag_dir = opt('--agreements', os.path.join(ROOT, 'lib', 'model', 'data', 'agreements'))
    by_tota = {}
    for p in glob.glob(os.path.join(ag_dir, '*.json')):
        for a in json.load(open(p))['agreements']:
            if a.get('tota_id'):
                by_tota[str(a['tota_id'])] = a
    views = {'all 35 categories': [], 'e-commerce chapter scope': []}
    diffs = []
    for gp in sorted(glob.glob(os.path.join(gold_dir, 'pta_*.json'))):
        g = json.load(open(gp))
        gold = {c['category']: c['strength'] for c in g['cells']}
        gold.update({c: 'none' for c in g['none']})
        a = by_tota.get(str(g['tota_id']))
        if not a:
            print('pta_%s: no catalog agreement' % g['tota_id'])
            continue
        cat = {p['category']: p['strength'] for p in a.get('provisions', [])}
        for c, s in sorted(gold.items()):
            o = cat.get(c, 'absent')
            views['all 35 categories'].append((s, o))
            if c not in OUTSIDE:
                views['e-commerce chapter scope'].append((s, o))
            if s != o:
                diffs.append('%s %s: gold %s, catalog %s%s' % (a['id'], c, s, o,
                                                              ' (outside the gold scope)' if c in OUTSIDE else ''))
    for name, pairs in views.items():
        pp = [(x, y) for x, y in pairs if y in ('none', 'soft', 'mixed', 'hard')]
        tp = sum(x != 'none' and y != 'none' for x, y in pp)
        fp = sum(x == 'none' and y != 'none' for x, y in pp)
        fn = sum(x != 'none' and y == 'none' for x, y in pp)
        both = [(x, y) for x, y in pp if x != 'none' and y != 'none']
        print('%s: %d cells (%d catalog unknown/absent left out); presence F1 %.3f (both %d, catalog only %d, '
              'gold only %d); strength kappa %.3f on %d (%d identical); none/soft/mixed/hard kappa %.3f' % (
                  name, len(pairs), len(pairs) - len(pp), 2 * tp / max(1, 2 * tp + fp + fn), tp, fp, fn,
                  kappa(both, ['soft', 'mixed', 'hard']), len(both), sum(x == y for x, y in both),
                  kappa(pp, ['none', 'soft', 'mixed', 'hard'])))
    print('\ndifferences:')
    for d in diffs:
        print('  ' + d)


if __name__ == '__main__':
    main()
