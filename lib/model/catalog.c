/*
 * libtraderules - the in-memory catalog, filters and selections.
 * SPDX-License-Identifier: MIT
 */
#include "model/model-private.h"

#include <string.h>

int tr_catalog_new(tr_catalog **out) {
  tr_catalog *c;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_catalog_new: out is NULL");
  c = g_new0(tr_catalog, 1);
  c->agreements = g_ptr_array_new_with_free_func((GDestroyNotify)tr_agreement_free);
  c->agreement_by_id = g_hash_table_new(g_str_hash, g_str_equal);
  c->barriers = g_ptr_array_new_with_free_func((GDestroyNotify)tr_barrier_free);
  c->barrier_by_id = g_hash_table_new(g_str_hash, g_str_equal);
  c->indicators = g_ptr_array_new_with_free_func((GDestroyNotify)tr_indicator_free);
  *out = c;
  return TR_OK;
}

void tr_catalog_free(tr_catalog *c) {
  if (!c)
    return;
  g_hash_table_destroy(c->agreement_by_id);
  g_hash_table_destroy(c->barrier_by_id);
  g_ptr_array_unref(c->agreements);
  g_ptr_array_unref(c->barriers);
  g_ptr_array_unref(c->indicators);
  g_free(c);
}

void tri_catalog_insert_agreement(tr_catalog *c, tr_agreement *a) {
  g_ptr_array_add(c->agreements, a);
  g_hash_table_insert(c->agreement_by_id, a->id, a);
}

void tri_catalog_insert_barrier(tr_catalog *c, tr_barrier *b) {
  g_ptr_array_add(c->barriers, b);
  g_hash_table_insert(c->barrier_by_id, b->id, b);
}

void tri_catalog_insert_indicator(tr_catalog *c, tr_indicator *r) {
  g_ptr_array_add(c->indicators, r);
}

int tr_catalog_add_agreement(tr_catalog *c, tr_agreement *a) {
  if (!c || !a)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_catalog_add_agreement: NULL argument");
  if (g_hash_table_contains(c->agreement_by_id, a->id))
    return tri_fail(TR_ERR_DUPLICATE, "the catalog already has an agreement '%s'", a->id);
  if (a->based_on && !g_hash_table_contains(c->agreement_by_id, a->based_on))
    return tri_fail(TR_ERR_REFERENCE, "agreement '%s' is based on '%s', which is not in the catalog",
                   a->id, a->based_on);
  tri_catalog_insert_agreement(c, a);
  return TR_OK;
}

int tr_catalog_add_barrier(tr_catalog *c, tr_barrier *b) {
  if (!c || !b)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_catalog_add_barrier: NULL argument");
  if (g_hash_table_contains(c->barrier_by_id, b->id))
    return tri_fail(TR_ERR_DUPLICATE, "the catalog already has a barrier '%s'", b->id);
  tri_catalog_insert_barrier(c, b);
  return TR_OK;
}

int tr_catalog_add_indicator(tr_catalog *c, tr_indicator *r) {
  if (!c || !r)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_catalog_add_indicator: NULL argument");
  for (guint i = 0; i < c->indicators->len; i++)
    if (g_ptr_array_index(c->indicators, i) == r)
      return tri_fail(TR_ERR_INVALID_ARG, "indicator already belongs to the catalog");
  tri_catalog_insert_indicator(c, r);
  return TR_OK;
}

size_t tr_catalog_agreement_count(const tr_catalog *c) {
  return c ? c->agreements->len : 0;
}

const tr_agreement *tr_catalog_agreement_at(const tr_catalog *c, size_t index) {
  if (!c || index >= c->agreements->len)
    return NULL;
  return g_ptr_array_index(c->agreements, index);
}

const tr_agreement *tr_catalog_find_agreement(const tr_catalog *c, const char *id) {
  if (!c || !id)
    return NULL;
  return g_hash_table_lookup(c->agreement_by_id, id);
}

size_t tr_catalog_barrier_count(const tr_catalog *c) {
  return c ? c->barriers->len : 0;
}

