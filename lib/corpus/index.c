/*
 * libtraderules - shingle index of a corpus: interned shingles, exact Jaccard,
 * all-pairs matrices, threshold joins (prefix + size filtering) and tracing.
 * This file: building (the stages in order), freeing and the per-unit queries; the
 * stages and the jobs live one per file (listed in tr-index-internal.h).
 * SPDX-License-Identifier: MIT
 *
 * Build pipeline (every phase parallel over the corpus's threads, every result
 * independent of the thread count):
 *  1. tokenise each article; tokens are interned in per-worker dictionaries, then
 *     merged into one dictionary and stored as one flat array of token ids
 *     (for character q-grams the flat array holds the normalised bytes);
 *  2. shingles (n consecutive flat entries inside one article) are interned exactly
 *     by hash buckets: every position is hashed once, scattered into its bucket, and
 *     each bucket is interned by one worker (index-intern.c). Keys are compared in
 *     full (packed, or against the first occurrence), so there is no collision; each
 *     distinct shingle gets a provisional id;
 *  3. article sets are gathered and deduplicated; each shingle's final id is its rank by
 *     (number of articles containing it, first occurrence), so sets sorted by id list
 *     rare shingles first (the order prefix filtering needs) and ids are deterministic.
 *     The sets are sorted on first use by a job that needs them sorted.
 */
#include "corpus/tr-index-internal.h"

#include <string.h>

static void interned_clear(tri_interned *in) {
  g_free(in->gram_at);
  g_free(in->base);
  g_free(in->first);
  memset(in, 0, sizeof *in);
}

/* The build's peak memory, estimated from the text: per token (about 6 bytes of text)
 * the flat array, the position ids, the interning buffer and the article sets take
 * about 16 bytes, the tokenizer's per-worker buffers and dictionaries the rest. */
static size_t build_estimate(const tr_shingle_index *ix) {
  size_t bytes = 0;
  for (size_t a = 0; a < ix->nart; a++)
    bytes += tri_corpus_article_len(ix->corpus, a);
  return tri_mem_mul(bytes, 4) + tri_mem_mul(ix->nart, 64) + ((size_t)1 << 20);
}

/* Progress of a build: every article tokenised, every hashing chunk, the interning
 * rounds (TRI_GRAM_CHUNKS units in all), every article's set gathered. */
static size_t build_units(const tr_shingle_index *ix) {
  return 2 * ix->nart + 2 * TRI_GRAM_CHUNKS;
}

int tr_shingle_index_new_with_options(const tr_corpus *corpus, tr_shingle_kind kind, unsigned n,
                                      const tr_analysis_options *options, tr_shingle_index **out) {
  tr_shingle_index *ix;
  tri_interned in = { 0 };
  tri_run run;
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
  if (tri_analysis_options_selects(options))
    return tri_fail(TR_ERR_INVALID_ARG, "an index covers the whole corpus: the analysis "
                                        "options must not set a filter or ids");
  ix = g_try_new0(tr_shingle_index, 1);
  if (!ix)
    return tri_fail(TR_ERR_NOMEM, "out of memory for a shingle index");
  ix->corpus = corpus;
  ix->kind = kind;
  ix->n = n;
  ix->nart = tr_corpus_article_count(corpus);
  ix->nagr = tr_corpus_agreement_count(corpus);
  ix->nchap = tr_corpus_chapter_count(corpus);
  /* options NULL or threads 0: the corpus's count when NULL, one per processor otherwise */
  tri_run_init(&run, options, options ? 0 : tri_corpus_threads(corpus));
  ix->threads = run.threads;
  pthread_mutex_init(&ix->art_lock, NULL);
  pthread_mutex_init(&ix->agr_lock, NULL);
  tri_corpus_index_ref(corpus, 1);
  rc = tri_mem_probe(build_estimate(ix), NULL, "building this shingle index");
  if (rc == TR_OK) {
    tri_run_start(&run, build_units(ix));
    rc = tri_index_tokens(ix, &run);
  }
  if (rc == TR_OK && !tri_run_stopped(&run))
    rc = tri_index_intern(ix, &in, &run);
  if (rc == TR_OK && !tri_run_stopped(&run))
    rc = tri_index_sets(ix, &in, &run);
  interned_clear(&in);
  tri_mem_trim(); /* the stages' temporaries (token buffers, position ids, buckets) */
  if (rc != TR_OK)
    tri_run_clear(&run);
  else
    rc = tri_run_finish(&run); /* TR_ERR_CANCELLED if it was */
  if (rc != TR_OK) {
    tr_shingle_index_free(ix);
    return rc;
  }
  *out = ix;
  return TR_OK;
}

