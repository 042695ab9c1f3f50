/*
 * Several threads share one catalog and read it at once: lookups by id,
 * iteration over agreements and provisions, filters and selections, enum
 * conversions, and per-thread error records. Each thread computes a digest of
 * what it read; every digest must equal the one computed by the main thread
 * alone, and no thread may see another thread's error.
 *
 * Then the same with the real subsystems: threads create the embedded catalog
 * at the same moment (lazy resource set-up); share the embedded catalog for
 * template comparisons and a multi-threaded distance matrix; share one coder
 * to code texts; share one corpus (the test fixtures) to build shingle
 * indexes and similarity matrices and to code its agreements.
 *
 * Built in every configuration; scripts/test also runs it repeatedly in a
 * ThreadSanitizer build (clang -fsanitize=thread), where any data race in the
 * library fails the run.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include <traderules/traderules.h>
#include <traderules/coder.h>
#include <traderules/compare.h>
#include <traderules/corpus.h>

#include "../corpus/corpus-gen.h"

#define N_THREADS 8
#define N_ROUNDS 40
#define N_AGREEMENTS 48

static const char *const parties[] = {"USA", "EU", "JPN", "KOR", "AUS", "CAN", "MEX", "NZL", "SGP", "CHL"};

/* A deterministic synthetic catalog (no embedded data needed). */
static tr_catalog *build_catalog(void) {
  tr_catalog *cat = NULL;
  uint32_t seed = 12345;
  int ncat = tr_category_count();
  assert_int_equal(tr_catalog_new(&cat), TR_OK);
  for (int i = 0; i < N_AGREEMENTS; i++) {
    char id[32], date[16];
    tr_agreement *a = NULL;
    snprintf(id, sizeof id, "AGR_%02d", i);
    snprintf(date, sizeof date, "%d-%02d", 1995 + i % 30, 1 + i % 12);
    assert_int_equal(tr_agreement_new(id, id, &a), TR_OK);
    assert_int_equal(tr_agreement_set_family(a, (tr_family)(i % 5)), TR_OK);
    assert_int_equal(tr_agreement_set_kind(a, (tr_kind)(i % 7)), TR_OK);
    assert_int_equal(tr_agreement_set_date_signed(a, date), TR_OK);
    assert_int_equal(tr_agreement_add_party(a, parties[i % 10]), TR_OK);
    assert_int_equal(tr_agreement_add_party(a, parties[(i + 3) % 10]), TR_OK);
    for (int c = 1; c <= ncat; c++) {
      seed = seed * 1103515245u + 12345u;
      if ((seed >> 16) % 3 == 0)
        continue;
      tr_provision *p = NULL;
      assert_int_equal(tr_provision_new((tr_category)c, (tr_strength)((seed >> 8) % 5), &p), TR_OK);
      assert_int_equal(tr_provision_set_citation(p, id), TR_OK);
      assert_int_equal(tr_provision_set_exceptions(p, (seed >> 4) & 0x7fu), TR_OK);
      assert_int_equal(tr_agreement_add_provision(a, p), TR_OK);
    }
    assert_int_equal(tr_catalog_add_agreement(cat, a), TR_OK);
  }
  return cat;
}

static uint64_t mix(uint64_t h, uint64_t v) {
  return (h ^ v) * 1099511628211ull;
}

static uint64_t mix_str(uint64_t h, const char *s) {
  for (; s && *s; s++)
    h = mix(h, (unsigned char)*s);
  return mix(h, 0xff);
}

