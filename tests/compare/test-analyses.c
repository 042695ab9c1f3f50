/* Tests for the distance matrix, classification, barrier coverage, barrier
 * profiles, common ground and timelines, on small catalogs built here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "helpers.h"

/* ---- matrix --------------------------------------------------------------- */

/* A pseudo-random catalog (fixed seed), with exceptions and unknowns. */
static tr_catalog *random_catalog(size_t n, guint32 seed) {
  tr_catalog *c = empty_catalog();
  GRand *r = g_rand_new_with_seed(seed);
  static const unsigned int excs[] = { 0, 0, 0, TR_EXCEPTION_LPPO, TR_EXCEPTION_PRIVACY,
                                       TR_EXCEPTION_LPPO | TR_EXCEPTION_PRIVACY, TR_EXCEPTION_AUDIOVISUAL };
  for (size_t i = 0; i < n; i++) {
    char id[32];
    g_snprintf(id, sizeof id, "R%zu", i);
    tr_agreement *a = NULL;
    assert_int_equal(tr_agreement_new(id, id, &a), TR_OK);
    for (int cat = 1; cat <= tr_category_count(); cat++) {
      int pick = g_rand_int_range(r, 0, 7); /* 0: not coded, 1: unknown, 2..5: none..hard, 6: suspended hard */
      if (pick == 0)
        continue;
      tr_strength s = pick == 1 ? TR_STRENGTH_UNKNOWN : pick == 6 ? TR_STRENGTH_HARD : (tr_strength)(pick - 1);
      tr_provision *p = NULL;
      assert_int_equal(tr_provision_new((tr_category)cat, s, &p), TR_OK);
      if (pick == 6)
        tr_provision_set_flags(p, TR_PROVISION_SUSPENDED);
      tr_provision_set_exceptions(p, excs[g_rand_int_range(r, 0, G_N_ELEMENTS(excs))]);
      assert_int_equal(tr_agreement_add_provision(a, p), TR_OK);
    }
    add(c, a);
  }
  g_rand_free(r);
  return c;
}

/* The fast matrix equals the per-pair public comparison on every pair
 * (300 agreements: enough for the threaded path). */
static void test_matrix_matches_pairwise(void **state) {
  (void)state;
  const size_t n = 300;
  tr_catalog *c = random_catalog(n, 42);
  tr_matrix *m = NULL;
  assert_int_equal(tr_matrix_new(c, NULL, 2, &m), TR_OK);
  assert_int_equal(tr_matrix_size(m), n);
  tr_template **t = g_new(tr_template *, n);
  for (size_t i = 0; i < n; i++)
    assert_int_equal(tr_template_new_from_agreement(tr_catalog_agreement_at(c, i), &t[i]), TR_OK);
  size_t checked = 0, carve = 0;
  for (size_t i = 0; i < n; i++) {
    assert_string_equal(tr_matrix_id_at(m, i), tr_agreement_get_id(tr_catalog_agreement_at(c, i)));
    for (size_t j = i; j < n; j += 1 + (i % 3)) {
      tr_comparison *cmp = NULL;
      assert_int_equal(tr_comparison_new(t[i], t[j], &cmp), TR_OK);
      double want = tr_comparison_distance(cmp), got = tr_matrix_distance(m, i, j);
      assert_int_equal(tr_matrix_comparable(m, i, j), tr_comparison_comparable_count(cmp));
      if (isnan(want))
        assert_true(isnan(got));
      else
        assert_double_equal(got, want, 1e-12);
      assert_double_equal(tr_matrix_distance(m, j, i), got, 0); /* symmetric */
      carve += tr_comparison_relation_count(cmp, TR_RELATION_DIFFERENT_CARVEOUTS) > 0;
      tr_comparison_free(cmp);
      checked++;
    }
  }
  assert_true(checked > 10000);
  assert_true(carve > 0); /* the carve-out term was exercised */
  assert_double_equal(tr_matrix_distance(m, 5, 5), 0, 0);
  assert_true(isnan(tr_matrix_distance(m, 0, n)));
  assert_null(tr_matrix_id_at(m, n));
  for (size_t i = 0; i < n; i++)
    tr_template_free(t[i]);
  g_free(t);
  tr_matrix_free(m);
  /* Single-threaded gives the same cells. */
  tr_matrix *m1 = NULL, *m2 = NULL;
  assert_int_equal(tr_matrix_new(c, NULL, 1, &m1), TR_OK);
  assert_int_equal(tr_matrix_new(c, NULL, 0, &m2), TR_OK);
  for (size_t i = 0; i < n; i += 7)
    for (size_t j = 0; j < n; j += 5)
      assert_int_equal(tr_matrix_comparable(m1, i, j), tr_matrix_comparable(m2, i, j));
  tr_matrix_free(m1);
  tr_matrix_free(m2);
  tr_catalog_free(c);
}

