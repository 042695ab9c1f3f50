/*
 * libtraderules - barrier sets (barrier profiles from JSON) and barrier coverage.
 * SPDX-License-Identifier: MIT
 */
#include "compare/compare-private.h"
#include "model/json-scan.h" /* tri_json_validate() */

#include <json-glib/json-glib.h>
#include <stdio.h>
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

/* Where each object member and array element ends in the text, recorded
 * while json-glib parses (keyed by container pointer + member/index). */
typedef struct {
  GHashTable *where; /* char* key -> packed line<<20|column */
} locator_t;

static char *loc_key_member(gconstpointer obj, const char *member) {
  return g_strdup_printf("%p/%s", obj, member);
}

static char *loc_key_index(gconstpointer arr, guint index) {
  return g_strdup_printf("%p[%u", arr, index);
}

static void remember(locator_t *loc, JsonParser *parser, char *key) {
  guint64 line = json_parser_get_current_line(parser);
  guint64 col = json_parser_get_current_pos(parser);
  g_hash_table_replace(loc->where, key, GSIZE_TO_POINTER((gsize)((line << 20) | (col & 0xFFFFF))));
}

static void on_member(JsonParser *parser, JsonObject *object, const char *member, gpointer data) {
  remember(data, parser, loc_key_member(object, member));
}

static void on_element(JsonParser *parser, JsonArray *array, gint index, gpointer data) {
  remember(data, parser, loc_key_index(array, (guint)index));
}

typedef struct {
  const char *file;
  locator_t *loc;
} ctx_t;

static void lookup(const ctx_t *ctx, char *key, long *line, long *col) {
  gpointer v = g_hash_table_lookup(ctx->loc->where, key);
  g_free(key);
  gsize p = GPOINTER_TO_SIZE(v);
  *line = (long)(p >> 20);
  *col = (long)(p & 0xFFFFF);
  if (*line && *col == 0)
    *col = 1;
}

static int fail_member(const ctx_t *ctx, int code, JsonObject *obj, const char *member, const char *field,
                       const char *msg) {
  long line = 0, col = 0;
  lookup(ctx, loc_key_member(obj, member), &line, &col);
  return tri_set_error(code, ctx->file, line, col, field, "%s", msg);
}

static int get_string(const ctx_t *ctx, JsonObject *obj, const char *member, const char *path,
                      gboolean required, const char **out) {
  *out = NULL;
  JsonNode *n = json_object_get_member(obj, member);
  char *field = g_strdup_printf("%s%s%s", path, *path ? "." : "", member);
  int rc = TR_OK;
  if (!n) {
    if (required)
      rc = tri_set_error(TR_ERR_SCHEMA, ctx->file, 0, 0, field, "missing required member '%s'", member);
  } else if (JSON_NODE_HOLDS_NULL(n)) {
    if (required)
      rc = fail_member(ctx, TR_ERR_SCHEMA, obj, member, field, "must be a string, not null");
  } else if (!JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_STRING) {
    rc = fail_member(ctx, TR_ERR_SCHEMA, obj, member, field, "must be a string");
  } else {
    *out = json_node_get_string(n);
  }
  g_free(field);
  return rc;
}

