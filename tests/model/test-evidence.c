/* The evidence members of a provision (basis, draft, review, evidence spans, exception scope):
 * the C API, JSON load (with located errors), and lossless save. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <traderules/traderules.h>

#include "catalog-compare.h"

#define FIXTURE TR_FIXTURES_DIR "/model/evidence.json"

static tr_catalog *load_fixture(void) {
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  if (tr_catalog_load_file(c, FIXTURE) != TR_OK)
    fail_msg("%s", tr_error_message());
  return c;
}

static void test_load_fixture(void **state) {
  (void)state;
  tr_catalog *c = load_fixture();
  const tr_agreement *a = tr_catalog_find_agreement(c, "EVA");
  tr_strength draft = TR_STRENGTH_UNKNOWN;
  assert_non_null(a);

  const tr_provision *p = tr_agreement_find_provision(a, TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS);
  assert_int_equal(tr_provision_get_basis(p), TR_BASIS_CODER_CONFIRMED);
  assert_int_equal(tr_provision_get_review(p), TR_REVIEW_CONFIRMED);
  assert_int_equal(tr_provision_get_draft(p, &draft), 1);
  assert_int_equal(draft, TR_STRENGTH_HARD);
  assert_int_equal(tr_provision_evidence_count(p), 1);
  const tr_cell_evidence *e = tr_provision_evidence_at(p, 0);
  assert_int_equal(tr_cell_evidence_get_tota_id(e), 9001);
  assert_int_equal(tr_cell_evidence_get_article_id(e), 77);
  assert_string_equal(tr_cell_evidence_get_article(e), "16.3");
  assert_string_equal(tr_cell_evidence_get_paragraph(e), "1");
  assert_non_null(strstr(tr_cell_evidence_get_span(e), "shall not apply customs duties"));
  assert_null(tr_provision_evidence_at(p, 1));
  assert_null(tr_provision_get_exception_scope(p));

  p = tr_agreement_find_provision(a, TR_CATEGORY_ONLINE_CONSUMER_PROTECTION);
  assert_int_equal(tr_provision_get_basis(p), TR_BASIS_TEXT);
  assert_int_equal(tr_provision_get_review(p), TR_REVIEW_CORRECTED);
  assert_int_equal(tr_provision_get_draft(p, &draft), 1);
  assert_int_equal(draft, TR_STRENGTH_SOFT);
  assert_int_equal(tr_provision_evidence_count(p), 2);
  assert_null(tr_cell_evidence_get_paragraph(tr_provision_evidence_at(p, 1)));

  assert_null(tr_cell_evidence_get_document(tr_provision_evidence_at(p, 0)));
  assert_null(tr_cell_evidence_get_url(tr_provision_evidence_at(p, 0)));

  /* evidence from a document outside ToTA */
  p = tr_agreement_find_provision(a, TR_CATEGORY_ECOM_GENERAL);
  assert_int_equal(tr_provision_get_basis(p), TR_BASIS_OFFICIAL);
  assert_int_equal(tr_provision_evidence_count(p), 2);
  e = tr_provision_evidence_at(p, 0);
  assert_int_equal(tr_cell_evidence_get_tota_id(e), 0);
  assert_int_equal(tr_cell_evidence_get_article_id(e), 0);
  assert_string_equal(tr_cell_evidence_get_document(e), "Fixture Agreement (Official Journal L 1, 2004)");
  assert_string_equal(tr_cell_evidence_get_url(e), "https://example.org/oj/L1-2004.html#ch16");
  assert_string_equal(tr_cell_evidence_get_article(e), "16.1");
  assert_string_equal(tr_cell_evidence_get_paragraph(e), "1");
  e = tr_provision_evidence_at(p, 1);
  assert_non_null(tr_cell_evidence_get_document(e));
  assert_null(tr_cell_evidence_get_url(e));
  assert_null(tr_cell_evidence_get_paragraph(e));

  p = tr_agreement_find_provision(a, TR_CATEGORY_SOURCE_CODE);
  assert_int_equal(tr_provision_get_basis(p), TR_BASIS_UNKNOWN);
  assert_int_equal(tr_provision_get_review(p), TR_REVIEW_UNSET);
  assert_int_equal(tr_provision_get_draft(p, &draft), 0);
  assert_int_equal(tr_provision_evidence_count(p), 0);

  p = tr_agreement_find_provision(a, TR_CATEGORY_GENERAL_EXCEPTIONS);
  assert_int_equal(tr_provision_get_draft(p, &draft), 1);
  assert_int_equal(draft, TR_STRENGTH_NONE);
  assert_int_equal(tr_provision_get_review(p), TR_REVIEW_ADDED);
  const tr_exception_scope *s = tr_provision_get_exception_scope(p);
  assert_non_null(s);
  assert_int_equal(tr_exception_scope_get_breadth(s), TR_SCOPE_GENERAL);
  assert_int_equal(tr_exception_scope_get_form(s), TR_SCOPE_INCORPORATED);
  assert_int_equal(tr_exception_scope_get_self_judging(s), 0);
  assert_int_equal(tr_exception_scope_incorporates_count(s), 1);
  assert_string_equal(tr_exception_scope_incorporates_at(s, 0), "GATS XIV");
  assert_null(tr_exception_scope_incorporates_at(s, 1));
  assert_int_equal(tr_exception_scope_chapter_count(s), 2);
  assert_string_equal(tr_exception_scope_chapter_at(s, 1), "electronic_commerce");

  p = tr_agreement_find_provision(a, TR_CATEGORY_SECURITY_EXCEPTION);
  assert_int_equal(tr_provision_get_basis(p), TR_BASIS_SECONDARY);
  s = tr_provision_get_exception_scope(p);
  assert_int_equal(tr_exception_scope_get_breadth(s), TR_SCOPE_MEASURE);
  assert_int_equal(tr_exception_scope_get_form(s), TR_SCOPE_STANDALONE);
  assert_int_equal(tr_exception_scope_get_self_judging(s), 1);
  assert_int_equal(tr_exception_scope_incorporates_count(s), 0);
  assert_string_equal(tr_exception_scope_chapter_at(s, 0), "all");

  assert_int_equal(tr_provision_get_basis(tr_agreement_find_provision(a, TR_CATEGORY_ECOM_GENERAL)),
                   TR_BASIS_OFFICIAL);
  tr_catalog_free(c);
}

