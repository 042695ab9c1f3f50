/* tr_audit_run() on small fixtures (tests/fixtures/audit): a ToTA-like corpus of two texts with
 * identical articles, and a catalog holding a deliberately wrong span, a deliberately
 * inconsistent pair (and one whose note gives the reason), an uncited cell citing a file outside
 * the repository, and one cell of every basis. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <traderules/traderules.h>

#define DIR TR_FIXTURES_DIR "/audit"

typedef struct {
  tr_catalog *cat;
  tr_corpus *corpus;
} fixture;

static int setup(void **state) {
  fixture *f = g_new0(fixture, 1);
  if (tr_catalog_new(&f->cat) || tr_catalog_load_file(f->cat, DIR "/catalog.json") ||
      tr_corpus_new(&f->corpus) ||
      tr_corpus_load(f->corpus, DIR "/tota", TR_CORPUS_STOP_ON_ERROR, NULL)) {
    fprintf(stderr, "%s\n", tr_error_message());
    return -1;
  }
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  tr_catalog_free(f->cat);
  tr_corpus_free(f->corpus);
  g_free(f);
  return 0;
}

static size_t row_of(const tr_audit *au, const char *id) {
  for (size_t r = 0; r < tr_audit_agreement_count(au); r++)
    if (strcmp(tr_audit_agreement_id(au, r), id) == 0)
      return r;
  fail_msg("no row %s", id);
  return 0;
}

/* Findings of @kind; the first one's index in *first. */
static size_t count_kind(const tr_audit *au, tr_audit_finding_kind kind, size_t *first) {
  size_t n = 0;
  for (size_t i = 0; i < tr_audit_finding_count(au); i++)
    if (tr_audit_finding_get_kind(au, i) == kind && n++ == 0 && first)
      *first = i;
  return n;
}

