/*
 * Pathological input gives a clean error, never a crash or unbounded work:
 * nesting far deeper than the documented limits (JSON catalog, barrier
 * profile, coder rules, ToTA XML) and a string longer than the catalog's
 * 1 MiB field limit. Each input is built in memory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include <traderules/traderules.h>
#include <traderules/coder.h>
#include <traderules/compare.h>
#include <traderules/corpus.h>

#define DEPTH 200000

static char *nested(const char *open, const char *close, size_t depth) {
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < depth; i++)
    g_string_append(s, open);
  for (size_t i = 0; i < depth; i++)
    g_string_append(s, close);
  return g_string_free(s, FALSE);
}

static void assert_clean_error(int rc) {
  assert_true(rc < 0);
  assert_int_equal(tr_error_code(), rc);
  assert_true(tr_error_message()[0] != '\0');
}

static void test_deep_json(void **state) {
  (void)state;
  char *arrays = nested("[", "]", DEPTH), *objects;
  GString *o = g_string_new("{\"format\":\"traderules-catalog\",\"version\":1,\"x-deep\":");
  tr_catalog *cat = NULL;
  tr_barrier_set *set = NULL;
  tr_coder *coder = NULL;
  g_string_append(o, arrays);
  g_string_append(o, "}");
  objects = nested("{\"a\":", "}", DEPTH / 4);

  assert_int_equal(tr_catalog_new(&cat), TR_OK);
  assert_clean_error(tr_catalog_load_data(cat, arrays, strlen(arrays), "deep.json"));
  assert_int_equal(tr_catalog_load_data(cat, o->str, o->len, "deep-member.json"), TR_ERR_LIMIT);
  assert_clean_error(tr_catalog_load_data(cat, objects, strlen(objects), "deep-objects.json"));
  assert_int_equal(tr_catalog_agreement_count(cat), 0);

  assert_int_equal(tr_barrier_set_new(&set), TR_OK);
  assert_clean_error(tr_barrier_set_load_data(set, cat, arrays, strlen(arrays), "deep.json"));
  assert_clean_error(tr_barrier_set_load_data(set, cat, objects, strlen(objects), "deep.json"));
  assert_int_equal(tr_barrier_set_count(set), 0);

  assert_clean_error(tr_coder_new_from_data(arrays, strlen(arrays), "deep.json", &coder));
  assert_clean_error(tr_coder_new_from_data(objects, strlen(objects), "deep.json", &coder));
  assert_null(coder);

  tr_barrier_set_free(set);
  tr_catalog_free(cat);
  g_string_free(o, TRUE);
  g_free(arrays);
  g_free(objects);
}

static void test_long_string_field(void **state) {
  (void)state;
  GString *s = g_string_new("{\"format\":\"traderules-catalog\",\"version\":1,\"agreements\":"
                            "[{\"id\":\"LONG\",\"name\":\"");
  tr_catalog *cat = NULL;
  for (size_t i = 0; i < (1u << 20) + 16; i++)
    g_string_append_c(s, 'x');
  g_string_append(s, "\"}]}");
  assert_int_equal(tr_catalog_new(&cat), TR_OK);
  assert_int_equal(tr_catalog_load_data(cat, s->str, s->len, "long.json"), TR_ERR_LIMIT);
  assert_non_null(strstr(tr_error_message(), "long.json"));
  assert_int_equal(tr_catalog_agreement_count(cat), 0);
  tr_catalog_free(cat);
  g_string_free(s, TRUE);
}

static void test_deep_xml(void **state) {
  (void)state;
  GString *x = g_string_new("<?xml version=\"1.0\"?><treaty><meta><treaty_identifier>1"
                            "</treaty_identifier></meta><body><chapter><article>");
  char *deep = nested("<b>", "</b>", DEPTH / 10);
  tr_corpus *c = NULL;
  g_string_append(x, deep);
  g_string_append(x, "</article></chapter></body></treaty>");
  assert_int_equal(tr_corpus_new(&c), TR_OK);
  assert_clean_error(tr_corpus_load_memory(c, "deep.xml", x->str, x->len));
  assert_int_equal(tr_corpus_agreement_count(c), 0);
  tr_corpus_free(c);
  g_string_free(x, TRUE);
  g_free(deep);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_deep_json),
    cmocka_unit_test(test_long_string_field),
    cmocka_unit_test(test_deep_xml),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
