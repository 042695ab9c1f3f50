/*
 * libtraderules - shingle index: phase 3, article sets, final ids; unit (agreement, chapter) sets.
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-index-internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  tr_shingle_index *ix;
  uint32_t *gram_at;
  const uint32_t *base; /* first id of each bucket */
  unsigned lg;
  const uint32_t *rank; /* id -> final id (written over df), or NULL */
  uint32_t *tmp;        /* per worker scratch */
  size_t tmpcap;
  uint64_t **seen;      /* per worker: one bit per id, set while its article is gathered
                         * (zeroed by the worker on its first chunk: seen_ready[w]) */
  unsigned char *seen_ready;
  size_t nprov;
  const uint32_t *first; /* first pass: id -> position of its first occurrence */
  uint32_t *nfirst;     /* first pass: shingles first seen in each article (in front) */
  gboolean sort;        /* third pass: sort the sets */
  /* Document frequencies, parallel over nparts ranges of provisional ids (a few per
   * thread, handed out dynamically, for balance): the gather
   * puts each article's other shingles (not first seen there) in range order, rest[a *
   * nparts + r] of them in range r; a shingle's df is 1 (its first article) + the
   * articles listing it among the others. part_lo: nparts + 1 range starts. */
  size_t nparts;
  uint64_t part_mul;    /* range of provisional id g: (g * part_mul) >> 32 */
  const size_t *part_lo;
  uint32_t *rest;
  uint32_t *df;
  uint32_t *part_maxdf; /* per range: its largest df */
  /* ranks (between the passes), over article chunks */
  size_t nchunks;
  const size_t *chunk;  /* article chunks: nchunks + 1 boundaries */
  const uint64_t *chunk_pos; /* flat position where each chunk starts (nchunks + 1) */
  const uint16_t *chunk_tab; /* position >> tab_shift -> the chunk where that block starts */
  unsigned tab_shift;
  size_t hn;            /* counters per chunk: largest df + 2 */
  uint32_t *hist;       /* per worker, per chunk: hn counters by df (worker 0's: first ranks) */
  uint32_t *first_at;   /* final id -> first occurrence (ix->first) */
} set_job;

static inline size_t id_part(const set_job *j, uint32_t g) {
  return (size_t)(((uint64_t)g * j->part_mul) >> 32);
}

/* Document frequencies of one range of provisional ids (its own: plain counters): 1 for
 * the first article of each shingle, + 1 for every other article listing it. Reads the
 * compacted sets (art_off). */
static void df_range(size_t b, size_t e, unsigned w, void *user) {
  set_job *j = user;
  const tr_shingle_index *ix = j->ix;
  const size_t P = j->nparts;
  (void)w;
  for (size_t r = b; r < e; r++) {
    uint32_t *df = j->df, mx = 0;
    for (size_t g = j->part_lo[r]; g < j->part_lo[r + 1]; g++)
      df[g] = 1;
    for (size_t a = 0; a < ix->nart; a++) {
      const uint32_t *rest = j->rest + a * P;
      uint64_t k = ix->art_off[a] + j->nfirst[a];
      for (size_t q = 0; q < r; q++)
        k += rest[q];
      const uint32_t *ids = ix->art_ids + k;
      for (uint32_t x = 0; x < rest[r]; x++)
        df[ids[x]]++;
    }
    for (size_t g = j->part_lo[r]; g < j->part_lo[r + 1]; g++)
      mx = MAX(mx, df[g]);
    j->part_maxdf[r] = mx;
  }
}

/* Ranks, pass 1: each id range's shingles counted by (chunk of their first article, df)
 * in the worker's counters, reading first and df in id order. */
static void rank_count_range(size_t b, size_t e, unsigned w, void *user) {
  set_job *j = user;
  const size_t hn = j->hn, nc = j->nchunks;
  uint32_t *h = j->hist + (size_t)w * nc * hn;
  for (size_t r = b; r < e; r++) {
    if (nc == 1) {
      for (size_t g = j->part_lo[r]; g < j->part_lo[r + 1]; g++)
        h[j->df[g]]++;
      continue;
    }
    for (size_t g = j->part_lo[r]; g < j->part_lo[r + 1]; g++) {
      uint64_t p = j->first[g];
      size_t c = j->chunk_tab[p >> j->tab_shift];
      while (c + 1 < nc && p >= j->chunk_pos[c + 1])
        c++;
      h[c * hn + j->df[g]]++;
    }
  }
}

