/*
 * Fuzz target: the coder's rules file, tr_coder_new_from_data().
 *
 * Oracles: a failure returns a negative status with a message and leaves the
 * out-parameter untouched; a coder built from any accepted rules file codes a
 * fixed sample article, and every span it reports lies inside its input and
 * reads back as the text it claims.
 */
#include "fuzz-coder-common.h"

static const char sample_title[] = "Cross-Border Transfer of Information by Electronic Means";
static const char sample_chapter[] = "Electronic Commerce";
static const char sample_text[] =
    "1. Each Party shall allow the cross-border transfer of information by electronic means, "
    "including personal information.\n\n"
    "2. The Parties shall endeavour to cooperate on source code, spam and consumer protection. "
    "Nothing in this Article shall prevent a Party from adopting measures to achieve a legitimate "
    "public policy objective.\n\n3. Ünïcödé — «text» 数据 shall not apply.";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tr_coder *coder = (tr_coder *)(uintptr_t)0x1; /* must stay untouched on error */
  tr_coding *coding = NULL;
  int rc;

  tr_error_clear();
  rc = tr_coder_new_from_data((const char *)data, size, "fuzz-rules.json", &coder);
  if (rc != TR_OK) {
    fuzz_check_error(rc, "tr_coder_new_from_data");
    if (coder != (tr_coder *)(uintptr_t)0x1)
      fuzz_fail("failed tr_coder_new_from_data wrote the out-parameter");
    return 0;
  }
  if (!coder)
    fuzz_fail("tr_coder_new_from_data succeeded without a coder");
  (void)tr_coder_get_name(coder);
  (void)tr_coder_rule_count(coder);
  (void)tr_coder_pattern_count(coder);
  rc = tr_coder_code_text(coder, sample_title, sample_chapter, sample_text, &coding);
  if (rc != TR_OK)
    fuzz_fail("an accepted rules file cannot code valid text: %s", tr_error_message());
  fuzz_check_coding(coding, sample_title, sample_chapter, sample_text);
  tr_coding_free(coding);
  tr_coder_free(coder);
  return 0;
}
