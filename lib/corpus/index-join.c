/*
 * libtraderules - shingle index: threshold joins (prefix + size filtering), trace, pair lists.
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-index-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* threshold join                                                     */
/* ------------------------------------------------------------------ */

#define EPS 1e-9
#define PRUNED 0x80000000u /* a counter's mark: the pair cannot reach the threshold */

typedef struct {
  const tr_shingle_index *ix;
  const csr *sets;
  double t;
  const size_t *group; /* unit -> agreement, or NULL */
  uint32_t *ord;       /* records in (size, index) order */
  uint32_t *pos;       /* size of the record at each position in ord */
  uint32_t *k0;        /* per position: the first prefix gram that is indexed (>= g0) */
  size_t g0;           /* grams below g0 are in one record only: not indexed */
  uint64_t *pl_off;    /* gram - g0 -> prefix postings (positions in ord) */
  uint32_t *pl;
  uint32_t *pl_at;     /* for each posting: where the gram is in that record's set */
  const uint64_t *part; /* index build: gram ranges (relative to g0), nparts + 1 */
  tri_pairvec *out;    /* per worker: the pairs found */
  uint32_t **cnt;      /* per worker counters */
  uint32_t **touched;
  gint done;
  size_t nrec;
  int atomic;          /* count_range runs on more than one thread */
  /* the pairs sorted by (a, b): by ranges of a (parallel), arange's T + 1 bounds */
  const uint32_t *by_a; /* a -> first slot of its pairs */
  const size_t *arange;
  pair_t *res;
  unsigned nout;
} join_job;

/* pl_off cleared in parallel (not zeroed at allocation: its page faults in parallel) */
static void zero_range(size_t b, size_t e, unsigned w, void *user) {
  join_job *j = user;
  (void)w;
  memset(j->pl_off + b, 0, (e - b) * sizeof(uint64_t));
}

static inline size_t prefix_len(size_t s, double t) {
  size_t need = (size_t)ceil(t * (double)s - EPS);
  if (need < 1)
    need = 1;
  return need > s ? 1 : s - need + 1;
}

/* Index build, pass 1 (positions in parallel): where each record's indexed prefix
 * starts, and the length of each gram's list (relaxed atomic counts: the sums do not
 * depend on the order). */
static void count_range(size_t b, size_t e, unsigned w, void *user) {
  join_job *j = user;
  const csr *S = j->sets;
  (void)w;
  for (size_t i = b; i < e; i++) {
    const uint32_t *ids = S->ids + S->off[j->ord[i]];
    size_t p = prefix_len(j->pos[i], j->t), k = (size_t)tri_lower_u32(ids, 0, p, j->g0);
    j->k0[i] = (uint32_t)k;
    if (j->atomic) {
      for (; k < p; k++)
        __atomic_fetch_add(&j->pl_off[ids[k] - j->g0 + 1], 1, __ATOMIC_RELAXED);
    } else {
      for (; k < p; k++)
        j->pl_off[ids[k] - j->g0 + 1]++;
    }
  }
}

/* Pass 2 (gram ranges in parallel): each worker fills the lists of its own range of
 * grams, reading the records in position order, so every list is in position order as
 * a serial fill makes it. pl_off[g] advances to the end of g's list (shifted back
 * afterwards). */
static void fill_range(size_t b, size_t e, unsigned w, void *user) {
  join_job *j = user;
  const csr *S = j->sets;
  (void)w;
  for (size_t r = b; r < e; r++) {
    uint64_t lo = j->part[r] + j->g0, hi = j->part[r + 1] + j->g0;
    if (lo == hi)
      continue;
    for (size_t i = 0; i < j->nrec; i++) {
      const uint32_t *ids = S->ids + S->off[j->ord[i]];
      size_t p = prefix_len(j->pos[i], j->t);
      for (size_t k = (size_t)tri_lower_u32(ids, j->k0[i], p, lo); k < p && ids[k] < hi; k++) {
        uint64_t at = j->pl_off[ids[k] - j->g0]++;
        j->pl[at] = (uint32_t)i;
        j->pl_at[at] = (uint32_t)k;
      }
    }
  }
}

