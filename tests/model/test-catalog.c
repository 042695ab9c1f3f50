/* Tests for the in-memory catalog, filters and selections. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>
#include <glib.h>

#include <traderules/traderules.h>

static tr_agreement *make(const char *id, tr_family family, tr_kind kind, tr_agreement_status status,
                          const char *date, const char *p1, const char *p2) {
  tr_agreement *a = NULL;
  assert_int_equal(tr_agreement_new(id, id, &a), TR_OK);
  assert_int_equal(tr_agreement_set_family(a, family), TR_OK);
  assert_int_equal(tr_agreement_set_kind(a, kind), TR_OK);
  assert_int_equal(tr_agreement_set_status(a, status), TR_OK);
  assert_int_equal(tr_agreement_set_date_signed(a, date), TR_OK);
  if (p1) assert_int_equal(tr_agreement_add_party(a, p1), TR_OK);
  if (p2) assert_int_equal(tr_agreement_add_party(a, p2), TR_OK);
  return a;
}

static tr_catalog *sample(void) {
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, make("KORUS", TR_FAMILY_AMERICAN, TR_KIND_BILATERAL,
      TR_AGREEMENT_STATUS_IN_FORCE, "2007-06-30", "USA", "KOR")), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, make("EU_KOR", TR_FAMILY_EUROPEAN, TR_KIND_BILATERAL,
      TR_AGREEMENT_STATUS_IN_FORCE, "2010-10-06", "EU", "KOR")), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, make("TPP", TR_FAMILY_AMERICAN, TR_KIND_REGIONAL,
      TR_AGREEMENT_STATUS_SIGNED, "2016-02-04", "USA", "JPN")), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, make("TTIP", TR_FAMILY_EUROPEAN, TR_KIND_NEGOTIATING_TEXT,
      TR_AGREEMENT_STATUS_ABANDONED, NULL, "EU", "USA")), TR_OK);
  return c;
}

static void test_catalog_add_find(void **state) {
  (void)state;
  tr_catalog *c = sample();
  assert_int_equal(tr_catalog_agreement_count(c), 4);
  /* Insertion order. */
  assert_string_equal(tr_agreement_get_id(tr_catalog_agreement_at(c, 0)), "KORUS");
  assert_string_equal(tr_agreement_get_id(tr_catalog_agreement_at(c, 3)), "TTIP");
  assert_null(tr_catalog_agreement_at(c, 4));
  const tr_agreement *tpp = tr_catalog_find_agreement(c, "TPP");
  assert_non_null(tpp);
  assert_ptr_equal(tpp, tr_catalog_agreement_at(c, 2));
  assert_null(tr_catalog_find_agreement(c, "tpp")); /* case-sensitive */
  assert_null(tr_catalog_find_agreement(c, NULL));
  assert_null(tr_catalog_find_agreement(NULL, "TPP"));

  /* Duplicate id: refused, the caller still owns the agreement, catalog unchanged. */
  tr_agreement *dup = NULL;
  assert_int_equal(tr_agreement_new("TPP", "Another TPP", &dup), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, dup), TR_ERR_DUPLICATE);
  assert_non_null(strstr(tr_error_message(), "TPP"));
  assert_int_equal(tr_catalog_agreement_count(c), 4);
  assert_ptr_equal(tr_catalog_find_agreement(c, "TPP"), tpp);
  tr_agreement_free(dup);

  /* based_on must name an agreement already in the catalog. */
  tr_agreement *cptpp = NULL;
  assert_int_equal(tr_agreement_new("CPTPP", "CPTPP", &cptpp), TR_OK);
  assert_int_equal(tr_agreement_set_based_on(cptpp, "TPP12"), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, cptpp), TR_ERR_REFERENCE);
  assert_int_equal(tr_catalog_agreement_count(c), 4);
  assert_int_equal(tr_agreement_set_based_on(cptpp, "TPP"), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, cptpp), TR_OK);
  assert_int_equal(tr_catalog_agreement_count(c), 5);

  assert_int_equal(tr_catalog_add_agreement(NULL, cptpp), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_catalog_add_agreement(c, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_catalog_new(NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_catalog_agreement_count(NULL), 0);
  assert_null(tr_catalog_agreement_at(NULL, 0));
  tr_catalog_free(c);
  tr_catalog_free(NULL);
}

static void test_catalog_many(void **state) {
  (void)state;
  /* Lookups stay correct as the table grows (hash resizing). */
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  for (int i = 0; i < 500; i++) {
    char id[16];
    tr_agreement *a = NULL;
    snprintf(id, sizeof id, "A%d", i);
    assert_int_equal(tr_agreement_new(id, "n", &a), TR_OK);
    assert_int_equal(tr_catalog_add_agreement(c, a), TR_OK);
  }
  for (int i = 0; i < 500; i++) {
    char id[16];
    snprintf(id, sizeof id, "A%d", i);
    assert_ptr_equal(tr_catalog_find_agreement(c, id), tr_catalog_agreement_at(c, (size_t)i));
  }
  tr_catalog_free(c);
}

static void test_catalog_barriers_indicators(void **state) {
  (void)state;
  tr_catalog *c = NULL;
  tr_barrier *b1 = NULL, *b2 = NULL, *dup = NULL;
  tr_indicator *r1 = NULL, *r2 = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  assert_int_equal(tr_catalog_barrier_count(c), 0);
  assert_int_equal(tr_catalog_indicator_count(c), 0);
  assert_int_equal(tr_barrier_new("B1a", TR_BARRIER_DATA_LOCALISATION, "Servers", &b1), TR_OK);
  assert_int_equal(tr_barrier_new("B2b", TR_BARRIER_NETWORK_SECURITY_PRIVACY, "Source code", &b2), TR_OK);
  assert_int_equal(tr_barrier_new("B1a", TR_BARRIER_DATA_LOCALISATION, "Again", &dup), TR_OK);
  assert_int_equal(tr_catalog_add_barrier(c, b1), TR_OK);
  assert_int_equal(tr_catalog_add_barrier(c, b2), TR_OK);
  assert_int_equal(tr_catalog_add_barrier(c, dup), TR_ERR_DUPLICATE);
  tr_barrier_free(dup);
  assert_int_equal(tr_catalog_add_barrier(c, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_catalog_add_barrier(NULL, b1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_catalog_barrier_count(c), 2);
  assert_ptr_equal(tr_catalog_barrier_at(c, 1), b2);
  assert_null(tr_catalog_barrier_at(c, 2));
  assert_ptr_equal(tr_catalog_find_barrier(c, "B1a"), b1);
  assert_null(tr_catalog_find_barrier(c, "B9"));
  assert_null(tr_catalog_find_barrier(c, NULL));
  assert_null(tr_catalog_find_barrier(NULL, "B1a"));

  assert_int_equal(tr_indicator_new("USA", "x", 2016, 1.0, &r1), TR_OK);
  assert_int_equal(tr_indicator_new("CHN", "x", 2016, 2.0, &r2), TR_OK);
  assert_int_equal(tr_catalog_add_indicator(c, r1), TR_OK);
  assert_int_equal(tr_catalog_add_indicator(c, r2), TR_OK);
  assert_int_equal(tr_catalog_add_indicator(c, r1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_catalog_add_indicator(c, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_catalog_add_indicator(NULL, r1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_catalog_indicator_count(c), 2);
  assert_ptr_equal(tr_catalog_indicator_at(c, 0), r1);
  assert_null(tr_catalog_indicator_at(c, 2));
  assert_int_equal(tr_catalog_barrier_count(NULL), 0);
  assert_null(tr_catalog_barrier_at(NULL, 0));
  assert_int_equal(tr_catalog_indicator_count(NULL), 0);
  assert_null(tr_catalog_indicator_at(NULL, 0));
  tr_catalog_free(c);
}

/* Ids of the selected agreements, comma-separated, for compact assertions. */
static void ids_of(const tr_catalog *c, const tr_filter *f, char *buf, size_t n) {
  tr_agreement_list *l = NULL;
  assert_int_equal(tr_catalog_select(c, f, &l), TR_OK);
  buf[0] = '\0';
  for (size_t i = 0; i < tr_agreement_list_count(l); i++) {
    if (i) g_strlcat(buf, ",", n);
    g_strlcat(buf, tr_agreement_get_id(tr_agreement_list_at(l, i)), n);
  }
  assert_null(tr_agreement_list_at(l, tr_agreement_list_count(l)));
  tr_agreement_list_free(l);
}

static void test_filters(void **state) {
  (void)state;
  tr_catalog *c = sample();
  tr_filter *f = NULL;
  char buf[256];
  ids_of(c, NULL, buf, sizeof buf);
  assert_string_equal(buf, "KORUS,EU_KOR,TPP,TTIP");
  assert_int_equal(tr_filter_new(&f), TR_OK);
  ids_of(c, f, buf, sizeof buf);
  assert_string_equal(buf, "KORUS,EU_KOR,TPP,TTIP");

  assert_int_equal(tr_filter_set_party(f, "KOR"), TR_OK);
  ids_of(c, f, buf, sizeof buf);
  assert_string_equal(buf, "KORUS,EU_KOR");
  assert_int_equal(tr_filter_set_family(f, TR_FAMILY_EUROPEAN), TR_OK);
  ids_of(c, f, buf, sizeof buf);
  assert_string_equal(buf, "EU_KOR");
  assert_int_equal(tr_filter_set_party(f, NULL), TR_OK);
  ids_of(c, f, buf, sizeof buf);
  assert_string_equal(buf, "EU_KOR,TTIP");
  assert_int_equal(tr_filter_set_kind(f, TR_KIND_NEGOTIATING_TEXT), TR_OK);
  ids_of(c, f, buf, sizeof buf);
  assert_string_equal(buf, "TTIP");
  assert_int_equal(tr_filter_set_status(f, TR_AGREEMENT_STATUS_IN_FORCE), TR_OK);
  ids_of(c, f, buf, sizeof buf);
  assert_string_equal(buf, "");
  assert_int_equal(tr_filter_set_family(f, TR_FAMILY_UNKNOWN), TR_OK);
  assert_int_equal(tr_filter_set_kind(f, TR_KIND_UNKNOWN), TR_OK);
  ids_of(c, f, buf, sizeof buf);
  assert_string_equal(buf, "KORUS,EU_KOR");
  assert_int_equal(tr_filter_set_status(f, TR_AGREEMENT_STATUS_UNKNOWN), TR_OK);

  /* Year ranges: inclusive, open sides, unknown years never match. */
  assert_int_equal(tr_filter_set_years(f, 2010, 2016), TR_OK);
  ids_of(c, f, buf, sizeof buf);
  assert_string_equal(buf, "EU_KOR,TPP");
  assert_int_equal(tr_filter_set_years(f, 2011, 0), TR_OK);
  ids_of(c, f, buf, sizeof buf);
  assert_string_equal(buf, "TPP");
  assert_int_equal(tr_filter_set_years(f, 0, 2009), TR_OK);
  ids_of(c, f, buf, sizeof buf);
  assert_string_equal(buf, "KORUS");
  assert_int_equal(tr_filter_set_years(f, 0, 0), TR_OK);
  ids_of(c, f, buf, sizeof buf);
  assert_string_equal(buf, "KORUS,EU_KOR,TPP,TTIP");

  /* Errors leave the filter as it was. */
  assert_int_equal(tr_filter_set_years(f, 2017, 2016), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_filter_set_years(f, -1, 0), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_filter_set_years(f, 0, 10000), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_filter_set_party(f, "korea"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_filter_set_family(f, (tr_family)9), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_filter_set_kind(f, (tr_kind)9), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_filter_set_status(f, (tr_agreement_status)19), TR_ERR_INVALID_ARG);
  ids_of(c, f, buf, sizeof buf);
  assert_string_equal(buf, "KORUS,EU_KOR,TPP,TTIP");

  assert_true(tr_filter_matches(f, tr_catalog_agreement_at(c, 0)));
  assert_true(tr_filter_matches(NULL, tr_catalog_agreement_at(c, 0)));
  assert_false(tr_filter_matches(f, NULL));
  assert_int_equal(tr_filter_set_party(NULL, "USA"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_filter_set_family(NULL, TR_FAMILY_OTHER), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_filter_set_kind(NULL, TR_KIND_BILATERAL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_filter_set_status(NULL, TR_AGREEMENT_STATUS_SIGNED), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_filter_set_years(NULL, 1, 2), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_filter_new(NULL), TR_ERR_INVALID_ARG);

  tr_agreement_list *l = NULL;
  assert_int_equal(tr_catalog_select(NULL, f, &l), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_catalog_select(c, f, NULL), TR_ERR_INVALID_ARG);
  assert_null(l);
  assert_int_equal(tr_agreement_list_count(NULL), 0);
  assert_null(tr_agreement_list_at(NULL, 0));
  tr_agreement_list_free(NULL);
  tr_filter_free(f);
  tr_filter_free(NULL);
  tr_catalog_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_catalog_add_find),
    cmocka_unit_test(test_catalog_many),
    cmocka_unit_test(test_catalog_barriers_indicators),
    cmocka_unit_test(test_filters),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
