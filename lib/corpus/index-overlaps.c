/*
 * libtraderules - shingle index: the streamed overlap join (every pair sharing a shingle).
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-index-internal.h"

#include <string.h>

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
  tri_pairvec *out;                 /* per chunk of the wave */
} ovl_job;

static void ovl_range(size_t b, size_t e, unsigned w, void *user) {
  ovl_job *j = user;
  const csr *S = j->sets;
  uint32_t *cnt = j->cnt[w], *touched = j->touched[w];
  for (size_t r = b; r < e; r++) {
    size_t x = j->row0 + r, nt = 0, sx = unit_size(S, x);
    tri_pairvec *out = &j->out[r / OVL_CHUNK];
    if (out->nomem)
      return;
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
        tri_pairvec_push(out, pr);
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
  if (tri_index_sets_for(ix, kind, &sets) != TR_OK)
    return tr_error_code();
  nu = sets.n;
  G = ix->nvocab;
  T = run->threads;
  if (nu >= G_MAXUINT32) {
    tri_index_sets_release(ix, &sets);
    return tri_fail(TR_ERR_LIMIT, "%zu units is too many", nu);
  }
  tr_phase_clock clk;
  tri_phase_begin(&clk);
  /* inverted index: units ascending in each list */
  post_off = tri_big_try_new0(uint64_t, G + 1);
  post = NULL;
  j.cnt = g_try_new0(uint32_t *, T);
  j.touched = g_try_new0(uint32_t *, T);
  j.tmp = g_try_new0(uint32_t *, T);
  if (!post_off || !j.cnt || !j.touched || !j.tmp)
    goto nomem;
  for (unsigned w = 0; w < T; w++) {
    j.cnt[w] = g_try_new0(uint32_t, nu ? nu : 1);
    j.touched[w] = g_try_new(uint32_t, nu ? nu : 1);
    j.tmp[w] = g_try_new(uint32_t, nu ? nu : 1);
    if (!j.cnt[w] || !j.touched[w] || !j.tmp[w])
      goto nomem;
  }
  for (uint64_t k = 0; k < sets.off[nu]; k++)
    post_off[sets.ids[k] + 1]++;
  for (size_t g = 0; g < G; g++)
    post_off[g + 1] += post_off[g];
  post = tri_big_try_new(uint32_t, post_off[G] ? post_off[G] : 1);
  if (!post)
    goto nomem;
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
  /* waves of rows: small enough to keep their pairs, large enough for every worker */
  size_t wave = (size_t)OVL_CHUNK * T * 4;
  size_t nchunks = (wave + OVL_CHUNK - 1) / OVL_CHUNK;
  j.out = g_try_new0(tri_pairvec, nchunks); /* the pairs grow with g_try_realloc */
  if (!j.out)
    goto nomem;
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
    size_t nc = (nr + OVL_CHUNK - 1) / OVL_CHUNK;
    for (size_t c = 0; c < nc; c++)
      if (j.out[c].nomem) /* a wave's pairs did not fit: hand out nothing of it */
        rc = tri_fail(TR_ERR_NOMEM, "out of memory for the overlaps of %zu units", nu);
    for (size_t c = 0; c < nc; c++) {
      tri_pairvec *o = &j.out[c];
      for (size_t i = 0; i < o->n && rc == TR_OK; i++) {
        const pair_t *p = &o->v[i];
        rc = fn(p->a, p->b, p->inter, p->uni, user_data);
      }
      o->n = 0;
    }
    tri_corpus_progress(ix->corpus, "pairs", r0 + nr, nu);
  }
  for (size_t c = 0; c < nchunks; c++)
    g_free(j.out[c].v);
  g_free(j.out);
  goto done;
nomem:
  rc = tri_fail(TR_ERR_NOMEM, "out of memory for the overlaps of %zu units", nu);
done:
  for (unsigned w = 0; w < T; w++) {
    if (j.cnt)
      g_free(j.cnt[w]);
    if (j.touched)
      g_free(j.touched[w]);
    if (j.tmp)
      g_free(j.tmp[w]);
  }
  g_free(j.cnt);
  g_free(j.touched);
  g_free(j.tmp);
  g_free(post);
  g_free(post_off);
  tri_index_sets_release(ix, &sets);
  return rc;
}

