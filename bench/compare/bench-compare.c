#define _GNU_SOURCE
/*
 * Benchmark: all-pairs comparison of N generated agreements (default 10,000,
 * about 50 million pairs) with tr_matrix_new(), against a baseline in the same
 * run: the naive route through the public per-pair API on a subsample, scaled
 * per pair. Reports time, time per pair, peak memory (ru_maxrss), the ratio,
 * how time grows with the number of pairs, and checks that both routes give
 * the same distances on the subsample.
 *
 * Usage: bench-compare [N] [SUBSAMPLE]      (run by hand; see bench/compare/README.md)
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <glib.h>

#include <traderules/traderules.h>

static long peak_kib(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static double now_s(void) {
  return (double)g_get_monotonic_time() / 1e6;
}

/* CPU time of the whole process (all threads), seconds: robust when the machine is shared. */
static double cpu_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void check(int rc, const char *what) {
  if (rc != TR_OK) {
    fprintf(stderr, "bench-compare: %s: %s\n", what, tr_error_message());
    exit(1);
  }
}

/* Agreements shaped like the real families: an American-like, a European-like
 * and a mixed profile, each with noise, unknowns, uncoded categories and
 * exceptions. Years 1991..2030, evenly, so year filters select prefixes. */
static tr_catalog *generate(size_t n, guint32 seed) {
  tr_catalog *cat = NULL;
  check(tr_catalog_new(&cat), "catalog");
  GRand *r = g_rand_new_with_seed(seed);
  int ncat = tr_category_count();
  int *base[3];
  for (int f = 0; f < 3; f++) {
    base[f] = g_new(int, ncat);
    for (int c = 0; c < ncat; c++)
      base[f][c] = g_rand_int_range(r, 0, 4); /* level none..hard */
  }
  static const unsigned int excs[] = { TR_EXCEPTION_LPPO, TR_EXCEPTION_PRIVACY, TR_EXCEPTION_AUDIOVISUAL,
                                       TR_EXCEPTION_FINANCIAL_SERVICES, TR_EXCEPTION_SECURITY,
                                       TR_EXCEPTION_GENERAL, TR_EXCEPTION_BROADCASTING };
  for (size_t i = 0; i < n; i++) {
    char id[32], date[8];
    g_snprintf(id, sizeof id, "G%06zu", i);
    g_snprintf(date, sizeof date, "%d", 1991 + (int)(i * 40 / n));
    tr_agreement *a = NULL;
    check(tr_agreement_new(id, id, &a), "agreement");
    int fam = g_rand_int_range(r, 0, 3);
    check(tr_agreement_set_family(a, fam == 0 ? TR_FAMILY_AMERICAN : fam == 1 ? TR_FAMILY_EUROPEAN : TR_FAMILY_OTHER),
          "family");
    check(tr_agreement_set_date_signed(a, date), "date");
    for (int c = 0; c < ncat; c++) {
      int roll = g_rand_int_range(r, 0, 100);
      if (roll < 10)
        continue; /* not coded */
      tr_strength s;
      if (roll < 15)
        s = TR_STRENGTH_UNKNOWN;
      else {
        int lv = base[fam][c];
        if (roll >= 75) {
          int noisy = lv + g_rand_int_range(r, -2, 3); /* CLAMP evaluates twice: not inline */
          lv = CLAMP(noisy, 0, 3);
        }
        s = (tr_strength)(lv + 1);
      }
      tr_provision *p = NULL;
      check(tr_provision_new((tr_category)(c + 1), s, &p), "provision");
      if (s >= TR_STRENGTH_SOFT && g_rand_int_range(r, 0, 100) < 25) {
        unsigned int e = excs[g_rand_int_range(r, 0, G_N_ELEMENTS(excs))];
        if (g_rand_boolean(r))
          e |= excs[g_rand_int_range(r, 0, G_N_ELEMENTS(excs))];
        check(tr_provision_set_exceptions(p, e), "exceptions");
      }
      check(tr_agreement_add_provision(a, p), "add provision");
    }
    check(tr_catalog_add_agreement(cat, a), "add agreement");
  }
  for (int f = 0; f < 3; f++)
    g_free(base[f]);
  g_rand_free(r);
  return cat;
}