/* Pass 2: hist (worker 0's part) holds each chunk's first rank for each df (the ranks
 * of the earlier chunks' shingles of that df come first, as in one pass over the
 * articles). A shingle's rank is written over its df: each is read and written once,
 * in its first article. */
static void rank_assign_range(size_t b, size_t e, unsigned w, void *user) {
  set_job *j = user;
  const size_t hn = j->hn;
  uint32_t *rank = j->df;
  (void)w;
  for (size_t c = b; c < e; c++) {
    uint32_t *h = j->hist + c * hn;
    for (size_t a = j->chunk[c]; a < j->chunk[c + 1]; a++) {
      const uint32_t *ids = j->ix->art_ids + j->ix->art_off[a];
      for (uint32_t k = 0; k < j->nfirst[a]; k++) {
        uint32_t g = ids[k], r = h[rank[g]]++;
        rank[g] = r;
        j->first_at[r] = j->first[g];
      }
    }
  }
}

/* Article sets: gather distinct ids (in place over the position ids, their count in
 * art_off[a + 1], then compacted to art_off), then map to final ids, or sort. */
static void artset_range(size_t b, size_t e, unsigned w, void *user) {
  set_job *j = user;
  tr_shingle_index *ix = j->ix;
  uint32_t *tmp = j->tmp + (size_t)w * j->tmpcap;
  const unsigned sh = 32 - j->lg;
  const uint32_t lmask = (uint32_t)(((uint64_t)1 << sh) - 1);
  for (size_t a = b; a < e; a++) {
    uint32_t *ids;
    if (!j->rank && !j->sort) {
      /* gather distinct ids: first the shingles whose first occurrence in the corpus
       * is here (in the order of their positions), then the others. In place: the
       * article's set is written over its own position ids (gram_at from flat_off[a]),
       * never ahead of the position read. */
      uint64_t fs = ix->flat_off[a], nf = 0, nr = 0, fl = ix->flat_off[a + 1] - fs;
      uint64_t len = fl >= ix->n ? fl - ix->n + 1 : 0; /* positions */
      uint64_t *bm = j->seen[w];
      if (!j->seen_ready[w]) { /* its first touch, in the worker (page faults in parallel) */
        memset(bm, 0, (j->nprov / 64 + 1) * sizeof(uint64_t));
        j->seen_ready[w] = 1;
      }
      ids = j->gram_at + fs;
      for (uint64_t k = 0; k < len; k++) {
        uint32_t v = j->gram_at[fs + k];
        uint32_t g = j->base[v >> sh] + (v & lmask);
        uint64_t bit = (uint64_t)1 << (g & 63);
        if (!(bm[g >> 6] & bit)) {
          bm[g >> 6] |= bit;
          if (j->first[g] == fs + k)
            ids[nf++] = g;
          else
            tmp[nr++] = g;
        }
      }
      if (j->nparts == 1) {
        memcpy(ids + nf, tmp, nr * sizeof(uint32_t));
        j->rest[a] = (uint32_t)nr;
      } else { /* the others by id range (their order is free: sets are sorted later) */
        uint32_t *rest = j->rest + a * j->nparts, at[64];
        memset(rest, 0, j->nparts * sizeof(uint32_t));
        for (uint64_t k = 0; k < nr; k++)
          rest[id_part(j, tmp[k])]++;
        at[0] = (uint32_t)nf;
        for (size_t r = 1; r < j->nparts; r++)
          at[r] = at[r - 1] + rest[r - 1];
        for (uint64_t k = 0; k < nr; k++)
          ids[at[id_part(j, tmp[k])]++] = tmp[k];
      }
      for (uint64_t k = 0; k < nf + nr; k++) /* all bits clear again */
        bm[ids[k] >> 6] = 0;
      ix->art_off[a + 1] = nf + nr; /* its first touch, in the worker */
      j->nfirst[a] = (uint32_t)nf;
      continue;
    }
    uint64_t s = ix->art_off[a], len = ix->art_off[a + 1] - s;
    ids = ix->art_ids + s;
    if (j->rank) {
      for (uint64_t k = 0; k < len; k++)
        ids[k] = j->rank[ids[k]];
    }
    if (j->sort)
      tri_sort_u32(ids, len, tmp);
  }
}

