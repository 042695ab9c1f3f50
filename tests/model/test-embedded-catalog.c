/* Checks on the embedded default catalog (built from lib/model/data/agreements/ID.json files):
 * invariants every record must satisfy, the agreements the library promises
 * to ship, and spot checks of facts from the domain brief (domain.md §4-§5). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>
#include <glib.h>

#include <traderules/traderules.h>

static int setup(void **state) {
  tr_catalog *c = NULL;
  if (tr_catalog_new_default(&c) != TR_OK)
    return -1;
  *state = c;
  return 0;
}

static int teardown(void **state) {
  tr_catalog_free(*state);
  return 0;
}

static int nonempty(const char *s) {
  return s && *s;
}

static const tr_provision *prov(const tr_catalog *c, const char *id, tr_category cat) {
  const tr_agreement *a = tr_catalog_find_agreement(c, id);
  assert_non_null(a);
  const tr_provision *p = tr_agreement_find_provision(a, cat);
  assert_non_null(p);
  return p;
}

/* ---------------------------------------------------------------- invariants */

static void test_agreement_invariants(void **state) {
  const tr_catalog *c = *state;
  size_t n = tr_catalog_agreement_count(c);
  assert_true(n >= 22);
  GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
  GHashTable *tota = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (size_t i = 0; i < n; i++) {
    const tr_agreement *a = tr_catalog_agreement_at(c, i);
    const char *id = tr_agreement_get_id(a);
    assert_true(nonempty(id));
    assert_true(nonempty(tr_agreement_get_name(a)));
    /* ids unique, and lookup finds this very record */
    assert_false(g_hash_table_contains(ids, id));
    g_hash_table_add(ids, (gpointer)id);
    assert_ptr_equal(tr_catalog_find_agreement(c, id), a);
    /* ToTA ids unique where given */
    int t = tr_agreement_get_tota_id(a);
    if (t) {
      assert_false(g_hash_table_contains(tota, GINT_TO_POINTER(t)));
      g_hash_table_add(tota, GINT_TO_POINTER(t));
    }
    /* metadata has a source; based_on resolves; classification is set */
    assert_true(tr_agreement_source_count(a) >= 1);
    for (size_t s = 0; s < tr_agreement_source_count(a); s++)
      assert_true(nonempty(tr_agreement_source_at(a, s)));
    const char *base = tr_agreement_get_based_on(a);
    if (base)
      assert_non_null(tr_catalog_find_agreement(c, base));
    assert_int_not_equal(tr_agreement_get_kind(a), TR_KIND_UNKNOWN);
    /* parties: ISO alpha-3 (upper case) or "EU" */
    for (size_t p = 0; p < tr_agreement_party_count(a); p++) {
      const char *party = tr_agreement_party_at(a, p);
      size_t len = strlen(party);
      assert_true(strcmp(party, "EU") == 0 || len == 3);
      for (size_t k = 0; k < len; k++)
        assert_true(party[k] >= 'A' && party[k] <= 'Z');
    }
  }
  g_hash_table_destroy(ids);
  g_hash_table_destroy(tota);
}