static void test_matrix_errors(void **state) {
  (void)state;
  tr_catalog *c = empty_catalog();
  tr_matrix *m = NULL;
  assert_int_equal(tr_matrix_new(c, NULL, 0, &m), TR_ERR_EMPTY);
  assert_null(m);
  assert_int_equal(tr_matrix_new(NULL, NULL, 0, &m), TR_ERR_INVALID_ARG);
  const prov_spec p[] = { P(SOURCE_CODE, HARD), END };
  add(c, mk("ONE", TR_FAMILY_AMERICAN, "2016", "USA", p));
  tr_filter *f = NULL;
  assert_int_equal(tr_filter_new(&f), TR_OK);
  assert_int_equal(tr_filter_set_party(f, "FRA"), TR_OK);
  assert_int_equal(tr_matrix_new(c, f, 0, &m), TR_ERR_EMPTY);
  tr_filter_free(f);
  /* A single agreement: a 1x1 matrix. */
  assert_int_equal(tr_matrix_new(c, NULL, 0, &m), TR_OK);
  assert_int_equal(tr_matrix_size(m), 1);
  assert_int_equal(tr_matrix_comparable(m, 0, 0), 1);
  assert_double_equal(tr_matrix_distance(m, 0, 0), 0, 0);
  tr_matrix_free(m);
  tr_catalog_free(c);
}

/* ---- classification ------------------------------------------------------ */

