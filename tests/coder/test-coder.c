/* Tests for the automatic coder: categories, strength, scope, exceptions,
 * evidence spans, agreement records and rules-file errors. The clauses are
 * short synthetic texts written for these tests. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <traderules/traderules.h>

static const char *ECOM = "Electronic Commerce";

static tr_coder *default_coder(void) {
  tr_coder *c = NULL;
  assert_int_equal(tr_coder_new(&c), TR_OK);
  assert_non_null(c);
  return c;
}

static tr_coding *code(const tr_coder *c, const char *title, const char *chapter,
                       const char *text) {
  tr_coding *cd = NULL;
  int rc = tr_coder_code_text(c, title, chapter, text, &cd);
  if (rc)
    fail_msg("coding failed: %s", tr_error_message());
  return cd;
}

/* Every evidence span must point at its text in the input. */
static void check_spans(const tr_coding *cd) {
  for (size_t i = 0; i < tr_coding_assignment_count(cd); i++) {
    const tr_assignment *a = tr_coding_assignment_at(cd, i);
    assert_true(tr_assignment_evidence_count(a) > 0);
    for (size_t k = 0; k < tr_assignment_evidence_count(a); k++) {
      const tr_evidence *e = tr_assignment_evidence_at(a, k);
      const char *in = tr_coding_get_input(cd, tr_evidence_get_field(e));
      size_t off = tr_evidence_get_offset(e), len = tr_evidence_get_length(e);
      assert_true(off + len <= strlen(in));
      assert_int_equal(strncmp(in + off, tr_evidence_get_text(e), len), 0);
      assert_int_equal(strlen(tr_evidence_get_text(e)), len);
      assert_non_null(tr_evidence_get_rule(e));
    }
  }
}

/* Is there evidence of @kind whose text is @text (case-sensitive)? */
static const tr_evidence *find_evidence(const tr_assignment *a, tr_evidence_kind kind,
                                        const char *text) {
  for (size_t k = 0; k < tr_assignment_evidence_count(a); k++) {
    const tr_evidence *e = tr_assignment_evidence_at(a, k);
    if (tr_evidence_get_kind(e) == kind && (!text || strcmp(tr_evidence_get_text(e), text) == 0))
      return e;
  }
  return NULL;
}

static void test_default_rules_load(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  assert_string_equal(tr_coder_get_name(c), "default");
  assert_int_equal(tr_coder_rule_count(c), (size_t)tr_category_count());
  assert_true(tr_coder_pattern_count(c) > 200);
  tr_coder_free(c);
  tr_coder_free(NULL);
}

static void test_hard_prohibition(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  const char *text = "No Party shall impose customs duties on electronic transmissions.";
  tr_coding *cd = code(c, "Customs Duties", ECOM, text);
  const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_HARD);
  const tr_evidence *e = find_evidence(a, TR_EVIDENCE_STRENGTH, "No Party shall");
  assert_non_null(e);
  assert_int_equal(tr_evidence_get_offset(e), 0);
  assert_int_equal(tr_evidence_get_length(e), 14);
  assert_string_equal(tr_evidence_get_rule(e), "hard.shall");
  assert_int_equal(tr_evidence_get_strength(e), TR_STRENGTH_HARD);
  /* The title is evidence of the category. */
  e = find_evidence(a, TR_EVIDENCE_CATEGORY, "Customs Duties");
  assert_non_null(e);
  assert_int_equal(tr_evidence_get_field(e), TR_TEXT_FIELD_ARTICLE_TITLE);
  check_spans(cd);
  tr_coding_free(cd);
  tr_coder_free(c);
}

static void test_shall_not_deny_is_hard(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  tr_coding *cd = code(c, "Electronic Signatures", ECOM,
                       "A Party shall not deny the legal validity of a signature solely on the "
                       "basis that the signature is in electronic form.");
  const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_ELECTRONIC_AUTHENTICATION_SIGNATURES);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_HARD);
  assert_non_null(find_evidence(a, TR_EVIDENCE_STRENGTH, "shall not"));
  tr_coding_free(cd);
  tr_coder_free(c);
}

static void test_shall_not_apply_duties_is_hard(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  /* "shall not apply customs duties" prohibits; "shall not apply to" limits. */
  tr_coding *cd = code(c, "Digital Products", ECOM,
                       "A Party shall not apply customs duties on digital products.");
  const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_HARD);
  tr_coding_free(cd);
  cd = code(c, "Customs Duties", ECOM,
            "This Article shall not apply to customs duties on goods delivered physically.");
  a = tr_coding_find(cd, TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_UNKNOWN);
  assert_non_null(find_evidence(a, TR_EVIDENCE_SCOPE, "shall not apply to"));
  tr_coding_free(cd);
  tr_coder_free(c);
}

static void test_endeavour_before_shall(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  const char *variants[] = {
    "Each Party shall endeavour to accept trade administration documents submitted electronically.",
    "Each Party shall endeavor to accept trade administration documents submitted electronically.",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(variants); i++) {
    tr_coding *cd = code(c, NULL, ECOM, variants[i]);
    const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_PAPERLESS_TRADING);
    assert_non_null(a);
    assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_SOFT);
    assert_int_equal(tr_assignment_hard_count(a), 0);
    const tr_evidence *e = find_evidence(a, TR_EVIDENCE_STRENGTH, NULL);
    assert_non_null(e);
    assert_string_equal(tr_evidence_get_rule(e), "soft.endeavour");
    assert_true(g_str_has_prefix(tr_evidence_get_text(e), "shall endeavo"));
    check_spans(cd);
    tr_coding_free(cd);
  }
  tr_coder_free(c);
}

static void test_soft_cues(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  const char *texts[] = {
    "The Parties should work to protect consumers engaged in electronic commerce.",
    "The Parties shall cooperate on consumer protection in electronic commerce.",
    "The Parties shall maintain a dialogue on the protection of consumers.",
    "The Parties recognise the importance of consumer protection.",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
    tr_coding *cd = code(c, NULL, ECOM, texts[i]);
    const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_ONLINE_CONSUMER_PROTECTION);
    assert_non_null(a);
    assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_SOFT);
    tr_coding_free(cd);
  }
  tr_coder_free(c);
}

static void test_mixed_paragraphs(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  const char *text =
      "1. Each Party shall adopt or maintain consumer protection laws to proscribe fraudulent and "
      "deceptive commercial activities.\n\n"
      "2. Each Party shall endeavour to make its consumer protection laws public.";
  tr_coding *cd = code(c, "Online Consumer Protection", ECOM, text);
  assert_int_equal(tr_coding_paragraph_count(cd), 2);
  size_t off = 0, len = 0;
  assert_int_equal(tr_coding_paragraph_at(cd, 0, &off, &len), TR_STRENGTH_HARD);
  assert_int_equal(off, 0);
  assert_int_equal(tr_coding_paragraph_at(cd, 1, &off, NULL), TR_STRENGTH_SOFT);
  assert_true(g_str_has_prefix(text + off, "2. Each"));
  assert_int_equal(tr_coding_paragraph_at(cd, 2, NULL, NULL), TR_STRENGTH_UNKNOWN);
  const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_ONLINE_CONSUMER_PROTECTION);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_MIXED);
  assert_int_equal(tr_assignment_hard_count(a), 1);
  assert_int_equal(tr_assignment_soft_count(a), 1);
  check_spans(cd);
  tr_coding_free(cd);
  tr_coder_free(c);
}

