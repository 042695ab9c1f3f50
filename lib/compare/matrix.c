/*
 * libtraderules - all-pairs distance matrix on a compact bit-sliced encoding.
 *
 * Each agreement becomes a few 64-bit masks with one bit per category:
 * known, and the thermometer code of its level (t1: >= soft, t2: >= mixed,
 * t3: hard), so that sum |La - Lb| = popcount((t1a^t1b)|...) summed per plane;
 * exceptions become one mask per exception flag in use. A pair then costs a
 * constant number of word operations, and each result is packed in 16 bits
 * (distance numerator in sixths << 6 | comparable count): memory and time grow
 * with the number of pairs only.
 * SPDX-License-Identifier: MIT
 */
#include "compare/compare-private.h"

#include <math.h>

#define MAX_EXC 32

typedef struct {
  guint64 known, t1, t2, t3, anyexc;
} code_t;

struct tr_matrix {
  size_t n;
  char **ids;
  guint16 *cells; /* condensed upper triangle, n(n-1)/2 entries */
  guint8 *self;   /* known count per row */
};

typedef struct {
  const code_t *codes;
  const guint64 *exc; /* nexc masks per row */
  int nexc;
  size_t n;
  guint16 *cells;
} job_t;

static inline size_t triangle_index(size_t n, size_t i, size_t j) {
  /* i < j */
  return i * n - i * (i + 1) / 2 + (j - i - 1);
}

static inline __attribute__((always_inline)) guint16 pair_cell(const job_t *job, size_t i, size_t j) {
  const code_t *a = &job->codes[i], *b = &job->codes[j];
  guint64 both = a->known & b->known;
  guint64 x1 = (a->t1 ^ b->t1) & both, x2 = (a->t2 ^ b->t2) & both, x3 = (a->t3 ^ b->t3) & both;
  guint num = 2u * (guint)(__builtin_popcountll(x1) + __builtin_popcountll(x2) + __builtin_popcountll(x3));
  guint64 cand = both & a->t1 & ~(x1 | x2 | x3) & (a->anyexc | b->anyexc);
  if (cand) {
    const guint64 *ea = &job->exc[i * (size_t)job->nexc], *eb = &job->exc[j * (size_t)job->nexc];
    guint64 diff = 0;
    for (int k = 0; k < job->nexc; k++)
      diff |= ea[k] ^ eb[k];
    num += (guint)__builtin_popcountll(cand & diff);
  }
  return (guint16)((num << 6) | (guint)__builtin_popcountll(both));
}

/* Work is handed out in blocks of ROW_CHUNK rows by the library's parallel-for
 * (its atomic counter balances the triangle between threads; progress and
 * cancellation happen between blocks); inside a block, columns are walked in
 * tiles of COL_TILE so the encodings they read stay in cache for all the block's rows. */
#define ROW_CHUNK 32
#define COL_TILE 2048

static inline __attribute__((always_inline)) void rows_body(size_t start, size_t end, void *user) {
  job_t *job = user;
  size_t n = job->n;
  for (size_t j0 = start + 1; j0 < n; j0 += COL_TILE) {
    size_t j1 = MIN(n, j0 + COL_TILE);
    for (size_t i = start; i < end; i++) {
      guint16 *row = job->cells + triangle_index(n, i, i + 1) - (i + 1); /* row[j] = cell (i, j) */
      for (size_t j = MAX(j0, i + 1); j < j1; j++)
        row[j] = pair_cell(job, i, j);
    }
  }
}

/* The kernel is mostly popcounts: on x86-64, use the POPCNT instruction when the
 * processor has it (a generic build would call a slow library routine). */
static void rows_generic(size_t begin, size_t end, unsigned w, void *user) {
  (void)w;
  rows_body(begin, end, user);
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("popcnt"))) static void rows_popcnt(size_t begin, size_t end, unsigned w, void *user) {
  (void)w;
  rows_body(begin, end, user);
}
#endif

/* Chosen per call (a shared function pointer written by concurrent callers would race). */
static tr_par_fn pick_rows(void) {
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("popcnt"))
    return rows_popcnt;
#endif
  return rows_generic;
}

