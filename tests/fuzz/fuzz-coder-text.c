/*
 * Fuzz target: the coder on arbitrary text (embedded default rules).
 *
 * The input is split at its first two newlines into article title, chapter
 * title and text (a NUL ends the input). Oracles: valid UTF-8 always codes
 * (the only allowed failures are TR_ERR_ENCODING for invalid UTF-8 and
 * TR_ERR_LIMIT); every span lies in its input and reads back; the article
 * then goes through an agreement coding into an agreement record whose
 * provisions have valid enums.
 */
#include <glib.h>

#include "fuzz-coder-common.h"

static tr_coder *coder;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = g_strndup((const char *)data, size);
  char *title = NULL, *chapter = NULL, *text = buf, *nl;
  tr_coding *coding = NULL;
  tr_agreement_coding *ac = NULL;
  tr_agreement *agreement = NULL;
  int rc;

  if (!coder && tr_coder_new(&coder) != TR_OK)
    fuzz_fail("tr_coder_new: %s", tr_error_message());
  if ((nl = strchr(text, '\n'))) {
    *nl = '\0';
    title = text;
    text = nl + 1;
    if ((nl = strchr(text, '\n'))) {
      *nl = '\0';
      chapter = text;
      text = nl + 1;
    }
  }

  tr_error_clear();
  rc = tr_coder_code_text(coder, title, chapter, text, &coding);
  if (rc != TR_OK) {
    int valid = g_utf8_validate(text, -1, NULL) && (!title || g_utf8_validate(title, -1, NULL)) &&
                (!chapter || g_utf8_validate(chapter, -1, NULL));
    fuzz_check_error(rc, "tr_coder_code_text");
    if (valid || rc != TR_ERR_ENCODING)
      fuzz_fail("coding failed on %s input: %s", valid ? "valid UTF-8" : "invalid UTF-8",
                tr_error_message());
    if (coding)
      fuzz_fail("failed coding wrote the out-parameter");
    g_free(buf);
    return 0;
  }
  fuzz_check_coding(coding, title, chapter, text);
  tr_coding_free(coding);

  if (tr_agreement_coding_new(coder, "FUZZ", "Fuzz agreement", 0, &ac) != TR_OK)
    fuzz_fail("tr_agreement_coding_new: %s", tr_error_message());
  if (tr_agreement_coding_add_article(ac, "1", title, chapter, text) != TR_OK ||
      tr_agreement_coding_add_article(ac, "2", chapter, title, text) != TR_OK)
    fuzz_fail("tr_agreement_coding_add_article: %s", tr_error_message());
  if (tr_agreement_coding_article_count(ac) != 2)
    fuzz_fail("agreement coding holds %zu articles, not 2", tr_agreement_coding_article_count(ac));
  if (tr_agreement_coding_to_agreement(ac, &agreement) != TR_OK)
    fuzz_fail("tr_agreement_coding_to_agreement: %s", tr_error_message());
  for (size_t i = 0; i < tr_agreement_provision_count(agreement); i++) {
    const tr_provision *p = tr_agreement_provision_at(agreement, i);
    if (!tr_category_id(tr_provision_get_category(p)) || !tr_strength_id(tr_provision_get_strength(p)))
      fuzz_fail("coded agreement has a provision with invalid enums");
  }
  tr_agreement_free(agreement);
  tr_agreement_coding_free(ac);
  g_free(buf);
  return 0;
}
