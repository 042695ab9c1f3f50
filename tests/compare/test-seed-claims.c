/*
 * The seed paper's claims (domain.md §5, SP1-SP11), checked on the embedded
 * catalog with the built-in american and european templates. Each check reads
 * real coded data; every position asserted as held must also carry a citation
 * so that it is visible in `traderules compare american european`.
 *
 * Claims the data cannot support are not asserted here; see
 * docs/compare.md "Seed paper claims" for the list and the reason.
 */
#include <stdio.h>
#include "helpers.h"

static tr_catalog *cat;
static tr_template *am, *eu, *eu2018;

static int setup(void **state) {
  (void)state;
  if (tr_catalog_new_default(&cat) != TR_OK)
    return -1;
  if (tr_template_new_builtin(cat, "american", &am) || tr_template_new_builtin(cat, "european", &eu) ||
      tr_template_new_builtin_until(cat, "european", 2018, &eu2018))
    return -1;
  return 0;
}

static int teardown(void **state) {
  (void)state;
  tr_template_free(am);
  tr_template_free(eu);
  tr_template_free(eu2018);
  tr_catalog_free(cat);
  return 0;
}

/* The template holds @s in @c, supported by @member whose citation contains @cite. */
static void holds(const tr_template *t, tr_category c, tr_strength s, const char *member, const char *cite) {
  if (tr_template_get_strength(t, c) != s)
    fprintf(stderr, "%s %s: %s, expected %s\n", tr_template_get_name(t), tr_category_id(c),
            tr_strength_id(tr_template_get_strength(t, c)), tr_strength_id(s));
  assert_int_equal(tr_template_get_strength(t, c), s);
  gboolean found = FALSE;
  for (size_t k = 0; k < tr_template_support_count(t, c); k++) {
    const char *id = tr_template_support_agreement(t, c, k);
    const char *ci = tr_template_support_citation(t, c, k);
    if (g_strcmp0(id, member) == 0 && ci && strstr(ci, cite))
      found = TRUE;
  }
  if (!found)
    fprintf(stderr, "%s %s: no supporting citation %s %s\n", tr_template_get_name(t), tr_category_id(c), member, cite);
  assert_true(found);
  char *all = NULL;
  assert_int_equal(tr_template_citations(t, c, &all), TR_OK);
  assert_non_null(strstr(all, cite));
  tr_free(all);
}

static tr_strength agreement_strength(const char *id, tr_category c, unsigned int *flags) {
  const tr_agreement *a = tr_catalog_find_agreement(cat, id);
  assert_non_null(a);
  const tr_provision *p = tr_agreement_find_provision(a, c);
  if (flags)
    *flags = p ? tr_provision_get_flags(p) : 0;
  return p ? tr_provision_get_strength(p) : TR_STRENGTH_UNKNOWN;
}

/* SP1: the US pursues binding cross-border data-flow commitments (TPP; TiSA and
 * TTIP as proposals); binding begins with TPP (KORUS 2007 only "endeavor"). */
static void test_sp1_binding_data_flows(void **state) {
  (void)state;
  tr_category f = TR_CATEGORY_CROSS_BORDER_DATA_FLOWS;
  holds(am, f, TR_STRENGTH_HARD, "TPP", "14.11.2");
  unsigned int flags;
  assert_int_equal(agreement_strength("TISA", f, &flags), TR_STRENGTH_HARD);
  assert_true(flags & TR_PROVISION_PROPOSED);
  assert_int_equal(agreement_strength("TTIP_US", f, &flags), TR_STRENGTH_HARD);
  assert_true(flags & TR_PROVISION_PROPOSED);
  assert_int_equal(agreement_strength("KORUS", f, NULL), TR_STRENGTH_SOFT);
  /* The American family bound itself first: TPP 2016, before any European agreement. */
  tr_filter *fl = NULL;
  tr_timeline *tl = NULL;
  const char *who = NULL;
  assert_int_equal(tr_filter_new(&fl), TR_OK);
  assert_int_equal(tr_filter_set_family(fl, TR_FAMILY_AMERICAN), TR_OK);
  assert_int_equal(tr_timeline_new(cat, fl, &tl), TR_OK);
  int us_first = tr_timeline_first(tl, f, TR_STRENGTH_HARD, &who);
  assert_int_equal(us_first, 2016);
  assert_string_equal(who, "TPP");
  tr_timeline_free(tl);
  assert_int_equal(tr_filter_set_family(fl, TR_FAMILY_EUROPEAN), TR_OK);
  assert_int_equal(tr_timeline_new(cat, fl, &tl), TR_OK);
  int eu_first = tr_timeline_first(tl, f, TR_STRENGTH_HARD, &who);
  assert_true(eu_first > us_first);
  assert_true(eu_first >= 2018); /* SP3: no EU data-flow clause before the 2018 horizontal model */
  tr_timeline_free(tl);
  tr_filter_free(fl);
  /* As the seed paper saw the templates (2018): binding on the American side only. */
  tr_comparison *cmp = NULL;
  assert_int_equal(tr_comparison_new(am, eu2018, &cmp), TR_OK);
  tr_relation r = tr_comparison_get_relation(cmp, f);
  assert_true(r == TR_RELATION_FIRST_STRONGER || r == TR_RELATION_ONLY_FIRST);
  tr_comparison_free(cmp);
}