static void test_classification(void **state) {
  (void)state;
  tr_catalog *c = empty_catalog();
  /* Template poles: A (all hard) and B (all none) on four categories. */
  const prov_spec ah[] = { P(CROSS_BORDER_DATA_FLOWS, HARD), P(DATA_LOCALISATION, HARD), P(SOURCE_CODE, HARD),
                           P(ECOM_COOPERATION, HARD), END };
  const prov_spec bn[] = { P(CROSS_BORDER_DATA_FLOWS, NONE), P(DATA_LOCALISATION, NONE), P(SOURCE_CODE, NONE),
                           P(ECOM_COOPERATION, NONE), END };
  /* X: 3 hard, 1 none -> d(A) = 1/4, d(B) = 3/4, margin 1/2. */
  const prov_spec x[] = { P(CROSS_BORDER_DATA_FLOWS, HARD), P(DATA_LOCALISATION, HARD), P(SOURCE_CODE, HARD),
                          P(ECOM_COOPERATION, NONE), END };
  /* Y: all mixed/soft mid -> d(A) = (1+1+2+2)/12 = 1/2, d(B) = (2+2+1+1)/12 = 1/2: in between. */
  const prov_spec y[] = { P(CROSS_BORDER_DATA_FLOWS, MIXED), P(DATA_LOCALISATION, MIXED), P(SOURCE_CODE, SOFT),
                          P(ECOM_COOPERATION, SOFT), END };
  /* Z: codes nothing the templates know -> unclassified. */
  const prov_spec z[] = { P(TELECOM_SERVICES, HARD), END };
  /* W: d(A) = 1/3 (one of 4 at two levels: 2/12*... ) computed below. */
  const prov_spec w[] = { P(CROSS_BORDER_DATA_FLOWS, HARD), P(DATA_LOCALISATION, SOFT), P(SOURCE_CODE, MIXED),
                          P(ECOM_COOPERATION, MIXED), END };
  add(c, mk("A", TR_FAMILY_AMERICAN, "2016", NULL, ah));
  add(c, mk("B", TR_FAMILY_EUROPEAN, "2010", NULL, bn));
  add(c, mk("X", TR_FAMILY_OTHER, "2020", NULL, x));
  add(c, mk("Y", TR_FAMILY_OTHER, "2021", NULL, y));
  add(c, mk("Z", TR_FAMILY_OTHER, "2022", NULL, z));
  add(c, mk("W", TR_FAMILY_OTHER, "2023", NULL, w));
  tr_template *ta = NULL, *tb = NULL;
  const char *ida[] = { "A" }, *idb[] = { "B" };
  assert_int_equal(tr_template_new_from_ids(c, "pole-a", ida, 1, TR_TEMPLATE_RULE_MAJORITY, &ta), TR_OK);
  assert_int_equal(tr_template_new_from_ids(c, "pole-b", idb, 1, TR_TEMPLATE_RULE_MAJORITY, &tb), TR_OK);
  const tr_template *ts[] = { ta, tb };
  tr_classification *cls = NULL;
  assert_int_equal(tr_classification_new(c, NULL, ts, 2, 0.2, &cls), TR_OK);
  tr_template_free(ta);
  tr_template_free(tb);
  assert_int_equal(tr_classification_count(cls), 6);
  assert_int_equal(tr_classification_template_count(cls), 2);
  assert_string_equal(tr_template_get_name(tr_classification_template_at(cls, 1)), "pole-b");
  /* A: member of pole-a, distance 0, margin 1. */
  assert_string_equal(tr_classification_agreement_at(cls, 0), "A");
  assert_int_equal(tr_classification_nearest_at(cls, 0), 0);
  assert_true(tr_classification_is_member_at(cls, 0, 0));
  assert_false(tr_classification_is_member_at(cls, 0, 1));
  assert_double_equal(tr_classification_margin_at(cls, 0), 1.0, 1e-12);
  /* X. */
  assert_int_equal(tr_classification_nearest_at(cls, 2), 0);
  assert_double_equal(tr_classification_distance_at(cls, 2, 0), 0.25, 1e-12);
  assert_double_equal(tr_classification_distance_at(cls, 2, 1), 0.75, 1e-12);
  assert_double_equal(tr_classification_margin_at(cls, 2), 0.5, 1e-12);
  assert_int_equal(tr_classification_comparable_at(cls, 2, 0), 4);
  assert_int_equal(tr_classification_comparable_at(cls, 4, 1), 0);
  assert_int_equal(tr_classification_comparable_at(cls, 99, 0), 0);
  assert_false(tr_classification_in_between_at(cls, 2));
  /* Y: equidistant -> in between, margin 0. */
  assert_double_equal(tr_classification_distance_at(cls, 3, 0), 0.5, 1e-12);
  assert_double_equal(tr_classification_margin_at(cls, 3), 0.0, 1e-12);
  assert_true(tr_classification_in_between_at(cls, 3));
  /* Z: unclassified. */
  assert_int_equal(tr_classification_nearest_at(cls, 4), -1);
  assert_true(isnan(tr_classification_margin_at(cls, 4)));
  assert_true(isnan(tr_classification_distance_at(cls, 4, 0)));
  assert_false(tr_classification_in_between_at(cls, 4));
  /* W: d(A) = (0+2+1+1)/12 = 1/3, d(B) = (3+1+2+2)/12 = 2/3, margin 1/3: classified at 0.2 ... */
  assert_double_equal(tr_classification_margin_at(cls, 5), 1.0 / 3.0, 1e-12);
  assert_false(tr_classification_in_between_at(cls, 5));
  /* Out of range. */
  assert_int_equal(tr_classification_nearest_at(cls, 99), -1);
  assert_null(tr_classification_agreement_at(cls, 99));
  assert_true(isnan(tr_classification_distance_at(cls, 0, 5)));
  /* ... and in between with a threshold of 0.4. */
  tr_classification *cls2 = NULL;
  assert_int_equal(tr_classification_new(c, NULL, ts, 2, 0.4, &cls2), TR_OK);
  assert_true(tr_classification_in_between_at(cls2, 5));
  assert_false(tr_classification_in_between_at(cls2, 2));
  tr_classification_free(cls2);
  /* Errors. */
  assert_int_equal(tr_classification_new(c, NULL, ts, 1, 0.1, &cls2), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_classification_new(c, NULL, ts, 2, -1, &cls2), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_classification_new(c, NULL, ts, 2, NAN, &cls2), TR_ERR_INVALID_ARG);
  tr_filter *f = NULL;
  assert_int_equal(tr_filter_new(&f), TR_OK);
  assert_int_equal(tr_filter_set_years(f, 1900, 1950), TR_OK);
  assert_int_equal(tr_classification_new(c, f, ts, 2, 0.1, &cls2), TR_ERR_EMPTY);
  tr_filter_free(f);
  /* The class of each row (the 'class' column of 'traderules classify'): every row rests on
   * 4 categories of its nearest template, or has none. */
  assert_int_equal(tr_classification_class_at(cls, 0, 0), TR_CLASS_CLASSIFIED);
  assert_int_equal(tr_classification_class_at(cls, 0, 4), TR_CLASS_CLASSIFIED);
  assert_int_equal(tr_classification_class_at(cls, 0, 5), TR_CLASS_TOO_FEW_CATEGORIES);
  assert_int_equal(tr_classification_class_at(cls, 2, 4), TR_CLASS_CLASSIFIED);
  assert_int_equal(tr_classification_class_at(cls, 3, 0), TR_CLASS_IN_BETWEEN);
  assert_int_equal(tr_classification_class_at(cls, 3, 4), TR_CLASS_IN_BETWEEN);
  /* too few categories comes before in between; unclassified before both */
  assert_int_equal(tr_classification_class_at(cls, 3, 5), TR_CLASS_TOO_FEW_CATEGORIES);
  assert_int_equal(tr_classification_class_at(cls, 4, 0), TR_CLASS_UNCLASSIFIED);
  assert_int_equal(tr_classification_class_at(cls, 4, 10), TR_CLASS_UNCLASSIFIED);
  assert_int_equal(tr_classification_class_at(cls, 5, TR_CLASSIFY_DEFAULT_MIN_CATEGORIES), TR_CLASS_TOO_FEW_CATEGORIES);
  assert_int_equal(tr_classification_class_at(cls, 99, 0), TR_CLASS_UNCLASSIFIED);
  assert_int_equal(tr_classification_class_at(NULL, 0, 0), TR_CLASS_UNCLASSIFIED);
  /* the command's default threshold is the chart's minimum overlap */
  assert_int_equal(TR_CLASSIFY_DEFAULT_MIN_CATEGORIES, TR_PLOT_MIN_OVERLAP);
  /* ids, titles (the command's labels) and parsing */
  static const char *const titles[] = { "unclassified", "classified", "in between", "too few categories" };
  static const char *const ids[] = { "unclassified", "classified", "in_between", "too_few_categories" };
  for (int k = TR_CLASS_UNCLASSIFIED; k <= TR_CLASS_TOO_FEW_CATEGORIES; k++) {
    tr_class back = TR_CLASS_UNCLASSIFIED;
    assert_string_equal(tr_class_title((tr_class)k), titles[k]);
    assert_string_equal(tr_class_id((tr_class)k), ids[k]);
    assert_int_equal(tr_class_from_id(ids[k], &back), TR_OK);
    assert_int_equal(back, k);
  }
  tr_class back;
  assert_null(tr_class_id((tr_class)4));
  assert_null(tr_class_title((tr_class)-1));
  assert_int_equal(tr_class_from_id("in between", &back), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_class_from_id(NULL, &back), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_class_from_id("classified", NULL), TR_ERR_INVALID_ARG);
  tr_classification_free(cls);
  tr_catalog_free(c);
}

/* ---- coverage and barrier profiles ---------------------------------------- */