int tr_shingle_index_new(const tr_corpus *corpus, tr_shingle_kind kind, unsigned n,
                         tr_shingle_index **out) {
  return tr_shingle_index_new_with_options(corpus, kind, n, NULL, out);
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
  pthread_mutex_destroy(&ix->agr_lock);
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

gboolean tri_index_unit_ok(const tr_shingle_index *ix, tr_unit_kind kind, size_t u) {
  return ix && (unsigned)kind <= TR_UNIT_ARTICLE && u < tr_shingle_index_unit_count(ix, kind);
}

/* A unit's set: borrowed (articles, agreements) or allocated into *own; NULL with an
 * error set (out of memory). */
static const uint32_t *unit_ids(const tr_shingle_index *ix, tr_unit_kind kind, size_t u,
                                size_t *n, uint32_t **own) {
  *own = NULL;
  *n = 0;
  if (kind != TR_UNIT_AGREEMENT && tri_index_sort_articles(ix) != TR_OK)
    return NULL;
  if (kind == TR_UNIT_ARTICLE) {
    *n = ix->art_off[u + 1] - ix->art_off[u];
    return ix->art_ids + ix->art_off[u];
  }
  if (kind == TR_UNIT_AGREEMENT) {
    if (tri_index_agreements(ix) != TR_OK)
      return NULL;
    *n = ix->agr_off[u + 1] - ix->agr_off[u];
    return ix->agr_ids + ix->agr_off[u];
  }
  size_t first, count;
  tri_index_unit_range(ix, kind, u, &first, &count);
  size_t cap = ix->art_off[first + count] - ix->art_off[first];
  uint32_t *tmp = tri_big_try_new(uint32_t, cap ? cap : 1);
  *own = tri_big_try_new(uint32_t, cap ? cap : 1);
  if (!tmp || !*own) {
    g_free(tmp);
    g_free(*own);
    *own = NULL;
    tri_fail(TR_ERR_NOMEM, "out of memory for the set of unit %zu", u);
    return NULL;
  }
  *n = tri_index_union_articles(ix, first, count, *own, tmp, TRUE);
  g_free(tmp);
  return *own;
}

size_t tr_shingle_index_unit_size(const tr_shingle_index *ix, tr_unit_kind kind, size_t u) {
  size_t n;
  uint32_t *own;
  if (!tri_index_unit_ok(ix, kind, u))
    return 0;
  unit_ids(ix, kind, u, &n, &own); /* n is 0 if that failed */
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
  int rc;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "out is NULL");
  *out = NULL;
  if (!tri_index_unit_ok(ix, kind, u))
    return tri_fail(TR_ERR_INVALID_ARG, "unit %zu of kind %d is out of range", u, (int)kind);
  ids = unit_ids(ix, kind, u, &n, &own);
  if (!ids)
    return tr_error_code();
  rc = tri_index_set_of_ids(ix, ids, n, out);
  g_free(own);
  return rc == TR_OK ? TR_OK : tri_fail(rc, "out of memory for the set of unit %zu", u);
}

int tri_index_set_of_ids(const tr_shingle_index *ix, const uint32_t *ids, size_t n,
                         tr_shingle_set **out) {
  char **items = g_try_new(char *, n + 1);
  *out = NULL;
  if (!items)
    return TR_ERR_NOMEM;
  for (size_t i = 0; i < n; i++)
    items[i] = shingle_string(ix, ids[i]);
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
  if (!tri_index_unit_ok(ix, ka, a) || !tri_index_unit_ok(ix, kb, b))
    return tri_fail(TR_ERR_INVALID_ARG, "unit out of range");
  ia = unit_ids(ix, ka, a, &na, &oa);
  ib = ia ? unit_ids(ix, kb, b, &nb, &ob) : NULL;
  if (!ib) {
    g_free(oa);
    return tr_error_code();
  }
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

