/* Running out of memory in a public entry point is a clean TR_ERR_NOMEM, not an
 * abort (issue 16; policy in docs/stability.md, "Running out of memory").
 *
 * Failure injector: the address-space limit (RLIMIT_AS) is set to what the
 * process uses now plus a little, then a loader is given an input that needs
 * more. Before the fix each of these aborted inside GLib (SIGTRAP from g_malloc,
 * or a segfault while GLib logged the failure): the JSON tree and catalog, the
 * long CSV, the coder, the clustering of a similarity matrix. After each case
 * the limit is lifted again and the same input loads, so the input is valid and
 * only memory was missing.
 *
 * Not under ASan (it reserves terabytes of shadow memory) nor valgrind (its own
 * allocator): the test is in the novalgrind suite and skips under ASan. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <sys/resource.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <traderules/traderules.h>

#include "oom-limit.h"

static int setup(void **state) {
  (void)state;
#ifdef UNDER_ASAN
  return 0;
#else
  /* Large blocks always from mmap (glibc raises its threshold after a large free,
   * and a later large block then reuses free heap inside the measured address
   * space): each case's limit then holds whatever the cases before it freed. */
  return oom_limit_init();
#endif
}

#ifdef UNDER_ASAN
#define SKIP_UNDER_ASAN() skip()
#else
#define SKIP_UNDER_ASAN() ((void)0)
#endif

/* A catalog of @n agreements, about 330 bytes each. */
static GString *big_catalog(size_t n) {
  GString *s = g_string_new("{\"format\": \"traderules-catalog\", \"version\": 1, \"agreements\": [");
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(s, "%s{\"id\": \"A%zu\", \"name\": \"Agreement %zu\", \"kind\": \"bilateral\", "
                           "\"status\": \"in_force\", \"parties\": [\"KOR\", \"USA\"], \"date_signed\": \"2010\", "
                           "\"provisions\": [{\"category\": \"source_code\", \"strength\": \"hard\", "
                           "\"note\": \"%0120d\"}]}",
                           i ? "," : "", i, i, 0);
  g_string_append(s, "]}");
  return s;
}

static void test_catalog(void **state) {
  (void)state;
  SKIP_UNDER_ASAN();
  GString *json = big_catalog(60000); /* about 20 MB */
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  limit_to(40u << 20);
  int rc = tr_catalog_load_data(c, json->str, json->len, "big.json");
  unlimit();
  expect_nomem(rc, "catalog");
  assert_string_equal(tr_error_file(), "big.json");
  assert_int_equal(tr_catalog_agreement_count(c), 0); /* nothing half-loaded */
  assert_int_equal(tr_catalog_load_data(c, json->str, json->len, "big.json"), TR_OK);
  assert_int_equal(tr_catalog_agreement_count(c), 60000);
  tr_catalog_free(c);
  g_string_free(json, TRUE);
}

/* The JSON tree itself (the arena grows with the input: g_try_malloc), reached
 * through a loader without a probe of its own: a barrier profile. */
static void test_json_tree(void **state) {
  (void)state;
  SKIP_UNDER_ASAN();
  GString *json = g_string_new("{\"format\": \"traderules-barriers\", \"version\": 1, \"x-pad\": [");
  for (size_t i = 0; i < 1500000; i++)
    g_string_append_printf(json, "%s[%zu, \"s%zu\"]", i ? "," : "", i, i);
  g_string_append(json, "], \"barriers\": []}");
  tr_barrier_set *bs = NULL;
  assert_int_equal(tr_barrier_set_new(&bs), TR_OK);
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  limit_to(24u << 20);
  int rc = tr_barrier_set_load_data(bs, c, json->str, json->len, "pad.json");
  unlimit();
  expect_nomem(rc, "JSON tree");
  assert_string_equal(tr_error_file(), "pad.json");
  tr_catalog_free(c);
  tr_barrier_set_free(bs);
  g_string_free(json, TRUE);
}

static void test_csv(void **state) {
  (void)state;
  SKIP_UNDER_ASAN();
  GString *csv = g_string_new("agreement,name,category,strength,note\r\n");
  for (size_t i = 0; i < 80000; i++)
    g_string_append_printf(csv, "A%zu,Agreement %zu,source_code,hard,%0100d\r\n", i, i, 0);
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  limit_to(40u << 20);
  int rc = tr_csv_read(c, csv->str, csv->len, "big.csv");
  unlimit();
  expect_nomem(rc, "CSV");
  assert_string_equal(tr_error_file(), "big.csv");
  assert_int_equal(tr_catalog_agreement_count(c), 0);
  assert_int_equal(tr_csv_read(c, csv->str, csv->len, "big.csv"), TR_OK);
  assert_int_equal(tr_catalog_agreement_count(c), 80000);
  tr_catalog_free(c);
  g_string_free(csv, TRUE);
}

/* The CSV writers: tr_csv_write() builds the whole text (a catalog-sized buffer
 * grown with g_try_realloc: TR_ERR_NOMEM; it grew a GString and aborted before),
 * tr_csv_write_file() streams rows to the file and needs no such buffer, so it
 * succeeds under the same limit and writes the same bytes. */
