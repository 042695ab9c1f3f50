/* Tests for the compile-time and run-time version. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <traderules/traderules.h>

static void test_runtime_matches_headers(void **state) {
  (void)state;
  char buf[32];
  assert_string_equal(tr_version(), TR_VERSION_STRING);
  assert_int_equal(tr_version_num(), TR_VERSION_NUM);
  snprintf(buf, sizeof buf, "%d.%d.%d", TR_VERSION_MAJOR, TR_VERSION_MINOR, TR_VERSION_MICRO);
  assert_string_equal(buf, tr_version());
}

static void test_check_version_macro(void **state) {
  (void)state;
  assert_true(TR_CHECK_VERSION(0, 0, 0));
  assert_true(TR_CHECK_VERSION(TR_VERSION_MAJOR, TR_VERSION_MINOR, TR_VERSION_MICRO));
  assert_false(TR_CHECK_VERSION(TR_VERSION_MAJOR, TR_VERSION_MINOR, TR_VERSION_MICRO + 1));
  assert_false(TR_CHECK_VERSION(TR_VERSION_MAJOR + 1, 0, 0));
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_runtime_matches_headers),
    cmocka_unit_test(test_check_version_macro),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