static void test_provision_invariants(void **state) {
  const tr_catalog *c = *state;
  unsigned int all_exc = (1u << tr_exception_count()) - 1u;
  unsigned int all_flags = TR_PROVISION_PROPOSED | TR_PROVISION_SUSPENDED | TR_PROVISION_UNCERTAIN;
  size_t total = 0;
  for (size_t i = 0; i < tr_catalog_agreement_count(c); i++) {
    const tr_agreement *a = tr_catalog_agreement_at(c, i);
    size_t np = tr_agreement_provision_count(a);
    assert_true(np <= (size_t)tr_category_count());
    for (size_t k = 0; k < np; k++) {
      const tr_provision *p = tr_agreement_provision_at(a, k);
      tr_category cat = tr_provision_get_category(p);
      tr_strength s = tr_provision_get_strength(p);
      unsigned int flags = tr_provision_get_flags(p);
      total++;
      assert_non_null(tr_category_id(cat));
      assert_non_null(tr_strength_id(s));
      /* one provision per category: lookup by category finds this one */
      assert_ptr_equal(tr_agreement_find_provision(a, cat), p);
      /* every coding says where it comes from */
      assert_true(nonempty(tr_provision_get_source(p)));
      /* a graded provision cites its article, unless the brief marks it
       * uncertain or it is a proposal without an article number */
      if (s == TR_STRENGTH_HARD || s == TR_STRENGTH_MIXED || s == TR_STRENGTH_SOFT) {
        if (!nonempty(tr_provision_get_citation(p)))
          assert_true(flags & (TR_PROVISION_UNCERTAIN | TR_PROVISION_PROPOSED));
      }
      const char *cite = tr_provision_get_citation(p);
      if (cite)
        assert_true(nonempty(cite));
      assert_int_equal(tr_provision_get_exceptions(p) & ~all_exc, 0);
      assert_int_equal(flags & ~all_flags, 0);
      /* a provision the agreement does not have cannot be enforced */
      if (s == TR_STRENGTH_NONE && cat != TR_CATEGORY_DISPUTE_SETTLEMENT_COVERAGE)
        assert_int_not_equal(tr_provision_get_dispute_settlement(p), TR_DS_YES);
      /* suspension only makes sense for text that exists */
      if (flags & TR_PROVISION_SUSPENDED)
        assert_true(s == TR_STRENGTH_HARD || s == TR_STRENGTH_MIXED || s == TR_STRENGTH_SOFT);
    }
  }
  assert_true(total >= 500);
}

static void test_required_agreements(void **state) {
  const tr_catalog *c = *state;
  static const char *const required[] = {
    "TPP", "CPTPP", "USMCA", "KORUS", "USJDTA", "TTIP", "TTIP_EU", "TTIP_US", "TISA",
    "EU_KOR", "EU_JPN", "EU_JPN_DATA", "EU_UK", "EU_NZL", "DEPA", "RCEP",
    "GATS", "TRIPS", "ITA", "ITA2", "WTO_MORATORIUM", "WTO_JSI_ECOM",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(required); i++) {
    const tr_agreement *a = tr_catalog_find_agreement(c, required[i]);
    if (!a)
      fail_msg("required agreement %s missing", required[i]);
    /* every required agreement except the TTIP umbrella record codes provisions */
    if (strcmp(required[i], "TTIP") != 0)
      assert_true(tr_agreement_provision_count(a) > 0);
  }
}

/* ---------------------------------------------------------------- spot checks (domain.md) */