static tr_barrier *barrier(const char *id, tr_barrier_type type, const tr_category *cats, size_t n) {
  tr_barrier *b = NULL;
  assert_int_equal(tr_barrier_new(id, type, id, &b), TR_OK);
  for (size_t i = 0; i < n; i++)
    assert_int_equal(tr_barrier_add_category(b, cats[i]), TR_OK);
  return b;
}

static tr_catalog *coverage_catalog(void) {
  tr_catalog *c = empty_catalog();
  const prov_spec a[] = {
    PC(DATA_LOCALISATION, HARD, "Art. 14.13.2"),
    PC(ECOM_COOPERATION, SOFT, "Art. 14.15"),
    P(SOURCE_CODE, MIXED),
    P(IP_COPYRIGHT_DIGITAL, NONE),
    P(INTERACTIVE_COMPUTER_SERVICES, UNKNOWN),
    END
  };
  add(c, mk("AG", TR_FAMILY_AMERICAN, "2016", NULL, a));
  const tr_category b1[] = { TR_CATEGORY_DATA_LOCALISATION, TR_CATEGORY_ECOM_COOPERATION };
  const tr_category b2[] = { TR_CATEGORY_SOURCE_CODE };
  const tr_category b3[] = { TR_CATEGORY_ECOM_COOPERATION, TR_CATEGORY_IP_COPYRIGHT_DIGITAL };
  const tr_category b4[] = { TR_CATEGORY_IP_COPYRIGHT_DIGITAL };
  const tr_category b5[] = { TR_CATEGORY_IP_COPYRIGHT_DIGITAL, TR_CATEGORY_INTERACTIVE_COMPUTER_SERVICES };
  assert_int_equal(tr_catalog_add_barrier(c, barrier("B1a", TR_BARRIER_DATA_LOCALISATION, b1, 2)), TR_OK);
  assert_int_equal(tr_catalog_add_barrier(c, barrier("B2b", TR_BARRIER_NETWORK_SECURITY_PRIVACY, b2, 1)), TR_OK);
  assert_int_equal(tr_catalog_add_barrier(c, barrier("B3a", TR_BARRIER_IP_WEAKNESS, b3, 2)), TR_OK);
  assert_int_equal(tr_catalog_add_barrier(c, barrier("B3b", TR_BARRIER_IP_WEAKNESS, b4, 1)), TR_OK);
  assert_int_equal(tr_catalog_add_barrier(c, barrier("B4c", TR_BARRIER_CONTENT_CENSORSHIP, b5, 2)), TR_OK);
  assert_int_equal(tr_catalog_add_barrier(c, barrier("B6c", TR_BARRIER_INVESTMENT, NULL, 0)), TR_OK);
  return c;
}

static void test_coverage(void **state) {
  (void)state;
  tr_catalog *c = coverage_catalog();
  tr_template *t = NULL;
  tr_barrier_set *set = NULL;
  tr_coverage *cov = NULL;
  assert_int_equal(tr_template_resolve(c, "AG", &t), TR_OK);
  assert_int_equal(tr_barrier_set_new_from_catalog(c, &set), TR_OK);
  assert_int_equal(tr_barrier_set_count(set), 6);
  assert_int_equal(tr_coverage_new(t, set, &cov), TR_OK);
  tr_barrier_set_free(set);
  tr_template_free(t);
  struct { const char *id; tr_coverage_level lv; size_t nprov; tr_category first; } want[] = {
    { "B1a", TR_COVERAGE_HARD, 2, TR_CATEGORY_DATA_LOCALISATION },   /* hard first, then the soft one */
    { "B2b", TR_COVERAGE_HARD, 1, TR_CATEGORY_SOURCE_CODE },         /* mixed counts as hard */
    { "B3a", TR_COVERAGE_SOFT, 1, TR_CATEGORY_ECOM_COOPERATION },
    { "B3b", TR_COVERAGE_NONE, 0, TR_CATEGORY_UNKNOWN },             /* known none */
    { "B4c", TR_COVERAGE_UNKNOWN, 0, TR_CATEGORY_UNKNOWN },          /* none + unknown: not "none" */
    { "B6c", TR_COVERAGE_NONE, 0, TR_CATEGORY_UNKNOWN },             /* nothing disciplines it */
  };
  assert_int_equal(tr_coverage_count(cov), G_N_ELEMENTS(want));
  for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
    assert_string_equal(tr_barrier_get_id(tr_coverage_barrier_at(cov, i)), want[i].id);
    assert_int_equal(tr_coverage_level_at(cov, i), want[i].lv);
    assert_int_equal(tr_coverage_provision_count(cov, i), want[i].nprov);
    assert_int_equal(tr_coverage_provision_at(cov, i, 0), want[i].first);
  }
  assert_int_equal(tr_coverage_provision_at(cov, 0, 1), TR_CATEGORY_ECOM_COOPERATION);
  assert_int_equal(tr_coverage_level_count(cov, TR_COVERAGE_HARD), 2);
  assert_int_equal(tr_coverage_level_count(cov, TR_COVERAGE_NONE), 2);
  assert_string_equal(tr_template_get_name(tr_coverage_get_subject(cov)), "AG");
  assert_string_equal(tr_coverage_level_id(TR_COVERAGE_SOFT), "soft");
  assert_null(tr_coverage_level_id((tr_coverage_level)9));
  assert_null(tr_coverage_barrier_at(cov, 6));
  /* what the command shows: the provisions that make the level ("disciplined by") and
   * how many listed categories bind ("binding", K of N) */
  assert_true(tr_coverage_provision_decides(cov, 0, 0));   /* B1a: data localisation, hard */
  assert_false(tr_coverage_provision_decides(cov, 0, 1));  /* B1a: cooperation, soft under a hard row */
  assert_true(tr_coverage_provision_decides(cov, 1, 0));   /* B2b: source code, mixed makes hard */
  assert_true(tr_coverage_provision_decides(cov, 2, 0));   /* B3a: a soft row shows its soft provision */
  assert_false(tr_coverage_provision_decides(cov, 3, 0));  /* B3b: no provision */
  assert_false(tr_coverage_provision_decides(cov, 0, 2));
  assert_false(tr_coverage_provision_decides(cov, 6, 0));
  assert_false(tr_coverage_provision_decides(NULL, 0, 0));
  static const size_t binding[] = { 1, 1, 0, 0, 0, 0 }; /* hard or mixed among the listed categories */
  for (size_t i = 0; i < G_N_ELEMENTS(binding); i++)
    assert_int_equal(tr_coverage_binding_count(cov, i), binding[i]);
  assert_int_equal(tr_coverage_binding_count(cov, 6), 0);
  assert_int_equal(tr_coverage_binding_count(NULL, 0), 0);
  tr_coverage_free(cov);

  /* Errors: empty set, NULLs, duplicates. */
  assert_int_equal(tr_barrier_set_new(&set), TR_OK);
  assert_int_equal(tr_template_resolve(c, "AG", &t), TR_OK);
  assert_int_equal(tr_coverage_new(t, set, &cov), TR_ERR_EMPTY);
  assert_int_equal(tr_barrier_set_add(set, tr_catalog_find_barrier(c, "B1a"), "why"), TR_OK);
  assert_int_equal(tr_barrier_set_add(set, tr_catalog_find_barrier(c, "B1a"), NULL), TR_ERR_DUPLICATE);
  assert_string_equal(tr_barrier_set_note_at(set, 0), "why");
  assert_int_equal(tr_barrier_set_add(set, NULL, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_coverage_new(t, NULL, &cov), TR_ERR_INVALID_ARG);
  tr_template_free(t);
  tr_barrier_set_free(set);
  tr_catalog *e = empty_catalog();
  assert_int_equal(tr_barrier_set_new_from_catalog(e, &set), TR_ERR_EMPTY);
  tr_catalog_free(e);
  tr_catalog_free(c);
}

