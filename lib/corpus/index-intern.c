/*
 * libtraderules - shingle index: phase 2, shingle interning by hash buckets.
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-index-internal.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* phase 2: shingle interning                                         */
/* ------------------------------------------------------------------ */

/* Interning by buckets: every shingle position is hashed once (article-parallel) and
 * counted in one of nb buckets by the top bits of its hash; then, in a few rounds of
 * consecutive buckets (about a quarter of the positions each, so the buffer stays small),
 * the positions of the round's buckets are scattered (a counting sort: ascending inside
 * a bucket) into a buffer together with their packed key, and each bucket is interned on
 * its own with a small table that stays in the core's cache. The work is split (a bucket
 * belongs to one worker, each position is read in order), and no table of the whole
 * corpus is ever allocated. Keys are compared in full (packed into 96 bits, or against
 * the first occurrence), so ids are exact. A position's id is written as
 * (bucket << (32 - lg)) | (id inside the bucket): the top bits stay its bucket, as they
 * were while it held its hash. The first occurrence of a shingle is the first position
 * its bucket meets (positions ascend), whatever the thread count. */

/* Article chunks of the hashing and scattering passes: a fixed number, not one per
 * thread, so the positions inside a bucket come in the same order for every thread count. */
#define GRAM_CHUNKS TRI_GRAM_CHUNKS

typedef struct {
  uint64_t lo;  /* packed key, low 64 bits */
  uint32_t hi;  /* packed key, bits 64..95; general keys: the 32 hash bits */
  uint32_t id;  /* id inside the bucket */
  uint32_t gen; /* the bucket that wrote the slot (any other value: empty) */
} gslot;

typedef struct {
  uint64_t lo;  /* packed key, low 64 bits (general keys: unused) */
  uint32_t hi;  /* packed key, bits 64..95; general keys: the 32 hash bits */
  uint32_t pos; /* flat position */
} gent;

typedef struct {
  gslot *tab;
  unsigned tbits; /* allocated: 2^tbits slots */
  uint32_t gen;
} gworker;

typedef struct {
  tr_shingle_index *ix;
  /* 32 hash bits of the shingle at each flat position, then its bucket and id inside
   * the bucket (see above); in the set phase its id */
  uint32_t *gram_at;
  uint32_t *hist;      /* [chunk][bucket]: counts */
  uint32_t *next;      /* [chunk][bucket]: scatter offsets in the round's buffer */
  size_t chunk_art[GRAM_CHUNKS + 1];
  gent *ent;           /* the round's buffer */
  uint64_t *bucket_off; /* nb + 1: each bucket's entries in the buffer (this round) */
  size_t rb, re;        /* the round's buckets */
  uint32_t *nd;         /* distinct shingles per bucket */
  gworker *wk;          /* per worker */
  size_t nb;
  unsigned lg;   /* nb = 2^lg */
  unsigned bits; /* packed mode: bits per token (0: not packed) */
  gint overflow; /* atomic */
  gint done;     /* atomic: buckets done */
} gram_job;

static inline gboolean key_eq(const tr_shingle_index *ix, uint64_t p, uint64_t q) {
  if (ix->kind == TR_SHINGLE_CHAR)
    return memcmp(ix->flat8 + p, ix->flat8 + q, ix->n) == 0;
  return memcmp(ix->flat32 + p, ix->flat32 + q, ix->n * sizeof(uint32_t)) == 0;
}

static inline uint64_t key_hash(const tr_shingle_index *ix, uint64_t p) {
  if (ix->kind == TR_SHINGLE_CHAR)
    return tri_hash_bytes(ix->flat8 + p, ix->n);
  return tri_hash_u32s(ix->flat32 + p, ix->n);
}

#ifdef __SIZEOF_INT128__
/* Packed keys: when a shingle fits in 96 bits (n token ids + 1 of `bits` bits each, or
 * n bytes), the key itself is stored: equal keys mean equal shingles. */
typedef unsigned __int128 u128;

static inline uint32_t hash128(uint64_t lo, uint32_t hi) {
  return (uint32_t)tri_mix64(lo ^ tri_mix64((uint64_t)hi + 0x9E3779B97F4A7C15ULL));
}

