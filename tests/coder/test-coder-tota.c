/* The coder on real ToTA texts (suite 'corpus'): runs only when the ToTA corpus
 * is present (TR_TOTA_DIR, or shared/data/tota/xml beside the source tree);
 * otherwise the test is skipped (exit 77). No timing here: see bench/coder. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <traderules/traderules.h>

static char *tota_dir;

static char *find_tota(void) {
  const char *env = g_getenv("TR_TOTA_DIR");
  const char *root = g_getenv("TR_SOURCE_ROOT");
  char *cands[3] = { env ? g_strdup(env) : NULL,
                     root ? g_build_filename(root, "..", "shared", "data", "tota", "xml", NULL) : NULL,
                     g_strdup("/work/shared/data/tota/xml") };
  char *found = NULL;
  for (int i = 0; i < 3; i++) {
    if (!found && cands[i]) {
      char *f = g_build_filename(cands[i], "pta_449.xml", NULL);
      if (g_file_test(f, G_FILE_TEST_EXISTS))
        found = g_strdup(cands[i]);
      g_free(f);
    }
    g_free(cands[i]);
  }
  return found;
}

static tr_agreement_coding *code_file(const tr_coder *coder, const char *name) {
  tr_corpus *corpus = NULL;
  char *path = g_build_filename(tota_dir, name, NULL);
  assert_int_equal(tr_corpus_new(&corpus), TR_OK);
  if (tr_corpus_load(corpus, path, TR_CORPUS_STOP_ON_ERROR, NULL) != TR_OK)
    fail_msg("%s", tr_error_message());
  assert_int_equal(tr_corpus_agreement_count(corpus), 1);
  tr_agreement_coding *ac = NULL;
  assert_int_equal(tr_coder_code_corpus_agreement(coder, corpus, 0, &ac), TR_OK);
  size_t first = 0;
  assert_int_equal(tr_agreement_coding_article_count(ac),
                   tr_corpus_agreement_articles(corpus, 0, &first));
  tr_corpus_free(corpus); /* codings keep their own copies of the text */
  g_free(path);
  return ac;
}

/* Every evidence span of every article points at its text. */
static void check_all_spans(const tr_agreement_coding *ac) {
  size_t n_evidence = 0;
  for (size_t i = 0; i < tr_agreement_coding_article_count(ac); i++) {
    const tr_coding *cd = tr_agreement_coding_article_at(ac, i);
    for (size_t k = 0; k < tr_coding_assignment_count(cd); k++) {
      const tr_assignment *a = tr_coding_assignment_at(cd, k);
      for (size_t e = 0; e < tr_assignment_evidence_count(a); e++) {
        const tr_evidence *x = tr_assignment_evidence_at(a, e);
        const char *in = tr_coding_get_input(cd, tr_evidence_get_field(x));
        size_t off = tr_evidence_get_offset(x), len = tr_evidence_get_length(x);
        assert_true(off + len <= strlen(in));
        assert_memory_equal(in + off, tr_evidence_get_text(x), len);
        n_evidence++;
      }
    }
  }
  assert_true(n_evidence > 0);
}

/* Presence agreement (category found or not) between the auto-coded record
 * and the hand coding of the embedded catalog, over the hand-coded categories. */
static double presence_agreement(const tr_agreement *autoag, const tr_agreement *hand) {
  size_t n = 0, same = 0;
  for (size_t i = 0; i < tr_agreement_provision_count(hand); i++) {
    const tr_provision *h = tr_agreement_provision_at(hand, i);
    tr_strength hs = tr_provision_get_strength(h);
    if (hs == TR_STRENGTH_UNKNOWN)
      continue;
    gboolean hp = hs != TR_STRENGTH_NONE;
    gboolean ap = tr_agreement_find_provision(autoag, tr_provision_get_category(h)) != NULL;
    n++;
    same += hp == ap;
  }
  return n ? (double)same / (double)n : 0.0;
}

static void check_against_catalog(const char *file, const char *catalog_id) {
  tr_coder *coder = NULL;
  assert_int_equal(tr_coder_new(&coder), TR_OK);
  tr_agreement_coding *ac = code_file(coder, file);
  check_all_spans(ac);
  tr_agreement *ag = NULL;
  assert_int_equal(tr_agreement_coding_to_agreement(ac, &ag), TR_OK);
  assert_true(tr_agreement_provision_count(ag) > 0);
  /* Every provision cites articles and says it was auto-coded from ToTA. */
  char *prefix = g_strdup_printf("auto-coded from ToTA pta_%d Art ", tr_agreement_get_tota_id(ag));
  for (size_t i = 0; i < tr_agreement_provision_count(ag); i++) {
    const tr_provision *p = tr_agreement_provision_at(ag, i);
    assert_true(g_str_has_prefix(tr_provision_get_citation(p), "Art. "));
    assert_true(g_str_has_prefix(tr_provision_get_source(p), prefix));
  }
  g_free(prefix);
  tr_catalog *cat = NULL;
  assert_int_equal(tr_catalog_new_default(&cat), TR_OK);
  const tr_agreement *hand = tr_catalog_find_agreement(cat, catalog_id);
  assert_non_null(hand);
  assert_int_equal(tr_agreement_get_tota_id(hand), tr_agreement_get_tota_id(ag));
  double agree = presence_agreement(ag, hand);
  printf("# %s: presence agreement with the hand coding %.3f\n", catalog_id, agree);
  /* The quality bar for category presence (bench/coder/score.py
   * reports the full per-category numbers). */
  assert_true(agree >= 0.85);
  /* The record joins a catalog next to the hand-coded one. */
  assert_int_equal(tr_catalog_add_agreement(cat, ag), TR_OK);
  tr_catalog_free(cat);
  tr_agreement_coding_free(ac);
  tr_coder_free(coder);
}

static void test_tpp(void **state) {
  (void)state;
  check_against_catalog("pta_449.xml", "TPP");
}

static void test_eu_korea(void **state) {
  (void)state;
  check_against_catalog("pta_145.xml", "EU_KOR");
}

int main(void) {
  tota_dir = find_tota();
  if (!tota_dir) {
    printf("# ToTA corpus not found; skipped\n");
    return 77;
  }
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_tpp),
    cmocka_unit_test(test_eu_korea),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  g_free(tota_dir);
  return rc;
}