/* Everything a reader does; returns a digest, or 0 on an inconsistency. */
static uint64_t read_all(const tr_catalog *cat) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < tr_catalog_agreement_count(cat); i++) {
    const tr_agreement *a = tr_catalog_agreement_at(cat, i);
    if (tr_catalog_find_agreement(cat, tr_agreement_get_id(a)) != a)
      return 0;
    h = mix_str(h, tr_agreement_get_id(a));
    h = mix_str(h, tr_family_id(tr_agreement_get_family(a)));
    h = mix(h, (uint64_t)tr_agreement_get_year(a));
    for (size_t k = 0; k < tr_agreement_provision_count(a); k++) {
      const tr_provision *p = tr_agreement_provision_at(a, k);
      tr_category c = tr_provision_get_category(p), back = TR_CATEGORY_UNKNOWN;
      if (tr_category_from_id(tr_category_id(c), &back) != TR_OK || back != c)
        return 0;
      if (tr_agreement_find_provision(a, c) != p)
        return 0;
      h = mix_str(h, tr_category_title(c));
      h = mix_str(h, tr_strength_id(tr_provision_get_strength(p)));
      h = mix(h, tr_provision_get_exceptions(p));
      h = mix_str(h, tr_provision_get_citation(p));
    }
  }
  for (int f = 0; f < 5; f++) {
    tr_filter *filter = NULL;
    tr_agreement_list *list = NULL;
    if (tr_filter_new(&filter) != TR_OK)
      return 0;
    tr_filter_set_family(filter, (tr_family)f);
    tr_filter_set_party(filter, parties[f]);
    tr_filter_set_years(filter, 2000, 2020);
    if (tr_catalog_select(cat, filter, &list) != TR_OK) {
      tr_filter_free(filter);
      return 0;
    }
    for (size_t i = 0; i < tr_agreement_list_count(list); i++)
      h = mix_str(h, tr_agreement_get_id(tr_agreement_list_at(list, i)));
    tr_agreement_list_free(list);
    tr_filter_free(filter);
  }
  return h;
}

typedef struct {
  const tr_catalog *cat;
  int index;
  uint64_t digests[N_ROUNDS];
  int error_mixups;
} worker;

static gpointer work(gpointer data) {
  worker *w = data;
  char bad[64], want[64];
  snprintf(bad, sizeof bad, "bad id %d", w->index);
  snprintf(want, sizeof want, "bad id %d", w->index);
  for (int r = 0; r < N_ROUNDS; r++) {
    tr_agreement *a = NULL;
    /* An error of this thread's own: an invalid id naming the thread. */
    if (tr_agreement_new(bad, "x", &a) == TR_OK)
      tr_agreement_free(a);
    w->digests[r] = read_all(w->cat);
    g_thread_yield();
    if (tr_error_code() != TR_ERR_INVALID_ARG || !strstr(tr_error_message(), want))
      w->error_mixups++;
  }
  return NULL;
}

static void test_shared_catalog_readers(void **state) {
  (void)state;
  tr_catalog *cat = build_catalog();
  uint64_t expected = read_all(cat);
  worker workers[N_THREADS];
  GThread *threads[N_THREADS];
  assert_int_not_equal(expected, 0);

  for (int i = 0; i < N_THREADS; i++) {
    memset(&workers[i], 0, sizeof workers[i]);
    workers[i].cat = cat;
    workers[i].index = i;
    threads[i] = g_thread_new("reader", work, &workers[i]);
  }
  for (int i = 0; i < N_THREADS; i++)
    g_thread_join(threads[i]);
  for (int i = 0; i < N_THREADS; i++) {
    assert_int_equal(workers[i].error_mixups, 0);
    for (int r = 0; r < N_ROUNDS; r++)
      assert_true(workers[i].digests[r] == expected);
  }
  tr_catalog_free(cat);
}

/* ------------------------------------------------------------------------ */
/* The real subsystems                                                        */

typedef uint64_t (*job_fn)(const void *shared);

typedef struct {
  job_fn job;
  const void *shared;
  uint64_t digest[2]; /* each thread runs the job twice */
} job_worker;

static gpointer run_job(gpointer data) {
  job_worker *w = data;
  for (size_t r = 0; r < G_N_ELEMENTS(w->digest); r++)
    w->digest[r] = w->job(w->shared);
  return NULL;
}

/* Run @job on @shared in N_THREADS threads at once, several times each; every
 * result must equal the single-threaded one (which must not be 0). */
