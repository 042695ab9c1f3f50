/*
 * libtraderules - shingle index of a corpus: interned shingles, exact Jaccard,
 * all-pairs matrices, threshold joins (prefix + size filtering) and tracing.
 * SPDX-License-Identifier: MIT
 *
 * Build pipeline (every phase parallel over the corpus's threads, every result
 * independent of the thread count):
 *  1. tokenise each article; tokens are interned in per-worker dictionaries, then
 *     merged into one dictionary and stored as one flat array of token ids
 *     (for character q-grams the flat array holds the normalised bytes);
 *  2. shingles (n consecutive flat entries inside one article) are interned exactly:
 *     with T > 1 workers, an article-parallel pass hashes every position once and
 *     records which worker owns it (top bits of the hash); then worker w interns only
 *     the shingles it owns, starting at its own article (1/T of the way into the corpus)
 *     and keeping the smallest position as the first occurrence. Keys are compared in
 *     full (packed, or against the first occurrence), so there is no collision; each
 *     distinct shingle gets a provisional id;
 *  3. article sets are sorted and deduplicated; each shingle's final id is its rank by
 *     (number of articles containing it, first occurrence), so sets sorted by id list
 *     rare shingles first (the order prefix filtering needs) and ids are deterministic.
 */
#include "corpus/tr-corpus-internal.h"
#include "core/tr-hash-sort.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct tr_shingle_index {
  const tr_corpus *corpus;
  tr_shingle_kind kind;
  unsigned n;
  unsigned threads;
  size_t nart, nagr, nchap;
  /* flat token ids (word kinds) or bytes (char kind) */
  uint32_t *flat32;
  unsigned char *flat8;
  uint64_t *flat_off; /* nart + 1 */
  /* token dictionary (word kinds) */
  char *tok_buf;
  uint64_t *tok_off; /* ntok + 1 */
  size_t ntok;
  /* shingles: first occurrence (flat position) by final id */
  uint32_t *first;
  size_t nvocab;
  /* article sets and agreement sets (CSR, ids ascending) */
  uint64_t *art_off;
  uint32_t *art_ids;
  uint64_t *agr_off; /* built on first use (agr_once) */
  uint32_t *agr_ids;
  gsize agr_once;
  /* Article sets are sorted on first use (art_once): the agreement matrix does not need
   * them sorted. art_lock keeps the agreement-set build (which reads them) and the sort
   * (which permutes them) apart; art_sorted is read and written under it. */
  gsize art_once;
  pthread_mutex_t art_lock; /* not a GMutex: ThreadSanitizer cannot see GLib's futex */
  gboolean art_sorted;
  size_t art_maxlen;
};

/* ------------------------------------------------------------------ */
/* helpers                                                            */
/* ------------------------------------------------------------------ */

/* mix64, hashing, u32 sort/unique/intersection: lib/core/tr-hash-sort.h */

/* ------------------------------------------------------------------ */
/* phase 1: tokens                                                    */
/* ------------------------------------------------------------------ */

/* A string -> id dictionary (open addressing). A slot holds the first 16 bytes of its
 * string (zero-padded), its length and hash: a lookup of a token of at most 16 bytes (most
 * words) reads one slot and nothing else; longer ones are compared against the buffer. */
typedef struct {
  uint64_t k0, k1; /* the first 16 bytes, zero-padded */
  uint32_t h;      /* hash */
  uint32_t len;
  uint32_t id;     /* id + 1; 0: empty */
  uint32_t pad;
} strslot;

typedef struct {
  GString *buf;
  GArray *off;  /* uint64: start of string i; off[n] = end */
  strslot *slots;
  size_t mask, n;
} strdict;

static void strdict_init(strdict *d) {
  uint64_t z = 0;
  d->buf = g_string_sized_new(1 << 16);
  d->off = g_array_new(FALSE, FALSE, sizeof(uint64_t));
  g_array_append_val(d->off, z);
  d->mask = 4095;
  d->slots = g_new0(strslot, d->mask + 1);
  d->n = 0;
}

static void strdict_clear(strdict *d) {
  if (d->buf)
    g_string_free(d->buf, TRUE);
  if (d->off)
    g_array_free(d->off, TRUE);
  g_free(d->slots);
  memset(d, 0, sizeof *d);
}

static void strdict_grow(strdict *d) {
  size_t nm = d->mask * 2 + 1;
  strslot *ns = g_new0(strslot, nm + 1);
  for (size_t i = 0; i <= d->mask; i++) {
    if (!d->slots[i].id)
      continue;
    size_t k = d->slots[i].h & nm;
    while (ns[k].id)
      k = (k + 1) & nm;
    ns[k] = d->slots[i];
  }
  g_free(d->slots);
  d->slots = ns;
  d->mask = nm;
}

/* The slot key of a string: its first 16 bytes (zero-padded) and its hash. With
 * @overread the 16 bytes after @s may be read (the tokenizer's buffer has that slack). */
typedef struct {
  uint64_t k0, k1;
  uint32_t h;
} strkey;

static inline strkey strkey_of(const char *s, size_t len, gboolean overread) {
  strkey k = { 0, 0, 0 };
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (overread) {
    memcpy(&k.k0, s, 8);
    memcpy(&k.k1, s + 8, 8);
    if (len < 8) {
      k.k0 &= ((uint64_t)1 << (8 * len)) - 1;
      k.k1 = 0;
    } else if (len < 16) {
      k.k1 &= ((uint64_t)1 << (8 * (len - 8))) - 1;
    }
  } else
#endif
  {
    memcpy(&k.k0, s, MIN(len, (size_t)8));
    if (len > 8)
      memcpy(&k.k1, s + 8, MIN(len - 8, (size_t)8));
  }
  k.h = len <= 16 ? (uint32_t)(tri_mix64(k.k0 ^ tri_mix64(k.k1 ^ len)) >> 32)
                  : (uint32_t)tri_hash_bytes((const unsigned char *)s, len);
  return k;
}

static uint32_t strdict_intern_key(strdict *d, const char *s, size_t len, strkey key) {
  size_t k = key.h & d->mask;
  for (;;) {
    const strslot *q = &d->slots[k];
    if (!q->id)
      break;
    if (q->h == key.h && q->len == len && q->k0 == key.k0 && q->k1 == key.k1) {
      uint32_t id = q->id - 1;
      const uint64_t *off = (const uint64_t *)d->off->data;
      if (len <= 16 || memcmp(d->buf->str + off[id] + 16, s + 16, len - 16) == 0)
        return id;
    }
    k = (k + 1) & d->mask;
  }
  uint32_t id = (uint32_t)d->n++;
  g_string_append_len(d->buf, s, (gssize)len);
  uint64_t end = d->buf->len;
  g_array_append_val(d->off, end);
  d->slots[k] = (strslot){ key.k0, key.k1, key.h, (uint32_t)len, id + 1, 0 };
  if (d->n * 10 > d->mask * 6)
    strdict_grow(d);
  return id;
}

static uint32_t strdict_intern(strdict *d, const char *s, size_t len) {
  return strdict_intern_key(d, s, len, strkey_of(s, len, FALSE));
}

/* Each worker appends the tokens of its articles (local ids, or normalised bytes) to
 * its own buffer; then the flat array is filled in article order (ids remapped to the
 * merged dictionary) and the buffers are freed. */
typedef struct {
  void *buf;
  size_t len, cap; /* entries */
} tokbuf;

typedef struct {
  tr_shingle_index *ix;
  uint64_t *art_pos;   /* where each article's tokens are in its worker's buffer */
  uint64_t *art_len;   /* entries */
  unsigned char *art_worker;
  tokbuf *bufs;        /* per worker */
  strkey **keys;       /* per worker: the keys of an article's tokens */
  size_t *keycap;
  strdict *dicts;      /* per worker */
  tr_toks *toks;       /* per worker */
  uint32_t **remap;    /* per worker: local id -> global */
  size_t esz;          /* bytes per entry */
  gint done;
} tok_job;

