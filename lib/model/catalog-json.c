/*
 * libtraderules - JSON catalog load and save (format: docs/catalog-format.md),
 * and the embedded default catalog.
 *
 * Loading: the library's JSON reader (lib/core/json.c) checks the bytes, enforces the
 * limits and builds a tree whose nodes know their line and column; the schema walk below
 * stages new objects; only when everything is valid are they moved into the catalog (all
 * or nothing). Errors name the file, line, column and field path.
 * SPDX-License-Identifier: MIT
 */
#include "core/json.h"
#include "model/model-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#define TR_CATALOG_FORMAT "traderules-catalog"
#define TR_CATALOG_VERSION 1

/* ------------------------------------------------------------------------ */
/* Loading */

typedef const tri_json_node node_t;

typedef struct {
  const char *name;  /* file name for messages */
  const tr_catalog *target;
  GPtrArray *agreements; /* staged, owned */
  GPtrArray *barriers;
  GPtrArray *indicators;
  GHashTable *agreement_index; /* id -> index in file (GINT_TO_POINTER(i + 1)) */
  GHashTable *barrier_index;
} loader;

/* Record an error about the value at @path, located at @n (its member name if @at_key). */
static int fail(loader *L, int code, const char *path, node_t *n, gboolean at_key, const char *fmt,
                ...) G_GNUC_PRINTF(6, 7);

static int fail(loader *L, int code, const char *path, node_t *n, gboolean at_key, const char *fmt,
                ...) {
  va_list ap;
  char *msg;
  va_start(ap, fmt);
  msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  tri_json_error(code, L->name, n, at_key, path, "%s", msg);
  g_free(msg);
  return code;
}

/* Turn the error a model setter just recorded into one located at @n (field @path). */
static int fail_setter(loader *L, int rc, const char *path, node_t *n) {
  char *msg = g_strdup(tr_error_message());
  int code = (rc == TR_ERR_DUPLICATE || rc == TR_ERR_REFERENCE) ? rc : TR_ERR_SCHEMA;
  fail(L, code, path, n, FALSE, "%s", msg);
  g_free(msg);
  return code;
}

static char *member_path(const char *parent, const char *member) {
  return *parent ? g_strdup_printf("%s.%s", parent, member) : g_strdup(member);
}

/* Reject members not in @allowed (NULL-terminated), except "x-" extensions. */
static int check_members(loader *L, node_t *obj, const char *path, const char *const *allowed) {
  for (guint32 i = 0; i < obj->count; i++) {
    node_t *m = obj->u.items[i];
    gboolean ok = g_str_has_prefix(m->key, "x-");
    for (const char *const *a = allowed; !ok && *a; a++)
      ok = strcmp(*a, m->key) == 0;
    if (!ok) {
      char *p = member_path(path, m->key);
      int rc = fail(L, TR_ERR_SCHEMA, p, m, TRUE, "unknown member '%s'", m->key);
      g_free(p);
      return rc;
    }
  }
  return TR_OK;
}

/* Fetch member @key. Missing: *out = NULL, and an error (at the object) if @required. */
static int get_member(loader *L, node_t *obj, const char *path, const char *key,
                      gboolean required, node_t **out, char **mpath) {
  *mpath = member_path(path, key);
  *out = tri_json_get(obj, key);
  if (!*out && required)
    return fail(L, TR_ERR_SCHEMA, *mpath, obj, FALSE, "required member '%s' is missing", key);
  return TR_OK;
}

/* A string member; NULL in *out when absent or (if @nullable) null. Borrowed from the tree. */
static int get_string(loader *L, node_t *obj, const char *path, const char *key,
                      gboolean required, gboolean nullable, const char **out) {
  node_t *n;
  char *mp;
  int rc = get_member(L, obj, path, key, required, &n, &mp);
  *out = NULL;
  if (rc == TR_OK && n) {
    if (n->type == TRI_JSON_NULL && nullable && !required)
      ;
    else if (n->type != TRI_JSON_STRING)
      rc = fail(L, TR_ERR_SCHEMA, mp, n, FALSE, "expected a string%s, got %s",
                nullable && !required ? " or null" : "", tri_json_describe(n));
    else
      *out = n->u.string.text;
  }
  g_free(mp);
  return rc;
}

/* An integer member in [min, max], or null; *present tells whether a number was given. */
static int get_int(loader *L, node_t *obj, const char *path, const char *key, gboolean required,
                   gint64 min, gint64 max, gint64 *out, gboolean *present) {
  node_t *n;
  char *mp;
  int rc = get_member(L, obj, path, key, required, &n, &mp);
  *present = FALSE;
  if (rc == TR_OK && n && !(n->type == TRI_JSON_NULL && !required)) {
    if (n->type != TRI_JSON_INT) {
      rc = fail(L, TR_ERR_SCHEMA, mp, n, FALSE, "expected an integer%s, got %s",
                required ? "" : " or null", tri_json_describe(n));
    } else {
      gint64 v = n->u.number.integer;
      if (v < min || v > max)
        rc = fail(L, TR_ERR_SCHEMA, mp, n, FALSE,
                  "%" G_GINT64_FORMAT " is out of range (%" G_GINT64_FORMAT "..%" G_GINT64_FORMAT ")",
                  v, min, max);
      else {
        *out = v;
        *present = TRUE;
      }
    }
  }
  g_free(mp);
  return rc;
}

/* An enum string member parsed with @parse (absent or null keeps @out). */
#define ENUM(obj, path, key, required, parse, what, out)                       \
  ({                                                                           \
    const char *s_;                                                            \
    int r_ = get_string(L, obj, path, key, required, !(required), &s_);        \
    if (r_ == TR_OK && s_ && parse(s_, out) != TR_OK) {                        \
      char *mp_ = member_path(path, key);                                      \
      r_ = fail(L, TR_ERR_SCHEMA, mp_, tri_json_get(obj, key), FALSE, "unknown %s '%s'", what, s_); \
      g_free(mp_);                                                             \
    }                                                                          \
    r_;                                                                        \
  })

