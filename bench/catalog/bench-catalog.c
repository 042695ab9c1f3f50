/*
 * Catalog JSON benchmark (run by hand; not a test). Builds a synthetic catalog of N
 * agreements with every category coded, serialises it, and times in the same run:
 *   baseline  json-glib alone parsing the same bytes into a tree (no validation);
 *   load      tr_catalog_load_data (the library's JSON reader + schema + staging);
 *   to_json   tr_catalog_to_json;
 *   default   tr_catalog_new_default (the embedded catalog).
 * Reports the median of R repetitions and load/baseline as a ratio.
 * Usage: bench-catalog [N agreements, default 2000] [R repetitions, default 5]
 * SPDX-License-Identifier: MIT
 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <traderules/traderules.h>

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return v[n / 2];
}

static void check(int rc, const char *what) {
  if (rc != TR_OK) {
    fprintf(stderr, "%s: %s\n", what, tr_error_message());
    exit(1);
  }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 2000;
  int reps = argc > 2 ? atoi(argv[2]) : 5;
  tr_catalog *c = NULL;
  char *json = NULL;
  double *t_base = g_new(double, reps), *t_load = g_new(double, reps), *t_out = g_new(double, reps),
         *t_def = g_new(double, reps);

  if (n < 1 || reps < 1)
    return 2;
  check(tr_catalog_new(&c), "new");
  for (int i = 0; i < n; i++) {
    char id[32];
    tr_agreement *a = NULL;
    g_snprintf(id, sizeof id, "A%06d", i);
    check(tr_agreement_new(id, "Synthetic agreement between two parties for benchmarking", &a), "agreement");
    tr_agreement_add_party(a, "USA");
    tr_agreement_add_party(a, "KOR");
    tr_agreement_set_date_signed(a, "2012-03-15");
    tr_agreement_add_source(a, "synthetic");
    for (int k = 1; k <= tr_category_count(); k++) {
      tr_provision *p = NULL;
      check(tr_provision_new((tr_category)k, (tr_strength)(k % 5), &p), "provision");
      tr_provision_set_citation(p, "Art. 14.11.2");
      tr_provision_set_summary(p, "No Party shall require the transfer of, or access to, source code.");
      tr_provision_set_exceptions(p, (unsigned int)k & 0x7fffu);
      tr_provision_set_source(p, "synthetic source");
      check(tr_agreement_add_provision(a, p), "add provision");
    }
    check(tr_catalog_add_agreement(c, a), "add agreement");
  }
  check(tr_catalog_to_json(c, &json), "to_json");
  size_t len = strlen(json);

  for (int r = 0; r < reps; r++) {
    gint64 t0 = g_get_monotonic_time();
    JsonParser *parser = json_parser_new_immutable();
    if (!json_parser_load_from_data(parser, json, (gssize)len, NULL))
      return 1;
    g_object_unref(parser);
    gint64 t1 = g_get_monotonic_time();
    tr_catalog *d = NULL;
    tr_catalog_new(&d);
    check(tr_catalog_load_data(d, json, len, "bench.json"), "load");
    gint64 t2 = g_get_monotonic_time();
    char *again = NULL;
    check(tr_catalog_to_json(d, &again), "to_json");
    gint64 t3 = g_get_monotonic_time();
    tr_catalog *e = NULL;
    check(tr_catalog_new_default(&e), "default");
    gint64 t4 = g_get_monotonic_time();
    t_base[r] = (double)(t1 - t0) / 1000.0;
    t_load[r] = (double)(t2 - t1) / 1000.0;
    t_out[r] = (double)(t3 - t2) / 1000.0;
    t_def[r] = (double)(t4 - t3) / 1000.0;
    tr_free(again);
    tr_catalog_free(d);
    tr_catalog_free(e);
  }
  double base = median(t_base, reps), load = median(t_load, reps);
  printf("input: %d agreements x %d provisions, %.1f MiB of JSON; median of %d runs\n", n,
         tr_category_count(), (double)len / (1024.0 * 1024.0), reps);
  printf("baseline json-glib parse  %9.1f ms  %7.1f MiB/s\n", base, (double)len / 1048576.0 / (base / 1000.0));
  printf("tr_catalog_load_data      %9.1f ms  %7.1f MiB/s  ratio to baseline %.2f\n", load,
         (double)len / 1048576.0 / (load / 1000.0), load / base);
  printf("tr_catalog_to_json        %9.1f ms\n", median(t_out, reps));
  printf("tr_catalog_new_default    %9.1f ms\n", median(t_def, reps));
  tr_free(json);
  tr_catalog_free(c);
  g_free(t_base);
  g_free(t_load);
  g_free(t_out);
  g_free(t_def);
  return 0;
}