static void test_recital_does_not_make_mixed(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  const char *text =
      "1. The Parties recognise that each Party may have its own regulatory requirements.\n\n"
      "2. Each Party shall allow the cross-border transfer of information by electronic means.";
  tr_coding *cd = code(c, "Cross-Border Transfer of Information by Electronic Means", ECOM, text);
  const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_HARD);
  /* A recital alone is soft. */
  tr_coding *cd2 = code(c, NULL, ECOM,
                        "The Parties recognise the importance of the free flow of data.");
  a = tr_coding_find(cd2, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_SOFT);
  tr_coding_free(cd);
  tr_coding_free(cd2);
  tr_coder_free(c);
}

static void test_nothing_shall_prevent_is_exception(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  const char *text =
      "Nothing in this Article shall prevent a Party from adopting or maintaining measures "
      "inconsistent with paragraph 2 to achieve a legitimate public policy objective.";
  tr_coding *cd = code(c, "Cross-Border Transfer of Information by Electronic Means", ECOM, text);
  /* The obligation category gets no strength from a limiting clause. */
  const tr_assignment *flows = tr_coding_find(cd, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS);
  assert_non_null(flows);
  assert_int_equal(tr_assignment_get_strength(flows), TR_STRENGTH_UNKNOWN);
  assert_null(find_evidence(flows, TR_EVIDENCE_STRENGTH, NULL));
  assert_non_null(find_evidence(flows, TR_EVIDENCE_SCOPE, "Nothing in"));
  assert_true(tr_assignment_get_exceptions(flows) & TR_EXCEPTION_LPPO);
  /* The exception category is binding. */
  const tr_assignment *gen = tr_coding_find(cd, TR_CATEGORY_GENERAL_EXCEPTIONS);
  assert_non_null(gen);
  assert_int_equal(tr_assignment_get_strength(gen), TR_STRENGTH_HARD);
  const tr_evidence *e = find_evidence(gen, TR_EVIDENCE_EXCEPTION, NULL);
  assert_non_null(e);
  assert_int_equal(tr_evidence_get_exception(e), TR_EXCEPTION_LPPO);
  assert_string_equal(tr_evidence_get_text(e), "legitimate public policy objective");
  check_spans(cd);
  tr_coding_free(cd);
  tr_coder_free(c);
}

static void test_shall_not_be_required_is_not_obligation(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  tr_coding *cd = code(c, "Source Code", ECOM,
                       "A Party shall not be required to disclose the source code of software.");
  const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_SOURCE_CODE);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_UNKNOWN);
  tr_coding_free(cd);
  tr_coder_free(c);
}

static void test_scope_exclusion_carries_exception(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  const char *text = "1. No Party shall accord less favourable treatment to digital products of "
                     "another Party.\n\n2. This Article shall not apply to broadcasting.";
  tr_coding *cd = code(c, "Non-Discriminatory Treatment of Digital Products", ECOM, text);
  const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_NONDISCRIMINATION_DIGITAL_PRODUCTS);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_HARD);
  assert_true(tr_assignment_get_exceptions(a) & TR_EXCEPTION_BROADCASTING);
  const tr_assignment *av = tr_coding_find(cd, TR_CATEGORY_AUDIOVISUAL_CULTURAL_EXCEPTION);
  assert_non_null(av);
  assert_int_equal(tr_assignment_get_strength(av), TR_STRENGTH_HARD);
  /* "broadcasting" outside a limiting clause is no exception. */
  tr_coding *cd2 = code(c, "Digital Products", ECOM,
                        "No Party shall accord less favourable treatment to digital products, "
                        "including broadcasting content.");
  assert_false(tr_coding_get_exceptions(cd2) & TR_EXCEPTION_BROADCASTING);
  tr_coding_free(cd);
  tr_coding_free(cd2);
  tr_coder_free(c);
}

static void test_near_misses(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  /* Customs duties on goods are not duties on electronic transmissions. */
  tr_coding *cd = code(c, "Elimination of Customs Duties",
                       "National Treatment and Market Access for Goods",
                       "Each Party shall progressively eliminate its customs duties on originating goods.");
  assert_null(tr_coding_find(cd, TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS));
  /* Nor, unless ICT goods are named, tariffs on ICT goods. */
  assert_null(tr_coding_find(cd, TR_CATEGORY_ICT_GOODS_TARIFFS));
  tr_coding_free(cd);
  cd = code(c, "Trade in Information Technology Products",
            "National Treatment and Market Access for Goods",
            "Each Party shall participate in the Information Technology Agreement.");
  assert_non_null(tr_coding_find(cd, TR_CATEGORY_ICT_GOODS_TARIFFS));
  tr_coding_free(cd);
  /* "seek to ensure" describes requirements; it is no hortatory cue. */
  cd = code(c, "Location of Computing Facilities", ECOM,
            "1. The Parties note requirements that seek to ensure the security of communications.\n"
            "2. No Party shall require a covered person to use or locate computing facilities in "
            "that Party's territory.");
  const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_DATA_LOCALISATION);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_HARD);
  tr_coding_free(cd);
  /* Copyright outside an intellectual-property chapter is not coded. */
  cd = code(c, "Cooperation", "Cultural Cooperation",
            "The Parties shall cooperate to raise awareness of copyright.");
  assert_null(tr_coding_find(cd, TR_CATEGORY_IP_COPYRIGHT_DIGITAL));
  tr_coding_free(cd);
  cd = code(c, "Copyright and Related Rights", "Intellectual Property",
            "Each Party shall provide that the term of protection is not less than the life of the author and 70 years.");
  a = tr_coding_find(cd, TR_CATEGORY_IP_COPYRIGHT_DIGITAL);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_HARD);
  tr_coding_free(cd);
  /* Personal information outside a digital-trade context is not coded. */
  cd = code(c, "Transparency", "Government Procurement",
            "Each Party shall ensure the protection of personal information of bidders.");
  assert_null(tr_coding_find(cd, TR_CATEGORY_PERSONAL_INFORMATION_PROTECTION));
  tr_coding_free(cd);
  /* "General" must be the whole title for ecom_general. */
  cd = code(c, "General Obligations", ECOM, "Each Party shall publish its measures.");
  assert_null(tr_coding_find(cd, TR_CATEGORY_ECOM_GENERAL));
  tr_coding_free(cd);
  cd = code(c, "General", ECOM, "Each Party shall publish its measures.");
  assert_non_null(tr_coding_find(cd, TR_CATEGORY_ECOM_GENERAL));
  tr_coding_free(cd);
  /* Plain text with no rule phrase gives no assignment. */
  cd = code(c, NULL, NULL, "");
  assert_int_equal(tr_coding_assignment_count(cd), 0);
  assert_int_equal(tr_coding_paragraph_count(cd), 1);
  tr_coding_free(cd);
  tr_coder_free(c);
}

