/* Concurrency: the threaded matrix gives the same cells with any thread count,
 * and comparisons built from shared templates on several threads at once
 * (reference counting, concurrent reads) are race-free. Also run under
 * ThreadSanitizer by scripts/test (suite 'threads'). */
#include "helpers.h"

static tr_catalog *generated(size_t n) {
  tr_catalog *c = empty_catalog();
  GRand *r = g_rand_new_with_seed(7);
  for (size_t i = 0; i < n; i++) {
    char id[16];
    g_snprintf(id, sizeof id, "T%zu", i);
    tr_agreement *a = NULL;
    assert_int_equal(tr_agreement_new(id, id, &a), TR_OK);
    for (int cat = 1; cat <= tr_category_count(); cat++) {
      int pick = g_rand_int_range(r, 0, 6); /* 0: not coded, 1: unknown, 2..5: none..hard */
      if (pick == 0)
        continue;
      tr_provision *p = NULL;
      assert_int_equal(tr_provision_new((tr_category)cat, pick == 1 ? TR_STRENGTH_UNKNOWN : (tr_strength)(pick - 1), &p),
                       TR_OK);
      if (g_rand_int_range(r, 0, 4) == 0)
        tr_provision_set_exceptions(p, TR_EXCEPTION_PRIVACY);
      assert_int_equal(tr_agreement_add_provision(a, p), TR_OK);
    }
    add(c, a);
  }
  g_rand_free(r);
  return c;
}

static void test_matrix_thread_counts(void **state) {
  (void)state;
  tr_catalog *c = generated(600);
  tr_matrix *m1 = NULL, *m4 = NULL;
  assert_int_equal(tr_matrix_new(c, NULL, 1, &m1), TR_OK);
  assert_int_equal(tr_matrix_new(c, NULL, 4, &m4), TR_OK);
  size_t n = tr_matrix_size(m1), differ = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      differ += tr_matrix_comparable(m1, i, j) != tr_matrix_comparable(m4, i, j) ||
                !(tr_matrix_distance(m1, i, j) == tr_matrix_distance(m4, i, j) ||
                  (isnan(tr_matrix_distance(m1, i, j)) && isnan(tr_matrix_distance(m4, i, j))));
  assert_int_equal(differ, 0);
  tr_matrix_free(m1);
  tr_matrix_free(m4);
  tr_catalog_free(c);
}

typedef struct {
  const tr_template *a, *b;
  double expect;
  int bad;
} shared_t;

static gpointer compare_many(gpointer data) {
  shared_t *s = data;
  for (int k = 0; k < 300; k++) {
    tr_comparison *cmp = NULL;
    if (tr_comparison_new(s->a, s->b, &cmp) != TR_OK) {
      g_atomic_int_inc(&s->bad);
      continue;
    }
    if (tr_comparison_distance(cmp) != s->expect ||
        tr_template_get_strength(tr_comparison_get_first(cmp), TR_CATEGORY_SOURCE_CODE) !=
            tr_template_get_strength(s->a, TR_CATEGORY_SOURCE_CODE))
      g_atomic_int_inc(&s->bad);
    tr_comparison_free(cmp);
  }
  return NULL;
}

static void test_shared_templates(void **state) {
  (void)state;
  tr_catalog *c = generated(20);
  tr_template *a = NULL, *b = NULL;
  const char *ids[] = { "T1", "T2", "T3" };
  assert_int_equal(tr_template_new_from_ids(c, "g", ids, 3, TR_TEMPLATE_RULE_MAJORITY, &a), TR_OK);
  assert_int_equal(tr_template_resolve(c, "T7", &b), TR_OK);
  tr_comparison *ref = NULL;
  assert_int_equal(tr_comparison_new(a, b, &ref), TR_OK);
  shared_t s = { a, b, tr_comparison_distance(ref), 0 };
  GThread *t[4];
  for (int i = 0; i < 4; i++)
    t[i] = g_thread_new("cmp", compare_many, &s);
  for (int i = 0; i < 4; i++)
    g_thread_join(t[i]);
  assert_int_equal(s.bad, 0);
  /* The reference comparison still holds both templates after the caller frees its own. */
  tr_template_free(a);
  tr_template_free(b);
  tr_catalog_free(c);
  assert_true(tr_comparison_comparable_count(ref) > 0);
  assert_string_equal(tr_template_get_name(tr_comparison_get_second(ref)), "T7");
  tr_comparison_free(ref);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_matrix_thread_counts),
    cmocka_unit_test(test_shared_templates),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