/* An array member (absent or null: *out = NULL). */
static int get_array(loader *L, node_t *obj, const char *path, const char *key, node_t **out) {
  node_t *n;
  char *mp;
  int rc = get_member(L, obj, path, key, FALSE, &n, &mp);
  *out = NULL;
  if (rc == TR_OK && n && n->type != TRI_JSON_NULL) {
    if (n->type != TRI_JSON_ARRAY)
      rc = fail(L, TR_ERR_SCHEMA, mp, n, FALSE, "expected an array, got %s", tri_json_describe(n));
    else
      *out = n;
  }
  g_free(mp);
  return rc;
}

/* Element @i of an array of strings. */
static int array_string(loader *L, node_t *arr, guint i, const char *path, const char **out,
                        char **epath) {
  node_t *e = arr->u.items[i];
  *out = NULL; /* set on every path (gcc -O3 cannot see that callers read it only on TR_OK) */
  *epath = g_strdup_printf("%s[%u]", path, i);
  if (e->type != TRI_JSON_STRING)
    return fail(L, TR_ERR_SCHEMA, *epath, e, FALSE, "expected a string, got %s", tri_json_describe(e));
  *out = e->u.string.text;
  return TR_OK;
}

/* Parse an array of flag ids into a bit set; duplicates are errors. */
static int get_flags(loader *L, node_t *obj, const char *path, const char *key,
                     int (*parse)(const char *, unsigned int *), const char *what, unsigned int *out) {
  node_t *arr;
  char *mp = member_path(path, key);
  int rc = get_array(L, obj, path, key, &arr);
  *out = 0;
  for (guint i = 0; rc == TR_OK && arr && i < arr->count; i++) {
    const char *s;
    char *ep;
    unsigned int bit;
    rc = array_string(L, arr, i, mp, &s, &ep);
    if (rc == TR_OK && parse(s, &bit) != TR_OK)
      rc = fail(L, TR_ERR_SCHEMA, ep, arr->u.items[i], FALSE, "unknown %s '%s'", what, s);
    else if (rc == TR_OK && (*out & bit))
      rc = fail(L, TR_ERR_DUPLICATE, ep, arr->u.items[i], FALSE, "%s '%s' is listed twice", what, s);
    else if (rc == TR_OK)
      *out |= bit;
    g_free(ep);
  }
  g_free(mp);
  return rc;
}

static int require_object(loader *L, node_t *n, const char *path, const char *what) {
  if (n->type != TRI_JSON_OBJECT)
    return fail(L, TR_ERR_SCHEMA, path, n, FALSE, "%s must be an object, got %s", what,
                tri_json_describe(n));
  return TR_OK;
}

/* Optional text member handed to a setter. */
#define TEXT(obj, path, key, setter, target)                                   \
  do {                                                                         \
    const char *s_;                                                            \
    if ((rc = get_string(L, obj, path, key, FALSE, TRUE, &s_)))                \
      goto out;                                                                \
    if (s_ && (rc = setter(target, s_))) {                                     \
      char *mp_ = member_path(path, key);                                      \
      rc = fail_setter(L, rc, mp_, tri_json_get(obj, key));                    \
      g_free(mp_);                                                             \
      goto out;                                                                \
    }                                                                          \
  } while (0)

static const char *const provision_members[] = {
  "category", "strength", "citation", "title", "summary", "exceptions", "dispute_settlement",
  "flags", "source", "note", "basis", "draft", "review", "evidence", "exception_scope", NULL,
};

static const char *const evidence_members[] = {
  "tota_id", "article_id", "document", "url", "article", "paragraph", "span", NULL,
};

/* The member an evidence constructor's error is about (its message starts "evidence MEMBER"). */
static const char *evidence_error_field(const char *msg) {
  static const char *const fields[] = { "url", "document", "span", "paragraph", "article" };
  for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
    char *prefix = g_strconcat("evidence ", fields[i], " ", NULL);
    gboolean hit = g_str_has_prefix(msg, prefix);
    g_free(prefix);
    if (hit)
      return fields[i];
  }
  return "span";
}

/* One EVIDENCE object: a ToTA article (tota_id, article_id) or a document outside ToTA
 * (document, optional url); exactly one of tota_id and document. */
static int load_evidence(loader *L, tr_provision *p, node_t *obj, const char *path) {
  gint64 tota = 0, art_id = 0;
  gboolean has_tota, has_art_id;
  const char *article, *paragraph, *span, *document, *url;
  tr_cell_evidence *e = NULL;
  char *mp;
  int rc;
  if ((rc = require_object(L, obj, path, "evidence")))
    return rc;
  if ((rc = check_members(L, obj, path, evidence_members)) ||
      (rc = get_int(L, obj, path, "tota_id", FALSE, 1, G_MAXINT, &tota, &has_tota)) ||
      (rc = get_string(L, obj, path, "document", FALSE, TRUE, &document)) ||
      (rc = get_int(L, obj, path, "article_id", FALSE, 0, G_MAXINT, &art_id, &has_art_id)) ||
      (rc = get_string(L, obj, path, "url", FALSE, TRUE, &url)))
    return rc;
  if (has_tota && document) {
    mp = member_path(path, "document");
    rc = fail(L, TR_ERR_SCHEMA, mp, tri_json_get(obj, "document"), FALSE,
              "give either tota_id (a ToTA text) or document (a text outside ToTA), not both");
    g_free(mp);
    return rc;
  }
  if (!has_tota && !document) {
    mp = member_path(path, "tota_id");
    rc = fail(L, TR_ERR_SCHEMA, mp, obj, FALSE,
              "required member 'tota_id' is missing (or 'document' for a text outside ToTA)");
    g_free(mp);
    return rc;
  }
  if (has_tota && !has_art_id) {
    mp = member_path(path, "article_id");
    rc = fail(L, TR_ERR_SCHEMA, mp, obj, FALSE, "required member 'article_id' is missing");
    g_free(mp);
    return rc;
  }
  if (document && has_art_id) {
    mp = member_path(path, "article_id");
    rc = fail(L, TR_ERR_SCHEMA, mp, tri_json_get(obj, "article_id"), FALSE,
              "article_id is a ToTA article identifier: not allowed with document");
    g_free(mp);
    return rc;
  }
  if (has_tota && url) {
    mp = member_path(path, "url");
    rc = fail(L, TR_ERR_SCHEMA, mp, tri_json_get(obj, "url"), FALSE,
              "url names the copy of a document outside ToTA: not allowed with tota_id");
    g_free(mp);
    return rc;
  }
  if ((rc = get_string(L, obj, path, "article", TRUE, FALSE, &article)) ||
      (rc = get_string(L, obj, path, "paragraph", FALSE, TRUE, &paragraph)) ||
      (rc = get_string(L, obj, path, "span", TRUE, FALSE, &span)))
    return rc;
  rc = document ? tr_cell_evidence_new_document(document, url, article, paragraph, span, &e)
                : tr_cell_evidence_new((int)tota, (int)art_id, article, paragraph, span, &e);
  if (rc) {
    const char *field = evidence_error_field(tr_error_message());
    mp = member_path(path, field);
    rc = fail_setter(L, rc, mp, tri_json_get(obj, field));
    g_free(mp);
    return rc;
  }
  tr_provision_add_evidence(p, e);
  return TR_OK;
}

