/*
 * libtraderules - bloc membership and agreement application dates
 * SPDX-License-Identifier: MIT
 */
#include "panel-private.h"

#include "core/json.h"

#include "core/tr-resource.h"
#include <string.h>
#include <sys/stat.h>

/* ------------------------------------------------------------------------ */
/* Dates                                                                     */

static int days_in_month(int y, int m) {
  static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return d[m - 1];
}

int trp_date_parse(const char *s, trp_date *out) {
  int y = 0, m = 0, d = 0;
  size_t n = strlen(s);
  if (n != 4 && n != 7 && n != 10)
    return -1;
  for (size_t i = 0; i < n; i++) {
    if (i == 4 || i == 7) {
      if (s[i] != '-')
        return -1;
    } else if (!g_ascii_isdigit(s[i]))
      return -1;
  }
  y = (int)g_ascii_strtoll(s, NULL, 10);
  if (n >= 7)
    m = (int)g_ascii_strtoll(s + 5, NULL, 10);
  if (n == 10)
    d = (int)g_ascii_strtoll(s + 8, NULL, 10);
  if (y < 1 || (n >= 7 && (m < 1 || m > 12)) || (n == 10 && (d < 1 || d > days_in_month(y, m))))
    return -1;
  out->year = y;
  out->month = m;
  out->day = d;
  return 0;
}

/* First and last possible day of a date of year, month or day precision. */
long trp_date_first(const trp_date *d) {
  return (long)d->year * 10000 + (d->month ? d->month : 1) * 100 + (d->day ? d->day : 1);
}
long trp_date_last(const trp_date *d) {
  int m = d->month ? d->month : 12;
  int day = d->day ? d->day : days_in_month(d->year, m);
  return (long)d->year * 10000 + m * 100 + day;
}

/* ------------------------------------------------------------------------ */
/* Table                                                                     */

static void member_clear(gpointer p) {
  trp_member *m = p;
  g_free(m->state);
  g_free(m->source);
}

static void bloc_free(gpointer p) {
  trp_bloc *b = p;
  if (!b)
    return;
  g_free(b->id);
  g_free(b->name);
  g_array_unref(b->members);
  g_free(b);
}

static void record_free(gpointer p) {
  trp_record *r = p;
  if (!r)
    return;
  g_free(r->agreement);
  g_free(r->party);
  g_free(r->source);
  g_free(r);
}

int tr_membership_new(tr_membership **out) {
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_membership_new: out is NULL");
  tr_membership *m = g_new0(tr_membership, 1);
  m->blocs = g_ptr_array_new_with_free_func(bloc_free);
  m->records = g_ptr_array_new_with_free_func(record_free);
  *out = m;
  return TR_OK;
}

void tr_membership_free(tr_membership *m) {
  if (!m)
    return;
  g_ptr_array_unref(m->blocs);
  g_ptr_array_unref(m->records);
  g_free(m);
}

#define TR_MEMBERSHIP_RESOURCE "/org/traderules/panel/membership.json"

int tr_membership_new_default(tr_membership **out) {
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_membership_new_default: out is NULL");
  *out = NULL;
  const char *data = NULL;
  size_t n = 0;
  if (tri_resource_lookup(TR_MEMBERSHIP_RESOURCE, &data, &n) != 0)
    return tri_fail(TR_ERR_INTERNAL, "embedded membership table missing: %s", TR_MEMBERSHIP_RESOURCE);
  tr_membership *m = NULL;
  int rc = tr_membership_new(&m);
  if (rc == TR_OK)
    rc = tr_membership_load_data(m, data, n, "membership.json (embedded)");
  if (rc != TR_OK) {
    tr_membership_free(m);
    return rc;
  }
  *out = m;
  return TR_OK;
}

