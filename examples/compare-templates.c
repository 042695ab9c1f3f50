/*
 * compare-templates: the American and European templates of the embedded
 * catalog, category by category, where they differ, with the citations behind
 * each side; then the summary measures (docs/compare.md).
 *
 *   cc compare-templates.c $(pkg-config --cflags --libs traderules) -o compare-templates
 *   ./compare-templates                  # american vs european
 *   ./compare-templates TPP EU_UK        # any two agreements or built-in templates
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <traderules/traderules.h>

int main(int argc, char **argv) {
  const char *first = argc > 2 ? argv[1] : "american";
  const char *second = argc > 2 ? argv[2] : "european";
  tr_catalog *catalog = NULL;
  tr_template *a = NULL, *b = NULL;
  tr_comparison *cmp = NULL;
  int status = 1;

  /* A template copies what it needs: it may outlive the catalog. The
   * comparison keeps its own reference to both templates. */
  if (tr_catalog_new_default(&catalog) != TR_OK || tr_template_resolve(catalog, first, &a) != TR_OK ||
      tr_template_resolve(catalog, second, &b) != TR_OK || tr_comparison_new(a, b, &cmp) != TR_OK)
    goto out;

  for (size_t i = 0; i < tr_comparison_count(cmp); i++) {
    tr_category c = tr_comparison_category_at(cmp, i);
    tr_relation r = tr_comparison_relation_at(cmp, i);
    if (r == TR_RELATION_SAME || r == TR_RELATION_BOTH_UNKNOWN)
      continue;
    char *ca = NULL, *cb = NULL; /* "TPP Art. 14.11.2; ..." - free with tr_free() */
    if (tr_template_citations(a, c, &ca) != TR_OK || tr_template_citations(b, c, &cb) != TR_OK) {
      tr_free(ca);
      goto out;
    }
    printf("%-40s %-7s %-7s %s\n    %s: %s\n    %s: %s\n", tr_category_id(c),
           tr_strength_id(tr_template_get_strength(a, c)), tr_strength_id(tr_template_get_strength(b, c)),
           tr_relation_title(r), first, *ca ? ca : "-", second, *cb ? cb : "-");
    tr_free(ca);
    tr_free(cb);
  }
  /* Measures over the categories both sides know (NaN if there are none). */
  printf("%zu comparable categories; agreement share %.3f; distance %.3f\n", tr_comparison_comparable_count(cmp),
         tr_comparison_agreement_share(cmp), tr_comparison_distance(cmp));
  status = 0;

out:
  if (status != 0)
    fprintf(stderr, "compare-templates: %s (%s)\n", tr_error_message(), tr_status_id(tr_error_code()));
  tr_comparison_free(cmp);
  tr_template_free(a);
  tr_template_free(b);
  tr_catalog_free(catalog);
  return status;
}