int tri_index_sets(tr_shingle_index *ix, tri_interned *in, tri_run *run) {
  unsigned T = ix->threads;
  set_job sj = { 0 };
  size_t nprov = in->nprov, maxlen = 0, G, P;
  uint32_t *count_by_df = NULL;
  size_t *chunk = NULL, *part_lo = NULL;
  uint64_t *chunk_pos = NULL;
  uint16_t *chunk_tab = NULL;
  int rc = TR_OK;
  tr_phase_clock clk;

  tri_phase_begin(&clk);
  /* Article sets (positions where a shingle starts), distinct ids, gathered in place
   * over the position ids (each article's set at its flat_off, its size in art_off[a +
   * 1], then compacted to art_off). Input-sized arrays are g_try (TR_ERR_NOMEM); what is
   * in @ix is freed with it, the rest here. */
  ix->art_off = g_try_new(uint64_t, ix->nart + 1);
  if (!ix->art_off)
    goto nomem;
  for (size_t a = 0; a < ix->nart; a++) {
    uint64_t len = ix->flat_off[a + 1] - ix->flat_off[a];
    maxlen = MAX(maxlen, len >= ix->n ? (size_t)(len - ix->n + 1) : 0);
  }
  /* ranges of provisional ids for the document frequencies: four per thread (each
   * counts its own range; handed out dynamically); provisional ids are hash-ordered, so
   * even ranges hold about as many shingles and occurrences each */
  P = T > 1 && nprov >= (size_t)256 * T ? MIN((size_t)4 * T, (size_t)64) : 1;
  sj.nparts = P;
  sj.part_mul = P > 1 ? ((uint64_t)P << 32) / nprov : 0;
  sj.ix = ix;
  sj.gram_at = in->gram_at;
  sj.base = in->base;
  sj.lg = in->lg;
  sj.tmpcap = maxlen ? maxlen : 1;
  sj.tmp = tri_big_try_new(uint32_t, tri_mem_mul(sj.tmpcap, T));
  /* allocated here, not in the workers (whose malloc arenas would keep the memory) */
  sj.seen = g_try_new0(uint64_t *, T);
  sj.seen_ready = g_try_new0(unsigned char, T);
  sj.nprov = nprov;
  sj.first = in->first;
  sj.nfirst = g_try_new0(uint32_t, ix->nart ? ix->nart : 1);
  sj.rest = g_try_new(uint32_t, tri_mem_mul(ix->nart ? ix->nart : 1, P));
  part_lo = g_try_new(size_t, P + 1);
  sj.part_maxdf = g_try_new0(uint32_t, P);
  if (!sj.tmp || !sj.seen || !sj.seen_ready || !sj.nfirst || !sj.rest || !part_lo || !sj.part_maxdf)
    goto nomem;
  for (unsigned w = 0; w < T; w++)
    if (!(sj.seen[w] = g_try_new(uint64_t, nprov / 64 + 1)))
      goto nomem;
  part_lo[0] = 0;
  for (size_t r = 1; r < P; r++) { /* the first id of range r */
    size_t lo = part_lo[r - 1], hi = nprov;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (id_part(&sj, (uint32_t)mid) < r)
        lo = mid + 1;
      else
        hi = mid;
    }
    part_lo[r] = lo;
  }
  part_lo[P] = nprov;
  sj.part_lo = part_lo;
  tri_parallel_for_run(ix->nart, 64, run, artset_range, &sj);
  for (unsigned w = 0; w < T; w++)
    g_free(sj.seen[w]);
  g_free(sj.seen);
  g_free(sj.seen_ready);
  sj.seen = NULL;
  sj.seen_ready = NULL;
  g_free(in->base);
  in->base = NULL;
  ix->art_ids = in->gram_at; /* the sets, at flat_off: compacted below */
  in->gram_at = NULL;
  if (tri_run_stopped(run))
    goto done;

  /* Compact the sets (one pass: the moves overlap); art_off[a + 1], article a's size,
   * is read before it is overwritten by its offset. */
  {
    uint64_t w = 0;
    for (size_t a = 0; a < ix->nart; a++) {
      uint64_t s = ix->flat_off[a];
      size_t u = (size_t)ix->art_off[a + 1];
      ix->art_off[a] = w;
      memmove(ix->art_ids + w, ix->art_ids + s, u * sizeof(uint32_t));
      w += u;
    }
    ix->art_off[ix->nart] = w;
    uint32_t *ids = g_try_renew(uint32_t, ix->art_ids, w ? w : 1);
    if (ids) /* else keep the larger block */
      ix->art_ids = ids;
  }

  /* Document frequencies, by id range (not zeroed first: each range starts its own). */
  sj.df = tri_big_try_new(uint32_t, nprov ? nprov : 1);
  if (!sj.df)
    goto nomem;
  tri_parallel_for(P, 1, T, df_range, &sj);
  g_free(sj.rest);
  sj.rest = NULL;

  /* Final ids: rank by (df, first occurrence): the articles in order, each with the
   * shingles first seen in it in front, list every shingle once, by first occurrence.
   * In parallel over chunks of articles with about as many first-seen shingles each
   * (eight per thread, handed out dynamically, for balance): the shingles of each id
   * range are counted by chunk (of their first article) and df in their worker's
   * counters, the counts become each chunk's first rank for each df, then each chunk
   * assigns its ranks. */
  uint32_t maxdf = 0;
  for (size_t r = 0; r < P; r++)
    maxdf = MAX(maxdf, sj.part_maxdf[r]);
  size_t nchunks = T > 1 ? MIN((size_t)8 * T, MAX(ix->nart, (size_t)1)) : 1, hn = (size_t)maxdf + 2;
  chunk = g_try_new(size_t, nchunks + 1);
  chunk_pos = g_try_new(uint64_t, nchunks + 1);
  count_by_df = g_try_new0(uint32_t, tri_mem_mul(tri_mem_mul(nchunks, hn), T));
  G = nprov;
  ix->first = tri_big_try_new(uint32_t, G ? G : 1);
  if (!chunk || !chunk_pos || !count_by_df || !ix->first)
    goto nomem;
  {
    size_t c = 1;
    uint64_t seen = 0;
    chunk[0] = 0;
    for (size_t a = 0; a < ix->nart && c < nchunks; a++) {
      seen += sj.nfirst[a];
      if (seen * nchunks >= (uint64_t)G * c)
        chunk[c++] = a + 1;
    }
    while (c <= nchunks)
      chunk[c++] = ix->nart;
    for (c = 0; c <= nchunks; c++)
      chunk_pos[c] = ix->flat_off[chunk[c]];
  }
  { /* a chunk per block of positions, to start the search for a position's chunk */
    uint64_t npos = ix->flat_off[ix->nart];
    unsigned sh = 0;
    while ((npos >> sh) >= 4096)
      sh++;
    size_t nt = (size_t)(npos >> sh) + 1, c = 0;
    if (!(chunk_tab = g_try_new(uint16_t, nt)))
      goto nomem;
    for (size_t i = 0; i < nt; i++) {
      while (c + 1 < nchunks && ((uint64_t)i << sh) >= chunk_pos[c + 1])
        c++;
      chunk_tab[i] = (uint16_t)c;
    }
    sj.chunk_tab = chunk_tab;
    sj.tab_shift = sh;
  }
  sj.nchunks = nchunks;
  sj.chunk = chunk;
  sj.chunk_pos = chunk_pos;
  sj.hn = hn;
  sj.hist = count_by_df;
  sj.first_at = ix->first;
  tri_parallel_for(P, 1, T, rank_count_range, &sj);
  {
    uint32_t sum = 0;
    const size_t per = nchunks * hn;
    for (size_t d = 0; d < hn; d++) {
      if (d == 2)
        ix->nsingle = sum; /* shingles of one article (df 1) */
      for (size_t c = 0; c < nchunks; c++) {
        uint32_t v = 0;
        for (size_t w = 0; w < T; w++)
          v += count_by_df[w * per + c * hn + d];
        count_by_df[c * hn + d] = sum;
        sum += v;
      }
    }
    if (hn <= 2)
      ix->nsingle = sum;
  }
  ix->nvocab = G;
  tri_parallel_for(nchunks, 1, T, rank_assign_range, &sj);
  g_free(sj.nfirst);
  g_free(count_by_df);
  g_free(chunk);
  g_free(chunk_pos);
  g_free(chunk_tab);
  g_free(in->first);
  sj.hist = NULL;
  sj.chunk = NULL;
  sj.nfirst = NULL;
  count_by_df = NULL;
  chunk = NULL;
  chunk_pos = NULL;
  chunk_tab = NULL;
  sj.chunk_tab = NULL;
  in->first = NULL;
  sj.first = NULL;

  sj.rank = sj.df; /* the ranks, written over the dfs */
  tri_parallel_for(ix->nart, 64, T, artset_range, &sj);
  ix->art_maxlen = maxlen;
  goto done;