static void test_definitions_and_reference_titles(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  /* Definitions define terms; they make no provision. */
  tr_coding *cd = code(c, "Definitions", ECOM,
                       "unsolicited commercial electronic message means an electronic message "
                       "sent for commercial purposes;");
  assert_null(tr_coding_find(cd, TR_CATEGORY_UNSOLICITED_COMMERCIAL_MESSAGES));
  tr_coding_free(cd);
  /* The title of a referenced article is not a provision of this one. */
  cd = code(c, "Dispute Settlement", ECOM,
            "Malaysia shall not be subject to dispute settlement regarding its obligations under "
            "Article 14.11 (Cross-Border Transfer of Information by Electronic Means).");
  assert_null(tr_coding_find(cd, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS));
  assert_non_null(tr_coding_find(cd, TR_CATEGORY_DISPUTE_SETTLEMENT_COVERAGE));
  tr_coding_free(cd);
  tr_coder_free(c);
}

static void test_footnotes_do_not_grade(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  const char *text = "1. Each Party should publish information on source code.\n\n"
                     "4 For greater certainty, a Party shall apply this Article.\n\n"
                     "2. The Parties should exchange views on source code.";
  tr_coding *cd = code(c, "Source Code", ECOM, text);
  assert_int_equal(tr_coding_paragraph_count(cd), 3);
  const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_SOURCE_CODE);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_SOFT);
  assert_int_equal(tr_assignment_hard_count(a), 0);
  tr_coding_free(cd);
  tr_coder_free(c);
}

static void test_bad_arguments_and_encoding(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  tr_coding *cd = NULL;
  assert_int_equal(tr_coder_code_text(NULL, NULL, NULL, "x", &cd), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_coder_code_text(c, NULL, NULL, NULL, &cd), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_coder_code_text(c, NULL, NULL, "x", NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_coder_code_text(c, "ok", NULL, "caf\xC3", &cd), TR_ERR_ENCODING);
  assert_string_equal(tr_error_field(), "text");
  assert_int_equal(tr_coder_code_text(c, "\xFF", NULL, "x", &cd), TR_ERR_ENCODING);
  assert_string_equal(tr_error_field(), "title");
  assert_null(cd);
  assert_null(tr_coding_assignment_at(NULL, 0));
  assert_int_equal(tr_coding_assignment_count(NULL), 0);
  tr_coder_free(c);
}

static void test_agreement_record(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  tr_agreement_coding *ac = NULL;
  assert_int_equal(tr_agreement_coding_new(c, "TEST", "Test agreement", 7, &ac), TR_OK);
  assert_int_equal(tr_agreement_coding_add_article(ac, "ARTICLE 14.2", "Scope", ECOM,
      "For greater certainty, the obligations in Article 14.11 (Cross-Border Transfer of "
      "Information by Electronic Means) are subject to the non-conforming measures of Chapter 10."),
      TR_OK);
  assert_int_equal(tr_agreement_coding_add_article(ac, "ARTICLE 14.11",
      "Cross-Border Transfer of Information by Electronic Means", ECOM,
      "1. The Parties recognise the importance of data flows.\n"
      "2. Each Party shall allow the cross-border transfer of information by electronic means."),
      TR_OK);
  assert_int_equal(tr_agreement_coding_add_article(ac, "Art. 14.15", "Cooperation", ECOM,
      "The Parties shall endeavour to work together to assist small enterprises."), TR_OK);
  assert_int_equal(tr_agreement_coding_article_count(ac), 3);
  assert_string_equal(tr_coding_get_number(tr_agreement_coding_article_at(ac, 1)), "ARTICLE 14.11");
  assert_null(tr_agreement_coding_article_at(ac, 3));
  tr_agreement *ag = NULL;
  assert_int_equal(tr_agreement_coding_to_agreement(ac, &ag), TR_OK);
  assert_string_equal(tr_agreement_get_id(ag), "TEST");
  assert_int_equal(tr_agreement_get_tota_id(ag), 7);
  const tr_provision *p = tr_agreement_find_provision(ag, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS);
  assert_non_null(p);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_HARD);
  assert_string_equal(tr_provision_get_citation(p), "Art. 14.11");
  assert_string_equal(tr_provision_get_source(p), "auto-coded from ToTA pta_7 Art 14.11");
  /* The cross-reference in Art. 14.2 attaches its exception to Art. 14.11. */
  assert_true(tr_provision_get_exceptions(p) & TR_EXCEPTION_NONCONFORMING_MEASURES);
  p = tr_agreement_find_provision(ag, TR_CATEGORY_ECOM_COOPERATION);
  assert_non_null(p);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_SOFT);
  assert_string_equal(tr_provision_get_citation(p), "Art. 14.15");
  /* Categories not found are not coded at all. */
  assert_null(tr_agreement_find_provision(ag, TR_CATEGORY_SOURCE_CODE));
  /* The record goes into a catalog. */
  tr_catalog *cat = NULL;
  assert_int_equal(tr_catalog_new(&cat), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(cat, ag), TR_OK);
  assert_non_null(tr_catalog_find_agreement(cat, "TEST"));
  tr_catalog_free(cat);
  tr_agreement_coding_free(ac);

  /* Unnumbered text: no citation, a source without article. */
  assert_int_equal(tr_agreement_coding_new(c, "PLAIN", "plain", 0, &ac), TR_OK);
  assert_int_equal(tr_agreement_coding_add_article(ac, NULL, "Source Code", ECOM,
      "No Party shall require the transfer of source code."), TR_OK);
  assert_int_equal(tr_agreement_coding_to_agreement(ac, &ag), TR_OK);
  p = tr_agreement_find_provision(ag, TR_CATEGORY_SOURCE_CODE);
  assert_non_null(p);
  assert_null(tr_provision_get_citation(p));
  assert_string_equal(tr_provision_get_source(p), "auto-coded from PLAIN");
  /* The note says how the category was found and which verb phrase, in which
   * sentence, decided the strength (unnumbered article: no "in Art."). */
  assert_string_equal(tr_provision_get_note(p),
                      "found by article title in 1 article(s); decided by hard:\"No Party shall\": "
                      "\"No Party shall require the transfer of source code.\"");
  tr_agreement_free(ag);
  tr_agreement_coding_free(ac);

  assert_int_equal(tr_agreement_coding_new(c, "bad id!", "x", 0, &ac), TR_OK);
  assert_int_equal(tr_agreement_coding_to_agreement(ac, &ag), TR_ERR_INVALID_ARG);
  tr_agreement_coding_free(ac);
  assert_int_equal(tr_agreement_coding_new(c, "X", "x", -1, &ac), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_coding_new(NULL, "X", "x", 0, &ac), TR_ERR_INVALID_ARG);
  tr_coder_free(c);
}