static const char *const scope_members[] = {
  "breadth", "form", "incorporates", "self_judging", "chapters", NULL,
};

/* An array of strings, each handed to @add (which records duplicates and bad values). */
static int load_string_list(loader *L, node_t *obj, const char *path, const char *key,
                            tr_exception_scope *s,
                            int (*add)(tr_exception_scope *, const char *)) {
  node_t *arr;
  char *mp = member_path(path, key);
  int rc = get_array(L, obj, path, key, &arr);
  for (guint i = 0; rc == TR_OK && arr && i < arr->count; i++) {
    const char *v;
    char *ep;
    rc = array_string(L, arr, i, mp, &v, &ep);
    if (rc == TR_OK && (rc = add(s, v)))
      rc = fail(L, rc == TR_ERR_DUPLICATE ? TR_ERR_DUPLICATE : TR_ERR_SCHEMA, ep, arr->u.items[i],
                FALSE, "%s", tr_error_message());
    g_free(ep);
  }
  g_free(mp);
  return rc;
}

static int load_scope(loader *L, tr_provision *p, node_t *obj, const char *path) {
  tr_scope_breadth breadth = 0;
  tr_scope_form form = 0;
  tr_exception_scope *s = NULL;
  node_t *n;
  char *mp = NULL;
  int rc;
  if ((rc = require_object(L, obj, path, "exception_scope")))
    return rc;
  if ((rc = check_members(L, obj, path, scope_members)) ||
      (rc = ENUM(obj, path, "breadth", TRUE, tr_scope_breadth_from_id, "breadth", &breadth)) ||
      (rc = ENUM(obj, path, "form", TRUE, tr_scope_form_from_id, "form", &form)))
    return rc;
  tr_exception_scope_new(breadth, form, &s);
  if ((rc = get_member(L, obj, path, "self_judging", FALSE, &n, &mp)))
    goto out;
  if (n && n->type != TRI_JSON_NULL) {
    if (n->type != TRI_JSON_BOOL) {
      rc = fail(L, TR_ERR_SCHEMA, mp, n, FALSE, "expected true, false or null, got %s",
                tri_json_describe(n));
      goto out;
    }
    tr_exception_scope_set_self_judging(s, n->u.boolean);
  }
  if ((rc = load_string_list(L, obj, path, "incorporates", s, tr_exception_scope_add_incorporates)) ||
      (rc = load_string_list(L, obj, path, "chapters", s, tr_exception_scope_add_chapter)))
    goto out;
  tr_provision_set_exception_scope(p, s);
  s = NULL;
out:
  g_free(mp);
  tr_exception_scope_free(s);
  return rc;
}

/* basis, draft, review, evidence, exception_scope (all optional). */
static int load_provision_evidence(loader *L, tr_provision *p, node_t *obj, const char *path) {
  tr_basis basis = TR_BASIS_UNSET;
  tr_review review = TR_REVIEW_UNSET;
  tr_strength draft = TR_STRENGTH_UNKNOWN;
  const char *draft_s;
  node_t *arr;
  node_t *n;
  char *mp = NULL;
  int rc;
  if ((rc = ENUM(obj, path, "basis", FALSE, tr_basis_from_id, "basis", &basis)) ||
      (rc = ENUM(obj, path, "review", FALSE, tr_review_from_id, "review", &review)) ||
      (rc = get_string(L, obj, path, "draft", FALSE, TRUE, &draft_s)))
    return rc;
  if (draft_s && tr_strength_from_id(draft_s, &draft) != TR_OK) {
    mp = member_path(path, "draft");
    rc = fail(L, TR_ERR_SCHEMA, mp, tri_json_get(obj, "draft"), FALSE, "unknown draft strength '%s'",
              draft_s);
    g_free(mp);
    return rc;
  }
  tr_provision_set_basis(p, basis);
  tr_provision_set_review(p, review);
  tr_provision_set_draft(p, draft_s != NULL, draft);
  if ((rc = get_array(L, obj, path, "evidence", &arr)))
    return rc;
  mp = member_path(path, "evidence");
  for (guint i = 0; rc == TR_OK && arr && i < arr->count; i++) {
    char *ep = g_strdup_printf("%s[%u]", mp, i);
    rc = load_evidence(L, p, arr->u.items[i], ep);
    g_free(ep);
  }
  g_clear_pointer(&mp, g_free);
  if (rc)
    return rc;
  if ((rc = get_member(L, obj, path, "exception_scope", FALSE, &n, &mp)) == TR_OK && n &&
      n->type != TRI_JSON_NULL)
    rc = load_scope(L, p, n, mp);
  g_free(mp);
  return rc;
}