static void run_everywhere(job_fn job, const void *shared) {
  uint64_t expected = job(shared);
  job_worker workers[N_THREADS];
  GThread *threads[N_THREADS];
  assert_int_not_equal(expected, 0);
  for (int i = 0; i < N_THREADS; i++) {
    workers[i].job = job;
    workers[i].shared = shared;
    threads[i] = g_thread_new("job", run_job, &workers[i]);
  }
  for (int i = 0; i < N_THREADS; i++)
    g_thread_join(threads[i]);
  for (int i = 0; i < N_THREADS; i++)
    for (size_t r = 0; r < G_N_ELEMENTS(workers[i].digest); r++)
      assert_true(workers[i].digest[r] == expected);
}

static uint64_t job_default_catalog(const void *unused) {
  tr_catalog *cat = NULL;
  char *json = NULL;
  uint64_t h;
  (void)unused;
  if (tr_catalog_new_default(&cat) != TR_OK || tr_catalog_to_json(cat, &json) != TR_OK)
    return 0;
  h = mix_str(1469598103934665603ull, json);
  tr_free(json);
  tr_catalog_free(cat);
  return h;
}

static void test_default_catalog_created_concurrently(void **state) {
  (void)state;
  run_everywhere(job_default_catalog, NULL);
}

static uint64_t job_compare(const void *shared) {
  const tr_catalog *cat = shared;
  uint64_t h = 1469598103934665603ull;
  size_t nt = tr_template_builtin_count();
  tr_template **t = calloc(nt + 1, sizeof *t);
  tr_matrix *m = NULL;
  for (size_t i = 0; i < nt; i++)
    if (tr_template_new_builtin(cat, tr_template_builtin_name(i), &t[i]) != TR_OK)
      return 0;
  for (size_t i = 0; i < nt; i++)
    for (size_t j = 0; j < nt; j++) {
      tr_comparison *c = NULL;
      double d;
      if (tr_comparison_new(t[i], t[j], &c) != TR_OK)
        return 0;
      d = tr_comparison_distance(c);
      h = mix(h, (uint64_t)(d * 1e9));
      h = mix(h, tr_comparison_comparable_count(c));
      tr_comparison_free(c);
    }
  /* A matrix that runs its own worker threads inside each of ours. */
  if (tr_matrix_new(cat, NULL, 2, &m) != TR_OK)
    return 0;
  for (size_t i = 0; i < tr_matrix_size(m); i += 3)
    for (size_t j = 0; j < tr_matrix_size(m); j += 5)
      h = mix(h, (uint64_t)(tr_matrix_distance(m, i, j) * 1e9));
  tr_matrix_free(m);
  for (size_t i = 0; i < nt; i++)
    tr_template_free(t[i]);
  free(t);
  return h;
}

static void test_shared_catalog_comparisons(void **state) {
  (void)state;
  tr_catalog *cat = NULL;
  assert_int_equal(tr_catalog_new_default(&cat), TR_OK);
  assert_true(tr_catalog_agreement_count(cat) > 0);
  run_everywhere(job_compare, cat);
  tr_catalog_free(cat);
}

static const char *const coder_texts[] = {
  "1. No Party shall require the transfer of, or access to, source code of software.\n\n"
  "2. Nothing in this Article shall prevent a Party from adopting measures to achieve a "
  "legitimate public policy objective.",
  "The Parties shall endeavour to cooperate on unsolicited commercial electronic messages "
  "and online consumer protection.",
  "Each Party shall allow the cross-border transfer of information by electronic means, "
  "including personal information.",
};

static uint64_t job_code_texts(const void *shared) {
  const tr_coder *coder = shared;
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < G_N_ELEMENTS(coder_texts); i++) {
    tr_coding *c = NULL;
    if (tr_coder_code_text(coder, "Title", "Electronic Commerce", coder_texts[i], &c) != TR_OK)
      return 0;
    for (size_t k = 0; k < tr_coding_assignment_count(c); k++) {
      const tr_assignment *a = tr_coding_assignment_at(c, k);
      h = mix(h, (uint64_t)tr_assignment_get_category(a));
      h = mix(h, (uint64_t)tr_assignment_get_strength(a));
      h = mix(h, tr_assignment_evidence_count(a));
    }
    tr_coding_free(c);
  }
  return h;
}

