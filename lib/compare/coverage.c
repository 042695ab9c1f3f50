/*
 * libtraderules - barrier sets (barrier profiles from JSON) and barrier coverage.
 * SPDX-License-Identifier: MIT
 */
#include "compare/compare-private.h"
#include "core/json.h"

#include <string.h>

struct tr_barrier_set {
  char *name;
  GPtrArray *barriers; /* tr_barrier* (owned) */
  GPtrArray *notes;    /* char* (owned, may be NULL) */
  GHashTable *ids;     /* barrier id (owned by the barrier) -> present: linear-time loading */
};

int tr_barrier_set_new(tr_barrier_set **out) {
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_barrier_set_new: NULL argument");
  tr_barrier_set *s = g_new0(tr_barrier_set, 1);
  s->barriers = g_ptr_array_new_with_free_func((GDestroyNotify)tr_barrier_free);
  s->notes = g_ptr_array_new_with_free_func(g_free);
  s->ids = g_hash_table_new(g_str_hash, g_str_equal);
  *out = s;
  return TR_OK;
}

void tr_barrier_set_free(tr_barrier_set *set) {
  if (!set)
    return;
  g_ptr_array_free(set->barriers, TRUE);
  g_ptr_array_free(set->notes, TRUE);
  g_hash_table_destroy(set->ids);
  g_free(set->name);
  g_free(set);
}

static gboolean set_has(const tr_barrier_set *set, const char *id) {
  return id && g_hash_table_contains(set->ids, id);
}

/* Append a barrier (owned from now on) and its note; keeps the id index. */
static void set_append(tr_barrier_set *set, tr_barrier *b, char *note) {
  g_ptr_array_add(set->barriers, b);
  g_ptr_array_add(set->notes, note);
  if (tr_barrier_get_id(b))
    g_hash_table_add(set->ids, (gpointer)tr_barrier_get_id(b));
}

static int copy_barrier(const tr_barrier *b, tr_barrier **out) {
  tr_barrier *c = NULL;
  int rc = tr_barrier_new(tr_barrier_get_id(b), tr_barrier_get_type(b), tr_barrier_get_name(b), &c);
  if (rc == TR_OK && tr_barrier_get_description(b))
    rc = tr_barrier_set_description(c, tr_barrier_get_description(b));
  if (rc == TR_OK && tr_barrier_get_source(b))
    rc = tr_barrier_set_source(c, tr_barrier_get_source(b));
  for (size_t k = 0; rc == TR_OK && k < tr_barrier_category_count(b); k++)
    rc = tr_barrier_add_category(c, tr_barrier_category_at(b, k));
  if (rc) {
    tr_barrier_free(c);
    return rc;
  }
  *out = c;
  return TR_OK;
}

int tr_barrier_set_add(tr_barrier_set *set, const tr_barrier *barrier, const char *note) {
  if (!set || !barrier)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_barrier_set_add: NULL argument");
  if (set_has(set, tr_barrier_get_id(barrier)))
    return tri_fail(TR_ERR_DUPLICATE, "barrier '%s' is already in the set", tr_barrier_get_id(barrier));
  tr_barrier *c = NULL;
  int rc = copy_barrier(barrier, &c);
  if (rc)
    return rc;
  set_append(set, c, g_strdup(note));
  return TR_OK;
}