static void test_barrier_profile_file(void **state) {
  (void)state;
  tr_catalog *c = coverage_catalog();
  tr_barrier_set *set = NULL;
  assert_int_equal(tr_barrier_set_new(&set), TR_OK);
  assert_int_equal(tr_barrier_set_load_file(set, c, TR_FIXTURES_DIR "/compare/profile-example.json"), TR_OK);
  assert_string_equal(tr_barrier_set_get_name(set), "Example economy");
  assert_int_equal(tr_barrier_set_count(set), 3);
  assert_string_equal(tr_barrier_get_id(tr_barrier_set_at(set, 0)), "B1a");
  assert_non_null(tr_barrier_set_note_at(set, 0));
  const tr_barrier *vpn = tr_barrier_set_at(set, 2);
  assert_string_equal(tr_barrier_get_id(vpn), "X-VPN");
  assert_int_equal(tr_barrier_get_type(vpn), TR_BARRIER_NETWORK_SECURITY_PRIVACY);
  assert_int_equal(tr_barrier_category_count(vpn), 2);
  assert_int_equal(tr_barrier_category_at(vpn, 1), TR_CATEGORY_ICT_CRYPTOGRAPHY);
  /* Loading it again: duplicates, all or nothing. */
  assert_int_equal(tr_barrier_set_load_file(set, c, TR_FIXTURES_DIR "/compare/profile-example.json"),
                   TR_ERR_DUPLICATE);
  assert_int_equal(tr_barrier_set_count(set), 3);
  assert_int_equal(tr_barrier_set_load_file(set, c, TR_FIXTURES_DIR "/compare/no-such-file.json"), TR_ERR_IO);
  assert_non_null(strstr(tr_error_message(), "no-such-file.json"));
  tr_barrier_set_free(set);
  tr_catalog_free(c);
}

