/* Tests for templates, pairwise comparison and the summary measures. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include "helpers.h"

/* Every relation type, each in its own category, between two agreements. */
static void test_relations(void **state) {
  (void)state;
  const prov_spec pa[] = {
    P(ECOM_GENERAL, SOFT),                                   /* same */
    P(ECOM_COOPERATION, NONE),                               /* same (both none) */
    P(CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS, HARD),        /* first stronger */
    P(NONDISCRIMINATION_DIGITAL_PRODUCTS, SOFT),             /* second stronger */
    P(CROSS_BORDER_DATA_FLOWS, MIXED),                       /* only first */
    P(DATA_LOCALISATION, NONE),                              /* only second */
    PE(PERSONAL_INFORMATION_PROTECTION, HARD, TR_EXCEPTION_PRIVACY), /* different carve-outs */
    P(SOURCE_CODE, UNKNOWN),                                 /* both unknown (coded unknown) */
    P(PAPERLESS_TRADING, SOFT),                              /* second unknown (not coded there) */
    /* ICT_CRYPTOGRAPHY: first not coded, second hard -> first unknown */
    END
  };
  const prov_spec pb[] = {
    P(ECOM_GENERAL, SOFT),
    P(ECOM_COOPERATION, NONE),
    P(CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS, SOFT),
    P(NONDISCRIMINATION_DIGITAL_PRODUCTS, MIXED),
    P(CROSS_BORDER_DATA_FLOWS, NONE),
    P(DATA_LOCALISATION, HARD),
    PE(PERSONAL_INFORMATION_PROTECTION, HARD, TR_EXCEPTION_LPPO),
    P(ICT_CRYPTOGRAPHY, HARD),
    END
  };
  tr_agreement *a = mk("A", TR_FAMILY_AMERICAN, "2016", NULL, pa);
  tr_agreement *b = mk("B", TR_FAMILY_EUROPEAN, "2018", NULL, pb);
  tr_comparison *cmp = NULL;
  assert_int_equal(tr_comparison_new_agreements(a, b, &cmp), TR_OK);
  assert_int_equal(tr_comparison_count(cmp), (size_t)tr_category_count());
  struct { tr_category c; tr_relation r; } want[] = {
    { TR_CATEGORY_ECOM_GENERAL, TR_RELATION_SAME },
    { TR_CATEGORY_ECOM_COOPERATION, TR_RELATION_SAME },
    { TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS, TR_RELATION_FIRST_STRONGER },
    { TR_CATEGORY_NONDISCRIMINATION_DIGITAL_PRODUCTS, TR_RELATION_SECOND_STRONGER },
    { TR_CATEGORY_CROSS_BORDER_DATA_FLOWS, TR_RELATION_ONLY_FIRST },
    { TR_CATEGORY_DATA_LOCALISATION, TR_RELATION_ONLY_SECOND },
    { TR_CATEGORY_PERSONAL_INFORMATION_PROTECTION, TR_RELATION_DIFFERENT_CARVEOUTS },
    { TR_CATEGORY_SOURCE_CODE, TR_RELATION_BOTH_UNKNOWN },
    { TR_CATEGORY_PAPERLESS_TRADING, TR_RELATION_SECOND_UNKNOWN },
    { TR_CATEGORY_ICT_CRYPTOGRAPHY, TR_RELATION_FIRST_UNKNOWN },
    { TR_CATEGORY_TELECOM_SERVICES, TR_RELATION_BOTH_UNKNOWN }, /* coded by neither */
  };
  for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
    assert_int_equal(tr_comparison_get_relation(cmp, want[i].c), want[i].r);
    assert_int_equal(tr_comparison_relation_at(cmp, (size_t)want[i].c - 1), want[i].r);
    assert_int_equal(tr_comparison_category_at(cmp, (size_t)want[i].c - 1), want[i].c);
  }
  /* Iteration covers every category once; counts add up. */
  size_t total = 0;
  for (int r = 0; r < tr_relation_count(); r++)
    total += tr_comparison_relation_count(cmp, (tr_relation)r);
  assert_int_equal(total, tr_comparison_count(cmp));
  assert_int_equal(tr_comparison_relation_count(cmp, TR_RELATION_SAME), 2);
  assert_int_equal(tr_comparison_comparable_count(cmp), 7);
  /* Measures: share = 2/7; distance (sixths): 0,0,4,2,4,6,1 = 17 / (6*7). */
  assert_double_equal(tr_comparison_agreement_share(cmp), 2.0 / 7.0, 1e-12);
  assert_double_equal(tr_comparison_distance(cmp), 17.0 / 42.0, 1e-12);
  assert_double_equal(tr_comparison_similarity(cmp), 1.0 - 17.0 / 42.0, 1e-12);
  /* Weighted: only customs (d = 2/3) and data localisation (d = 1) weigh, 1 and 3. */
  double w[40] = { 0 };
  w[TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS - 1] = 1;
  w[TR_CATEGORY_DATA_LOCALISATION - 1] = 3;
  w[TR_CATEGORY_SOURCE_CODE - 1] = 100; /* not comparable: ignored */
  double d = 0;
  assert_int_equal(tr_comparison_distance_weighted(cmp, w, (size_t)tr_category_count(), &d), TR_OK);
  assert_double_equal(d, (2.0 / 3.0 + 3.0) / 4.0, 1e-12);
  /* Missing weights count 1: same as unweighted. */
  assert_int_equal(tr_comparison_distance_weighted(cmp, NULL, 0, &d), TR_OK);
  assert_double_equal(d, tr_comparison_distance(cmp), 1e-12);
  w[0] = -1;
  assert_int_equal(tr_comparison_distance_weighted(cmp, w, 1, &d), TR_ERR_INVALID_ARG);
  w[0] = NAN;
  assert_int_equal(tr_comparison_distance_weighted(cmp, w, 1, &d), TR_ERR_INVALID_ARG);
  /* Reversing the sides mirrors the relations. */
  tr_comparison *rev = NULL;
  assert_int_equal(tr_comparison_new(tr_comparison_get_second(cmp), tr_comparison_get_first(cmp), &rev), TR_OK);
  assert_int_equal(tr_comparison_get_relation(rev, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS), TR_RELATION_ONLY_SECOND);
  assert_int_equal(tr_comparison_get_relation(rev, TR_CATEGORY_ICT_CRYPTOGRAPHY), TR_RELATION_SECOND_UNKNOWN);
  assert_double_equal(tr_comparison_distance(rev), tr_comparison_distance(cmp), 1e-12);
  tr_comparison_free(rev);
  /* Out of range. */
  assert_int_equal(tr_comparison_category_at(cmp, 9999), TR_CATEGORY_UNKNOWN);
  assert_int_equal(tr_comparison_get_relation(cmp, TR_CATEGORY_UNKNOWN), TR_RELATION_BOTH_UNKNOWN);
  tr_comparison_free(cmp);
  tr_agreement_free(a);
  tr_agreement_free(b);
}

