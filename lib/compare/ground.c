/*
 * libtraderules - multilateral common ground and the seed paper's WTO avenues.
 * SPDX-License-Identifier: MIT
 */
#include "compare/compare-private.h"

#include <string.h>

static const struct {
  const char *id;
  const char *title;
} avenues[] = {
  { "none", "no avenue named" },
  { "ita_expansion", "expansion of the ITA" },
  { "trips_upgrade", "upgrade of TRIPS" },
  { "data_flow_mechanism", "new mechanism for cross-border data flows" },
  { "gats_interpretation", "interpretation and scope of GATS commitments" },
};

const char *tr_wto_avenue_id(tr_wto_avenue avenue) {
  return (unsigned)avenue < G_N_ELEMENTS(avenues) ? avenues[avenue].id : NULL;
}

const char *tr_wto_avenue_title(tr_wto_avenue avenue) {
  return (unsigned)avenue < G_N_ELEMENTS(avenues) ? avenues[avenue].title : NULL;
}

/* The library's reading of which avenue (seed paper §4.3) would carry each
 * category; docs/compare.md gives the reasons row by row. */
tr_wto_avenue tr_category_wto_avenue(tr_category category) {
  switch (category) {
  case TR_CATEGORY_ICT_GOODS_TARIFFS:
    return TR_WTO_AVENUE_ITA_EXPANSION;
  case TR_CATEGORY_IP_COPYRIGHT_DIGITAL:
  case TR_CATEGORY_IP_GEOGRAPHICAL_INDICATIONS:
  case TR_CATEGORY_INTERMEDIARY_LIABILITY_SAFE_HARBOUR:
  case TR_CATEGORY_SOURCE_CODE:
    return TR_WTO_AVENUE_TRIPS_UPGRADE;
  case TR_CATEGORY_CROSS_BORDER_DATA_FLOWS:
  case TR_CATEGORY_DATA_LOCALISATION:
  case TR_CATEGORY_FINANCIAL_DATA_FLOWS:
  case TR_CATEGORY_PERSONAL_INFORMATION_PROTECTION:
  case TR_CATEGORY_PRIVACY_DATA_PROTECTION_CARVEOUT:
    return TR_WTO_AVENUE_DATA_FLOWS;
  case TR_CATEGORY_CUSTOMS_DUTIES_ELECTRONIC_TRANSMISSIONS:
  case TR_CATEGORY_NONDISCRIMINATION_DIGITAL_PRODUCTS:
  case TR_CATEGORY_ELECTRONIC_SUPPLY_OF_SERVICES:
  case TR_CATEGORY_NO_PRIOR_AUTHORISATION:
  case TR_CATEGORY_TELECOM_SERVICES:
  case TR_CATEGORY_COMPUTER_RELATED_SERVICES:
  case TR_CATEGORY_AUDIOVISUAL_CULTURAL_EXCEPTION:
    return TR_WTO_AVENUE_GATS_SCOPE;
  default:
    return TR_WTO_AVENUE_NONE;
  }
}

static const char *const ground_ids[] = { "unknown", "converge", "partial", "diverge", "absent" };

const char *tr_ground_id(tr_ground ground) {
  return (unsigned)ground < G_N_ELEMENTS(ground_ids) ? ground_ids[ground] : NULL;
}

typedef struct {
  gboolean carve_differ;
  unsigned int aspects; /* how the carve-outs of the parties holding a provision differ */
  tr_ground ground;
  tr_strength floor, ceiling;
} cell_t;

struct tr_common_ground {
  size_t nparties;
  tr_template **parties;
  int ncat;
  cell_t *cells;
};

