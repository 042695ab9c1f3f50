/*
 * libtraderules - the evidence members of a provision: basis, coder draft and review,
 * evidence spans, exception scope (docs/catalog-format.md).
 * SPDX-License-Identifier: MIT
 */
#include "model/model-private.h"

#include <string.h>

/* ---- enums ---- */

static const char *const bases[] = { NULL, "text", "coder_confirmed", "official", "secondary",
                                     "unknown" };
static const char *const reviews[] = { NULL, "confirmed", "corrected", "rejected", "added" };
static const char *const breadths[] = { NULL, "sector", "measure", "general" };
static const char *const forms[] = { NULL, "standalone", "incorporated" };

#define ENUM_FROM_1(fn_id, fn_from, type, table, what)                        \
  const char *fn_id(type value) {                                             \
    if ((int)value < 1 || (int)value >= (int)G_N_ELEMENTS(table))             \
      return NULL;                                                            \
    return table[value];                                                      \
  }                                                                           \
  int fn_from(const char *id, type *out) {                                    \
    if (!id || !out)                                                          \
      return tri_fail(TR_ERR_INVALID_ARG, #fn_from ": NULL argument");         \
    for (size_t i = 1; i < G_N_ELEMENTS(table); i++)                          \
      if (strcmp(table[i], id) == 0) {                                        \
        *out = (type)i;                                                       \
        return TR_OK;                                                         \
      }                                                                       \
    return tri_fail(TR_ERR_NOT_FOUND, "unknown " what " '%s'", id);            \
  }

ENUM_FROM_1(tr_basis_id, tr_basis_from_id, tr_basis, bases, "basis")
ENUM_FROM_1(tr_review_id, tr_review_from_id, tr_review, reviews, "review")
ENUM_FROM_1(tr_scope_breadth_id, tr_scope_breadth_from_id, tr_scope_breadth, breadths, "breadth")
ENUM_FROM_1(tr_scope_form_id, tr_scope_form_from_id, tr_scope_form, forms, "form")

/* ---- provision members ---- */

void tri_provision_clear_evidence_fields(tr_provision *p) {
  if (p->evidence)
    g_ptr_array_unref(p->evidence);
  p->evidence = NULL;
  tr_exception_scope_free(p->scope);
  p->scope = NULL;
}

int tr_provision_set_basis(tr_provision *p, tr_basis basis) {
  if (!p)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_provision_set_basis: provision is NULL");
  if (basis != TR_BASIS_UNSET && !tr_basis_id(basis))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid basis %d", (int)basis);
  p->basis = basis;
  return TR_OK;
}

tr_basis tr_provision_get_basis(const tr_provision *p) {
  return p ? p->basis : TR_BASIS_UNSET;
}

int tr_provision_set_draft(tr_provision *p, int has_draft, tr_strength draft) {
  if (!p)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_provision_set_draft: provision is NULL");
  if (has_draft && !tr_strength_id(draft))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid draft strength %d", (int)draft);
  p->has_draft = has_draft != 0;
  p->draft = has_draft ? draft : TR_STRENGTH_UNKNOWN;
  return TR_OK;
}

int tr_provision_get_draft(const tr_provision *p, tr_strength *draft) {
  if (!p || !p->has_draft)
    return 0;
  if (draft)
    *draft = p->draft;
  return 1;
}

int tr_provision_set_review(tr_provision *p, tr_review review) {
  if (!p)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_provision_set_review: provision is NULL");
  if (review != TR_REVIEW_UNSET && !tr_review_id(review))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid review %d", (int)review);
  p->review = review;
  return TR_OK;
}

tr_review tr_provision_get_review(const tr_provision *p) {
  return p ? p->review : TR_REVIEW_UNSET;
}

/* ---- evidence ---- */

static size_t count_words(const char *s) {
  size_t n = 0;
  gboolean in = FALSE;
  for (const char *c = s; *c; c = g_utf8_next_char(c)) {
    gboolean space = g_unichar_isspace(g_utf8_get_char(c));
    if (!space && !in)
      n++;
    in = !space;
  }
  return n;
}

static gboolean blank(const char *s) {
  for (const char *c = s; *c; c = g_utf8_next_char(c))
    if (!g_unichar_isspace(g_utf8_get_char(c)))
      return FALSE;
  return TRUE;
}

/* The checks shared by both constructors: article, paragraph, span. */
static int check_words(const char *article, const char *paragraph, const char *span) {
  int rc;
  size_t words;
  if ((rc = tri_model_check_text("evidence article", article, FALSE)) ||
      (rc = tri_model_check_text("evidence paragraph", paragraph, TRUE)) ||
      (rc = tri_model_check_text("evidence span", span, FALSE)))
    return rc;
  if (blank(article))
    return tri_fail(TR_ERR_INVALID_ARG, "evidence article is empty");
  if (paragraph && blank(paragraph))
    return tri_fail(TR_ERR_INVALID_ARG, "evidence paragraph is empty (use null)");
  if (blank(span))
    return tri_fail(TR_ERR_INVALID_ARG, "evidence span is empty");
  words = count_words(span);
  if (words > TR_EVIDENCE_MAX_WORDS)
    return tri_fail(TR_ERR_INVALID_ARG, "evidence span has %zu words (at most %d)", words,
                   TR_EVIDENCE_MAX_WORDS);
  return TR_OK;
}

int tr_cell_evidence_new(int tota_id, int article_id, const char *article, const char *paragraph,
                    const char *span, tr_cell_evidence **out) {
  int rc;
  tr_cell_evidence *e;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_cell_evidence_new: out is NULL");
  if (tota_id < 1)
    return tri_fail(TR_ERR_INVALID_ARG, "evidence tota_id %d: must be 1 or more", tota_id);
  if (article_id < 0)
    return tri_fail(TR_ERR_INVALID_ARG, "evidence article_id %d: must be 0 or more", article_id);
  if ((rc = check_words(article, paragraph, span)))
    return rc;
  e = g_new0(tr_cell_evidence, 1);
  e->tota_id = tota_id;
  e->article_id = article_id;
  e->article = g_strdup(article);
  e->paragraph = g_strdup(paragraph);
  e->span = g_strdup(span);
  *out = e;
  return TR_OK;
}

/* An absolute http:// or https:// URL: scheme, a non-empty host, no white space or control
 * characters (a URL with spaces would have to be percent-encoded). */
static int check_url(const char *url) {
  int rc;
  const char *rest = NULL, *host;
  size_t host_len;
  if ((rc = tri_model_check_text("evidence url", url, FALSE)))
    return rc;
  if (g_ascii_strncasecmp(url, "https://", 8) == 0)
    rest = url + 8;
  else if (g_ascii_strncasecmp(url, "http://", 7) == 0)
    rest = url + 7;
  if (!rest)
    return tri_fail(TR_ERR_INVALID_ARG, "evidence url '%s': must start with http:// or https://",
                    url);
  for (const unsigned char *c = (const unsigned char *)url; *c; c++)
    if (*c <= 0x20 || *c == 0x7f)
      return tri_fail(TR_ERR_INVALID_ARG,
                      "evidence url '%s': white space or a control character (percent-encode it)",
                      url);
  host = rest;
  host_len = strcspn(host, "/?#");
  if (host_len == 0 || host[0] == '@' || host[0] == ':')
    return tri_fail(TR_ERR_INVALID_ARG, "evidence url '%s': no host", url);
  return TR_OK;
}

int tr_cell_evidence_new_document(const char *document, const char *url, const char *article,
                                  const char *paragraph, const char *span,
                                  tr_cell_evidence **out) {
  int rc;
  tr_cell_evidence *e;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_cell_evidence_new_document: out is NULL");
  if ((rc = tri_model_check_text("evidence document", document, FALSE)))
    return rc;
  if (blank(document))
    return tri_fail(TR_ERR_INVALID_ARG, "evidence document is empty");
  if (url && (rc = check_url(url)))
    return rc;
  if ((rc = check_words(article, paragraph, span)))
    return rc;
  e = g_new0(tr_cell_evidence, 1);
  e->tota_id = 0;
  e->article_id = 0;
  e->document = g_strdup(document);
  e->url = g_strdup(url);
  e->article = g_strdup(article);
  e->paragraph = g_strdup(paragraph);
  e->span = g_strdup(span);
  *out = e;
  return TR_OK;
}

void tr_cell_evidence_free(tr_cell_evidence *e) {
  if (!e)
    return;
  g_free(e->document);
  g_free(e->url);
  g_free(e->article);
  g_free(e->paragraph);
  g_free(e->span);
  g_free(e);
}

int tr_cell_evidence_get_tota_id(const tr_cell_evidence *e) {
  return e ? e->tota_id : 0;
}

int tr_cell_evidence_get_article_id(const tr_cell_evidence *e) {
  return e ? e->article_id : -1;
}

const char *tr_cell_evidence_get_article(const tr_cell_evidence *e) {
  return e ? e->article : NULL;
}

const char *tr_cell_evidence_get_paragraph(const tr_cell_evidence *e) {
  return e ? e->paragraph : NULL;
}

const char *tr_cell_evidence_get_span(const tr_cell_evidence *e) {
  return e ? e->span : NULL;
}

const char *tr_cell_evidence_get_document(const tr_cell_evidence *e) {
  return e ? e->document : NULL;
}

const char *tr_cell_evidence_get_url(const tr_cell_evidence *e) {
  return e ? e->url : NULL;
}

int tr_provision_add_evidence(tr_provision *p, tr_cell_evidence *e) {
  if (!p || !e)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_provision_add_evidence: NULL argument");
  if (!p->evidence)
    p->evidence = g_ptr_array_new_with_free_func((GDestroyNotify)tr_cell_evidence_free);
  for (guint i = 0; i < p->evidence->len; i++)
    if (g_ptr_array_index(p->evidence, i) == e)
      return tri_fail(TR_ERR_INVALID_ARG, "evidence already belongs to the provision");
  g_ptr_array_add(p->evidence, e);
  return TR_OK;
}

size_t tr_provision_evidence_count(const tr_provision *p) {
  return p && p->evidence ? p->evidence->len : 0;
}

const tr_cell_evidence *tr_provision_evidence_at(const tr_provision *p, size_t index) {
  if (!p || !p->evidence || index >= p->evidence->len)
    return NULL;
  return g_ptr_array_index(p->evidence, index);
}

/* ---- exception scope ---- */

int tr_exception_scope_new(tr_scope_breadth breadth, tr_scope_form form, tr_exception_scope **out) {
  tr_exception_scope *s;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_exception_scope_new: out is NULL");
  if (!tr_scope_breadth_id(breadth))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid exception scope breadth %d", (int)breadth);
  if (!tr_scope_form_id(form))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid exception scope form %d", (int)form);
  s = g_new0(tr_exception_scope, 1);
  s->breadth = breadth;
  s->form = form;
  s->incorporates = g_ptr_array_new_with_free_func(g_free);
  s->chapters = g_ptr_array_new_with_free_func(g_free);
  *out = s;
  return TR_OK;
}

void tr_exception_scope_free(tr_exception_scope *s) {
  if (!s)
    return;
  g_ptr_array_unref(s->incorporates);
  g_ptr_array_unref(s->chapters);
  g_free(s);
}

int tr_exception_scope_set_self_judging(tr_exception_scope *s, int self_judging) {
  if (!s)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_exception_scope_set_self_judging: scope is NULL");
  s->self_judging = self_judging != 0;
  return TR_OK;
}

static int add_unique(GPtrArray *items, const char *what, const char *value) {
  for (guint i = 0; i < items->len; i++)
    if (strcmp(g_ptr_array_index(items, i), value) == 0)
      return tri_fail(TR_ERR_DUPLICATE, "%s '%s' is listed twice", what, value);
  g_ptr_array_add(items, g_strdup(value));
  return TR_OK;
}

int tr_exception_scope_add_incorporates(tr_exception_scope *s, const char *what) {
  int rc;
  if (!s)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_exception_scope_add_incorporates: scope is NULL");
  if ((rc = tri_model_check_text("incorporated exception", what, FALSE)))
    return rc;
  if (blank(what))
    return tri_fail(TR_ERR_INVALID_ARG, "incorporated exception is empty");
  return add_unique(s->incorporates, "incorporated exception", what);
}

int tr_exception_scope_add_chapter(tr_exception_scope *s, const char *chapter) {
  int rc;
  if (!s)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_exception_scope_add_chapter: scope is NULL");
  if ((rc = tri_model_check_id("chapter", chapter)))
    return rc;
  return add_unique(s->chapters, "chapter", chapter);
}

tr_scope_breadth tr_exception_scope_get_breadth(const tr_exception_scope *s) {
  return s ? s->breadth : (tr_scope_breadth)0;
}

tr_scope_form tr_exception_scope_get_form(const tr_exception_scope *s) {
  return s ? s->form : (tr_scope_form)0;
}

int tr_exception_scope_get_self_judging(const tr_exception_scope *s) {
  return s && s->self_judging ? 1 : 0;
}

size_t tr_exception_scope_incorporates_count(const tr_exception_scope *s) {
  return s ? s->incorporates->len : 0;
}

const char *tr_exception_scope_incorporates_at(const tr_exception_scope *s, size_t index) {
  if (!s || index >= s->incorporates->len)
    return NULL;
  return g_ptr_array_index(s->incorporates, index);
}

size_t tr_exception_scope_chapter_count(const tr_exception_scope *s) {
  return s ? s->chapters->len : 0;
}

const char *tr_exception_scope_chapter_at(const tr_exception_scope *s, size_t index) {
  if (!s || index >= s->chapters->len)
    return NULL;
  return g_ptr_array_index(s->chapters, index);
}

int tr_provision_set_exception_scope(tr_provision *p, tr_exception_scope *scope) {
  if (!p)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_provision_set_exception_scope: provision is NULL");
  if (scope && scope == p->scope)
    return TR_OK;
  tr_exception_scope_free(p->scope);
  p->scope = scope;
  return TR_OK;
}

const tr_exception_scope *tr_provision_get_exception_scope(const tr_provision *p) {
  return p ? p->scope : NULL;
}