static void test_csv_write(void **state) {
  (void)state;
  SKIP_UNDER_ASAN();
  GString *csv = g_string_new("agreement,name,category,strength,note\r\n");
  for (size_t i = 0; i < 60000; i++)
    g_string_append_printf(csv, "A%zu,Agreement %zu,source_code,hard,%0200d\r\n", i, i, 0);
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  assert_int_equal(tr_csv_read(c, csv->str, csv->len, "big.csv"), TR_OK);
  char *dir = g_dir_make_tmp("tr-test-oom-XXXXXX", NULL);
  assert_non_null(dir);
  char *path = g_build_filename(dir, "out.csv", NULL);
  char *text = NULL;
  limit_to(8u << 20); /* the text is about 17 MB */
  int rc = tr_csv_write(c, NULL, TR_CSV_LONG, &text);
  int frc = tr_csv_write_file(c, NULL, TR_CSV_LONG, path);
  unlimit();
  expect_nomem(rc, "tr_csv_write");
  assert_null(text);
  assert_int_equal(frc, TR_OK);
  assert_int_equal(tr_csv_write(c, NULL, TR_CSV_LONG, &text), TR_OK);
  char *written = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(path, &written, &len, NULL));
  assert_true(len > (12u << 20)); /* more than the limit allowed */
  assert_int_equal(len, strlen(text));
  assert_memory_equal(written, text, len);
  g_free(written);
  tr_free(text);
  g_unlink(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
  tr_catalog_free(c);
  g_string_free(csv, TRUE);
}

/* The catalog's JSON writers, likewise: tr_catalog_to_json() grows a checked
 * buffer (TR_ERR_NOMEM; a GString aborted before), tr_catalog_save_file()
 * streams to the file and writes the same bytes under the same limit. */
static void test_catalog_write(void **state) {
  (void)state;
  SKIP_UNDER_ASAN();
  GString *json = big_catalog(60000); /* about 20 MB, written back a little larger */
  tr_catalog *c = NULL;
  assert_int_equal(tr_catalog_new(&c), TR_OK);
  assert_int_equal(tr_catalog_load_data(c, json->str, json->len, "big.json"), TR_OK);
  g_string_free(json, TRUE);
  char *dir = g_dir_make_tmp("tr-test-oom-XXXXXX", NULL);
  assert_non_null(dir);
  char *path = g_build_filename(dir, "out.json", NULL);
  char *text = NULL;
  limit_to(8u << 20);
  int rc = tr_catalog_to_json(c, &text);
  int frc = tr_catalog_save_file(c, path);
  unlimit();
  expect_nomem(rc, "tr_catalog_to_json");
  assert_null(text);
  assert_int_equal(frc, TR_OK);
  assert_int_equal(tr_catalog_to_json(c, &text), TR_OK);
  char *written = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(path, &written, &len, NULL));
  assert_true(len > (16u << 20)); /* more than the limit allowed */
  assert_int_equal(len, strlen(text));
  assert_memory_equal(written, text, len);
  g_free(written);
  tr_free(text);
  g_unlink(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
  tr_catalog_free(c);
}

static void test_coder(void **state) {
  (void)state;
  SKIP_UNDER_ASAN();
  tr_coder *coder = NULL;
  assert_int_equal(tr_coder_new(&coder), TR_OK);
  GString *text = g_string_new(NULL);
  while (text->len < (8u << 20))
    g_string_append(text, "No Party shall require the transfer of, or access to, source code. ");
  tr_coding *cd = NULL;
  limit_to(40u << 20);
  int rc = tr_coder_code_text(coder, "Source Code", NULL, text->str, &cd);
  unlimit();
  expect_nomem(rc, "coder");
  assert_null(cd);
  g_string_truncate(text, 1u << 20); /* the whole 8 MB takes seconds: 1 MB shows it works */
  assert_int_equal(tr_coder_code_text(coder, "Source Code", NULL, text->str, &cd), TR_OK);
  tr_coding_free(cd);
  tr_coder_free(coder);
  g_string_free(text, TRUE);
}

static void test_cluster_order(void **state) {
  (void)state;
  SKIP_UNDER_ASAN();
  size_t n = 4000; /* 128 MB of similarities, and as much again for the working copy */
  double *sim = g_new0(double, n * n);
  size_t *order = g_new(size_t, n);
  limit_to(32u << 20);
  int rc = tr_plot_cluster_order(sim, n, order);
  unlimit();
  expect_nomem(rc, "cluster order");
  g_free(sim);
  /* n x n past the address space: a limit, before anything is read */
  double one = 1;
  assert_int_equal(tr_plot_cluster_order(&one, (size_t)1 << 33, order), TR_ERR_LIMIT);
  g_free(order);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_catalog),
    cmocka_unit_test(test_json_tree),
    cmocka_unit_test(test_csv),
    cmocka_unit_test(test_csv_write),
    cmocka_unit_test(test_catalog_write),
    cmocka_unit_test(test_coder),
    cmocka_unit_test(test_cluster_order),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
