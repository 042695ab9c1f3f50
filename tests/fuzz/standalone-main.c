/*
 * Runs a fuzz harness without libFuzzer: every file named on the command line,
 * and every regular file inside a directory named there, is passed once to
 * LLVMFuzzerTestOneInput(). Used to replay crash regressions and seeds in the
 * normal test suite (gcc, ASan/UBSan, valgrind). Missing paths are skipped.
 * Exit status 0 when every input ran (an oracle failure aborts).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz-common.h"

static size_t ran;

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  long len;
  uint8_t *buf;
  if (!f) {
    perror(path);
    return 1;
  }
  if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return 1;
  }
  buf = malloc(len > 0 ? (size_t)len : 1);
  if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
    free(buf);
    fclose(f);
    return 1;
  }
  fclose(f);
  LLVMFuzzerTestOneInput(buf, (size_t)len);
  free(buf);
  ran++;
  return 0;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0)
    return 0; /* optional input (e.g. shared data absent) */
  if (S_ISREG(st.st_mode))
    return run_file(path);
  if (!S_ISDIR(st.st_mode))
    return 0;
  DIR *d = opendir(path);
  struct dirent *e;
  char **names = NULL;
  size_t n = 0, cap = 0;
  int rc = 0;
  if (!d)
    return 1;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      names = realloc(names, cap * sizeof *names);
    }
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  if (n)
    qsort(names, n, sizeof *names, cmp_names);
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(path) + strlen(names[i]) + 2;
    char *full = malloc(len);
    snprintf(full, len, "%s/%s", path, names[i]);
    if (stat(full, &st) == 0 && S_ISREG(st.st_mode))
      rc |= run_file(full);
    free(full);
    free(names[i]);
  }
  free(names);
  return rc;
}

int main(int argc, char **argv) {
  int rc = 0;
  for (int i = 1; i < argc; i++)
    rc |= run_path(argv[i]);
  printf("%zu inputs ran\n", ran);
  return rc;
}