/* Each bad profile: the code, and the line and field the message must name. */
static void test_barrier_profile_errors(void **state) {
  (void)state;
  tr_catalog *c = coverage_catalog();
  struct {
    const char *json;
    int code;
    long line;
    const char *field;
  } cases[] = {
    { "{\"format\": \"traderules-barrier-profile\", \"version\": 1,\n \"barriers\": [\n  {\"id\": \"B1a\"},\n  {\"id\": \"B9z\"}\n]}",
      TR_ERR_REFERENCE, 4, "barriers[1].id" },
    { "{\"format\": \"traderules-barrier-profile\", \"version\": 1,\n \"barriers\": [\n  {\"id\": \"X\", \"type\": \"piracy\", \"name\": \"x\"}\n]}",
      TR_ERR_SCHEMA, 3, "barriers[0].type" },
    { "{\"format\": \"traderules-barrier-profile\", \"version\": 1,\n \"barriers\": [\n  {\"id\": \"X\", \"type\": \"investment\",\n   \"name\": \"x\", \"disciplined_by\": [\"source_code\",\n \"telepathy\"]}\n]}",
      TR_ERR_SCHEMA, 5, "barriers[0].disciplined_by[1]" },
    { "{\"format\": \"traderules-barrier-profile\", \"version\": 1,\n \"barriers\": [\n  {\"id\": \"B1a\",\n   \"severity\": \"high\"}\n]}",
      TR_ERR_SCHEMA, 4, "barriers[0].severity" },
    { "{\"format\": \"traderules-barrier-profile\", \"version\": 1,\n \"barriers\": [\n  {\"id\": \"B1a\"},\n  {\"id\": \"B1a\"}\n]}",
      TR_ERR_DUPLICATE, 4, "barriers[1].id" },
    { "{\"format\": \"traderules-barrier-profile\", \"version\": 1,\n \"barriers\": []}", TR_ERR_EMPTY, 2, "barriers" },
    { "{\"format\": \"traderules-catalog\", \"version\": 1, \"barriers\": []}", TR_ERR_SCHEMA, 1, "format" },
    { "{\"format\": \"traderules-barrier-profile\",\n \"version\": 2, \"barriers\": []}", TR_ERR_SCHEMA, 2, "version" },
    { "{\"format\": \"traderules-barrier-profile\", \"version\": 1,\n \"barriers\": [\n  {\"id\": 7}\n]}",
      TR_ERR_SCHEMA, 3, "barriers[0].id" },
    { "{\"format\": \"traderules-barrier-profile\", \"version\": 1,\n \"barriers\": [\n  {\"id\": \"B1a\",}\n]}",
      TR_ERR_PARSE, 3, NULL },
    { "[1, 2]", TR_ERR_SCHEMA, 1, NULL },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    tr_barrier_set *set = NULL;
    assert_int_equal(tr_barrier_set_new(&set), TR_OK);
    int rc = tr_barrier_set_load_data(set, c, cases[i].json, strlen(cases[i].json), "p.json");
    if (rc != cases[i].code || tr_error_line() != cases[i].line)
      fprintf(stderr, "case %zu: rc %d line %ld: %s\n", i, rc, tr_error_line(), tr_error_message());
    assert_int_equal(rc, cases[i].code);
    assert_string_equal(tr_error_file(), "p.json");
    assert_int_equal(tr_error_line(), cases[i].line);
    if (cases[i].field)
      assert_string_equal(tr_error_field(), cases[i].field);
    assert_true(strncmp(tr_error_message(), "p.json:", 7) == 0);
    assert_int_equal(tr_barrier_set_count(set), 0); /* nothing added */
    tr_barrier_set_free(set);
  }
  /* id-only entries need a catalog. */
  tr_barrier_set *set = NULL;
  assert_int_equal(tr_barrier_set_new(&set), TR_OK);
  const char *ok = "{\"format\": \"traderules-barrier-profile\", \"version\": 1, \"barriers\": [{\"id\": \"B1a\"}]}";
  assert_int_equal(tr_barrier_set_load_data(set, NULL, ok, strlen(ok), NULL), TR_ERR_REFERENCE);
  assert_string_equal(tr_error_file(), "<memory>");
  assert_int_equal(tr_barrier_set_load_data(set, c, ok, strlen(ok), NULL), TR_OK);
  assert_int_equal(tr_barrier_set_count(set), 1);
  assert_int_equal(tr_barrier_set_load_data(set, c, "\xff", 1, NULL), TR_ERR_ENCODING);
  tr_barrier_set_free(set);
  tr_catalog_free(c);
}

/* ---- common ground --------------------------------------------------------- */

