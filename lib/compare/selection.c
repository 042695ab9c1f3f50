/*
 * libtraderules - the agreement set of a tr_analysis_options: filter and/or ids,
 * in catalog order.
 * SPDX-License-Identifier: MIT
 */
#include "compare/compare-private.h"

int trc_select_options(const tr_catalog *catalog, const tr_analysis_options *options, GPtrArray **out) {
  size_t nids = tr_analysis_options_id_count(options);
  const tr_filter *filter = tri_analysis_options_filter(options);
  if (nids == 0)
    return trc_select(catalog, filter, out);
  GHashTable *wanted = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (size_t i = 0; i < nids; i++) {
    const char *id = tr_analysis_options_id_at(options, i);
    const tr_agreement *a = tr_catalog_find_agreement(catalog, id);
    if (!a) {
      g_hash_table_destroy(wanted);
      return tri_fail(TR_ERR_NOT_FOUND, "no agreement '%s' in the catalog (analysis options, id %zu)", id, i);
    }
    g_hash_table_add(wanted, (gpointer)a);
  }
  size_t n = tr_catalog_agreement_count(catalog);
  GPtrArray *sel = g_ptr_array_new();
  for (size_t i = 0; i < n; i++) {
    const tr_agreement *a = tr_catalog_agreement_at(catalog, i);
    if (g_hash_table_contains(wanted, a) && (!filter || tr_filter_matches(filter, a)))
      g_ptr_array_add(sel, (gpointer)a);
  }
  g_hash_table_destroy(wanted);
  if (sel->len == 0) {
    g_ptr_array_free(sel, TRUE);
    return tri_fail(TR_ERR_EMPTY, "none of the %zu listed agreements matches the filter", nids);
  }
  *out = sel;
  return TR_OK;
}