/* Time tr_matrix_new on the agreements signed up to @year (0: all). */
static tr_matrix *timed_matrix(const tr_catalog *cat, int year, unsigned threads, double *secs, double *cpu) {
  tr_filter *f = NULL;
  if (year) {
    check(tr_filter_new(&f), "filter");
    check(tr_filter_set_years(f, 0, year), "years");
  }
  tr_matrix *m = NULL;
  double t0 = now_s(), c0 = cpu_s();
  check(tr_matrix_new(cat, f, threads, &m), "matrix");
  *secs = now_s() - t0;
  *cpu = cpu_s() - c0;
  tr_filter_free(f);
  return m;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 10000;
  size_t sub = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 400;
  if (n < 100 || sub < 10 || sub > n) {
    fprintf(stderr, "usage: bench-compare [N >= 100] [SUBSAMPLE 10..N]\n");
    return 2;
  }
  printf("libtraderules %s, %u processors, %d categories\n", tr_version(), g_get_num_processors(),
         tr_category_count());
  double t0 = now_s();
  tr_catalog *cat = generate(n, 20260101);
  double gen_s = now_s() - t0;
  long rss_catalog = peak_kib();
  double pairs = (double)n * (double)(n - 1) / 2.0;
  printf("generated %zu agreements in %.2f s; peak RSS after generation %.1f MiB\n", n, gen_s, rss_catalog / 1024.0);

  /* Baseline 1, naive: the per-pair public API, as a caller would write it. */
  double spairs = (double)sub * (double)(sub - 1) / 2.0;
  double *naive = g_new(double, (size_t)spairs);
  size_t k = 0;
  t0 = now_s();
  double c0 = cpu_s();
  for (size_t i = 0; i < sub; i++)
    for (size_t j = i + 1; j < sub; j++) {
      tr_comparison *cmp = NULL;
      check(tr_comparison_new_agreements(tr_catalog_agreement_at(cat, i), tr_catalog_agreement_at(cat, j), &cmp),
            "comparison");
      naive[k++] = tr_comparison_distance(cmp);
      tr_comparison_free(cmp);
    }
  double naive_s = now_s() - t0, naive_cpu = cpu_s() - c0;
  /* Baseline 2: templates built once, then tr_comparison_new per pair. */
  tr_template **tp = g_new(tr_template *, sub);
  t0 = now_s();
  c0 = cpu_s();
  for (size_t i = 0; i < sub; i++)
    check(tr_template_new_from_agreement(tr_catalog_agreement_at(cat, i), &tp[i]), "template");
  for (size_t i = 0; i < sub; i++)
    for (size_t j = i + 1; j < sub; j++) {
      tr_comparison *cmp = NULL;
      check(tr_comparison_new(tp[i], tp[j], &cmp), "comparison");
      volatile double d = tr_comparison_distance(cmp);
      (void)d;
      tr_comparison_free(cmp);
    }
  double tmpl_s = now_s() - t0, tmpl_cpu = cpu_s() - c0;
  for (size_t i = 0; i < sub; i++)
    tr_template_free(tp[i]);
  g_free(tp);
  double naive_pp = naive_cpu / spairs, tmpl_pp = tmpl_cpu / spairs;
  printf("baseline naive per-pair API (%zu agreements, %.0f pairs): wall %.3f s, cpu %.3f s = %.1f cpu-ns/pair; "
         "projected for %.0f pairs: %.0f cpu-s\n", sub, spairs, naive_s, naive_cpu, naive_pp * 1e9, pairs,
         naive_pp * pairs);
  printf("baseline with templates built once: wall %.3f s, cpu %.3f s = %.1f cpu-ns/pair; projected: %.0f cpu-s\n",
         tmpl_s, tmpl_cpu, tmpl_pp * 1e9, tmpl_pp * pairs);

  /* Growth: prefixes by year (1/4, 1/2, all) with both cores; then one core on all. */
  struct { int year; const char *label; } steps[] = { { 2000, "1/4" }, { 2010, "1/2" }, { 0, "all" } };
  double all_s = 0, all_cpu = 0;
  tr_matrix *full = NULL;
  printf("\n%-5s %8s %12s %9s %9s %12s\n", "set", "n", "pairs", "wall s", "cpu s", "cpu-ns/pair");
  for (size_t s = 0; s < G_N_ELEMENTS(steps); s++) {
    double secs, cpu;
    tr_matrix *m = timed_matrix(cat, steps[s].year, 2, &secs, &cpu);
    double np = (double)tr_matrix_size(m) * (double)(tr_matrix_size(m) - 1) / 2.0;
    printf("%-5s %8zu %12.0f %9.3f %9.3f %12.2f\n", steps[s].label, tr_matrix_size(m), np, secs, cpu,
           cpu / np * 1e9);
    if (steps[s].year == 0) {
      all_s = secs;
      all_cpu = cpu;
      full = m;
    } else {
      tr_matrix_free(m);
    }
  }
  long rss_matrix = peak_kib();
  double one_s, one_cpu;
  tr_matrix *m1 = timed_matrix(cat, 0, 1, &one_s, &one_cpu);
  tr_matrix_free(m1);

  /* Same answers on the subsample. */
  k = 0;
  size_t mismatch = 0;
  for (size_t i = 0; i < sub; i++)
    for (size_t j = i + 1; j < sub; j++, k++) {
      double d = tr_matrix_distance(full, i, j);
      if (!((isnan(d) && isnan(naive[k])) || fabs(d - naive[k]) < 1e-12))
        mismatch++;
    }
  g_free(naive);

  double la[3];
  int nla = getloadavg(la, 3);
  printf("\nall pairs, 2 threads: wall %.3f s, cpu %.3f s (%.2f cpu-ns/pair); 1 thread: wall %.3f s, cpu %.3f s "
         "(wall speed-up %.2fx; load average %.1f)\n", all_s, all_cpu, all_cpu / pairs * 1e9, one_s, one_cpu,
         one_s / all_s, nla > 0 ? la[0] : -1.0);
  printf("matrix storage: %.1f MiB (2 bytes per pair); peak RSS %.1f MiB (%.1f MiB above the generated catalog)\n",
         pairs * 2 / 1048576.0, rss_matrix / 1024.0, (rss_matrix - rss_catalog) / 1024.0);
  printf("ratio (cpu time per pair) vs naive per-pair API: %.0fx; vs templates built once: %.0fx\n",
         naive_pp * pairs / all_cpu, tmpl_pp * pairs / all_cpu);
  printf("check: %zu of %.0f subsample pairs differ from the per-pair API\n", mismatch, spairs);
  tr_matrix_free(full);
  tr_catalog_free(cat);
  return mismatch ? 1 : 0;
}