static void test_spot_american(void **state) {
  const tr_catalog *c = *state;
  /* TPP 14.11.2: binding data flows, with LPPO and the financial carve-out (§4.2, §4.5) */
  const tr_provision *p = prov(c, "TPP", TR_CATEGORY_CROSS_BORDER_DATA_FLOWS);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_HARD);
  assert_non_null(strstr(tr_provision_get_citation(p), "14.11"));
  assert_true(tr_provision_get_exceptions(p) & TR_EXCEPTION_LPPO);
  assert_true(tr_provision_get_exceptions(p) & TR_EXCEPTION_FINANCIAL_SERVICES);
  assert_int_equal(tr_provision_get_dispute_settlement(p), TR_DS_YES);
  assert_non_null(strstr(tr_provision_get_source(p), "pta_449"));
  /* TPP 14.3, 14.13, 14.17, 14.4 all hard (SP2) */
  assert_int_equal(tr_provision_get_strength(prov(c, "TPP", TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS)), TR_STRENGTH_HARD);
  assert_int_equal(tr_provision_get_strength(prov(c, "TPP", TR_CATEGORY_DATA_LOCALISATION)), TR_STRENGTH_HARD);
  assert_int_equal(tr_provision_get_strength(prov(c, "TPP", TR_CATEGORY_SOURCE_CODE)), TR_STRENGTH_HARD);
  assert_int_equal(tr_provision_get_strength(prov(c, "TPP", TR_CATEGORY_NONDISCRIMINATION_DIGITAL_PRODUCTS)), TR_STRENGTH_HARD);
  /* TPP 14.5: hard 14.5.1 with soft 14.5.2 = mixed */
  assert_int_equal(tr_provision_get_strength(prov(c, "TPP", TR_CATEGORY_ELECTRONIC_TRANSACTIONS_FRAMEWORK)), TR_STRENGTH_MIXED);
  /* KORUS 15.8: only "shall endeavor" (SP1: binding begins with TPP); no localisation rule */
  p = prov(c, "KORUS", TR_CATEGORY_CROSS_BORDER_DATA_FLOWS);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_SOFT);
  assert_string_equal(tr_provision_get_citation(p), "Art. 15.8");
  assert_int_equal(tr_provision_get_strength(prov(c, "KORUS", TR_CATEGORY_DATA_LOCALISATION)), TR_STRENGTH_NONE);
  /* USMCA (no ToTA text): localisation banned, resting on a named secondary source */
  p = prov(c, "USMCA", TR_CATEGORY_DATA_LOCALISATION);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_HARD);
  assert_int_equal(tr_provision_get_basis(p), TR_BASIS_SECONDARY);
  assert_true(tr_provision_get_flags(p) & TR_PROVISION_UNCERTAIN);
  /* CPTPP: based on TPP; ISP safe harbours (18.82) suspended */
  const tr_agreement *cptpp = tr_catalog_find_agreement(c, "CPTPP");
  assert_string_equal(tr_agreement_get_based_on(cptpp), "TPP");
  assert_true(tr_agreement_has_party(cptpp, "GBR"));
  assert_true(tr_provision_get_flags(prov(c, "CPTPP", TR_CATEGORY_INTERMEDIARY_LIABILITY_SAFE_HARBOUR)) & TR_PROVISION_SUSPENDED);
  assert_false(tr_provision_get_flags(prov(c, "TPP", TR_CATEGORY_INTERMEDIARY_LIABILITY_SAFE_HARBOUR)) & TR_PROVISION_SUSPENDED);
  /* TiSA: no official text (only leaks), so data flows are unknown, basis unknown */
  p = prov(c, "TISA", TR_CATEGORY_CROSS_BORDER_DATA_FLOWS);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_UNKNOWN);
  assert_int_equal(tr_provision_get_basis(p), TR_BASIS_UNKNOWN);
  assert_int_equal(tr_agreement_get_status(tr_catalog_find_agreement(c, "TISA")), TR_AGREEMENT_STATUS_SUSPENDED);
  /* TPP never entered into force */
  assert_null(tr_agreement_get_date_in_force(tr_catalog_find_agreement(c, "TPP")));
}