/* load -> save -> load gives an equal catalog, and save is a fixed point. */
static void test_round_trip(void **state) {
  (void)state;
  tr_catalog *c = load_fixture(), *d = NULL;
  char *j1 = NULL, *j2 = NULL;
  assert_int_equal(tr_catalog_to_json(c, &j1), TR_OK);
  assert_non_null(strstr(j1, "\"exception_scope\""));
  assert_non_null(strstr(j1, "\"self_judging\": true"));
  assert_non_null(strstr(j1, "\"draft\": \"none\""));
  assert_int_equal(tr_catalog_new(&d), TR_OK);
  if (tr_catalog_load_data(d, j1, strlen(j1), "saved.json") != TR_OK)
    fail_msg("%s", tr_error_message());
  assert_same_agreement(tr_catalog_find_agreement(c, "EVA"), tr_catalog_find_agreement(d, "EVA"));
  assert_int_equal(tr_catalog_to_json(d, &j2), TR_OK);
  assert_string_equal(j1, j2);
  g_free(j1);
  g_free(j2);
  assert_round_trip(c);
  tr_catalog_free(c);
  tr_catalog_free(d);
}

static void test_api(void **state) {
  (void)state;
  tr_provision *p = NULL;
  tr_cell_evidence *e = NULL;
  tr_exception_scope *s = NULL;
  tr_basis b;
  tr_review r;
  tr_scope_breadth br;
  tr_scope_form f;
  tr_strength d = TR_STRENGTH_HARD;

  /* enums */
  assert_string_equal(tr_basis_id(TR_BASIS_CODER_CONFIRMED), "coder_confirmed");
  assert_null(tr_basis_id(TR_BASIS_UNSET));
  assert_null(tr_basis_id((tr_basis)6));
  assert_int_equal(tr_basis_from_id("secondary", &b), TR_OK);
  assert_int_equal(b, TR_BASIS_SECONDARY);
  assert_int_equal(tr_basis_from_id("legacy", &b), TR_ERR_NOT_FOUND);
  assert_int_equal(tr_basis_from_id(NULL, &b), TR_ERR_INVALID_ARG);
  assert_string_equal(tr_review_id(TR_REVIEW_ADDED), "added");
  assert_null(tr_review_id(TR_REVIEW_UNSET));
  assert_int_equal(tr_review_from_id("rejected", &r), TR_OK);
  assert_int_equal(r, TR_REVIEW_REJECTED);
  assert_int_equal(tr_scope_breadth_from_id("sector", &br), TR_OK);
  assert_int_equal(br, TR_SCOPE_SECTOR);
  assert_int_equal(tr_scope_form_from_id("incorporated", &f), TR_OK);
  assert_int_equal(f, TR_SCOPE_INCORPORATED);
  assert_null(tr_scope_form_id((tr_scope_form)0));
  assert_int_equal(tr_scope_breadth_from_id("wide", &br), TR_ERR_NOT_FOUND);

  assert_int_equal(tr_provision_new(TR_CATEGORY_SOURCE_CODE, TR_STRENGTH_HARD, &p), TR_OK);
  /* defaults */
  assert_int_equal(tr_provision_get_basis(p), TR_BASIS_UNSET);
  assert_int_equal(tr_provision_get_review(p), TR_REVIEW_UNSET);
  assert_int_equal(tr_provision_get_draft(p, &d), 0);
  assert_int_equal(d, TR_STRENGTH_HARD); /* untouched */
  assert_int_equal(tr_provision_evidence_count(p), 0);
  assert_null(tr_provision_evidence_at(p, 0));
  assert_null(tr_provision_get_exception_scope(p));
  /* setters */
  assert_int_equal(tr_provision_set_basis(p, TR_BASIS_TEXT), TR_OK);
  assert_int_equal(tr_provision_set_basis(p, (tr_basis)9), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_get_basis(p), TR_BASIS_TEXT);
  assert_int_equal(tr_provision_set_review(p, (tr_review)5), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_set_review(p, TR_REVIEW_CORRECTED), TR_OK);
  assert_int_equal(tr_provision_set_draft(p, 1, (tr_strength)7), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_set_draft(p, 1, TR_STRENGTH_NONE), TR_OK);
  assert_int_equal(tr_provision_get_draft(p, NULL), 1);
  assert_int_equal(tr_provision_get_draft(p, &d), 1);
  assert_int_equal(d, TR_STRENGTH_NONE);
  assert_int_equal(tr_provision_set_draft(p, 0, TR_STRENGTH_HARD), TR_OK);
  assert_int_equal(tr_provision_get_draft(p, NULL), 0);
  assert_int_equal(tr_provision_set_basis(NULL, TR_BASIS_TEXT), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_get_basis(NULL), TR_BASIS_UNSET);

  /* evidence */
  assert_int_equal(tr_cell_evidence_new(0, 1, "1", NULL, "x", &e), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new(1, -1, "1", NULL, "x", &e), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new(1, 1, NULL, NULL, "x", &e), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new(1, 1, " ", NULL, "x", &e), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new(1, 1, "1", "", "x", &e), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new(1, 1, "1", NULL, " \n", &e), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new(1, 1, "1", NULL, "\xff", &e), TR_ERR_ENCODING);
  GString *words = g_string_new(NULL);
  for (int i = 0; i < TR_EVIDENCE_MAX_WORDS; i++)
    g_string_append(words, i ? "  word" : "word");
  assert_int_equal(tr_cell_evidence_new(1, 1, "1", NULL, words->str, &e), TR_OK); /* 40: fine */
  tr_cell_evidence_free(e);
  g_string_append(words, "\tmore");
  assert_int_equal(tr_cell_evidence_new(1, 1, "1", NULL, words->str, &e), TR_ERR_INVALID_ARG);
  assert_non_null(strstr(tr_error_message(), "41 words"));
  g_string_free(words, TRUE);
  assert_int_equal(tr_cell_evidence_new(52, 0, "14.3", "1", "shall not", &e), TR_OK);
  assert_int_equal(tr_provision_add_evidence(p, e), TR_OK);
  assert_int_equal(tr_provision_add_evidence(p, e), TR_ERR_INVALID_ARG); /* already owned */
  assert_int_equal(tr_provision_add_evidence(p, NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_evidence_count(p), 1);
  assert_ptr_equal(tr_provision_evidence_at(p, 0), e);
  assert_int_equal(tr_cell_evidence_get_article_id(e), 0);
  assert_int_equal(tr_cell_evidence_get_article_id(NULL), -1);
  assert_int_equal(tr_cell_evidence_get_tota_id(NULL), 0);
  assert_null(tr_cell_evidence_get_span(NULL));
  assert_null(tr_cell_evidence_get_document(NULL));
  assert_null(tr_cell_evidence_get_url(NULL));

  /* evidence from a document outside ToTA */
  tr_cell_evidence *d1 = NULL;
  assert_int_equal(tr_cell_evidence_new_document(NULL, NULL, "1", NULL, "x", &d1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new_document(" ", NULL, "1", NULL, "x", &d1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new_document("\xff", NULL, "1", NULL, "x", &d1), TR_ERR_ENCODING);
  assert_int_equal(tr_cell_evidence_new_document("GATS", "ftp://x.org/a", "XIV", NULL, "x", &d1),
                   TR_ERR_INVALID_ARG);
  assert_non_null(strstr(tr_error_message(), "http"));
  assert_int_equal(tr_cell_evidence_new_document("GATS", "www.wto.org/gats", "XIV", NULL, "x", &d1),
                   TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new_document("GATS", "https://", "XIV", NULL, "x", &d1),
                   TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new_document("GATS", "https:///path", "XIV", NULL, "x", &d1),
                   TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new_document("GATS", "https://wto.org/a b", "XIV", NULL, "x", &d1),
                   TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new_document("GATS", NULL, " ", NULL, "x", &d1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new_document("GATS", NULL, "XIV", "", "x", &d1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new_document("GATS", NULL, "XIV", NULL, "", &d1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_cell_evidence_new_document("GATS", NULL, "XIV", NULL, "x", NULL), TR_ERR_INVALID_ARG);
  GString *w41 = g_string_new(NULL);
  for (int i = 0; i <= TR_EVIDENCE_MAX_WORDS; i++)
    g_string_append(w41, "word ");
  assert_int_equal(tr_cell_evidence_new_document("GATS", NULL, "XIV", NULL, w41->str, &d1),
                   TR_ERR_INVALID_ARG);
  assert_non_null(strstr(tr_error_message(), "41 words"));
  g_string_free(w41, TRUE);
  assert_null(d1);
  assert_int_equal(tr_cell_evidence_new_document("GATS (WTO Agreement Annex 1B)",
                                                 "HTTP://www.wto.org/english/docs_e/legal_e/26-gats.pdf",
                                                 "XIV", "(c)(ii)", "the protection of the privacy of individuals",
                                                 &d1), TR_OK);
  assert_int_equal(tr_cell_evidence_get_tota_id(d1), 0);
  assert_int_equal(tr_cell_evidence_get_article_id(d1), 0);
  assert_string_equal(tr_cell_evidence_get_document(d1), "GATS (WTO Agreement Annex 1B)");
  assert_string_equal(tr_cell_evidence_get_url(d1), "HTTP://www.wto.org/english/docs_e/legal_e/26-gats.pdf");
  assert_string_equal(tr_cell_evidence_get_paragraph(d1), "(c)(ii)");
  assert_int_equal(tr_provision_add_evidence(p, d1), TR_OK);

  /* scope */
  assert_int_equal(tr_exception_scope_new((tr_scope_breadth)0, TR_SCOPE_STANDALONE, &s), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_exception_scope_new(TR_SCOPE_SECTOR, (tr_scope_form)3, &s), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_exception_scope_new(TR_SCOPE_SECTOR, TR_SCOPE_STANDALONE, &s), TR_OK);
  assert_int_equal(tr_exception_scope_add_chapter(s, "services"), TR_OK);
  assert_int_equal(tr_exception_scope_add_chapter(s, "services"), TR_ERR_DUPLICATE);
  assert_int_equal(tr_exception_scope_add_chapter(s, "cross border"), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_exception_scope_add_incorporates(s, "GATT XX"), TR_OK);
  assert_int_equal(tr_exception_scope_add_incorporates(s, "GATT XX"), TR_ERR_DUPLICATE);
  assert_int_equal(tr_exception_scope_add_incorporates(s, ""), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_exception_scope_set_self_judging(s, 5), TR_OK);
  assert_int_equal(tr_exception_scope_get_self_judging(s), 1);
  assert_int_equal(tr_exception_scope_set_self_judging(NULL, 1), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_provision_set_exception_scope(p, s), TR_OK);
  assert_int_equal(tr_provision_set_exception_scope(p, s), TR_OK); /* same: kept */
  assert_ptr_equal(tr_provision_get_exception_scope(p), s);
  assert_int_equal(tr_exception_scope_new(TR_SCOPE_MEASURE, TR_SCOPE_INCORPORATED, &s), TR_OK);
  assert_int_equal(tr_provision_set_exception_scope(p, s), TR_OK); /* replaces, frees the old */
  assert_int_equal(tr_exception_scope_get_breadth(tr_provision_get_exception_scope(p)), TR_SCOPE_MEASURE);
  assert_int_equal(tr_exception_scope_chapter_count(tr_provision_get_exception_scope(p)), 0);
  assert_int_equal(tr_exception_scope_get_breadth(NULL), 0);
  assert_int_equal(tr_exception_scope_chapter_count(NULL), 0);

  /* into a catalog and out as JSON: the members are written */
  tr_catalog *c = NULL;
  tr_agreement *a = NULL;
  char *json = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  assert_int_equal(tr_agreement_new("API", "api", &a), TR_OK);
  assert_int_equal(tr_agreement_add_provision(a, p), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(c, a), TR_OK);
  assert_int_equal(tr_catalog_to_json(c, &json), TR_OK);
  assert_non_null(strstr(json, "\"basis\": \"text\""));
  assert_non_null(strstr(json, "\"review\": \"corrected\""));
  assert_null(strstr(json, "\"draft\""));
  assert_non_null(strstr(json, "\"article_id\": 0"));
  assert_non_null(strstr(json, "\"document\": \"GATS (WTO Agreement Annex 1B)\""));
  assert_non_null(strstr(json, "\"url\": \"HTTP://www.wto.org/"));
  assert_non_null(strstr(json, "\"breadth\": \"measure\""));
  assert_non_null(strstr(json, "\"self_judging\": false"));
  assert_round_trip(c);
  g_free(json);
  tr_catalog_free(c);
  tr_exception_scope_free(NULL);
  tr_cell_evidence_free(NULL);
}

/* ---- errors: code, field path and position ---- */

typedef struct {
  const char *prov; /* the provision object, inside a fixed agreement */
  int code;
  const char *field;
  const char *marker; /* text whose first occurrence is the reported position */
} error_case;

#define OKP "\"category\": \"source_code\", \"strength\": \"hard\""
static const error_case cases[] = {
  { "{" OKP ", \"basis\": \"read\"}", TR_ERR_SCHEMA, "agreements[0].provisions[0].basis", "\"read\"" },
  { "{" OKP ", \"basis\": 3}", TR_ERR_SCHEMA, "agreements[0].provisions[0].basis", "3}" },
  { "{" OKP ", \"draft\": \"binding\"}", TR_ERR_SCHEMA, "agreements[0].provisions[0].draft", "\"binding\"" },
  { "{" OKP ", \"review\": \"ok\", \"draft\": \"hard\"}", TR_ERR_SCHEMA, "agreements[0].provisions[0].review", "\"ok\"" },
  { "{" OKP ", \"evidence\": {}}", TR_ERR_SCHEMA, "agreements[0].provisions[0].evidence", "{}}" },
  { "{" OKP ", \"evidence\": [7]}", TR_ERR_SCHEMA, "agreements[0].provisions[0].evidence[0]", "7]" },
  { "{" OKP ", \"evidence\": [{\"tota_id\": 1, \"article_id\": 2, \"article\": \"1\"}]}", TR_ERR_SCHEMA,
    "agreements[0].provisions[0].evidence[0].span", "{\"tota_id\"" },
  { "{" OKP ", \"evidence\": [{\"tota_id\": 0, \"article_id\": 2, \"article\": \"1\", \"span\": \"x\"}]}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].evidence[0].tota_id", "0," },
  { "{" OKP ", \"evidence\": [{\"tota_id\": 1, \"article_id\": \"2\", \"article\": \"1\", \"span\": \"x\"}]}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].evidence[0].article_id", "\"2\"" },
  { "{" OKP ", \"evidence\": [{\"tota_id\": 1, \"article_id\": 2, \"article\": \"1\", \"span\": \"x\", \"page\": 3}]}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].evidence[0].page", "\"page\"" },
  { "{" OKP ", \"evidence\": [{\"tota_id\": 1, \"article_id\": 2, \"article\": \"1\", \"span\": \"  \"}]}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].evidence[0].span", "\"  \"" },
  { "{" OKP ", \"evidence\": [{\"tota_id\": 1, \"article_id\": 2, \"article\": \"1\", \"span\": \""
    "a b c d e f g h i j a b c d e f g h i j a b c d e f g h i j a b c d e f g h i j k\"}]}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].evidence[0].span", "\"a b" },
  { "{" OKP ", \"evidence\": [{\"article\": \"1\", \"span\": \"x\"}]}", TR_ERR_SCHEMA,
    "agreements[0].provisions[0].evidence[0].tota_id", "{\"article\"" },
  { "{" OKP ", \"evidence\": [{\"tota_id\": 1, \"article_id\": 2, \"document\": \"GATS\", \"article\": \"1\", \"span\": \"x\"}]}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].evidence[0].document", "\"GATS\"" },
  { "{" OKP ", \"evidence\": [{\"tota_id\": 1, \"article\": \"1\", \"span\": \"x\"}]}", TR_ERR_SCHEMA,
    "agreements[0].provisions[0].evidence[0].article_id", "{\"tota_id\"" },
  { "{" OKP ", \"evidence\": [{\"document\": \"GATS\", \"article_id\": 3, \"article\": \"1\", \"span\": \"x\"}]}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].evidence[0].article_id", "3," },
  { "{" OKP ", \"evidence\": [{\"tota_id\": 1, \"article_id\": 2, \"url\": \"https://a.org\", \"article\": \"1\", \"span\": \"x\"}]}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].evidence[0].url", "\"https:" },
  { "{" OKP ", \"evidence\": [{\"document\": \"GATS\", \"url\": \"file:///etc/gats\", \"article\": \"1\", \"span\": \"x\"}]}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].evidence[0].url", "\"file:" },
  { "{" OKP ", \"evidence\": [{\"document\": \" \", \"article\": \"1\", \"span\": \"x\"}]}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].evidence[0].document", "\" \"" },
  { "{" OKP ", \"evidence\": [{\"document\": 5, \"article\": \"1\", \"span\": \"x\"}]}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].evidence[0].document", "5," },
  { "{" OKP ", \"evidence\": [{\"document\": \"GATS\", \"article\": \"1\", \"span\": \""
    "a b c d e f g h i j a b c d e f g h i j a b c d e f g h i j a b c d e f g h i j k\"}]}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].evidence[0].span", "\"a b" },
  { "{" OKP ", \"exception_scope\": \"wide\"}", TR_ERR_SCHEMA, "agreements[0].provisions[0].exception_scope", "\"wide\"" },
  { "{" OKP ", \"exception_scope\": {\"form\": \"standalone\"}}", TR_ERR_SCHEMA,
    "agreements[0].provisions[0].exception_scope.breadth", "{\"form\"" },
  { "{" OKP ", \"exception_scope\": {\"breadth\": \"all\", \"form\": \"standalone\"}}", TR_ERR_SCHEMA,
    "agreements[0].provisions[0].exception_scope.breadth", "\"all\"" },
  { "{" OKP ", \"exception_scope\": {\"breadth\": \"sector\", \"form\": \"standalone\", \"self_judging\": 1}}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].exception_scope.self_judging", "1}" },
  { "{" OKP ", \"exception_scope\": {\"breadth\": \"sector\", \"form\": \"standalone\", \"chapters\": [\"all\", \"all\"]}}",
    TR_ERR_DUPLICATE, "agreements[0].provisions[0].exception_scope.chapters[1]", "\"all\"]" },
  { "{" OKP ", \"exception_scope\": {\"breadth\": \"sector\", \"form\": \"standalone\", \"incorporates\": [\"GATS XIV\", 2]}}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].exception_scope.incorporates[1]", "2]" },
  { "{" OKP ", \"exception_scope\": {\"breadth\": \"sector\", \"form\": \"standalone\", \"scope\": 1}}",
    TR_ERR_SCHEMA, "agreements[0].provisions[0].exception_scope.scope", "\"scope\"" },
};

static void test_errors(void **state) {
  (void)state;
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    const error_case *k = &cases[i];
    char *json = g_strdup_printf("{\"format\": \"traderules-catalog\", \"version\": 1, \"agreements\": "
                                 "[{\"id\": \"X\", \"name\": \"x\", \"provisions\": [%s]}]}", k->prov);
    tr_catalog *c = NULL;
    assert_int_equal(tr_catalog_new(&c), TR_OK);
    int rc = tr_catalog_load_data(c, json, strlen(json), "case.json");
    if (rc != k->code)
      fail_msg("case %zu: expected %s, got %s: %s", i, tr_status_id(k->code), tr_status_id(rc),
               tr_error_message());
    if (!tr_error_field() || strcmp(tr_error_field(), k->field) != 0)
      fail_msg("case %zu: field '%s', expected '%s' (%s)", i,
               tr_error_field() ? tr_error_field() : "(null)", k->field, tr_error_message());
    const char *at = strstr(json, k->marker);
    assert_non_null(at);
    if (tr_error_line() != 1 || tr_error_column() != (long)(at - json) + 1)
      fail_msg("case %zu: position %ld:%ld, expected 1:%ld (%s)", i, tr_error_line(),
               tr_error_column(), (long)(at - json) + 1, tr_error_message());
    assert_int_equal(tr_catalog_agreement_count(c), 0);
    tr_catalog_free(c);
    g_free(json);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_load_fixture),
    cmocka_unit_test(test_round_trip),
    cmocka_unit_test(test_api),
    cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