static void *tokbuf_reserve(tokbuf *b, size_t n, size_t esz) {
  if (b->len + n > b->cap) {
    b->cap = MAX(b->len + n, b->cap ? b->cap * 2 : (size_t)1 << 16);
    b->buf = g_realloc(b->buf, b->cap * esz);
  }
  return (char *)b->buf + b->len * esz;
}

static void tok_range(size_t b, size_t e, unsigned w, void *user) {
  tok_job *j = user;
  tr_shingle_index *ix = j->ix;
  tr_toks *t = &j->toks[w];
  tokbuf *tb = &j->bufs[w];
  for (size_t i = b; i < e; i++) {
    const char *text = tr_corpus_article_get(ix->corpus, i, TR_CORPUS_FIELD_TEXT);
    tri_tokenize(text, tri_corpus_article_len(ix->corpus, i), ix->kind, t);
    j->art_worker[i] = (unsigned char)w;
    j->art_pos[i] = tb->len;
    if (ix->kind == TR_SHINGLE_CHAR) {
      memcpy(tokbuf_reserve(tb, t->len, 1), t->buf, t->len);
      j->art_len[i] = t->len;
    } else {
      uint32_t *ids = tokbuf_reserve(tb, t->n, sizeof(uint32_t));
      strdict *d = &j->dicts[w];
      if (t->n > j->keycap[w]) {
        j->keycap[w] = MAX(t->n, 2 * j->keycap[w]);
        j->keys[w] = g_renew(strkey, j->keys[w], j->keycap[w]);
      }
      strkey *keys = j->keys[w];
      /* keys first, then the lookups with the slot of a later token prefetched */
      for (size_t k = 0; k < t->n; k++)
        keys[k] = strkey_of(t->buf + t->off[k], t->off[k + 1] - t->off[k], TRUE);
      for (size_t k = 0; k < t->n; k++) {
        if (k + 8 < t->n)
          __builtin_prefetch(&d->slots[keys[k + 8].h & d->mask]);
        ids[k] = strdict_intern_key(d, t->buf + t->off[k], t->off[k + 1] - t->off[k], keys[k]);
      }
      j->art_len[i] = t->n;
    }
    tb->len += j->art_len[i];
    int d = g_atomic_int_add(&j->done, 1) + 1;
    if ((d & 1023) == 0 || (size_t)d == ix->nart)
      tri_corpus_progress(ix->corpus, "tokenizing", (size_t)d, ix->nart);
  }
}

static void flat_range(size_t b, size_t e, unsigned w, void *user) {
  tok_job *j = user;
  tr_shingle_index *ix = j->ix;
  (void)w;
  for (size_t i = b; i < e; i++) {
    uint64_t o = ix->flat_off[i];
    const tokbuf *tb = &j->bufs[j->art_worker[i]];
    if (ix->kind == TR_SHINGLE_CHAR) {
      memcpy(ix->flat8 + o, (const char *)tb->buf + j->art_pos[i], j->art_len[i]);
    } else {
      const uint32_t *ids = (const uint32_t *)tb->buf + j->art_pos[i];
      const uint32_t *map = j->remap[j->art_worker[i]];
      for (uint64_t k = 0; k < j->art_len[i]; k++)
        ix->flat32[o + k] = map[ids[k]];
    }
  }
}

