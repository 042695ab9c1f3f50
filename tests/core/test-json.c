/* The library's one JSON reader (lib/core/json.c), white-box: the tree, the positions of
 * values and member names, numbers, strings, duplicate names in small and large objects
 * (the large ones switch to a hash table), the depth limit at exactly 64, the field path
 * of syntax errors, inputs that are not NUL-terminated. The loaders' behaviour is tested
 * through their public functions (tests/model, coder, compare, panel). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <traderules/traderules.h>

#include "core/json.h"

static tri_json_doc *parse_ok(const char *text) {
  tri_json_doc *doc = NULL;
  int rc = tri_json_parse(text, strlen(text), "t.json", &doc);
  if (rc != TR_OK)
    fail_msg("parse failed: %s", tr_error_message());
  assert_non_null(doc);
  return doc;
}

static void expect_error(const char *text, size_t len, int code, long line, long col,
                         const char *field, const char *needle) {
  tri_json_doc *doc = (tri_json_doc *)0x1;
  int rc = tri_json_parse(text, len, "e.json", &doc);
  if (rc != code)
    fail_msg("%s: expected %s, got %s (%s)", text, tr_status_id(code), tr_status_id(rc),
             rc ? tr_error_message() : "");
  assert_null(doc);
  assert_string_equal(tr_error_file(), "e.json");
  if (tr_error_line() != line || tr_error_column() != col)
    fail_msg("%s: position %ld:%ld, expected %ld:%ld (%s)", text, tr_error_line(),
             tr_error_column(), line, col, tr_error_message());
  if (field)
    assert_string_equal(tr_error_field(), field);
  else
    assert_null(tr_error_field());
  if (needle && !strstr(tr_error_message(), needle))
    fail_msg("message '%s' lacks '%s'", tr_error_message(), needle);
}

static void test_tree_and_positions(void **state) {
  (void)state;
  const char *text = "{\"a\": [1, -2.5e1, true],\n"
                     "  \"bb\" :\n"
                     "    {\"c\": null, \"d\": \"x\\u00e9\\n\"},\n"
                     "  \"e\": [], \"f\": {}}";
  tri_json_doc *doc = parse_ok(text);
  const tri_json_node *root = tri_json_root(doc);
  assert_int_equal(root->type, TRI_JSON_OBJECT);
  assert_int_equal(root->count, 4);
  assert_int_equal(root->line, 1);
  assert_int_equal(root->column, 1);
  assert_null(root->key);

  const tri_json_node *a = tri_json_get(root, "a");
  assert_int_equal(a->type, TRI_JSON_ARRAY);
  assert_int_equal(a->count, 3);
  assert_int_equal(a->key_line, 1);
  assert_int_equal(a->key_column, 2);
  assert_int_equal(a->line, 1);
  assert_int_equal(a->column, 7);
  const tri_json_node *one = tri_json_at(a, 0), *neg = tri_json_at(a, 1), *t = tri_json_at(a, 2);
  assert_int_equal(one->type, TRI_JSON_INT);
  assert_int_equal(one->u.number.integer, 1);
  assert_true(one->u.number.value == 1.0);
  assert_null(one->key);
  assert_int_equal(one->key_column, one->column); /* outside objects: the value itself */
  assert_int_equal(neg->type, TRI_JSON_DOUBLE);
  assert_true(neg->u.number.value == -25.0);
  assert_int_equal(neg->column, 11);
  assert_int_equal(t->type, TRI_JSON_BOOL);
  assert_true(t->u.boolean);
  assert_null(tri_json_at(a, 3));

  const tri_json_node *bb = tri_json_get(root, "bb");
  assert_int_equal(bb->key_line, 2);
  assert_int_equal(bb->key_column, 3);
  assert_int_equal(bb->line, 3);
  assert_int_equal(bb->column, 5);
  const tri_json_node *d = tri_json_get(bb, "d");
  assert_int_equal(d->type, TRI_JSON_STRING);
  assert_string_equal(d->u.string.text, "x\xC3\xA9\n");
  assert_int_equal(d->u.string.length, 4);
  assert_int_equal(tri_json_get(bb, "c")->type, TRI_JSON_NULL);
  assert_null(tri_json_get(bb, "zz"));
  assert_null(tri_json_get(a, "c")); /* not an object */

  assert_int_equal(tri_json_get(root, "e")->count, 0);
  assert_int_equal(tri_json_get(root, "f")->type, TRI_JSON_OBJECT);
  assert_int_equal(tri_json_get(root, "f")->count, 0);
  assert_int_equal(tri_json_get(root, "f")->line, 4);
  /* members in document order */
  assert_string_equal(tri_json_at(root, 0)->key, "a");
  assert_string_equal(tri_json_at(root, 3)->key, "f");
  assert_string_equal(tri_json_describe(a), "an array");
  assert_string_equal(tri_json_type_name(TRI_JSON_INT), "integer");
  tri_json_free(doc);
}