static void test_relation_ids(void **state) {
  (void)state;
  for (int r = 0; r < tr_relation_count(); r++) {
    tr_relation back;
    assert_non_null(tr_relation_title((tr_relation)r));
    assert_int_equal(tr_relation_from_id(tr_relation_id((tr_relation)r), &back), TR_OK);
    assert_int_equal(back, r);
  }
  assert_null(tr_relation_id((tr_relation)99));
  /* which relations are differences (compare --diff, JSON "differs") */
  for (int k = 0; k < tr_relation_count(); k++)
    assert_int_equal(tr_relation_differs((tr_relation)k) != 0,
                     k != TR_RELATION_SAME && k != TR_RELATION_BOTH_UNKNOWN);
  assert_true(tr_relation_differs(TR_RELATION_FIRST_UNKNOWN));
  assert_false(tr_relation_differs((tr_relation)99));
  assert_false(tr_relation_differs((tr_relation)-1));
  tr_relation r;
  assert_int_equal(tr_relation_from_id("stronger", &r), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_relation_from_id(NULL, &r), TR_ERR_INVALID_ARG);
  tr_template_rule rule;
  assert_int_equal(tr_template_rule_from_id("strongest", &rule), TR_OK);
  assert_int_equal(rule, TR_TEMPLATE_RULE_STRONGEST);
  assert_int_equal(tr_template_rule_from_id("median", &rule), TR_ERR_NOT_FOUND);
  assert_string_equal(tr_template_rule_id(TR_TEMPLATE_RULE_WEAKEST), "weakest");
}

/* Nothing comparable: measures are NaN, never 0 or 1. */
static void test_nothing_comparable(void **state) {
  (void)state;
  const prov_spec pa[] = { P(SOURCE_CODE, HARD), END };
  const prov_spec pb[] = { P(ECOM_GENERAL, SOFT), P(SOURCE_CODE, UNKNOWN), END };
  tr_agreement *a = mk("A", TR_FAMILY_AMERICAN, NULL, NULL, pa);
  tr_agreement *b = mk("B", TR_FAMILY_AMERICAN, NULL, NULL, pb);
  tr_comparison *cmp = NULL;
  assert_int_equal(tr_comparison_new_agreements(a, b, &cmp), TR_OK);
  assert_int_equal(tr_comparison_comparable_count(cmp), 0);
  assert_true(isnan(tr_comparison_distance(cmp)));
  assert_true(isnan(tr_comparison_similarity(cmp)));
  assert_true(isnan(tr_comparison_agreement_share(cmp)));
  tr_comparison_free(cmp);
  assert_int_equal(tr_comparison_new_agreements(a, NULL, &cmp), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_comparison_new(NULL, NULL, &cmp), TR_ERR_INVALID_ARG);
  tr_agreement_free(a);
  tr_agreement_free(b);
}

/* A catalog with three American-style and two European-style agreements. */
static tr_catalog *family_catalog(void) {
  tr_catalog *c = empty_catalog();
  const prov_spec us1[] = {
    PC(CROSS_BORDER_DATA_FLOWS, HARD, "Art. 14.11.2"),
    PE(DATA_LOCALISATION, HARD, TR_EXCEPTION_LPPO | TR_EXCEPTION_FINANCIAL_SERVICES),
    P(SOURCE_CODE, HARD),
    P(ECOM_COOPERATION, SOFT),
    PF(IP_COPYRIGHT_DIGITAL, HARD, TR_PROVISION_UNCERTAIN),
    END
  };
  const prov_spec us2[] = {
    PC(CROSS_BORDER_DATA_FLOWS, HARD, "Art. 19.11"),
    PE(DATA_LOCALISATION, HARD, TR_EXCEPTION_LPPO),
    P(SOURCE_CODE, NONE),
    P(ECOM_COOPERATION, SOFT),
    PF(IP_COPYRIGHT_DIGITAL, HARD, TR_PROVISION_SUSPENDED), /* counts as none */
    END
  };
  const prov_spec us3[] = {
    PC(CROSS_BORDER_DATA_FLOWS, SOFT, "Art. 15.8"),
    P(DATA_LOCALISATION, NONE),
    P(SOURCE_CODE, UNKNOWN),
    P(ECOM_COOPERATION, HARD),
    P(IP_COPYRIGHT_DIGITAL, NONE),
    END
  };
  const prov_spec eu1[] = {
    P(CROSS_BORDER_DATA_FLOWS, NONE),
    PE(PRIVACY_DATA_PROTECTION_CARVEOUT, HARD, TR_EXCEPTION_PRIVACY),
    PE(AUDIOVISUAL_CULTURAL_EXCEPTION, HARD, TR_EXCEPTION_AUDIOVISUAL),
    P(ECOM_COOPERATION, SOFT),
    END
  };
  const prov_spec eu2[] = {
    PC(CROSS_BORDER_DATA_FLOWS, HARD, "Art. DIGIT.6"),
    PE(PRIVACY_DATA_PROTECTION_CARVEOUT, HARD, TR_EXCEPTION_PRIVACY),
    PE(AUDIOVISUAL_CULTURAL_EXCEPTION, HARD, TR_EXCEPTION_AUDIOVISUAL),
    P(ECOM_COOPERATION, SOFT),
    END
  };
  add(c, mk("US1", TR_FAMILY_AMERICAN, "2016-02-04", "USA", us1));
  add(c, mk("US2", TR_FAMILY_AMERICAN, "2018-11-30", "USA", us2));
  add(c, mk("US3", TR_FAMILY_AMERICAN, "2007-06-30", "KOR", us3));
  add(c, mk("EU1", TR_FAMILY_EUROPEAN, "2010-10-06", "KOR", eu1));
  add(c, mk("EU2", TR_FAMILY_EUROPEAN, "2020-12-30", "GBR", eu2));
  return c;
}

