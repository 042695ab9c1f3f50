/*
 * Failure injection for the JSON catalog loader: a failed load leaves the
 * catalog exactly as it was. The state before and after is compared through
 * tr_catalog_to_json(). Injected failures: the valid fixture
 * tests/fixtures/failure/small-catalog.json truncated at every byte offset
 * (from memory and from a file), every byte replaced by bytes that break the
 * syntax, the encoding or the schema, and errors that can only be detected at
 * the very end of a file (duplicate ids, dangling references).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include <traderules/traderules.h>

#define FIXTURE TR_FIXTURES_DIR "/failure/small-catalog.json"

static char *fixture;
static size_t fixture_len;

/* A non-empty catalog to load into, built through the API. */
static tr_catalog *base_catalog(void) {
  tr_catalog *cat = NULL;
  tr_agreement *a = NULL;
  tr_provision *p = NULL;
  assert_int_equal(tr_catalog_new(&cat), TR_OK);
  assert_int_equal(tr_agreement_new("BASE", "Base agreement", &a), TR_OK);
  assert_int_equal(tr_agreement_add_party(a, "CAN"), TR_OK);
  assert_int_equal(tr_provision_new(TR_CATEGORY_SOURCE_CODE, TR_STRENGTH_HARD, &p), TR_OK);
  assert_int_equal(tr_agreement_add_provision(a, p), TR_OK);
  assert_int_equal(tr_catalog_add_agreement(cat, a), TR_OK);
  return cat;
}

static char *snapshot(const tr_catalog *cat) {
  char *json = NULL;
  assert_int_equal(tr_catalog_to_json(cat, &json), TR_OK);
  assert_non_null(json);
  return json;
}

/* Load and check the all-or-nothing rule; returns the status. */
static int load_checked(tr_catalog *cat, const char *data, size_t len, const char *path,
                        const char *before) {
  int rc;
  tr_error_clear();
  rc = path ? tr_catalog_load_file(cat, path) : tr_catalog_load_data(cat, data, len, "injected.json");
  if (rc != TR_OK) {
    char *after = snapshot(cat);
    assert_true(rc < 0);
    assert_int_equal(tr_error_code(), rc);
    assert_true(tr_error_message()[0] != '\0');
    /* The message names the input. */
    assert_non_null(strstr(tr_error_message(), path ? path : "injected.json"));
    if (strcmp(before, after) != 0)
      fail_msg("failed load changed the catalog (%s)", tr_error_message());
    tr_free(after);
  }
  return rc;
}