static int build_tokens(tr_shingle_index *ix) {
  unsigned T = ix->threads;
  tok_job j = { 0 };
  strdict global;
  uint64_t total = 0;
  tr_phase_clock clk;
  tri_phase_begin(&clk);
  j.ix = ix;
  j.esz = ix->kind == TR_SHINGLE_CHAR ? 1 : sizeof(uint32_t);
  j.art_pos = g_new0(uint64_t, ix->nart);
  j.art_len = g_new0(uint64_t, ix->nart);
  j.art_worker = g_new0(unsigned char, ix->nart);
  j.bufs = g_new0(tokbuf, T);
  j.keys = g_new0(strkey *, T);
  j.keycap = g_new0(size_t, T);
  j.dicts = g_new0(strdict, T);
  j.toks = g_new0(tr_toks, T);
  j.remap = g_new0(uint32_t *, T);
  for (unsigned w = 0; w < T; w++) {
    if (ix->kind != TR_SHINGLE_CHAR)
      strdict_init(&j.dicts[w]);
    tri_toks_init(&j.toks[w]);
  }
  tri_parallel_for(ix->nart, 64, T, tok_range, &j);

  ix->flat_off = g_new(uint64_t, ix->nart + 1);
  for (size_t i = 0; i < ix->nart; i++) {
    ix->flat_off[i] = total;
    total += j.art_len[i];
  }
  ix->flat_off[ix->nart] = total;

  if (ix->kind != TR_SHINGLE_CHAR) {
    /* Merge the worker dictionaries. */
    strdict_init(&global);
    for (unsigned w = 0; w < T; w++) {
      strdict *d = &j.dicts[w];
      const uint64_t *off = (const uint64_t *)d->off->data;
      j.remap[w] = g_new(uint32_t, d->n ? d->n : 1);
      for (size_t k = 0; k < d->n; k++)
        j.remap[w][k] = strdict_intern(&global, d->buf->str + off[k], off[k + 1] - off[k]);
      strdict_clear(d);
    }
    ix->ntok = global.n;
    ix->tok_off = (uint64_t *)g_array_free(global.off, FALSE);
    ix->tok_buf = g_string_free(global.buf, FALSE);
    g_free(global.slots);
    ix->flat32 = g_new(uint32_t, total ? total : 1);
  } else {
    ix->flat8 = g_new(unsigned char, total ? total : 1);
  }
  tri_parallel_for(ix->nart, 256, T, flat_range, &j);

  for (unsigned w = 0; w < T; w++) {
    tri_toks_clear(&j.toks[w]);
    g_free(j.remap[w]);
    g_free(j.bufs[w].buf);
    g_free(j.keys[w]);
  }
  g_free(j.keys);
  g_free(j.keycap);
  g_free(j.bufs);
  g_free(j.remap);
  g_free(j.toks);
  g_free(j.dicts);
  g_free(j.art_worker);
  g_free(j.art_len);
  g_free(j.art_pos);
  tri_phase_end(ix->corpus, TR_PHASE_TOKENIZE, &clk);
  return TR_OK;
}

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
#define GRAM_CHUNKS 64

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
    /* the buffer has one spare entry per chunk after the round's entries */
    const uint32_t spare = (uint32_t)(j->bucket_off[j->re] + c);
    uint32_t *const next = j->next + c * j->nb;
    for (size_t a = j->chunk_art[c]; a < j->chunk_art[c + 1]; a++) {
      uint64_t s = ix->flat_off[a], end = ix->flat_off[a + 1];
      if (end - s < n)
        continue;
      uint64_t np = end - s - n + 1;
      const uint32_t *h = j->gram_at + s;
#ifdef __SIZEOF_INT128__
      if (j->bits) {
        const unsigned shift = key_shift(j);
        u128 k = key_first(ix, s, shift);
        for (uint64_t i = 0; i < np; i++) {
          /* branch-free: a position of another round is written to the chunk's spare
           * entry (a branch here is mispredicted for many positions) */
          uint32_t bk = h[i] >> sh, in = bk - rb < rn;
          uint32_t at = in ? next[bk] : spare;
          next[bk] += in;
          ent[at] = (gent){ (uint64_t)k, (uint32_t)(k >> 64), (uint32_t)(s + i) };
          if (i + 1 < np)
            k = (k >> shift) | ((u128)flat_val(ix, s + i + n) << (shift * (n - 1)));
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

typedef struct {
  tr_shingle_index *ix;
  uint32_t *gram_at;
  const uint32_t *base; /* first id of each bucket */
  unsigned lg;
  const uint32_t *rank; /* id -> final id, or NULL */
  uint32_t *tmp;        /* per worker scratch */
  size_t tmpcap;
  uint64_t **seen;      /* per worker: one bit per id, set while its article is gathered */
  size_t nprov;
  uint64_t *len;        /* first pass: distinct shingles per article */
  const uint32_t *first; /* first pass: id -> position of its first occurrence */
  uint32_t *nfirst;     /* first pass: shingles first seen in each article (in front) */
  gboolean sort;        /* third pass: sort the sets */
} set_job;

/* Article sets: gather, map, sort, dedupe (into art_ids at art_off, then compacted). */
static void artset_range(size_t b, size_t e, unsigned w, void *user) {
  set_job *j = user;
  tr_shingle_index *ix = j->ix;
  uint32_t *tmp = j->tmp + (size_t)w * j->tmpcap;
  const unsigned sh = 32 - j->lg;
  const uint32_t lmask = (uint32_t)(((uint64_t)1 << sh) - 1);
  for (size_t a = b; a < e; a++) {
    uint64_t s = ix->art_off[a], len = ix->art_off[a + 1] - s;
    uint32_t *ids = ix->art_ids + s;
    if (!j->rank && !j->sort) {
      /* gather distinct ids: first the shingles whose first occurrence in the corpus
       * is here (in the order of their positions), then the others */
      uint64_t fs = ix->flat_off[a], nf = 0, nr = 0;
      uint64_t *bm = j->seen[w];
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
      memcpy(ids + nf, tmp, nr * sizeof(uint32_t));
      for (uint64_t k = 0; k < nf + nr; k++) /* all bits clear again */
        bm[ids[k] >> 6] = 0;
      j->len[a] = nf + nr;
      j->nfirst[a] = (uint32_t)nf;
      continue;
    } else if (j->rank) {
      for (uint64_t k = 0; k < len; k++)
        ids[k] = j->rank[ids[k]];
    }
    if (j->sort)
      tri_sort_u32(ids, len, tmp);
  }
}

static int build_shingles(tr_shingle_index *ix) {
  unsigned T = ix->threads;
  uint64_t total = ix->flat_off[ix->nart], ngrams = 0;
  gram_job gj = { 0 };
  set_job sj = { 0 };
  size_t nprov = 0, maxlen = 0, G;
  uint32_t *df, *rank, *count_by_df, *base, *first;
  uint64_t *pos_off;
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
  gj.gram_at = g_new(uint32_t, total ? total : 1);
  gj.hist = g_new0(uint32_t, GRAM_CHUNKS * gj.nb);
  tri_parallel_for(GRAM_CHUNKS, 1, T, gram_hash_range, &gj);
  /* rounds of consecutive buckets, about a quarter of the positions each */
  gj.next = g_new0(uint32_t, GRAM_CHUNKS * gj.nb);
  gj.bucket_off = g_new(uint64_t, gj.nb + 1);
  gj.nd = g_new0(uint32_t, gj.nb);
  gj.wk = g_new0(gworker, T);
  base = g_new(uint32_t, gj.nb);
  first = NULL;
  {
    uint64_t budget = MAX(ngrams / 4 + 1, (uint64_t)1 << 16), entcap = 0, nfirst = 0;
    size_t rb = 0;
    while (rb < gj.nb && !g_atomic_int_get(&gj.overflow)) {
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
      if (sum + GRAM_CHUNKS > entcap) {
        g_free(gj.ent);
        entcap = sum + GRAM_CHUNKS;
        gj.ent = g_new(gent, entcap);
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
      first = g_renew(uint32_t, first, nfirst + add ? nfirst + add : 1);
      for (size_t bk = rb; bk < re; bk++) {
        const gent *E = gj.ent + gj.bucket_off[bk];
        base[bk] = (uint32_t)nfirst;
        for (uint32_t i = 0; i < gj.nd[bk]; i++)
          first[nfirst++] = E[i].pos;
      }
      rb = re;
    }
    nprov = (size_t)nfirst;
  }
  for (unsigned w = 0; w < T; w++)
    g_free(gj.wk[w].tab);
  g_free(gj.wk);
  g_free(gj.ent);
  g_free(gj.hist);
  g_free(gj.next);
  g_free(gj.nd);
  g_free(gj.bucket_off);
  if (g_atomic_int_get(&gj.overflow)) {
    g_free(base);
    g_free(first);
    g_free(gj.gram_at);
    return tri_fail(TR_ERR_LIMIT, "more than 2^32 distinct shingles");
  }
  if (!first)
    first = g_new(uint32_t, 1);
  tri_phase_end(ix->corpus, TR_PHASE_INTERN, &clk);

  /* Article sets (positions where a shingle starts), distinct ids. */
  ix->art_off = g_new(uint64_t, ix->nart + 1);
  pos_off = ix->art_off;
  {
    uint64_t o = 0;
    for (size_t a = 0; a < ix->nart; a++) {
      uint64_t len = ix->flat_off[a + 1] - ix->flat_off[a];
      uint64_t ng = len >= ix->n ? len - ix->n + 1 : 0;
      pos_off[a] = o;
      o += ng;
      maxlen = MAX(maxlen, ng);
    }
    pos_off[ix->nart] = o;
    ix->art_ids = g_new(uint32_t, o ? o : 1);
  }
  sj.ix = ix;
  sj.gram_at = gj.gram_at;
  sj.base = base;
  sj.lg = gj.lg;
  sj.tmpcap = maxlen ? maxlen : 1;
  sj.tmp = g_new(uint32_t, sj.tmpcap * T);
  /* allocated here, not in the workers (whose malloc arenas would keep the memory) */
  sj.seen = g_new0(uint64_t *, T);
  for (unsigned w = 0; w < T; w++)
    sj.seen[w] = g_new0(uint64_t, nprov / 64 + 1);
  sj.nprov = nprov;
  sj.len = g_new0(uint64_t, ix->nart ? ix->nart : 1);
  sj.first = first;
  sj.nfirst = g_new0(uint32_t, ix->nart ? ix->nart : 1);
  tri_parallel_for(ix->nart, 64, T, artset_range, &sj);
  for (unsigned w = 0; w < T; w++)
    g_free(sj.seen[w]);
  g_free(sj.seen);
  g_free(base);
  g_free(gj.gram_at);
  gj.gram_at = NULL;

  /* Document frequencies; compact the sets. */
  df = g_new0(uint32_t, nprov ? nprov : 1);
  {
    uint64_t w = 0;
    for (size_t a = 0; a < ix->nart; a++) {
      uint64_t s = ix->art_off[a];
      size_t u = (size_t)sj.len[a];
      ix->art_off[a] = w;
      memmove(ix->art_ids + w, ix->art_ids + s, u * sizeof(uint32_t));
      for (size_t k = 0; k < u; k++)
        df[ix->art_ids[w + k]]++;
      w += u;
    }
    ix->art_off[ix->nart] = w;
    ix->art_ids = g_renew(uint32_t, ix->art_ids, w ? w : 1);
  }

  /* Final ids: rank by (df, first occurrence): the articles in order, each with the
   * shingles first seen in it in front, list every shingle once, by first occurrence. */
  count_by_df = g_new0(uint32_t, ix->nart + 2);
  G = nprov;
  for (size_t p = 0; p < nprov; p++)
    count_by_df[df[p]]++;
  {
    uint32_t sum = 0;
    for (size_t d = 0; d <= ix->nart + 1; d++) {
      uint32_t c = count_by_df[d];
      count_by_df[d] = sum;
      sum += c;
    }
  }
  rank = g_new(uint32_t, nprov ? nprov : 1);
  ix->first = g_new(uint32_t, G ? G : 1);
  ix->nvocab = G;
  for (size_t a = 0; a < ix->nart; a++) {
    const uint32_t *ids = ix->art_ids + ix->art_off[a];
    for (uint32_t k = 0; k < sj.nfirst[a]; k++) {
      uint32_t g = ids[k], r = count_by_df[df[g]]++;
      rank[g] = r;
      ix->first[r] = first[g];
    }
  }
  g_free(sj.nfirst);
  g_free(count_by_df);
  g_free(df);
  g_free(first);

  g_free(sj.len);
  sj.rank = rank;
  tri_parallel_for(ix->nart, 64, T, artset_range, &sj);
  g_free(rank);
  g_free(sj.tmp);
  ix->art_maxlen = maxlen;
  tri_phase_end(ix->corpus, TR_PHASE_SETS, &clk);
  return TR_OK;
}

/* Sort the article sets (ids ascending), once. */
static void ensure_art_sorted(const tr_shingle_index *cix) {
  tr_shingle_index *ix = (tr_shingle_index *)cix;
  if (g_once_init_enter(&ix->art_once)) {
    set_job sj = { 0 };
    tr_phase_clock clk;
    tri_phase_begin(&clk);
    pthread_mutex_lock(&ix->art_lock);
    sj.ix = ix;
    sj.sort = TRUE;
    sj.tmpcap = ix->art_maxlen ? ix->art_maxlen : 1;
    sj.tmp = g_new(uint32_t, sj.tmpcap * ix->threads);
    tri_parallel_for(ix->nart, 64, ix->threads, artset_range, &sj);
    g_free(sj.tmp);
    ix->art_sorted = TRUE;
    pthread_mutex_unlock(&ix->art_lock);
    tri_phase_end(ix->corpus, TR_PHASE_SETS, &clk);
    g_once_init_leave(&ix->art_once, 1);
  }
}

/* ------------------------------------------------------------------ */
/* unit sets                                                          */
/* ------------------------------------------------------------------ */

typedef struct {
  uint64_t *off;
  uint32_t *ids;
  size_t n;
} csr;

static void csr_clear(csr *c) {
  g_free(c->off);
  g_free(c->ids);
  memset(c, 0, sizeof *c);
}

/* The article range of a unit. */
static void unit_range(const tr_shingle_index *ix, tr_unit_kind kind, size_t u, size_t *first,
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

/* Union of the sets of articles [first, first + count) into out (capacity enough); returns size. */
static size_t union_articles(const tr_shingle_index *ix, size_t first, size_t count, uint32_t *out,
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
  csr *out;
  uint64_t *cap_off; /* capacity offsets */
  uint32_t *tmp;
  size_t tmpcap;
  uint64_t *bitmap; /* per worker: one bit per shingle, kept all zero between units */
  size_t bmwords;
  gboolean sorted; /* the article sets are sorted */
} unitset_job;

static void unitset_range(size_t b, size_t e, unsigned w, void *user) {
  unitset_job *j = user;
  const tr_shingle_index *ix = j->ix;
  for (size_t i = b; i < e; i++) {
    uint64_t s = ix->art_off[j->first[i]], end = ix->art_off[j->first[i] + j->count[i]];
    uint32_t *out = j->out->ids + j->cap_off[i];
    size_t n = 0;
    if ((j->count[i] > 1 || !j->sorted) && end - s > 1024) {
      /* large unions: set bits, then read them back in order (sorted, unique) */
      uint64_t *bm = j->bitmap + (size_t)w * j->bmwords;
      uint32_t lo = G_MAXUINT32, hi = 0;
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
      n = union_articles(ix, j->first[i], j->count[i], out, j->tmp + (size_t)w * j->tmpcap,
                         j->sorted);
    }
    j->out->off[i + 1] = n; /* size for now */
  }
}

/* Sets of the given units (NULL = all of the kind), compacted CSR. */
static void build_unit_sets(const tr_shingle_index *ix, tr_unit_kind kind, const size_t *units,
                            size_t count, csr *out) {
  unitset_job j = { 0 };
  uint64_t cap = 0;
  size_t maxcap = 1;
  tr_phase_clock clk;
  /* agreement sets are built before the article sets may be sorted (see art_lock) */
  gboolean locked = kind == TR_UNIT_AGREEMENT;
  if (locked)
    pthread_mutex_lock(&((tr_shingle_index *)ix)->art_lock);
  else
    ensure_art_sorted(ix);
  tri_phase_begin(&clk);
  j.sorted = locked ? ix->art_sorted : TRUE;
  j.ix = ix;
  j.kind = kind;
  j.first = g_new(size_t, count ? count : 1);
  j.count = g_new(size_t, count ? count : 1);
  j.cap_off = g_new(uint64_t, count + 1);
  for (size_t i = 0; i < count; i++) {
    size_t u = units ? units[i] : i;
    unit_range(ix, kind, u, &j.first[i], &j.count[i]);
    j.cap_off[i] = cap;
    uint64_t c = ix->art_off[j.first[i] + j.count[i]] - ix->art_off[j.first[i]];
    cap += c;
    maxcap = MAX(maxcap, (size_t)c);
  }
  j.cap_off[count] = cap;
  out->n = count;
  out->off = g_new0(uint64_t, count + 1);
  out->ids = g_new(uint32_t, cap ? cap : 1);
  j.out = out;
  j.tmpcap = MIN(maxcap, (size_t)1024);
  j.tmp = g_new(uint32_t, j.tmpcap * ix->threads);
  j.bmwords = ix->nvocab / 64 + 1;
  j.bitmap = g_new0(uint64_t, j.bmwords * ix->threads);
  tri_parallel_for(count, 4, ix->threads, unitset_range, &j);
  g_free(j.bitmap);
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
    out->ids = g_renew(uint32_t, out->ids, w ? w : 1);
  }
  g_free(j.tmp);
  g_free(j.first);
  g_free(j.count);
  g_free(j.cap_off);
  if (locked)
    pthread_mutex_unlock(&((tr_shingle_index *)ix)->art_lock);
  tri_phase_end(ix->corpus, TR_PHASE_SETS, &clk);
}

/* Agreement sets, built once on first use (thread-safe). */
static void ensure_agreements(const tr_shingle_index *cix) {
  tr_shingle_index *ix = (tr_shingle_index *)cix;
  if (g_once_init_enter(&ix->agr_once)) {
    csr agr = { 0 };
    build_unit_sets(ix, TR_UNIT_AGREEMENT, NULL, ix->nagr, &agr);
    ix->agr_off = agr.off;
    ix->agr_ids = agr.ids;
    g_once_init_leave(&ix->agr_once, 1);
  }
}

/* ------------------------------------------------------------------ */
/* public: index                                                      */
/* ------------------------------------------------------------------ */

int tr_shingle_index_new(const tr_corpus *corpus, tr_shingle_kind kind, unsigned n,
                         tr_shingle_index **out) {
  tr_shingle_index *ix;
  int rc;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "out is NULL");
  *out = NULL;
  if (!corpus)
    return tri_fail(TR_ERR_INVALID_ARG, "corpus is NULL");
  if (kind > TR_SHINGLE_CHAR)
    return tri_fail(TR_ERR_INVALID_ARG, "unknown shingle kind %d", (int)kind);
  if (n < 1 || n > 64)
    return tri_fail(TR_ERR_INVALID_ARG, "shingle length %u is outside 1..64", n);
  ix = g_new0(tr_shingle_index, 1);
  ix->corpus = corpus;
  ix->kind = kind;
  ix->n = n;
  ix->threads = tri_corpus_threads(corpus);
  ix->nart = tr_corpus_article_count(corpus);
  ix->nagr = tr_corpus_agreement_count(corpus);
  ix->nchap = tr_corpus_chapter_count(corpus);
  pthread_mutex_init(&ix->art_lock, NULL);
  tri_corpus_index_ref(corpus, 1);
  rc = build_tokens(ix);
  if (rc == TR_OK)
    rc = build_shingles(ix);
  if (rc != TR_OK) {
    tr_shingle_index_free(ix);
    return rc;
  }
  *out = ix;
  return TR_OK;
}

void tr_shingle_index_free(tr_shingle_index *ix) {
  if (!ix)
    return;
  tri_corpus_index_ref(ix->corpus, -1);
  g_free(ix->flat32);
  g_free(ix->flat8);
  g_free(ix->flat_off);
  g_free(ix->tok_buf);
  g_free(ix->tok_off);
  g_free(ix->first);
  g_free(ix->art_off);
  g_free(ix->art_ids);
  g_free(ix->agr_off);
  g_free(ix->agr_ids);
  pthread_mutex_destroy(&ix->art_lock);
  g_free(ix);
}

size_t tr_shingle_index_vocabulary(const tr_shingle_index *ix) {
  return ix ? ix->nvocab : 0;
}

size_t tr_shingle_index_unit_count(const tr_shingle_index *ix, tr_unit_kind kind) {
  if (!ix)
    return 0;
  switch (kind) {
  case TR_UNIT_AGREEMENT: return ix->nagr;
  case TR_UNIT_CHAPTER: return ix->nchap;
  case TR_UNIT_ARTICLE: return ix->nart;
  default: return 0;
  }
}

static gboolean unit_ok(const tr_shingle_index *ix, tr_unit_kind kind, size_t u) {
  return ix && (unsigned)kind <= TR_UNIT_ARTICLE && u < tr_shingle_index_unit_count(ix, kind);
}

/* A unit's set: borrowed (articles, agreements) or allocated into *own. */
static const uint32_t *unit_ids(const tr_shingle_index *ix, tr_unit_kind kind, size_t u,
                                size_t *n, uint32_t **own) {
  *own = NULL;
  if (kind != TR_UNIT_AGREEMENT)
    ensure_art_sorted(ix);
  if (kind == TR_UNIT_ARTICLE) {
    *n = ix->art_off[u + 1] - ix->art_off[u];
    return ix->art_ids + ix->art_off[u];
  }
  if (kind == TR_UNIT_AGREEMENT) {
    ensure_agreements(ix);
    *n = ix->agr_off[u + 1] - ix->agr_off[u];
    return ix->agr_ids + ix->agr_off[u];
  }
  size_t first, count;
  unit_range(ix, kind, u, &first, &count);
  size_t cap = ix->art_off[first + count] - ix->art_off[first];
  uint32_t *tmp = g_new(uint32_t, cap ? cap : 1);
  *own = g_new(uint32_t, cap ? cap : 1);
  *n = union_articles(ix, first, count, *own, tmp, TRUE);
  g_free(tmp);
  return *own;
}

size_t tr_shingle_index_unit_size(const tr_shingle_index *ix, tr_unit_kind kind, size_t u) {
  size_t n;
  uint32_t *own;
  if (!unit_ok(ix, kind, u))
    return 0;
  unit_ids(ix, kind, u, &n, &own);
  g_free(own);
  return n;
}

static char *shingle_string(const tr_shingle_index *ix, uint32_t id) {
  uint64_t p = ix->first[id];
  if (ix->kind == TR_SHINGLE_CHAR)
    return g_strndup((const char *)ix->flat8 + p, ix->n);
  GString *g = g_string_new(NULL);
  for (unsigned k = 0; k < ix->n; k++) {
    uint32_t t = ix->flat32[p + k];
    if (k)
      g_string_append_c(g, ' ');
    g_string_append_len(g, ix->tok_buf + ix->tok_off[t], (gssize)(ix->tok_off[t + 1] - ix->tok_off[t]));
  }
  return g_string_free(g, FALSE);
}

int tr_shingle_index_unit_set(const tr_shingle_index *ix, tr_unit_kind kind, size_t u,
                              tr_shingle_set **out) {
  size_t n;
  uint32_t *own;
  const uint32_t *ids;
  char **items;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "out is NULL");
  *out = NULL;
  if (!unit_ok(ix, kind, u))
    return tri_fail(TR_ERR_INVALID_ARG, "unit %zu of kind %d is out of range", u, (int)kind);
  ids = unit_ids(ix, kind, u, &n, &own);
  items = g_new(char *, n + 1);
  for (size_t i = 0; i < n; i++)
    items[i] = shingle_string(ix, ids[i]);
  g_free(own);
  *out = tri_shingle_set_take(items, n);
  return TR_OK;
}

int tr_shingle_index_jaccard(const tr_shingle_index *ix, tr_unit_kind ka, size_t a,
                             tr_unit_kind kb, size_t b, double *jaccard, size_t *intersection,
                             size_t *union_size) {
  size_t na, nb, k, u;
  uint32_t *oa, *ob;
  const uint32_t *ia, *ib;
  if (!jaccard)
    return tri_fail(TR_ERR_INVALID_ARG, "jaccard is NULL");
  if (!unit_ok(ix, ka, a) || !unit_ok(ix, kb, b))
    return tri_fail(TR_ERR_INVALID_ARG, "unit out of range");
  ia = unit_ids(ix, ka, a, &na, &oa);
  ib = unit_ids(ix, kb, b, &nb, &ob);
  k = tri_inter_u32(ia, na, ib, nb);
  u = na + nb - k;
  g_free(oa);
  g_free(ob);
  *jaccard = u ? (double)k / (double)u : 0.0;
  if (intersection)
    *intersection = k;
  if (union_size)
    *union_size = u;
  return TR_OK;
}

/* ------------------------------------------------------------------ */
/* all-pairs intersection matrix                                      */
/* ------------------------------------------------------------------ */

#define HEAVY_DF 24

typedef struct {
  const csr *sets;
  size_t nu;
  /* light postings */
  uint32_t *post_off;
  uint32_t *post;
  uint32_t **acc; /* per worker nu*nu upper triangle */
  /* heavy bits */
  uint64_t *bits;
  size_t words;
  uint64_t (*and_popcount)(const uint64_t *, const uint64_t *, size_t);
  uint64_t *inter;
} mat_job;

static void mat_light(size_t b, size_t e, unsigned w, void *user) {
  mat_job *j = user;
  uint32_t *acc = j->acc[w];
  for (size_t g = b; g < e; g++) {
    const uint32_t *p = j->post + j->post_off[g];
    size_t n = j->post_off[g + 1] - j->post_off[g];
    for (size_t x = 0; x < n; x++) {
      uint32_t *row = acc + (size_t)p[x] * j->nu;
      for (size_t y = x + 1; y < n; y++)
        row[p[y]]++;
    }
  }
}

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
__attribute__((target("popcnt"))) static uint64_t and_popcount_hw(const uint64_t *a,
                                                                  const uint64_t *b, size_t n) {
  uint64_t c = 0;
  for (size_t k = 0; k < n; k++)
    c += (uint64_t)__builtin_popcountll(a[k] & b[k]);
  return c;
}
#endif

static uint64_t and_popcount_sw(const uint64_t *a, const uint64_t *b, size_t n) {
  uint64_t c = 0;
  for (size_t k = 0; k < n; k++)
    c += (uint64_t)__builtin_popcountll(a[k] & b[k]);
  return c;
}

static void mat_heavy(size_t b, size_t e, unsigned w, void *user) {
  mat_job *j = user;
  for (size_t x = b; x < e; x++) {
    const uint64_t *rx = j->bits + x * j->words;
    for (size_t y = x + 1; y < j->nu; y++)
      j->inter[x * j->nu + y] += j->and_popcount(rx, j->bits + y * j->words, j->words);
  }
}

/* Intersections of every pair of sets (upper triangle of inter, nu*nu, zeroed).
 * Shingles in more than HEAVY_DF units go to a bit matrix (popcount of ANDs), the
 * others to posting lists whose pairs are counted directly. */
static int matrix_core(const tr_shingle_index *ix, const csr *sets, uint64_t *inter, tri_run *run) {
  size_t nu = sets->n, G = ix->nvocab, nheavy = 0;
  unsigned T = run->threads;
  /* one array for three things: the unit frequency of each shingle; then, for a light
   * shingle, where its posting list is filled (its start, advancing to its end) and, for
   * a heavy one, HEAVY_BIT | its bit column; finally post_off (start of each list) */
  const uint32_t HEAVY_BIT = 0x80000000u;
  uint32_t *code = g_new0(uint32_t, G + 1);
  uint64_t nlight = 0;
  mat_job j = { 0 };
  /* Chosen per call, not stored in a global: concurrent callers writing a
   * shared function pointer was a data race (found by tests/threads under TSan). */
  j.and_popcount = and_popcount_sw;
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
  if (__builtin_cpu_supports("popcnt"))
    j.and_popcount = and_popcount_hw;
#endif
  for (uint64_t k = 0; k < sets->off[nu]; k++)
    code[sets->ids[k]]++;
  j.sets = sets;
  j.nu = nu;
  for (size_t g = 0; g < G; g++) {
    uint32_t f = code[g];
    if (f > HEAVY_DF) {
      code[g] = HEAVY_BIT | (uint32_t)nheavy++;
    } else {
      code[g] = (uint32_t)nlight;
      nlight += f;
    }
  }
  if (nlight >= HEAVY_BIT || nheavy >= HEAVY_BIT) {
    g_free(code);
    return tri_fail(TR_ERR_LIMIT, "too many shingle occurrences for one matrix");
  }
  j.post = g_new(uint32_t, nlight ? nlight : 1);
  j.words = (nheavy + 63) / 64;
  j.bits = g_new0(uint64_t, j.words * nu + 1);
  for (size_t u = 0; u < nu; u++)
    for (uint64_t k = sets->off[u]; k < sets->off[u + 1]; k++) {
      uint32_t g = sets->ids[k], c = code[g];
      if (c & HEAVY_BIT) {
        c &= ~HEAVY_BIT;
        j.bits[u * j.words + c / 64] |= 1ULL << (c % 64);
      } else {
        j.post[code[g]++] = (uint32_t)u;
      }
    }
  /* code[g] is now the end of g's list (light) or a bit column (heavy, empty list):
   * post_off[g] = the start of g's list = the end of the list before it */
  {
    uint32_t end = 0;
    for (size_t g = 0; g < G; g++) {
      uint32_t c = code[g];
      code[g] = end;
      if (!(c & HEAVY_BIT))
        end = c;
    }
    code[G] = end;
  }
  j.post_off = code;
  j.acc = g_new0(uint32_t *, T);
  for (unsigned w = 0; w < T; w++)
    j.acc[w] = g_new0(uint32_t, nu * nu);
  tri_run_start(run, G + (nheavy ? nu : 0)); /* progress: shingles, then heavy rows */
  tri_parallel_for_run(G, 4096, run, mat_light, &j);
  for (unsigned w = 0; w < T; w++) {
    for (size_t k = 0; k < nu * nu; k++)
      inter[k] += j.acc[w][k];
    g_free(j.acc[w]);
  }
  g_free(j.acc);
  g_free(j.post);
  g_free(j.post_off);
  j.inter = inter;
  if (nheavy)
    tri_parallel_for_run(nu, 1, run, mat_heavy, &j);
  g_free(j.bits);
  return TR_OK;
}

/* The corpus jobs run under a tri_run (progress, cancellation, threads); their public
 * entry points are in jobs.c. A cancelled job returns TR_OK with a partial result: the
 * caller's tri_run_finish() turns it into TR_ERR_CANCELLED. */
int tri_index_matrix(const tr_shingle_index *ix, tr_unit_kind kind, const size_t *units,
                     size_t count, double *jaccard, uint64_t *intersection, tri_run *run) {
  csr sets = { 0 };
  uint64_t *inter;
  if (!ix || (unsigned)kind > TR_UNIT_ARTICLE)
    return tri_fail(TR_ERR_INVALID_ARG, "index is NULL or kind unknown");
  if (!jaccard && !intersection)
    return tri_fail(TR_ERR_INVALID_ARG, "no output given");
  if (!units && count != tr_shingle_index_unit_count(ix, kind))
    return tri_fail(TR_ERR_INVALID_ARG, "count %zu differs from the %zu units of this kind", count,
                   tr_shingle_index_unit_count(ix, kind));
  if (units)
    for (size_t i = 0; i < count; i++)
      if (!unit_ok(ix, kind, units[i]))
        return tri_fail(TR_ERR_INVALID_ARG, "unit %zu is out of range", units[i]);
  if (count > 0 && count > ((size_t)1 << 31) / count)
    return tri_fail(TR_ERR_LIMIT, "%zu units is too many for a full matrix", count);
  if (count == 0)
    return TR_OK;
  tri_corpus_progress(ix->corpus, "matrix", 0, 1);
  if (kind == TR_UNIT_AGREEMENT && !units) {
    ensure_agreements(ix);
    sets.off = ix->agr_off;
    sets.ids = ix->agr_ids;
    sets.n = ix->nagr;
  } else {
    build_unit_sets(ix, kind, units, count, &sets);
  }
  tr_phase_clock clk;
  tri_phase_begin(&clk);
  inter = g_new0(uint64_t, count * count);
  if (matrix_core(ix, &sets, inter, run) != TR_OK || tri_run_stopped(run)) {
    g_free(inter);
    if (sets.off != ix->agr_off)
      csr_clear(&sets);
    return tri_run_stopped(run) ? TR_OK : tr_error_code();
  }
  for (size_t x = 0; x < count; x++) {
    uint64_t sx = sets.off[x + 1] - sets.off[x];
    inter[x * count + x] = sx;
    for (size_t y = x + 1; y < count; y++)
      inter[y * count + x] = inter[x * count + y];
  }
  for (size_t x = 0; x < count; x++) {
    uint64_t sx = sets.off[x + 1] - sets.off[x];
    for (size_t y = 0; y < count; y++) {
      uint64_t sy = sets.off[y + 1] - sets.off[y], k = inter[x * count + y], u = sx + sy - k;
      if (jaccard)
        jaccard[x * count + y] = u ? (double)k / (double)u : 0.0;
      if (intersection)
        intersection[x * count + y] = k;
    }
  }
  g_free(inter);
  tri_phase_end(ix->corpus, TR_PHASE_JOIN, &clk);
  if (sets.off != ix->agr_off)
    csr_clear(&sets);
  tri_corpus_progress(ix->corpus, "matrix", 1, 1);
  return TR_OK;
}

/* ------------------------------------------------------------------ */
/* threshold join                                                     */
/* ------------------------------------------------------------------ */

struct tr_pair_list {
  GArray *items; /* pair_t */
};

typedef struct {
  uint32_t a, b;
  uint32_t inter, uni;
} pair_t;

#define EPS 1e-9

typedef struct {
  const tr_shingle_index *ix;
  const csr *sets;
  double t;
  const size_t *group; /* unit -> agreement, or NULL */
  uint32_t *ord;       /* records in (size, index) order */
  uint32_t *pos;       /* size of the record at each position in ord */
  uint64_t *pl_off;    /* gram -> prefix postings (positions in ord) */
  uint32_t *pl;
  GArray **out;        /* per worker pair_t */
  uint32_t **cnt;      /* per worker counters */
  uint32_t **touched;
  gint done;
  size_t nrec;
} join_job;

static inline size_t unit_size(const csr *s, size_t u) {
  return (size_t)(s->off[u + 1] - s->off[u]);
}

static inline size_t prefix_len(size_t s, double t) {
  size_t need = (size_t)ceil(t * (double)s - EPS);
  if (need < 1)
    need = 1;
  return need > s ? 1 : s - need + 1;
}

static void join_range(size_t b, size_t e, unsigned w, void *user) {
  join_job *j = user;
  const csr *S = j->sets;
  const uint32_t *sz = j->pos; /* here: size of the record at each position (see join_sets) */
  uint32_t *cnt = j->cnt[w], *touched = j->touched[w];
  for (size_t px = b; px < e; px++) {
    uint32_t x = j->ord[px];
    size_t sx = sz[px], nt = 0;
    const uint32_t *ix = S->ids + S->off[x];
    double minsize = j->t * (double)sx - EPS;
    size_t pfx = prefix_len(sx, j->t);
    for (size_t k = 0; k < pfx; k++) {
      uint32_t g = ix[k];
      const uint32_t *p = j->pl + j->pl_off[g];
      size_t n = j->pl_off[g + 1] - j->pl_off[g];
      /* lower bound on size: binary search (sizes rise along the list) */
      size_t lo = 0, hi = n;
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((double)sz[p[mid]] < minsize)
          lo = mid + 1;
        else
          hi = mid;
      }
      /* candidates: earlier positions; counters are indexed by position */
      for (size_t q = lo; q < n && p[q] < px; q++) {
        uint32_t py = p[q];
        if (cnt[py]++ == 0)
          touched[nt++] = py;
      }
    }
    for (size_t c = 0; c < nt; c++) {
      uint32_t py = touched[c], y = j->ord[py];
      cnt[py] = 0;
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
        g_array_append_val(j->out[w], pr);
      }
    }
    int d = g_atomic_int_add(&j->done, 1) + 1;
    if ((d & 1023) == 0 || (size_t)d == j->nrec)
      tri_corpus_progress(j->ix->corpus, "pairs", (size_t)d, j->nrec);
  }
}