int tr_common_ground_new(const tr_template *const *parties, size_t count, tr_common_ground **out) {
  if ((!parties && count) || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_common_ground_new: NULL argument");
  if (count < 2)
    return tri_fail(TR_ERR_EMPTY, "common ground needs at least 2 templates or agreements (got %zu)", count);
  for (size_t i = 0; i < count; i++)
    if (!parties[i])
      return tri_fail(TR_ERR_INVALID_ARG, "tr_common_ground_new: party %zu is NULL", i);
  tr_common_ground *cg = g_new0(tr_common_ground, 1);
  cg->nparties = count;
  cg->parties = g_new(tr_template *, count);
  cg->ncat = tr_category_count();
  for (size_t i = 0; i < count; i++) {
    cg->parties[i] = trc_template_ref(parties[i]);
    cg->ncat = MIN(cg->ncat, parties[i]->ncat);
  }
  cg->cells = g_new0(cell_t, cg->ncat);
  for (int c = 0; c < cg->ncat; c++) {
    int lo = 99, hi = -1;
    size_t known = 0;
    for (size_t i = 0; i < count; i++) {
      int l = trc_level(parties[i]->pos[c].strength);
      if (l < 0)
        continue;
      known++;
      lo = MIN(lo, l);
      hi = MAX(hi, l);
    }
    cell_t *cell = &cg->cells[c];
    gboolean have = FALSE;
    unsigned int first_exc = 0;
    for (size_t i = 0; i < count; i++) {
      if (trc_level(parties[i]->pos[c].strength) < 1)
        continue;
      if (!have) {
        have = TRUE;
        first_exc = parties[i]->pos[c].exceptions;
      } else if (parties[i]->pos[c].exceptions != first_exc) {
        cell->carve_differ = TRUE;
      }
      for (size_t k = 0; k < i; k++)
        cell->aspects |= trc_carveout_aspects(&parties[k]->pos[c], &parties[i]->pos[c], c + 1);
    }
    cell->floor = known ? (tr_strength)(lo + 1) : TR_STRENGTH_UNKNOWN;
    cell->ceiling = known ? (tr_strength)(hi + 1) : TR_STRENGTH_UNKNOWN;
    if (known >= 2 && hi >= 2 && hi - lo >= 2)
      cell->ground = TR_GROUND_DIVERGE;
    else if (known < count)
      cell->ground = TR_GROUND_UNKNOWN;
    else if (hi == 0)
      cell->ground = TR_GROUND_ABSENT;
    else if (lo >= 1 && hi - lo <= 1)
      cell->ground = TR_GROUND_CONVERGE;
    else
      cell->ground = TR_GROUND_PARTIAL;
  }
  *out = cg;
  return TR_OK;
}

void tr_common_ground_free(tr_common_ground *cg) {
  if (!cg)
    return;
  for (size_t i = 0; i < cg->nparties; i++)
    tr_template_free(cg->parties[i]);
  g_free(cg->parties);
  g_free(cg->cells);
  g_free(cg);
}

size_t tr_common_ground_party_count(const tr_common_ground *cg) {
  return cg ? cg->nparties : 0;
}

const tr_template *tr_common_ground_party_at(const tr_common_ground *cg, size_t index) {
  return cg && index < cg->nparties ? cg->parties[index] : NULL;
}

static const cell_t *get_cell(const tr_common_ground *cg, tr_category category) {
  if (!cg || (int)category < 1 || (int)category > cg->ncat)
    return NULL;
  return &cg->cells[category - 1];
}

tr_ground tr_common_ground_get(const tr_common_ground *cg, tr_category category) {
  const cell_t *c = get_cell(cg, category);
  return c ? c->ground : TR_GROUND_UNKNOWN;
}

tr_strength tr_common_ground_floor(const tr_common_ground *cg, tr_category category) {
  const cell_t *c = get_cell(cg, category);
  return c ? c->floor : TR_STRENGTH_UNKNOWN;
}

tr_strength tr_common_ground_ceiling(const tr_common_ground *cg, tr_category category) {
  const cell_t *c = get_cell(cg, category);
  return c ? c->ceiling : TR_STRENGTH_UNKNOWN;
}

size_t tr_common_ground_count(const tr_common_ground *cg, tr_ground ground) {
  size_t n = 0;
  for (int c = 0; cg && c < cg->ncat; c++)
    n += cg->cells[c].ground == ground;
  return n;
}

unsigned int tr_common_ground_carveout_aspects(const tr_common_ground *cg, tr_category category) {
  const cell_t *c = get_cell(cg, category);
  return c ? c->aspects : 0;
}

int tr_common_ground_describe_carveouts(const tr_common_ground *cg, tr_category category, char **out) {
  if (!cg || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_common_ground_describe_carveouts: NULL argument");
  const cell_t *c = get_cell(cg, category);
  if (!c)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_common_ground_describe_carveouts: invalid category %d", (int)category);
  GString *s = g_string_new(NULL);
  trc_carveouts_describe((const tr_template *const *)cg->parties, (guint)cg->nparties, (int)category, c->aspects, s);
  *out = g_string_free(s, FALSE);
  return TR_OK;
}

int tr_common_ground_carveouts_differ(const tr_common_ground *cg, tr_category category) {
  const cell_t *c = get_cell(cg, category);
  return c ? c->carve_differ : 0;
}