static void test_common_ground(void **state) {
  (void)state;
  tr_catalog *c = empty_catalog();
  const prov_spec a[] = {
    P(ICT_GOODS_TARIFFS, HARD),                 /* converge (hard, mixed) */
    P(CROSS_BORDER_DATA_FLOWS, HARD),           /* diverge (hard vs none) */
    P(ECOM_COOPERATION, SOFT),                  /* partial (soft vs none) */
    P(INTERACTIVE_COMPUTER_SERVICES, NONE),     /* absent */
    P(SOURCE_CODE, HARD),                       /* unknown (hard vs unknown, no red line visible) */
    PE(AUDIOVISUAL_CULTURAL_EXCEPTION, HARD, TR_EXCEPTION_BROADCASTING), /* converge, carve-outs differ */
    P(DATA_LOCALISATION, MIXED),                /* diverge (mixed vs none) */
    END
  };
  const prov_spec b[] = {
    P(ICT_GOODS_TARIFFS, MIXED),
    P(CROSS_BORDER_DATA_FLOWS, NONE),
    P(ECOM_COOPERATION, NONE),
    P(INTERACTIVE_COMPUTER_SERVICES, NONE),
    P(SOURCE_CODE, UNKNOWN),
    PE(AUDIOVISUAL_CULTURAL_EXCEPTION, HARD, TR_EXCEPTION_AUDIOVISUAL),
    P(DATA_LOCALISATION, NONE),
    END
  };
  add(c, mk("A", TR_FAMILY_AMERICAN, "2016", NULL, a));
  add(c, mk("B", TR_FAMILY_EUROPEAN, "2010", NULL, b));
  tr_template *ta = NULL, *tb = NULL;
  assert_int_equal(tr_template_resolve(c, "A", &ta), TR_OK);
  assert_int_equal(tr_template_resolve(c, "B", &tb), TR_OK);
  const tr_template *ps[] = { ta, tb };
  tr_common_ground *cg = NULL;
  assert_int_equal(tr_common_ground_new(ps, 2, &cg), TR_OK);
  tr_template_free(ta);
  tr_template_free(tb);
  assert_int_equal(tr_common_ground_party_count(cg), 2);
  assert_string_equal(tr_template_get_name(tr_common_ground_party_at(cg, 1)), "B");
  assert_int_equal(tr_common_ground_get(cg, TR_CATEGORY_ICT_GOODS_TARIFFS), TR_GROUND_CONVERGE);
  assert_int_equal(tr_common_ground_floor(cg, TR_CATEGORY_ICT_GOODS_TARIFFS), TR_STRENGTH_MIXED);
  assert_int_equal(tr_common_ground_ceiling(cg, TR_CATEGORY_ICT_GOODS_TARIFFS), TR_STRENGTH_HARD);
  assert_int_equal(tr_common_ground_get(cg, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS), TR_GROUND_DIVERGE);
  assert_int_equal(tr_common_ground_get(cg, TR_CATEGORY_ECOM_COOPERATION), TR_GROUND_PARTIAL);
  assert_int_equal(tr_common_ground_get(cg, TR_CATEGORY_INTERACTIVE_COMPUTER_SERVICES), TR_GROUND_ABSENT);
  assert_int_equal(tr_common_ground_get(cg, TR_CATEGORY_SOURCE_CODE), TR_GROUND_UNKNOWN);
  assert_int_equal(tr_common_ground_floor(cg, TR_CATEGORY_SOURCE_CODE), TR_STRENGTH_HARD);
  assert_int_equal(tr_common_ground_get(cg, TR_CATEGORY_TELECOM_SERVICES), TR_GROUND_UNKNOWN);
  assert_int_equal(tr_common_ground_floor(cg, TR_CATEGORY_TELECOM_SERVICES), TR_STRENGTH_UNKNOWN);
  assert_int_equal(tr_common_ground_get(cg, TR_CATEGORY_AUDIOVISUAL_CULTURAL_EXCEPTION), TR_GROUND_CONVERGE);
  assert_true(tr_common_ground_carveouts_differ(cg, TR_CATEGORY_AUDIOVISUAL_CULTURAL_EXCEPTION));
  assert_false(tr_common_ground_carveouts_differ(cg, TR_CATEGORY_ICT_GOODS_TARIFFS));
  assert_int_equal(tr_common_ground_get(cg, TR_CATEGORY_DATA_LOCALISATION), TR_GROUND_DIVERGE);
  size_t total = 0;
  for (int g = TR_GROUND_UNKNOWN; g <= TR_GROUND_ABSENT; g++) {
    assert_non_null(tr_ground_id((tr_ground)g));
    total += tr_common_ground_count(cg, (tr_ground)g);
  }
  assert_int_equal(total, (size_t)tr_category_count());
  assert_int_equal(tr_common_ground_count(cg, TR_GROUND_DIVERGE), 2);
  tr_common_ground_free(cg);

  /* Avenues: the paper's four, each reachable. */
  assert_int_equal(tr_category_wto_avenue(TR_CATEGORY_ICT_GOODS_TARIFFS), TR_WTO_AVENUE_ITA_EXPANSION);
  assert_int_equal(tr_category_wto_avenue(TR_CATEGORY_IP_COPYRIGHT_DIGITAL), TR_WTO_AVENUE_TRIPS_UPGRADE);
  assert_int_equal(tr_category_wto_avenue(TR_CATEGORY_CROSS_BORDER_DATA_FLOWS), TR_WTO_AVENUE_DATA_FLOWS);
  assert_int_equal(tr_category_wto_avenue(TR_CATEGORY_COMPUTER_RELATED_SERVICES), TR_WTO_AVENUE_GATS_SCOPE);
  assert_int_equal(tr_category_wto_avenue(TR_CATEGORY_ECOM_GENERAL), TR_WTO_AVENUE_NONE);
  assert_int_equal(tr_category_wto_avenue(TR_CATEGORY_UNKNOWN), TR_WTO_AVENUE_NONE);
  for (int v = TR_WTO_AVENUE_NONE; v <= TR_WTO_AVENUE_GATS_SCOPE; v++) {
    assert_non_null(tr_wto_avenue_id((tr_wto_avenue)v));
    assert_non_null(tr_wto_avenue_title((tr_wto_avenue)v));
  }
  assert_null(tr_wto_avenue_id((tr_wto_avenue)99));

  /* Errors: fewer than two parties. */
  assert_int_equal(tr_common_ground_new(ps, 1, &cg), TR_ERR_EMPTY);
  assert_int_equal(tr_common_ground_new(NULL, 2, &cg), TR_ERR_INVALID_ARG);
  tr_catalog_free(c);
}

/* ---- timeline ---------------------------------------------------------------- */