static void test_with_corpus(void **state) {
  fixture *f = *state;
  tr_audit *au = NULL;
  size_t i = 0;
  assert_int_equal(tr_audit_run(f->cat, f->corpus, &au), TR_OK);
  assert_int_equal(tr_audit_has_corpus(au), 1);
  assert_int_equal(tr_audit_agreement_count(au), 3);
  size_t a = row_of(au, "AUD_A"), b = row_of(au, "AUD_B"), c = row_of(au, "AUD_C");

  /* basis shares */
  assert_int_equal(tr_audit_count(au, a, TR_AUDIT_CELLS), 7);
  assert_int_equal(tr_audit_count(au, a, TR_AUDIT_NOT_CODED), 28);
  assert_int_equal(tr_audit_count(au, a, TR_AUDIT_BASIS_TEXT), 3);
  assert_int_equal(tr_audit_count(au, a, TR_AUDIT_BASIS_CODER_CONFIRMED), 2);
  assert_int_equal(tr_audit_count(au, a, TR_AUDIT_BASIS_UNKNOWN), 1);
  assert_int_equal(tr_audit_count(au, a, TR_AUDIT_BASIS_LEGACY), 1);
  assert_int_equal(tr_audit_count(au, c, TR_AUDIT_BASIS_OFFICIAL), 1);
  assert_int_equal(tr_audit_count(au, c, TR_AUDIT_BASIS_SECONDARY), 1);
  assert_int_equal(tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_CELLS), 12);
  assert_int_equal(tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_BASIS_CODER_CONFIRMED), 5);

  /* the cell citing domain.md, without citation: outside and uncited, and nothing else */
  assert_int_equal(tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_OUTSIDE), 1);
  assert_int_equal(count_kind(au, TR_AUDIT_FINDING_OUTSIDE, &i), 1);
  assert_string_equal(tr_audit_finding_get_agreement(au, i), "AUD_A");
  assert_int_equal(tr_audit_finding_get_category(au, i), TR_CATEGORY_SOURCE_CODE);
  assert_int_equal(tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_UNCITED), 1);
  assert_int_equal(count_kind(au, TR_AUDIT_FINDING_UNCITED, &i), 1);
  assert_int_equal(tr_audit_finding_get_category(au, i), TR_CATEGORY_SOURCE_CODE);
  assert_int_equal(count_kind(au, TR_AUDIT_FINDING_METADATA_OUTSIDE, NULL), 0);
  /* AUD_C's official hard cell has a citation but no words; its secondary cell is not counted */
  assert_int_equal(tr_audit_count(au, c, TR_AUDIT_OFFICIAL_NO_WORDS), 1);
  assert_int_equal(tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_OFFICIAL_NO_WORDS), 1);
  assert_int_equal(count_kind(au, TR_AUDIT_FINDING_OFFICIAL_NO_WORDS, &i), 1);
  assert_int_equal(tr_audit_finding_get_category(au, i), TR_CATEGORY_ECOM_GENERAL);
  assert_int_equal(tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_DOCUMENT_SPANS), 0);

  /* spans: the deliberately wrong one is flagged; the one with odd whitespace is not */
  assert_int_equal(tr_audit_count(au, a, TR_AUDIT_SPANS), 5);
  assert_int_equal(tr_audit_count(au, b, TR_AUDIT_SPANS), 3);
  assert_int_equal(tr_audit_count(au, a, TR_AUDIT_SPANS_NOT_FOUND), 1);
  assert_int_equal(tr_audit_count(au, b, TR_AUDIT_SPANS_NOT_FOUND), 0);
  assert_int_equal(count_kind(au, TR_AUDIT_FINDING_SPAN_NOT_FOUND, &i), 1);
  assert_int_equal(tr_audit_finding_get_category(au, i), TR_CATEGORY_PAPERLESS_TRADING);
  assert_non_null(strstr(tr_audit_finding_get_detail(au, i), "article 202"));
  /* the article the corpus lacks */
  assert_int_equal(tr_audit_count(au, a, TR_AUDIT_SPANS_UNCHECKED), 1);
  assert_int_equal(count_kind(au, TR_AUDIT_FINDING_SPAN_UNCHECKED, &i), 1);
  assert_int_equal(tr_audit_finding_get_category(au, i), TR_CATEGORY_ELECTRONIC_AUTHENTICATION_SIGNATURES);

  /* inconsistencies: consumer protection (soft vs hard, identical articles, no reason) is
   * flagged once; cybersecurity (its note names Art. 14.4) and customs duties (both hard) not */
  assert_int_equal(count_kind(au, TR_AUDIT_FINDING_INCONSISTENT, &i), 1);
  assert_int_equal(tr_audit_finding_get_category(au, i), TR_CATEGORY_ONLINE_CONSUMER_PROTECTION);
  const char *x = tr_audit_finding_get_agreement(au, i), *y = tr_audit_finding_get_other(au, i);
  assert_true((strcmp(x, "AUD_A") == 0 && strcmp(y, "AUD_B") == 0) ||
              (strcmp(x, "AUD_B") == 0 && strcmp(y, "AUD_A") == 0));
  assert_true(tr_audit_finding_get_similarity(au, i) >= TR_AUDIT_NEAR_IDENTICAL);
  assert_non_null(strstr(tr_audit_finding_get_detail(au, i), "soft"));
  assert_non_null(strstr(tr_audit_finding_get_detail(au, i), "hard"));
  assert_int_equal(tr_audit_count(au, a, TR_AUDIT_INCONSISTENT), 1);
  assert_int_equal(tr_audit_count(au, b, TR_AUDIT_INCONSISTENT), 1);
  assert_int_equal(tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_INCONSISTENT), 1);

  /* out of range */
  assert_int_equal(tr_audit_count(au, 99, TR_AUDIT_CELLS), 0);
  assert_int_equal(tr_audit_count(au, 0, TR_AUDIT_MEASURE_COUNT), 0);
  assert_null(tr_audit_agreement_id(au, 3));
  assert_null(tr_audit_finding_get_detail(au, 999));
  tr_audit_free(au);
}

