/* Tests for the enum tables: ids, titles and parsing in both directions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <traderules/traderules.h>

/* Every id is lowercase snake_case ASCII. */
static void assert_snake_case(const char *id) {
  assert_non_null(id);
  assert_true(id[0] != '\0');
  for (const char *p = id; *p; p++)
    assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_');
}

static void test_categories(void **state) {
  (void)state;
  int n = tr_category_count();
  assert_int_equal(n, 35);
  /* Spot-check the numbering against domain brief §2 (first, middle and last rows). */
  assert_string_equal(tr_category_id(TR_CATEGORY_ECOM_GENERAL), "ecom_general");
  assert_int_equal(TR_CATEGORY_CROSS_BORDER_DATA_FLOWS, 17);
  assert_string_equal(tr_category_id(17), "cross_border_data_flows");
  assert_string_equal(tr_category_id(18), "data_localisation");
  assert_string_equal(tr_category_id(35), "audiovisual_cultural_exception");
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (int i = 1; i <= n; i++) {
    const char *id = tr_category_id((tr_category)i);
    assert_snake_case(id);
    assert_non_null(tr_category_title((tr_category)i));
    assert_false(g_hash_table_contains(seen, id));
    g_hash_table_add(seen, (gpointer)id);
    tr_category back = TR_CATEGORY_UNKNOWN;
    assert_int_equal(tr_category_from_id(id, &back), TR_OK);
    assert_int_equal(back, i);
  }
  g_hash_table_destroy(seen);
  assert_null(tr_category_id(TR_CATEGORY_UNKNOWN));
  assert_null(tr_category_id((tr_category)(n + 1)));
  assert_null(tr_category_id((tr_category)-1));
  assert_null(tr_category_title(TR_CATEGORY_UNKNOWN));
  assert_null(tr_category_title((tr_category)(n + 1)));
  tr_category c = TR_CATEGORY_SOURCE_CODE;
  assert_int_equal(tr_category_from_id("Source_Code", &c), TR_ERR_NOT_FOUND);
  assert_int_equal(c, TR_CATEGORY_SOURCE_CODE); /* untouched on error */
  assert_non_null(strstr(tr_error_message(), "Source_Code"));
  assert_int_equal(tr_category_from_id("", &c), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_category_from_id(NULL, &c), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_category_from_id("source_code", NULL), TR_ERR_INVALID_ARG);
}

static void test_strength(void **state) {
  (void)state;
  const char *ids[] = { "unknown", "none", "soft", "mixed", "hard" };
  for (int i = 0; i < 5; i++) {
    tr_strength s;
    assert_string_equal(tr_strength_id((tr_strength)i), ids[i]);
    assert_int_equal(tr_strength_from_id(ids[i], &s), TR_OK);
    assert_int_equal(s, i);
  }
  /* Numeric order is the order of bindingness. */
  assert_true(TR_STRENGTH_NONE < TR_STRENGTH_SOFT && TR_STRENGTH_SOFT < TR_STRENGTH_MIXED &&
              TR_STRENGTH_MIXED < TR_STRENGTH_HARD);
  assert_null(tr_strength_id((tr_strength)5));
  assert_null(tr_strength_id((tr_strength)-1));
  tr_strength s;
  assert_int_equal(tr_strength_from_id("binding", &s), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_strength_from_id(NULL, &s), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_strength_from_id("hard", NULL), TR_ERR_INVALID_ARG);
}

static void test_exceptions(void **state) {
  (void)state;
  int n = tr_exception_count();
  assert_int_equal(n, 15);
  for (int i = 0; i < n; i++) {
    unsigned int flag = 1u << i, back = 0;
    const char *id = tr_exception_id(flag);
    assert_snake_case(id);
    assert_non_null(tr_exception_title(flag));
    assert_int_equal(tr_exception_from_id(id, &back), TR_OK);
    assert_int_equal(back, flag);
  }
  assert_string_equal(tr_exception_id(TR_EXCEPTION_LPPO), "lppo");
  assert_string_equal(tr_exception_id(TR_EXCEPTION_REGULATORY_ACCESS), "regulatory_access");
  assert_null(tr_exception_id(0));
  assert_null(tr_exception_id(TR_EXCEPTION_LPPO | TR_EXCEPTION_PRIVACY));
  assert_null(tr_exception_id(1u << n));
  assert_null(tr_exception_title(0));
  assert_null(tr_exception_title(3));
  unsigned int f;
  assert_int_equal(tr_exception_from_id("nope", &f), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_exception_from_id(NULL, &f), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_exception_from_id("lppo", NULL), TR_ERR_INVALID_ARG);
}

