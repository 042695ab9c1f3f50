#!/usr/bin/python3
"""scikit-learn baseline for the libtraderules corpus benchmark.

Usage: baseline.py ingest|matrix|pairs|trace XMLDIR OUT
  ingest: parse every ToTA XML file with lxml (metadata + articles), print counts.
  matrix: word 5-gram Jaccard between all agreements (article-bounded shingles):
          CountVectorizer(binary, lowercase, token_pattern (?u)[^\\W_]+, ngram 5) over
          articles, agreement sets = union of article rows, intersections by sparse products.
  pairs:  all article pairs with Jaccard >= 0.5 (sparse product X X^T, then filter).
  trace:  for each article, its most similar article (Jaccard >= 0.5) in an agreement
          signed earlier (ties: the earlier date, then the first article), as
          tr_shingle_index_trace().
Writes results to OUT (tab-separated) for comparison with the library's output.
"""
import glob, os, re, sys, time
import numpy as np
import scipy.sparse as sp
from lxml import etree
from sklearn.feature_extraction.text import CountVectorizer

def load(xmldir):
    files = sorted(glob.glob(os.path.join(xmldir, '*.xml')),
                   key=lambda f: int(re.sub(r'\D', '', os.path.basename(f)) or 0))
    agreements = []   # (tota id, name, date_signed)
    art_texts, art_agr, art_ids = [], [], []
    for f in files:
        root = etree.parse(f).getroot()
        meta = root.find('meta')
        tid = meta.findtext('treaty_identifier')
        agreements.append((tid, meta.findtext('name'), meta.findtext('date_signed')))
        a = len(agreements) - 1
        parties = [p.text for p in meta.find('parties')]
        for ch in root.find('body'):
            for art in ch:
                art_texts.append(art.text or '')
                art_agr.append(a)
                art_ids.append(art.get('article_identifier'))
    return agreements, art_texts, np.array(art_agr), art_ids

def signed(d):
    """YYYYMMDD of a valid YYYY-MM-DD date, else 0 (unknown)."""
    import datetime
    m = re.fullmatch(r'\s*(\d{4})-(\d{1,2})-(\d{1,2})', d or '')
    if not m:
        return 0
    y, mo, da = (int(g) for g in m.groups())
    try:
        datetime.date(y, mo, da)
    except ValueError:
        return 0
    return y * 10000 + mo * 100 + da if y >= 1000 else 0

def vectorize(texts, n=5):
    cv = CountVectorizer(binary=True, lowercase=True, token_pattern=r"(?u)[^\W_]+",
                         ngram_range=(n, n), dtype=np.int32)
    try:
        return cv.fit_transform(texts).tocsr()
    except ValueError:          # empty vocabulary
        return sp.csr_matrix((len(texts), 0), dtype=np.int32)

def main():
    mode, xmldir, out = sys.argv[1], sys.argv[2], sys.argv[3]
    t0 = time.perf_counter()
    agreements, texts, art_agr, art_ids = load(xmldir)
    t_load = time.perf_counter() - t0
    if mode == 'ingest':
        print('ingest: %d agreements, %d articles, %d bytes of text, %.3f s'
              % (len(agreements), len(texts), sum(len(t.encode()) for t in texts), t_load))
        return
    t1 = time.perf_counter()
    X = vectorize(texts)
    if mode == 'matrix':
        P = sp.csr_matrix((np.ones(len(texts), dtype=np.int32), (art_agr, np.arange(len(texts)))),
                          shape=(len(agreements), len(texts)))
        B = (P @ X)
        B.data[:] = 1
        B = B.astype(np.float64)
        inter = (B @ B.T).toarray()
        size = np.asarray(B.sum(axis=1)).ravel()
        union = size[:, None] + size[None, :] - inter
        with np.errstate(invalid='ignore', divide='ignore'):
            jac = np.where(union > 0, inter / union, 0.0)
        t2 = time.perf_counter()
        with open(out, 'w') as fh:
            m = len(agreements)
            for i in range(m):
                for j in range(i + 1, m):
                    fh.write('%s\t%s\t%d\t%d\t%.9f\n' % (agreements[i][0], agreements[j][0],
                             int(inter[i, j]), int(union[i, j]), jac[i, j]))
    else:
        X = X.astype(np.float64)
        size = np.asarray(X.sum(axis=1)).ravel()
        inter = (X @ X.T).tocoo()
        r, c, v = inter.row, inter.col, inter.data
        keep = r < c
        r, c, v = r[keep], c[keep], v[keep]
        union = size[r] + size[c] - v
        jac = v / union
        keep = jac >= 0.5
        t2 = time.perf_counter()
        r, c, v, union = r[keep], c[keep], v[keep], union[keep]
        if mode == 'trace':
            date = np.array([signed(a[2]) for a in agreements])
            cross = art_agr[r] != art_agr[c]
            r, c, v, union = r[cross], c[cross], v[cross], union[cross]
            x = np.concatenate([r, c]); y = np.concatenate([c, r])
            v = np.concatenate([v, v]); union = np.concatenate([union, union])
            dx, dy = date[art_agr[x]], date[art_agr[y]]
            ok = (dx > 0) & (dy > 0) & (dy < dx)
            x, y, v, union, dy = x[ok], y[ok], v[ok], union[ok], dy[ok]
            order = np.lexsort((y, dy, -(v / union), x))
            first = np.ones(len(order), dtype=bool)
            first[1:] = x[order][1:] != x[order][:-1]
            sel = order[first]
            r, c, v, union = x[sel], y[sel], v[sel], union[sel]
            t2 = time.perf_counter()
        rows = sorted(zip(r, c, v, union))
        with open(out, 'w') as fh:
            for i, j, iv, u in rows:
                fh.write('%s\t%s\t%d\t%d\n' % (art_ids[i], art_ids[j], int(iv), int(u)))
    print('%s: load %.3f s, compute %.3f s, total %.3f s'
          % (mode, t_load, t2 - t1, t2 - t0))

if __name__ == '__main__':
    main()
