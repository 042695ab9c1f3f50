/*
 * libtraderules - a corpus unit (agreement, chapter or article) by kind and index: its
 * identifier, label and agreement, and lookup by identifier (issue 13: moved from
 * `traderules corpus`, which named the units of its outputs this way).
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-corpus-internal.h"

#include <string.h>

size_t tr_corpus_unit_count(const tr_corpus *corpus, tr_unit_kind kind) {
  switch (kind) {
  case TR_UNIT_AGREEMENT: return tr_corpus_agreement_count(corpus);
  case TR_UNIT_CHAPTER: return tr_corpus_chapter_count(corpus);
  case TR_UNIT_ARTICLE: return tr_corpus_article_count(corpus);
  default: return 0;
  }
}

const char *tr_corpus_unit_identifier(const tr_corpus *corpus, tr_unit_kind kind, size_t unit) {
  switch (kind) {
  case TR_UNIT_AGREEMENT: return tr_corpus_agreement_get(corpus, unit, TR_CORPUS_FIELD_TOTA_ID);
  case TR_UNIT_CHAPTER: return tr_corpus_chapter_get(corpus, unit, TR_CORPUS_FIELD_IDENTIFIER);
  case TR_UNIT_ARTICLE: return tr_corpus_article_get(corpus, unit, TR_CORPUS_FIELD_IDENTIFIER);
  default: return NULL;
  }
}

const char *tr_corpus_unit_label(const tr_corpus *corpus, tr_unit_kind kind, size_t unit) {
  const char *s;
  switch (kind) {
  case TR_UNIT_AGREEMENT: return tr_corpus_agreement_get(corpus, unit, TR_CORPUS_FIELD_NAME);
  case TR_UNIT_CHAPTER:
    s = tr_corpus_chapter_get(corpus, unit, TR_CORPUS_FIELD_NUMBER);
    return s ? s : tr_corpus_chapter_get(corpus, unit, TR_CORPUS_FIELD_NAME);
  case TR_UNIT_ARTICLE:
    s = tr_corpus_article_get(corpus, unit, TR_CORPUS_FIELD_NUMBER);
    return s ? s : tr_corpus_article_get(corpus, unit, TR_CORPUS_FIELD_NAME);
  default: return NULL;
  }
}

size_t tr_corpus_unit_agreement(const tr_corpus *corpus, tr_unit_kind kind, size_t unit) {
  switch (kind) {
  case TR_UNIT_AGREEMENT: return unit < tr_corpus_agreement_count(corpus) ? unit : (size_t)-1;
  case TR_UNIT_CHAPTER: return tr_corpus_chapter_agreement(corpus, unit);
  case TR_UNIT_ARTICLE: return tr_corpus_article_agreement(corpus, unit);
  default: return (size_t)-1;
  }
}

int tr_corpus_unit_find(const tr_corpus *corpus, tr_unit_kind kind, const char *identifier, size_t *out) {
  if (!corpus || !identifier || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "corpus, identifier or out is NULL");
  if ((unsigned)kind > TR_UNIT_ARTICLE)
    return tri_fail(TR_ERR_INVALID_ARG, "unit kind %d is unknown", (int)kind);
  size_t n = tr_corpus_unit_count(corpus, kind);
  for (size_t i = 0; i < n; i++) {
    const char *x = tr_corpus_unit_identifier(corpus, kind, i);
    if (x && strcmp(x, identifier) == 0) {
      *out = i;
      return TR_OK;
    }
  }
  return tri_fail(TR_ERR_NOT_FOUND, "no %s with identifier '%s'",
                  kind == TR_UNIT_AGREEMENT ? "agreement" : kind == TR_UNIT_CHAPTER ? "chapter" : "article",
                  identifier);
}
