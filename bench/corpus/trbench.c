/*
 * Benchmark driver for libtraderules' corpus functions (public API only).
 * Usage: trbench ingest|matrix|pairs|trace XMLDIR OUT [THREADS]
 * Writes the same tab-separated results as baseline.py, for comparison.
 */
#include <traderules/traderules.h>

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  tr_corpus *c = NULL;
  tr_shingle_index *ix = NULL;
  const char *mode, *dir, *out;
  FILE *fh;
  gint64 t0, t1, t2, t3;
  if (argc < 4) {
    fprintf(stderr, "usage: trbench ingest|matrix|pairs|trace XMLDIR OUT [THREADS]\n");
    return 2;
  }
  mode = argv[1];
  dir = argv[2];
  out = argv[3];
  t0 = g_get_monotonic_time();
  tr_corpus_new(&c);
  if (argc > 4)
    tr_corpus_set_threads(c, (unsigned)atoi(argv[4]));
  if (tr_corpus_load(c, dir, TR_CORPUS_STOP_ON_ERROR, NULL) != TR_OK) {
    fprintf(stderr, "trbench: %s\n", tr_error_message());
    return 1;
  }
  t1 = g_get_monotonic_time();
  if (g_str_equal(mode, "ingest")) {
    size_t bytes = 0;
    for (size_t i = 0; i < tr_corpus_article_count(c); i++)
      bytes += strlen(tr_corpus_article_get(c, i, TR_CORPUS_FIELD_TEXT));
    printf("ingest: %zu agreements, %zu articles, %zu bytes of text, %.3f s\n",
           tr_corpus_agreement_count(c), tr_corpus_article_count(c), bytes, (t1 - t0) / 1e6);
    tr_corpus_free(c);
    return 0;
  }
  if (tr_shingle_index_new(c, TR_SHINGLE_WORD, 5, &ix) != TR_OK) {
    fprintf(stderr, "trbench: %s\n", tr_error_message());
    return 1;
  }
  fh = fopen(out, "w");
  if (!fh) {
    perror(out);
    return 1;
  }
  if (g_str_equal(mode, "matrix")) {
    size_t m = tr_corpus_agreement_count(c);
    double *jac = g_new(double, m * m);
    uint64_t *inter = g_new(uint64_t, m * m);
    if (tr_shingle_index_matrix(ix, TR_UNIT_AGREEMENT, NULL, m, jac, inter) != TR_OK) {
      fprintf(stderr, "trbench: %s\n", tr_error_message());
      return 1;
    }
    t2 = g_get_monotonic_time();
    for (size_t i = 0; i < m; i++) {
      size_t si = tr_shingle_index_unit_size(ix, TR_UNIT_AGREEMENT, i);
      for (size_t j = i + 1; j < m; j++) {
        size_t sj = tr_shingle_index_unit_size(ix, TR_UNIT_AGREEMENT, j);
        fprintf(fh, "%s\t%s\t%llu\t%llu\t%.9f\n",
                tr_corpus_agreement_get(c, i, TR_CORPUS_FIELD_TOTA_ID),
                tr_corpus_agreement_get(c, j, TR_CORPUS_FIELD_TOTA_ID),
                (unsigned long long)inter[i * m + j],
                (unsigned long long)(si + sj - inter[i * m + j]), jac[i * m + j]);
      }
    }
    g_free(jac);
    g_free(inter);
  } else {
    tr_pair_list *l = NULL;
    int rc = g_str_equal(mode, "trace") ? tr_shingle_index_trace(ix, 0.5, &l)
                                        : tr_shingle_index_pairs(ix, TR_UNIT_ARTICLE, 0.5, 0, &l);
    if (rc != TR_OK) {
      fprintf(stderr, "trbench: %s\n", tr_error_message());
      return 1;
    }
    t2 = g_get_monotonic_time();
    for (size_t i = 0; i < tr_pair_list_count(l); i++) {
      size_t a, b, k, u;
      tr_pair_list_get(l, i, &a, &b, NULL, &k, &u);
      fprintf(fh, "%s\t%s\t%zu\t%zu\n", tr_corpus_article_get(c, a, TR_CORPUS_FIELD_IDENTIFIER),
              tr_corpus_article_get(c, b, TR_CORPUS_FIELD_IDENTIFIER), k, u);
    }
    tr_pair_list_free(l);
  }
  fclose(fh);
  t3 = g_get_monotonic_time();
  /* the library's phase clocks, then the output written here */
  for (int p = 0; p < TR_PHASE_COUNT; p++) {
    double w = 0, u = 0;
    tr_corpus_phase_time(c, (tr_corpus_phase)p, &w, &u);
    printf("phase %-8s wall %.3f s cpu %.3f s\n", tr_corpus_phase_name((tr_corpus_phase)p), w, u);
  }
  printf("phase %-8s wall %.3f s\n", "output", (t3 - t2) / 1e6);
  printf("%s: load %.3f s, compute %.3f s, total %.3f s (vocabulary %zu)\n", mode,
         (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t0) / 1e6, tr_shingle_index_vocabulary(ix));
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
  return 0;
}
