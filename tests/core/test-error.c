/* Tests for the thread-local error record and status ids. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/tr-internal.h"

static void test_no_error_initially(void **state) {
  (void)state;
  tr_error_clear();
  assert_int_equal(tr_error_code(), TR_OK);
  assert_string_equal(tr_error_message(), "");
  assert_null(tr_error_file());
  assert_null(tr_error_field());
  assert_int_equal(tr_error_line(), 0);
  assert_int_equal(tr_error_column(), 0);
}

static void test_message_names_location(void **state) {
  (void)state;
  int rc = tri_set_error(TR_ERR_SCHEMA, "cat.json", 12, 7, "agreements[2].kind",
                        "unknown kind '%s'", "treaty");
  assert_int_equal(rc, TR_ERR_SCHEMA);
  assert_int_equal(tr_error_code(), TR_ERR_SCHEMA);
  assert_string_equal(tr_error_message(),
                      "cat.json:12:7: field 'agreements[2].kind': unknown kind 'treaty'");
  assert_string_equal(tr_error_file(), "cat.json");
  assert_string_equal(tr_error_field(), "agreements[2].kind");
  assert_int_equal(tr_error_line(), 12);
  assert_int_equal(tr_error_column(), 7);
  tr_error_clear();
  assert_int_equal(tr_error_code(), TR_OK);
}

static void test_message_without_location(void **state) {
  (void)state;
  tri_fail(TR_ERR_INVALID_ARG, "catalog is NULL");
  assert_string_equal(tr_error_message(), "catalog is NULL");
  assert_null(tr_error_file());
  tri_set_error(TR_ERR_IO, "x.json", 0, 0, NULL, "cannot open");
  assert_string_equal(tr_error_message(), "x.json: cannot open");
  tri_set_error(TR_ERR_PARSE, "x.json", 3, 0, NULL, "bad");
  assert_string_equal(tr_error_message(), "x.json:3: bad");
}

static gpointer other_thread(gpointer data) {
  (void)data;
  /* A fresh thread sees no error, and its error does not leak back. */
  int seen = tr_error_code();
  tri_fail(TR_ERR_NOMEM, "thread-local");
  return GINT_TO_POINTER(seen);
}

static void test_thread_local(void **state) {
  (void)state;
  tri_fail(TR_ERR_PARSE, "main thread");
  GThread *t = g_thread_new("err", other_thread, NULL);
  int seen = GPOINTER_TO_INT(g_thread_join(t));
  assert_int_equal(seen, TR_OK);
  assert_int_equal(tr_error_code(), TR_ERR_PARSE);
  assert_string_equal(tr_error_message(), "main thread");
}

static void test_save_restore(void **state) {
  (void)state;
  tri_set_error(TR_ERR_DUPLICATE, "a.json", 1, 2, "id", "dup");
  tr_error_saved *s = tri_error_save();
  tri_fail(TR_ERR_IO, "other");
  tri_error_restore(s);
  assert_int_equal(tr_error_code(), TR_ERR_DUPLICATE);
  assert_string_equal(tr_error_field(), "id");
}

static void test_status_ids(void **state) {
  (void)state;
  assert_string_equal(tr_status_id(TR_OK), "ok");
  assert_string_equal(tr_status_id(TR_ERR_PARSE), "parse");
  assert_string_equal(tr_status_id(TR_ERR_ENCODING), "encoding");
  assert_string_equal(tr_status_id(TR_ERR_INTERNAL), "internal");
  assert_string_equal(tr_status_id(-999), "unknown");
  assert_string_equal(tr_status_id(1), "unknown");
  /* Every code in the documented range has a distinct id. */
  for (int a = TR_ERR_INTERNAL; a <= TR_OK; a++)
    for (int b = a + 1; b <= TR_OK; b++)
      assert_string_not_equal(tr_status_id(a), tr_status_id(b));
  tr_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_no_error_initially),
    cmocka_unit_test(test_message_names_location),
    cmocka_unit_test(test_message_without_location),
    cmocka_unit_test(test_thread_local),
    cmocka_unit_test(test_save_restore),
    cmocka_unit_test(test_status_ids),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
