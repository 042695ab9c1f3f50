/* Running out of memory in the shingle index and its jobs is a clean TR_ERR_NOMEM, not
 * an abort (issue 16, docs/stability.md "Running out of memory"), and leaves the index
 * as it was: after the limit is lifted the same calls give the results of a fresh index.
 *
 * Failure injector: the address-space limit (RLIMIT_AS), set to what the process uses
 * now plus a little, as in test-oom.c. One thread (no worker stacks or malloc arenas
 * in the address space); large blocks always mapped (mallopt), so freed memory does not
 * hide under the limit. Before the fix the build and the jobs used g_new for their
 * input-sized arrays, and GLib aborts on a failed g_new.
 *
 * Not under ASan (it reserves terabytes of shadow memory) nor valgrind (its own
 * allocator): the test is in the novalgrind suite and skips under ASan. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <sys/resource.h>
#include <cmocka.h>

#include <glib.h>
#include <traderules/traderules.h>

#include "oom-limit.h"

#ifndef UNDER_ASAN /* the helpers; under ASan the test only skips */
/* @nagr agreements of 4 articles of 150 words drawn from 40,000 (about 60 bytes of XML
 * per word... about 5 MB of text for 1,500 agreements): nearly every 5-gram distinct;
 * every tenth article a copy of an earlier one, so the joins find pairs. */
static tr_corpus *big_corpus(int nagr) {
  GRand *r = g_rand_new_with_seed(16);
  GPtrArray *prev = g_ptr_array_new_with_free_func(g_free);
  tr_corpus *c = NULL;
  assert_int_equal(tr_corpus_new(&c), TR_OK);
  assert_int_equal(tr_corpus_set_threads(c, 1), TR_OK);
  for (int a = 0; a < nagr; a++) {
    GString *x = g_string_new(NULL);
    g_string_append_printf(x, "<treaty><meta><treaty_identifier>%d</treaty_identifier>"
                              "<date_signed>%d-01-01</date_signed></meta><body><chapter name=\"c\">",
                           a + 1, 1990 + a % 30);
    for (int k = 0; k < 4; k++) {
      char *t;
      if (prev->len > 10 && g_rand_int_range(r, 0, 10) == 0) {
        t = g_strdup(g_ptr_array_index(prev, g_rand_int_range(r, 0, (gint32)prev->len)));
      } else {
        GString *s = g_string_new(NULL);
        for (int i = 0; i < 150; i++)
          g_string_append_printf(s, "w%d ", g_rand_int_range(r, 0, 40000));
        t = g_string_free(s, FALSE);
      }
      g_string_append_printf(x, "<article article_identifier=\"%d\">%s</article>", a * 4 + k + 1, t);
      g_ptr_array_add(prev, t);
    }
    g_string_append(x, "</chapter></body></treaty>");
    char *name = g_strdup_printf("big_%d.xml", a);
    assert_int_equal(tr_corpus_load_memory(c, name, x->str, x->len), TR_OK);
    g_free(name);
    g_string_free(x, TRUE);
  }
  g_ptr_array_free(prev, TRUE);
  g_rand_free(r);
  return c;
}

static void assert_lists_equal(const tr_pair_list *a, const tr_pair_list *b) {
  size_t n = tr_pair_list_count(a);
  assert_int_equal(n, tr_pair_list_count(b));
  for (size_t i = 0; i < n; i++) {
    size_t a1, b1, i1, a2, b2, i2;
    assert_int_equal(tr_pair_list_get(a, i, &a1, &b1, NULL, &i1, NULL), TR_OK);
    assert_int_equal(tr_pair_list_get(b, i, &a2, &b2, NULL, &i2, NULL), TR_OK);
    assert_int_equal(a1, a2);
    assert_int_equal(b1, b2);
    assert_int_equal(i1, i2);
  }
}

static int count_pair(size_t a, size_t b, size_t inter, size_t uni, void *ud) {
  (void)a, (void)b, (void)inter, (void)uni;
  (*(size_t *)ud)++;
  return 0;
}
#endif /* !UNDER_ASAN */

