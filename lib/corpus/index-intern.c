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
 * counted in one of nb buckets by the top bits of its hash; then the positions are
 * scattered by bucket (a counting sort: ascending inside a bucket) into a buffer of 4
 * bytes a position, and each bucket is interned on its own with a small table that stays
 * in the core's cache, its entries' keys read from the flat array (prefetched). The work
 * is split (a chunk of articles or a bucket belongs to one worker), and no table of the
 * whole corpus is ever allocated. Keys are compared
 * in full (the shingle's raw bytes when they fit in 24, else its hash and then the first
 * occurrence), so ids are exact. A position's id is written as
 * (bucket << (32 - lg)) | (id inside the bucket): the top bits stay its bucket, as they
 * were while it held its hash. The first occurrence of a shingle is the first position
 * its bucket meets (positions ascend), whatever the thread count. */

/* Article chunks of the hashing and scattering passes: a fixed number, not one per
 * thread, so the positions inside a bucket come in the same order for every thread count. */
#define GRAM_CHUNKS TRI_GRAM_CHUNKS
/* Buckets per range of the offsets pass, and per chunk of the bucket pass. */
#define GRAM_PREFIX_CHUNK 256
#define GRAM_BUCKET_CHUNK 4

/* Raw keys: a shingle of at most 24 bytes in the flat array (n token ids of 4 bytes,
 * n <= 6; or n <= 24 bytes) is its own key, three words read from the flat array (which
 * has TRI_FLAT_SLACK bytes after its end) and masked to its bytes. */
#define RAW_BYTES 24

typedef struct {
  uint64_t k[3]; /* raw key; general keys: k[0] the 32 hash bits, k[1] = k[2] = 0 */
  uint32_t id;   /* id inside the bucket */
  uint32_t gen;  /* the bucket that wrote the slot (any other value: empty) */
} gslot;

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
  /* [chunk][bucket]: counts, then each chunk's offsets inside the bucket (the counts
   * of the earlier chunks), then the chunk's scatter offsets in the buffer */
  uint32_t *hist;
  size_t chunk_art[GRAM_CHUNKS + 1];
  uint32_t *ent;       /* the buffer: flat positions by bucket */
  uint64_t *bucket_off; /* nb + 1: each bucket's entries in the buffer */
  uint32_t *nd;         /* distinct shingles per bucket */
  gworker *wk;          /* per worker */
  size_t nb;
  unsigned lg;   /* nb = 2^lg */
  gboolean raw;  /* raw keys */
  uint64_t mask[3]; /* raw keys: the bytes of a shingle in each of the three words */
  const unsigned char *flat; /* flat8 or flat32 */
  size_t esz;                /* bytes per flat entry */
  gint overflow; /* atomic */
  gint done;     /* atomic: buckets done */
  tri_run *run;
  /* progress of the bucket pass (GRAM_CHUNKS units): each bucket weighs its positions
   * + 1, wdone of wtotal are done, advanced units reported (all atomic) */
  uint64_t wdone, wtotal;
  gsize advanced;
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

/* The raw key of the shingle at flat position p. */
static inline void raw_key(const gram_job *j, uint64_t p, uint64_t k[3]) {
  const unsigned char *s = j->flat + p * j->esz;
  memcpy(&k[0], s, 8);
  memcpy(&k[1], s + 8, 8);
  memcpy(&k[2], s + 16, 8);
  k[0] &= j->mask[0];
  k[1] &= j->mask[1];
  k[2] &= j->mask[2];
}

static inline uint32_t raw_hash(const uint64_t k[3]) {
  uint64_t x = k[0] * 0x9E3779B97F4A7C15ULL;
  x ^= (k[1] + 0x632BE59BD9B4E019ULL) * 0xC2B2AE3D27D4EB4FULL;
  x ^= (k[2] + 0x85EBCA77C2B2AE63ULL) * 0x165667B19E3779F9ULL;
  return (uint32_t)(tri_mix64(x) >> 32);
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
      if (j->raw) {
        for (uint64_t i = 0; i < np; i++) {
          uint64_t k[3];
          raw_key(j, s + i, k);
          uint32_t h = raw_hash(k);
          j->gram_at[s + i] = h;
          hist[h >> sh]++;
        }
        continue;
      }
      for (uint64_t i = 0; i < np; i++) {
        uint32_t h = (uint32_t)key_hash(ix, s + i);
        j->gram_at[s + i] = h;
        hist[h >> sh]++;
      }
    }
  }
}