static void test_shared_coder(void **state) {
  (void)state;
  tr_coder *coder = NULL;
  assert_int_equal(tr_coder_new(&coder), TR_OK);
  run_everywhere(job_code_texts, coder);
  tr_coder_free(coder);
}

typedef struct {
  const tr_corpus *corpus;
  const tr_shingle_index *index; /* shared, built by the main thread */
  const tr_coder *coder;
} corpus_env;

static uint64_t job_corpus(const void *shared) {
  const corpus_env *env = shared;
  uint64_t h = 1469598103934665603ull;
  size_t n = tr_corpus_agreement_count(env->corpus);
  double *jac = calloc(n * n + 1, sizeof *jac);
  tr_shingle_index *own = NULL;
  /* An index of this thread's own, from the shared corpus. */
  if (tr_shingle_index_new(env->corpus, TR_SHINGLE_CHAR, 5, &own) != TR_OK ||
      tr_shingle_index_matrix(own, TR_UNIT_AGREEMENT, NULL, n, jac, NULL) != TR_OK)
    return 0;
  for (size_t i = 0; i < n * n; i++)
    h = mix(h, (uint64_t)(jac[i] * 1e12));
  tr_shingle_index_free(own);
  /* Queries on the shared index. */
  for (size_t a = 0; a < tr_shingle_index_unit_count(env->index, TR_UNIT_ARTICLE); a++) {
    double j = 0;
    if (tr_shingle_index_jaccard(env->index, TR_UNIT_ARTICLE, a, TR_UNIT_AGREEMENT, 0, &j, NULL, NULL) != TR_OK)
      return 0;
    h = mix(h, (uint64_t)(j * 1e12));
  }
  /* Coding the corpus's agreements with the shared coder. */
  for (size_t a = 0; a < n; a++) {
    tr_agreement_coding *ac = NULL;
    tr_agreement *rec = NULL;
    if (tr_coder_code_corpus_agreement(env->coder, env->corpus, a, &ac) != TR_OK ||
        tr_agreement_coding_to_agreement(ac, &rec) != TR_OK)
      return 0;
    h = mix(h, tr_agreement_provision_count(rec));
    tr_agreement_free(rec);
    tr_agreement_coding_free(ac);
  }
  free(jac);
  return h;
}

static void test_shared_corpus(void **state) {
  (void)state;
  corpus_env env;
  tr_corpus *corpus = NULL;
  tr_shingle_index *index = NULL;
  tr_coder *coder = NULL;
  assert_int_equal(tr_corpus_new(&corpus), TR_OK);
  assert_int_equal(tr_corpus_load(corpus, TR_FIXTURES_DIR "/corpus/good", TR_CORPUS_STOP_ON_ERROR, NULL), TR_OK);
  assert_true(tr_corpus_agreement_count(corpus) >= 2);
  assert_int_equal(tr_shingle_index_new(corpus, TR_SHINGLE_WORD, 5, &index), TR_OK);
  assert_int_equal(tr_coder_new(&coder), TR_OK);
  env.corpus = corpus;
  env.index = index;
  env.coder = coder;
  run_everywhere(job_corpus, &env);
  tr_coder_free(coder);
  tr_shingle_index_free(index);
  tr_corpus_free(corpus);
}

/* Overlaps and pairs of the articles at once on a fresh index: the pairs job sorts the
 * article sets in place on first use, so the overlaps job must not read them unsorted
 * meanwhile (it did: a data race under ThreadSanitizer, and possibly wrong counts). */
typedef struct {
  const tr_shingle_index *index;
  uint64_t h;
  int rc;
} ovl_worker;

static int ovl_mix(size_t a, size_t b, size_t inter, size_t uni, void *user) {
  ovl_worker *w = user;
  w->h = mix(mix(mix(mix(w->h, a), b), inter), uni);
  return 0;
}

static gpointer run_overlaps(gpointer data) {
  ovl_worker *w = data;
  w->h = 1469598103934665603ull;
  w->rc = tr_shingle_index_overlaps(w->index, TR_UNIT_ARTICLE, 0.0, ovl_mix, w);
  return NULL;
}