static void test_kind_status_family_ds(void **state) {
  (void)state;
  const char *kinds[] = { "unknown", "bilateral", "regional", "plurilateral", "wto_agreement",
                          "wto_decision", "negotiating_text" };
  for (int i = 0; i < 7; i++) {
    tr_kind k;
    assert_string_equal(tr_kind_id((tr_kind)i), kinds[i]);
    assert_int_equal(tr_kind_from_id(kinds[i], &k), TR_OK);
    assert_int_equal(k, i);
  }
  assert_null(tr_kind_id((tr_kind)7));
  const char *statuses[] = { "unknown", "in_force", "signed", "concluded", "under_negotiation",
                             "suspended", "superseded", "abandoned", "expired" };
  for (int i = 0; i < 9; i++) {
    tr_agreement_status s;
    assert_string_equal(tr_agreement_status_id((tr_agreement_status)i), statuses[i]);
    assert_int_equal(tr_agreement_status_from_id(statuses[i], &s), TR_OK);
    assert_int_equal(s, i);
  }
  assert_null(tr_agreement_status_id((tr_agreement_status)9));
  const char *families[] = { "unknown", "american", "european", "multilateral", "other" };
  for (int i = 0; i < 5; i++) {
    tr_family f;
    assert_string_equal(tr_family_id((tr_family)i), families[i]);
    assert_int_equal(tr_family_from_id(families[i], &f), TR_OK);
    assert_int_equal(f, i);
  }
  assert_null(tr_family_id((tr_family)5));
  assert_null(tr_family_id((tr_family)-3));
  const char *ds[] = { "unknown", "yes", "no" };
  for (int i = 0; i < 3; i++) {
    tr_dispute_settlement d;
    assert_string_equal(tr_dispute_settlement_id((tr_dispute_settlement)i), ds[i]);
    assert_int_equal(tr_dispute_settlement_from_id(ds[i], &d), TR_OK);
    assert_int_equal(d, i);
  }
  assert_null(tr_dispute_settlement_id((tr_dispute_settlement)3));

  tr_kind k;
  tr_agreement_status s;
  tr_family f;
  tr_dispute_settlement d;
  assert_int_equal(tr_kind_from_id("treaty", &k), TR_ERR_NOT_FOUND);
  assert_non_null(strstr(tr_error_message(), "treaty"));
  assert_int_equal(tr_kind_from_id(NULL, &k), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_status_from_id("dead", &s), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_agreement_status_from_id("signed", NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_family_from_id("chinese", &f), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_family_from_id(NULL, &f), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_dispute_settlement_from_id("maybe", &d), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_dispute_settlement_from_id(NULL, NULL), TR_ERR_INVALID_ARG);
}

static void test_provision_flags(void **state) {
  (void)state;
  const char *ids[] = { "proposed", "suspended", "uncertain" };
  unsigned int flags[] = { TR_PROVISION_PROPOSED, TR_PROVISION_SUSPENDED, TR_PROVISION_UNCERTAIN };
  for (int i = 0; i < 3; i++) {
    unsigned int f = 0;
    assert_string_equal(tr_provision_flag_id(flags[i]), ids[i]);
    assert_int_equal(tr_provision_flag_from_id(ids[i], &f), TR_OK);
    assert_int_equal(f, flags[i]);
  }
  assert_null(tr_provision_flag_id(0));
  assert_null(tr_provision_flag_id(1u << 3));
  assert_null(tr_provision_flag_id(TR_PROVISION_PROPOSED | TR_PROVISION_SUSPENDED));
  unsigned int f;
  assert_int_equal(tr_provision_flag_from_id("draft", &f), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_provision_flag_from_id(NULL, &f), TR_ERR_INVALID_ARG);
}

static void test_barrier_types(void **state) {
  (void)state;
  const char *ids[] = { "data_localisation", "network_security_privacy", "ip_weakness",
                        "content_censorship", "market_access", "investment" };
  for (int i = 1; i <= 6; i++) {
    tr_barrier_type t;
    assert_string_equal(tr_barrier_type_id((tr_barrier_type)i), ids[i - 1]);
    assert_non_null(tr_barrier_type_title((tr_barrier_type)i));
    assert_int_equal(tr_barrier_type_from_id(ids[i - 1], &t), TR_OK);
    assert_int_equal(t, i);
  }
  assert_null(tr_barrier_type_id(TR_BARRIER_UNKNOWN));
  assert_null(tr_barrier_type_id((tr_barrier_type)7));
  assert_null(tr_barrier_type_title(TR_BARRIER_UNKNOWN));
  assert_null(tr_barrier_type_title((tr_barrier_type)7));
  tr_barrier_type t;
  assert_int_equal(tr_barrier_type_from_id("piracy", &t), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_barrier_type_from_id(NULL, &t), TR_ERR_INVALID_ARG);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_categories),
    cmocka_unit_test(test_strength),
    cmocka_unit_test(test_exceptions),
    cmocka_unit_test(test_kind_status_family_ds),
    cmocka_unit_test(test_provision_flags),
    cmocka_unit_test(test_barrier_types),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