static inline uint64_t flat_val(const tr_shingle_index *ix, uint64_t p) {
  return ix->kind == TR_SHINGLE_CHAR ? ix->flat8[p] : (uint64_t)ix->flat32[p] + 1;
}

/* The packed key of the shingle at s. */
static inline u128 key_first(const tr_shingle_index *ix, uint64_t s, unsigned shift) {
  u128 k = 0;
  for (unsigned i = 0; i < ix->n; i++)
    k |= (u128)flat_val(ix, s + i) << (shift * i);
  return k;
}
#endif

#ifdef __SIZEOF_INT128__
/* key_first() of token ids in two 64-bit halves (1 <= shift <= 32): Horner from the last
 * token, token i at bits shift * i. */
static inline void key_words(const uint32_t *f, unsigned n, unsigned shift, uint64_t *plo,
                             uint64_t *phi) {
  uint64_t lo = 0, hi = 0;
  for (unsigned i = n; i-- > 0;) {
    hi = (hi << shift) | (lo >> (64 - shift));
    lo = (lo << shift) | ((uint64_t)f[i] + 1);
  }
  *plo = lo;
  *phi = hi;
}
#endif

static inline unsigned key_shift(const gram_job *j) {
  return j->ix->kind == TR_SHINGLE_CHAR ? 8 : j->bits;
}

/* Pass 1, parallel over the chunks: hash every position, count the bucket sizes. */
static void gram_hash_range(size_t b, size_t e, unsigned w, void *user) {
  gram_job *j = user;
  tr_shingle_index *ix = j->ix;
  const unsigned n = ix->n, sh = 32 - j->lg;
  (void)w;
  for (size_t c = b; c < e; c++) {
    uint32_t *hist = j->hist + c * j->nb;
    for (size_t a = j->chunk_art[c]; a < j->chunk_art[c + 1]; a++) {
      uint64_t s = ix->flat_off[a], end = ix->flat_off[a + 1];
      if (end - s < n)
        continue;
      uint64_t np = end - s - n + 1;
#ifdef __SIZEOF_INT128__
      if (j->bits) {
        const unsigned shift = key_shift(j);
        u128 k = key_first(ix, s, shift);
        for (uint64_t i = 0; i < np; i++) {
          uint32_t h = hash128((uint64_t)k, (uint32_t)(k >> 64));
          j->gram_at[s + i] = h;
          hist[h >> sh]++;
          if (i + 1 < np)
            k = (k >> shift) | ((u128)flat_val(ix, s + i + n) << (shift * (n - 1)));
        }
        continue;
      }
#endif
      for (uint64_t i = 0; i < np; i++) {
        uint32_t h = (uint32_t)key_hash(ix, s + i);
        j->gram_at[s + i] = h;
        hist[h >> sh]++;
      }
    }
  }
}

#define SCATTER_BLOCK 256

/* Pass 2 (each round), parallel over the chunks: the positions of the round's buckets,
 * with their keys, into the buffer. Positions of earlier rounds hold ids whose top bits
 * are their (earlier) bucket, so they are skipped like any other bucket's. */
