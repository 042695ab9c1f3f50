/*
 * Benchmark: the JSON loaders through the public API, one measurement per process so that
 * bench/json/run.sh can alternate two builds of the library (before and after a change)
 * run by run. Prints one line: "WHAT seconds max_rss_kib".
 *
 *   catalog     tr_catalog_new_default(): the embedded catalog (median of 9 loads)
 *   rules       tr_coder_new(): the embedded coder rules (median of 9 loads)
 *   membership  tr_membership_new_default(): the embedded bloc table (median of 9 loads)
 *   profile     tr_barrier_set_load_data() on a generated barrier profile of MIB MiB
 *               (default 64: the input limit, minus a few bytes so it is accepted)
 *
 * CPU time of the process (the machine is shared; loading is single-threaded). The
 * generated profile is the one of bench/compare/bench-profile-load.c. Uses only public
 * functions, so the same file builds against an older tree (see run.sh).
 * Usage: bench-json-load catalog|rules|membership|profile [MIB]
 * SPDX-License-Identifier: MIT
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <traderules/traderules.h>
#include <traderules/panel.h>

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void check(int rc, const char *what) {
  if (rc != TR_OK) {
    fprintf(stderr, "%s: %s\n", what, tr_error_message());
    exit(1);
  }
}

static GString *make_profile(size_t bytes, size_t *count) {
  GString *s = g_string_new("{\n  \"format\": \"traderules-barrier-profile\",\n  \"version\": 1,\n"
                            "  \"name\": \"benchmark\",\n  \"barriers\": [\n");
  size_t n = 0;
  for (;;) {
    char entry[512];
    int len = g_snprintf(entry, sizeof entry,
                         "%s    {\"id\": \"X-%zu\", \"type\": \"network_security_privacy\", "
                         "\"name\": \"Generated barrier %zu\", "
                         "\"disciplined_by\": [\"cross_border_data_flows\", \"ict_cryptography\"], "
                         "\"note\": \"note %zu\"}",
                         n ? ",\n" : "", n, n, n);
    if (s->len + (size_t)len + 8 > bytes)
      break;
    g_string_append_len(s, entry, len);
    n++;
  }
  g_string_append(s, "\n  ]\n}\n");
  *count = n;
  return s;
}

static double once(const char *what) {
  double t0 = now_s();
  if (strcmp(what, "catalog") == 0) {
    tr_catalog *c = NULL;
    check(tr_catalog_new_default(&c), what);
    t0 = now_s() - t0;
    tr_catalog_free(c);
  } else if (strcmp(what, "rules") == 0) {
    tr_coder *c = NULL;
    check(tr_coder_new(&c), what);
    t0 = now_s() - t0;
    tr_coder_free(c);
  } else {
    tr_membership *m = NULL;
    check(tr_membership_new_default(&m), what);
    t0 = now_s() - t0;
    tr_membership_free(m);
  }
  return t0;
}

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "";
  double t;
  if (strcmp(what, "profile") == 0) {
    size_t mib = argc > 2 ? (size_t)atoi(argv[2]) : 64, count = 0;
    if (mib < 1 || mib > 64) {
      fprintf(stderr, "MIB must be 1..64\n");
      return 2;
    }
    GString *p = make_profile(mib == 64 ? TR_INPUT_LIMIT - 64 : mib << 20, &count);
    tr_barrier_set *set = NULL;
    check(tr_barrier_set_new(&set), "tr_barrier_set_new");
    double t0 = now_s();
    check(tr_barrier_set_load_data(set, NULL, p->str, p->len, "bench"), "profile");
    t = now_s() - t0;
    if (tr_barrier_set_count(set) != count) {
      fprintf(stderr, "profile: %zu barriers, expected %zu\n", tr_barrier_set_count(set), count);
      return 1;
    }
    tr_barrier_set_free(set);
    g_string_free(p, TRUE);
  } else if (!strcmp(what, "catalog") || !strcmp(what, "rules") || !strcmp(what, "membership")) {
    double v[9];
    for (int i = 0; i < 9; i++)
      v[i] = once(what);
    qsort(v, 9, sizeof *v, cmp_double);
    t = v[4];
  } else {
    fprintf(stderr, "usage: bench-json-load catalog|rules|membership|profile [MIB]\n");
    return 2;
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("%s %.6f %ld\n", what, t, ru.ru_maxrss);
  return 0;
}
