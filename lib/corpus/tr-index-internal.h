/*
 * libtraderules - the shingle index's internals, shared by its stages (not installed).
 * SPDX-License-Identifier: MIT
 *
 * The index is built and queried in stages, one file each:
 *   index-tokens.c    phase 1: tokenise each article, intern tokens, the flat token array;
 *   index-intern.c    phase 2: intern shingles by hash buckets (exact, provisional ids);
 *   index-sets.c      phase 3: article sets, final ids (rank by document frequency,
 *                     then first occurrence); the lazy article-set sort; unit sets;
 *   index.c           the public index: build, free, sizes, per-unit queries;
 *   index-matrix.c    the all-pairs intersection matrix;
 *   index-join.c      threshold joins (pairs, trace) and the pair lists;
 *   index-overlaps.c  the streamed join of every pair sharing a shingle.
 * Hashing, sorting and set intersection: core/tr-hash-sort.h.
 */
#ifndef TR_INDEX_INTERNAL_H
#define TR_INDEX_INTERNAL_H

#include "corpus/tr-corpus-internal.h"
#include "core/tr-hash-sort.h"

G_BEGIN_DECLS

struct tr_shingle_index {
  const tr_corpus *corpus;
  tr_shingle_kind kind;
  unsigned n;
  unsigned threads;
  size_t nart, nagr, nchap;
  /* flat token ids (word kinds) or bytes (char kind), followed by TRI_FLAT_SLACK zero
   * bytes (interning reads a shingle's key as three 8-byte words) */
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
  /* final ids below this are shingles of exactly one article (ids rank by document
   * frequency first): no join can find a pair through them */
  size_t nsingle;
  /* article sets and agreement sets (CSR, ids ascending) */
  uint64_t *art_off;
  uint32_t *art_ids;
  /* Agreement sets, built on first use under agr_lock; agr_ready (atomic) says they are
   * there. A failed build (out of memory) leaves nothing: the next use tries again. */
  uint64_t *agr_off;
  uint32_t *agr_ids;
  pthread_mutex_t agr_lock;
  int agr_ready;
  /* Article sets are sorted on first use: the agreement matrix does not need them
   * sorted. art_lock keeps the agreement-set build (which reads them) and the sort
   * (which permutes them) apart; art_sorted is written under it (atomic store) and
   * read under it or with an atomic load. Locks are pthread mutexes, not GMutex:
   * ThreadSanitizer cannot see GLib's futex. */
  pthread_mutex_t art_lock;
  int art_sorted;
  size_t art_maxlen;
};

#define TRI_FLAT_SLACK 24

/* Sets in compressed rows: set u is ids[off[u] .. off[u + 1]). */
typedef struct {
  uint64_t *off;
  uint32_t *ids;
  size_t n;
} csr;

void tri_csr_clear(csr *c);

static inline size_t unit_size(const csr *s, size_t u) {
  return (size_t)(s->off[u + 1] - s->off[u]);
}

/* A pair of units with their intersection and union sizes (a pair list's items). */
typedef struct {
  uint32_t a, b;
  uint32_t inter, uni;
} pair_t;

struct tr_pair_list {
  GArray *items; /* pair_t */
};

/* Pairs found by a join worker (output-sized, so grown with g_try_realloc: an
 * allocation failure sets nomem and the pair is dropped; the caller then fails the
 * whole job with TR_ERR_NOMEM instead of aborting in GLib). */
typedef struct {
  pair_t *v;
  size_t n, cap;
  int nomem;
} tri_pairvec;

static inline void tri_pairvec_push(tri_pairvec *pv, pair_t p) {
  if (pv->n == pv->cap) {
    size_t cap = pv->cap ? pv->cap * 2 : 256;
    pair_t *v = cap > G_MAXSIZE / sizeof(pair_t) ? NULL : g_try_realloc(pv->v, cap * sizeof(pair_t));
    if (!v) {
      pv->nomem = 1;
      return;
    }
    pv->v = v;
    pv->cap = cap;
  }
  pv->v[pv->n++] = p;
}

/* What interning (phase 2) hands to the set build (phase 3), which frees it. */
typedef struct {
  uint32_t *gram_at; /* per flat position: (bucket << (32 - lg)) | id inside the bucket */
  uint32_t *base;    /* first provisional id of each bucket */
  uint32_t *first;   /* provisional id -> flat position of its first occurrence */
  size_t nprov;      /* provisional ids */
  unsigned lg;       /* 2^lg buckets */
} tri_interned;

/* The build stages, in order, under @run (threads: run->threads = ix->threads; progress
 * and cancellation between chunks: tokenise nart units, intern 2 * TRI_GRAM_CHUNKS,
 * sets nart). Each returns TR_OK (also when the run was cancelled: the caller checks
 * tri_run_stopped()) or an error (TR_ERR_LIMIT, TR_ERR_NOMEM). What a stage allocated
 * is in @ix or @in, freed by tr_shingle_index_free() and the caller. */
#define TRI_GRAM_CHUNKS 64
int tri_index_tokens(tr_shingle_index *ix, tri_run *run);
int tri_index_intern(tr_shingle_index *ix, tri_interned *out, tri_run *run);
int tri_index_sets(tr_shingle_index *ix, tri_interned *in, tri_run *run);

/* Sort the article sets (ids ascending), once (thread-safe). TR_OK or TR_ERR_NOMEM
 * (then nothing changed). */
int tri_index_sort_articles(const tr_shingle_index *ix);
/* Agreement sets, built once on first use (thread-safe). TR_OK or TR_ERR_NOMEM (then
 * nothing is kept). */
int tri_index_agreements(const tr_shingle_index *ix);
/* Sets of the given units (NULL = all of the kind), compacted CSR. TR_OK, or
 * TR_ERR_NOMEM with @out empty. */
int tri_index_unit_sets(const tr_shingle_index *ix, tr_unit_kind kind, const size_t *units,
                        size_t count, csr *out);
/* The sets of every unit of @kind (articles, chapters or agreements), ids ascending:
 * borrowed from the index for articles (sorted on first use) and agreements (built on
 * first use), built for chapters. Release with tri_index_sets_release() (frees only what
 * was built). TR_OK, or TR_ERR_NOMEM with @sets empty. The article sets are always
 * sorted first, also for a job that does not need them ascending: a job reading them
 * unsorted could run while another thread's job sorts them in place. */
int tri_index_sets_for(const tr_shingle_index *ix, tr_unit_kind kind, csr *sets);
void tri_index_sets_release(const tr_shingle_index *ix, csr *sets);
/* The article range of a unit. */
void tri_index_unit_range(const tr_shingle_index *ix, tr_unit_kind kind, size_t u, size_t *first,
                          size_t *count);
/* Union of the sets of articles [first, first + count) into out (capacity enough; tmp as
 * many slots); returns its size. @sorted: the article sets are sorted. */
size_t tri_index_union_articles(const tr_shingle_index *ix, size_t first, size_t count,
                                uint32_t *out, uint32_t *tmp, gboolean sorted);
/* The public set of the shingles @ids (any order, no repeats): TR_OK, or TR_ERR_NOMEM
 * without setting the error (the caller names what). Safe from several threads. */
int tri_index_set_of_ids(const tr_shingle_index *ix, const uint32_t *ids, size_t n,
                         tr_shingle_set **out);
gboolean tri_index_unit_ok(const tr_shingle_index *ix, tr_unit_kind kind, size_t u);

G_END_DECLS

#endif