static int load_provision(loader *L, tr_agreement *a, node_t *obj, const char *path) {
  tr_category category = TR_CATEGORY_UNKNOWN;
  tr_strength strength = TR_STRENGTH_UNKNOWN;
  tr_dispute_settlement ds = TR_DS_UNKNOWN;
  unsigned int exc = 0, flags = 0;
  tr_provision *p = NULL;
  int rc;
  if ((rc = require_object(L, obj, path, "a provision")))
    return rc;
  if ((rc = check_members(L, obj, path, provision_members)))
    return rc;
  if ((rc = ENUM(obj, path, "category", TRUE, tr_category_from_id, "category", &category)) ||
      (rc = ENUM(obj, path, "strength", TRUE, tr_strength_from_id, "strength", &strength)) ||
      (rc = ENUM(obj, path, "dispute_settlement", FALSE, tr_dispute_settlement_from_id, "dispute_settlement value", &ds)) ||
      (rc = get_flags(L, obj, path, "exceptions", tr_exception_from_id, "exception", &exc)) ||
      (rc = get_flags(L, obj, path, "flags", tr_provision_flag_from_id, "provision flag", &flags)))
    return rc;
  if (tr_agreement_find_provision(a, category)) {
    char *mp = member_path(path, "category");
    rc = fail(L, TR_ERR_DUPLICATE, mp, tri_json_get(obj, "category"), FALSE,
              "agreement '%s' has more than one provision for category '%s'",
              tr_agreement_get_id(a), tr_category_id(category));
    g_free(mp);
    return rc;
  }
  if ((rc = tr_provision_new(category, strength, &p)))
    return fail_setter(L, rc, path, obj);
  tr_provision_set_dispute_settlement(p, ds);
  tr_provision_set_exceptions(p, exc);
  tr_provision_set_flags(p, flags);
  TEXT(obj, path, "citation", tr_provision_set_citation, p);
  TEXT(obj, path, "title", tr_provision_set_title, p);
  TEXT(obj, path, "summary", tr_provision_set_summary, p);
  TEXT(obj, path, "source", tr_provision_set_source, p);
  TEXT(obj, path, "note", tr_provision_set_note, p);
  if ((rc = load_provision_evidence(L, p, obj, path)))
    goto out;
  if ((rc = tr_agreement_add_provision(a, p)))
    rc = fail_setter(L, rc, path, obj);
  else
    p = NULL;
out:
  tr_provision_free(p);
  return rc;
}

static const char *const agreement_members[] = {
  "id", "name", "kind", "status", "family", "parties", "date_signed", "date_in_force", "based_on",
  "tota_id", "wto_rta_id", "sources", "note", "provisions", NULL,
};

static int load_agreement(loader *L, node_t *obj, const char *path, guint index) {
  const char *id, *name, *s;
  tr_agreement *a = NULL;
  tr_kind kind = TR_KIND_UNKNOWN;
  tr_agreement_status status = TR_AGREEMENT_STATUS_UNKNOWN;
  tr_family family = TR_FAMILY_UNKNOWN;
  node_t *arr;
  gint64 num;
  gboolean present;
  char *mp = NULL;
  int rc;

  if ((rc = require_object(L, obj, path, "an agreement")))
    return rc;
  if ((rc = check_members(L, obj, path, agreement_members)) ||
      (rc = get_string(L, obj, path, "id", TRUE, FALSE, &id)) ||
      (rc = get_string(L, obj, path, "name", TRUE, FALSE, &name)))
    return rc;
  if ((rc = tr_agreement_new(id, name, &a))) {
    const char *field = tri_model_check_id("id", id) ? "id" : "name";
    mp = member_path(path, field);
    rc = fail_setter(L, rc, mp, tri_json_get(obj, field));
    goto out;
  }
  mp = member_path(path, "id");
  gpointer first = g_hash_table_lookup(L->agreement_index, id);
  if (first) {
    rc = fail(L, TR_ERR_DUPLICATE, mp, tri_json_get(obj, "id"), FALSE,
              "duplicate agreement id '%s' (first at agreements[%d])", id, GPOINTER_TO_INT(first) - 1);
    goto out;
  }
  if (tr_catalog_find_agreement(L->target, id)) {
    rc = fail(L, TR_ERR_DUPLICATE, mp, tri_json_get(obj, "id"), FALSE,
              "the catalog already has an agreement '%s'", id);
    goto out;
  }
  g_clear_pointer(&mp, g_free);

  if ((rc = ENUM(obj, path, "kind", FALSE, tr_kind_from_id, "kind", &kind)) ||
      (rc = ENUM(obj, path, "status", FALSE, tr_agreement_status_from_id, "status", &status)) ||
      (rc = ENUM(obj, path, "family", FALSE, tr_family_from_id, "family", &family)))
    goto out;
  tr_agreement_set_kind(a, kind);
  tr_agreement_set_status(a, status);
  tr_agreement_set_family(a, family);

  if ((rc = get_array(L, obj, path, "parties", &arr)))
    goto out;
  mp = member_path(path, "parties");
  for (guint i = 0; arr && i < arr->count; i++) {
    char *ep;
    rc = array_string(L, arr, i, mp, &s, &ep);
    if (rc == TR_OK && (rc = tr_agreement_add_party(a, s)))
      rc = fail_setter(L, rc, ep, arr->u.items[i]);
    g_free(ep);
    if (rc)
      goto out;
  }
  g_clear_pointer(&mp, g_free);

  TEXT(obj, path, "date_signed", tr_agreement_set_date_signed, a);
  TEXT(obj, path, "date_in_force", tr_agreement_set_date_in_force, a);
  TEXT(obj, path, "based_on", tr_agreement_set_based_on, a);
  if ((s = tr_agreement_get_based_on(a)) && !g_hash_table_contains(L->agreement_index, s) &&
      !tr_catalog_find_agreement(L->target, s)) {
    mp = member_path(path, "based_on");
    rc = fail(L, TR_ERR_REFERENCE, mp, tri_json_get(obj, "based_on"), FALSE,
              "based_on '%s' names no agreement in the catalog or earlier in this file", s);
    goto out;
  }

  if ((rc = get_int(L, obj, path, "tota_id", FALSE, 1, G_MAXINT, &num, &present)))
    goto out;
  if (present)
    tr_agreement_set_tota_id(a, (int)num);
  if ((rc = get_int(L, obj, path, "wto_rta_id", FALSE, 1, G_MAXINT, &num, &present)))
    goto out;
  if (present)
    tr_agreement_set_wto_rta_id(a, (int)num);

  if ((rc = get_array(L, obj, path, "sources", &arr)))
    goto out;
  mp = member_path(path, "sources");
  for (guint i = 0; arr && i < arr->count; i++) {
    char *ep;
    rc = array_string(L, arr, i, mp, &s, &ep);
    if (rc == TR_OK && (rc = tr_agreement_add_source(a, s)))
      rc = fail_setter(L, rc, ep, arr->u.items[i]);
    g_free(ep);
    if (rc)
      goto out;
  }
  g_clear_pointer(&mp, g_free);

  TEXT(obj, path, "note", tr_agreement_set_note, a);

  if ((rc = get_array(L, obj, path, "provisions", &arr)))
    goto out;
  mp = member_path(path, "provisions");
  for (guint i = 0; arr && i < arr->count; i++) {
    char *ep = g_strdup_printf("%s[%u]", mp, i);
    rc = load_provision(L, a, arr->u.items[i], ep);
    g_free(ep);
    if (rc)
      goto out;
  }

  g_hash_table_insert(L->agreement_index, (gpointer)tr_agreement_get_id(a),
                      GINT_TO_POINTER((int)index + 1));
  g_ptr_array_add(L->agreements, a);
  a = NULL;
out:
  g_free(mp);
  tr_agreement_free(a);
  return rc;
}