const trp_bloc *trp_membership_find_bloc(const tr_membership *m, const char *id) {
  for (guint i = 0; i < m->blocs->len; i++) {
    const trp_bloc *b = g_ptr_array_index(m->blocs, i);
    if (strcmp(b->id, id) == 0)
      return b;
  }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Loading (through the library's JSON reader, lib/core/json.c: errors name the file, the
 * line and column of the value concerned and the path of the object it belongs to)        */

typedef const tri_json_node node_t;

typedef struct {
  const char *name;
  GString *path;
} ctx;

static int schema(ctx *c, node_t *at, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static int schema(ctx *c, node_t *at, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  int rc = tri_json_error(TR_ERR_SCHEMA, c->name, at, FALSE, c->path->len ? c->path->str : NULL, "%s", msg);
  g_free(msg);
  return rc;
}

static void path_set(ctx *c, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void path_set(ctx *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  g_string_vprintf(c->path, fmt, ap);
  va_end(ap);
}

static int check_members(ctx *c, node_t *o, const char *const *allowed) {
  for (guint32 k = 0; k < o->count; k++) {
    node_t *m = o->u.items[k];
    gboolean ok = g_str_has_prefix(m->key, "x-");
    for (size_t i = 0; allowed[i] && !ok; i++)
      ok = strcmp(allowed[i], m->key) == 0;
    if (!ok)
      return tri_json_error(TR_ERR_SCHEMA, c->name, m, TRUE, c->path->len ? c->path->str : NULL,
                            "unknown member '%s'", m->key);
  }
  return TR_OK;
}

/* A string member: required (must be a non-empty string) or optional (absent/null gives NULL). */
static int get_string(ctx *c, node_t *o, const char *key, gboolean required, const char **out) {
  *out = NULL;
  node_t *n = tri_json_get(o, key);
  if (!n || n->type == TRI_JSON_NULL) {
    if (required)
      return schema(c, n ? n : o, "missing member '%s'", key);
    return TR_OK;
  }
  if (n->type != TRI_JSON_STRING)
    return schema(c, n, "member '%s' must be a string", key);
  const char *s = n->u.string.text;
  if (!*s)
    return schema(c, n, "member '%s' is empty", key);
  *out = s;
  return TR_OK;
}

static int get_date(ctx *c, node_t *o, const char *key, trp_date *out, gboolean *known) {
  const char *s = NULL;
  int rc = get_string(c, o, key, FALSE, &s);
  if (rc)
    return rc;
  memset(out, 0, sizeof *out);
  *known = s != NULL;
  if (s && trp_date_parse(s, out) != 0)
    return schema(c, tri_json_get(o, key), "member '%s': invalid date '%s' (expected YYYY, YYYY-MM or YYYY-MM-DD)", key, s);
  return TR_OK;
}

static gboolean is_state_code(const char *s) {
  return strlen(s) == 3 && g_ascii_isupper(s[0]) && g_ascii_isupper(s[1]) && g_ascii_isupper(s[2]);
}

static gboolean is_bloc_id(const char *s) {
  size_t n = strlen(s);
  if (n < 2 || n > 16)
    return FALSE;
  for (size_t i = 0; i < n; i++)
    if (!g_ascii_isupper(s[i]) && !g_ascii_isdigit(s[i]) && s[i] != '_')
      return FALSE;
  return TRUE;
}

static int parse_member(ctx *c, node_t *o, trp_member *m) {
  static const char *const allowed[] = { "state", "from", "to", "source", "note", NULL };
  if (o->type != TRI_JSON_OBJECT)
    return schema(c, o, "a member must be an object");
  int rc = check_members(c, o, allowed);
  const char *state = NULL, *source = NULL, *note = NULL;
  if (!rc)
    rc = get_string(c, o, "state", TRUE, &state);
  if (!rc && !is_state_code(state))
    rc = schema(c, tri_json_get(o, "state"), "member 'state': '%s' is not an ISO 3166-1 alpha-3 code", state);
  if (!rc)
    rc = get_date(c, o, "from", &m->from, &m->from_known);
  if (!rc)
    rc = get_date(c, o, "to", &m->to, &m->to_known);
  if (!rc)
    rc = get_string(c, o, "source", TRUE, &source);
  if (!rc)
    rc = get_string(c, o, "note", FALSE, &note);
  if (!rc && m->from_known && m->to_known && trp_date_first(&m->from) > trp_date_last(&m->to))
    rc = schema(c, tri_json_get(o, "to"), "'to' is before 'from'");
  if (rc)
    return rc;
  m->state = g_strdup(state);
  m->source = g_strdup(source);
  return TR_OK;
}

static int parse_bloc(ctx *c, node_t *o, size_t bi, trp_bloc **out) {
  static const char *const allowed[] = { "id", "name", "members", "source", "note", NULL };
  path_set(c, "blocs[%zu]", bi);
  if (o->type != TRI_JSON_OBJECT)
    return schema(c, o, "a bloc must be an object");
  const char *id = NULL, *name = NULL;
  int rc = check_members(c, o, allowed);
  if (!rc)
    rc = get_string(c, o, "id", TRUE, &id);
  if (!rc && !is_bloc_id(id))
    rc = schema(c, tri_json_get(o, "id"), "member 'id': '%s' must be 2-16 capital letters, digits or '_'", id);
  if (!rc)
    rc = get_string(c, o, "name", TRUE, &name);
  node_t *arr = rc ? NULL : tri_json_get(o, "members");
  if (!rc && (!arr || arr->type != TRI_JSON_ARRAY))
    rc = schema(c, arr ? arr : o, "member 'members' must be an array");
  if (rc)
    return rc;
  trp_bloc *b = g_new0(trp_bloc, 1);
  b->members = g_array_new(FALSE, TRUE, sizeof(trp_member));
  g_array_set_clear_func(b->members, member_clear);
  for (guint i = 0; i < arr->count && !rc; i++) {
    path_set(c, "blocs[%zu].members[%u]", bi, i);
    trp_member m = { 0 };
    rc = parse_member(c, arr->u.items[i], &m);
    if (!rc)
      g_array_append_val(b->members, m);
  }
  if (rc) {
    bloc_free(b);
    return rc;
  }
  b->id = g_strdup(id);
  b->name = g_strdup(name);
  *out = b;
  return TR_OK;
}

static int parse_record(ctx *c, node_t *o, size_t ri, trp_record **out) {
  static const char *const allowed[] = { "agreement", "party", "from", "to", "kind", "source", "note", NULL };
  path_set(c, "application[%zu]", ri);
  if (o->type != TRI_JSON_OBJECT)
    return schema(c, o, "an application record must be an object");
  const char *agreement = NULL, *party = NULL, *kind = NULL, *source = NULL, *note = NULL;
  trp_record r = { 0 };
  int rc = check_members(c, o, allowed);
  if (!rc)
    rc = get_string(c, o, "agreement", TRUE, &agreement);
  if (!rc)
    rc = get_string(c, o, "party", TRUE, &party);
  if (!rc && strcmp(party, "*") != 0 && !is_state_code(party) && !is_bloc_id(party))
    rc = schema(c, tri_json_get(o, "party"), "member 'party': '%s' must be '*', an ISO alpha-3 code or a bloc id", party);
  if (!rc)
    rc = get_date(c, o, "from", &r.from, &r.from_known);
  if (!rc)
    rc = get_date(c, o, "to", &r.to, &r.to_known);
  if (!rc)
    rc = get_string(c, o, "kind", TRUE, &kind);
  if (!rc && strcmp(kind, "in_force") != 0 && strcmp(kind, "provisional") != 0)
    rc = schema(c, tri_json_get(o, "kind"), "member 'kind': '%s' must be 'in_force' or 'provisional'", kind);
  if (!rc)
    rc = get_string(c, o, "source", TRUE, &source);
  if (!rc)
    rc = get_string(c, o, "note", FALSE, &note);
  if (!rc && r.from_known && r.to_known && trp_date_first(&r.from) > trp_date_last(&r.to))
    rc = schema(c, tri_json_get(o, "to"), "'to' is before 'from'");
  if (rc)
    return rc;
  trp_record *p = g_new0(trp_record, 1);
  *p = r;
  p->agreement = g_strdup(agreement);
  p->party = g_strdup(party);
  p->provisional = strcmp(kind, "provisional") == 0;
  p->source = g_strdup(source);
  *out = p;
  return TR_OK;
}

int tr_membership_load_data(tr_membership *m, const char *data, size_t length, const char *name) {
  if (!m || (!data && length))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_membership_load_data: NULL argument");
  if (!name)
    name = "<memory>";
  /* size limit, UTF-8, strict syntax, depth, duplicate member names */
  tri_json_doc *doc = NULL;
  int rc = tri_json_parse(data, length, name, &doc);
  if (rc != TR_OK)
    return rc;
  ctx c = { name, g_string_new(NULL) };
  GPtrArray *blocs = g_ptr_array_new_with_free_func(bloc_free);
  GPtrArray *records = g_ptr_array_new_with_free_func(record_free);
  node_t *o = tri_json_root(doc);
  static const char *const top[] = { "format", "version", "blocs", "application", NULL };
  if (o->type != TRI_JSON_OBJECT) {
    rc = tri_json_error(TR_ERR_SCHEMA, name, o, FALSE, NULL,
                        "expected a JSON object with format 'traderules-membership'");
  } else {
    const char *format = NULL;
    rc = check_members(&c, o, top);
    if (!rc)
      rc = get_string(&c, o, "format", TRUE, &format);
    if (!rc && strcmp(format, "traderules-membership") != 0)
      rc = schema(&c, tri_json_get(o, "format"), "member 'format' must be 'traderules-membership'");
    node_t *v = rc ? NULL : tri_json_get(o, "version");
    if (!rc && (!v || v->type != TRI_JSON_INT || v->u.number.integer != 1))
      rc = schema(&c, v ? v : o, "member 'version' must be 1");
    node_t *bn = rc ? NULL : tri_json_get(o, "blocs");
    if (!rc && bn && bn->type != TRI_JSON_NULL) {
      if (bn->type != TRI_JSON_ARRAY)
        rc = schema(&c, bn, "member 'blocs' must be an array");
      for (guint i = 0; !rc && i < bn->count; i++) {
        trp_bloc *b = NULL;
        rc = parse_bloc(&c, bn->u.items[i], i, &b);
        if (!rc && b) {
          path_set(&c, "blocs[%u].id", i);
          gboolean dup = trp_membership_find_bloc(m, b->id) != NULL;
          for (guint k = 0; k < blocs->len && !dup; k++)
            dup = strcmp(((trp_bloc *)g_ptr_array_index(blocs, k))->id, b->id) == 0;
          if (dup) {
            rc = tri_json_error(TR_ERR_DUPLICATE, name, tri_json_get(bn->u.items[i], "id"), FALSE,
                                c.path->str, "bloc '%s' defined twice", b->id);
            bloc_free(b);
          } else
            g_ptr_array_add(blocs, b);
        }
      }
    }
    node_t *an = rc ? NULL : tri_json_get(o, "application");
    if (!rc && an && an->type != TRI_JSON_NULL) {
      g_string_truncate(c.path, 0);
      if (an->type != TRI_JSON_ARRAY)
        rc = schema(&c, an, "member 'application' must be an array");
      for (guint i = 0; !rc && i < an->count; i++) {
        trp_record *r = NULL;
        rc = parse_record(&c, an->u.items[i], i, &r);
        if (!rc && r) {
          gboolean dup = trp_membership_find_record(m, r->agreement, r->party) != NULL;
          for (guint k = 0; k < records->len && !dup; k++) {
            const trp_record *q = g_ptr_array_index(records, k);
            dup = strcmp(q->agreement, r->agreement) == 0 && strcmp(q->party, r->party) == 0;
          }
          if (dup) {
            rc = tri_json_error(TR_ERR_DUPLICATE, name, an->u.items[i], FALSE, c.path->str,
                                "a second record for agreement '%s' and party '%s'", r->agreement, r->party);
            record_free(r);
          } else
            g_ptr_array_add(records, r);
        }
      }
    }
  }
  if (rc == TR_OK) {
    for (guint i = 0; i < blocs->len; i++)
      g_ptr_array_add(m->blocs, g_ptr_array_steal_index(blocs, i--));
    for (guint i = 0; i < records->len; i++)
      g_ptr_array_add(m->records, g_ptr_array_steal_index(records, i--));
  }
  g_ptr_array_unref(blocs);
  g_ptr_array_unref(records);
  g_string_free(c.path, TRUE);
  tri_json_free(doc);
  return rc;
}

int tr_membership_load_file(tr_membership *m, const char *path) {
  if (!m || !path)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_membership_load_file: NULL argument");
  /* the library's one reader: size limit before and while reading */
  char *data = NULL;
  size_t n = 0;
  int rrc = tri_io_read_file(path, TRI_JSON_MAX_FILE, &data, &n);
  if (rrc != TR_OK)
    return rrc;
  int rc = tr_membership_load_data(m, data, n, path);
  g_free(data);
  return rc;
}

const trp_record *trp_membership_find_record(const tr_membership *m, const char *agreement,
                                             const char *party) {
  for (guint i = 0; i < m->records->len; i++) {
    const trp_record *r = g_ptr_array_index(m->records, i);
    if (strcmp(r->agreement, agreement) == 0 && strcmp(r->party, party) == 0)
      return r;
  }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Queries                                                                   */

size_t tr_membership_bloc_count(const tr_membership *m) {
  return m ? m->blocs->len : 0;
}

const char *tr_membership_bloc_at(const tr_membership *m, size_t index) {
  if (!m || index >= m->blocs->len)
    return NULL;
  return ((const trp_bloc *)g_ptr_array_index(m->blocs, index))->id;
}

int tr_membership_is_bloc(const tr_membership *m, const char *id) {
  return m && id && trp_membership_find_bloc(m, id) != NULL;
}

/* 1 member on the day, 0 not, -1 unknown. */
static int member_on(const trp_member *mb, long day) {
  if (!mb->from_known)
    return -1;
  if (day < trp_date_first(&mb->from))
    return 0;
  if (day <= trp_date_last(&mb->from) && trp_date_first(&mb->from) != trp_date_last(&mb->from))
    return -1; /* within a year- or month-precision joining date */
  if (mb->to_known && day > trp_date_last(&mb->to))
    return 0;
  if (mb->to_known && day >= trp_date_first(&mb->to) && trp_date_first(&mb->to) != trp_date_last(&mb->to))
    return -1;
  return 1;
}

static int parse_day(const char *date, long *day) {
  trp_date d;
  if (!date || trp_date_parse(date, &d) != 0 || !d.day)
    return -1;
  *day = trp_date_first(&d);
  return 0;
}

int tr_membership_is_member(const tr_membership *m, const char *bloc, const char *state,
                            const char *date, int *out) {
  long day = 0;
  if (!m || !bloc || !state || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_membership_is_member: NULL argument");
  if (parse_day(date, &day) != 0)
    return tri_fail(TR_ERR_INVALID_ARG, "invalid date '%s' (expected YYYY-MM-DD)", date ? date : "(null)");
  const trp_bloc *b = trp_membership_find_bloc(m, bloc);
  if (!b)
    return tri_fail(TR_ERR_NOT_FOUND, "no bloc '%s'", bloc);
  int result = 0;
  for (guint i = 0; i < b->members->len; i++) {
    const trp_member *mb = &g_array_index(b->members, trp_member, i);
    if (strcmp(mb->state, state) != 0)
      continue;
    int on = member_on(mb, day);
    if (on == 1) {
      result = 1;
      break;
    }
    if (on < 0)
      result = -1;
  }
  *out = result;
  return TR_OK;
}

int tr_membership_members(const tr_membership *m, const char *bloc, const char *date, char ***out) {
  long day = 0;
  if (!m || !bloc || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_membership_members: NULL argument");
  *out = NULL;
  if (parse_day(date, &day) != 0)
    return tri_fail(TR_ERR_INVALID_ARG, "invalid date '%s' (expected YYYY-MM-DD)", date ? date : "(null)");
  const trp_bloc *b = trp_membership_find_bloc(m, bloc);
  if (!b)
    return tri_fail(TR_ERR_NOT_FOUND, "no bloc '%s'", bloc);
  GPtrArray *v = g_ptr_array_new();
  for (guint i = 0; i < b->members->len; i++) {
    const trp_member *mb = &g_array_index(b->members, trp_member, i);
    if (member_on(mb, day) != 1)
      continue;
    gboolean seen = FALSE;
    for (guint k = 0; k < v->len && !seen; k++)
      seen = strcmp(g_ptr_array_index(v, k), mb->state) == 0;
    if (!seen)
      g_ptr_array_add(v, g_strdup(mb->state));
  }
  g_ptr_array_sort(v, trp_compare_strings);
  g_ptr_array_add(v, NULL);
  *out = (char **)g_ptr_array_free(v, FALSE);
  return TR_OK;
}

gint trp_compare_strings(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void tr_strv_free(char **strv) {
  g_strfreev(strv);
}