static const char TOTA_XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<treaty><meta><name>Test Agreement</name><treaty_identifier>9001</treaty_identifier>"
    "<parties><partyisocode n=\"1\">AAA</partyisocode><partyisocode n=\"2\">BBB</partyisocode></parties>"
    "<language>en</language></meta><body>"
    "<chapter number=\"CHAPTER 1\" name=\"Electronic Commerce\" chapter_identifier=\"1\">"
    "<article number=\"ARTICLE 1.1\" name=\"Source Code\" article_identifier=\"10\">"
    "No Party shall require the transfer of source code as a condition for the import of software."
    "</article>"
    "<article number=\"ARTICLE 1.2\" name=\"Paperless Trading\" article_identifier=\"11\">"
    "Each Party shall endeavour to accept trade administration documents submitted electronically."
    "</article></chapter></body></treaty>\n";

static void test_corpus_agreement(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  tr_corpus *corpus = NULL;
  assert_int_equal(tr_corpus_new(&corpus), TR_OK);
  if (tr_corpus_load_memory(corpus, "test.xml", TOTA_XML, sizeof TOTA_XML - 1) != TR_OK)
    fail_msg("%s", tr_error_message());
  tr_agreement_coding *ac = NULL;
  assert_int_equal(tr_coder_code_corpus_agreement(c, corpus, 0, &ac), TR_OK);
  assert_int_equal(tr_agreement_coding_article_count(ac), 2);
  const tr_coding *cd = tr_agreement_coding_article_at(ac, 1);
  assert_string_equal(tr_coding_get_number(cd), "ARTICLE 1.2");
  assert_string_equal(tr_coding_get_input(cd, TR_TEXT_FIELD_CHAPTER_TITLE), "Electronic Commerce");
  tr_corpus_free(corpus); /* the codings own copies of the text */
  tr_agreement *ag = NULL;
  assert_int_equal(tr_agreement_coding_to_agreement(ac, &ag), TR_OK);
  assert_string_equal(tr_agreement_get_id(ag), "pta_9001");
  assert_string_equal(tr_agreement_get_name(ag), "Test Agreement");
  const tr_provision *p = tr_agreement_find_provision(ag, TR_CATEGORY_SOURCE_CODE);
  assert_non_null(p);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_HARD);
  assert_string_equal(tr_provision_get_source(p), "auto-coded from ToTA pta_9001 Art 1.1");
  p = tr_agreement_find_provision(ag, TR_CATEGORY_PAPERLESS_TRADING);
  assert_non_null(p);
  assert_int_equal(tr_provision_get_strength(p), TR_STRENGTH_SOFT);
  assert_string_equal(tr_provision_get_citation(p), "Art. 1.2");
  tr_agreement_free(ag);
  tr_agreement_coding_free(ac);
  assert_int_equal(tr_coder_code_corpus_agreement(c, NULL, 0, &ac), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_corpus_new(&corpus), TR_OK);
  assert_int_equal(tr_coder_code_corpus_agreement(c, corpus, 0, &ac), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_agreement_coding_add_corpus(NULL, corpus, 0), TR_ERR_INVALID_ARG);
  tr_corpus_free(corpus);
  tr_coder_free(c);
}

/* ---- rules files ---- */

static int load_rules(const char *json, tr_coder **out) {
  *out = NULL;
  return tr_coder_new_from_data(json, strlen(json), "t.json", out);
}

#define HEAD "{\"format\": \"traderules-coder-rules\", \"version\": 1, "

static void expect_error(const char *json, int code, long line, const char *field,
                         const char *needle) {
  tr_coder *c = NULL;
  int rc = load_rules(json, &c);
  if (rc != code)
    fail_msg("expected %s, got %s (%s) for %s", tr_status_id(code), tr_status_id(rc),
             tr_error_message(), json);
  assert_null(c);
  assert_string_equal(tr_error_file(), "t.json");
  if (line)
    assert_int_equal(tr_error_line(), line);
  assert_true(tr_error_column() > 0 || line == 0);
  if (field)
    assert_string_equal(tr_error_field(), field);
  else
    assert_null(tr_error_field());
  if (needle && !strstr(tr_error_message(), needle))
    fail_msg("message '%s' lacks '%s'", tr_error_message(), needle);
}