/* Between the passes, parallel over ranges of buckets (reading the chunks' rows of the
 * range contiguously): each chunk's offset inside each bucket, in place of its count;
 * each bucket's size in bucket_off (made offsets by the caller). */
static void gram_prefix_range(size_t b, size_t e, unsigned w, void *user) {
  gram_job *j = user;
  (void)w;
  for (size_t b0 = b; b0 < e; b0 += GRAM_PREFIX_CHUNK) {
    const size_t e0 = MIN(e, b0 + GRAM_PREFIX_CHUNK);
    uint32_t run[GRAM_PREFIX_CHUNK] = { 0 };
    for (size_t c = 0; c < GRAM_CHUNKS; c++) {
      uint32_t *h = j->hist + c * j->nb;
      for (size_t bk = b0; bk < e0; bk++) {
        uint32_t v = h[bk];
        h[bk] = run[bk - b0];
        run[bk - b0] += v;
      }
    }
    for (size_t bk = b0; bk < e0; bk++)
      j->bucket_off[bk] = run[bk - b0];
  }
}

/* Pass 2, parallel over the chunks: every position into its bucket's part of the buffer
 * (a counting sort: ascending inside a bucket). */
static void gram_scatter_range(size_t b, size_t e, unsigned w, void *user) {
  gram_job *j = user;
  tr_shingle_index *ix = j->ix;
  const unsigned n = ix->n, sh = 32 - j->lg;
  uint32_t *const ent = j->ent;
  (void)w;
  for (size_t c = b; c < e; c++) {
    uint32_t *const next = j->hist + c * j->nb;
    for (size_t bk = 0; bk < j->nb; bk++) /* offsets inside the bucket -> in the buffer */
      next[bk] += (uint32_t)j->bucket_off[bk];
    for (size_t a = j->chunk_art[c]; a < j->chunk_art[c + 1]; a++) {
      uint64_t s = ix->flat_off[a], end = ix->flat_off[a + 1];
      if (end - s < n)
        continue;
      uint64_t np = end - s - n + 1;
      const uint32_t *h = j->gram_at + s;
      for (uint64_t i = 0; i < np; i++)
        ent[next[h[i] >> sh]++] = (uint32_t)(s + i);
    }
  }
}

static inline size_t gslot_of(uint32_t h, unsigned tbits) {
  return (size_t)((uint32_t)(h * 0x9E3779B1u) >> (32 - tbits));
}

/* Make the worker's table 2^tbits slots, keeping the slots of the current bucket
 * (generation) in it. */
static void gtab_resize(gworker *wk, unsigned tbits, gboolean raw) {
  gslot *old = wk->tab;
  size_t oldn = old ? (size_t)1 << wk->tbits : 0, mask = ((size_t)1 << tbits) - 1;
  uint32_t gen = old ? wk->gen : 1;
  wk->tab = g_new0(gslot, mask + 1);
  for (size_t i = 0; i < oldn; i++) {
    if (old[i].gen != gen)
      continue;
    size_t slot = gslot_of(raw ? raw_hash(old[i].k) : (uint32_t)old[i].k[0], tbits);
    while (wk->tab[slot].gen == gen)
      slot = (slot + 1) & mask;
    wk->tab[slot] = old[i];
  }
  g_free(old);
  wk->tbits = tbits;
  wk->gen = gen;
}

/* Pass 3, parallel over the buckets: intern each bucket. An entry is a flat position;
 * its hash is read from gram_at (then overwritten by its id) and its key built from the
 * flat array, both prefetched a few entries ahead. FALSE on an id overflow. */
