/*
 * Fuzz target: barrier profiles, tr_barrier_set_load_data() (format in
 * docs/compare.md), resolved against the embedded catalog.
 *
 * Each input is loaded into a set that already holds one barrier. Oracles: a
 * failed load returns a negative status with a message and leaves the set as
 * it was (same barriers, same notes, same name); an accepted profile gives a
 * readable set whose coverage by each built-in template has valid levels and
 * cites valid categories.
 */
#include "fuzz-common.h"

static tr_catalog *catalog;
static tr_template **templates;
static size_t n_templates;

static void setup_once(void) {
  if (catalog)
    return;
  if (tr_catalog_new_default(&catalog) != TR_OK)
    fuzz_fail("tr_catalog_new_default: %s", tr_error_message());
  n_templates = tr_template_builtin_count();
  templates = calloc(n_templates ? n_templates : 1, sizeof *templates);
  for (size_t i = 0; i < n_templates; i++)
    if (tr_template_new_builtin(catalog, tr_template_builtin_name(i), &templates[i]) != TR_OK)
      fuzz_fail("tr_template_new_builtin(%s): %s", tr_template_builtin_name(i), tr_error_message());
}

/* A printable digest of the set: name, then id and note of every barrier. */
static char *describe(const tr_barrier_set *set) {
  size_t cap = 256, len = 0;
  char *s = malloc(cap);
  const char *name = tr_barrier_set_get_name(set);
  len = (size_t)snprintf(s, cap, "%s|", name ? name : "(null)");
  for (size_t i = 0; i < tr_barrier_set_count(set); i++) {
    const char *id = tr_barrier_get_id(tr_barrier_set_at(set, i));
    const char *note = tr_barrier_set_note_at(set, i);
    size_t need = strlen(id) + (note ? strlen(note) : 6) + 4;
    if (len + need >= cap) {
      cap = (len + need) * 2;
      s = realloc(s, cap);
    }
    len += (size_t)snprintf(s + len, cap - len, "%s=%s;", id, note ? note : "(null)");
  }
  return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tr_barrier_set *set = NULL;
  const tr_barrier *first;
  char *before;
  int rc;

  setup_once();
  if (tr_barrier_set_new(&set) != TR_OK)
    fuzz_fail("tr_barrier_set_new: %s", tr_error_message());
  first = tr_catalog_barrier_at(catalog, 0);
  if (first && tr_barrier_set_add(set, first, "already there") != TR_OK)
    fuzz_fail("tr_barrier_set_add: %s", tr_error_message());
  before = describe(set);

  tr_error_clear();
  rc = tr_barrier_set_load_data(set, catalog, (const char *)data, size, "fuzz-profile.json");
  if (rc != TR_OK) {
    char *after = describe(set);
    fuzz_check_error(rc, "tr_barrier_set_load_data");
    if (strcmp(before, after) != 0)
      fuzz_fail("failed profile load changed the set:\n  before %s\n  after  %s", before, after);
    free(after);
  } else {
    for (size_t i = 0; i < tr_barrier_set_count(set); i++) {
      const tr_barrier *b = tr_barrier_set_at(set, i);
      if (!b || !tr_barrier_get_id(b) || !tr_barrier_type_id(tr_barrier_get_type(b)))
        fuzz_fail("barrier %zu of the set is not readable", i);
      for (size_t k = 0; k < tr_barrier_category_count(b); k++)
        if (!tr_category_id(tr_barrier_category_at(b, k)))
          fuzz_fail("barrier %s lists an invalid category", tr_barrier_get_id(b));
    }
    for (size_t t = 0; t < n_templates; t++) {
      tr_coverage *cov = NULL;
      if (tr_coverage_new(templates[t], set, &cov) != TR_OK)
        fuzz_fail("tr_coverage_new: %s", tr_error_message());
      if (tr_coverage_count(cov) != tr_barrier_set_count(set))
        fuzz_fail("coverage has %zu rows for %zu barriers", tr_coverage_count(cov),
                  tr_barrier_set_count(set));
      for (size_t i = 0; i < tr_coverage_count(cov); i++) {
        if (!tr_coverage_level_id(tr_coverage_level_at(cov, i)))
          fuzz_fail("coverage row %zu has an invalid level", i);
        for (size_t k = 0; k < tr_coverage_provision_count(cov, i); k++)
          if (!tr_category_id(tr_coverage_provision_at(cov, i, k)))
            fuzz_fail("coverage row %zu cites an invalid category", i);
      }
      tr_coverage_free(cov);
    }
  }
  free(before);
  tr_barrier_set_free(set);
  return 0;
}