const tr_barrier *tr_catalog_barrier_at(const tr_catalog *c, size_t index) {
  if (!c || index >= c->barriers->len)
    return NULL;
  return g_ptr_array_index(c->barriers, index);
}

const tr_barrier *tr_catalog_find_barrier(const tr_catalog *c, const char *id) {
  if (!c || !id)
    return NULL;
  return g_hash_table_lookup(c->barrier_by_id, id);
}

size_t tr_catalog_indicator_count(const tr_catalog *c) {
  return c ? c->indicators->len : 0;
}

const tr_indicator *tr_catalog_indicator_at(const tr_catalog *c, size_t index) {
  if (!c || index >= c->indicators->len)
    return NULL;
  return g_ptr_array_index(c->indicators, index);
}

/* ---- filters ---- */

struct tr_filter {
  char *party;
  tr_family family;
  tr_kind kind;
  tr_agreement_status status;
  int year_from;
  int year_to;
};

int tr_filter_new(tr_filter **out) {
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_filter_new: out is NULL");
  *out = g_new0(tr_filter, 1);
  return TR_OK;
}

tr_filter *tri_filter_copy(const tr_filter *f) {
  if (!f)
    return NULL;
  tr_filter *c = g_new(tr_filter, 1);
  *c = *f;
  c->party = g_strdup(f->party);
  return c;
}

void tr_filter_free(tr_filter *f) {
  if (!f)
    return;
  g_free(f->party);
  g_free(f);
}

int tr_filter_set_party(tr_filter *f, const char *party) {
  int rc;
  if (!f)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_filter_set_party: filter is NULL");
  if (party && (rc = tri_model_check_party(party)))
    return rc;
  g_free(f->party);
  f->party = g_strdup(party);
  return TR_OK;
}

int tr_filter_set_family(tr_filter *f, tr_family family) {
  if (!f)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_filter_set_family: filter is NULL");
  if (!tr_family_id(family))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid family %d", (int)family);
  f->family = family;
  return TR_OK;
}

int tr_filter_set_kind(tr_filter *f, tr_kind kind) {
  if (!f)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_filter_set_kind: filter is NULL");
  if (!tr_kind_id(kind))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid kind %d", (int)kind);
  f->kind = kind;
  return TR_OK;
}

int tr_filter_set_status(tr_filter *f, tr_agreement_status status) {
  if (!f)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_filter_set_status: filter is NULL");
  if (!tr_agreement_status_id(status))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid status %d", (int)status);
  f->status = status;
  return TR_OK;
}

int tr_filter_set_years(tr_filter *f, int from, int to) {
  if (!f)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_filter_set_years: filter is NULL");
  if (from < 0 || to < 0 || from > 9999 || to > 9999)
    return tri_fail(TR_ERR_INVALID_ARG, "year range %d..%d: years must be 0 (open) or 1..9999",
                   from, to);
  if (from && to && from > to)
    return tri_fail(TR_ERR_INVALID_ARG, "year range %d..%d is empty (from > to)", from, to);
  f->year_from = from;
  f->year_to = to;
  return TR_OK;
}

/* A year: decimal digits only, 1..9999. */
static gboolean parse_year_digits(const char *s, size_t n, int *out) {
  int v = 0;
  if (n == 0 || n > 4)
    return FALSE;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return FALSE;
    v = v * 10 + (s[i] - '0');
  }
  if (v < 1)
    return FALSE;
  *out = v;
  return TRUE;
}

int tr_year_range_parse(const char *text, int *from, int *to) {
  int a = 0, b = 0;
  const char *sep;
  gboolean ok;
  if (from)
    *from = 0;
  if (to)
    *to = 0;
  if (!from || !to)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_year_range_parse: NULL output");
  if (!text || !*text)
    return tri_fail(TR_ERR_INVALID_ARG,
                    "'' is not a year range (FROM-TO, FROM-, -TO or YEAR, years 1-9999)");
  sep = strpbrk(text, "-:");
  if (!sep) {
    ok = parse_year_digits(text, strlen(text), &a);
    b = a;
  } else {
    size_t na = (size_t)(sep - text), nb = strlen(sep + 1);
    ok = (na || nb) && (!na || parse_year_digits(text, na, &a)) &&
         (!nb || parse_year_digits(sep + 1, nb, &b));
  }
  if (!ok)
    return tri_fail(TR_ERR_INVALID_ARG,
                    "'%s' is not a year range (FROM-TO, FROM-, -TO or YEAR, years 1-9999)", text);
  if (a && b && a > b)
    return tri_fail(TR_ERR_INVALID_ARG, "'%s': FROM is after TO", text);
  *from = a;
  *to = b;
  return TR_OK;
}