static void gram_scatter_range(size_t b, size_t e, unsigned w, void *user) {
  gram_job *j = user;
  tr_shingle_index *ix = j->ix;
  const unsigned n = ix->n, sh = 32 - j->lg;
  const uint32_t rb = (uint32_t)j->rb, rn = (uint32_t)(j->re - j->rb);
  gent *const ent = j->ent;
  (void)w;
  for (size_t c = b; c < e; c++) {
    uint32_t *const next = j->next + c * j->nb;
    for (size_t a = j->chunk_art[c]; a < j->chunk_art[c + 1]; a++) {
      uint64_t s = ix->flat_off[a], end = ix->flat_off[a + 1];
      if (end - s < n)
        continue;
      uint64_t np = end - s - n + 1;
      const uint32_t *h = j->gram_at + s;
#ifdef __SIZEOF_INT128__
      if (j->bits) {
        /* In blocks: first the round's positions of the block (branch-free: a branch
         * here is mispredicted for many positions), then only their keys, each built
         * from its n entries (a round holds about a quarter of the positions, so
         * rolling the key over every position cost more). */
        const unsigned shift = key_shift(j);
        uint32_t sel[SCATTER_BLOCK];
        for (uint64_t i0 = 0; i0 < np; i0 += SCATTER_BLOCK) {
          uint32_t m = 0, nb = (uint32_t)MIN((uint64_t)SCATTER_BLOCK, np - i0);
          for (uint32_t i = 0; i < nb; i++) {
            sel[m] = i;
            m += (h[i0 + i] >> sh) - rb < rn;
          }
          if (ix->kind == TR_SHINGLE_CHAR) {
            for (uint32_t q = 0; q < m; q++) {
              uint64_t p = s + i0 + sel[q];
              uint32_t bk = h[i0 + sel[q]] >> sh;
              u128 k = key_first(ix, p, shift);
              ent[next[bk]++] = (gent){ (uint64_t)k, (uint32_t)(k >> 64), (uint32_t)p };
            }
            continue;
          }
          for (uint32_t q = 0; q < m; q++) {
            uint64_t p = s + i0 + sel[q];
            uint32_t bk = h[i0 + sel[q]] >> sh;
            const uint32_t *f = ix->flat32 + p;
            uint64_t lo, hi;
            key_words(f, n, shift, &lo, &hi);
            ent[next[bk]++] = (gent){ lo, (uint32_t)hi, (uint32_t)p };
          }
        }
        continue;
      }
#endif
      for (uint64_t i = 0; i < np; i++) {
        uint32_t bk = h[i] >> sh;
        if (bk - rb < rn) {
          ent[next[bk]++] = (gent){ 0, h[i], (uint32_t)(s + i) };
        }
      }
    }
  }
}

static inline size_t gslot_of(uint32_t h, unsigned tbits) {
  return (size_t)((uint32_t)(h * 0x9E3779B1u) >> (32 - tbits));
}

static inline uint32_t gent_hash(const gram_job *j, const gent *g) {
#ifdef __SIZEOF_INT128__
  if (j->bits)
    return hash128(g->lo, g->hi);
#endif
  (void)j;
  return g->hi;
}

/* Make the worker's table 2^tbits slots, all empty; re-insert the nd shingles found so
 * far in the bucket (first occurrences in E[0..nd)). */
static void gtab_resize(gram_job *j, gworker *wk, unsigned tbits, const gent *E, uint32_t nd) {
  g_free(wk->tab);
  wk->tab = g_new0(gslot, (size_t)1 << tbits);
  wk->tbits = tbits;
  wk->gen = 1;
  size_t mask = ((size_t)1 << tbits) - 1;
  for (uint32_t id = 0; id < nd; id++) {
    size_t slot = gslot_of(gent_hash(j, &E[id]), tbits);
    while (wk->tab[slot].gen == wk->gen)
      slot = (slot + 1) & mask;
    gslot *q = &wk->tab[slot];
    q->gen = wk->gen;
    q->id = id;
    q->lo = E[id].lo;
    q->hi = E[id].hi;
  }
}