static int parse_entry(const ctx_t *ctx, const tr_catalog *catalog, JsonArray *arr, guint index,
                       tr_barrier **barrier, char **note) {
  char path[64];
  g_snprintf(path, sizeof path, "barriers[%u]", index);
  JsonNode *node = json_array_get_element(arr, index);
  if (!JSON_NODE_HOLDS_OBJECT(node)) {
    long line = 0, col = 0;
    lookup(ctx, loc_key_index(arr, index), &line, &col);
    return tri_set_error(TR_ERR_SCHEMA, ctx->file, line, col, path, "must be an object");
  }
  JsonObject *obj = json_node_get_object(node);
  static const char *const allowed[] = { "id", "type", "name", "description", "source", "note",
                                         "disciplined_by", NULL };
  GList *members = json_object_get_members(obj);
  for (GList *l = members; l; l = l->next) {
    const char *m = l->data;
    if (g_str_has_prefix(m, "x-") || g_strv_contains(allowed, m))
      continue;
    char *field = g_strdup_printf("%s.%s", path, m);
    char *msg = g_strdup_printf("unknown member '%s'", m);
    int rc = fail_member(ctx, TR_ERR_SCHEMA, obj, m, field, msg);
    g_free(field);
    g_free(msg);
    g_list_free(members);
    return rc;
  }
  g_list_free(members);
  const char *id, *type, *name, *desc, *source, *note_s;
  int rc;
  if ((rc = get_string(ctx, obj, "id", path, TRUE, &id)) || (rc = get_string(ctx, obj, "type", path, FALSE, &type)) ||
      (rc = get_string(ctx, obj, "name", path, FALSE, &name)) ||
      (rc = get_string(ctx, obj, "description", path, FALSE, &desc)) ||
      (rc = get_string(ctx, obj, "source", path, FALSE, &source)) ||
      (rc = get_string(ctx, obj, "note", path, FALSE, &note_s)))
    return rc;
  gboolean inline_def = type || name || desc || source || json_object_has_member(obj, "disciplined_by");
  char field[96];
  if (!inline_def) {
    const tr_barrier *b = catalog ? tr_catalog_find_barrier(catalog, id) : NULL;
    if (!b) {
      g_snprintf(field, sizeof field, "%s.id", path);
      char *msg = g_strdup_printf("no barrier '%s' in the catalog (define it inline with type and name)", id);
      rc = fail_member(ctx, TR_ERR_REFERENCE, obj, "id", field, msg);
      g_free(msg);
      return rc;
    }
    rc = copy_barrier(b, barrier);
    if (rc == TR_OK)
      *note = g_strdup(note_s);
    return rc;
  }
  /* Inline definition: id, type and name are required. */
  if (!type || !name) {
    g_snprintf(field, sizeof field, "%s.%s", path, type ? "name" : "type");
    return tri_set_error(TR_ERR_SCHEMA, ctx->file, 0, 0, field,
                        "an inline barrier needs 'type' and 'name' (or give only 'id' to use a catalog barrier)");
  }
  tr_barrier_type bt;
  if (tr_barrier_type_from_id(type, &bt) != TR_OK) {
    g_snprintf(field, sizeof field, "%s.type", path);
    char *msg = g_strdup_printf("unknown barrier type '%s'", type);
    rc = fail_member(ctx, TR_ERR_SCHEMA, obj, "type", field, msg);
    g_free(msg);
    return rc;
  }
  tr_barrier *b = NULL;
  rc = tr_barrier_new(id, bt, name, &b);
  if (rc) {
    g_snprintf(field, sizeof field, "%s.id", path);
    char *msg = g_strdup_printf("invalid barrier: %s", tr_error_message());
    rc = fail_member(ctx, rc, obj, "id", field, msg);
    g_free(msg);
    return rc;
  }
  if (desc)
    tr_barrier_set_description(b, desc);
  if (source)
    tr_barrier_set_source(b, source);
  JsonNode *cats = json_object_get_member(obj, "disciplined_by");
  if (cats && !JSON_NODE_HOLDS_NULL(cats)) {
    g_snprintf(field, sizeof field, "%s.disciplined_by", path);
    if (!JSON_NODE_HOLDS_ARRAY(cats)) {
      tr_barrier_free(b);
      return fail_member(ctx, TR_ERR_SCHEMA, obj, "disciplined_by", field, "must be an array of category ids");
    }
    JsonArray *ca = json_node_get_array(cats);
    for (guint k = 0; k < json_array_get_length(ca); k++) {
      JsonNode *cn = json_array_get_element(ca, k);
      char kfield[112];
      g_snprintf(kfield, sizeof kfield, "%s[%u]", field, k);
      long line = 0, col = 0;
      const char *cid = (JSON_NODE_HOLDS_VALUE(cn) && json_node_get_value_type(cn) == G_TYPE_STRING)
                            ? json_node_get_string(cn) : NULL;
      tr_category cat;
      if (!cid || tr_category_from_id(cid, &cat) != TR_OK) {
        lookup(ctx, loc_key_index(ca, k), &line, &col);
        tr_barrier_free(b);
        if (!cid)
          return tri_set_error(TR_ERR_SCHEMA, ctx->file, line, col, kfield, "must be a category id string");
        return tri_set_error(TR_ERR_SCHEMA, ctx->file, line, col, kfield, "unknown category '%s'", cid);
      }
      if (tr_barrier_add_category(b, cat) != TR_OK) {
        lookup(ctx, loc_key_index(ca, k), &line, &col);
        tr_barrier_free(b);
        return tri_set_error(TR_ERR_DUPLICATE, ctx->file, line, col, kfield, "category '%s' listed twice", cid);
      }
    }
  }
  *barrier = b;
  *note = g_strdup(note_s);
  return TR_OK;
}

