/*
 * libtraderules - country-pair-year panels
 * SPDX-License-Identifier: MIT
 */
#include "panel-private.h"

#include <string.h>

#define OPEN_END 99991231L

/* ------------------------------------------------------------------------ */
/* Options                                                                   */

const char *tr_panel_measure_id(tr_panel_measure m) {
  switch (m) {
  case TR_PANEL_STRENGTH: return "strength";
  case TR_PANEL_BINARY: return "binary";
  case TR_PANEL_COUNT: return "count";
  default: return NULL;
  }
}

int tr_panel_measure_from_id(const char *id, tr_panel_measure *out) {
  if (!id || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_panel_measure_from_id: NULL argument");
  for (int m = TR_PANEL_STRENGTH; m <= TR_PANEL_COUNT; m++)
    if (strcmp(id, tr_panel_measure_id((tr_panel_measure)m)) == 0) {
      *out = (tr_panel_measure)m;
      return TR_OK;
    }
  return tri_fail(TR_ERR_NOT_FOUND, "unknown measure '%s' (expected strength, binary or count)", id);
}

int tr_panel_options_new(tr_panel_options **out) {
  if (!out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_panel_options_new: out is NULL");
  tr_panel_options *o = g_new0(tr_panel_options, 1);
  o->first = 1995;
  o->last = 2024;
  o->measure = TR_PANEL_STRENGTH;
  o->categories = g_array_new(FALSE, FALSE, sizeof(tr_category));
  *out = o;
  return TR_OK;
}

void tr_panel_options_free(tr_panel_options *o) {
  if (!o)
    return;
  g_array_unref(o->categories);
  if (o->economies)
    g_ptr_array_unref(o->economies);
  g_free(o);
}

int tr_panel_options_set_years(tr_panel_options *o, int first, int last) {
  if (!o)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_panel_options_set_years: options is NULL");
  if (first < 1900 || last > 2100 || first > last)
    return tri_fail(TR_ERR_INVALID_ARG, "invalid years %d-%d (expected 1900 <= first <= last <= 2100)", first,
                   last);
  o->first = first;
  o->last = last;
  return TR_OK;
}

int tr_panel_options_set_measure(tr_panel_options *o, tr_panel_measure m) {
  if (!o || !tr_panel_measure_id(m))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_panel_options_set_measure: invalid argument");
  o->measure = m;
  return TR_OK;
}

int tr_panel_options_set_directed(tr_panel_options *o, int directed) {
  if (!o)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_panel_options_set_directed: options is NULL");
  o->directed = directed != 0;
  return TR_OK;
}

int tr_panel_options_set_categories(tr_panel_options *o, const tr_category *cats, size_t n) {
  if (!o || (n && !cats))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_panel_options_set_categories: NULL argument");
  for (size_t i = 0; i < n; i++) {
    if (!tr_category_id(cats[i]))
      return tri_fail(TR_ERR_INVALID_ARG, "invalid category value %d", (int)cats[i]);
    for (size_t k = 0; k < i; k++)
      if (cats[k] == cats[i])
        return tri_fail(TR_ERR_DUPLICATE, "category '%s' given twice", tr_category_id(cats[i]));
  }
  g_array_set_size(o->categories, 0);
  if (n)
    g_array_append_vals(o->categories, cats, (guint)n);
  return TR_OK;
}

int tr_panel_options_set_economies(tr_panel_options *o, const char *const *economies, size_t n) {
  if (!o || (n && !economies))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_panel_options_set_economies: NULL argument");
  GPtrArray *v = g_ptr_array_new_with_free_func(g_free);
  for (size_t i = 0; i < n; i++) {
    const char *e = economies[i];
    if (!e || strlen(e) != 3 || !g_ascii_isupper(e[0]) || !g_ascii_isupper(e[1]) || !g_ascii_isupper(e[2])) {
      g_ptr_array_unref(v);
      return tri_fail(TR_ERR_INVALID_ARG, "economy '%s' is not an ISO 3166-1 alpha-3 code", e ? e : "(null)");
    }
    g_ptr_array_add(v, g_strdup(e));
  }
  g_ptr_array_sort(v, trp_compare_strings);
  for (guint i = 1; i < v->len; i++)
    if (strcmp(g_ptr_array_index(v, i - 1), g_ptr_array_index(v, i)) == 0) {
      int rc = tri_fail(TR_ERR_DUPLICATE, "economy '%s' given twice", (const char *)g_ptr_array_index(v, i));
      g_ptr_array_unref(v);
      return rc;
    }
  if (o->economies)
    g_ptr_array_unref(o->economies);
  o->economies = NULL;
  if (n)
    o->economies = v;
  else
    g_ptr_array_unref(v);
  return TR_OK;
}

int tr_panel_economies(const tr_catalog *catalog, const tr_membership *membership, int first, int last,
                       char ***out) {
  if (out)
    *out = NULL;
  if (!catalog || !membership || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_panel_economies: NULL argument");
  if (first > last)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_panel_economies: years %d-%d: first is after last", first, last);
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (size_t i = 0; i < tr_catalog_agreement_count(catalog); i++) {
    const tr_agreement *ag = tr_catalog_agreement_at(catalog, i);
    for (size_t p = 0; p < tr_agreement_party_count(ag); p++) {
      const char *party = tr_agreement_party_at(ag, p);
      if (!party)
        continue;
      if (!tr_membership_is_bloc(membership, party)) {
        g_hash_table_add(seen, g_strdup(party));
        continue;
      }
      /* the bloc's members at the end of each year */
      for (int y = first; y <= last; y++) {
        char date[16];
        char **members = NULL;
        g_snprintf(date, sizeof date, "%04d-12-31", y);
        if (tr_membership_members(membership, party, date, &members) == TR_OK)
          for (char **s = members; *s; s++)
            g_hash_table_add(seen, g_strdup(*s));
        tr_strv_free(members);
      }
    }
  }
  GPtrArray *v = g_ptr_array_new();
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init(&it, seen);
  while (g_hash_table_iter_next(&it, &k, NULL))
    g_ptr_array_add(v, g_strdup(k));
  g_hash_table_unref(seen);
  g_ptr_array_sort(v, trp_compare_strings);
  g_ptr_array_add(v, NULL);
  *out = (char **)g_ptr_array_free(v, FALSE);
  return TR_OK;
}

/* ------------------------------------------------------------------------ */
/* Engine                                                                    */

typedef struct {
  guint agreement; /* index into the catalog */
  int first, last; /* years in force within the range; undated: unused */
  gboolean undated;
} pair_entry;

typedef struct {
  guint state;
  guint side;
  long lo, hi;
  gboolean undated;
} party_entry;

struct tr_panel_row {
  const char *iso3_i, *iso3_j;
  int year;
  size_t ncat;
  const tr_category *cats;
  int *values;
  GString **providers;
  GString *agreements;
  GString *undated;
  size_t n_agreements;
};

typedef struct {
  const tr_catalog *catalog;
  const tr_membership *membership;
  const tr_panel_options *o;
  GPtrArray *names;    /* state names by index */
  GHashTable *index;   /* name -> index+1 */
  GHashTable *pairs;   /* guint64 key (lo<<32|hi, lo < hi by name) -> GArray of pair_entry */
  const tr_category *cats;
  size_t ncat;
  signed char *codes;  /* [agreement * ncat + k]: strength code of the row's k-th category, -1 unknown */
} engine;

static guint intern(engine *e, const char *state) {
  gpointer v = g_hash_table_lookup(e->index, state);
  if (v)
    return GPOINTER_TO_UINT(v) - 1;
  char *copy = g_strdup(state);
  g_ptr_array_add(e->names, copy);
  guint idx = e->names->len - 1;
  g_hash_table_insert(e->index, copy, GUINT_TO_POINTER(idx + 1));
  return idx;
}

static const char *name_of(const engine *e, guint i) {
  return g_ptr_array_index(e->names, i);
}

static guint64 pair_key(const engine *e, guint a, guint b) {
  if (strcmp(name_of(e, a), name_of(e, b)) > 0) {
    guint t = a;
    a = b;
    b = t;
  }
  return ((guint64)a << 32) | b;
}

static gboolean counts_as_entered(tr_agreement_status st) {
  return st == TR_AGREEMENT_STATUS_IN_FORCE || st == TR_AGREEMENT_STATUS_SUPERSEDED || st == TR_AGREEMENT_STATUS_EXPIRED;
}

/* The application interval of @p state (a party, or a member of the bloc @p party). */
static void interval_for(const engine *e, const tr_agreement *ag, const char *party, const char *state,
                         long *lo, long *hi, gboolean *undated) {
  const char *id = tr_agreement_get_id(ag);
  const trp_record *r = trp_membership_find_record(e->membership, id, state);
  if (!r && party)
    r = trp_membership_find_record(e->membership, id, party);
  if (!r)
    r = trp_membership_find_record(e->membership, id, "*");
  *undated = FALSE;
  if (r) {
    if (!r->from_known) {
      *undated = TRUE;
      return;
    }
    *lo = trp_date_first(&r->from);
    *hi = r->to_known ? trp_date_last(&r->to) : OPEN_END;
    return;
  }
  trp_date d;
  const char *dif = tr_agreement_get_date_in_force(ag);
  if (!dif || trp_date_parse(dif, &d) != 0) {
    *undated = TRUE;
    return;
  }
  *lo = trp_date_first(&d);
  *hi = OPEN_END;
}

static void add_pair(engine *e, guint a, guint b, pair_entry pe) {
  guint64 key = pair_key(e, a, b);
  GArray *v = g_hash_table_lookup(e->pairs, &key);
  if (!v) {
    guint64 *k = g_new(guint64, 1);
    *k = key;
    v = g_array_new(FALSE, FALSE, sizeof(pair_entry));
    g_hash_table_insert(e->pairs, k, v);
  }
  for (guint i = 0; i < v->len; i++) {
    pair_entry *x = &g_array_index(v, pair_entry, i);
    if (x->agreement == pe.agreement && x->undated == pe.undated) {
      if (!pe.undated) { /* the same agreement through two routes: widen */
        x->first = MIN(x->first, pe.first);
        x->last = MAX(x->last, pe.last);
      }
      return;
    }
  }
  g_array_append_val(v, pe);
}

static void collect(engine *e) {
  long range_lo = (long)e->o->first * 10000 + 101, range_hi = (long)e->o->last * 10000 + 1231;
  size_t n = tr_catalog_agreement_count(e->catalog);
  GArray *parties = g_array_new(FALSE, FALSE, sizeof(party_entry));
  for (size_t ai = 0; ai < n; ai++) {
    const tr_agreement *ag = tr_catalog_agreement_at(e->catalog, ai);
    if (!counts_as_entered(tr_agreement_get_status(ag)) || tr_agreement_party_count(ag) < 2)
      continue;
    g_array_set_size(parties, 0);
    for (size_t pi = 0; pi < tr_agreement_party_count(ag); pi++) {
      const char *party = tr_agreement_party_at(ag, pi);
      const trp_bloc *bloc = trp_membership_find_bloc(e->membership, party);
      if (!bloc) {
        party_entry pe = { intern(e, party), (guint)pi, 0, 0, FALSE };
        interval_for(e, ag, NULL, party, &pe.lo, &pe.hi, &pe.undated);
        g_array_append_val(parties, pe);
        continue;
      }
      for (guint mi = 0; mi < bloc->members->len; mi++) {
        const trp_member *mb = &g_array_index(bloc->members, trp_member, mi);
        if (!mb->from_known)
          continue; /* membership unknown: never guessed */
        party_entry pe = { intern(e, mb->state), (guint)pi, 0, 0, FALSE };
        interval_for(e, ag, party, mb->state, &pe.lo, &pe.hi, &pe.undated);
        if (!pe.undated) {
          pe.lo = MAX(pe.lo, trp_date_first(&mb->from));
          pe.hi = MIN(pe.hi, mb->to_known ? trp_date_last(&mb->to) : OPEN_END);
          if (pe.lo > pe.hi)
            continue;
        } else if (trp_date_first(&mb->from) > range_hi ||
                   (mb->to_known && trp_date_last(&mb->to) < range_lo)) {
          continue;
        }
        g_array_append_val(parties, pe);
      }
    }
    for (guint x = 0; x < parties->len; x++) {
      const party_entry *p = &g_array_index(parties, party_entry, x);
      for (guint y = x + 1; y < parties->len; y++) {
        const party_entry *q = &g_array_index(parties, party_entry, y);
        if (p->side == q->side || p->state == q->state)
          continue;
        pair_entry pe = { (guint)ai, 0, 0, FALSE };
        if (p->undated || q->undated) {
          pe.undated = TRUE;
          add_pair(e, p->state, q->state, pe);
          continue;
        }
        long lo = MAX(p->lo, q->lo), hi = MIN(p->hi, q->hi);
        lo = MAX(lo, range_lo);
        hi = MIN(hi, range_hi);
        if (lo > hi)
          continue;
        pe.first = (int)(lo / 10000);
        pe.last = (int)(hi / 10000);
        add_pair(e, p->state, q->state, pe);
      }
    }
  }
  g_array_unref(parties);
}

typedef struct {
  guint i, j; /* row order: name(i), name(j) */
} out_pair;

static gint cmp_pairs(gconstpointer a, gconstpointer b, gpointer user) {
  const engine *e = user;
  const out_pair *x = a, *y = b;
  int c = strcmp(name_of(e, x->i), name_of(e, y->i));
  return c ? c : strcmp(name_of(e, x->j), name_of(e, y->j));
}

static void compute_row(const engine *e, const GArray *entries, tr_panel_row *row) {
  guint in_force[64];
  guint n_in = 0;
  GArray *more = NULL; /* more than 64 agreements in force between one pair: rare */
  g_string_truncate(row->agreements, 0);
  g_string_truncate(row->undated, 0);
  for (guint k = 0; entries && k < entries->len; k++) {
    const pair_entry *pe = &g_array_index(entries, pair_entry, k);
    const char *id = tr_agreement_get_id(tr_catalog_agreement_at(e->catalog, pe->agreement));
    if (pe->undated) {
      if (row->undated->len)
        g_string_append_c(row->undated, ';');
      g_string_append(row->undated, id);
    } else if (pe->first <= row->year && row->year <= pe->last) {
      if (n_in < G_N_ELEMENTS(in_force))
        in_force[n_in] = pe->agreement;
      else {
        if (!more)
          more = g_array_new(FALSE, FALSE, sizeof(guint));
        g_array_append_val(more, pe->agreement);
      }
      n_in++;
      if (row->agreements->len)
        g_string_append_c(row->agreements, ';');
      g_string_append(row->agreements, id);
    }
  }
#define IN_FORCE(k) ((k) < G_N_ELEMENTS(in_force) ? in_force[k] : g_array_index(more, guint, (k) - G_N_ELEMENTS(in_force)))
  row->n_agreements = n_in;
  for (size_t c = 0; c < row->ncat; c++) {
    GString *prov = row->providers[c];
    g_string_truncate(prov, 0);
    if (n_in == 0) {
      row->values[c] = 0;
      continue;
    }
    int best = 0, unknown = 0, count = 0;
    for (guint k = 0; k < n_in; k++) {
      int code = e->codes[(size_t)IN_FORCE(k) * e->ncat + c];
      if (code < 0)
        unknown = 1;
      else {
        best = MAX(best, code);
        count += code >= 1;
      }
    }
    for (guint k = 0; k < n_in; k++) {
      guint ai = IN_FORCE(k);
      int code = e->codes[(size_t)ai * e->ncat + c];
      gboolean provides = e->o->measure == TR_PANEL_STRENGTH ? (best >= 1 && code == best) : code >= 1;
      if (provides) {
        if (prov->len)
          g_string_append_c(prov, ';');
        g_string_append(prov, tr_agreement_get_id(tr_catalog_agreement_at(e->catalog, ai)));
      }
    }
    int value;
    switch (e->o->measure) {
    case TR_PANEL_BINARY: value = best >= 1 ? 1 : unknown ? -1 : 0; break;
    case TR_PANEL_COUNT: value = unknown ? -1 : count; break;
    default: value = (unknown && best < 3) ? -1 : best; break;
    }
    row->values[c] = value;
  }
#undef IN_FORCE
  if (more)
    g_array_unref(more);
}

GArray *trp_panel_categories(const tr_panel_options *o) {
  GArray *cats = g_array_new(FALSE, FALSE, sizeof(tr_category));
  if (o && o->categories->len)
    g_array_append_vals(cats, o->categories->data, o->categories->len);
  else
    for (int k = 1; k <= tr_category_count(); k++) {
      tr_category c = (tr_category)k;
      g_array_append_val(cats, c);
    }
  return cats;
}

int tr_panel_run(const tr_catalog *catalog, const tr_membership *membership, const tr_panel_options *options,
                 tr_panel_row_fn fn, void *user_data) {
  if (!catalog || !membership || !fn)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_panel_run: NULL argument");
  tr_panel_options *own = NULL;
  if (!options) {
    tr_panel_options_new(&own);
    options = own;
  }
  engine e = { catalog, membership, options, g_ptr_array_new_with_free_func(g_free),
               g_hash_table_new(g_str_hash, g_str_equal),
               g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)g_array_unref),
               NULL, 0, NULL };
  collect(&e);

  GArray *cats = trp_panel_categories(options);
  e.cats = (const tr_category *)cats->data;
  e.ncat = cats->len;
  size_t nag = tr_catalog_agreement_count(catalog);
  e.codes = g_new(signed char, nag * (e.ncat ? e.ncat : 1) + 1);
  for (size_t ai = 0; ai < nag; ai++) {
    const tr_agreement *ag = tr_catalog_agreement_at(catalog, ai);
    for (size_t c = 0; c < e.ncat; c++) {
      const tr_provision *p = tr_agreement_find_provision(ag, e.cats[c]);
      e.codes[ai * e.ncat + c] = (signed char)(p ? tr_csv_strength_code(tr_provision_get_strength(p)) : -1);
    }
  }

  /* Pairs of the output, in row order. */
  GArray *pairs = g_array_new(FALSE, FALSE, sizeof(out_pair));
  if (options->economies) {
    guint ne = options->economies->len;
    guint *idx = g_new(guint, ne);
    for (guint a = 0; a < ne; a++)
      idx[a] = intern(&e, g_ptr_array_index(options->economies, a));
    for (guint a = 0; a < ne; a++)
      for (guint b = options->directed ? 0 : a + 1; b < ne; b++)
        if (a != b) {
          out_pair p = { idx[a], idx[b] };
          g_array_append_val(pairs, p);
        }
    g_free(idx);
  } else {
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init(&it, e.pairs);
    while (g_hash_table_iter_next(&it, &k, NULL)) {
      guint64 key = *(guint64 *)k;
      out_pair p = { (guint)(key >> 32), (guint)(key & 0xffffffffu) };
      g_array_append_val(pairs, p);
      if (options->directed) {
        out_pair q = { p.j, p.i };
        g_array_append_val(pairs, q);
      }
    }
    g_array_sort_with_data(pairs, cmp_pairs, &e);
  }

  tr_panel_row row = { 0 };
  row.ncat = cats->len;
  row.cats = (const tr_category *)cats->data;
  row.values = g_new0(int, cats->len ? cats->len : 1);
  row.providers = g_new0(GString *, cats->len ? cats->len : 1);
  for (guint c = 0; c < cats->len; c++)
    row.providers[c] = g_string_new(NULL);
  row.agreements = g_string_new(NULL);
  row.undated = g_string_new(NULL);

  int rc = TR_OK;
  for (guint pi = 0; pi < pairs->len && rc == TR_OK; pi++) {
    const out_pair *p = &g_array_index(pairs, out_pair, pi);
    guint64 key = pair_key(&e, p->i, p->j);
    const GArray *entries = g_hash_table_lookup(e.pairs, &key);
    row.iso3_i = name_of(&e, p->i);
    row.iso3_j = name_of(&e, p->j);
    for (int y = options->first; y <= options->last && rc == TR_OK; y++) {
      row.year = y;
      compute_row(&e, entries, &row);
      rc = fn(&row, user_data);
    }
  }

  for (guint c = 0; c < cats->len; c++)
    g_string_free(row.providers[c], TRUE);
  g_free(row.providers);
  g_free(row.values);
  g_string_free(row.agreements, TRUE);
  g_string_free(row.undated, TRUE);
  g_array_unref(pairs);
  g_free(e.codes);
  g_array_unref(cats);
  g_hash_table_unref(e.pairs);
  g_hash_table_unref(e.index);
  g_ptr_array_unref(e.names);
  tr_panel_options_free(own);
  if (rc != TR_OK && tr_error_code() == TR_OK)
    tri_fail(rc < 0 ? rc : TR_ERR_INVALID_ARG, "the row callback stopped the panel (%d)", rc);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Row accessors                                                             */

const char *tr_panel_row_iso3_i(const tr_panel_row *r) { return r ? r->iso3_i : NULL; }
const char *tr_panel_row_iso3_j(const tr_panel_row *r) { return r ? r->iso3_j : NULL; }
int tr_panel_row_year(const tr_panel_row *r) { return r ? r->year : 0; }
size_t tr_panel_row_category_count(const tr_panel_row *r) { return r ? r->ncat : 0; }

tr_category tr_panel_row_category(const tr_panel_row *r, size_t k) {
  return (r && k < r->ncat) ? r->cats[k] : (tr_category)0;
}

int tr_panel_row_value(const tr_panel_row *r, size_t k) {
  return (r && k < r->ncat) ? r->values[k] : -1;
}

const char *tr_panel_row_providers(const tr_panel_row *r, size_t k) {
  return (r && k < r->ncat) ? r->providers[k]->str : NULL;
}

const char *tr_panel_row_agreements(const tr_panel_row *r) { return r ? r->agreements->str : NULL; }
size_t tr_panel_row_agreement_count(const tr_panel_row *r) { return r ? r->n_agreements : 0; }
const char *tr_panel_row_undated(const tr_panel_row *r) { return r ? r->undated->str : NULL; }