static gpointer run_pairs(gpointer data) {
  ovl_worker *w = data;
  tr_pair_list *l = NULL;
  w->rc = tr_shingle_index_pairs(w->index, TR_UNIT_ARTICLE, 0.5, 0, &l);
  w->h = tr_pair_list_count(l);
  tr_pair_list_free(l);
  return NULL;
}

static void test_overlaps_while_sorting(void **state) {
  (void)state;
  tr_corpus *corpus = NULL;
  tr_shingle_index *ref = NULL;
  assert_int_equal(tr_corpus_new(&corpus), TR_OK);
  assert_int_equal(tr_corpus_load(corpus, TR_FIXTURES_DIR "/corpus/good", TR_CORPUS_STOP_ON_ERROR, NULL), TR_OK);
  assert_int_equal(tr_shingle_index_new(corpus, TR_SHINGLE_WORD, 2, &ref), TR_OK);
  ovl_worker expected = { ref, 0, 0 };
  run_overlaps(&expected);
  assert_int_equal(expected.rc, TR_OK);
  tr_shingle_index_free(ref);
  for (int round = 0; round < 4; round++) {
    tr_shingle_index *index = NULL;
    assert_int_equal(tr_shingle_index_new(corpus, TR_SHINGLE_WORD, 2, &index), TR_OK);
    ovl_worker a = { index, 0, 0 }, b = { index, 0, 0 };
    GThread *ta = g_thread_new("overlaps", run_overlaps, &a);
    GThread *tb = g_thread_new("pairs", run_pairs, &b);
    g_thread_join(ta);
    g_thread_join(tb);
    assert_int_equal(a.rc, TR_OK);
    assert_int_equal(b.rc, TR_OK);
    assert_true(a.h == expected.h);
    tr_shingle_index_free(index);
  }
  tr_corpus_free(corpus);
}

/* The e-commerce templates read the article sets of the index (under its lock) while the
 * pairs job may be sorting them in place, and build their unit sets and similarities on
 * two threads: the same numbers as on an index used by nothing else. */
typedef struct {
  const tr_shingle_index *index;
  uint64_t h;
  int rc;
} tmpl_worker;

static gpointer run_templates(gpointer data) {
  tmpl_worker *w = data;
  tr_analysis_options *o = NULL;
  tr_ecommerce_templates *t = NULL;
  w->h = 1469598103934665603ull;
  tr_analysis_options_new(&o);
  tr_analysis_options_set_threads(o, 2);
  w->rc = tr_ecommerce_templates_new(w->index, TR_ECOMMERCE_DEFAULT, o, &t);
  tr_analysis_options_free(o);
  for (size_t i = 0; i < tr_ecommerce_templates_count(t); i++) {
    const tr_shingle_set *set = tr_ecommerce_templates_set(t, i);
    double us = 0, eu = 0;
    tr_ecommerce_templates_mean(t, i, TR_ECOMMERCE_GROUP_US, &us, NULL);
    tr_ecommerce_templates_mean(t, i, TR_ECOMMERCE_GROUP_EU, &eu, NULL);
    w->h = mix(mix(mix(w->h, tr_shingle_set_size(set)), (uint64_t)(us * 1e12)), (uint64_t)(eu * 1e12));
    for (size_t k = 0; k < tr_shingle_set_size(set); k++)
      w->h = mix(w->h, g_str_hash(tr_shingle_set_at(set, k)));
  }
  tr_ecommerce_templates_free(t);
  return NULL;
}

static gpointer run_pairs_tmpl(gpointer data) {
  tmpl_worker *w = data;
  tr_pair_list *l = NULL;
  w->rc = tr_shingle_index_pairs(w->index, TR_UNIT_ARTICLE, 0.3, 0, &l);
  tr_pair_list_free(l);
  return NULL;
}