/* Pass 3 (each round), parallel over the round's buckets: intern each bucket. */
static void gram_bucket_range(size_t b, size_t e, unsigned w, void *user) {
  gram_job *j = user;
  tr_shingle_index *ix = j->ix;
  gworker *wk = &j->wk[w];
  const unsigned sh = 32 - j->lg;
  const uint32_t idmax = (uint32_t)(((uint64_t)1 << sh) - 1);
  for (size_t bk = j->rb + b; bk < j->rb + e; bk++) {
    gent *E = j->ent + j->bucket_off[bk];
    size_t m = (size_t)(j->bucket_off[bk + 1] - j->bucket_off[bk]);
    const uint32_t idbase = (uint32_t)bk << sh;
    uint32_t nd = 0;
    unsigned tbits = 6;
    while (tbits < 15 && ((size_t)1 << tbits) < m)
      tbits++;
    if (!wk->tab || wk->tbits < tbits || wk->gen == G_MAXUINT32)
      gtab_resize(j, wk, MAX(tbits, wk->tbits), E, 0);
    else
      wk->gen++;
    /* the first 2^tbits slots of the worker's table (their older generations read as empty) */
    size_t mask = ((size_t)1 << tbits) - 1;
    for (size_t i = 0; i < m; i++) {
      gent g = E[i];
      uint32_t id;
      if (i + 16 < m)
        __builtin_prefetch(j->gram_at + E[i + 16].pos, 1);
      size_t slot = gslot_of(gent_hash(j, &g), tbits);
      for (;;) {
        gslot *q = &wk->tab[slot];
        if (q->gen != wk->gen)
          break;
        if (q->lo == g.lo && q->hi == g.hi && (j->bits || key_eq(ix, E[q->id].pos, g.pos))) {
          id = q->id;
          goto found;
        }
        slot = (slot + 1) & mask;
      }
      /* a new shingle: the slot is taken, the entry kept in front of E */
      if (nd > idmax) {
        g_atomic_int_set(&j->overflow, 1);
        return;
      }
      id = nd;
      wk->tab[slot] = (gslot){ g.lo, g.hi, id, wk->gen };
      E[nd++] = g;
      if ((size_t)nd * 10 > (mask + 1) * 7) {
        gtab_resize(j, wk, MAX(tbits + 1, wk->tbits), E, nd);
        tbits = wk->tbits;
        mask = ((size_t)1 << tbits) - 1;
      }
    found:
      j->gram_at[g.pos] = idbase | id;
    }
    j->nd[bk] = nd;
    int d = g_atomic_int_add(&j->done, 1) + 1;
    if ((d & 63) == 0 || (size_t)d == j->nb)
      tri_corpus_progress(ix->corpus, "shingling", (size_t)d, j->nb);
  }
}