static void test_template_rules(void **state) {
  (void)state;
  tr_catalog *c = family_catalog();
  const char *ids[] = { "US1", "US2", "US3", "US1" /* duplicate: ignored */ };
  tr_template *maj = NULL, *strong = NULL, *weak = NULL;
  assert_int_equal(tr_template_new_from_ids(c, "us", ids, 4, TR_TEMPLATE_RULE_MAJORITY, &maj), TR_OK);
  assert_int_equal(tr_template_new_from_ids(c, "us+", ids, 3, TR_TEMPLATE_RULE_STRONGEST, &strong), TR_OK);
  assert_int_equal(tr_template_new_from_ids(c, "us-", ids, 3, TR_TEMPLATE_RULE_WEAKEST, &weak), TR_OK);
  assert_string_equal(tr_template_get_name(maj), "us");
  assert_int_equal(tr_template_get_kind(maj), TR_TEMPLATE_KIND_USER);
  assert_int_equal(tr_template_get_rule(strong), TR_TEMPLATE_RULE_STRONGEST);
  assert_int_equal(tr_template_member_count(maj), 3);
  assert_string_equal(tr_template_member_at(maj, 2), "US3");
  assert_int_equal(tr_template_member_year(maj, 1), 2018);
  assert_null(tr_template_member_at(maj, 3));

  /* Data flows: H, H, S -> majority hard, supported by US1 and US2 with their citations. */
  tr_category cbdf = TR_CATEGORY_CROSS_BORDER_DATA_FLOWS;
  assert_int_equal(tr_template_get_strength(maj, cbdf), TR_STRENGTH_HARD);
  assert_int_equal(tr_template_coded_count(maj, cbdf), 3);
  assert_int_equal(tr_template_support_count(maj, cbdf), 2);
  assert_string_equal(tr_template_support_agreement(maj, cbdf, 0), "US1");
  assert_string_equal(tr_template_support_citation(maj, cbdf, 1), "Art. 19.11");
  assert_null(tr_template_support_citation(maj, cbdf, 2));
  char *cites = NULL;
  assert_int_equal(tr_template_citations(maj, cbdf, &cites), TR_OK);
  assert_string_equal(cites, "US1 Art. 14.11.2; US2 Art. 19.11");
  tr_free(cites);
  assert_int_equal(tr_template_get_strength(weak, cbdf), TR_STRENGTH_SOFT);
  assert_int_equal(tr_template_support_count(weak, cbdf), 1);

  /* Exceptions: held by at least half of the supporters (lppo 2/2, financial 1/2). */
  tr_category loc = TR_CATEGORY_DATA_LOCALISATION;
  assert_int_equal(tr_template_get_strength(maj, loc), TR_STRENGTH_HARD);
  assert_int_equal(tr_template_get_exceptions(maj, loc), TR_EXCEPTION_LPPO | TR_EXCEPTION_FINANCIAL_SERVICES);

  /* Source code: H, N, unknown -> tie between hard and none goes to the stronger;
   * unknown does not vote. */
  assert_int_equal(tr_template_get_strength(maj, TR_CATEGORY_SOURCE_CODE), TR_STRENGTH_HARD);
  assert_int_equal(tr_template_coded_count(maj, TR_CATEGORY_SOURCE_CODE), 2);
  assert_int_equal(tr_template_get_strength(weak, TR_CATEGORY_SOURCE_CODE), TR_STRENGTH_NONE);

  /* Cooperation: S, S, H -> majority soft, strongest hard. */
  assert_int_equal(tr_template_get_strength(maj, TR_CATEGORY_ECOM_COOPERATION), TR_STRENGTH_SOFT);
  assert_int_equal(tr_template_get_strength(strong, TR_CATEGORY_ECOM_COOPERATION), TR_STRENGTH_HARD);

  /* Copyright: H (uncertain), H but suspended (= none), N -> none wins 2:1; flags of supporters. */
  assert_int_equal(tr_template_get_strength(maj, TR_CATEGORY_IP_COPYRIGHT_DIGITAL), TR_STRENGTH_NONE);
  assert_int_equal(tr_template_get_flags(maj, TR_CATEGORY_IP_COPYRIGHT_DIGITAL), TR_PROVISION_SUSPENDED);
  assert_int_equal(tr_template_get_strength(strong, TR_CATEGORY_IP_COPYRIGHT_DIGITAL), TR_STRENGTH_HARD);
  assert_int_equal(tr_template_get_flags(strong, TR_CATEGORY_IP_COPYRIGHT_DIGITAL), TR_PROVISION_UNCERTAIN);

  /* Nobody codes telecom: unknown, no supporters. */
  assert_int_equal(tr_template_get_strength(maj, TR_CATEGORY_TELECOM_SERVICES), TR_STRENGTH_UNKNOWN);
  assert_int_equal(tr_template_support_count(maj, TR_CATEGORY_TELECOM_SERVICES), 0);
  assert_int_equal(tr_template_get_strength(maj, TR_CATEGORY_UNKNOWN), TR_STRENGTH_UNKNOWN);
  assert_int_equal(tr_template_citations(maj, TR_CATEGORY_UNKNOWN, &cites), TR_ERR_INVALID_ARG);

  tr_template_free(maj);
  tr_template_free(strong);
  tr_template_free(weak);
  tr_catalog_free(c);
}

