#!/usr/bin/python3
"""Naive Python baseline for the coder benchmark: the same rules file, coded
with one compiled regular expression per rule (an alternation of its
patterns), scanned rule by rule over every article.

Usage: baseline.py RULES.json XMLDIR [OUT.tsv]

It reproduces the library's logic closely enough to compare the work done
(normalisation, paragraphs, sentences, longest-match cues, limiting clauses,
title/chapter/text triggers with context and exclusions, definitions); OUT
gets one line per article: "tota_id<TAB>article_number<TAB>categories" so the
two implementations can be diffed. Timing covers coding only; XML parsing is
timed separately.
"""
import glob, json, os, re, sys, time
from lxml import etree

NONALNUM = re.compile(r'[^a-z0-9]+')


def norm(s):
    return ' ' + NONALNUM.sub(' ', s.lower()).strip() + ' ' if s.strip() else ' '


def pat_regex(p):
    whole = p.startswith('=')
    if whole:
        p = p[1:]
    prefix = p.endswith('*')
    words = NONALNUM.sub(' ', p.rstrip('*').lower()).split()
    body = ' '.join(re.escape(w) for w in words)
    r = '(?= ' + body + ('[a-z0-9]*' if prefix else '') + ' )'
    return r, whole


def compile_rules(rules):
    def alt(patterns):
        parts = [pat_regex(p)[0] for p in patterns if not p.startswith('=')]
        whole = [NONALNUM.sub(' ', p[1:].lower()).strip() for p in patterns if p.startswith('=')]
        rx = re.compile('|'.join(parts)) if parts else None
        return rx, whole
    cues = []
    for c in rules.get('cues', []):
        # capture the span: lookahead for start, then measure the match length
        pats = [NONALNUM.sub(' ', p.lower()).strip() for p in c['patterns']]
        rx = re.compile(' (' + '|'.join(sorted((re.escape(p.rstrip('*')) + ('[a-z0-9]*' if p.endswith('*') else '')
                                                for p in pats), key=len, reverse=True)) + ')(?= )')
        cues.append((c['id'], c['effect'], rx))
    excs = []
    for e in rules.get('exceptions', []):
        excs.append((e['exception'], e.get('limiting_only', False), alt(e['patterns'])[0]))
    cats = []
    for c in rules['categories']:
        cats.append(dict(id=c['category'], exc=c.get('exception_category', False),
                         title=alt(c.get('title', [])), chapter=alt(c.get('chapter', [])),
                         text=alt(c.get('text', [])), context=alt(c.get('context', [])),
                         exclude=alt(c.get('exclude', [])), has_context=bool(c.get('context'))))
    defs = alt(rules.get('definitions', []))
    return cues, excs, cats, defs


def hits(alt_rx, s):
    rx, whole = alt_rx
    if whole and s.strip() in whole:
        return True
    return bool(rx and rx.search(s))


NUMBERED = re.compile(r'^\s*\d{1,3}\.(\s|$)')
FOOTNOTE = re.compile(r'^\s*\d{1,3}[ \t]+[A-Z]')


def paragraphs(text):
    """Return list of (footnote, [lines]) following the library's segmentation."""
    paras, main, cur, infoot, blank = [], -1, -1, False, True
    for line in text.split('\n'):
        if not line.strip():
            blank = True
            continue
        if NUMBERED.match(line):
            paras.append([False, []]); main = cur = len(paras) - 1; infoot = False
        elif blank and FOOTNOTE.match(line) and main >= 0:
            paras.append([True, []]); cur = len(paras) - 1; infoot = True
        elif cur < 0:
            paras.append([False, []]); main = cur = len(paras) - 1
        elif infoot and blank:
            infoot = False; cur = main
        paras[cur][1].append(line)
        blank = False
    return paras or [[False, ['']]]


SENT = re.compile(r'\.[ \t]+(?=\S)')


