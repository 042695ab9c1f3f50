/* Field-by-field comparison of two catalogs, for round-trip tests (header-only, test code). */
#ifndef TR_TEST_CATALOG_COMPARE_H
#define TR_TEST_CATALOG_COMPARE_H

#include <math.h>
#include <string.h>
#include <traderules/traderules.h>

static void assert_same_str(const char *a, const char *b) {
  if (!a || !b)
    assert_ptr_equal(a, b);
  else
    assert_string_equal(a, b);
}

static void assert_same_provision(const tr_provision *a, const tr_provision *b) {
  assert_int_equal(tr_provision_get_category(a), tr_provision_get_category(b));
  assert_int_equal(tr_provision_get_strength(a), tr_provision_get_strength(b));
  assert_same_str(tr_provision_get_citation(a), tr_provision_get_citation(b));
  assert_same_str(tr_provision_get_title(a), tr_provision_get_title(b));
  assert_same_str(tr_provision_get_summary(a), tr_provision_get_summary(b));
  assert_same_str(tr_provision_get_source(a), tr_provision_get_source(b));
  assert_same_str(tr_provision_get_note(a), tr_provision_get_note(b));
  assert_int_equal(tr_provision_get_exceptions(a), tr_provision_get_exceptions(b));
  assert_int_equal(tr_provision_get_dispute_settlement(a), tr_provision_get_dispute_settlement(b));
  assert_int_equal(tr_provision_get_flags(a), tr_provision_get_flags(b));
  /* evidence members */
  assert_int_equal(tr_provision_get_basis(a), tr_provision_get_basis(b));
  assert_int_equal(tr_provision_get_review(a), tr_provision_get_review(b));
  tr_strength da = TR_STRENGTH_UNKNOWN, db = TR_STRENGTH_UNKNOWN;
  assert_int_equal(tr_provision_get_draft(a, &da), tr_provision_get_draft(b, &db));
  assert_int_equal(da, db);
  assert_int_equal(tr_provision_evidence_count(a), tr_provision_evidence_count(b));
  for (size_t i = 0; i < tr_provision_evidence_count(a); i++) {
    const tr_cell_evidence *x = tr_provision_evidence_at(a, i), *y = tr_provision_evidence_at(b, i);
    assert_int_equal(tr_cell_evidence_get_tota_id(x), tr_cell_evidence_get_tota_id(y));
    assert_int_equal(tr_cell_evidence_get_article_id(x), tr_cell_evidence_get_article_id(y));
    assert_same_str(tr_cell_evidence_get_article(x), tr_cell_evidence_get_article(y));
    assert_same_str(tr_cell_evidence_get_paragraph(x), tr_cell_evidence_get_paragraph(y));
    assert_same_str(tr_cell_evidence_get_span(x), tr_cell_evidence_get_span(y));
    assert_same_str(tr_cell_evidence_get_document(x), tr_cell_evidence_get_document(y));
    assert_same_str(tr_cell_evidence_get_url(x), tr_cell_evidence_get_url(y));
  }
  const tr_exception_scope *sa = tr_provision_get_exception_scope(a);
  const tr_exception_scope *sb = tr_provision_get_exception_scope(b);
  assert_true((sa == NULL) == (sb == NULL));
  if (sa) {
    assert_int_equal(tr_exception_scope_get_breadth(sa), tr_exception_scope_get_breadth(sb));
    assert_int_equal(tr_exception_scope_get_form(sa), tr_exception_scope_get_form(sb));
    assert_int_equal(tr_exception_scope_get_self_judging(sa), tr_exception_scope_get_self_judging(sb));
    assert_int_equal(tr_exception_scope_incorporates_count(sa), tr_exception_scope_incorporates_count(sb));
    for (size_t i = 0; i < tr_exception_scope_incorporates_count(sa); i++)
      assert_string_equal(tr_exception_scope_incorporates_at(sa, i), tr_exception_scope_incorporates_at(sb, i));
    assert_int_equal(tr_exception_scope_chapter_count(sa), tr_exception_scope_chapter_count(sb));
    for (size_t i = 0; i < tr_exception_scope_chapter_count(sa); i++)
      assert_string_equal(tr_exception_scope_chapter_at(sa, i), tr_exception_scope_chapter_at(sb, i));
  }
}