static void test_template_errors_and_filters(void **state) {
  (void)state;
  tr_catalog *c = family_catalog();
  tr_template *t = NULL;
  const char *bad[] = { "US1", "NOPE" };
  assert_int_equal(tr_template_new_from_ids(c, "x", bad, 2, TR_TEMPLATE_RULE_MAJORITY, &t), TR_ERR_NOT_FOUND);
  assert_non_null(strstr(tr_error_message(), "NOPE"));
  assert_null(t);
  assert_int_equal(tr_template_new_from_ids(c, "x", bad, 0, TR_TEMPLATE_RULE_MAJORITY, &t), TR_ERR_EMPTY);
  assert_int_equal(tr_template_new_from_ids(c, "x", bad, 1, (tr_template_rule)7, &t), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_template_new_from_ids(NULL, "x", bad, 1, TR_TEMPLATE_RULE_MAJORITY, &t), TR_ERR_INVALID_ARG);

  /* Filter: family european -> EU1, EU2. */
  tr_filter *f = NULL;
  assert_int_equal(tr_filter_new(&f), TR_OK);
  assert_int_equal(tr_filter_set_family(f, TR_FAMILY_EUROPEAN), TR_OK);
  assert_int_equal(tr_template_new_from_filter(c, "eu", f, TR_TEMPLATE_RULE_MAJORITY, &t), TR_OK);
  assert_int_equal(tr_template_member_count(t), 2);
  /* Data flows N vs H: tie goes to hard. */
  assert_int_equal(tr_template_get_strength(t, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS), TR_STRENGTH_HARD);
  tr_template_free(t);
  /* Year range up to 2018: only EU1 -> data flows none. */
  assert_int_equal(tr_filter_set_years(f, 0, 2018), TR_OK);
  assert_int_equal(tr_template_new_from_filter(c, "eu2018", f, TR_TEMPLATE_RULE_MAJORITY, &t), TR_OK);
  assert_int_equal(tr_template_member_count(t), 1);
  assert_int_equal(tr_template_get_strength(t, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS), TR_STRENGTH_NONE);
  tr_template_free(t);
  /* Party. */
  tr_filter_free(f);
  assert_int_equal(tr_filter_new(&f), TR_OK);
  assert_int_equal(tr_filter_set_party(f, "KOR"), TR_OK);
  assert_int_equal(tr_template_new_from_filter(c, "kor", f, TR_TEMPLATE_RULE_MAJORITY, &t), TR_OK);
  assert_int_equal(tr_template_member_count(t), 2);
  tr_template_free(t);
  /* Nothing matches: clean error. */
  assert_int_equal(tr_filter_set_party(f, "BRA"), TR_OK);
  t = NULL;
  assert_int_equal(tr_template_new_from_filter(c, "bra", f, TR_TEMPLATE_RULE_MAJORITY, &t), TR_ERR_EMPTY);
  assert_null(t);
  tr_filter_free(f);
  /* NULL filter: the whole catalog. */
  assert_int_equal(tr_template_new_from_filter(c, "all", NULL, TR_TEMPLATE_RULE_MAJORITY, &t), TR_OK);
  assert_int_equal(tr_template_member_count(t), 5);
  tr_template_free(t);

  /* Built-ins: none of their members is in this catalog. */
  assert_int_equal(tr_template_new_builtin(c, "american", &t), TR_ERR_EMPTY);
  assert_non_null(strstr(tr_error_message(), "TPP"));
  assert_int_equal(tr_template_new_builtin(c, "asian", &t), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_template_resolve(c, "NOPE", &t), TR_ERR_NOT_FOUND);
  assert_non_null(strstr(tr_error_message(), "NOPE"));
  assert_int_equal(tr_template_resolve(c, "EU2", &t), TR_OK);
  assert_int_equal(tr_template_get_kind(t), TR_TEMPLATE_KIND_AGREEMENT);
  assert_string_equal(tr_template_get_name(t), "EU2");
  char *cites = NULL;
  assert_int_equal(tr_template_citations(t, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS, &cites), TR_OK);
  assert_string_equal(cites, "Art. DIGIT.6");
  tr_free(cites);
  tr_template_free(t);
  tr_catalog_free(c);
}

/* An agreement with kind, parties and parent, for the view rules. */
static tr_agreement *mkv(const char *id, tr_family fam, const char *date, tr_kind kind, const char *p1,
                         const char *p2, const char *based_on, const prov_spec *ps) {
  tr_agreement *a = mk(id, fam, date, p1, ps);
  assert_int_equal(tr_agreement_set_kind(a, kind), TR_OK);
  if (p2)
    assert_int_equal(tr_agreement_add_party(a, p2), TR_OK);
  if (based_on)
    assert_int_equal(tr_agreement_set_based_on(a, based_on), TR_OK);
  return a;
}