static void join_range(size_t b, size_t e, unsigned w, void *user) {
  join_job *j = user;
  const csr *S = j->sets;
  const uint32_t *sz = j->pos; /* here: size of the record at each position (see join_sets) */
  uint32_t *cnt = j->cnt[w], *touched = j->touched[w];
  /* the overlap a pair needs is ceil(tt * (sx + sy) - EPS), computed as in the
   * verification below (the same expression, so the same doubles) */
  const double tt = j->t / (1.0 + j->t);
  /* the largest records first (position nrec - 1 down), so that the last chunks are
   * small ones: the pairs found do not depend on the order, their list is sorted after */
  for (size_t it = b; it < e && !j->out[w].nomem; it++) {
    size_t px = j->nrec - 1 - it;
    uint32_t x = j->ord[px];
    size_t sx = sz[px], nt = 0;
    const uint32_t *ix = S->ids + S->off[x];
    double minsize = j->t * (double)sx - EPS;
    size_t pfx = prefix_len(sx, j->t);
    /* the grams before k0 are in x alone: they find no candidate */
    for (size_t k = j->k0[px]; k < pfx; k++) {
      uint64_t g = ix[k] - j->g0;
      const uint32_t *p = j->pl + j->pl_off[g], *at = j->pl_at + j->pl_off[g];
      size_t n = j->pl_off[g + 1] - j->pl_off[g];
      const size_t xrest = sx - k - 1; /* x's grams after this one */
      /* lower bound on size: binary search (sizes rise along the list) */
      size_t lo = 0, hi = n;
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((double)sz[p[mid]] < minsize)
          lo = mid + 1;
        else
          hi = mid;
      }
      /* candidates: earlier positions; counters are indexed by position. Positional
       * filter (PPJoin): the grams before this one in both sets were all counted (a
       * gram before it in y's set is in y's prefix), so the overlap is at most
       * count + 1 + the grams left after it in the shorter rest; below the overlap the
       * pair needs, the pair is dropped (PRUNED) as the verification would drop it. */
      for (size_t q = lo; q < n && p[q] < px; q++) {
        uint32_t py = p[q], c = cnt[py];
        if (c & PRUNED)
          continue;
        if (c == 0)
          touched[nt++] = py;
        size_t yrest = sz[py] - at[q] - 1;
        size_t bound = c + 1 + MIN(xrest, yrest);
        cnt[py] = (double)bound < tt * (double)(sx + sz[py]) - EPS ? PRUNED : c + 1;
      }
    }
    for (size_t c = 0; c < nt; c++) {
      uint32_t py = touched[c], y = j->ord[py];
      uint32_t found = cnt[py];
      cnt[py] = 0;
      if (found & PRUNED)
        continue;
      if (j->group && j->group[x] == j->group[y])
        continue;
      size_t sy = sz[py];
      const uint32_t *iy = S->ids + S->off[y];
      size_t alpha = (size_t)ceil(j->t / (1.0 + j->t) * (double)(sx + sy) - EPS);
      size_t i = 0, k2 = 0, o = 0;
      while (i < sx && k2 < sy) {
        if (o + MIN(sx - i, sy - k2) < alpha)
          break;
        uint32_t u = ix[i], v = iy[k2];
        o += u == v;
        i += u <= v;
        k2 += v <= u;
      }
      size_t uni = sx + sy - o;
      if (uni && (double)o / (double)uni >= j->t) {
        pair_t pr = { MIN(x, y), MAX(x, y), (uint32_t)o, (uint32_t)uni };
        tri_pairvec_push(&j->out[w], pr);
      }
    }
    int d = g_atomic_int_add(&j->done, 1) + 1;
    if ((d & 1023) == 0 || (size_t)d == j->nrec)
      tri_corpus_progress(j->ix->corpus, "pairs", (size_t)d, j->nrec);
  }
}

static int cmp_pair_b(const void *pa, const void *pb) {
  const pair_t *x = pa, *y = pb;
  return x->b < y->b ? -1 : x->b > y->b;
}

/* The pairs whose a is in the ranges [b, e) of arange, from every worker's list, put in
 * by_a[a] .. by_a[a + 1] (the worker's counters, zero between records, count them), then
 * each a's pairs ordered by b (few per a: insertion; qsort for many). */
static void sort_pairs_range(size_t b, size_t e, unsigned w, void *user) {
  join_job *j = user;
  uint32_t *put = j->cnt[w];
  for (size_t r = b; r < e; r++) {
    uint32_t a0 = (uint32_t)j->arange[r], a1 = (uint32_t)j->arange[r + 1];
    for (unsigned o = 0; o < j->nout; o++) {
      const tri_pairvec *v = &j->out[o];
      for (size_t i = 0; i < v->n; i++) {
        uint32_t a = v->v[i].a;
        if (a >= a0 && a < a1)
          j->res[j->by_a[a] + put[a]++] = v->v[i];
      }
    }
    for (uint32_t a = a0; a < a1; a++) {
      pair_t *p = j->res + j->by_a[a];
      size_t n = put[a];
      put[a] = 0;
      if (n > 32) {
        qsort(p, n, sizeof *p, cmp_pair_b);
        continue;
      }
      for (size_t i = 1; i < n; i++) {
        pair_t v = p[i];
        size_t k = i;
        while (k > 0 && p[k - 1].b > v.b) {
          p[k] = p[k - 1];
          k--;
        }
        p[k] = v;
      }
    }
  }
}

