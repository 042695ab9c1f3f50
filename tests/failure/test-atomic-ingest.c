/*
 * Failure injection for the other input paths: a failed corpus ingest (a bad
 * file first, in the middle or last of a directory; a truncated document at
 * every byte offset; a duplicate ToTA id late in a directory), a failed CSV
 * import (truncated at every offset) and a failed article coding leave the
 * corpus, catalog or agreement coding exactly as they were. State is compared
 * through digests of every field (corpus), tr_catalog_to_json() (catalog) and
 * the agreement record built from the accumulator (coder).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include <traderules/traderules.h>
#include <traderules/coder.h>
#include <traderules/corpus.h>
#include <traderules/csv.h>

#define CORPUS_GOOD TR_FIXTURES_DIR "/corpus/good"
#define CORPUS_BAD TR_FIXTURES_DIR "/corpus/bad"
#define CSV_SAMPLE TR_FIXTURES_DIR "/csv/sample.csv"

static void hash_str(GChecksum *h, const char *s) {
  g_checksum_update(h, (const guchar *)(s ? s : "\x01(null)"), -1);
  g_checksum_update(h, (const guchar *)"", 1);
}

/* Every field of every agreement, chapter and article of a corpus. */
static char *corpus_digest(const tr_corpus *c) {
  GChecksum *h = g_checksum_new(G_CHECKSUM_SHA256);
  char *out, counts[96];
  snprintf(counts, sizeof counts, "%zu/%zu/%zu", tr_corpus_agreement_count(c),
           tr_corpus_chapter_count(c), tr_corpus_article_count(c));
  hash_str(h, counts);
  for (size_t a = 0; a < tr_corpus_agreement_count(c); a++) {
    for (int f = TR_CORPUS_FIELD_NAME; f <= TR_CORPUS_FIELD_TEXT; f++)
      hash_str(h, tr_corpus_agreement_get(c, a, (tr_corpus_field)f));
    for (int w = 0; w < 2; w++)
      for (size_t p = 0; p < tr_corpus_agreement_party_count(c, a, (tr_corpus_parties)w); p++)
        hash_str(h, tr_corpus_agreement_party(c, a, (tr_corpus_parties)w, p));
  }
  for (size_t ch = 0; ch < tr_corpus_chapter_count(c); ch++)
    for (int f = TR_CORPUS_FIELD_NAME; f <= TR_CORPUS_FIELD_TEXT; f++)
      hash_str(h, tr_corpus_chapter_get(c, ch, (tr_corpus_field)f));
  for (size_t ar = 0; ar < tr_corpus_article_count(c); ar++)
    for (int f = TR_CORPUS_FIELD_NAME; f <= TR_CORPUS_FIELD_TEXT; f++)
      hash_str(h, tr_corpus_article_get(c, ar, (tr_corpus_field)f));
  out = g_strdup(g_checksum_get_string(h));
  g_checksum_free(h);
  return out;
}

static const char base_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<treaty><meta><name>Base</name>"
    "<treaty_identifier>900001</treaty_identifier></meta><body><chapter name=\"C\">"
    "<article number=\"1\">No Party shall impose customs duties.</article></chapter></body></treaty>";

static tr_corpus *base_corpus(void) {
  tr_corpus *c = NULL;
  assert_int_equal(tr_corpus_new(&c), TR_OK);
  assert_int_equal(tr_corpus_set_threads(c, 2), TR_OK);
  assert_int_equal(tr_corpus_load_memory(c, "base.xml", base_xml, sizeof base_xml - 1), TR_OK);
  return c;
}

