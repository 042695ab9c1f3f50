/* Tests for barriers and indicator records. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include <traderules/traderules.h>

static void test_barrier(void **state) {
  (void)state;
  tr_barrier *b = NULL;
  assert_int_equal(tr_barrier_new("B1a", TR_BARRIER_DATA_LOCALISATION, "Server localisation", &b), TR_OK);
  assert_string_equal(tr_barrier_get_id(b), "B1a");
  assert_int_equal(tr_barrier_get_type(b), TR_BARRIER_DATA_LOCALISATION);
  assert_string_equal(tr_barrier_get_name(b), "Server localisation");
  assert_null(tr_barrier_get_description(b));
  assert_null(tr_barrier_get_source(b));
  assert_int_equal(tr_barrier_category_count(b), 0);
  assert_int_equal(tr_barrier_category_at(b, 0), TR_CATEGORY_UNKNOWN);

  assert_int_equal(tr_barrier_set_description(b, "Data must be stored locally"), TR_OK);
  assert_int_equal(tr_barrier_set_source(b, "USITC 2017"), TR_OK);
  assert_string_equal(tr_barrier_get_description(b), "Data must be stored locally");
  assert_string_equal(tr_barrier_get_source(b), "USITC 2017");
  assert_int_equal(tr_barrier_set_description(b, "\xff"), TR_ERR_ENCODING);
  assert_string_equal(tr_barrier_get_description(b), "Data must be stored locally");
  assert_int_equal(tr_barrier_set_source(b, NULL), TR_OK);
  assert_null(tr_barrier_get_source(b));

  assert_int_equal(tr_barrier_add_category(b, TR_CATEGORY_DATA_LOCALISATION), TR_OK);
  assert_int_equal(tr_barrier_add_category(b, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS), TR_OK);
  assert_int_equal(tr_barrier_add_category(b, TR_CATEGORY_DATA_LOCALISATION), TR_ERR_DUPLICATE);
  assert_int_equal(tr_barrier_add_category(b, TR_CATEGORY_UNKNOWN), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_barrier_add_category(b, (tr_category)100), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_barrier_category_count(b), 2);
  assert_int_equal(tr_barrier_category_at(b, 0), TR_CATEGORY_DATA_LOCALISATION);
  assert_int_equal(tr_barrier_category_at(b, 1), TR_CATEGORY_CROSS_BORDER_DATA_FLOWS);
  assert_int_equal(tr_barrier_category_at(b, 2), TR_CATEGORY_UNKNOWN);
  tr_barrier_free(b);
}

static void test_barrier_errors(void **state) {
  (void)state;
  tr_barrier *b = NULL;
  assert_int_equal(tr_barrier_new("B 1", TR_BARRIER_INVESTMENT, "x", &b), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_barrier_new(NULL, TR_BARRIER_INVESTMENT, "x", &b), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_barrier_new("B6", TR_BARRIER_UNKNOWN, "x", &b), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_barrier_new("B6", (tr_barrier_type)7, "x", &b), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_barrier_new("B6", TR_BARRIER_INVESTMENT, NULL, &b), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_barrier_new("B6", TR_BARRIER_INVESTMENT, "", &b), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_barrier_new("B6", TR_BARRIER_INVESTMENT, "\xc0\x80", &b), TR_ERR_ENCODING);
  assert_int_equal(tr_barrier_new("B6", TR_BARRIER_INVESTMENT, "x", NULL), TR_ERR_INVALID_ARG);
  assert_null(b);
  assert_int_equal(tr_barrier_set_description(NULL, "x"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_barrier_set_source(NULL, "x"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_barrier_add_category(NULL, TR_CATEGORY_SOURCE_CODE), TR_ERR_INVALID_ARG);
  assert_null(tr_barrier_get_id(NULL));
  assert_int_equal(tr_barrier_get_type(NULL), TR_BARRIER_UNKNOWN);
  assert_null(tr_barrier_get_name(NULL));
  assert_null(tr_barrier_get_description(NULL));
  assert_null(tr_barrier_get_source(NULL));
  assert_int_equal(tr_barrier_category_count(NULL), 0);
  assert_int_equal(tr_barrier_category_at(NULL, 0), TR_CATEGORY_UNKNOWN);
  tr_barrier_free(NULL);
}

static void test_indicator(void **state) {
  (void)state;
  tr_indicator *r = NULL;
  assert_int_equal(tr_indicator_new("USA", "public_cloud_spending_saas", 2016, 12.5, &r), TR_OK);
  assert_string_equal(tr_indicator_get_economy(r), "USA");
  assert_string_equal(tr_indicator_get_name(r), "public_cloud_spending_saas");
  assert_int_equal(tr_indicator_get_year(r), 2016);
  assert_true(tr_indicator_get_value(r) == 12.5);
  assert_null(tr_indicator_get_unit(r));
  assert_null(tr_indicator_get_source(r));
  assert_null(tr_indicator_get_text(r));
  assert_int_equal(tr_indicator_set_unit(r, "USD billion"), TR_OK);
  assert_int_equal(tr_indicator_set_source(r, "seed paper Table 2"), TR_OK);
  assert_int_equal(tr_indicator_set_text(r, "high"), TR_OK);
  assert_string_equal(tr_indicator_get_unit(r), "USD billion");
  assert_string_equal(tr_indicator_get_source(r), "seed paper Table 2");
  assert_string_equal(tr_indicator_get_text(r), "high");
  assert_int_equal(tr_indicator_set_text(r, "\xff"), TR_ERR_ENCODING);
  assert_string_equal(tr_indicator_get_text(r), "high");
  assert_int_equal(tr_indicator_set_unit(r, NULL), TR_OK);
  assert_null(tr_indicator_get_unit(r));
  tr_indicator_free(r);

  /* Textual record: NaN value, no year. */
  assert_int_equal(tr_indicator_new("WLD", "usitc_digital_trade_class", 0, NAN, &r), TR_OK);
  assert_true(isnan(tr_indicator_get_value(r)));
  assert_int_equal(tr_indicator_get_year(r), 0);
  tr_indicator_free(r);
}