int tr_barrier_set_new_from_catalog(const tr_catalog *catalog, tr_barrier_set **out) {
  if (!catalog || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_barrier_set_new_from_catalog: NULL argument");
  size_t n = tr_catalog_barrier_count(catalog);
  if (n == 0)
    return tri_fail(TR_ERR_EMPTY, "the catalog has no barriers");
  tr_barrier_set *s = NULL;
  tr_barrier_set_new(&s);
  for (size_t i = 0; i < n; i++) {
    int rc = tr_barrier_set_add(s, tr_catalog_barrier_at(catalog, i), NULL);
    if (rc) {
      tr_barrier_set_free(s);
      return rc;
    }
  }
  *out = s;
  return TR_OK;
}

const char *tr_barrier_set_get_name(const tr_barrier_set *set) {
  return set ? set->name : NULL;
}

size_t tr_barrier_set_count(const tr_barrier_set *set) {
  return set ? set->barriers->len : 0;
}

const tr_barrier *tr_barrier_set_at(const tr_barrier_set *set, size_t index) {
  return set && index < set->barriers->len ? g_ptr_array_index(set->barriers, index) : NULL;
}

const char *tr_barrier_set_note_at(const tr_barrier_set *set, size_t index) {
  return set && index < set->notes->len ? g_ptr_array_index(set->notes, index) : NULL;
}

/* ---- loading a barrier profile ---------------------------------------- */

/* Through the library's JSON reader (lib/core/json.c): every node knows its line and
 * column, so errors point at the value (or, for an unknown member, at its name). Member
 * lookups scan an entry's few members and the set's ids are hashed: linear time. */

typedef const tri_json_node node_t;

static int get_string(const char *file, node_t *obj, const char *member, const char *path,
                      gboolean required, const char **out) {
  *out = NULL;
  node_t *n = tri_json_get(obj, member);
  char *field = g_strdup_printf("%s%s%s", path, *path ? "." : "", member);
  int rc = TR_OK;
  if (!n) {
    if (required)
      rc = tri_json_error(TR_ERR_SCHEMA, file, obj, FALSE, field, "missing required member '%s'", member);
  } else if (n->type == TRI_JSON_NULL) {
    if (required)
      rc = tri_json_error(TR_ERR_SCHEMA, file, n, FALSE, field, "must be a string, not null");
  } else if (n->type != TRI_JSON_STRING) {
    rc = tri_json_error(TR_ERR_SCHEMA, file, n, FALSE, field, "must be a string");
  } else {
    *out = n->u.string.text;
  }
  g_free(field);
  return rc;
}

/* Reject members not in @allowed, except "x-" extensions (the error points at the name). */
static int check_members(const char *file, node_t *obj, const char *path, const char *const *allowed) {
  for (guint32 i = 0; i < obj->count; i++) {
    node_t *m = obj->u.items[i];
    if (g_str_has_prefix(m->key, "x-") || g_strv_contains(allowed, m->key))
      continue;
    char *field = g_strdup_printf("%s%s%s", path, *path ? "." : "", m->key);
    int rc = tri_json_error(TR_ERR_SCHEMA, file, m, TRUE, field, "unknown member '%s'", m->key);
    g_free(field);
    return rc;
  }
  return TR_OK;
}

static int parse_entry(const char *file, const tr_catalog *catalog, node_t *arr, guint index,
                       tr_barrier **barrier, char **note) {
  char path[64];
  g_snprintf(path, sizeof path, "barriers[%u]", index);
  node_t *obj = arr->u.items[index];
  if (obj->type != TRI_JSON_OBJECT)
    return tri_json_error(TR_ERR_SCHEMA, file, obj, FALSE, path, "must be an object");
  static const char *const allowed[] = { "id", "type", "name", "description", "source", "note",
                                         "disciplined_by", NULL };
  int rc = check_members(file, obj, path, allowed);
  if (rc)
    return rc;
  const char *id, *type, *name, *desc, *source, *note_s;
  if ((rc = get_string(file, obj, "id", path, TRUE, &id)) || (rc = get_string(file, obj, "type", path, FALSE, &type)) ||
      (rc = get_string(file, obj, "name", path, FALSE, &name)) ||
      (rc = get_string(file, obj, "description", path, FALSE, &desc)) ||
      (rc = get_string(file, obj, "source", path, FALSE, &source)) ||
      (rc = get_string(file, obj, "note", path, FALSE, &note_s)))
    return rc;
  node_t *cats = tri_json_get(obj, "disciplined_by");
  gboolean inline_def = type || name || desc || source || cats;
  char field[96];
  if (!inline_def) {
    const tr_barrier *b = catalog ? tr_catalog_find_barrier(catalog, id) : NULL;
    if (!b) {
      g_snprintf(field, sizeof field, "%s.id", path);
      return tri_json_error(TR_ERR_REFERENCE, file, tri_json_get(obj, "id"), FALSE, field,
                            "no barrier '%s' in the catalog (define it inline with type and name)", id);
    }
    rc = copy_barrier(b, barrier);
    if (rc == TR_OK)
      *note = g_strdup(note_s);
    return rc;
  }
  /* Inline definition: id, type and name are required. */
  if (!type || !name) {
    g_snprintf(field, sizeof field, "%s.%s", path, type ? "name" : "type");
    return tri_json_error(TR_ERR_SCHEMA, file, obj, FALSE, field,
                          "an inline barrier needs 'type' and 'name' (or give only 'id' to use a catalog barrier)");
  }
  tr_barrier_type bt;
  if (tr_barrier_type_from_id(type, &bt) != TR_OK) {
    g_snprintf(field, sizeof field, "%s.type", path);
    return tri_json_error(TR_ERR_SCHEMA, file, tri_json_get(obj, "type"), FALSE, field,
                          "unknown barrier type '%s'", type);
  }
  tr_barrier *b = NULL;
  rc = tr_barrier_new(id, bt, name, &b);
  if (rc) {
    g_snprintf(field, sizeof field, "%s.id", path);
    char *msg = g_strdup_printf("invalid barrier: %s", tr_error_message());
    rc = tri_json_error(rc, file, tri_json_get(obj, "id"), FALSE, field, "%s", msg);
    g_free(msg);
    return rc;
  }
  if (desc)
    tr_barrier_set_description(b, desc);
  if (source)
    tr_barrier_set_source(b, source);
  if (cats && cats->type != TRI_JSON_NULL) {
    g_snprintf(field, sizeof field, "%s.disciplined_by", path);
    if (cats->type != TRI_JSON_ARRAY) {
      tr_barrier_free(b);
      return tri_json_error(TR_ERR_SCHEMA, file, cats, FALSE, field, "must be an array of category ids");
    }
    for (guint k = 0; k < cats->count; k++) {
      node_t *cn = cats->u.items[k];
      char kfield[112];
      g_snprintf(kfield, sizeof kfield, "%s[%u]", field, k);
      const char *cid = cn->type == TRI_JSON_STRING ? cn->u.string.text : NULL;
      tr_category cat;
      if (!cid || tr_category_from_id(cid, &cat) != TR_OK) {
        tr_barrier_free(b);
        if (!cid)
          return tri_json_error(TR_ERR_SCHEMA, file, cn, FALSE, kfield, "must be a category id string");
        return tri_json_error(TR_ERR_SCHEMA, file, cn, FALSE, kfield, "unknown category '%s'", cid);
      }
      if (tr_barrier_add_category(b, cat) != TR_OK) {
        tr_barrier_free(b);
        return tri_json_error(TR_ERR_DUPLICATE, file, cn, FALSE, kfield, "category '%s' listed twice", cid);
      }
    }
  }
  *barrier = b;
  *note = g_strdup(note_s);
  return TR_OK;
}

/* Stage the profile's barriers in @staged; *entries receives the "barriers" array. */
static int load_root(const char *file, const tr_catalog *catalog, node_t *root, tr_barrier_set *staged,
                     node_t **entries) {
  if (root->type != TRI_JSON_OBJECT)
    return tri_json_error(TR_ERR_SCHEMA, file, root, FALSE, NULL, "a barrier profile must be a JSON object");
  static const char *const allowed[] = { "format", "version", "name", "economy", "source", "note", "barriers", NULL };
  const char *format, *name, *economy, *dummy;
  int rc;
  if ((rc = check_members(file, root, "", allowed)) || (rc = get_string(file, root, "format", "", TRUE, &format)))
    return rc;
  if (strcmp(format, "traderules-barrier-profile") != 0)
    return tri_json_error(TR_ERR_SCHEMA, file, tri_json_get(root, "format"), FALSE, "format",
                          "must be \"traderules-barrier-profile\"");
  node_t *v = tri_json_get(root, "version");
  if (!v)
    return tri_json_error(TR_ERR_SCHEMA, file, root, FALSE, "version", "missing required member 'version'");
  if (v->type != TRI_JSON_INT || v->u.number.integer != 1)
    return tri_json_error(TR_ERR_SCHEMA, file, v, FALSE, "version", "unsupported version (this library reads version 1)");
  if ((rc = get_string(file, root, "name", "", FALSE, &name)) || (rc = get_string(file, root, "economy", "", FALSE, &economy)) ||
      (rc = get_string(file, root, "source", "", FALSE, &dummy)) || (rc = get_string(file, root, "note", "", FALSE, &dummy)))
    return rc;
  staged->name = g_strdup(name ? name : economy);
  node_t *arr = tri_json_get(root, "barriers");
  if (!arr)
    return tri_json_error(TR_ERR_SCHEMA, file, root, FALSE, "barriers", "missing required member 'barriers'");
  if (arr->type != TRI_JSON_ARRAY)
    return tri_json_error(TR_ERR_SCHEMA, file, arr, FALSE, "barriers", "must be an array");
  if (arr->count == 0)
    return tri_json_error(TR_ERR_EMPTY, file, arr, FALSE, "barriers", "the profile lists no barriers");
  *entries = arr;
  for (guint i = 0; i < arr->count; i++) {
    tr_barrier *b = NULL;
    char *note = NULL;
    rc = parse_entry(file, catalog, arr, i, &b, &note);
    if (rc)
      return rc;
    if (set_has(staged, tr_barrier_get_id(b))) {
      char field[64];
      g_snprintf(field, sizeof field, "barriers[%u].id", i);
      rc = tri_json_error(TR_ERR_DUPLICATE, file, tri_json_get(arr->u.items[i], "id"), FALSE, field,
                          "barrier '%s' listed twice", tr_barrier_get_id(b));
      tr_barrier_free(b);
      g_free(note);
      return rc;
    }
    set_append(staged, b, note);
  }
  return TR_OK;
}

int tr_barrier_set_load_data(tr_barrier_set *set, const tr_catalog *catalog, const char *data, size_t length,
                             const char *name) {
  if (!set || (!data && length))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_barrier_set_load_data: NULL argument");
  const char *file = name ? name : "<memory>";
  /* Size limit, UTF-8, strict syntax, depth 64 (no recursion: a deeply nested input
   * once overflowed the stack of the json-glib parser used before, found by
   * fuzz-barrier-profile), string length. */
  tri_json_doc *doc = NULL;
  int rc = tri_json_parse(data, length, file, &doc);
  if (rc != TR_OK)
    return rc;
  tr_barrier_set *staged = NULL;
  node_t *entries = NULL;
  tr_barrier_set_new(&staged);
  rc = load_root(file, catalog, tri_json_root(doc), staged, &entries);
  for (guint i = 0; rc == TR_OK && i < staged->barriers->len; i++)
    if (set_has(set, tr_barrier_get_id(g_ptr_array_index(staged->barriers, i)))) {
      char field[64];
      g_snprintf(field, sizeof field, "barriers[%u].id", i);
      rc = tri_json_error(TR_ERR_DUPLICATE, file, tri_json_get(entries->u.items[i], "id"), FALSE, field,
                          "barrier '%s' is already in the set",
                          tr_barrier_get_id(g_ptr_array_index(staged->barriers, i)));
    }
  if (rc == TR_OK) {
    for (guint i = 0; i < staged->barriers->len; i++)
      set_append(set, g_ptr_array_index(staged->barriers, i), g_ptr_array_index(staged->notes, i));
    g_ptr_array_set_free_func(staged->barriers, NULL);
    g_ptr_array_set_free_func(staged->notes, NULL);
    if (!set->name) {
      set->name = staged->name;
      staged->name = NULL;
    }
  }
  tr_barrier_set_free(staged);
  tri_json_free(doc);
  return rc;
}

int tr_barrier_set_load_file(tr_barrier_set *set, const tr_catalog *catalog, const char *path) {
  if (!set || !path)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_barrier_set_load_file: NULL argument");
  char *data = NULL;
  size_t len = 0;
  int rc = tri_io_read_file(path, TR_INPUT_LIMIT, &data, &len);
  if (rc != TR_OK)
    return rc;
  rc = tr_barrier_set_load_data(set, catalog, data, len, path);
  g_free(data);
  return rc;
}

/* ---- coverage ---------------------------------------------------------- */

static const char *const level_ids[] = { "unknown", "none", "soft", "hard" };

const char *tr_coverage_level_id(tr_coverage_level level) {
  return (unsigned)level < G_N_ELEMENTS(level_ids) ? level_ids[level] : NULL;
}

typedef struct {
  tr_coverage_level level;
  GArray *provisions; /* tr_category, strongest first */
} cov_row_t;

struct tr_coverage {
  tr_template *subject;
  tr_barrier_set *set;
  size_t nrows;
  cov_row_t *rows;
};

static gint by_strength_desc(gconstpointer a, gconstpointer b, gpointer data) {
  const tr_template *t = data;
  tr_category ca = *(const tr_category *)a, cb = *(const tr_category *)b;
  int sa = tr_template_get_strength(t, ca), sb = tr_template_get_strength(t, cb);
  if (sa != sb)
    return sb - sa;
  return (int)ca - (int)cb;
}

int tr_coverage_new(const tr_template *subject, const tr_barrier_set *set, tr_coverage **out) {
  if (!subject || !set || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_coverage_new: NULL argument");
  if (set->barriers->len == 0)
    return tri_fail(TR_ERR_EMPTY, "the barrier set is empty");
  tr_coverage *cov = g_new0(tr_coverage, 1);
  cov->subject = trc_template_ref(subject);
  tr_barrier_set_new(&cov->set);
  cov->set->name = g_strdup(set->name);
  cov->nrows = set->barriers->len;
  cov->rows = g_new0(cov_row_t, cov->nrows);
  for (guint i = 0; i < set->barriers->len; i++) {
    const tr_barrier *b = g_ptr_array_index(set->barriers, i);
    tr_barrier *copy = NULL;
    int rc = copy_barrier(b, &copy);
    if (rc) {
      tr_coverage_free(cov);
      return rc;
    }
    set_append(cov->set, copy, g_strdup(g_ptr_array_index(set->notes, i)));
    cov_row_t *r = &cov->rows[i];
    r->provisions = g_array_new(FALSE, FALSE, sizeof(tr_category));
    int best = -1;
    gboolean unknown = FALSE;
    for (size_t k = 0; k < tr_barrier_category_count(b); k++) {
      tr_category c = tr_barrier_category_at(b, k);
      int l = trc_level(tr_template_get_strength(subject, c));
      if (l < 0) {
        unknown = TRUE;
        continue;
      }
      best = MAX(best, l);
      if (l >= 1)
        g_array_append_val(r->provisions, c);
    }
    g_array_sort_with_data(r->provisions, by_strength_desc, (gpointer)subject);
    if (best >= 2)
      r->level = TR_COVERAGE_HARD;
    else if (best == 1)
      r->level = TR_COVERAGE_SOFT;
    else if (unknown)
      r->level = TR_COVERAGE_UNKNOWN;
    else
      r->level = TR_COVERAGE_NONE;
  }
  *out = cov;
  return TR_OK;
}

void tr_coverage_free(tr_coverage *cov) {
  if (!cov)
    return;
  for (size_t i = 0; i < cov->nrows; i++)
    if (cov->rows[i].provisions)
      g_array_free(cov->rows[i].provisions, TRUE);
  g_free(cov->rows);
  tr_barrier_set_free(cov->set);
  tr_template_free(cov->subject);
  g_free(cov);
}

const tr_template *tr_coverage_get_subject(const tr_coverage *cov) {
  return cov ? cov->subject : NULL;
}

size_t tr_coverage_count(const tr_coverage *cov) {
  return cov ? cov->nrows : 0;
}

const tr_barrier *tr_coverage_barrier_at(const tr_coverage *cov, size_t index) {
  return cov ? tr_barrier_set_at(cov->set, index) : NULL;
}

tr_coverage_level tr_coverage_level_at(const tr_coverage *cov, size_t index) {
  return cov && index < cov->nrows ? cov->rows[index].level : TR_COVERAGE_UNKNOWN;
}

size_t tr_coverage_level_count(const tr_coverage *cov, tr_coverage_level level) {
  size_t n = 0;
  for (size_t i = 0; cov && i < cov->nrows; i++)
    n += cov->rows[i].level == level;
  return n;
}

size_t tr_coverage_provision_count(const tr_coverage *cov, size_t index) {
  return cov && index < cov->nrows ? cov->rows[index].provisions->len : 0;
}

tr_category tr_coverage_provision_at(const tr_coverage *cov, size_t index, size_t k) {
  if (!cov || index >= cov->nrows || k >= cov->rows[index].provisions->len)
    return TR_CATEGORY_UNKNOWN;
  return g_array_index(cov->rows[index].provisions, tr_category, k);
}

int tr_coverage_provision_decides(const tr_coverage *cov, size_t index, size_t k) {
  if (!cov || index >= cov->nrows || k >= cov->rows[index].provisions->len)
    return 0;
  tr_category c = g_array_index(cov->rows[index].provisions, tr_category, k);
  if (cov->rows[index].level == TR_COVERAGE_HARD)
    return tr_template_get_strength(cov->subject, c) >= TR_STRENGTH_MIXED;
  return 1;
}

size_t tr_coverage_binding_count(const tr_coverage *cov, size_t index) {
  const tr_barrier *b = tr_coverage_barrier_at(cov, index);
  size_t n = 0;
  if (!b || index >= cov->nrows)
    return 0;
  for (size_t k = 0; k < tr_barrier_category_count(b); k++)
    n += tr_template_get_strength(cov->subject, tr_barrier_category_at(b, k)) >= TR_STRENGTH_MIXED;
  return n;
}
