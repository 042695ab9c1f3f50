/* Tests for provisions and agreements. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <traderules/traderules.h>

static void test_provision_defaults_and_setters(void **state) {
  (void)state;
  tr_provision *p = NULL;
  assert_int_equal(tr_provision_new(TR_CATEGORY_CROSS_BORDER_DATA_FLOWS, TR_STRENGTH_HARD, &p), TR_OK);
  assert_non_null(p);
  assert_int_equal(tr_provision_get_category(p), TR_CATEGORY_CROSS_BORDER_DATA_FLOWS);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_HARD);
  assert_int_equal(tr_provision_get_dispute_settlement(p), TR_DS_UNKNOWN);
  assert_int_equal(tr_provision_get_exceptions(p), 0);
  assert_int_equal(tr_provision_get_flags(p), 0);
  assert_null(tr_provision_get_citation(p));
  assert_null(tr_provision_get_title(p));
  assert_null(tr_provision_get_summary(p));
  assert_null(tr_provision_get_source(p));
  assert_null(tr_provision_get_note(p));

  char buf[32];
  strcpy(buf, "Art. 14.11.2");
  assert_int_equal(tr_provision_set_citation(p, buf), TR_OK);
  buf[0] = 'X'; /* the setter copied the string */
  assert_string_equal(tr_provision_get_citation(p), "Art. 14.11.2");
  assert_int_equal(tr_provision_set_title(p, "Cross-Border Transfer of Information"), TR_OK);
  assert_int_equal(tr_provision_set_summary(p, "Shall allow transfers"), TR_OK);
  assert_int_equal(tr_provision_set_source(p, "ToTA pta_449 Art 14.11"), TR_OK);
  assert_int_equal(tr_provision_set_note(p, "Übergang"), TR_OK);
  assert_string_equal(tr_provision_get_title(p), "Cross-Border Transfer of Information");
  assert_string_equal(tr_provision_get_summary(p), "Shall allow transfers");
  assert_string_equal(tr_provision_get_source(p), "ToTA pta_449 Art 14.11");
  assert_string_equal(tr_provision_get_note(p), "Übergang");
  assert_int_equal(tr_provision_set_citation(p, NULL), TR_OK);
  assert_null(tr_provision_get_citation(p));

  assert_int_equal(tr_provision_set_strength(p, TR_STRENGTH_MIXED), TR_OK);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_MIXED);
  assert_int_equal(tr_provision_set_exceptions(p, TR_EXCEPTION_LPPO | TR_EXCEPTION_SECURITY), TR_OK);
  assert_int_equal(tr_provision_get_exceptions(p), TR_EXCEPTION_LPPO | TR_EXCEPTION_SECURITY);
  assert_int_equal(tr_provision_set_dispute_settlement(p, TR_DS_NO), TR_OK);
  assert_int_equal(tr_provision_get_dispute_settlement(p), TR_DS_NO);
  assert_int_equal(tr_provision_set_flags(p, TR_PROVISION_SUSPENDED | TR_PROVISION_UNCERTAIN), TR_OK);
  assert_int_equal(tr_provision_get_flags(p), TR_PROVISION_SUSPENDED | TR_PROVISION_UNCERTAIN);

  /* Error paths leave the value untouched. */
  assert_int_equal(tr_provision_set_strength(p, (tr_strength)9), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_MIXED);
  assert_int_equal(tr_provision_set_exceptions(p, 1u << 20), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_get_exceptions(p), TR_EXCEPTION_LPPO | TR_EXCEPTION_SECURITY);
  assert_int_equal(tr_provision_set_dispute_settlement(p, (tr_dispute_settlement)5), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_set_flags(p, 1u << 3), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_get_flags(p), TR_PROVISION_SUSPENDED | TR_PROVISION_UNCERTAIN);
  assert_int_equal(tr_provision_set_title(p, "bad \xff utf8"), TR_ERR_ENCODING);
  assert_string_equal(tr_provision_get_title(p), "Cross-Border Transfer of Information");
  tr_provision_free(p);
}