/* All pairs of sets with Jaccard >= t (group: skip pairs of the same group); grams
 * below g0 are in one set only (not indexed). NULL with TR_ERR_NOMEM set when an
 * input-sized array cannot be had. */
static GArray *join_sets(const tr_shingle_index *ix, const csr *S, double t, const size_t *group,
                         size_t g0, tri_run *run) {
  join_job j = { 0 };
  unsigned T = run->threads;
  size_t nu = S->n, G = ix->nvocab, nrec = 0, maxsz = 0, nparts = T > 1 ? 2 * (size_t)T : 1;
  uint32_t *by_size = NULL, *by_unit = NULL;
  uint64_t *part = NULL;
  size_t *arange = NULL;
  GArray *res = NULL;
  tr_phase_clock clk;
  tri_phase_begin(&clk);
  g0 = MIN(g0, G);
  j.ord = g_try_new(uint32_t, nu ? nu : 1);
  j.pos = g_try_new(uint32_t, nu ? nu : 1); /* size of the record at each position */
  j.k0 = g_try_new(uint32_t, nu ? nu : 1);
  j.pl_off = tri_big_try_new(uint64_t, G - g0 + 1);
  part = g_try_new(uint64_t, nparts + 1);
  j.out = g_try_new0(tri_pairvec, T);
  j.cnt = g_try_new0(uint32_t *, T);
  j.touched = g_try_new0(uint32_t *, T);
  if (!j.ord || !j.pos || !j.k0 || !j.pl_off || !part || !j.out || !j.cnt || !j.touched)
    goto nomem;
  for (unsigned w = 0; w < T; w++) {
    j.cnt[w] = g_try_new0(uint32_t, nu ? nu : 1);
    j.touched[w] = g_try_new(uint32_t, nu ? nu : 1);
    if (!j.cnt[w] || !j.touched[w])
      goto nomem;
  }
  /* records (non-empty sets) by (size, index): a counting sort by size, stable */
  for (size_t u = 0; u < nu; u++)
    maxsz = MAX(maxsz, unit_size(S, u));
  if (maxsz >= G_MAXUINT32 || !(by_size = g_try_new0(uint32_t, maxsz + 2)))
    goto nomem;
  for (size_t u = 0; u < nu; u++)
    by_size[unit_size(S, u) + 1]++;
  by_size[1] = 0; /* empty sets are no records */
  for (size_t s = 1; s <= maxsz; s++)
    by_size[s + 1] += by_size[s];
  for (size_t u = 0; u < nu; u++) {
    size_t s = unit_size(S, u);
    if (s > 0) {
      uint32_t i = by_size[s]++;
      j.ord[i] = (uint32_t)u;
      j.pos[i] = (uint32_t)s;
      nrec++;
    }
  }
  g_free(by_size);
  by_size = NULL;
  j.ix = ix;
  j.sets = S;
  j.t = t;
  j.group = group;
  j.nrec = nrec;
  j.g0 = g0;
  /* prefix postings, each list in position order (ord) */
  tri_parallel_for(G - g0 + 1, (size_t)1 << 18, T, zero_range, &j);
  j.atomic = T > 1;
  tri_parallel_for(nrec, 256, T, count_range, &j);
  for (size_t g = 0; g < G - g0; g++)
    j.pl_off[g + 1] += j.pl_off[g];
  uint64_t npost = j.pl_off[G - g0];
  j.pl = tri_big_try_new(uint32_t, npost ? npost : 1);
  j.pl_at = tri_big_try_new(uint32_t, npost ? npost : 1);
  if (!j.pl || !j.pl_at)
    goto nomem;
  /* gram ranges with about the same number of postings each, 2 per thread: each range
   * reads the prefix bounds of every record (cache misses), so more ranges cost more */
  part[0] = 0;
  for (size_t r = 1; r < nparts; r++) {
    uint64_t want = npost / nparts * r, lo = part[r - 1], hi = G - g0;
    while (lo < hi) { /* first g with pl_off[g] >= want */
      uint64_t mid = (lo + hi) / 2;
      if (j.pl_off[mid] < want)
        lo = mid + 1;
      else
        hi = mid;
    }
    part[r] = lo;
  }
  part[nparts] = G - g0;
  j.part = part;
  tri_parallel_for(nparts, 1, T, fill_range, &j);
  memmove(j.pl_off + 1, j.pl_off, (G - g0) * sizeof(uint64_t));
  j.pl_off[0] = 0;
  /* the pairs found (output-sized) grow in the workers with g_try_realloc */
  tri_run_start(run, nrec); /* progress: records (units with shingles) */
  tri_parallel_for_run(nrec, 16, run, join_range, &j);
  size_t total = 0;
  for (unsigned w = 0; w < T; w++) {
    if (j.out[w].nomem)
      goto nomem;
    total += j.out[w].n;
  }
  if (total > G_MAXUINT) {
    tri_fail(TR_ERR_LIMIT, "%zu pairs is more than a pair list holds", total);
    goto done;
  }
  /* the result array: GArray rounds its size up to a power of two, so probe twice */
  if (tri_mem_probe(tri_mem_mul(total ? total : 1, 2 * sizeof(pair_t)), NULL, "the pairs found") !=
      TR_OK)
    goto nomem;
  /* sorted by (a, b), the order of a serial join: counted by a, then each a's pairs put
   * in place by b (a pair is found once: (a, b) are unique), in parallel over ranges of
   * a with about as many pairs each (the result's first touch is spread too) */
  if (!(by_unit = g_try_new0(uint32_t, nu + 1)) || !(arange = g_try_new(size_t, (size_t)T + 1)))
    goto nomem;
  res = g_array_sized_new(FALSE, FALSE, sizeof(pair_t), (guint)total);
  g_array_set_size(res, (guint)total);
  for (unsigned w = 0; w < T; w++)
    for (size_t i = 0; i < j.out[w].n; i++)
      by_unit[j.out[w].v[i].a + 1]++;
  for (size_t u = 0; u < nu; u++)
    by_unit[u + 1] += by_unit[u];
  {
    size_t u = 0;
    arange[0] = 0;
    for (unsigned r = 1; r < T; r++) {
      while (u < nu && (uint64_t)by_unit[u] * T < (uint64_t)total * r)
        u++;
      arange[r] = u;
    }
    arange[T] = nu;
  }
  j.by_a = by_unit;
  j.arange = arange;
  j.res = (pair_t *)(void *)res->data;
  j.nout = T;
  tri_parallel_for(T, 1, T, sort_pairs_range, &j);
  goto done;
nomem:
  tri_fail(TR_ERR_NOMEM, "out of memory joining %zu units", nu);
done:
  for (unsigned w = 0; w < T; w++) {
    if (j.out)
      g_free(j.out[w].v);
    if (j.cnt)
      g_free(j.cnt[w]);
    if (j.touched)
      g_free(j.touched[w]);
  }
  g_free(by_size);
  g_free(by_unit);
  g_free(arange);
  g_free(part);
  g_free(j.out);
  g_free(j.cnt);
  g_free(j.touched);
  g_free(j.pl);
  g_free(j.pl_at);
  g_free(j.pl_off);
  g_free(j.ord);
  g_free(j.pos);
  g_free(j.k0);
  tri_phase_end(ix->corpus, TR_PHASE_JOIN, &clk);
  return res;
}

