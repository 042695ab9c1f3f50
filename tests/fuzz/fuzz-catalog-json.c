/*
 * Fuzz target: the JSON catalog loader, tr_catalog_load_data().
 *
 * Each input is loaded on top of a small catalog built through the API (so
 * duplicate ids and dangling references are reachable). Oracles:
 *  - failure: negative status, recorded with a message, and the catalog
 *    serialises exactly as before the call (all-or-nothing load);
 *  - success: every object is readable through the getters, every enum the
 *    library returns has a string id, and the catalog round-trips: its JSON
 *    loads into an empty catalog whose JSON is identical, and indicator values
 *    survive bit for bit.
 */
#include <math.h>

#include "fuzz-common.h"

static void must(int rc, const char *what) {
  if (rc != TR_OK)
    fuzz_fail("%s: %s", what, tr_error_message());
}

static tr_catalog *base_catalog(void) {
  tr_catalog *cat = NULL;
  tr_agreement *a = NULL;
  tr_provision *p = NULL;
  tr_barrier *b = NULL;
  tr_indicator *ind = NULL;
  must(tr_catalog_new(&cat), "tr_catalog_new");
  must(tr_agreement_new("FUZZ_BASE", "Fuzz base agreement", &a), "tr_agreement_new");
  must(tr_agreement_add_party(a, "EU"), "tr_agreement_add_party");
  must(tr_agreement_set_date_signed(a, "2019-02"), "tr_agreement_set_date_signed");
  must(tr_provision_new(TR_CATEGORY_PAPERLESS_TRADING, TR_STRENGTH_SOFT, &p), "tr_provision_new");
  must(tr_provision_set_citation(p, "Art. 1"), "tr_provision_set_citation");
  must(tr_agreement_add_provision(a, p), "tr_agreement_add_provision");
  must(tr_catalog_add_agreement(cat, a), "tr_catalog_add_agreement");
  must(tr_barrier_new("FUZZ_B1", TR_BARRIER_DATA_LOCALISATION, "Fuzz barrier", &b), "tr_barrier_new");
  must(tr_catalog_add_barrier(cat, b), "tr_catalog_add_barrier");
  must(tr_indicator_new("WLD", "fuzz_indicator", 2016, 0.1, &ind), "tr_indicator_new");
  must(tr_catalog_add_indicator(cat, ind), "tr_catalog_add_indicator");
  return cat;
}

static char *to_json(const tr_catalog *cat) {
  char *s = NULL;
  must(tr_catalog_to_json(cat, &s), "tr_catalog_to_json");
  if (!s)
    fuzz_fail("tr_catalog_to_json gave NULL");
  return s;
}

static size_t touch(const char *s) {
  return s ? strlen(s) : 0;
}

