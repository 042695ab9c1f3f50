/*
 * libtraderules - an automatic coding against the hand coding of a catalog
 * (what 'traderules code --summary --compare' prints; coder.h).
 * SPDX-License-Identifier: MIT
 */
#include "core/tr-internal.h"

#include <traderules/coder.h>

typedef struct {
  tr_category category;
  const tr_provision *coded, *hand; /* borrowed from the record and the catalog */
  tr_coding_verdict verdict;
} comparison_row;

struct tr_coding_comparison {
  tr_agreement *coded;      /* owned */
  const tr_agreement *hand; /* borrowed from the catalog, or NULL */
  GArray *rows;             /* comparison_row */
};

/* The first agreement of @catalog, in catalog order, with ToTA id @tota_id. */
static const tr_agreement *hand_coded(const tr_catalog *catalog, int tota_id) {
  if (!catalog || tota_id <= 0)
    return NULL;
  for (size_t i = 0; i < tr_catalog_agreement_count(catalog); i++)
    if (tr_agreement_get_tota_id(tr_catalog_agreement_at(catalog, i)) == tota_id)
      return tr_catalog_agreement_at(catalog, i);
  return NULL;
}

int tr_coding_comparison_new(const tr_agreement_coding *coding, const tr_catalog *catalog,
                             tr_coding_comparison **out) {
  if (out)
    *out = NULL;
  if (!coding || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_coding_comparison_new: NULL argument");
  tr_agreement *ag = NULL;
  int rc = tr_agreement_coding_to_agreement(coding, &ag);
  if (rc != TR_OK)
    return rc;
  tr_coding_comparison *cmp = g_new0(tr_coding_comparison, 1);
  cmp->coded = ag;
  cmp->hand = hand_coded(catalog, tr_agreement_get_tota_id(ag));
  cmp->rows = g_array_new(FALSE, FALSE, sizeof(comparison_row));
  for (int c = 1; c <= tr_category_count(); c++) {
    comparison_row r = { (tr_category)c, tr_agreement_find_provision(ag, (tr_category)c), NULL,
                         TR_CODING_NOT_COMPARED };
    if (cmp->hand)
      r.hand = tr_agreement_find_provision(cmp->hand, (tr_category)c);
    /* a row for what the coder found, and for what the hand coding commits to */
    if (!r.coded && !(r.hand && tr_provision_get_strength(r.hand) > TR_STRENGTH_NONE))
      continue;
    if (cmp->hand) {
      tr_strength auto_strength = r.coded ? tr_provision_get_strength(r.coded) : TR_STRENGTH_NONE;
      r.verdict = r.hand && tr_provision_get_strength(r.hand) == auto_strength ? TR_CODING_AGREE
                                                                                : TR_CODING_DISAGREE;
    }
    g_array_append_val(cmp->rows, r);
  }
  *out = cmp;
  return TR_OK;
}

void tr_coding_comparison_free(tr_coding_comparison *cmp) {
  if (!cmp)
    return;
  tr_agreement_free(cmp->coded);
  g_array_free(cmp->rows, TRUE);
  g_free(cmp);
}

const tr_agreement *tr_coding_comparison_get_coded(const tr_coding_comparison *cmp) {
  return cmp ? cmp->coded : NULL;
}

const tr_agreement *tr_coding_comparison_get_hand_coded(const tr_coding_comparison *cmp) {
  return cmp ? cmp->hand : NULL;
}

size_t tr_coding_comparison_count(const tr_coding_comparison *cmp) {
  return cmp ? cmp->rows->len : 0;
}

static const comparison_row *row_at(const tr_coding_comparison *cmp, size_t index) {
  return cmp && index < cmp->rows->len ? &g_array_index(cmp->rows, comparison_row, index) : NULL;
}

tr_category tr_coding_comparison_category_at(const tr_coding_comparison *cmp, size_t index) {
  const comparison_row *r = row_at(cmp, index);
  return r ? r->category : TR_CATEGORY_UNKNOWN;
}

const tr_provision *tr_coding_comparison_coded_at(const tr_coding_comparison *cmp, size_t index) {
  const comparison_row *r = row_at(cmp, index);
  return r ? r->coded : NULL;
}

const tr_provision *tr_coding_comparison_hand_at(const tr_coding_comparison *cmp, size_t index) {
  const comparison_row *r = row_at(cmp, index);
  return r ? r->hand : NULL;
}

tr_coding_verdict tr_coding_comparison_verdict_at(const tr_coding_comparison *cmp, size_t index) {
  const comparison_row *r = row_at(cmp, index);
  return r ? r->verdict : TR_CODING_NOT_COMPARED;
}

const char *tr_coding_verdict_id(tr_coding_verdict verdict) {
  switch (verdict) {
  case TR_CODING_NOT_COMPARED:
    return "";
  case TR_CODING_AGREE:
    return "yes";
  case TR_CODING_DISAGREE:
    return "no";
  }
  return NULL;
}
