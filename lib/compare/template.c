/*
 * libtraderules - templates: per-category positions derived from member agreements.
 * SPDX-License-Identifier: MIT
 */
#include "compare/compare-private.h"

#include <string.h>

/*
 * The built-in templates are rules over catalog data, not lists of ids (see
 * docs/compare.md "Built-in templates"). A member of template NAME is an
 * agreement that
 *   - belongs to the family (american, european),
 *   - has the family's leader among its parties (USA, EU): the template is
 *     what the leader signed, so CPTPP (TPP without the US) is not American,
 *   - is a concluded treaty: kind bilateral, regional or plurilateral (not a
 *     negotiating text, not a WTO instrument),
 *   - has a known signature year in the view's window,
 *   - does not amend another selected agreement (based_on names none of them),
 *     so a protocol does not give its parent a second vote.
 * Views: the current one (bare NAME) starts with the family's current model;
 * NAME@YEAR holds everything from the family's first e-commerce chapter
 * signed up to YEAR (NAME@2016 is the seed paper's time).
 */
typedef struct {
  const char *name;
  tr_family family;
  const char *leader;
  int first_year;          /* the family's first e-commerce chapter */
  const char *first_what;
  int current_year;        /* the family's current model */
  const char *current_what;
} builtin_def;

static const builtin_def builtins[] = {
  { "american", TR_FAMILY_AMERICAN, "USA",
    2003, "US-Singapore FTA Chapter 14, the first US e-commerce chapter",
    2016, "TPP, the first US agreement with binding data-flow and localisation rules" },
  { "european", TR_FAMILY_EUROPEAN, "EU",
    2008, "EU-CARIFORUM EPA Title IV Chapter 6, the first EU e-commerce chapter",
    2018, "EU-Japan EPA, the first EU agreement after the Commission's 2018 horizontal data-flow and data-protection clauses" },
};

/* The year of the seed paper's view (american@2016, european@2016). */
#define SEED_PAPER_YEAR 2016

static const builtin_def *find_builtin(const char *name) {
  for (size_t i = 0; name && i < G_N_ELEMENTS(builtins); i++)
    if (strcmp(name, builtins[i].name) == 0)
      return &builtins[i];
  return NULL;
}

static const char *const rule_ids[] = { "majority", "strongest", "weakest" };

const char *tr_template_rule_id(tr_template_rule rule) {
  if ((unsigned)rule >= G_N_ELEMENTS(rule_ids))
    return NULL;
  return rule_ids[rule];
}