static int load_root(const ctx_t *ctx, const tr_catalog *catalog, JsonNode *root, tr_barrier_set *staged) {
  if (!root || !JSON_NODE_HOLDS_OBJECT(root))
    return tri_set_error(TR_ERR_SCHEMA, ctx->file, 1, 1, NULL, "a barrier profile must be a JSON object");
  JsonObject *obj = json_node_get_object(root);
  static const char *const allowed[] = { "format", "version", "name", "economy", "source", "note", "barriers", NULL };
  GList *members = json_object_get_members(obj);
  for (GList *l = members; l; l = l->next) {
    const char *m = l->data;
    if (g_str_has_prefix(m, "x-") || g_strv_contains(allowed, m))
      continue;
    char *msg = g_strdup_printf("unknown member '%s'", m);
    int rc = fail_member(ctx, TR_ERR_SCHEMA, obj, m, m, msg);
    g_free(msg);
    g_list_free(members);
    return rc;
  }
  g_list_free(members);
  const char *format, *name, *economy, *dummy;
  int rc;
  if ((rc = get_string(ctx, obj, "format", "", TRUE, &format)))
    return rc;
  if (strcmp(format, "traderules-barrier-profile") != 0)
    return fail_member(ctx, TR_ERR_SCHEMA, obj, "format", "format", "must be \"traderules-barrier-profile\"");
  JsonNode *v = json_object_get_member(obj, "version");
  if (!v)
    return tri_set_error(TR_ERR_SCHEMA, ctx->file, 0, 0, "version", "missing required member 'version'");
  if (!JSON_NODE_HOLDS_VALUE(v) || json_node_get_value_type(v) != G_TYPE_INT64 || json_node_get_int(v) != 1)
    return fail_member(ctx, TR_ERR_SCHEMA, obj, "version", "version", "unsupported version (this library reads version 1)");
  if ((rc = get_string(ctx, obj, "name", "", FALSE, &name)) || (rc = get_string(ctx, obj, "economy", "", FALSE, &economy)) ||
      (rc = get_string(ctx, obj, "source", "", FALSE, &dummy)) || (rc = get_string(ctx, obj, "note", "", FALSE, &dummy)))
    return rc;
  staged->name = g_strdup(name ? name : economy);
  JsonNode *bn = json_object_get_member(obj, "barriers");
  if (!bn)
    return tri_set_error(TR_ERR_SCHEMA, ctx->file, 0, 0, "barriers", "missing required member 'barriers'");
  if (!JSON_NODE_HOLDS_ARRAY(bn))
    return fail_member(ctx, TR_ERR_SCHEMA, obj, "barriers", "barriers", "must be an array");
  JsonArray *arr = json_node_get_array(bn);
  guint n = json_array_get_length(arr);
  if (n == 0)
    return fail_member(ctx, TR_ERR_EMPTY, obj, "barriers", "barriers", "the profile lists no barriers");
  for (guint i = 0; i < n; i++) {
    tr_barrier *b = NULL;
    char *note = NULL;
    rc = parse_entry(ctx, catalog, arr, i, &b, &note);
    if (rc)
      return rc;
    if (set_has(staged, tr_barrier_get_id(b))) {
      long line = 0, col = 0;
      char field[64];
      g_snprintf(field, sizeof field, "barriers[%u].id", i);
      lookup(ctx, loc_key_member(json_array_get_object_element(arr, i), "id"), &line, &col);
      rc = tri_set_error(TR_ERR_DUPLICATE, ctx->file, line, col, field, "barrier '%s' listed twice",
                        tr_barrier_get_id(b));
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
  if (length > TR_INPUT_LIMIT)
    return tri_set_error(TR_ERR_LIMIT, file, 0, 0, NULL, "input of %zu bytes exceeds the %zu-byte limit (%zu MiB)",
                        length, TR_INPUT_LIMIT, TR_INPUT_LIMIT >> 20);
  if (!g_utf8_validate(data ? data : "", (gssize)length, NULL))
    return tri_set_error(TR_ERR_ENCODING, file, 0, 0, NULL, "not valid UTF-8");
  /* Strict JSON within the loaders' limits (nesting depth 64, string length)
   * before json-glib sees it: json-glib recurses once per nesting level and
   * overflows the stack on deeply nested input (found by fuzz-barrier-profile). */
  int vrc = tri_json_validate(data ? data : "", length, file);
  if (vrc != TR_OK)
    return vrc;
  locator_t loc = { g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) };
  JsonParser *parser = json_parser_new_immutable();
  g_signal_connect(parser, "object-member", G_CALLBACK(on_member), &loc);
  g_signal_connect(parser, "array-element", G_CALLBACK(on_element), &loc);
  GError *err = NULL;
  int rc = TR_OK;
  if (!json_parser_load_from_data(parser, data ? data : "", (gssize)length, &err)) {
    /* json-glib reports "<data>:LINE:COL: Parse error: ..."; keep the location apart. */
    long line = 0, col = 0;
    const char *msg = err->message;
    int used = 0;
    if (sscanf(msg, "<data>:%ld:%ld: %n", &line, &col, &used) == 2 && used > 0)
      msg += used;
    else
      line = col = 0;
    rc = tri_set_error(TR_ERR_PARSE, file, line, col, NULL, "%s", msg);
    g_error_free(err);
  } else {
    ctx_t ctx = { file, &loc };
    tr_barrier_set *staged = NULL;
    tr_barrier_set_new(&staged);
    rc = load_root(&ctx, catalog, json_parser_get_root(parser), staged);
    for (guint i = 0; rc == TR_OK && i < staged->barriers->len; i++)
      if (set_has(set, tr_barrier_get_id(g_ptr_array_index(staged->barriers, i))))
        rc = tri_set_error(TR_ERR_DUPLICATE, file, 0, 0, NULL, "barrier '%s' is already in the set",
                          tr_barrier_get_id(g_ptr_array_index(staged->barriers, i)));
    if (rc == TR_OK) {
      for (guint i = 0; i < staged->barriers->len; i++) {
        set_append(set, g_ptr_array_index(staged->barriers, i), g_ptr_array_index(staged->notes, i));
      }
      g_ptr_array_set_free_func(staged->barriers, NULL);
      g_ptr_array_set_free_func(staged->notes, NULL);
      if (!set->name) {
        set->name = staged->name;
        staged->name = NULL;
      }
    }
    tr_barrier_set_free(staged);
  }
  g_object_unref(parser);
  g_hash_table_destroy(loc.where);
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