static void test_spot_european(void **state) {
  const tr_catalog *c = *state;
  /* EU-Korea 7.48.3: "The Parties agree not to impose customs duties on deliveries by electronic means." */
  const tr_provision *p = prov(c, "EU_KOR", TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_HARD);
  assert_string_equal(tr_provision_get_citation(p), "Art. 7.48.3");
  /* SP3: the EU red lines are hard in EU agreements; no EU data-flow clause before 2018 */
  /* (EU_UK's and EU_NZL's privacy safeguards are unknown until read in their texts, which ToTA lacks.) */
  assert_int_equal(tr_provision_get_strength(prov(c, "EU_KOR", TR_CATEGORY_PRIVACY_DATA_PROTECTION_CARVEOUT)), TR_STRENGTH_HARD);
  static const char *const eu[] = { "EU_KOR", "EU_UK", "EU_NZL" };
  for (size_t i = 0; i < G_N_ELEMENTS(eu); i++) {
    assert_int_equal(tr_provision_get_strength(prov(c, eu[i], TR_CATEGORY_AUDIOVISUAL_CULTURAL_EXCEPTION)), TR_STRENGTH_HARD);
    assert_int_equal(tr_agreement_get_family(tr_catalog_find_agreement(c, eu[i])), TR_FAMILY_EUROPEAN);
  }
  /* EU-New Zealand Art. 12.1.2(a): audio-visual services excluded from the whole chapter (a sector) */
  const tr_exception_scope *x = tr_provision_get_exception_scope(prov(c, "EU_NZL", TR_CATEGORY_AUDIOVISUAL_CULTURAL_EXCEPTION));
  assert_non_null(x);
  assert_int_equal(tr_exception_scope_get_breadth(x), TR_SCOPE_SECTOR);
  assert_int_equal(tr_provision_get_basis(prov(c, "EU_NZL", TR_CATEGORY_AUDIOVISUAL_CULTURAL_EXCEPTION)), TR_BASIS_OFFICIAL);
  assert_int_equal(tr_provision_get_strength(prov(c, "EU_KOR", TR_CATEGORY_CROSS_BORDER_DATA_FLOWS)), TR_STRENGTH_NONE);
  assert_int_equal(tr_provision_get_strength(prov(c, "EU_UK", TR_CATEGORY_CROSS_BORDER_DATA_FLOWS)), TR_STRENGTH_HARD);
  /* EU-Japan: 2018 text only a review clause; the 2024 Protocol adds binding data flows */
  assert_int_equal(tr_provision_get_strength(prov(c, "EU_JPN", TR_CATEGORY_CROSS_BORDER_DATA_FLOWS)), TR_STRENGTH_SOFT);
  const tr_agreement *proto = tr_catalog_find_agreement(c, "EU_JPN_DATA");
  assert_string_equal(tr_agreement_get_based_on(proto), "EU_JPN");
  assert_string_equal(tr_agreement_get_date_in_force(proto), "2024-07-01");
  assert_int_equal(tr_provision_get_strength(prov(c, "EU_JPN_DATA", TR_CATEGORY_CROSS_BORDER_DATA_FLOWS)), TR_STRENGTH_HARD);
  /* TTIP: two sides, neither concluded */
  const tr_agreement *te = tr_catalog_find_agreement(c, "TTIP_EU");
  const tr_agreement *tu = tr_catalog_find_agreement(c, "TTIP_US");
  assert_string_equal(tr_agreement_get_based_on(te), "TTIP");
  assert_string_equal(tr_agreement_get_based_on(tu), "TTIP");
  assert_int_equal(tr_agreement_get_family(te), TR_FAMILY_EUROPEAN);
  assert_int_equal(tr_agreement_get_family(tu), TR_FAMILY_AMERICAN);
  assert_int_equal(tr_agreement_get_kind(te), TR_KIND_NEGOTIATING_TEXT);
  assert_null(tr_agreement_get_date_signed(tr_catalog_find_agreement(c, "TTIP")));
  /* EU parties are "EU", not member states */
  assert_true(tr_agreement_has_party(tr_catalog_find_agreement(c, "EU_KOR"), "EU"));
  assert_false(tr_agreement_has_party(tr_catalog_find_agreement(c, "EU_KOR"), "DEU"));
}