static void test_provision_errors(void **state) {
  (void)state;
  tr_provision *p = NULL;
  assert_int_equal(tr_provision_new(TR_CATEGORY_UNKNOWN, TR_STRENGTH_HARD, &p), TR_ERR_INVALID_ARG);
  assert_null(p);
  assert_int_equal(tr_provision_new((tr_category)99, TR_STRENGTH_HARD, &p), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_new(TR_CATEGORY_SOURCE_CODE, (tr_strength)-1, &p), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_new(TR_CATEGORY_SOURCE_CODE, TR_STRENGTH_HARD, NULL), TR_ERR_INVALID_ARG);
  /* NULL provision everywhere. */
  assert_int_equal(tr_provision_set_citation(NULL, "x"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_set_title(NULL, "x"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_set_summary(NULL, "x"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_set_source(NULL, "x"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_set_note(NULL, "x"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_set_strength(NULL, TR_STRENGTH_HARD), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_set_exceptions(NULL, 0), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_set_dispute_settlement(NULL, TR_DS_YES), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_set_flags(NULL, 0), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_get_category(NULL), TR_CATEGORY_UNKNOWN);
  assert_int_equal(tr_provision_get_strength(NULL), TR_STRENGTH_UNKNOWN);
  assert_null(tr_provision_get_citation(NULL));
  assert_null(tr_provision_get_title(NULL));
  assert_null(tr_provision_get_summary(NULL));
  assert_null(tr_provision_get_source(NULL));
  assert_null(tr_provision_get_note(NULL));
  assert_int_equal(tr_provision_get_exceptions(NULL), 0);
  assert_int_equal(tr_provision_get_dispute_settlement(NULL), TR_DS_UNKNOWN);
  assert_int_equal(tr_provision_get_flags(NULL), 0);
  tr_provision_free(NULL);
}

static void test_agreement_metadata(void **state) {
  (void)state;
  tr_agreement *a = NULL;
  assert_int_equal(tr_agreement_new("TPP", "Trans-Pacific Partnership Agreement", &a), TR_OK);
  assert_string_equal(tr_agreement_get_id(a), "TPP");
  assert_string_equal(tr_agreement_get_name(a), "Trans-Pacific Partnership Agreement");
  assert_int_equal(tr_agreement_get_kind(a), TR_KIND_UNKNOWN);
  assert_int_equal(tr_agreement_get_status(a), TR_AGREEMENT_STATUS_UNKNOWN);
  assert_int_equal(tr_agreement_get_family(a), TR_FAMILY_UNKNOWN);
  assert_null(tr_agreement_get_date_signed(a));
  assert_null(tr_agreement_get_date_in_force(a));
  assert_int_equal(tr_agreement_get_year(a), 0);
  assert_int_equal(tr_agreement_party_count(a), 0);
  assert_int_equal(tr_agreement_source_count(a), 0);
  assert_null(tr_agreement_get_based_on(a));
  assert_int_equal(tr_agreement_get_tota_id(a), 0);
  assert_int_equal(tr_agreement_get_wto_rta_id(a), 0);
  assert_null(tr_agreement_get_note(a));
  assert_int_equal(tr_agreement_provision_count(a), 0);

  assert_int_equal(tr_agreement_set_kind(a, TR_KIND_REGIONAL), TR_OK);
  assert_int_equal(tr_agreement_set_status(a, TR_AGREEMENT_STATUS_SIGNED), TR_OK);
  assert_int_equal(tr_agreement_set_family(a, TR_FAMILY_AMERICAN), TR_OK);
  assert_int_equal(tr_agreement_set_date_signed(a, "2016-02-04"), TR_OK);
  assert_int_equal(tr_agreement_set_date_in_force(a, "2018"), TR_OK);
  assert_int_equal(tr_agreement_set_tota_id(a, 449), TR_OK);
  assert_int_equal(tr_agreement_set_wto_rta_id(a, 1234), TR_OK);
  assert_int_equal(tr_agreement_set_note(a, "never in force"), TR_OK);
  assert_int_equal(tr_agreement_get_kind(a), TR_KIND_REGIONAL);
  assert_int_equal(tr_agreement_get_status(a), TR_AGREEMENT_STATUS_SIGNED);
  assert_int_equal(tr_agreement_get_family(a), TR_FAMILY_AMERICAN);
  assert_string_equal(tr_agreement_get_date_signed(a), "2016-02-04");
  assert_int_equal(tr_agreement_get_year(a), 2016);
  assert_string_equal(tr_agreement_get_date_in_force(a), "2018");
  assert_int_equal(tr_agreement_get_tota_id(a), 449);
  assert_int_equal(tr_agreement_get_wto_rta_id(a), 1234);
  assert_string_equal(tr_agreement_get_note(a), "never in force");
  assert_int_equal(tr_agreement_set_date_in_force(a, NULL), TR_OK);
  assert_null(tr_agreement_get_date_in_force(a));
  assert_int_equal(tr_agreement_set_note(a, NULL), TR_OK);
  assert_null(tr_agreement_get_note(a));

  /* Invalid enum values and negative ids are rejected and change nothing. */
  assert_int_equal(tr_agreement_set_kind(a, (tr_kind)42), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_get_kind(a), TR_KIND_REGIONAL);
  assert_int_equal(tr_agreement_set_status(a, (tr_agreement_status)-1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_set_family(a, (tr_family)8), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_set_tota_id(a, -1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_get_tota_id(a), 449);
  assert_int_equal(tr_agreement_set_wto_rta_id(a, -5), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_set_note(a, "\xc3"), TR_ERR_ENCODING);
  tr_agreement_free(a);
}

static void test_agreement_dates(void **state) {
  (void)state;
  tr_agreement *a = NULL;
  assert_int_equal(tr_agreement_new("X", "X", &a), TR_OK);
  const char *good[] = { "2016", "2016-02", "2016-02-29", "2000-02-29", "1994-12-31", "0001" };
  for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
    assert_int_equal(tr_agreement_set_date_signed(a, good[i]), TR_OK);
    assert_string_equal(tr_agreement_get_date_signed(a), good[i]);
  }
  assert_int_equal(tr_agreement_get_year(a), 1);
  assert_int_equal(tr_agreement_set_date_signed(a, "2018-03-08"), TR_OK);
  const char *bad[] = { "", "16", "20160", "2016-2", "2016-13", "2016-00", "2015-02-29",
                        "1900-02-29", "2016-04-31", "2016-01-00", "2016/01/01", "2016-01-01T00",
                        "0000", "abcd", "2016-1a", " 2016", "2016-01-1x" };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    assert_int_equal(tr_agreement_set_date_signed(a, bad[i]), TR_ERR_INVALID_ARG);
    assert_int_equal(tr_agreement_set_date_in_force(a, bad[i]), TR_ERR_INVALID_ARG);
  }
  assert_string_equal(tr_agreement_get_date_signed(a), "2018-03-08");
  assert_int_equal(tr_agreement_get_year(a), 2018);
  tr_agreement_free(a);
}

static void test_agreement_ids(void **state) {
  (void)state;
  tr_agreement *a = NULL;
  const char *good[] = { "TPP", "EU_KOR", "US-JPN.DTA", "a", "0123456789012345678901234567890123456789012345678901234567890123" };
  for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
    assert_int_equal(tr_agreement_new(good[i], "name", &a), TR_OK);
    tr_agreement_free(a);
    a = NULL;
  }
  const char *bad[] = { "", "EU KOR", "EU/KOR", "Ü", "01234567890123456789012345678901234567890123456789012345678901234" };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    assert_int_equal(tr_agreement_new(bad[i], "name", &a), TR_ERR_INVALID_ARG);
    assert_null(a);
  }
  assert_int_equal(tr_agreement_new(NULL, "name", &a), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_new("X", NULL, &a), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_new("X", "", &a), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_new("X", "bad \xfe", &a), TR_ERR_ENCODING);
  assert_int_equal(tr_agreement_new("X", "name", NULL), TR_ERR_INVALID_ARG);
  assert_null(a);
}

static void test_agreement_parties_sources(void **state) {
  (void)state;
  tr_agreement *a = NULL;
  assert_int_equal(tr_agreement_new("EU_KOR", "EU-Korea FTA", &a), TR_OK);
  assert_int_equal(tr_agreement_add_party(a, "EU"), TR_OK);
  assert_int_equal(tr_agreement_add_party(a, "KOR"), TR_OK);
  assert_int_equal(tr_agreement_add_party(a, "KOR"), TR_ERR_DUPLICATE);
  const char *bad[] = { "kor", "KO", "KORE", "E", "eu", "K0R", "" };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    assert_int_equal(tr_agreement_add_party(a, bad[i]), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_add_party(a, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_party_count(a), 2);
  assert_string_equal(tr_agreement_party_at(a, 0), "EU");
  assert_string_equal(tr_agreement_party_at(a, 1), "KOR");
  assert_null(tr_agreement_party_at(a, 2));
  assert_true(tr_agreement_has_party(a, "KOR"));
  assert_false(tr_agreement_has_party(a, "USA"));
  assert_false(tr_agreement_has_party(a, NULL));

  assert_int_equal(tr_agreement_add_source(a, "ToTA pta_286"), TR_OK);
  assert_int_equal(tr_agreement_add_source(a, "WTO RTA-IS"), TR_OK);
  assert_int_equal(tr_agreement_add_source(a, ""), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_add_source(a, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_add_source(a, "\xff"), TR_ERR_ENCODING);
  assert_int_equal(tr_agreement_source_count(a), 2);
  assert_string_equal(tr_agreement_source_at(a, 1), "WTO RTA-IS");
  assert_null(tr_agreement_source_at(a, 2));

  assert_int_equal(tr_agreement_set_based_on(a, "EU_KOR"), TR_ERR_REFERENCE);
  assert_int_equal(tr_agreement_set_based_on(a, "bad id"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_set_based_on(a, "TPP"), TR_OK);
  assert_string_equal(tr_agreement_get_based_on(a), "TPP");
  assert_int_equal(tr_agreement_set_based_on(a, NULL), TR_OK);
  assert_null(tr_agreement_get_based_on(a));
  tr_agreement_free(a);
}

static void test_agreement_provisions(void **state) {
  (void)state;
  tr_agreement *a = NULL;
  tr_provision *p1, *p2, *p3, *dup;
  assert_int_equal(tr_agreement_new("TPP", "TPP", &a), TR_OK);
  assert_int_equal(tr_provision_new(TR_CATEGORY_SOURCE_CODE, TR_STRENGTH_HARD, &p1), TR_OK);
  assert_int_equal(tr_provision_new(TR_CATEGORY_ECOM_GENERAL, TR_STRENGTH_SOFT, &p2), TR_OK);
  assert_int_equal(tr_provision_new(TR_CATEGORY_DATA_LOCALISATION, TR_STRENGTH_HARD, &p3), TR_OK);
  assert_int_equal(tr_provision_new(TR_CATEGORY_SOURCE_CODE, TR_STRENGTH_SOFT, &dup), TR_OK);
  assert_int_equal(tr_agreement_add_provision(a, p1), TR_OK);
  assert_int_equal(tr_agreement_add_provision(a, p2), TR_OK);
  assert_int_equal(tr_agreement_add_provision(a, p3), TR_OK);
  assert_int_equal(tr_agreement_add_provision(a, dup), TR_ERR_DUPLICATE);
  assert_int_equal(tr_agreement_add_provision(a, p1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_add_provision(a, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_add_provision(NULL, dup), TR_ERR_INVALID_ARG);
  tr_provision_free(dup); /* still ours after the failed add */

  /* Kept in category order whatever the insertion order. */
  assert_int_equal(tr_agreement_provision_count(a), 3);
  assert_ptr_equal(tr_agreement_provision_at(a, 0), p2);
  assert_ptr_equal(tr_agreement_provision_at(a, 1), p3);
  assert_ptr_equal(tr_agreement_provision_at(a, 2), p1);
  assert_null(tr_agreement_provision_at(a, 3));
  assert_ptr_equal(tr_agreement_find_provision(a, TR_CATEGORY_DATA_LOCALISATION), p3);
  assert_null(tr_agreement_find_provision(a, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS));
  assert_null(tr_agreement_find_provision(NULL, TR_CATEGORY_SOURCE_CODE));
  tr_agreement_free(a);
}

static void test_agreement_null(void **state) {
  (void)state;
  assert_int_equal(tr_agreement_set_kind(NULL, TR_KIND_BILATERAL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_set_status(NULL, TR_AGREEMENT_STATUS_SIGNED), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_set_family(NULL, TR_FAMILY_OTHER), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_set_date_signed(NULL, "2000"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_set_date_in_force(NULL, "2000"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_add_party(NULL, "USA"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_add_source(NULL, "x"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_set_based_on(NULL, "X"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_set_tota_id(NULL, 1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_set_wto_rta_id(NULL, 1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_set_note(NULL, "x"), TR_ERR_INVALID_ARG);
  assert_null(tr_agreement_get_id(NULL));
  assert_null(tr_agreement_get_name(NULL));
  assert_int_equal(tr_agreement_get_kind(NULL), TR_KIND_UNKNOWN);
  assert_int_equal(tr_agreement_get_status(NULL), TR_AGREEMENT_STATUS_UNKNOWN);
  assert_int_equal(tr_agreement_get_family(NULL), TR_FAMILY_UNKNOWN);
  assert_null(tr_agreement_get_date_signed(NULL));
  assert_null(tr_agreement_get_date_in_force(NULL));
  assert_int_equal(tr_agreement_get_year(NULL), 0);
  assert_int_equal(tr_agreement_party_count(NULL), 0);
  assert_null(tr_agreement_party_at(NULL, 0));
  assert_false(tr_agreement_has_party(NULL, "USA"));
  assert_int_equal(tr_agreement_source_count(NULL), 0);
  assert_null(tr_agreement_source_at(NULL, 0));
  assert_null(tr_agreement_get_based_on(NULL));
  assert_int_equal(tr_agreement_get_tota_id(NULL), 0);
  assert_int_equal(tr_agreement_get_wto_rta_id(NULL), 0);
  assert_null(tr_agreement_get_note(NULL));
  assert_int_equal(tr_agreement_provision_count(NULL), 0);
  assert_null(tr_agreement_provision_at(NULL, 0));
  tr_agreement_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_provision_defaults_and_setters),
    cmocka_unit_test(test_provision_errors),
    cmocka_unit_test(test_agreement_metadata),
    cmocka_unit_test(test_agreement_dates),
    cmocka_unit_test(test_agreement_ids),
    cmocka_unit_test(test_agreement_parties_sources),
    cmocka_unit_test(test_agreement_provisions),
    cmocka_unit_test(test_agreement_null),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
