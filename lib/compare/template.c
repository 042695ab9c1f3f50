/*
 * libtraderules - templates: per-category positions derived from member agreements.
 * SPDX-License-Identifier: MIT
 */
#include "compare/compare-private.h"

#include <string.h>

/* The built-in templates. Members are the in-force (or signed) agreements the
 * domain brief (§4.2, §4.3) lists as each family's template texts; negotiating
 * texts (TiSA, TTIP) are left out because they never bound anyone. */
static const char *const american_members[] = { "TPP", "CPTPP", "USMCA", "USJDTA", "KORUS", NULL };
static const char *const european_members[] = { "EU_KOR", "EU_JPN", "EU_UK", "EU_NZL", NULL };

static const struct {
  const char *name;
  const char *const *members;
  size_t count;
} builtins[] = {
  { "american", american_members, G_N_ELEMENTS(american_members) - 1 },
  { "european", european_members, G_N_ELEMENTS(european_members) - 1 },
};

static const char *const rule_ids[] = { "majority", "strongest", "weakest" };

const char *tr_template_rule_id(tr_template_rule rule) {
  if ((unsigned)rule >= G_N_ELEMENTS(rule_ids))
    return NULL;
  return rule_ids[rule];
}

int tr_template_rule_from_id(const char *id, tr_template_rule *out) {
  if (!id || !out)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_template_rule_from_id: NULL argument");
  for (size_t i = 0; i < G_N_ELEMENTS(rule_ids); i++)
    if (strcmp(id, rule_ids[i]) == 0) {
      *out = (tr_template_rule)i;
      return TR_OK;
    }
  return tr_fail(TR_ERR_NOT_FOUND, "unknown template rule '%s' (use majority, strongest or weakest)", id);
}

size_t tr_template_builtin_count(void) {
  return G_N_ELEMENTS(builtins);
}

const char *tr_template_builtin_name(size_t index) {
  return index < G_N_ELEMENTS(builtins) ? builtins[index].name : NULL;
}

const char *const *tr_template_builtin_members(const char *name, size_t *count) {
  for (size_t i = 0; name && i < G_N_ELEMENTS(builtins); i++)
    if (strcmp(name, builtins[i].name) == 0) {
      if (count)
        *count = builtins[i].count;
      return builtins[i].members;
    }
  if (count)
    *count = 0;
  return NULL;
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
  }
  g_free(tmpl->pos);
  for (guint i = 0; i < tmpl->nmembers; i++)
    g_free(tmpl->members[i]);
  g_free(tmpl->members);
  g_free(tmpl->member_years);
  g_free(tmpl->name);
  g_free(tmpl);
}

/* Derive a template from borrowed agreement pointers (non-empty, no duplicates). */
static tr_template *derive(const char *name, tr_template_kind kind, tr_template_rule rule,
                           const tr_agreement *const *members, guint n) {
  tr_template *t = g_new0(tr_template, 1);
  g_atomic_ref_count_init(&t->ref);
  t->name = g_strdup(name);
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
      k++;
    }
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
    return tr_fail(TR_ERR_INVALID_ARG, "tr_template_new_from_agreement: NULL argument");
  *out = derive(tr_agreement_get_id(agreement), TR_TEMPLATE_KIND_AGREEMENT,
                TR_TEMPLATE_RULE_MAJORITY, &agreement, 1);
  return TR_OK;
}

static int builtin(const tr_catalog *catalog, const char *name, int until, tr_template **out);

int tr_template_new_builtin(const tr_catalog *catalog, const char *name, tr_template **out) {
  if (!catalog || !name || !out)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_template_new_builtin: NULL argument");
  return builtin(catalog, name, 0, out);
}

int tr_template_new_builtin_until(const tr_catalog *catalog, const char *name, int year, tr_template **out) {
  if (!catalog || !name || !out)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_template_new_builtin_until: NULL argument");
  if (year <= 0)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_template_new_builtin_until: year must be > 0 (got %d)", year);
  return builtin(catalog, name, year, out);
}