static void test_spot_other(void **state) {
  const tr_catalog *c = *state;
  /* RCEP 12.17: chapter 12 outside dispute settlement; 12.14 self-judging with LDC periods */
  const tr_provision *p = prov(c, "RCEP", TR_CATEGORY_DISPUTE_SETTLEMENT_COVERAGE);
  assert_int_equal(tr_provision_get_dispute_settlement(p), TR_DS_NO);
  p = prov(c, "RCEP", TR_CATEGORY_DATA_LOCALISATION);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_HARD);
  assert_int_equal(tr_provision_get_dispute_settlement(p), TR_DS_NO);
  assert_true(tr_provision_get_exceptions(p) & TR_EXCEPTION_SELF_JUDGING);
  assert_true(tr_provision_get_exceptions(p) & TR_EXCEPTION_TRANSITION_PERIOD);
  assert_int_equal(tr_provision_get_strength(prov(c, "RCEP", TR_CATEGORY_SOURCE_CODE)), TR_STRENGTH_NONE);
  /* GATS XIV(c)(ii) privacy; 1998 moratorium soft and political */
  p = prov(c, "GATS", TR_CATEGORY_PRIVACY_DATA_PROTECTION_CARVEOUT);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_HARD);
  assert_non_null(strstr(tr_provision_get_citation(p), "XIV(c)(ii)"));
  p = prov(c, "WTO_MORATORIUM", TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_SOFT);
  assert_int_not_equal(tr_provision_get_dispute_settlement(p), TR_DS_YES);
  /* ITA-II expands the ITA */
  assert_string_equal(tr_agreement_get_based_on(tr_catalog_find_agreement(c, "ITA2")), "ITA");
  assert_int_equal(tr_provision_get_strength(prov(c, "ITA2", TR_CATEGORY_ICT_GOODS_TARIFFS)), TR_STRENGTH_HARD);
  /* TRIPS: no TPM/RMI, so no source-code rule; copyright hard */
  assert_int_equal(tr_provision_get_strength(prov(c, "TRIPS", TR_CATEGORY_SOURCE_CODE)), TR_STRENGTH_NONE);
  assert_int_equal(tr_provision_get_strength(prov(c, "TRIPS", TR_CATEGORY_IP_COPYRIGHT_DIGITAL)), TR_STRENGTH_HARD);
  /* metadata ids from the brief */
  assert_int_equal(tr_agreement_get_tota_id(tr_catalog_find_agreement(c, "KORUS")), 159);
  assert_int_equal(tr_agreement_get_wto_rta_id(tr_catalog_find_agreement(c, "KORUS")), 183);
  assert_int_equal(tr_agreement_get_tota_id(tr_catalog_find_agreement(c, "EU_KOR")), 145);
  assert_int_equal(tr_agreement_get_tota_id(tr_catalog_find_agreement(c, "TPP")), 449);
  assert_true(tr_agreement_has_party(tr_catalog_find_agreement(c, "DEPA"), "KOR"));
}

/* ---------------------------------------------------------------- barriers and indicators */

static void test_barriers(void **state) {
  const tr_catalog *c = *state;
  size_t n = tr_catalog_barrier_count(c);
  int seen_type[7] = { 0 };
  assert_true(n >= 6);
  for (size_t i = 0; i < n; i++) {
    const tr_barrier *b = tr_catalog_barrier_at(c, i);
    const char *id = tr_barrier_get_id(b);
    tr_barrier_type t = tr_barrier_get_type(b);
    assert_ptr_equal(tr_catalog_find_barrier(c, id), b);
    assert_true(t >= TR_BARRIER_DATA_LOCALISATION && t <= TR_BARRIER_INVESTMENT);
    seen_type[t] = 1;
    /* id "B<type><letter>" matches the type */
    assert_int_equal(id[0], 'B');
    assert_int_equal(id[1] - '0', (int)t);
    assert_true(nonempty(tr_barrier_get_source(b)));
    assert_true(tr_barrier_category_count(b) >= 1);
    /* the exception categories limit disciplines; they never discipline a barrier */
    for (size_t k = 0; k < tr_barrier_category_count(b); k++) {
      tr_category cat = tr_barrier_category_at(b, k);
      assert_true(cat >= TR_CATEGORY_ECOM_GENERAL && cat < TR_CATEGORY_GENERAL_EXCEPTIONS);
    }
  }
  for (int t = 1; t <= 6; t++)
    assert_true(seen_type[t]);
  /* B1a server localisation is disciplined by the localisation ban (domain.md §2 row 18) */
  const tr_barrier *b = tr_catalog_find_barrier(c, "B1a");
  assert_non_null(b);
  int found = 0;
  for (size_t k = 0; k < tr_barrier_category_count(b); k++)
    found |= tr_barrier_category_at(b, k) == TR_CATEGORY_DATA_LOCALISATION;
  assert_true(found);
}