static const char *const barrier_members[] = {
  "id", "type", "name", "description", "disciplined_by", "source", NULL,
};

static int load_barrier(loader *L, node_t *obj, const char *path, guint index) {
  const char *id, *name;
  tr_barrier_type type = TR_BARRIER_UNKNOWN;
  tr_barrier *b = NULL;
  node_t *arr;
  char *mp = NULL;
  int rc;

  if ((rc = require_object(L, obj, path, "a barrier")))
    return rc;
  if ((rc = check_members(L, obj, path, barrier_members)) ||
      (rc = get_string(L, obj, path, "id", TRUE, FALSE, &id)) ||
      (rc = ENUM(obj, path, "type", TRUE, tr_barrier_type_from_id, "barrier type", &type)) ||
      (rc = get_string(L, obj, path, "name", TRUE, FALSE, &name)))
    return rc;
  if ((rc = tr_barrier_new(id, type, name, &b))) {
    const char *field = tri_model_check_id("id", id) ? "id" : "name";
    mp = member_path(path, field);
    rc = fail_setter(L, rc, mp, tri_json_get(obj, field));
    goto out;
  }
  mp = member_path(path, "id");
  gpointer first = g_hash_table_lookup(L->barrier_index, id);
  if (first) {
    rc = fail(L, TR_ERR_DUPLICATE, mp, tri_json_get(obj, "id"), FALSE,
              "duplicate barrier id '%s' (first at barriers[%d])", id, GPOINTER_TO_INT(first) - 1);
    goto out;
  }
  if (tr_catalog_find_barrier(L->target, id)) {
    rc = fail(L, TR_ERR_DUPLICATE, mp, tri_json_get(obj, "id"), FALSE,
              "the catalog already has a barrier '%s'", id);
    goto out;
  }
  g_clear_pointer(&mp, g_free);
  TEXT(obj, path, "description", tr_barrier_set_description, b);
  TEXT(obj, path, "source", tr_barrier_set_source, b);
  if ((rc = get_array(L, obj, path, "disciplined_by", &arr)))
    goto out;
  mp = member_path(path, "disciplined_by");
  for (guint i = 0; arr && i < arr->count; i++) {
    const char *s;
    char *ep;
    tr_category cat;
    rc = array_string(L, arr, i, mp, &s, &ep);
    if (rc == TR_OK && tr_category_from_id(s, &cat) != TR_OK)
      rc = fail(L, TR_ERR_SCHEMA, ep, arr->u.items[i], FALSE, "unknown category '%s'", s);
    else if (rc == TR_OK && (rc = tr_barrier_add_category(b, cat)))
      rc = fail_setter(L, rc, ep, arr->u.items[i]);
    g_free(ep);
    if (rc)
      goto out;
  }
  g_hash_table_insert(L->barrier_index, (gpointer)tr_barrier_get_id(b), GINT_TO_POINTER((int)index + 1));
  g_ptr_array_add(L->barriers, b);
  b = NULL;
out:
  g_free(mp);
  tr_barrier_free(b);
  return rc;
}

static const char *const indicator_members[] = {
  "economy", "indicator", "year", "value", "text", "unit", "source", NULL,
};

static int load_indicator(loader *L, node_t *obj, const char *path) {
  const char *economy, *name;
  gint64 year = 0;
  gboolean present;
  double value = NAN;
  tr_indicator *r = NULL;
  node_t *n;
  char *mp = NULL;
  int rc;

  if ((rc = require_object(L, obj, path, "an indicator")))
    return rc;
  if ((rc = check_members(L, obj, path, indicator_members)) ||
      (rc = get_string(L, obj, path, "economy", TRUE, FALSE, &economy)) ||
      (rc = get_string(L, obj, path, "indicator", TRUE, FALSE, &name)) ||
      (rc = get_int(L, obj, path, "year", FALSE, 1, 9999, &year, &present)))
    return rc;
  if ((rc = get_member(L, obj, path, "value", FALSE, &n, &mp)))
    goto out;
  if (n && n->type != TRI_JSON_NULL) {
    if (!tri_json_is_number(n)) {
      rc = fail(L, TR_ERR_SCHEMA, mp, n, FALSE, "expected a number or null, got %s",
                tri_json_describe(n));
      goto out;
    }
    value = n->u.number.value;
    if (!isfinite(value)) {
      rc = fail(L, TR_ERR_SCHEMA, mp, n, FALSE, "number out of range");
      goto out;
    }
  }
  g_clear_pointer(&mp, g_free);
  if ((rc = tr_indicator_new(economy, name, (int)year, value, &r))) {
    const char *field = tri_model_check_id("indicator", name) ? "indicator" : "economy";
    mp = member_path(path, field);
    rc = fail_setter(L, rc, mp, tri_json_get(obj, field));
    goto out;
  }
  TEXT(obj, path, "text", tr_indicator_set_text, r);
  TEXT(obj, path, "unit", tr_indicator_set_unit, r);
  TEXT(obj, path, "source", tr_indicator_set_source, r);
  g_ptr_array_add(L->indicators, r);
  r = NULL;
out:
  g_free(mp);
  tr_indicator_free(r);
  return rc;
}