static void test_templates_while_sorting(void **state) {
  (void)state;
  tr_corpus *corpus = NULL;
  tr_shingle_index *ref = NULL;
  /* a generated corpus (article sets far from sorted) and agreements with e-commerce
   * chapters of long random articles; then the fixture's reference units */
  corpus = gen_corpus(777, 15, 2); /* treaty ids 1-15: none of the reference ids */
  GRand *r = g_rand_new_with_seed(99);
  for (int a = 0; a < 4; a++) {
    GString *x = g_string_new(NULL);
    char *name = g_strdup_printf("ecom_%d.xml", a);
    g_string_append_printf(x, "<treaty><meta><treaty_identifier>%d</treaty_identifier></meta><body>"
                              "<chapter name=\"Electronic Commerce\" chapter_identifier=\"%d\">",
                           9000 + a, a);
    for (int k = 0; k < 6; k++) {
      g_string_append_printf(x, "<article article_identifier=\"e%d_%d\">", a, k);
      for (int w = 0; w < 300; w++)
        g_string_append_printf(x, "%s ", words[g_rand_int_range(r, 0, G_N_ELEMENTS(words))]);
      g_string_append(x, "</article>");
    }
    g_string_append(x, "</chapter></body></treaty>");
    assert_int_equal(tr_corpus_load_memory(corpus, name, x->str, x->len), TR_OK);
    g_string_free(x, TRUE);
    g_free(name);
  }
  g_rand_free(r);
  assert_int_equal(tr_corpus_load(corpus, TR_FIXTURES_DIR "/corpus/templates", TR_CORPUS_STOP_ON_ERROR, NULL),
                   TR_OK);
  assert_int_equal(tr_shingle_index_new(corpus, TR_SHINGLE_WORD, 3, &ref), TR_OK);
  tmpl_worker expected = { ref, 0, 0 };
  run_templates(&expected);
  assert_int_equal(expected.rc, TR_OK);
  tr_shingle_index_free(ref);
  for (int round = 0; round < 8; round++) {
    tr_shingle_index *index = NULL;
    assert_int_equal(tr_shingle_index_new(corpus, TR_SHINGLE_WORD, 3, &index), TR_OK);
    tmpl_worker a = { index, 0, 0 }, b = { index, 0, 0 };
    GThread *ta = g_thread_new("templates", run_templates, &a);
    GThread *tb = g_thread_new("pairs", run_pairs_tmpl, &b);
    g_thread_join(ta);
    g_thread_join(tb);
    assert_int_equal(a.rc, TR_OK);
    assert_int_equal(b.rc, TR_OK);
    assert_true(a.h == expected.h);
    tr_shingle_index_free(index);
  }
  tr_corpus_free(corpus);
}

/* The joins share out their index build (prefix postings by ranges of shingles), the
 * search (records) and the pair lists among the threads: a generated corpus of ~600
 * articles (several chunks and shingle ranges per thread) gives the same pairs, trace
 * and agreement matrix, field for field and in the same order, with 1 to 4 threads. */
static void assert_pair_lists_same(const tr_pair_list *x, const tr_pair_list *y, const char *what,
                                   unsigned threads) {
  if (tr_pair_list_count(x) != tr_pair_list_count(y))
    fail_msg("%s, %u threads: %zu pairs, 1 thread: %zu", what, threads, tr_pair_list_count(y),
             tr_pair_list_count(x));
  for (size_t i = 0; i < tr_pair_list_count(x); i++) {
    size_t xa, xb, xi, xu, ya, yb, yi, yu;
    assert_int_equal(tr_pair_list_get(x, i, &xa, &xb, NULL, &xi, &xu), TR_OK);
    assert_int_equal(tr_pair_list_get(y, i, &ya, &yb, NULL, &yi, &yu), TR_OK);
    if (xa != ya || xb != yb || xi != yi || xu != yu)
      fail_msg("%s, %u threads: pair %zu is (%zu, %zu, %zu/%zu), 1 thread: (%zu, %zu, %zu/%zu)", what,
               threads, i, ya, yb, yi, yu, xa, xb, xi, xu);
  }
}

typedef struct {
  tr_pair_list *lists[6];
  double *matrix;
  size_t m;
} join_results;