static void test_index_and_jobs(void **state) {
  (void)state;
#ifdef UNDER_ASAN
  skip();
#else
  assert_int_equal(oom_limit_init(), 0);
  tr_corpus *c = big_corpus(1500);
  tr_shingle_index *ix = NULL, *fresh = NULL;

  /* the build: refused before it starts (the probe), the corpus still free to load */
  limit_to(8u << 20);
  int rc = tr_shingle_index_new(c, TR_SHINGLE_WORD, 5, &ix);
  unlimit();
  expect_nomem(rc, "index");
  assert_null(ix);
  assert_int_equal(tr_shingle_index_new(c, TR_SHINGLE_WORD, 5, &ix), TR_OK);
  assert_int_equal(tr_shingle_index_new(c, TR_SHINGLE_WORD, 5, &fresh), TR_OK);
  assert_true(tr_shingle_index_vocabulary(ix) > 500000);

  /* agreement pairs: the lazy agreement sets cannot be built; then they are */
  tr_pair_list *l = (tr_pair_list *)&l, *ref = NULL;
  limit_to(2u << 20);
  rc = tr_shingle_index_pairs(ix, TR_UNIT_AGREEMENT, 0.05, 0, &l);
  unlimit();
  expect_nomem(rc, "agreement pairs");
  assert_null(l);
  assert_int_equal(tr_shingle_index_pairs(ix, TR_UNIT_AGREEMENT, 0.05, 0, &l), TR_OK);
  assert_int_equal(tr_shingle_index_pairs(fresh, TR_UNIT_AGREEMENT, 0.05, 0, &ref), TR_OK);
  assert_true(tr_pair_list_count(ref) > 0);
  assert_lists_equal(l, ref);
  tr_pair_list_free(l);
  tr_pair_list_free(ref);

  /* article pairs and trace: the join's posting lists (only of the shingles found in
   * two articles or more: here those of the copies, so a smaller limit) */
  l = (tr_pair_list *)&l;
  limit_to(256u << 10);
  rc = tr_shingle_index_pairs(ix, TR_UNIT_ARTICLE, 0.5, 0, &l);
  unlimit();
  expect_nomem(rc, "article pairs");
  assert_null(l);
  l = (tr_pair_list *)&l;
  limit_to(256u << 10);
  rc = tr_shingle_index_trace(ix, 0.5, &l);
  unlimit();
  expect_nomem(rc, "trace");
  assert_null(l);
  assert_int_equal(tr_shingle_index_pairs(ix, TR_UNIT_ARTICLE, 0.5, 0, &l), TR_OK);
  assert_int_equal(tr_shingle_index_pairs(fresh, TR_UNIT_ARTICLE, 0.5, 0, &ref), TR_OK);
  assert_true(tr_pair_list_count(ref) > 0);
  assert_lists_equal(l, ref);
  tr_pair_list_free(l);
  tr_pair_list_free(ref);

  /* overlaps: the inverted index */
  size_t n = 0, nref = 0;
  limit_to(2u << 20);
  rc = tr_shingle_index_overlaps(ix, TR_UNIT_AGREEMENT, 0.1, count_pair, &n);
  unlimit();
  expect_nomem(rc, "overlaps");
  assert_int_equal(n, 0);
  assert_int_equal(tr_shingle_index_overlaps(ix, TR_UNIT_AGREEMENT, 0.1, count_pair, &n), TR_OK);
  assert_int_equal(tr_shingle_index_overlaps(fresh, TR_UNIT_AGREEMENT, 0.1, count_pair, &nref), TR_OK);
  assert_int_equal(n, nref);

  /* a matrix of 3,000 articles: the count x count work arrays (72 MB and more) */
  size_t m = 3000;
  size_t *units = g_new(size_t, m);
  for (size_t i = 0; i < m; i++)
    units[i] = i;
  uint64_t *inter = g_new(uint64_t, m * m), *iref = g_new(uint64_t, m * m);
  limit_to(32u << 20);
  rc = tr_shingle_index_matrix(ix, TR_UNIT_ARTICLE, units, m, NULL, inter);
  unlimit();
  expect_nomem(rc, "matrix");
  assert_int_equal(tr_shingle_index_matrix(ix, TR_UNIT_ARTICLE, units, m, NULL, inter), TR_OK);
  assert_int_equal(tr_shingle_index_matrix(fresh, TR_UNIT_ARTICLE, units, m, NULL, iref), TR_OK);
  assert_memory_equal(inter, iref, m * m * sizeof(uint64_t));
  g_free(inter);
  g_free(iref);
  g_free(units);

  tr_shingle_index_free(ix);
  tr_shingle_index_free(fresh);
  tr_corpus_free(c);
#endif
}