static const char *const root_members[] = {
  "format", "version", "agreements", "barriers", "indicators", NULL,
};

static int load_root(loader *L, node_t *root) {
  const char *format;
  gint64 version = 0;
  gboolean present;
  node_t *arr;
  int rc;
  if (root->type != TRI_JSON_OBJECT)
    return fail(L, TR_ERR_SCHEMA, "", root, FALSE, "a catalog must be a JSON object, got %s",
                tri_json_describe(root));
  if ((rc = check_members(L, root, "", root_members)) ||
      (rc = get_string(L, root, "", "format", TRUE, FALSE, &format)))
    return rc;
  if (strcmp(format, TR_CATALOG_FORMAT) != 0)
    return fail(L, TR_ERR_SCHEMA, "format", tri_json_get(root, "format"), FALSE,
                "expected \"%s\", got \"%s\"", TR_CATALOG_FORMAT, format);
  if ((rc = get_int(L, root, "", "version", TRUE, G_MININT64, G_MAXINT64, &version, &present)))
    return rc;
  if (version != TR_CATALOG_VERSION)
    return fail(L, TR_ERR_SCHEMA, "version", tri_json_get(root, "version"), FALSE,
                "unsupported version %" G_GINT64_FORMAT " (this library reads version %d)", version,
                TR_CATALOG_VERSION);

  static const char *const sections[] = { "agreements", "barriers", "indicators" };
  for (int s = 0; s < 3; s++) {
    if ((rc = get_array(L, root, "", sections[s], &arr)))
      return rc;
    for (guint i = 0; arr && i < arr->count; i++) {
      char *ep = g_strdup_printf("%s[%u]", sections[s], i);
      node_t *e = arr->u.items[i];
      rc = s == 0 ? load_agreement(L, e, ep, i) : s == 1 ? load_barrier(L, e, ep, i)
                                                         : load_indicator(L, e, ep);
      g_free(ep);
      if (rc)
        return rc;
    }
  }
  return TR_OK;
}

int tr_catalog_load_data(tr_catalog *catalog, const char *data, size_t length, const char *name) {
  loader L = { 0 };
  tri_json_doc *doc = NULL;
  int rc;

  if (!name)
    name = "<memory>";
  if (!catalog || (!data && length))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_catalog_load_data: NULL argument");
  if (length == 0)
    return tri_set_error(TR_ERR_EMPTY, name, 0, 0, NULL, "empty input");
  /* The parse tree and the agreements built from it take up to about 5 bytes
   * per input byte (measured: a 53 MB catalog of 120,000 agreements peaks at
   * 5.7 times its size, the input included): refuse cleanly when that much
   * cannot be had (lib/core/tr-internal.h, tri_mem_probe). */
  if ((rc = tri_mem_probe(tri_mem_mul(length, 5), name, "loading this catalog")))
    return rc;
  if ((rc = tri_json_parse(data, length, name, &doc)))
    return rc;

  L.name = name;
  L.target = catalog;
  L.agreements = g_ptr_array_new_with_free_func((GDestroyNotify)tr_agreement_free);
  L.barriers = g_ptr_array_new_with_free_func((GDestroyNotify)tr_barrier_free);
  L.indicators = g_ptr_array_new_with_free_func((GDestroyNotify)tr_indicator_free);
  L.agreement_index = g_hash_table_new(g_str_hash, g_str_equal);
  L.barrier_index = g_hash_table_new(g_str_hash, g_str_equal);

  rc = load_root(&L, tri_json_root(doc));
  if (rc == TR_OK) {
    /* Commit: nothing below can fail. */
    for (guint i = 0; i < L.agreements->len; i++)
      tri_catalog_insert_agreement(catalog, g_ptr_array_index(L.agreements, i));
    for (guint i = 0; i < L.barriers->len; i++)
      tri_catalog_insert_barrier(catalog, g_ptr_array_index(L.barriers, i));
    for (guint i = 0; i < L.indicators->len; i++)
      tri_catalog_insert_indicator(catalog, g_ptr_array_index(L.indicators, i));
    g_ptr_array_set_free_func(L.agreements, NULL);
    g_ptr_array_set_free_func(L.barriers, NULL);
    g_ptr_array_set_free_func(L.indicators, NULL);
  }
  g_hash_table_destroy(L.agreement_index);
  g_hash_table_destroy(L.barrier_index);
  g_ptr_array_unref(L.agreements);
  g_ptr_array_unref(L.barriers);
  g_ptr_array_unref(L.indicators);
  tri_json_free(doc);
  return rc;
}

int tr_catalog_load_file(tr_catalog *catalog, const char *path) {
  char *data = NULL;
  size_t len = 0;
  int rc;
  if (!catalog || !path)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_catalog_load_file: NULL argument");
  rc = tri_io_read_file(path, TRI_JSON_MAX_FILE, &data, &len);
  if (rc != TR_OK)
    return rc;
  rc = tr_catalog_load_data(catalog, data, len, path);
  g_free(data);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Saving: a small hand-written emitter, so numbers use the shortest exact form
 * and the layout stays readable and stable (one member per line, scalar arrays inline). */

static void put_string(GString *out, const char *s) {
  g_string_append_c(out, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '"': g_string_append(out, "\\\""); break;
    case '\\': g_string_append(out, "\\\\"); break;
    case '\n': g_string_append(out, "\\n"); break;
    case '\r': g_string_append(out, "\\r"); break;
    case '\t': g_string_append(out, "\\t"); break;
    case '\b': g_string_append(out, "\\b"); break;
    case '\f': g_string_append(out, "\\f"); break;
    default:
      if (*p < 0x20)
        g_string_append_printf(out, "\\u%04x", *p);
      else
        g_string_append_c(out, (char)*p);
    }
  }
  g_string_append_c(out, '"');
}

static void put_double(GString *out, double v) {
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (v == 0.0 && signbit(v)) { /* "-0" would read back as the integer 0 */
    g_string_append(out, "-0.0");
    return;
  }
  for (int prec = 15; prec <= 17; prec++) {
    char fmt[8];
    g_snprintf(fmt, sizeof fmt, "%%.%dg", prec);
    g_ascii_formatd(buf, sizeof buf, fmt, v);
    if (prec == 17 || g_ascii_strtod(buf, NULL) == v)
      break;
  }
  g_string_append(out, buf);
}