/* A catalog that exercises every part of the built-in member rule. */
static tr_catalog *views_catalog(void) {
  tr_catalog *c = empty_catalog();
  const prov_spec h[] = { P(DATA_LOCALISATION, HARD), END };
  const prov_spec s[] = { P(DATA_LOCALISATION, SOFT), END };
  add(c, mkv("US_OLD", TR_FAMILY_AMERICAN, "2000-10-24", TR_KIND_BILATERAL, "USA", "JOR", NULL, s)); /* before 2003 */
  add(c, mkv("US_A", TR_FAMILY_AMERICAN, "2003-05-06", TR_KIND_BILATERAL, "USA", "SGP", NULL, s));
  add(c, mkv("US_NEG", TR_FAMILY_AMERICAN, "2015-01-01", TR_KIND_NEGOTIATING_TEXT, "USA", "EU", NULL, h));
  add(c, mkv("US_TPP", TR_FAMILY_AMERICAN, "2016-02-04", TR_KIND_REGIONAL, "USA", "JPN", NULL, h));
  add(c, mkv("CP", TR_FAMILY_AMERICAN, "2018-03-08", TR_KIND_REGIONAL, "JPN", "CAN", "US_TPP", h)); /* no USA */
  add(c, mkv("US_NEW", TR_FAMILY_AMERICAN, "2019-10-07", TR_KIND_BILATERAL, "USA", "JPN", NULL, h));
  add(c, mkv("US_NODATE", TR_FAMILY_AMERICAN, NULL, TR_KIND_BILATERAL, "USA", "KOR", NULL, h));
  add(c, mkv("EU_A", TR_FAMILY_EUROPEAN, "2010-10-06", TR_KIND_BILATERAL, "EU", "KOR", NULL, s));
  add(c, mkv("EU_B", TR_FAMILY_EUROPEAN, "2019-01-01", TR_KIND_BILATERAL, "EU", "JPN", NULL, h));
  add(c, mkv("EU_B_PROT", TR_FAMILY_EUROPEAN, "2024-01-31", TR_KIND_BILATERAL, "EU", "JPN", "EU_B", s));
  add(c, mkv("EU_OTHER", TR_FAMILY_EUROPEAN, "2020-01-01", TR_KIND_BILATERAL, "USA", "JPN", NULL, s)); /* no EU party */
  return c;
}

static void assert_members(const tr_template *t, const char *const *ids) {
  size_t n = 0;
  while (ids[n])
    n++;
  if (tr_template_member_count(t) != n)
    for (size_t k = 0; k < tr_template_member_count(t); k++)
      fprintf(stderr, "%s member %s\n", tr_template_get_name(t), tr_template_member_at(t, k));
  assert_int_equal(tr_template_member_count(t), n);
  for (size_t k = 0; k < n; k++)
    assert_string_equal(tr_template_member_at(t, k), ids[k]);
}

static void test_builtin_views(void **state) {
  (void)state;
  assert_int_equal(tr_template_builtin_count(), 2);
  assert_string_equal(tr_template_builtin_name(0), "american");
  assert_string_equal(tr_template_builtin_name(1), "european");
  assert_null(tr_template_builtin_name(2));
  assert_int_equal(tr_template_seed_paper_year(), 2016);
  /* Deprecated id lists: empty for a built-in name, NULL otherwise. */
  size_t n = 99;
  const char *const *m = tr_template_builtin_members("european", &n);
  assert_non_null(m);
  assert_int_equal(n, 0);
  assert_null(m[0]);
  assert_null(tr_template_builtin_members("nope", &n));

  tr_catalog *c = views_catalog();
  tr_template *t = NULL;
  /* Current view: USA a party, concluded treaty, dated, signed 2016 or later. */
  assert_int_equal(tr_template_new_builtin(c, "american", &t), TR_OK);
  assert_int_equal(tr_template_get_kind(t), TR_TEMPLATE_KIND_BUILTIN);
  assert_string_equal(tr_template_get_name(t), "american");
  assert_members(t, (const char *const[]){ "US_TPP", "US_NEW", NULL });
  assert_int_equal(tr_template_get_strength(t, TR_CATEGORY_DATA_LOCALISATION), TR_STRENGTH_HARD);
  assert_non_null(strstr(tr_template_get_selection(t), "current view"));
  assert_non_null(strstr(tr_template_get_selection(t), "2016 or later"));
  tr_template_free(t);
  /* The seed paper's view: from the first e-commerce chapter (2003) to 2016. */
  assert_int_equal(tr_template_new_builtin_until(c, "american", 2016, &t), TR_OK);
  assert_string_equal(tr_template_get_name(t), "american@2016");
  assert_members(t, (const char *const[]){ "US_A", "US_TPP", NULL });
  assert_non_null(strstr(tr_template_get_selection(t), "2003-2016"));
  assert_non_null(strstr(tr_template_get_selection(t), "seed paper"));
  /* A tie (one soft, one hard) goes to the stronger level. */
  assert_int_equal(tr_template_get_strength(t, TR_CATEGORY_DATA_LOCALISATION), TR_STRENGTH_HARD);
  tr_template_free(t);
  /* A later date adds the later agreements (not CP: no US party). */
  assert_int_equal(tr_template_new_builtin_until(c, "american", 2030, &t), TR_OK);
  assert_members(t, (const char *const[]){ "US_A", "US_TPP", "US_NEW", NULL });
  assert_null(strstr(tr_template_get_selection(t), "seed paper"));
  tr_template_free(t);
  assert_int_equal(tr_template_new_builtin_until(c, "american", 2002, &t), TR_ERR_EMPTY);
  assert_non_null(strstr(tr_error_message(), "american@2002"));
  assert_int_equal(tr_template_new_builtin_until(c, "american", 0, &t), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_template_new_builtin_until(c, "asian", 2016, &t), TR_ERR_NOT_FOUND);
  /* European: the protocol amending EU_B is not a member of its own. */
  assert_int_equal(tr_template_new_builtin(c, "european", &t), TR_OK);
  assert_members(t, (const char *const[]){ "EU_B", NULL });
  tr_template_free(t);
  assert_int_equal(tr_template_new_builtin_until(c, "european", 2016, &t), TR_OK);
  assert_members(t, (const char *const[]){ "EU_A", NULL });
  assert_int_equal(tr_template_get_strength(t, TR_CATEGORY_DATA_LOCALISATION), TR_STRENGTH_SOFT);
  tr_template_free(t);
  assert_int_equal(tr_template_new_builtin_until(c, "european", 2024, &t), TR_OK);
  assert_members(t, (const char *const[]){ "EU_A", "EU_B", NULL });
  /* A template outlives the catalog it came from. */
  tr_catalog_free(c);
  assert_int_equal(tr_template_get_strength(t, TR_CATEGORY_DATA_LOCALISATION), TR_STRENGTH_HARD);
  assert_string_equal(tr_template_member_at(t, 0), "EU_A");
  tr_template_free(t);
}