def code_article(rules, title, chapter, text):
    cues, excs, cats, defs = rules
    nt, nc = norm(title), norm(chapter)
    definitions = hits(defs, nt)
    paras = paragraphs(text)
    pinfo = []  # per paragraph: (footnote, normtext, hard, soft, weak, scope, exceptions)
    exc_all = set()
    for foot, lines in paras:
        ptext = '\n'.join(lines)
        sents = [norm(s) for s in SENT.split(ptext)]
        hard = soft = weak = scope = False
        pexc = set()
        for s in sents:
            found = []
            for cid, eff, rx in cues:
                for m in rx.finditer(s):
                    found.append((m.start(1), m.end(1) - m.start(1), eff))
            found.sort(key=lambda x: (x[0], -x[1]))
            kept, end = [], -1
            for f in found:
                if f[0] + f[1] <= end:
                    continue
                kept.append(f)
                end = max(end, f[0] + f[1])
            limiting = any(f[2] == 'scope' for f in kept)
            scope = scope or limiting
            if not limiting and not foot:
                for f in kept:
                    hard |= f[2] == 'hard'; soft |= f[2] == 'soft'; weak |= f[2] == 'weak'
            for flag, lim, rx in excs:
                if (limiting or not lim) and rx.search(s):
                    pexc.add(flag)
        exc_all |= pexc
        pinfo.append((foot, norm(ptext), hard, soft, weak, scope))
    out = []
    for c in cats:
        if hits(c['exclude'], nt):
            continue
        ctx = (not c['has_context']) or hits(c['context'], nt) or hits(c['context'], nc)
        wide = (ctx and hits(c['title'], nt)) or hits(c['chapter'], nc)
        contrib = []
        for i, p in enumerate(pinfo):
            if wide and not p[0]:
                contrib.append(p)
            elif ctx and not definitions and not p[0] and hits(c['text'], p[1]) and not hits(c['exclude'], p[1]):
                contrib.append(p)
        if not contrib:
            continue
        h = sum(1 for p in contrib if p[2] or (c['exc'] and p[5]))
        s = sum(1 for p in contrib if not (p[2] or (c['exc'] and p[5])) and p[3])
        w = sum(1 for p in contrib if p[4])
        strength = 'mixed' if h and s else 'hard' if h else 'soft' if s or w else 'unknown'
        out.append((c['id'], strength, tuple(sorted(exc_all))))
    return out


def natural(f):
    return int(re.sub(r'\D', '', os.path.basename(f)) or 0)


def main():
    rules_path, xmldir = sys.argv[1], sys.argv[2]
    out = sys.argv[3] if len(sys.argv) > 3 else None
    rules = compile_rules(json.load(open(rules_path)))
    t0 = time.perf_counter()
    arts = []
    for f in sorted(glob.glob(os.path.join(xmldir, '*.xml')), key=natural):
        root = etree.parse(f).getroot()
        tid = root.find('meta').findtext('treaty_identifier')
        for ch in root.find('body'):
            for a in ch:
                arts.append((tid, a.get('number') or '', a.get('name') or '', ch.get('name') or '', a.text or ''))
    t_parse = time.perf_counter() - t0
    t1 = time.perf_counter()
    c1 = time.process_time()
    n_assign = 0
    lines = []
    for tid, num, title, chapter, text in arts:
        res = code_article(rules, title, chapter, text)
        n_assign += len(res)
        if out:
            lines.append('%s\t%s\t%s' % (tid, num, ','.join(sorted(r[0] for r in res))))
    t_code = time.perf_counter() - t1
    c_code = time.process_time() - c1
    if out:
        with open(out, 'w') as fh:
            fh.write('\n'.join(lines) + '\n')
    print('baseline: %d articles, %d assignments, parse %.3f s, code %.3f s (cpu %.3f s)'
          % (len(arts), n_assign, t_parse, t_code, c_code))


if __name__ == '__main__':
    main()