static size_t *unit_groups(const tr_shingle_index *ix, tr_unit_kind kind) {
  size_t n = tr_shingle_index_unit_count(ix, kind);
  size_t *g = g_try_new(size_t, n ? n : 1);
  if (!g)
    return NULL;
  for (size_t u = 0; u < n; u++)
    g[u] = kind == TR_UNIT_ARTICLE   ? tr_corpus_article_agreement(ix->corpus, u)
           : kind == TR_UNIT_CHAPTER ? tr_corpus_chapter_agreement(ix->corpus, u)
                                     : u;
  return g;
}

int tri_index_pairs(const tr_shingle_index *ix, tr_unit_kind kind, double threshold,
                    unsigned flags, tr_pair_list **out, tri_run *run) {
  csr sets = { 0 };
  size_t *group = NULL;
  tr_pair_list *l;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "out is NULL");
  *out = NULL;
  if (!ix || (unsigned)kind > TR_UNIT_ARTICLE)
    return tri_fail(TR_ERR_INVALID_ARG, "index is NULL or kind unknown");
  if (!(threshold > 0.0 && threshold <= 1.0))
    return tri_fail(TR_ERR_INVALID_ARG, "threshold %g is outside (0, 1]", threshold);
  if (flags & ~(unsigned)TR_PAIRS_ACROSS_AGREEMENTS)
    return tri_fail(TR_ERR_INVALID_ARG, "unknown flags 0x%x", flags);
  if (tri_index_sets_for(ix, kind, &sets) != TR_OK)
    return tr_error_code();
  int rc = TR_OK;
  GArray *items = NULL;
  if ((flags & TR_PAIRS_ACROSS_AGREEMENTS) && !(group = unit_groups(ix, kind)))
    rc = tri_fail(TR_ERR_NOMEM, "out of memory joining %zu units", sets.n);
  /* the shingles of one article are in one unit of these kinds: not indexed */
  size_t g0 = kind == TR_UNIT_CHAPTER ? 0 : ix->nsingle;
  if (rc == TR_OK && !(items = join_sets(ix, &sets, threshold, group, g0, run)))
    rc = tr_error_code();
  g_free(group);
  tri_index_sets_release(ix, &sets);
  if (rc != TR_OK)
    return rc;
  l = g_new0(tr_pair_list, 1);
  l->items = items;
  *out = l;
  return TR_OK;
}