static void join_all(unsigned threads, join_results *r) {
  tr_corpus *c = gen_corpus(4242, 90, threads);
  tr_shingle_index *ix = NULL;
  assert_int_equal(tr_shingle_index_new(c, TR_SHINGLE_WORD, 3, &ix), TR_OK);
  assert_true(tr_shingle_index_unit_count(ix, TR_UNIT_ARTICLE) > 400);
  assert_int_equal(tr_shingle_index_pairs(ix, TR_UNIT_ARTICLE, 0.5, 0, &r->lists[0]), TR_OK);
  assert_int_equal(tr_shingle_index_pairs(ix, TR_UNIT_ARTICLE, 0.2, TR_PAIRS_ACROSS_AGREEMENTS,
                                          &r->lists[1]), TR_OK);
  assert_int_equal(tr_shingle_index_pairs(ix, TR_UNIT_CHAPTER, 0.3, 0, &r->lists[2]), TR_OK);
  assert_int_equal(tr_shingle_index_pairs(ix, TR_UNIT_AGREEMENT, 0.1, 0, &r->lists[3]), TR_OK);
  assert_int_equal(tr_shingle_index_trace(ix, 0.5, &r->lists[4]), TR_OK);
  assert_int_equal(tr_shingle_index_trace(ix, 0.2, &r->lists[5]), TR_OK);
  r->m = tr_corpus_agreement_count(c);
  r->matrix = g_new(double, r->m * r->m);
  assert_int_equal(tr_shingle_index_matrix(ix, TR_UNIT_AGREEMENT, NULL, r->m, r->matrix, NULL), TR_OK);
  tr_shingle_index_free(ix);
  tr_corpus_free(c);
}

static void join_results_clear(join_results *r) {
  for (int i = 0; i < 6; i++)
    tr_pair_list_free(r->lists[i]);
  g_free(r->matrix);
}

static void test_joins_any_thread_count(void **state) {
  (void)state;
  static const char *const what[6] = { "article pairs 0.5", "article pairs 0.2 across agreements",
                                       "chapter pairs 0.3", "agreement pairs 0.1", "trace 0.5",
                                       "trace 0.2" };
  join_results one = { 0 };
  join_all(1, &one);
  size_t most = 0; /* the most pairs of one first unit (a join orders more than 32 by qsort) */
  for (int i = 0; i < 6; i++) {
    if (tr_pair_list_count(one.lists[i]) == 0)
      fail_msg("%s: no pairs (the test would prove nothing)", what[i]);
    size_t pa = 0, pb = 0, run = 0;
    for (size_t k = 0; k < tr_pair_list_count(one.lists[i]); k++) {
      size_t a, b;
      assert_int_equal(tr_pair_list_get(one.lists[i], k, &a, &b, NULL, NULL, NULL), TR_OK);
      if (i < 4) { /* pair lists: ascending by (a, b), a < b */
        if (a >= b || (k > 0 && (a < pa || (a == pa && b <= pb))))
          fail_msg("%s: pair %zu (%zu, %zu) after (%zu, %zu)", what[i], k, a, b, pa, pb);
        run = k > 0 && a == pa ? run + 1 : 1;
        most = run > most ? run : most;
      }
      pa = a;
      pb = b;
    }
  }
  if (most <= 32)
    fail_msg("no unit is in more than 32 pairs (%zu): the test would not order a long run", most);
  for (unsigned threads = 2; threads <= 4; threads++) {
    join_results r = { 0 };
    join_all(threads, &r);
    for (int i = 0; i < 6; i++)
      assert_pair_lists_same(one.lists[i], r.lists[i], what[i], threads);
    assert_int_equal(r.m, one.m);
    assert_memory_equal(r.matrix, one.matrix, one.m * one.m * sizeof(double));
    join_results_clear(&r);
  }
  join_results_clear(&one);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_shared_catalog_readers),
    cmocka_unit_test(test_default_catalog_created_concurrently),
    cmocka_unit_test(test_shared_catalog_comparisons),
    cmocka_unit_test(test_shared_coder),
    cmocka_unit_test(test_shared_corpus),
    cmocka_unit_test(test_overlaps_while_sorting),
    cmocka_unit_test(test_templates_while_sorting),
    cmocka_unit_test(test_joins_any_thread_count),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