static int setup(void **state) {
  GError *err = NULL;
  (void)state;
  if (!g_file_get_contents(FIXTURE, &fixture, &fixture_len, &err)) {
    fprintf(stderr, "%s\n", err->message);
    g_error_free(err);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  g_free(fixture);
  return 0;
}

static void test_fixture_is_valid(void **state) {
  (void)state;
  tr_catalog *cat = base_catalog();
  assert_int_equal(tr_catalog_load_data(cat, fixture, fixture_len, "fixture"), TR_OK);
  assert_int_equal(tr_catalog_agreement_count(cat), 3);
  assert_non_null(tr_catalog_find_agreement(cat, "TEST_B"));
  assert_int_equal(tr_catalog_barrier_count(cat), 1);
  assert_int_equal(tr_catalog_indicator_count(cat), 1);
  tr_catalog_free(cat);
}

/* Every proper prefix of the file: an error and no change, or (only when
 * the cut removes trailing whitespace) the same result as the whole file. */
static void test_truncated_every_offset(void **state) {
  (void)state;
  tr_catalog *full = base_catalog();
  tr_catalog *cat = base_catalog();
  char *before = snapshot(cat), *complete;
  size_t failures = 0;
  assert_int_equal(tr_catalog_load_data(full, fixture, fixture_len, "fixture"), TR_OK);
  complete = snapshot(full);
  for (size_t cut = 0; cut < fixture_len; cut++) {
    if (load_checked(cat, fixture, cut, NULL, before) == TR_OK) {
      char *now = snapshot(cat);
      for (size_t k = cut; k < fixture_len; k++)
        assert_true(g_ascii_isspace(fixture[k]));
      assert_string_equal(now, complete);
      tr_free(now);
      tr_catalog_free(cat);
      cat = base_catalog();
    } else {
      failures++;
    }
  }
  assert_true(failures > fixture_len / 2);
  tr_free(before);
  tr_free(complete);
  tr_catalog_free(cat);
  tr_catalog_free(full);
}

/* The same through files: every prefix written to a temporary file. */
static void test_truncated_file_every_offset(void **state) {
  (void)state;
  tr_catalog *cat = base_catalog();
  char *before = snapshot(cat);
  char *dir = g_dir_make_tmp("tr-atomic-XXXXXX", NULL);
  char *path = g_build_filename(dir, "cut.json", NULL);
  assert_non_null(dir);
  for (size_t cut = 0; cut < fixture_len; cut++) {
    /* No fsync: G_FILE_SET_CONTENTS_NONE (plain g_file_set_contents syncs every write). */
    assert_true(g_file_set_contents_full(path, fixture, (gssize)cut, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
    if (load_checked(cat, NULL, 0, path, before) == TR_OK) {
      tr_catalog_free(cat);
      cat = base_catalog();
    }
  }
  /* A path that is not a regular file, and one that does not exist. */
  assert_true(load_checked(cat, NULL, 0, dir, before) < 0);
  g_unlink(path);
  assert_int_equal(load_checked(cat, NULL, 0, path, before), TR_ERR_IO);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
  tr_free(before);
  tr_catalog_free(cat);
}

/* Every byte replaced by a byte that breaks syntax, encoding or schema (the
 * kinds cycle with the offset, so each offset gets one and each kind is used
 * all over the file; the whole cross product is left to the fuzzer). */
static void test_corrupted_every_offset(void **state) {
  (void)state;
  static const char bad[] = {'\0', '"', '}', ',', '\xc3', '\xff', 'x'};
  tr_catalog *cat = base_catalog();
  char *before = snapshot(cat);
  char *copy = g_memdup2(fixture, fixture_len);
  size_t failures = 0, runs = 0;
  for (size_t i = 0; i < fixture_len; i++) {
    char b = bad[i % sizeof bad];
    if (fixture[i] == b)
      b = bad[(i + 1) % sizeof bad];
    copy[i] = b;
    runs++;
    if (load_checked(cat, copy, fixture_len, NULL, before) == TR_OK) {
      tr_catalog_free(cat);
      cat = base_catalog();
    } else {
      failures++;
    }
    copy[i] = fixture[i];
  }
  assert_true(failures > runs / 2);
  g_free(copy);
  tr_free(before);
  tr_catalog_free(cat);
}

/* Errors found only after most of the file was read. */
static void test_late_errors(void **state) {
  (void)state;
  tr_catalog *cat = base_catalog();
  char *before = snapshot(cat);
  const char *last = strrchr(fixture, '}');
  GString *s;
  assert_non_null(last);

  /* An id that the base catalog already has. */
  s = g_string_new_len(fixture, last - fixture);
  g_string_truncate(s, (gsize)(strstr(s->str, "\"barriers\"") - s->str));
  g_string_append(s, "\"barriers\": [], \"x-late\": 1, \"indicators\": []}");
  {
    char *p = strstr(s->str, "\"TEST_B\"");
    assert_non_null(p);
    memcpy(p, "\"BASE\"  ", 8); /* same length: TEST_B becomes BASE */
  }
  assert_int_equal(load_checked(cat, s->str, s->len, NULL, before), TR_ERR_DUPLICATE);
  g_string_free(s, TRUE);

  /* A reference to an agreement that exists nowhere. */
  s = g_string_new_len(fixture, (gssize)fixture_len);
  {
    char *p = strstr(s->str, "\"based_on\": \"TEST_A\"");
    assert_non_null(p);
    memcpy(p, "\"based_on\": \"TEST_Z\"", 20);
  }
  assert_int_equal(load_checked(cat, s->str, s->len, NULL, before), TR_ERR_REFERENCE);
  g_string_free(s, TRUE);

  /* The same file twice: the second load collides with the first. */
  assert_int_equal(tr_catalog_load_data(cat, fixture, fixture_len, "first"), TR_OK);
  tr_free(before);
  before = snapshot(cat);
  assert_int_equal(load_checked(cat, fixture, fixture_len, NULL, before), TR_ERR_DUPLICATE);
  tr_free(before);
  tr_catalog_free(cat);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_fixture_is_valid),
    cmocka_unit_test(test_truncated_every_offset),
    cmocka_unit_test(test_truncated_file_every_offset),
    cmocka_unit_test(test_corrupted_every_offset),
    cmocka_unit_test(test_late_errors),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