static void test_scalars_and_bom(void **state) {
  (void)state;
  /* A scalar root; a BOM skipped (columns still count its bytes); not NUL-terminated. */
  const char buf[] = "\xEF\xBB\xBF \"abc\"GARBAGE";
  tri_json_doc *doc = NULL;
  assert_int_equal(tri_json_parse(buf, 9, "b.json", &doc), TR_OK);
  assert_int_equal(tri_json_root(doc)->type, TRI_JSON_STRING);
  assert_string_equal(tri_json_root(doc)->u.string.text, "abc");
  assert_int_equal(tri_json_root(doc)->column, 5);
  assert_string_equal(tri_json_name(doc), "b.json");
  tri_json_free(doc);

  doc = parse_ok("[123456789012345678, -12345678901234567, 1e400, 0.5, 1E2]");
  const tri_json_node *r = tri_json_root(doc);
  assert_int_equal(tri_json_at(r, 0)->u.number.integer, G_GINT64_CONSTANT(123456789012345678));
  assert_int_equal(tri_json_at(r, 1)->u.number.integer, G_GINT64_CONSTANT(-12345678901234567));
  assert_int_equal(tri_json_at(r, 2)->type, TRI_JSON_DOUBLE);
  assert_true(tri_json_at(r, 2)->u.number.value > 1e308); /* +inf: the loaders refuse it */
  assert_true(tri_json_at(r, 3)->u.number.value == 0.5);
  assert_true(tri_json_at(r, 4)->u.number.value == 100.0);
  assert_int_equal(tri_json_at(r, 4)->type, TRI_JSON_DOUBLE);
  tri_json_free(doc);

  /* Surrogate pairs decode; a long string is copied whole. */
  doc = parse_ok("\"\\ud83d\\ude00\"");
  assert_string_equal(tri_json_root(doc)->u.string.text, "\xF0\x9F\x98\x80");
  tri_json_free(doc);
  GString *s = g_string_new("\"");
  for (int i = 0; i < 100000; i++)
    g_string_append(s, i % 1000 ? "a" : "\\t");
  g_string_append_c(s, '"');
  doc = parse_ok(s->str);
  assert_int_equal(tri_json_root(doc)->u.string.length, 100000);
  assert_int_equal(tri_json_root(doc)->u.string.text[0], '\t');
  tri_json_free(doc);
  g_string_free(s, TRUE);
}

/* Duplicate names: found by the linear check in small objects and by the hash table in
 * large ones, wherever the second occurrence is. */