static const tr_indicator *indicator(const tr_catalog *c, const char *economy, const char *name) {
  const tr_indicator *hit = NULL;
  for (size_t i = 0; i < tr_catalog_indicator_count(c); i++) {
    const tr_indicator *x = tr_catalog_indicator_at(c, i);
    if (strcmp(tr_indicator_get_economy(x), economy) == 0 && strcmp(tr_indicator_get_name(x), name) == 0) {
      assert_null(hit); /* unique per (economy, indicator) */
      hit = x;
    }
  }
  return hit;
}

static void test_indicators(void **state) {
  const tr_catalog *c = *state;
  size_t numeric = 0, textual = 0;
  for (size_t i = 0; i < tr_catalog_indicator_count(c); i++) {
    const tr_indicator *x = tr_catalog_indicator_at(c, i);
    const char *src = tr_indicator_get_source(x);
    assert_true(nonempty(src));
    if (isnan(tr_indicator_get_value(x))) {
      assert_true(nonempty(tr_indicator_get_text(x)));
      assert_non_null(strstr(src, "Table 1"));
      textual++;
    } else {
      assert_non_null(strstr(src, "Table 2"));
      assert_int_equal(tr_indicator_get_year(x), 2016);
      assert_true(tr_indicator_get_value(x) > 0);
      numeric++;
    }
  }
  assert_int_equal(numeric, 24); /* 4 rows x 6 economies */
  assert_int_equal(textual, 4);  /* the four USITC categories */
  /* China is the only column where IaaS exceeds SaaS (domain.md §5) */
  static const char *const econ[] = { "USA", "EU", "BRA", "RUS", "CHN", "IND" };
  for (size_t i = 0; i < G_N_ELEMENTS(econ); i++) {
    const tr_indicator *saas = indicator(c, econ[i], "public_cloud_spending_saas");
    const tr_indicator *iaas = indicator(c, econ[i], "public_cloud_spending_iaas");
    const tr_indicator *total = indicator(c, econ[i], "public_cloud_spending_total");
    assert_non_null(saas);
    assert_non_null(iaas);
    assert_non_null(total);
    assert_true(tr_indicator_get_value(total) > tr_indicator_get_value(saas));
    assert_int_equal(tr_indicator_get_value(iaas) > tr_indicator_get_value(saas), strcmp(econ[i], "CHN") == 0);
  }
  assert_true(fabs(tr_indicator_get_value(indicator(c, "USA", "public_cloud_spending_total")) - 62698.0) < 0.5);
}

static void test_default_is_fresh(void **state) {
  (void)state;
  /* each call builds its own catalog: changing one leaves the next untouched */
  tr_catalog *a = NULL, *b = NULL;
  tr_agreement *x = NULL;
  assert_int_equal(tr_catalog_new_default(&a), TR_OK);
  size_t n = tr_catalog_agreement_count(a);
  assert_int_equal(tr_agreement_new("X_TEST", "test", &x), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(a, x), TR_OK);
  assert_int_equal(tr_catalog_new_default(&b), TR_OK);
  assert_int_equal(tr_catalog_agreement_count(b), n);
  assert_null(tr_catalog_find_agreement(b, "X_TEST"));
  tr_catalog_free(a);
  tr_catalog_free(b);
  assert_int_equal(tr_catalog_new_default(NULL), TR_ERR_INVALID_ARG);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_agreement_invariants),
    cmocka_unit_test(test_provision_invariants),
    cmocka_unit_test(test_required_agreements),
    cmocka_unit_test(test_spot_american),
    cmocka_unit_test(test_spot_european),
    cmocka_unit_test(test_spot_other),
    cmocka_unit_test(test_barriers),
    cmocka_unit_test(test_indicators),
    cmocka_unit_test(test_default_is_fresh),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