nomem:
  rc = tri_fail(TR_ERR_NOMEM, "out of memory building the sets of %zu articles", ix->nart);
done:
  if (sj.seen)
    for (unsigned w = 0; w < T; w++)
      g_free(sj.seen[w]);
  g_free(sj.seen);
  g_free(sj.seen_ready);
  g_free(sj.nfirst);
  g_free(sj.rest);
  g_free(sj.part_maxdf);
  g_free(sj.df);
  g_free(sj.tmp);
  g_free(count_by_df);
  g_free(chunk);
  g_free(chunk_pos);
  g_free(chunk_tab);
  g_free(part_lo);
  tri_phase_end(ix->corpus, TR_PHASE_SETS, &clk);
  return rc;
}

int tri_index_sort_articles(const tr_shingle_index *cix) {
  tr_shingle_index *ix = (tr_shingle_index *)cix;
  int rc = TR_OK;
  if (__atomic_load_n(&ix->art_sorted, __ATOMIC_ACQUIRE))
    return TR_OK;
  pthread_mutex_lock(&ix->art_lock);
  if (!ix->art_sorted) {
    set_job sj = { 0 };
    tr_phase_clock clk;
    tri_phase_begin(&clk);
    sj.ix = ix;
    sj.sort = TRUE;
    sj.tmpcap = ix->art_maxlen ? ix->art_maxlen : 1;
    sj.tmp = g_try_new(uint32_t, tri_mem_mul(sj.tmpcap, ix->threads));
    if (sj.tmp) {
      tri_parallel_for(ix->nart, 64, ix->threads, artset_range, &sj);
      g_free(sj.tmp);
      __atomic_store_n(&ix->art_sorted, TRUE, __ATOMIC_RELEASE);
    } else {
      rc = tri_fail(TR_ERR_NOMEM, "out of memory sorting the article sets");
    }
    tri_phase_end(ix->corpus, TR_PHASE_SETS, &clk);
  }
  pthread_mutex_unlock(&ix->art_lock);
  return rc;
}

