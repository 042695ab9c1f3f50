/* Tests of the embedded default catalog. Generic on purpose: they hold whatever the data grows to. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <traderules/traderules.h>

#include "catalog-compare.h"

static void test_loads(void **state) {
  (void)state;
  tr_catalog *c = NULL;
  int rc = tr_catalog_new_default(&c);
  if (rc)
    fail_msg("embedded catalog: %s", tr_error_message());
  assert_non_null(c);
  /* Ids resolve to the objects at their positions; based_on points to an earlier agreement. */
  for (size_t i = 0; i < tr_catalog_agreement_count(c); i++) {
    const tr_agreement *a = tr_catalog_agreement_at(c, i);
    assert_ptr_equal(tr_catalog_find_agreement(c, tr_agreement_get_id(a)), a);
    const char *base = tr_agreement_get_based_on(a);
    if (base)
      assert_non_null(tr_catalog_find_agreement(c, base));
  }
  for (size_t i = 0; i < tr_catalog_barrier_count(c); i++) {
    const tr_barrier *b = tr_catalog_barrier_at(c, i);
    assert_ptr_equal(tr_catalog_find_barrier(c, tr_barrier_get_id(b)), b);
  }
  tr_catalog_free(c);
  assert_int_equal(tr_catalog_new_default(NULL), TR_ERR_INVALID_ARG);
}

static void test_every_provision_has_a_source(void **state) {
  (void)state;
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new_default(&c), TR_OK);
  for (size_t i = 0; i < tr_catalog_agreement_count(c); i++) {
    const tr_agreement *a = tr_catalog_agreement_at(c, i);
    for (size_t j = 0; j < tr_agreement_provision_count(a); j++) {
      const tr_provision *p = tr_agreement_provision_at(a, j);
      const char *src = tr_provision_get_source(p);
      if (!src || !*src)
        fail_msg("%s: provision '%s' has no source", tr_agreement_get_id(a),
                 tr_category_id(tr_provision_get_category(p)));
    }
  }
  tr_catalog_free(c);
}

static void test_round_trips(void **state) {
  (void)state;
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new_default(&c), TR_OK);
  assert_round_trip(c);
  tr_catalog_free(c);
}

static void test_independent_copies(void **state) {
  (void)state;
  /* Each call gives a fresh catalog; extending one does not affect the other. */
  tr_catalog *a = NULL, *b = NULL;
  tr_agreement *x = NULL;
  assert_int_equal(tr_catalog_new_default(&a), TR_OK);
  assert_int_equal(tr_catalog_new_default(&b), TR_OK);
  assert_int_equal(tr_agreement_new("ZZZ_TEST_ONLY", "test", &x), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(a, x), TR_OK);
  assert_int_equal(tr_catalog_agreement_count(a), tr_catalog_agreement_count(b) + 1);
  assert_null(tr_catalog_find_agreement(b, "ZZZ_TEST_ONLY"));
  tr_catalog_free(a);
  tr_catalog_free(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_loads),
    cmocka_unit_test(test_every_provision_has_a_source),
    cmocka_unit_test(test_round_trips),
    cmocka_unit_test(test_independent_copies),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