static void walk(const tr_catalog *cat) {
  size_t sum = 0;
  tr_filter *filter = NULL;
  tr_agreement_list *list = NULL;

  for (size_t i = 0; i < tr_catalog_agreement_count(cat); i++) {
    const tr_agreement *a = tr_catalog_agreement_at(cat, i);
    if (!a)
      fuzz_fail("agreement %zu is NULL", i);
    if (tr_catalog_find_agreement(cat, tr_agreement_get_id(a)) != a)
      fuzz_fail("find_agreement(%s) does not return the agreement", tr_agreement_get_id(a));
    if (!tr_kind_id(tr_agreement_get_kind(a)) || !tr_agreement_status_id(tr_agreement_get_status(a)) ||
        !tr_family_id(tr_agreement_get_family(a)))
      fuzz_fail("agreement %s has an enum value without id", tr_agreement_get_id(a));
    sum += touch(tr_agreement_get_name(a)) + touch(tr_agreement_get_date_signed(a)) +
           touch(tr_agreement_get_date_in_force(a)) + touch(tr_agreement_get_based_on(a)) +
           touch(tr_agreement_get_note(a)) + (size_t)tr_agreement_get_year(a) +
           (size_t)tr_agreement_get_tota_id(a) + (size_t)tr_agreement_get_wto_rta_id(a);
    for (size_t k = 0; k < tr_agreement_party_count(a); k++)
      if (!tr_agreement_has_party(a, tr_agreement_party_at(a, k)))
        fuzz_fail("party %zu of %s not found by has_party", k, tr_agreement_get_id(a));
    for (size_t k = 0; k < tr_agreement_source_count(a); k++)
      sum += touch(tr_agreement_source_at(a, k));
    for (size_t k = 0; k < tr_agreement_provision_count(a); k++) {
      const tr_provision *p = tr_agreement_provision_at(a, k);
      if (!p || tr_agreement_find_provision(a, tr_provision_get_category(p)) != p)
        fuzz_fail("provision %zu of %s not found by category", k, tr_agreement_get_id(a));
      if (!tr_category_id(tr_provision_get_category(p)) || !tr_strength_id(tr_provision_get_strength(p)) ||
          !tr_dispute_settlement_id(tr_provision_get_dispute_settlement(p)))
        fuzz_fail("provision of %s has an enum value without id", tr_agreement_get_id(a));
      sum += touch(tr_provision_get_citation(p)) + touch(tr_provision_get_title(p)) +
             touch(tr_provision_get_summary(p)) + touch(tr_provision_get_source(p)) +
             touch(tr_provision_get_note(p)) + tr_provision_get_exceptions(p) + tr_provision_get_flags(p);
    }
  }
  for (size_t i = 0; i < tr_catalog_barrier_count(cat); i++) {
    const tr_barrier *b = tr_catalog_barrier_at(cat, i);
    if (!b || tr_catalog_find_barrier(cat, tr_barrier_get_id(b)) != b)
      fuzz_fail("barrier %zu not found by id", i);
    if (!tr_barrier_type_id(tr_barrier_get_type(b)))
      fuzz_fail("barrier %s has a type without id", tr_barrier_get_id(b));
    sum += touch(tr_barrier_get_name(b)) + touch(tr_barrier_get_description(b)) + touch(tr_barrier_get_source(b));
    for (size_t k = 0; k < tr_barrier_category_count(b); k++)
      if (!tr_category_id(tr_barrier_category_at(b, k)))
        fuzz_fail("barrier %s lists a category without id", tr_barrier_get_id(b));
  }
  for (size_t i = 0; i < tr_catalog_indicator_count(cat); i++) {
    const tr_indicator *ind = tr_catalog_indicator_at(cat, i);
    if (!ind)
      fuzz_fail("indicator %zu is NULL", i);
    sum += touch(tr_indicator_get_economy(ind)) + touch(tr_indicator_get_name(ind)) +
           touch(tr_indicator_get_unit(ind)) + touch(tr_indicator_get_source(ind)) +
           touch(tr_indicator_get_text(ind)) + (size_t)tr_indicator_get_year(ind);
  }

  /* Queries over whatever was loaded. */
  must(tr_filter_new(&filter), "tr_filter_new");
  must(tr_filter_set_party(filter, "EU"), "tr_filter_set_party");
  must(tr_filter_set_years(filter, 1990, 2030), "tr_filter_set_years");
  must(tr_catalog_select(cat, filter, &list), "tr_catalog_select");
  for (size_t i = 0; i < tr_agreement_list_count(list); i++)
    if (!tr_filter_matches(filter, tr_agreement_list_at(list, i)))
      fuzz_fail("selected agreement does not match the filter");
  tr_agreement_list_free(list);
  tr_filter_free(filter);
  (void)sum;
}

static int same_double(double x, double y) {
  return (isnan(x) && isnan(y)) || memcmp(&x, &y, sizeof x) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tr_catalog *cat = base_catalog();
  char *before = to_json(cat);
  int rc;

  tr_error_clear();
  rc = tr_catalog_load_data(cat, (const char *)data, size, "fuzz.json");
  if (rc != TR_OK) {
    char *after;
    fuzz_check_error(rc, "tr_catalog_load_data");
    after = to_json(cat);
    if (strcmp(before, after) != 0)
      fuzz_fail("failed load (%s) changed the catalog", tr_error_message());
    tr_free(after);
  } else {
    tr_catalog *again = NULL;
    char *first, *second;
    walk(cat);
    first = to_json(cat);
    must(tr_catalog_new(&again), "tr_catalog_new");
    rc = tr_catalog_load_data(again, first, strlen(first), "roundtrip.json");
    if (rc != TR_OK)
      fuzz_fail("the catalog's own JSON does not load: %s", tr_error_message());
    second = to_json(again);
    if (strcmp(first, second) != 0)
      fuzz_fail("JSON round trip is not stable");
    if (tr_catalog_indicator_count(again) != tr_catalog_indicator_count(cat))
      fuzz_fail("round trip changed the number of indicators");
    for (size_t i = 0; i < tr_catalog_indicator_count(cat); i++)
      if (!same_double(tr_indicator_get_value(tr_catalog_indicator_at(cat, i)),
                       tr_indicator_get_value(tr_catalog_indicator_at(again, i))))
        fuzz_fail("indicator %zu: value %.17g came back as %.17g", i,
                  tr_indicator_get_value(tr_catalog_indicator_at(cat, i)),
                  tr_indicator_get_value(tr_catalog_indicator_at(again, i)));
    tr_free(first);
    tr_free(second);
    tr_catalog_free(again);
  }
  tr_free(before);
  tr_catalog_free(cat);
  return 0;
}
