/*
 * libtraderules - classification of agreements to their nearest template.
 * SPDX-License-Identifier: MIT
 */
#include "compare/compare-private.h"

#include <math.h>
#include <string.h>

typedef struct {
  char *id;
  double *dist;    /* ntemplates */
  guint *comparable; /* ntemplates */
  guint8 *member;  /* ntemplates */
  int nearest;
  double margin;
  gboolean in_between;
} row_t;

struct tr_classification {
  size_t ntemplates;
  tr_template **templates;
  size_t nrows;
  row_t *rows;
};

typedef struct {
  GPtrArray *sel;
  const tr_template *const *templates;
  size_t count;
  double margin;
  tr_classification *cls;
  gint failed; /* atomic: first error code, 0 if none */
} classify_job;

/* Rows [begin, end): each row only writes its own entry. */
static void classify_rows(size_t begin, size_t end, unsigned w, void *user) {
  classify_job *j = user;
  size_t count = j->count;
  (void)w;
  for (size_t i = begin; i < end && !g_atomic_int_get(&j->failed); i++) {
    const tr_agreement *a = g_ptr_array_index(j->sel, i);
    row_t *r = &j->cls->rows[i];
    tr_template *ta = NULL;
    int rc = tr_template_new_from_agreement(a, &ta);
    if (rc) {
      g_atomic_int_compare_and_exchange(&j->failed, 0, rc);
      return;
    }
    r->id = g_strdup(tr_agreement_get_id(a));
    r->dist = g_new(double, count);
    r->comparable = g_new0(guint, count);
    r->member = g_new0(guint8, count);
    int best = -1, second = -1;
    for (size_t t = 0; t < count; t++) {
      const tr_template *tm = j->templates[t];
      r->dist[t] = trc_template_distance(ta, tm, &r->comparable[t]);
      for (guint k = 0; k < tm->nmembers; k++)
        if (g_strcmp0(tm->members[k], r->id) == 0 && tm->kind != TR_TEMPLATE_KIND_AGREEMENT)
          r->member[t] = 1;
      if (isnan(r->dist[t]))
        continue;
      if (best < 0 || r->dist[t] < r->dist[best]) {
        second = best;
        best = (int)t;
      } else if (second < 0 || r->dist[t] < r->dist[second]) {
        second = (int)t;
      }
    }
    tr_template_free(ta);
    if (best >= 0 && second >= 0) {
      r->nearest = best;
      r->margin = r->dist[second] - r->dist[best];
      r->in_between = r->margin < j->margin;
    } else {
      r->nearest = -1;
      r->margin = NAN;
      r->in_between = FALSE;
    }
  }
}

