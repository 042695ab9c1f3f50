/*
 * libtraderules - similarity searches streamed to a callback (issue 13: what `traderules
 * corpus similar` decided itself): every pair of units including those sharing nothing, by
 * blocks of rows through the matrix (tr_shingle_index_all_pairs()), and the most similar
 * units of given units (tr_shingle_index_most_similar()).
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-corpus-internal.h"

#include <stdlib.h>

static int check_job(const tr_shingle_index *ix, tr_unit_kind kind, const tr_analysis_options *options,
                     tr_pair_fn fn) {
  if (!ix || !fn)
    return tri_fail(TR_ERR_INVALID_ARG, "index or callback is NULL");
  if ((unsigned)kind > TR_UNIT_ARTICLE)
    return tri_fail(TR_ERR_INVALID_ARG, "unit kind %d is unknown", (int)kind);
  if (tri_analysis_options_selects(options))
    return tri_fail(TR_ERR_INVALID_ARG, "the corpus jobs select units, not catalog agreements: "
                                        "the analysis options must not set a filter or ids");
  return TR_OK;
}

/* Rows per block for n units: one block (the whole matrix) up to 1024 units, else B rows
 * against all columns with at most 2 Mi cells for the rows and 1 Mi for one block pair. */
static size_t block_rows(size_t n) {
  const size_t cells = (size_t)1 << 21;
  return n <= 1024 ? n : MIN((size_t)512, MAX((size_t)1, cells / n));
}

int tr_shingle_index_all_pairs(const tr_shingle_index *ix, tr_unit_kind kind,
                               const tr_analysis_options *options, tr_pair_fn fn, void *user_data) {
  int rc = check_job(ix, kind, options, fn);
  if (rc)
    return rc;
  size_t n = tr_shingle_index_unit_count(ix, kind);
  if (n == 0)
    return TR_OK;
  size_t B = block_rows(n), cmax = B == n ? n : 2 * B;
  /* the intersections of one block pair; of one block of rows against every column */
  uint64_t *mk = g_try_new(uint64_t, cmax * cmax);
  uint64_t *krow = B == n ? mk : g_try_new(uint64_t, B * n);
  size_t *bsel = g_try_new(size_t, cmax), *sizes = g_try_new(size_t, n);
  if (!mk || !krow || !bsel || !sizes) {
    rc = tri_fail(TR_ERR_NOMEM, "out of memory for the similarity rows of %zu units", n);
    goto out;
  }
  for (size_t a = 0; a < n; a++)
    sizes[a] = tr_shingle_index_unit_size(ix, kind, a);
  for (size_t i0 = 0; i0 < n && rc == 0; i0 += B) {
    size_t ni = MIN(n, i0 + B) - i0;
    for (size_t j0 = i0; j0 < n; j0 += B) {
      size_t nj = MIN(n, j0 + B) - j0, cnt = j0 == i0 ? ni : ni + nj;
      for (size_t k = 0; k < ni; k++)
        bsel[k] = i0 + k;
      for (size_t k = 0; j0 != i0 && k < nj; k++)
        bsel[ni + k] = j0 + k;
      rc = tr_shingle_index_matrix_with_options(ix, kind, B == n ? NULL : bsel, cnt, options, NULL, mk);
      if (rc)
        goto out;
      for (size_t x = 0; B != n && x < ni; x++)
        for (size_t y = 0; y < nj; y++)
          krow[x * n + j0 + y] = mk[x * cnt + (j0 == i0 ? y : ni + y)];
    }
    for (size_t x = 0; x < ni && rc == 0; x++) {
      size_t a = i0 + x;
      for (size_t b = a + 1; b < n && rc == 0; b++) {
        size_t k = (size_t)krow[x * n + b];
        rc = fn(a, b, k, sizes[a] + sizes[b] - k, user_data);
      }
    }
  }
out:
  if (krow != mk)
    g_free(krow);
  g_free(mk);
  g_free(bsel);
  g_free(sizes);
  return rc;
}

typedef struct {
  size_t b, k, un;
  double j;
} neighbour;

/* Most similar first; equal Jaccard: the lower unit index first. */
static int by_similarity(const void *x, const void *y) {
  const neighbour *p = x, *q = y;
  if (p->j != q->j)
    return p->j > q->j ? -1 : 1;
  return p->b < q->b ? -1 : p->b > q->b;
}

int tr_shingle_index_most_similar(const tr_shingle_index *ix, tr_unit_kind kind, const size_t *units,
                                  size_t count, size_t top, const tr_analysis_options *options,
                                  tr_pair_fn fn, void *user_data) {
  int rc = check_job(ix, kind, options, fn);
  if (rc)
    return rc;
  size_t n = tr_shingle_index_unit_count(ix, kind);
  if (count && !units)
    return tri_fail(TR_ERR_INVALID_ARG, "units is NULL");
  for (size_t i = 0; i < count; i++)
    if (units[i] >= n)
      return tri_fail(TR_ERR_INVALID_ARG, "unit %zu is out of range (%zu units)", units[i], n);
  neighbour *cand = g_try_new(neighbour, n ? n : 1);
  if (!cand)
    return tri_fail(TR_ERR_NOMEM, "out of memory for %zu units", n);
  tri_run run;
  tri_run_init(&run, options, 1);
  tri_run_start(&run, count);
  for (size_t i = 0; i < count && rc == 0 && !tri_run_stopped(&run); i++) {
    size_t a = units[i], nc = 0;
    for (size_t b = 0; b < n && top > 0 && rc == 0; b++) {
      neighbour c = { b, 0, 0, 0.0 };
      if (b == a)
        continue;
      rc = tr_shingle_index_jaccard(ix, kind, a, kind, b, &c.j, &c.k, &c.un);
      if (rc == 0 && c.k > 0)
        cand[nc++] = c;
    }
    if (rc)
      break;
    qsort(cand, nc, sizeof *cand, by_similarity);
    for (size_t r = 0; r < nc && r < top && rc == 0; r++)
      rc = fn(a, cand[r].b, cand[r].k, cand[r].un, user_data);
    if (rc == 0)
      tri_run_advance(&run, 1);
  }
  g_free(cand);
  if (rc) {
    tri_run_clear(&run);
    return rc;
  }
  return tri_run_finish(&run);
}
