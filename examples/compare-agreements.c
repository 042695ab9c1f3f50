/*
 * compare-agreements: compare two agreements (or templates) of the embedded
 * catalog category by category, print where they differ and their distance,
 * and draw the comparison as a chart when the library has charts.
 * Backs docs/guide-compare.md.
 *
 *   cc compare-agreements.c $(pkg-config --cflags --libs traderules) -o compare-agreements
 *   ./compare-agreements                   # TPP against EU_JPN
 *   ./compare-agreements american european # the two template families
 *   ./compare-agreements USMCA EU_UK compare.svg
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <traderules/traderules.h>

int main(int argc, char **argv) {
  const char *first = argc > 1 ? argv[1] : "TPP";
  const char *second = argc > 2 ? argv[2] : "EU_JPN";
  tr_catalog *catalog = NULL;
  tr_template *a = NULL, *b = NULL;
  tr_comparison *cmp = NULL;
  int status = 1;

  if (tr_catalog_new_default(&catalog) != TR_OK)
    goto out;
  /* A name is a built-in template ("american", "european") or an agreement id. */
  if (tr_template_resolve(catalog, first, &a) != TR_OK ||
      tr_template_resolve(catalog, second, &b) != TR_OK)
    goto out;
  if (tr_comparison_new(a, b, &cmp) != TR_OK)
    goto out;

  printf("%-40s %-10s %-10s %s\n", "category", first, second, "relation");
  for (size_t i = 0; i < tr_comparison_count(cmp); i++) {
    tr_category c = tr_comparison_category_at(cmp, i);
    tr_relation r = tr_comparison_relation_at(cmp, i);
    if (r == TR_RELATION_SAME || r == TR_RELATION_BOTH_UNKNOWN)
      continue; /* print only the differences */
    printf("%-40s %-10s %-10s %s\n", tr_category_id(c),
           tr_strength_id(tr_template_get_strength(a, c)),
           tr_strength_id(tr_template_get_strength(b, c)), tr_relation_id(r));
  }
  double d = tr_comparison_distance(cmp);
  printf("same: %zu, comparable: %zu of %zu categories, distance %.3f\n",
         tr_comparison_relation_count(cmp, TR_RELATION_SAME), tr_comparison_comparable_count(cmp),
         tr_comparison_count(cmp), d);
  if (!(d >= 0 && d <= 1) && tr_comparison_comparable_count(cmp) > 0) {
    fprintf(stderr, "compare-agreements: distance out of range\n");
    goto out;
  }

  /* The chart: the same cells as the table above (templates or agreements). */
  if (argc > 3 && tr_plot_available()) {
    tr_plot_format fmt;
    if (tr_plot_format_from_path(argv[3], &fmt) != TR_OK ||
        tr_plot_comparison(cmp, argv[3], fmt, NULL) != TR_OK)
      goto out;
    printf("chart written to %s\n", argv[3]);
  }
  status = 0;

out:
  if (status != 0 && tr_error_code() != TR_OK)
    fprintf(stderr, "compare-agreements: %s (%s)\n", tr_error_message(), tr_status_id(tr_error_code()));
  tr_comparison_free(cmp);
  tr_template_free(a);
  tr_template_free(b);
  tr_catalog_free(catalog);
  return status;
}
