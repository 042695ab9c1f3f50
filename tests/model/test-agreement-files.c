/* The per-agreement source files of the embedded catalog (lib/model/data/agreements/ID.json,
 * docs/data-coding.md): each loads through the library's strict loader on its own (with the
 * agreement it is based_on loaded first), the directory holds exactly the embedded agreements,
 * and loading the files in the embedded order gives the embedded catalog, byte for byte when
 * saved. A file the library rejects fails here with the loader's located message. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include <traderules/traderules.h>

static char *data_dir(void) {
  const char *root = g_getenv("TR_SOURCE_ROOT");
  assert_non_null(root);
  return g_build_filename(root, "lib", "model", "data", NULL);
}

static char *agreement_file(const char *dir, const char *id) {
  char *name = g_strconcat(id, ".json", NULL);
  char *path = g_build_filename(dir, "agreements", name, NULL);
  g_free(name);
  return path;
}

static int load(tr_catalog *c, const char *path) {
  int rc = tr_catalog_load_file(c, path);
  if (rc != TR_OK)
    print_error("%s\n", tr_error_message());
  return rc;
}

/* Load @id's file into @c after its bases (recursively). */
static void load_with_bases(tr_catalog *c, const tr_catalog *embedded, const char *dir,
                            const char *id) {
  const tr_agreement *a = tr_catalog_find_agreement(embedded, id);
  assert_non_null(a);
  if (tr_catalog_find_agreement(c, id))
    return;
  if (tr_agreement_get_based_on(a))
    load_with_bases(c, embedded, dir, tr_agreement_get_based_on(a));
  char *path = agreement_file(dir, id);
  assert_int_equal(load(c, path), TR_OK);
  g_free(path);
}

static void test_each_file_loads_alone(void **state) {
  tr_catalog *embedded = NULL;
  char *dir = data_dir();
  assert_int_equal(tr_catalog_new_default(&embedded), TR_OK);
  for (size_t i = 0; i < tr_catalog_agreement_count(embedded); i++) {
    tr_catalog *c = NULL;
    const char *id = tr_agreement_get_id(tr_catalog_agreement_at(embedded, i));
    assert_int_equal(tr_catalog_new(&c), TR_OK);
    load_with_bases(c, embedded, dir, id);
    const tr_agreement *a = tr_catalog_find_agreement(c, id);
    assert_non_null(a);
    /* the file holds this agreement only (plus nothing else but its bases) */
    assert_int_equal(tr_catalog_barrier_count(c), 0);
    assert_int_equal(tr_catalog_indicator_count(c), 0);
    tr_catalog_free(c);
  }
  tr_catalog_free(embedded);
  g_free(dir);
}

static void test_directory_matches_embedded(void **state) {
  tr_catalog *embedded = NULL, *c = NULL;
  char *dir = data_dir(), *agdir = g_build_filename(dir, "agreements", NULL);
  GDir *d = g_dir_open(agdir, 0, NULL);
  const char *name;
  size_t files = 0;
  assert_non_null(d);
  assert_int_equal(tr_catalog_new_default(&embedded), TR_OK);
  while ((name = g_dir_read_name(d))) {
    if (name[0] == '.')
      continue;
    assert_true(g_str_has_suffix(name, ".json"));
    char *id = g_strndup(name, strlen(name) - 5);
    if (!tr_catalog_find_agreement(embedded, id))
      print_error("%s is not in the embedded catalog (rebuild)\n", name);
    assert_non_null(tr_catalog_find_agreement(embedded, id));
    g_free(id);
    files++;
  }
  g_dir_close(d);
  assert_int_equal(files, tr_catalog_agreement_count(embedded));

  /* the files in the embedded order, then barriers and indicators: the same catalog */
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  for (size_t i = 0; i < tr_catalog_agreement_count(embedded); i++) {
    char *path = agreement_file(dir, tr_agreement_get_id(tr_catalog_agreement_at(embedded, i)));
    assert_int_equal(load(c, path), TR_OK);
    g_free(path);
  }
  char *barriers = g_build_filename(dir, "barriers.json", NULL);
  char *indicators = g_build_filename(dir, "indicators.json", NULL);
  assert_int_equal(load(c, barriers), TR_OK);
  assert_int_equal(load(c, indicators), TR_OK);
  char *a = NULL, *b = NULL;
  assert_int_equal(tr_catalog_to_json(embedded, &a), TR_OK);
  assert_int_equal(tr_catalog_to_json(c, &b), TR_OK);
  assert_string_equal(a, b);
  g_free(a);
  g_free(b);
  g_free(barriers);
  g_free(indicators);
  tr_catalog_free(c);
  tr_catalog_free(embedded);
  g_free(agdir);
  g_free(dir);
}

/* The coding rules of docs/data-coding.md that the loader does not enforce (they relate
 * members to each other), on every cell of the embedded catalog that records a basis. */
static void test_coding_rules(void **state) {
  tr_catalog *c = NULL;
  int bad = 0;
  assert_int_equal(tr_catalog_new_default(&c), TR_OK);
  for (size_t i = 0; i < tr_catalog_agreement_count(c); i++) {
    const tr_agreement *a = tr_catalog_agreement_at(c, i);
    for (size_t j = 0; j < tr_agreement_provision_count(a); j++) {
      const tr_provision *p = tr_agreement_provision_at(a, j);
      tr_basis basis = tr_provision_get_basis(p);
      tr_review review = tr_provision_get_review(p);
      tr_strength st = tr_provision_get_strength(p), draft = TR_STRENGTH_UNKNOWN;
      int has_draft = tr_provision_get_draft(p, &draft);
      const char *why = NULL;
      if (basis == TR_BASIS_UNKNOWN && st != TR_STRENGTH_UNKNOWN)
        why = "basis unknown but strength is not unknown";
      else if (review != TR_REVIEW_UNSET && !has_draft)
        why = "review without draft";
      else if ((basis == TR_BASIS_TEXT || basis == TR_BASIS_CODER_CONFIRMED) &&
               review == TR_REVIEW_UNSET)
        why = "basis text/coder_confirmed needs draft and review";
      else if (review != TR_REVIEW_UNSET) {
        tr_review want = draft == st                  ? TR_REVIEW_CONFIRMED
                         : draft == TR_STRENGTH_NONE ? TR_REVIEW_ADDED
                         : st == TR_STRENGTH_NONE    ? TR_REVIEW_REJECTED
                                                     : TR_REVIEW_CORRECTED;
        if (review != want)
          why = "review does not match draft -> strength";
        else if ((basis == TR_BASIS_CODER_CONFIRMED) != (review == TR_REVIEW_CONFIRMED))
          why = "basis coder_confirmed exactly when review is confirmed";
      }
      if (!why && (basis == TR_BASIS_TEXT || basis == TR_BASIS_CODER_CONFIRMED) &&
          (st == TR_STRENGTH_HARD || st == TR_STRENGTH_SOFT || st == TR_STRENGTH_MIXED) &&
          tr_provision_evidence_count(p) == 0)
        why = "a hard/soft/mixed cell read from the text needs evidence";
      if (why) {
        print_error("%s %s: %s\n", tr_agreement_get_id(a),
                    tr_category_id(tr_provision_get_category(p)), why);
        bad++;
      }
    }
  }
  tr_catalog_free(c);
  assert_int_equal(bad, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_each_file_loads_alone),
    cmocka_unit_test(test_directory_matches_embedded),
    cmocka_unit_test(test_coding_rules),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
