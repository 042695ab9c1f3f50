/*
 * Benchmark: loading barrier profiles of growing size, up to the 64 MiB input
 * limit, with tr_barrier_set_load_data(). The baseline in the same run is
 * json-glib parsing the same text (the floor any json-glib based loader pays).
 * For each size: bytes, barriers, median CPU time of the loader and of the
 * baseline over R alternating runs, their ratio, and time per barrier; then
 * how time grows when the size doubles (linear loading gives about 2x).
 *
 * Usage: bench-profile-load [RUNS] [MAX_MIB]   (defaults 3, 64; run by hand,
 *        see bench/compare/README.md)
 * SPDX-License-Identifier: MIT
 */
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <traderules/traderules.h>

/* CPU time of the process: the machine may be shared, and loading is single-threaded. */
static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* A profile of barriers with distinct ids, about @bytes long (at most the limit). */
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

int main(int argc, char **argv) {
  int runs = argc > 1 ? atoi(argv[1]) : 3;
  size_t max_mib = argc > 2 ? (size_t)atoi(argv[2]) : 64;
  double prev = 0;
  if (runs < 1 || max_mib < 1 || max_mib > 64) {
    fprintf(stderr, "usage: bench-profile-load [RUNS>=1] [MAX_MIB 1..64]\n");
    return 2;
  }
  printf("%10s %9s %12s %12s %7s %10s %7s\n", "bytes", "barriers", "load_s", "json-glib_s", "ratio",
         "ns/barrier", "growth");
  for (size_t mib = 1; mib <= max_mib; mib *= 2) {
    size_t count = 0;
    /* the top size is the limit itself minus a little, so it is accepted */
    GString *p = make_profile(mib == 64 ? TR_INPUT_LIMIT - 64 : mib << 20, &count);
    double *tl = g_new(double, runs), *tj = g_new(double, runs);
    for (int r = 0; r < runs; r++) {
      /* alternate: loader, baseline */
      tr_barrier_set *set = NULL;
      tr_barrier_set_new(&set);
      double t0 = now_s();
      int rc = tr_barrier_set_load_data(set, NULL, p->str, p->len, "bench");
      tl[r] = now_s() - t0;
      if (rc != TR_OK || tr_barrier_set_count(set) != count) {
        fprintf(stderr, "load failed: %s (%zu of %zu barriers)\n", tr_error_message(),
                tr_barrier_set_count(set), count);
        return 1;
      }
      tr_barrier_set_free(set);
      JsonParser *jp = json_parser_new_immutable();
      t0 = now_s();
      if (!json_parser_load_from_data(jp, p->str, (gssize)p->len, NULL)) {
        fprintf(stderr, "json-glib failed\n");
        return 1;
      }
      tj[r] = now_s() - t0;
      g_object_unref(jp);
    }
    qsort(tl, (size_t)runs, sizeof *tl, cmp_double);
    qsort(tj, (size_t)runs, sizeof *tj, cmp_double);
    double ml = tl[runs / 2], mj = tj[runs / 2];
    printf("%10zu %9zu %12.3f %12.3f %7.2f %10.0f", p->len, count, ml, mj, ml / mj, ml / (double)count * 1e9);
    if (prev > 0)
      printf(" %7.2f", ml / prev);
    printf("\n");
    fflush(stdout);
    prev = ml;
    g_free(tl);
    g_free(tj);
    g_string_free(p, TRUE);
  }
  return 0;
}
