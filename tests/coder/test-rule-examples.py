#!/usr/bin/python3
"""Every rule of the default coder rules carries an example it must fire on and
a counterexample it must not fire on; this test runs them all.

Usage: test-rule-examples.py TRADERULES RULES.json

Each example is coded as one plain-text article titled "General" in the
chapter "Electronic Commerce" (so that the article-wide category ecom_general
shows every strength cue of the text as evidence), with
`traderules code --evidence --format json --rules RULES.json`:

- a neutral cue "fires" when the text has no strength evidence at all (it
  swallowed the cue inside it: "shall mean");
- another cue fires when a strength or scope evidence row names its id (a modal
  consumed by a soft verb, a cue in a limiting sentence and a discretion that
  softened nothing do not fire);
- an exception rule fires when an exception evidence row names its id;
- a category rule (when it gives examples) fires when the category is assigned.

Cues and exception rules must have both members; category rules may.
"""
import json, os, subprocess, sys, tempfile


def evidence(tool, rules, text, tmp):
    path = os.path.join(tmp, 'example.txt')
    with open(path, 'w') as f:
        f.write(text + '\n')
    out = subprocess.run([tool, 'code', '--evidence', '--format', 'json', '--rules', rules,
                          '--title', 'General', '--chapter', 'Electronic Commerce', path],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit('traderules failed on %r: %s' % (text, out.stderr))
    return json.loads(out.stdout)


def main():
    tool, rules = sys.argv[1], sys.argv[2]
    spec = json.load(open(rules))
    failures, checked = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        def fires(kind, rid, text):
            rows = evidence(tool, rules, text, tmp)
            if kind == 'neutral':
                # A neutral cue swallows the cues inside it: the text grades nothing.
                return not any(r['kind'] == 'strength' for r in rows)
            if kind == 'cue':
                return any(r['kind'] in ('strength', 'scope') and r['rule'] == rid for r in rows)
            if kind == 'exception':
                return any(r['kind'] == 'exception' and r['rule'] == rid for r in rows)
            return any(r['category'] == rid for r in rows)
        items = [('neutral' if c['effect'] == 'neutral' else 'cue', c['id'], c, True)
                 for c in spec['cues']]
        items += [('exception', e.get('id') or e['exception'], e, True) for e in spec['exceptions']]
        items += [('category', c['category'], c, False) for c in spec['categories']]
        for kind, rid, rule, required in items:
            for member, want in (('example', True), ('counterexample', False)):
                text = rule.get(member)
                if text is None:
                    if required:
                        failures.append('%s %s: no %s' % (kind, rid, member))
                    continue
                checked += 1
                got = fires(kind, rid, text)
                if got != want:
                    failures.append('%s %s: %s %r %s' % (kind, rid, member, text,
                                                         'does not fire' if want else 'fires'))
    for f in failures:
        print('FAIL ' + f)
    print('%d examples checked, %d failures' % (checked, len(failures)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