int tr_template_rule_from_id(const char *id, tr_template_rule *out) {
  if (!id || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_template_rule_from_id: NULL argument");
  for (size_t i = 0; i < G_N_ELEMENTS(rule_ids); i++)
    if (strcmp(id, rule_ids[i]) == 0) {
      *out = (tr_template_rule)i;
      return TR_OK;
    }
  return tri_fail(TR_ERR_NOT_FOUND, "unknown template rule '%s' (use majority, strongest or weakest)", id);
}

size_t tr_template_builtin_count(void) {
  return G_N_ELEMENTS(builtins);
}

const char *tr_template_builtin_name(size_t index) {
  return index < G_N_ELEMENTS(builtins) ? builtins[index].name : NULL;
}

/* Deprecated: membership is a rule over the catalog, so there is no static
 * list; known names give an empty list (see compare.h). */
const char *const *tr_template_builtin_members(const char *name, size_t *count) {
  static const char *const none[] = { NULL };
  if (count)
    *count = 0;
  return find_builtin(name) ? none : NULL;
}

tr_strength trc_effective_strength(const tr_provision *p) {
  if (!p)
    return TR_STRENGTH_UNKNOWN;
  tr_strength s = tr_provision_get_strength(p);
  if (s != TR_STRENGTH_UNKNOWN && (tr_provision_get_flags(p) & TR_PROVISION_SUSPENDED))
    return TR_STRENGTH_NONE;
  return s;
}

tr_template *trc_template_ref(const tr_template *tmpl) {
  tr_template *t = (tr_template *)tmpl;
  g_atomic_ref_count_inc(&t->ref);
  return t;
}

const trc_position *trc_template_position(const tr_template *tmpl, tr_category category) {
  if (!tmpl || (int)category < 1 || (int)category > tmpl->ncat)
    return NULL;
  return &tmpl->pos[category - 1];
}

void tr_template_free(tr_template *tmpl) {
  if (!tmpl || !g_atomic_ref_count_dec(&tmpl->ref))
    return;
  for (int c = 0; c < tmpl->ncat; c++) {
    trc_position *p = &tmpl->pos[c];
    for (guint k = 0; k < p->nsupport; k++) {
      g_free(p->support_ids[k]);
      g_free(p->support_cites[k]);
    }
    g_free(p->support_ids);
    g_free(p->support_cites);
    trc_scope_clear(&p->scope);
  }
  g_free(tmpl->pos);
  for (guint i = 0; i < tmpl->nmembers; i++)
    g_free(tmpl->members[i]);
  g_free(tmpl->members);
  g_free(tmpl->member_years);
  g_free(tmpl->name);
  g_free(tmpl->selection);
  g_free(tmpl);
}

/* Derive a template from borrowed agreement pointers (non-empty, no duplicates). */
static tr_template *derive(const char *name, const char *selection, tr_template_kind kind,
                           tr_template_rule rule, const tr_agreement *const *members, guint n) {
  tr_template *t = g_new0(tr_template, 1);
  g_atomic_ref_count_init(&t->ref);
  t->name = g_strdup(name);
  t->selection = g_strdup(selection);
  t->kind = kind;
  t->rule = rule;
  t->nmembers = n;
  t->members = g_new0(char *, n + 1);
  t->member_years = g_new0(int, n);
  for (guint i = 0; i < n; i++) {
    t->members[i] = g_strdup(tr_agreement_get_id(members[i]));
    t->member_years[i] = tr_agreement_get_year(members[i]);
  }
  t->ncat = tr_category_count();
  t->pos = g_new0(trc_position, t->ncat);
  tr_strength *eff = g_new(tr_strength, n);
  const tr_provision **prov = g_new(const tr_provision *, n);
  for (int c = 1; c <= t->ncat; c++) {
    trc_position *p = &t->pos[c - 1];
    guint votes[TR_STRENGTH_HARD + 1] = { 0 };
    for (guint i = 0; i < n; i++) {
      prov[i] = tr_agreement_find_provision(members[i], (tr_category)c);
      eff[i] = trc_effective_strength(prov[i]);
      if (eff[i] != TR_STRENGTH_UNKNOWN) {
        votes[eff[i]]++;
        p->coded++;
      }
    }
    p->strength = TR_STRENGTH_UNKNOWN;
    if (p->coded == 0)
      continue;
    switch (rule) {
    case TR_TEMPLATE_RULE_STRONGEST:
      for (int s = TR_STRENGTH_HARD; s >= TR_STRENGTH_NONE; s--)
        if (votes[s]) { p->strength = (tr_strength)s; break; }
      break;
    case TR_TEMPLATE_RULE_WEAKEST:
      for (int s = TR_STRENGTH_NONE; s <= TR_STRENGTH_HARD; s++)
        if (votes[s]) { p->strength = (tr_strength)s; break; }
      break;
    case TR_TEMPLATE_RULE_MAJORITY:
    default: {
      guint best = 0;
      for (int s = TR_STRENGTH_HARD; s >= TR_STRENGTH_NONE; s--) /* ties go to the stronger */
        if (votes[s] > best) { best = votes[s]; p->strength = (tr_strength)s; }
      break;
    }
    }
    p->nsupport = votes[p->strength];
    p->support_ids = g_new0(char *, p->nsupport);
    p->support_cites = g_new0(char *, p->nsupport);
    guint k = 0;
    guint exc_votes[32] = { 0 };
    const tr_provision **sup = g_new(const tr_provision *, p->nsupport ? p->nsupport : 1);
    for (guint i = 0; i < n; i++) {
      if (eff[i] != p->strength)
        continue;
      p->support_ids[k] = g_strdup(tr_agreement_get_id(members[i]));
      p->support_cites[k] = g_strdup(tr_provision_get_citation(prov[i]));
      unsigned int e = tr_provision_get_exceptions(prov[i]);
      for (int b = 0; b < 32; b++)
        if (e & (1u << b))
          exc_votes[b]++;
      p->flags |= tr_provision_get_flags(prov[i]);
      sup[k] = prov[i];
      k++;
    }
    trc_scope_build(&p->scope, sup, p->nsupport);
    g_free(sup);
    for (int b = 0; b < 32; b++)
      if (exc_votes[b] && 2 * exc_votes[b] >= p->nsupport)
        p->exceptions |= 1u << b;
  }
  g_free(eff);
  g_free(prov);
  return t;
}

int tr_template_new_from_agreement(const tr_agreement *agreement, tr_template **out) {
  if (!agreement || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_template_new_from_agreement: NULL argument");
  char *sel = g_strdup_printf("agreement %s", tr_agreement_get_id(agreement));
  *out = derive(tr_agreement_get_id(agreement), sel, TR_TEMPLATE_KIND_AGREEMENT,
                TR_TEMPLATE_RULE_MAJORITY, &agreement, 1);
  g_free(sel);
  return TR_OK;
}

static int builtin(const tr_catalog *catalog, const char *name, int until, tr_template **out);

int tr_template_new_builtin(const tr_catalog *catalog, const char *name, tr_template **out) {
  if (!catalog || !name || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_template_new_builtin: NULL argument");
  return builtin(catalog, name, 0, out);
}

int tr_template_new_builtin_until(const tr_catalog *catalog, const char *name, int year, tr_template **out) {
  if (!catalog || !name || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_template_new_builtin_until: NULL argument");
  if (year <= 0)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_template_new_builtin_until: year must be > 0 (got %d)", year);
  return builtin(catalog, name, year, out);
}

static gboolean builtin_candidate(const builtin_def *def, const tr_agreement *a, int from, int until) {
  tr_kind k = tr_agreement_get_kind(a);
  int y = tr_agreement_get_year(a);
  return tr_agreement_get_family(a) == def->family && tr_agreement_has_party(a, def->leader) &&
         (k == TR_KIND_BILATERAL || k == TR_KIND_REGIONAL || k == TR_KIND_PLURILATERAL) && y > 0 &&
         y >= from && (until <= 0 || y <= until);
}

static int builtin(const tr_catalog *catalog, const char *name, int until, tr_template **out) {
  const builtin_def *def = find_builtin(name);
  if (!def)
    return tri_fail(TR_ERR_NOT_FOUND, "no built-in template named '%s' (use american or european)", name);
  int from = until > 0 ? def->first_year : def->current_year;
  GPtrArray *cand = g_ptr_array_new();
  size_t n = tr_catalog_agreement_count(catalog);
  for (size_t i = 0; i < n; i++) {
    const tr_agreement *a = tr_catalog_agreement_at(catalog, i);
    if (builtin_candidate(def, a, from, until))
      g_ptr_array_add(cand, (gpointer)a);
  }
  GPtrArray *found = g_ptr_array_new();
  for (guint i = 0; i < cand->len; i++) {
    const tr_agreement *a = g_ptr_array_index(cand, i);
    const char *parent = tr_agreement_get_based_on(a);
    gboolean amends = FALSE;
    for (guint k = 0; parent && k < cand->len && !amends; k++)
      amends = k != i && strcmp(parent, tr_agreement_get_id(g_ptr_array_index(cand, k))) == 0;
    if (!amends)
      g_ptr_array_add(found, (gpointer)a);
  }
  g_ptr_array_free(cand, TRUE);
  char *window = until > 0 ? g_strdup_printf("%d-%d (from %s)", from, until, def->first_what)
                           : g_strdup_printf("%d or later (from %s)", from, def->current_what);
  char *sel = g_strdup_printf("%s view: family %s, %s a party, bilateral/regional/plurilateral, signed %s; "
                              "amendments of a member left out",
                              until > 0 ? (until == SEED_PAPER_YEAR ? "dated (the seed paper's)" : "dated") : "current",
                              name, def->leader, window);
  int rc = TR_OK;
  if (found->len == 0) {
    char ybuf[16] = "";
    if (until > 0)
      g_snprintf(ybuf, sizeof ybuf, "@%d", until);
    rc = tri_fail(TR_ERR_EMPTY, "template '%s%s': no agreement in the catalog matches its rule (%s)", name, ybuf, sel);
  } else {
    char *tname = until > 0 ? g_strdup_printf("%s@%d", name, until) : g_strdup(name);
    *out = derive(tname, sel, TR_TEMPLATE_KIND_BUILTIN, TR_TEMPLATE_RULE_MAJORITY,
                  (const tr_agreement *const *)found->pdata, found->len);
    g_free(tname);
  }
  g_free(window);
  g_free(sel);
  g_ptr_array_free(found, TRUE);
  return rc;
}

static int check_rule(tr_template_rule rule) {
  if ((unsigned)rule > TR_TEMPLATE_RULE_WEAKEST)
    return tri_fail(TR_ERR_INVALID_ARG, "invalid template rule %d", (int)rule);
  return TR_OK;
}

static char *rule_selection(const char *what, tr_template_rule rule) {
  return g_strdup_printf("user-defined: %s, rule %s", what, tr_template_rule_id(rule));
}

static int from_ids(const tr_catalog *catalog, const char *name, const char *selection, const char *const *ids,
                    size_t count, tr_template_rule rule, tr_template **out);

int tr_template_new_from_ids(const tr_catalog *catalog, const char *name, const char *const *ids,
                             size_t count, tr_template_rule rule, tr_template **out) {
  if (!catalog || !name || (!ids && count) || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_template_new_from_ids: NULL argument");
  return from_ids(catalog, name, NULL, ids, count, rule, out);
}

static int from_ids(const tr_catalog *catalog, const char *name, const char *selection, const char *const *ids,
                    size_t count, tr_template_rule rule, tr_template **out) {
  int rc = check_rule(rule);
  if (rc)
    return rc;
  if (count == 0)
    return tri_fail(TR_ERR_EMPTY, "template '%s': no member agreements given", name);
  GPtrArray *found = g_ptr_array_new();
  for (size_t i = 0; i < count; i++) {
    const tr_agreement *a = ids[i] ? tr_catalog_find_agreement(catalog, ids[i]) : NULL;
    if (!a) {
      g_ptr_array_free(found, TRUE);
      return tri_fail(ids[i] ? TR_ERR_NOT_FOUND : TR_ERR_INVALID_ARG,
                     "template '%s': no agreement '%s' in the catalog", name, ids[i] ? ids[i] : "(null)");
    }
    gboolean dup = FALSE;
    for (guint k = 0; k < found->len; k++)
      dup = dup || g_ptr_array_index(found, k) == a;
    if (!dup)
      g_ptr_array_add(found, (gpointer)a);
  }
  char *sel = NULL;
  if (!selection) {
    GString *list = g_string_new("ids=");
    for (guint k = 0; k < found->len; k++)
      g_string_append_printf(list, "%s%s", k ? "," : "", tr_agreement_get_id(g_ptr_array_index(found, k)));
    sel = rule_selection(list->str, rule);
    g_string_free(list, TRUE);
  }
  *out = derive(name, selection ? selection : sel, TR_TEMPLATE_KIND_USER, rule,
                (const tr_agreement *const *)found->pdata, found->len);
  g_free(sel);
  g_ptr_array_free(found, TRUE);
  return TR_OK;
}

int trc_select(const tr_catalog *catalog, const tr_filter *filter, GPtrArray **out) {
  size_t n = tr_catalog_agreement_count(catalog);
  GPtrArray *sel = g_ptr_array_new();
  for (size_t i = 0; i < n; i++) {
    const tr_agreement *a = tr_catalog_agreement_at(catalog, i);
    if (!filter || tr_filter_matches(filter, a))
      g_ptr_array_add(sel, (gpointer)a);
  }
  if (sel->len == 0) {
    g_ptr_array_free(sel, TRUE);
    return tri_fail(TR_ERR_EMPTY, n ? "no agreement matches the selection" : "the catalog has no agreements");
  }
  *out = sel;
  return TR_OK;
}

static int from_filter(const tr_catalog *catalog, const char *name, const char *selection,
                       const tr_filter *filter, tr_template_rule rule, tr_template **out);

int tr_template_new_from_filter(const tr_catalog *catalog, const char *name, const tr_filter *filter,
                                tr_template_rule rule, tr_template **out) {
  if (!catalog || !name || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_template_new_from_filter: NULL argument");
  return from_filter(catalog, name, NULL, filter, rule, out);
}

static int from_filter(const tr_catalog *catalog, const char *name, const char *selection,
                       const tr_filter *filter, tr_template_rule rule, tr_template **out) {
  int rc = check_rule(rule);
  if (rc)
    return rc;
  GPtrArray *sel = NULL;
  rc = trc_select(catalog, filter, &sel);
  if (rc)
    return tri_fail(rc, "template '%s': no agreement matches the selection", name);
  char *desc = selection ? NULL : rule_selection(filter ? "a filter" : "the whole catalog", rule);
  *out = derive(name, selection ? selection : desc, TR_TEMPLATE_KIND_USER, rule,
                (const tr_agreement *const *)sel->pdata, sel->len);
  g_free(desc);
  g_ptr_array_free(sel, TRUE);
  return TR_OK;
}

/* ---- the template grammar (docs/compare.md "Template specifications") ---- */

/* A decimal integer in [lo, hi], the whole string. */
static gboolean parse_int_range(const char *s, int lo, int hi, int *out) {
  if (!s || !*s)
    return FALSE;
  gint64 v = 0;
  for (const char *p = s; *p; p++) {
    if (*p < '0' || *p > '9' || v > hi)
      return FALSE;
    v = v * 10 + (*p - '0');
  }
  if (v < lo || v > hi)
    return FALSE;
  *out = (int)v;
  return TRUE;
}

/* "FROM-TO", "FROM-", "-TO" or "YEAR" (1..9999), from <= to: the library's one
 * year-range parser (tr_year_range_parse()), its message prefixed with the template. */
static int parse_years(const char *spec, const char *v, int *from, int *to) {
  if (tr_year_range_parse(v, from, to) == TR_OK)
    return TR_OK;
  char *msg = g_strdup(tr_error_message());
  int rc = tri_fail(TR_ERR_INVALID_ARG, "template '%s': years %s", spec, msg);
  g_free(msg);
  return rc;
}

static int resolve_keyed(const tr_catalog *catalog, const char *spec, tr_template **out) {
  static const char *const keys[] = { "ids", "family", "party", "years", "rule", "name" };
  const char *val[G_N_ELEMENTS(keys)] = { 0 };
  char **parts = g_strsplit(spec, "+", -1);
  int rc = TR_OK;
  for (char **p = parts; *p && !rc; p++) {
    char *eq = strchr(*p, '=');
    if (!eq || eq == *p) {
      rc = tri_fail(TR_ERR_INVALID_ARG, "template '%s': expected key=value, got '%s'", spec, *p);
      break;
    }
    *eq = '\0';
    size_t k = 0;
    while (k < G_N_ELEMENTS(keys) && strcmp(*p, keys[k]) != 0)
      k++;
    if (k == G_N_ELEMENTS(keys))
      rc = tri_fail(TR_ERR_INVALID_ARG, "template '%s': unknown key '%s' (ids, family, party, years, rule, name)",
                   spec, *p);
    else if (val[k])
      rc = tri_fail(TR_ERR_INVALID_ARG, "template '%s': key '%s' given twice", spec, *p);
    else if (!eq[1])
      rc = tri_fail(TR_ERR_INVALID_ARG, "template '%s': key '%s' has no value", spec, *p);
    else
      val[k] = eq + 1;
  }
  const char *ids = val[0], *family = val[1], *party = val[2], *years = val[3], *rule_s = val[4], *label = val[5];
  tr_template_rule rule = TR_TEMPLATE_RULE_MAJORITY;
  if (!rc && rule_s && tr_template_rule_from_id(rule_s, &rule))
    rc = tri_fail(TR_ERR_INVALID_ARG, "template '%s': unknown rule '%s' (majority, strongest, weakest)", spec, rule_s);
  if (!rc && ids && (family || party || years))
    rc = tri_fail(TR_ERR_INVALID_ARG, "template '%s': use either ids= or family/party/years, not both", spec);
  if (!rc && !ids && !family && !party && !years)
    rc = tri_fail(TR_ERR_INVALID_ARG, "template '%s': needs ids= or at least one of family, party, years", spec);
  char *sel = NULL;
  if (!rc) {
    GString *what = g_string_new(NULL);
    for (size_t k = 0; k < 4; k++)
      if (val[k])
        g_string_append_printf(what, "%s%s=%s", what->len ? "+" : "", keys[k], val[k]);
    sel = rule_selection(what->str, rule);
    g_string_free(what, TRUE);
  }
  const char *name = label ? label : spec;
  if (!rc && ids) {
    char **list = g_strsplit(ids, ",", -1);
    for (char **p = list; *p && !rc; p++)
      if (!**p)
        rc = tri_fail(TR_ERR_INVALID_ARG, "template '%s': empty agreement id in ids=%s", spec, ids);
    if (!rc)
      rc = from_ids(catalog, name, sel, (const char *const *)list, g_strv_length(list), rule, out);
    g_strfreev(list);
  } else if (!rc) {
    tr_filter *f = NULL;
    rc = tr_filter_new(&f);
    if (!rc && family) {
      tr_family fam;
      if (tr_family_from_id(family, &fam) || fam == TR_FAMILY_UNKNOWN)
        rc = tri_fail(TR_ERR_INVALID_ARG, "template '%s': unknown family '%s' (american, european, multilateral, other)",
                     spec, family);
      else
        rc = tr_filter_set_family(f, fam);
    }
    if (!rc && party && tr_filter_set_party(f, party))
      rc = tri_fail(tr_error_code(), "template '%s': %s", spec, tr_error_message());
    int y0 = 0, y1 = 0;
    if (!rc && years && !(rc = parse_years(spec, years, &y0, &y1)) && tr_filter_set_years(f, y0, y1))
      rc = tri_fail(tr_error_code(), "template '%s': %s", spec, tr_error_message());
    if (!rc)
      rc = from_filter(catalog, name, sel, f, rule, out);
    tr_filter_free(f);
  }
  g_free(sel);
  g_strfreev(parts);
  return rc;
}

int tr_template_resolve(const tr_catalog *catalog, const char *name, tr_template **out) {
  if (!catalog || !name || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_template_resolve: NULL argument");
  *out = NULL;
  if (!*name)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_template_resolve: empty template specification");
  if (strchr(name, '='))
    return resolve_keyed(catalog, name, out);
  const char *at = strchr(name, '@');
  if (at) {
    char *base = g_strndup(name, (gsize)(at - name));
    int year = 0, rc;
    if (!find_builtin(base))
      rc = tri_fail(TR_ERR_NOT_FOUND, "template '%s': '%s' is not a built-in template (NAME@YEAR takes american or european)",
                   name, base);
    else if (!parse_int_range(at + 1, 1, 9999, &year))
      rc = tri_fail(TR_ERR_INVALID_ARG, "template '%s': expected NAME@YEAR with YEAR in 1-9999", name);
    else
      rc = builtin(catalog, base, year, out);
    g_free(base);
    return rc;
  }
  if (find_builtin(name))
    return builtin(catalog, name, 0, out);
  const tr_agreement *a = tr_catalog_find_agreement(catalog, name);
  if (!a)
    return tri_fail(TR_ERR_NOT_FOUND, "no agreement or template named '%s'", name);
  return tr_template_new_from_agreement(a, out);
}

int tr_template_seed_paper_year(void) {
  return SEED_PAPER_YEAR;
}

const char *tr_template_get_selection(const tr_template *tmpl) {
  return tmpl ? tmpl->selection : NULL;
}

const char *tr_template_get_name(const tr_template *tmpl) {
  return tmpl ? tmpl->name : NULL;
}

tr_template_kind tr_template_get_kind(const tr_template *tmpl) {
  return tmpl ? tmpl->kind : TR_TEMPLATE_KIND_AGREEMENT;
}

tr_template_rule tr_template_get_rule(const tr_template *tmpl) {
  return tmpl ? tmpl->rule : TR_TEMPLATE_RULE_MAJORITY;
}

size_t tr_template_member_count(const tr_template *tmpl) {
  return tmpl ? tmpl->nmembers : 0;
}

const char *tr_template_member_at(const tr_template *tmpl, size_t index) {
  return tmpl && index < tmpl->nmembers ? tmpl->members[index] : NULL;
}

int tr_template_member_year(const tr_template *tmpl, size_t index) {
  return tmpl && index < tmpl->nmembers ? tmpl->member_years[index] : 0;
}

tr_strength tr_template_get_strength(const tr_template *tmpl, tr_category category) {
  const trc_position *p = trc_template_position(tmpl, category);
  return p ? p->strength : TR_STRENGTH_UNKNOWN;
}

unsigned int tr_template_get_exceptions(const tr_template *tmpl, tr_category category) {
  const trc_position *p = trc_template_position(tmpl, category);
  return p ? p->exceptions : 0;
}

unsigned int tr_template_get_flags(const tr_template *tmpl, tr_category category) {
  const trc_position *p = trc_template_position(tmpl, category);
  return p ? p->flags : 0;
}

size_t tr_template_coded_count(const tr_template *tmpl, tr_category category) {
  const trc_position *p = trc_template_position(tmpl, category);
  return p ? p->coded : 0;
}

size_t tr_template_support_count(const tr_template *tmpl, tr_category category) {
  const trc_position *p = trc_template_position(tmpl, category);
  return p ? p->nsupport : 0;
}

const char *tr_template_support_agreement(const tr_template *tmpl, tr_category category, size_t index) {
  const trc_position *p = trc_template_position(tmpl, category);
  return p && index < p->nsupport ? p->support_ids[index] : NULL;
}

const char *tr_template_support_citation(const tr_template *tmpl, tr_category category, size_t index) {
  const trc_position *p = trc_template_position(tmpl, category);
  return p && index < p->nsupport ? p->support_cites[index] : NULL;
}

int tr_template_citations(const tr_template *tmpl, tr_category category, char **out) {
  if (!tmpl || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_template_citations: NULL argument");
  const trc_position *p = trc_template_position(tmpl, category);
  if (!p)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_template_citations: invalid category %d", (int)category);
  GString *s = g_string_new(NULL);
  for (guint k = 0; k < p->nsupport; k++) {
    const char *cite = p->support_cites[k];
    if (tmpl->kind == TR_TEMPLATE_KIND_AGREEMENT) {
      if (cite)
        g_string_append(s, cite);
      continue;
    }
    if (s->len)
      g_string_append(s, "; ");
    g_string_append(s, p->support_ids[k]);
    if (cite) {
      g_string_append_c(s, ' ');
      g_string_append(s, cite);
    }
  }
  *out = g_string_free(s, FALSE); /* tr_free() is g_free() */
  return TR_OK;
}