/* ------------------------------------------------------------------ */
/* unit sets                                                          */
/* ------------------------------------------------------------------ */

void tri_csr_clear(csr *c) {
  g_free(c->off);
  g_free(c->ids);
  memset(c, 0, sizeof *c);
}

void tri_index_unit_range(const tr_shingle_index *ix, tr_unit_kind kind, size_t u, size_t *first,
                       size_t *count) {
  switch (kind) {
  case TR_UNIT_AGREEMENT:
    *count = tr_corpus_agreement_articles(ix->corpus, u, first);
    break;
  case TR_UNIT_CHAPTER:
    *count = tr_corpus_chapter_articles(ix->corpus, u, first);
    break;
  default:
    *first = u;
    *count = 1;
  }
}

size_t tri_index_union_articles(const tr_shingle_index *ix, size_t first, size_t count, uint32_t *out,
                             uint32_t *tmp, gboolean sorted) {
  uint64_t s = ix->art_off[first], e = ix->art_off[first + count];
  size_t n = (size_t)(e - s);
  memcpy(out, ix->art_ids + s, n * sizeof(uint32_t));
  if (count > 1 || !sorted) {
    tri_sort_u32(out, n, tmp);
    n = tri_uniq_u32(out, n);
  }
  return n;
}

typedef struct {
  const tr_shingle_index *ix;
  tr_unit_kind kind;
  const size_t *units;
  size_t *first, *count;
  const size_t *order;  /* with threads: units by size, largest first (the order of the
                         * work only: the two largest agreements are the last two) */
  csr *out;
  uint64_t *cap_off; /* capacity offsets */
  uint32_t *tmp;
  size_t tmpcap;
  uint64_t *bitmap; /* per worker: one bit per shingle, kept all zero between units
                     * (zeroed by the worker on its first use: bm_ready[w]) */
  unsigned char *bm_ready;
  size_t bmwords;
  gboolean sorted; /* the article sets are sorted */
} unitset_job;

