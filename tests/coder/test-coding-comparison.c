/* Tests for tr_coding_comparison (coder.h): an automatic coding against the
 * hand coding of a catalog, as 'traderules code --summary --compare' prints it.
 * The clauses and the catalog are synthetic test data. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <traderules/traderules.h>

static const char *CUSTOMS = "Each Party shall not impose customs duties on electronic transmissions "
                             "between a person of one Party and a person of the other Party.";
static const char *COOP = "The Parties shall cooperate on electronic commerce.";

/* Hand coding: ToTA 7 twice (the first one counts), ToTA 8 once. */
static const char *CATALOG =
    "{\"format\": \"traderules-catalog\", \"version\": 1, \"agreements\": ["
    " {\"id\": \"H7\", \"name\": \"Hand 7\", \"parties\": [\"AAA\"], \"tota_id\": 7, \"provisions\": ["
    "  {\"category\": \"customs_duties_electronic_transmissions\", \"strength\": \"hard\"},"
    "  {\"category\": \"ecom_cooperation\", \"strength\": \"hard\"},"
    "  {\"category\": \"source_code\", \"strength\": \"soft\"},"
    "  {\"category\": \"spam_placeholder_replaced\", \"strength\": \"none\"}]},"
    " {\"id\": \"H7B\", \"name\": \"Hand 7 again\", \"parties\": [\"AAA\"], \"tota_id\": 7},"
    " {\"id\": \"H8\", \"name\": \"Hand 8\", \"parties\": [\"AAA\"], \"tota_id\": 8, \"provisions\": ["
    "  {\"category\": \"paperless_trading\", \"strength\": \"none\"},"
    "  {\"category\": \"data_localisation\", \"strength\": \"unknown\"}]}]}";

static tr_catalog *hand_catalog(void) {
  GString *json = g_string_new(CATALOG);
  /* a category with strength none: coded, but no row of its own */
  char *at = strstr(json->str, "spam_placeholder_replaced");
  g_string_erase(json, at - json->str, strlen("spam_placeholder_replaced"));
  g_string_insert(json, at - json->str, "unsolicited_commercial_messages");
  tr_catalog *cat = NULL;
  assert_int_equal(tr_catalog_new(&cat), TR_OK);
  if (tr_catalog_load_data(cat, json->str, json->len, "<test>") != TR_OK)
    fail_msg("catalog: %s", tr_error_message());
  g_string_free(json, TRUE);
  return cat;
}

/* A coding of two articles (customs duties: hard; cooperation: soft) with ToTA id @tota. */
static tr_agreement_coding *coding(const tr_coder *coder, const char *id, int tota) {
  tr_agreement_coding *ac = NULL;
  assert_int_equal(tr_agreement_coding_new(coder, id, "Test", tota, &ac), TR_OK);
  assert_int_equal(tr_agreement_coding_add_article(ac, "1.1", "Customs Duties", "Electronic Commerce", CUSTOMS),
                   TR_OK);
  assert_int_equal(tr_agreement_coding_add_article(ac, "1.2", "Cooperation", "Electronic Commerce", COOP), TR_OK);
  return ac;
}

/* Row of @category, or -1. */
static long row_of(const tr_coding_comparison *cmp, tr_category category) {
  for (size_t i = 0; i < tr_coding_comparison_count(cmp); i++)
    if (tr_coding_comparison_category_at(cmp, i) == category)
      return (long)i;
  return -1;
}

static tr_category cat_id(const char *id) {
  tr_category c = TR_CATEGORY_UNKNOWN;
  assert_int_equal(tr_category_from_id(id, &c), TR_OK);
  return c;
}

