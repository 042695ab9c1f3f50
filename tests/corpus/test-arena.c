/*
 * The documents' string arenas (lib/corpus/corpus.c, tr-corpus-private.h): copies are
 * exact and NUL-terminated, long strings get blocks of their own, a reset gives back what
 * was taken after the mark (the blocks too), and hand-over moves every block; a parse
 * into an arena that fails takes nothing from it. Also: '&' in attribute values.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "corpus/tr-corpus-private.h"

static void test_strdup_blocks(void **state) {
  (void)state;
  tri_arena a;
  tri_arena_init(&a, 4096);
  char buf[700];
  char *s[100];
  for (int i = 0; i < 100; i++) {
    memset(buf, 'a' + i % 26, sizeof buf);
    s[i] = tri_arena_strdup(&a, buf, (size_t)(50 + i * 3) % 600);
  }
  for (int i = 0; i < 100; i++) {
    size_t len = (size_t)(50 + i * 3) % 600;
    assert_int_equal(strlen(s[i]), len);
    for (size_t k = 0; k < len; k++)
      assert_int_equal(s[i][k], 'a' + i % 26);
  }
  guint nb = a.blocks->len;
  assert_true(nb > 1); /* several 4 KiB blocks */

  /* a long string: a block of its own, the current block stays current */
  char *cur = a.cur;
  char *big = g_malloc(5000);
  memset(big, 'z', 5000);
  char *l = tri_arena_strdup(&a, big, 5000);
  assert_int_equal(strlen(l), 5000);
  assert_ptr_equal(a.cur, cur);
  assert_int_equal(a.blocks->len, nb + 1);
  g_free(big);

  /* reset: what came after the mark is given back, blocks included */
  tri_arena_mark m = tri_arena_get_mark(&a);
  for (int i = 0; i < 50; i++)
    tri_arena_strdup(&a, buf, 600);
  assert_true(a.blocks->len > nb + 1);
  tri_arena_reset(&a, m);
  assert_int_equal(a.blocks->len, nb + 1);
  assert_ptr_equal(a.cur, cur);
  assert_ptr_equal(tri_arena_strdup(&a, "x", 1), cur);

  /* hand over: the blocks move, the arena is empty */
  GPtrArray *to = g_ptr_array_new_with_free_func(g_free);
  tri_arena_hand_over(&a, to);
  assert_int_equal(to->len, nb + 1);
  assert_null(a.blocks);
  assert_string_equal(s[0], "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"); /* still there */
  g_ptr_array_free(to, TRUE);

  /* hand over to nobody: freed */
  tri_arena_init(&a, 4096);
  tri_arena_strdup(&a, "y", 1);
  tri_arena_hand_over(&a, NULL);
  assert_null(a.blocks);
}

static const char good[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<treaty><meta><name>A &amp; B</name>"
  "<treaty_identifier>7</treaty_identifier></meta><body><chapter name=\"One\">"
  "<article article_identifier=\"1\">Each Party shall adopt measures.</article>"
  "</chapter></body></treaty>\n";
static const char bad[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<treaty><meta><name>A</name>"
  "<treaty_identifier>8</treaty_identifier></meta><body><chapter name=\"One\">"
  "<article article_identifier=\"1\">Each Party shall</chapter></body></treaty>\n";

static void test_parse_in_arena(void **state) {
  (void)state;
  tri_arena a;
  GString *text = g_string_new(NULL);
  perr_t e = { 0 };
  tri_arena_init(&a, 1 << 16);
  doc_t *d = tri_parse_doc_mode("good.xml", good, sizeof good - 1, &e, text, TRI_XML_AUTO, NULL, &a);
  assert_non_null(d);
  assert_int_equal(e.code, 0);
  assert_int_equal(d->strings->len, 0); /* the strings are in the arena */
  assert_string_equal(d->a.meta[TR_CORPUS_FIELD_NAME], "A & B");
  art_t *ar = &d->articles[0];
  assert_string_equal(ar->text, "Each Party shall adopt measures.");
  assert_true(ar->text >= (char *)g_ptr_array_index(a.blocks, 0) &&
              ar->text < (char *)g_ptr_array_index(a.blocks, 0) + (1 << 16));
  /* so are the chapters and articles, aligned */
  assert_int_equal(d->nchapters, 1);
  assert_int_equal(d->narticles, 1);
  assert_true((char *)d->articles >= (char *)g_ptr_array_index(a.blocks, 0) &&
              (char *)(d->articles + 1) <= (char *)g_ptr_array_index(a.blocks, 0) + (1 << 16));
  assert_true((char *)d->chapters >= (char *)g_ptr_array_index(a.blocks, 0) &&
              (char *)(d->chapters + 1) <= (char *)g_ptr_array_index(a.blocks, 0) + (1 << 16));
  assert_int_equal((uintptr_t)d->articles % 8, 0);
  assert_int_equal((uintptr_t)d->chapters % 8, 0);

  /* a malformed file (declined by the scanner, refused by libxml2) takes nothing */
  tri_arena_mark m = tri_arena_get_mark(&a);
  doc_t *d2 = tri_parse_doc_mode("bad.xml", bad, sizeof bad - 1, &e, text, TRI_XML_AUTO, NULL, &a);
  assert_null(d2);
  assert_int_not_equal(e.code, 0);
  assert_ptr_equal(a.cur, m.cur);
  assert_int_equal(a.blocks->len, m.nblocks);
  tri_perr_clear(&e);

  tri_doc_free(d); /* the strings stay with the arena */
  tri_arena_hand_over(&a, NULL);
  g_string_free(text, TRUE);
}

/* '&' in an attribute value is '&' with either parser (libxml2's SAX2 gives "&#38;"):
 * a reference followed by the literal characters "#38;" stays exactly that. */
static void test_attr_ampersand(void **state) {
  (void)state;
  static const char xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<treaty><meta>"
    "<treaty_identifier>9</treaty_identifier></meta><body>"
    "<chapter name=\"Science &amp; Technology\"><article name=\"a &#38;#38; b &#x26;&amp;\">"
    "x</article></chapter><chapter name=\"No refs\"/></body></treaty>\n";
  for (int m = 0; m < 2; m++) {
    GString *text = g_string_new(NULL);
    perr_t e = { 0 };
    gboolean scanned = FALSE;
    doc_t *d = tri_parse_doc_mode("amp.xml", xml, sizeof xml - 1, &e, text,
                                  m ? TRI_XML_LIBXML2 : TRI_XML_SCAN, &scanned, NULL);
    assert_non_null(d);
    assert_int_equal(scanned, m == 0);
    assert_string_equal(d->chapters[0].name, "Science & Technology");
    assert_string_equal(d->chapters[1].name, "No refs");
    assert_string_equal(d->articles[0].name, "a &#38; b &&");
    tri_doc_free(d);
    g_string_free(text, TRUE);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_strdup_blocks),
    cmocka_unit_test(test_parse_in_arena),
    cmocka_unit_test(test_attr_ampersand),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
