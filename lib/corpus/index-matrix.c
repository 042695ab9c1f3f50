/*
 * libtraderules - shingle index: the all-pairs intersection matrix.
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-index-internal.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* all-pairs intersection matrix                                      */
/* ------------------------------------------------------------------ */

#define HEAVY_DF 24
#define MAT_RANGES 64
#define HEAVY_BIT 0x80000000u

typedef struct {
  const csr *sets;
  size_t nu;
  /* light postings: unit numbers, 16 bits each when there are at most 65,536 units */
  uint32_t *post_off;
  uint32_t *post;
  uint16_t *post16;
  uint32_t **acc; /* per worker nu*nu upper triangle */
  unsigned nacc;
  /* heavy bits */
  uint64_t *bits;
  size_t words;
  uint64_t (*and_popcount)(const uint64_t *, const uint64_t *, size_t);
  uint64_t *inter;
  /* the result: intersections summed over the workers' triangles, then the output rows */
  const uint64_t *size; /* set sizes */
  double *jaccard;
  uint64_t *intersection;
  /* the posting build, parallel over MAT_RANGES ranges of shingle ids (each unit's set
   * is ascending, so a range is one stretch of it) */
  uint32_t *code;
  size_t G;
  uint64_t range_light[MAT_RANGES + 1]; /* light postings before each range */
  uint64_t range_heavy[MAT_RANGES + 1]; /* heavy shingles before each range */
  int pass;
} mat_job;

#define MAT_LIGHT(T, POST)                                                                         \
  do {                                                                                             \
    for (size_t g = b; g < e; g++) {                                                               \
      const T *p = j->POST + j->post_off[g];                                                       \
      size_t n = j->post_off[g + 1] - j->post_off[g];                                              \
      for (size_t x = 0; x < n; x++) {                                                             \
        uint32_t *row = acc + (size_t)p[x] * j->nu;                                                \
        for (size_t y = x + 1; y < n; y++)                                                         \
          row[p[y]]++;                                                                             \
      }                                                                                            \
    }                                                                                              \
  } while (0)