typedef struct {
  GString *out;    /* the text not yet moved to the sink (at most a few items) */
  int indent;
  gboolean first;
  /* the sink: a buffer grown with g_try_realloc (tr_catalog_to_json), or a file
   * written as the text comes (tr_catalog_save_file); a catalog-sized text never
   * goes through GString, whose growth aborts when memory runs out */
  char *data;
  size_t len, cap;
  tr_io_out *file;
  int rc;          /* the sink's first error (error set), or TR_OK */
} emitter;

/* Move the pending text to the sink once it is large (or when @force). */
static void spill(emitter *e, gboolean force) {
  if (e->rc) { /* the sink failed: the text is dropped, the walk stops */
    g_string_truncate(e->out, 0);
    return;
  }
  if (!force && e->out->len < 65536)
    return;
  if (e->file) {
    e->rc = tri_io_out_write(e->file, e->out->str, e->out->len);
  } else if (e->len + e->out->len + 1 > e->cap) {
    size_t need = e->len + e->out->len + 1, cap = MAX(e->cap, 65536);
    while (cap < need && cap <= G_MAXSIZE / 2)
      cap *= 2;
    char *d = cap >= need ? g_try_realloc(e->data, cap) : NULL;
    if (!d) {
      e->rc = tri_fail(TR_ERR_NOMEM, "out of memory: the catalog's JSON text (%zu MiB so far) cannot grow",
                       e->len >> 20);
    } else {
      e->data = d;
      e->cap = cap;
    }
  }
  if (!e->rc && !e->file) {
    memcpy(e->data + e->len, e->out->str, e->out->len + 1);
    e->len += e->out->len;
  }
  g_string_truncate(e->out, 0);
}

static void member(emitter *e, const char *key) {
  g_string_append(e->out, e->first ? "\n" : ",\n");
  e->first = FALSE;
  for (int i = 0; i < e->indent; i++)
    g_string_append_c(e->out, ' ');
  put_string(e->out, key);
  g_string_append(e->out, ": ");
}

static void open_obj(emitter *e, int indent) {
  g_string_append_c(e->out, '{');
  e->indent = indent + 2;
  e->first = TRUE;
}

static void close_obj(emitter *e, int indent) {
  g_string_append_c(e->out, '\n');
  for (int i = 0; i < indent; i++)
    g_string_append_c(e->out, ' ');
  g_string_append_c(e->out, '}');
  e->indent = indent;
}

static void str_member(emitter *e, const char *key, const char *value) {
  if (!value)
    return;
  member(e, key);
  put_string(e->out, value);
}

static void int_member(emitter *e, const char *key, int value) {
  if (value == 0)
    return;
  member(e, key);
  g_string_append_printf(e->out, "%d", value);
}

static void flags_member(emitter *e, const char *key, unsigned int bits, int count,
                         const char *(*id)(unsigned int)) {
  gboolean first = TRUE;
  if (!bits)
    return;
  member(e, key);
  g_string_append_c(e->out, '[');
  for (int i = 0; i < count; i++)
    if (bits & (1u << i)) {
      if (!first)
        g_string_append(e->out, ", ");
      first = FALSE;
      put_string(e->out, id(1u << i));
    }
  g_string_append_c(e->out, ']');
}

static void str_array_member(emitter *e, const char *key, GPtrArray *items) {
  if (!items->len)
    return;
  member(e, key);
  g_string_append_c(e->out, '[');
  for (guint i = 0; i < items->len; i++) {
    if (i)
      g_string_append(e->out, ", ");
    put_string(e->out, g_ptr_array_index(items, i));
  }
  g_string_append_c(e->out, ']');
}

/* Items of a top-level or nested array of objects, each emitted by @fn. */
static void obj_array_member(emitter *e, const char *key, GPtrArray *items,
                             void (*fn)(emitter *, const void *, int), int indent) {
  member(e, key);
  if (!items->len) {
    g_string_append(e->out, "[]");
    return;
  }
  g_string_append_c(e->out, '[');
  for (guint i = 0; i < items->len && !e->rc; i++) {
    g_string_append(e->out, i ? ",\n" : "\n");
    for (int k = 0; k < indent + 2; k++)
      g_string_append_c(e->out, ' ');
    fn(e, g_ptr_array_index(items, i), indent + 2);
    spill(e, FALSE);
  }
  g_string_append_c(e->out, '\n');
  for (int k = 0; k < indent; k++)
    g_string_append_c(e->out, ' ');
  g_string_append_c(e->out, ']');
  e->indent = indent;
  e->first = FALSE;
}

static void emit_evidence(emitter *e, const void *item, int indent) {
  const tr_cell_evidence *v = item;
  open_obj(e, indent);
  if (v->document) {
    str_member(e, "document", v->document);
    str_member(e, "url", v->url);
  } else {
    int_member(e, "tota_id", v->tota_id);
    member(e, "article_id");
    g_string_append_printf(e->out, "%d", v->article_id);
  }
  str_member(e, "article", v->article);
  str_member(e, "paragraph", v->paragraph);
  str_member(e, "span", v->span);
  close_obj(e, indent);
}

static void emit_scope(emitter *e, const tr_exception_scope *s, int indent) {
  open_obj(e, indent);
  str_member(e, "breadth", tr_scope_breadth_id(s->breadth));
  str_member(e, "form", tr_scope_form_id(s->form));
  str_array_member(e, "incorporates", s->incorporates);
  member(e, "self_judging");
  g_string_append(e->out, s->self_judging ? "true" : "false");
  str_array_member(e, "chapters", s->chapters);
  close_obj(e, indent);
  e->first = FALSE;
}

