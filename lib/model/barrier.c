/*
 * libtraderules - barriers and indicator records.
 * SPDX-License-Identifier: MIT
 */
#include "model/model-private.h"

#include <math.h>
#include <string.h>

static int set_text(char **slot, const char *what, const char *text) {
  int rc = tri_model_check_text(what, text, TRUE);
  if (rc)
    return rc;
  g_free(*slot);
  *slot = g_strdup(text);
  return TR_OK;
}

/* ---- barriers ---- */

int tr_barrier_new(const char *id, tr_barrier_type type, const char *name, tr_barrier **out) {
  tr_barrier *b;
  int rc;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_barrier_new: out is NULL");
  if ((rc = tri_model_check_id("barrier id", id)))
    return rc;
  if (!tr_barrier_type_id(type))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid barrier type %d", (int)type);
  if ((rc = tri_model_check_text("barrier name", name, FALSE)))
    return rc;
  if (!*name)
    return tri_fail(TR_ERR_INVALID_ARG, "barrier name is empty");
  b = g_new0(tr_barrier, 1);
  b->id = g_strdup(id);
  b->type = type;
  b->name = g_strdup(name);
  b->categories = g_array_new(FALSE, FALSE, sizeof(tr_category));
  *out = b;
  return TR_OK;
}

void tr_barrier_free(tr_barrier *b) {
  if (!b)
    return;
  g_free(b->id);
  g_free(b->name);
  g_free(b->description);
  g_free(b->source);
  g_array_unref(b->categories);
  g_free(b);
}

int tr_barrier_set_description(tr_barrier *b, const char *description) {
  if (!b)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_barrier_set_description: barrier is NULL");
  return set_text(&b->description, "description", description);
}

int tr_barrier_set_source(tr_barrier *b, const char *source) {
  if (!b)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_barrier_set_source: barrier is NULL");
  return set_text(&b->source, "source", source);
}

int tr_barrier_add_category(tr_barrier *b, tr_category category) {
  if (!b)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_barrier_add_category: barrier is NULL");
  if (!tr_category_id(category))
    return tri_fail(TR_ERR_INVALID_ARG, "invalid category %d", (int)category);
  for (guint i = 0; i < b->categories->len; i++)
    if (g_array_index(b->categories, tr_category, i) == category)
      return tri_fail(TR_ERR_DUPLICATE, "barrier '%s' already lists category '%s'", b->id,
                     tr_category_id(category));
  g_array_append_val(b->categories, category);
  return TR_OK;
}

const char *tr_barrier_get_id(const tr_barrier *b) {
  return b ? b->id : NULL;
}

tr_barrier_type tr_barrier_get_type(const tr_barrier *b) {
  return b ? b->type : TR_BARRIER_UNKNOWN;
}

const char *tr_barrier_get_name(const tr_barrier *b) {
  return b ? b->name : NULL;
}

const char *tr_barrier_get_description(const tr_barrier *b) {
  return b ? b->description : NULL;
}

const char *tr_barrier_get_source(const tr_barrier *b) {
  return b ? b->source : NULL;
}

size_t tr_barrier_category_count(const tr_barrier *b) {
  return b ? b->categories->len : 0;
}

tr_category tr_barrier_category_at(const tr_barrier *b, size_t index) {
  if (!b || index >= b->categories->len)
    return TR_CATEGORY_UNKNOWN;
  return g_array_index(b->categories, tr_category, index);
}

/* ---- indicators ---- */

int tr_indicator_new(const char *economy, const char *indicator, int year, double value,
                     tr_indicator **out) {
  tr_indicator *r;
  int rc;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_indicator_new: out is NULL");
  if ((rc = tri_model_check_text("economy", economy, FALSE)))
    return rc;
  if (!*economy || strlen(economy) > 64)
    return tri_fail(TR_ERR_INVALID_ARG, "economy must be 1 to 64 bytes long");
  if ((rc = tri_model_check_id("indicator id", indicator)))
    return rc;
  if (year < 0 || year > 9999)
    return tri_fail(TR_ERR_INVALID_ARG, "year %d out of range (0 or 1..9999)", year);
  if (isinf(value))
    return tri_fail(TR_ERR_INVALID_ARG, "indicator value must be finite or NaN");
  r = g_new0(tr_indicator, 1);
  r->economy = g_strdup(economy);
  r->indicator = g_strdup(indicator);
  r->year = year;
  r->value = value;
  *out = r;
  return TR_OK;
}

void tr_indicator_free(tr_indicator *r) {
  if (!r)
    return;
  g_free(r->economy);
  g_free(r->indicator);
  g_free(r->unit);
  g_free(r->source);
  g_free(r->text);
  g_free(r);
}

int tr_indicator_set_unit(tr_indicator *r, const char *unit) {
  if (!r)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_indicator_set_unit: indicator is NULL");
  return set_text(&r->unit, "unit", unit);
}

int tr_indicator_set_source(tr_indicator *r, const char *source) {
  if (!r)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_indicator_set_source: indicator is NULL");
  return set_text(&r->source, "source", source);
}

int tr_indicator_set_text(tr_indicator *r, const char *text) {
  if (!r)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_indicator_set_text: indicator is NULL");
  return set_text(&r->text, "text", text);
}

const char *tr_indicator_get_economy(const tr_indicator *r) {
  return r ? r->economy : NULL;
}

const char *tr_indicator_get_name(const tr_indicator *r) {
  return r ? r->indicator : NULL;
}

int tr_indicator_get_year(const tr_indicator *r) {
  return r ? r->year : 0;
}

double tr_indicator_get_value(const tr_indicator *r) {
  return r ? r->value : NAN;
}

const char *tr_indicator_get_unit(const tr_indicator *r) {
  return r ? r->unit : NULL;
}

const char *tr_indicator_get_source(const tr_indicator *r) {
  return r ? r->source : NULL;
}

const char *tr_indicator_get_text(const tr_indicator *r) {
  return r ? r->text : NULL;
}