/* SP2: the American template bans customs duties on electronic transmissions,
 * data localisation and forced source-code disclosure, and requires
 * non-discrimination of digital products. */
static void test_sp2_american_prohibitions(void **state) {
  (void)state;
  holds(am, TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS, TR_STRENGTH_HARD, "TPP", "14.3");
  holds(am, TR_CATEGORY_DATA_LOCALISATION, TR_STRENGTH_HARD, "TPP", "14.13");
  holds(am, TR_CATEGORY_SOURCE_CODE, TR_STRENGTH_HARD, "TPP", "14.17");
  holds(am, TR_CATEGORY_NONDISCRIMINATION_DIGITAL_PRODUCTS, TR_STRENGTH_HARD, "TPP", "14.4");
  /* Anti-localisation is American before it is European. */
  tr_comparison *cmp = NULL;
  assert_int_equal(tr_comparison_new(am, eu2018, &cmp), TR_OK);
  assert_int_equal(tr_comparison_get_relation(cmp, TR_CATEGORY_DATA_LOCALISATION), TR_RELATION_ONLY_FIRST);
  tr_comparison_free(cmp);
  /* Non-discrimination of digital products stays American-only. */
  assert_int_equal(tr_comparison_new(am, eu, &cmp), TR_OK);
  assert_int_equal(tr_comparison_get_relation(cmp, TR_CATEGORY_NONDISCRIMINATION_DIGITAL_PRODUCTS),
                   TR_RELATION_ONLY_FIRST);
  tr_comparison_free(cmp);
}

/* SP3: EU red lines are privacy / data protection and the audiovisual exception. */
static void test_sp3_european_red_lines(void **state) {
  (void)state;
  tr_category priv = TR_CATEGORY_PRIVACY_DATA_PROTECTION_CARVEOUT, av = TR_CATEGORY_AUDIOVISUAL_CULTURAL_EXCEPTION;
  holds(eu, priv, TR_STRENGTH_HARD, "EU_KOR", "7.50(e)(ii)");
  holds(eu, av, TR_STRENGTH_HARD, "EU_KOR", "7.4.1(a)");
  assert_true(tr_template_get_exceptions(eu, priv) & TR_EXCEPTION_PRIVACY);
  assert_true(tr_template_get_exceptions(eu, av) & TR_EXCEPTION_AUDIOVISUAL);
  tr_comparison *cmp = NULL;
  assert_int_equal(tr_comparison_new(am, eu, &cmp), TR_OK);
  /* Privacy: no American template position holds a stand-alone privacy safeguard. */
  assert_int_not_equal(tr_template_get_strength(am, priv), TR_STRENGTH_HARD);
  tr_relation r = tr_comparison_get_relation(cmp, priv);
  assert_true(r == TR_RELATION_FIRST_UNKNOWN || r == TR_RELATION_ONLY_SECOND || r == TR_RELATION_SECOND_STRONGER);
  /* The European data-flow and localisation commitments carry the privacy safeguard;
   * the American ones do not. */
  for (tr_category c = TR_CATEGORY_CROSS_BORDER_DATA_FLOWS; c <= TR_CATEGORY_DATA_LOCALISATION; c++) {
    assert_true(tr_template_get_exceptions(eu, c) & TR_EXCEPTION_PRIVACY);
    assert_false(tr_template_get_exceptions(am, c) & TR_EXCEPTION_PRIVACY);
    assert_int_equal(tr_comparison_get_relation(cmp, c), TR_RELATION_DIFFERENT_CARVEOUTS);
  }
  /* Audiovisual: the European side excludes audiovisual services, the American
   * side at most broadcasting. */
  assert_false(tr_template_get_exceptions(am, av) & TR_EXCEPTION_AUDIOVISUAL);
  r = tr_comparison_get_relation(cmp, av);
  assert_true(r == TR_RELATION_DIFFERENT_CARVEOUTS || r == TR_RELATION_ONLY_SECOND ||
              r == TR_RELATION_SECOND_STRONGER || r == TR_RELATION_FIRST_UNKNOWN);
  tr_comparison_free(cmp);
  const tr_template *ps[] = { am, eu };
  tr_common_ground *cg = NULL;
  assert_int_equal(tr_common_ground_new(ps, 2, &cg), TR_OK);
  assert_true(tr_common_ground_get(cg, av) == TR_GROUND_DIVERGE || tr_common_ground_carveouts_differ(cg, av));
  assert_true(tr_common_ground_carveouts_differ(cg, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS));
  tr_common_ground_free(cg);
}

