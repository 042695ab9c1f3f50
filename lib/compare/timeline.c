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

typedef struct {
  GPtrArray *sel;
  int ncat;
  entry_t *all; /* one per selected agreement; year 0 for undated */
} timeline_job;

static void timeline_rows(size_t begin, size_t end, unsigned w, void *user) {
  timeline_job *j = user;
  (void)w;
  for (size_t i = begin; i < end; i++) {
    const tr_agreement *a = g_ptr_array_index(j->sel, i);
    int year = tr_agreement_get_year(a);
    if (year <= 0)
      continue;
    entry_t *e = &j->all[i];
    e->year = year;
    e->order = i;
    e->id = g_strdup(tr_agreement_get_id(a));
    e->strength = g_new0(guint8, j->ncat);
    for (int c = 1; c <= j->ncat; c++)
      e->strength[c - 1] = (guint8)trc_effective_strength(tr_agreement_find_provision(a, (tr_category)c));
  }
}

int tr_timeline_new_with_options(const tr_catalog *catalog, const tr_analysis_options *options,
                                 tr_timeline **out) {
  if (!catalog || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_timeline_new: NULL argument");
  *out = NULL;
  GPtrArray *sel = NULL;
  int rc = trc_select_options(catalog, options, &sel);
  if (rc)
    return rc;
  tr_timeline *tl = g_new0(tr_timeline, 1);
  tl->ncat = tr_category_count();
  tl->entries = g_new0(entry_t, sel->len);
  timeline_job job = { sel, tl->ncat, tl->entries };
  tri_run run;
  tri_run_init(&run, options, 0);
  tri_run_start(&run, sel->len);
  tri_parallel_for_run(sel->len, 64, &run, timeline_rows, &job);
  /* keep the dated entries, in selection order */
  for (guint i = 0; i < sel->len; i++) {
    if (tl->entries[i].year <= 0) { /* undated (or not reached by a cancelled run: discarded below) */
      tl->undated++;
      continue;
    }
    tl->entries[tl->n++] = tl->entries[i];
  }
  g_ptr_array_free(sel, TRUE);
  rc = tri_run_finish(&run);
  if (rc) {
    tr_timeline_free(tl);
    return rc;
  }
  if (tl->n == 0) {
    size_t undated = tl->undated;
    tr_timeline_free(tl);
    return tri_fail(TR_ERR_EMPTY, "no selected agreement has a known signature year (%zu undated)", undated);
  }
  qsort(tl->entries, tl->n, sizeof(entry_t), cmp_entry);
  *out = tl;
  return TR_OK;
}

int tr_timeline_new(const tr_catalog *catalog, const tr_filter *filter, tr_timeline **out) {
  if (!catalog || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_timeline_new: NULL argument");
  tr_analysis_options *o = NULL;
  tr_analysis_options_new(&o);
  tr_analysis_options_set_threads(o, 1); /* as before: on the calling thread */
  tr_analysis_options_set_filter(o, filter);
  int rc = tr_timeline_new_with_options(catalog, o, out);
  tr_analysis_options_free(o);
  return rc;
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

/* The change points of one category: walk the dated agreements year by year
 * (they are sorted by year) and report each year whose cumulative counts (any
 * provision: soft or above; hard) differ from the previous year's. Calls @fn
 * for each; stops when it returns FALSE. */
typedef gboolean (*change_fn)(int year, size_t with_provision, size_t hard, void *user);

static void walk_changes(const tr_timeline *tl, tr_category category, change_fn fn, void *user) {
  size_t any = 0, hard = 0, prev_any = 0, prev_hard = 0;
  for (size_t i = 0; i < tl->n;) {
    int year = tl->entries[i].year;
    for (; i < tl->n && tl->entries[i].year == year; i++) {
      guint8 s = tl->entries[i].strength[category - 1];
      any += reaches(s, TR_STRENGTH_SOFT);
      hard += reaches(s, TR_STRENGTH_HARD);
    }
    if (any != prev_any || hard != prev_hard) {
      if (!fn(year, any, hard, user))
        return;
      prev_any = any;
      prev_hard = hard;
    }
  }
}

static gboolean count_change(int year, size_t with_provision, size_t hard, void *user) {
  (void)year;
  (void)with_provision;
  (void)hard;
  (*(size_t *)user)++;
  return TRUE;
}

size_t tr_timeline_change_count(const tr_timeline *tl, tr_category category) {
  size_t n = 0;
  if (!tl || (int)category < 1 || (int)category > tl->ncat)
    return 0;
  walk_changes(tl, category, count_change, &n);
  return n;
}

typedef struct {
  size_t want, seen;
  int year;
  size_t with_provision, hard;
} change_at_t;

static gboolean find_change(int year, size_t with_provision, size_t hard, void *user) {
  change_at_t *c = user;
  if (c->seen++ < c->want)
    return TRUE;
  c->year = year;
  c->with_provision = with_provision;
  c->hard = hard;
  return FALSE;
}

int tr_timeline_change_at(const tr_timeline *tl, tr_category category, size_t index, size_t *with_provision,
                          size_t *hard) {
  change_at_t c = { index, 0, 0, 0, 0 };
  if (tl && (int)category >= 1 && (int)category <= tl->ncat)
    walk_changes(tl, category, find_change, &c);
  if (with_provision)
    *with_provision = c.with_provision;
  if (hard)
    *hard = c.hard;
  return c.year;
}