int tr_classification_new_with_options(const tr_catalog *catalog, const tr_template *const *templates,
                                       size_t count, double in_between_margin,
                                       const tr_analysis_options *options, tr_classification **out) {
  if (!catalog || !templates || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_classification_new: NULL argument");
  *out = NULL;
  if (count < 2)
    return tri_fail(TR_ERR_INVALID_ARG, "classification needs at least 2 templates (got %zu)", count);
  for (size_t t = 0; t < count; t++)
    if (!templates[t])
      return tri_fail(TR_ERR_INVALID_ARG, "tr_classification_new: template %zu is NULL", t);
  if (!(in_between_margin >= 0) || !isfinite(in_between_margin))
    return tri_fail(TR_ERR_INVALID_ARG, "the in-between margin must be a finite number >= 0");
  GPtrArray *sel = NULL;
  int rc = trc_select_options(catalog, options, &sel);
  if (rc)
    return rc;
  tr_classification *cls = g_new0(tr_classification, 1);
  cls->ntemplates = count;
  cls->templates = g_new(tr_template *, count);
  for (size_t t = 0; t < count; t++)
    cls->templates[t] = trc_template_ref(templates[t]);
  cls->nrows = sel->len;
  cls->rows = g_new0(row_t, sel->len);
  classify_job job = { sel, templates, count, in_between_margin, cls, 0 };
  tri_run run;
  tri_run_init(&run, options, 0);
  tri_run_start(&run, sel->len);
  tri_parallel_for_run(sel->len, 16, &run, classify_rows, &job);
  g_ptr_array_free(sel, TRUE);
  rc = g_atomic_int_get(&job.failed);
  if (rc) {
    tri_run_clear(&run);
    tr_classification_free(cls);
    return tri_fail(rc, "classification: could not make a template of an agreement");
  }
  rc = tri_run_finish(&run);
  if (rc) {
    tr_classification_free(cls);
    return rc;
  }
  *out = cls;
  return TR_OK;
}

int tr_classification_new(const tr_catalog *catalog, const tr_filter *filter,
                          const tr_template *const *templates, size_t count, double in_between_margin,
                          tr_classification **out) {
  if (!catalog || !templates || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_classification_new: NULL argument");
  tr_analysis_options *o = NULL;
  tr_analysis_options_new(&o);
  tr_analysis_options_set_threads(o, 1); /* as before: on the calling thread */
  tr_analysis_options_set_filter(o, filter);
  int rc = tr_classification_new_with_options(catalog, templates, count, in_between_margin, o, out);
  tr_analysis_options_free(o);
  return rc;
}

void tr_classification_free(tr_classification *cls) {
  if (!cls)
    return;
  for (size_t i = 0; i < cls->nrows; i++) {
    g_free(cls->rows[i].id);
    g_free(cls->rows[i].dist);
    g_free(cls->rows[i].comparable);
    g_free(cls->rows[i].member);
  }
  g_free(cls->rows);
  for (size_t t = 0; t < cls->ntemplates; t++)
    tr_template_free(cls->templates[t]);
  g_free(cls->templates);
  g_free(cls);
}

size_t tr_classification_count(const tr_classification *cls) {
  return cls ? cls->nrows : 0;
}

size_t tr_classification_template_count(const tr_classification *cls) {
  return cls ? cls->ntemplates : 0;
}

const tr_template *tr_classification_template_at(const tr_classification *cls, size_t index) {
  return cls && index < cls->ntemplates ? cls->templates[index] : NULL;
}

const char *tr_classification_agreement_at(const tr_classification *cls, size_t index) {
  return cls && index < cls->nrows ? cls->rows[index].id : NULL;
}

int tr_classification_nearest_at(const tr_classification *cls, size_t index) {
  return cls && index < cls->nrows ? cls->rows[index].nearest : -1;
}

double tr_classification_distance_at(const tr_classification *cls, size_t index, size_t tmpl) {
  if (!cls || index >= cls->nrows || tmpl >= cls->ntemplates)
    return NAN;
  return cls->rows[index].dist[tmpl];
}

double tr_classification_margin_at(const tr_classification *cls, size_t index) {
  return cls && index < cls->nrows ? cls->rows[index].margin : NAN;
}

int tr_classification_in_between_at(const tr_classification *cls, size_t index) {
  return cls && index < cls->nrows ? cls->rows[index].in_between : 0;
}

int tr_classification_is_member_at(const tr_classification *cls, size_t index, size_t tmpl) {
  if (!cls || index >= cls->nrows || tmpl >= cls->ntemplates)
    return 0;
  return cls->rows[index].member[tmpl];
}

size_t tr_classification_comparable_at(const tr_classification *cls, size_t index, size_t tmpl) {
  if (!cls || index >= cls->nrows || tmpl >= cls->ntemplates)
    return 0;
  return cls->rows[index].comparable[tmpl];
}

static const struct {
  const char *id;
  const char *title;
} classes[] = {
  { "unclassified", "unclassified" },
  { "classified", "classified" },
  { "in_between", "in between" },
  { "too_few_categories", "too few categories" },
};

tr_class tr_classification_class_at(const tr_classification *cls, size_t index, size_t min_categories) {
  int nearest = tr_classification_nearest_at(cls, index);
  if (nearest < 0)
    return TR_CLASS_UNCLASSIFIED;
  if (tr_classification_comparable_at(cls, index, (size_t)nearest) < min_categories)
    return TR_CLASS_TOO_FEW_CATEGORIES;
  return tr_classification_in_between_at(cls, index) ? TR_CLASS_IN_BETWEEN : TR_CLASS_CLASSIFIED;
}

const char *tr_class_id(tr_class c) {
  return (unsigned)c < G_N_ELEMENTS(classes) ? classes[c].id : NULL;
}

const char *tr_class_title(tr_class c) {
  return (unsigned)c < G_N_ELEMENTS(classes) ? classes[c].title : NULL;
}

int tr_class_from_id(const char *id, tr_class *out) {
  if (!id || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_class_from_id: NULL argument");
  for (size_t i = 0; i < G_N_ELEMENTS(classes); i++)
    if (strcmp(id, classes[i].id) == 0) {
      *out = (tr_class)i;
      return TR_OK;
    }
  return tri_fail(TR_ERR_NOT_FOUND, "unknown class '%s' (classified, in_between, too_few_categories, unclassified)",
                  id);
}