static G_GNUC_NO_INLINE gboolean gram_buckets(gram_job *j, size_t b, size_t e, unsigned w) {
  tr_shingle_index *ix = j->ix;
  gworker *wk = &j->wk[w];
  const unsigned sh = 32 - j->lg;
  const uint32_t idmax = (uint32_t)(((uint64_t)1 << sh) - 1);
  const gboolean raw = j->raw;
  const unsigned char *flat = j->flat;
  const size_t esz = j->esz, kbytes = (ix->n - 1) * esz;
  for (size_t bk = b; bk < e; bk++) {
    uint32_t *E = j->ent + j->bucket_off[bk];
    size_t m = (size_t)(j->bucket_off[bk + 1] - j->bucket_off[bk]);
    const uint32_t idbase = (uint32_t)bk << sh;
    uint32_t nd = 0;
    unsigned tbits = 6;
    while (tbits < 15 && ((size_t)1 << tbits) < m)
      tbits++;
    if (!wk->tab || wk->gen == G_MAXUINT32) {
      g_free(wk->tab);
      wk->tab = NULL;
      gtab_resize(wk, MAX(tbits, wk->tbits), raw);
    } else {
      wk->gen++;
      if (wk->tbits < tbits)
        gtab_resize(wk, tbits, raw);
    }
    /* the first 2^tbits slots of the worker's table (their older generations read as empty) */
    size_t mask = ((size_t)1 << tbits) - 1;
    const uint32_t gen = wk->gen;
    for (size_t i = 0; i < m; i++) {
      const uint32_t pos = E[i];
      uint32_t id;
      if (i + 16 < m) {
        const size_t ahead = E[i + 16];
        __builtin_prefetch(j->gram_at + ahead, 1);
        __builtin_prefetch(flat + ahead * esz);
        __builtin_prefetch(flat + ahead * esz + kbytes);
      }
      const uint32_t h = j->gram_at[pos];
      uint64_t k[3] = { h, 0, 0 };
      if (raw)
        raw_key(j, pos, k);
      size_t slot = gslot_of(h, tbits);
      for (;;) {
        gslot *q = &wk->tab[slot];
        if (q->gen != gen)
          break;
        if (q->k[0] == k[0] && q->k[1] == k[1] && q->k[2] == k[2] &&
            (raw || key_eq(ix, E[q->id], pos))) {
          id = q->id;
          goto found;
        }
        slot = (slot + 1) & mask;
      }
      /* a new shingle: the slot is taken, the position kept in front of E */
      if (nd > idmax) {
        g_atomic_int_set(&j->overflow, 1);
        return FALSE;
      }
      id = nd;
      wk->tab[slot] = (gslot){ { k[0], k[1], k[2] }, id, gen };
      E[nd++] = pos;
      if ((size_t)nd * 10 > (mask + 1) * 7) {
        gtab_resize(wk, MAX(tbits + 1, wk->tbits), raw);
        tbits = wk->tbits;
        mask = ((size_t)1 << tbits) - 1;
      }
    found:
      j->gram_at[pos] = idbase | id;
    }
    j->nd[bk] = nd;
    int d = g_atomic_int_add(&j->done, 1) + 1;
    if ((d & 63) == 0 || (size_t)d == j->nb)
      tri_corpus_progress(ix->corpus, "shingling", (size_t)d, j->nb);
  }
  return TRUE;
}

/* The bucket pass in blocks of GRAM_BUCKET_CHUNK buckets (also on one thread, which
 * gets the whole range): before each block, the run's cancellation and an overflow stop
 * the worker; after it, the run's progress (GRAM_CHUNKS units for the pass, by weight:
 * a bucket weighs its positions + 1; the units reached are claimed once, by compare and
 * swap, so they add up to GRAM_CHUNKS). */
static void gram_bucket_range(size_t b, size_t e, unsigned w, void *user) {
  gram_job *j = user;
  for (size_t b0 = b; b0 < e; b0 += GRAM_BUCKET_CHUNK) {
    const size_t e0 = MIN(e, b0 + GRAM_BUCKET_CHUNK);
    if (g_atomic_int_get(&j->overflow) || tri_run_stopped(j->run) || !gram_buckets(j, b0, e0, w))
      return;
    uint64_t wt = e0 - b0 + j->bucket_off[e0] - j->bucket_off[b0];
    uint64_t wd = __atomic_add_fetch(&j->wdone, wt, __ATOMIC_RELAXED);
    gsize to = (gsize)MIN(wd * GRAM_CHUNKS / j->wtotal, (uint64_t)GRAM_CHUNKS);
    gsize from = __atomic_load_n(&j->advanced, __ATOMIC_RELAXED);
    while (from < to && !__atomic_compare_exchange_n(&j->advanced, &from, to, FALSE,
                                                      __ATOMIC_RELAXED, __ATOMIC_RELAXED))
      ;
    if (from < to)
      tri_run_advance(j->run, to - from);
  }
}