/* A note that names the other agreement's article removes the finding; without it, it returns. */
static void test_reason_note(void **state) {
  fixture *f = *state;
  tr_audit *au = NULL;
  tr_provision *p = (tr_provision *)tr_agreement_find_provision(
      tr_catalog_find_agreement(f->cat, "AUD_A"), TR_CATEGORY_CYBERSECURITY_COOPERATION);
  char *saved = g_strdup(tr_provision_get_note(p));
  size_t i = 0;
  /* "Art. 14.40" is not Art. 14.4 */
  assert_int_equal(tr_provision_set_note(p, "unlike Art. 14.40 of the other"), TR_OK);
  assert_int_equal(tr_audit_run(f->cat, f->corpus, &au), TR_OK);
  assert_int_equal(count_kind(au, TR_AUDIT_FINDING_INCONSISTENT, NULL), 2);
  tr_audit_free(au);
  assert_int_equal(tr_provision_set_note(p, "coded soft; pta_9102 codes it hard because ..."), TR_OK);
  assert_int_equal(tr_audit_run(f->cat, f->corpus, &au), TR_OK);
  assert_int_equal(count_kind(au, TR_AUDIT_FINDING_INCONSISTENT, &i), 1);
  assert_int_equal(tr_audit_finding_get_category(au, i), TR_CATEGORY_ONLINE_CONSUMER_PROTECTION);
  tr_audit_free(au);
  assert_int_equal(tr_provision_set_note(p, saved), TR_OK);
  g_free(saved);
}

static void test_without_corpus(void **state) {
  fixture *f = *state;
  tr_audit *au = NULL;
  assert_int_equal(tr_audit_run(f->cat, NULL, &au), TR_OK);
  assert_int_equal(tr_audit_has_corpus(au), 0);
  assert_int_equal(tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_SPANS), 8);
  assert_int_equal(tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_SPANS_UNCHECKED), 8);
  assert_int_equal(tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_SPANS_NOT_FOUND), 0);
  assert_int_equal(count_kind(au, TR_AUDIT_FINDING_INCONSISTENT, NULL), 0);
  assert_int_equal(count_kind(au, TR_AUDIT_FINDING_SPAN_UNCHECKED, NULL), 0); /* counted, not listed */
  assert_int_equal(tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_UNCITED), 1);
  tr_audit_free(au);
}

/* Evidence from documents outside ToTA is counted apart from ToTA spans: never looked up in
 * the corpus, never "unchecked"; a record without URL and official cells without words are
 * reported. */
static const char doc_catalog[] =
  "{\"format\": \"traderules-catalog\", \"version\": 1, \"agreements\": [\n"
  " {\"id\": \"DOC_A\", \"name\": \"Doc A\", \"kind\": \"wto_agreement\", \"provisions\": [\n"
  "  {\"category\": \"general_exceptions\", \"strength\": \"hard\", \"source\": \"GATS\", \"basis\": \"official\",\n"
  "   \"evidence\": [{\"document\": \"GATS (WTO Agreement Annex 1B)\", \"url\": \"https://www.wto.org/gats\",\n"
  "                 \"article\": \"XIV\", \"paragraph\": \"(c)(ii)\", \"span\": \"the protection of the privacy of individuals\"},\n"
  "                {\"document\": \"GATS (WTO Agreement Annex 1B)\", \"article\": \"XIV\", \"span\": \"nothing in this Agreement\"}]},\n"
  "  {\"category\": \"telecom_services\", \"strength\": \"soft\", \"citation\": \"Annex\", \"source\": \"GATS\", \"basis\": \"official\"},\n"
  "  {\"category\": \"source_code\", \"strength\": \"none\", \"source\": \"GATS\", \"basis\": \"official\"},\n"
  "  {\"category\": \"paperless_trading\", \"strength\": \"hard\", \"source\": \"x\", \"basis\": \"text\",\n"
  "   \"evidence\": [{\"tota_id\": 9999, \"article_id\": 1, \"article\": \"1\", \"span\": \"shall\"}]}\n"
  " ]}]}\n";