/* The template grammar lives in the library: same answers as the direct calls. */
static void test_template_grammar(void **state) {
  (void)state;
  tr_catalog *c = views_catalog();
  tr_template *t = NULL;
  assert_int_equal(tr_template_resolve(c, "american@2016", &t), TR_OK);
  assert_string_equal(tr_template_get_name(t), "american@2016");
  assert_members(t, (const char *const[]){ "US_A", "US_TPP", NULL });
  tr_template_free(t);
  assert_int_equal(tr_template_resolve(c, "european", &t), TR_OK);
  assert_members(t, (const char *const[]){ "EU_B", NULL });
  tr_template_free(t);
  assert_int_equal(tr_template_resolve(c, "ids=US_A,US_NEW,US_A+rule=weakest+name=pair", &t), TR_OK);
  assert_string_equal(tr_template_get_name(t), "pair");
  assert_int_equal(tr_template_get_kind(t), TR_TEMPLATE_KIND_USER);
  assert_int_equal(tr_template_get_rule(t), TR_TEMPLATE_RULE_WEAKEST);
  assert_members(t, (const char *const[]){ "US_A", "US_NEW", NULL });
  assert_int_equal(tr_template_get_strength(t, TR_CATEGORY_DATA_LOCALISATION), TR_STRENGTH_SOFT);
  assert_non_null(strstr(tr_template_get_selection(t), "ids=US_A,US_NEW,US_A"));
  assert_non_null(strstr(tr_template_get_selection(t), "rule weakest"));
  tr_template_free(t);
  assert_int_equal(tr_template_resolve(c, "family=european+years=-2016", &t), TR_OK);
  assert_string_equal(tr_template_get_name(t), "family=european+years=-2016");
  assert_members(t, (const char *const[]){ "EU_A", NULL });
  tr_template_free(t);
  assert_int_equal(tr_template_resolve(c, "party=SGP+years=2003", &t), TR_OK);
  assert_members(t, (const char *const[]){ "US_A", NULL });
  tr_template_free(t);
  assert_int_equal(tr_template_resolve(c, "family=american+years=2016-+rule=strongest", &t), TR_OK);
  assert_members(t, (const char *const[]){ "US_TPP", "CP", "US_NEW", NULL });
  tr_template_free(t);
  assert_int_equal(tr_template_resolve(c, "US_NODATE", &t), TR_OK);
  assert_int_equal(tr_template_get_kind(t), TR_TEMPLATE_KIND_AGREEMENT);
  assert_string_equal(tr_template_get_selection(t), "agreement US_NODATE");
  tr_template_free(t);

  /* Malformed specifications are errors (never silently ignored); out stays NULL. */
  static const char *const invalid[] = {
    "", "years=2020-2010", "years=soon", "years=-", "years=20x0-", "years=0", "family=martian",
    "family=unknown", "rule=median+family=american", "ids=US_A+family=american", "ids=", "ids=US_A,,US_NEW",
    "foo=bar", "=x", "family=american+family=european", "name=lonely", "family=american+", "american@",
    "american@20x6", "american@0", "american@-5", "american@99999", "party=usa!",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(invalid); i++) {
    t = (tr_template *)0x1;
    int rc = tr_template_resolve(c, invalid[i], &t);
    if (rc != TR_ERR_INVALID_ARG)
      fprintf(stderr, "'%s': %d %s\n", invalid[i], rc, tr_error_message());
    assert_int_equal(rc, TR_ERR_INVALID_ARG);
    assert_null(t);
    if (*invalid[i]) /* the message names the specification */
      assert_non_null(strstr(tr_error_message(), invalid[i]));
  }
  assert_non_null(strstr((tr_template_resolve(c, "years=2020-2010", &t), tr_error_message()), "after"));
  static const char *const missing[] = { "asian@2016", "ids=US_A,NOPE", "NOPE" };
  for (size_t i = 0; i < G_N_ELEMENTS(missing); i++) {
    assert_int_equal(tr_template_resolve(c, missing[i], &t), TR_ERR_NOT_FOUND);
    assert_null(t);
  }
  assert_int_equal(tr_template_resolve(c, "party=BRA", &t), TR_ERR_EMPTY);
  assert_int_equal(tr_template_resolve(c, "american@1990", &t), TR_ERR_EMPTY);
  assert_null(t);
  assert_int_equal(tr_template_resolve(NULL, "american", &t), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_template_resolve(c, NULL, &t), TR_ERR_INVALID_ARG);
  assert_null(tr_template_get_selection(NULL));
  tr_catalog_free(c);
}