int tr_filter_matches(const tr_filter *f, const tr_agreement *a) {
  int year;
  if (!a)
    return 0;
  if (!f)
    return 1;
  if (f->party && !tr_agreement_has_party(a, f->party))
    return 0;
  if (f->family && a->family != f->family)
    return 0;
  if (f->kind && a->kind != f->kind)
    return 0;
  if (f->status && a->status != f->status)
    return 0;
  if (f->year_from || f->year_to) {
    year = tr_agreement_get_year(a);
    if (year == 0)
      return 0;
    if (f->year_from && year < f->year_from)
      return 0;
    if (f->year_to && year > f->year_to)
      return 0;
  }
  return 1;
}

/* ---- selections ---- */

struct tr_agreement_list {
  GPtrArray *items; /* borrowed */
};

int tr_catalog_select(const tr_catalog *c, const tr_filter *f, tr_agreement_list **out) {
  tr_agreement_list *l;
  if (!c || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_catalog_select: NULL argument");
  l = g_new0(tr_agreement_list, 1);
  l->items = g_ptr_array_new();
  for (guint i = 0; i < c->agreements->len; i++) {
    tr_agreement *a = g_ptr_array_index(c->agreements, i);
    if (tr_filter_matches(f, a))
      g_ptr_array_add(l->items, a);
  }
  *out = l;
  return TR_OK;
}

size_t tr_agreement_list_count(const tr_agreement_list *l) {
  return l ? l->items->len : 0;
}

const tr_agreement *tr_agreement_list_at(const tr_agreement_list *l, size_t index) {
  if (!l || index >= l->items->len)
    return NULL;
  return g_ptr_array_index(l->items, index);
}

void tr_agreement_list_free(tr_agreement_list *l) {
  if (!l)
    return;
  g_ptr_array_unref(l->items);
  g_free(l);
}

/* ---- indicator selections ---- */

struct tr_indicator_list {
  GPtrArray *items; /* borrowed */
};

int tr_catalog_select_indicators(const tr_catalog *c, const char *economy, const char *indicator, int year,
                                 tr_indicator_list **out) {
  if (out)
    *out = NULL;
  if (!c || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_catalog_select_indicators: NULL argument");
  if (year < 0 || year > 9999)
    return tri_set_error(TR_ERR_INVALID_ARG, NULL, 0, 0, "year",
                         "tr_catalog_select_indicators: year %d is not 0 (any) or 1..9999", year);
  tr_indicator_list *l = g_new0(tr_indicator_list, 1);
  l->items = g_ptr_array_new();
  for (guint i = 0; i < c->indicators->len; i++) {
    const tr_indicator *r = g_ptr_array_index(c->indicators, i);
    if (economy && g_strcmp0(economy, tr_indicator_get_economy(r)) != 0)
      continue;
    if (indicator && g_strcmp0(indicator, tr_indicator_get_name(r)) != 0)
      continue;
    if (year && tr_indicator_get_year(r) != year)
      continue;
    g_ptr_array_add(l->items, (gpointer)r);
  }
  *out = l;
  return TR_OK;
}

size_t tr_indicator_list_count(const tr_indicator_list *l) {
  return l ? l->items->len : 0;
}

const tr_indicator *tr_indicator_list_at(const tr_indicator_list *l, size_t index) {
  if (!l || index >= l->items->len)
    return NULL;
  return g_ptr_array_index(l->items, index);
}

void tr_indicator_list_free(tr_indicator_list *l) {
  if (!l)
    return;
  g_ptr_array_unref(l->items);
  g_free(l);
}