static void test_rules_errors(void **state) {
  (void)state;
  expect_error("{\"format\": \"traderules-coder-rules\",\n \"version\": 1,\n \"categories\": [\n  {\"category\": \"x\" \"text\": []}]}",
               TR_ERR_PARSE, 4, "categories[0]", "expected ','");
  expect_error("", TR_ERR_EMPTY, 1, NULL, "empty input");
  expect_error("{\"a\": 1} x", TR_ERR_PARSE, 1, NULL, "trailing");
  expect_error("{\"a\": \"\xFF\"}", TR_ERR_ENCODING, 1, NULL, "UTF-8");
  expect_error("{\"version\": 1, \"categories\": []}", TR_ERR_SCHEMA, 1, "format", "missing");
  expect_error("{\"format\": \"catalog\", \"version\": 1}", TR_ERR_SCHEMA, 1, "format", NULL);
  expect_error(HEAD "\"categories\": []}", TR_ERR_SCHEMA, 1, "categories", "at least one");
  expect_error("{\"format\": \"traderules-coder-rules\", \"version\": 2, \"categories\": []}",
               TR_ERR_SCHEMA, 1, "version", "unsupported");
  expect_error(HEAD "\"colour\": 1, \"categories\": []}", TR_ERR_SCHEMA, 1, "colour", "unknown member");
  expect_error(HEAD "\n\"categories\": [{\"category\": \"source_code\", \"text\": [\"x\"]},\n"
               "{\"category\": \"sauce_code\", \"text\": [\"y\"]}]}",
               TR_ERR_SCHEMA, 3, "categories[1].category", "unknown category 'sauce_code'");
  expect_error(HEAD "\"categories\": [{\"category\": \"source_code\", \"text\": [\"x\"]},"
               "{\"category\": \"source_code\", \"title\": [\"y\"]}]}",
               TR_ERR_DUPLICATE, 1, "categories[1].category", "two rules");
  expect_error(HEAD "\"categories\": [{\"category\": \"source_code\"}]}", TR_ERR_SCHEMA, 1,
               "categories[0]", "at least one");
  expect_error(HEAD "\"categories\": [{\"category\": \"source_code\", \"text\": [\"so*urce\"]}]}",
               TR_ERR_SCHEMA, 1, "categories[0].text[0]", "'*'");
  expect_error(HEAD "\"categories\": [{\"category\": \"source_code\", \"text\": [\"--\"]}]}",
               TR_ERR_SCHEMA, 1, "categories[0].text[0]", "no letters");
  expect_error(HEAD "\"categories\": [{\"category\": \"source_code\", \"text\": [\"=source\"]}]}",
               TR_ERR_SCHEMA, 1, "categories[0].text[0]", "whole title");
  expect_error(HEAD "\"categories\": [{\"category\": \"source_code\", \"text\": \"source\"}]}",
               TR_ERR_SCHEMA, 1, "categories[0].text", "expected array");
  expect_error(HEAD "\"categories\": [{\"category\": \"source_code\", \"text\": [3]}]}",
               TR_ERR_SCHEMA, 1, "categories[0].text[0]", "expected string");
  expect_error(HEAD "\"cues\": [{\"id\": \"a\", \"effect\": \"firm\", \"patterns\": [\"shall\"]}],"
               "\"categories\": [{\"category\": \"source_code\", \"text\": [\"x\"]}]}",
               TR_ERR_SCHEMA, 1, "cues[0].effect", "unknown effect");
  expect_error(HEAD "\"cues\": [{\"id\": \"a\", \"effect\": \"hard\", \"patterns\": [\"shall\"]},"
               "{\"id\": \"a\", \"effect\": \"soft\", \"patterns\": [\"should\"]}],"
               "\"categories\": [{\"category\": \"source_code\", \"text\": [\"x\"]}]}",
               TR_ERR_DUPLICATE, 1, "cues[1].id", "twice");
  expect_error(HEAD "\"cues\": [{\"id\": \"a\", \"effect\": \"hard\", \"patterns\": []}],"
               "\"categories\": [{\"category\": \"source_code\", \"text\": [\"x\"]}]}",
               TR_ERR_SCHEMA, 1, "cues[0].patterns", "at least one");
  expect_error(HEAD "\"exceptions\": [{\"exception\": \"privacyy\", \"patterns\": [\"p\"]}],"
               "\"categories\": [{\"category\": \"source_code\", \"text\": [\"x\"]}]}",
               TR_ERR_SCHEMA, 1, "exceptions[0].exception", "unknown exception");
  expect_error(HEAD "\"exceptions\": [{\"exception\": \"privacy\", \"patterns\": [\"p\"], \"limiting_only\": 1}],"
               "\"categories\": [{\"category\": \"source_code\", \"text\": [\"x\"]}]}",
               TR_ERR_SCHEMA, 1, "exceptions[0].limiting_only", "expected boolean");
  expect_error(HEAD "\"uncued_strength\": \"mixed\", \"categories\": [{\"category\": \"source_code\", \"text\": [\"x\"]}]}",
               TR_ERR_SCHEMA, 1, "uncued_strength", NULL);
  expect_error("{\"a\": 1, \"a\": 2}", TR_ERR_SCHEMA, 1, "a", "twice");
  /* Deep nesting is refused, not followed. */
  GString *deep = g_string_new(NULL), *deep_field = g_string_new(NULL);
  for (int i = 0; i < 100; i++)
    g_string_append_c(deep, '[');
  for (int i = 0; i < 64; i++) /* the path of the first array too deep */
    g_string_append(deep_field, "[0]");
  expect_error(deep->str, TR_ERR_LIMIT, 1, deep_field->str, "nesting");
  g_string_free(deep, TRUE);
  g_string_free(deep_field, TRUE);
  tr_coder *c = NULL;
  assert_int_equal(tr_coder_new_from_data(NULL, 0, NULL, &c), TR_ERR_INVALID_ARG);
  assert_int_equal(tr_coder_new(NULL), TR_ERR_INVALID_ARG);
}

/* Issue 16: a letter outside ASCII in a pattern was read as a word break
 * ("données" became "donn es", accepted) or gave "pattern has no letters or
 * digits" (Cyrillic); now a schema error naming the character, its code point
 * and position, with the file, line and field. */
static void test_rules_non_ascii_patterns(void **state) {
  (void)state;
  expect_error(HEAD "\n\"categories\": [{\"category\": \"source_code\",\n"
               "\"text\": [\"source\", \"donn\u00e9es\"]}]}",
               TR_ERR_SCHEMA, 3, "categories[0].text[1]", "'\xC3\xA9' (U+00E9, character 5)");
  expect_error(HEAD "\"categories\": [{\"category\": \"source_code\", \"text\": [\"donn\u00e9es\"]}]}",
               TR_ERR_SCHEMA, 1, "categories[0].text[0]", "character 5");
  expect_error(HEAD "\"categories\": [{\"category\": \"source_code\", \"text\": [\"donn\u00e9es\"]}]}",
               TR_ERR_SCHEMA, 1, "categories[0].text[0]", "ASCII");
  /* Cyrillic: the message was "pattern has no letters or digits" */
  expect_error(HEAD "\"categories\": [{\"category\": \"source_code\", \"text\": "
               "[\"\u0438\u0441\u0445\u043e\u0434\u043d\u044b\u0439\"]}]}",
               TR_ERR_SCHEMA, 1, "categories[0].text[0]", "U+0438");
  tr_coder *c = NULL;
  assert_int_equal(load_rules(HEAD "\"categories\": [{\"category\": \"source_code\", \"text\": "
                              "[\"\u0438\"]}]}", &c), TR_ERR_SCHEMA);
  assert_null(strstr(tr_error_message(), "no letters"));
  /* a decomposed accent (e + U+0301) and a digit outside ASCII (Arabic-Indic 3) */
  expect_error(HEAD "\"cues\": [{\"id\": \"a\", \"effect\": \"hard\", \"patterns\": [\"shall\", \"de\u0301ja\"]}],"
               "\"categories\": [{\"category\": \"source_code\", \"text\": [\"x\"]}]}",
               TR_ERR_SCHEMA, 1, "cues[0].patterns[1]", "U+0301");
  expect_error(HEAD "\"categories\": [{\"category\": \"source_code\", \"title\": [\"=article \u0663\"]}]}",
               TR_ERR_SCHEMA, 1, "categories[0].title[0]", "U+0663");
  /* punctuation outside ASCII stays a word break, as documented */
  assert_int_equal(load_rules(HEAD "\"categories\": [{\"category\": \"source_code\", \"text\": "
                              "[\"consumer\u2019s choice\", \"source\u2013code\"]}]}", &c), TR_OK);
  tr_coding *cd = code(c, NULL, NULL, "The consumer's choice matters.");
  assert_non_null(tr_coding_find(cd, TR_CATEGORY_SOURCE_CODE));
  tr_coding_free(cd);
  tr_coder_free(c);
}