static void unitset_range(size_t b, size_t e, unsigned w, void *user) {
  unitset_job *j = user;
  const tr_shingle_index *ix = j->ix;
  for (size_t o = b; o < e; o++) {
    size_t i = j->order ? j->order[o] : o;
    uint64_t s = ix->art_off[j->first[i]], end = ix->art_off[j->first[i] + j->count[i]];
    uint32_t *out = j->out->ids + j->cap_off[i];
    size_t n = 0;
    if ((j->count[i] > 1 || !j->sorted) && end - s > 1024) {
      /* large unions: set bits, then read them back in order (sorted, unique) */
      uint64_t *bm = j->bitmap + (size_t)w * j->bmwords;
      uint32_t lo = G_MAXUINT32, hi = 0;
      if (!j->bm_ready[w]) { /* its first touch, in the worker (page faults in parallel) */
        memset(bm, 0, j->bmwords * sizeof(uint64_t));
        j->bm_ready[w] = 1;
      }
      for (uint64_t k = s; k < end; k++) {
        uint32_t id = ix->art_ids[k];
        bm[id >> 6] |= (uint64_t)1 << (id & 63);
        lo = MIN(lo, id);
        hi = MAX(hi, id);
      }
      for (size_t wd = lo >> 6; wd <= (hi >> 6); wd++) {
        uint64_t v = bm[wd];
        if (!v)
          continue;
        bm[wd] = 0;
        while (v) {
          out[n++] = (uint32_t)(wd * 64 + (size_t)__builtin_ctzll(v));
          v &= v - 1;
        }
      }
    } else {
      n = tri_index_union_articles(ix, j->first[i], j->count[i], out, j->tmp + (size_t)w * j->tmpcap,
                         j->sorted);
    }
    j->out->off[i + 1] = n; /* size for now */
  }
}

typedef struct {
  uint64_t size;
  size_t idx;
} unit_by_size;

static int cmp_larger_first(const void *pa, const void *pb) {
  const unit_by_size *a = pa, *b = pb;
  if (a->size != b->size)
    return a->size > b->size ? -1 : 1;
  return a->idx < b->idx ? -1 : a->idx > b->idx ? 1 : 0;
}