/* The pairs found grow with the output, not the input: 3,000 identical short articles
 * (30 agreements of 100) make 4,498,500 pairs at Jaccard 1 (72 MB) from a few kB of
 * text. The join's work arrays fit in the limit, the pairs do not: out_of_memory (it
 * aborted in GLib's g_array growth before), then the whole list once the limit is lifted.
 * The streamed overlaps keep one wave's pairs (64 rows x 3,000 here, 3 MB and more). */
static void test_output_sized(void **state) {
  (void)state;
#ifdef UNDER_ASAN
  skip();
#else
  assert_int_equal(oom_limit_init(), 0);
  const size_t nagr = 30, per = 100, m = nagr * per, all = m * (m - 1) / 2;
  tr_corpus *c = NULL;
  tr_shingle_index *ix = NULL;
  assert_int_equal(tr_corpus_new(&c), TR_OK);
  assert_int_equal(tr_corpus_set_threads(c, 1), TR_OK);
  for (size_t a = 0; a < nagr; a++) {
    GString *x = g_string_new(NULL);
    g_string_append_printf(x, "<treaty><meta><treaty_identifier>%zu</treaty_identifier>"
                              "<date_signed>2000-01-01</date_signed></meta><body><chapter name=\"c\">",
                           a + 1);
    for (size_t k = 0; k < per; k++)
      g_string_append_printf(x, "<article article_identifier=\"%zu\">alpha beta gamma delta "
                                "epsilon zeta</article>", a * per + k + 1);
    g_string_append(x, "</chapter></body></treaty>");
    char *name = g_strdup_printf("same_%zu.xml", a);
    assert_int_equal(tr_corpus_load_memory(c, name, x->str, x->len), TR_OK);
    g_free(name);
    g_string_free(x, TRUE);
  }
  assert_int_equal(tr_shingle_index_new(c, TR_SHINGLE_WORD, 5, &ix), TR_OK);

  tr_pair_list *l = (tr_pair_list *)&l;
  limit_to(16u << 20);
  int rc = tr_shingle_index_pairs(ix, TR_UNIT_ARTICLE, 0.5, 0, &l);
  unlimit();
  expect_nomem(rc, "article pairs (output-sized)");
  assert_null(l);
  assert_int_equal(tr_shingle_index_pairs(ix, TR_UNIT_ARTICLE, 0.5, 0, &l), TR_OK);
  assert_int_equal(tr_pair_list_count(l), all);
  size_t a1, b1, i1;
  double j1;
  assert_int_equal(tr_pair_list_get(l, all - 1, &a1, &b1, &j1, &i1, NULL), TR_OK);
  assert_int_equal(a1, m - 2);
  assert_int_equal(b1, m - 1);
  assert_true(j1 == 1.0);
  tr_pair_list_free(l);

  size_t n = 0;
  limit_to(2u << 20);
  rc = tr_shingle_index_overlaps(ix, TR_UNIT_ARTICLE, 0.5, count_pair, &n);
  unlimit();
  expect_nomem(rc, "overlaps (one wave's pairs)");
  assert_int_equal(n, 0); /* the first wave's pairs did not fit: none handed out */
  assert_int_equal(tr_shingle_index_overlaps(ix, TR_UNIT_ARTICLE, 0.5, count_pair, &n), TR_OK);
  assert_int_equal(n, all);

  tr_shingle_index_free(ix);
  tr_corpus_free(c);
#endif
}

int main(void) {
  /* large blocks always mapped (a fixed threshold turns off glibc's dynamic one), so a
   * freed array leaves the address space and the limit measures what a call needs */
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_index_and_jobs),
    cmocka_unit_test(test_output_sized),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