static int cmp_pair(const void *pa, const void *pb) {
  const pair_t *a = pa, *b = pb;
  if (a->a != b->a)
    return a->a < b->a ? -1 : 1;
  return a->b < b->b ? -1 : a->b > b->b ? 1 : 0;
}

typedef struct {
  uint32_t size, idx;
} szidx;

static int cmp_szidx(const void *pa, const void *pb) {
  const szidx *a = pa, *b = pb;
  if (a->size != b->size)
    return a->size < b->size ? -1 : 1;
  return a->idx < b->idx ? -1 : a->idx > b->idx ? 1 : 0;
}

/* All pairs of sets with Jaccard >= t (group: skip pairs of the same group). */
static GArray *join_sets(const tr_shingle_index *ix, const csr *S, double t, const size_t *group,
                         tri_run *run) {
  join_job j = { 0 };
  unsigned T = run->threads;
  size_t nu = S->n, G = ix->nvocab, nrec = 0;
  szidx *tmp = g_new(szidx, nu ? nu : 1);
  GArray *res;
  tr_phase_clock clk;
  tri_phase_begin(&clk);
  for (size_t u = 0; u < nu; u++)
    if (unit_size(S, u) > 0) {
      tmp[nrec].size = (uint32_t)unit_size(S, u);
      tmp[nrec].idx = (uint32_t)u;
      nrec++;
    }
  qsort(tmp, nrec, sizeof *tmp, cmp_szidx);
  j.ix = ix;
  j.sets = S;
  j.t = t;
  j.group = group;
  j.nrec = nrec;
  j.ord = g_new(uint32_t, nrec ? nrec : 1);
  j.pos = g_new(uint32_t, nrec ? nrec : 1); /* size of the record at each position */
  for (size_t i = 0; i < nrec; i++) {
    j.ord[i] = tmp[i].idx;
    j.pos[i] = tmp[i].size;
  }
  g_free(tmp);
  /* prefix postings, each list in ord order */
  j.pl_off = g_new0(uint64_t, G + 1);
  for (size_t i = 0; i < nrec; i++) {
    uint32_t u = j.ord[i];
    size_t p = prefix_len(unit_size(S, u), t);
    for (size_t k = 0; k < p; k++)
      j.pl_off[S->ids[S->off[u] + k] + 1]++;
  }
  for (size_t g = 0; g < G; g++)
    j.pl_off[g + 1] += j.pl_off[g];
  j.pl = g_new(uint32_t, j.pl_off[G] ? j.pl_off[G] : 1);
  /* fill: pl_off[g] advances to the end of g's list (the start of the next), then
   * shifts back one place (no second array of G offsets) */
  for (size_t i = 0; i < nrec; i++) {
    uint32_t u = j.ord[i];
    size_t p = prefix_len(unit_size(S, u), t);
    for (size_t k = 0; k < p; k++)
      j.pl[j.pl_off[S->ids[S->off[u] + k]]++] = (uint32_t)i;
  }
  memmove(j.pl_off + 1, j.pl_off, G * sizeof(uint64_t));
  j.pl_off[0] = 0;
  j.out = g_new(GArray *, T);
  j.cnt = g_new(uint32_t *, T);
  j.touched = g_new(uint32_t *, T);
  for (unsigned w = 0; w < T; w++) {
    j.out[w] = g_array_new(FALSE, FALSE, sizeof(pair_t));
    j.cnt[w] = g_new0(uint32_t, nu ? nu : 1);
    j.touched[w] = g_new(uint32_t, nu ? nu : 1);
  }
  tri_run_start(run, nrec); /* progress: records (units with shingles) */
  tri_parallel_for_run(nrec, 16, run, join_range, &j);
  res = j.out[0];
  for (unsigned w = 1; w < T; w++) {
    g_array_append_vals(res, j.out[w]->data, j.out[w]->len);
    g_array_free(j.out[w], TRUE);
  }
  for (unsigned w = 0; w < T; w++) {
    g_free(j.cnt[w]);
    g_free(j.touched[w]);
  }
  g_array_sort(res, cmp_pair);
  g_free(j.out);
  g_free(j.cnt);
  g_free(j.touched);
  g_free(j.pl);
  g_free(j.pl_off);
  g_free(j.ord);
  g_free(j.pos);
  tri_phase_end(ix->corpus, TR_PHASE_JOIN, &clk);
  return res;
}