/* Trace: keep, for each article, the best earlier-signed source. */
unsigned tri_index_threads(const tr_shingle_index *ix) {
  return ix->threads;
}

int tri_index_trace(const tr_shingle_index *ix, double threshold, tr_pair_list **out, tri_run *run) {
  tr_pair_list *all = NULL, *l;
  pair_t *best;
  uint32_t *bdate;
  int rc;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "out is NULL");
  *out = NULL;
  if ((rc = tri_index_pairs(ix, TR_UNIT_ARTICLE, threshold, TR_PAIRS_ACROSS_AGREEMENTS, &all,
                            run)) != TR_OK)
    return rc;
  if (tri_run_stopped(run)) {
    tr_pair_list_free(all);
    return TR_OK;
  }
  tr_phase_clock clk;
  tri_phase_begin(&clk);
  best = g_try_new0(pair_t, ix->nart ? ix->nart : 1);
  bdate = g_try_new0(uint32_t, ix->nart ? ix->nart : 1);
  if (!best || !bdate) {
    g_free(best);
    g_free(bdate);
    tr_pair_list_free(all);
    return tri_fail(TR_ERR_NOMEM, "out of memory tracing %zu articles", ix->nart);
  }
  for (guint i = 0; i < all->items->len; i++) {
    pair_t p = g_array_index(all->items, pair_t, i);
    for (int dir = 0; dir < 2; dir++) {
      uint32_t x = dir ? p.b : p.a, y = dir ? p.a : p.b;
      uint32_t dx = tri_corpus_agreement_date(ix->corpus, tr_corpus_article_agreement(ix->corpus, x));
      uint32_t dy = tri_corpus_agreement_date(ix->corpus, tr_corpus_article_agreement(ix->corpus, y));
      if (!dx || !dy || dy >= dx)
        continue;
      pair_t *b = &best[x];
      gboolean better;
      if (!b->uni) {
        better = TRUE;
      } else {
        uint64_t l1 = (uint64_t)p.inter * b->uni, l2 = (uint64_t)b->inter * p.uni;
        better = l1 > l2 || (l1 == l2 && (dy < bdate[x] || (dy == bdate[x] && y < b->b)));
      }
      if (better) {
        b->a = x;
        b->b = y;
        b->inter = p.inter;
        b->uni = p.uni;
        bdate[x] = dy;
      }
    }
  }
  l = g_new0(tr_pair_list, 1);
  l->items = g_array_new(FALSE, FALSE, sizeof(pair_t));
  for (size_t x = 0; x < ix->nart; x++)
    if (best[x].uni)
      g_array_append_val(l->items, best[x]);
  g_free(best);
  g_free(bdate);
  tr_pair_list_free(all);
  tri_phase_end(ix->corpus, TR_PHASE_JOIN, &clk);
  *out = l;
  return TR_OK;
}

size_t tr_pair_list_count(const tr_pair_list *l) {
  return l ? l->items->len : 0;
}

int tr_pair_list_get(const tr_pair_list *l, size_t i, size_t *a, size_t *b, double *jaccard,
                     size_t *intersection, size_t *union_size) {
  const pair_t *p;
  if (!l || i >= l->items->len)
    return tri_fail(TR_ERR_INVALID_ARG, "pair %zu is out of range", i);
  p = &g_array_index(l->items, pair_t, i);
  if (a)
    *a = p->a;
  if (b)
    *b = p->b;
  if (jaccard)
    *jaccard = p->uni ? (double)p->inter / (double)p->uni : 0.0;
  if (intersection)
    *intersection = p->inter;
  if (union_size)
    *union_size = p->uni;
  return TR_OK;
}

void tr_pair_list_free(tr_pair_list *l) {
  if (!l)
    return;
  g_array_free(l->items, TRUE);
  g_free(l);
}
