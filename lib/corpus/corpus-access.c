/*
 * libtraderules - the corpus object's accessors and error lists.
 * SPDX-License-Identifier: MIT
 */
#include "corpus/tr-corpus-private.h"

#include <string.h>

/* ---- error lists ---- */

static const perr_t *err_at(const tr_corpus_errors *e, size_t i) {
  return e && i < e->items->len ? &g_array_index(e->items, perr_t, i) : NULL;
}

size_t tr_corpus_errors_count(const tr_corpus_errors *e) {
  return e ? e->items->len : 0;
}

int tr_corpus_errors_code(const tr_corpus_errors *e, size_t i) {
  const perr_t *p = err_at(e, i);
  return p ? p->code : TR_ERR_INVALID_ARG;
}

const char *tr_corpus_errors_message(const tr_corpus_errors *e, size_t i) {
  const perr_t *p = err_at(e, i);
  return p ? p->msg : NULL;
}

const char *tr_corpus_errors_file(const tr_corpus_errors *e, size_t i) {
  const perr_t *p = err_at(e, i);
  return p ? p->file : NULL;
}

long tr_corpus_errors_line(const tr_corpus_errors *e, size_t i) {
  const perr_t *p = err_at(e, i);
  return p ? p->line : 0;
}

long tr_corpus_errors_column(const tr_corpus_errors *e, size_t i) {
  const perr_t *p = err_at(e, i);
  return p ? p->column : 0;
}

void tr_corpus_errors_free(tr_corpus_errors *e) {
  if (!e)
    return;
  for (guint i = 0; i < e->items->len; i++)
    tri_perr_clear(&g_array_index(e->items, perr_t, i));
  g_array_free(e->items, TRUE);
  g_free(e);
}

/* ---- accessors ---- */

size_t tr_corpus_agreement_count(const tr_corpus *c) {
  return c ? c->agreements->len : 0;
}

size_t tr_corpus_chapter_count(const tr_corpus *c) {
  return c ? c->chapters->len : 0;
}

size_t tr_corpus_article_count(const tr_corpus *c) {
  return c ? c->articles->len : 0;
}

static const agr_t *agr_at(const tr_corpus *c, size_t i) {
  return c && i < c->agreements->len ? &g_array_index(c->agreements, agr_t, i) : NULL;
}

static const chap_t *chap_at(const tr_corpus *c, size_t i) {
  return c && i < c->chapters->len ? g_array_index(c->chapters, chap_t *, i) : NULL;
}

static const art_t *art_at(const tr_corpus *c, size_t i) {
  return c && i < c->articles->len ? g_array_index(c->articles, art_t *, i) : NULL;
}

const char *tr_corpus_agreement_get(const tr_corpus *c, size_t i, tr_corpus_field f) {
  const agr_t *a = agr_at(c, i);
  if (!a || (int)f < 0 || f >= N_META)
    return NULL;
  return a->meta[f];
}

int tr_corpus_agreement_find(const tr_corpus *c, const char *tota_id, size_t *out) {
  gpointer v;
  if (!c || !tota_id || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "corpus, id or out is NULL");
  v = g_hash_table_lookup(c->by_tota, tota_id);
  if (!v)
    return tri_fail(TR_ERR_NOT_FOUND, "no agreement with ToTA id '%s'", tota_id);
  *out = GPOINTER_TO_SIZE(v) - 1;
  return TR_OK;
}

size_t tr_corpus_agreement_party_count(const tr_corpus *c, size_t i, tr_corpus_parties which) {
  const agr_t *a = agr_at(c, i);
  return a && (unsigned)which < 2 ? a->nparties[which] : 0;
}

const char *tr_corpus_agreement_party(const tr_corpus *c, size_t i, tr_corpus_parties which,
                                      size_t k) {
  const agr_t *a = agr_at(c, i);
  return a && (unsigned)which < 2 && k < a->nparties[which] ? a->parties[which][k] : NULL;
}

size_t tr_corpus_agreement_chapters(const tr_corpus *c, size_t i, size_t *first) {
  const agr_t *a = agr_at(c, i);
  if (first)
    *first = a ? a->ch_first : 0;
  return a ? a->ch_count : 0;
}

size_t tr_corpus_agreement_articles(const tr_corpus *c, size_t i, size_t *first) {
  const agr_t *a = agr_at(c, i);
  if (first)
    *first = a ? a->ar_first : 0;
  return a ? a->ar_count : 0;
}

uint32_t tri_corpus_agreement_date(const tr_corpus *c, size_t i) {
  const agr_t *a = agr_at(c, i);
  return a ? a->date : 0;
}

size_t tr_corpus_chapter_agreement(const tr_corpus *c, size_t i) {
  const chap_t *ch = chap_at(c, i);
  return ch ? ch->agreement : (size_t)-1;
}

const char *tr_corpus_chapter_get(const tr_corpus *c, size_t i, tr_corpus_field f) {
  const chap_t *ch = chap_at(c, i);
  if (!ch)
    return NULL;
  switch (f) {
  case TR_CORPUS_FIELD_NAME: return ch->name;
  case TR_CORPUS_FIELD_NUMBER: return ch->number;
  case TR_CORPUS_FIELD_IDENTIFIER: return ch->ident;
  default: return NULL;
  }
}

size_t tr_corpus_chapter_articles(const tr_corpus *c, size_t i, size_t *first) {
  const chap_t *ch = chap_at(c, i);
  if (first)
    *first = ch ? ch->ar_first : 0;
  return ch ? ch->ar_count : 0;
}

size_t tr_corpus_article_chapter(const tr_corpus *c, size_t i) {
  const art_t *a = art_at(c, i);
  return a ? a->chapter : (size_t)-1;
}

size_t tr_corpus_article_agreement(const tr_corpus *c, size_t i) {
  const art_t *a = art_at(c, i);
  return a ? a->agreement : (size_t)-1;
}

const char *tr_corpus_article_get(const tr_corpus *c, size_t i, tr_corpus_field f) {
  const art_t *a = art_at(c, i);
  if (!a)
    return NULL;
  switch (f) {
  case TR_CORPUS_FIELD_NAME: return a->name;
  case TR_CORPUS_FIELD_NUMBER: return a->number;
  case TR_CORPUS_FIELD_IDENTIFIER: return a->ident;
  case TR_CORPUS_FIELD_TEXT: return a->text ? a->text : "";
  default: return NULL;
  }
}

size_t tri_corpus_article_len(const tr_corpus *c, size_t i) {
  const art_t *a = art_at(c, i);
  return a ? a->len : 0;
}