static size_t *unit_groups(const tr_shingle_index *ix, tr_unit_kind kind) {
  size_t n = tr_shingle_index_unit_count(ix, kind);
  size_t *g = g_new(size_t, n ? n : 1);
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
  if (kind == TR_UNIT_ARTICLE) {
    ensure_art_sorted(ix);
    sets.off = ix->art_off;
    sets.ids = ix->art_ids;
    sets.n = ix->nart;
  } else if (kind == TR_UNIT_AGREEMENT) {
    ensure_agreements(ix);
    sets.off = ix->agr_off;
    sets.ids = ix->agr_ids;
    sets.n = ix->nagr;
  } else {
    build_unit_sets(ix, kind, NULL, ix->nchap, &sets);
  }
  if (flags & TR_PAIRS_ACROSS_AGREEMENTS)
    group = unit_groups(ix, kind);
  l = g_new0(tr_pair_list, 1);
  l->items = join_sets(ix, &sets, threshold, group, run);
  g_free(group);
  if (kind == TR_UNIT_CHAPTER)
    csr_clear(&sets);
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
  best = g_new0(pair_t, ix->nart ? ix->nart : 1);
  bdate = g_new0(uint32_t, ix->nart ? ix->nart : 1);
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

/* ------------------------------------------------------------------ */
/* streamed overlap join                                              */
/* ------------------------------------------------------------------ */

/* Every pair of units sharing a shingle: an inverted index of the units' sets (each
 * list ascending), then row by row: the lists of a row's shingles counted into one
 * counter per later unit. Rows go in waves; each worker owns chunks of a wave's rows
 * and keeps their pairs, which the calling thread then hands to the callback in order.
 * Memory: the sets, the index, a counter array per worker and one wave's pairs. */

#define OVL_CHUNK 16

typedef struct {
  const tr_shingle_index *ix;
  const csr *sets;
  double t;
  size_t nu, row0;
  const uint64_t *post_off;
  const uint32_t *post;
  uint32_t **cnt, **touched, **tmp; /* per worker */
  GArray **out;                     /* per chunk of the wave */
} ovl_job;

static void ovl_range(size_t b, size_t e, unsigned w, void *user) {
  ovl_job *j = user;
  const csr *S = j->sets;
  uint32_t *cnt = j->cnt[w], *touched = j->touched[w];
  for (size_t r = b; r < e; r++) {
    size_t x = j->row0 + r, nt = 0, sx = unit_size(S, x);
    GArray *out = j->out[r / OVL_CHUNK];
    for (uint64_t k = S->off[x]; k < S->off[x + 1]; k++) {
      uint32_t g = S->ids[k];
      const uint32_t *p = j->post + j->post_off[g];
      size_t n = (size_t)(j->post_off[g + 1] - j->post_off[g]), lo = 0, hi = n;
      while (lo < hi) { /* first unit after x */
        size_t mid = (lo + hi) / 2;
        if (p[mid] <= x)
          lo = mid + 1;
        else
          hi = mid;
      }
      for (size_t q = lo; q < n; q++)
        if (cnt[p[q]]++ == 0)
          touched[nt++] = p[q];
    }
    tri_sort_u32(touched, nt, j->tmp[w]);
    for (size_t c = 0; c < nt; c++) {
      uint32_t y = touched[c], o = cnt[y];
      cnt[y] = 0;
      size_t uni = sx + unit_size(S, y) - o;
      if ((double)o / (double)uni >= j->t) {
        pair_t pr = { (uint32_t)x, y, o, (uint32_t)uni };
        g_array_append_val(out, pr);
      }
    }
  }
}

int tri_index_overlaps(const tr_shingle_index *ix, tr_unit_kind kind, double min_jaccard,
                       tr_pair_fn fn, void *user_data, tri_run *run) {
  csr sets = { 0 };
  ovl_job j = { 0 };
  unsigned T;
  size_t G, nu;
  uint64_t *post_off;
  uint32_t *post;
  int rc = TR_OK;
  if (!ix || (unsigned)kind > TR_UNIT_ARTICLE)
    return tri_fail(TR_ERR_INVALID_ARG, "index is NULL or kind unknown");
  if (!fn)
    return tri_fail(TR_ERR_INVALID_ARG, "fn is NULL");
  if (!(min_jaccard >= 0.0 && min_jaccard <= 1.0))
    return tri_fail(TR_ERR_INVALID_ARG, "min_jaccard %g is outside [0, 1]", min_jaccard);
  if (kind == TR_UNIT_ARTICLE) {
    sets.off = ix->art_off; /* order inside a set does not matter here */
    sets.ids = ix->art_ids;
    sets.n = ix->nart;
  } else if (kind == TR_UNIT_AGREEMENT) {
    ensure_agreements(ix);
    sets.off = ix->agr_off;
    sets.ids = ix->agr_ids;
    sets.n = ix->nagr;
  } else {
    build_unit_sets(ix, kind, NULL, ix->nchap, &sets);
  }
  nu = sets.n;
  G = ix->nvocab;
  T = run->threads;
  if (nu >= G_MAXUINT32) {
    if (kind == TR_UNIT_CHAPTER)
      csr_clear(&sets);
    return tri_fail(TR_ERR_LIMIT, "%zu units is too many", nu);
  }
  tr_phase_clock clk;
  tri_phase_begin(&clk);
  /* inverted index: units ascending in each list */
  post_off = g_new0(uint64_t, G + 1);
  for (uint64_t k = 0; k < sets.off[nu]; k++)
    post_off[sets.ids[k] + 1]++;
  for (size_t g = 0; g < G; g++)
    post_off[g + 1] += post_off[g];
  post = g_new(uint32_t, post_off[G] ? post_off[G] : 1);
  for (size_t u = 0; u < nu; u++) /* post_off[g] advances to the end of g's list, then shifts back */
    for (uint64_t k = sets.off[u]; k < sets.off[u + 1]; k++)
      post[post_off[sets.ids[k]]++] = (uint32_t)u;
  memmove(post_off + 1, post_off, G * sizeof(uint64_t));
  post_off[0] = 0;
  j.ix = ix;
  j.sets = &sets;
  j.t = min_jaccard;
  j.nu = nu;
  j.post_off = post_off;
  j.post = post;
  j.cnt = g_new(uint32_t *, T);
  j.touched = g_new(uint32_t *, T);
  j.tmp = g_new(uint32_t *, T);
  for (unsigned w = 0; w < T; w++) {
    j.cnt[w] = g_new0(uint32_t, nu ? nu : 1);
    j.touched[w] = g_new(uint32_t, nu ? nu : 1);
    j.tmp[w] = g_new(uint32_t, nu ? nu : 1);
  }
  /* waves of rows: small enough to keep their pairs, large enough for every worker */
  size_t wave = (size_t)OVL_CHUNK * T * 4;
  size_t nchunks = (wave + OVL_CHUNK - 1) / OVL_CHUNK;
  j.out = g_new(GArray *, nchunks);
  for (size_t c = 0; c < nchunks; c++)
    j.out[c] = g_array_new(FALSE, FALSE, sizeof(pair_t));
  tri_phase_end(ix->corpus, TR_PHASE_JOIN, &clk);
  tri_run_start(run, nu); /* progress: rows */
  for (size_t r0 = 0; r0 < nu && rc == TR_OK; r0 += wave) {
    size_t nr = MIN(wave, nu - r0);
    j.row0 = r0;
    tri_phase_begin(&clk);
    tri_parallel_for_run(nr, OVL_CHUNK, run, ovl_range, &j);
    tri_phase_end(ix->corpus, TR_PHASE_JOIN, &clk);
    if (tri_run_stopped(run)) /* cancelled: a wave may be incomplete, hand out nothing of it */
      break;
    for (size_t c = 0; c < (nr + OVL_CHUNK - 1) / OVL_CHUNK; c++) {
      GArray *o = j.out[c];
      for (guint i = 0; i < o->len && rc == TR_OK; i++) {
        const pair_t *p = &g_array_index(o, pair_t, i);
        rc = fn(p->a, p->b, p->inter, p->uni, user_data);
      }
      g_array_set_size(o, 0);
    }
    tri_corpus_progress(ix->corpus, "pairs", r0 + nr, nu);
  }
  for (size_t c = 0; c < nchunks; c++)
    g_array_free(j.out[c], TRUE);
  for (unsigned w = 0; w < T; w++) {
    g_free(j.cnt[w]);
    g_free(j.touched[w]);
    g_free(j.tmp[w]);
  }
  g_free(j.out);
  g_free(j.cnt);
  g_free(j.touched);
  g_free(j.tmp);
  g_free(post);
  g_free(post_off);
  if (kind == TR_UNIT_CHAPTER)
    csr_clear(&sets);
  return rc;
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