static void test_duplicates(void **state) {
  (void)state;
  expect_error("{\"a\": 1,\n \"b\": 2, \"a\": 3}", 25 - 0, TR_ERR_SCHEMA, 2, 10, "a", "duplicate member name 'a'");
  for (int n = 2; n <= 200; n += 33) {
    for (int dup = 0; dup < n; dup += 7) {
      GString *s = g_string_new("{\"x\": {");
      for (int i = 0; i < n; i++)
        g_string_append_printf(s, "%s\"k%d\": %d", i ? ", " : "", i, i);
      long col = (long)s->len + 3;
      g_string_append_printf(s, ", \"k%d\": 0}}", dup);
      char *field = g_strdup_printf("x.k%d", dup);
      expect_error(s->str, s->len, TR_ERR_SCHEMA, 1, col, field, "twice");
      g_free(field);
      g_string_free(s, TRUE);
    }
  }
  /* Same names in different objects are fine, also in large ones. */
  GString *s = g_string_new("[");
  for (int o = 0; o < 3; o++) {
    g_string_append(s, o ? ", {" : "{");
    for (int i = 0; i < 50; i++)
      g_string_append_printf(s, "%s\"k%d\": [%d]", i ? ", " : "", i, o);
    g_string_append_c(s, '}');
  }
  g_string_append_c(s, ']');
  tri_json_doc *doc = parse_ok(s->str);
  const tri_json_node *third = tri_json_at(tri_json_root(doc), 2);
  assert_int_equal(third->count, 50);
  assert_int_equal(tri_json_at(tri_json_get(third, "k49"), 0)->u.number.integer, 2);
  tri_json_free(doc);
  g_string_free(s, TRUE);
}

static void test_depth(void **state) {
  (void)state;
  GString *s = g_string_new(NULL);
  for (int i = 0; i < 64; i++)
    g_string_append_c(s, '[');
  for (int i = 0; i < 64; i++)
    g_string_append_c(s, ']');
  tri_json_doc *doc = parse_ok(s->str);
  const tri_json_node *n = tri_json_root(doc);
  for (int i = 1; i < 64; i++)
    n = tri_json_at(n, 0);
  assert_int_equal(n->count, 0);
  assert_int_equal(n->column, 64);
  tri_json_free(doc);
  g_string_insert_c(s, 0, '[');
  g_string_append_c(s, ']');
  GString *field = g_string_new(NULL);
  for (int i = 0; i < 64; i++)
    g_string_append(field, "[0]");
  expect_error(s->str, s->len, TR_ERR_LIMIT, 1, 65, field->str, "nesting deeper than 64");
  g_string_free(field, TRUE);
  g_string_free(s, TRUE);
  /* a million opening brackets: a clean error, no recursion */
  char *many = g_malloc(1000000);
  memset(many, '{', 1000000);
  tri_json_doc *none = NULL;
  assert_int_equal(tri_json_parse(many, 1000000, "m.json", &none), TR_ERR_PARSE); /* '{' is no member name */
  memset(many, '[', 1000000);
  assert_int_equal(tri_json_parse(many, 1000000, "m.json", &none), TR_ERR_LIMIT);
  assert_null(none);
  g_free(many);
}