static void mat_light(size_t b, size_t e, unsigned w, void *user) {
  mat_job *j = user;
  uint32_t *acc = j->acc[w];
  if (j->post16)
    MAT_LIGHT(uint16_t, post16);
  else
    MAT_LIGHT(uint32_t, post);
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

/* The posting build by ranges of shingle ids (every range is written by one worker):
 * pass 0 counts the units of each shingle and the range's light postings and heavy
 * shingles; pass 1 gives each shingle its list start (light) or bit column (heavy);
 * pass 2 fills the light lists (units ascending); pass 3 turns list ends into starts. */
static void mat_build_range(size_t b, size_t e, unsigned w, void *user) {
  mat_job *j = user;
  const csr *S = j->sets;
  uint32_t *code = j->code;
  (void)w;
  for (size_t r = b; r < e; r++) {
    uint32_t g0 = (uint32_t)((uint64_t)j->G * r / MAT_RANGES);
    uint32_t g1 = (uint32_t)((uint64_t)j->G * (r + 1) / MAT_RANGES);
    if (j->pass == 0) /* code is not zeroed: each range clears its own, in parallel */
      memset(code + g0, 0, (size_t)(g1 - g0) * sizeof(uint32_t));
    if (j->pass == 0 || j->pass == 2) {
      for (size_t u = 0; u < j->nu; u++) {
        uint64_t end = S->off[u + 1], k = tri_lower_u32(S->ids, S->off[u], end, g0);
        const uint32_t *ids = S->ids;
        if (j->pass == 0) {
          for (; k < end && ids[k] < g1; k++)
            code[ids[k]]++;
        } else if (j->post16) {
          for (; k < end && ids[k] < g1; k++) {
            uint32_t c = code[ids[k]];
            if (!(c & HEAVY_BIT)) {
              j->post16[c] = (uint16_t)u;
              code[ids[k]] = c + 1;
            }
          }
        } else {
          for (; k < end && ids[k] < g1; k++) {
            uint32_t c = code[ids[k]];
            if (!(c & HEAVY_BIT)) {
              j->post[c] = (uint32_t)u;
              code[ids[k]] = c + 1;
            }
          }
        }
      }
      if (j->pass == 0) {
        uint64_t nl = 0, nh = 0;
        for (uint32_t g = g0; g < g1; g++) {
          if (code[g] > HEAVY_DF)
            nh++;
          else
            nl += code[g];
        }
        j->range_light[r + 1] = nl;
        j->range_heavy[r + 1] = nh;
      }
    } else if (j->pass == 1) {
      uint64_t nl = j->range_light[r], nh = j->range_heavy[r];
      for (uint32_t g = g0; g < g1; g++) {
        uint32_t f = code[g];
        if (f > HEAVY_DF) {
          code[g] = HEAVY_BIT | (uint32_t)nh++;
        } else {
          code[g] = (uint32_t)nl;
          nl += f;
        }
      }
    } else {
      /* code[g] is the end of g's list (light) or a bit column (heavy, empty list):
       * the start of g's list = the end of the list before it */
      uint32_t end = (uint32_t)j->range_light[r];
      for (uint32_t g = g0; g < g1; g++) {
        uint32_t c = code[g];
        code[g] = end;
        if (!(c & HEAVY_BIT))
          end = c;
      }
    }
  }
}

/* The heavy shingles' bits, parallel over units (each unit's row of words is its own);
 * and row u of every worker's triangle cleared (columns after u, the only ones the light
 * pairs count: a list's units ascend), not at allocation on the calling thread. */
static void mat_bits_range(size_t b, size_t e, unsigned w, void *user) {
  mat_job *j = user;
  const csr *S = j->sets;
  (void)w;
  for (size_t u = b; u < e; u++) {
    for (unsigned t = 0; t < j->nacc; t++)
      memset(j->acc[t] + u * j->nu + u + 1, 0, (j->nu - u - 1) * sizeof(uint32_t));
    memset(j->bits + u * j->words, 0, j->words * sizeof(uint64_t)); /* not zeroed before */
    for (uint64_t k = S->off[u]; k < S->off[u + 1]; k++) {
      uint32_t c = j->code[S->ids[k]];
      if (c & HEAVY_BIT) {
        c &= ~HEAVY_BIT;
        j->bits[u * j->words + c / 64] |= 1ULL << (c % 64);
      }
    }
  }
}

/* The workers' triangles summed into inter (not zeroed before), by rows: the upper
 * triangle only (columns after the row), the part that is counted and read. */
static void mat_sum_range(size_t b, size_t e, unsigned w, void *user) {
  mat_job *j = user;
  const unsigned T = j->nacc;
  (void)w;
  for (size_t x = b; x < e; x++) {
    uint64_t *row = j->inter + x * j->nu;
    const uint32_t *a0 = j->acc[0] + x * j->nu;
    for (size_t y = x + 1; y < j->nu; y++)
      row[y] = a0[y];
    for (unsigned t = 1; t < T; t++) {
      const uint32_t *at = j->acc[t] + x * j->nu;
      for (size_t y = x + 1; y < j->nu; y++)
        row[y] += at[y];
    }
  }
}

/* The output rows: intersections (upper triangle of inter, sizes on the diagonal) and
 * Jaccard values, by rows (the first writes to the caller's arrays are spread over the
 * threads). */
static void mat_out_range(size_t b, size_t e, unsigned w, void *user) {
  mat_job *j = user;
  const size_t n = j->nu;
  (void)w;
  for (size_t x = b; x < e; x++) {
    uint64_t sx = j->size[x];
    for (size_t y = 0; y < n; y++) {
      uint64_t sy = j->size[y];
      uint64_t k = x == y ? sx : x < y ? j->inter[x * n + y] : j->inter[y * n + x], u = sx + sy - k;
      if (j->jaccard)
        j->jaccard[x * n + y] = u ? (double)k / (double)u : 0.0;
      if (j->intersection)
        j->intersection[x * n + y] = k;
    }
  }
}

/* Intersections of every pair of sets (upper triangle of inter, nu*nu; need not be
 * zeroed).
 * Shingles in more than HEAVY_DF units go to a bit matrix (popcount of ANDs), the
 * others to posting lists whose pairs are counted directly. */
static int matrix_core(const tr_shingle_index *ix, const csr *sets, uint64_t *inter, tri_run *run) {
  size_t nu = sets->n, G = ix->nvocab, nheavy = 0;
  unsigned T = run->threads;
  /* one array for three things: the unit frequency of each shingle; then, for a light
   * shingle, where its posting list is filled (its start, advancing to its end) and, for
   * a heavy one, HEAVY_BIT | its bit column; finally post_off (start of each list) */
  uint32_t *code = tri_big_try_new(uint32_t, G + 1);
  uint64_t nlight = 0;
  mat_job j = { 0 };
  if (!code)
    return tri_fail(TR_ERR_NOMEM, "out of memory for the matrix of %zu units", nu);
  /* Chosen per call, not stored in a global: concurrent callers writing a
   * shared function pointer was a data race (found by tests/threads under TSan). */
  j.and_popcount = and_popcount_sw;
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
  if (__builtin_cpu_supports("popcnt"))
    j.and_popcount = and_popcount_hw;
#endif
  j.sets = sets;
  j.nu = nu;
  j.code = code;
  j.G = G;
  j.pass = 0; /* unit frequencies, light postings and heavy shingles per range */
  tri_parallel_for(MAT_RANGES, 1, T, mat_build_range, &j);
  for (size_t r = 0; r < MAT_RANGES; r++) {
    j.range_light[r + 1] += j.range_light[r];
    j.range_heavy[r + 1] += j.range_heavy[r];
  }
  nlight = j.range_light[MAT_RANGES];
  nheavy = (size_t)j.range_heavy[MAT_RANGES];
  if (nlight < HEAVY_BIT && nheavy < HEAVY_BIT) {
    j.pass = 1; /* list starts and bit columns */
    tri_parallel_for(MAT_RANGES, 1, T, mat_build_range, &j);
  }
  if (nlight >= HEAVY_BIT || nheavy >= HEAVY_BIT) {
    g_free(code);
    return tri_fail(TR_ERR_LIMIT, "too many shingle occurrences for one matrix");
  }
  if (nu <= 65536)
    j.post16 = tri_big_try_new(uint16_t, nlight ? nlight : 1);
  else
    j.post = tri_big_try_new(uint32_t, nlight ? nlight : 1);
  j.words = (nheavy + 63) / 64;
  j.bits = tri_big_try_new(uint64_t, tri_mem_mul(j.words, nu) + 1);
  j.acc = g_try_new0(uint32_t *, T);
  for (unsigned w = 0; j.acc && w < T; w++)
    if (!(j.acc[w] = g_try_new(uint32_t, nu * nu))) /* cleared in mat_bits_range */
      break;
  if ((!j.post && !j.post16) || !j.bits || !j.acc || !j.acc[T - 1]) {
    if (j.acc)
      for (unsigned w = 0; w < T; w++)
        g_free(j.acc[w]);
    g_free(j.acc);
    g_free(j.post);
    g_free(j.post16);
    g_free(j.bits);
    g_free(code);
    return tri_fail(TR_ERR_NOMEM, "out of memory for the matrix of %zu units", nu);
  }
  j.nacc = T;
  j.pass = 2; /* light lists */
  tri_parallel_for(MAT_RANGES, 1, T, mat_build_range, &j);
  tri_parallel_for(nu, 16, T, mat_bits_range, &j);
  j.pass = 3; /* list ends to starts */
  tri_parallel_for(MAT_RANGES, 1, T, mat_build_range, &j);
  code[G] = (uint32_t)nlight;
  j.post_off = code;
  tri_run_start(run, G + (nheavy ? nu : 0)); /* progress: shingles, then heavy rows */
  tri_parallel_for_run(G, 4096, run, mat_light, &j);
  g_free(j.post);
  g_free(j.post16);
  g_free(j.post_off);
  j.inter = inter;
  tri_parallel_for(nu, 8, T, mat_sum_range, &j);
  for (unsigned w = 0; w < T; w++)
    g_free(j.acc[w]);
  g_free(j.acc);
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
      if (!tri_index_unit_ok(ix, kind, units[i]))
        return tri_fail(TR_ERR_INVALID_ARG, "unit %zu is out of range", units[i]);
  if (count > 0 && count > ((size_t)1 << 31) / count)
    return tri_fail(TR_ERR_LIMIT, "%zu units is too many for a full matrix", count);
  if (count == 0)
    return TR_OK;
  tri_corpus_progress(ix->corpus, "matrix", 0, 1);
  if (kind == TR_UNIT_AGREEMENT && !units) {
    if (tri_index_agreements(ix) != TR_OK)
      return tr_error_code();
    sets.off = ix->agr_off;
    sets.ids = ix->agr_ids;
    sets.n = ix->nagr;
  } else if (tri_index_unit_sets(ix, kind, units, count, &sets) != TR_OK) {
    return tr_error_code();
  }
  tr_phase_clock clk;
  tri_phase_begin(&clk);
  inter = g_try_new(uint64_t, count * count);
  if (!inter)
    tri_fail(TR_ERR_NOMEM, "out of memory for the matrix of %zu units", count);
  if (!inter || matrix_core(ix, &sets, inter, run) != TR_OK || tri_run_stopped(run)) {
    g_free(inter);
    if (sets.off != ix->agr_off)
      tri_csr_clear(&sets);
    return tri_run_stopped(run) ? TR_OK : tr_error_code();
  }
  {
    mat_job o = { 0 };
    uint64_t *size = g_try_new(uint64_t, count);
    if (!size) {
      g_free(inter);
      if (sets.off != ix->agr_off)
        tri_csr_clear(&sets);
      return tri_fail(TR_ERR_NOMEM, "out of memory for the matrix of %zu units", count);
    }
    for (size_t x = 0; x < count; x++)
      size[x] = sets.off[x + 1] - sets.off[x];
    o.nu = count;
    o.inter = inter;
    o.size = size;
    o.jaccard = jaccard;
    o.intersection = intersection;
    tri_parallel_for(count, 8, run->threads, mat_out_range, &o);
    g_free(size);
  }
  g_free(inter);
  tri_phase_end(ix->corpus, TR_PHASE_JOIN, &clk);
  if (sets.off != ix->agr_off)
    tri_csr_clear(&sets);
  tri_corpus_progress(ix->corpus, "matrix", 1, 1);
  return TR_OK;
}