static void test_document_spans(void **state) {
  fixture *f = *state;
  tr_catalog *cat = NULL;
  tr_audit *au = NULL;
  size_t i = 0;
  assert_int_equal(tr_catalog_new(&cat), TR_OK);
  if (tr_catalog_load_data(cat, doc_catalog, strlen(doc_catalog), "doc.json") != TR_OK)
    fail_msg("%s", tr_error_message());
  for (int with = 0; with < 2; with++) {
    assert_int_equal(tr_audit_run(cat, with ? f->corpus : NULL, &au), TR_OK);
    assert_int_equal(tr_audit_count(au, 0, TR_AUDIT_DOCUMENT_SPANS), 2);
    assert_int_equal(tr_audit_count(au, 0, TR_AUDIT_DOCUMENT_SPANS_NO_URL), 1);
    assert_int_equal(tr_audit_count(au, 0, TR_AUDIT_SPANS), 1); /* the ToTA one only */
    assert_int_equal(tr_audit_count(au, 0, TR_AUDIT_SPANS_UNCHECKED), 1);
    assert_int_equal(tr_audit_count(au, 0, TR_AUDIT_SPANS_NOT_FOUND), 0);
    assert_int_equal(tr_audit_count(au, 0, TR_AUDIT_OFFICIAL_NO_WORDS), 1);
    assert_int_equal(tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_DOCUMENT_SPANS), 2);
    assert_int_equal(tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_OFFICIAL_NO_WORDS), 1);
    assert_int_equal(count_kind(au, TR_AUDIT_FINDING_OFFICIAL_NO_WORDS, &i), 1);
    assert_int_equal(tr_audit_finding_get_category(au, i), TR_CATEGORY_TELECOM_SERVICES);
    assert_non_null(strstr(tr_audit_finding_get_detail(au, i), "soft"));
    assert_int_equal(count_kind(au, TR_AUDIT_FINDING_DOCUMENT_SPAN_NO_URL, &i), 1);
    assert_int_equal(tr_audit_finding_get_category(au, i), TR_CATEGORY_GENERAL_EXCEPTIONS);
    assert_non_null(strstr(tr_audit_finding_get_detail(au, i), "GATS (WTO Agreement Annex 1B) Art. XIV"));
    /* with a corpus, only the ToTA record is listed as unchecked (pta_9999 is not in it) */
    assert_int_equal(count_kind(au, TR_AUDIT_FINDING_SPAN_UNCHECKED, &i), with ? 1 : 0);
    if (with)
      assert_int_equal(tr_audit_finding_get_category(au, i), TR_CATEGORY_PAPERLESS_TRADING);
    tr_audit_free(au);
  }
  tr_catalog_free(cat);
}

static void test_api(void **state) {
  (void)state;
  tr_audit *au = NULL;
  tr_catalog *empty = NULL;
  assert_int_equal(tr_audit_run(NULL, NULL, &au), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_catalog_new(&empty), TR_OK);
  assert_int_equal(tr_audit_run(empty, NULL, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_audit_run(empty, NULL, &au), TR_OK);
  assert_int_equal(tr_audit_agreement_count(au), 0);
  assert_int_equal(tr_audit_count(au, TR_AUDIT_OVERALL, TR_AUDIT_CELLS), 0);
  tr_audit_free(au);
  tr_audit_free(NULL);
  tr_catalog_free(empty);
  assert_string_equal(tr_audit_measure_id(TR_AUDIT_BASIS_LEGACY), "legacy");
  assert_string_equal(tr_audit_measure_id(TR_AUDIT_SPANS_NOT_FOUND), "spans_not_found");
  assert_null(tr_audit_measure_id(TR_AUDIT_MEASURE_COUNT));
  assert_null(tr_audit_measure_id((tr_audit_measure)(TR_AUDIT_OFFICIAL_NO_WORDS + 1)));
  assert_string_equal(tr_audit_finding_kind_id(TR_AUDIT_FINDING_INCONSISTENT), "inconsistent");
  assert_string_equal(tr_audit_measure_id(TR_AUDIT_DOCUMENT_SPANS), "document_spans");
  assert_string_equal(tr_audit_measure_id(TR_AUDIT_DOCUMENT_SPANS_NO_URL), "document_spans_no_url");
  assert_string_equal(tr_audit_measure_id(TR_AUDIT_OFFICIAL_NO_WORDS), "official_no_words");
  assert_string_equal(tr_audit_finding_kind_id(TR_AUDIT_FINDING_OFFICIAL_NO_WORDS), "official_no_words");
  assert_string_equal(tr_audit_finding_kind_id(TR_AUDIT_FINDING_DOCUMENT_SPAN_NO_URL),
                      "document_span_no_url");
  assert_null(tr_audit_finding_kind_id((tr_audit_finding_kind)99));
  assert_int_equal(tr_audit_agreement_count(NULL), 0);
  assert_int_equal(tr_audit_finding_count(NULL), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_with_corpus),
    cmocka_unit_test(test_reason_note),
    cmocka_unit_test(test_without_corpus),
    cmocka_unit_test(test_document_spans),
    cmocka_unit_test(test_api),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
