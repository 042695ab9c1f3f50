/*
 * Benchmark: the long-CSV reader through the public API, one load per process so that
 * bench/csv/run.py can alternate two builds of the library (before and after a change)
 * and read each process's peak RSS (os.wait4). Prints one line:
 *   "csv CPU_SECONDS AGREEMENTS"
 * CPU_SECONDS is the process CPU time of tr_csv_read_file() alone (reading the file and
 * building the catalog), AGREEMENTS the count loaded (the same for both builds).
 * Uses only public functions, so the same file builds against an older tree.
 * Usage: bench-csv-read FILE.csv
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <traderules/traderules.h>

static double cpu_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: bench-csv-read FILE.csv\n");
    return 2;
  }
  tr_catalog *c = NULL;
  if (tr_catalog_new(&c) != TR_OK) {
    fprintf(stderr, "tr_catalog_new: %s\n", tr_error_message());
    return 1;
  }
  double t0 = cpu_s();
  int rc = tr_csv_read_file(c, argv[1]);
  double t1 = cpu_s();
  if (rc != TR_OK) {
    fprintf(stderr, "%s\n", tr_error_message());
    return 1;
  }
  printf("csv %.4f %zu\n", t1 - t0, tr_catalog_agreement_count(c));
  tr_catalog_free(c);
  return 0;
}