static void test_syntax_errors(void **state) {
  (void)state;
#define E(text, code, line, col, field, needle) expect_error(text, sizeof text - 1, code, line, col, field, needle)
  E("", TR_ERR_EMPTY, 1, 1, NULL, "empty input");
  E(" \n ", TR_ERR_EMPTY, 2, 2, NULL, "empty input");
  E("{\"a\": [1, 2,]}", TR_ERR_PARSE, 1, 13, "a[2]", "unexpected character ']'");
  E("{\"a\": {\"b\": 1 \"c\": 2}}", TR_ERR_PARSE, 1, 15, "a", "expected ',' or '}'");
  E("[1, [2, 3]", TR_ERR_PARSE, 1, 11, "[1]", "missing ']'");
  E("{\"a\": 1} x", TR_ERR_PARSE, 1, 10, NULL, "trailing data");
  E("{\"a\" 1}", TR_ERR_PARSE, 1, 6, NULL, "expected ':'");
  E("{a: 1}", TR_ERR_PARSE, 1, 2, NULL, "member name in double quotes");
  E("{\"a\":", TR_ERR_PARSE, 1, 6, "a", "member value expected");
  E("[01]", TR_ERR_PARSE, 1, 3, NULL, "expected ',' or ']'");
  E("[1.]", TR_ERR_PARSE, 1, 2, "[0]", "digit expected after '.'");
  E("[1e+]", TR_ERR_PARSE, 1, 2, "[0]", "exponent");
  E("[-]", TR_ERR_PARSE, 1, 2, "[0]", "invalid number");
  E("[1234567890123456789]", TR_ERR_LIMIT, 1, 2, "[0]", "18 digits");
  E("[nul]", TR_ERR_PARSE, 1, 2, "[0]", "unexpected character 'n'");
  E("[\"a\tb\"]", TR_ERR_PARSE, 1, 4, "[0]", "control character 0x09");
  E("[\"abc", TR_ERR_PARSE, 1, 2, "[0]", "unterminated string");
  E("[\"\\q\"]", TR_ERR_PARSE, 1, 3, "[0]", "invalid escape '\\q'");
  E("[\"\\u12\"]", TR_ERR_PARSE, 1, 3, "[0]", "invalid \\u escape");
  E("{\"k\": \"\\u0000\"}", TR_ERR_ENCODING, 1, 8, "k", "\\u0000");
  E("[\"\\udc00\"]", TR_ERR_ENCODING, 1, 3, "[0]", "unpaired low surrogate escape");
  E("[\"\\ud800\\u0041\"]", TR_ERR_ENCODING, 1, 3, "[0]", "unpaired high surrogate escape");
  E("[1,\n \"\xC3\x28\"]", TR_ERR_ENCODING, 2, 3, NULL, "invalid UTF-8 (byte 0xc3 at offset 6)");
  E("[1,\0 2]", TR_ERR_PARSE, 1, 4, NULL, "NUL byte");
#undef E
  tri_json_doc *doc = NULL;
  assert_int_equal(tri_json_parse(NULL, 3, "x", &doc), TR_ERR_INVALID_ARG);
  assert_int_equal(tri_json_parse("1", 1, "x", NULL), TR_ERR_INVALID_ARG);
  assert_int_equal(tri_json_parse(NULL, 0, NULL, &doc), TR_ERR_EMPTY);
  assert_string_equal(tr_error_file(), "<memory>");
  tri_json_free(NULL);
}

/* Many small nodes (the arena grows in blocks) and one string too long. */
static void test_sizes(void **state) {
  (void)state;
  GString *s = g_string_new("{\"list\": [");
  for (int i = 0; i < 200000; i++)
    g_string_append_printf(s, "%s{\"id\": \"X-%d\", \"n\": %d}", i ? "," : "", i, i);
  g_string_append(s, "]}");
  tri_json_doc *doc = parse_ok(s->str);
  const tri_json_node *list = tri_json_get(tri_json_root(doc), "list");
  assert_int_equal(list->count, 200000);
  assert_string_equal(tri_json_get(tri_json_at(list, 199999), "id")->u.string.text, "X-199999");
  tri_json_free(doc);
  g_string_free(s, TRUE);

  s = g_string_new("[\"");
  g_string_set_size(s, 2 + TRI_JSON_MAX_STRING + 1);
  memset(s->str + 2, 'a', TRI_JSON_MAX_STRING + 1);
  g_string_append(s, "\"]");
  expect_error(s->str, s->len, TR_ERR_LIMIT, 1, 2, "[0]", "string longer than");
  g_string_free(s, TRUE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_tree_and_positions),
    cmocka_unit_test(test_scalars_and_bom),
    cmocka_unit_test(test_duplicates),
    cmocka_unit_test(test_depth),
    cmocka_unit_test(test_syntax_errors),
    cmocka_unit_test(test_sizes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