int tr_matrix_new_with_options(const tr_catalog *catalog, const tr_analysis_options *options, tr_matrix **out) {
  if (!catalog || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_matrix_new_with_options: NULL argument");
  *out = NULL;
  int ncat = tr_category_count();
  if (ncat > TRC_MAX_PACKED_CATEGORIES)
    return tri_fail(TR_ERR_LIMIT, "the matrix encoding holds at most %d categories", TRC_MAX_PACKED_CATEGORIES);
  GPtrArray *sel = NULL;
  int rc = trc_select_options(catalog, options, &sel);
  if (rc)
    return rc;
  size_t n = sel->len;
  if (n > G_MAXINT32 - ROW_CHUNK) {
    g_ptr_array_free(sel, TRUE);
    return tri_fail(TR_ERR_LIMIT, "too many agreements for a matrix (%zu)", n);
  }
  /* Exception flags in use anywhere. */
  unsigned int used = 0;
  for (size_t i = 0; i < n; i++) {
    const tr_agreement *a = g_ptr_array_index(sel, i);
    size_t np = tr_agreement_provision_count(a);
    for (size_t k = 0; k < np; k++)
      used |= tr_provision_get_exceptions(tr_agreement_provision_at(a, k));
  }
  int bits[MAX_EXC], nexc = 0;
  for (int b = 0; b < MAX_EXC; b++)
    if (used & (1u << b))
      bits[nexc++] = b;

  size_t npairs = n * (n - 1) / 2;
  tr_matrix *m = g_try_new0(tr_matrix, 1);
  code_t *codes = g_try_new0(code_t, n);
  guint64 *exc = nexc ? g_try_new0(guint64, n * (size_t)nexc) : NULL;
  if (m) {
    m->cells = npairs ? g_try_new(guint16, npairs) : NULL;
    m->self = g_try_new0(guint8, n);
    m->ids = g_try_new0(char *, n + 1);
  }
  if (!m || !codes || (nexc && !exc) || (npairs && !m->cells) || !m->self || !m->ids) {
    if (m) {
      g_free(m->cells);
      g_free(m->self);
      g_free(m->ids);
    }
    g_free(m);
    g_free(codes);
    g_free(exc);
    g_ptr_array_free(sel, TRUE);
    return tri_fail(TR_ERR_NOMEM, "out of memory for a %zu x %zu matrix", n, n);
  }
  m->n = n;
  for (size_t i = 0; i < n; i++) {
    const tr_agreement *a = g_ptr_array_index(sel, i);
    m->ids[i] = g_strdup(tr_agreement_get_id(a));
    size_t np = tr_agreement_provision_count(a);
    code_t *c = &codes[i];
    for (size_t k = 0; k < np; k++) {
      const tr_provision *p = tr_agreement_provision_at(a, k);
      int cat = (int)tr_provision_get_category(p);
      int lv = trc_level(trc_effective_strength(p));
      if (cat < 1 || cat > ncat || lv < 0)
        continue;
      guint64 bit = G_GUINT64_CONSTANT(1) << (cat - 1);
      c->known |= bit;
      if (lv >= 1) c->t1 |= bit;
      if (lv >= 2) c->t2 |= bit;
      if (lv >= 3) c->t3 |= bit;
      unsigned int e = tr_provision_get_exceptions(p);
      if (e && lv >= 1) {
        c->anyexc |= bit;
        for (int k2 = 0; k2 < nexc; k2++)
          if (e & (1u << bits[k2]))
            exc[i * (size_t)nexc + k2] |= bit;
      }
    }
    m->self[i] = (guint8)__builtin_popcountll(c->known);
  }
  g_ptr_array_free(sel, TRUE);

  job_t job = { codes, exc, nexc, n, m->cells };
  tri_run run;
  tri_run_init(&run, options, 0);
  if (n < 256)
    run.threads = 1; /* starting threads costs more than the work */
  /* progress in rows (a row block is one chunk) */
  tri_run_start(&run, n);
  tri_parallel_for_run(n, ROW_CHUNK, &run, pick_rows(), &job);
  g_free(codes);
  g_free(exc);
  rc = tri_run_finish(&run);
  if (rc) {
    tr_matrix_free(m);
    return rc;
  }
  *out = m;
  return TR_OK;
}

int tr_matrix_new(const tr_catalog *catalog, const tr_filter *filter, unsigned int threads, tr_matrix **out) {
  if (!catalog || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_matrix_new: NULL argument");
  tr_analysis_options *o = NULL;
  tr_analysis_options_new(&o);
  tr_analysis_options_set_threads(o, MIN(threads, (unsigned)TR_ANALYSIS_MAX_THREADS));
  tr_analysis_options_set_filter(o, filter);
  int rc = tr_matrix_new_with_options(catalog, o, out);
  tr_analysis_options_free(o);
  return rc;
}

void tr_matrix_free(tr_matrix *matrix) {
  if (!matrix)
    return;
  for (size_t i = 0; i < matrix->n; i++)
    g_free(matrix->ids[i]);
  g_free(matrix->ids);
  g_free(matrix->cells);
  g_free(matrix->self);
  g_free(matrix);
}

size_t tr_matrix_size(const tr_matrix *matrix) {
  return matrix ? matrix->n : 0;
}

const char *tr_matrix_id_at(const tr_matrix *matrix, size_t index) {
  return matrix && index < matrix->n ? matrix->ids[index] : NULL;
}

static gboolean cell(const tr_matrix *m, size_t i, size_t j, guint *num, guint *cnt) {
  if (!m || i >= m->n || j >= m->n)
    return FALSE;
  if (i == j) {
    *num = 0;
    *cnt = m->self[i];
    return TRUE;
  }
  if (i > j) {
    size_t t = i;
    i = j;
    j = t;
  }
  guint16 v = m->cells[triangle_index(m->n, i, j)];
  *num = v >> 6;
  *cnt = v & 63u;
  return TRUE;
}

double tr_matrix_distance(const tr_matrix *matrix, size_t i, size_t j) {
  guint num, cnt;
  if (!cell(matrix, i, j, &num, &cnt) || cnt == 0)
    return NAN;
  return (double)num / (6.0 * cnt);
}

size_t tr_matrix_comparable(const tr_matrix *matrix, size_t i, size_t j) {
  guint num, cnt;
  if (!cell(matrix, i, j, &num, &cnt))
    return 0;
  return cnt;
}