/* An agreement with one provision in @c carrying @exc and (unless breadth is 0) a scope. */
static tr_agreement *scoped(const char *id, tr_category c, tr_strength s, unsigned int exc, tr_scope_breadth breadth,
                            tr_scope_form form, const char *incorporates, int self_judging, const char *chapter) {
  tr_agreement *a = NULL;
  tr_provision *p = NULL;
  assert_int_equal(tr_agreement_new(id, id, &a), TR_OK);
  assert_int_equal(tr_provision_new(c, s, &p), TR_OK);
  if (exc)
    assert_int_equal(tr_provision_set_exceptions(p, exc), TR_OK);
  if (breadth) {
    tr_exception_scope *x = NULL;
    assert_int_equal(tr_exception_scope_new(breadth, form, &x), TR_OK);
    if (incorporates)
      assert_int_equal(tr_exception_scope_add_incorporates(x, incorporates), TR_OK);
    assert_int_equal(tr_exception_scope_set_self_judging(x, self_judging), TR_OK);
    if (chapter)
      assert_int_equal(tr_exception_scope_add_chapter(x, chapter), TR_OK);
    assert_int_equal(tr_provision_set_exception_scope(p, x), TR_OK);
  }
  assert_int_equal(tr_agreement_add_provision(a, p), TR_OK);
  return a;
}

/* "different carve-outs" says how they differ: breadth, form, incorporation,
 * self-judging, chapters, or that a scope is not recorded. */
static void test_carveout_scope(void **state) {
  (void)state;
  const tr_category PRIV = TR_CATEGORY_PRIVACY_DATA_PROTECTION_CARVEOUT, AV = TR_CATEGORY_AUDIOVISUAL_CULTURAL_EXCEPTION;
  tr_catalog *c = empty_catalog();
  /* American style: privacy through incorporated GATS XIV; broadcasting excluded from one article. */
  add(c, scoped("US", PRIV, TR_STRENGTH_HARD, TR_EXCEPTION_PRIVACY, TR_SCOPE_GENERAL, TR_SCOPE_INCORPORATED,
                "GATS XIV", 0, "electronic_commerce"));
  /* European style: a stand-alone, self-judging privacy safeguard over services. */
  add(c, scoped("EU", PRIV, TR_STRENGTH_HARD, TR_EXCEPTION_PRIVACY, TR_SCOPE_MEASURE, TR_SCOPE_STANDALONE, NULL, 1,
                "services"));
  add(c, scoped("EU2", PRIV, TR_STRENGTH_HARD, TR_EXCEPTION_PRIVACY, TR_SCOPE_MEASURE, TR_SCOPE_STANDALONE, NULL, 1,
                "services"));
  add(c, scoped("NOSCOPE", PRIV, TR_STRENGTH_HARD, TR_EXCEPTION_PRIVACY, 0, 0, NULL, 0, NULL));
  add(c, scoped("US_AV", AV, TR_STRENGTH_HARD, TR_EXCEPTION_BROADCASTING, TR_SCOPE_SECTOR, TR_SCOPE_STANDALONE, NULL, 0,
                "electronic_commerce"));
  add(c, scoped("EU_AV", AV, TR_STRENGTH_HARD, TR_EXCEPTION_AUDIOVISUAL, TR_SCOPE_SECTOR, TR_SCOPE_STANDALONE, NULL, 0,
                "services"));
  add(c, scoped("WEAK", PRIV, TR_STRENGTH_NONE, 0, 0, 0, NULL, 0, NULL));
  tr_template *us = NULL, *eu = NULL, *eu2 = NULL, *none = NULL, *usav = NULL, *euav = NULL, *weak = NULL;
  assert_int_equal(tr_template_resolve(c, "US", &us), TR_OK);
  assert_int_equal(tr_template_resolve(c, "EU", &eu), TR_OK);
  assert_int_equal(tr_template_resolve(c, "EU2", &eu2), TR_OK);
  assert_int_equal(tr_template_resolve(c, "NOSCOPE", &none), TR_OK);
  assert_int_equal(tr_template_resolve(c, "US_AV", &usav), TR_OK);
  assert_int_equal(tr_template_resolve(c, "EU_AV", &euav), TR_OK);
  assert_int_equal(tr_template_resolve(c, "WEAK", &weak), TR_OK);

  char *d = NULL;
  assert_int_equal(tr_template_describe_scope(us, PRIV, &d), TR_OK);
  assert_string_equal(d, "general, incorporated (GATS XIV), not self-judging; chapters: electronic_commerce");
  tr_free(d);
  assert_int_equal(tr_template_describe_scope(none, PRIV, &d), TR_OK);
  assert_string_equal(d, "");
  tr_free(d);
  assert_int_equal(tr_template_describe_scope(us, 0, &d), TR_ERR_INVALID_ARG);

  /* Same strength, same exception flag: the relation is `same`, the scope still differs. */
  tr_comparison *cmp = NULL;
  assert_int_equal(tr_comparison_new(us, eu, &cmp), TR_OK);
  assert_int_equal(tr_comparison_get_relation(cmp, PRIV), TR_RELATION_SAME);
  assert_int_equal(tr_comparison_carveout_aspects(cmp, PRIV), TR_CARVEOUT_BREADTH | TR_CARVEOUT_FORM |
                   TR_CARVEOUT_INCORPORATES | TR_CARVEOUT_SELF_JUDGING | TR_CARVEOUT_CHAPTERS);
  assert_int_equal(tr_comparison_describe_carveouts(cmp, PRIV, &d), TR_OK);
  assert_string_equal(d, "breadth, form, incorporates, self_judging, chapters differ; "
                         "US: general, incorporated (GATS XIV), not self-judging; chapters: electronic_commerce; "
                         "EU: measure, standalone, self-judging; chapters: services");
  tr_free(d);
  assert_int_equal(tr_comparison_carveout_aspects(cmp, TR_CATEGORY_SOURCE_CODE), 0); /* neither holds one */
  assert_int_equal(tr_comparison_carveout_aspects(cmp, 0), 0);
  tr_comparison_free(cmp);
  /* Identical scopes: nothing differs, nothing described. */
  assert_int_equal(tr_comparison_new(eu, eu2, &cmp), TR_OK);
  assert_int_equal(tr_comparison_carveout_aspects(cmp, PRIV), 0);
  assert_int_equal(tr_comparison_describe_carveouts(cmp, PRIV, &d), TR_OK);
  assert_string_equal(d, "");
  tr_free(d);
  tr_comparison_free(cmp);
  /* A side without a recorded scope: unknown, never read as "the same". */
  assert_int_equal(tr_comparison_new(us, none, &cmp), TR_OK);
  assert_int_equal(tr_comparison_carveout_aspects(cmp, PRIV), TR_CARVEOUT_SCOPE_UNKNOWN);
  assert_int_equal(tr_comparison_describe_carveouts(cmp, PRIV, &d), TR_OK);
  assert_non_null(strstr(d, "NOSCOPE: scope not recorded"));
  tr_free(d);
  tr_comparison_free(cmp);
  /* No provision on one side: no carve-out to compare. */
  assert_int_equal(tr_comparison_new(us, weak, &cmp), TR_OK);
  assert_int_equal(tr_comparison_carveout_aspects(cmp, PRIV), 0);
  tr_comparison_free(cmp);
  /* Audiovisual: both sector-wide, but different exceptions and chapters. */
  assert_int_equal(tr_comparison_new(usav, euav, &cmp), TR_OK);
  assert_int_equal(tr_comparison_get_relation(cmp, AV), TR_RELATION_DIFFERENT_CARVEOUTS);
  assert_int_equal(tr_comparison_carveout_aspects(cmp, AV), TR_CARVEOUT_EXCEPTIONS | TR_CARVEOUT_CHAPTERS);
  assert_int_equal(tr_comparison_describe_carveouts(cmp, AV, &d), TR_OK);
  assert_string_equal(d, "exceptions, chapters differ; US_AV: [broadcasting] sector, standalone, not self-judging; "
                         "chapters: electronic_commerce; EU_AV: [audiovisual] sector, standalone, not self-judging; "
                         "chapters: services");
  tr_free(d);
  tr_comparison_free(cmp);

  /* Common ground: the union over the parties holding a provision. */
  const tr_template *three[] = { eu, eu2, us };
  tr_common_ground *cg = NULL;
  assert_int_equal(tr_common_ground_new(three, 3, &cg), TR_OK);
  assert_int_equal(tr_common_ground_carveouts_differ(cg, PRIV), 0); /* same flags */
  assert_int_equal(tr_common_ground_carveout_aspects(cg, PRIV), TR_CARVEOUT_BREADTH | TR_CARVEOUT_FORM |
                   TR_CARVEOUT_INCORPORATES | TR_CARVEOUT_SELF_JUDGING | TR_CARVEOUT_CHAPTERS);
  assert_int_equal(tr_common_ground_describe_carveouts(cg, PRIV, &d), TR_OK);
  assert_non_null(strstr(d, "EU2: measure, standalone, self-judging"));
  tr_free(d);
  assert_int_equal(tr_common_ground_describe_carveouts(cg, 99, &d), TR_ERR_INVALID_ARG);
  tr_common_ground_free(cg);

  /* A template of two members with different scopes: the union, and how many record one. */
  tr_template *mix = NULL;
  assert_int_equal(tr_template_resolve(c, "ids=US,EU,NOSCOPE", &mix), TR_OK);
  assert_int_equal(tr_template_describe_scope(mix, PRIV, &d), TR_OK);
  assert_string_equal(d, "measure/general, standalone/incorporated (GATS XIV), self-judging for some members; "
                         "chapters: electronic_commerce, services [scope recorded for 2 of 3 supporting members]");
  tr_free(d);
  tr_template_free(mix);

  assert_string_equal(tr_carveout_aspect_id(TR_CARVEOUT_SELF_JUDGING), "self_judging");
  assert_null(tr_carveout_aspect_id(TR_CARVEOUT_FORM | TR_CARVEOUT_BREADTH));
  assert_null(tr_carveout_aspect_id((tr_carveout_aspect)0));
  tr_template_free(us);
  tr_template_free(eu);
  tr_template_free(eu2);
  tr_template_free(none);
  tr_template_free(usav);
  tr_template_free(euav);
  tr_template_free(weak);
  tr_catalog_free(c);
}