static void test_rules_escapes_and_extensions(void **state) {
  (void)state;
  tr_coder *c = NULL;
  const char *json = HEAD "\"x-comment\": \"ok\", \"name\": \"esc\\u00e9\\n\","
                     "\"categories\": [{\"category\": \"source_code\", \"text\": [\"source\\u0020code\"],"
                     "\"note\": \"\\\"quoted\\\"\"}]}";
  assert_int_equal(load_rules(json, &c), TR_OK);
  assert_string_equal(tr_coder_get_name(c), "esc\xC3\xA9\n");
  tr_coding *cd = code(c, NULL, NULL, "The source code of software.");
  assert_non_null(tr_coding_find(cd, TR_CATEGORY_SOURCE_CODE));
  tr_coding_free(cd);
  tr_coder_free(c);
  expect_error(HEAD "\"name\": \"\\ud800\", \"categories\": []}", TR_ERR_ENCODING, 1, "name", "escape");
}

static void test_rules_files(void **state) {
  (void)state;
  tr_coder *c = NULL;
  assert_int_equal(tr_coder_new_from_file(TR_FIXTURES_DIR "/coder/minimal-rules.json", &c), TR_OK);
  assert_string_equal(tr_coder_get_name(c), "minimal");
  assert_int_equal(tr_coder_rule_count(c), 1);
  tr_coding *cd = code(c, "Source Code", NULL,
                       "1. No Party shall require the transfer of source code.\n"
                       "2. Each Party shall endeavour to protect source code.");
  const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_SOURCE_CODE);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_MIXED);
  tr_coding_free(cd);
  tr_coder_free(c);

  c = NULL;
  assert_int_equal(tr_coder_new_from_file(TR_FIXTURES_DIR "/coder/bad-category.json", &c),
                   TR_ERR_SCHEMA);
  assert_null(c);
  assert_int_equal(tr_error_line(), 6);
  assert_string_equal(tr_error_field(), "categories[1].category");
  assert_non_null(strstr(tr_error_file(), "bad-category.json"));

  assert_int_equal(tr_coder_new_from_file(TR_FIXTURES_DIR "/coder/bad-syntax.json", &c),
                   TR_ERR_PARSE);
  assert_int_equal(tr_error_line(), 5);
  assert_int_equal(tr_error_column(), 33);

  assert_int_equal(tr_coder_new_from_file(TR_FIXTURES_DIR "/coder/no-such-file.json", &c),
                   TR_ERR_IO);
  assert_int_equal(tr_coder_new_from_file(NULL, &c), TR_ERR_INVALID_ARG);
}

static void test_ids(void **state) {
  (void)state;
  assert_string_equal(tr_text_field_id(TR_TEXT_FIELD_TEXT), "text");
  assert_string_equal(tr_text_field_id(TR_TEXT_FIELD_ARTICLE_TITLE), "title");
  assert_string_equal(tr_text_field_id(TR_TEXT_FIELD_CHAPTER_TITLE), "chapter");
  assert_null(tr_text_field_id((tr_text_field)9));
  assert_string_equal(tr_evidence_kind_id(TR_EVIDENCE_SCOPE), "scope");
  assert_null(tr_evidence_kind_id((tr_evidence_kind)0));
}


/* ---- issue 11: the governing verb phrase, scoped to its object ---------- */

/* Strength of @cat when @text is coded in an e-commerce chapter (no title). */
static tr_strength strength_of(const tr_coder *c, const char *title, const char *text,
                               tr_category cat) {
  tr_coding *cd = code(c, title, ECOM, text);
  const tr_assignment *a = tr_coding_find(cd, cat);
  tr_strength s = a ? tr_assignment_get_strength(a) : TR_STRENGTH_NONE;
  if (a)
    check_spans(cd);
  tr_coding_free(cd);
  return s;
}

static void test_duty_to_cooperate_is_soft_on_topic(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  /* A modal with a parenthetical before the soft verb: the verb governs. */
  const char *t1 = "The Parties shall, subject to their respective laws and regulations, cooperate "
                   "bilaterally regarding the regulation of unsolicited commercial electronic messages.";
  assert_int_equal(strength_of(c, NULL, t1, TR_CATEGORY_UNSOLICITED_COMMERCIAL_MESSAGES),
                   TR_STRENGTH_SOFT);
  assert_int_equal(strength_of(c, NULL, t1, TR_CATEGORY_ECOM_COOPERATION), TR_STRENGTH_SOFT);
  /* An obligation to hold a dialogue whose agenda lists topics. */
  const char *t2 = "The Parties shall maintain a dialogue on regulatory issues raised by electronic "
                   "commerce, which shall inter alia address the following issues:\n\n"
                   "(a) the protection of personal data;\n\n(b) the protection of consumers;";
  assert_int_equal(strength_of(c, NULL, t2, TR_CATEGORY_PERSONAL_INFORMATION_PROTECTION),
                   TR_STRENGTH_SOFT);
  assert_int_equal(strength_of(c, NULL, t2, TR_CATEGORY_ONLINE_CONSUMER_PROTECTION),
                   TR_STRENGTH_SOFT);
  /* Exchanging information on a topic. */
  const char *t3 = "To this end, the Parties shall exchange information on their experiences in "
                   "protecting consumers engaged in electronic commerce.";
  assert_int_equal(strength_of(c, NULL, t3, TR_CATEGORY_ONLINE_CONSUMER_PROTECTION),
                   TR_STRENGTH_SOFT);
  /* A list led by a commitment: each item is governed by its own verb, so a
   * binding item and an information-sharing item make the category mixed. */
  const char *t4 = "Each Party commits to:\n\n(a) adopting or maintaining measures for the protection "
                   "of personal information; and\n\n(b) sharing information on the protection of "
                   "personal information.";
  tr_coding *cd = code(c, NULL, ECOM, t4);
  const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_PERSONAL_INFORMATION_PROTECTION);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_MIXED);
  /* Only the sharing item: soft. */
  tr_coding_free(cd);
  assert_int_equal(strength_of(c, NULL, "Each Party commits to:\n\n(a) sharing information on the "
                               "protection of personal information.",
                               TR_CATEGORY_PERSONAL_INFORMATION_PROTECTION), TR_STRENGTH_SOFT);
  tr_coder_free(c);
}