static void test_compare_with_hand_coding(void **state) {
  (void)state;
  tr_coder *coder = NULL;
  assert_int_equal(tr_coder_new(&coder), TR_OK);
  tr_catalog *cat = hand_catalog();
  tr_agreement_coding *ac = coding(coder, "pta_7", 7);
  tr_coding_comparison *cmp = NULL;
  assert_int_equal(tr_coding_comparison_new(ac, cat, &cmp), TR_OK);
  const tr_agreement *hand = tr_coding_comparison_get_hand_coded(cmp);
  assert_non_null(hand);
  assert_string_equal(tr_agreement_get_id(hand), "H7"); /* the first with ToTA id 7 */
  assert_ptr_equal(hand, tr_catalog_find_agreement(cat, "H7"));
  assert_string_equal(tr_agreement_get_id(tr_coding_comparison_get_coded(cmp)), "pta_7");

  /* customs duties: hard and hard */
  long r = row_of(cmp, cat_id("customs_duties_electronic_transmissions"));
  assert_true(r >= 0);
  assert_int_equal(tr_provision_get_strength(tr_coding_comparison_coded_at(cmp, (size_t)r)), TR_STRENGTH_HARD);
  assert_int_equal(tr_coding_comparison_verdict_at(cmp, (size_t)r), TR_CODING_AGREE);
  /* cooperation: soft against hard */
  r = row_of(cmp, cat_id("ecom_cooperation"));
  assert_true(r >= 0);
  assert_int_equal(tr_provision_get_strength(tr_coding_comparison_hand_at(cmp, (size_t)r)), TR_STRENGTH_HARD);
  assert_int_equal(tr_coding_comparison_verdict_at(cmp, (size_t)r), TR_CODING_DISAGREE);
  /* source code: only hand-coded (soft): a row, the coder's side none */
  r = row_of(cmp, cat_id("source_code"));
  assert_true(r >= 0);
  assert_null(tr_coding_comparison_coded_at(cmp, (size_t)r));
  assert_int_equal(tr_coding_comparison_verdict_at(cmp, (size_t)r), TR_CODING_DISAGREE);
  /* hand-coded none and not found by the coder: no row */
  assert_int_equal(row_of(cmp, cat_id("unsolicited_commercial_messages")), -1);
  /* rows in category order; every coded category has a row; a coded category that the
   * hand coding lacks is "not coded" and disagrees */
  tr_category prev = TR_CATEGORY_UNKNOWN;
  for (size_t i = 0; i < tr_coding_comparison_count(cmp); i++) {
    tr_category c = tr_coding_comparison_category_at(cmp, i);
    assert_true(c > prev);
    prev = c;
    if (!tr_coding_comparison_hand_at(cmp, i))
      assert_int_equal(tr_coding_comparison_verdict_at(cmp, i), TR_CODING_DISAGREE);
  }
  const tr_agreement *coded = tr_coding_comparison_get_coded(cmp);
  for (size_t i = 0; i < tr_agreement_provision_count(coded); i++)
    assert_true(row_of(cmp, tr_provision_get_category(tr_agreement_provision_at(coded, i))) >= 0);
  /* out of range */
  size_t n = tr_coding_comparison_count(cmp);
  assert_int_equal(tr_coding_comparison_category_at(cmp, n), TR_CATEGORY_UNKNOWN);
  assert_null(tr_coding_comparison_coded_at(cmp, n));
  assert_null(tr_coding_comparison_hand_at(cmp, n));
  assert_int_equal(tr_coding_comparison_verdict_at(cmp, n), TR_CODING_NOT_COMPARED);
  tr_coding_comparison_free(cmp);
  tr_agreement_coding_free(ac);

  /* ToTA 8: its provisions are none and unknown: only the coder's rows, all disagreeing */
  ac = coding(coder, "pta_8", 8);
  assert_int_equal(tr_coding_comparison_new(ac, cat, &cmp), TR_OK);
  assert_string_equal(tr_agreement_get_id(tr_coding_comparison_get_hand_coded(cmp)), "H8");
  assert_int_equal(tr_coding_comparison_count(cmp),
                   tr_agreement_provision_count(tr_coding_comparison_get_coded(cmp)));
  for (size_t i = 0; i < tr_coding_comparison_count(cmp); i++)
    assert_int_equal(tr_coding_comparison_verdict_at(cmp, i), TR_CODING_DISAGREE);
  tr_coding_comparison_free(cmp);
  tr_agreement_coding_free(ac);
  tr_catalog_free(cat);
  tr_coder_free(coder);
}

