/*
 * list-agreements: the agreements of the embedded catalog, optionally only
 * those a given party signed, with their template family and the strength of
 * their cross-border data-flow provision.
 *
 *   cc list-agreements.c $(pkg-config --cflags --libs traderules) -o list-agreements
 *   ./list-agreements          # all agreements
 *   ./list-agreements JPN      # those with Japan as a party
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <traderules/traderules.h>

int main(int argc, char **argv) {
  tr_catalog *catalog = NULL;
  tr_filter *filter = NULL;
  tr_agreement_list *list = NULL;
  int status = 1;

  /* Every fallible call returns a tr_status; on error the message says what
   * went wrong and where. */
  if (tr_catalog_new_default(&catalog) != TR_OK || tr_filter_new(&filter) != TR_OK)
    goto out;
  if (argc > 1 && tr_filter_set_party(filter, argv[1]) != TR_OK)
    goto out;
  /* The list borrows the agreements: they belong to the catalog. */
  if (tr_catalog_select(catalog, filter, &list) != TR_OK)
    goto out;

  for (size_t i = 0; i < tr_agreement_list_count(list); i++) {
    const tr_agreement *a = tr_agreement_list_at(list, i);
    const tr_provision *flows = tr_agreement_find_provision(a, TR_CATEGORY_CROSS_BORDER_DATA_FLOWS);
    char year[16] = "?"; /* 0 means the signature year is unknown */
    if (tr_agreement_get_year(a))
      snprintf(year, sizeof year, "%d", tr_agreement_get_year(a));
    printf("%-12s %-12s %4s  data flows: %-9s %s\n", tr_agreement_get_id(a),
           tr_family_id(tr_agreement_get_family(a)), year,
           flows ? tr_strength_id(tr_provision_get_strength(flows)) : "not coded",
           tr_agreement_get_name(a));
  }
  printf("%zu of %zu agreements\n", tr_agreement_list_count(list), tr_catalog_agreement_count(catalog));
  status = 0;

out:
  if (status != 0)
    fprintf(stderr, "list-agreements: %s (%s)\n", tr_error_message(), tr_status_id(tr_error_code()));
  tr_agreement_list_free(list);
  tr_filter_free(filter);
  tr_catalog_free(catalog);
  return status;
}
