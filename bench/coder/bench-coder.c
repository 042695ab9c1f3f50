/*
 * Coder benchmark driver: load a ToTA directory, code every article of every
 * agreement (and build the agreement records) with N threads, print timings.
 * Usage: bench-coder XMLDIR [THREADS] [OUT.tsv]
 * OUT gets "tota_id<TAB>article_number<TAB>categories" per article, to diff
 * against bench/coder/baseline.py. Run by bench/coder/run.sh; not a test.
 * SPDX-License-Identifier: MIT
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <traderules/traderules.h>

static double cpu_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct {
  const tr_coder *coder;
  const tr_corpus *corpus;
  tr_agreement_coding **results;
  gint failed;
} job;

static void work(gpointer data, gpointer user) {
  job *j = user;
  size_t a = GPOINTER_TO_SIZE(data) - 1;
  tr_agreement_coding *ac = NULL;
  if (tr_coder_code_corpus_agreement(j->coder, j->corpus, a, &ac) != TR_OK) {
    fprintf(stderr, "bench-coder: %s\n", tr_error_message());
    g_atomic_int_set(&j->failed, 1);
    return;
  }
  tr_agreement *ag = NULL;
  if (tr_agreement_coding_to_agreement(ac, &ag) != TR_OK) {
    fprintf(stderr, "bench-coder: %s\n", tr_error_message());
    g_atomic_int_set(&j->failed, 1);
  }
  tr_agreement_free(ag);
  j->results[a] = ac;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench-coder XMLDIR [THREADS] [OUT.tsv]\n");
    return 2;
  }
  int threads = argc > 2 ? atoi(argv[2]) : 1;
  if (threads < 1)
    threads = 1;
  tr_corpus *corpus = NULL;
  tr_coder *coder = NULL;
  gint64 t0 = g_get_monotonic_time();
  if (tr_corpus_new(&corpus) || tr_corpus_set_threads(corpus, (unsigned)threads) ||
      tr_corpus_load(corpus, argv[1], TR_CORPUS_STOP_ON_ERROR, NULL)) {
    fprintf(stderr, "bench-coder: %s\n", tr_error_message());
    return 1;
  }
  gint64 t1 = g_get_monotonic_time();
  if (tr_coder_new(&coder)) {
    fprintf(stderr, "bench-coder: %s\n", tr_error_message());
    return 1;
  }
  gint64 t2 = g_get_monotonic_time();
  double c2 = cpu_seconds();
  size_t n = tr_corpus_agreement_count(corpus);
  job j = { coder, corpus, g_new0(tr_agreement_coding *, n), 0 };
  GThreadPool *pool = g_thread_pool_new(work, &j, threads, TRUE, NULL);
  for (size_t a = 0; a < n; a++)
    g_thread_pool_push(pool, GSIZE_TO_POINTER(a + 1), NULL);
  g_thread_pool_free(pool, FALSE, TRUE);
  gint64 t3 = g_get_monotonic_time();
  double c3 = cpu_seconds();
  size_t articles = 0, assignments = 0;
  FILE *out = argc > 3 ? fopen(argv[3], "w") : NULL;
  for (size_t a = 0; a < n; a++) {
    tr_agreement_coding *ac = j.results[a];
    if (!ac)
      continue;
    const char *tota = tr_corpus_agreement_get(corpus, a, TR_CORPUS_FIELD_TOTA_ID);
    for (size_t i = 0; i < tr_agreement_coding_article_count(ac); i++) {
      const tr_coding *cd = tr_agreement_coding_article_at(ac, i);
      size_t k = tr_coding_assignment_count(cd);
      articles++;
      assignments += k;
      if (out) {
        /* categories sorted by id, as the baseline writes them */
        GPtrArray *ids = g_ptr_array_new();
        for (size_t x = 0; x < k; x++)
          g_ptr_array_add(ids, (gpointer)tr_category_id(
                                   tr_assignment_get_category(tr_coding_assignment_at(cd, x))));
        g_ptr_array_sort(ids, (GCompareFunc)(void (*)(void))g_strcmp0);
        fprintf(out, "%s\t%s\t", tota ? tota : "", tr_coding_get_number(cd) ? tr_coding_get_number(cd) : "");
        for (guint x = 0; x < ids->len; x++)
          fprintf(out, "%s%s", x ? "," : "", (const char *)g_ptr_array_index(ids, x));
        fputc('\n', out);
        g_ptr_array_free(ids, TRUE);
      }
    }
    tr_agreement_coding_free(ac);
  }
  if (out)
    fclose(out);
  printf("coder: %zu agreements, %zu articles, %zu assignments, %zu patterns, threads %d, "
         "load %.3f s, rules %.3f s, code %.3f s (cpu %.3f s)\n",
         n, articles, assignments, tr_coder_pattern_count(coder), threads, (t1 - t0) / 1e6,
         (t2 - t1) / 1e6, (t3 - t2) / 1e6, c3 - c2);
  g_free(j.results);
  tr_coder_free(coder);
  tr_corpus_free(corpus);
  return j.failed ? 1 : 0;
}