/* The comparison keeps its templates alive. */
static void test_comparison_owns_templates(void **state) {
  (void)state;
  tr_catalog *c = family_catalog();
  tr_template *a = NULL, *b = NULL;
  assert_int_equal(tr_template_resolve(c, "US1", &a), TR_OK);
  assert_int_equal(tr_template_resolve(c, "EU2", &b), TR_OK);
  tr_comparison *cmp = NULL;
  assert_int_equal(tr_comparison_new(a, b, &cmp), TR_OK);
  tr_template_free(a);
  tr_template_free(b);
  tr_catalog_free(c);
  assert_string_equal(tr_template_get_name(tr_comparison_get_first(cmp)), "US1");
  assert_int_equal(tr_comparison_get_relation(cmp, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS), TR_RELATION_SAME);
  assert_int_equal(tr_comparison_get_relation(cmp, TR_CATEGORY_DATA_LOCALISATION), TR_RELATION_SECOND_UNKNOWN);
  tr_comparison_free(cmp);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_relations),
    cmocka_unit_test(test_relation_ids),
    cmocka_unit_test(test_nothing_comparable),
    cmocka_unit_test(test_template_rules),
    cmocka_unit_test(test_template_errors_and_filters),
    cmocka_unit_test(test_builtin_views),
    cmocka_unit_test(test_template_grammar),
    cmocka_unit_test(test_carveout_scope),
    cmocka_unit_test(test_comparison_owns_templates),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