int tri_index_unit_sets(const tr_shingle_index *ix, tr_unit_kind kind, const size_t *units,
                        size_t count, csr *out) {
  unitset_job j = { 0 };
  unit_by_size *by_size = NULL;
  size_t *order = NULL;
  uint64_t cap = 0;
  size_t maxcap = 1;
  int rc = TR_OK;
  tr_phase_clock clk;
  memset(out, 0, sizeof *out);
  /* agreement sets are built before the article sets may be sorted (see art_lock) */
  gboolean locked = kind == TR_UNIT_AGREEMENT;
  if (locked)
    pthread_mutex_lock(&((tr_shingle_index *)ix)->art_lock);
  else if ((rc = tri_index_sort_articles(ix)) != TR_OK)
    return rc;
  tri_phase_begin(&clk);
  j.sorted = locked ? ix->art_sorted : TRUE;
  j.ix = ix;
  j.kind = kind;
  j.first = g_try_new(size_t, count ? count : 1);
  j.count = g_try_new(size_t, count ? count : 1);
  j.cap_off = g_try_new(uint64_t, count + 1);
  out->off = g_try_new0(uint64_t, count + 1);
  if (!j.first || !j.count || !j.cap_off || !out->off)
    goto nomem;
  for (size_t i = 0; i < count; i++) {
    size_t u = units ? units[i] : i;
    tri_index_unit_range(ix, kind, u, &j.first[i], &j.count[i]);
    j.cap_off[i] = cap;
    uint64_t c = ix->art_off[j.first[i] + j.count[i]] - ix->art_off[j.first[i]];
    cap += c;
    maxcap = MAX(maxcap, (size_t)c);
  }
  j.cap_off[count] = cap;
  out->n = count;
  out->ids = tri_big_try_new(uint32_t, cap ? cap : 1);
  j.out = out;
  j.tmpcap = MIN(maxcap, (size_t)1024);
  j.tmp = g_try_new(uint32_t, j.tmpcap * ix->threads);
  j.bmwords = ix->nvocab / 64 + 1;
  j.bitmap = g_try_new(uint64_t, tri_mem_mul(j.bmwords, ix->threads));
  j.bm_ready = g_try_new0(unsigned char, ix->threads);
  if (!out->ids || !j.tmp || !j.bitmap || !j.bm_ready)
    goto nomem;
  if (ix->threads > 1 && count > 4) {
    if (!(by_size = g_try_new(unit_by_size, count)) || !(order = g_try_new(size_t, count)))
      goto nomem;
    for (size_t i = 0; i < count; i++) {
      by_size[i].size = j.cap_off[i + 1] - j.cap_off[i];
      by_size[i].idx = i;
    }
    qsort(by_size, count, sizeof *by_size, cmp_larger_first);
    for (size_t i = 0; i < count; i++)
      order[i] = by_size[i].idx;
    g_free(by_size);
    by_size = NULL;
    j.order = order;
  }
  tri_parallel_for(count, 4, ix->threads, unitset_range, &j);
  /* compact */
  {
    uint64_t w = 0;
    for (size_t i = 0; i < count; i++) {
      uint64_t n = out->off[i + 1];
      memmove(out->ids + w, out->ids + j.cap_off[i], n * sizeof(uint32_t));
      out->off[i] = w;
      w += n;
    }
    out->off[count] = w;
    uint32_t *ids = g_try_realloc(out->ids, (w ? w : 1) * sizeof(uint32_t));
    if (ids) /* else keep the larger block */
      out->ids = ids;
  }
  goto done;
nomem:
  rc = tri_fail(TR_ERR_NOMEM, "out of memory building the sets of %zu units", count);
  tri_csr_clear(out);
done:
  g_free(by_size);
  g_free(order);
  g_free(j.bitmap);
  g_free(j.bm_ready);
  g_free(j.tmp);
  g_free(j.first);
  g_free(j.count);
  g_free(j.cap_off);
  if (locked)
    pthread_mutex_unlock(&((tr_shingle_index *)ix)->art_lock);
  tri_phase_end(ix->corpus, TR_PHASE_SETS, &clk);
  return rc;
}

/* Agreement sets, built once on first use (thread-safe). On failure nothing is kept:
 * the next call tries again. */
int tri_index_agreements(const tr_shingle_index *cix) {
  tr_shingle_index *ix = (tr_shingle_index *)cix;
  int rc = TR_OK;
  if (__atomic_load_n(&ix->agr_ready, __ATOMIC_ACQUIRE))
    return TR_OK;
  pthread_mutex_lock(&ix->agr_lock);
  if (!ix->agr_ready) {
    csr agr = { 0 };
    rc = tri_index_unit_sets(ix, TR_UNIT_AGREEMENT, NULL, ix->nagr, &agr);
    if (rc == TR_OK) {
      ix->agr_off = agr.off;
      ix->agr_ids = agr.ids;
      __atomic_store_n(&ix->agr_ready, TRUE, __ATOMIC_RELEASE);
    }
  }
  pthread_mutex_unlock(&ix->agr_lock);
  return rc;
}

int tri_index_sets_for(const tr_shingle_index *ix, tr_unit_kind kind, csr *sets) {
  memset(sets, 0, sizeof *sets);
  if (kind == TR_UNIT_ARTICLE) {
    if (tri_index_sort_articles(ix) != TR_OK)
      return tr_error_code();
    sets->off = ix->art_off;
    sets->ids = ix->art_ids;
    sets->n = ix->nart;
    return TR_OK;
  }
  if (kind == TR_UNIT_AGREEMENT) {
    if (tri_index_agreements(ix) != TR_OK)
      return tr_error_code();
    sets->off = ix->agr_off;
    sets->ids = ix->agr_ids;
    sets->n = ix->nagr;
    return TR_OK;
  }
  return tri_index_unit_sets(ix, kind, NULL, ix->nchap, sets);
}

void tri_index_sets_release(const tr_shingle_index *ix, csr *sets) {
  if (sets->off != ix->art_off && sets->off != ix->agr_off)
    tri_csr_clear(sets);
  memset(sets, 0, sizeof *sets);
}