/* SP4: the European template (as of the paper) is cooperation-based rather than
 * market-access-based: the American side binds more, far more often than the reverse. */
static void test_sp4_cooperation_template(void **state) {
  (void)state;
  holds(eu2018, TR_CATEGORY_ECOM_COOPERATION, TR_STRENGTH_SOFT, "EU_KOR", "7.49");
  tr_comparison *cmp = NULL;
  assert_int_equal(tr_comparison_new(am, eu2018, &cmp), TR_OK);
  size_t us = tr_comparison_relation_count(cmp, TR_RELATION_FIRST_STRONGER) +
              tr_comparison_relation_count(cmp, TR_RELATION_ONLY_FIRST);
  size_t euc = tr_comparison_relation_count(cmp, TR_RELATION_SECOND_STRONGER) +
               tr_comparison_relation_count(cmp, TR_RELATION_ONLY_SECOND);
  assert_true(us > 2 * euc);
  tr_comparison_free(cmp);
}

/* SP5: the EU classifies electronic deliveries as services that cannot bear customs duties. */
static void test_sp5_deliveries_as_services(void **state) {
  (void)state;
  holds(eu, TR_CATEGORY_ELECTRONIC_SUPPLY_OF_SERVICES, TR_STRENGTH_HARD, "EU_KOR", "7.48.3");
  holds(eu, TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS, TR_STRENGTH_HARD, "EU_KOR", "7.48.3");
}

/* SP6-SP9: the WTO avenues: where the templates converge, the category belongs to the
 * avenue the paper names; data flows, a red line at the time, go to a new mechanism. */
static void test_sp6_sp9_wto_avenues(void **state) {
  (void)state;
  const tr_template *now[] = { am, eu };
  const tr_template *then[] = { am, eu2018 };
  tr_common_ground *cg = NULL, *cg18 = NULL;
  assert_int_equal(tr_common_ground_new(now, 2, &cg), TR_OK);
  assert_int_equal(tr_common_ground_new(then, 2, &cg18), TR_OK);
  /* SP6 ITA expansion: ICT tariffs are common ground. */
  assert_int_equal(tr_common_ground_get(cg, TR_CATEGORY_ICT_GOODS_TARIFFS), TR_GROUND_CONVERGE);
  assert_int_equal(tr_category_wto_avenue(TR_CATEGORY_ICT_GOODS_TARIFFS), TR_WTO_AVENUE_ITA_EXPANSION);
  /* SP7 TRIPS upgrade: digital copyright is TRIPS-plus in both templates' FTAs. */
  assert_int_equal(tr_common_ground_get(cg, TR_CATEGORY_IP_COPYRIGHT_DIGITAL), TR_GROUND_CONVERGE);
  assert_int_equal(tr_common_ground_floor(cg, TR_CATEGORY_IP_COPYRIGHT_DIGITAL), TR_STRENGTH_HARD);
  assert_int_equal(tr_category_wto_avenue(TR_CATEGORY_IP_COPYRIGHT_DIGITAL), TR_WTO_AVENUE_TRIPS_UPGRADE);
  /* SP8 data-flow mechanism: data flows diverged when the paper was written. */
  assert_int_equal(tr_common_ground_get(cg18, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS), TR_GROUND_DIVERGE);
  assert_int_equal(tr_common_ground_get(cg18, TR_CATEGORY_DATA_LOCALISATION), TR_GROUND_DIVERGE);
  assert_int_equal(tr_category_wto_avenue(TR_CATEGORY_CROSS_BORDER_DATA_FLOWS), TR_WTO_AVENUE_DATA_FLOWS);
  /* SP9 GATS interpretation: services supplied electronically and computer services converge. */
  assert_int_equal(tr_common_ground_get(cg, TR_CATEGORY_ELECTRONIC_SUPPLY_OF_SERVICES), TR_GROUND_CONVERGE);
  assert_int_equal(tr_common_ground_get(cg, TR_CATEGORY_COMPUTER_RELATED_SERVICES), TR_GROUND_CONVERGE);
  assert_int_equal(tr_category_wto_avenue(TR_CATEGORY_COMPUTER_RELATED_SERVICES), TR_WTO_AVENUE_GATS_SCOPE);
  tr_common_ground_free(cg);
  tr_common_ground_free(cg18);
}