static void test_nothing_to_compare(void **state) {
  (void)state;
  tr_coder *coder = NULL;
  assert_int_equal(tr_coder_new(&coder), TR_OK);
  tr_catalog *cat = hand_catalog();
  /* no catalog; no ToTA id (plain text); a ToTA id the catalog does not have */
  tr_agreement_coding *ac[3] = { coding(coder, "pta_7", 7), coding(coder, "text", 0), coding(coder, "pta_9", 9) };
  const tr_catalog *with[3] = { NULL, cat, cat };
  for (int k = 0; k < 3; k++) {
    tr_coding_comparison *cmp = NULL;
    assert_int_equal(tr_coding_comparison_new(ac[k], with[k], &cmp), TR_OK);
    assert_null(tr_coding_comparison_get_hand_coded(cmp));
    const tr_agreement *coded = tr_coding_comparison_get_coded(cmp);
    assert_true(tr_coding_comparison_count(cmp) >= 2);
    assert_int_equal(tr_coding_comparison_count(cmp), tr_agreement_provision_count(coded));
    for (size_t i = 0; i < tr_coding_comparison_count(cmp); i++) {
      assert_non_null(tr_coding_comparison_coded_at(cmp, i));
      assert_null(tr_coding_comparison_hand_at(cmp, i));
      assert_int_equal(tr_coding_comparison_verdict_at(cmp, i), TR_CODING_NOT_COMPARED);
    }
    tr_coding_comparison_free(cmp);
    tr_agreement_coding_free(ac[k]);
  }
  tr_catalog_free(cat);
  tr_coder_free(coder);
}

static void test_errors(void **state) {
  (void)state;
  tr_coder *coder = NULL;
  assert_int_equal(tr_coder_new(&coder), TR_OK);
  tr_coding_comparison *cmp = (tr_coding_comparison *)(void *)&cmp;
  assert_int_equal(tr_coding_comparison_new(NULL, NULL, &cmp), TR_ERR_INVALID_ARG);
  assert_null(cmp);
  tr_agreement_coding *ac = coding(coder, "pta_7", 7);
  assert_int_equal(tr_coding_comparison_new(ac, NULL, NULL), TR_ERR_INVALID_ARG);
  tr_agreement_coding_free(ac);
  /* the record cannot be made (an id the model refuses): that error, nothing returned */
  ac = coding(coder, "bad id with spaces", 7);
  cmp = (tr_coding_comparison *)(void *)&cmp;
  int rc = tr_coding_comparison_new(ac, NULL, &cmp);
  assert_int_not_equal(rc, TR_OK);
  assert_int_equal(rc, tr_error_code());
  assert_null(cmp);
  tr_agreement_coding_free(ac);
  /* NULL comparison */
  tr_coding_comparison_free(NULL);
  assert_int_equal(tr_coding_comparison_count(NULL), 0);
  assert_null(tr_coding_comparison_get_coded(NULL));
  assert_null(tr_coding_comparison_get_hand_coded(NULL));
  assert_int_equal(tr_coding_comparison_category_at(NULL, 0), TR_CATEGORY_UNKNOWN);
  assert_int_equal(tr_coding_comparison_verdict_at(NULL, 0), TR_CODING_NOT_COMPARED);
  /* verdict ids, as the command prints them */
  assert_string_equal(tr_coding_verdict_id(TR_CODING_NOT_COMPARED), "");
  assert_string_equal(tr_coding_verdict_id(TR_CODING_AGREE), "yes");
  assert_string_equal(tr_coding_verdict_id(TR_CODING_DISAGREE), "no");
  assert_null(tr_coding_verdict_id((tr_coding_verdict)3));
  tr_coder_free(coder);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_compare_with_hand_coding),
    cmocka_unit_test(test_nothing_to_compare),
    cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
