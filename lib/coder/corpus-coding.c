/*
 * libtraderules - coding the agreements of a ToTA corpus.
 * SPDX-License-Identifier: MIT
 */
#include "coder/coder-private.h"
#include "core/tr-internal.h"

#include <stdlib.h>
#include <string.h>

int tr_agreement_coding_add_corpus(tr_agreement_coding *coding, const tr_corpus *corpus,
                                   size_t agreement) {
  if (!coding || !corpus)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_agreement_coding_add_corpus: NULL argument");
  if (agreement >= tr_corpus_agreement_count(corpus))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_agreement_coding_add_corpus: agreement %zu out of range",
                   agreement);
  size_t first = 0;
  size_t n = tr_corpus_agreement_articles(corpus, agreement, &first);
  for (size_t i = first; i < first + n; i++) {
    size_t ch = tr_corpus_article_chapter(corpus, i);
    const char *chapter = tr_corpus_chapter_get(corpus, ch, TR_CORPUS_FIELD_NAME);
    const char *title = tr_corpus_article_get(corpus, i, TR_CORPUS_FIELD_NAME);
    const char *number = tr_corpus_article_get(corpus, i, TR_CORPUS_FIELD_NUMBER);
    const char *text = tr_corpus_article_get(corpus, i, TR_CORPUS_FIELD_TEXT);
    int rc = tr_agreement_coding_add_article(coding, number, title, chapter, text ? text : "");
    if (rc)
      return rc;
  }
  return TR_OK;
}

int tr_coder_code_corpus_agreement(const tr_coder *coder, const tr_corpus *corpus,
                                   size_t agreement, tr_agreement_coding **out) {
  if (!coder || !corpus || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_coder_code_corpus_agreement: NULL argument");
  if (agreement >= tr_corpus_agreement_count(corpus))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_coder_code_corpus_agreement: agreement %zu out of range",
                   agreement);
  const char *tota = tr_corpus_agreement_get(corpus, agreement, TR_CORPUS_FIELD_TOTA_ID);
  const char *name = tr_corpus_agreement_get(corpus, agreement, TR_CORPUS_FIELD_NAME);
  long tota_id = 0;
  if (tota) {
    char *end = NULL;
    tota_id = strtol(tota, &end, 10);
    if (!end || *end != '\0' || tota_id < 0 || tota_id > G_MAXINT)
      tota_id = 0;
  }
  char *id = tota_id > 0 ? g_strdup_printf("pta_%ld", tota_id) : g_strdup_printf("agreement_%zu", agreement);
  tr_agreement_coding *ac = NULL;
  int rc = tr_agreement_coding_new(coder, id, name ? name : id, (int)tota_id, &ac);
  g_free(id);
  if (rc)
    return rc;
  if ((rc = tr_agreement_coding_add_corpus(ac, corpus, agreement))) {
    tr_agreement_coding_free(ac);
    return rc;
  }
  *out = ac;
  return TR_OK;
}