static void emit_provision(emitter *e, const void *item, int indent) {
  const tr_provision *p = item;
  open_obj(e, indent);
  str_member(e, "category", tr_category_id(p->category));
  str_member(e, "strength", tr_strength_id(p->strength));
  str_member(e, "citation", p->citation);
  str_member(e, "title", p->title);
  str_member(e, "summary", p->summary);
  flags_member(e, "exceptions", p->exceptions, tr_exception_count(), tr_exception_id);
  str_member(e, "dispute_settlement", tr_dispute_settlement_id(p->ds));
  flags_member(e, "flags", p->flags, 3, tr_provision_flag_id);
  str_member(e, "source", p->source);
  str_member(e, "note", p->note);
  str_member(e, "basis", tr_basis_id(p->basis));
  if (p->has_draft)
    str_member(e, "draft", tr_strength_id(p->draft));
  str_member(e, "review", tr_review_id(p->review));
  if (p->evidence && p->evidence->len)
    obj_array_member(e, "evidence", p->evidence, emit_evidence, indent + 2);
  if (p->scope) {
    member(e, "exception_scope");
    emit_scope(e, p->scope, indent + 2);
  }
  close_obj(e, indent);
}

static void emit_agreement(emitter *e, const void *item, int indent) {
  const tr_agreement *a = item;
  open_obj(e, indent);
  str_member(e, "id", a->id);
  str_member(e, "name", a->name);
  str_member(e, "kind", tr_kind_id(a->kind));
  str_member(e, "status", tr_agreement_status_id(a->status));
  str_member(e, "family", tr_family_id(a->family));
  str_array_member(e, "parties", a->parties);
  str_member(e, "date_signed", a->date_signed);
  str_member(e, "date_in_force", a->date_in_force);
  str_member(e, "based_on", a->based_on);
  int_member(e, "tota_id", a->tota_id);
  int_member(e, "wto_rta_id", a->wto_rta_id);
  str_array_member(e, "sources", a->sources);
  str_member(e, "note", a->note);
  if (a->provisions->len)
    obj_array_member(e, "provisions", a->provisions, emit_provision, indent + 2);
  close_obj(e, indent);
}

static void emit_barrier(emitter *e, const void *item, int indent) {
  const tr_barrier *b = item;
  open_obj(e, indent);
  str_member(e, "id", b->id);
  str_member(e, "type", tr_barrier_type_id(b->type));
  str_member(e, "name", b->name);
  str_member(e, "description", b->description);
  if (b->categories->len) {
    member(e, "disciplined_by");
    g_string_append_c(e->out, '[');
    for (guint i = 0; i < b->categories->len; i++) {
      if (i)
        g_string_append(e->out, ", ");
      put_string(e->out, tr_category_id(g_array_index(b->categories, tr_category, i)));
    }
    g_string_append_c(e->out, ']');
  }
  str_member(e, "source", b->source);
  close_obj(e, indent);
}

static void emit_indicator(emitter *e, const void *item, int indent) {
  const tr_indicator *r = item;
  open_obj(e, indent);
  str_member(e, "economy", r->economy);
  str_member(e, "indicator", r->indicator);
  int_member(e, "year", r->year);
  if (!isnan(r->value)) {
    member(e, "value");
    put_double(e->out, r->value);
  }
  str_member(e, "text", r->text);
  str_member(e, "unit", r->unit);
  str_member(e, "source", r->source);
  close_obj(e, indent);
}

/* The whole catalog as JSON into @e's sink (set by the caller); TR_OK or the
 * sink's error (set). */
static int emit_catalog(emitter *e, const tr_catalog *catalog) {
  e->out = g_string_sized_new(65536 + 4096);
  open_obj(e, 0);
  str_member(e, "format", TR_CATALOG_FORMAT);
  member(e, "version");
  g_string_append_printf(e->out, "%d", TR_CATALOG_VERSION);
  obj_array_member(e, "agreements", catalog->agreements, emit_agreement, 2);
  obj_array_member(e, "barriers", catalog->barriers, emit_barrier, 2);
  obj_array_member(e, "indicators", catalog->indicators, emit_indicator, 2);
  close_obj(e, 0);
  g_string_append_c(e->out, '\n');
  spill(e, TRUE);
  g_string_free(e->out, TRUE);
  e->out = NULL;
  return e->rc;
}

int tr_catalog_to_json(const tr_catalog *catalog, char **out) {
  emitter e = { 0 };
  if (!catalog || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_catalog_to_json: NULL argument");
  *out = NULL;
  int rc = emit_catalog(&e, catalog);
  if (rc) {
    g_free(e.data);
    return rc;
  }
  *out = e.data; /* never NULL: the text is not empty */
  return TR_OK;
}

int tr_catalog_save_file(const tr_catalog *catalog, const char *path) {
  emitter e = { 0 };
  if (!catalog || !path)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_catalog_save_file: NULL argument");
  if (!*path)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_file_write: NULL or empty argument");
  if (strcmp(path, "-") == 0)
    path = "./-"; /* a file named '-', as tr_file_write(): standard output is the caller's business */
  /* The rules of include/traderules/io.h: atomic replace of a regular file,
   * links followed, FIFOs written directly, read-only targets refused; the
   * text goes to the file as it is made (no catalog-sized buffer). */
  int rc = tri_io_out_open(path, &e.file);
  if (rc)
    return rc;
  rc = emit_catalog(&e, catalog);
  int crc = tri_io_out_close(e.file, rc == TR_OK);
  return rc ? rc : crc;
}

/* ------------------------------------------------------------------------ */
/* The embedded default catalog (compiled by scripts/build-catalog from lib/model/data/agreements/
 * and friends, then embedded by scripts/embed-resources.py). */

#include "core/tr-resource.h"

#define TR_DEFAULT_CATALOG "/org/traderules/catalog.json"

int tr_catalog_new_default(tr_catalog **out) {
  tr_catalog *c = NULL;
  size_t len = 0;
  const char *data = NULL;
  int rc;
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_catalog_new_default: out is NULL");
  if (tri_resource_lookup(TR_DEFAULT_CATALOG, &data, &len) != 0)
    return tri_set_error(TR_ERR_INTERNAL, "resource://" TR_DEFAULT_CATALOG, 0, 0, NULL,
                         "embedded catalog missing");
  tr_catalog_new(&c);
  rc = tr_catalog_load_data(c, data, len, "resource://" TR_DEFAULT_CATALOG);
  if (rc) {
    tr_catalog_free(c);
    return rc;
  }
  *out = c;
  return TR_OK;
}
