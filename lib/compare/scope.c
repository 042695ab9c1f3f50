/*
 * libtraderules - the scope of carve-outs: how two positions' exceptions differ
 * (breadth, form, what is incorporated, self-judging, chapters covered).
 * SPDX-License-Identifier: MIT
 */
#include "compare/compare-private.h"

#include <string.h>

static const char *const aspect_ids[] = { "exceptions", "breadth", "form", "incorporates",
                                          "self_judging", "chapters", "scope_unknown" };

const char *tr_carveout_aspect_id(tr_carveout_aspect aspect) {
  for (size_t i = 0; i < G_N_ELEMENTS(aspect_ids); i++)
    if ((unsigned int)aspect == 1u << i)
      return aspect_ids[i];
  return NULL;
}

/* ---- building a position's scope ---------------------------------------- */

static void add_unique(GPtrArray *a, const char *s) {
  for (guint i = 0; i < a->len; i++)
    if (strcmp(g_ptr_array_index(a, i), s) == 0)
      return;
  g_ptr_array_add(a, g_strdup(s));
}

static gint cmp_str(gconstpointer a, gconstpointer b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **to_strv(GPtrArray *a) {
  g_ptr_array_sort(a, cmp_str);
  g_ptr_array_add(a, NULL);
  return (char **)g_ptr_array_free(a, FALSE);
}

void trc_scope_build(trc_scope *s, const tr_provision *const *supporters, guint n) {
  memset(s, 0, sizeof *s);
  GPtrArray *inc = g_ptr_array_new(), *ch = g_ptr_array_new();
  for (guint i = 0; i < n; i++) {
    const tr_exception_scope *x = tr_provision_get_exception_scope(supporters[i]);
    if (!x)
      continue;
    s->nscoped++;
    s->breadth |= 1u << (unsigned int)tr_exception_scope_get_breadth(x);
    s->form |= 1u << (unsigned int)tr_exception_scope_get_form(x);
    s->self_judging += tr_exception_scope_get_self_judging(x) ? 1 : 0;
    for (size_t k = 0; k < tr_exception_scope_incorporates_count(x); k++)
      add_unique(inc, tr_exception_scope_incorporates_at(x, k));
    for (size_t k = 0; k < tr_exception_scope_chapter_count(x); k++)
      add_unique(ch, tr_exception_scope_chapter_at(x, k));
  }
  s->incorporates = to_strv(inc);
  s->chapters = to_strv(ch);
}

void trc_scope_clear(trc_scope *s) {
  g_strfreev(s->incorporates);
  g_strfreev(s->chapters);
  memset(s, 0, sizeof *s);
}

/* ---- comparing two positions -------------------------------------------- */

static gboolean is_exception_category(int category) {
  return category == TR_CATEGORY_GENERAL_EXCEPTIONS || category == TR_CATEGORY_SECURITY_EXCEPTION ||
         category == TR_CATEGORY_PRIVACY_DATA_PROTECTION_CARVEOUT ||
         category == TR_CATEGORY_AUDIOVISUAL_CULTURAL_EXCEPTION;
}

/* 0 none, 1 some, 2 all of the scoped supporters are self-judging. */
static int self_judging_state(const trc_scope *s) {
  return s->self_judging == 0 ? 0 : s->self_judging < s->nscoped ? 1 : 2;
}

static gboolean strv_equal(char **a, char **b) {
  guint na = a ? g_strv_length(a) : 0, nb = b ? g_strv_length(b) : 0;
  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (strcmp(a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

unsigned int trc_carveout_aspects(const trc_position *a, const trc_position *b, int category) {
  if (trc_level(a->strength) < 1 || trc_level(b->strength) < 1)
    return 0;
  unsigned int r = 0;
  if (a->exceptions != b->exceptions)
    r |= TR_CARVEOUT_EXCEPTIONS;
  const trc_scope *sa = &a->scope, *sb = &b->scope;
  if (sa->nscoped && sb->nscoped) {
    if (sa->breadth != sb->breadth)
      r |= TR_CARVEOUT_BREADTH;
    if (sa->form != sb->form)
      r |= TR_CARVEOUT_FORM;
    if (!strv_equal(sa->incorporates, sb->incorporates))
      r |= TR_CARVEOUT_INCORPORATES;
    if (self_judging_state(sa) != self_judging_state(sb))
      r |= TR_CARVEOUT_SELF_JUDGING;
    if (!strv_equal(sa->chapters, sb->chapters))
      r |= TR_CARVEOUT_CHAPTERS;
  } else if (sa->nscoped || sb->nscoped || is_exception_category(category) || a->exceptions || b->exceptions) {
    r |= TR_CARVEOUT_SCOPE_UNKNOWN;
  }
  return r;
}

/* ---- words ---------------------------------------------------------------- */

static void append_mask(GString *s, unsigned int mask, const char *(*id)(int)) {
  gboolean first = TRUE;
  for (int v = 1; v < 8; v++)
    if (mask & (1u << v)) {
      g_string_append_printf(s, "%s%s", first ? "" : "/", id(v) ? id(v) : "?");
      first = FALSE;
    }
}

static const char *breadth_id(int v) {
  return tr_scope_breadth_id((tr_scope_breadth)v);
}

static const char *form_id(int v) {
  return tr_scope_form_id((tr_scope_form)v);
}

void trc_scope_describe(const trc_position *p, GString *s) {
  const trc_scope *x = &p->scope;
  if (!x->nscoped) {
    g_string_append(s, "scope not recorded");
    return;
  }
  append_mask(s, x->breadth, breadth_id);
  g_string_append(s, ", ");
  append_mask(s, x->form, form_id);
  if (x->incorporates && x->incorporates[0]) {
    char *j = g_strjoinv(", ", x->incorporates);
    g_string_append_printf(s, " (%s)", j);
    g_free(j);
  }
  int sj = self_judging_state(x);
  g_string_append(s, sj == 2 ? ", self-judging" : sj == 1 ? ", self-judging for some members" : ", not self-judging");
  if (x->chapters && x->chapters[0]) {
    char *j = g_strjoinv(", ", x->chapters);
    g_string_append_printf(s, "; chapters: %s", j);
    g_free(j);
  }
  if (x->nscoped < p->nsupport)
    g_string_append_printf(s, " [scope recorded for %u of %u supporting members]", x->nscoped, p->nsupport);
}

static void append_exceptions(GString *s, unsigned int e) {
  if (!e) {
    g_string_append(s, "none");
    return;
  }
  gboolean first = TRUE;
  for (int b = 0; b < 32; b++)
    if (e & (1u << b)) {
      const char *id = tr_exception_id(1u << b);
      g_string_append_printf(s, "%s%s", first ? "" : ", ", id ? id : "?");
      first = FALSE;
    }
}

/* "aspect1, aspect2: NAME_A: scope; NAME_B: scope" and the exception flags when they differ. */
void trc_carveouts_describe(const tr_template *const *parties, guint n, int category, unsigned int aspects,
                            GString *s) {
  if (!aspects)
    return;
  gboolean first = TRUE;
  for (size_t i = 0; i < G_N_ELEMENTS(aspect_ids); i++)
    if (aspects & (1u << i)) {
      g_string_append_printf(s, "%s%s", first ? "" : ", ", aspect_ids[i]);
      first = FALSE;
    }
  g_string_append(s, " differ");
  for (guint i = 0; i < n; i++) {
    const trc_position *p = trc_template_position(parties[i], (tr_category)category);
    if (!p || trc_level(p->strength) < 1)
      continue;
    g_string_append_printf(s, "; %s: ", parties[i]->name);
    if (aspects & TR_CARVEOUT_EXCEPTIONS) {
      g_string_append(s, "[");
      append_exceptions(s, p->exceptions);
      g_string_append(s, "] ");
    }
    trc_scope_describe(p, s);
  }
}

int tr_template_describe_scope(const tr_template *tmpl, tr_category category, char **out) {
  if (!tmpl || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_template_describe_scope: NULL argument");
  const trc_position *p = trc_template_position(tmpl, category);
  if (!p)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_template_describe_scope: invalid category %d", (int)category);
  GString *s = g_string_new(NULL);
  if (p->scope.nscoped)
    trc_scope_describe(p, s);
  *out = g_string_free(s, FALSE);
  return TR_OK;
}
