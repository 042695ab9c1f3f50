/* Tests for tr_timeline_change_count()/_at() (compare.h): the years at which the
 * adoption of a category changes, the 'spread' column of 'traderules timeline'.
 * Checked against tr_timeline_count() year by year. Test data only. */
#include "helpers.h"

/* Every change point agrees with the year-by-year cumulative counts, and no year
 * between two change points changes the counts. */
static void check_against_counts(const tr_timeline *tl, tr_category c) {
  size_t n = tr_timeline_change_count(tl, c), k = 0, pa = 0, ph = 0;
  for (int y = tr_timeline_first_year(tl); n && y <= tr_timeline_last_year(tl); y++) {
    size_t ca = tr_timeline_count(tl, c, y, TR_STRENGTH_SOFT), ch = tr_timeline_count(tl, c, y, TR_STRENGTH_HARD);
    if (ca != pa || ch != ph) {
      size_t a = 99, h = 99;
      assert_true(k < n);
      assert_int_equal(tr_timeline_change_at(tl, c, k, &a, &h), y);
      assert_int_equal(a, ca);
      assert_int_equal(h, ch);
      k++;
    }
    pa = ca;
    ph = ch;
  }
  assert_int_equal(k, n);
}

static void test_changes(void **state) {
  (void)state;
  tr_catalog *c = empty_catalog();
  prov_spec soft_src[] = { P(SOURCE_CODE, SOFT), P(ECOM_GENERAL, NONE), END };
  prov_spec hard_src[] = { P(SOURCE_CODE, HARD), END };
  prov_spec unknown_src[] = { P(SOURCE_CODE, UNKNOWN), P(ECOM_GENERAL, HARD), END };
  prov_spec mixed_src[] = { P(SOURCE_CODE, MIXED), END };
  add(c, mk("A2001", TR_FAMILY_AMERICAN, "2001-03", "USA", soft_src));
  add(c, mk("B2001", TR_FAMILY_AMERICAN, "2001-09", "USA", hard_src));   /* same year: one change */
  add(c, mk("C2004", TR_FAMILY_EUROPEAN, "2004", "EU", unknown_src));    /* unknown: no change */
  add(c, mk("D2007", TR_FAMILY_EUROPEAN, "2007-01-01", "EU", mixed_src)); /* mixed: provision, not hard */
  add(c, mk("E2009", TR_FAMILY_EUROPEAN, "2009", "EU", hard_src));
  add(c, mk("UNDATED", TR_FAMILY_EUROPEAN, NULL, "EU", hard_src));       /* left out */
  tr_timeline *tl = NULL;
  assert_int_equal(tr_timeline_new_with_options(c, NULL, &tl), TR_OK);
  /* source code: 2001 2/1, 2007 3/1, 2009 4/2 */
  static const struct { int year; size_t any, hard; } want[] = { { 2001, 2, 1 }, { 2007, 3, 1 }, { 2009, 4, 2 } };
  assert_int_equal(tr_timeline_change_count(tl, TR_CATEGORY_SOURCE_CODE), 3);
  for (size_t k = 0; k < 3; k++) {
    size_t a = 0, h = 0;
    assert_int_equal(tr_timeline_change_at(tl, TR_CATEGORY_SOURCE_CODE, k, &a, &h), want[k].year);
    assert_int_equal(a, want[k].any);
    assert_int_equal(h, want[k].hard);
  }
  /* either count may be NULL */
  assert_int_equal(tr_timeline_change_at(tl, TR_CATEGORY_SOURCE_CODE, 1, NULL, NULL), 2007);
  /* e-commerce general: none in 2001 is no provision; hard in 2004 */
  assert_int_equal(tr_timeline_change_count(tl, TR_CATEGORY_ECOM_GENERAL), 1);
  size_t a = 0, h = 0;
  assert_int_equal(tr_timeline_change_at(tl, TR_CATEGORY_ECOM_GENERAL, 0, &a, &h), 2004);
  assert_int_equal(a, 1);
  assert_int_equal(h, 1);
  for (int k = 1; k <= tr_category_count(); k++)
    check_against_counts(tl, (tr_category)k);
  /* a category no agreement has: no change point */
  assert_int_equal(tr_timeline_change_count(tl, TR_CATEGORY_DATA_LOCALISATION), 0);
  /* out of range: year 0 and zero counts */
  a = h = 7;
  assert_int_equal(tr_timeline_change_at(tl, TR_CATEGORY_SOURCE_CODE, 3, &a, &h), 0);
  assert_int_equal(a, 0);
  assert_int_equal(h, 0);
  assert_int_equal(tr_timeline_change_at(tl, TR_CATEGORY_UNKNOWN, 0, &a, &h), 0);
  assert_int_equal(tr_timeline_change_count(tl, TR_CATEGORY_UNKNOWN), 0);
  assert_int_equal(tr_timeline_change_count(tl, (tr_category)(tr_category_count() + 1)), 0);
  assert_int_equal(tr_timeline_change_at(NULL, TR_CATEGORY_SOURCE_CODE, 0, &a, &h), 0);
  assert_int_equal(a + h, 0);
  assert_int_equal(tr_timeline_change_count(NULL, TR_CATEGORY_SOURCE_CODE), 0);
  tr_timeline_free(tl);
  tr_catalog_free(c);
}

/* The embedded catalog: every category's change points match the year-by-year counts. */
static void test_embedded(void **state) {
  (void)state;
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new_default(&c), TR_OK);
  tr_timeline *tl = NULL;
  assert_int_equal(tr_timeline_new_with_options(c, NULL, &tl), TR_OK);
  size_t total = 0;
  for (int k = 1; k <= tr_category_count(); k++) {
    check_against_counts(tl, (tr_category)k);
    total += tr_timeline_change_count(tl, (tr_category)k);
  }
  assert_true(total > 0);
  tr_timeline_free(tl);
  tr_catalog_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_changes),
    cmocka_unit_test(test_embedded),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