int tri_index_intern(tr_shingle_index *ix, tri_interned *out, tri_run *run) {
  unsigned T = ix->threads;
  uint64_t total = ix->flat_off[ix->nart], ngrams = 0;
  gram_job gj = { 0 };
  uint32_t *base = NULL, *first = NULL;
  size_t advanced = 0; /* progress units of the rounds reported */
  int rc = TR_OK;
  tr_phase_clock clk;

  tri_phase_begin(&clk);
  if (total >= G_MAXUINT32)
    return tri_fail(TR_ERR_LIMIT, "more than 2^32 - 1 tokens in one index");
  for (size_t a = 0; a < ix->nart; a++) {
    uint64_t len = ix->flat_off[a + 1] - ix->flat_off[a];
    ngrams += len >= ix->n ? len - ix->n + 1 : 0;
  }
  gj.ix = ix;
#ifdef __SIZEOF_INT128__
  {
    unsigned bits = 1;
    while (bits < 32 && ((uint64_t)1 << bits) <= ix->ntok + 1)
      bits++;
    if (ix->kind == TR_SHINGLE_CHAR ? ix->n <= 12 : ix->n * bits <= 96)
      gj.bits = bits;
  }
#endif
  /* about 4096 positions per bucket (a table of a few thousand slots), 64 .. 65536 buckets */
  gj.lg = 6;
  while (gj.lg < 16 && ((uint64_t)4096 << gj.lg) < ngrams)
    gj.lg++;
  gj.nb = (size_t)1 << gj.lg;
  /* chunks of about equal numbers of positions */
  {
    size_t c = 0;
    uint64_t acc = 0;
    gj.chunk_art[0] = 0;
    for (size_t a = 0; a < ix->nart && c + 1 < GRAM_CHUNKS; a++) {
      acc += ix->flat_off[a + 1] - ix->flat_off[a];
      while (c + 1 < GRAM_CHUNKS && acc * GRAM_CHUNKS >= (uint64_t)(c + 1) * (total ? total : 1))
        gj.chunk_art[++c] = a + 1;
    }
    while (c < GRAM_CHUNKS)
      gj.chunk_art[++c] = ix->nart;
  }
  /* input-sized arrays: g_try (TR_ERR_NOMEM); the workers' bucket tables are small */
  gj.gram_at = tri_big_try_new(uint32_t, total ? total : 1);
  gj.hist = g_try_new0(uint32_t, GRAM_CHUNKS * gj.nb);
  gj.next = g_try_new0(uint32_t, GRAM_CHUNKS * gj.nb);
  gj.bucket_off = g_try_new(uint64_t, gj.nb + 1);
  gj.nd = g_try_new0(uint32_t, gj.nb);
  gj.wk = g_try_new0(gworker, T);
  base = g_try_new(uint32_t, gj.nb);
  if (!gj.gram_at || !gj.hist || !gj.next || !gj.bucket_off || !gj.nd || !gj.wk || !base)
    goto nomem;
  tri_parallel_for_run(GRAM_CHUNKS, 1, run, gram_hash_range, &gj);
  /* rounds of consecutive buckets, about a quarter of the positions each */
  {
    uint64_t budget = MAX(ngrams / 4 + 1, (uint64_t)1 << 16), entcap = 0, nfirst = 0, seen = 0;
    size_t rb = 0;
    while (rb < gj.nb && !g_atomic_int_get(&gj.overflow) && !tri_run_stopped(run)) {
      uint64_t sum = 0;
      size_t re = rb;
      while (re < gj.nb) {
        uint64_t cnt = 0;
        for (size_t c = 0; c < GRAM_CHUNKS; c++)
          cnt += gj.hist[c * gj.nb + re];
        if (re > rb && sum + cnt > budget)
          break;
        gj.bucket_off[re] = sum;
        for (size_t c = 0; c < GRAM_CHUNKS; c++) {
          gj.next[c * gj.nb + re] = (uint32_t)sum;
          sum += gj.hist[c * gj.nb + re];
        }
        re++;
      }
      gj.bucket_off[re] = sum;
      if (sum + 1 > entcap) {
        g_free(gj.ent);
        entcap = sum + 1;
        gj.ent = tri_big_try_new(gent, entcap);
        if (!gj.ent)
          goto nomem;
      }
      gj.rb = rb;
      gj.re = re;
      tri_parallel_for(GRAM_CHUNKS, 1, T, gram_scatter_range, &gj);
      tri_parallel_for(re - rb, 4, T, gram_bucket_range, &gj);
      if (g_atomic_int_get(&gj.overflow))
        break;
      /* ids: bucket after bucket; first[id] = the first occurrence */
      uint64_t add = 0;
      for (size_t bk = rb; bk < re; bk++)
        add += gj.nd[bk];
      if (nfirst + add >= G_MAXUINT32) {
        g_atomic_int_set(&gj.overflow, 1);
        break;
      }
      uint32_t *nf = tri_big_try_renew(uint32_t, first, nfirst + add ? nfirst + add : 1);
      if (!nf)
        goto nomem;
      first = nf;
      for (size_t bk = rb; bk < re; bk++) {
        const gent *E = gj.ent + gj.bucket_off[bk];
        base[bk] = (uint32_t)nfirst;
        for (uint32_t i = 0; i < gj.nd[bk]; i++)
          first[nfirst++] = E[i].pos;
      }
      rb = re;
      /* progress: the rounds count GRAM_CHUNKS units, by positions interned */
      seen += sum;
      size_t to = ngrams ? (size_t)(seen * GRAM_CHUNKS / ngrams) : GRAM_CHUNKS;
      to = rb == gj.nb ? GRAM_CHUNKS : MIN(to, (size_t)GRAM_CHUNKS);
      if (to > advanced) {
        tri_run_advance(run, to - advanced);
        advanced = to;
      }
    }
    out->nprov = (size_t)nfirst;
  }
  if (g_atomic_int_get(&gj.overflow)) {
    rc = tri_fail(TR_ERR_LIMIT, "more than 2^32 distinct shingles");
    goto fail;
  }
  if (!first && !(first = g_try_new(uint32_t, 1)))
    goto nomem;
  out->gram_at = gj.gram_at;
  out->base = base;
  out->first = first;
  out->lg = gj.lg;
  gj.gram_at = NULL;
  goto done;
nomem:
  rc = tri_fail(TR_ERR_NOMEM, "out of memory interning the shingles of %zu articles", ix->nart);
fail:
  g_free(base);
  g_free(first);
done:
  if (gj.wk)
    for (unsigned w = 0; w < T; w++)
      g_free(gj.wk[w].tab);
  g_free(gj.wk);
  g_free(gj.ent);
  g_free(gj.hist);
  g_free(gj.next);
  g_free(gj.nd);
  g_free(gj.bucket_off);
  g_free(gj.gram_at);
  tri_phase_end(ix->corpus, TR_PHASE_INTERN, &clk);
  return rc;
}
