/*
 * libtraderules - which agreements of a ToTA corpus a chart shows (no cairo needed).
 * SPDX-License-Identifier: MIT
 */
#include <glib.h>
#include <stdlib.h>
#include <traderules/plot.h>

#include "core/tr-internal.h"

/* Does agreement i pass the party and the signing years? */
static gboolean keep(const tr_corpus *c, size_t i, const char *party, int from, int to) {
  if (party) {
    gboolean found = FALSE;
    size_t np = tr_corpus_agreement_party_count(c, i, TR_CORPUS_PARTIES_CURRENT);
    for (size_t k = 0; k < np && !found; k++) {
      const char *p = tr_corpus_agreement_party(c, i, TR_CORPUS_PARTIES_CURRENT, k);
      found = p && g_ascii_strcasecmp(p, party) == 0;
    }
    if (!found)
      return FALSE;
  }
  if (from || to) {
    const char *d = tr_corpus_agreement_get(c, i, TR_CORPUS_FIELD_DATE_SIGNED);
    int y = d ? atoi(d) : 0;
    if (y <= 0 || (from && y < from) || (to && y > to))
      return FALSE;
  }
  return TRUE;
}

int tr_plot_corpus_agreements(const tr_corpus *corpus, const char *party, int year_from, int year_to,
                              size_t **out, size_t *count) {
  if (out)
    *out = NULL;
  if (count)
    *count = 0;
  if (!corpus || !out || !count)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_corpus_agreements: NULL argument");
  if (party && !*party)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_corpus_agreements: empty party");
  if (year_from && year_to && year_from > year_to)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_corpus_agreements: years %d-%d: FROM is after TO", year_from,
                    year_to);
  size_t total = tr_corpus_agreement_count(corpus), n = 0;
  size_t *v = g_try_new(size_t, total ? total : 1);
  if (!v)
    return tri_fail(TR_ERR_NOMEM, "tr_plot_corpus_agreements: out of memory for %zu agreements", total);
  for (size_t i = 0; i < total; i++)
    if (keep(corpus, i, party, year_from, year_to))
      v[n++] = i;
  *out = v;
  *count = n;
  return TR_OK;
}

int tr_plot_corpus_label(const tr_corpus *corpus, size_t agreement, char **out) {
  if (out)
    *out = NULL;
  if (!corpus || !out)
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_corpus_label: NULL argument");
  if (agreement >= tr_corpus_agreement_count(corpus))
    return tri_fail(TR_ERR_INVALID_ARG, "tr_plot_corpus_label: agreement %zu out of range (%zu in the corpus)",
                    agreement, tr_corpus_agreement_count(corpus));
  const char *id = tr_corpus_agreement_get(corpus, agreement, TR_CORPUS_FIELD_TOTA_ID);
  const char *name = tr_corpus_agreement_get(corpus, agreement, TR_CORPUS_FIELD_NAME);
  char *label = g_strdup_printf("pta_%s %s", id ? id : "?", name ? name : "");
  if (g_utf8_strlen(label, -1) > 40) { /* keep the axis readable */
    char *cut = g_utf8_substring(label, 0, 39);
    g_free(label);
    label = g_strconcat(cut, "…", NULL);
    g_free(cut);
  }
  *out = label;
  return TR_OK;
}
