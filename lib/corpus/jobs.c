/*
 * libtraderules - the public entry points of the corpus jobs (matrix, pairs, trace, overlaps):
 * each runs the job of index-*.c under a tri_run built from its tr_analysis_options
 * (threads, progress, cancellation). The functions without options are the deprecated
 * wrappers: no options, the index's (its corpus's) thread count.
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-corpus-internal.h"

static int check_options(const tr_analysis_options *options) {
  if (tri_analysis_options_selects(options))
    return tri_fail(TR_ERR_INVALID_ARG, "the corpus jobs select units, not catalog agreements: "
                                        "the analysis options must not set a filter or ids");
  return TR_OK;
}

static void run_init(tri_run *run, const tr_shingle_index *ix, const tr_analysis_options *options) {
  /* options NULL or threads 0: the corpus's count when NULL, one per processor otherwise */
  tri_run_init(run, options, options ? 0 : (ix ? tri_index_threads(ix) : 1));
}

int tr_shingle_index_matrix_with_options(const tr_shingle_index *ix, tr_unit_kind kind,
                                         const size_t *units, size_t count,
                                         const tr_analysis_options *options, double *jaccard,
                                         uint64_t *intersection) {
  int rc = check_options(options);
  if (rc)
    return rc;
  tri_run run;
  run_init(&run, ix, options);
  rc = tri_index_matrix(ix, kind, units, count, jaccard, intersection, &run);
  if (rc) {
    tri_run_clear(&run);
    return rc;
  }
  return tri_run_finish(&run);
}

int tr_shingle_index_matrix(const tr_shingle_index *ix, tr_unit_kind kind, const size_t *units,
                            size_t count, double *jaccard, uint64_t *intersection) {
  return tr_shingle_index_matrix_with_options(ix, kind, units, count, NULL, jaccard, intersection);
}

/* pairs and trace: the list is freed when the run was cancelled */
static int finish_list(tri_run *run, int rc, tr_pair_list **out) {
  if (rc) {
    tri_run_clear(run);
    return rc;
  }
  rc = tri_run_finish(run);
  if (rc) {
    tr_pair_list_free(*out);
    *out = NULL;
  }
  return rc;
}

int tr_shingle_index_pairs_with_options(const tr_shingle_index *ix, tr_unit_kind kind,
                                        double threshold, unsigned flags,
                                        const tr_analysis_options *options, tr_pair_list **out) {
  if (out)
    *out = NULL;
  int rc = check_options(options);
  if (rc)
    return rc;
  tri_run run;
  run_init(&run, ix, options);
  rc = tri_index_pairs(ix, kind, threshold, flags, out, &run);
  return finish_list(&run, rc, out);
}

int tr_shingle_index_pairs(const tr_shingle_index *ix, tr_unit_kind kind, double threshold,
                           unsigned flags, tr_pair_list **out) {
  return tr_shingle_index_pairs_with_options(ix, kind, threshold, flags, NULL, out);
}

int tr_shingle_index_trace_with_options(const tr_shingle_index *ix, double threshold,
                                        const tr_analysis_options *options, tr_pair_list **out) {
  if (out)
    *out = NULL;
  int rc = check_options(options);
  if (rc)
    return rc;
  tri_run run;
  run_init(&run, ix, options);
  rc = tri_index_trace(ix, threshold, out, &run);
  return finish_list(&run, rc, out);
}

int tr_shingle_index_trace(const tr_shingle_index *ix, double threshold, tr_pair_list **out) {
  return tr_shingle_index_trace_with_options(ix, threshold, NULL, out);
}

int tr_shingle_index_overlaps_with_options(const tr_shingle_index *ix, tr_unit_kind kind,
                                           double min_jaccard, const tr_analysis_options *options,
                                           tr_pair_fn fn, void *user_data) {
  int rc = check_options(options);
  if (rc)
    return rc;
  tri_run run;
  run_init(&run, ix, options);
  rc = tri_index_overlaps(ix, kind, min_jaccard, fn, user_data, &run);
  if (rc) { /* an error, or the callback's value that stopped the join */
    tri_run_clear(&run);
    return rc;
  }
  return tri_run_finish(&run);
}

int tr_shingle_index_overlaps(const tr_shingle_index *ix, tr_unit_kind kind, double min_jaccard,
                              tr_pair_fn fn, void *user_data) {
  return tr_shingle_index_overlaps_with_options(ix, kind, min_jaccard, NULL, fn, user_data);
}