static void test_indicator_errors(void **state) {
  (void)state;
  tr_indicator *r = NULL;
  assert_int_equal(tr_indicator_new(NULL, "x", 2016, 1, &r), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_indicator_new("", "x", 2016, 1, &r), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_indicator_new("\xff", "x", 2016, 1, &r), TR_ERR_ENCODING);
  assert_int_equal(tr_indicator_new("USA", NULL, 2016, 1, &r), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_indicator_new("USA", "bad id", 2016, 1, &r), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_indicator_new("USA", "x", -1, 1, &r), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_indicator_new("USA", "x", 10000, 1, &r), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_indicator_new("USA", "x", 2016, INFINITY, &r), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_indicator_new("USA", "x", 2016, 1, NULL), TR_ERR_INVALID_ARG);
  assert_null(r);
  assert_int_equal(tr_indicator_set_unit(NULL, "x"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_indicator_set_source(NULL, "x"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_indicator_set_text(NULL, "x"), TR_ERR_INVALID_ARG);
  assert_null(tr_indicator_get_economy(NULL));
  assert_null(tr_indicator_get_name(NULL));
  assert_int_equal(tr_indicator_get_year(NULL), 0);
  assert_true(isnan(tr_indicator_get_value(NULL)));
  assert_null(tr_indicator_get_unit(NULL));
  assert_null(tr_indicator_get_source(NULL));
  assert_null(tr_indicator_get_text(NULL));
  tr_indicator_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_barrier),
    cmocka_unit_test(test_barrier_errors),
    cmocka_unit_test(test_indicator),
    cmocka_unit_test(test_indicator_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
