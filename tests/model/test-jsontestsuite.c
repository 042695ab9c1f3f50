/* Every file of JSONTestSuite's test_parsing through tr_catalog_load_data(): each must give
 * TR_OK or a clean error with a message, never a crash. Files named y_ are valid JSON, so
 * they must never be reported as syntax errors; files named n_ are invalid, so they must
 * never load. Each file is also wrapped as the value of an "x-" member of a valid catalog, so
 * that valid documents travel through the JSON reader and the whole loader: wrapped y_ files must
 * load (except where a documented limit applies), wrapped n_ files must not. Skipped when the suite is not present (set TR_JSONTESTSUITE to its directory). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <traderules/traderules.h>

#define DEFAULT_DIR "/work/shared/data/jsontestsuite/test_parsing"

static void test_parsing(void **state) {
  (void)state;
  const char *dir = g_getenv("TR_JSONTESTSUITE");
  GDir *d;
  const char *name;
  int files = 0, ok = 0, y_files = 0, n_files = 0;
  if (!dir)
    dir = DEFAULT_DIR;
  d = g_dir_open(dir, 0, NULL);
  if (!d)
    skip();
  while ((name = g_dir_read_name(d))) {
    char *path, *data = NULL;
    gsize len = 0;
    tr_catalog *c = NULL;
    if (!g_str_has_suffix(name, ".json"))
      continue;
    path = g_build_filename(dir, name, NULL);
    assert_true(g_file_get_contents(path, &data, &len, NULL));
    assert_int_equal(tr_catalog_new(&c), TR_OK);
    tr_error_clear();
    int rc = tr_catalog_load_data(c, data, len, name);
    files++;
    if (rc == TR_OK) {
      ok++;
    } else {
      assert_true(rc < 0);
      assert_int_equal(tr_error_code(), rc);
      assert_true(strlen(tr_error_message()) > 0);
      assert_string_equal(tr_error_file(), name);
      assert_int_equal(tr_catalog_agreement_count(c), 0);
    }
    if (name[0] == 'y') {
      y_files++;
      if (rc == TR_ERR_PARSE)
        fail_msg("%s is valid JSON but was rejected: %s", name, tr_error_message());
    } else if (name[0] == 'n') {
      n_files++;
      if (rc == TR_OK)
        fail_msg("%s is invalid JSON but loaded", name);
    }
    tr_catalog_free(c);

    /* Wrapped. */
    GString *w = g_string_new("{\"format\": \"traderules-catalog\", \"version\": 1, \"x-test\": ");
    g_string_append_len(w, data, (gssize)len);
    g_string_append(w, "\n}");
    assert_int_equal(tr_catalog_new(&c), TR_OK);
    rc = tr_catalog_load_data(c, w->str, w->len, name);
    if (rc != TR_OK)
      assert_true(strlen(tr_error_message()) > 0);
    /* Documented restrictions: limits, \u0000 / lone surrogates, duplicate member names. */
    gboolean restricted = rc == TR_ERR_LIMIT || rc == TR_ERR_ENCODING ||
                          (rc == TR_ERR_SCHEMA && strstr(tr_error_message(), "duplicate member name"));
    if (name[0] == 'y' && rc != TR_OK && !restricted)
      fail_msg("wrapped %s did not load: %s", name, tr_error_message());
    if (name[0] == 'y' && rc != TR_OK)
      print_message("wrapped %s: %s\n", name, tr_error_message());
    if (name[0] == 'n' && rc == TR_OK)
      fail_msg("wrapped %s is invalid JSON but loaded", name);
    tr_catalog_free(c);
    g_string_free(w, TRUE);
    g_free(data);
    g_free(path);
  }
  g_dir_close(d);
  print_message("%d files (%d y_, %d n_), %d loaded\n", files, y_files, n_files, ok);
  assert_true(files > 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_parsing),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