static int builtin(const tr_catalog *catalog, const char *name, int until, tr_template **out) {
  size_t count = 0;
  const char *const *ids = tr_template_builtin_members(name, &count);
  if (!ids)
    return tr_fail(TR_ERR_NOT_FOUND, "no built-in template named '%s' (use american or european)", name);
  GPtrArray *found = g_ptr_array_new();
  for (size_t i = 0; i < count; i++) {
    const tr_agreement *a = tr_catalog_find_agreement(catalog, ids[i]);
    if (a && until > 0 && (tr_agreement_get_year(a) <= 0 || tr_agreement_get_year(a) > until))
      continue;
    if (a)
      g_ptr_array_add(found, (gpointer)a);
  }
  if (found->len == 0) {
    char *list = g_strjoinv(", ", (char **)ids);
    int rc = until > 0
      ? tr_fail(TR_ERR_EMPTY, "template '%s': none of its members (%s) signed by %d is in the catalog", name, list, until)
      : tr_fail(TR_ERR_EMPTY, "template '%s': none of its members (%s) is in the catalog", name, list);
    g_free(list);
    g_ptr_array_free(found, TRUE);
    return rc;
  }
  char *tname = until > 0 ? g_strdup_printf("%s@%d", name, until) : g_strdup(name);
  *out = derive(tname, TR_TEMPLATE_KIND_BUILTIN, TR_TEMPLATE_RULE_MAJORITY,
                (const tr_agreement *const *)found->pdata, found->len);
  g_free(tname);
  g_ptr_array_free(found, TRUE);
  return TR_OK;
}

static int check_rule(tr_template_rule rule) {
  if ((unsigned)rule > TR_TEMPLATE_RULE_WEAKEST)
    return tr_fail(TR_ERR_INVALID_ARG, "invalid template rule %d", (int)rule);
  return TR_OK;
}

int tr_template_new_from_ids(const tr_catalog *catalog, const char *name, const char *const *ids,
                             size_t count, tr_template_rule rule, tr_template **out) {
  if (!catalog || !name || (!ids && count) || !out)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_template_new_from_ids: NULL argument");
  int rc = check_rule(rule);
  if (rc)
    return rc;
  if (count == 0)
    return tr_fail(TR_ERR_EMPTY, "template '%s': no member agreements given", name);
  GPtrArray *found = g_ptr_array_new();
  for (size_t i = 0; i < count; i++) {
    const tr_agreement *a = ids[i] ? tr_catalog_find_agreement(catalog, ids[i]) : NULL;
    if (!a) {
      g_ptr_array_free(found, TRUE);
      return tr_fail(ids[i] ? TR_ERR_NOT_FOUND : TR_ERR_INVALID_ARG,
                     "template '%s': no agreement '%s' in the catalog", name, ids[i] ? ids[i] : "(null)");
    }
    gboolean dup = FALSE;
    for (guint k = 0; k < found->len; k++)
      dup = dup || g_ptr_array_index(found, k) == a;
    if (!dup)
      g_ptr_array_add(found, (gpointer)a);
  }
  *out = derive(name, TR_TEMPLATE_KIND_USER, rule, (const tr_agreement *const *)found->pdata, found->len);
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
    return tr_fail(TR_ERR_EMPTY, n ? "no agreement matches the selection" : "the catalog has no agreements");
  }
  *out = sel;
  return TR_OK;
}

int tr_template_new_from_filter(const tr_catalog *catalog, const char *name, const tr_filter *filter,
                                tr_template_rule rule, tr_template **out) {
  if (!catalog || !name || !out)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_template_new_from_filter: NULL argument");
  int rc = check_rule(rule);
  if (rc)
    return rc;
  GPtrArray *sel = NULL;
  rc = trc_select(catalog, filter, &sel);
  if (rc)
    return tr_fail(rc, "template '%s': no agreement matches the selection", name);
  *out = derive(name, TR_TEMPLATE_KIND_USER, rule, (const tr_agreement *const *)sel->pdata, sel->len);
  g_ptr_array_free(sel, TRUE);
  return TR_OK;
}

int tr_template_resolve(const tr_catalog *catalog, const char *name, tr_template **out) {
  if (!catalog || !name || !out)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_template_resolve: NULL argument");
  if (tr_template_builtin_members(name, NULL))
    return tr_template_new_builtin(catalog, name, out);
  const tr_agreement *a = tr_catalog_find_agreement(catalog, name);
  if (!a)
    return tr_fail(TR_ERR_NOT_FOUND, "no agreement or template named '%s'", name);
  return tr_template_new_from_agreement(a, out);
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
    return tr_fail(TR_ERR_INVALID_ARG, "tr_template_citations: NULL argument");
  const trc_position *p = trc_template_position(tmpl, category);
  if (!p)
    return tr_fail(TR_ERR_INVALID_ARG, "tr_template_citations: invalid category %d", (int)category);
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
