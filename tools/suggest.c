/*
 * traderules command - "did you mean" for unknown ids, by edit distance.
 * SPDX-License-Identifier: MIT
 */
#include "tool.h"

#include <string.h>

/* Optimal string alignment distance (Levenshtein plus adjacent transpositions),
 * ASCII case-insensitive; stops early (returns limit + 1) once over `limit`. */
size_t tool_edit_distance(const char *a, const char *b, size_t limit) {
  size_t n = strlen(a), m = strlen(b);
  size_t *prev2, *prev, *cur, best = 0;
  if (n > m ? n - m > limit : m - n > limit)
    return limit + 1;
  prev2 = g_new0(size_t, m + 1);
  prev = g_new0(size_t, m + 1);
  cur = g_new0(size_t, m + 1);
  for (size_t j = 0; j <= m; j++)
    prev[j] = j;
  for (size_t i = 1; i <= n; i++) {
    size_t row_min;
    cur[0] = i;
    row_min = cur[0];
    for (size_t j = 1; j <= m; j++) {
      gboolean same = g_ascii_tolower(a[i - 1]) == g_ascii_tolower(b[j - 1]);
      size_t d = prev[j - 1] + (same ? 0 : 1);
      if (prev[j] + 1 < d)
        d = prev[j] + 1;
      if (cur[j - 1] + 1 < d)
        d = cur[j - 1] + 1;
      if (i > 1 && j > 1 && g_ascii_tolower(a[i - 1]) == g_ascii_tolower(b[j - 2]) &&
          g_ascii_tolower(a[i - 2]) == g_ascii_tolower(b[j - 1]) && prev2[j - 2] + 1 < d)
        d = prev2[j - 2] + 1;
      cur[j] = d;
      if (d < row_min)
        row_min = d;
    }
    if (row_min > limit) {
      best = limit + 1;
      goto done;
    }
    size_t *t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  best = prev[m];
done:
  g_free(prev2);
  g_free(prev);
  g_free(cur);
  return best;
}

/* How far a suggestion may be: one edit for short words, up to three for long ones. */
static size_t max_distance(const char *word) {
  size_t n = strlen(word);
  return n <= 4 ? 1 : n <= 8 ? 2 : 3;
}

typedef struct {
  const char *word;
  size_t limit;
  const char *best;
  size_t best_d;
} nearest;

static void consider(nearest *s, const char *candidate) {
  size_t d;
  if (!candidate || strcmp(candidate, s->word) == 0)
    return;
  d = tool_edit_distance(s->word, candidate, s->limit);
  if (d <= s->limit && (!s->best || d < s->best_d)) {
    s->best = candidate;
    s->best_d = d;
  }
}

const char *tool_suggest(const char *word, const char *const *candidates) {
  nearest s = { word, word ? max_distance(word) : 0, NULL, 0 };
  if (!word || !*word)
    return NULL;
  for (const char *const *c = candidates; c && *c; c++)
    consider(&s, *c);
  return s.best;
}

const char *tool_suggest_id(const tr_catalog *cat, const char *word, gboolean templates) {
  nearest s = { word, word ? max_distance(word) : 0, NULL, 0 };
  if (!word || !*word)
    return NULL;
  for (size_t i = 0; cat && i < tr_catalog_agreement_count(cat); i++)
    consider(&s, tr_agreement_get_id(tr_catalog_agreement_at(cat, i)));
  for (size_t i = 0; templates && i < tr_template_builtin_count(); i++)
    consider(&s, tr_template_builtin_name(i));
  return s.best;
}

const char *tool_suggest_category(const char *word) {
  const char **ids = g_new0(const char *, (size_t)tr_category_count() + 1);
  const char *s;
  for (int k = 1; k <= tr_category_count(); k++)
    ids[k - 1] = tr_category_id((tr_category)k);
  s = tool_suggest(word, ids);
  g_free(ids);
  return s; /* category ids are static strings of the library */
}

void tool_hint_id(const tr_catalog *cat, const char *spec, gboolean templates) {
  /* "NAME@YEAR": the name is what may be misspelt */
  char *name = g_strndup(spec, strcspn(spec, "@"));
  const char *s;
  gboolean known = strchr(name, '=') || (cat && tr_catalog_find_agreement(cat, name));
  for (size_t i = 0; !known && templates && i < tr_template_builtin_count(); i++)
    known = g_strcmp0(tr_template_builtin_name(i), name) == 0;
  if (known) { /* the error is about something else (a year, a rule, ...) */
    g_free(name);
    return;
  }
  s = tool_suggest_id(cat, name, templates);
  if (s)
    fprintf(stderr, "traderules: did you mean '%s%s'?\n", s, spec + strlen(name));
  g_free(name);
}
