/*
 * libtraderules - pairwise comparison of two templates, category by category.
 * SPDX-License-Identifier: MIT
 */
#include "compare/compare-private.h"

#include <math.h>
#include <string.h>

static const struct {
  const char *id;
  const char *title;
} relations[] = {
  { "both_unknown", "both unknown" },
  { "same", "same" },
  { "first_stronger", "first stronger" },
  { "second_stronger", "second stronger" },
  { "only_first", "only in first" },
  { "only_second", "only in second" },
  { "different_carveouts", "same strength, different carve-outs" },
  { "first_unknown", "first unknown" },
  { "second_unknown", "second unknown" },
};

int tr_relation_count(void) {
  return (int)G_N_ELEMENTS(relations);
}

const char *tr_relation_id(tr_relation relation) {
  return (unsigned)relation < G_N_ELEMENTS(relations) ? relations[relation].id : NULL;
}

const char *tr_relation_title(tr_relation relation) {
  return (unsigned)relation < G_N_ELEMENTS(relations) ? relations[relation].title : NULL;
}

int tr_relation_from_id(const char *id, tr_relation *out) {
  if (!id || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_relation_from_id: NULL argument");
  for (size_t i = 0; i < G_N_ELEMENTS(relations); i++)
    if (strcmp(id, relations[i].id) == 0) {
      *out = (tr_relation)i;
      return TR_OK;
    }
  return tri_fail(TR_ERR_NOT_FOUND, "unknown relation '%s'", id);
}

int tr_relation_differs(tr_relation relation) {
  return (unsigned)relation < G_N_ELEMENTS(relations) && relation != TR_RELATION_SAME &&
         relation != TR_RELATION_BOTH_UNKNOWN;
}

tr_relation trc_relation(tr_strength a, unsigned int ea, tr_strength b, unsigned int eb) {
  int la = trc_level(a), lb = trc_level(b);
  if (la < 0 && lb < 0)
    return TR_RELATION_BOTH_UNKNOWN;
  if (la < 0)
    return TR_RELATION_FIRST_UNKNOWN;
  if (lb < 0)
    return TR_RELATION_SECOND_UNKNOWN;
  if (la == lb)
    return (la > 0 && ea != eb) ? TR_RELATION_DIFFERENT_CARVEOUTS : TR_RELATION_SAME;
  if (la > 0 && lb > 0)
    return la > lb ? TR_RELATION_FIRST_STRONGER : TR_RELATION_SECOND_STRONGER;
  return lb == 0 ? TR_RELATION_ONLY_FIRST : TR_RELATION_ONLY_SECOND;
}

int trc_distance_sixths(tr_strength a, unsigned int ea, tr_strength b, unsigned int eb) {
  int la = trc_level(a), lb = trc_level(b);
  if (la < 0 || lb < 0)
    return -1;
  if (la == lb)
    return (la > 0 && ea != eb) ? 1 : 0;
  return 2 * ABS(la - lb);
}

double trc_template_distance(const tr_template *a, const tr_template *b, guint *comparable) {
  int n = MIN(a->ncat, b->ncat);
  guint num = 0, cnt = 0;
  for (int c = 0; c < n; c++) {
    int d = trc_distance_sixths(a->pos[c].strength, a->pos[c].exceptions, b->pos[c].strength,
                                b->pos[c].exceptions);
    if (d < 0)
      continue;
    num += (guint)d;
    cnt++;
  }
  if (comparable)
    *comparable = cnt;
  return cnt ? (double)num / (6.0 * cnt) : NAN;
}

struct tr_comparison {
  tr_template *first, *second;
  int ncat;
  tr_relation *rel; /* index = category - 1 */
  unsigned int *aspects; /* how the carve-outs differ, index = category - 1 */
  guint comparable;
};

int tr_comparison_new(const tr_template *first, const tr_template *second, tr_comparison **out) {
  if (!first || !second || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_comparison_new: NULL argument");
  tr_comparison *cmp = g_new0(tr_comparison, 1);
  cmp->first = trc_template_ref(first);
  cmp->second = trc_template_ref(second);
  cmp->ncat = MIN(first->ncat, second->ncat);
  cmp->rel = g_new(tr_relation, cmp->ncat);
  cmp->aspects = g_new0(unsigned int, cmp->ncat);
  for (int c = 0; c < cmp->ncat; c++) {
    const trc_position *a = &first->pos[c], *b = &second->pos[c];
    cmp->rel[c] = trc_relation(a->strength, a->exceptions, b->strength, b->exceptions);
    cmp->aspects[c] = trc_carveout_aspects(a, b, c + 1);
    if (trc_level(a->strength) >= 0 && trc_level(b->strength) >= 0)
      cmp->comparable++;
  }
  *out = cmp;
  return TR_OK;
}

int tr_comparison_new_agreements(const tr_agreement *first, const tr_agreement *second, tr_comparison **out) {
  if (!first || !second || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_comparison_new_agreements: NULL argument");
  tr_template *a = NULL, *b = NULL;
  int rc = tr_template_new_from_agreement(first, &a);
  if (rc == TR_OK)
    rc = tr_template_new_from_agreement(second, &b);
  if (rc == TR_OK)
    rc = tr_comparison_new(a, b, out);
  tr_template_free(a);
  tr_template_free(b);
  return rc;
}

void tr_comparison_free(tr_comparison *cmp) {
  if (!cmp)
    return;
  tr_template_free(cmp->first);
  tr_template_free(cmp->second);
  g_free(cmp->rel);
  g_free(cmp->aspects);
  g_free(cmp);
}

unsigned int tr_comparison_carveout_aspects(const tr_comparison *cmp, tr_category category) {
  if (!cmp || (int)category < 1 || (int)category > cmp->ncat)
    return 0;
  return cmp->aspects[category - 1];
}

int tr_comparison_describe_carveouts(const tr_comparison *cmp, tr_category category, char **out) {
  if (!cmp || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_comparison_describe_carveouts: NULL argument");
  if ((int)category < 1 || (int)category > cmp->ncat)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_comparison_describe_carveouts: invalid category %d", (int)category);
  GString *s = g_string_new(NULL);
  const tr_template *both[] = { cmp->first, cmp->second };
  trc_carveouts_describe(both, 2, (int)category, cmp->aspects[category - 1], s);
  *out = g_string_free(s, FALSE);
  return TR_OK;
}

const tr_template *tr_comparison_get_first(const tr_comparison *cmp) {
  return cmp ? cmp->first : NULL;
}

const tr_template *tr_comparison_get_second(const tr_comparison *cmp) {
  return cmp ? cmp->second : NULL;
}

size_t tr_comparison_count(const tr_comparison *cmp) {
  return cmp ? (size_t)cmp->ncat : 0;
}

tr_category tr_comparison_category_at(const tr_comparison *cmp, size_t index) {
  return cmp && index < (size_t)cmp->ncat ? (tr_category)(index + 1) : TR_CATEGORY_UNKNOWN;
}

tr_relation tr_comparison_relation_at(const tr_comparison *cmp, size_t index) {
  return cmp && index < (size_t)cmp->ncat ? cmp->rel[index] : TR_RELATION_BOTH_UNKNOWN;
}

tr_relation tr_comparison_get_relation(const tr_comparison *cmp, tr_category category) {
  return (int)category >= 1 ? tr_comparison_relation_at(cmp, (size_t)category - 1) : TR_RELATION_BOTH_UNKNOWN;
}

size_t tr_comparison_relation_count(const tr_comparison *cmp, tr_relation relation) {
  size_t n = 0;
  for (int c = 0; cmp && c < cmp->ncat; c++)
    n += cmp->rel[c] == relation;
  return n;
}

size_t tr_comparison_comparable_count(const tr_comparison *cmp) {
  return cmp ? cmp->comparable : 0;
}

double tr_comparison_agreement_share(const tr_comparison *cmp) {
  if (!cmp || cmp->comparable == 0)
    return NAN;
  return (double)tr_comparison_relation_count(cmp, TR_RELATION_SAME) / cmp->comparable;
}

double tr_comparison_distance(const tr_comparison *cmp) {
  if (!cmp)
    return NAN;
  return trc_template_distance(cmp->first, cmp->second, NULL);
}

int tr_comparison_distance_weighted(const tr_comparison *cmp, const double *weights, size_t count,
                                    double *out) {
  if (!cmp || (!weights && count) || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_comparison_distance_weighted: NULL argument");
  for (size_t i = 0; i < count; i++)
    if (!isfinite(weights[i]) || weights[i] < 0)
      return tri_set_error(TR_ERR_INVALID_ARG, NULL, 0, 0, NULL, "weight %zu (%s) must be finite and >= 0",
                          i, tr_category_id((tr_category)(i + 1)) ? tr_category_id((tr_category)(i + 1)) : "?");
  double num = 0, den = 0;
  for (int c = 0; c < cmp->ncat; c++) {
    const trc_position *a = &cmp->first->pos[c], *b = &cmp->second->pos[c];
    int d = trc_distance_sixths(a->strength, a->exceptions, b->strength, b->exceptions);
    if (d < 0)
      continue;
    double w = (size_t)c < count ? weights[c] : 1.0;
    num += w * d / 6.0;
    den += w;
  }
  *out = den > 0 ? num / den : NAN;
  return TR_OK;
}

double tr_comparison_similarity(const tr_comparison *cmp) {
  return 1.0 - tr_comparison_distance(cmp);
}