static void test_cooperation_near_misses(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  /* The soft word is not the modal's verb: too far, no parenthetical. */
  const char *t1 = "Each Party shall include in its framework legal incentives for service providers "
                   "to cooperate with right holders, and shall protect personal information of users.";
  assert_int_equal(strength_of(c, NULL, t1, TR_CATEGORY_PERSONAL_INFORMATION_PROTECTION),
                   TR_STRENGTH_HARD);
  /* A binding verb that is part of the cue is never consumed. */
  const char *t2 = "Each Party shall adopt or maintain measures to protect consumers, in cooperation "
                   "with consumer agencies.";
  assert_int_equal(strength_of(c, NULL, t2, TR_CATEGORY_ONLINE_CONSUMER_PROTECTION),
                   TR_STRENGTH_HARD);
  /* A cooperation in another sentence does not soften the duty. */
  const char *t3 = "Each Party shall protect personal information of users of electronic "
                   "commerce. The Parties shall cooperate on consumer protection.";
  assert_int_equal(strength_of(c, NULL, t3, TR_CATEGORY_PERSONAL_INFORMATION_PROTECTION),
                   TR_STRENGTH_HARD);
  tr_coder_free(c);
}

static void test_discretion_hollows_duty(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  const char *t1 = "Each Party shall, to the extent possible and in a manner it considers "
                   "appropriate, adopt measures to protect consumers engaged in electronic commerce.";
  tr_coding *cd = code(c, NULL, ECOM, t1);
  const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_ONLINE_CONSUMER_PROTECTION);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_SOFT);
  tr_coding_free(cd);
  cd = code(c, "Paperless Trading", ECOM,
            "Each Party shall, where practicable, accept electronic trade administration documents.");
  a = tr_coding_find(cd, TR_CATEGORY_PAPERLESS_TRADING);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_SOFT);
  const tr_evidence *e = find_evidence(a, TR_EVIDENCE_STRENGTH, "where practicable");
  assert_non_null(e);
  assert_string_equal(tr_evidence_get_rule(e), "discretion.hollowing");
  tr_coding_free(cd);
  /* Near misses: "as appropriate" qualifies the object; discretion in another
   * sentence does not reach the duty. */
  const char *n1 = "Each Party shall adopt or maintain measures regulating electronic commerce taking "
                   "into account, as appropriate, international standards on consumer protection.";
  assert_int_equal(strength_of(c, NULL, n1, TR_CATEGORY_ONLINE_CONSUMER_PROTECTION),
                   TR_STRENGTH_HARD);
  const char *n2 = "Each Party shall adopt measures to protect consumers engaged in electronic "
                   "commerce. The Parties shall, to the extent possible, exchange views.";
  assert_int_equal(strength_of(c, NULL, n2, TR_CATEGORY_ONLINE_CONSUMER_PROTECTION),
                   TR_STRENGTH_HARD);
  tr_coder_free(c);
}

static void test_endeavour_recognise_encourage_may(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  const char *soft[] = {
    "Each Party shall endeavour to protect consumers engaged in electronic commerce.",
    "The Parties recognise the importance of consumer protection in electronic commerce.",
    "Each Party shall encourage the protection of consumers in electronic commerce.",
    "The Parties encourage measures to protect consumers in electronic commerce.",
    "A Party may adopt measures to protect consumers in electronic commerce.",
    "Each Party shall work towards the protection of consumers in electronic commerce.",
    "Each Party should adopt measures to protect consumers in electronic commerce.",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(soft); i++)
    assert_int_equal(strength_of(c, NULL, soft[i], TR_CATEGORY_ONLINE_CONSUMER_PROTECTION),
                     TR_STRENGTH_SOFT);
  /* Near misses that must stay binding. */
  const char *hard[] = {
    "Each Party shall adopt measures to protect consumers in electronic commerce.",
    "A Party may not deny consumer protection in electronic commerce.",
    "Neither Party may deny consumer protection in electronic commerce.",
    ("Each Party shall adopt measures to protect consumers in electronic commerce, recognising "
     "their importance."),
  };
  for (size_t i = 0; i < G_N_ELEMENTS(hard); i++)
    assert_int_equal(strength_of(c, NULL, hard[i], TR_CATEGORY_ONLINE_CONSUMER_PROTECTION),
                     TR_STRENGTH_HARD);
  tr_coder_free(c);
}

static void test_binding_plus_endeavour_is_mixed(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  const char *text = "1. Each Party shall adopt or maintain measures regulating electronic "
                     "authentication.\n\n2. The Parties shall work towards the mutual recognition "
                     "of electronic signatures.";
  assert_int_equal(strength_of(c, "Electronic Authentication and Electronic Signatures", text,
                               TR_CATEGORY_ELECTRONIC_AUTHENTICATION_SIGNATURES),
                   TR_STRENGTH_MIXED);
  /* One clause: binding on the substance, a duty to share information on it. */
  const char *one = "Each Party shall adopt or maintain measures which ensure the protection of the "
                    "personal information of users, and share information on the protection of "
                    "personal information.";
  assert_int_equal(strength_of(c, NULL, one, TR_CATEGORY_PERSONAL_INFORMATION_PROTECTION),
                   TR_STRENGTH_MIXED);
  /* Near miss: a recital next to the duty stays hard (no soft part). */
  const char *rec = "1. The Parties recognise the importance of electronic signatures.\n\n"
                    "2. Each Party shall adopt or maintain measures regulating electronic "
                    "authentication.";
  assert_int_equal(strength_of(c, "Electronic Authentication and Electronic Signatures", rec,
                               TR_CATEGORY_ELECTRONIC_AUTHENTICATION_SIGNATURES),
                   TR_STRENGTH_HARD);
  tr_coder_free(c);
}

static void test_exceptions_not_obligations(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  const char *text = "1. Neither Party shall impose customs duties on electronic transmissions.\n\n"
                     "2. Nothing in this Chapter shall prevent a Party from imposing internal taxes "
                     "on digital products.";
  tr_coding *cd = code(c, "Customs Duties", ECOM, text);
  const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS);
  assert_non_null(a);
  assert_int_equal(tr_assignment_get_strength(a), TR_STRENGTH_HARD);
  assert_int_equal(tr_assignment_hard_count(a), 1); /* the carve-out is not a second duty */
  assert_true(tr_assignment_get_exceptions(a) & TR_EXCEPTION_TAXATION);
  tr_coding_free(cd);
  tr_coder_free(c);
}

static void test_evidence_sentence(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  const char *text = "1. The Parties recognise the importance of consumer protection.\n\n"
                     "2. The Parties shall, subject to their laws, cooperate on consumer "
                     "protection. Each Party shall publish its laws.";
  tr_coding *cd = code(c, NULL, ECOM, text);
  const tr_assignment *a = tr_coding_find(cd, TR_CATEGORY_ECOM_COOPERATION);
  assert_non_null(a);
  const tr_evidence *e = find_evidence(a, TR_EVIDENCE_STRENGTH, "cooperate");
  assert_non_null(e);
  size_t off = 0, len = 0;
  const char *sent = tr_evidence_get_sentence(e, &off, &len);
  assert_non_null(sent);
  /* The clause (the paragraph number "2." ends with a full stop: not part of it). */
  assert_string_equal(sent, "The Parties shall, subject to their laws, cooperate on consumer "
                            "protection.");
  assert_int_equal(strncmp(text + off, sent, len), 0);
  assert_int_equal(strlen(sent), len);
  /* Category evidence has no sentence. */
  const tr_evidence *k = find_evidence(a, TR_EVIDENCE_CATEGORY, NULL);
  assert_non_null(k);
  assert_null(tr_evidence_get_sentence(k, &off, &len));
  assert_int_equal(len, 0);
  assert_null(tr_evidence_get_sentence(NULL, NULL, NULL));
  tr_coding_free(cd);
  tr_coder_free(c);
}

