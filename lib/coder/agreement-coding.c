/*
 * libtraderules - coding a whole agreement into a tr_agreement record.
 *
 * Agreement-level strength of a category (documented in docs/coder.md):
 *  - the articles that carry the category are ranked by how they were found:
 *    tier 1, the article title names it (a dedicated article); tier 2, the
 *    chapter title names it; tier 3, a phrase in the text;
 *  - only the best tier present counts; within it the strength is the most
 *    binding article-level strength, in the order soft < mixed < hard
 *    (an article is mixed when it has binding and hortatory paragraphs);
 *  - unknown if no article of that tier has a strength cue;
 *  - its exceptions are those of the articles of that tier, plus those that
 *    other articles attach to them by cross-reference.
 * SPDX-License-Identifier: MIT
 */
#include "coder/coder-private.h"
#include "core/tr-internal.h"

#include <string.h>

#define TR_MAX_CITED 6

struct tr_agreement_coding {
  const tr_coder *coder;
  char *id, *name;
  int tota_id;
  GPtrArray *articles; /* tr_coding* */
};

int tr_agreement_coding_new(const tr_coder *coder, const char *id, const char *name, int tota_id,
                            tr_agreement_coding **out) {
  if (!coder || !id || !name || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_agreement_coding_new: NULL argument");
  if (tota_id < 0)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_agreement_coding_new: negative ToTA id %d", tota_id);
  tr_agreement_coding *ac = g_new0(tr_agreement_coding, 1);
  ac->coder = coder;
  ac->id = g_strdup(id);
  ac->name = g_strdup(name);
  ac->tota_id = tota_id;
  ac->articles = g_ptr_array_new_with_free_func((GDestroyNotify)tr_coding_free);
  *out = ac;
  return TR_OK;
}

void tr_agreement_coding_free(tr_agreement_coding *ac) {
  if (!ac)
    return;
  g_free(ac->id);
  g_free(ac->name);
  g_ptr_array_free(ac->articles, TRUE);
  g_free(ac);
}

int tr_agreement_coding_add_article(tr_agreement_coding *ac, const char *number, const char *title,
                                    const char *chapter, const char *text) {
  if (!ac || !text)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_agreement_coding_add_article: NULL argument");
  if (number && !g_utf8_validate(number, -1, NULL))
    return tri_set_error(TR_ERR_ENCODING, NULL, 0, 0, "number", "invalid UTF-8");
  tr_coding *cd = NULL;
  int rc = tr_coder_code_text(ac->coder, title, chapter, text, &cd);
  if (rc)
    return rc;
  cd->number_raw = number ? g_strdup(number) : NULL;
  cd->number = tri_coder_normalise_number(number);
  g_ptr_array_add(ac->articles, cd);
  return TR_OK;
}

size_t tr_agreement_coding_article_count(const tr_agreement_coding *ac) {
  return ac ? ac->articles->len : 0;
}

const tr_coding *tr_agreement_coding_article_at(const tr_agreement_coding *ac, size_t index) {
  if (!ac || index >= ac->articles->len)
    return NULL;
  return g_ptr_array_index(ac->articles, index);
}

static int strength_rank(tr_strength s) {
  switch (s) {
  case TR_STRENGTH_SOFT: return 1;
  case TR_STRENGTH_MIXED: return 2;
  case TR_STRENGTH_HARD: return 3;
  default: return 0;
  }
}

/* Tier of an assignment: 1 title, 2 chapter, 3 text. */
static int assignment_tier(const tr_assignment *a) {
  int best = 3;
  for (guint i = 0; i < a->evidence->len; i++) {
    const tr_evidence *e = g_ptr_array_index(a->evidence, i);
    if (e->kind != TR_EVIDENCE_CATEGORY)
      continue;
    if (e->field == TR_TEXT_FIELD_ARTICLE_TITLE)
      return 1;
    if (e->field == TR_TEXT_FIELD_CHAPTER_TITLE)
      best = 2;
  }
  return best;
}

typedef struct {
  int tier;                 /* best tier seen (4 = none) */
  tr_strength strength;     /* best within that tier */
  unsigned int exceptions;
  GPtrArray *cited;         /* article numbers (borrowed) in the best tier */
  const tr_coding *first;   /* first article of the best tier */
  const tr_assignment *first_a;
  const tr_coding *dec;     /* the article whose strength the provision takes */
  const tr_assignment *dec_a;
} cat_acc;

/* 'decided by soft:"cooperate" in Art. 14.5: "The Parties shall ... cooperate ..."':
 * the deciding verb phrases of an assignment (the first of each strength) and
 * the clause of the first, cut to about 200 bytes on a character boundary. */
static void append_decided(GString *note, const tr_coding *cd, const tr_assignment *a) {
  const tr_evidence *first = NULL;
  gboolean seen_hard = FALSE, seen_soft = FALSE;
  for (guint i = 0; a && i < a->evidence->len; i++) {
    const tr_evidence *e = g_ptr_array_index(a->evidence, i);
    if (e->kind != TR_EVIDENCE_STRENGTH && e->kind != TR_EVIDENCE_SCOPE)
      continue;
    gboolean hard = e->strength == TR_STRENGTH_HARD;
    if ((hard && seen_hard) || (!hard && seen_soft))
      continue;
    seen_hard |= hard;
    seen_soft |= !hard;
    g_string_append_printf(note, "%s%s:\"%s\"", first ? ", " : "; decided by ",
                           e->kind == TR_EVIDENCE_SCOPE ? "scope" : tr_strength_id(e->strength),
                           e->text);
    if (!first)
      first = e;
  }
  if (!first)
    return;
  if (cd->number)
    g_string_append_printf(note, " in Art. %s", cd->number);
  if (first->sentence) {
    GString *one = g_string_new(NULL);
    for (const char *q = first->sentence; *q && one->len < 200; q++)
      if (!g_ascii_isspace(*q))
        g_string_append_c(one, *q);
      else if (one->len && one->str[one->len - 1] != ' ')
        g_string_append_c(one, ' ');
    const char *valid_end = NULL;
    if (!g_utf8_validate(one->str, (gssize)one->len, &valid_end))
      g_string_truncate(one, (gsize)(valid_end - one->str));
    g_string_append_printf(note, ": \"%s%s\"", one->str, one->len >= 200 ? "..." : "");
    g_string_free(one, TRUE);
  }
}

int tr_agreement_coding_to_agreement(const tr_agreement_coding *ac, tr_agreement **out) {
  if (!ac || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_agreement_coding_to_agreement: NULL argument");
  int ncat = tr_category_count();
  cat_acc *acc = g_new0(cat_acc, (gsize)ncat + 1);
  for (int c = 0; c <= ncat; c++)
    acc[c].tier = 4;
  GHashTable *by_number = g_hash_table_new(g_str_hash, g_str_equal);

  for (guint i = 0; i < ac->articles->len; i++) {
    const tr_coding *cd = g_ptr_array_index(ac->articles, i);
    if (cd->number && !g_hash_table_contains(by_number, cd->number))
      g_hash_table_insert(by_number, cd->number, (gpointer)cd);
    for (guint k = 0; k < cd->assignments->len; k++) {
      const tr_assignment *a = g_ptr_array_index(cd->assignments, k);
      if ((int)a->category < 1 || (int)a->category > ncat)
        continue;
      cat_acc *x = &acc[a->category];
      int tier = assignment_tier(a);
      if (tier > x->tier)
        continue;
      if (tier < x->tier) {
        x->tier = tier;
        x->strength = TR_STRENGTH_UNKNOWN;
        x->exceptions = 0;
        if (x->cited)
          g_ptr_array_set_size(x->cited, 0);
        x->first = cd;
        x->first_a = a;
        x->dec = NULL;
        x->dec_a = NULL;
      }
      x->exceptions |= a->exceptions;
      if (strength_rank(a->strength) > strength_rank(x->strength) || !x->dec) {
        if (strength_rank(a->strength) > strength_rank(x->strength))
          x->strength = a->strength;
        if (a->strength == x->strength) {
          x->dec = cd;
          x->dec_a = a;
        }
      }
      if (!x->cited)
        x->cited = g_ptr_array_new();
      const char *num = cd->number;
      gboolean seen = num == NULL; /* unnumbered articles are not cited */
      for (guint j = 0; j < x->cited->len && !seen; j++)
        seen = strcmp(g_ptr_array_index(x->cited, j), num) == 0;
      if (!seen)
        g_ptr_array_add(x->cited, (gpointer)num);
    }
  }
  /* Cross-references: "Article 14.11 ... shall not apply" attaches the
   * exceptions of the referring paragraph to the referenced article's categories. */
  for (guint i = 0; i < ac->articles->len; i++) {
    const tr_coding *cd = g_ptr_array_index(ac->articles, i);
    for (guint k = 0; k < cd->xrefs->len; k++) {
      const tr_xref *x = &g_array_index(cd->xrefs, tr_xref, k);
      const tr_coding *target = g_hash_table_lookup(by_number, x->article);
      if (!target || target == cd)
        continue;
      for (guint j = 0; j < target->assignments->len; j++) {
        const tr_assignment *a = g_ptr_array_index(target->assignments, j);
        if ((int)a->category >= 1 && (int)a->category <= ncat)
          acc[a->category].exceptions |= x->exceptions;
      }
    }
  }

  tr_agreement *ag = NULL;
  int rc = tr_agreement_new(ac->id, ac->name, &ag);
  if (rc)
    goto out;
  if (ac->tota_id > 0 && (rc = tr_agreement_set_tota_id(ag, ac->tota_id)))
    goto out;
  {
    char *src = ac->tota_id > 0 ? g_strdup_printf("auto-coded from ToTA pta_%d by libtraderules",
                                                  ac->tota_id)
                                : g_strdup("auto-coded by libtraderules");
    rc = tr_agreement_add_source(ag, src);
    g_free(src);
    if (rc)
      goto out;
  }
  for (int c = 1; c <= ncat; c++) {
    cat_acc *x = &acc[c];
    if (x->tier > 3)
      continue;
    tr_provision *p = NULL;
    if ((rc = tr_provision_new((tr_category)c, x->strength, &p)))
      goto out;
    GString *cit = g_string_new(NULL), *nums = g_string_new(NULL);
    for (guint j = 0; j < x->cited->len && j < TR_MAX_CITED; j++) {
      const char *n = g_ptr_array_index(x->cited, j);
      g_string_append_printf(cit, "%sArt. %s", j ? "; " : "", n);
      g_string_append_printf(nums, "%s%s", j ? ", " : "", n);
    }
    if (x->cited->len > TR_MAX_CITED) {
      g_string_append_printf(cit, "; and %u more", x->cited->len - TR_MAX_CITED);
      g_string_append_printf(nums, " and %u more", x->cited->len - TR_MAX_CITED);
    }
    char *from = ac->tota_id > 0 ? g_strdup_printf("ToTA pta_%d", ac->tota_id) : g_strdup(ac->id);
    char *source = nums->len ? g_strdup_printf("auto-coded from %s Art %s", from, nums->str)
                             : g_strdup_printf("auto-coded from %s", from);
    g_free(from);
    static const char *const tiers[] = { "", "article title", "chapter title", "text" };
    guint narticles = 0;
    for (guint i = 0; i < ac->articles->len; i++) {
      const tr_coding *cd = g_ptr_array_index(ac->articles, i);
      const tr_assignment *a = tr_coding_find(cd, (tr_category)c);
      narticles += a && assignment_tier(a) == x->tier;
    }
    GString *note_s = g_string_new(NULL);
    g_string_append_printf(note_s, "found by %s in %u article(s)", tiers[x->tier], narticles);
    if (x->dec)
      append_decided(note_s, x->dec, x->dec_a);
    char *note = g_string_free(note_s, FALSE);
    const char *title = tr_coding_get_input(x->first, TR_TEXT_FIELD_ARTICLE_TITLE);
    rc = cit->len ? tr_provision_set_citation(p, cit->str) : TR_OK;
    if (!rc && title && *title)
      rc = tr_provision_set_title(p, title);
    if (!rc)
      rc = tr_provision_set_source(p, source);
    if (!rc)
      rc = tr_provision_set_note(p, note);
    if (!rc)
      rc = tr_provision_set_exceptions(p, x->exceptions);
    g_string_free(cit, TRUE);
    g_string_free(nums, TRUE);
    g_free(source);
    g_free(note);
    if (!rc)
      rc = tr_agreement_add_provision(ag, p);
    if (rc) {
      tr_provision_free(p);
      goto out;
    }
  }
out:
  for (int c = 0; c <= ncat; c++)
    if (acc[c].cited)
      g_ptr_array_free(acc[c].cited, TRUE);
  g_free(acc);
  g_hash_table_destroy(by_number);
  if (rc) {
    tr_agreement_free(ag);
    return rc;
  }
  *out = ag;
  return TR_OK;
}