static void test_timeline(void **state) {
  (void)state;
  tr_catalog *c = empty_catalog();
  const prov_spec a2007[] = { P(CROSS_BORDER_DATA_FLOWS, SOFT), P(DATA_LOCALISATION, NONE), END };
  const prov_spec b2010[] = { P(CROSS_BORDER_DATA_FLOWS, NONE), P(PRIVACY_DATA_PROTECTION_CARVEOUT, HARD), END };
  const prov_spec c2016[] = { P(CROSS_BORDER_DATA_FLOWS, HARD), P(DATA_LOCALISATION, HARD), END };
  const prov_spec d2016[] = { P(CROSS_BORDER_DATA_FLOWS, MIXED), END };
  const prov_spec e2020[] = { P(CROSS_BORDER_DATA_FLOWS, HARD), PF(DATA_LOCALISATION, HARD, TR_PROVISION_SUSPENDED), END };
  const prov_spec undated[] = { P(CROSS_BORDER_DATA_FLOWS, HARD), END };
  add(c, mk("E2020", TR_FAMILY_EUROPEAN, "2020-12-30", NULL, e2020));
  add(c, mk("A2007", TR_FAMILY_AMERICAN, "2007-06-30", NULL, a2007));
  add(c, mk("D2016", TR_FAMILY_OTHER, "2016-05", NULL, d2016));
  add(c, mk("C2016", TR_FAMILY_AMERICAN, "2016-02-04", NULL, c2016));
  add(c, mk("B2010", TR_FAMILY_EUROPEAN, "2010-10-06", NULL, b2010));
  add(c, mk("UNDATED", TR_FAMILY_AMERICAN, NULL, NULL, undated));
  tr_timeline *tl = NULL;
  assert_int_equal(tr_timeline_new(c, NULL, &tl), TR_OK);
  assert_int_equal(tr_timeline_first_year(tl), 2007);
  assert_int_equal(tr_timeline_last_year(tl), 2020);
  assert_int_equal(tr_timeline_dated_count(tl), 5);
  assert_int_equal(tr_timeline_undated_count(tl), 1);
  const char *who = NULL;
  tr_category f = TR_CATEGORY_CROSS_BORDER_DATA_FLOWS;
  assert_int_equal(tr_timeline_first(tl, f, TR_STRENGTH_SOFT, &who), 2007);
  assert_string_equal(who, "A2007");
  /* Two in 2016 with mixed/hard: the first in catalog order with hard. */
  assert_int_equal(tr_timeline_first(tl, f, TR_STRENGTH_HARD, &who), 2016);
  assert_string_equal(who, "C2016");
  assert_int_equal(tr_timeline_first(tl, f, TR_STRENGTH_MIXED, &who), 2016);
  assert_string_equal(who, "D2016"); /* catalog order among 2016 */
  assert_int_equal(tr_timeline_count(tl, f, 2006, TR_STRENGTH_SOFT), 0);
  assert_int_equal(tr_timeline_count(tl, f, 2010, TR_STRENGTH_SOFT), 1);
  assert_int_equal(tr_timeline_count(tl, f, 2010, TR_STRENGTH_NONE), 2); /* coded */
  assert_int_equal(tr_timeline_count(tl, f, 2016, TR_STRENGTH_SOFT), 3);
  assert_int_equal(tr_timeline_count(tl, f, 2016, TR_STRENGTH_HARD), 1);
  assert_int_equal(tr_timeline_count(tl, f, 2030, TR_STRENGTH_HARD), 2); /* the undated one is not counted */
  assert_int_equal(tr_timeline_total(tl, 2016), 4);
  assert_int_equal(tr_timeline_total(tl, 2000), 0);
  /* Suspended counts as none. */
  assert_int_equal(tr_timeline_count(tl, TR_CATEGORY_DATA_LOCALISATION, 2030, TR_STRENGTH_HARD), 1);
  assert_int_equal(tr_timeline_count(tl, TR_CATEGORY_DATA_LOCALISATION, 2030, TR_STRENGTH_NONE), 3);
  /* Never. */
  assert_int_equal(tr_timeline_first(tl, TR_CATEGORY_TELECOM_SERVICES, TR_STRENGTH_SOFT, &who), 0);
  assert_null(who);
  assert_int_equal(tr_timeline_first(tl, f, TR_STRENGTH_UNKNOWN, NULL), 0);
  assert_int_equal(tr_timeline_count(tl, TR_CATEGORY_UNKNOWN, 2030, TR_STRENGTH_SOFT), 0);
  tr_timeline_free(tl);
  /* Family filter: european hard data flows first in 2020. */
  tr_filter *fl = NULL;
  assert_int_equal(tr_filter_new(&fl), TR_OK);
  assert_int_equal(tr_filter_set_family(fl, TR_FAMILY_EUROPEAN), TR_OK);
  assert_int_equal(tr_timeline_new(c, fl, &tl), TR_OK);
  assert_int_equal(tr_timeline_first(tl, f, TR_STRENGTH_HARD, &who), 2020);
  assert_string_equal(who, "E2020");
  tr_timeline_free(tl);
  /* Errors: nothing selected; only undated. */
  assert_int_equal(tr_filter_set_family(fl, TR_FAMILY_MULTILATERAL), TR_OK);
  assert_int_equal(tr_timeline_new(c, fl, &tl), TR_ERR_EMPTY);
  tr_filter_free(fl);
  tr_catalog *u = empty_catalog();
  add(u, mk("U", TR_FAMILY_AMERICAN, NULL, NULL, undated));
  assert_int_equal(tr_timeline_new(u, NULL, &tl), TR_ERR_EMPTY);
  assert_non_null(strstr(tr_error_message(), "undated"));
  tr_catalog_free(u);
  tr_catalog_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_matrix_matches_pairwise),
    cmocka_unit_test(test_matrix_errors),
    cmocka_unit_test(test_classification),
    cmocka_unit_test(test_coverage),
    cmocka_unit_test(test_barrier_profile_file),
    cmocka_unit_test(test_barrier_profile_errors),
    cmocka_unit_test(test_common_ground),
    cmocka_unit_test(test_timeline),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