static void test_rules_new_members(void **state) {
  (void)state;
  const char *ok = "{\"format\": \"traderules-coder-rules\", \"version\": 1, \"modal_window\": 3,"
                   " \"cues\": [{\"id\": \"m\", \"effect\": \"modal\", \"patterns\": [\"shall\"],"
                   " \"example\": \"x shall y\", \"counterexample\": \"z\"},"
                   " {\"id\": \"d\", \"effect\": \"discretion\", \"patterns\": [\"where practicable\"]},"
                   " {\"id\": \"s\", \"effect\": \"soft\", \"patterns\": [\"cooperate\"]}],"
                   " \"categories\": [{\"category\": \"source_code\", \"title\": [\"source code\"]}]}";
  tr_coder *c = NULL;
  assert_int_equal(tr_coder_new_from_data(ok, strlen(ok), "ok.json", &c), TR_OK);
  /* modal_window 3: a parenthetical of three words lets "cooperate" govern the
   * modal; one of six leaves the modal binding (the paragraph is then hard). */
  assert_int_equal(strength_of(c, "Source Code", "A Party shall, between the Parties, cooperate.",
                               TR_CATEGORY_SOURCE_CODE), TR_STRENGTH_SOFT);
  assert_int_equal(strength_of(c, "Source Code",
                               "A Party shall, in all its relations with others, cooperate.",
                               TR_CATEGORY_SOURCE_CODE), TR_STRENGTH_HARD);
  tr_coder_free(c);
  const char *bad[] = {
    "{\"format\": \"traderules-coder-rules\", \"version\": 1, \"modal_window\": -1,"
    " \"categories\": [{\"category\": \"source_code\", \"text\": [\"x\"]}]}",
    "{\"format\": \"traderules-coder-rules\", \"version\": 1, \"modal_window\": \"ten\","
    " \"categories\": [{\"category\": \"source_code\", \"text\": [\"x\"]}]}",
    "{\"format\": \"traderules-coder-rules\", \"version\": 1,"
    " \"cues\": [{\"id\": \"m\", \"effect\": \"modal\", \"patterns\": [\"shall\"], \"example\": 3}],"
    " \"categories\": [{\"category\": \"source_code\", \"text\": [\"x\"]}]}",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
    c = NULL;
    assert_int_equal(tr_coder_new_from_data(bad[i], strlen(bad[i]), "bad.json", &c), TR_ERR_SCHEMA);
    assert_null(c);
  }
}


static void test_list_items_and_limiting_order(void **state) {
  (void)state;
  tr_coder *c = default_coder();
  /* A soft word inside item (a) does not govern item (b): the lead-in does. */
  const char *t1 = "Each Party shall provide, consistent with this Article: (a) legal incentives for "
                   "service providers to cooperate with copyright owners; and (b) limitations in its "
                   "law regarding the scope of remedies available against service providers.";
  assert_int_equal(strength_of(c, NULL, t1, TR_CATEGORY_INTERMEDIARY_LIABILITY_SAFE_HARBOUR),
                   TR_STRENGTH_HARD);
  /* Near miss: the item's own soft verb governs it. */
  const char *t2 = "The Parties affirm the importance of:\n\n(a) working together on small "
                   "enterprises;\n\n(b) sharing information on data privacy and consumer "
                   "confidence.";
  assert_int_equal(strength_of(c, NULL, t2, TR_CATEGORY_PERSONAL_INFORMATION_PROTECTION),
                   TR_STRENGTH_SOFT);
  /* A limiting phrase after the main verb leaves the main verb binding. */
  const char *t3 = "The Parties affirm that measures affecting the supply of a service using "
                   "electronic means fall within the scope of the obligations of Chapter 10, except "
                   "where an obligation does not apply to any such measure.";
  assert_int_equal(strength_of(c, "Electronic Supply of Services", t3,
                               TR_CATEGORY_ELECTRONIC_SUPPLY_OF_SERVICES), TR_STRENGTH_HARD);
  /* Near miss: before the main verb it still neutralises it. */
  const char *t4 = "Nothing in this Chapter shall prevent a Party from regulating the supply of a "
                   "service using electronic means.";
  assert_int_equal(strength_of(c, "Electronic Supply of Services", t4,
                               TR_CATEGORY_ELECTRONIC_SUPPLY_OF_SERVICES), TR_STRENGTH_UNKNOWN);
  tr_coder_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_default_rules_load),
    cmocka_unit_test(test_hard_prohibition),
    cmocka_unit_test(test_shall_not_deny_is_hard),
    cmocka_unit_test(test_shall_not_apply_duties_is_hard),
    cmocka_unit_test(test_endeavour_before_shall),
    cmocka_unit_test(test_soft_cues),
    cmocka_unit_test(test_duty_to_cooperate_is_soft_on_topic),
    cmocka_unit_test(test_cooperation_near_misses),
    cmocka_unit_test(test_discretion_hollows_duty),
    cmocka_unit_test(test_endeavour_recognise_encourage_may),
    cmocka_unit_test(test_binding_plus_endeavour_is_mixed),
    cmocka_unit_test(test_exceptions_not_obligations),
    cmocka_unit_test(test_evidence_sentence),
    cmocka_unit_test(test_rules_new_members),
    cmocka_unit_test(test_list_items_and_limiting_order),
    cmocka_unit_test(test_mixed_paragraphs),
    cmocka_unit_test(test_recital_does_not_make_mixed),
    cmocka_unit_test(test_nothing_shall_prevent_is_exception),
    cmocka_unit_test(test_shall_not_be_required_is_not_obligation),
    cmocka_unit_test(test_scope_exclusion_carries_exception),
    cmocka_unit_test(test_near_misses),
    cmocka_unit_test(test_definitions_and_reference_titles),
    cmocka_unit_test(test_footnotes_do_not_grade),
    cmocka_unit_test(test_bad_arguments_and_encoding),
    cmocka_unit_test(test_agreement_record),
    cmocka_unit_test(test_corpus_agreement),
    cmocka_unit_test(test_rules_errors),
    cmocka_unit_test(test_rules_non_ascii_patterns),
    cmocka_unit_test(test_rules_escapes_and_extensions),
    cmocka_unit_test(test_rules_files),
    cmocka_unit_test(test_ids),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