static void copy_file(const char *from, const char *dir, const char *name) {
  char *data = NULL, *to = g_build_filename(dir, name, NULL);
  gsize len = 0;
  assert_true(g_file_get_contents(from, &data, &len, NULL));
  assert_true(g_file_set_contents_full(to, data, (gssize)len, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  g_free(data);
  g_free(to);
}

static void remove_dir(const char *dir) {
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  assert_non_null(d);
  while ((name = g_dir_read_name(d))) {
    char *p = g_build_filename(dir, name, NULL);
    g_unlink(p);
    g_free(p);
  }
  g_dir_close(d);
  g_rmdir(dir);
}

/* Each bad fixture, put first, in the middle and last of a directory of good
 * files (natural order pta_1, pta_2, pta_10): stop-on-error fails naming the
 * bad file and leaves the corpus unchanged; skip-errors adds exactly the good
 * files and reports the bad one. */
static void test_corpus_directory_with_bad_file(void **state) {
  (void)state;
  static const char *const slots[] = {"pta_0.xml", "pta_5.xml", "pta_99.xml"};
  GDir *bad = g_dir_open(CORPUS_BAD, 0, NULL);
  const char *bad_name;
  size_t cases = 0;
  assert_non_null(bad);
  while ((bad_name = g_dir_read_name(bad))) {
    char *bad_path = g_build_filename(CORPUS_BAD, bad_name, NULL);
    for (size_t s = 0; s < G_N_ELEMENTS(slots); s++) {
      char *dir = g_dir_make_tmp("tr-ingest-XXXXXX", NULL);
      tr_corpus *c = base_corpus();
      char *before = corpus_digest(c), *after;
      tr_corpus_errors *errors = NULL;
      int rc;
      assert_non_null(dir);
      copy_file(CORPUS_GOOD "/pta_1.xml", dir, "pta_1.xml");
      copy_file(CORPUS_GOOD "/pta_2.xml", dir, "pta_2.xml");
      copy_file(CORPUS_GOOD "/pta_10.xml", dir, "pta_10.xml");
      copy_file(bad_path, dir, slots[s]);

      rc = tr_corpus_load(c, dir, TR_CORPUS_STOP_ON_ERROR, &errors);
      assert_true(rc < 0);
      assert_int_equal(tr_error_code(), rc);
      assert_null(errors);
      if (!strstr(tr_error_message(), slots[s]))
        fail_msg("%s as %s: message does not name the file: %s", bad_name, slots[s], tr_error_message());
      after = corpus_digest(c);
      if (strcmp(before, after) != 0)
        fail_msg("%s as %s: failed ingest changed the corpus", bad_name, slots[s]);
      g_free(after);

      assert_int_equal(tr_corpus_load(c, dir, TR_CORPUS_SKIP_ERRORS, &errors), TR_OK);
      assert_int_equal(tr_corpus_agreement_count(c), 1 + 3);
      assert_int_equal(tr_corpus_errors_count(errors), 1);
      assert_non_null(strstr(tr_corpus_errors_file(errors, 0), slots[s]));
      assert_true(tr_corpus_errors_code(errors, 0) < 0);
      tr_corpus_errors_free(errors);

      g_free(before);
      tr_corpus_free(c);
      remove_dir(dir);
      g_free(dir);
      cases++;
    }
    g_free(bad_path);
  }
  g_dir_close(bad);
  assert_true(cases >= 3 * 5);
}

/* A ToTA id that repeats an earlier file's, found last in the directory. */
static void test_corpus_directory_late_duplicate(void **state) {
  (void)state;
  char *dir = g_dir_make_tmp("tr-ingest-XXXXXX", NULL);
  tr_corpus *c = base_corpus();
  char *before = corpus_digest(c), *after;
  copy_file(CORPUS_GOOD "/pta_1.xml", dir, "pta_1.xml");
  copy_file(CORPUS_GOOD "/pta_2.xml", dir, "pta_2.xml");
  copy_file(CORPUS_GOOD "/pta_1.xml", dir, "pta_77.xml");
  assert_int_equal(tr_corpus_load(c, dir, TR_CORPUS_STOP_ON_ERROR, NULL), TR_ERR_DUPLICATE);
  assert_non_null(strstr(tr_error_message(), "pta_77.xml"));
  after = corpus_digest(c);
  assert_string_equal(before, after);
  g_free(after);
  /* And a directory that repeats what the corpus already has. */
  remove_dir(dir);
  g_free(dir);
  assert_int_equal(tr_corpus_load(c, CORPUS_GOOD, TR_CORPUS_STOP_ON_ERROR, NULL), TR_OK);
  g_free(before);
  before = corpus_digest(c);
  assert_int_equal(tr_corpus_load(c, CORPUS_GOOD, TR_CORPUS_STOP_ON_ERROR, NULL), TR_ERR_DUPLICATE);
  after = corpus_digest(c);
  assert_string_equal(before, after);
  g_free(after);
  g_free(before);
  tr_corpus_free(c);
}

/* A good document truncated at every byte offset. */
static void test_corpus_truncated_every_offset(void **state) {
  (void)state;
  char *xml = NULL;
  gsize len = 0;
  tr_corpus *c = base_corpus();
  char *before = corpus_digest(c);
  size_t failures = 0;
  assert_true(g_file_get_contents(CORPUS_GOOD "/pta_2.xml", &xml, &len, NULL));
  for (size_t cut = 0; cut < len; cut++) {
    if (tr_corpus_load_memory(c, "cut.xml", xml, cut) == TR_OK) {
      /* Only a cut in trailing white space may still be a whole document. */
      for (size_t k = cut; k < len; k++)
        assert_true(g_ascii_isspace(xml[k]));
      tr_corpus_free(c);
      c = base_corpus();
    } else {
      char *after = corpus_digest(c);
      assert_true(tr_error_code() < 0);
      assert_non_null(strstr(tr_error_message(), "cut.xml"));
      if (strcmp(before, after) != 0)
        fail_msg("truncation at %zu: failed load changed the corpus", cut);
      g_free(after);
      failures++;
    }
  }
  assert_true(failures > len / 2);
  g_free(before);
  g_free(xml);
  tr_corpus_free(c);
}

/* A long CSV truncated at every byte offset, read into a non-empty catalog. */
static void test_csv_truncated_every_offset(void **state) {
  (void)state;
  char *csv = NULL, *before = NULL;
  gsize len = 0;
  tr_catalog *cat = NULL;
  size_t failures = 0;
  assert_true(g_file_get_contents(CSV_SAMPLE, &csv, &len, NULL));
  assert_int_equal(tr_catalog_new(&cat), TR_OK);
  {
    tr_agreement *a = NULL;
    assert_int_equal(tr_agreement_new("BASE", "Base", &a), TR_OK);
    assert_int_equal(tr_catalog_add_agreement(cat, a), TR_OK);
  }
  assert_int_equal(tr_catalog_to_json(cat, &before), TR_OK);
  for (size_t cut = 0; cut < len; cut++) {
    int rc = tr_csv_read(cat, csv, cut, "cut.csv");
    char *after = NULL;
    if (rc == TR_OK) {
      /* A cut at a row boundary is a valid, shorter file: start again. */
      tr_catalog_free(cat);
      assert_int_equal(tr_catalog_new(&cat), TR_OK);
      {
        tr_agreement *a = NULL;
        assert_int_equal(tr_agreement_new("BASE", "Base", &a), TR_OK);
        assert_int_equal(tr_catalog_add_agreement(cat, a), TR_OK);
      }
      continue;
    }
    failures++;
    assert_int_equal(tr_error_code(), rc);
    assert_non_null(strstr(tr_error_message(), "cut.csv"));
    assert_int_equal(tr_catalog_to_json(cat, &after), TR_OK);
    if (strcmp(before, after) != 0)
      fail_msg("truncation at %zu: failed CSV import changed the catalog", cut);
    tr_free(after);
  }
  assert_true(failures > 0);
  tr_free(before);
  g_free(csv);
  tr_catalog_free(cat);
}

/* A failed article coding leaves the agreement coding as it was. */
static void test_failed_coding_leaves_accumulator(void **state) {
  (void)state;
  tr_coder *coder = NULL;
  tr_agreement_coding *ac = NULL;
  tr_agreement *rec = NULL;
  char *json_before = NULL, *json_after = NULL;
  tr_catalog *cat = NULL;
  assert_int_equal(tr_coder_new(&coder), TR_OK);
  assert_int_equal(tr_agreement_coding_new(coder, "X", "X", 0, &ac), TR_OK);
  assert_int_equal(tr_agreement_coding_add_article(ac, "1", "Source Code", "Electronic Commerce",
      "No Party shall require the transfer of, or access to, source code of software."), TR_OK);
  assert_int_equal(tr_agreement_coding_to_agreement(ac, &rec), TR_OK);
  assert_int_equal(tr_catalog_new(&cat), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(cat, rec), TR_OK);
  assert_int_equal(tr_catalog_to_json(cat, &json_before), TR_OK);
  tr_catalog_free(cat);

  /* Invalid UTF-8 in the text, then in the title. */
  assert_int_equal(tr_agreement_coding_add_article(ac, "2", "Spam", NULL,
      "The Parties shall adopt measures on unsolicited \xff messages."), TR_ERR_ENCODING);
  assert_int_equal(tr_agreement_coding_add_article(ac, "3", "Sp\xc3", NULL, "shall"), TR_ERR_ENCODING);
  assert_int_equal(tr_agreement_coding_article_count(ac), 1);
  assert_int_equal(tr_agreement_coding_to_agreement(ac, &rec), TR_OK);
  assert_int_equal(tr_catalog_new(&cat), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(cat, rec), TR_OK);
  assert_int_equal(tr_catalog_to_json(cat, &json_after), TR_OK);
  assert_string_equal(json_before, json_after);
  tr_catalog_free(cat);
  tr_free(json_before);
  tr_free(json_after);
  tr_agreement_coding_free(ac);
  tr_coder_free(coder);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_corpus_directory_with_bad_file),
    cmocka_unit_test(test_corpus_directory_late_duplicate),
    cmocka_unit_test(test_corpus_truncated_every_offset),
    cmocka_unit_test(test_csv_truncated_every_offset),
    cmocka_unit_test(test_failed_coding_leaves_accumulator),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