static void assert_same_agreement(const tr_agreement *a, const tr_agreement *b) {
  assert_same_str(tr_agreement_get_id(a), tr_agreement_get_id(b));
  assert_same_str(tr_agreement_get_name(a), tr_agreement_get_name(b));
  assert_int_equal(tr_agreement_get_kind(a), tr_agreement_get_kind(b));
  assert_int_equal(tr_agreement_get_status(a), tr_agreement_get_status(b));
  assert_int_equal(tr_agreement_get_family(a), tr_agreement_get_family(b));
  assert_same_str(tr_agreement_get_date_signed(a), tr_agreement_get_date_signed(b));
  assert_same_str(tr_agreement_get_date_in_force(a), tr_agreement_get_date_in_force(b));
  assert_same_str(tr_agreement_get_based_on(a), tr_agreement_get_based_on(b));
  assert_int_equal(tr_agreement_get_tota_id(a), tr_agreement_get_tota_id(b));
  assert_int_equal(tr_agreement_get_wto_rta_id(a), tr_agreement_get_wto_rta_id(b));
  assert_same_str(tr_agreement_get_note(a), tr_agreement_get_note(b));
  assert_int_equal(tr_agreement_party_count(a), tr_agreement_party_count(b));
  for (size_t i = 0; i < tr_agreement_party_count(a); i++)
    assert_same_str(tr_agreement_party_at(a, i), tr_agreement_party_at(b, i));
  assert_int_equal(tr_agreement_source_count(a), tr_agreement_source_count(b));
  for (size_t i = 0; i < tr_agreement_source_count(a); i++)
    assert_same_str(tr_agreement_source_at(a, i), tr_agreement_source_at(b, i));
  assert_int_equal(tr_agreement_provision_count(a), tr_agreement_provision_count(b));
  for (size_t i = 0; i < tr_agreement_provision_count(a); i++)
    assert_same_provision(tr_agreement_provision_at(a, i), tr_agreement_provision_at(b, i));
}

static void assert_same_barrier(const tr_barrier *a, const tr_barrier *b) {
  assert_same_str(tr_barrier_get_id(a), tr_barrier_get_id(b));
  assert_int_equal(tr_barrier_get_type(a), tr_barrier_get_type(b));
  assert_same_str(tr_barrier_get_name(a), tr_barrier_get_name(b));
  assert_same_str(tr_barrier_get_description(a), tr_barrier_get_description(b));
  assert_same_str(tr_barrier_get_source(a), tr_barrier_get_source(b));
  assert_int_equal(tr_barrier_category_count(a), tr_barrier_category_count(b));
  for (size_t i = 0; i < tr_barrier_category_count(a); i++)
    assert_int_equal(tr_barrier_category_at(a, i), tr_barrier_category_at(b, i));
}

static void assert_same_indicator(const tr_indicator *a, const tr_indicator *b) {
  double va = tr_indicator_get_value(a), vb = tr_indicator_get_value(b);
  assert_same_str(tr_indicator_get_economy(a), tr_indicator_get_economy(b));
  assert_same_str(tr_indicator_get_name(a), tr_indicator_get_name(b));
  assert_int_equal(tr_indicator_get_year(a), tr_indicator_get_year(b));
  if (isnan(va))
    assert_true(isnan(vb));
  else
    assert_memory_equal(&va, &vb, sizeof va); /* bit-exact */
  assert_same_str(tr_indicator_get_unit(a), tr_indicator_get_unit(b));
  assert_same_str(tr_indicator_get_source(a), tr_indicator_get_source(b));
  assert_same_str(tr_indicator_get_text(a), tr_indicator_get_text(b));
}

static void assert_same_catalog(const tr_catalog *a, const tr_catalog *b) {
  assert_int_equal(tr_catalog_agreement_count(a), tr_catalog_agreement_count(b));
  for (size_t i = 0; i < tr_catalog_agreement_count(a); i++)
    assert_same_agreement(tr_catalog_agreement_at(a, i), tr_catalog_agreement_at(b, i));
  assert_int_equal(tr_catalog_barrier_count(a), tr_catalog_barrier_count(b));
  for (size_t i = 0; i < tr_catalog_barrier_count(a); i++)
    assert_same_barrier(tr_catalog_barrier_at(a, i), tr_catalog_barrier_at(b, i));
  assert_int_equal(tr_catalog_indicator_count(a), tr_catalog_indicator_count(b));
  for (size_t i = 0; i < tr_catalog_indicator_count(a); i++)
    assert_same_indicator(tr_catalog_indicator_at(a, i), tr_catalog_indicator_at(b, i));
}

/* to_json -> load into a fresh catalog -> compare every field; also the JSON is a fixed point. */
static void assert_round_trip(const tr_catalog *c) {
  char *json = NULL, *again = NULL;
  tr_catalog *d = NULL;
  assert_int_equal(tr_catalog_to_json(c, &json), TR_OK);
  assert_int_equal(tr_catalog_new(&d), TR_OK);
  int rc = tr_catalog_load_data(d, json, strlen(json), "<round-trip>");
  if (rc)
    fail_msg("reload failed: %s", tr_error_message());
  assert_same_catalog(c, d);
  assert_int_equal(tr_catalog_to_json(d, &again), TR_OK);
  assert_string_equal(json, again);
  tr_free(json);
  tr_free(again);
  tr_catalog_free(d);
}

#endif
