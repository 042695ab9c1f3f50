/* Tests for tr_catalog_select_indicators() (catalog.h): the economy / indicator /
 * year selection that 'traderules indicators' lists. Test data only. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <traderules/traderules.h>

static tr_catalog *catalog(void) {
  /* economy, indicator, year (0 = none) */
  static const struct { const char *e, *n; int y; } recs[] = {
    { "USA", "cloud", 2016 }, { "USA", "cloud", 2017 }, { "EU", "cloud", 2016 },
    { "WLD", "classification", 0 }, { "usa", "cloud", 2016 }, { "USA", "int_value", 2016 },
  };
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  for (size_t i = 0; i < sizeof recs / sizeof recs[0]; i++) {
    tr_indicator *r = NULL;
    assert_int_equal(tr_indicator_new(recs[i].e, recs[i].n, recs[i].y, (double)i, &r), TR_OK);
    assert_int_equal(tr_catalog_add_indicator(c, r), TR_OK);
  }
  return c;
}

/* The values (record numbers) of the selection, as "0,1,5". */
static void expect(const tr_catalog *c, const char *economy, const char *name, int year, const char *want) {
  tr_indicator_list *l = NULL;
  assert_int_equal(tr_catalog_select_indicators(c, economy, name, year, &l), TR_OK);
  char got[64] = "";
  for (size_t i = 0; i < tr_indicator_list_count(l); i++) {
    size_t n = strlen(got);
    snprintf(got + n, sizeof got - n, "%s%d", i ? "," : "", (int)tr_indicator_get_value(tr_indicator_list_at(l, i)));
  }
  assert_null(tr_indicator_list_at(l, tr_indicator_list_count(l)));
  tr_indicator_list_free(l);
  assert_string_equal(got, want);
}

static void test_select(void **state) {
  (void)state;
  tr_catalog *c = catalog();
  expect(c, NULL, NULL, 0, "0,1,2,3,4,5");        /* no criterion: all, in catalog order */
  expect(c, "USA", NULL, 0, "0,1,5");             /* exact, case-sensitive ("usa" is not USA) */
  expect(c, "usa", NULL, 0, "4");
  expect(c, NULL, "cloud", 0, "0,1,2,4");
  expect(c, NULL, NULL, 2016, "0,2,4,5");         /* a record without a year: only year 0 */
  expect(c, "USA", "cloud", 2016, "0");
  expect(c, "USA", "cloud", 2018, "");
  expect(c, "XXX", NULL, 0, "");
  expect(c, "", NULL, 0, "");                     /* an empty name matches no record */
  expect(c, NULL, "classification", 0, "3");
  expect(c, NULL, NULL, 9999, "");
  tr_catalog_free(c);
  /* the list borrows the records: the catalog's own pointers */
  c = catalog();
  tr_indicator_list *l = NULL;
  assert_int_equal(tr_catalog_select_indicators(c, NULL, NULL, 0, &l), TR_OK);
  for (size_t i = 0; i < tr_indicator_list_count(l); i++)
    assert_ptr_equal(tr_indicator_list_at(l, i), tr_catalog_indicator_at(c, i));
  tr_indicator_list_free(l);
  /* an empty catalog gives an empty list, not an error */
  tr_catalog *empty = NULL;
  assert_int_equal(tr_catalog_new(&empty), TR_OK);
  expect(empty, "USA", NULL, 2016, "");
  tr_catalog_free(empty);
  tr_catalog_free(c);
}

static void test_errors(void **state) {
  (void)state;
  tr_catalog *c = catalog();
  tr_indicator_list *l = (tr_indicator_list *)(void *)&l;
  assert_int_equal(tr_catalog_select_indicators(NULL, NULL, NULL, 0, &l), TR_ERR_INVALID_ARG);
  assert_null(l);
  assert_int_equal(tr_catalog_select_indicators(c, NULL, NULL, 0, NULL), TR_ERR_INVALID_ARG);
  l = (tr_indicator_list *)(void *)&l;
  assert_int_equal(tr_catalog_select_indicators(c, NULL, NULL, -1, &l), TR_ERR_INVALID_ARG);
  assert_null(l);
  assert_string_equal(tr_error_field(), "year");
  assert_int_equal(tr_catalog_select_indicators(c, NULL, NULL, 10000, &l), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_indicator_list_count(NULL), 0);
  assert_null(tr_indicator_list_at(NULL, 0));
  tr_indicator_list_free(NULL);
  tr_catalog_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_select),
    cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
