/*
 * libtraderules - when each category first appears and how it spreads.
 * SPDX-License-Identifier: MIT
 */
#include "compare/compare-private.h"

#include <stdlib.h>

typedef struct {
  int year;
  size_t order; /* catalog order, for stable ties */
  char *id;
  guint8 *strength; /* ncat effective strengths */
} entry_t;

struct tr_timeline {
  int ncat;
  size_t n;
  entry_t *entries; /* dated, sorted by (year, order) */
  size_t undated;
};

static int cmp_entry(const void *a, const void *b) {
  const entry_t *x = a, *y = b;
  if (x->year != y->year)
    return x->year < y->year ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

int tr_timeline_new(const tr_catalog *catalog, const tr_filter *filter, tr_timeline **out) {
  if (!catalog || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_timeline_new: NULL argument");
  GPtrArray *sel = NULL;
  int rc = trc_select(catalog, filter, &sel);
  if (rc)
    return rc;
  tr_timeline *tl = g_new0(tr_timeline, 1);
  tl->ncat = tr_category_count();
  tl->entries = g_new0(entry_t, sel->len);
  for (guint i = 0; i < sel->len; i++) {
    const tr_agreement *a = g_ptr_array_index(sel, i);
    int year = tr_agreement_get_year(a);
    if (year <= 0) {
      tl->undated++;
      continue;
    }
    entry_t *e = &tl->entries[tl->n++];
    e->year = year;
    e->order = i;
    e->id = g_strdup(tr_agreement_get_id(a));
    e->strength = g_new0(guint8, tl->ncat);
    for (int c = 1; c <= tl->ncat; c++)
      e->strength[c - 1] = (guint8)trc_effective_strength(tr_agreement_find_provision(a, (tr_category)c));
  }
  g_ptr_array_free(sel, TRUE);
  if (tl->n == 0) {
    size_t undated = tl->undated;
    tr_timeline_free(tl);
    return tri_fail(TR_ERR_EMPTY, "no selected agreement has a known signature year (%zu undated)", undated);
  }
  qsort(tl->entries, tl->n, sizeof(entry_t), cmp_entry);
  *out = tl;
  return TR_OK;
}

void tr_timeline_free(tr_timeline *tl) {
  if (!tl)
    return;
  for (size_t i = 0; i < tl->n; i++) {
    g_free(tl->entries[i].id);
    g_free(tl->entries[i].strength);
  }
  g_free(tl->entries);
  g_free(tl);
}

int tr_timeline_first_year(const tr_timeline *tl) {
  return tl && tl->n ? tl->entries[0].year : 0;
}

int tr_timeline_last_year(const tr_timeline *tl) {
  return tl && tl->n ? tl->entries[tl->n - 1].year : 0;
}

size_t tr_timeline_dated_count(const tr_timeline *tl) {
  return tl ? tl->n : 0;
}

size_t tr_timeline_undated_count(const tr_timeline *tl) {
  return tl ? tl->undated : 0;
}

static gboolean reaches(guint8 s, tr_strength min) {
  return s != TR_STRENGTH_UNKNOWN && s >= (guint8)min;
}

int tr_timeline_first(const tr_timeline *tl, tr_category category, tr_strength min_strength,
                      const char **agreement) {
  if (agreement)
    *agreement = NULL;
  if (!tl || (int)category < 1 || (int)category > tl->ncat || min_strength < TR_STRENGTH_NONE ||
      min_strength > TR_STRENGTH_HARD)
    return 0;
  for (size_t i = 0; i < tl->n; i++)
    if (reaches(tl->entries[i].strength[category - 1], min_strength)) {
      if (agreement)
        *agreement = tl->entries[i].id;
      return tl->entries[i].year;
    }
  return 0;
}

size_t tr_timeline_count(const tr_timeline *tl, tr_category category, int year, tr_strength min_strength) {
  if (!tl || (int)category < 1 || (int)category > tl->ncat || min_strength < TR_STRENGTH_NONE ||
      min_strength > TR_STRENGTH_HARD)
    return 0;
  size_t n = 0;
  for (size_t i = 0; i < tl->n && tl->entries[i].year <= year; i++)
    n += reaches(tl->entries[i].strength[category - 1], min_strength);
  return n;
}

size_t tr_timeline_total(const tr_timeline *tl, int year) {
  size_t n = 0;
  for (size_t i = 0; tl && i < tl->n && tl->entries[i].year <= year; i++)
    n++;
  return n;
}