int tri_index_intern(tr_shingle_index *ix, tri_interned *out, tri_run *run) {
  unsigned T = ix->threads;
  uint64_t total = ix->flat_off[ix->nart], ngrams = 0;
  gram_job gj = { 0 };
  uint32_t *base = NULL, *first = NULL;
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
  gj.esz = ix->kind == TR_SHINGLE_CHAR ? 1 : sizeof(uint32_t);
  gj.flat = ix->kind == TR_SHINGLE_CHAR ? ix->flat8 : (const unsigned char *)ix->flat32;
  if (ix->n * gj.esz <= RAW_BYTES) {
    size_t nbytes = ix->n * gj.esz;
    gj.raw = TRUE;
    for (unsigned w = 0; w < 3; w++) {
      size_t v = nbytes > 8 * w ? MIN(nbytes - 8 * w, (size_t)8) : 0;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
      gj.mask[w] = v == 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * v)) - 1;
#else
      gj.mask[w] = v == 0 ? 0 : ~(uint64_t)0 << (8 * (8 - v));
#endif
    }
  }
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
  gj.bucket_off = g_try_new(uint64_t, gj.nb + 1);
  gj.nd = g_try_new0(uint32_t, gj.nb);
  gj.wk = g_try_new0(gworker, T);
  base = g_try_new(uint32_t, gj.nb);
  if (!gj.gram_at || !gj.hist || !gj.bucket_off || !gj.nd || !gj.wk || !base)
    goto nomem;
  tri_parallel_for_run(GRAM_CHUNKS, 1, run, gram_hash_range, &gj);
  /* Cancelled while hashing: positions of the chunks not run hold no hash (nor a bucket
   * to scatter them to), so nothing more is done. */
  /* The positions by bucket (4 bytes a position: no more than the rounds of 16-byte
   * entries of a quarter of the positions each that this replaced), then the buckets
   * interned, with progress and cancellation between blocks of buckets. */
  if (!tri_run_stopped(run)) {
    uint64_t sum = 0, nfirst = 0;
    tri_parallel_for(gj.nb, GRAM_PREFIX_CHUNK, T, gram_prefix_range, &gj);
    for (size_t bk = 0; bk < gj.nb; bk++) {
      uint64_t m = gj.bucket_off[bk];
      gj.bucket_off[bk] = sum;
      sum += m;
    }
    gj.bucket_off[gj.nb] = sum;
    gj.ent = tri_big_try_new(uint32_t, sum + 1);
    if (!gj.ent)
      goto nomem;
    tri_parallel_for(GRAM_CHUNKS, 1, T, gram_scatter_range, &gj);
    /* The buckets, in one region: the workers skip what is left once the run is
     * cancelled or an id overflows, and report progress (GRAM_CHUNKS units). */
    gj.run = run;
    gj.wtotal = sum + gj.nb;
    tri_parallel_for(gj.nb, GRAM_BUCKET_CHUNK, T, gram_bucket_range, &gj);
    /* ids: bucket after bucket; first[id] = the first occurrence: the buckets' new
     * shingles, in front of each bucket's part of the buffer, moved together in place
     * (already faulted in, unlike a new array), the buffer then shrunk */
    if (!g_atomic_int_get(&gj.overflow) && !tri_run_stopped(run)) {
      for (size_t bk = 0; bk < gj.nb; bk++)
        nfirst += gj.nd[bk];
      if (nfirst >= G_MAXUINT32) {
        g_atomic_int_set(&gj.overflow, 1);
      } else {
        for (size_t bk = 0, f = 0; bk < gj.nb; bk++) {
          base[bk] = (uint32_t)f;
          memmove(gj.ent + f, gj.ent + gj.bucket_off[bk], gj.nd[bk] * sizeof(uint32_t));
          f += gj.nd[bk];
        }
        first = g_try_realloc(gj.ent, (nfirst ? nfirst : 1) * sizeof(uint32_t));
        if (!first) /* keep the larger block */
          first = gj.ent;
        gj.ent = NULL;
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
  g_free(gj.nd);
  g_free(gj.bucket_off);
  g_free(gj.gram_at);
  tri_phase_end(ix->corpus, TR_PHASE_INTERN, &clk);
  return rc;
}