/* SP10: the 1998 moratorium keeps electronic transmissions duty-free multilaterally,
 * but only politically: a soft, non-justiciable position, against the American
 * template's binding ban. (That it is temporary is in the record's note, not in a
 * comparison.) */
static void test_sp10_moratorium(void **state) {
  (void)state;
  tr_category duty = TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS;
  const tr_agreement *m = tr_catalog_find_agreement(cat, "WTO_MORATORIUM");
  assert_non_null(m);
  const tr_provision *p = tr_agreement_find_provision(m, duty);
  assert_non_null(p);
  assert_int_equal(tr_provision_get_dispute_settlement(p), TR_DS_NO);
  tr_template *mt = NULL;
  assert_int_equal(tr_template_new_from_agreement(m, &mt), TR_OK);
  holds(mt, duty, TR_STRENGTH_SOFT, "WTO_MORATORIUM", "WT/MIN(98)/DEC/2");
  tr_comparison *cmp = NULL;
  assert_int_equal(tr_comparison_new(mt, am, &cmp), TR_OK);
  assert_int_equal(tr_comparison_get_relation(cmp, duty), TR_RELATION_SECOND_STRONGER);
  tr_comparison_free(cmp);
  tr_template_free(mt);
}

/* SP11: the six barrier categories describe the barriers; the American template
 * disciplines data localisation (B1) with a hard commitment, citing TPP. */
static void test_sp11_barriers(void **state) {
  (void)state;
  gboolean seen[7] = { FALSE };
  for (size_t i = 0; i < tr_catalog_barrier_count(cat); i++)
    seen[tr_barrier_get_type(tr_catalog_barrier_at(cat, i))] = TRUE;
  for (int t = TR_BARRIER_DATA_LOCALISATION; t <= TR_BARRIER_INVESTMENT; t++)
    assert_true(seen[t]);
  tr_barrier_set *set = NULL;
  tr_coverage *cov = NULL;
  assert_int_equal(tr_barrier_set_new(&set), TR_OK);
  const tr_barrier *b1a = tr_catalog_find_barrier(cat, "B1a");
  assert_non_null(b1a);
  assert_int_equal(tr_barrier_set_add(set, b1a, NULL), TR_OK);
  assert_int_equal(tr_coverage_new(am, set, &cov), TR_OK);
  assert_int_equal(tr_coverage_level_at(cov, 0), TR_COVERAGE_HARD);
  gboolean loc = FALSE;
  for (size_t k = 0; k < tr_coverage_provision_count(cov, 0); k++)
    loc = loc || tr_coverage_provision_at(cov, 0, k) == TR_CATEGORY_DATA_LOCALISATION;
  assert_true(loc);
  tr_coverage_free(cov);
  tr_barrier_set_free(set);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_sp1_binding_data_flows),
    cmocka_unit_test(test_sp2_american_prohibitions),
    cmocka_unit_test(test_sp3_european_red_lines),
    cmocka_unit_test(test_sp4_cooperation_template),
    cmocka_unit_test(test_sp5_deliveries_as_services),
    cmocka_unit_test(test_sp6_sp9_wto_avenues),
    cmocka_unit_test(test_sp10_moratorium),
    cmocka_unit_test(test_sp11_barriers),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
